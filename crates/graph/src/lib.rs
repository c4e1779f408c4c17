//! Work over many modules at once. Today: a batch of files compiled in parallel
//! (read, transform, write) with one call; the incremental module graph and its
//! persistent cache grow here.

mod batch;

pub use batch::{compile_files, FileJob, FileOutcome};
