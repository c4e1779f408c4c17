//! Minify options checked and resolved once per session.

use serde_json::Value;
use swc_core::ecma::minifier::option::{
    terser::TerserCompressorOptions, MangleOptions as SwcMangle,
};

use compiler_transform::diagnostics::{self, Diagnostic};

use crate::{
    comments::{regex_from_terser, CommentPolicy},
    options::{FormatOptions, MangleOptions, MinifyOptions, SourceMapOptions},
};

#[derive(Debug, Clone)]
pub struct Config {
    pub compress: Option<TerserCompressorOptions>,
    pub mangle: Option<SwcMangle>,
    pub comments: CommentPolicy,
    pub ascii_only: bool,
    pub beautify: bool,
    pub preamble: Option<String>,
    pub toplevel: bool,
    pub source_map: Option<SourceMapOptions>,
    pub filename: Option<String>,
}

fn parse<T: serde::de::DeserializeOwned>(path: &str, value: Value) -> Result<T, Diagnostic> {
    serde_path_to_error::deserialize(value).map_err(|err| {
        let inner = err.path().to_string();
        let full = if inner == "." {
            path.to_string()
        } else {
            format!("{path}.{inner}")
        };
        diagnostics::invalid_option(&full, err.inner())
    })
}

/// `false`/absent → off, `true` → defaults, object → that.
fn bool_or_object(
    path: &str,
    value: Option<Value>,
    default_on: bool,
) -> Result<Option<Value>, Diagnostic> {
    match value {
        None => Ok(default_on.then(|| Value::Object(Default::default()))),
        Some(Value::Bool(false)) | Some(Value::Null) => Ok(None),
        Some(Value::Bool(true)) => Ok(Some(Value::Object(Default::default()))),
        Some(v @ Value::Object(_)) => Ok(Some(v)),
        Some(other) => Err(diagnostics::invalid_option(
            path,
            format!("expected true, false or an object, found {other}"),
        )),
    }
}

/// Terser's `passes` (default 1) in swc's count (default 2). A swc pass does less than a
/// Terser pass, and swc's default matches Terser's; so each further Terser pass is a further
/// swc pass, and `passes: 2` compresses more than the default, as it does in Terser.
fn swc_passes(value: &Value) -> Result<usize, Diagnostic> {
    match value.as_u64() {
        Some(n) if n >= 1 => Ok(n as usize + 1),
        _ => Err(diagnostics::invalid_option(
            "compress.passes",
            format!("expected a whole number of at least 1, found {value}"),
        )),
    }
}

const MAX_OPTION_ERRORS: usize = 20;

/// After `first`, the errors that reading again finds once each bad key is taken out,
/// joined a line each. It stops at an error that names no key it can take out.
fn every_option_error(mut value: Value, first: Diagnostic) -> Diagnostic {
    let mut all = vec![first];
    while all.len() < MAX_OPTION_ERRORS {
        let taken = all
            .last()
            .and_then(|d| d.option.as_deref())
            .is_some_and(|path| remove_key(&mut value, path));
        if !taken {
            break;
        }
        match Config::read(value.clone()) {
            Ok(_) => break,
            Err(d) => all.push(d),
        }
    }
    let mut all = all.into_iter();
    let mut joined = all.next().expect("the first error");
    for more in all {
        joined.message.push('\n');
        joined.message.push_str(&more.message);
    }
    joined.option = None;
    joined
}

/// Takes the key at a dotted path (`compress.passes`) out of `value`; false if absent.
fn remove_key(value: &mut Value, path: &str) -> bool {
    let (parents, key) = path.rsplit_once('.').map_or(("", path), |(p, k)| (p, k));
    let mut at = value;
    for name in parents.split('.').filter(|n| !n.is_empty()) {
        match at.get_mut(name) {
            Some(inner) => at = inner,
            None => return false,
        }
    }
    at.as_object_mut()
        .is_some_and(|map| map.remove(key).is_some())
}

impl Config {
    pub fn from_json(json: &str) -> Result<Self, Diagnostic> {
        let value: Value =
            serde_json::from_str(json).map_err(|e| diagnostics::invalid_option("", e))?;
        Self::from_value(value)
    }

