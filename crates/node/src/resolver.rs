//! `ModuleResolver`: the module graph's resolver (`oxc_resolver` with tsconfig `paths`,
//! `exports`, `.js` naming `.ts`) for hosts that resolve one specifier at a time, such as
//! the Rollup bundle of `compiler build --bundle`.

use std::{
    path::{Path, PathBuf},
    sync::Arc,
};

use compiler_graph::{Outcome, Resolver as Core};
use compiler_transform::imports::ImportKind;
use napi::bindgen_prelude::AsyncTask;
use napi_derive::napi;

use crate::{task::Work, types::JsDiagnostic};

#[napi]
pub struct ModuleResolver {
    core: Arc<Core>,
}

/// Where a specifier led: a file (`path`), something left as written (`external`, with
/// the package's file when it is one), or nothing (`error`: why, where, and the paths tried).
#[napi(object)]
pub struct JsResolution {
    pub path: Option<String>,
    pub external: bool,
    pub error: Option<JsDiagnostic>,
}

fn kind_of(kind: Option<&str>) -> ImportKind {
    match kind {
        Some("require") => ImportKind::Require,
        Some("dynamic") => ImportKind::Dynamic,
        _ => ImportKind::Static,
    }
}

fn resolve_impl(core: &Core, importer: &Path, specifier: &str, kind: ImportKind) -> JsResolution {
    let shown = |p: PathBuf| Some(p.display().to_string());
    let resolution = core.resolve(importer, specifier, kind);
    let error = core
        .explain(importer, specifier, &resolution)
        .map(Into::into);
    match resolution.outcome {
        Outcome::Module(p) | Outcome::Outside(p) => JsResolution {
            path: shown(p),
            external: false,
            error,
        },
        Outcome::External(p) => JsResolution {
            path: p.and_then(shown),
            external: true,
            error,
        },
        Outcome::NotFound(_) => JsResolution {
            path: None,
            external: false,
            error,
        },
    }
}

#[napi]
impl ModuleResolver {
    /// `external`: specifiers left as written (`*` matches any run of characters);
    /// `includeNodeModules`: packages resolved into their files (`["*"]`: every one) instead
    /// of being left as written.
    #[napi(constructor)]
    pub fn new(root: String, external: Vec<String>, include_node_modules: Vec<String>) -> Self {
        Self {
            core: Arc::new(Core::new(
                Path::new(&root),
                &external,
                &include_node_modules,
            )),
        }
    }

    /// `kind`: `"import"` (default), `"require"` or `"dynamic"`.
    #[napi]
    pub fn resolve_sync(
        &self,
        importer: String,
        specifier: String,
        kind: Option<String>,
    ) -> JsResolution {
        resolve_impl(
            &self.core,
            Path::new(&importer),
            &specifier,
            kind_of(kind.as_deref()),
        )
    }

    #[napi(ts_return_type = "Promise<JsResolution>")]
    pub fn resolve(
        &self,
        importer: String,
        specifier: String,
        kind: Option<String>,
    ) -> AsyncTask<Work<JsResolution>> {
        let (core, kind) = (self.core.clone(), kind_of(kind.as_deref()));
        AsyncTask::new(Work::new(move || {
            resolve_impl(&core, Path::new(&importer), &specifier, kind)
        }))
    }

    /// Forgets what was read (after files or manifests changed).
    #[napi]
    pub fn clear_cache(&self) {
        self.core.clear_cache();
    }
}
