//! The class-name hash: 64-bit FNV-1a over the UTF-8 bytes of the style's CSS source (with
//! interpolations as their placeholders), printed as 16 lowercase hex digits. A fixed,
//! documented function, so server and client builds, machines and releases agree.

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

pub fn hash(text: &str) -> String {
    let mut h = OFFSET;
    for b in text.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(PRIME);
    }
    format!("{h:016x}")
}

#[cfg(test)]
mod tests {
    use super::hash;

    #[test]
    fn is_fnv1a_64() {
        // Reference values of FNV-1a 64.
        assert_eq!(hash(""), "cbf29ce484222325");
        assert_eq!(hash("a"), "af63dc4c8601ec8c");
        assert_eq!(hash("foobar"), "85944171f73967e8");
    }
}
