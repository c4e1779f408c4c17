//! Source maps in and out: reading an input map (inline comment or given JSON),
//! chaining it under ours, and rendering the result as JSON or an inline comment.

use base64::{engine::general_purpose::STANDARD, Engine};
use swc_core::common::{
    comments::{Comment, SingleThreadedComments},
    BytePos, FileName, LineCol, SourceMap,
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

struct MapConfig<'a> {
    source_name: &'a str,
}

impl swc_core::common::source_map::SourceMapGenConfig for MapConfig<'_> {
    fn file_name_to_source(&self, _: &FileName) -> String {
        self.source_name.to_string()
    }

    fn inline_sources_content(&self, _: &FileName) -> bool {
        true
    }
}

/// Builds our map from the code generator's mappings, chained onto `input` if given.
pub fn build(
    cm: &SourceMap,
    mappings: &[(BytePos, LineCol)],
    input: Option<RawMap>,
    source_name: &str,
    output_name: Option<&str>,
) -> String {
    let mut map = cm.build_source_map(mappings, input, MapConfig { source_name });
    if let Some(name) = output_name {
        map.set_file(Some(name.to_string()));
    }
    let mut out = vec![];
    map.to_writer(&mut out)
        .expect("writing JSON to memory cannot fail");
    String::from_utf8(out).expect("source maps are JSON text")
}
