//! Istanbul's locations: 1-based lines and 0-based columns counted in UTF-16 code units,
//! as Babel counts them, from swc's byte positions.

use serde::Serialize;
use swc_core::common::{BytePos, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: u32,
    pub column: u32,
}

/// A `{ start, end }` range. `None` is a branch path that has no place in the source (the
/// implicit `else` of an `if`), which Istanbul writes as `{ start: {}, end: {} }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range(pub Option<(Position, Position)>);

impl Serialize for Range {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        #[derive(Serialize)]
        struct Empty {}
        let mut range = s.serialize_struct("Range", 2)?;
        match self.0 {
            Some((start, end)) => {
                range.serialize_field("start", &start)?;
                range.serialize_field("end", &end)?;
            }
            None => {
                range.serialize_field("start", &Empty {})?;
                range.serialize_field("end", &Empty {})?;
            }
        }
        range.end()
    }
}

impl Range {
    pub fn start_line(&self) -> Option<u32> {
        self.0.map(|(start, _)| start.line)
    }
}

/// Where each line of one file starts.
pub struct LineIndex<'a> {
    source: &'a str,
    /// The byte position of the file's first byte.
    base: BytePos,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Lines end as JavaScript's do: `\n`, `\r\n`, `\r`, U+2028 and U+2029.
    pub fn new(source: &'a str, base: BytePos) -> Self {
        let bytes = source.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                // U+2028 and U+2029 are E2 80 A8 and E2 80 A9.
                0xE2 if bytes.get(i + 1) == Some(&0x80)
                    && matches!(bytes.get(i + 2), Some(0xA8 | 0xA9)) =>
                {
                    starts.push(i + 3);
                    i += 2;
                }
                _ => {}
            }
            i += 1;
        }
        Self {
            source,
            base,
            starts,
        }
    }

    pub fn source(&self) -> &'a str {
        self.source
    }

    /// The offset of `pos` in the source text.
    pub fn offset(&self, pos: BytePos) -> usize {
        (pos.0.saturating_sub(self.base.0) as usize).min(self.source.len())
    }

    pub fn pos(&self, offset: usize) -> BytePos {
        BytePos(self.base.0 + offset as u32)
    }

    pub fn position(&self, pos: BytePos) -> Position {
        let offset = self.offset(pos);
        let line = self.starts.partition_point(|&start| start <= offset) - 1;
        let text = &self.source.as_bytes()[self.starts[line]..offset];
        let column = if text.is_ascii() {
            text.len()
        } else {
            String::from_utf8_lossy(text).encode_utf16().count()
        };
        Position {
            line: line as u32 + 1,
            column: column as u32,
        }
    }

    pub fn range(&self, span: Span) -> Range {
        Range(Some((self.position(span.lo), self.position(span.hi))))
    }

    /// The first character of `span`, as Istanbul locates a function without a name.
    pub fn first_char(&self, lo: BytePos) -> Range {
        let start = self.position(lo);
        Range(Some((
            start,
            Position {
                line: start.line,
                column: start.column + 1,
            },
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_end_as_in_javascript_and_columns_count_utf16_units() {
        let source = "a\r\nb\rc\u{2028}d\n\u{1F600}e";
        let index = LineIndex::new(source, BytePos(1));
        let at = |needle: &str| {
            let (line, column) = {
                let p = index.position(BytePos(1 + source.find(needle).unwrap() as u32));
                (p.line, p.column)
            };
            (line, column)
        };
        assert_eq!(at("a"), (1, 0));
        assert_eq!(at("b"), (2, 0));
        assert_eq!(at("c"), (3, 0));
        assert_eq!(at("d"), (4, 0));
        // The emoji is two UTF-16 units.
        assert_eq!(at("e"), (5, 2));
    }
}
