//! Keeping the cache within its size: least recently used entries go first (a hit
//! refreshes an entry's mtime), entries the current graph uses are kept, and temporary
//! files left by killed processes are swept.

use std::{
    fs,
    path::{Path, PathBuf},
    time::{Duration, SystemTime},
};

use rustc_hash::FxHashSet;
use serde::Serialize;

use crate::hash::Hash;

/// What `compiler cache stats` prints.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CacheStats {
    pub entries: u64,
    pub entry_bytes: u64,
    pub graphs: u64,
    pub graph_bytes: u64,
    pub temporary_files: u64,
}

struct File {
    path: PathBuf,
    key: Option<Hash>,
    bytes: u64,
    used: SystemTime,
}

fn list(dir: &Path, out: &mut Vec<File>) {
    let Ok(read) = fs::read_dir(dir) else { return };
    for item in read.flatten() {
        let Ok(meta) = item.metadata() else { continue };
        let path = item.path();
        if meta.is_dir() {
            list(&path, out);
        } else {
            let key = path
                .file_stem()
                .and_then(|s| s.to_str())
                .and_then(|s| Hash::from_str_radix(s, 16).ok());
            out.push(File {
                path,
                key,
                bytes: meta.len(),
                used: meta.modified().unwrap_or(SystemTime::UNIX_EPOCH),
            });
        }
    }
}

pub fn scan(dir: &Path) -> CacheStats {
    let count = |sub: &str| {
        let mut files = vec![];
        list(&dir.join(sub), &mut files);
        (files.len() as u64, files.iter().map(|f| f.bytes).sum::<u64>())
    };
    let (entries, entry_bytes) = count("entries");
    let (graphs, graph_bytes) = count("graphs");
    let (temporary_files, _) = count("tmp");
    CacheStats {
        entries,
        entry_bytes,
        graphs,
        graph_bytes,
        temporary_files,
    }
}

/// Removes least recently used entries (never one in `keep`) until the entries take at
/// most `max_bytes`, and temporary files older than an hour. Returns the bytes left.
pub fn evict(dir: &Path, max_bytes: u64, keep: &FxHashSet<Hash>) -> u64 {
    let mut tmp = vec![];
    list(&dir.join("tmp"), &mut tmp);
    let hour_ago = SystemTime::now() - Duration::from_secs(3600);
    for f in tmp.iter().filter(|f| f.used < hour_ago) {
        let _ = fs::remove_file(&f.path);
    }

    let mut files = vec![];
    list(&dir.join("entries"), &mut files);
    let mut total: u64 = files.iter().map(|f| f.bytes).sum();
    if total <= max_bytes {
        return total;
    }
    // Down to 90 %, so the next few builds do not evict again at once.
    let target = max_bytes / 10 * 9;
    files.retain(|f| !f.key.is_some_and(|k| keep.contains(&k)));
    files.sort_by_key(|f| f.used);
    for f in files {
        if total <= target {
            break;
        }
        if fs::remove_file(&f.path).is_ok() {
            total -= f.bytes;
        }
    }
    total
}

/// Removes every entry, saved graph and temporary file; nothing else in `dir`.
pub fn clean(dir: &Path) -> CacheStats {
    let before = scan(dir);
    for sub in ["entries", "graphs", "tmp"] {
        let _ = fs::remove_dir_all(dir.join(sub));
    }
    let _ = fs::remove_file(dir.join("CACHEDIR.TAG"));
    let _ = fs::remove_dir(dir);
    before
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Entry, Store};

    #[test]
    fn evicts_least_recently_used_first_and_keeps_what_is_in_use() {
        let dir = std::env::temp_dir().join(format!("compiler-evict-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let store = Store::open(Some(&dir));
        let big = Entry {
            code: (0..4000).map(|i| char::from(b'a' + (i * 7 % 26) as u8)).collect(),
            map: None,
            imports: vec![],
        };
        for key in 1..=4u128 {
            store.put(key, &big);
        }
        // Age them: 1 oldest, 4 newest.
        for key in 1..=4u128 {
            let path = store.entry_path(key);
            let when = SystemTime::now() - Duration::from_secs(1000 - key as u64 * 100);
            fs::File::options().write(true).open(&path).unwrap().set_modified(when).unwrap();
        }
        let one = scan(&dir).entry_bytes / 4;
        assert_eq!(scan(&dir).entries, 4);

        let keep: FxHashSet<Hash> = [1].into_iter().collect();
        let left = evict(&dir, one * 3, &keep);
        assert!(left <= one * 3 / 10 * 9 + one, "{left}");
        assert!(store.get(1).is_some(), "in use");
        assert!(store.get(2).is_none(), "least recently used");
        assert!(store.get(4).is_some(), "most recently used");

        fs::create_dir_all(dir.join("keep-me")).unwrap();
        let stats = clean(&dir);
        assert!(stats.entries >= 2);
        assert_eq!(scan(&dir), CacheStats::default());
        assert!(dir.join("keep-me").exists(), "clean removes only the cache's own files");
        fs::remove_dir_all(&dir).unwrap();
    }
}
