//! The module specifiers a compiled module loads, read off its output text.
//!
//! ```js
//! import a from "./a";            // Static   "./a"
//! export * from "./b.js";         // Static   "./b.js"
//! const c = await import("./c");  // Dynamic  "./c"
//! const d = require("./d");       // Require  "./d"
//! import(`./e/${x}`);             // not a literal: not listed
//! ```
//!
//! It reads the transformed output, so type-only imports are already gone. Each import
//! carries the byte range of its string literal (quotes included) in that text, so a
//! caller can rewrite the specifier without printing the module again.
//!
//! The compiler finds them as it prints ([`mark_imports`] and [`ImportWriter`]);
//! [`scan_imports`] parses code that is already printed (a minified module, say).

use serde::{Deserialize, Serialize};

use crate::transforms::coverage::CoverageLiteral;
use swc_core::{
    common::{sync::Lrc, BytePos, FileName, SourceMap, Span},
    ecma::{
        ast::{CallExpr, Callee, ExportAll, Expr, ImportDecl, Lit, NamedExport, Program, Str},
        codegen::{text_writer::WriteJs, Result as CodegenResult},
        parser::{EsSyntax, Parser, StringInput, Syntax},
        visit::{noop_visit_mut_type, Visit, VisitMut, VisitMutWith, VisitWith},
    },
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ImportKind {
    /// `import … from`, `import "…"`, `export … from`.
    Static,
    /// `import("…")`.
    Dynamic,
    /// `require("…")`.
    Require,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRef {
    pub specifier: String,
    pub kind: ImportKind,
    /// Byte offsets of the string literal, quotes included, in the scanned text.
    pub start: u32,
    pub end: u32,
}

/// The imports of `code` in source order. Code that does not parse (it always does when
/// it comes from the compiler) has none.
pub fn scan_imports(code: &str) -> Vec<ImportRef> {
    crate::depth::run(code, None, || crate::guard(|| scan(code))).unwrap_or_default()
}

fn scan(code: &str) -> Vec<ImportRef> {
    let cm: Lrc<SourceMap> = Default::default();
    let fm = cm.new_source_file(Lrc::new(FileName::Anon), code.to_string());
    let syntax = Syntax::Es(EsSyntax {
        import_attributes: true,
        explicit_resource_management: true,
        ..Default::default()
    });
    let mut parser = Parser::new(syntax, StringInput::from(&*fm), None);
    let Ok(program) = parser.parse_program() else {
        return vec![];
    };
    let mut scanner = Scanner {
        base: fm.start_pos.0,
        found: vec![],
    };
    program.visit_with(&mut scanner);
    scanner.found
}

struct Scanner {
    base: u32,
    found: Vec<ImportRef>,
}

impl Scanner {
    fn push(&mut self, src: &Str, span: Span, kind: ImportKind) {
        let Some(specifier) = src.value.as_str() else {
            return;
        };
        self.found.push(ImportRef {
            specifier: specifier.to_string(),
            kind,
            start: span.lo.0 - self.base,
            end: span.hi.0 - self.base,
        });
    }
}

fn literal_argument(call: &CallExpr) -> Option<&Str> {
    match call.args.as_slice() {
        [arg] if arg.spread.is_none() => match &*arg.expr {
            Expr::Lit(Lit::Str(s)) => Some(s),
            _ => None,
        },
        _ => None,
    }
}

impl Visit for Scanner {
    fn visit_program(&mut self, program: &Program) {
        program.visit_children_with(self);
        self.found.sort_by_key(|i| i.start);
    }

    fn visit_import_decl(&mut self, n: &ImportDecl) {
        if !n.type_only {
            self.push(&n.src, n.src.span, ImportKind::Static);
        }
    }

    fn visit_export_all(&mut self, n: &ExportAll) {
        if !n.type_only {
            self.push(&n.src, n.src.span, ImportKind::Static);
        }
    }

    fn visit_named_export(&mut self, n: &NamedExport) {
        if let (Some(src), false) = (&n.src, n.type_only) {
            self.push(src, src.span, ImportKind::Static);
        }
    }

    fn visit_call_expr(&mut self, n: &CallExpr) {
        n.visit_children_with(self);
        let kind = match &n.callee {
            Callee::Import(_) => ImportKind::Dynamic,
            Callee::Expr(e) if matches!(&**e, Expr::Ident(i) if &*i.sym == "require") => {
                ImportKind::Require
            }
            _ => return,
        };
        if let Some(src) = literal_argument(n) {
            self.push(src, src.span, kind);
        }
    }
}

/// Marks put in place of the import specifiers' literals before printing, so the printer
/// reports where each lands in the output (see `ImportWriter`): finding them by parsing
/// the output again would cost a fifth of the transform.
const MARK: char = '\u{FDD0}';

/// An import found in the final AST: its literal as it will be printed.
pub(crate) struct Marked {
    literal: String,
    specifier: String,
    kind: ImportKind,
}

/// Replaces the raw text of every import specifier in `program` with a mark; `print`
/// gives the literal of a specifier that has no raw text (one a pass made).
pub(crate) fn mark_imports(program: &mut Program, print: &dyn Fn(&Str) -> String) -> Vec<Marked> {
    let mut marker = Marker {
        print,
        found: vec![],
    };
    program.visit_mut_with(&mut marker);
    marker.found
}

struct Marker<'a> {
    print: &'a dyn Fn(&Str) -> String,
    found: Vec<Marked>,
}

impl Marker<'_> {
    fn mark(&mut self, src: &mut Str, kind: ImportKind) {
        let Some(specifier) = src.value.as_str().map(str::to_string) else {
            return;
        };
        let literal = match &src.raw {
            Some(raw) => raw.to_string(),
            None => (self.print)(src),
        };
        src.raw = Some(format!("{MARK}{}{MARK}", self.found.len()).into());
        self.found.push(Marked {
            literal,
            specifier,
            kind,
        });
    }
}

