//! Writing, after a build is saved: the live entries no kept chunk holds go up in new
//! chunks, then the manifest, then the action result.

use std::{
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc,
    },
    thread,
};

use rustc_hash::FxHashSet;

use super::{
    action::{self, Digest},
    add, blob,
    blob::{ChunkRef, Manifest},
    http::{Client, Failure},
    read::Loaded,
    Remote,
};
use crate::{hash::Hash, store::Store};

/// A manifest with more chunks than this is packed afresh.
const MAX_CHUNKS: usize = 64;
/// Chunks uploaded at once.
const UPLOADS: usize = 4;

impl Remote {
    /// Sends the live entries (`live`, in the order a reader is likely to want them) that
    /// the remote lacks, in the background; [`Remote::flush`] waits for it.
    pub fn upload(&self, store: &Store, live: &[Hash]) {
        if self.read_only {
            return;
        }
        self.flush();
        if self.is_off() {
            return;
        }
        let Some(loaded) = self.loaded() else {
            return;
        };
        let Some(plan) = plan(&loaded, live, store) else {
            return;
        };
        let Some(this) = self.me.upgrade() else {
            return;
        };
        *self.upload.lock().unwrap() = Some(thread::spawn(move || this.send(plan)));
    }

    fn send(&self, plan: Plan) {
        let next = AtomicUsize::new(0);
        thread::scope(|s| {
            for _ in 0..UPLOADS.min(plan.blobs.len()) {
                s.spawn(|| loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if self.is_off() || i >= plan.blobs.len() {
                        return;
                    }
                    let (digest, bytes) = &plan.blobs[i];
                    self.put(|c| c.put_cas(digest, bytes), bytes.len());
                });
            }
        });
        let key = self.project.lock().unwrap().clone();
        let (digest, bytes) = &plan.manifest_blob;
        if self.is_off()
            || !self.put(|c| c.put_cas(digest, bytes), bytes.len())
            || !self.put(|c| c.put_ac(&key, &plan.action), plan.action.len())
        {
            return;
        }
        *self.state.lock().unwrap() = Some(Arc::new(Loaded::new(plan.manifest)));
    }

    fn put(&self, f: impl FnOnce(&Client) -> Result<(), Failure>, len: usize) -> bool {
        match f(&self.client) {
            Ok(()) => {
                add(&self.counters.bytes_up, len as u64);
                true
            }
            Err(e) => {
                self.failed("writing", &e);
                false
            }
        }
    }

    /// Waits for the upload in flight, if any (each request has its timeout).
    pub fn flush(&self) {
        let handle = self.upload.lock().unwrap().take();
        if let Some(handle) = handle {
            let _ = handle.join();
        }
    }
}

/// What one upload sends: new chunks, then the manifest, then the action result.
pub(super) struct Plan {
    blobs: Vec<(Digest, Vec<u8>)>,
    manifest: Manifest,
    manifest_blob: (Digest, Vec<u8>),
    action: Vec<u8>,
}

/// `None` when the remote already holds every live entry.
pub(super) fn plan(loaded: &Loaded, live: &[Hash], store: &Store) -> Option<Plan> {
    let live_set: FxHashSet<Hash> = live.iter().copied().collect();
    let damaged = loaded.damaged.lock().unwrap().clone();
    let mut kept: Vec<ChunkRef> = loaded
        .manifest
        .chunks
        .iter()
        .enumerate()
        .filter(|(i, c)| !damaged.contains(i) && c.keys.iter().any(|k| live_set.contains(k)))
        .map(|(_, c)| c.clone())
        .collect();
    let covered: FxHashSet<Hash> = kept.iter().flat_map(|c| c.keys.iter().copied()).collect();
    let mut missing: Vec<Hash> = live
        .iter()
        .copied()
        .filter(|k| !covered.contains(k))
        .collect();
    if missing.is_empty() && kept.len() == loaded.manifest.chunks.len() {
        return None;
    }
    let dead = covered.iter().filter(|k| !live_set.contains(k)).count();
    if kept.len() >= MAX_CHUNKS || dead > live.len() {
        kept.clear();
        missing = live.to_vec();
    }
    let mut blobs = vec![];
    for (keys, bytes) in blob::chunks(missing.iter().filter_map(|&k| Some((k, store.frame(k)?)))) {
        let digest = Digest::of(&bytes);
        kept.push(ChunkRef {
            digest: digest.clone(),
            keys,
        });
        blobs.push((digest, bytes));
    }
    let manifest = Manifest { chunks: kept };
    let bytes = manifest.encode();
    let digest = Digest::of(&bytes);
    let mut files = vec![("manifest".to_string(), digest.clone())];
    files.extend(
        manifest
            .chunks
            .iter()
            .enumerate()
            .map(|(i, c)| (format!("chunk-{i}"), c.digest.clone())),
    );
    Some(Plan {
        blobs,
        action: action::encode(&files),
        manifest_blob: (digest, bytes),
        manifest,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Entry;

    fn store_with(keys: &[Hash]) -> (Store, std::path::PathBuf) {
        let dir = std::env::temp_dir().join(format!(
            "compiler-remote-plan-{}-{}",
            std::process::id(),
            keys.len()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        let store = Store::open(Some(&dir));
        for &k in keys {
            store.put(
                k,
                &Entry {
                    code: format!("m{k}"),
                    map: None,
                    imports: vec![],
                },
            );
        }
        (store, dir)
    }

    /// The keys of each chunk the plan's manifest lists.
    fn keys_of(plan: &Plan) -> Vec<Vec<Hash>> {
        plan.manifest
            .chunks
            .iter()
            .map(|c| c.keys.clone())
            .collect()
    }

    fn chunk(keys: &[Hash]) -> ChunkRef {
        ChunkRef {
            digest: Digest::of(format!("{keys:?}").as_bytes()),
            keys: keys.to_vec(),
        }
    }

    #[test]
    fn uploads_only_what_the_remote_lacks_and_compacts_dead_entries() {
        let (store, dir) = store_with(&[1, 2, 3, 4]);
        // Nothing remote: everything goes up, in the order given.
        let empty = Loaded::new(Manifest::default());
        let p = plan(&empty, &[3, 1, 2], &store).unwrap();
        assert_eq!(p.manifest.chunks.len(), 1);
        assert_eq!(p.manifest.chunks[0].keys, vec![3, 1, 2]);
        assert_eq!(p.blobs.len(), 1);
        assert_eq!(
            action::decode(&p.action).unwrap()[0],
            ("manifest".to_string(), p.manifest_blob.0.clone())
        );

        // All there: nothing to do.
        let full = Loaded::new(Manifest {
            chunks: vec![chunk(&[1, 2]), chunk(&[3])],
        });
        assert!(plan(&full, &[1, 2, 3], &store).is_none());

        // One new entry: a new chunk with it; a chunk with only dead entries is dropped.
        let p = plan(&full, &[1, 2, 4], &store).unwrap();
        assert_eq!(keys_of(&p), vec![vec![1, 2], vec![4]]);
        assert_eq!(p.blobs.len(), 1);

        // A damaged chunk: its live entries go up again.
        full.damaged.lock().unwrap().insert(0);
        let p = plan(&full, &[1, 2, 3], &store).unwrap();
        assert_eq!(keys_of(&p), vec![vec![3], vec![1, 2]]);

        // More dead entries than live ones: packed afresh.
        let stale = Loaded::new(Manifest {
            chunks: vec![chunk(&[1, 10, 11, 12])],
        });
        let p = plan(&stale, &[1, 2], &store).unwrap();
        assert_eq!(keys_of(&p), vec![vec![1, 2]]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
