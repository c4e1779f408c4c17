//! What to redo in a build: which sources to read again and which specifiers to resolve
//! again. Found either by checking every stamp (a new process, or a build without a
//! watcher) or from the paths a watcher or `update` reported.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::FxHashSet;

use super::state::{Graph, Target};
use crate::{
    paths::{from_rel, is_relative_specifier, to_rel},
    stamp::{stat, stat_dir},
};

#[derive(Debug, Default)]
pub struct Changes {
    /// Modules whose source must be read again.
    pub content: FxHashSet<String>,
    /// Links (module, index) to resolve again.
    pub links: FxHashSet<(String, u32)>,
    /// Something on disk changed that resolution may have cached.
    pub any: bool,
}

/// Why links go stale.
#[derive(Default)]
struct Stale {
    /// Modules that no longer exist: links to them resolve again.
    gone: FxHashSet<String>,
    /// Probed paths that may now exist.
    probes: FxHashSet<u32>,
    manifests: FxHashSet<u32>,
    /// `paths`/`baseUrl` may have changed: every non-relative specifier.
    non_relative: bool,
    /// A `package.json` appeared or went: any directory import may read it.
    everything: bool,
}

impl Stale {
    fn is_empty(&self) -> bool {
        self.gone.is_empty() && self.probes.is_empty() && self.manifests.is_empty() && !self.non_relative && !self.everything
    }
}

/// Checks the stamp of every source, probe directory, manifest and config file.
pub fn scan(graph: &Graph, root: &Path) -> Changes {
    let mut changes = Changes::default();
    let mut stale = Stale::default();
    let sources: Vec<(&String, Option<bool>)> = graph
        .modules
        .par_iter()
        .map(|(rel, m)| {
            let now = stat(&from_rel(root, rel)).ok().flatten();
            let state = match (now, &m.source) {
                (None, _) => None,
                (Some(now), Some(src)) if src.stamp == now && !src.racy => Some(false),
                (Some(_), _) => Some(true),
            };
            (rel, state)
        })
        .collect();
    for (rel, state) in sources {
        match state {
            None => {
                stale.gone.insert(rel.clone());
                changes.content.insert(rel.clone());
            }
            Some(true) => {
                changes.content.insert(rel.clone());
            }
            Some(false) => {}
        }
    }

    let moved_anchors: FxHashSet<u32> = graph
        .anchors
        .par_iter()
        .filter(|(id, seen)| seen.changed(stat_dir(graph.paths.get(**id))))
        .map(|(id, _)| *id)
        .collect();
    if !moved_anchors.is_empty() {
        stale.probes = graph
            .probes
            .par_iter()
            .filter(|(probe, anchor)| moved_anchors.contains(anchor) && exists(graph.paths.get(**probe)))
            .map(|(probe, _)| *probe)
            .collect();
    }
    stale.manifests = graph
        .manifests
        .iter()
        .filter(|(id, seen)| seen.changed(stat(graph.paths.get(**id)).ok().flatten()))
        .map(|(id, _)| *id)
        .collect();
    stale.non_relative = graph
        .config_files
        .iter()
        .any(|(path, seen)| seen.changed(stat(path).ok().flatten()));

    changes.any = !changes.content.is_empty() || !stale.is_empty();
    changes.links = stale_links(graph, &stale);
    changes
}

fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

fn is_manifest(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n == "package.json" || n == "jsconfig.json" || (n.starts_with("tsconfig") && n.ends_with(".json")))
}

/// The same, from paths reported as changed (created, written, removed or renamed).
pub fn from_paths(graph: &Graph, root: &Path, paths: &[PathBuf], config_files: &[PathBuf]) -> Changes {
    let mut changes = Changes::default();
    let mut stale = Stale::default();
    if paths.is_empty() {
        return changes;
    }
    changes.any = true;
    for path in paths {
        if let Some(rel) = to_rel(root, path).filter(|rel| graph.modules.contains_key(rel)) {
            if !exists(path) {
                stale.gone.insert(rel.clone());
            }
            changes.content.insert(rel);
        }
        if config_files.contains(path) || (is_manifest(path) && path.file_name() != Some("package.json".as_ref())) {
            stale.non_relative = true;
        }
        if path.file_name() == Some("package.json".as_ref()) {
            stale.everything = true;
        }
    }
    // A created directory brings every probe below it.
    stale.probes = graph.paths.under(paths).into_iter().filter(|id| graph.probes.contains_key(id)).collect();
    stale.manifests = graph.paths.under(paths).into_iter().filter(|id| graph.manifests.contains_key(id)).collect();
    changes.links = stale_links(graph, &stale);
    changes
}

fn stale_links(graph: &Graph, stale: &Stale) -> FxHashSet<(String, u32)> {
    if stale.is_empty() {
        return FxHashSet::default();
    }
    graph
        .modules
        .par_iter()
        .flat_map_iter(|(rel, m)| {
            let imports = m.transformed.as_ref().map(|t| t.imports.as_slice()).unwrap_or(&[]);
            m.links.iter().enumerate().filter_map(move |(i, link)| {
                let hit = stale.everything
                    || matches!(&link.target, Target::Module(t) if stale.gone.contains(t))
                    || link.missing.iter().any(|p| stale.probes.contains(p))
                    || link.manifests.iter().any(|p| stale.manifests.contains(p))
                    || (stale.non_relative && imports.get(i).is_some_and(|imp| !is_relative_specifier(&imp.specifier)));
                hit.then(|| (rel.clone(), i as u32))
            })
        })
        .collect()
}
