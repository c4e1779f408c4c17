//! What the remote cache is given (`RemoteOptions`) and what it reports (`RemoteReport`).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::http;

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
