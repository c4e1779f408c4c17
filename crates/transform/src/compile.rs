//! One file through the compiler: parse, run the passes, print, map.

use std::{
    cell::RefCell,
    io::Write,
    sync::{Arc, Mutex},
};

use swc_core::{
    common::{
        comments::SingleThreadedComments,
        errors::{DiagnosticBuilder, Emitter, Handler, HANDLER},
        sync::Lrc,
        FileName, Globals, Mark, SourceMap, Span, SyntaxContext, DUMMY_SP, GLOBALS,
    },
    ecma::{
        ast::{Expr, ExprStmt, Lit, Script, Stmt, Str},
        codegen::{text_writer::JsWriter, Config as CodegenConfig, Emitter as CodeEmitter},
        transforms::base::helpers::{Helpers, HELPERS},
    },
};

use crate::{
    config::Config,
    diagnostics::{self, Diagnostic},
    facts::FileFacts,
    imports::{mark_imports, ImportRef, ImportWriter},
    options::SourceMaps,
    parse::{locate, parse},
    pipeline::{passes, Marks},
    source_map,
    syntax::syntax_for,
    timing, FileInput, Output,
};

/// Collects what passes report through swc's `HANDLER`, instead of printing it.
#[derive(Clone, Default)]
struct Collector(Arc<Mutex<Vec<(String, Option<Span>)>>>);

impl Emitter for Collector {
    fn emit(&mut self, db: &mut DiagnosticBuilder<'_>) {
        let span = db.span.primary_span();
        self.0.lock().unwrap().push((db.message(), span));
    }
}

/// Compiles one file; with `collect_imports`, also says where each import's specifier is
/// in the output (`None` if that could not be told).
pub fn compile(
    config: &Config,
    source: &str,
    file: &FileInput,
    collect_imports: bool,
) -> Result<(Output, Option<Vec<ImportRef>>), Vec<Diagnostic>> {
    let filename = file
        .filename
        .as_deref()
        .or(config.options.filename.as_deref())
        .unwrap_or("input.js");
    GLOBALS.set(&Globals::new(), || {
        let cm: Lrc<SourceMap> = Default::default();
        let fm = cm.new_source_file(
            Lrc::new(FileName::Real(filename.into())),
            source.to_string(),
        );
        let comments = SingleThreadedComments::default();
        let syntax = syntax_for(filename);

        let mut program = timing::step("parse", || parse(&cm, &fm, syntax, &comments, filename))?;
        let macros = crate::macros::macro_imports(&program);
        if !macros.is_empty() {
            return Err(macros
                .into_iter()
                .map(|(specifier, span)| {
                    locate(
                        &cm,
                        source,
                        filename,
                        span,
                        diagnostics::babel_macro(&specifier),
                    )
                })
                .collect());
        }

        let input_map = match &file.input_source_map {
            Some(json) => Some(
                source_map::parse(json.as_bytes()).map_err(|d| vec![d.with_filename(filename)])?,
            ),
            None => None,
        };
        let inline_url = source_map::take_mapping_url(&comments);
        let input_map = match (input_map, inline_url) {
            (Some(map), _) => Some(map),
            (None, Some(url)) if config.read_inline_source_map => {
                source_map::decode_data_url(&url).map_err(|d| vec![d.with_filename(filename)])?
            }
            _ => None,
        };

        let collector = Collector::default();
        let handler = Handler::with_emitter(true, false, Box::new(collector.clone()));
        let marks = Marks {
            unresolved: Mark::new(),
            top_level: Mark::new(),
        };
        // swc's 2023-11 decorator pass takes syntax context 1 to be the unresolved one;
        // allocate it first so that holds whatever order the resolver visits in.
        let _ = SyntaxContext::empty().apply_mark(marks.unresolved);
        let facts = FileFacts::scan(source, syntax, &program);
        let coverage_literal = RefCell::new(None);
        let names =
            (config.source_maps != SourceMaps::None).then(|| source_map::Names::of(&program));

        HELPERS.set(&Helpers::new(false), || {
            HANDLER.set(&handler, || {
                program.mutate(passes(
                    config,
                    &cm,
                    &fm,
                    &comments,
                    &marks,
                    filename,
                    &facts,
                    &coverage_literal,
                ));
            })
        });
        let reported = std::mem::take(&mut *collector.0.lock().unwrap());
        if !reported.is_empty() {
            return Err(reported
                .into_iter()
                .map(|(message, span)| {
                    let diag = diagnostics::transform_error(&message);
                    locate(&cm, source, filename, span.unwrap_or(DUMMY_SP), diag)
                })
                .collect());
        }

        let coverage_literal = coverage_literal.into_inner();
        let want_map = config.source_maps != SourceMaps::None;
        let marks = match collect_imports {
            true => mark_imports(&mut program, &|s| print_str(&cm, s, config)),
            false => vec![],
        };
        let code = RefCell::new(Vec::with_capacity(source.len()));
        let mut mappings = vec![];
        let imports = timing::step("codegen", || {
            let writer = JsWriter::new(
                cm.clone(),
                "\n",
                Sink(&code),
                want_map.then_some(&mut mappings),
            );
            let written = || code.borrow().len();
            let mut emitter = CodeEmitter {
                cfg: CodegenConfig::default().with_target(config.codegen_target),
                cm: cm.clone(),
                comments: Some(&comments),
                wr: ImportWriter {
                    inner: writer,
                    marks: &marks,
                    written: &written,
                    found: vec![],
                    indent: 0,
                    coverage: coverage_literal.as_ref(),
                },
            };
            emitter
                .emit_program(&program)
                .expect("writing to memory cannot fail");
            collect_imports.then(|| emitter.wr.finish()).flatten()
        });
        let mut code =
            String::from_utf8(code.into_inner()).expect("the code generator writes UTF-8");

        let source_name = file
            .source_file_name
            .as_deref()
            .or(config.options.source_file_name.as_deref())
            .unwrap_or(filename);
        let map = want_map.then(|| {
            timing::step("source-map", || {
                source_map::build(&cm, &mappings, input_map, source_name, None, names.as_ref())
            })
        });
        let map = match (config.source_maps, map) {
            (SourceMaps::Inline, Some(map)) => {
                if !code.ends_with('\n') {
                    code.push('\n');
                }
                code.push_str(&source_map::inline_comment(&map));
                None
            }
            (_, map) => map,
        };
        Ok((Output { code, map }, imports))
    })
}

/// The printer's sink: bytes into a buffer whose length the import writer reads.
struct Sink<'a>(&'a RefCell<Vec<u8>>);

impl Write for Sink<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A string literal as the printer prints one that has no raw text.
fn print_str(cm: &Lrc<SourceMap>, s: &Str, config: &Config) -> String {
    let stmt = Stmt::Expr(ExprStmt {
        span: DUMMY_SP,
        expr: Box::new(Expr::Lit(Lit::Str(Str {
            span: DUMMY_SP,
            ..s.clone()
        }))),
    });
    let mut out = vec![];
    let mut emitter = CodeEmitter {
        cfg: CodegenConfig::default().with_target(config.codegen_target),
        cm: cm.clone(),
        comments: None,
        wr: JsWriter::new(cm.clone(), "\n", &mut out, None),
    };
    let script = Script {
        span: DUMMY_SP,
        body: vec![stmt],
        shebang: None,
    };
    emitter
        .emit_script(&script)
        .expect("writing to memory cannot fail");
    let text = String::from_utf8(out).expect("the code generator writes UTF-8");
    text.trim_end().trim_end_matches(';').to_string()
}
