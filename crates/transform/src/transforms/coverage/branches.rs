//! Branches of expressions: `? :`, chains of `&&`, `||` and `??` (every operand that is not
//! itself one), and default values.

use swc_core::{
    common::{Span, Spanned},
    ecma::{ast::*, visit::VisitMutWith},
};

use super::{hints::Hint, unparen, Instrument};

pub(super) fn is_logical_op(op: BinaryOp) -> bool {
    matches!(
        op,
        BinaryOp::LogicalAnd | BinaryOp::LogicalOr | BinaryOp::NullishCoalescing
    )
}

fn is_logical(expr: &Expr) -> bool {
    matches!(expr, Expr::Bin(b) if is_logical_op(b.op))
}

impl Instrument<'_> {
    pub(super) fn ternary(&mut self, c: &mut CondExpr) {
        let branch = self.cov.branch("cond-expr", self.range(c.span));
        for expr in [&mut c.cons, &mut c.alt] {
            if self.hints.peek(unparen(expr).span().lo) != Some(Hint::Next) {
                self.drop_hint(expr);
                self.count_path(branch, expr);
            }
        }
        c.visit_mut_children_with(self);
    }

    /// Counts each operand of a chain of `&&`, `||` and `??` that is not itself one.
    pub(super) fn logical_leaves(&mut self, branch: usize, expr: &mut Box<Expr>) {
        let inner = unparen(expr);
        if self.hints.peek(inner.span().lo) == Some(Hint::Next) {
            return;
        }
        if !is_logical(inner) {
            return self.count_path(branch, expr);
        }
        let mut slot: &mut Expr = expr;
        while let Expr::Paren(p) = slot {
            slot = &mut p.expr;
        }
        if let Expr::Bin(b) = slot {
            self.logical_leaves(branch, &mut b.left);
            self.logical_leaves(branch, &mut b.right);
        }
    }

    pub(super) fn default_value(&mut self, span: Span, right: &mut Box<Expr>) {
        self.drop_hint(right);
        let branch = self.cov.branch("default-arg", self.range(span));
        self.count_path(branch, right);
    }
}
