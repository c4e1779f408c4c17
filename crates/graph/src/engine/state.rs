//! What the graph remembers about each module between builds and across processes.
//!
//! Module paths are relative to the root; the paths the resolver probed are interned in
//! one table. The whole `Graph` is saved after a build that changed it, so a new process
//! starts from it without reading unchanged files.

use std::path::{Path, PathBuf};

use compiler_transform::{imports::ImportRef, Diagnostic};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::{hash::Hash, stamp::Stamp};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Module {
    /// The source as last read.
    pub source: Option<Source>,
    /// The last good transform of a script; an asset has none.
    pub transformed: Option<Transformed>,
    /// How each of `transformed.imports` resolved, in the same order.
    pub links: Vec<Link>,
    /// The transform of this source failed (the source hash, and why); the last good
    /// output stays.
    pub failed: Option<(Hash, Vec<Diagnostic>)>,
    pub emitted: Option<Emitted>,
    /// What went wrong reading the source or writing the output (or another module
    /// claims its output name) at its last visit; a module with problems is visited
    /// again by every build.
    pub problems: Vec<Diagnostic>,
}

impl Module {
    /// Every diagnostic the module has now: its transform's, its imports', its own.
    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.failed
            .iter()
            .flat_map(|(_, d)| d)
            .chain(self.links.iter().filter_map(|l| l.problem.as_ref()))
            .chain(&self.problems)
    }

    pub fn targets(&self) -> impl Iterator<Item = &str> {
        self.links.iter().filter_map(|l| match &l.target {
            Target::Module(t) => Some(t.as_str()),
            _ => None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub stamp: Stamp,
    pub hash: Hash,
    /// Read so soon after a change that an equal stamp proves nothing (see `stamp.rs`).
    pub racy: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transformed {
    /// The cache key of the transform: build, options, path and source hash.
    pub key: Hash,
    pub imports: Vec<ImportRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Target {
    /// A module of the graph, by its path relative to the root.
    Module(String),
    /// Left as written: a package, a built-in, a URL, an `external` pattern.
    External,
    /// Not resolved; the link's diagnostic says why.
    Failed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub target: Target,
    pub problem: Option<Diagnostic>,
    /// Paths (ids in `Graph::paths`) looked for and not found.
    pub missing: Vec<u32>,
    /// `package.json` and `tsconfig.json` files the result depends on.
    pub manifests: Vec<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Emitted {
    /// Everything the written text depends on: the transform key and how each
    /// specifier was rewritten (or the source hash of an asset).
    pub key: Hash,
    /// The output's path relative to the out dir.
    pub output: String,
    pub code: Written,
    pub map: Option<Written>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Written {
    pub stamp: Stamp,
    pub hash: Hash,
}

/// A file or directory as last stamped (`None`: it did not exist).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seen {
    pub stamp: Option<Stamp>,
    /// Stamped so soon after a change that an equal stamp proves nothing.
    pub racy: bool,
}

impl Seen {
    pub fn now(stamp: Option<Stamp>) -> Self {
        let racy = stamp.is_some_and(|s| s.racy_at(std::time::SystemTime::now()));
        Self { stamp, racy }
    }

    /// Whether `current` may differ from what was seen.
    pub fn changed(&self, current: Option<Stamp>) -> bool {
        self.racy || self.stamp != current
    }
}

/// Interned absolute paths: probes and manifests repeat across thousands of links.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct PathTable {
    paths: Vec<PathBuf>,
    #[serde(skip)]
    ids: FxHashMap<PathBuf, u32>,
}

impl PathTable {
    pub fn intern(&mut self, path: &Path) -> u32 {
        if self.ids.is_empty() && !self.paths.is_empty() {
            self.reindex();
        }
        if let Some(&id) = self.ids.get(path) {
            return id;
        }
        let id = self.paths.len() as u32;
        self.paths.push(path.to_path_buf());
        self.ids.insert(path.to_path_buf(), id);
        id
    }

    pub fn reindex(&mut self) {
        self.ids = self
            .paths
            .iter()
            .enumerate()
            .map(|(i, p)| (p.clone(), i as u32))
            .collect();
    }

    /// The id of `path`, if it was interned (after `reindex` on a loaded table).
    pub fn id(&self, path: &Path) -> Option<u32> {
        self.ids.get(path).copied()
    }

    pub fn get(&self, id: u32) -> &Path {
        &self.paths[id as usize]
    }

    /// Ids of the paths equal to or below any of `roots`.
    pub fn under(&self, roots: &[PathBuf]) -> Vec<u32> {
        (0..self.paths.len() as u32)
            .filter(|&id| roots.iter().any(|r| self.get(id).starts_with(r)))
            .collect()
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Graph {
    /// The root the graph was built for; a graph saved for another root is not used.
    pub root: PathBuf,
    /// Options, build and out dir the outputs were written with.
    pub options_hash: Hash,
    pub modules: FxHashMap<String, Module>,
    pub paths: PathTable,
    /// For each probed path that was not found, its nearest existing ancestor directory:
    /// creating the path changes that directory's mtime.
    pub probes: FxHashMap<u32, u32>,
    /// Those directories, as stamped when last checked.
    pub anchors: FxHashMap<u32, Seen>,
    /// Manifests that resolutions read, as stamped when last checked.
    pub manifests: FxHashMap<u32, Seen>,
    /// Config files the host read, as stamped at the last build.
    pub config_files: Vec<(PathBuf, Seen)>,
    /// What `.graph.json` held when last written, and its stamp.
    pub graph_json: Option<Written>,
    /// Estimates of the bytes the cache's packs take, and how many there are.
    pub store_bytes: u64,
    pub store_packs: usize,
}
