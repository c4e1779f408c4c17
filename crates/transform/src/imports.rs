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

use serde::{Deserialize, Serialize};
use swc_core::{
    common::{sync::Lrc, FileName, SourceMap, Span},
    ecma::{
        ast::{
            CallExpr, Callee, Expr, ExportAll, ImportDecl, Lit, NamedExport, Program, Str,
        },
        parser::{EsSyntax, Parser, StringInput, Syntax},
        visit::{Visit, VisitWith},
    },
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
                ("./side.css".into(), ImportKind::Static, "'./side.css'".into()),
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
        assert_eq!(&code[found[0].start as usize..found[0].end as usize], "\"./ü\"");
    }

    #[test]
    fn nested_and_commonjs_output() {
        let code = "\"use strict\";\nfunction f() { return require(\"./lazy\"); }\nconst m = cond ? require(\"./a\") : require(\"./b\");\n";
        let specs: Vec<_> = scan_imports(code).into_iter().map(|i| i.specifier).collect();
        assert_eq!(specs, ["./lazy", "./a", "./b"]);
    }
}
