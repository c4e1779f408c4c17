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
                let imports = m
                    .transformed
                    .as_ref()
                    .map(|t| t.imports.as_slice())
                    .unwrap_or(&[]);
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
}

/// `.graph.json`: `{ version, root, entries, modules: { [path]: { output, dependencies,
/// externals, importers } } }`, paths relative to the root (`root` relative to the out
/// dir), in order. Written in one pass over the graph, borrowing its strings: it is
/// rewritten whenever an edge moves, so it must cost little next to a rebuild.
pub fn to_json(
    root: &Path,
    out_dir: &Path,
    entries: &[String],
    modules: &FxHashMap<String, Module>,
) -> String {
    let mut importers: FxHashMap<&str, Vec<&str>> = FxHashMap::default();
    for (rel, m) in modules {
        for t in m.targets() {
            importers.entry(t).or_default().push(rel);
        }
    }
    let mut rels: Vec<&String> = modules.keys().collect();
    rels.sort();
    let mut out = String::with_capacity(modules.len() * 160);
    let relative_root = relative_path(out_dir, root);
    let quoted = |s: &str| serde_json::to_string(s).expect("strings serialize");
    let list = |out: &mut String, items: &mut Vec<&str>| {
        items.sort_unstable();
        items.dedup();
        out.push('[');
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&quoted(item));
        }
        out.push(']');
    };
    out.push_str(&format!(
        "{{\"version\":1,\"root\":{},\"entries\":{},\"modules\":{{",
        quoted(if relative_root.is_empty() {
            "."
        } else {
            &relative_root
        }),
        serde_json::to_string(entries).expect("strings serialize")
    ));
    for (i, rel) in rels.into_iter().enumerate() {
        let m = &modules[rel];
        if i > 0 {
            out.push(',');
        }
        out.push_str(&quoted(rel));
        out.push_str(":{\"output\":");
        match &m.emitted {
            Some(_) => out.push_str(&quoted(&output_name(rel))),
            None => out.push_str("null"),
        }
        let imports = m
            .transformed
            .as_ref()
            .map(|t| t.imports.as_slice())
            .unwrap_or(&[]);
        let mut deps: Vec<&str> = m.targets().collect();
        let mut externals: Vec<&str> = imports
            .iter()
            .zip(&m.links)
            .filter(|(_, l)| l.target == Target::External)
            .map(|(i, _)| i.specifier.as_str())
            .collect();
        let mut by: Vec<&str> = importers.get(rel.as_str()).cloned().unwrap_or_default();
        out.push_str(",\"dependencies\":");
        list(&mut out, &mut deps);
        out.push_str(",\"externals\":");
        list(&mut out, &mut externals);
        out.push_str(",\"importers\":");
        list(&mut out, &mut by);
        out.push('}');
    }
    out.push_str("}}\n");
    out
}
