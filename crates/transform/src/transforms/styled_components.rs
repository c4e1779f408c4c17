//! `styledComponents`: Next.js's `compiler.styledComponents`, after
//! babel-plugin-styled-components.
//!
//! ```js
//! import styled, { css } from 'styled-components';
//! const Button = styled.button`
//!   color: ${(p) => p.color};
//! `;
//! // becomes
//! const Button = styled.button.withConfig({ displayName: "Button", componentId: "sc-1a2b3c4d-0" })([
//!   "color:", ";"
//! ], (p) => p.color);
//! ```
//!
//! - `withConfig({ displayName, componentId })` on `styled.x`, `styled(X)` and their
//!   `.attrs(…)` chains: the display name after where the component is declared (prefixed
//!   with the file's name with `fileName`), the id `sc-<hash of the file name>-<position>`
//!   (with `namespace__` before it). A component that has `withConfig` already is left.
//! - Templates of styled components, `css`, `keyframes`, `createGlobalStyle` and
//!   `injectGlobal` are minified (comments and white space, interpolations in place) and,
//!   with `transpileTemplateLiterals`, become calls with an array of strings.
//! - `pure` marks those calls `/*#__PURE__*/` (not `injectGlobal`, called for its effect).
//! - Only imports from `styled-components` (or `topLevelImportPaths`) are touched, by
//!   binding: a local `styled` is left alone.

use rustc_hash::FxHashMap;
use swc_core::{
    atoms::Atom,
    common::{
        comments::{Comments, SingleThreadedComments},
        Mark, Span, SyntaxContext, DUMMY_SP,
    },
    ecma::{
        ast::*,
        visit::{visit_mut_pass, Visit, VisitMut, VisitMutWith, VisitWith},
    },
};

use super::{
    emotion::{
        label::{self, Labels},
        minify::{cooked, minify, Part},
    },
    styled_jsx::hash::hash,
};
use crate::{options::StyledComponentsOptions, transforms::imported_names};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Export {
    Styled,
    /// `css`, `keyframes`, `createGlobalStyle`: templates only.
    Helper,
    InjectGlobal,
}

/// The options with Next.js's defaults applied (`displayName` follows `development`).
#[derive(Debug, Clone)]
pub struct Config {
    options: StyledComponentsOptions,
    display_name: bool,
}

impl Config {
    pub fn has_import_paths(&self) -> bool {
        !self.options.top_level_import_paths.is_empty()
    }

    pub fn new(options: StyledComponentsOptions, development: bool) -> Self {
        Self {
            display_name: options.display_name.unwrap_or(development),
            options,
        }
    }
}

pub fn styled_components(
    config: Config,
    filename: &str,
    comments: SingleThreadedComments,
    marks: (Mark, Mark),
) -> impl Pass {
    let path = std::path::Path::new(filename);
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let block_name = if config.options.meaningless_file_names.contains(&stem) {
        path.parent()
            .and_then(|d| d.file_name())
            .map(|d| d.to_string_lossy().into_owned())
            .unwrap_or(stem)
    } else {
        stem
    };
    visit_mut_pass(StyledComponents {
        file_hash: hash(&filename.replace('\\', "/"))[..8].to_string(),
        labels: Labels::new("[local]", filename),
        block_name,
        config,
        comments,
        imports: FxHashMap::default(),
        components: 0,
        module_level: marks,
        styled: None,
        css_prop_components: vec![],
        uids: FxHashMap::default(),
    })
}

struct StyledComponents {
    config: Config,
    file_hash: String,
    /// The file's name for display names (its directory's for an `index` file).
    block_name: String,
    labels: Labels,
    comments: SingleThreadedComments,
    imports: FxHashMap<Id, Export>,
    components: usize,
    /// The unresolved and top-level marks: a name with either is not a local.
    module_level: (Mark, Mark),
    /// The file's `styled`, for the `css` prop's components (imported if the file has none).
    styled: Option<Ident>,
    /// Components made for `css` props, declared at the end of the module.
    css_prop_components: Vec<(Ident, Expr, Option<Id>)>,
    /// How many `_Styled<Name>` there are of each name.
    uids: FxHashMap<String, usize>,
}

