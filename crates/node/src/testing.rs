//! Entries that exist only so tests can prove a panic never takes the process down:
//! they panic inside the same guard every real entry runs under.

use compiler_transform::guard;
use napi::bindgen_prelude::AsyncTask;
use napi_derive::napi;

use crate::{
    task::Work,
    types::{js_errors, JsTransformResult},
};

fn panic_impl(message: &str) -> JsTransformResult {
    match guard(|| -> String { panic!("{message}") }) {
        Ok(code) => JsTransformResult {
            code: Some(code),
            map: None,
            errors: None,
        },
        Err(errors) => JsTransformResult {
            code: None,
            map: None,
            errors: Some(js_errors(errors)),
        },
    }
}

#[napi(js_name = "__panicForTestsSync")]
pub fn panic_for_tests_sync(message: String) -> JsTransformResult {
    panic_impl(&message)
}

#[napi(
    js_name = "__panicForTests",
    ts_return_type = "Promise<JsTransformResult>"
)]
pub fn panic_for_tests(message: String) -> AsyncTask<Work<JsTransformResult>> {
    AsyncTask::new(Work::new(move || panic_impl(&message)))
}
