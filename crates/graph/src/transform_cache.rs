//! The persistent cache for hosts that compile one file at a time: the Rollup/Vite plugin
//! and the Jest transformer. Same directory, same packs as the module graph's (`store/`),
//! so one `cacheDir` serves every door.
//!
//! ```text
//! key = build id + session options + filename + source file name + input map
//!       + what the host adds (Vite's mode) + hash of the source
//! ```
//!
//! Everything that goes into the output is in the key, so a hit is the output the compiler
//! would make; anything else is a miss. Failures are not kept: a file that does not compile
//! is compiled again, and reports its errors again. Entries made here are kept in memory
//! until `flush` (the host calls it at the end of a build, when idle, and at exit) writes
//! them out as one pack.

use std::{
    path::Path,
    sync::{
        atomic::{AtomicU64, Ordering},
        Mutex,
    },
};

use compiler_transform::{Diagnostic, FileInput, Output};
use rustc_hash::FxHashSet;

use crate::{
    hash::{of_bytes, Hash, Key},
    store::{self, Entry, Store},
    Session,
};

/// Hits and misses since the cache was opened.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TransformCacheStats {
    /// Outputs served from the cache.
    pub hits: u64,
    /// Files compiled (and, when they compiled, kept).
    pub misses: u64,
    /// Bytes written out by `flush` so far.
    pub written: u64,
}

pub struct TransformCache {
    store: Store,
    max_bytes: u64,
    hits: AtomicU64,
    misses: AtomicU64,
    written: AtomicU64,
    /// Keys read or made by this process: eviction keeps them.
    used: Mutex<FxHashSet<Hash>>,
}

impl TransformCache {
    /// Opens (creating) the cache in `dir`; `None` compiles every file, keeping nothing.
    pub fn open(dir: Option<&Path>, max_bytes: u64) -> Self {
        Self {
            store: Store::open(dir),
            max_bytes,
            hits: AtomicU64::new(0),
            misses: AtomicU64::new(0),
            written: AtomicU64::new(0),
            used: Mutex::default(),
        }
    }

    /// The output of `session` for `source`, from the cache when it has it. `extra` is
    /// whatever else the host's output depends on (empty when nothing).
    pub fn transform(
        &self,
        session: &Session,
        source: &str,
        file: &FileInput,
        extra: &str,
    ) -> Result<Output, Vec<Diagnostic>> {
        let key = key(session, source, file, extra);
        if let Some(entry) = self.store.get(key) {
            self.hits.fetch_add(1, Ordering::Relaxed);
            self.used.lock().unwrap().insert(key);
            return Ok(Output {
                code: entry.code,
                map: entry.map,
            });
        }
        self.misses.fetch_add(1, Ordering::Relaxed);
        let output = session.transform(source, file)?;
        let entry = Entry {
            code: output.code,
            map: output.map,
            imports: vec![],
        };
        self.store.put(key, &entry);
        self.used.lock().unwrap().insert(key);
        Ok(Output {
            code: entry.code,
            map: entry.map,
        })
    }

    /// Writes out the entries made since the last flush as one pack, and trims the cache
    /// to its size when it has grown past it (keeping what this process used).
    pub fn flush(&self) -> u64 {
        let wrote = self.store.flush();
        if wrote > 0 {
            self.written.fetch_add(wrote, Ordering::Relaxed);
            let stats = store::scan(self.store.dir());
            if stats.entry_bytes > self.max_bytes || stats.packs > store::MAX_PACKS as u64 {
                let keep = self.used.lock().unwrap().clone();
                store::evict(&self.store, self.max_bytes, &keep);
            }
        }
        wrote
    }

    pub fn stats(&self) -> TransformCacheStats {
        TransformCacheStats {
            hits: self.hits.load(Ordering::Relaxed),
            misses: self.misses.load(Ordering::Relaxed),
            written: self.written.load(Ordering::Relaxed),
        }
    }

    /// Why the cache turned itself off (a directory that cannot be written), once.
    pub fn take_warning(&self) -> Option<String> {
        self.store.take_warning()
    }
}

fn key(session: &Session, source: &str, file: &FileInput, extra: &str) -> Hash {
    let mut key = Key::new("file transform");
    // The session's key holds the build id and its options.
    key.hash(session.key());
    for field in [
        &file.filename,
        &file.source_file_name,
        &file.input_source_map,
    ] {
        match field {
            Some(s) => key.str("some").str(s),
            None => key.str("none"),
        };
    }
    key.str(extra).hash(of_bytes(source.as_bytes())).finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(json: &str) -> Session {
        Session::from_json(json).unwrap()
    }

    /// A fresh directory for one test, removed when dropped.
    struct TempDir(std::path::PathBuf);
    impl TempDir {
        fn new(name: &str) -> Self {
            let dir = std::env::temp_dir().join(format!(
                "compiler-transform-cache-{name}-{}",
                std::process::id()
            ));
            let _ = std::fs::remove_dir_all(&dir);
            Self(dir)
        }
        fn path(&self) -> &Path {
            &self.0
        }
    }
    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn file(name: &str) -> FileInput {
        FileInput {
            filename: Some(name.into()),
            ..FileInput::default()
        }
    }

    #[test]
    fn serves_what_it_compiled_and_only_that() {
        let dir = TempDir::new("serves");
        let ts = session(r#"{"sourceMaps":true}"#);
        let source = "const a: number = 1;\nexport default a;\n";
        let cache = TransformCache::open(Some(dir.path()), 1 << 30);
        let first = cache.transform(&ts, source, &file("/p/a.ts"), "").unwrap();
        assert_eq!(
            first.code,
            ts.transform(source, &file("/p/a.ts")).unwrap().code
        );
        assert!(cache.flush() > 0);

        // A new process: the same inputs are served; any change to one is a miss.
        let cache = TransformCache::open(Some(dir.path()), 1 << 30);
        let again = cache.transform(&ts, source, &file("/p/a.ts"), "").unwrap();
        assert_eq!((again.code, again.map), (first.code, first.map));
        assert_eq!((cache.stats().hits, cache.stats().misses), (1, 0));
        cache
            .transform(
                &ts,
                "const a = 2;\nexport default a;\n",
                &file("/p/a.ts"),
                "",
            )
            .unwrap();
        cache.transform(&ts, source, &file("/p/b.ts"), "").unwrap();
        cache
            .transform(&ts, source, &file("/p/a.ts"), "mode=production")
            .unwrap();
        let minified = session(r#"{"sourceMaps":true,"minify":true}"#);
        let out = cache
            .transform(&minified, source, &file("/p/a.ts"), "")
            .unwrap();
        assert_eq!(
            out.code,
            minified.transform(source, &file("/p/a.ts")).unwrap().code
        );
        assert_eq!((cache.stats().hits, cache.stats().misses), (1, 4));
    }

    #[test]
    fn failures_are_compiled_again() {
        let dir = TempDir::new("failures");
        let cache = TransformCache::open(Some(dir.path()), 1 << 30);
        let ts = session("{}");
        for _ in 0..2 {
            let errors = cache
                .transform(&ts, "let = ;", &file("/p/bad.ts"), "")
                .unwrap_err();
            assert_eq!(errors[0].location.as_ref().map(|l| l.line), Some(1));
        }
        assert_eq!(cache.flush(), 0);
        assert_eq!((cache.stats().hits, cache.stats().misses), (0, 2));
    }
}
