//! The remote cache: a team's compiled modules shared through a server that speaks Bazel's
//! HTTP cache protocol (`http.rs`), never a server of our own.
//!
//! Granularity. One request per module costs more than compiling it (a module compiles in
//! about 0.2 ms; a request to a server on another machine takes a round trip), so a
//! project's entries travel in chunks of a few MB (`blob.rs`):
//!
//! ```text
//! ac/<sha256 of the project's identity>   → ActionResult { manifest, chunk-0, chunk-1, … }
//! cas/<sha256>                            → the manifest: each chunk's digest and keys
//! cas/<sha256>                            → a chunk: entries, framed as in a local pack
//! ```
//!
//! The project's identity is the build id, the options' hash and the root-relative entries:
//! no absolute path, user or machine, so checkouts at different paths share it. Entries
//! keep the keys the local cache gives them, so a stale manifest only makes misses.
//!
//! Reading: on the first local miss the manifest is fetched; a chunk is fetched when a key
//! it holds is first needed, checked against its sha256, and its entries go into the local
//! cache. Writing (`upload`, after a build is saved): the live entries no kept chunk holds
//! go into new chunks; chunks holding only dead entries are dropped; when dead entries
//! would outnumber live ones, everything is packed afresh. Chunks go up on a background
//! thread (four at a time), then the manifest, then the action result, so a reader never
//! sees a manifest whose chunks are not there yet.
//!
//! Faults never fail or hang a build: every request has a timeout; the first request that
//! fails (refused, reset, timed out, a status other than 404) turns the remote off for the
//! rest of the process with one warning, and the build goes on locally. A blob whose sha256
//! does not match is a miss, warned about once; its live entries are compiled here and
//! uploaded again.

mod action;
mod blob;
mod http;

use std::{
    fmt,
    sync::{
        atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering},
        Arc, Mutex, OnceLock, Weak,
    },
    thread::{self, JoinHandle},
    time::{Duration, Instant},
};

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use self::{
    action::Digest,
    blob::{Chunk, ChunkRef, Manifest},
    http::{Client, Failure},
};
use crate::{
    diagnostics,
    hash::{Hash, BUILD_ID},
    store::{decode_frame, Entry, Store},
    trace::Trace,
};

/// A manifest with more chunks than this is packed afresh.
const MAX_CHUNKS: usize = 64;
/// Chunks uploaded at once.
const UPLOADS: usize = 4;
/// Chunks fetched at once ahead of the walk.
const PREFETCH: usize = 2;

#[derive(Clone, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct RemoteOptions {
    /// `http://` or `https://`; `ac/` and `cas/` go under it.
    pub url: String,
    /// Read, never write (builds of untrusted changes).
    pub read_only: bool,
    /// A header sent with every request, `[name, value]`. The value is never printed,
    /// logged, written to the cache or put in a key.
    pub header: Option<(String, String)>,
    /// Per request.
    pub timeout_ms: u64,
}

impl Default for RemoteOptions {
    fn default() -> Self {
        Self {
            url: String::new(),
            read_only: false,
            header: None,
            timeout_ms: 10_000,
        }
    }
}

impl fmt::Debug for RemoteOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RemoteOptions")
            .field("url", &http::shown(&self.url))
            .field("read_only", &self.read_only)
            .field(
                "header",
                &self.header.as_ref().map(|(name, _)| (name, "<hidden>")),
            )
            .field("timeout_ms", &self.timeout_ms)
            .finish()
    }
}

/// What the remote cache did, as `--stats` writes it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RemoteReport {
    /// Entries the local cache lacked and the remote had.
    pub hits: u64,
    /// Entries neither had (compiled here).
    pub misses: u64,
    /// Failed requests and blobs that did not match their digest.
    pub errors: u64,
    pub bytes_down: u64,
    pub bytes_up: u64,
}

impl RemoteReport {
    pub fn since(self, before: RemoteReport) -> RemoteReport {
        RemoteReport {
            hits: self.hits - before.hits,
            misses: self.misses - before.misses,
            errors: self.errors - before.errors,
            bytes_down: self.bytes_down - before.bytes_down,
            bytes_up: self.bytes_up - before.bytes_up,
        }
    }
}

