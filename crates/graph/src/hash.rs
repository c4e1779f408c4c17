//! Identity hashes: xxh3-128 of contents, and keys built from several fields.
//!
//! A key hashes each field with its length first, so `("ab", "c")` and `("a", "bc")` never
//! collide by construction. The compiler's build id goes into every key that names work
//! the compiler did.

use xxhash_rust::xxh3::{xxh3_128, Xxh3};

pub type Hash = u128;

/// The id of this build of the compiler (see `build.rs`): any change to the transform,
/// minify or graph code, the lock file or the toolchain gives a new one.
pub const BUILD_ID: &str = env!("COMPILER_BUILD_ID");

pub fn of_bytes(bytes: &[u8]) -> Hash {
    xxh3_128(bytes)
}

/// A key over several fields, tagged with what it is a key of.
pub struct Key(Xxh3);

impl Key {
    pub fn new(tag: &str) -> Self {
        let mut key = Self(Xxh3::new());
        key.str(tag);
        key
    }

    pub fn str(&mut self, s: &str) -> &mut Self {
        self.bytes(s.as_bytes())
    }

    pub fn bytes(&mut self, b: &[u8]) -> &mut Self {
        self.0.update(&(b.len() as u64).to_le_bytes());
        self.0.update(b);
        self
    }

    pub fn hash(&mut self, h: Hash) -> &mut Self {
        self.0.update(&h.to_le_bytes());
        self
    }

    pub fn finish(&self) -> Hash {
        self.0.digest128()
    }
}

pub fn hex(h: Hash) -> String {
    format!("{h:032x}")
}

/// Lowercase hex of any bytes (sha256 digests).
pub fn hex_bytes(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_do_not_run_together() {
        let a = Key::new("t").str("ab").str("c").finish();
        let b = Key::new("t").str("a").str("bc").finish();
        assert_ne!(a, b);
        assert_eq!(a, Key::new("t").str("ab").str("c").finish());
        assert_ne!(a, Key::new("u").str("ab").str("c").finish());
        assert_eq!(hex(1).len(), 32);
    }
}