impl VisitMut for StyledComponents {
    fn visit_mut_module(&mut self, module: &mut Module) {
        for item in &module.body {
            let ModuleItem::ModuleDecl(ModuleDecl::Import(import)) = item else {
                continue;
            };
            let source = import.src.value.to_string_lossy();
            let ours = source == "styled-components"
                || self
                    .config
                    .options
                    .top_level_import_paths
                    .iter()
                    .any(|p| *p == source);
            if !ours || import.type_only {
                continue;
            }
            for (local, name) in imported_names(import) {
                let export = match name.as_str() {
                    "styled" | "default" => {
                        self.styled.get_or_insert_with(|| local.clone());
                        Export::Styled
                    }
                    "css" | "keyframes" | "createGlobalStyle" => Export::Helper,
                    "injectGlobal" => Export::InjectGlobal,
                    _ => continue,
                };
                self.imports.insert(local.to_id(), export);
            }
        }
        if self.imports.is_empty() {
            return;
        }
        module.visit_mut_children_with(self);
        self.declare_css_prop_components(module);
    }

    fn visit_mut_script(&mut self, _: &mut Script) {}

    /// `<p css="color: red">` → `<_StyledP>`, and `var _StyledP = styled("p")(…)` at the end
    /// of the module; interpolations that name locals are passed as `$_css` props.
    fn visit_mut_jsx_element(&mut self, element: &mut JSXElement) {
        let made = if self.config.options.css_prop {
            self.css_prop(element)
        } else {
            None
        };
        element.visit_mut_children_with(self);
        if let Some(made) = made {
            self.css_prop_components.push(made);
        }
    }

    fn visit_mut_expr(&mut self, expr: &mut Expr) {
        let direct_key = self.labels.take_direct_key();
        expr.visit_mut_children_with(self);
        match expr {
            Expr::TaggedTpl(tagged) => {
                let export = match self.export(&tagged.tag) {
                    Some(export @ (Export::Helper | Export::InjectGlobal)) => export,
                    Some(Export::Styled) => return,
                    None if self.is_styled_base(&tagged.tag) => {
                        self.configure(&mut tagged.tag, direct_key);
                        Export::Styled
                    }
                    None => return,
                };
                let span = tagged.span;
                if let Some(call) = self.template(tagged) {
                    *expr = call;
                }
                self.mark_pure(export, span);
            }
            Expr::Call(call) => {
                let Callee::Expr(callee) = &mut call.callee else {
                    return;
                };
                if self.export(callee).is_none() && self.is_styled_base(callee) {
                    self.configure(callee, direct_key);
                    self.mark_pure(Export::Styled, call.span);
                }
            }
            _ => {}
        }
    }

    label::visit_names!();
}

impl StyledComponents {
    fn export(&self, expr: &Expr) -> Option<Export> {
        match expr {
            Expr::Ident(id) => self.imports.get(&id.to_id()).copied(),
            _ => None,
        }
    }

    /// `styled.x`, `styled(X)`, and either with `.attrs(…)` after it: what is called with the
    /// styles to make a component. (`….withConfig(…)` is one too, configured already.)
    fn is_styled_base(&self, expr: &Expr) -> bool {
        match expr {
            Expr::Member(MemberExpr {
                obj,
                prop: MemberProp::Ident(_),
                ..
            }) => self.export(obj) == Some(Export::Styled),
            Expr::Call(CallExpr {
                callee: Callee::Expr(callee),
                ..
            }) => match &**callee {
                Expr::Ident(_) => self.export(callee) == Some(Export::Styled),
                Expr::Member(MemberExpr {
                    obj,
                    prop: MemberProp::Ident(name),
                    ..
                }) if matches!(&*name.sym, "attrs" | "withConfig") => self.is_styled_base(obj),
                _ => false,
            },
            _ => false,
        }
    }

    /// Whether `base` has `.withConfig(…)` somewhere in its chain.
    fn has_config(base: &Expr) -> bool {
        match base {
            Expr::Call(CallExpr {
                callee: Callee::Expr(callee),
                ..
            }) => match &**callee {
                Expr::Member(MemberExpr {
                    obj,
                    prop: MemberProp::Ident(name),
                    ..
                }) => &*name.sym == "withConfig" || Self::has_config(obj),
                _ => false,
            },
            _ => false,
        }
    }

