//! The output's AST: `<_JSXStyle id dynamic>{css}</_JSXStyle>`, the
//! `_JSXStyle.dynamic([[id, [values]]])` class expression, and the CSS with the dynamic
//! values put back into a template literal.

use swc_core::{common::DUMMY_SP, ecma::ast::*};

use super::{str_expr, Style, StyledJsx, PLACEHOLDER};

impl StyledJsx {
    /// `_JSXStyle.dynamic([[id, [values]], ...])`.
    pub(super) fn dynamic_call(&self, styles: &[&Style]) -> Box<Expr> {
        let array = |elems: Vec<Box<Expr>>| {
            Box::new(Expr::Array(ArrayLit {
                span: DUMMY_SP,
                elems: elems
                    .into_iter()
                    .map(|e| {
                        Some(ExprOrSpread {
                            spread: None,
                            expr: e,
                        })
                    })
                    .collect(),
            }))
        };
        let pairs = styles
            .iter()
            .map(|s| array(vec![str_expr(s.id.clone()), array(s.dynamic.clone())]))
            .collect();
        Box::new(Expr::Call(CallExpr {
            span: DUMMY_SP,
            callee: Callee::Expr(Box::new(Expr::Member(MemberExpr {
                span: DUMMY_SP,
                obj: Box::new(Expr::Ident(self.style_ident.clone())),
                prop: MemberProp::Ident(IdentName::new("dynamic".into(), DUMMY_SP)),
            }))),
            args: vec![ExprOrSpread {
                spread: None,
                expr: array(pairs),
            }],
            ..Default::default()
        }))
    }

    pub(super) fn style_element(&self, style: &Style) -> JSXElement {
        self.style_element_with(
            str_expr(style.id.clone()),
            style.dynamic.clone(),
            style.css.clone(),
        )
    }

    /// `<_JSXStyle id={id} dynamic={[...]}>{css}</_JSXStyle>`.
    pub(super) fn style_element_with(
        &self,
        id: Box<Expr>,
        dynamic: Vec<Box<Expr>>,
        css: Box<Expr>,
    ) -> JSXElement {
        let style = Style {
            id: String::new(),
            css,
            dynamic,
        };
        let name = JSXElementName::Ident(self.style_ident.clone());
        let attr = |n: &str, value: Box<Expr>| {
            JSXAttrOrSpread::JSXAttr(JSXAttr {
                span: DUMMY_SP,
                name: JSXAttrName::Ident(IdentName::new(n.into(), DUMMY_SP)),
                value: Some(JSXAttrValue::JSXExprContainer(JSXExprContainer {
                    span: DUMMY_SP,
                    expr: JSXExpr::Expr(value),
                })),
            })
        };
        let mut attrs = vec![attr("id", id)];
        if !style.dynamic.is_empty() {
            attrs.push(attr(
                "dynamic",
                Box::new(Expr::Array(ArrayLit {
                    span: DUMMY_SP,
                    elems: style
                        .dynamic
                        .iter()
                        .map(|e| {
                            Some(ExprOrSpread {
                                spread: None,
                                expr: e.clone(),
                            })
                        })
                        .collect(),
                })),
            ));
        }
        JSXElement {
            span: DUMMY_SP,
            opening: JSXOpeningElement {
                name: name.clone(),
                span: DUMMY_SP,
                attrs,
                self_closing: false,
                type_args: None,
            },
            children: vec![JSXElementChild::JSXExprContainer(JSXExprContainer {
                span: DUMMY_SP,
                expr: JSXExpr::Expr(style.css.clone()),
            })],
            closing: Some(JSXClosingElement {
                span: DUMMY_SP,
                name,
            }),
        }
    }
}

/// The compiled CSS as a string, or a template with the dynamic values put back.
pub(super) fn restore_placeholders(css: &str, dynamic: &[Box<Expr>]) -> Box<Expr> {
    if dynamic.is_empty() {
        return str_expr(css);
    }
    let mut quasis = vec![];
    let mut exprs = vec![];
    let mut rest = css;
    while let Some(start) = rest.find(PLACEHOLDER) {
        let after = &rest[start + PLACEHOLDER.len()..];
        let Some(end) = after.find("__") else { break };
        let Ok(index) = after[..end].parse::<usize>() else {
            break;
        };
        quasis.push(&rest[..start]);
        exprs.push(dynamic[index].clone());
        rest = &after[end + 2..];
    }
    quasis.push(rest);
    let quasis = quasis
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let raw = q
                .replace('\\', "\\\\")
                .replace('`', "\\`")
                .replace("${", "\\${");
            TplElement {
                span: DUMMY_SP,
                tail: i == exprs.len(),
                cooked: None,
                raw: raw.into(),
            }
        })
        .collect();
    Box::new(Expr::Tpl(Tpl {
        span: DUMMY_SP,
        exprs,
        quasis,
    }))
}
