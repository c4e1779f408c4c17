//! CSS through `lightningcss`: parsed (errors located), nesting lowered, printed compactly;
//! with browsers given, also prefixed, lowered and minified for them. Then scoped by `scope.rs`.

use lightningcss::{
    error::{ParserError, SelectorError},
    rules::{CssRule, CssRuleList},
    stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet},
    targets::{Browsers, Features, Targets},
};

use std::sync::{Arc, RwLock};

use super::{
    scope::{scope_css, unwrap_globals},
    PLACEHOLDER,
};

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
    // Parsed leniently, then every problem is an error but one whose text holds an
    // interpolation (`@media (max-width: ${bp}px)`), which lightningcss cannot type: that
    // text is kept as written, as Next.js keeps it.
    let warnings = Arc::new(RwLock::new(Vec::new()));
    let sheet = StyleSheet::parse(
        css,
        ParserOptions {
            filename: "style.css".into(),
            error_recovery: true,
            warnings: Some(warnings.clone()),
            ..Default::default()
        },
    )
    .map_err(|e| error(e.kind.to_string(), e.loc.map(|l| (l.line, l.column))))?;
    for warning in warnings.read().expect("not poisoned").iter() {
        // `:global(...)` and other pseudo-classes lightningcss does not know, which the
        // strict parser let through too.
        if matches!(
            warning.kind,
            ParserError::SelectorError(
                SelectorError::UnsupportedPseudoClass(_)
                    | SelectorError::UnsupportedPseudoElement(_)
            )
        ) {
            continue;
        }
        let loc = warning.loc.as_ref().map(|l| (l.line, l.column));
        let at = loc.map_or(0, |(line, column)| offset_of(css, line, column));
        // The rule prelude or declaration the problem is in.
        let start = css[..at].rfind(['{', ';', '}']).map_or(0, |i| i + 1);
        let end = css[at..]
            .find(['{', ';', '}'])
            .map_or(css.len(), |i| at + i);
        if !css[start..end].contains(PLACEHOLDER) {
            return Err(error(warning.kind.to_string(), loc));
        }
    }
    let fail = |e: lightningcss::error::Error<lightningcss::error::PrinterErrorKind>| {
        error(e.kind.to_string(), e.loc.map(|l| (l.line, l.column)))
    };
    // Nested rules are scoped before their nesting is lowered, as Next.js does: `&:hover`
    // gets the class again (`div.jsx-1.jsx-1:hover`), which decides which rule wins.
    // Only a sheet that nests is printed twice; most do not.
    if let Some(class) = class.filter(|_| has_nested_rules(&sheet.rules)) {
        let keep_nesting = Targets {
            browsers: None,
            include: Features::empty(),
            exclude: Features::Nesting,
        };
        let nested = sheet
            .to_css(PrinterOptions {
                minify: true,
                targets: keep_nesting,
                ..Default::default()
            })
            .map_err(fail)?;
        let scoped = scope_css(&nested.code, class);
        let sheet = StyleSheet::parse(
            &scoped,
            ParserOptions {
                filename: "style.css".into(),
                error_recovery: true,
                ..Default::default()
            },
        )
        .map_err(|e| error(e.kind.to_string(), None))?;
        return print(sheet, targets).map_err(|e| error(e.kind.to_string(), None));
    }
    let printed = print(sheet, targets).map_err(fail)?;
    Ok(match class {
        Some(class) => scope_css(&printed, class),
        None => unwrap_globals(&printed),
    })
}

/// Whether a style rule holds another rule (`div{&:hover{…}}`), at any depth of
/// grouping at-rules.
fn has_nested_rules(rules: &CssRuleList) -> bool {
    rules.0.iter().any(|rule| match rule {
        CssRule::Style(style) => !style.rules.0.is_empty(),
        CssRule::Nesting(_) => true,
        CssRule::Media(r) => has_nested_rules(&r.rules),
        CssRule::Supports(r) => has_nested_rules(&r.rules),
        CssRule::Container(r) => has_nested_rules(&r.rules),
        CssRule::LayerBlock(r) => has_nested_rules(&r.rules),
        CssRule::MozDocument(r) => has_nested_rules(&r.rules),
        _ => false,
    })
}

/// Minified for the targets: with browsers, also prefixed, lowered and shortened for them;
/// without, printed compactly as the author wrote it (nesting lowered either way).
fn print<'i>(
    mut sheet: StyleSheet<'i>,
    targets: Targets,
) -> Result<String, lightningcss::error::Error<lightningcss::error::PrinterErrorKind>> {
    if targets.browsers.is_some() {
        // Minifying only fails on what parsing let through; print what we have then.
        let _ = sheet.minify(MinifyOptions {
            targets,
            ..Default::default()
        });
    }
    Ok(sheet
        .to_css(PrinterOptions {
            minify: true,
            targets,
            ..Default::default()
        })?
        .code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(css: &str) -> Result<String, String> {
        process(css, Some("c"), targets(None)).map_err(|e| format!("{} at {}", e.message, e.offset))
    }

    #[test]
    fn interpolations_in_media_queries_are_kept() {
        assert_eq!(
            run("@media (max-width: __styled_jsx_placeholder_0__px) { div { color: red } }")
                .unwrap(),
            "@media (width<=__styled_jsx_placeholder_0__px){div.c{color:red}}"
        );
    }

    #[test]
    fn nested_rules_are_scoped_before_nesting_is_lowered() {
        assert_eq!(
            process("div.p { color: red; &:hover { color: blue } .c { margin: 0 } } p.c { &.d { x: y } }", Some("s"), targets(None)).map_err(|e| e.message).unwrap(),
            "div.p.s{color:red}div.p.s.s:hover{color:#00f}div.p.s .c.s{margin:0}p.c.s.d.s{x:y}"
        );
    }

    #[test]
    fn other_invalid_media_queries_are_errors() {
        assert_eq!(
            run("p{x:1}\n@media (max-width: ) { div { color: red } }").unwrap_err(),
            "Invalid media query at 24"
        );
    }
}
