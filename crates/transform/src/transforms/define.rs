//! `define`: compile-time constants, as Next.js's `compiler.define` and esbuild's `define`.
//!
//! ```js
//! // { "process.env.NODE_ENV": "\"production\"", "__DEV__": "false" }
//! if (process.env.NODE_ENV !== "production") warn();   // → removed, after folding
//! const dev = __DEV__;                                  // → const dev = false;
//! ```
//!
//! Keys are identifiers, member chains or `typeof x`; values are expression source, parsed
//! once. Only a name no declaration binds is replaced (a local `process` is left alone; a
//! TypeScript `declare const __DEV__`, erased by then, does not count), never on the left
//! of an assignment or as an update's operand. Constant folding and dead-branch
//! removal follow in the pipeline; imports are left as they are.

use rustc_hash::FxHashSet;
use swc_core::{
    atoms::Atom,
    common::DUMMY_SP,
    ecma::{
        ast::*,
        utils::collect_decls,
        visit::{noop_visit_mut_type, VisitMut, VisitMutWith},
    },
};

/// `process.env.NODE_ENV` is `["process", "env", "NODE_ENV"]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DefineKey {
    Path(Vec<Atom>),
    TypeOf(Vec<Atom>),
}

#[derive(Debug, Clone)]
pub struct Define {
    pub key: DefineKey,
    /// Spans dropped: the value came from another source file.
    pub value: Box<Expr>,
}

pub fn define(defines: Vec<Define>) -> impl Pass {
    Replace {
        defines,
        declared: Default::default(),
    }
}

struct Replace {
    defines: Vec<Define>,
    /// Every binding the program declares; a root in here is local, not the define.
    declared: FxHashSet<Id>,
}

impl Pass for Replace {
    fn process(&mut self, program: &mut Program) {
        self.declared = collect_decls(&*program);
        program.visit_mut_with(self);
    }
}

impl Replace {
    /// Whether `expr` is the global chain `path` (`a.b["c"]`).
    fn is_path(&self, expr: &Expr, path: &[Atom]) -> bool {
        match expr {
            Expr::Ident(i) => {
                path.len() == 1 && i.sym == path[0] && !self.declared.contains(&i.to_id())
            }
            Expr::Member(MemberExpr { obj, prop, .. }) => {
                let Some((last, rest)) = path.split_last() else {
                    return false;
                };
                let name = match prop {
                    MemberProp::Ident(name) => &name.sym,
                    MemberProp::Computed(ComputedPropName { expr, .. }) => match &**expr {
                        Expr::Lit(Lit::Str(s)) => match s.value.as_atom() {
                            Some(a) => a,
                            None => return false,
                        },
                        _ => return false,
                    },
                    MemberProp::PrivateName(_) => return false,
                };
                name == last && self.is_path(obj, rest)
            }
            Expr::Paren(p) => self.is_path(&p.expr, path),
            _ => false,
        }
    }

    fn replacement(&self, expr: &Expr) -> Option<Box<Expr>> {
        self.defines.iter().find_map(|d| {
            let hit = match (&d.key, expr) {
                (DefineKey::Path(path), _) => self.is_path(expr, path),
                (
                    DefineKey::TypeOf(path),
                    Expr::Unary(UnaryExpr {
                        op: UnaryOp::TypeOf,
                        arg,
                        ..
                    }),
                ) => self.is_path(arg, path),
                (DefineKey::TypeOf(_), _) => false,
            };
            hit.then(|| d.value.clone())
        })
    }
}

impl VisitMut for Replace {
    noop_visit_mut_type!();

    /// Outermost first, so the longest chain wins (`process.env.X` before `process.env`).
    fn visit_mut_expr(&mut self, expr: &mut Expr) {
        if let Some(value) = self.replacement(expr) {
            *expr = *value;
            return;
        }
        expr.visit_mut_children_with(self);
    }

    fn visit_mut_assign_expr(&mut self, e: &mut AssignExpr) {
        e.right.visit_mut_with(self);
    }

    fn visit_mut_update_expr(&mut self, _: &mut UpdateExpr) {}

    /// `{ __DEV__ }` becomes `{ __DEV__: false }`.
    fn visit_mut_prop(&mut self, prop: &mut Prop) {
        if let Prop::Shorthand(ident) = prop {
            if let Some(value) = self.replacement(&Expr::Ident(ident.clone())) {
                *prop = Prop::KeyValue(KeyValueProp {
                    key: PropName::Ident(IdentName::new(ident.sym.clone(), DUMMY_SP)),
                    value,
                });
                return;
            }
        }
        prop.visit_mut_children_with(self);
    }
}
