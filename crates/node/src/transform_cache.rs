//! `TransformCache`: the persistent cache for hosts that compile one file at a time (the
//! Rollup/Vite plugin, Jest), over any `Compiler`. Each entry point is a private `*_impl`,
//! a `*Sync` method and an async task on the libuv pool.

use std::{path::Path, sync::Arc};

use compiler_graph::{Session, TransformCache as Core};
use napi::bindgen_prelude::AsyncTask;
use napi_derive::napi;

use crate::{
    compiler::Compiler,
    task::Work,
    types::{JsFileInput, JsTransformCacheStats, JsTransformResult},
};

#[napi]
pub struct TransformCache {
    core: Arc<Core>,
}

fn transform_impl(
    cache: &Core,
    session: &Session,
    code: &str,
    file: JsFileInput,
    extra: &str,
) -> JsTransformResult {
    cache.transform(session, code, &file.into(), extra).into()
}

#[napi]
impl TransformCache {
    /// Opens (creating) the cache in `cacheDir`; without one, every file is compiled.
    #[napi(constructor)]
    pub fn new(cache_dir: Option<String>, max_bytes: Option<f64>) -> Self {
        let max = max_bytes.map_or(1 << 30, |b| b as u64);
        Self {
            core: Arc::new(Core::open(cache_dir.as_deref().map(Path::new), max)),
        }
    }

    #[napi]
    pub fn transform_sync(
        &self,
        compiler: &Compiler,
        code: String,
        file: Option<JsFileInput>,
        extra: Option<String>,
    ) -> JsTransformResult {
        transform_impl(
            &self.core,
            compiler.session(),
            &code,
            file.unwrap_or_default(),
            extra.as_deref().unwrap_or(""),
        )
    }

    #[napi(ts_return_type = "Promise<JsTransformResult>")]
    pub fn transform(
        &self,
        compiler: &Compiler,
        code: String,
        file: Option<JsFileInput>,
        extra: Option<String>,
    ) -> AsyncTask<Work<JsTransformResult>> {
        let (cache, session) = (self.core.clone(), compiler.shared_session());
        let (file, extra) = (file.unwrap_or_default(), extra.unwrap_or_default());
        AsyncTask::new(Work::new(move || {
            transform_impl(&cache, &session, &code, file, &extra)
        }))
    }

    /// Writes out what was compiled since the last flush; returns the bytes written.
    #[napi]
    pub fn flush(&self) -> f64 {
        self.core.flush() as f64
    }

    #[napi]
    pub fn stats(&self) -> JsTransformCacheStats {
        self.core.stats().into()
    }

    /// Why the cache turned itself off (a directory that cannot be written), once.
    #[napi]
    pub fn take_warning(&self) -> Option<String> {
        self.core.take_warning()
    }
}
