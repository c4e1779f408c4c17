//! What the remote cache holds for a project, in the CAS:
//!
//! ```text
//! chunk     u32 length of the index | index frame: (key, offset, length) of each entry |
//!           entry frames, exactly as in a local pack (checksummed, with the build id)
//! manifest  frame: the project's chunks, each with its digest and the keys it holds
//! ```
//!
//! A chunk is a few MB, so a 10,000-module project is a handful of requests, not one per
//! module. Entries keep their own checksums: a chunk that passes its sha256 but holds an
//! entry of another build still reads that entry as a miss.

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::action::Digest;
use crate::{
    hash::Hash,
    store::{frame, Kind},
};

/// Entries go into chunks of about this many bytes.
pub const CHUNK_BYTES: usize = 4 << 20;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub chunks: Vec<ChunkRef>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChunkRef {
    pub digest: Digest,
    pub keys: Vec<Hash>,
}

impl Manifest {
    pub fn encode(&self) -> Vec<u8> {
        frame::encode(Kind::Manifest, self)
    }

    pub fn decode(bytes: &[u8]) -> Option<Self> {
        frame::decode(Kind::Manifest, bytes)
    }
}

/// A downloaded chunk: its bytes and where each entry's frame is in them.
pub struct Chunk {
    bytes: Vec<u8>,
    at: FxHashMap<Hash, (usize, usize)>,
}

impl Chunk {
    pub fn decode(bytes: Vec<u8>) -> Option<Self> {
        let len = u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?) as usize;
        let items: Vec<(Hash, u64, u32)> =
            frame::decode(Kind::Index, bytes.get(4..4usize.checked_add(len)?)?)?;
        let base = 4 + len;
        let mut at = FxHashMap::default();
        for (key, offset, size) in items {
            let start = base.checked_add(usize::try_from(offset).ok()?)?;
            let end = start.checked_add(size as usize)?;
            if end > bytes.len() {
                return None;
            }
            at.insert(key, (start, end));
        }
        Some(Self { bytes, at })
    }

    pub fn frame(&self, key: Hash) -> Option<&[u8]> {
        let &(start, end) = self.at.get(&key)?;
        Some(&self.bytes[start..end])
    }
}

/// Packs `(key, frame)` pairs into chunks of about [`CHUNK_BYTES`].
pub fn chunks(frames: impl IntoIterator<Item = (Hash, Vec<u8>)>) -> Vec<(Vec<Hash>, Vec<u8>)> {
    let mut out = vec![];
    let mut keys = vec![];
    let mut items: Vec<(Hash, u64, u32)> = vec![];
    let mut body: Vec<u8> = vec![];
    let mut finish = |keys: &mut Vec<Hash>, items: &mut Vec<_>, body: &mut Vec<u8>| {
        if keys.is_empty() {
            return;
        }
        let index = frame::encode(Kind::Index, &*items);
        let mut blob = Vec::with_capacity(4 + index.len() + body.len());
        blob.extend_from_slice(&(index.len() as u32).to_le_bytes());
        blob.extend_from_slice(&index);
        blob.append(body);
        out.push((std::mem::take(keys), blob));
        items.clear();
    };
    for (key, frame) in frames {
        items.push((key, body.len() as u64, frame.len() as u32));
        keys.push(key);
        body.extend_from_slice(&frame);
        if body.len() >= CHUNK_BYTES {
            finish(&mut keys, &mut items, &mut body);
        }
    }
    finish(&mut keys, &mut items, &mut body);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_round_trip_and_damage_is_refused() {
        let frames: Vec<(Hash, Vec<u8>)> = (0..5u128).map(|k| (k, vec![k as u8; 3])).collect();
        let made = chunks(frames.clone());
        assert_eq!(made.len(), 1);
        assert_eq!(made[0].0, vec![0, 1, 2, 3, 4]);
        let chunk = Chunk::decode(made[0].1.clone()).unwrap();
        for (k, f) in &frames {
            assert_eq!(chunk.frame(*k), Some(&f[..]));
        }
        assert_eq!(chunk.frame(9), None);
        let mut cut = made[0].1.clone();
        cut.truncate(cut.len() - 1);
        assert!(Chunk::decode(cut).is_none(), "an entry past the end");
        assert!(Chunk::decode(vec![1, 2]).is_none());

        let big: Vec<(Hash, Vec<u8>)> = (0..3u128).map(|k| (k, vec![0; CHUNK_BYTES])).collect();
        let made = chunks(big);
        assert_eq!(
            made.iter().map(|c| c.0.clone()).collect::<Vec<_>>(),
            vec![vec![0], vec![1], vec![2]]
        );

        let m = Manifest {
            chunks: vec![ChunkRef {
                digest: Digest::of(b"x"),
                keys: vec![1, 2],
            }],
        };
        assert_eq!(Manifest::decode(&m.encode()), Some(m));
    }
}
