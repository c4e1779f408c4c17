//! The graph as the host sees it: each module's dependencies, externals and importers.
//! Written to `outDir/.graph.json` (for a dev server's HMR boundaries) and kept in
//! memory for `dependencies(path)` and `importers(path)`.

use std::{
    collections::{BTreeMap, BTreeSet},
    path::{Path, PathBuf},
};

use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::{
    engine::state::{Module, Target},
    paths::{from_rel, output_name, relative_path},
};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Edges {
    /// The module's output, relative to the out dir (none when it failed).
    pub output: Option<String>,
    pub dependencies: BTreeSet<String>,
    /// Specifiers left as written (packages, built-ins, URLs).
    pub externals: BTreeSet<String>,
    pub importers: BTreeSet<String>,
}

/// Paths relative to the root, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct View {
    pub root: PathBuf,
    pub modules: BTreeMap<String, Edges>,
}

impl View {
    pub fn new(root: &Path, modules: &FxHashMap<String, Module>) -> Self {
        let mut edges: BTreeMap<String, Edges> = modules
            .iter()
            .map(|(rel, m)| {
                let imports = m.transformed.as_ref().map(|t| t.imports.as_slice()).unwrap_or(&[]);
                let mut e = Edges {
                    output: m.emitted.as_ref().map(|_| output_name(rel)),
                    ..Edges::default()
                };
                for (import, link) in imports.iter().zip(&m.links) {
                    match &link.target {
                        Target::Module(t) => {
                            e.dependencies.insert(t.clone());
                        }
                        Target::External => {
                            e.externals.insert(import.specifier.clone());
                        }
                        Target::Failed => {}
                    }
                }
                (rel.clone(), e)
            })
            .collect();
        let reverse: Vec<(String, String)> = edges
            .iter()
            .flat_map(|(rel, e)| e.dependencies.iter().map(move |d| (d.clone(), rel.clone())))
            .collect();
        for (dep, importer) in reverse {
            if let Some(e) = edges.get_mut(&dep) {
                e.importers.insert(importer);
            }
        }
        Self {
            root: root.to_path_buf(),
            modules: edges,
        }
    }

    pub fn dependencies(&self, path: &Path) -> Vec<PathBuf> {
        self.lookup(path, |e| &e.dependencies)
    }

    pub fn importers(&self, path: &Path) -> Vec<PathBuf> {
        self.lookup(path, |e| &e.importers)
    }

    fn lookup(&self, path: &Path, pick: impl Fn(&Edges) -> &BTreeSet<String>) -> Vec<PathBuf> {
        crate::paths::to_rel(&self.root, path)
            .and_then(|rel| self.modules.get(&rel))
            .map(|e| pick(e).iter().map(|r| from_rel(&self.root, r)).collect())
            .unwrap_or_default()
    }

    /// `.graph.json`: modules by path relative to the root, and where the root is,
    /// relative to the out dir.
    pub fn to_json(&self, out_dir: &Path, entries: &[String]) -> String {
        #[derive(Serialize)]
        struct File<'a> {
            version: u32,
            root: String,
            entries: &'a [String],
            modules: &'a BTreeMap<String, Edges>,
        }
        let root = relative_path(out_dir, &self.root);
        let file = File {
            version: 1,
            root: if root.is_empty() { ".".into() } else { root },
            entries,
            modules: &self.modules,
        };
        let mut json = serde_json::to_string(&file).expect("the graph serializes");
        json.push('\n');
        json
    }
}
