//! Writing outputs: each module's compiled code with its specifiers rewritten to the
//! emitted names (and its map moved to match), or an asset copied as is; and removing
//! the outputs of modules that are no longer reachable.
//!
//! A file whose content would not change is not written, so its mtime stays and a dev
//! server watching the out dir sees nothing.

use std::{
    fs,
    path::{Path, PathBuf},
};

use compiler_transform::{
    options::SourceMaps,
    source_map::{inline_comment, shift_columns, ColumnShift},
    Diagnostic,
};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::{
    state::{Emitted, Module, Written},
    walk::{emit_key, rewrites, Visited},
    Settings,
};
use crate::{
    batch::write,
    diagnostics,
    hash::of_bytes,
    paths::{from_rel, output_name, to_rel},
    stamp::stat,
    store::Entry,
};

/// Writes every output that must be; returns how many files were written.
pub fn emit(settings: &Settings, visited: &mut FxHashMap<String, Visited>) -> usize {
    visited
        .par_iter_mut()
        .filter(|(_, v)| v.emit)
        .map(|(rel, v)| match emit_one(settings, rel, v) {
            Ok(wrote) => wrote,
            Err(d) => {
                v.module.problems.push(d);
                0
            }
        })
        .sum()
}

/// Two reachable modules with one output name (`a.ts` and `a.tsx`), or an output that
/// would land on a source: the first in path order writes it; the others are not written
/// and record the problem (so they are visited again by every build until it is gone). A
/// module that loses without having been visited this build joins the visited ones.
pub fn claim_outputs(
    settings: &Settings,
    old: &FxHashMap<String, Module>,
    visited: &mut FxHashMap<String, Visited>,
    reachable: &FxHashSet<String>,
) {
    let mut owners: FxHashMap<String, Vec<&String>> = FxHashMap::default();
    for rel in reachable {
        owners.entry(output_name(rel)).or_default().push(rel);
    }
    let mut losers: Vec<(String, String, String)> = vec![];
    for (output, mut rels) in owners {
        let on_source = to_rel(&settings.root, &settings.out_dir.join(&output))
            .filter(|r| reachable.contains(r));
        if rels.len() == 1 && on_source.is_none() {
            continue;
        }
        rels.sort();
        let winner = on_source.unwrap_or_else(|| rels[0].clone());
        losers.extend(
            rels.into_iter()
                .filter(|r| **r != winner)
                .map(|r| (r.clone(), winner.clone(), output.clone())),
        );
    }
    for (rel, winner, output) in losers {
        let v = visited.entry(rel.clone()).or_insert_with(|| Visited {
            module: old.get(&rel).cloned().unwrap_or_default(),
            entry: None,
            emit: false,
            transformed: false,
            changed: false,
            links_changed: false,
        });
        v.emit = false;
        v.module.emitted = None;
        v.module
            .problems
            .retain(|p| p.code != compiler_transform::ErrorCode::ResolveError);
        v.module.problems.push(diagnostics::output_conflict(
            &from_rel(&settings.root, &rel),
            &from_rel(&settings.root, &winner),
            &output,
        ));
    }
}

fn emit_one(settings: &Settings, rel: &str, v: &mut Visited) -> Result<usize, Diagnostic> {
    let output = output_name(rel);
    let out = settings.out_dir.join(&output);
    let old = v.module.emitted.take();
    let key = emit_key(settings, rel, &v.module);
    let (code, map) = match (&v.module.transformed, &v.entry) {
        (Some(_), Some(entry)) => render(settings, rel, &v.module, entry),
        (Some(_), None) => return Ok(0),
        (None, _) => {
            let bytes = fs::read(from_rel(&settings.root, rel))
                .map_err(|e| diagnostics::read_failed(&from_rel(&settings.root, rel), &e))?;
            (bytes, None)
        }
    };
    let mut wrote = 0;
    let map_path = PathBuf::from(format!("{}.map", out.display()));
    let map_written = match map {
        Some(map) => {
            let (w, did) =
                write_if_changed(&map_path, map.as_bytes(), old.as_ref().and_then(|o| o.map))
                    .map_err(|e| diagnostics::write_failed(&map_path, &e))?;
            wrote += usize::from(did);
            Some(w)
        }
        None => {
            if old.as_ref().is_some_and(|o| o.map.is_some()) {
                let _ = fs::remove_file(&map_path);
            }
            None
        }
    };
    let (code_written, did) = write_if_changed(&out, &code, old.as_ref().map(|o| o.code))
        .map_err(|e| diagnostics::write_failed(&out, &e))?;
    wrote += usize::from(did);
    v.module.emitted = Some(Emitted {
        key,
        output,
        code: code_written,
        map: map_written,
    });
    Ok(usize::from(wrote > 0))
}

