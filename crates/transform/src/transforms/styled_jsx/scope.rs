//! Scoping printed (minified, nesting-free) CSS: every compound selector of every style
//! rule gets the scope class, placed before its pseudo-classes and pseudo-elements;
//! `:global(...)` is unwrapped and left unscoped. Rules inside `@media`, `@supports`,
//! `@container` and `@layer` are scoped too; `@keyframes`, `@font-face` and the like are not.

const RECURSE: [&str; 5] = ["media", "supports", "container", "layer", "document"];

/// Scopes every rule of `css` with `.class` (`class` is given without the dot), and
/// namespaces its keyframes: `@keyframes spin` becomes `spin-<class>`, and so do the
/// `animation` and `animation-name` values that name it.
pub fn scope_css(css: &str, class: &str) -> String {
    let mut out = String::with_capacity(css.len() + css.len() / 4);
    scope_block(css, class, &mut out);
    namespace_keyframes(&out, class)
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

fn namespace_keyframes(css: &str, class: &str) -> String {
    let mut names = vec![];
    for (at, _) in css.match_indices("keyframes ") {
        if css[..at].ends_with('@') || css[..at].ends_with('-') {
            let name: String = css[at + "keyframes ".len()..]
                .chars()
                .take_while(|c| is_name_char(*c))
                .collect();
            if !name.is_empty() && !names.contains(&name) {
                names.push(name);
            }
        }
    }
    if names.is_empty() {
        return css.to_string();
    }
    let rename = |token: &str| {
        if names.iter().any(|n| n == token) {
            format!("{token}-{class}")
        } else {
            token.to_string()
        }
    };
    let mut out = String::with_capacity(css.len() + names.len() * (class.len() + 1) * 2);
    let mut rest = css;
    while !rest.is_empty() {
        // `@keyframes name` and `@-webkit-keyframes name`.
        if let Some(after) = rest
            .strip_prefix("keyframes ")
            .filter(|_| out.ends_with('@') || out.ends_with('-'))
        {
            let name: String = after.chars().take_while(|c| is_name_char(*c)).collect();
            out.push_str("keyframes ");
            out.push_str(&rename(&name));
            rest = &after[name.len()..];
            continue;
        }
        // `animation:` / `animation-name:` (prefixed or not) up to the end of the declaration.
        let at_decl_start = out.is_empty() || out.ends_with([';', '{']);
        let property: String = rest.chars().take_while(|c| is_name_char(*c)).collect();
        if at_decl_start
            && property
                .trim_start_matches('-')
                .trim_start_matches("webkit-")
                .trim_start_matches("moz-")
                .starts_with("animation")
            && (property.ends_with("animation") || property.ends_with("animation-name"))
            && rest[property.len()..].starts_with(':')
        {
            let value_end = rest.find([';', '}']).unwrap_or(rest.len());
            let value = &rest[property.len() + 1..value_end];
            out.push_str(&property);
            out.push(':');
            let mut token = String::new();
            for c in value.chars() {
                if is_name_char(c) {
                    token.push(c);
                } else {
                    out.push_str(&rename(&token));
                    token.clear();
                    out.push(c);
                }
            }
            out.push_str(&rename(&token));
            rest = &rest[value_end..];
            continue;
        }
        let c = rest.chars().next().expect("not empty");
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Index just past the end of the string literal, comment, or bracketed group at `i`.
fn skip(s: &[u8], i: usize) -> usize {
    match s[i] {
        q @ (b'"' | b'\'') => {
            let mut j = i + 1;
            while j < s.len() && s[j] != q {
                j += if s[j] == b'\\' { 2 } else { 1 };
            }
            (j + 1).min(s.len())
        }
        open @ (b'(' | b'[') => {
            let close = if open == b'(' { b')' } else { b']' };
            let mut j = i + 1;
            while j < s.len() && s[j] != close {
                j = if matches!(s[j], b'"' | b'\'' | b'(' | b'[') {
                    skip(s, j)
                } else {
                    j + 1
                };
            }
            (j + 1).min(s.len())
        }
        _ => i + 1,
    }
}

/// Finds `target` at depth 0 from `from`, skipping strings and brackets.
fn find(s: &[u8], from: usize, target: u8) -> Option<usize> {
    let mut i = from;
    while i < s.len() {
        if s[i] == target {
            return Some(i);
        }
        i = if matches!(s[i], b'"' | b'\'' | b'(' | b'[') {
            skip(s, i)
        } else {
            i + 1
        };
    }
    None
}

/// The index of the `}` matching the `{` at `open`.
fn block_end(s: &[u8], open: usize) -> usize {
    let mut depth = 0;
    let mut i = open;
    while i < s.len() {
        match s[i] {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return i;
                }
            }
            b'"' | b'\'' => {
                i = skip(s, i);
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    s.len()
}

fn scope_block(css: &str, class: &str, out: &mut String) {
    let s = css.as_bytes();
    let mut i = 0;
    while i < s.len() {
        if s[i].is_ascii_whitespace() || s[i] == b';' {
            out.push(s[i] as char);
            i += 1;
            continue;
        }
        let brace = find(s, i, b'{');
        let semi = find(s, i, b';');
        match (brace, semi) {
            // A statement without a block (`@import ...;`).
            (_, Some(semi)) if brace.is_none_or(|b| semi < b) => {
                out.push_str(&css[i..=semi]);
                i = semi + 1;
            }
            (Some(open), _) => {
                let end = block_end(s, open);
                let prelude = &css[i..open];
                let body = &css[(open + 1).min(end)..end];
                if let Some(at) = prelude.strip_prefix('@') {
                    let name: String = at
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '-')
                        .collect();
                    out.push_str(prelude);
                    out.push('{');
                    if RECURSE.contains(&name.as_str()) {
                        scope_block(body, class, out);
                    } else {
                        out.push_str(body);
                    }
                } else {
                    out.push_str(&scope_selector_list(prelude, class));
                    out.push('{');
                    out.push_str(body);
                }
                out.push('}');
                i = end + 1;
            }
            _ => {
                out.push_str(&css[i..]);
                break;
            }
        }
    }
}

fn split_top_level(text: &str, sep: u8) -> Vec<&str> {
    let s = text.as_bytes();
    let mut parts = vec![];
    let mut start = 0;
    let mut i = 0;
    while i < s.len() {
        if s[i] == sep {
            parts.push(&text[start..i]);
            start = i + 1;
            i += 1;
        } else if matches!(s[i], b'"' | b'\'' | b'(' | b'[') {
            i = skip(s, i);
        } else {
            i += 1;
        }
    }
    parts.push(&text[start..]);
    parts
}

pub fn scope_selector_list(list: &str, class: &str) -> String {
    split_top_level(list, b',')
        .iter()
        .map(|sel| scope_selector(sel, class))
        .collect::<Vec<_>>()
        .join(",")
}

/// `div > p:hover` → `div.c > p.c:hover`.
fn scope_selector(selector: &str, class: &str) -> String {
    let s = selector.as_bytes();
    let mut out = String::with_capacity(selector.len() + 2 * class.len());
    let mut i = 0;
    let mut start = 0;
    while i <= s.len() {
        let at_combinator = i == s.len() || matches!(s[i], b' ' | b'>' | b'+' | b'~');
        if at_combinator {
            let compound = &selector[start..i];
            if !compound.is_empty() {
                out.push_str(&scope_compound(compound, class));
            }
            if i == s.len() {
                break;
            }
            out.push(s[i] as char);
            i += 1;
            start = i;
        } else if matches!(s[i], b'"' | b'\'' | b'(' | b'[') {
            i = skip(s, i);
        } else {
            i += 1;
        }
    }
    out
}

fn scope_compound(compound: &str, class: &str) -> String {
    if let Some(inner) = compound
        .strip_prefix(":global(")
        .and_then(|r| r.strip_suffix(')'))
    {
        return inner.to_string();
    }
    if compound.contains(":global(") {
        return compound.replacen(":global(", "", 1).replacen(')', "", 1);
    }
    let s = compound.as_bytes();
    let mut i = 0;
    while i < s.len() {
        match s[i] {
            b':' => break,
            b'"' | b'\'' | b'(' | b'[' => i = skip(s, i),
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
    let i = i.min(s.len());
    format!("{}.{class}{}", &compound[..i], &compound[i..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn namespaces_keyframes_and_their_uses() {
        assert_eq!(
            scope_css("@keyframes spin{to{a:b}}div{animation:1s spin,2s fade;color:red}p{animation-name:spin}@-webkit-keyframes spin{to{a:b}}", "c"),
            "@keyframes spin-c{to{a:b}}div.c{animation:1s spin-c,2s fade;color:red}p.c{animation-name:spin-c}@-webkit-keyframes spin-c{to{a:b}}"
        );
    }

    #[test]
    fn scopes_compounds_before_pseudos() {
        assert_eq!(
            scope_css("div:hover>p::before{content:\"a{\"}", "c"),
            "div.c:hover>p.c::before{content:\"a{\"}"
        );
        assert_eq!(
            scope_css("a[href^=\"x y\"] b,.k:not(.z){x:1}", "c"),
            "a[href^=\"x y\"].c b.c,.k.c:not(.z){x:1}"
        );
    }

    #[test]
    fn global_and_at_rules() {
        assert_eq!(
            scope_css(":global(body) p{margin:0}@media (max-width:1px){p{x:1}}@keyframes f{from{a:0}to{a:1}}", "c"),
            "body p.c{margin:0}@media (max-width:1px){p.c{x:1}}@keyframes f-c{from{a:0}to{a:1}}"
        );
        assert_eq!(
            scope_css("@import \"a.css\";p{x:1}", "c"),
            "@import \"a.css\";p.c{x:1}"
        );
    }
}