    /// `base` → `base.withConfig({ displayName, componentId })`.
    fn configure(&mut self, base: &mut Box<Expr>, direct_key: Option<String>) {
        let position = self.components;
        self.components += 1;
        if Self::has_config(base) {
            return;
        }
        let options = &self.config.options;
        let mut props = vec![];
        if self.config.display_name {
            let name = self.labels.name(direct_key);
            let display = match (name.is_empty(), options.file_name) {
                (true, _) => self.block_name.clone(),
                (false, true) if name != self.block_name => format!("{}__{name}", self.block_name),
                (false, _) => name,
            };
            props.push(prop("displayName", &display));
        }
        if options.ssr {
            let namespace = match options.namespace.as_str() {
                "" => String::new(),
                ns => format!("{ns}__"),
            };
            props.push(prop(
                "componentId",
                &format!("{namespace}sc-{}-{position}", self.file_hash),
            ));
        }
        if props.is_empty() {
            return;
        }
        let mut inner = std::mem::replace(&mut **base, Expr::Invalid(Invalid { span: DUMMY_SP }));
        // The outer call starts where `styled(X)` does: only it may hold a `/*#__PURE__*/`.
        if let Expr::Call(call) = &mut inner {
            call.span = DUMMY_SP;
        }
        **base = Expr::Call(CallExpr {
            span: DUMMY_SP,
            callee: Callee::Expr(Box::new(Expr::Member(MemberExpr {
                span: DUMMY_SP,
                obj: Box::new(inner),
                prop: MemberProp::Ident(IdentName::new("withConfig".into(), DUMMY_SP)),
            }))),
            args: vec![ExprOrSpread {
                spread: None,
                expr: Box::new(Expr::Object(ObjectLit {
                    span: DUMMY_SP,
                    props,
                })),
            }],
            ..Default::default()
        });
    }

    /// The template minified (`minify`) and, with `transpileTemplateLiterals`, as a call
    /// `tag(["…", "…"], …exprs)`; `None` leaves the tagged template (minified in place).
    fn template(&mut self, tagged: &mut TaggedTpl) -> Option<Expr> {
        let options = &self.config.options;
        if !options.minify && !options.transpile_template_literals {
            return None;
        }
        let cooked = cooked(&tagged.tpl.quasis);
        // The strings between interpolations, minified or as they are.
        let strings: Vec<String> = if options.minify {
            let quasis: Vec<&str> = cooked.iter().map(String::as_str).collect();
            let mut strings = vec![String::new()];
            for part in minify(&quasis) {
                match part {
                    Part::Text(text) => strings.last_mut().expect("one at least").push_str(&text),
                    Part::Expr(_) => strings.push(String::new()),
                }
            }
            strings
        } else {
            cooked
        };
        if strings.len() != tagged.tpl.exprs.len() + 1 {
            // An interpolation inside a comment was minified away with it: leave the template.
            return None;
        }
        if !options.transpile_template_literals {
            for (quasi, text) in tagged.tpl.quasis.iter_mut().zip(&strings) {
                quasi.raw = Atom::from(escape_template(text));
                quasi.cooked = Some(text.as_str().into());
            }
            return None;
        }
        let array = Expr::Array(ArrayLit {
            span: DUMMY_SP,
            elems: strings
                .iter()
                .map(|s| {
                    Some(ExprOrSpread {
                        spread: None,
                        expr: Box::new(Expr::Lit(Lit::Str(s.as_str().into()))),
                    })
                })
                .collect(),
        });
        let mut args = vec![ExprOrSpread {
            spread: None,
            expr: Box::new(array),
        }];
        args.extend(
            tagged
                .tpl
                .exprs
                .drain(..)
                .map(|expr| ExprOrSpread { spread: None, expr }),
        );
        Some(Expr::Call(CallExpr {
            span: tagged.span,
            callee: Callee::Expr(tagged.tag.clone()),
            args,
            ..Default::default()
        }))
    }

    /// Takes the `css` prop off `element`, which becomes a new component: that component's
    /// name and `styled(…)(…)` expression.
    fn css_prop(&mut self, element: &mut JSXElement) -> Option<(Ident, Expr, Option<Id>)> {
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
    fn declare_css_prop_components(&mut self, module: &mut Module) {
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

    fn mark_pure(&self, export: Export, span: Span) {
        if self.config.options.pure && export != Export::InjectGlobal && !span.is_dummy() {
            self.comments.add_pure_comment(span.lo);
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

fn prop(key: &str, value: &str) -> PropOrSpread {
    PropOrSpread::Prop(Box::new(Prop::KeyValue(KeyValueProp {
        key: PropName::Ident(IdentName::new(key.into(), DUMMY_SP)),
        value: Box::new(Expr::Lit(Lit::Str(value.into()))),
    })))
}

/// Text as a template literal's raw part: `\`, `` ` `` and `${` escaped.
fn escape_template(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('`', "\\`")
        .replace("${", "\\${")
}
