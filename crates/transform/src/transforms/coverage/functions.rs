//! Functions (declarations, expressions, arrows, class and object methods), classes and
//! class fields. Istanbul names a function by its own name only, so methods and arrows are
//! `(anonymous_N)`; it does not count private methods.

use swc_core::{
    common::{BytePos, Span, Spanned},
    ecma::{
        ast::*,
        visit::{VisitMut, VisitMutWith},
    },
};

use super::{hints::Hint, location::Range, Instrument};

/// Where a class or class member starts for Babel: at its first decorator.
fn start_with(span: Span, decorators: &[Decorator]) -> BytePos {
    decorators
        .first()
        .map_or(span.lo, |d| d.span.lo.min(span.lo))
}

impl Instrument<'_> {
    pub(super) fn function(&mut self, f: &mut Function, name: Option<String>, decl: Range) {
        if let Some(body) = &mut f.body {
            self.count_function(name, decl, body);
        }
        f.visit_mut_children_with(self);
    }

    pub(super) fn class(&mut self, class: &mut Class, declaration: bool) {
        let hint = self.enter(start_with(class.span, &class.decorators));
        if declaration && hint == Some(Hint::Next) {
            return;
        }
        // Babel's order: decorators, the super class, then the body.
        class.decorators.visit_mut_with(self);
        class.super_class.visit_mut_with(self);
        class.body.visit_mut_with(self);
    }

    /// A method of a class or an object; `key` is its name if an identifier.
    fn method(&mut self, lo: BytePos, key: &mut PropName, f: &mut Function) {
        let decl = self.lines.first_char(lo);
        if let Some(body) = &mut f.body {
            self.count_function(None, decl, body);
        }
        // Babel's order: decorators, key, parameters, body.
        f.decorators.visit_mut_with(self);
        key.visit_mut_with(self);
        f.params.visit_mut_with(self);
        f.body.visit_mut_with(self);
    }

    pub(super) fn arrow(&mut self, a: &mut ArrowExpr) {
        if self.enter(a.span.lo) == Some(Hint::Next) {
            return;
        }
        let decl = self.lines.first_char(a.span.lo);
        match &mut *a.body {
            ArrowFunctionBody::FunctionBody(body) => {
                self.count_function(None, decl, body);
                a.params.visit_mut_with(self);
                self.visit_mut_function_body(body);
            }
            // `=> x` becomes `=> { return x; }`, and the return is a statement.
            ArrowFunctionBody::Expr(expr) => {
                let span = expr.unwrap_parens().span();
                let mut body = FunctionBody {
                    span,
                    stmts: vec![],
                };
                self.count_function(None, decl, &mut body);
                a.params.visit_mut_with(self);
                let counter = self.statement_counter(span);
                body.stmts.push(counter);
                let mut arg = std::mem::take(expr);
                self.visit_mut_expr(&mut arg);
                body.stmts.push(Stmt::Return(ReturnStmt {
                    span,
                    arg: Some(arg),
                }));
                *a.body = ArrowFunctionBody::FunctionBody(body);
            }
        }
    }

    pub(super) fn class_member(&mut self, member: &mut ClassMember) {
        match member {
            ClassMember::Method(m) => {
                let lo = start_with(m.span, &m.function.decorators);
                if self.enter(lo) == Some(Hint::Next) {
                    return;
                }
                if matches!(&m.key, PropName::Ident(k) if self.ignores_method(&k.sym)) {
                    return;
                }
                self.method(lo, &mut m.key, &mut m.function);
            }
            ClassMember::Constructor(c) => {
                if self.enter(c.span.lo) == Some(Hint::Next) || self.ignores_method("constructor") {
                    return;
                }
                let decl = self.lines.first_char(c.span.lo);
                if let Some(body) = &mut c.body {
                    self.count_function(None, decl, body);
                }
                c.key.visit_mut_with(self);
                c.params.visit_mut_with(self);
                c.body.visit_mut_with(self);
            }
            // Not a function to Istanbul, and not a node its hints apply to.
            ClassMember::PrivateMethod(m) => {
                self.enter(start_with(m.span, &m.function.decorators));
                m.function.decorators.visit_mut_with(self);
                m.function.params.visit_mut_with(self);
                m.function.body.visit_mut_with(self);
            }
            ClassMember::ClassProp(p) => {
                let hint = self.enter(start_with(p.span, &p.decorators));
                if hint == Some(Hint::Next) {
                    return;
                }
                if let Some(value) = &mut p.value {
                    self.count_expression(value);
                }
                p.decorators.visit_mut_with(self);
                p.key.visit_mut_with(self);
                p.value.visit_mut_with(self);
            }
            ClassMember::PrivateProp(p) => {
                let hint = self.enter(start_with(p.span, &p.decorators));
                if hint == Some(Hint::Next) {
                    return;
                }
                if let Some(value) = &mut p.value {
                    self.count_expression(value);
                }
                p.decorators.visit_mut_with(self);
                p.value.visit_mut_with(self);
            }
            // Istanbul knows no auto-accessors: their values are not counted.
            ClassMember::AutoAccessor(a) => {
                self.enter(start_with(a.span, &a.decorators));
                a.decorators.visit_mut_with(self);
                a.key.visit_mut_with(self);
                a.value.visit_mut_with(self);
            }
            // Babel's static block holds its statements with no block in between.
            ClassMember::StaticBlock(s) => {
                self.enter(s.span.lo);
                self.list(&mut s.body.stmts, false, false);
            }
            ClassMember::TsIndexSignature(_) | ClassMember::Empty(_) => {}
        }
    }

    pub(super) fn prop(&mut self, prop: &mut Prop) {
        match prop {
            Prop::Method(m) => {
                let lo = m.function.span.lo;
                if self.enter(lo) != Some(Hint::Next) {
                    self.method(lo, &mut m.key, &mut m.function);
                }
            }
            Prop::Getter(g) => {
                if self.enter(g.span.lo) != Some(Hint::Next) {
                    self.method(g.span.lo, &mut g.key, &mut g.function);
                }
            }
            Prop::Setter(s) => {
                if self.enter(s.span.lo) != Some(Hint::Next) {
                    self.method(s.span.lo, &mut s.key, &mut s.function);
                }
            }
            _ => {
                self.enter(prop.span().lo);
                prop.visit_mut_children_with(self);
            }
        }
    }
}
