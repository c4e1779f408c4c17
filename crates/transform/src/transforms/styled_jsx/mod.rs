//! styled-jsx: `<style jsx>` scoped CSS, compiled for the `styled-jsx` 5 runtime.
//!
//! ```jsx
//! <div className="card"><p>hi</p><style jsx>{`p { color: red }`}</style></div>
//! // →
//! import _JSXStyle from "styled-jsx/style";
//! <div className={"jsx-<h>" + " " + "card"}><p className="jsx-<h>">hi</p>
//!   <_JSXStyle id="<h>">{"p.jsx-<h>{color:red}"}</_JSXStyle></div>
//! ```
//!
//! The element whose children hold `<style jsx>` is the scope: it and every element beneath
//! it get the class, but `<style>` elements and components (a capitalised name, unless
//! the nearest function declares it: `({ as: Tag }) => <Tag>` is classed), as Next.js does. Static styles share one
//! class, `jsx-` + the hash of their hashes; a style whose interpolations are not compile-
//! time constants is dynamic: its CSS uses `__jsx-style-dynamic-selector`, its values go to
//! `dynamic`, and elements get `_JSXStyle.dynamic([[id, values]])` from the runtime.
//! Literals and module-level `const` literals are inlined. `global` styles are not scoped;
//! `:global(...)` escapes one selector (and is unwrapped in global styles too); keyframes
//! keep their names. CSS goes through lightningcss (see `css.rs`).

mod class_name;
mod css;
mod css_tags;
mod elements;
pub(crate) mod hash;
mod scope;

use lightningcss::targets::Targets;
use rustc_hash::{FxHashMap, FxHashSet};
use swc_core::{
    common::{errors::HANDLER, BytePos, Mark, Span, Spanned, DUMMY_SP},
    ecma::{
        ast::*,
        utils::{collect_decls, private_ident},
        visit::{noop_visit_mut_type, VisitMut, VisitMutWith},
    },
};

pub use css::{browsers, targets};
use elements::restore_placeholders;

use crate::diagnostics::messages;

const DYNAMIC_SELECTOR: &str = "__jsx-style-dynamic-selector";
/// Stands for the interpolation `N` in CSS text as `__styled_jsx_placeholder_N__`.
const PLACEHOLDER: &str = "__styled_jsx_placeholder_";
/// Marks a `<style jsx>{styles}</style>` whose CSS was compiled elsewhere (`styled-jsx/css`).
const EXTERNAL: &str = "\u{0}external";

pub fn styled_jsx(targets: Targets, unresolved_mark: Mark, jsx_allowed: bool) -> impl Pass {
    StyledJsx {
        targets,
        unresolved_mark,
        jsx_allowed,
        style_ident: private_ident!("_JSXStyle"),
        used: false,
        constants: Default::default(),
        scopes: vec![],
        css_tags: Default::default(),
        function_bindings: Default::default(),
    }
}

/// What a tag imported from `styled-jsx/css` does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CssTag {
    Scoped,
    Global,
    Resolve,
}

struct StyledJsx {
    targets: Targets,
    unresolved_mark: Mark,
    /// The file may hold JSX: `css.resolve` makes a `<_JSXStyle>` element.
    jsx_allowed: bool,
    /// Local bindings imported from `styled-jsx/css`: the default (`css`) and `global`/`resolve`.
    css_tags: FxHashMap<Id, CssTag>,
    style_ident: Ident,
    used: bool,
    /// Module-level `const`s with a literal value, inlined into CSS.
    constants: FxHashMap<Id, String>,
    /// Class expressions of the scopes we are inside, innermost last.
    scopes: Vec<Box<Expr>>,
    /// What the nearest enclosing function declares (its parameters included): a
    /// capitalised element name bound there is a dynamic tag, and classed.
    function_bindings: FxHashSet<Id>,
}

struct Style {
    id: String,
    css: Box<Expr>,
    dynamic: Vec<Box<Expr>>,
}

fn report(span: Span, message: String) {
    HANDLER.with(|h| h.struct_span_err(span, &message).emit());
}

fn str_expr(s: impl Into<String>) -> Box<Expr> {
    Box::new(Expr::Lit(Lit::Str(Str {
        span: DUMMY_SP,
        value: s.into().into(),
        raw: None,
    })))
}

