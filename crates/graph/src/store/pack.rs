//! Entries in packs: each process appends the entries it makes to a pack of its own and
//! writes it out whole at the end of a build, with an index beside it. One file per
//! build instead of one per module: creating and renaming 10,000 small files costs more
//! than compiling them.
//!
//! ```text
//! packs/<id>.pack   entries, one frame each: (key, entry), checksummed
//! packs/<id>.idx    (key, offset, length) of each, written after the pack is in place
//! ```
//!
//! A reader sees only packs whose index exists, so a pack being written (or left half
//! written by a killed process) is never read. Every entry read is checked against its
//! checksum and key: damage is a miss.

use std::{
    fs,
    os::unix::fs::FileExt,
    path::{Path, PathBuf},
    sync::{Mutex, RwLock},
    time::SystemTime,
};

use rustc_hash::{FxHashMap, FxHashSet};

use super::{frame, Entry};
use crate::hash::Hash;

type IndexItems = Vec<(Hash, u64, u32)>;

#[derive(Clone, Copy)]
struct Location {
    pack: u32,
    offset: u64,
    len: u32,
}

#[derive(Default)]
struct Index {
    packs: Vec<PathBuf>,
    entries: FxHashMap<Hash, Location>,
}

impl Index {
    /// Adds a pack; its entries win over the same keys in packs added before.
    fn push(&mut self, pack: PathBuf, items: &IndexItems) {
        let id = self.packs.len() as u32;
        self.packs.push(pack);
        for &(key, offset, len) in items {
            self.entries.insert(
                key,
                Location {
                    pack: id,
                    offset,
                    len,
                },
            );
        }
    }
}

/// Entries made by this process and not written out yet.
#[derive(Default)]
pub struct Pending {
    bytes: Vec<u8>,
    items: IndexItems,
    keys: FxHashMap<Hash, usize>,
}

impl Pending {
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    pub fn push(&mut self, key: Hash, frame: &[u8]) {
        self.keys.insert(key, self.items.len());
        self.items
            .push((key, self.bytes.len() as u64, frame.len() as u32));
        self.bytes.extend_from_slice(frame);
    }

    fn get(&self, key: Hash) -> Option<&[u8]> {
        let (_, offset, len) = self.items[*self.keys.get(&key)?];
        Some(&self.bytes[offset as usize..offset as usize + len as usize])
    }
}

pub struct Packs {
    dir: PathBuf,
    index: RwLock<Option<Index>>,
    touched: Mutex<FxHashSet<u32>>,
}

pub fn encode(key: Hash, entry: &Entry) -> Vec<u8> {
    frame::encode(frame::Kind::Entry, &(key, entry))
}

/// The entry in a frame, when the frame checks out and is `key`'s.
pub fn decode(key: Hash, bytes: &[u8]) -> Option<Entry> {
    let (found, entry): (Hash, Entry) = frame::decode(frame::Kind::Entry, bytes)?;
    (found == key).then_some(entry)
}

/// The packs in `dir` that have an index, in the order they were made (their names start
/// with the time), with their last use (mtime), size and index items.
pub fn list(dir: &Path) -> Vec<(PathBuf, SystemTime, u64, IndexItems)> {
    let Ok(read) = fs::read_dir(dir) else {
        return vec![];
    };
    let mut packs: Vec<_> = read
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "idx"))
        .filter_map(|idx| {
            let pack = idx.with_extension("pack");
            let meta = fs::metadata(&pack).ok()?;
            let items: IndexItems = frame::decode(frame::Kind::Index, &fs::read(&idx).ok()?)?;
            Some((
                pack,
                meta.modified().unwrap_or(SystemTime::UNIX_EPOCH),
                meta.len(),
                items,
            ))
        })
        .collect();
    packs.sort_by(|a, b| a.0.cmp(&b.0));
    packs
}

impl Packs {
    pub fn new(dir: PathBuf) -> Self {
        Self {
            dir,
            index: RwLock::new(None),
            touched: Mutex::default(),
        }
    }

    fn load(&self) {
        if self.index.read().unwrap().is_some() {
            return;
        }
        let mut index = Index::default();
        // In the order made, so a key in a newer pack wins.
        for (pack, _, _, items) in list(&self.dir) {
            index.push(pack, &items);
        }
        *self.index.write().unwrap() = Some(index);
    }

    /// The frame of `key`, from this process's pending entries or a pack (unchecked).
    pub fn frame(&self, key: Hash, pending: &Mutex<Pending>) -> Option<Vec<u8>> {
        if let Some(bytes) = pending.lock().unwrap().get(key) {
            return Some(bytes.to_vec());
        }
        self.load();
        let (path, at) = {
            let index = self.index.read().unwrap();
            let index = index.as_ref()?;
            let at = *index.entries.get(&key)?;
            (index.packs[at.pack as usize].clone(), at)
        };
        let file = fs::File::open(&path).ok()?;
        let mut bytes = vec![0; at.len as usize];
        file.read_exact_at(&mut bytes, at.offset).ok()?;
        // Least recently used packs go first: a read counts as a use.
        if self.touched.lock().unwrap().insert(at.pack) {
            if let Ok(f) = fs::File::options().write(true).open(&path) {
                let _ = f.set_modified(SystemTime::now());
            }
        }
        Some(bytes)
    }

    /// Makes entries written out by this process readable through the index.
    pub fn add(&self, pack: PathBuf, items: &IndexItems) {
        let mut index = self.index.write().unwrap();
        if let Some(index) = index.as_mut() {
            index.push(pack, items);
        }
    }

    /// The bytes of a pack and of its index, for `pending`'s entries.
    pub fn files(pending: &Pending) -> (&[u8], Vec<u8>) {
        (
            &pending.bytes,
            frame::encode(frame::Kind::Index, &pending.items),
        )
    }

    pub fn items(pending: &Pending) -> &IndexItems {
        &pending.items
    }
}

/// The entries of `pack` whose keys are in `keep`, for moving them to a new pack.
pub fn rescue(pack: &Path, items: &IndexItems, keep: &FxHashSet<Hash>, into: &mut Pending) {
    let Ok(file) = fs::File::open(pack) else {
        return;
    };
    for &(key, offset, len) in items.iter().filter(|(k, ..)| keep.contains(k)) {
        if into.keys.contains_key(&key) {
            continue;
        }
        let mut bytes = vec![0; len as usize];
        if file.read_exact_at(&mut bytes, offset).is_ok() && decode(key, &bytes).is_some() {
            into.push(key, &bytes);
        }
    }
}
