//! The CSS of an emotion template, minified with its interpolations kept in place:
//! comments go (a block comment holding `@`, a control comment such as `/* @noflip */`,
//! stays, as @emotion/babel-plugin keeps it), white space is collapsed, and dropped around
//! `{`, `}`, `;`, `,` and after `:`. Space before a `:` stays, since `a :hover` is a
//! descendant selector. Strings and parentheses (`url(//x)`) are copied as written.
//!
//! ```text
//! `\n  color: ${c};\n  /* note */\n  &:hover { color: blue; }\n`
//! → ["color:", c, ";&:hover{color:blue;}"]
//! ```

use swc_core::ecma::ast::TplElement;

/// A template's strings as they read (cooked), or as written where an escape has no value.
pub fn cooked(quasis: &[TplElement]) -> Vec<String> {
    quasis
        .iter()
        .map(|q| match &q.cooked {
            Some(c) => c.to_string_lossy().into_owned(),
            None => q.raw.to_string(),
        })
        .collect()
}

/// A part of the minified template: text, or the interpolation with this index.
#[derive(Debug, PartialEq, Eq)]
pub enum Part {
    Text(String),
    Expr(usize),
}

/// Stands for interpolation `i` while the text is minified: characters no CSS holds.
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

pub fn minify(quasis: &[&str]) -> Vec<Part> {
    let mut joined = String::new();
    for (i, quasi) in quasis.iter().enumerate() {
        if i > 0 {
            joined.push(OPEN);
            joined.push_str(&(i - 1).to_string());
            joined.push(CLOSE);
        }
        joined.push_str(quasi);
    }
    split(&minify_text(&joined))
}

fn minify_text(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    let mut parens = 0usize;
    let mut i = 0;
    let tight_after = |c: char| matches!(c, '{' | '}' | ';' | ',' | ':');
    let tight_before = |c: char| matches!(c, '{' | '}' | ';' | ',');
    while i < chars.len() {
        let c = chars[i];
        if c == '/' && chars.get(i + 1) == Some(&'*') {
            let end = (i + 2..chars.len().saturating_sub(1))
                .find(|&j| chars[j] == '*' && chars[j + 1] == '/')
                .map_or(chars.len(), |j| j + 2);
            let comment: String = chars[i..end].iter().collect();
            if comment.contains('@') {
                flush_space(&mut out, &mut pending_space, tight_after);
                out.push_str(&comment);
            } else {
                pending_space = true;
            }
            i = end;
            continue;
        }
        if c == '/' && chars.get(i + 1) == Some(&'/') && parens == 0 {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
            pending_space = true;
            continue;
        }
        if c.is_whitespace() {
            pending_space = true;
            i += 1;
            continue;
        }
        if tight_before(c) {
            pending_space = false;
        }
        flush_space(&mut out, &mut pending_space, tight_after);
        match c {
            '"' | '\'' => {
                let mut j = i + 1;
                while j < chars.len() && chars[j] != c {
                    if chars[j] == '\\' {
                        j += 1;
                    }
                    j += 1;
                }
                let end = (j + 1).min(chars.len());
                out.extend(&chars[i..end]);
                i = end;
                continue;
            }
            '(' => parens += 1,
            ')' => parens = parens.saturating_sub(1),
            _ => {}
        }
        out.push(c);
        i += 1;
    }
    out
}

/// Writes the one space that stands for the white space seen, unless the text starts here
/// or the character before it does not need it.
fn flush_space(out: &mut String, pending: &mut bool, tight_after: impl Fn(char) -> bool) {
    if std::mem::take(pending)
        && !out.ends_with("*/")
        && out.chars().last().is_some_and(|last| !tight_after(last))
    {
        out.push(' ');
    }
}

fn split(text: &str) -> Vec<Part> {
    let mut parts = vec![];
    let mut rest = text;
    while let Some(open) = rest.find(OPEN) {
        let Some(close) = rest[open..].find(CLOSE).map(|c| open + c) else {
            break;
        };
        if open > 0 {
            parts.push(Part::Text(rest[..open].to_string()));
        }
        let index = rest[open + OPEN.len_utf8()..close].parse().unwrap_or(0);
        parts.push(Part::Expr(index));
        rest = &rest[close + CLOSE.len_utf8()..];
    }
    if !rest.is_empty() {
        parts.push(Part::Text(rest.to_string()));
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::{minify, Part};

    fn text(parts: &[Part]) -> String {
        parts
            .iter()
            .map(|p| match p {
                Part::Text(t) => t.clone(),
                Part::Expr(i) => format!("${{{i}}}"),
            })
            .collect()
    }

    #[test]
    fn minifies_around_interpolations() {
        let parts = minify(&[
            "\n  color: ",
            ";\n  /* note */\n  padding: 4px   8px;\n  &:hover { color: blue; }\n",
        ]);
        assert_eq!(
            parts,
            vec![
                Part::Text("color:".into()),
                Part::Expr(0),
                Part::Text(";padding:4px 8px;&:hover{color:blue;}".into())
            ]
        );
        assert_eq!(text(&minify(&["margin: ", " ", ";"])), "margin:${0} ${1};");
        assert_eq!(text(&minify(&["", ";"])), "${0};");
        assert_eq!(
            text(&minify(&["a :hover , b > c { x : y }"])),
            "a :hover,b > c{x :y}"
        );
    }

    #[test]
    fn keeps_strings_urls_and_control_comments() {
        assert_eq!(
            text(&minify(&["content: \"a  /* b */  c\"; background: url(//x.com/a.png); // gone\n left: 0; /* @noflip */ right: 1;"])),
            "content:\"a  /* b */  c\";background:url(//x.com/a.png);left:0;/* @noflip */right:1;"
        );
    }
}
