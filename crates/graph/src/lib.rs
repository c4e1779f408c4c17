//! Work over many modules at once: a session (transform, then minify when asked) and
//! batches of files compiled in parallel (read, process, write). The incremental module
//! graph and its persistent cache grow here.

mod batch;
mod session;

pub use batch::{compile_files, minify_files, FileJob, FileOutcome};
pub use session::Session;
