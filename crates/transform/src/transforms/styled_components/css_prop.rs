//! The `css` prop: `<p css="color: red">` becomes `<_StyledP>`, a component of its own
//! declared at the end of the module (or right after the component it styles), as
//! babel-plugin-styled-components and Next.js make it. Interpolations that name locals are
//! passed in as `$_css` props.

use swc_core::{
    common::{Mark, SyntaxContext, DUMMY_SP},
    ecma::{
        ast::*,
        visit::{Visit, VisitWith},
    },
};

use super::{escape_template, Export, StyledComponents};
use crate::transforms::emotion::{label, minify::cooked};

impl StyledComponents {
    /// Takes the `css` prop off `element`, which becomes a new component: that component's
    /// name and `styled(…)(…)` expression.
    pub(super) fn css_prop(
        &mut self,
        element: &mut JSXElement,
    ) -> Option<(Ident, Expr, Option<Id>)> {
        let at = element.opening.attrs.iter().position(|a| {
            matches!(a, JSXAttrOrSpread::JSXAttr(JSXAttr { name: JSXAttrName::Ident(n), .. }) if &*n.sym == "css")
        })?;
        let JSXAttrOrSpread::JSXAttr(attr) = &element.opening.attrs[at] else {
            return None;
        };
        // The styles, as a template (strings and interpolations) or an object.
        let (quasis, exprs, object): (Vec<String>, Vec<Box<Expr>>, Option<Box<Expr>>) =
            match &attr.value {
                Some(JSXAttrValue::Str(s)) => {
                    (vec![s.value.to_string_lossy().into_owned()], vec![], None)
                }
                Some(JSXAttrValue::JSXExprContainer(JSXExprContainer {
                    expr: JSXExpr::Expr(e),
                    ..
                })) => match &**e {
                    Expr::Tpl(tpl) => (cooked(&tpl.quasis), tpl.exprs.clone(), None),
                    Expr::TaggedTpl(t) if self.export(&t.tag) == Some(Export::Helper) => {
                        (cooked(&t.tpl.quasis), t.tpl.exprs.clone(), None)
                    }
                    Expr::Lit(Lit::Str(s)) => {
                        (vec![s.value.to_string_lossy().into_owned()], vec![], None)
                    }
                    Expr::Object(_) => (vec![], vec![], Some(e.clone())),
                    _ => return None,
                },
                _ => return None,
            };
        element.opening.attrs.remove(at);

        // Interpolations that name locals come in as props.
        let mut props = 0;
        let mut local_prop = |expr: Box<Expr>,
                              attrs: &mut Vec<JSXAttrOrSpread>,
                              module_level: (Mark, Mark)|
         -> Box<Expr> {
            if !names_a_local(&expr, module_level) {
                return expr;
            }
            props += 1;
            let name = match props {
                1 => "$_css".to_string(),
                n => format!("$_css{n}"),
            };
            attrs.push(JSXAttrOrSpread::JSXAttr(JSXAttr {
                span: DUMMY_SP,
                name: JSXAttrName::Ident(IdentName::new(name.as_str().into(), DUMMY_SP)),
                value: Some(JSXAttrValue::JSXExprContainer(JSXExprContainer {
                    span: DUMMY_SP,
                    expr: JSXExpr::Expr(expr),
                })),
            }));
            let p = private_ident("p");
            Box::new(Expr::Arrow(ArrowExpr {
                params: vec![Pat::Ident(p.clone().into())],
                body: Box::new(ArrowFunctionBody::Expr(Box::new(Expr::Member(
                    MemberExpr {
                        span: DUMMY_SP,
                        obj: Box::new(Expr::Ident(p)),
                        prop: MemberProp::Ident(IdentName::new(name.into(), DUMMY_SP)),
                    },
                )))),
                ..Default::default()
            }))
        };
        let module_level = self.module_level;
        let mut object = object;
        if let Some(Expr::Object(o)) = object.as_deref_mut() {
            for p in &mut o.props {
                if let PropOrSpread::Prop(p) = p {
                    if let Prop::KeyValue(kv) = &mut **p {
                        let value = std::mem::replace(
                            &mut kv.value,
                            Box::new(Expr::Invalid(Invalid { span: DUMMY_SP })),
                        );
                        kv.value = local_prop(value, &mut element.opening.attrs, module_level);
                    }
                }
            }
        }
        let exprs: Vec<Box<Expr>> = exprs
            .into_iter()
            .map(|e| local_prop(e, &mut element.opening.attrs, module_level))
            .collect();

        // The element's name: `_StyledP` for `<p>`, `_StyledButton` for `<Button>`.
        let (target, base_name, component) = match &element.opening.name {
            JSXElementName::Ident(id) if id.sym.starts_with(|c: char| c.is_ascii_lowercase()) => (
                Expr::Lit(Lit::Str(id.sym.as_str().into())),
                id.sym.to_string(),
                None,
            ),
            JSXElementName::Ident(id) => (
                Expr::Ident(id.clone()),
                id.sym.to_string(),
                Some(id.to_id()),
            ),
            _ => return None,
        };
        let mut name = format!(
            "_Styled{}{}",
            base_name[..1].to_uppercase(),
            &base_name[1..]
        );
        let count = self.uids.entry(name.clone()).or_insert(0);
        *count += 1;
        if *count > 1 {
            name = format!("{name}{count}");
        }
        let ident = private_ident(&name);
        element.opening.name = JSXElementName::Ident(ident.clone());
        if let Some(closing) = &mut element.closing {
            closing.name = JSXElementName::Ident(ident.clone());
        }
        let styled = self
            .styled
            .get_or_insert_with(|| private_ident("_styled"))
            .clone();
        let base = Box::new(Expr::Call(CallExpr {
            span: DUMMY_SP,
            callee: Callee::Expr(Box::new(Expr::Ident(styled))),
            args: vec![ExprOrSpread {
                spread: None,
                expr: Box::new(target),
            }],
            ..Default::default()
        }));
        let init = match object {
            Some(object) => Expr::Call(CallExpr {
                span: DUMMY_SP,
                callee: Callee::Expr(base),
                args: vec![ExprOrSpread {
                    spread: None,
                    expr: object,
                }],
                ..Default::default()
            }),
            None => {
                let mut tagged = TaggedTpl {
                    span: DUMMY_SP,
                    tag: base,
                    tpl: Box::new(Tpl {
                        span: DUMMY_SP,
                        exprs,
                        quasis: quasis
                            .iter()
                            .map(|q| TplElement {
                                span: DUMMY_SP,
                                tail: false,
                                cooked: Some(q.as_str().into()),
                                raw: escape_template(q).into(),
                            })
                            .collect(),
                    }),
                    ..Default::default()
                };
                self.template(&mut tagged)
                    .unwrap_or(Expr::TaggedTpl(tagged))
            }
        };
        Some((ident, init, component))
    }

