//! An engine's watch session: which folders to watch, and the watcher that feeds the inbox.

use std::{
    collections::BTreeSet,
    path::{Path, PathBuf},
};

use super::{CloseReport, Engine};
use crate::watch::{Changed, Watcher};

impl Engine {
    /// Folders a watcher must watch: those of the modules, the probe anchors, the
    /// manifests and the config files; never the out dir or the cache.
    pub fn watch_dirs(&self) -> BTreeSet<PathBuf> {
        let root = &self.settings.root;
        let mut dirs: BTreeSet<PathBuf> = self
            .graph
            .modules
            .keys()
            .filter_map(|rel| {
                crate::paths::from_rel(root, rel)
                    .parent()
                    .map(Path::to_path_buf)
            })
            .collect();
        dirs.extend(
            self.graph
                .anchors
                .keys()
                .map(|id| self.graph.paths.get(*id).to_path_buf()),
        );
        dirs.extend(
            self.graph
                .manifests
                .keys()
                .filter_map(|id| self.graph.paths.get(*id).parent().map(Path::to_path_buf)),
        );
        dirs.extend(
            self.config_files
                .iter()
                .filter_map(|p| p.parent().map(Path::to_path_buf)),
        );
        dirs.retain(|d| {
            !d.starts_with(&self.settings.out_dir)
                && !self.cache_dir.as_ref().is_some_and(|c| d.starts_with(c))
                && !crate::paths::has_node_modules(d)
        });
        dirs
    }

    /// Starts a watcher that calls `on_change` with debounced changes; the host then
    /// calls `update` (or `rescan`) and `build`.
    pub fn watch(&mut self, on_change: impl Fn(Changed) + Send + 'static) -> Result<(), String> {
        let mut ignore = vec![self.settings.out_dir.clone()];
        ignore.extend(self.cache_dir.clone());
        let mut watcher =
            Watcher::start(ignore, on_change).map_err(|e| format!("cannot watch files: {e}"))?;
        watcher.set_dirs(self.watch_dirs());
        self.watcher = Some(watcher);
        // What changed between the last build and now has no event: the next build
        // checks every stamp.
        self.inbox.rescan();
        Ok(())
    }

    /// Stops watching, saves the graph and waits for uploads to the remote cache.
    pub fn close(&mut self) -> CloseReport {
        self.watcher = None;
        self.save();
        let Some(remote) = &self.remote else {
            return CloseReport::default();
        };
        remote.flush();
        CloseReport {
            remote: Some(remote.report()),
            warnings: remote.take_warnings(),
        }
    }
}
