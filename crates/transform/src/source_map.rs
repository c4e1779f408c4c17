//! Source maps in and out: reading an input map (inline comment or given JSON),
//! chaining it under ours, and rendering the result as JSON or an inline comment.

use base64::{engine::general_purpose::STANDARD, Engine};
use rustc_hash::FxHashMap;
use swc_core::common::{
    comments::{Comment, SingleThreadedComments},
    BytePos, FileName, LineCol, SourceMap,
};
use swc_core::ecma::{
    ast::{Ident, IdentName, Program},
    atoms::Atom,
    visit::{Visit, VisitWith},
};
use swc_sourcemap::SourceMap as RawMap;

use crate::diagnostics::{self, Diagnostic};

const URL_PREFIXES: [&str; 2] = ["# sourceMappingURL=", "@ sourceMappingURL="];

fn mapping_url(comment: &Comment) -> Option<&str> {
    let text = comment.text.trim_start();
    URL_PREFIXES
        .iter()
        .find_map(|p| text.strip_prefix(p))
        .map(str::trim)
}

/// Removes every `sourceMappingURL` comment from the comments (the output gets its own)
/// and returns the URL of the last one.
pub fn take_mapping_url(comments: &SingleThreadedComments) -> Option<String> {
    let (leading, trailing) = comments.borrow_all_mut();
    let mut url = None;
    for map in [leading, trailing] {
        let mut map = map;
        for list in map.values_mut() {
            list.retain(|c| match mapping_url(c) {
                Some(u) => {
                    url = Some(u.to_string());
                    false
                }
                None => true,
            });
        }
    }
    url
}

/// Decodes a `data:application/json;base64,` URL; other URLs name files we do not read.
pub fn decode_data_url(url: &str) -> Result<Option<RawMap>, Diagnostic> {
    let Some(rest) = url.strip_prefix("data:application/json") else {
        return Ok(None);
    };
    let Some((_, data)) = rest.split_once("base64,") else {
        return Err(diagnostics::bad_input_source_map(
            "only base64 data URLs are supported",
        ));
    };
    let bytes = STANDARD
        .decode(data.trim())
        .map_err(diagnostics::bad_input_source_map)?;
    parse(&bytes).map(Some)
}

pub fn parse(json: &[u8]) -> Result<RawMap, Diagnostic> {
    RawMap::from_slice(json).map_err(diagnostics::bad_input_source_map)
}

pub fn inline_comment(map_json: &str) -> String {
    format!(
        "//# sourceMappingURL=data:application/json;charset=utf-8;base64,{}",
        STANDARD.encode(map_json)
    )
}

/// The identifiers of a parsed program by where they start, so that a map can give the
/// original name of each one the output renamed or mangled (`names`, as swc and esbuild
/// write them). Collected before any pass: spans survive renaming, names do not.
#[derive(Default)]
pub struct Names(FxHashMap<BytePos, Atom>);

impl Names {
    pub fn of(program: &Program) -> Self {
        struct Collect(FxHashMap<BytePos, Atom>);
        impl Visit for Collect {
            fn visit_ident(&mut self, i: &Ident) {
                if !i.span.is_dummy() {
                    self.0.insert(i.span.lo, i.sym.clone());
                }
            }
            fn visit_ident_name(&mut self, i: &IdentName) {
                if !i.span.is_dummy() {
                    self.0.insert(i.span.lo, i.sym.clone());
                }
            }
        }
        let mut collect = Collect(FxHashMap::default());
        program.visit_with(&mut collect);
        Self(collect.0)
    }
}

struct MapConfig<'a> {
    source_name: &'a str,
    names: Option<&'a Names>,
}

impl swc_core::common::source_map::SourceMapGenConfig for MapConfig<'_> {
    fn file_name_to_source(&self, _: &FileName) -> String {
        self.source_name.to_string()
    }

    fn name_for_bytepos(&self, pos: BytePos) -> Option<&str> {
        self.names?.0.get(&pos).map(|a| a.as_str())
    }

    fn inline_sources_content(&self, _: &FileName) -> bool {
        true
    }
}

/// Builds our map from the code generator's mappings, with `names` for identifiers,
/// chained onto `input` if given (whose names then stand).
pub fn build(
    cm: &SourceMap,
    mappings: &[(BytePos, LineCol)],
    input: Option<RawMap>,
    source_name: &str,
    output_name: Option<&str>,
    names: Option<&Names>,
) -> String {
    let mut map = cm.build_source_map(mappings, input, MapConfig { source_name, names });
    if let Some(name) = output_name {
        map.set_file(Some(name.to_string()));
    }
    let mut out = vec![];
    map.to_writer(&mut out)
        .expect("writing JSON to memory cannot fail");
    String::from_utf8(out).expect("source maps are JSON text")
}

/// A text edit on one line of generated code: every mapping at or after `from_col` on
/// `line` (both 0-based) moves by `delta` columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnShift {
    pub line: u32,
    pub from_col: u32,
    pub delta: i32,
}

/// `map_json` with its mappings moved as `shifts` say, for code that was edited after it
/// was printed (a module specifier rewritten, say). Shifts on one line add up.
pub fn shift_columns(map_json: &str, shifts: &[ColumnShift]) -> Result<String, Diagnostic> {
    if shifts.is_empty() {
        return Ok(map_json.to_string());
    }
    let map = parse(map_json.as_bytes())?;
    let tokens = map
        .tokens()
        .map(|t| {
            let mut raw = t.get_raw_token();
            let moved: i64 = shifts
                .iter()
                .filter(|s| s.line == raw.dst_line && raw.dst_col >= s.from_col)
                .map(|s| s.delta as i64)
                .sum();
            raw.dst_col = (raw.dst_col as i64 + moved).max(0) as u32;
            raw
        })
        .collect();
    let shifted = RawMap::new(
        map.get_file().cloned(),
        tokens,
        map.names().cloned().collect(),
        map.sources().cloned().collect(),
        Some(map.source_contents().map(|c| c.cloned()).collect()),
    );
    let mut out = vec![];
    shifted
        .to_writer(&mut out)
        .expect("writing JSON to memory cannot fail");
    Ok(String::from_utf8(out).expect("source maps are JSON text"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shifts_only_mappings_after_the_edit_on_its_line() {
        let mut builder = swc_sourcemap::SourceMapBuilder::new(None);
        let src = builder.add_source("a.ts".into());
        builder.set_source_contents(src, Some("x".into()));
        for (line, col) in [(0, 0), (0, 10), (0, 20), (1, 4)] {
            builder.add_raw(line, col, line, col, Some(src), None, false);
        }
        let mut json = vec![];
        builder.into_sourcemap().to_writer(&mut json).unwrap();
        let json = String::from_utf8(json).unwrap();

        let shifted = shift_columns(
            &json,
            &[ColumnShift {
                line: 0,
                from_col: 10,
                delta: 3,
            }],
        )
        .unwrap();
        let map = parse(shifted.as_bytes()).unwrap();
        let cols: Vec<_> = map
            .tokens()
            .map(|t| (t.get_dst_line(), t.get_dst_col(), t.get_src_col()))
            .collect();
        assert_eq!(cols, [(0, 0, 0), (0, 13, 10), (0, 23, 20), (1, 4, 4)]);
        assert_eq!(
            map.get_source_contents(0).map(|s| s.to_string()),
            Some("x".into())
        );
    }
}
