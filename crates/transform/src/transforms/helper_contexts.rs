//! `helperContexts`: mends what swc's inline `_ts_dispose_resources` helper (emitted when
//! `using` declarations are lowered) gets wrong. The helper is two statements, a `var
//! _SuppressedError = …` and the function that calls it, and swc marks each statement's
//! names apart, so hygiene takes them for two bindings, renames the `var` and leaves the
//! call pointing at nothing: any error thrown while disposing became a `ReferenceError`
//! (`@swc/core` 1.16 does the same). This gives the function's references the `var`'s
//! syntax context.
//!
//! ```js
//! var _SuppressedError1 = …;                 // before: after hygiene
//! function _ts_dispose_resources(env) { … new _SuppressedError(e, …) … }
//! // →
//! var _SuppressedError = …;
//! function _ts_dispose_resources(env) { … new _SuppressedError(e, …) … }
//! ```

use swc_core::{
    common::SyntaxContext,
    ecma::{
        ast::*,
        visit::{noop_visit_mut_type, visit_mut_pass, VisitMut, VisitMutWith},
    },
};

const VAR: &str = "_SuppressedError";
const HELPER: &str = "_ts_dispose_resources";

pub fn helper_contexts() -> impl Pass {
    visit_mut_pass(HelperContexts)
}

struct HelperContexts;

impl VisitMut for HelperContexts {
    noop_visit_mut_type!();

    fn visit_mut_module(&mut self, m: &mut Module) {
        mend(m.body.iter_mut().filter_map(|item| item.as_mut_stmt()));
    }

    fn visit_mut_script(&mut self, s: &mut Script) {
        mend(s.body.iter_mut());
    }
}

/// Top-level statements only: that is where helpers are put.
fn mend<'a>(stmts: impl Iterator<Item = &'a mut Stmt>) {
    let mut ctxt = None;
    for stmt in stmts {
        match stmt {
            Stmt::Decl(Decl::Var(var)) => {
                for d in &var.decls {
                    if let Pat::Ident(id) = &d.name {
                        if id.sym == VAR {
                            ctxt = Some(id.ctxt);
                        }
                    }
                }
            }
            Stmt::Decl(Decl::Fn(f)) if f.ident.sym == HELPER => {
                if let Some(ctxt) = ctxt {
                    f.function.visit_mut_with(&mut Retag(ctxt));
                }
            }
            _ => {}
        }
    }
}

struct Retag(SyntaxContext);

impl VisitMut for Retag {
    noop_visit_mut_type!();

    fn visit_mut_ident(&mut self, i: &mut Ident) {
        if i.sym == VAR {
            i.ctxt = self.0;
        }
    }
}