    /// On error, every bad key is named in the one diagnostic, a line each (up to
    /// `MAX_OPTION_ERRORS`), not only the first met.
    pub fn from_value(value: Value) -> Result<Self, Diagnostic> {
        Self::read(value.clone()).map_err(|first| every_option_error(value, first))
    }

    fn read(value: Value) -> Result<Self, Diagnostic> {
        let options: MinifyOptions = parse("minify", value).map_err(|d| {
            // Paths read better without the synthetic root.
            Diagnostic {
                message: d.message.replace("`minify.", "`"),
                option: d
                    .option
                    .map(|o| o.trim_start_matches("minify.").to_string()),
                ..d
            }
        })?;
        Self::new(options)
    }

    pub fn new(options: MinifyOptions) -> Result<Self, Diagnostic> {
        let toplevel = options.toplevel || options.module;

        let compress = match bool_or_object("compress", options.compress, true)? {
            None => None,
            Some(mut value) => {
                let obj = value.as_object_mut().expect("checked above");
                if let Some(ecma) = options.ecma {
                    obj.entry("ecma").or_insert(ecma.into());
                }
                if toplevel {
                    obj.entry("toplevel").or_insert(true.into());
                }
                if options.module {
                    obj.entry("module").or_insert(true.into());
                }
                if options.keep_classnames {
                    obj.entry("keep_classnames").or_insert(true.into());
                }
                if options.keep_fnames {
                    obj.entry("keep_fnames").or_insert(true.into());
                }
                let passes = obj.remove("passes");
                let mut compress = parse::<TerserCompressorOptions>("compress", value)?;
                if let Some(passes) = passes {
                    compress.passes = swc_passes(&passes)?;
                }
                Some(compress)
            }
        };

        let mangle = match bool_or_object("mangle", options.mangle, true)? {
            None => None,
            Some(value) => {
                let m: MangleOptions = parse("mangle", value)?;
                if m.properties == Some(true) {
                    return Err(diagnostics::invalid_option(
                        "mangle.properties",
                        "property mangling is not supported; use false",
                    ));
                }
                Some(SwcMangle {
                    top_level: Some(m.toplevel.unwrap_or(toplevel)),
                    keep_class_names: m.keep_classnames || options.keep_classnames,
                    keep_fn_names: m.keep_fnames || options.keep_fnames,
                    reserved: m.reserved.into_iter().map(Into::into).collect(),
                    ..Default::default()
                })
            }
        };

        if options.format.is_some() && options.output.is_some() {
            return Err(diagnostics::conflicting_options("format", "output"));
        }
        let format: FormatOptions = options.format.or(options.output).unwrap_or_default();
        let comments = match format.comments {
            None => CommentPolicy::some(),
            Some(Value::Bool(false)) => CommentPolicy::None,
            Some(Value::Bool(true)) => CommentPolicy::All,
            Some(Value::String(s)) if s == "some" => CommentPolicy::some(),
            Some(Value::String(s)) if s == "all" => CommentPolicy::All,
            Some(Value::String(s)) => CommentPolicy::Matching(regex_from_terser(&s).map_err(|e| {
                diagnostics::invalid_option("format.comments", format!("\"{s}\" is not a valid regular expression: {e}"))
            })?),
            Some(other) => {
                return Err(diagnostics::invalid_option(
                    "format.comments",
                    format!("expected \"some\", \"all\", false or a regular expression string, found {other}"),
                ))
            }
        };
        if format.semicolons == Some(false) {
            return Err(diagnostics::invalid_option(
                "format.semicolons",
                "only true is supported",
            ));
        }

        let source_map = match bool_or_object("sourceMap", options.source_map, false)? {
            None => None,
            Some(value) => Some(parse::<SourceMapOptions>("sourceMap", value)?),
        };

        Ok(Self {
            compress,
            mangle,
            comments,
            ascii_only: format.ascii_only,
            beautify: format.beautify,
            preamble: format.preamble,
            toplevel,
            source_map,
            filename: options.filename,
        })
    }
}
