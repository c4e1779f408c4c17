//! `templateEscapes`: a tagged template may hold escapes that are not valid in a string
//! (`String.raw\`\1\``, `latex\`\unicode\``) since ES2018; its cooked value is then
//! `undefined` and only `raw` holds the text. Earlier engines reject the file, and swc's
//! ES2015 to ES2017 presets (like `@swc/core`'s) leave it as it is. Run for those targets
//! (`es5` lowers every template): such a template becomes a call with the same template
//! object, built once per site as the engine would cache it.
//!
//! ```js
//! String.raw`^([''"])(.*?)\1?$${x}`;
//! // → (es2015 to es2017)
//! var _templateObject;
//! String.raw(_templateObject || (_templateObject = Object.freeze(Object.defineProperties(
//!     [void 0, ""], { raw: { value: Object.freeze(["^([''\"])(.*?)\\1?$", ""]) } }))), x);
//! ```

use super::prologue_len;
use swc_core::{
    common::{util::take::Take, DUMMY_SP},
    ecma::{
        ast::*,
        utils::{private_ident, quote_ident, ExprFactory},
        visit::{noop_visit_mut_type, visit_mut_pass, VisitMut, VisitMutWith},
    },
};

pub fn template_escapes() -> impl Pass {
    visit_mut_pass(TemplateEscapes::default())
}

#[derive(Default)]
struct TemplateEscapes {
    /// One cache variable per rewritten site, declared at the top of the file.
    caches: Vec<Ident>,
}

impl VisitMut for TemplateEscapes {
    noop_visit_mut_type!();

    fn visit_mut_module(&mut self, m: &mut Module) {
        m.visit_mut_children_with(self);
        if let Some(decl) = self.declaration() {
            let at = prologue_len(m.body.iter().map(|item| item.as_stmt()));
            m.body.insert(at, ModuleItem::Stmt(decl));
        }
    }

    fn visit_mut_script(&mut self, s: &mut Script) {
        s.visit_mut_children_with(self);
        if let Some(decl) = self.declaration() {
            let at = prologue_len(s.body.iter().map(Some));
            s.body.insert(at, decl);
        }
    }

    fn visit_mut_expr(&mut self, e: &mut Expr) {
        e.visit_mut_children_with(self);
        let Expr::TaggedTpl(t) = e else {
            return;
        };
        if t.tpl.quasis.iter().all(|q| q.cooked.is_some()) {
            return;
        }
        let cache = private_ident!("_templateObject");
        self.caches.push(cache.clone());
        let strings = |f: &dyn Fn(&TplElement) -> Expr| -> Expr {
            ArrayLit {
                span: DUMMY_SP,
                elems: t.tpl.quasis.iter().map(|q| Some(f(q).as_arg())).collect(),
            }
            .into()
        };
        let cooked = strings(&|q| match &q.cooked {
            Some(c) => Lit::Str(Str {
                span: DUMMY_SP,
                value: c.clone(),
                raw: None,
            })
            .into(),
            None => *Expr::undefined(DUMMY_SP),
        });
        let raw = strings(&|q| {
            Lit::Str(Str {
                span: DUMMY_SP,
                value: q.raw.clone().into(),
                raw: None,
            })
            .into()
        });
        let object = |method: &str| quote_ident!("Object").make_member(quote_ident!(method));
        let freeze = |arg: Expr| object("freeze").as_call(DUMMY_SP, vec![arg.as_arg()]);
        let raw_property = ObjectLit {
            span: DUMMY_SP,
            props: vec![prop(
                "raw",
                ObjectLit {
                    span: DUMMY_SP,
                    props: vec![prop("value", freeze(raw))],
                }
                .into(),
            )],
        };
        let template_object = freeze(
            object("defineProperties")
                .as_call(DUMMY_SP, vec![cooked.as_arg(), raw_property.as_arg()]),
        );
        let cached =
            Expr::from(template_object).make_assign_to(AssignOp::Assign, cache.clone().into());
        let first_arg = BinExpr {
            span: DUMMY_SP,
            op: BinaryOp::LogicalOr,
            left: Box::new(cache.into()),
            right: Box::new(cached.into()),
        };
        let mut args = vec![Expr::from(first_arg).as_arg()];
        args.extend(t.tpl.exprs.take().into_iter().map(|e| e.as_arg()));
        *e = CallExpr {
            span: t.span,
            callee: t.tag.take().as_callee(),
            args,
            ..Default::default()
        }
        .into();
    }
}

impl TemplateEscapes {
    fn declaration(&mut self) -> Option<Stmt> {
        if self.caches.is_empty() {
            return None;
        }
        let decls = self
            .caches
            .drain(..)
            .map(|id| VarDeclarator {
                span: DUMMY_SP,
                name: id.into(),
                init: None,
                definite: false,
            })
            .collect();
        Some(
            VarDecl {
                kind: VarDeclKind::Var,
                decls,
                ..Default::default()
            }
            .into(),
        )
    }
}

fn prop(key: &str, value: Expr) -> PropOrSpread {
    PropOrSpread::Prop(Box::new(Prop::KeyValue(KeyValueProp {
        key: PropName::Ident(IdentName::new(key.into(), DUMMY_SP)),
        value: Box::new(value),
    })))
}
