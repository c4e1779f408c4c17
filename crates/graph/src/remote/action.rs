//! The action cache's values: a REAPI `ActionResult` message (protobuf), holding only
//! what we use, its `output_files`, each a path and the digest of a CAS blob. Servers
//! that check what is uploaded to `/ac/` (bazel-remote, BuildBuddy) accept it, and see
//! the blobs it refers to; nginx stores it as bytes.
//!
//! ```text
//! ActionResult { repeated OutputFile output_files = 2; }
//! OutputFile   { string path = 1; Digest digest = 2; }
//! Digest       { string hash = 1; int64 size_bytes = 2; }
//! ```

/// A blob in the CAS: its sha256 (lowercase hex) and size.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Digest {
    pub hash: String,
    pub size: u64,
}

impl Digest {
    pub fn of(bytes: &[u8]) -> Self {
        Self {
            hash: super::http::sha256_hex(bytes),
            size: bytes.len() as u64,
        }
    }
}

pub fn encode(files: &[(String, Digest)]) -> Vec<u8> {
    let mut out = vec![];
    for (path, digest) in files {
        let mut d = vec![];
        put_bytes(&mut d, 1, digest.hash.as_bytes());
        put_varint(&mut d, 2 << 3);
        put_varint(&mut d, digest.size);
        let mut f = vec![];
        put_bytes(&mut f, 1, path.as_bytes());
        put_bytes(&mut f, 2, &d);
        put_bytes(&mut out, 2, &f);
    }
    out
}

/// The output files of an `ActionResult`; `None` when the bytes are not one.
pub fn decode(bytes: &[u8]) -> Option<Vec<(String, Digest)>> {
    let mut files = vec![];
    for (field, value) in fields(bytes)? {
        if let (2, Value::Bytes(file)) = (field, value) {
            let (mut path, mut digest) = (None, None);
            for (field, value) in fields(file)? {
                match (field, value) {
                    (1, Value::Bytes(p)) => path = Some(String::from_utf8(p.to_vec()).ok()?),
                    (2, Value::Bytes(d)) => {
                        let (mut hash, mut size) = (None, 0);
                        for (field, value) in fields(d)? {
                            match (field, value) {
                                (1, Value::Bytes(h)) => {
                                    hash = Some(String::from_utf8(h.to_vec()).ok()?)
                                }
                                (2, Value::Int(n)) => size = n,
                                _ => {}
                            }
                        }
                        digest = Some(Digest { hash: hash?, size });
                    }
                    _ => {}
                }
            }
            files.push((path?, digest?));
        }
    }
    Some(files)
}

enum Value<'a> {
    Int(u64),
    Bytes(&'a [u8]),
}

fn put_varint(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

fn put_bytes(out: &mut Vec<u8>, field: u64, bytes: &[u8]) {
    put_varint(out, (field << 3) | 2);
    put_varint(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

fn varint(bytes: &[u8], at: &mut usize) -> Option<u64> {
    let mut n = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *bytes.get(*at)?;
        *at += 1;
        n |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            return Some(n);
        }
    }
    None
}

/// The fields of a message, in order; fields of other wire types are skipped.
fn fields(bytes: &[u8]) -> Option<Vec<(u64, Value<'_>)>> {
    let mut at = 0;
    let mut out = vec![];
    while at < bytes.len() {
        let tag = varint(bytes, &mut at)?;
        let value = match tag & 7 {
            0 => Value::Int(varint(bytes, &mut at)?),
            1 => {
                at = at.checked_add(8)?;
                continue;
            }
            2 => {
                let len = usize::try_from(varint(bytes, &mut at)?).ok()?;
                let end = at.checked_add(len).filter(|&e| e <= bytes.len())?;
                let value = Value::Bytes(&bytes[at..end]);
                at = end;
                value
            }
            5 => {
                at = at.checked_add(4)?;
                continue;
            }
            _ => return None,
        };
        out.push((tag >> 3, value));
    }
    (at == bytes.len()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_reads_what_protoc_writes() {
        let files = vec![
            ("manifest".to_string(), Digest::of(b"abc")),
            (
                "chunk-0".to_string(),
                Digest {
                    hash: "00".repeat(32),
                    size: 300,
                },
            ),
        ];
        assert_eq!(decode(&encode(&files)), Some(files));
        // `protoc --encode=build.bazel.remote.execution.v2.ActionResult` of
        // output_files { path: "a" digest { hash: "h" size_bytes: 5 } } exit_code: 0:
        // the exit code (field 4, varint) is skipped.
        let protoc = [
            0x12, 0x0a, 0x0a, 0x01, b'a', 0x12, 0x05, 0x0a, 0x01, b'h', 0x10, 0x05, 0x20, 0x00,
        ];
        assert_eq!(
            decode(&protoc),
            Some(vec![(
                "a".into(),
                Digest {
                    hash: "h".into(),
                    size: 5
                }
            )])
        );
        assert_eq!(decode(&protoc[..5]), None, "cut short");
        assert_eq!(decode(b"not a protobuf \xff\xff"), None);
    }
}
