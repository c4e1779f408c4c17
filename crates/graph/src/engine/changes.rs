//! What to redo in a build: which sources to read again and which specifiers to resolve
//! again. Found either by checking every stamp (a new process, or a build without a
//! watcher) or from the paths a watcher or `update` reported.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::FxHashSet;

use super::{
    state::{Graph, Target},
    walk::outputs_moved,
    Settings,
};
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
    /// Modules whose outputs on disk are not as written.
    pub outputs: FxHashSet<String>,
    /// Something changed that the resolver may have cached (a file came or went, a
    /// manifest or config changed): its cache must be dropped.
    pub resolution: bool,
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
        self.gone.is_empty()
            && self.probes.is_empty()
            && self.manifests.is_empty()
            && !self.non_relative
            && !self.everything
    }
}

/// Checks the stamp of every source, output, probe directory, manifest and config file.
pub fn scan(graph: &Graph, settings: &Settings) -> Changes {
    let root = &settings.root;
    let mut changes = Changes::default();
    let mut stale = Stale::default();
    let sources: Vec<(&String, Option<bool>, bool)> = graph
        .modules
        .par_iter()
        .map(|(rel, m)| {
            let now = stat(&from_rel(root, rel)).ok().flatten();
            let state = match (now, &m.source) {
                (None, _) => None,
                (Some(now), Some(src)) if src.stamp == now && !src.racy => Some(false),
                (Some(_), _) => Some(true),
            };
            let output_moved = m
                .emitted
                .as_ref()
                .is_some_and(|e| outputs_moved(settings, e));
            (rel, state, output_moved)
        })
        .collect();
    for (rel, state, output_moved) in sources {
        if output_moved {
            changes.outputs.insert(rel.clone());
        }
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
        // The resolver reads a folder's package.json once per build, so not every link
        // that depends on a new one lists it: a new one anywhere re-resolves everything.
        stale.everything = moved_anchors.iter().any(|a| {
            let manifest = graph.paths.get(*a).join("package.json");
            manifest.is_file()
                && !graph
                    .manifests
                    .keys()
                    .any(|m| graph.paths.get(*m) == manifest)
        });
        stale.probes = graph
            .probes
            .par_iter()
            .filter(|(probe, anchor)| {
                moved_anchors.contains(anchor) && exists(graph.paths.get(**probe))
            })
            .map(|(probe, _)| *probe)
            .collect();
    }
    stale.manifests = graph
        .manifests
        .iter()
        .filter(|(id, seen)| seen.changed(stat(graph.paths.get(**id)).ok().flatten()))
        .map(|(id, _)| *id)
        .collect();
    // As above: a changed package.json may matter to links that do not list it.
    stale.everything |= stale.manifests.iter().any(|id| {
        graph
            .paths
            .get(*id)
            .file_name()
            .is_some_and(|n| n == "package.json")
    });
    stale.non_relative = graph
        .config_files
        .iter()
        .any(|(path, seen)| seen.changed(stat(path).ok().flatten()));

    changes.resolution = !stale.is_empty();
    changes.links = stale_links(graph, &stale);
    changes
}

fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

fn is_manifest(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
        n == "package.json"
            || n == "jsconfig.json"
            || (n.starts_with("tsconfig") && n.ends_with(".json"))
    })
}

/// The same, from paths reported as changed (created, written, removed or renamed).
pub fn from_paths(
    graph: &Graph,
    root: &Path,
    paths: &[PathBuf],
    config_files: &[PathBuf],
) -> Changes {
    let mut changes = Changes::default();
    let mut stale = Stale::default();
    if paths.is_empty() {
        return changes;
    }
    let mut dirs = vec![];
    for path in paths {
        let module = to_rel(root, path).filter(|rel| graph.modules.contains_key(rel));
        let present = exists(path);
        if let Some(rel) = module.clone() {
            if !present {
                stale.gone.insert(rel.clone());
            }
            changes.content.insert(rel);
        }
        // Anything but an edit of a module's file may change how something resolves.
        changes.resolution |= module.is_none() || !present;
        if path.is_dir() {
            dirs.push(path.clone());
        }
        if config_files.contains(path)
            || (is_manifest(path) && path.file_name() != Some("package.json".as_ref()))
        {
            stale.non_relative = true;
        }
        if path.file_name() == Some("package.json".as_ref()) {
            stale.everything = true;
        }
    }
    // The paths themselves, and for a created directory every path below it.
    let mut hit: FxHashSet<u32> = paths.iter().filter_map(|p| graph.paths.id(p)).collect();
    if !dirs.is_empty() {
        hit.extend(graph.paths.under(&dirs));
    }
    stale.probes = hit
        .iter()
        .copied()
        .filter(|id| graph.probes.contains_key(id))
        .collect();
    stale.manifests = hit
        .into_iter()
        .filter(|id| graph.manifests.contains_key(id))
        .collect();
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
            let imports = m
                .transformed
                .as_ref()
                .map(|t| t.imports.as_slice())
                .unwrap_or(&[]);
            m.links.iter().enumerate().filter_map(move |(i, link)| {
                let hit = stale.everything
                    || matches!(&link.target, Target::Module(t) if stale.gone.contains(t))
                    || link.missing.iter().any(|p| stale.probes.contains(p))
                    || link.manifests.iter().any(|p| stale.manifests.contains(p))
                    || (stale.non_relative
                        && imports
                            .get(i)
                            .is_some_and(|imp| !is_relative_specifier(&imp.specifier)));
                hit.then(|| (rel.clone(), i as u32))
            })
        })
        .collect()
}
