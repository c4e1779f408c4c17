//! Istanbul's hints: `/* istanbul ignore next */`, `ignore if`, `ignore else` and
//! `ignore file`, in block or line comments.
//!
//! Babel gives a comment to the outermost node that starts right after it (after any
//! other comments and white space), and Istanbul reads hints off a node's leading
//! comments. So a hint here belongs to the position of the token after its comments, and
//! the first node the instrumenter enters at that position, the outermost, claims it.

use rustc_hash::FxHashMap;
use swc_core::common::{
    comments::{Comment, SingleThreadedComments},
    BytePos,
};

use super::location::LineIndex;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    Next,
    If,
    Else,
}

pub struct Hints {
    /// By the position of the token the hint's comments stand before; taken by the first
    /// node that starts there.
    pending: FxHashMap<BytePos, Hint>,
    /// `istanbul ignore file` somewhere in the file.
    pub ignore_file: bool,
}

/// The word after `istanbul ignore`, as Istanbul's patterns
/// `^\s*istanbul\s+ignore\s+(if|else|next|file)(?=\W|$)` read it.
fn hint_word(text: &str) -> Option<&str> {
    let rest = text.trim_start().strip_prefix("istanbul")?;
    fn after_ws(s: &str) -> Option<&str> {
        let t = s.trim_start();
        (t.len() < s.len()).then_some(t)
    }
    let rest = after_ws(rest)?.strip_prefix("ignore")?;
    let rest = after_ws(rest)?;
    ["if", "else", "next", "file"].into_iter().find(|word| {
        rest.strip_prefix(word).is_some_and(|tail| {
            !tail
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
        })
    })
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

impl Hints {
    pub fn new(comments: &SingleThreadedComments, lines: &LineIndex) -> Self {
        let mut all: Vec<Comment> = {
            let (leading, trailing) = comments.borrow_all();
            leading
                .values()
                .chain(trailing.values())
                .flatten()
                .cloned()
                .collect()
        };
        all.sort_by_key(|c| c.span.lo);
        all.dedup_by_key(|c| c.span.lo);

        let source = lines.source();
        let mut pending = FxHashMap::default();
        let mut ignore_file = false;
        for (i, comment) in all.iter().enumerate() {
            let hint = match hint_word(&comment.text) {
                Some("file") => {
                    ignore_file = true;
                    continue;
                }
                Some("next") => Hint::Next,
                Some("if") => Hint::If,
                Some("else") => Hint::Else,
                _ => continue,
            };
            // Past the white space and the comments that follow, to the next token.
            let mut end = lines.offset(comment.span.hi);
            for next in &all[i + 1..] {
                let lo = lines.offset(next.span.lo);
                if lo < end || !source[end..lo].chars().all(is_space) {
                    break;
                }
                end = lines.offset(next.span.hi);
            }
            let token = source[end..]
                .char_indices()
                .find(|&(_, c)| !is_space(c))
                .map_or(source.len(), |(i, _)| end + i);
            // Of several hints before one token, the last counts, as in Istanbul.
            pending.insert(lines.pos(token), hint);
        }
        Self {
            pending,
            ignore_file,
        }
    }

    /// The hint of the node starting at `lo`, which is entered now; nodes entered later
    /// at the same position (inner ones) have none.
    pub fn claim(&mut self, lo: BytePos) -> Option<Hint> {
        if self.pending.is_empty() {
            return None;
        }
        self.pending.remove(&lo)
    }

    /// The hint a node starting at `lo` will claim when it is entered.
    pub fn peek(&self, lo: BytePos) -> Option<Hint> {
        self.pending.get(&lo).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::hint_word;

    #[test]
    fn reads_hints_as_istanbul_does() {
        assert_eq!(hint_word(" istanbul ignore next "), Some("next"));
        assert_eq!(hint_word("istanbul  ignore\telse: because"), Some("else"));
        assert_eq!(hint_word(" istanbul ignore if"), Some("if"));
        assert_eq!(hint_word(" istanbul ignore file"), Some("file"));
        assert_eq!(hint_word(" istanbul ignore nextline"), None);
        assert_eq!(hint_word(" istanbul ignore"), None);
        assert_eq!(hint_word(" istanbulignore next"), None);
        assert_eq!(hint_word("! istanbul ignore next"), None);
    }
}
