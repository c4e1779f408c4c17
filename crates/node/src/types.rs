//! `#[napi(object)]` mirrors of the core's types, and the conversions between them.

use std::{path::PathBuf, sync::atomic::Ordering};

use compiler_graph::{
    BuildReport, CacheStats, Changed, CloseReport, FileJob, FileOutcome, Progress, RemoteReport,
    TransformCacheStats,
};
use compiler_transform::{Diagnostic, FileInput, Output};
use napi_derive::napi;

#[napi(object)]
pub struct JsDiagnostic {
    /// `SYNTAX_ERROR`, `INVALID_OPTION`, `TRANSFORM_ERROR`, `IO_ERROR`, `RESOLVE_ERROR`,
    /// `NESTING_TOO_DEEP` or `INTERNAL`.
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

/// What one build did (`--stats` writes these fields).
#[napi(object)]
pub struct JsBuildReport {
    pub modules: u32,
    pub transformed: u32,
    pub from_cache: u32,
    pub changed: u32,
    pub written: u32,
    pub removed: u32,
    pub errors: u32,
    pub ms: f64,
    pub diagnostics: Vec<JsDiagnostic>,
    pub warnings: Vec<String>,
    /// With a remote cache: what it did during this build.
    pub remote: Option<JsRemoteReport>,
}

/// What the remote cache did. Byte counts are numbers (exact up to 2^53).
#[napi(object)]
pub struct JsRemoteReport {
    pub hits: f64,
    pub misses: f64,
    pub errors: f64,
    pub bytes_down: f64,
    pub bytes_up: f64,
}

impl From<RemoteReport> for JsRemoteReport {
    fn from(r: RemoteReport) -> Self {
        Self {
            hits: r.hits as f64,
            misses: r.misses as f64,
            errors: r.errors as f64,
            bytes_down: r.bytes_down as f64,
            bytes_up: r.bytes_up as f64,
        }
    }
}

/// What closing a graph finished: its uploads to the remote cache and their warnings.
#[napi(object)]
pub struct JsCloseReport {
    pub remote: Option<JsRemoteReport>,
    pub warnings: Vec<String>,
}

impl From<CloseReport> for JsCloseReport {
    fn from(r: CloseReport) -> Self {
        Self {
            remote: r.remote.map(Into::into),
            warnings: r.warnings,
        }
    }
}

impl From<BuildReport> for JsBuildReport {
    fn from(r: BuildReport) -> Self {
        Self {
            modules: r.modules as u32,
            transformed: r.transformed as u32,
            from_cache: r.from_cache as u32,
            changed: r.changed as u32,
            written: r.written as u32,
            removed: r.removed as u32,
            errors: r.errors as u32,
            ms: r.ms,
            diagnostics: js_errors(r.diagnostics),
            warnings: r.warnings,
            remote: r.remote.map(Into::into),
        }
    }
}

#[napi(object)]
pub struct JsProgress {
    /// Modules found so far.
    pub found: u32,
    /// Modules visited so far.
    pub done: u32,
}

impl From<&Progress> for JsProgress {
    fn from(p: &Progress) -> Self {
        Self {
            found: p.found.load(Ordering::Relaxed) as u32,
            done: p.done.load(Ordering::Relaxed) as u32,
        }
    }
}

#[napi(object)]
pub struct JsChanged {
    pub paths: Vec<String>,
    /// Events were lost: every file must be checked.
    pub rescan: bool,
}

impl From<Changed> for JsChanged {
    fn from(c: Changed) -> Self {
        Self {
            paths: c
                .paths
                .into_iter()
                .map(|p| p.display().to_string())
                .collect(),
            rescan: c.rescan,
        }
    }
}

#[napi(object)]
pub struct JsCacheStats {
    pub entries: f64,
    pub entry_bytes: f64,
    pub packs: f64,
    pub graphs: f64,
    pub graph_bytes: f64,
    pub temporary_files: f64,
}

impl From<CacheStats> for JsCacheStats {
    fn from(s: CacheStats) -> Self {
        Self {
            entries: s.entries as f64,
            entry_bytes: s.entry_bytes as f64,
            packs: s.packs as f64,
            graphs: s.graphs as f64,
            graph_bytes: s.graph_bytes as f64,
            temporary_files: s.temporary_files as f64,
        }
    }
}

#[napi(object)]
pub struct JsTransformCacheStats {
    pub hits: f64,
    pub misses: f64,
    pub written: f64,
}

impl From<TransformCacheStats> for JsTransformCacheStats {
    fn from(s: TransformCacheStats) -> Self {
        Self {
            hits: s.hits as f64,
            misses: s.misses as f64,
            written: s.written as f64,
        }
    }
}
