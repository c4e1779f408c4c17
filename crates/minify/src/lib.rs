//! The minifier: `swc_ecma_minifier` behind Terser's option names.
//!
//! A [`Minifier`] holds options checked once; [`Minifier::minify`] is a pure function of
//! the code and those options. Errors are [`Diagnostic`]s; a panic is an `INTERNAL` one.

mod comments;
mod config;
pub mod options;

use compiler_transform::{
    diagnostics::{self, Diagnostic},
    guard,
    parse::parse,
    source_map, Output,
};
use serde_json::Value;
use swc_core::{
    common::{
        comments::SingleThreadedComments, sync::Lrc, FileName, Globals, Mark, SourceMap, GLOBALS,
    },
    ecma::{
        ast::EsVersion,
        codegen::{
            text_writer::{omit_trailing_semi, JsWriter, WriteJs},
            Config as CodegenConfig, Emitter,
        },
        minifier::{
            optimize,
            option::{ExtraOptions, MinifyOptions as SwcOptions, TopLevelOptions},
        },
        parser::{EsSyntax, Syntax},
        transforms::base::{
            fixer::{fixer, paren_remover},
            hygiene::hygiene,
            resolver,
        },
    },
};

pub use options::MinifyOptions;

/// Per-file inputs when one minifier serves many files.
#[derive(Debug, Clone, Default)]
pub struct MinifyInput {
    pub filename: Option<String>,
    /// The name written to the map's `sources`; defaults to `filename`.
    pub source_file_name: Option<String>,
    /// The input's source map as JSON text (chained under ours).
    pub input_source_map: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Minifier {
    config: config::Config,
}

impl Minifier {
    pub fn from_json(json: &str) -> Result<Self, Diagnostic> {
        guard(|| config::Config::from_json(json).map(|config| Self { config }))
            .map_err(|mut d| d.remove(0))?
    }

    pub fn from_value(value: Value) -> Result<Self, Diagnostic> {
        guard(|| config::Config::from_value(value).map(|config| Self { config }))
            .map_err(|mut d| d.remove(0))?
    }

    pub fn minify(&self, code: &str, input: &MinifyInput) -> Result<Output, Vec<Diagnostic>> {
        let filename = input
            .filename
            .as_deref()
            .or(self.config.filename.as_deref());
        compiler_transform::depth::run(code, filename, || {
            guard(|| minify(&self.config, code, input))?
        })
    }
}

fn input_map(
    config: &config::Config,
    input: &MinifyInput,
    inline_url: Option<String>,
    filename: &str,
) -> Result<Option<swc_sourcemap::SourceMap>, Vec<Diagnostic>> {
    let fail = |d: Diagnostic| vec![d.with_filename(filename)];
    if let Some(json) = &input.input_source_map {
        return source_map::parse(json.as_bytes()).map(Some).map_err(fail);
    }
    match config.source_map.as_ref().and_then(|s| s.content.as_ref()) {
        None => Ok(None),
        Some(Value::String(s)) if s == "inline" => match inline_url {
            Some(url) => source_map::decode_data_url(&url).map_err(fail),
            None => Ok(None),
        },
        Some(Value::String(json)) => source_map::parse(json.as_bytes()).map(Some).map_err(fail),
        Some(value @ Value::Object(_)) => source_map::parse(value.to_string().as_bytes())
            .map(Some)
            .map_err(fail),
        Some(other) => Err(fail(diagnostics::invalid_option(
            "sourceMap.content",
            format!("expected a map (JSON text or object) or \"inline\", found {other}"),
        ))),
    }
}

fn minify(
    config: &config::Config,
    code: &str,
    input: &MinifyInput,
) -> Result<Output, Vec<Diagnostic>> {
    let filename = input
        .filename
        .as_deref()
        .or(config.filename.as_deref())
        .unwrap_or("input.js");
    GLOBALS.set(&Globals::new(), || {
        let cm: Lrc<SourceMap> = Default::default();
        let fm = cm.new_source_file(Lrc::new(FileName::Real(filename.into())), code.to_string());
        let comments = SingleThreadedComments::default();
        let syntax = Syntax::Es(EsSyntax {
            import_attributes: true,
            ..Default::default()
        });
        let program = parse(&cm, &fm, syntax, &comments, filename)?;
        let names = config
            .source_map
            .is_some()
            .then(|| source_map::Names::of(&program));

        let inline_url = source_map::take_mapping_url(&comments);
        let input_map = input_map(config, input, inline_url, filename)?;

        let unresolved_mark = Mark::new();
        let top_level_mark = Mark::new();
        let mut compress = config.compress.clone().map(|c| c.into_config(cm.clone()));
        if let Some(c) = compress.as_mut() {
            if config.toplevel && c.top_level.is_none() {
                c.top_level = Some(TopLevelOptions { functions: true });
            }
        }
        let options = SwcOptions {
            compress,
            mangle: config.mangle.clone(),
            ..Default::default()
        };
        // Parentheses would hide expressions from the compressor; the fixer puts back those
        // the output needs.
        let program = program
            .apply(paren_remover(Some(&comments)))
            .apply(resolver(unresolved_mark, top_level_mark, false));
        let program = optimize(
            program,
            cm.clone(),
            Some(&comments),
            None,
            &options,
            &ExtraOptions {
                unresolved_mark,
                top_level_mark,
                mangle_name_cache: None,
            },
        );
        // Without the mangler nothing renames the bindings that inlining made collide.
        let program = match options.mangle {
            Some(_) => program,
            None => program.apply(hygiene()),
        };
        let program = program.apply(fixer(Some(&comments)));
        // Only now: the compressor reads `/*#__PURE__*/` and other annotations.
        config.comments.apply(&comments);

        let want_map = config.source_map.is_some();
        let mut out = Vec::with_capacity(code.len() / 2);
        let mut mappings = vec![];
        {
            let wr = JsWriter::new(
                cm.clone(),
                "\n",
                &mut out,
                want_map.then_some(&mut mappings),
            );
            let wr: Box<dyn WriteJs> = if config.beautify {
                Box::new(wr)
            } else {
                Box::new(omit_trailing_semi(wr))
            };
            let mut emitter = Emitter {
                cfg: CodegenConfig::default()
                    .with_minify(!config.beautify)
                    .with_ascii_only(config.ascii_only)
                    .with_target(EsVersion::EsNext),
                cm: cm.clone(),
                comments: Some(&comments),
                wr,
            };
            emitter
                .emit_program(&program)
                .expect("writing to memory cannot fail");
        }
        let mut code = String::from_utf8(out).expect("the code generator writes UTF-8");
        if let Some(preamble) = &config.preamble {
            code = format!("{preamble}\n{code}");
        }

        let Some(map_options) = &config.source_map else {
            return Ok(Output { code, map: None });
        };
        let source_name = input.source_file_name.as_deref().unwrap_or(filename);
        let map = source_map::build(
            &cm,
            &mappings,
            input_map,
            source_name,
            map_options.filename.as_deref(),
            names.as_ref(),
        );
        match map_options.url.as_deref() {
            Some("inline") => {
                code.push('\n');
                code.push_str(&source_map::inline_comment(&map));
            }
            Some(url) => code.push_str(&format!("\n//# sourceMappingURL={url}")),
            None => {}
        }
        Ok(Output {
            code,
            map: Some(map),
        })
    })
}
