//! `#[napi(object)]` mirrors of the core's types, and the conversions between them.

use std::path::PathBuf;

use compiler_graph::{FileJob, FileOutcome};
use compiler_transform::{Diagnostic, FileInput, Output};
use napi_derive::napi;

#[napi(object)]
pub struct JsDiagnostic {
    /// `SYNTAX_ERROR`, `INVALID_OPTION`, `TRANSFORM_ERROR`, `IO_ERROR` or `INTERNAL`.
    pub code: String,
    pub message: String,
    pub filename: Option<String>,
    /// 1-based.
    pub line: Option<u32>,
    /// 1-based.
    pub column: Option<u32>,
    pub frame: Option<String>,
}

impl From<Diagnostic> for JsDiagnostic {
    fn from(d: Diagnostic) -> Self {
        let (line, column, frame) = match d.location {
            Some(l) => (Some(l.line), Some(l.column), Some(l.frame)),
            None => (None, None, None),
        };
        Self {
            code: d.code.as_str().to_string(),
            message: d.message,
            filename: d.filename,
            line,
            column,
            frame,
        }
    }
}

pub fn js_errors(errors: Vec<Diagnostic>) -> Vec<JsDiagnostic> {
    errors.into_iter().map(Into::into).collect()
}

#[napi(object)]
#[derive(Default)]
pub struct JsFileInput {
    pub filename: Option<String>,
    pub source_file_name: Option<String>,
    /// An input source map as JSON text.
    pub input_source_map: Option<String>,
}

impl From<JsFileInput> for FileInput {
    fn from(f: JsFileInput) -> Self {
        Self {
            filename: f.filename,
            source_file_name: f.source_file_name,
            input_source_map: f.input_source_map,
        }
    }
}

/// Either `code` (and `map`) or `errors`.
#[napi(object)]
pub struct JsTransformResult {
    pub code: Option<String>,
    pub map: Option<String>,
    pub errors: Option<Vec<JsDiagnostic>>,
}

impl From<Result<Output, Vec<Diagnostic>>> for JsTransformResult {
    fn from(r: Result<Output, Vec<Diagnostic>>) -> Self {
        match r {
            Ok(o) => Self {
                code: Some(o.code),
                map: o.map,
                errors: None,
            },
            Err(e) => Self {
                code: None,
                map: None,
                errors: Some(js_errors(e)),
            },
        }
    }
}

#[napi(object)]
pub struct JsFileJob {
    pub input: String,
    pub output: String,
    pub source_file_name: Option<String>,
    pub map_output: Option<String>,
}

impl From<JsFileJob> for FileJob {
    fn from(j: JsFileJob) -> Self {
        Self {
            input: PathBuf::from(j.input),
            output: PathBuf::from(j.output),
            source_file_name: j.source_file_name,
            map_output: j.map_output.map(PathBuf::from),
        }
    }
}

#[napi(object)]
pub struct JsFileOutcome {
    pub input: String,
    pub bytes_in: f64,
    pub bytes_out: f64,
    pub errors: Vec<JsDiagnostic>,
}

impl From<FileOutcome> for JsFileOutcome {
    fn from(o: FileOutcome) -> Self {
        Self {
            input: o.input.display().to_string(),
            bytes_in: o.bytes_in as f64,
            bytes_out: o.bytes_out as f64,
            errors: js_errors(o.errors),
        }
    }
}
