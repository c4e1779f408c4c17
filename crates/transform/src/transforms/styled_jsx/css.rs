//! CSS through `lightningcss`: parsed (errors located), nesting lowered, printed compactly;
//! with browsers given, also prefixed, lowered and minified for them. Then scoped by `scope.rs`.

use lightningcss::{
    stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet},
    targets::{Browsers, Features, Targets},
};

use super::scope::scope_css;

/// A CSS error: its message and 0-based byte offset into the CSS text.
pub struct CssError {
    pub message: String,
    pub offset: usize,
}

pub fn targets(browsers: Option<Browsers>) -> Targets {
    // Nesting is always lowered: the scoping works on flat rules.
    Targets {
        browsers,
        include: Features::Nesting,
        exclude: Features::empty(),
    }
}

pub fn browsers(queries: &[String]) -> Result<Option<Browsers>, String> {
    Browsers::from_browserslist(queries.iter().map(String::as_str)).map_err(|e| e.to_string())
}

fn offset_of(css: &str, line: u32, column: u32) -> usize {
    let line_start: usize = css
        .split_inclusive('\n')
        .take(line as usize)
        .map(str::len)
        .sum();
    (line_start + column.saturating_sub(1) as usize).min(css.len())
}

/// What lightningcss recovers from but a stylesheet author got wrong: an unclosed or
/// unopened block, and a declaration with no value.
fn check_structure(css: &str) -> Result<(), CssError> {
    let s = css.as_bytes();
    let mut open = vec![];
    let mut i = 0;
    while i < s.len() {
        match s[i] {
            b'"' | b'\'' => {
                let q = s[i];
                i += 1;
                while i < s.len() && s[i] != q {
                    i += if s[i] == b'\\' { 2 } else { 1 };
                }
            }
            b'/' if s.get(i + 1) == Some(&b'*') => {
                i = css[i + 2..].find("*/").map_or(s.len(), |e| i + 2 + e + 1);
            }
            b'{' => open.push(i),
            b'}' => {
                if open.pop().is_none() {
                    return Err(CssError {
                        message: "unexpected `}`".into(),
                        offset: i,
                    });
                }
            }
            b':' => {
                // `prop: ;` or `prop: }` inside a block.
                let rest = css[i + 1..].trim_start();
                if !open.is_empty() && (rest.starts_with(';') || rest.starts_with('}')) {
                    let before = css[..i].trim_end();
                    if before.ends_with(|c: char| c.is_alphanumeric() || c == '-')
                        && !before.ends_with('&')
                    {
                        return Err(CssError {
                            message: "a declaration has no value".into(),
                            offset: i,
                        });
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    match open.last() {
        Some(&at) => Err(CssError {
            message: "this `{` is never closed".into(),
            offset: at,
        }),
        None => Ok(()),
    }
}

/// Minified CSS, scoped by `.class` unless `class` is `None` (global styles).
pub fn process(css: &str, class: Option<&str>, targets: Targets) -> Result<String, CssError> {
    check_structure(css)?;
    let error = |message: String, loc: Option<(u32, u32)>| CssError {
        message,
        offset: loc.map_or(0, |(line, column)| offset_of(css, line, column)),
    };
    let mut sheet = StyleSheet::parse(
        css,
        ParserOptions {
            filename: "style.css".into(),
            ..Default::default()
        },
    )
    .map_err(|e| error(e.kind.to_string(), e.loc.map(|l| (l.line, l.column))))?;
    // Rewriting declarations (prefixes, shorter values, newer syntax) needs to know the
    // browsers; without them, CSS is only printed compactly, as the author wrote it.
    if targets.browsers.is_some() {
        sheet
            .minify(MinifyOptions {
                targets,
                ..Default::default()
            })
            .map_err(|e| error(e.kind.to_string(), e.loc.map(|l| (l.line, l.column))))?;
    }
    let printed = sheet
        .to_css(PrinterOptions {
            minify: true,
            targets,
            ..Default::default()
        })
        .map_err(|e| error(e.kind.to_string(), e.loc.map(|l| (l.line, l.column))))?;
    Ok(match class {
        Some(class) => scope_css(&printed.code, class),
        None => printed.code,
    })
}