fn add(left: Box<Expr>, right: Box<Expr>) -> Box<Expr> {
    Box::new(Expr::Bin(BinExpr {
        span: DUMMY_SP,
        op: BinaryOp::Add,
        left,
        right,
    }))
}

fn attr_name(attr: &JSXAttrOrSpread) -> Option<&str> {
    match attr {
        JSXAttrOrSpread::JSXAttr(JSXAttr {
            name: JSXAttrName::Ident(n),
            ..
        }) => Some(&n.sym),
        _ => None,
    }
}

/// `<style jsx>`; `Some(true)` for `<style jsx global>`.
fn style_jsx(el: &JSXElement) -> Option<bool> {
    let JSXElementName::Ident(name) = &el.opening.name else {
        return None;
    };
    if &*name.sym != "style" || !el.opening.attrs.iter().any(|a| attr_name(a) == Some("jsx")) {
        return None;
    }
    Some(
        el.opening
            .attrs
            .iter()
            .any(|a| attr_name(a) == Some("global")),
    )
}

fn literal_text(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Lit(Lit::Str(s)) => Some(s.value.to_atom_lossy().to_string()),
        Expr::Lit(Lit::Num(n)) => Some(n.value.to_string()),
        Expr::Tpl(t) if t.exprs.is_empty() => t.quasis.first().map(|q| q.raw.to_string()),
        _ => None,
    }
}

