//! `exportComments`: keeps the comments written before an `export` when the module
//! becomes CommonJS, as Babel does. swc keeps comments by where they stand in the source,
//! and the CommonJS pass drops the `export` keyword, whose position held them: `/* istanbul
//! ignore next */ export function f() {}` lost its hint, and with it what coverage ignores.
//! Run just before that pass, this moves them to the declaration or expression exported.
//!
//! ```js
//! /* c2 */ export let b = () => 2;
//! // → (CommonJS)
//! /* c2 */ let b = ()=>2;
//! ```

use swc_core::{
    common::{
        comments::{Comments, SingleThreadedComments},
        BytePos, Spanned,
    },
    ecma::{
        ast::*,
        visit::{noop_visit_mut_type, visit_mut_pass, VisitMut},
    },
};

pub fn export_comments(comments: SingleThreadedComments) -> impl Pass {
    visit_mut_pass(ExportComments { comments })
}

struct ExportComments {
    comments: SingleThreadedComments,
}

impl ExportComments {
    fn move_leading(&self, from: BytePos, to: BytePos) {
        if from == to || from.is_dummy() || to.is_dummy() {
            return;
        }
        if let Some(moved) = self.comments.take_leading(from) {
            // Ours first: they stood before the `export` keyword.
            let after = self.comments.take_leading(to).unwrap_or_default();
            self.comments
                .add_leading_comments(to, moved.into_iter().chain(after).collect());
        }
    }
}

impl VisitMut for ExportComments {
    noop_visit_mut_type!();

    fn visit_mut_module_item(&mut self, item: &mut ModuleItem) {
        let ModuleItem::ModuleDecl(decl) = item else {
            return;
        };
        let (from, to) = match decl {
            ModuleDecl::ExportDecl(e) => (e.span.lo, e.decl.span().lo),
            ModuleDecl::ExportDefaultDecl(e) => (e.span.lo, e.decl.span().lo),
            ModuleDecl::ExportDefaultExpr(e) => (e.span.lo, e.expr.span().lo),
            _ => return,
        };
        self.move_leading(from, to);
    }
}
