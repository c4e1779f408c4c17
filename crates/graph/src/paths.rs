//! Paths as the graph keeps them: relative to the project root, `/`-separated, so that
//! keys and the saved graph hold no absolute path; and the names outputs get.

use std::path::{Component, Path, PathBuf};

/// Extensions compiled as modules; anything else a module imports is copied as is.
pub const SCRIPT_EXTENSIONS: [&str; 8] = ["ts", "tsx", "mts", "cts", "js", "jsx", "mjs", "cjs"];

/// `abs` relative to `root` with `/` separators, or `None` when it is outside `root`.
pub fn to_rel(root: &Path, abs: &Path) -> Option<String> {
    let rest = abs.strip_prefix(root).ok()?;
    let mut out = String::new();
    for part in rest.components() {
        match part {
            Component::Normal(p) => {
                if !out.is_empty() {
                    out.push('/');
                }
                out.push_str(&p.to_string_lossy());
            }
            Component::CurDir => {}
            _ => return None,
        }
    }
    (!out.is_empty()).then_some(out)
}

pub fn from_rel(root: &Path, rel: &str) -> PathBuf {
    rel.split('/')
        .fold(root.to_path_buf(), |p, part| p.join(part))
}

fn extension(rel: &str) -> &str {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.rsplit_once('.').map(|(_, e)| e).unwrap_or("")
}

pub fn is_script(rel: &str) -> bool {
    SCRIPT_EXTENSIONS.contains(&extension(rel))
}

/// The name a module's output gets, as `compiler transform` names it: `.ts .tsx .js .jsx`
/// → `.js`, `.mts .mjs` → `.mjs`, `.cts .cjs` → `.cjs`; other files keep their name.
pub fn output_name(rel: &str) -> String {
    let ext = extension(rel);
    let stem = &rel[..rel.len() - ext.len()];
    match ext {
        "ts" | "tsx" | "js" | "jsx" => format!("{stem}js"),
        "mts" | "mjs" => format!("{stem}mjs"),
        "cts" | "cjs" => format!("{stem}cjs"),
        _ => rel.to_string(),
    }
}

/// A specifier that loads `to` from `from` (both relative to one folder, `/`-separated):
/// `./b.js`, `../lib/c.js`.
pub fn relative_specifier(from: &str, to: &str) -> String {
    let from_dir: Vec<&str> = from.split('/').collect::<Vec<_>>();
    let from_dir = &from_dir[..from_dir.len() - 1];
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from_dir
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let ups = from_dir.len() - common;
    let mut out = if ups == 0 {
        "./".to_string()
    } else {
        "../".repeat(ups)
    };
    out.push_str(&to_parts[common..].join("/"));
    out
}

/// The path of `to` relative to the directory `from`, both absolute: `../src/a.ts`.
pub fn relative_path(from: &Path, to: &Path) -> String {
    let from: Vec<_> = from.components().collect();
    let to: Vec<_> = to.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = vec!["..".to_string(); from.len() - common];
    parts.extend(
        to[common..]
            .iter()
            .map(|c| c.as_os_str().to_string_lossy().into_owned()),
    );
    parts.join("/")
}

/// `./x`, `../x`, `.` and `..`: specifiers that name a path relative to the importer.
pub fn is_relative_specifier(s: &str) -> bool {
    s == "." || s == ".." || s.starts_with("./") || s.starts_with("../")
}

/// The `?query#fragment` tail of a path specifier, kept when it is rewritten (`#x` alone
/// is a package import, not a fragment).
pub fn specifier_suffix(s: &str) -> &str {
    if !is_relative_specifier(s) && !s.starts_with('/') {
        return "";
    }
    s.find(['?', '#']).map(|i| &s[i..]).unwrap_or("")
}

pub fn has_node_modules(path: &Path) -> bool {
    path.components().any(|c| c.as_os_str() == "node_modules")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        let root = Path::new("/p");
        assert_eq!(
            to_rel(root, Path::new("/p/src/a.ts")).as_deref(),
            Some("src/a.ts")
        );
        assert_eq!(to_rel(root, Path::new("/q/a.ts")), None);
        assert_eq!(to_rel(root, Path::new("/p")), None);
        assert_eq!(from_rel(root, "src/a.ts"), PathBuf::from("/p/src/a.ts"));
    }

    #[test]
    fn output_names() {
        assert_eq!(output_name("src/a.tsx"), "src/a.js");
        assert_eq!(output_name("a.mts"), "a.mjs");
        assert_eq!(output_name("a.cjs"), "a.cjs");
        assert_eq!(output_name("dir.ts/data.json"), "dir.ts/data.json");
        assert_eq!(output_name("a.d.ts"), "a.d.js");
        assert!(is_script("x/y.jsx") && !is_script("y.json") && !is_script("Makefile"));
    }

    #[test]
    fn specifiers_between_outputs() {
        assert_eq!(relative_specifier("a.js", "b.js"), "./b.js");
        assert_eq!(relative_specifier("src/a.js", "src/lib/b.js"), "./lib/b.js");
        assert_eq!(relative_specifier("src/lib/a.js", "src/b.js"), "../b.js");
        assert_eq!(relative_specifier("x/y/a.js", "z/b.js"), "../../z/b.js");
        assert!(
            is_relative_specifier("./a")
                && is_relative_specifier("..")
                && !is_relative_specifier(".a")
        );
        assert_eq!(specifier_suffix("./a.css?inline"), "?inline");
        assert_eq!(specifier_suffix("./a"), "");
        assert_eq!(specifier_suffix("#config"), "");
        assert_eq!(specifier_suffix("pkg?x"), "");
        assert_eq!(
            relative_path(Path::new("/p/dist/lib"), Path::new("/p/src/lib/a.ts")),
            "../../src/lib/a.ts"
        );
        assert_eq!(
            relative_path(Path::new("/p/src"), Path::new("/p/src/a.ts")),
            "a.ts"
        );
    }
}
