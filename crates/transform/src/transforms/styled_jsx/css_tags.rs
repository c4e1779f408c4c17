//! `styled-jsx/css`: `css`, `css.global` and `css.resolve` tagged templates, compiled into
//! what the runtime reads (`new String(css)` with `__hash`, or `{ styles, className }`).

use swc_core::{
    common::{BytePos, Spanned, SyntaxContext, DUMMY_SP},
    ecma::ast::*,
};

use super::{css, hash, report, str_expr, CssTag, StyledJsx};
use crate::diagnostics::messages;

impl StyledJsx {
    /// Records and removes `import css, { global, resolve } from "styled-jsx/css"`.
    pub(super) fn take_css_imports(&mut self, items: &mut Vec<ModuleItem>) {
        items.retain(|item| {
            let ModuleItem::ModuleDecl(ModuleDecl::Import(import)) = item else {
                return true;
            };
            if import.type_only || &*import.src.value.to_atom_lossy() != "styled-jsx/css" {
                return true;
            }
            for spec in &import.specifiers {
                match spec {
                    ImportSpecifier::Default(d) => {
                        self.css_tags.insert(d.local.to_id(), CssTag::Scoped);
                    }
                    ImportSpecifier::Named(n) => {
                        let imported = match &n.imported {
                            Some(ModuleExportName::Ident(i)) => i.sym.to_string(),
                            Some(ModuleExportName::Str(s)) => s.value.to_atom_lossy().to_string(),
                            None => n.local.sym.to_string(),
                        };
                        let tag = match imported.as_str() {
                            "global" => CssTag::Global,
                            "resolve" => CssTag::Resolve,
                            _ => CssTag::Scoped,
                        };
                        self.css_tags.insert(n.local.to_id(), tag);
                    }
                    ImportSpecifier::Namespace(_) => {}
                }
            }
            false
        });
    }

    /// `css`, `css.global`, `css.resolve` or an imported `global`/`resolve`.
    pub(super) fn css_tag(&self, tag: &Expr) -> Option<CssTag> {
        match tag {
            Expr::Ident(i) => self.css_tags.get(&i.to_id()).copied(),
            Expr::Member(MemberExpr {
                obj,
                prop: MemberProp::Ident(p),
                ..
            }) => {
                let Expr::Ident(obj) = &**obj else {
                    return None;
                };
                (self.css_tags.get(&obj.to_id()) == Some(&CssTag::Scoped)).then_some(())?;
                match &*p.sym {
                    "global" => Some(CssTag::Global),
                    "resolve" => Some(CssTag::Resolve),
                    _ => None,
                }
            }
            _ => None,
        }
    }

    /// Compiles a `styled-jsx/css` tagged template into what the runtime expects.
    pub(super) fn compile_css_tag(&mut self, tagged: &TaggedTpl, kind: CssTag) -> Option<Expr> {
        let mut css = String::new();
        for (i, quasi) in tagged.tpl.quasis.iter().enumerate() {
            css.push_str(&quasi.raw);
            if let Some(e) = tagged.tpl.exprs.get(i) {
                match self.constant(e) {
                    Some(text) => css.push_str(&text),
                    None => {
                        report(e.span(), messages::styled_jsx_css_not_constant());
                        return None;
                    }
                }
            }
        }
        if kind == CssTag::Resolve && !self.jsx_allowed {
            report(tagged.span, messages::styled_jsx_resolve_needs_jsx());
            return None;
        }
        let id = hash::hash(&css);
        let class = format!("jsx-{id}");
        let scope = (kind != CssTag::Global).then_some(class.as_str());
        let compiled = match css::process(&css, scope, self.targets) {
            Ok(c) => c,
            Err(e) => {
                let at = tagged.tpl.quasis.first().map_or(tagged.span, |q| {
                    q.span.with_lo(q.span.lo + BytePos(e.offset as u32))
                });
                report(at, messages::styled_jsx_invalid_css(&e.message));
                return None;
            }
        };
        self.used = true;
        let prop = |key: &str, value: Box<Expr>| {
            PropOrSpread::Prop(Box::new(Prop::KeyValue(KeyValueProp {
                key: PropName::Ident(IdentName::new(key.into(), DUMMY_SP)),
                value,
            })))
        };
        Some(match kind {
            CssTag::Resolve => Expr::Object(ObjectLit {
                span: tagged.span,
                props: vec![
                    prop(
                        "styles",
                        Box::new(Expr::JSXElement(Box::new(self.style_element_with(
                            str_expr(id),
                            vec![],
                            str_expr(compiled),
                        )))),
                    ),
                    prop("className", str_expr(class)),
                ],
            }),
            // `Object.assign(new String(css), { __hash })`: a string the runtime reads `__hash` from.
            CssTag::Scoped | CssTag::Global => Expr::Call(CallExpr {
                span: tagged.span,
                callee: Callee::Expr(Box::new(Expr::Member(MemberExpr {
                    span: DUMMY_SP,
                    obj: Box::new(Expr::Ident(Ident::new(
                        "Object".into(),
                        DUMMY_SP,
                        SyntaxContext::empty().apply_mark(self.unresolved_mark),
                    ))),
                    prop: MemberProp::Ident(IdentName::new("assign".into(), DUMMY_SP)),
                }))),
                args: vec![
                    ExprOrSpread {
                        spread: None,
                        expr: Box::new(Expr::New(NewExpr {
                            span: DUMMY_SP,
                            callee: Box::new(Expr::Ident(Ident::new(
                                "String".into(),
                                DUMMY_SP,
                                SyntaxContext::empty().apply_mark(self.unresolved_mark),
                            ))),
                            args: Some(vec![ExprOrSpread {
                                spread: None,
                                expr: str_expr(compiled),
                            }]),
                            ..Default::default()
                        })),
                    },
                    ExprOrSpread {
                        spread: None,
                        expr: Box::new(Expr::Object(ObjectLit {
                            span: DUMMY_SP,
                            props: vec![prop("__hash", str_expr(id))],
                        })),
                    },
                ],
                ..Default::default()
            }),
        })
    }
}
