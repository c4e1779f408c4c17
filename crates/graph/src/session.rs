//! A session: transform options resolved once, plus the minifier when `minify` is set, so
//! one call transforms and then minifies, with the maps chained.

use compiler_minify::{Minifier, MinifyInput};
use compiler_transform::{
    diagnostics::{self, Diagnostic},
    imports::{scan_imports, ImportRef},
    options::SourceMaps,
    source_map, Compiler, FileInput, Output,
};
use serde_json::Value;

use crate::hash::{Hash, Key, BUILD_ID};

#[derive(Debug, Clone)]
pub struct Session {
    compiler: Compiler,
    minifier: Option<Minifier>,
    /// What the user asked for; with a minifier the transform makes a separate map either way.
    source_maps: SourceMaps,
    /// The options as given, with the build: what a cache key needs of the session.
    key: Hash,
}

impl Session {
    pub fn from_json(json: &str) -> Result<Self, Diagnostic> {
        let key = Key::new("session").str(BUILD_ID).str(json).finish();
        let mut options = Compiler::from_json(json)?.options().clone();
        let source_maps = options.source_maps;
        let minify = match options.minify.take() {
            None | Some(Value::Bool(false)) | Some(Value::Null) => None,
            Some(Value::Bool(true)) => Some(Value::Object(Default::default())),
            Some(v @ Value::Object(_)) => Some(v),
            Some(other) => {
                return Err(diagnostics::invalid_option(
                    "minify",
                    format!("expected true, false or an object, found {other}"),
                ))
            }
        };
        let Some(mut minify) = minify else {
            return Ok(Self {
                compiler: Compiler::new(options)?,
                minifier: None,
                source_maps,
                key,
            });
        };
        let obj = minify.as_object_mut().expect("checked above");
        if obj.contains_key("sourceMap") {
            return Err(diagnostics::invalid_option(
                "minify.sourceMap",
                "maps follow the transform's `sourceMaps`; remove this key",
            ));
        }
        if source_maps != SourceMaps::None {
            obj.insert("sourceMap".into(), Value::Object(Default::default()));
        }
        let minifier = Minifier::from_value(minify).map_err(|d| Diagnostic {
            message: d
                .message
                .replace("Invalid option `", "Invalid option `minify."),
            ..d
        })?;
        if source_maps == SourceMaps::Inline {
            options.source_maps = SourceMaps::Separate;
        }
        Ok(Self {
            compiler: Compiler::new(options)?,
            minifier: Some(minifier),
            source_maps,
            key,
        })
    }

    /// Identifies the options (and the compiler's build) the session was made from.
    pub fn key(&self) -> Hash {
        self.key
    }

    pub fn compiler(&self) -> &Compiler {
        &self.compiler
    }

    pub fn transform(&self, source: &str, file: &FileInput) -> Result<Output, Vec<Diagnostic>> {
        self.transform_with(source, file, false)
            .map(|(output, _)| output)
    }

    /// As `transform`, and where each import's specifier is in the output (read off the
    /// output when the printer could not tell, as after minifying).
    pub fn transform_with_imports(
        &self,
        source: &str,
        file: &FileInput,
    ) -> Result<(Output, Vec<ImportRef>), Vec<Diagnostic>> {
        let (output, imports) = self.transform_with(source, file, true)?;
        let imports = imports.unwrap_or_else(|| scan_imports(&output.code));
        Ok((output, imports))
    }

    fn transform_with(
        &self,
        source: &str,
        file: &FileInput,
        imports: bool,
    ) -> Result<(Output, Option<Vec<ImportRef>>), Vec<Diagnostic>> {
        let (output, found) = match imports && self.minifier.is_none() {
            true => self.compiler.transform_with_imports(source, file)?,
            false => (self.compiler.transform(source, file)?, None),
        };
        let Some(minifier) = &self.minifier else {
            return Ok((output, found));
        };
        let input = MinifyInput {
            filename: file.filename.clone(),
            source_file_name: file.source_file_name.clone(),
            input_source_map: output.map,
        };
        let mut minified = minifier.minify(&output.code, &input)?;
        if self.source_maps == SourceMaps::Inline {
            if let Some(map) = minified.map.take() {
                minified.code.push('\n');
                minified.code.push_str(&source_map::inline_comment(&map));
            }
        }
        Ok((minified, None))
    }
}
