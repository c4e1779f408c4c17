//! The persistent cache: one directory, no server, safe for several processes at once.
//!
//! ```text
//! <cacheDir>/CACHEDIR.TAG
//! <cacheDir>/entries/ab/<key>.bin   transform results, keyed by everything that makes them
//! <cacheDir>/graphs/<name>.bin      saved module graphs, one per project and out dir
//! <cacheDir>/tmp/                   files being written
//! ```
//!
//! Every file is written whole to `tmp/` and renamed into place, so a reader sees an old
//! file or a new one, never half of one; two processes writing one key write the same
//! bytes. Every file is checksummed (see `frame.rs`), so a damaged one is a miss that the
//! next write replaces. When the directory cannot be written (read-only, disk full) the
//! store turns itself off with one warning and the build goes on uncached.

mod evict;
mod frame;

use std::{
    fs,
    io::{self, Write},
    path::{Path, PathBuf},
    sync::{
        atomic::{AtomicBool, AtomicU64, Ordering},
        Mutex,
    },
    time::SystemTime,
};

use compiler_transform::imports::ImportRef;
use serde::{Deserialize, Serialize};

pub use evict::{clean, evict, scan, CacheStats};
pub use frame::Kind;

use crate::hash::{hex, Hash};

/// What a transform produced, as the cache keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub code: String,
    pub map: Option<String>,
    pub imports: Vec<ImportRef>,
}

pub struct Store {
    dir: PathBuf,
    off: AtomicBool,
    warning: Mutex<Option<String>>,
    counter: AtomicU64,
    /// Bytes written since the store was opened.
    written: AtomicU64,
}

const TAG: &str = "Signature: 8a477f597d28d172789f06886806bc55\n# This file is a cache directory tag created by compiler-js.\n# For information about cache directory tags, see https://bford.info/cachedir/\n";

impl Store {
    /// Opens (creating) `dir`; `None` turns the store off.
    pub fn open(dir: Option<&Path>) -> Self {
        let store = Self {
            dir: dir.map(Path::to_path_buf).unwrap_or_default(),
            off: AtomicBool::new(dir.is_none()),
            warning: Mutex::new(None),
            counter: AtomicU64::new(0),
            written: AtomicU64::new(0),
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

    pub fn written(&self) -> u64 {
        self.written.load(Ordering::Relaxed)
    }

    fn fail(&self, path: &Path, err: &io::Error) {
        if !self.off.swap(true, Ordering::Relaxed) {
            *self.warning.lock().unwrap() = Some(crate::diagnostics::cache_off(path, err));
        }
    }

    fn entry_path(&self, key: Hash) -> PathBuf {
        let name = hex(key);
        self.dir.join("entries").join(&name[..2]).join(format!("{name}.bin"))
    }

    pub fn graph_path(&self, name: Hash) -> PathBuf {
        self.dir.join("graphs").join(format!("{}.bin", hex(name)))
    }

    pub fn get(&self, key: Hash) -> Option<Entry> {
        if !self.enabled() {
            return None;
        }
        let path = self.entry_path(key);
        let bytes = fs::read(&path).ok()?;
        let entry = frame::decode(Kind::Entry, &bytes)?;
        // Least recently used is evicted first: a hit counts as a use.
        if let Ok(file) = fs::File::options().write(true).open(&path) {
            let _ = file.set_modified(SystemTime::now());
        }
        Some(entry)
    }

    pub fn put(&self, key: Hash, entry: &Entry) {
        if self.enabled() {
            let path = self.entry_path(key);
            self.write_atomic(&path, &frame::encode(Kind::Entry, entry));
        }
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
    fn write_atomic(&self, path: &Path, bytes: &[u8]) {
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
            Ok(()) => {
                self.written.fetch_add(bytes.len() as u64, Ordering::Relaxed);
            }
            Err(err) => {
                let _ = fs::remove_file(&tmp);
                self.fail(path, &err);
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
        let dir = std::env::temp_dir().join(format!("compiler-store-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn damaged_entries_are_misses_and_get_rewritten() {
        let dir = temp("damage");
        let store = Store::open(Some(&dir));
        assert!(dir.join("CACHEDIR.TAG").exists());
        store.put(7, &entry("a"));
        assert_eq!(store.get(7), Some(entry("a")));
        assert_eq!(store.get(8), None);

        let path = store.entry_path(7);
        let bytes = fs::read(&path).unwrap();
        fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
        assert_eq!(store.get(7), None, "truncated");
        let mut flipped = bytes.clone();
        let n = flipped.len();
        flipped[n - 3] ^= 0xff;
        fs::write(&path, &flipped).unwrap();
        assert_eq!(store.get(7), None, "corrupted");
        store.put(7, &entry("a"));
        assert_eq!(store.get(7), Some(entry("a")));
        assert!(store.enabled());
        assert_eq!(fs::read_dir(dir.join("tmp")).unwrap().count(), 0);
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
