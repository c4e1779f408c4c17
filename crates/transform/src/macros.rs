//! Babel macros (`babel-plugin-macros`): `import styled from 'twin.macro'` runs code at
//! compile time, under Babel only. Compiled here, the import would stay and fail at run time
//! inside the macro, so it is an error that says what to do instead.

use swc_core::{
    common::Span,
    ecma::{
        ast::{CallExpr, Callee, Expr, ImportDecl, Lit, Program},
        visit::{Visit, VisitWith},
    },
};

/// babel-plugin-macros' own test: `/[./]macro(\.c?js)?$/`.
pub fn is_macro(specifier: &str) -> bool {
    let base = specifier
        .strip_suffix(".js")
        .or_else(|| specifier.strip_suffix(".cjs"))
        .unwrap_or(specifier);
    base.strip_suffix("macro")
        .is_some_and(|rest| rest.ends_with('.') || rest.ends_with('/'))
}

/// Every import (or `require`) of a macro, with the span of its specifier.
pub fn macro_imports(program: &Program) -> Vec<(String, Span)> {
    let mut found = Found(vec![]);
    program.visit_with(&mut found);
    found.0
}

struct Found(Vec<(String, Span)>);

impl Visit for Found {
    fn visit_import_decl(&mut self, import: &ImportDecl) {
        let specifier = import.src.value.to_string_lossy();
        if is_macro(&specifier) {
            self.0.push((specifier.into_owned(), import.src.span));
        }
    }

    fn visit_call_expr(&mut self, call: &CallExpr) {
        if let (Callee::Expr(callee), [arg]) = (&call.callee, call.args.as_slice()) {
            if let (Expr::Ident(id), Expr::Lit(Lit::Str(s))) = (&**callee, &*arg.expr) {
                let specifier = s.value.to_string_lossy();
                if &*id.sym == "require" && is_macro(&specifier) {
                    self.0.push((specifier.into_owned(), s.span));
                }
            }
        }
        call.visit_children_with(self);
    }
}

#[cfg(test)]
mod tests {
    use super::is_macro;

    #[test]
    fn babel_plugin_macros_test() {
        for yes in [
            "twin.macro",
            "preval.macro",
            "@emotion/styled/macro",
            "./my.macro.js",
            "x/macro.cjs",
        ] {
            assert!(is_macro(yes), "{yes}");
        }
        for no in [
            "macro",
            "macros",
            "./macro-utils",
            "emacro",
            "x.macro.ts",
            "react",
        ] {
            assert!(!is_macro(no), "{no}");
        }
    }
}