#[derive(Default)]
struct Counters {
    hits: AtomicU64,
    misses: AtomicU64,
    errors: AtomicU64,
    bytes_down: AtomicU64,
    bytes_up: AtomicU64,
}

fn add(counter: &AtomicU64, n: u64) {
    counter.fetch_add(n, Ordering::Relaxed);
}

/// The project's manifest as fetched (or as last uploaded), its chunks fetched on demand.
struct Loaded {
    manifest: Manifest,
    chunk_of: FxHashMap<Hash, usize>,
    chunks: Vec<OnceLock<Option<Chunk>>>,
    /// Chunks that could not be read: missing, damaged or not a chunk.
    damaged: Mutex<FxHashSet<usize>>,
    /// Chunks asked for so far; at the second, the rest are fetched ahead (a fresh machine
    /// needs them all; an edit on a warm one needs one).
    wanted: AtomicUsize,
}

impl Loaded {
    fn new(manifest: Manifest) -> Self {
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

pub struct Remote {
    /// Itself, for the threads it starts.
    me: Weak<Remote>,
    client: Client,
    shown: String,
    read_only: bool,
    project: Mutex<String>,
    off: AtomicBool,
    warned_integrity: AtomicBool,
    counters: Counters,
    warnings: Mutex<Vec<String>>,
    /// `None` until the first local miss (or upload) fetches the manifest.
    state: Mutex<Option<Arc<Loaded>>>,
    upload: Mutex<Option<JoinHandle<()>>>,
    trace: Option<Arc<Trace>>,
}

/// The action key of a project: what its entries depend on apart from each module.
fn project_key(options_hash: Hash, entries: &[String]) -> String {
    let mut identity = format!("compiler-js remote v1\0{BUILD_ID}\0{options_hash:032x}");
    for e in entries {
        identity.push('\0');
        identity.push_str(e);
    }
    http::sha256_hex(identity.as_bytes())
}

impl Remote {
    /// `Err` names what is wrong with the options.
    pub fn open(
        options: RemoteOptions,
        options_hash: Hash,
        entries: &[String],
        trace: Option<Arc<Trace>>,
    ) -> Result<Arc<Self>, String> {
        let url = options.url.trim();
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(format!(
                "must be an http:// or https:// URL, not \"{}\"",
                http::shown(url)
            ));
        }
        if options.timeout_ms == 0 {
            return Err("timeout must be more than 0 ms".into());
        }
        Ok(Arc::new_cyclic(|me| Self {
            me: me.clone(),
            client: Client::new(
                url,
                options.header,
                Duration::from_millis(options.timeout_ms),
            ),
            shown: http::shown(url),
            read_only: options.read_only,
            project: Mutex::new(project_key(options_hash, entries)),
            off: AtomicBool::new(false),
            warned_integrity: AtomicBool::new(false),
            counters: Counters::default(),
            warnings: Mutex::default(),
            state: Mutex::default(),
            upload: Mutex::default(),
            trace,
        }))
    }

    /// New transform options: another project key, fetched again when needed.
    pub fn set_options_hash(&self, options_hash: Hash, entries: &[String]) {
        self.flush();
        *self.project.lock().unwrap() = project_key(options_hash, entries);
        *self.state.lock().unwrap() = None;
    }

    pub fn report(&self) -> RemoteReport {
        let c = &self.counters;
        RemoteReport {
            hits: c.hits.load(Ordering::Relaxed),
            misses: c.misses.load(Ordering::Relaxed),
            errors: c.errors.load(Ordering::Relaxed),
            bytes_down: c.bytes_down.load(Ordering::Relaxed),
            bytes_up: c.bytes_up.load(Ordering::Relaxed),
        }
    }

    pub fn take_warnings(&self) -> Vec<String> {
        std::mem::take(&mut *self.warnings.lock().unwrap())
    }

    fn is_off(&self) -> bool {
        self.off.load(Ordering::Relaxed)
    }

    /// A request failed: the remote is off for the rest of the process.
    fn failed(&self, what: &str, failure: &Failure) {
        add(&self.counters.errors, 1);
        if !self.off.swap(true, Ordering::Relaxed) {
            self.warnings.lock().unwrap().push(diagnostics::remote_off(
                &self.shown,
                what,
                &failure.to_string(),
            ));
        }
    }

    fn damaged(&self, name: &str) {
        add(&self.counters.errors, 1);
        if !self.warned_integrity.swap(true, Ordering::Relaxed) {
            self.warnings
                .lock()
                .unwrap()
                .push(diagnostics::remote_damaged(
                    &self.shown,
                    name,
                    !self.read_only,
                ));
        }
    }

    /// The project's manifest, fetched once; `None` when the remote is off.
    fn loaded(&self) -> Option<Arc<Loaded>> {
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
        match self.client.get_cas(&digest) {
            Ok(Some(bytes)) => {
                add(&self.counters.bytes_down, bytes.len() as u64);
                Some(Manifest::decode(&bytes).unwrap_or_else(|| {
                    self.damaged(&format!("cas/{}", digest.hash));
                    Manifest::default()
                }))
            }
            Ok(None) => Some(Manifest::default()),
            Err(Failure::Integrity) => {
                self.damaged(&format!("cas/{}", digest.hash));
                Some(Manifest::default())
            }
            Err(e) => {
                self.failed("reading", &e);
                None
            }
        }
    }

    fn span(&self, name: &str, started: Instant, detail: &str) {
        if let Some(trace) = &self.trace {
            trace.span(name, "remote", started, Some(detail));
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
        let chunk = match self.client.get_cas(digest) {
            Ok(Some(bytes)) => {
                add(&self.counters.bytes_down, bytes.len() as u64);
                let chunk = Chunk::decode(bytes);
                if chunk.is_none() {
                    self.damaged(&format!("cas/{}", digest.hash));
                }
                chunk
            }
            Ok(None) => None,
            Err(Failure::Integrity) => {
                self.damaged(&format!("cas/{}", digest.hash));
                None
            }
            Err(e) => {
                self.failed("reading", &e);
                return None;
            }
        };
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
struct Plan {
    blobs: Vec<(Digest, Vec<u8>)>,
    manifest: Manifest,
    manifest_blob: (Digest, Vec<u8>),
    action: Vec<u8>,
}

/// `None` when the remote already holds every live entry.
fn plan(loaded: &Loaded, live: &[Hash], store: &Store) -> Option<Plan> {
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
        assert_eq!(
            p.manifest
                .chunks
                .iter()
                .map(|c| c.keys.clone())
                .collect::<Vec<_>>(),
            vec![vec![1, 2], vec![4]]
        );
        assert_eq!(p.blobs.len(), 1);

        // A damaged chunk: its live entries go up again.
        full.damaged.lock().unwrap().insert(0);
        let p = plan(&full, &[1, 2, 3], &store).unwrap();
        assert_eq!(
            p.manifest
                .chunks
                .iter()
                .map(|c| c.keys.clone())
                .collect::<Vec<_>>(),
            vec![vec![3], vec![1, 2]]
        );

        // More dead entries than live ones: packed afresh.
        let stale = Loaded::new(Manifest {
            chunks: vec![chunk(&[1, 10, 11, 12])],
        });
        let p = plan(&stale, &[1, 2], &store).unwrap();
        assert_eq!(
            p.manifest
                .chunks
                .iter()
                .map(|c| c.keys.clone())
                .collect::<Vec<_>>(),
            vec![vec![1, 2]]
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn keys_hold_no_path_and_options_name_what_is_wrong() {
        let a = project_key(7, &["src/index.ts".into()]);
        assert_eq!(a.len(), 64);
        assert_eq!(a, project_key(7, &["src/index.ts".into()]));
        assert_ne!(a, project_key(8, &["src/index.ts".into()]));
        assert_ne!(a, project_key(7, &["src/main.ts".into()]));
        let bad = RemoteOptions {
            url: "ftp://x".into(),
            ..Default::default()
        };
        assert!(Remote::open(bad, 0, &[], None)
            .err()
            .unwrap()
            .contains("http://"));
        let secret = RemoteOptions {
            url: "http://u:pw@h/c".into(),
            header: Some(("Authorization".into(), "Bearer s3cret".into())),
            ..Default::default()
        };
        let shown = format!("{secret:?}");
        assert!(
            !shown.contains("s3cret") && !shown.contains("pw"),
            "{shown}"
        );
    }
}
