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
        Mark, Span, DUMMY_SP,
    },
    ecma::{
        ast::*,
        visit::{visit_mut_pass, VisitMut, VisitMutWith},
    },
};

mod css_prop;

use super::{
    emotion::{
        label::{self, Labels},
        minify::{cooked, minify, Part},
        prop,
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

    fn mark_pure(&self, export: Export, span: Span) {
        if self.config.options.pure && export != Export::InjectGlobal && !span.is_dummy() {
            self.comments.add_pure_comment(span.lo);
        }
    }
}

/// Text as a template literal's raw part: `\`, `` ` `` and `${` escaped.
fn escape_template(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('`', "\\`")
        .replace("${", "\\${")
}
