//! The N-API binding: mirror types and conversions only. Every call returns errors
//! as data (`errors` on the result) and the TypeScript layer turns them into
//! `CompilerError`s; panics are caught in the core and arrive the same way.

mod compiler;
mod exports;
mod graph;
mod minifier;
mod resolver;
mod task;
mod testing;
mod transform_cache;
mod types;

use napi_derive::napi;

/// swc allocates many small AST nodes; mimalloc is markedly faster than glibc's malloc
/// for that, on one thread and more so on several (as `@swc/core` also ships it).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[napi]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Identifies this build of the addon: any change to the compiler's code, its dependencies
/// or the toolchain gives a new one (the cache keys hold it).
#[napi]
pub fn build_id() -> String {
    compiler_graph::BUILD_ID.to_string()
}

/// Panics are reported as `INTERNAL` errors with their message, so the default hook's
/// print to stderr is noise; `COMPILER_JS_BACKTRACE=1` keeps it for debugging.
#[napi_derive::module_init]
fn init() {
    if std::env::var_os("COMPILER_JS_BACKTRACE").is_none() {
        std::panic::set_hook(Box::new(|_| {}));
    }
}