impl StyledJsx {
    fn collect_constants(&mut self, items: &[ModuleItem]) {
        for item in items {
            let decl = match item {
                ModuleItem::Stmt(Stmt::Decl(Decl::Var(v))) => v,
                ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(ExportDecl {
                    decl: Decl::Var(v),
                    ..
                })) => v,
                _ => continue,
            };
            if decl.kind != VarDeclKind::Const {
                continue;
            }
            for d in &decl.decls {
                if let (Pat::Ident(name), Some(init)) = (&d.name, &d.init) {
                    if let Some(text) = literal_text(init) {
                        self.constants.insert(name.id.to_id(), text);
                    }
                }
            }
        }
    }

    fn constant(&self, expr: &Expr) -> Option<String> {
        match expr {
            Expr::Ident(i) => self.constants.get(&i.to_id()).cloned(),
            Expr::Paren(p) => self.constant(&p.expr),
            other => literal_text(other),
        }
    }

    /// The CSS source of a `<style jsx>` (interpolations as placeholders) and the dynamic values.
    fn source_of(&self, el: &JSXElement) -> Option<(String, Vec<Box<Expr>>, Vec<(Span, usize)>)> {
        let children: Vec<&JSXElementChild> = el
            .children
            .iter()
            .filter(|c| !matches!(c, JSXElementChild::JSXText(t) if t.raw.trim().is_empty()))
            .collect();
        let child = match children.as_slice() {
            [one] => *one,
            [] => return Some((String::new(), vec![], vec![])),
            [_, second, ..] => {
                report(second.span(), messages::styled_jsx_one_child());
                return None;
            }
        };
        let expr = match child {
            JSXElementChild::JSXExprContainer(JSXExprContainer {
                expr: JSXExpr::Expr(e),
                ..
            }) => &**e,
            JSXElementChild::JSXElement(nested) => {
                report(nested.span, messages::styled_jsx_nested());
                return None;
            }
            other => {
                report(other.span(), messages::styled_jsx_bad_child());
                return None;
            }
        };
        match expr {
            Expr::Lit(Lit::Str(s)) => Some((
                s.value.to_atom_lossy().to_string(),
                vec![],
                vec![(s.span, 1)],
            )),
            Expr::Tpl(tpl) => {
                let mut css = String::new();
                let mut dynamic = vec![];
                // (span of each quasi, where its text starts in `css`) to locate CSS errors.
                let mut quasis = vec![];
                for (i, quasi) in tpl.quasis.iter().enumerate() {
                    quasis.push((quasi.span, css.len()));
                    css.push_str(&quasi.raw);
                    if let Some(e) = tpl.exprs.get(i) {
                        match self.constant(e) {
                            Some(text) => css.push_str(&text),
                            None => {
                                css.push_str(&format!("{PLACEHOLDER}{}__", dynamic.len()));
                                dynamic.push(e.clone());
                            }
                        }
                    }
                }
                Some((css, dynamic, quasis))
            }
            Expr::Ident(_) | Expr::Member(_) => {
                Some((EXTERNAL.to_string(), vec![Box::new(expr.clone())], vec![]))
            }
            other => {
                report(other.span(), messages::styled_jsx_bad_child());
                None
            }
        }
    }

    /// Compiles the `<style jsx>` children of a scope; returns the scope's class expression.
    fn compile_scope(&mut self, children: &mut [JSXElementChild]) -> Option<Box<Expr>> {
        struct Found {
            index: usize,
            global: bool,
            css: String,
            dynamic: Vec<Box<Expr>>,
            quasis: Vec<(Span, usize)>,
            id: String,
        }
        let mut found = vec![];
        let mut externals = vec![];
        for (index, child) in children.iter().enumerate() {
            let JSXElementChild::JSXElement(el) = child else {
                continue;
            };
            let Some(global) = style_jsx(el) else {
                continue;
            };
            let (css, dynamic, quasis) = self.source_of(el)?;
            if css == EXTERNAL {
                externals.push((
                    index,
                    dynamic.into_iter().next().expect("the styles expression"),
                ));
                continue;
            }
            let id = hash::hash(&css);
            found.push(Found {
                index,
                global,
                css,
                dynamic,
                quasis,
                id,
            });
        }
        if found.is_empty() && externals.is_empty() {
            return None;
        }
        self.used = true;
        // `styles.__hash`, for each external style.
        let hash_of = |e: &Box<Expr>| {
            Box::new(Expr::Member(MemberExpr {
                span: DUMMY_SP,
                obj: e.clone(),
                prop: MemberProp::Ident(IdentName::new("__hash".into(), DUMMY_SP)),
            }))
        };
        for (index, styles) in &externals {
            let el = self.style_element_with(hash_of(styles), vec![], styles.clone());
            children[*index] = JSXElementChild::JSXElement(Box::new(el));
        }
        let statics: Vec<&str> = found
            .iter()
            .filter(|f| f.dynamic.is_empty())
            .map(|f| f.id.as_str())
            .collect();
        let static_class = match statics.as_slice() {
            [] => None,
            [one] => Some(format!("jsx-{one}")),
            many => Some(format!("jsx-{}", hash::hash(&many.concat()))),
        };

        let mut styles = vec![];
        for f in &found {
            let class = match (f.global, f.dynamic.is_empty()) {
                (true, _) => None,
                (false, true) => static_class.clone(),
                (false, false) => Some(DYNAMIC_SELECTOR.to_string()),
            };
            let compiled = match css::process(&f.css, class.as_deref(), self.targets) {
                Ok(c) => c,
                Err(e) => {
                    // Point at the template text the error falls in.
                    let (span, start) = f
                        .quasis
                        .iter()
                        .rev()
                        .find(|(_, start)| *start <= e.offset)
                        .copied()
                        .unwrap_or((DUMMY_SP, 0));
                    let pos = if span.is_dummy() {
                        span
                    } else {
                        span.with_lo(span.lo + BytePos((e.offset - start) as u32))
                    };
                    report(pos, messages::styled_jsx_invalid_css(&e.message));
                    return None;
                }
            };
            styles.push(Style {
                id: f.id.clone(),
                css: restore_placeholders(&compiled, &f.dynamic),
                dynamic: f.dynamic.clone(),
            });
        }

        for (f, style) in found.iter().zip(styles.iter()) {
            children[f.index] = JSXElementChild::JSXElement(Box::new(self.style_element(style)));
        }

        let dynamic: Vec<&Style> = styles.iter().filter(|s| !s.dynamic.is_empty()).collect();
        let dynamic_call = (!dynamic.is_empty()).then(|| self.dynamic_call(&dynamic));
        let own = match (static_class, dynamic_call) {
            (Some(s), None) => Some(str_expr(s)),
            (None, Some(call)) => Some(call),
            (Some(s), Some(call)) => Some(add(str_expr(format!("{s} ")), call)),
            (None, None) => None,
        };
        if externals.is_empty() {
            return own;
        }
        // `jsx-${b.__hash} jsx-${a.__hash}`, latest first, as Next.js writes it.
        let mut quasis = vec![];
        let mut exprs = vec![];
        for (i, (_, styles)) in externals.iter().rev().enumerate() {
            quasis.push(if i == 0 { "jsx-" } else { " jsx-" });
            exprs.push(hash_of(styles));
        }
        quasis.push("");
        let tpl = Box::new(Expr::Tpl(Tpl {
            span: DUMMY_SP,
            exprs,
            quasis: quasis
                .iter()
                .enumerate()
                .map(|(i, q)| TplElement {
                    span: DUMMY_SP,
                    tail: i + 1 == quasis.len(),
                    cooked: Some((*q).into()),
                    raw: (*q).into(),
                })
                .collect(),
        }));
        Some(match own {
            None => tpl,
            Some(own) => add(add(tpl, str_expr(" ")), own),
        })
    }
}

