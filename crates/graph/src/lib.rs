//! Work over many modules at once: a session (transform, then minify when asked), batches
//! of files compiled in parallel, and the incremental module graph with its persistent
//! cache.
//!
//! This crate is the only one that touches the file system: the transform and minify
//! crates are pure functions of source and options.

mod batch;
mod diagnostics;
mod engine;
mod graph_json;
mod hash;
mod options;
mod paths;
mod remote;
mod resolve;
mod session;
mod stamp;
mod store;
mod trace;
mod transform_cache;
mod watch;

pub use batch::{compile_files, minify_files, minify_sources, FileJob, FileOutcome};
pub use engine::{cache_clean, cache_stats, BuildReport, CloseReport, Engine, Inbox, Progress};
pub use hash::BUILD_ID;
pub use options::GraphOptions;
pub use remote::{RemoteOptions, RemoteReport};
pub use resolve::{Outcome, Resolution, Resolver};
pub use session::Session;
pub use store::CacheStats;
pub use transform_cache::{TransformCache, TransformCacheStats};
pub use watch::Changed;
