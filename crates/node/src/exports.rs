//! `moduleExports`: what a module's source exports, values apart from types (see
//! `compiler_transform::exports`), for hosts that follow re-exports across modules.

use compiler_transform::exports::{self as core, ModuleExports};
use napi::bindgen_prelude::AsyncTask;
use napi_derive::napi;

use crate::task::Work;

#[napi(object)]
pub struct JsModuleExports {
    pub values: Vec<String>,
    pub types: Vec<String>,
    /// `[specifier, name there, name here]` for each name exported from another module.
    pub from: Vec<Vec<String>>,
    pub stars: Vec<String>,
}

impl From<ModuleExports> for JsModuleExports {
    fn from(e: ModuleExports) -> Self {
        Self {
            values: e.values,
            types: e.types,
            from: e
                .from
                .into_iter()
                .map(|(s, there, here)| vec![s, there, here])
                .collect(),
            stars: e.stars,
        }
    }
}

fn module_exports_impl(source: &str, filename: &str) -> Option<JsModuleExports> {
    core::module_exports(source, filename).map(Into::into)
}

/// `null` when the source does not parse.
#[napi]
pub fn module_exports_sync(source: String, filename: String) -> Option<JsModuleExports> {
    module_exports_impl(&source, &filename)
}

#[napi(ts_return_type = "Promise<JsModuleExports | null>")]
pub fn module_exports(
    source: String,
    filename: String,
) -> AsyncTask<Work<Option<JsModuleExports>>> {
    AsyncTask::new(Work::new(move || module_exports_impl(&source, &filename)))
}
