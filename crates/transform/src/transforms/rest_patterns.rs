//! `restPatterns`: a rest parameter that destructures (`...[a, b]`, `...{ length }`) is
//! ES2016 syntax, which neither swc's ES2015 preset nor `@swc/core` lowers, so an `es2015`
//! output did not parse on an ES2015 engine. Run only for that target (`es5` lowers every
//! parameter anyway): the rest becomes a plain identifier that the body destructures first.
//!
//! ```js
//! const f = (a, ...[b, c]) => a + b + c;
//! // → (es2015)
//! const f = (a, ..._ref) => { var [b, c] = _ref; return a + b + c; };
//! ```
//!
//! `var`, not `let`: the body may declare the same names with `var` or `function`, which a
//! parameter allows and a `let` would not.

use super::prologue_len;
use swc_core::{
    common::{util::take::Take, DUMMY_SP},
    ecma::{
        ast::*,
        utils::private_ident,
        visit::{noop_visit_mut_type, visit_mut_pass, VisitMut, VisitMutWith},
    },
};

pub fn rest_patterns() -> impl Pass {
    visit_mut_pass(RestPatterns)
}

struct RestPatterns;

impl VisitMut for RestPatterns {
    noop_visit_mut_type!();

    fn visit_mut_function(&mut self, f: &mut Function) {
        f.visit_mut_children_with(self);
        if let (Some(rest), Some(body)) = (
            f.params.last_mut().and_then(|p| pattern_rest(&mut p.pat)),
            &mut f.body,
        ) {
            prepend(&mut body.stmts, rest);
        }
    }

    fn visit_mut_constructor(&mut self, c: &mut Constructor) {
        c.visit_mut_children_with(self);
        let rest = match c.params.last_mut() {
            Some(ParamOrTsParamProp::Param(p)) => pattern_rest(&mut p.pat),
            _ => None,
        };
        if let (Some(rest), Some(body)) = (rest, &mut c.body) {
            prepend(&mut body.stmts, rest);
        }
    }

    fn visit_mut_arrow_expr(&mut self, a: &mut ArrowExpr) {
        a.visit_mut_children_with(self);
        let Some(rest) = a.params.last_mut().and_then(pattern_rest) else {
            return;
        };
        if let ArrowFunctionBody::Expr(expr) = &mut *a.body {
            let ret = Stmt::Return(ReturnStmt {
                span: DUMMY_SP,
                arg: Some(expr.take()),
            });
            *a.body = ArrowFunctionBody::FunctionBody(FunctionBody {
                span: DUMMY_SP,
                stmts: vec![ret],
            });
        }
        if let ArrowFunctionBody::FunctionBody(body) = &mut *a.body {
            prepend(&mut body.stmts, rest);
        }
    }
}

/// The declaration that takes the pattern's place, when `pat` is a rest whose argument is
/// a pattern; the argument is then a fresh identifier.
fn pattern_rest(pat: &mut Pat) -> Option<Stmt> {
    let Pat::Rest(rest) = pat else {
        return None;
    };
    if matches!(*rest.arg, Pat::Ident(_)) {
        return None;
    }
    let id = private_ident!("_ref");
    let pattern = std::mem::replace(&mut *rest.arg, Pat::Ident(id.clone().into()));
    Some(Stmt::Decl(Decl::Var(Box::new(VarDecl {
        kind: VarDeclKind::Var,
        decls: vec![VarDeclarator {
            span: DUMMY_SP,
            name: pattern,
            init: Some(Box::new(Expr::Ident(id))),
            definite: false,
        }],
        ..Default::default()
    }))))
}

/// After the directive prologue (`"use client"` must stay first).
fn prepend(stmts: &mut Vec<Stmt>, stmt: Stmt) {
    let at = prologue_len(stmts.iter().map(Some));
    stmts.insert(at, stmt);
}