impl VisitMut for Marker<'_> {
    noop_visit_mut_type!();

    fn visit_mut_import_decl(&mut self, n: &mut ImportDecl) {
        if !n.type_only {
            self.mark(&mut n.src, ImportKind::Static);
        }
    }

    fn visit_mut_export_all(&mut self, n: &mut ExportAll) {
        if !n.type_only {
            self.mark(&mut n.src, ImportKind::Static);
        }
    }

    fn visit_mut_named_export(&mut self, n: &mut NamedExport) {
        if let (Some(src), false) = (&mut n.src, n.type_only) {
            self.mark(src, ImportKind::Static);
        }
    }

    fn visit_mut_call_expr(&mut self, n: &mut CallExpr) {
        n.visit_mut_children_with(self);
        let kind = match &n.callee {
            Callee::Import(_) => ImportKind::Dynamic,
            Callee::Expr(e) if matches!(&**e, Expr::Ident(i) if &*i.sym == "require") => {
                ImportKind::Require
            }
            _ => return,
        };
        if let [arg] = n.args.as_mut_slice() {
            if arg.spread.is_none() {
                if let Expr::Lit(Lit::Str(src)) = &mut *arg.expr {
                    self.mark(src, kind);
                }
            }
        }
    }
}

/// Indentation stops growing past this many levels, so deeply nested code prints in
/// linear size: 10,000 nested arrays, indented all the way, are 400 MB of spaces.
const MAX_INDENT: usize = 64;

/// A printer's writer that writes each mark's literal in its place and records where, writes
/// the coverage object's literal in place of its placeholder, and caps indentation at
/// [`MAX_INDENT`] levels.
pub(crate) struct ImportWriter<'a, W> {
    pub inner: W,
    pub marks: &'a [Marked],
    /// Bytes written so far by the sink underneath.
    pub written: &'a dyn Fn() -> usize,
    pub found: Vec<ImportRef>,
    /// Indentation asked for so far (the sink gets at most `MAX_INDENT`).
    pub indent: usize,
    /// The coverage object's literal and the name that stands for it in the tree.
    pub coverage: Option<&'a CoverageLiteral>,
}

impl<W> ImportWriter<'_, W> {
    fn mark_of(s: &str) -> Option<usize> {
        s.strip_prefix(MARK)?.strip_suffix(MARK)?.parse().ok()
    }

    /// The imports in output order, if every mark was printed exactly once.
    pub fn finish(mut self) -> Option<Vec<ImportRef>> {
        if self.found.len() != self.marks.len() {
            return None;
        }
        self.found.sort_by_key(|i| i.start);
        Some(self.found)
    }
}

macro_rules! delegate {
    ($($name:ident(&mut self $(, $arg:ident: $ty:ty)*) -> $ret:ty;)*) => {
        $(fn $name(&mut self $(, $arg: $ty)*) -> $ret { self.inner.$name($($arg),*) })*
    };
}

