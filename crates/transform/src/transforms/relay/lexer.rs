//! GraphQL's tokens: punctuators, names, numbers and strings, after the GraphQL
//! specification's lexical grammar, with graphql-js's error wording. `graphql.rs` parses them.

use super::graphql::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Punct(u8),
    Spread,
    Name,
    Int,
    Float,
    String,
    Eof,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

/// The token that starts at or after `pos`, skipping what GraphQL ignores: white space,
/// line breaks, commas, a byte order mark and `#` comments.
pub(super) fn token(text: &str, pos: usize) -> Result<Token, Error> {
    let bytes = text.as_bytes();
    let mut i = pos;
    loop {
        match bytes.get(i) {
            Some(b' ' | b'\t' | b'\n' | b'\r' | b',') => i += 1,
            Some(b'#') => {
                while !matches!(bytes.get(i), None | Some(b'\n' | b'\r')) {
                    i += 1;
                }
            }
            Some(0xEF) if bytes[i..].starts_with("\u{FEFF}".as_bytes()) => i += 3,
            _ => break,
        }
    }
    let start = i;
    let lex_error = |offset: usize, message: String| Error {
        offset,
        message: format!("Syntax Error: {message}"),
    };
    let kind = match bytes.get(i) {
        None => Kind::Eof,
        Some(b'.') if bytes[i..].starts_with(b"...") => {
            i += 3;
            Kind::Spread
        }
        Some(
            &c @ (b'!' | b'$' | b'&' | b'(' | b')' | b':' | b'=' | b'@' | b'[' | b']' | b'{' | b'|'
            | b'}'),
        ) => {
            i += 1;
            Kind::Punct(c)
        }
        Some(c) if c.is_ascii_alphabetic() || *c == b'_' => {
            while bytes
                .get(i)
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_')
            {
                i += 1;
            }
            Kind::Name
        }
        Some(c) if c.is_ascii_digit() || *c == b'-' => {
            let (end, float) = number(bytes, i).map_err(|(at, message)| lex_error(at, message))?;
            i = end;
            if float {
                Kind::Float
            } else {
                Kind::Int
            }
        }
        Some(b'"') => {
            i = string(bytes, i).ok_or_else(|| lex_error(start, "Unterminated string.".into()))?;
            Kind::String
        }
        Some(_) => {
            let c = text[i..].chars().next().unwrap_or('?');
            return Err(lex_error(i, format!("Unexpected character: \"{c}\".")));
        }
    };
    Ok(Token {
        kind,
        start,
        end: i,
    })
}

/// The end of the number at `i`, and whether it is a float; `-?` digits, then an optional
/// fraction and exponent, with nothing name-like right after.
fn number(bytes: &[u8], mut i: usize) -> Result<(usize, bool), (usize, String)> {
    let digits = |i: &mut usize| {
        let from = *i;
        while bytes.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i > from
    };
    let invalid = |at: usize| {
        let found = bytes
            .get(at)
            .map_or("<EOF>".to_string(), |c| format!("{:?}", *c as char));
        Err((
            at,
            format!("Invalid number, expected digit but got: {found}."),
        ))
    };
    if bytes.get(i) == Some(&b'-') {
        i += 1;
    }
    if bytes.get(i) == Some(&b'0') && bytes.get(i + 1).is_some_and(u8::is_ascii_digit) {
        return Err((i + 1, "Invalid number, unexpected digit after 0.".into()));
    }
    if !digits(&mut i) {
        return invalid(i);
    }
    let mut float = false;
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        float = true;
        if !digits(&mut i) {
            return invalid(i);
        }
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        float = true;
        if matches!(bytes.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if !digits(&mut i) {
            return invalid(i);
        }
    }
    if bytes
        .get(i)
        .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_' || *c == b'.')
    {
        return invalid(i);
    }
    Ok((i, float))
}

/// The end of the string (or `"""` block string) at `i`, or `None` if it is unterminated.
fn string(bytes: &[u8], i: usize) -> Option<usize> {
    if bytes[i..].starts_with(b"\"\"\"") {
        let mut j = i + 3;
        loop {
            if bytes[j..].starts_with(b"\\\"\"\"") {
                j += 4;
            } else if bytes[j..].starts_with(b"\"\"\"") {
                return Some(j + 3);
            } else if j >= bytes.len() {
                return None;
            } else {
                j += 1;
            }
        }
    }
    let mut j = i + 1;
    loop {
        match bytes.get(j)? {
            b'"' => return Some(j + 1),
            b'\\' => j += 2,
            b'\n' | b'\r' => return None,
            _ => j += 1,
        }
    }
}
