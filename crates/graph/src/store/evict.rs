//! Keeping the cache within its size. Packs are the unit: least recently used ones go
//! first (a read refreshes a pack's mtime), but entries the current graph uses are moved
//! to a new pack before theirs goes. Many small packs (a watch session writes one per
//! save) are merged into one. Temporary files left by killed processes are swept.

use std::{
    fs,
    path::Path,
    time::{Duration, SystemTime},
};

use rustc_hash::FxHashSet;
use serde::Serialize;

use super::{
    pack::{self, Pending},
    Store,
};
use crate::hash::Hash;

/// More packs than this are merged into one.
pub const MAX_PACKS: usize = 32;

/// What `compiler cache stats` prints.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CacheStats {
    pub entries: u64,
    pub entry_bytes: u64,
    pub packs: u64,
    pub graphs: u64,
    pub graph_bytes: u64,
    pub temporary_files: u64,
}

fn files(dir: &Path) -> Vec<(std::path::PathBuf, fs::Metadata)> {
    fs::read_dir(dir)
        .map(|read| {
            read.flatten()
                .filter_map(|e| Some((e.path(), e.metadata().ok()?)))
                .collect()
        })
        .unwrap_or_default()
}

pub fn scan(dir: &Path) -> CacheStats {
    let packs = pack::list(&dir.join("packs"));
    let graphs = files(&dir.join("graphs"));
    CacheStats {
        entries: packs.iter().map(|p| p.3.len() as u64).sum(),
        entry_bytes: files(&dir.join("packs")).iter().map(|(_, m)| m.len()).sum(),
        packs: packs.len() as u64,
        graphs: graphs.len() as u64,
        graph_bytes: graphs.iter().map(|(_, m)| m.len()).sum(),
        temporary_files: files(&dir.join("tmp")).len() as u64,
    }
}

/// Trims the cache to `max_bytes` of packs and at most [`MAX_PACKS`] of them, never
/// losing an entry in `keep`. Returns the bytes and number of packs left.
pub fn evict(store: &Store, max_bytes: u64, keep: &FxHashSet<Hash>) -> (u64, usize) {
    let dir = store.dir();
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    for (path, meta) in files(&dir.join("tmp")) {
        if meta.modified().is_ok_and(|m| m < hour_ago) {
            let _ = fs::remove_file(path);
        }
    }
    // A pack whose index was never written (its process was killed) is never read.
    for (path, meta) in files(&dir.join("packs")) {
        if path.extension().is_some_and(|e| e == "pack")
            && !path.with_extension("idx").exists()
            && meta.modified().is_ok_and(|m| m < hour_ago)
        {
            let _ = fs::remove_file(path);
        }
    }

    let mut packs = pack::list(&dir.join("packs"));
    packs.sort_by_key(|p| p.1);
    let mut total: u64 = packs.iter().map(|p| p.2).sum();
    let mut kept = Pending::default();
    // Down to 90 %, so the next few builds do not evict again at once.
    let target = max_bytes / 10 * 9;
    if total > max_bytes {
        while total > target && !packs.is_empty() {
            let (path, _, bytes, items) = packs.remove(0);
            pack::rescue(&path, &items, keep, &mut kept);
            let _ = fs::remove_file(path.with_extension("idx"));
            let _ = fs::remove_file(&path);
            total -= bytes;
        }
    }
    if packs.len() > MAX_PACKS {
        // Merge the smaller half into one pack, keeping every entry.
        packs.sort_by_key(|p| p.2);
        let merged: Vec<_> = packs.drain(..packs.len() / 2).collect();
        for (path, _, bytes, items) in merged {
            let all: FxHashSet<Hash> = items.iter().map(|i| i.0).collect();
            pack::rescue(&path, &items, &all, &mut kept);
            let _ = fs::remove_file(path.with_extension("idx"));
            let _ = fs::remove_file(&path);
            total -= bytes;
        }
    }
    let mut count = packs.len();
    if !kept.is_empty() {
        total += store.write_pending_pack(kept);
        count += 1;
    }
    (total, count)
}

/// Removes every entry, saved graph and temporary file; nothing else in `dir`.
pub fn clean(dir: &Path) -> CacheStats {
    let before = scan(dir);
    for sub in ["packs", "graphs", "tmp"] {
        let _ = fs::remove_dir_all(dir.join(sub));
    }
    let _ = fs::remove_file(dir.join("CACHEDIR.TAG"));
    let _ = fs::remove_dir(dir);
    before
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Entry;

    fn entry(i: u32) -> Entry {
        Entry {
            code: (0..2000)
                .map(|j| char::from(b'a' + ((i * 31 + j * 7) % 26) as u8))
                .collect(),
            map: None,
            imports: vec![],
        }
    }

    #[test]
    fn evicts_least_recently_used_packs_and_keeps_what_is_in_use() {
        let dir = std::env::temp_dir().join(format!("compiler-evict-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let store = Store::open(Some(&dir));
        for key in 1..=4u128 {
            store.put(key, &entry(key as u32));
            store.flush();
        }
        // Age them: key 1's pack oldest, 4's newest.
        let mut listed = pack::list(&dir.join("packs"));
        listed.sort_by_key(|p| p.3[0].0);
        for (path, _, _, items) in &listed {
            let when = SystemTime::now() - Duration::from_secs(1000 - items[0].0 as u64 * 100);
            fs::File::options()
                .write(true)
                .open(path)
                .unwrap()
                .set_modified(when)
                .unwrap();
        }
        let one = listed[0].2;
        assert_eq!(scan(&dir).entries, 4);

        let keep: FxHashSet<Hash> = [1].into_iter().collect();
        evict(&store, one * 3, &keep);
        let fresh = Store::open(Some(&dir));
        assert!(fresh.get(1).is_some(), "in use: moved to a new pack");
        assert!(fresh.get(2).is_none(), "least recently used");
        assert!(fresh.get(4).is_some(), "most recently used");

        fs::create_dir_all(dir.join("keep-me")).unwrap();
        let stats = clean(&dir);
        assert!(stats.entries >= 2);
        assert_eq!(scan(&dir), CacheStats::default());
        assert!(
            dir.join("keep-me").exists(),
            "clean removes only the cache's own files"
        );
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn many_packs_are_merged_without_losing_entries() {
        let dir = std::env::temp_dir().join(format!("compiler-merge-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let store = Store::open(Some(&dir));
        for key in 0..40u128 {
            store.put(key, &entry(key as u32));
            store.flush();
        }
        assert_eq!(scan(&dir).packs, 40);
        evict(&store, u64::MAX, &FxHashSet::default());
        let stats = scan(&dir);
        assert_eq!((stats.packs, stats.entries), (21, 40));
        let fresh = Store::open(Some(&dir));
        assert!((0..40u128).all(|k| fresh.get(k) == Some(entry(k as u32))));
        fs::remove_dir_all(&dir).unwrap();
    }
}
