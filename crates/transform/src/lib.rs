//! The transform pipeline: TypeScript, JSX, lowering and module output on `swc_core`.
//!
//! A [`Compiler`] holds options that were checked and resolved once; [`Compiler::transform`]
//! is a pure function of the source text and those options. Errors are returned as
//! [`Diagnostic`]s, and a panic inside swc becomes an `INTERNAL` diagnostic.

mod code_frame;
mod compile;
mod config;
pub mod depth;
pub mod diagnostics;
pub mod exports;
mod facts;
pub mod imports;
mod macros;
pub mod options;
pub mod parse;
mod pipeline;
pub mod source_map;
mod syntax;
pub mod timing;
mod transforms;

use std::panic::{catch_unwind, AssertUnwindSafe};

pub use code_frame::code_frame;
pub use diagnostics::{Diagnostic, ErrorCode, Location};
pub use options::TransformOptions;

/// What differs per file when one compiler is used for many files.
#[derive(Debug, Clone, Default)]
pub struct FileInput {
    pub filename: Option<String>,
    pub source_file_name: Option<String>,
    /// An input source map as JSON text, chained under ours.
    pub input_source_map: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub code: String,
    /// The map as JSON text, when `sourceMaps` is `true`.
    pub map: Option<String>,
}

/// A compile session: options resolved once, used for any number of files and threads.
#[derive(Debug, Clone)]
pub struct Compiler {
    config: config::Config,
}

impl Compiler {
    pub fn new(options: TransformOptions) -> Result<Self, Diagnostic> {
        guard(|| config::Config::new(options).map(|config| Self { config }))
            .map_err(|mut d| d.remove(0))?
    }

    /// Options as JSON text; unknown keys and bad values are `INVALID_OPTION` naming the key.
    pub fn from_json(json: &str) -> Result<Self, Diagnostic> {
        guard(|| config::Config::from_json(json).map(|config| Self { config }))
            .map_err(|mut d| d.remove(0))?
    }

    pub fn options(&self) -> &TransformOptions {
        &self.config.options
    }

    pub fn transform(&self, source: &str, file: &FileInput) -> Result<Output, Vec<Diagnostic>> {
        depth::run(source, self.filename(file), || {
            guard(|| compile::compile(&self.config, source, file, false))?.map(|(output, _)| output)
        })
    }

    /// As `transform`, and where each import's specifier is in the output: found as the
    /// module is printed, cheaper than reading the output again (`None` if it could not
    /// be told; [`imports::scan_imports`] then does).
    pub fn transform_with_imports(
        &self,
        source: &str,
        file: &FileInput,
    ) -> Result<(Output, Option<Vec<imports::ImportRef>>), Vec<Diagnostic>> {
        depth::run(source, self.filename(file), || {
            guard(|| compile::compile(&self.config, source, file, true))?
        })
    }

    fn filename<'a>(&'a self, file: &'a FileInput) -> Option<&'a str> {
        file.filename
            .as_deref()
            .or(self.config.options.filename.as_deref())
    }
}

/// Runs `f`, turning a panic into an `INTERNAL` diagnostic.
pub fn guard<T>(f: impl FnOnce() -> T) -> Result<T, Vec<Diagnostic>> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        vec![diagnostics::internal(&message)]
    })
}
