//! The options of a module graph, as the host sends them (JSON, camelCase). The host
//! resolves paths and merges config files; the transform options are checked by the
//! transform crate itself.

use std::path::PathBuf;

use compiler_transform::{diagnostics, Diagnostic};
use serde::Deserialize;

/// 1 GiB: far more than a large app needs (a 10,000-module app takes about 30 MB).
pub const DEFAULT_CACHE_MAX_BYTES: u64 = 1 << 30;

#[derive(Debug, Clone, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct GraphOptions {
    /// Absolute. Outputs are laid out under `outDir` as sources are under `root`.
    pub root: PathBuf,
    /// Absolute paths of the entry modules.
    pub entries: Vec<PathBuf>,
    /// Absolute.
    pub out_dir: PathBuf,
    /// Absolute; `None` builds without a persistent cache.
    pub cache_dir: Option<PathBuf>,
    pub cache_max_bytes: u64,
    /// Specifiers left as they are, not resolved (`*` matches any run of characters).
    pub external: Vec<String>,
    /// Packages in `node_modules` compiled as the project's own modules.
    pub include_node_modules: Vec<String>,
    /// Files whose changes the host reads itself (`tsconfig.json` and what it extends,
    /// the config file); a change to one re-resolves every non-relative specifier.
    pub config_files: Vec<PathBuf>,
    /// Where to write a Chrome trace of each build.
    pub trace: Option<PathBuf>,
    /// Transform options, as `transform` takes them.
    pub transform: serde_json::Value,
    /// A server speaking Bazel's HTTP cache protocol, shared with other machines.
    pub remote_cache: Option<crate::RemoteOptions>,
}

impl Default for GraphOptions {
    fn default() -> Self {
        Self {
            root: PathBuf::new(),
            entries: vec![],
            out_dir: PathBuf::new(),
            cache_dir: None,
            cache_max_bytes: DEFAULT_CACHE_MAX_BYTES,
            external: vec![],
            include_node_modules: vec![],
            config_files: vec![],
            trace: None,
            transform: serde_json::Value::Object(Default::default()),
            remote_cache: None,
        }
    }
}

impl GraphOptions {
    pub fn from_json(json: &str) -> Result<Self, Diagnostic> {
        let de = &mut serde_json::Deserializer::from_str(json);
        let options: Self = serde_path_to_error::deserialize(de)
            .map_err(|e| diagnostics::invalid_option(&e.path().to_string(), e.inner()))?;
        for (name, path) in [("root", &options.root), ("outDir", &options.out_dir)] {
            if !path.is_absolute() {
                return Err(diagnostics::invalid_option(
                    name,
                    "must be an absolute path",
                ));
            }
        }
        if options.entries.is_empty() {
            return Err(diagnostics::invalid_option(
                "entries",
                "give at least one entry module",
            ));
        }
        Ok(options)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_unknown_and_bad_keys() {
        let err = GraphOptions::from_json(
            r#"{"root":"/p","outDir":"/p/d","entries":["/p/a.ts"],"cachDir":"/c"}"#,
        )
        .unwrap_err();
        assert!(err.message.contains("cachDir"), "{}", err.message);
        let err = GraphOptions::from_json(r#"{"root":"p","outDir":"/p/d","entries":["/p/a.ts"]}"#)
            .unwrap_err();
        assert!(
            err.message.starts_with("Invalid option `root`"),
            "{}",
            err.message
        );
        let err = GraphOptions::from_json(
            r#"{"root":"/p","outDir":"/p/d","entries":[],"cacheMaxBytes":"x"}"#,
        )
        .unwrap_err();
        assert!(err.message.contains("cacheMaxBytes"), "{}", err.message);
        let ok = GraphOptions::from_json(r#"{"root":"/p","outDir":"/p/d","entries":["/p/a.ts"]}"#)
            .unwrap();
        assert_eq!(ok.cache_max_bytes, DEFAULT_CACHE_MAX_BYTES);
    }
}
