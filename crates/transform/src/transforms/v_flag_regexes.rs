//! `vFlagRegexes`: keeps regular expressions with the `v` flag (ES2024 set notation) out of
//! swc's lowering, which cannot lower them and, for targets before ES2018, expanded their
//! `\p{…}` escapes into a pattern no engine accepts: `/[\p{L}--[a-z]]/v` became a
//! `RegExp("[\u0041-\u005A--…", "v")` that throws when the module loads. `stash` swaps
//! each such literal for a placeholder before the lowering and `restore` puts it back
//! after, so the literal is kept as written (a regex flag is syntax that cannot be lowered,
//! like BigInt).
//!
//! ```js
//! const r = /[\p{L}--[a-z]]/v;
//! // → (es2015) unchanged
//! const r = /[\p{L}--[a-z]]/v;
//! ```

use std::{cell::RefCell, rc::Rc};

use swc_core::ecma::{
    ast::*,
    utils::private_ident,
    visit::{noop_visit_mut_type, visit_mut_pass, VisitMut, VisitMutWith},
};

/// The pass that hides the literals, and the one that brings them back.
pub fn v_flag_regexes() -> (impl Pass, impl Pass) {
    let stashed = Rc::new(RefCell::new(Vec::new()));
    (
        visit_mut_pass(Stash(stashed.clone())),
        visit_mut_pass(Restore(stashed)),
    )
}

type Stashed = Rc<RefCell<Vec<(Ident, Regex)>>>;

struct Stash(Stashed);

impl VisitMut for Stash {
    noop_visit_mut_type!();

    fn visit_mut_expr(&mut self, e: &mut Expr) {
        if let Expr::Lit(Lit::Regex(regex)) = e {
            if regex.flags.contains('v') {
                let placeholder = private_ident!("_vFlagRegex");
                self.0
                    .borrow_mut()
                    .push((placeholder.clone(), regex.clone()));
                *e = Expr::Ident(placeholder);
            }
            return;
        }
        e.visit_mut_children_with(self);
    }
}

struct Restore(Stashed);

impl VisitMut for Restore {
    noop_visit_mut_type!();

    fn visit_mut_program(&mut self, p: &mut Program) {
        if !self.0.borrow().is_empty() {
            p.visit_mut_children_with(self);
        }
    }

    fn visit_mut_expr(&mut self, e: &mut Expr) {
        if let Expr::Ident(id) = e {
            let stashed = self.0.borrow();
            if let Some((_, regex)) = stashed
                .iter()
                .find(|(p, _)| p.ctxt == id.ctxt && p.sym == id.sym)
            {
                *e = Expr::Lit(Lit::Regex(regex.clone()));
            }
            return;
        }
        e.visit_mut_children_with(self);
    }
}
