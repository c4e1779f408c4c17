//! Our own transforms, one per file (or folder). Their order is fixed in `pipeline.rs`.

pub mod define;
pub mod export_comments;
pub mod helper_contexts;
pub mod jest_hoist;
pub mod modularize_imports;
pub mod react_remove_properties;
pub mod remove_console;
pub mod rest_patterns;
pub mod styled_jsx;
pub mod template_escapes;
pub mod type_only_exports;
pub mod v_flag_regexes;