impl<W: WriteJs> WriteJs for ImportWriter<'_, W> {
    fn increase_indent(&mut self) -> CodegenResult {
        self.indent += 1;
        if self.indent <= MAX_INDENT {
            self.inner.increase_indent()?;
        }
        Ok(())
    }

    fn decrease_indent(&mut self) -> CodegenResult {
        if self.indent <= MAX_INDENT {
            self.inner.decrease_indent()?;
        }
        self.indent = self.indent.saturating_sub(1);
        Ok(())
    }

    delegate! {
        write_semi(&mut self, span: Option<Span>) -> CodegenResult;
        write_space(&mut self) -> CodegenResult;
        write_keyword(&mut self, span: Option<Span>, s: &'static str) -> CodegenResult;
        write_operator(&mut self, span: Option<Span>, s: &str) -> CodegenResult;
        write_param(&mut self, s: &str) -> CodegenResult;
        write_property(&mut self, s: &str) -> CodegenResult;
        write_line(&mut self) -> CodegenResult;
        write_lit(&mut self, span: Span, s: &str) -> CodegenResult;
        write_comment(&mut self, s: &str) -> CodegenResult;
        write_str(&mut self, s: &str) -> CodegenResult;
        write_punct(&mut self, span: Option<Span>, s: &'static str, commit_pending_semi: bool) -> CodegenResult;
        add_srcmap(&mut self, pos: BytePos) -> CodegenResult;
        commit_pending_semi(&mut self) -> CodegenResult;
    }

    fn write_symbol(&mut self, span: Span, s: &str) -> CodegenResult {
        match self.coverage {
            Some(c) if c.placeholder == s => self.inner.write_str(&c.text),
            _ => self.inner.write_symbol(span, s),
        }
    }

    fn write_str_lit(&mut self, span: Span, s: &str) -> CodegenResult {
        let Some(i) = Self::mark_of(s).filter(|i| *i < self.marks.len()) else {
            return self.inner.write_str_lit(span, s);
        };
        let mark = &self.marks[i];
        self.inner.write_str_lit(span, &mark.literal)?;
        let end = (self.written)();
        self.found.push(ImportRef {
            specifier: mark.specifier.clone(),
            kind: mark.kind,
            start: (end - mark.literal.len()) as u32,
            end: end as u32,
        });
        Ok(())
    }

    fn care_about_srcmap(&self) -> bool {
        self.inner.care_about_srcmap()
    }

    fn can_ignore_invalid_unicodes(&mut self) -> bool {
        self.inner.can_ignore_invalid_unicodes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(code: &str) -> Vec<(String, ImportKind, String)> {
        scan_imports(code)
            .into_iter()
            .map(|i| {
                let text = code[i.start as usize..i.end as usize].to_string();
                (i.specifier, i.kind, text)
            })
            .collect()
    }

    #[test]
    fn lists_every_literal_specifier_with_its_range() {
        let code = "import a from \"./a\";\nimport './side.css';\nexport * from './b.js';\nexport { x } from \"pkg/sub\";\nconst c = import(\"./c\");\nconst d = require('./d');\nimport(`./e/${n}`);\nrequire(name);\nfoo.require('./no');\n";
        assert_eq!(
            listed(code),
            vec![
                ("./a".into(), ImportKind::Static, "\"./a\"".into()),
                (
                    "./side.css".into(),
                    ImportKind::Static,
                    "'./side.css'".into()
                ),
                ("./b.js".into(), ImportKind::Static, "'./b.js'".into()),
                ("pkg/sub".into(), ImportKind::Static, "\"pkg/sub\"".into()),
                ("./c".into(), ImportKind::Dynamic, "\"./c\"".into()),
                ("./d".into(), ImportKind::Require, "'./d'".into()),
            ]
        );
    }

    #[test]
    fn ranges_count_bytes_not_characters() {
        let code = "const s = \"héllo ☃\";\nimport(\"./ü\");\n";
        let found = scan_imports(code);
        assert_eq!(found.len(), 1);
        assert_eq!(
            &code[found[0].start as usize..found[0].end as usize],
            "\"./ü\""
        );
    }

    #[test]
    fn nested_and_commonjs_output() {
        let code = "\"use strict\";\nfunction f() { return require(\"./lazy\"); }\nconst m = cond ? require(\"./a\") : require(\"./b\");\n";
        let specs: Vec<_> = scan_imports(code)
            .into_iter()
            .map(|i| i.specifier)
            .collect();
        assert_eq!(specs, ["./lazy", "./a", "./b"]);
    }
}
