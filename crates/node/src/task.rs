//! One `Task` for every async entry point: a closure over `*_impl`, run on the libuv pool.

use compiler_transform::guard;
use napi::{
    bindgen_prelude::{ToNapiValue, TypeName},
    Env, Task,
};

pub struct Work<T> {
    job: Option<Box<dyn FnOnce() -> T + Send>>,
}

impl<T> Work<T> {
    pub fn new(job: impl FnOnce() -> T + Send + 'static) -> Self {
        Self {
            job: Some(Box::new(job)),
        }
    }
}

impl<T: ToNapiValue + TypeName + Send + 'static> Task for Work<T> {
    type Output = T;
    type JsValue = T;

    /// Entries return errors as data; a panic outside the core's own guard (in a batch's
    /// I/O, say) still never unwinds into Node: it rejects the promise.
    fn compute(&mut self) -> napi::Result<T> {
        let job = self.job.take().expect("a task runs once");
        guard(job).map_err(|d| {
            napi::Error::from_reason(
                d.iter()
                    .map(|d| d.message.as_str())
                    .collect::<Vec<_>>()
                    .join("\n"),
            )
        })
    }

    fn resolve(&mut self, _: Env, output: T) -> napi::Result<T> {
        Ok(output)
    }
}
