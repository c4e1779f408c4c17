//! Reading: the manifest on the first local miss, each chunk when a key it holds is first
//! needed (and, from the second, the rest ahead in the background).

use std::{
    sync::{
        atomic::{AtomicUsize, Ordering},
        Arc, Mutex, OnceLock,
    },
    thread,
    time::Instant,
};

use rustc_hash::{FxHashMap, FxHashSet};

use super::{
    action::{self, Digest},
    add,
    blob::{Chunk, Manifest},
    http::Failure,
    Remote,
};
use crate::{
    hash::Hash,
    store::{decode_frame, Entry, Store},
};

/// Chunks fetched at once ahead of the walk.
const PREFETCH: usize = 2;

/// The project's manifest as fetched (or as last uploaded), its chunks fetched on demand.
pub(super) struct Loaded {
    pub(super) manifest: Manifest,
    chunk_of: FxHashMap<Hash, usize>,
    chunks: Vec<OnceLock<Option<Chunk>>>,
    /// Chunks that could not be read: missing, damaged or not a chunk.
    pub(super) damaged: Mutex<FxHashSet<usize>>,
    /// Chunks asked for so far; at the second, the rest are fetched ahead (a fresh machine
    /// needs them all; an edit on a warm one needs one).
    wanted: AtomicUsize,
}

impl Loaded {
    pub(super) fn new(manifest: Manifest) -> Self {
        let mut chunk_of = FxHashMap::default();
        for (i, chunk) in manifest.chunks.iter().enumerate() {
            for &key in &chunk.keys {
                chunk_of.entry(key).or_insert(i);
            }
        }
        Self {
            chunks: manifest.chunks.iter().map(|_| OnceLock::new()).collect(),
            manifest,
            chunk_of,
            damaged: Mutex::default(),
            wanted: AtomicUsize::new(0),
        }
    }
}

impl Remote {
    /// The project's manifest, fetched once; `None` when the remote is off.
    pub(super) fn loaded(&self) -> Option<Arc<Loaded>> {
        // Held while fetching: other threads wait for the one fetch.
        let mut state = self.state.lock().unwrap();
        if let Some(loaded) = &*state {
            return Some(loaded.clone());
        }
        if self.is_off() {
            return None;
        }
        let started = Instant::now();
        let manifest = self.fetch_manifest();
        self.span("remote manifest", started, "manifest");
        let manifest = manifest?;
        let loaded = Arc::new(Loaded::new(manifest));
        *state = Some(loaded.clone());
        Some(loaded)
    }

    /// `None` when a request failed; an empty manifest when there is none (or it is damaged).
    fn fetch_manifest(&self) -> Option<Manifest> {
        let key = self.project.lock().unwrap().clone();
        let ac = match self.client.get_ac(&key) {
            Ok(Some(bytes)) => bytes,
            Ok(None) => return Some(Manifest::default()),
            Err(e) => {
                self.failed("reading", &e);
                return None;
            }
        };
        add(&self.counters.bytes_down, ac.len() as u64);
        let Some(digest) = action::decode(&ac)
            .and_then(|files| files.into_iter().find(|(path, _)| path == "manifest"))
            .map(|(_, digest)| digest)
        else {
            self.damaged(&format!("ac/{key}"));
            return Some(Manifest::default());
        };
        let manifest = self
            .fetch_blob(&digest, |bytes| Manifest::decode(&bytes))
            .ok()?;
        Some(manifest.unwrap_or_default())
    }

    /// A blob from `cas/`, decoded: `Ok(None)` when it is missing, or damaged (warned
    /// about once); `Err` when the request failed, which turns the remote off.
    fn fetch_blob<T>(
        &self,
        digest: &Digest,
        decode: impl FnOnce(Vec<u8>) -> Option<T>,
    ) -> Result<Option<T>, ()> {
        match self.client.get_cas(digest) {
            Ok(Some(bytes)) => {
                add(&self.counters.bytes_down, bytes.len() as u64);
                let value = decode(bytes);
                if value.is_none() {
                    self.damaged(&format!("cas/{}", digest.hash));
                }
                Ok(value)
            }
            Ok(None) => Ok(None),
            Err(Failure::Integrity) => {
                self.damaged(&format!("cas/{}", digest.hash));
                Ok(None)
            }
            Err(e) => {
                self.failed("reading", &e);
                Err(())
            }
        }
    }

    fn fetch_chunk(&self, loaded: &Loaded, i: usize) -> Option<Chunk> {
        if self.is_off() {
            return None;
        }
        let started = Instant::now();
        let chunk = self.fetch_chunk_now(loaded, i);
        self.span("remote chunk", started, &format!("chunk {i}"));
        chunk
    }

    fn fetch_chunk_now(&self, loaded: &Loaded, i: usize) -> Option<Chunk> {
        let digest = &loaded.manifest.chunks[i].digest;
        let chunk = self.fetch_blob(digest, Chunk::decode).ok()?;
        if chunk.is_none() {
            loaded.damaged.lock().unwrap().insert(i);
        }
        chunk
    }

    /// Fetches every chunk not fetched yet, in the background, [`PREFETCH`] at a time; a
    /// reader that needs one being fetched waits for it.
    fn prefetch(&self, loaded: &Arc<Loaded>) {
        let next = Arc::new(AtomicUsize::new(0));
        for _ in 0..PREFETCH {
            let (loaded, next) = (loaded.clone(), next.clone());
            let me = self.me.clone();
            thread::spawn(move || loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(this) = me.upgrade() else { return };
                if i >= loaded.chunks.len() || this.is_off() {
                    return;
                }
                loaded.chunks[i].get_or_init(|| this.fetch_chunk(&loaded, i));
            });
        }
    }

    /// `key`'s entry, for a local miss; its frame goes into `store`.
    pub fn get(&self, key: Hash, store: &Store) -> Option<Entry> {
        let found = (|| {
            let loaded = self.loaded()?;
            let &i = loaded.chunk_of.get(&key)?;
            let chunk = loaded.chunks[i]
                .get_or_init(|| {
                    if loaded.wanted.fetch_add(1, Ordering::Relaxed) == 1 {
                        self.prefetch(&loaded);
                    }
                    self.fetch_chunk(&loaded, i)
                })
                .as_ref()?;
            let frame = chunk.frame(key)?;
            let entry = decode_frame(key, frame)?;
            store.put_frame(key, frame);
            Some(entry)
        })();
        add(
            if found.is_some() {
                &self.counters.hits
            } else {
                &self.counters.misses
            },
            1,
        );
        found
    }
}
