//! `Compiler`: a session (transform, then minify when asked) whose options were parsed once, held by JS for as long as it likes.
//! Each entry point is a private `*_impl`, a `*Sync` method and an async task on the
//! libuv thread pool.

use std::sync::Arc;

use compiler_graph::{compile_files, FileJob, Session as Core};
use compiler_transform::{diagnostics, FileInput};
use napi::bindgen_prelude::AsyncTask;
use napi_derive::napi;

use crate::{
    task::Work,
    types::{JsFileInput, JsFileJob, JsFileOutcome, JsTransformResult},
};

#[napi]
pub struct Compiler {
    core: Arc<Core>,
}

fn transform_impl(core: &Core, code: &str, file: FileInput) -> JsTransformResult {
    core.transform(code, &file).into()
}

fn transform_file_impl(core: &Core, path: &str, file: FileInput) -> JsTransformResult {
    match std::fs::read_to_string(path) {
        Ok(code) => {
            let file = FileInput {
                filename: file.filename.or_else(|| Some(path.to_string())),
                ..file
            };
            transform_impl(core, &code, file)
        }
        Err(err) => Err(vec![diagnostics::io_error(path, &err)]).into(),
    }
}

fn compile_files_impl(core: &Core, jobs: &[FileJob]) -> Vec<JsFileOutcome> {
    compile_files(core, jobs)
        .into_iter()
        .map(Into::into)
        .collect()
}

impl Compiler {
    pub(crate) fn session(&self) -> &Core {
        &self.core
    }

    pub(crate) fn shared_session(&self) -> Arc<Core> {
        self.core.clone()
    }
}

#[napi]
impl Compiler {
    /// Parses and checks `optionsJson` once. Refused options (the only error here) throw
    /// with `code: "InvalidArg"` and the diagnostic's message.
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
    pub fn transform_sync(&self, code: String, file: Option<JsFileInput>) -> JsTransformResult {
        transform_impl(&self.core, &code, file.unwrap_or_default().into())
    }

    #[napi(ts_return_type = "Promise<JsTransformResult>")]
    pub fn transform(
        &self,
        code: String,
        file: Option<JsFileInput>,
    ) -> AsyncTask<Work<JsTransformResult>> {
        let (core, file) = (self.core.clone(), file.unwrap_or_default().into());
        AsyncTask::new(Work::new(move || transform_impl(&core, &code, file)))
    }

    #[napi(ts_return_type = "Promise<JsTransformResult>")]
    pub fn transform_file(
        &self,
        path: String,
        file: Option<JsFileInput>,
    ) -> AsyncTask<Work<JsTransformResult>> {
        let (core, file) = (self.core.clone(), file.unwrap_or_default().into());
        AsyncTask::new(Work::new(move || transform_file_impl(&core, &path, file)))
    }

    #[napi]
    pub fn compile_files_sync(&self, jobs: Vec<JsFileJob>) -> Vec<JsFileOutcome> {
        let jobs: Vec<FileJob> = jobs.into_iter().map(Into::into).collect();
        compile_files_impl(&self.core, &jobs)
    }

    /// Reads, compiles and writes every job's file in parallel on Rust's thread pool.
    #[napi(ts_return_type = "Promise<Array<JsFileOutcome>>")]
    pub fn compile_files(&self, jobs: Vec<JsFileJob>) -> AsyncTask<Work<Vec<JsFileOutcome>>> {
        let core = self.core.clone();
        let jobs: Vec<FileJob> = jobs.into_iter().map(Into::into).collect();
        AsyncTask::new(Work::new(move || compile_files_impl(&core, &jobs)))
    }
}
