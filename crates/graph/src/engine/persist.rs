//! What an engine keeps between builds and processes: the cache entries and the saved
//! graph (`save`, with the probe anchors stamped just before), and `.graph.json` in the out
//! dir.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::{
    state::{self, Seen},
    BuildReport, Engine,
};
use crate::{
    batch::write,
    diagnostics,
    hash::{of_bytes, Hash},
    stamp::{stat, stat_dir},
    store,
};

impl Engine {
    /// Stamps the directories above probed paths, so that the next process sees a file
    /// created in one (its mtime moves). A stamp vouches for what was checked after it
    /// was taken: after stamping a directory, its probes are checked to still be missing
    /// (one that exists leaves the directory racy, to be checked again). Probes that no
    /// link holds any more are forgotten.
    pub(super) fn refresh_anchors(&mut self) {
        let graph = &mut self.graph;
        let mut probes: FxHashSet<u32> = FxHashSet::default();
        let mut manifests: FxHashSet<u32> = FxHashSet::default();
        for m in graph.modules.values() {
            for link in &m.links {
                probes.extend(&link.missing);
                manifests.extend(&link.manifests);
            }
        }
        graph.probes.retain(|p, _| probes.contains(p));
        graph.manifests.retain(|p, _| manifests.contains(p));
        let mut anchor_of: FxHashMap<PathBuf, u32> = FxHashMap::default();
        let new: Vec<u32> = probes
            .into_iter()
            .filter(|p| !graph.probes.contains_key(p))
            .collect();
        for probe in new {
            let mut dir = graph.paths.get(probe).parent().map(Path::to_path_buf);
            while let Some(d) = dir {
                if let Some(&id) = anchor_of.get(&d) {
                    graph.probes.insert(probe, id);
                    break;
                }
                if stat_dir(&d).is_some() {
                    let id = graph.paths.intern(&d);
                    anchor_of.insert(d, id);
                    graph.probes.insert(probe, id);
                    break;
                }
                dir = d.parent().map(Path::to_path_buf);
            }
        }
        let anchors: FxHashSet<u32> = graph.probes.values().copied().collect();
        graph.anchors.retain(|a, _| anchors.contains(a));
        let paths = &graph.paths;
        let restamped: FxHashMap<u32, Seen> = anchors
            .into_par_iter()
            .filter_map(|a| {
                let now = stat_dir(paths.get(a));
                let seen = graph.anchors.get(&a);
                (seen.is_none_or(|s| s.changed(now))).then(|| (a, Seen::now(now)))
            })
            .collect();
        if restamped.is_empty() {
            return;
        }
        let created: FxHashSet<u32> = graph
            .probes
            .par_iter()
            .filter(|(probe, anchor)| {
                restamped.contains_key(anchor)
                    && std::fs::symlink_metadata(paths.get(**probe)).is_ok()
            })
            .map(|(_, anchor)| *anchor)
            .collect();
        for (a, mut seen) in restamped {
            seen.racy |= created.contains(&a);
            graph.anchors.insert(a, seen);
        }
    }

    /// Writes `.graph.json` unless it already holds what it would.
    pub(super) fn write_graph_json(&mut self, report: &mut BuildReport) {
        let json = crate::graph_json::to_json(
            &self.settings.root,
            &self.settings.out_dir,
            &self.entries,
            &self.graph.modules,
        );
        let path = self.settings.out_dir.join(".graph.json");
        let hash = of_bytes(json.as_bytes());
        let current = stat(&path).ok().flatten();
        if let Some(w) = self
            .graph
            .graph_json
            .filter(|w| w.hash == hash && Some(w.stamp) == current)
        {
            self.graph.graph_json = Some(w);
            return;
        }
        match write(&path, json.as_bytes()).and_then(|_| stat(&path)) {
            Ok(Some(stamp)) => self.graph.graph_json = Some(state::Written { stamp, hash }),
            Ok(None) => {}
            Err(err) => report
                .diagnostics
                .push(diagnostics::write_failed(&path, &err)),
        }
    }

    /// The cache keys of the graph's compiled modules, by path (a reader fetching chunks
    /// as it walks finds a folder's modules together).
    fn live_keys(&self) -> Vec<Hash> {
        let mut live: Vec<(&String, Hash)> = self
            .graph
            .modules
            .iter()
            .filter_map(|(rel, m)| Some((rel, m.transformed.as_ref()?.key)))
            .collect();
        live.sort_unstable();
        live.into_iter().map(|(_, key)| key).collect()
    }

    /// Writes out the cache entries made since the last save, trims the cache to its size,
    /// and saves the graph (if it changed); says whether it wrote anything.
    pub fn save(&mut self) -> bool {
        if !self.store.enabled() {
            return false;
        }
        let wrote = self.store.flush();
        if let Some(remote) = &self.remote {
            remote.upload(&self.store, &self.live_keys());
        }
        if wrote > 0 {
            self.graph.store_bytes += wrote;
            self.graph.store_packs += 1;
            self.unsaved = true;
        }
        if self.graph.store_bytes > self.cache_max_bytes
            || self.graph.store_packs > store::MAX_PACKS
        {
            let keep: FxHashSet<Hash> = self
                .graph
                .modules
                .values()
                .filter_map(|m| m.transformed.as_ref().map(|t| t.key))
                .collect();
            (self.graph.store_bytes, self.graph.store_packs) =
                store::evict(&self.store, self.cache_max_bytes, &keep);
            self.unsaved = true;
        }
        if !self.unsaved {
            return wrote > 0;
        }
        self.unsaved = false;
        self.refresh_anchors();
        self.store.save(&self.snapshot, &self.graph);
        true
    }
}
