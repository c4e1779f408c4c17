//! Our own transforms, one per file (or folder). Their order is fixed in `pipeline.rs`.

pub mod define;
pub mod export_comments;
pub mod helper_contexts;
pub mod jest_hoist;
pub mod modularize_imports;
pub mod react_remove_properties;
pub mod remove_console;
pub mod styled_jsx;
pub mod type_only_exports;
