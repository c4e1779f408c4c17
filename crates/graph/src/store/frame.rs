//! The one on-disk format of the cache: a header that says what the payload is, which
//! build wrote it and its checksum, then the payload, bincode compressed with LZ4.
//!
//! ```text
//! magic "CJSC" | kind u8 | version u8 | build id (32 hex bytes) | length u64 | xxh3-64 u64 | payload
//! ```
//!
//! Anything that does not check out (short, other kind, other build, wrong checksum,
//! undecodable) reads as `None`: a miss, never an error.

use serde::{de::DeserializeOwned, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use crate::hash::BUILD_ID;

const MAGIC: &[u8; 4] = b"CJSC";
const VERSION: u8 = 1;
const HEADER: usize = 4 + 1 + 1 + 32 + 8 + 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Kind {
    Entry = b'E',
    Index = b'I',
    Graph = b'G',
    /// The remote cache's list of a project's chunks.
    Manifest = b'M',
}

pub fn encode<T: Serialize>(kind: Kind, value: &T) -> Vec<u8> {
    let raw = bincode::serialize(value).expect("cache values serialize");
    let payload = lz4_flex::compress_prepend_size(&raw);
    let mut out = Vec::with_capacity(HEADER + payload.len());
    out.extend_from_slice(MAGIC);
    out.push(kind as u8);
    out.push(VERSION);
    out.extend_from_slice(&build_id_bytes());
    out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    out.extend_from_slice(&xxh3_64(&payload).to_le_bytes());
    out.extend_from_slice(&payload);
    out
}

pub fn decode<T: DeserializeOwned>(kind: Kind, bytes: &[u8]) -> Option<T> {
    if bytes.len() < HEADER || &bytes[..4] != MAGIC || bytes[4] != kind as u8 || bytes[5] != VERSION
    {
        return None;
    }
    if bytes[6..38] != build_id_bytes() {
        return None;
    }
    let len = u64::from_le_bytes(bytes[38..46].try_into().ok()?) as usize;
    let sum = u64::from_le_bytes(bytes[46..54].try_into().ok()?);
    let payload = &bytes[HEADER..];
    if payload.len() != len || xxh3_64(payload) != sum {
        return None;
    }
    let raw = lz4_flex::decompress_size_prepended(payload).ok()?;
    bincode::deserialize(&raw).ok()
}

fn build_id_bytes() -> [u8; 32] {
    let mut id = [b'0'; 32];
    for (slot, b) in id.iter_mut().zip(BUILD_ID.bytes()) {
        *slot = b;
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_damage() {
        let value = (String::from("code"), vec![1u32, 2, 3]);
        let bytes = encode(Kind::Entry, &value);
        assert_eq!(
            decode::<(String, Vec<u32>)>(Kind::Entry, &bytes),
            Some(value.clone())
        );
        assert_eq!(decode::<(String, Vec<u32>)>(Kind::Graph, &bytes), None);
        for cut in [0, 10, HEADER, bytes.len() - 1] {
            assert_eq!(
                decode::<(String, Vec<u32>)>(Kind::Entry, &bytes[..cut]),
                None,
                "cut at {cut}"
            );
        }
        let mut flipped = bytes.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 0x55;
        assert_eq!(decode::<(String, Vec<u32>)>(Kind::Entry, &flipped), None);
        let mut other_build = bytes.clone();
        other_build[6] ^= 1;
        assert_eq!(
            decode::<(String, Vec<u32>)>(Kind::Entry, &other_build),
            None
        );
    }
}
