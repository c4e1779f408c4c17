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
mod options;
mod read;
mod write;

use std::{
    sync::{
        atomic::{AtomicBool, AtomicU64, Ordering},
        Arc, Mutex, Weak,
    },
    thread::JoinHandle,
    time::{Duration, Instant},
};

pub use self::options::{RemoteOptions, RemoteReport};
use self::{
    http::{Client, Failure},
    read::Loaded,
};
use crate::{
    diagnostics,
    hash::{Hash, BUILD_ID},
    trace::Trace,
};

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

    fn span(&self, name: &str, started: Instant, detail: &str) {
        if let Some(trace) = &self.trace {
            trace.span(name, "remote", started, Some(detail));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