    /// Appends `var _StyledX = styled(…)(…)` for each `css` prop (configured as any other
    /// component, after them), and imports `styled` if the file did not.
    pub(super) fn declare_css_prop_components(&mut self, module: &mut Module) {
        let made = std::mem::take(&mut self.css_prop_components);
        if made.is_empty() {
            return;
        }
        // Where each goes: after its component's declaration, else at the end, in order.
        let mut placed: Vec<(usize, ModuleItem)> = vec![];
        for (ident, mut init, component) in made {
            let base = match &mut init {
                Expr::Call(CallExpr {
                    callee: Callee::Expr(callee),
                    ..
                }) => callee,
                Expr::TaggedTpl(tagged) => &mut tagged.tag,
                _ => unreachable!("css_prop makes calls and tagged templates"),
            };
            self.labels.push(label::Frame::Named(ident.sym.to_string()));
            self.configure(base, None);
            self.labels.pop();
            let decl = ModuleItem::Stmt(Stmt::Decl(Decl::Var(Box::new(VarDecl {
                kind: VarDeclKind::Var,
                decls: vec![VarDeclarator {
                    span: DUMMY_SP,
                    name: Pat::Ident(ident.into()),
                    init: Some(Box::new(init)),
                    definite: false,
                }],
                ..Default::default()
            }))));
            let at = component
                .and_then(|id| module.body.iter().position(|item| declares(item, &id)))
                .map_or(module.body.len(), |i| i + 1);
            placed.push((at, decl));
        }
        // From the last place to the first, so that earlier places stay where they are.
        placed.sort_by_key(|(at, _)| *at);
        for (at, decl) in placed.into_iter().rev() {
            module.body.insert(at, decl);
        }
        let styled = self.styled.clone().expect("set by the css prop");
        if !self.imports.contains_key(&styled.to_id()) {
            module.body.insert(
                0,
                ModuleItem::ModuleDecl(ModuleDecl::Import(ImportDecl {
                    span: DUMMY_SP,
                    specifiers: vec![ImportSpecifier::Default(ImportDefaultSpecifier {
                        span: DUMMY_SP,
                        local: styled,
                    })],
                    src: Box::new("styled-components".into()),
                    type_only: false,
                    with: None,
                    phase: Default::default(),
                })),
            );
        }
    }
}

/// Whether this module item declares `id` (a variable, function, class or import).
fn declares(item: &ModuleItem, id: &Id) -> bool {
    let decl = match item {
        ModuleItem::Stmt(Stmt::Decl(d)) => d,
        ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(e)) => &e.decl,
        ModuleItem::ModuleDecl(ModuleDecl::Import(i)) => {
            return i.specifiers.iter().any(|s| match s {
                ImportSpecifier::Named(n) => n.local.to_id() == *id,
                ImportSpecifier::Default(d) => d.local.to_id() == *id,
                ImportSpecifier::Namespace(n) => n.local.to_id() == *id,
            })
        }
        _ => return false,
    };
    match decl {
        Decl::Var(v) => v
            .decls
            .iter()
            .any(|d| matches!(&d.name, Pat::Ident(b) if b.to_id() == *id)),
        Decl::Fn(f) => f.ident.to_id() == *id,
        Decl::Class(c) => c.ident.to_id() == *id,
        _ => false,
    }
}

/// A name of this pass's own, which hygiene keeps apart from the file's.
fn private_ident(name: &str) -> Ident {
    Ident::new(
        name.into(),
        DUMMY_SP,
        SyntaxContext::empty().apply_mark(Mark::new()),
    )
}

/// Whether `expr` names a binding that is neither module-level nor global.
fn names_a_local(expr: &Expr, (unresolved, top_level): (Mark, Mark)) -> bool {
    struct Finder {
        marks: (Mark, Mark),
        found: bool,
    }
    impl Visit for Finder {
        fn visit_ident(&mut self, id: &Ident) {
            let outer = id.ctxt.outer();
            if outer != self.marks.0 && outer != self.marks.1 {
                self.found = true;
            }
        }
        // Names bound inside the interpolation itself (`(p) => p.x`) are its own.
        fn visit_arrow_expr(&mut self, _: &ArrowExpr) {}
        fn visit_function(&mut self, _: &Function) {}
        fn visit_member_prop(&mut self, prop: &MemberProp) {
            if let MemberProp::Computed(c) = prop {
                c.visit_with(self);
            }
        }
    }
    let mut finder = Finder {
        marks: (unresolved, top_level),
        found: false,
    };
    expr.visit_with(&mut finder);
    finder.found
}
