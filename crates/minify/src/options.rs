//! Minify options with Terser's names and meanings. Anything Terser has that we do not
//! support is rejected by name, never silently ignored.

use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MinifyOptions {
    /// `false`, `true` (Terser's defaults) or an object of Terser compress options.
    pub compress: Option<Value>,
    /// `false`, `true` or `{ toplevel, keep_classnames, keep_fnames, reserved, properties }`.
    pub mangle: Option<Value>,
    pub format: Option<FormatOptions>,
    /// Terser's older name for `format`.
    pub output: Option<FormatOptions>,
    /// The input is an ES module: strict mode, top-level scope is private.
    pub module: bool,
    /// Drop and mangle top-level names.
    pub toplevel: bool,
    pub keep_classnames: bool,
    pub keep_fnames: bool,
    pub ecma: Option<u32>,
    #[serde(rename = "sourceMap")]
    pub source_map: Option<Value>,
    /// The name of the file in diagnostics.
    pub filename: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FormatOptions {
    /// `"some"` (default: `@license`, `@preserve`, `@cc_on`, `/*!`), `"all"`, `false`,
    /// or a regular expression as a string (`"/^!/"` or `"@keep"`).
    pub comments: Option<Value>,
    pub ascii_only: bool,
    pub beautify: bool,
    pub preamble: Option<String>,
    pub semicolons: Option<bool>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct MangleOptions {
    pub toplevel: Option<bool>,
    pub keep_classnames: bool,
    pub keep_fnames: bool,
    pub reserved: Vec<String>,
    /// Accepted for Terser compatibility; the Safari 10 bug it worked around needs no work-around in our output.
    pub safari10: bool,
    /// Only `false`: property mangling breaks code that is not written for it.
    pub properties: Option<bool>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SourceMapOptions {
    /// The input's map: JSON text, an object, or `"inline"` to read the input's data URL.
    pub content: Option<Value>,
    /// Appended as `//# sourceMappingURL=`; `"inline"` appends the map as a data URL.
    pub url: Option<String>,
    /// The output file's name, written to the map's `file`.
    pub filename: Option<String>,
    #[serde(rename = "includeSources")]
    pub include_sources: Option<bool>,
}