/// The output text of a script and its map, as `compiler transform` writes them.
fn render(
    settings: &Settings,
    rel: &str,
    module: &Module,
    entry: &Entry,
) -> (Vec<u8>, Option<String>) {
    let source = &entry.code;
    let mut code = String::with_capacity(source.len() + 64);
    let mut shifts = vec![];
    let mut last = 0;
    for (i, spec) in rewrites(rel, module) {
        let import = &entry.imports[i];
        let (start, end) = (import.start as usize, import.end as usize);
        let quote = source[start..].chars().next().unwrap_or('"');
        let literal = format!("{quote}{}{quote}", escape(&spec, quote));
        let (line, col) = line_col(source, end);
        let old_width: usize = source[start..end].chars().map(char::len_utf16).sum();
        let new_width: usize = literal.chars().map(char::len_utf16).sum();
        shifts.push(ColumnShift {
            line,
            from_col: col,
            delta: new_width as i32 - old_width as i32,
        });
        code.push_str(&source[last..start]);
        code.push_str(&literal);
        last = end;
    }
    code.push_str(&source[last..]);
    let map = entry
        .map
        .as_deref()
        .map(|m| shift_columns(m, &shifts).unwrap_or_else(|_| m.to_string()));
    match (settings.maps, map) {
        (SourceMaps::Separate, Some(map)) => {
            if !code.ends_with('\n') {
                code.push('\n');
            }
            let name = output_name(rel);
            let name = name.rsplit('/').next().unwrap_or(&name);
            code.push_str(&format!("//# sourceMappingURL={name}.map\n"));
            (code.into_bytes(), Some(map))
        }
        (SourceMaps::Inline, Some(map)) => {
            if !code.ends_with('\n') {
                code.push('\n');
            }
            code.push_str(&inline_comment(&map));
            (code.into_bytes(), None)
        }
        _ => (code.into_bytes(), None),
    }
}

fn escape(spec: &str, quote: char) -> String {
    let mut out = String::with_capacity(spec.len());
    for c in spec.chars() {
        if c == '\\' || c == quote {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// 0-based line and UTF-16 column of byte offset `at`, as source maps count them.
fn line_col(text: &str, at: usize) -> (u32, u32) {
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let line = before.as_bytes().iter().filter(|&&b| b == b'\n').count();
    let col: usize = before[line_start..].chars().map(char::len_utf16).sum();
    (line as u32, col as u32)
}

/// Writes `bytes` unless the file already holds them; says whether it wrote.
fn write_if_changed(
    path: &Path,
    bytes: &[u8],
    old: Option<Written>,
) -> std::io::Result<(Written, bool)> {
    let hash = of_bytes(bytes);
    if let Some(old) = old {
        if old.hash == hash && stat(path)? == Some(old.stamp) {
            return Ok((old, false));
        }
    }
    let same = fs::read(path).is_ok_and(|existing| existing == bytes);
    if !same {
        write(path, bytes)?;
    }
    let stamp = stat(path)?
        .ok_or_else(|| std::io::Error::other("the output vanished after it was written"))?;
    Ok((Written { stamp, hash }, !same))
}

/// Removes the outputs of modules that left the graph (unless a module still in it owns
/// the same output name now), and folders that left empty.
pub fn remove(settings: &Settings, gone: &[&Module], reachable: &FxHashSet<String>) -> usize {
    if gone.is_empty() {
        return 0;
    }
    let owned: FxHashSet<String> = reachable.iter().map(|rel| output_name(rel)).collect();
    let mut removed = 0;
    for module in gone {
        let Some(e) = module
            .emitted
            .as_ref()
            .filter(|e| !owned.contains(&e.output))
        else {
            continue;
        };
        let out = settings.out_dir.join(&e.output);
        if fs::remove_file(&out).is_ok() {
            removed += 1;
        }
        if e.map.is_some() {
            let _ = fs::remove_file(format!("{}.map", out.display()));
        }
        let mut dir = out.parent();
        while let Some(d) =
            dir.filter(|d| d.starts_with(&settings.out_dir) && *d != settings.out_dir)
        {
            if fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_units() {
        assert_eq!(line_col("ab\ncd", 4), (1, 1));
        assert_eq!(line_col("é☃x", "é☃".len()), (0, 2));
        assert_eq!(line_col("😀x", 4), (0, 2));
        assert_eq!(escape(r#"./a"b\c"#, '"'), r#"./a\"b\\c"#);
    }
}
