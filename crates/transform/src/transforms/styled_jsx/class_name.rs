//! Merging the scope class into an element's `className`, as styled-jsx does: before a
//! string or template, `|| ""`-guarded before other expressions, and kept from a spread.

use swc_core::{common::DUMMY_SP, ecma::ast::*};

use super::{add, attr_name, str_expr, StyledJsx};

impl StyledJsx {
    /// Elements but `<style>`, ours (`<_JSXStyle>`) and components: a capitalised name is a component unless the
    /// nearest function declares it (`({ as: Tag }) => <Tag>`); `<a.b>` never is classed.
    fn is_classed(&self, name: &JSXElementName) -> bool {
        let JSXElementName::Ident(id) = name else {
            return false;
        };
        &*id.sym != "style"
            && id.to_id() != self.style_ident.to_id()
            && (!id.sym.starts_with(char::is_uppercase)
                || self.function_bindings.contains(&id.to_id()))
    }

    /// Merges the scope class into the element's `className`, as styled-jsx does.
    pub(super) fn add_class(&self, opening: &mut JSXOpeningElement, class: &Expr) {
        if !self.is_classed(&opening.name) {
            return;
        }
        let class = Box::new(class.clone());
        let last_spread = opening
            .attrs
            .iter()
            .rposition(|a| matches!(a, JSXAttrOrSpread::SpreadElement(_)));
        let existing = opening
            .attrs
            .iter()
            .rposition(|a| attr_name(a) == Some("className"));
        let merged = match existing {
            Some(i) if last_spread.is_none_or(|s| i > s) => {
                let JSXAttrOrSpread::JSXAttr(attr) = &mut opening.attrs[i] else {
                    unreachable!()
                };
                let value = match attr.value.take() {
                    Some(JSXAttrValue::Str(s)) => {
                        add(add(class, str_expr(" ")), Box::new(Expr::Lit(Lit::Str(s))))
                    }
                    Some(JSXAttrValue::JSXExprContainer(JSXExprContainer {
                        expr: JSXExpr::Expr(e),
                        ..
                    })) => match *e {
                        Expr::Lit(Lit::Str(_)) | Expr::Tpl(_) => add(add(class, str_expr(" ")), e),
                        other => add(
                            add(class, str_expr(" ")),
                            Box::new(Expr::Paren(ParenExpr {
                                span: DUMMY_SP,
                                expr: Box::new(Expr::Bin(BinExpr {
                                    span: DUMMY_SP,
                                    op: BinaryOp::LogicalOr,
                                    left: Box::new(other),
                                    right: str_expr(""),
                                })),
                            })),
                        ),
                    },
                    _ => class,
                };
                attr.value = Some(JSXAttrValue::JSXExprContainer(JSXExprContainer {
                    span: DUMMY_SP,
                    expr: JSXExpr::Expr(value),
                }));
                return;
            }
            _ => match last_spread.map(|s| &opening.attrs[s]) {
                // `{...props}`: keep the spread's className, as styled-jsx does.
                Some(JSXAttrOrSpread::SpreadElement(SpreadElement { expr, .. }))
                    if matches!(&**expr, Expr::Ident(_) | Expr::Member(_)) =>
                {
                    let class_name = || {
                        Box::new(Expr::Member(MemberExpr {
                            span: DUMMY_SP,
                            obj: expr.clone(),
                            prop: MemberProp::Ident(IdentName::new("className".into(), DUMMY_SP)),
                        }))
                    };
                    let and = |l: Box<Expr>, r: Box<Expr>| {
                        Box::new(Expr::Bin(BinExpr {
                            span: DUMMY_SP,
                            op: BinaryOp::LogicalAnd,
                            left: l,
                            right: r,
                        }))
                    };
                    let not_null = Box::new(Expr::Bin(BinExpr {
                        span: DUMMY_SP,
                        op: BinaryOp::NotEq,
                        left: class_name(),
                        right: Box::new(Expr::Lit(Lit::Null(Null { span: DUMMY_SP }))),
                    }));
                    let guarded = Box::new(Expr::Bin(BinExpr {
                        span: DUMMY_SP,
                        op: BinaryOp::LogicalOr,
                        left: and(and(expr.clone(), not_null), class_name()),
                        right: str_expr(""),
                    }));
                    add(
                        add(class, str_expr(" ")),
                        Box::new(Expr::Paren(ParenExpr {
                            span: DUMMY_SP,
                            expr: guarded,
                        })),
                    )
                }
                _ => class,
            },
        };
        if let Some(i) = existing {
            opening.attrs.remove(i);
        }
        opening.attrs.push(JSXAttrOrSpread::JSXAttr(JSXAttr {
            span: DUMMY_SP,
            name: JSXAttrName::Ident(IdentName::new("className".into(), DUMMY_SP)),
            value: Some(JSXAttrValue::JSXExprContainer(JSXExprContainer {
                span: DUMMY_SP,
                expr: JSXExpr::Expr(merged),
            })),
        }));
    }
}
