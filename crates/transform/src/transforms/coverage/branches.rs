//! Branches of expressions: `? :`, chains of `&&`, `||` and `??` (every operand that is not
//! itself one), and default values.

use swc_core::{
    common::{Span, Spanned},
    ecma::{ast::*, visit::VisitMutWith},
};

use super::{hints::Hint, Instrument};

pub(super) fn is_logical_op(op: BinaryOp) -> bool {
    matches!(
        op,
        BinaryOp::LogicalAnd | BinaryOp::LogicalOr | BinaryOp::NullishCoalescing
    )
}

impl Instrument<'_> {
    pub(super) fn ternary(&mut self, c: &mut CondExpr) {
        let branch = self.cov.branch("cond-expr", self.range(c.span));
        for expr in [&mut c.cons, &mut c.alt] {
            if self.hints.peek(expr.unwrap_parens().span().lo) != Some(Hint::Next) {
                self.drop_hint(expr);
                self.count_path(branch, expr);
            }
        }
        c.visit_mut_children_with(self);
    }

    /// Counts each operand of a chain of `&&`, `||` and `??` that is not itself one.
    pub(super) fn logical_leaves(&mut self, branch: usize, expr: &mut Box<Expr>) {
        if self.hints.peek(expr.unwrap_parens().span().lo) == Some(Hint::Next) {
            return;
        }
        match expr.unwrap_parens_mut() {
            Expr::Bin(b) if is_logical_op(b.op) => {
                self.logical_leaves(branch, &mut b.left);
                self.logical_leaves(branch, &mut b.right);
            }
            _ => self.count_path(branch, expr),
        }
    }

    pub(super) fn default_value(&mut self, span: Span, right: &mut Box<Expr>) {
        self.drop_hint(right);
        let branch = self.cov.branch("default-arg", self.range(span));
        self.count_path(branch, right);
    }
}
