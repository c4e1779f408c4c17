//! `Minifier`: Terser-style options parsed once; sync, async and batch entry points.

use std::sync::Arc;

use compiler_graph::{minify_files, FileJob};
use compiler_minify::{MinifyInput, Minifier as Core};
use napi::{bindgen_prelude::AsyncTask, Env, Task};
use napi_derive::napi;

use crate::types::{JsFileJob, JsFileOutcome, JsTransformResult};

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
        Self { filename: i.filename, source_file_name: None, input_source_map: i.input_source_map }
    }
}

fn minify_impl(core: &Core, code: &str, input: &MinifyInput) -> JsTransformResult {
    core.minify(code, input).into()
}

fn minify_files_impl(core: &Core, jobs: &[FileJob]) -> Vec<JsFileOutcome> {
    minify_files(core, jobs).into_iter().map(Into::into).collect()
}

#[napi]
impl Minifier {
    /// Parses and checks Terser-style `optionsJson` once. Refused options throw with
    /// `code: "InvalidArg"` and the diagnostic's message.
    #[napi(constructor)]
    pub fn new(options_json: String) -> napi::Result<Self> {
        match Core::from_json(&options_json) {
            Ok(core) => Ok(Self { core: Arc::new(core) }),
            Err(d) => Err(napi::Error::new(napi::Status::InvalidArg, d.message)),
        }
    }

    #[napi]
    pub fn minify_sync(&self, code: String, input: Option<JsMinifyInput>) -> JsTransformResult {
        minify_impl(&self.core, &code, &input.unwrap_or_default().into())
    }

    #[napi(ts_return_type = "Promise<JsTransformResult>")]
    pub fn minify(&self, code: String, input: Option<JsMinifyInput>) -> AsyncTask<MinifyTask> {
        AsyncTask::new(MinifyTask { core: self.core.clone(), code, input: input.unwrap_or_default().into() })
    }

    /// Reads, minifies and writes every job's file in parallel on Rust's thread pool.
    #[napi(ts_return_type = "Promise<Array<JsFileOutcome>>")]
    pub fn minify_files(&self, jobs: Vec<JsFileJob>) -> AsyncTask<MinifyFilesTask> {
        AsyncTask::new(MinifyFilesTask { core: self.core.clone(), jobs: jobs.into_iter().map(Into::into).collect() })
    }
}

pub struct MinifyTask {
    core: Arc<Core>,
    code: String,
    input: MinifyInput,
}

impl Task for MinifyTask {
    type Output = JsTransformResult;
    type JsValue = JsTransformResult;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(minify_impl(&self.core, &self.code, &self.input))
    }

    fn resolve(&mut self, _: Env, output: Self::Output) -> napi::Result<Self::JsValue> {
        Ok(output)
    }
}

pub struct MinifyFilesTask {
    core: Arc<Core>,
    jobs: Vec<FileJob>,
}

impl Task for MinifyFilesTask {
    type Output = Vec<JsFileOutcome>;
    type JsValue = Vec<JsFileOutcome>;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        Ok(minify_files_impl(&self.core, &self.jobs))
    }

    fn resolve(&mut self, _: Env, output: Self::Output) -> napi::Result<Self::JsValue> {
        Ok(output)
    }
}
