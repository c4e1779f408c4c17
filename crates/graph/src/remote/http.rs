//! Bazel's HTTP cache protocol on a blocking client: `GET`/`PUT` of `<base>/ac/<key>`
//! (a key → an `ActionResult`) and `<base>/cas/<sha256>` (blobs named by their digest).
//! bazel-remote, BuildBuddy, Buildbarn and nginx with WebDAV serve it.
//!
//! A `404` is a miss; any other failure (refused, reset, timed out, another status) is an
//! error. Every CAS body read is checked against its sha256 and size. The auth header's
//! value goes into requests and nowhere else.

use std::{fmt, time::Duration};

use sha2::{Digest as _, Sha256};
use ureq::Agent;

use super::action::Digest;

/// Bodies larger than this are refused (a chunk is a few MB).
const MAX_BODY: u64 = 1 << 30;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Refused, reset, closed early, timed out, or the URL could not be reached.
    Transport(String),
    /// A status other than success or 404.
    Status(u16),
    /// A CAS body whose sha256 or size is not its name's.
    Integrity,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Transport(why) => f.write_str(why),
            Failure::Status(code) => write!(f, "HTTP {code}"),
            Failure::Integrity => f.write_str("the blob does not match its sha256"),
        }
    }
}

pub struct Client {
    agent: Agent,
    base: String,
    header: Option<(String, String)>,
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    crate::hash::hex_bytes(&Sha256::digest(bytes))
}

/// `url` without user info, for messages.
pub fn shown(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let authority = rest.find('/').map_or(rest, |end| &rest[..end]);
    match authority.rfind('@') {
        Some(at) => format!("{scheme}://{}", &rest[at + 1..]),
        None => url.to_string(),
    }
}

impl Client {
    pub fn new(url: &str, header: Option<(String, String)>, timeout: Duration) -> Self {
        let agent: Agent = Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(timeout))
            .max_idle_connections_per_host(8)
            .user_agent(concat!("compiler-js/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Self {
            agent,
            base: url.trim_end_matches('/').to_string(),
            header,
        }
    }

    fn url(&self, kind: &str, name: &str) -> String {
        format!("{}/{kind}/{name}", self.base)
    }

    fn get(&self, kind: &str, name: &str) -> Result<Option<Vec<u8>>, Failure> {
        let mut request = self.agent.get(self.url(kind, name));
        if let Some((k, v)) = &self.header {
            request = request.header(k, v);
        }
        let mut response = request.call().map_err(transport)?;
        match response.status().as_u16() {
            200 => response
                .body_mut()
                .with_config()
                .limit(MAX_BODY)
                .read_to_vec()
                .map(Some)
                .map_err(transport),
            404 => Ok(None),
            code => Err(Failure::Status(code)),
        }
    }

    fn put(&self, kind: &str, name: &str, bytes: &[u8]) -> Result<(), Failure> {
        let mut request = self.agent.put(self.url(kind, name));
        if let Some((k, v)) = &self.header {
            request = request.header(k, v);
        }
        let response = request.send(bytes).map_err(transport)?;
        match response.status().as_u16() {
            200..=299 => Ok(()),
            code => Err(Failure::Status(code)),
        }
    }

    /// The action result stored under `key`; `None` when there is none.
    pub fn get_ac(&self, key: &str) -> Result<Option<Vec<u8>>, Failure> {
        self.get("ac", key)
    }

    pub fn put_ac(&self, key: &str, bytes: &[u8]) -> Result<(), Failure> {
        self.put("ac", key, bytes)
    }

    /// The blob named `digest`, checked against it.
    pub fn get_cas(&self, digest: &Digest) -> Result<Option<Vec<u8>>, Failure> {
        let Some(bytes) = self.get("cas", &digest.hash)? else {
            return Ok(None);
        };
        if bytes.len() as u64 != digest.size || sha256_hex(&bytes) != digest.hash {
            return Err(Failure::Integrity);
        }
        Ok(Some(bytes))
    }

    pub fn put_cas(&self, digest: &Digest, bytes: &[u8]) -> Result<(), Failure> {
        self.put("cas", &digest.hash, bytes)
    }
}

fn transport(err: ureq::Error) -> Failure {
    Failure::Transport(match err {
        ureq::Error::Timeout(_) => "timed out".to_string(),
        ureq::Error::Io(e) => e.to_string(),
        other => other.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_and_urls() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(
            shown("https://u:secret@cache.example/x"),
            "https://cache.example/x"
        );
        assert_eq!(
            shown("http://127.0.0.1:8080/cache"),
            "http://127.0.0.1:8080/cache"
        );
        assert_eq!(shown("http://h/p@q"), "http://h/p@q");
    }
}
