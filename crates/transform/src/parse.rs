//! Parsing with every syntax error reported, located and framed.

use swc_core::{
    common::{comments::SingleThreadedComments, SourceFile, SourceMap, Span, Spanned},
    ecma::{
        ast::Program,
        parser::{Parser, StringInput, Syntax},
    },
};

use crate::diagnostics::{self, Diagnostic, Location};

/// Attaches `filename` and the line, column and code frame of `span` to `diag`.
pub fn locate(
    cm: &SourceMap,
    source: &str,
    filename: &str,
    span: Span,
    diag: Diagnostic,
) -> Diagnostic {
    let diag = diag.with_filename(filename);
    if span.is_dummy() {
        return diag;
    }
    let loc = cm.lookup_char_pos(span.lo);
    diag.with_location(Location::in_source(
        source,
        loc.line as u32,
        loc.col.0 as u32 + 1,
    ))
}

/// Parses `fm`; recoverable and fatal errors alike come back, sorted by position.
pub fn parse(
    cm: &SourceMap,
    fm: &SourceFile,
    syntax: Syntax,
    comments: &SingleThreadedComments,
    filename: &str,
) -> Result<Program, Vec<Diagnostic>> {
    let mut parser = Parser::new(syntax, StringInput::from(fm), Some(comments));
    let parsed = parser.parse_program();
    let mut errors = parser.take_errors();
    let program = match parsed {
        Ok(program) => Some(program),
        Err(fatal) => {
            errors.push(fatal);
            None
        }
    };
    match program {
        Some(program) if errors.is_empty() => Ok(program),
        _ => {
            errors.sort_by_key(|e| e.span().lo);
            errors.dedup_by_key(|e| e.span().lo);
            Err(errors
                .into_iter()
                .map(|e| {
                    locate(
                        cm,
                        &fm.src,
                        filename,
                        e.span(),
                        diagnostics::syntax_error(e.kind().msg()),
                    )
                })
                .collect())
        }
    }
}