impl Pass for StyledJsx {
    fn process(&mut self, program: &mut Program) {
        if let Program::Module(m) = program {
            self.take_css_imports(&mut m.body);
            let items = m.body.clone();
            self.collect_constants(&items);
        }
        program.visit_mut_with(self);
        if self.used {
            let import = ModuleItem::ModuleDecl(ModuleDecl::Import(ImportDecl {
                span: DUMMY_SP,
                specifiers: vec![ImportSpecifier::Default(ImportDefaultSpecifier {
                    span: DUMMY_SP,
                    local: self.style_ident.clone(),
                })],
                src: Box::new(Str {
                    span: DUMMY_SP,
                    value: "styled-jsx/style".into(),
                    raw: None,
                }),
                type_only: false,
                with: None,
                phase: Default::default(),
            }));
            match program {
                Program::Module(m) => m.body.insert(0, import),
                Program::Script(s) => {
                    // A script with JSX but no import/export becomes a module with this import.
                    let body = std::mem::take(&mut s.body)
                        .into_iter()
                        .map(ModuleItem::Stmt);
                    *program = Program::Module(Module {
                        span: s.span,
                        body: std::iter::once(import).chain(body).collect(),
                        shebang: s.shebang.take(),
                    });
                }
            }
        }
    }
}

impl VisitMut for StyledJsx {
    noop_visit_mut_type!();

    fn visit_mut_expr(&mut self, expr: &mut Expr) {
        expr.visit_mut_children_with(self);
        let Expr::TaggedTpl(tagged) = expr else {
            return;
        };
        match self.css_tag(&tagged.tag) {
            Some(kind) => {
                if let Some(compiled) = self.compile_css_tag(tagged, kind) {
                    *expr = compiled;
                }
            }
            None => {
                // A `css` tag bound to nothing: the import was forgotten.
                if let Expr::Ident(i) = &*tagged.tag {
                    if &*i.sym == "css" && i.ctxt.outer() == self.unresolved_mark {
                        report(i.span, messages::styled_jsx_css_not_imported());
                    }
                }
            }
        }
    }

    fn visit_mut_jsx_element(&mut self, el: &mut JSXElement) {
        if let Some(class) = self.compile_scope(&mut el.children) {
            self.add_class(&mut el.opening, &class);
            self.scopes.push(class);
            el.children.visit_mut_with(self);
            self.scopes.pop();
            return;
        }
        if let Some(class) = self.scopes.last().cloned() {
            self.add_class(&mut el.opening, &class);
        }
        el.visit_mut_children_with(self);
    }

    fn visit_mut_function(&mut self, f: &mut Function) {
        let outer = std::mem::replace(&mut self.function_bindings, collect_decls(&*f));
        f.visit_mut_children_with(self);
        self.function_bindings = outer;
    }

    fn visit_mut_arrow_expr(&mut self, f: &mut ArrowExpr) {
        let outer = std::mem::replace(&mut self.function_bindings, collect_decls(&*f));
        f.visit_mut_children_with(self);
        self.function_bindings = outer;
    }

    fn visit_mut_jsx_fragment(&mut self, frag: &mut JSXFragment) {
        if let Some(class) = self.compile_scope(&mut frag.children) {
            self.scopes.push(class);
            frag.children.visit_mut_with(self);
            self.scopes.pop();
            return;
        }
        frag.visit_mut_children_with(self);
    }
}
