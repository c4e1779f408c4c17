//! Every problem the module graph reports, as named constructors. Problems in a module are
//! `Diagnostic`s with its file, line, column and code frame; problems with the cache are
//! warnings, since a build without a cache is still a correct build.

use std::{io, path::Path};

use compiler_transform::{Diagnostic, ErrorCode, Location};

/// Where `specifier` is written in `source` (the first quoted occurrence), for errors
/// about an import: the compiled output no longer has the original positions.
fn locate_specifier(source: &str, specifier: &str) -> Option<Location> {
    let at = ['"', '\'', '`']
        .iter()
        .filter_map(|q| source.find(&format!("{q}{specifier}{q}")))
        .min()?;
    let before = &source[..at];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    Some(Location::in_source(source, line as u32, column as u32))
}

fn at(d: Diagnostic, file: &Path, source: &str, specifier: &str) -> Diagnostic {
    let d = d.with_filename(file.display().to_string());
    match locate_specifier(source, specifier) {
        Some(loc) => d.with_location(loc),
        None => d,
    }
}

/// esbuild's "Could not resolve", with the paths that were tried.
#[cold]
pub fn unresolved(
    file: &Path,
    source: &str,
    specifier: &str,
    reason: &str,
    tried: &[String],
) -> Diagnostic {
    let mut message = format!("Could not resolve \"{specifier}\": {reason}");
    if tried.is_empty() {
        message.push_str("\n  Is the package installed? To leave it to the runtime, mark it external (--external)");
    } else {
        const SHOWN: usize = 8;
        message.push_str("\n  Looked for: ");
        message.push_str(
            &tried
                .iter()
                .take(SHOWN)
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
        );
        if tried.len() > SHOWN {
            message.push_str(&format!(" (and {} more)", tried.len() - SHOWN));
        }
    }
    at(
        Diagnostic::new(ErrorCode::ResolveError, message),
        file,
        source,
        specifier,
    )
}

#[cold]
pub fn outside_root(
    file: &Path,
    source: &str,
    specifier: &str,
    resolved: &Path,
    root: &Path,
) -> Diagnostic {
    let message = format!(
        "\"{specifier}\" resolves to {}, which is outside the root {}; pass a --root that holds both",
        resolved.display(),
        root.display()
    );
    at(
        Diagnostic::new(ErrorCode::ResolveError, message),
        file,
        source,
        specifier,
    )
}

#[cold]
pub fn output_conflict(file: &Path, other: &Path, output: &str) -> Diagnostic {
    Diagnostic::new(
        ErrorCode::ResolveError,
        format!(
            "{} and {} would both be written to {output}; this one is skipped",
            other.display(),
            file.display()
        ),
    )
    .with_filename(file.display().to_string())
}

#[cold]
pub fn entry_not_found(file: &Path) -> Diagnostic {
    Diagnostic::new(ErrorCode::IoError, "entry point not found")
        .with_filename(file.display().to_string())
}

#[cold]
pub fn entry_outside_root(file: &Path, root: &Path) -> Diagnostic {
    Diagnostic::new(
        ErrorCode::InvalidOption,
        format!("entry point is outside the root {}", root.display()),
    )
    .with_filename(file.display().to_string())
}

#[cold]
pub fn read_failed(file: &Path, err: &io::Error) -> Diagnostic {
    compiler_transform::diagnostics::io_error(&file.display().to_string(), err)
}

#[cold]
pub fn write_failed(file: &Path, err: &io::Error) -> Diagnostic {
    compiler_transform::diagnostics::io_error(&file.display().to_string(), err)
}

/// The warning printed when the cache cannot be used.
#[cold]
pub fn cache_off(path: &Path, err: &io::Error) -> String {
    format!(
        "the cache at {} cannot be written ({err}); running without a cache",
        path.display()
    )
}

/// The warning printed when a request to the remote cache fails (once per process).
#[cold]
pub fn remote_off(url: &str, doing: &str, why: &str) -> String {
    format!(
        "remote cache {url}: {doing} failed ({why}); going on without it, compiling here what the local cache lacks"
    )
}

/// The warning printed when a remote blob does not check out (once per process).
#[cold]
pub fn remote_damaged(url: &str, name: &str, uploading: bool) -> String {
    let again = if uploading { " and uploaded again" } else { "" };
    format!(
        "remote cache {url}: {name} does not match its sha256 (or is not ours); its entries are compiled here{again}"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_at_the_specifier_in_the_source() {
        let source = "import a from './a';\nimport { b } from \"./missing\";\n";
        let d = unresolved(
            Path::new("/p/src/main.ts"),
            source,
            "./missing",
            "Cannot find module './missing'",
            &["src/missing".into(), "src/missing.ts".into()],
        );
        assert_eq!(d.code, ErrorCode::ResolveError);
        assert_eq!(d.filename.as_deref(), Some("/p/src/main.ts"));
        let loc = d.location.unwrap();
        assert_eq!((loc.line, loc.column), (2, 19));
        assert!(
            loc.frame.contains("> 2 | import { b } from \"./missing\";"),
            "{}",
            loc.frame
        );
        assert!(d.message.starts_with("Could not resolve \"./missing\""));
        assert!(d
            .message
            .contains("Looked for: src/missing, src/missing.ts"));
    }
}
