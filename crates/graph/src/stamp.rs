//! File stamps: what `stat` says about a file, as a fast check that it did not change.
//!
//! A stamp equal to the recorded one means "unchanged" only when the file was read well
//! after its last modification. A file changed twice within one tick of the file
//! system's clock can keep its mtime and size, so a stamp taken within [`RACY`] of the
//! read is "racy" and the file is hashed again next time, as git does with its index
//! (Documentation/technical/racy-git.txt).

use std::{
    fs::Metadata,
    io,
    os::unix::fs::MetadataExt,
    path::Path,
    time::{Duration, SystemTime, UNIX_EPOCH},
};

use serde::{Deserialize, Serialize};

/// How recent a change must be for its stamp not to be trusted: Linux's coarse file-system
/// clock ticks every few milliseconds.
pub const RACY: Duration = Duration::from_millis(100);
/// The same for file systems that keep whole seconds (FAT ticks every 2 s): a stamp whose
/// times have no fraction of a second is taken to come from one.
pub const RACY_COARSE: Duration = Duration::from_secs(3);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub mtime_ns: i128,
    pub ctime_ns: i128,
    pub size: u64,
    pub ino: u64,
}

impl Stamp {
    pub fn of(meta: &Metadata) -> Self {
        Self {
            mtime_ns: meta.mtime() as i128 * 1_000_000_000 + meta.mtime_nsec() as i128,
            ctime_ns: meta.ctime() as i128 * 1_000_000_000 + meta.ctime_nsec() as i128,
            size: meta.size(),
            ino: meta.ino(),
        }
    }

    /// Whether a read at `read_at` could have missed a change made in the same clock tick
    /// as the last one this stamp shows.
    pub fn racy_at(&self, read_at: SystemTime) -> bool {
        let read_ns = read_at
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos() as i128)
            .unwrap_or(0);
        let latest = self.mtime_ns.max(self.ctime_ns);
        let coarse = self.mtime_ns % 1_000_000_000 == 0 && self.ctime_ns % 1_000_000_000 == 0;
        let window = if coarse { RACY_COARSE } else { RACY };
        read_ns - latest < window.as_nanos() as i128
    }
}

/// The stamp of `path`, `None` when there is no such file (or it is a directory).
pub fn stat(path: &Path) -> io::Result<Option<Stamp>> {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() => Ok(Some(Stamp::of(&meta))),
        Ok(_) => Ok(None),
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
            ) =>
        {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// The stamp of a directory (its mtime changes when an entry is added, removed or
/// renamed), `None` when it does not exist.
pub fn stat_dir(path: &Path) -> Option<Stamp> {
    std::fs::metadata(path)
        .ok()
        .filter(|m| m.is_dir())
        .map(|m| Stamp::of(&m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_changes_are_racy() {
        let dir = std::env::temp_dir().join(format!("compiler-stamp-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("a.txt");
        std::fs::write(&file, "a").unwrap();
        let stamp = stat(&file).unwrap().unwrap();
        assert_eq!(stamp.size, 1);
        assert!(stamp.racy_at(SystemTime::now()));
        assert!(!stamp.racy_at(SystemTime::now() + Duration::from_secs(4)));
        assert_eq!(stat(&dir.join("missing")).unwrap(), None);
        assert_eq!(stat(&file.join("below-a-file")).unwrap(), None);
        assert_eq!(stat(&dir).unwrap(), None);
        assert!(stat_dir(&dir).is_some());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
