//! Our own transforms, one per file. Their order is fixed in `pipeline.rs`.

pub mod react_remove_properties;
pub mod remove_console;
