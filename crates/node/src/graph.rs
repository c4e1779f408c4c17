//! `ModuleGraph`: the incremental module graph, held by JS for as long as it likes (a
//! watch session, a dev server). Each entry point is a private `*_impl`, a `*Sync` method
//! and an async task on the libuv pool; `watch` calls back from the watcher's thread.

use std::{
    path::{Path, PathBuf},
    sync::{Arc, Mutex},
};

use compiler_graph::{Changed, Engine, GraphOptions, Inbox, Progress};
use napi::{
    bindgen_prelude::AsyncTask,
    threadsafe_function::{ThreadsafeFunction, ThreadsafeFunctionCallMode},
    Status,
};
use napi_derive::napi;

use crate::{
    task::Work,
    types::{JsBuildReport, JsCacheStats, JsChanged, JsCloseReport, JsProgress},
};

#[napi]
pub struct ModuleGraph {
    engine: Arc<Mutex<Engine>>,
    inbox: Inbox,
    progress: Arc<Progress>,
}

fn build_impl(engine: &Mutex<Engine>) -> JsBuildReport {
    engine.lock().unwrap().build().into()
}

fn paths(list: Vec<String>) -> Vec<PathBuf> {
    list.into_iter().map(PathBuf::from).collect()
}

fn strings(list: Vec<PathBuf>) -> Vec<String> {
    list.into_iter().map(|p| p.display().to_string()).collect()
}

#[napi]
impl ModuleGraph {
    /// Opens the graph (and the saved one in the cache, if any). Refused options throw
    /// with `code: "InvalidArg"` and the diagnostic's message.
    #[napi(constructor)]
    pub fn new(options_json: String) -> napi::Result<Self> {
        let engine = GraphOptions::from_json(&options_json)
            .and_then(Engine::open)
            .map_err(|d| napi::Error::new(Status::InvalidArg, d.message))?;
        Ok(Self {
            inbox: engine.inbox(),
            progress: engine.progress(),
            engine: Arc::new(Mutex::new(engine)),
        })
    }

    #[napi]
    pub fn build_sync(&self) -> JsBuildReport {
        build_impl(&self.engine)
    }

    /// Builds on Rust's thread pool; one build at a time.
    #[napi(ts_return_type = "Promise<JsBuildReport>")]
    pub fn build(&self) -> AsyncTask<Work<JsBuildReport>> {
        let engine = self.engine.clone();
        AsyncTask::new(Work::new(move || build_impl(&engine)))
    }

    /// New transform options; `true` when they differ from the old ones.
    #[napi]
    pub fn set_transform_options(&self, json: String) -> napi::Result<bool> {
        let value = serde_json::from_str(&json)
            .map_err(|e| napi::Error::new(Status::InvalidArg, e.to_string()))?;
        self.engine
            .lock()
            .unwrap()
            .set_transform_options(&value)
            .map_err(|d| napi::Error::new(Status::InvalidArg, d.message))
    }

    /// Paths that changed on disk; the next build redoes what depends on them.
    #[napi]
    pub fn update(&self, changed: Vec<String>) {
        self.inbox.update(paths(changed));
    }

    /// Events were lost: the next build checks every file.
    #[napi]
    pub fn rescan(&self) {
        self.inbox.rescan();
    }

    #[napi]
    pub fn progress(&self) -> JsProgress {
        self.progress.as_ref().into()
    }

    #[napi]
    pub fn dependencies(&self, path: String) -> Vec<String> {
        strings(self.engine.lock().unwrap().dependencies(Path::new(&path)))
    }

    #[napi]
    pub fn importers(&self, path: String) -> Vec<String> {
        strings(self.engine.lock().unwrap().importers(Path::new(&path)))
    }

    /// Watches the graph's folders and calls `onChange` with each debounced batch of
    /// changed paths.
    #[napi(ts_args_type = "onChange: (changed: JsChanged) => void")]
    pub fn watch(
        &self,
        on_change: ThreadsafeFunction<JsChanged, (), JsChanged, Status, false>,
    ) -> napi::Result<()> {
        self.engine
            .lock()
            .unwrap()
            .watch(move |changed: Changed| {
                on_change.call(changed.into(), ThreadsafeFunctionCallMode::NonBlocking);
            })
            .map_err(napi::Error::from_reason)
    }

    /// Saves the graph and the cache entries made since the last save (a watch session
    /// calls this when idle); resolves to whether anything was written.
    #[napi(ts_return_type = "Promise<boolean>")]
    pub fn save(&self) -> AsyncTask<Work<bool>> {
        let engine = self.engine.clone();
        AsyncTask::new(Work::new(move || engine.lock().unwrap().save()))
    }

    /// Stops watching, saves the graph and waits for uploads to the remote cache (each
    /// request has its timeout); resolves to what the remote cache did.
    #[napi(ts_return_type = "Promise<JsCloseReport>")]
    pub fn close(&self) -> AsyncTask<Work<JsCloseReport>> {
        let engine = self.engine.clone();
        AsyncTask::new(Work::new(move || engine.lock().unwrap().close().into()))
    }
}

#[napi]
pub fn cache_stats(dir: String) -> JsCacheStats {
    compiler_graph::cache_stats(Path::new(&dir)).into()
}

/// Removes the cache's entries and saved graphs (nothing else in `dir`).
#[napi]
pub fn cache_clean(dir: String) -> JsCacheStats {
    compiler_graph::cache_clean(Path::new(&dir)).into()
}
