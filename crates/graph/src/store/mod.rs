//! The persistent cache: one directory, no server, safe for several processes at once.
//!
//! ```text
//! <cacheDir>/CACHEDIR.TAG
//! <cacheDir>/packs/<id>.pack, .idx   transform results keyed by everything that makes
//!                                    them, one pack per build that made any (`pack.rs`)
//! <cacheDir>/graphs/<name>.bin       saved module graphs, one per project and out dir
//! <cacheDir>/tmp/                    files being written
//! ```
//!
//! Every file is written whole to `tmp/` and renamed into place, so a reader sees an old
//! file or a new one, never half of one; processes never write the same file. Everything
//! read is checksummed (see `frame.rs`), so damage is a miss and the entry is made and
//! written again. When the directory cannot be written (read-only, disk full) the store
//! turns itself off with one warning and the build goes on uncached.

mod evict;
pub(crate) mod frame;
mod pack;

use std::{
    fs,
    io::{self, Write},
    path::{Path, PathBuf},
    sync::{
        atomic::{AtomicBool, AtomicU64, Ordering},
        Mutex,
    },
    time::{SystemTime, UNIX_EPOCH},
};

use compiler_transform::imports::ImportRef;
use serde::{Deserialize, Serialize};

pub use evict::{clean, evict, scan, CacheStats, MAX_PACKS};
pub use frame::Kind;
pub use pack::decode as decode_frame;

use self::pack::{Packs, Pending};
use crate::hash::{hex, Hash};

/// What a transform produced, as the cache keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub code: String,
    pub map: Option<String>,
    pub imports: Vec<ImportRef>,
}

/// A pack is written out when it reaches this size, and at the end of every build.
const PACK_BYTES: usize = 64 << 20;

pub struct Store {
    dir: PathBuf,
    off: AtomicBool,
    warning: Mutex<Option<String>>,
    counter: AtomicU64,
    packs: Packs,
    pending: Mutex<Pending>,
}

const TAG: &str = "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by compiler-js.\n# For information about cache directory tags, see https://bford.info/cachedir/\n";

impl Store {
    /// Opens (creating) `dir`; `None` turns the store off.
    pub fn open(dir: Option<&Path>) -> Self {
        let root = dir.map(Path::to_path_buf).unwrap_or_default();
        let store = Self {
            packs: Packs::new(root.join("packs")),
            dir: root,
            off: AtomicBool::new(dir.is_none()),
            warning: Mutex::new(None),
            counter: AtomicU64::new(0),
            pending: Mutex::default(),
        };
        if dir.is_some() {
            let tag = store.dir.join("CACHEDIR.TAG");
            if let Err(err) = fs::create_dir_all(store.dir.join("tmp")).and_then(|_| {
                if tag.exists() {
                    Ok(())
                } else {
                    fs::write(&tag, TAG)
                }
            }) {
                store.fail(&store.dir, &err);
            }
        }
        store
    }

    pub fn enabled(&self) -> bool {
        !self.off.load(Ordering::Relaxed)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The warning that turned the store off, once.
    pub fn take_warning(&self) -> Option<String> {
        self.warning.lock().unwrap().take()
    }

    fn fail(&self, path: &Path, err: &io::Error) {
        if !self.off.swap(true, Ordering::Relaxed) {
            *self.warning.lock().unwrap() = Some(crate::diagnostics::cache_off(path, err));
        }
    }

    pub fn graph_path(&self, name: Hash) -> PathBuf {
        self.dir.join("graphs").join(format!("{}.bin", hex(name)))
    }

    pub fn get(&self, key: Hash) -> Option<Entry> {
        decode_frame(key, &self.frame(key)?)
    }

    /// The stored frame of `key`'s entry, as it is on disk (for the remote cache).
    pub fn frame(&self, key: Hash) -> Option<Vec<u8>> {
        if !self.enabled() {
            return None;
        }
        self.packs.frame(key, &self.pending)
    }

    /// Keeps an entry's frame made elsewhere (the remote cache); it was checked by
    /// [`decode_frame`].
    pub fn put_frame(&self, key: Hash, frame: &[u8]) {
        if !self.enabled() {
            return;
        }
        let full = {
            let mut pending = self.pending.lock().unwrap();
            pending.push(key, frame);
            pending.len() >= PACK_BYTES
        };
        if full {
            self.flush();
        }
    }

    /// Keeps `entry` for the next `flush` (sooner when the pack is big).
    pub fn put(&self, key: Hash, entry: &Entry) {
        if !self.enabled() {
            return;
        }
        self.put_frame(key, &pack::encode(key, entry));
    }

    /// Writes out `pending` as a pack (for eviction, which moves entries).
    fn write_pending_pack(&self, pending: Pending) -> u64 {
        self.write_pending(pending)
    }

    /// Writes out the entries made since the last flush, as one pack; returns its bytes.
    pub fn flush(&self) -> u64 {
        let pending = std::mem::take(&mut *self.pending.lock().unwrap());
        self.write_pending(pending)
    }

    fn write_pending(&self, pending: Pending) -> u64 {
        if pending.is_empty() || !self.enabled() {
            return 0;
        }
        let (bytes, index) = Packs::files(&pending);
        let stamp = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let name = format!(
            "{stamp:032x}-{}-{}",
            std::process::id(),
            self.counter.fetch_add(1, Ordering::Relaxed)
        );
        let pack = self.dir.join("packs").join(format!("{name}.pack"));
        // The index goes last: a pack without one is never read.
        if self.write_atomic(&pack, bytes) && self.write_atomic(&pack.with_extension("idx"), &index)
        {
            self.packs.add(pack, Packs::items(&pending));
            return (bytes.len() + index.len()) as u64;
        }
        0
    }

    /// Reads a graph saved with [`Store::save`]; `None` when absent or damaged.
    pub fn load<T: serde::de::DeserializeOwned>(&self, path: &Path) -> Option<T> {
        if !self.enabled() {
            return None;
        }
        frame::decode(Kind::Graph, &fs::read(path).ok()?)
    }

    pub fn save<T: Serialize>(&self, path: &Path, value: &T) {
        if self.enabled() {
            self.write_atomic(path, &frame::encode(Kind::Graph, value));
        }
    }

    /// Writes `bytes` to a temporary file and renames it to `path`.
    fn write_atomic(&self, path: &Path, bytes: &[u8]) -> bool {
        let tmp = self.dir.join("tmp").join(format!(
            "{}-{}",
            std::process::id(),
            self.counter.fetch_add(1, Ordering::Relaxed)
        ));
        let result = write_new(&tmp, bytes).and_then(|_| match fs::rename(&tmp, path) {
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                fs::create_dir_all(path.parent().expect("cache paths have a folder"))?;
                fs::rename(&tmp, path)
            }
            other => other,
        });
        match result {
            Ok(()) => true,
            Err(err) => {
                let _ = fs::remove_file(&tmp);
                self.fail(path, &err);
                false
            }
        }
    }
}

fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = fs::File::create(path)?;
    file.write_all(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(code: &str) -> Entry {
        Entry {
            code: code.into(),
            map: Some("{}".into()),
            imports: vec![],
        }
    }

    fn temp(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("compiler-store-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    fn packs(dir: &Path) -> Vec<PathBuf> {
        let mut list: Vec<PathBuf> = fs::read_dir(dir.join("packs"))
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        list.sort();
        list
    }

    #[test]
    fn entries_survive_the_process_and_damage_is_a_miss() {
        let dir = temp("damage");
        let store = Store::open(Some(&dir));
        assert!(dir.join("CACHEDIR.TAG").exists());
        store.put(7, &entry("a"));
        store.put(8, &entry("b"));
        assert_eq!(store.get(7), Some(entry("a")), "readable before the flush");
        store.flush();
        assert_eq!(store.get(8), Some(entry("b")));
        assert_eq!(packs(&dir).len(), 2, "one pack and its index");

        let fresh = Store::open(Some(&dir));
        assert_eq!(fresh.get(7), Some(entry("a")));
        assert_eq!(fresh.get(9), None);

        // Flip a byte of the second entry: the first still reads, the second is a miss.
        let pack = packs(&dir)
            .into_iter()
            .find(|p| p.extension().unwrap() == "pack")
            .unwrap();
        let mut bytes = fs::read(&pack).unwrap();
        let n = bytes.len();
        bytes[n - 3] ^= 0xff;
        fs::write(&pack, &bytes).unwrap();
        let fresh = Store::open(Some(&dir));
        assert_eq!(fresh.get(7), Some(entry("a")));
        assert_eq!(fresh.get(8), None, "corrupted");
        // Truncated: both gone; written again, in a new pack, and readable.
        fs::write(&pack, &bytes[..10]).unwrap();
        let fresh = Store::open(Some(&dir));
        assert_eq!(fresh.get(7), None, "truncated");
        fresh.put(7, &entry("a"));
        fresh.flush();
        assert_eq!(Store::open(Some(&dir)).get(7), Some(entry("a")));
        assert_eq!(fs::read_dir(dir.join("tmp")).unwrap().count(), 0);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_pack_without_its_index_is_never_read() {
        let dir = temp("noindex");
        let store = Store::open(Some(&dir));
        store.put(1, &entry("x"));
        store.flush();
        for p in packs(&dir)
            .iter()
            .filter(|p| p.extension().unwrap() == "idx")
        {
            fs::remove_file(p).unwrap();
        }
        assert_eq!(Store::open(Some(&dir)).get(1), None);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_unwritable_directory_turns_the_store_off_once() {
        let dir = temp("unwritable");
        fs::create_dir_all(dir.parent().unwrap()).unwrap();
        fs::write(&dir, "a file where the cache dir should be").unwrap();
        let store = Store::open(Some(&dir.join("cache")));
        assert!(!store.enabled());
        let warning = store.take_warning().unwrap();
        assert!(warning.contains("running without a cache"), "{warning}");
        assert_eq!(store.take_warning(), None);
        store.put(1, &entry("x"));
        store.flush();
        assert_eq!(store.get(1), None);
        fs::remove_file(&dir).unwrap();
    }

    #[test]
    fn no_store_is_off_without_a_warning() {
        let store = Store::open(None);
        assert!(!store.enabled());
        assert_eq!(store.take_warning(), None);
    }
}
