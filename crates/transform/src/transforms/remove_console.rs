//! `removeConsole`: drops calls to the global `console`'s methods.
//!
//! ```js
//! console.log("a");            // removed
//! ok && console.warn("b");     // → ok && void 0
//! function f(console) { console.log(1) }   // untouched: `console` is a parameter
//! ```
//!
//! In statement position the statement goes; in expression position the call becomes
//! `void 0`, as babel-plugin-transform-remove-console does. Only the unresolved (global)
//! `console` counts: the resolver has marked every local binding, however it is shadowed.
//! Methods in `exclude` stay.

use swc_core::{
    atoms::Atom,
    common::{Mark, DUMMY_SP},
    ecma::{
        ast::*,
        visit::{noop_visit_mut_type, visit_mut_pass, VisitMut, VisitMutWith},
    },
};

use crate::options::RemoveConsoleOptions;

pub fn remove_console(options: RemoveConsoleOptions, unresolved_mark: Mark) -> impl Pass {
    visit_mut_pass(RemoveConsole {
        exclude: options.exclude.into_iter().map(Atom::from).collect(),
        unresolved_mark,
    })
}

struct RemoveConsole {
    exclude: Vec<Atom>,
    unresolved_mark: Mark,
}

impl RemoveConsole {
    /// `console.m`, `console["m"]`, `console?.m`, through parentheses.
    fn console_method<'a>(&self, expr: &'a Expr) -> Option<&'a Atom> {
        let member = match expr {
            Expr::Paren(p) => return self.console_method(&p.expr),
            Expr::Member(m) => m,
            Expr::OptChain(OptChainExpr { base, .. }) => match &**base {
                OptChainBase::Member(m) => m,
                OptChainBase::Call(_) => return None,
            },
            _ => return None,
        };
        let Expr::Ident(obj) = &*member.obj else {
            return None;
        };
        if &*obj.sym != "console" || obj.ctxt.outer() != self.unresolved_mark {
            return None;
        }
        match &member.prop {
            MemberProp::Ident(name) => Some(&name.sym),
            MemberProp::Computed(ComputedPropName { expr, .. }) => match &**expr {
                Expr::Lit(Lit::Str(s)) => s.value.as_atom(),
                _ => None,
            },
            MemberProp::PrivateName(_) => None,
        }
    }

    /// Whether `expr` is a call of a console method that is not excluded.
    fn is_removable_call(&self, expr: &Expr) -> bool {
        let callee = match expr {
            Expr::Paren(p) => return self.is_removable_call(&p.expr),
            Expr::Call(CallExpr {
                callee: Callee::Expr(callee),
                ..
            }) => callee,
            Expr::OptChain(OptChainExpr { base, .. }) => match &**base {
                OptChainBase::Call(OptCall { callee, .. }) => callee,
                OptChainBase::Member(_) => return false,
            },
            _ => return false,
        };
        self.console_method(callee)
            .is_some_and(|m| !self.exclude.contains(m))
    }
}

fn void_zero() -> Expr {
    Expr::Unary(UnaryExpr {
        span: DUMMY_SP,
        op: UnaryOp::Void,
        arg: Box::new(Expr::Lit(Lit::Num(Number {
            span: DUMMY_SP,
            value: 0.0,
            raw: None,
        }))),
    })
}

impl VisitMut for RemoveConsole {
    noop_visit_mut_type!();

    fn visit_mut_stmt(&mut self, stmt: &mut Stmt) {
        if let Stmt::Expr(ExprStmt { expr, .. }) = stmt {
            if self.is_removable_call(expr) {
                *stmt = Stmt::Empty(EmptyStmt { span: DUMMY_SP });
                return;
            }
        }
        stmt.visit_mut_children_with(self);
    }

    fn visit_mut_expr(&mut self, expr: &mut Expr) {
        if self.is_removable_call(expr) {
            *expr = void_zero();
            return;
        }
        expr.visit_mut_children_with(self);
    }

    /// Statements emptied above are dropped from statement lists.
    fn visit_mut_stmts(&mut self, stmts: &mut Vec<Stmt>) {
        stmts.visit_mut_children_with(self);
        stmts.retain(|s| !matches!(s, Stmt::Empty(_)));
    }

    fn visit_mut_module_items(&mut self, items: &mut Vec<ModuleItem>) {
        items.visit_mut_children_with(self);
        items.retain(|i| !matches!(i, ModuleItem::Stmt(Stmt::Empty(_))));
    }
}
