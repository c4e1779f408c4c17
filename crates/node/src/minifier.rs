//! `Minifier`: Terser-style options parsed once; sync, async and batch entry points.

use std::sync::Arc;

use compiler_graph::{minify_files, minify_sources, FileJob};
use compiler_minify::{Minifier as Core, MinifyInput};
use napi::bindgen_prelude::AsyncTask;
use napi_derive::napi;

use crate::{
    task::Work,
    types::{JsFileJob, JsFileOutcome, JsTransformResult},
};

#[napi]
pub struct Minifier {
    core: Arc<Core>,
}

#[napi(object)]
#[derive(Default)]
pub struct JsMinifyInput {
    pub filename: Option<String>,
    /// The input's source map as JSON text.
    pub input_source_map: Option<String>,
}

impl From<JsMinifyInput> for MinifyInput {
    fn from(i: JsMinifyInput) -> Self {
        Self {
            filename: i.filename,
            source_file_name: None,
            input_source_map: i.input_source_map,
        }
    }
}

fn minify_impl(core: &Core, code: &str, input: &MinifyInput) -> JsTransformResult {
    core.minify(code, input).into()
}

/// One source of a batch: its code and what the minifier should know of it.
#[napi(object)]
pub struct JsMinifySource {
    pub code: String,
    pub filename: Option<String>,
    /// The input's source map as JSON text.
    pub input_source_map: Option<String>,
}

fn minify_many_impl(core: &Core, sources: Vec<JsMinifySource>) -> Vec<JsTransformResult> {
    let sources: Vec<(String, MinifyInput)> = sources
        .into_iter()
        .map(|s| {
            let input = JsMinifyInput {
                filename: s.filename,
                input_source_map: s.input_source_map,
            };
            (s.code, input.into())
        })
        .collect();
    minify_sources(core, &sources)
        .into_iter()
        .map(Into::into)
        .collect()
}

fn minify_files_impl(core: &Core, jobs: &[FileJob]) -> Vec<JsFileOutcome> {
    minify_files(core, jobs)
        .into_iter()
        .map(Into::into)
        .collect()
}

#[napi]
impl Minifier {
    /// Parses and checks Terser-style `optionsJson` once. Refused options throw with
    /// `code: "InvalidArg"` and the diagnostic's message.
    #[napi(constructor)]
    pub fn new(options_json: String) -> napi::Result<Self> {
        match Core::from_json(&options_json) {
            Ok(core) => Ok(Self {
                core: Arc::new(core),
            }),
            Err(d) => Err(napi::Error::new(napi::Status::InvalidArg, d.message)),
        }
    }

    #[napi]
    pub fn minify_sync(&self, code: String, input: Option<JsMinifyInput>) -> JsTransformResult {
        minify_impl(&self.core, &code, &input.unwrap_or_default().into())
    }

    #[napi(ts_return_type = "Promise<JsTransformResult>")]
    pub fn minify(
        &self,
        code: String,
        input: Option<JsMinifyInput>,
    ) -> AsyncTask<Work<JsTransformResult>> {
        let (core, input): (_, MinifyInput) = (self.core.clone(), input.unwrap_or_default().into());
        AsyncTask::new(Work::new(move || minify_impl(&core, &code, &input)))
    }

    #[napi]
    pub fn minify_many_sync(&self, sources: Vec<JsMinifySource>) -> Vec<JsTransformResult> {
        minify_many_impl(&self.core, sources)
    }

    /// Minifies every source (a bundle's chunks) in parallel on Rust's thread pool.
    #[napi(ts_return_type = "Promise<Array<JsTransformResult>>")]
    pub fn minify_many(
        &self,
        sources: Vec<JsMinifySource>,
    ) -> AsyncTask<Work<Vec<JsTransformResult>>> {
        let core = self.core.clone();
        AsyncTask::new(Work::new(move || minify_many_impl(&core, sources)))
    }

    /// Reads, minifies and writes every job's file in parallel on Rust's thread pool.
    #[napi(ts_return_type = "Promise<Array<JsFileOutcome>>")]
    pub fn minify_files(&self, jobs: Vec<JsFileJob>) -> AsyncTask<Work<Vec<JsFileOutcome>>> {
        let core = self.core.clone();
        let jobs: Vec<FileJob> = jobs.into_iter().map(Into::into).collect();
        AsyncTask::new(Work::new(move || minify_files_impl(&core, &jobs)))
    }
}
