//! Scoping printed (minified, nesting-free) CSS: every compound selector of every style
//! rule gets the scope class, placed before its pseudo-classes and pseudo-elements;
//! `:global(...)` is unwrapped and left unscoped. Rules inside `@media`, `@supports`,
//! `@container` and `@layer` are scoped too; `@keyframes`, `@font-face` and the like are not.

const RECURSE: [&str; 5] = ["media", "supports", "container", "layer", "document"];

/// Scopes every rule of `css` with `.class` (`class` is given without the dot). Keyframes
/// keep their names, as under Next.js: an animation named by a global stylesheet or an
/// inline `style` must find them.
pub fn scope_css(css: &str, class: &str) -> String {
    let mut out = String::with_capacity(css.len() + css.len() / 4);
    scope_block(css, class, &mut out);
    out
}

/// A global style's CSS: nothing is scoped, but `:global(...)` is unwrapped all the same.
pub fn unwrap_globals(css: &str) -> String {
    if !css.contains(":global(") {
        return css.to_string();
    }
    scope_css(css, "")
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
                    scope_rule_body(body, class, out);
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

/// A style rule's body: declarations are copied, nested rules (`&:hover{…}`, `.c{…}`,
/// `@media …{…}`) scoped like top-level ones.
fn scope_rule_body(body: &str, class: &str, out: &mut String) {
    let s = body.as_bytes();
    let mut i = 0;
    while i < s.len() {
        let brace = find(s, i, b'{');
        let semi = find(s, i, b';');
        match (brace, semi) {
            (_, Some(semi)) if brace.is_none_or(|b| semi < b) => {
                out.push_str(&body[i..=semi]);
                i = semi + 1;
            }
            (Some(open), _) => {
                let end = block_end(s, open);
                let prelude = &body[i..open];
                let inner = &body[(open + 1).min(end)..end];
                if prelude.starts_with('@') {
                    out.push_str(prelude);
                } else {
                    out.push_str(&scope_selector_list(prelude, class));
                }
                out.push('{');
                scope_rule_body(inner, class, out);
                out.push('}');
                i = end + 1;
            }
            _ => {
                out.push_str(&body[i..]);
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
    // A bare `&` is the parent rule's selector, scoped there already (lightningcss prints
    // a nested `.c` as `& .c`); `&:hover` and `&.d` are compounds of their own.
    if class.is_empty() || compound == "&" {
        return compound.to_string();
    }
    format!("{}.{class}{}", &compound[..i], &compound[i..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn global_styles_unwrap_global() {
        assert_eq!(
            unwrap_globals(":global(div){margin:0}:global(.a) p,b{x:1}@media (a){:global(i){y:2}}"),
            "div{margin:0}.a p,b{x:1}@media (a){i{y:2}}"
        );
        assert_eq!(unwrap_globals("body{x:1}"), "body{x:1}");
    }

    #[test]
    fn keyframes_keep_their_names() {
        assert_eq!(
            scope_css("@keyframes spin{to{a:b}}div{animation:1s spin,2s fade;color:red}@-webkit-keyframes spin{to{a:b}}", "c"),
            "@keyframes spin{to{a:b}}div.c{animation:1s spin,2s fade;color:red}@-webkit-keyframes spin{to{a:b}}"
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
            "body p.c{margin:0}@media (max-width:1px){p.c{x:1}}@keyframes f{from{a:0}to{a:1}}"
        );
        assert_eq!(
            scope_css("@import \"a.css\";p{x:1}", "c"),
            "@import \"a.css\";p.c{x:1}"
        );
    }
}
