//! File watching, kept apart from the engine: the watcher only turns events into the
//! changed paths, debounced, and hands them to a callback (as rust-analyzer's vfs-notify
//! does). It watches the folders the graph names, not whole trees: the folders of the
//! modules, of the paths resolution probed, and of the manifests and config files.
//! Watching folders, not files, keeps editors' atomic saves (write a temporary file,
//! rename it over the original) visible as a change to the original's path.

use std::{
    collections::BTreeSet,
    path::PathBuf,
    sync::mpsc::{channel, Receiver, RecvTimeoutError},
    thread,
    time::{Duration, Instant},
};

use notify::{Event, RecommendedWatcher, RecursiveMode, Watcher as _};

/// Quiet time that ends a burst of events (an editor's save is a few at once).
const QUIET: Duration = Duration::from_millis(3);
/// A burst is cut after this long, so a steady stream still yields rebuilds.
const LONGEST: Duration = Duration::from_millis(200);

/// What the callback receives: the changed paths, or `rescan` when events were lost
/// (the kernel's queue overflowed) and every file must be checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Changed {
    pub paths: Vec<PathBuf>,
    pub rescan: bool,
}

pub struct Watcher {
    inner: RecommendedWatcher,
    dirs: BTreeSet<PathBuf>,
}

impl Watcher {
    /// Starts watching nothing yet; events below `ignore` (the out dir, the cache) are
    /// dropped.
    pub fn start(
        ignore: Vec<PathBuf>,
        on_change: impl Fn(Changed) + Send + 'static,
    ) -> notify::Result<Self> {
        let (tx, rx) = channel();
        let inner = notify::recommended_watcher(tx)?;
        thread::Builder::new()
            .name("compiler-js-watch".into())
            .spawn(move || debounce(rx, &ignore, on_change))
            .expect("the watch thread starts");
        Ok(Self {
            inner,
            dirs: BTreeSet::new(),
        })
    }

    /// Watches exactly `dirs` from now on (each without its subfolders).
    pub fn set_dirs(&mut self, dirs: BTreeSet<PathBuf>) {
        for gone in self.dirs.difference(&dirs) {
            let _ = self.inner.unwatch(gone);
        }
        for new in dirs.difference(&self.dirs) {
            let _ = self.inner.watch(new, RecursiveMode::NonRecursive);
        }
        self.dirs = dirs;
    }
}

fn debounce(rx: Receiver<notify::Result<Event>>, ignore: &[PathBuf], on_change: impl Fn(Changed)) {
    // Ends when the watcher is dropped and the channel closes.
    while let Ok(first) = rx.recv() {
        let mut changed = Changed::default();
        let started = Instant::now();
        let mut next = Some(first);
        while let Some(event) = next.take() {
            match event {
                Ok(event) if event.need_rescan() => changed.rescan = true,
                Ok(event) if event.kind.is_access() => {}
                Ok(event) => changed.paths.extend(
                    event
                        .paths
                        .into_iter()
                        .filter(|p| !ignore.iter().any(|i| p.starts_with(i))),
                ),
                Err(_) => changed.rescan = true,
            }
            let left = LONGEST.saturating_sub(started.elapsed());
            next = match rx.recv_timeout(QUIET.min(left)) {
                Ok(e) => Some(e),
                Err(RecvTimeoutError::Timeout) => None,
                Err(RecvTimeoutError::Disconnected) => return,
            };
        }
        changed.paths.sort();
        changed.paths.dedup();
        if changed.rescan || !changed.paths.is_empty() {
            on_change(changed);
        }
    }
}

#[cfg(test)]
mod tests {
    use std::{fs, sync::mpsc};

    use super::*;

    #[test]
    fn reports_writes_creations_and_atomic_renames_in_watched_dirs() {
        let dir = std::env::temp_dir().join(format!("compiler-watch-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("out")).unwrap();
        let dir = fs::canonicalize(dir).unwrap();
        fs::write(dir.join("a.ts"), "1").unwrap();
        let (tx, rx) = mpsc::channel();
        let mut watcher =
            Watcher::start(vec![dir.join("out")], move |c| tx.send(c).unwrap()).unwrap();
        watcher.set_dirs([dir.clone(), dir.join("out")].into_iter().collect());
        let next = || rx.recv_timeout(Duration::from_secs(5)).unwrap();

        fs::write(dir.join("a.ts"), "2").unwrap();
        assert_eq!(next().paths, vec![dir.join("a.ts")]);

        // An editor's atomic save: the original's path is reported.
        fs::write(dir.join("a.ts.tmp"), "3").unwrap();
        fs::rename(dir.join("a.ts.tmp"), dir.join("a.ts")).unwrap();
        assert!(next().paths.contains(&dir.join("a.ts")));

        fs::write(dir.join("out/ignored.js"), "").unwrap();
        fs::write(dir.join("b.ts"), "").unwrap();
        assert_eq!(next().paths, vec![dir.join("b.ts")]);
        fs::remove_dir_all(&dir).unwrap();
    }
}
