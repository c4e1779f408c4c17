//! `emotion`: Next.js's `compiler.emotion`, after @emotion/babel-plugin.
//!
//! ```js
//! import styled from '@emotion/styled';
//! import { css } from '@emotion/react';
//! const base = css`
//!   color: ${c};
//! `;
//! const Button = styled.button`margin: 0;`;
//! // becomes (labels on)
//! const base = /*#__PURE__*/ css("color:", c, ";", "label:base;");
//! const Button = /*#__PURE__*/ styled("button", { target: "e1x2y3z0", label: "Button" })("margin:0;");
//! ```
//!
//! - Templates of `css`, `keyframes`, `injectGlobal` and styled components are minified
//!   (`minify.rs`) into the arguments of a call, interpolations in place.
//! - `css` and `keyframes` calls get a `label:` argument named after where they are
//!   (`label.rs`), as @emotion/babel-plugin names them, when labels are on.
//! - Styled components get a `target` class name (`e` + a hash of the file name + their
//!   position in it), so component selectors work, and a `label`.
//! - With `sourceMap`, each gets a source map comment pointing at it in the source.
//! - Only names imported from emotion's packages (or `importMap`'s) are touched, by
//!   binding, so a local `css` or `styled` is left alone.

// Shared with styled-components, whose names and templates work the same way.
pub(crate) mod label;
pub(crate) mod minify;

use rustc_hash::FxHashMap;
use swc_core::{
    common::{
        comments::{Comments, SingleThreadedComments},
        sync::Lrc,
        SourceMap, Span, DUMMY_SP,
    },
    ecma::{
        ast::*,
        visit::{visit_mut_pass, VisitMut, VisitMutWith},
    },
};

use self::{
    label::Labels,
    minify::{cooked, minify, Part},
};
use crate::{
    diagnostics::{self, Diagnostic},
    options::{AutoLabel, EmotionOptions},
    transforms::imported_names,
};

/// What an imported name is, in emotion's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Export {
    Css,
    Keyframes,
    InjectGlobal,
    Styled,
}

fn export_of(source: &str, name: &str) -> Option<Export> {
    match (source, name) {
        ("@emotion/react" | "@emotion/css", "css") => Some(Export::Css),
        ("@emotion/react" | "@emotion/css", "keyframes") => Some(Export::Keyframes),
        ("@emotion/css", "injectGlobal") => Some(Export::InjectGlobal),
        ("@emotion/styled" | "@emotion/styled/base", "default") => Some(Export::Styled),
        _ => None,
    }
}

/// The options resolved once per session.
#[derive(Debug, Clone)]
pub struct Config {
    labels: bool,
    label_format: String,
    source_map: bool,
    /// `importMap`: (package, export) → what it stands for.
    import_map: FxHashMap<(String, String), Export>,
}

impl Config {
    pub fn has_import_map(&self) -> bool {
        !self.import_map.is_empty()
    }

    /// `development` is the JSX development flag (`jsx.development`), Next.js's `dev`.
    pub fn new(options: EmotionOptions, development: bool) -> Result<Self, Diagnostic> {
        let mut import_map = FxHashMap::default();
        for (package, exports) in &options.import_map {
            for (name, target) in exports {
                let [canonical_package, canonical_name] = &target.canonical_import;
                let export = export_of(canonical_package, canonical_name).ok_or_else(|| {
                    diagnostics::invalid_option(
                        &format!("emotion.importMap.{package}.{name}.canonicalImport"),
                        format!("[\"{canonical_package}\", \"{canonical_name}\"] is not an emotion export this transform knows (css, keyframes, injectGlobal or styled's default)"),
                    )
                })?;
                import_map.insert((package.clone(), name.clone()), export);
            }
        }
        Ok(Self {
            labels: match options.auto_label {
                AutoLabel::Always => true,
                AutoLabel::Never => false,
                AutoLabel::DevOnly => development,
            },
            label_format: options.label_format.unwrap_or_else(|| "[local]".into()),
            source_map: development && options.source_map,
            import_map,
        })
    }
}

pub fn emotion(
    config: Config,
    filename: &str,
    cm: Lrc<SourceMap>,
    comments: SingleThreadedComments,
) -> impl Pass {
    visit_mut_pass(Emotion {
        file_hash: murmur2(&filename.replace('\\', "/")),
        labels: Labels::new(&config.label_format, filename),
        filename: filename.to_string(),
        config,
        cm,
        comments,
        imports: FxHashMap::default(),
        targets: 0,
    })
}

struct Emotion {
    config: Config,
    filename: String,
    file_hash: String,
    labels: Labels,
    cm: Lrc<SourceMap>,
    comments: SingleThreadedComments,
    imports: FxHashMap<Id, Export>,
    /// Styled components so far: the next one's position in the file.
    targets: usize,
}

impl VisitMut for Emotion {
    fn visit_mut_module(&mut self, module: &mut Module) {
        for item in &module.body {
            let ModuleItem::ModuleDecl(ModuleDecl::Import(import)) = item else {
                continue;
            };
            if import.type_only {
                continue;
            }
            let source = import.src.value.to_string_lossy();
            for (local, name) in imported_names(import) {
                let export = export_of(&source, &name).or_else(|| {
                    self.config
                        .import_map
                        .get(&(source.to_string(), name.clone()))
                        .copied()
                });
                if let Some(export) = export {
                    self.imports.insert(local.to_id(), export);
                }
            }
        }
        if !self.imports.is_empty() {
            module.visit_mut_children_with(self);
        }
    }

    fn visit_mut_script(&mut self, _: &mut Script) {
        // Without imports there is nothing of emotion's to find.
    }

    fn visit_mut_expr(&mut self, expr: &mut Expr) {
        let direct_key = self.labels.take_direct_key();
        expr.visit_mut_children_with(self);
        let replaced = match expr {
            Expr::TaggedTpl(tagged) => self.tagged(tagged, direct_key),
            Expr::Call(call) => self.call(call, direct_key),
            _ => None,
        };
        if let Some(new) = replaced {
            *expr = new;
        }
    }

    /// The `css` prop: an array gets its label as a last item, an object literal becomes
    /// `[object, label]`, as @emotion/babel-plugin labels them (it writes an object out
    /// as serialized styles; the runtime serializes the array to the same).
    fn visit_mut_jsx_attr(&mut self, attr: &mut JSXAttr) {
        attr.visit_mut_children_with(self);
        let is_css = matches!(&attr.name, JSXAttrName::Ident(name) if &*name.sym == "css");
        let Some(JSXAttrValue::JSXExprContainer(JSXExprContainer {
            expr: JSXExpr::Expr(value),
            ..
        })) = &mut attr.value
        else {
            return;
        };
        if !is_css || !self.config.labels {
            return;
        }
        let Some(label) = self.labels.label(None) else {
            return;
        };
        let label = Some(str_arg(&format!(";label:{label};")));
        match &mut **value {
            Expr::Array(array) => array.elems.push(label),
            Expr::Object(_) => {
                let object =
                    std::mem::replace(&mut **value, Expr::Invalid(Invalid { span: DUMMY_SP }));
                **value = Expr::Array(ArrayLit {
                    span: DUMMY_SP,
                    elems: vec![
                        Some(ExprOrSpread {
                            spread: None,
                            expr: Box::new(object),
                        }),
                        label,
                    ],
                });
            }
            _ => {}
        }
    }

    // Where a style is, for its label: each scope pushes what names it.
    label::visit_names!();
}

impl Emotion {
    fn export(&self, expr: &Expr) -> Option<Export> {
        match expr {
            Expr::Ident(id) => self.imports.get(&id.to_id()).copied(),
            _ => None,
        }
    }

    /// `css`…``, `keyframes`…``, `injectGlobal`…``, `styled.x`…``, `styled(X)`…``.
    fn tagged(&mut self, tagged: &mut TaggedTpl, direct_key: Option<String>) -> Option<Expr> {
        let styles = |tpl: &mut Tpl| -> Vec<ExprOrSpread> {
            let quasis = cooked(&tpl.quasis);
            let quasis: Vec<&str> = quasis.iter().map(String::as_str).collect();
            let mut exprs: Vec<Option<Box<Expr>>> = tpl.exprs.drain(..).map(Some).collect();
            minify(&quasis)
                .into_iter()
                .filter_map(|part| match part {
                    Part::Text(text) => Some(str_arg(&text)),
                    Part::Expr(i) => exprs
                        .get_mut(i)?
                        .take()
                        .map(|expr| ExprOrSpread { spread: None, expr }),
                })
                .collect()
        };
        if let Some(export) = self.export(&tagged.tag) {
            if export == Export::Styled {
                return None;
            }
            let args = styles(&mut tagged.tpl);
            return Some(self.style_call(
                export,
                tagged.span,
                tagged.tag.clone(),
                args,
                direct_key,
            ));
        }
        let styled = self.styled_base(&mut tagged.tag, direct_key)?;
        let mut args = styles(&mut tagged.tpl);
        self.push_source_map(&mut args, tagged.span);
        Some(self.pure_call(tagged.span, styled, args))
    }

    /// `css(…)`, `keyframes(…)`, `styled.x(…)`, `styled(X)(…)`.
    fn call(&mut self, call: &mut CallExpr, direct_key: Option<String>) -> Option<Expr> {
        let Callee::Expr(callee) = &mut call.callee else {
            return None;
        };
        if let Some(export) = self.export(callee) {
            // A bare `styled(X)` is the start of a styled component, done by its caller.
            if export == Export::Styled {
                return None;
            }
            let args = std::mem::take(&mut call.args);
            return Some(self.style_call(export, call.span, callee.clone(), args, direct_key));
        }
        let styled = self.styled_base(callee, direct_key)?;
        let mut args = std::mem::take(&mut call.args);
        self.push_source_map(&mut args, call.span);
        Some(self.pure_call(call.span, styled, args))
    }

    /// `css`, `keyframes` or `injectGlobal` called with `args`, its label and map added.
    fn style_call(
        &mut self,
        export: Export,
        span: Span,
        callee: Box<Expr>,
        mut args: Vec<ExprOrSpread>,
        direct_key: Option<String>,
    ) -> Expr {
        if self.config.labels && export != Export::InjectGlobal {
            if let Some(label) = self.labels.label(direct_key) {
                args.push(str_arg(&format!("label:{label};")));
            }
        }
        self.push_source_map(&mut args, span);
        if export == Export::InjectGlobal {
            // Called for its effect: not pure.
            return Expr::Call(CallExpr {
                span,
                callee: Callee::Expr(callee),
                args,
                ..Default::default()
            });
        }
        self.pure_call(span, callee, args)
    }

    /// `styled.x` or `styled(X)` (`styled(X, { … })`) as `styled(x, { target, label })`,
    /// the start of a styled component; `None` for anything else.
    fn styled_base(
        &mut self,
        tag: &mut Box<Expr>,
        direct_key: Option<String>,
    ) -> Option<Box<Expr>> {
        let (callee, mut args) = match &mut **tag {
            Expr::Member(MemberExpr {
                obj,
                prop: MemberProp::Ident(name),
                ..
            }) if self.export(obj) == Some(Export::Styled) => {
                (obj.clone(), vec![str_arg(&name.sym)])
            }
            Expr::Call(CallExpr {
                callee: Callee::Expr(callee),
                args,
                ..
            }) if self.export(callee) == Some(Export::Styled) && matches!(args.len(), 1 | 2) => {
                (callee.clone(), std::mem::take(args))
            }
            _ => return None,
        };
        let target = format!("e{}{}", self.file_hash, self.targets);
        self.targets += 1;
        let label = self
            .config
            .labels
            .then(|| self.labels.label(direct_key))
            .flatten();
        let mut props = vec![prop("target", &target)];
        if let Some(label) = label {
            props.push(prop("label", &label));
        }
        match args.get_mut(1).map(|a| &mut *a.expr) {
            None => args.push(ExprOrSpread {
                spread: None,
                expr: Box::new(Expr::Object(ObjectLit {
                    span: DUMMY_SP,
                    props,
                })),
            }),
            Some(Expr::Object(options)) => {
                let has = |options: &ObjectLit, key: &str| {
                    options.props.iter().any(|p| matches!(p, PropOrSpread::Prop(p) if matches!(&**p, Prop::KeyValue(kv) if label::prop_name(&kv.key).as_deref() == Some(key))))
                };
                for p in props {
                    let key = match &p {
                        PropOrSpread::Prop(p) => match &**p {
                            Prop::KeyValue(kv) => label::prop_name(&kv.key).unwrap_or_default(),
                            _ => String::new(),
                        },
                        PropOrSpread::Spread(_) => String::new(),
                    };
                    if !has(options, &key) {
                        options.props.push(p);
                    }
                }
            }
            // Options that are not written out: left as they are.
            Some(_) => {}
        }
        Some(Box::new(Expr::Call(CallExpr {
            span: DUMMY_SP,
            callee: Callee::Expr(callee),
            args,
            ..Default::default()
        })))
    }

    fn pure_call(&self, span: Span, callee: Box<Expr>, args: Vec<ExprOrSpread>) -> Expr {
        if !span.is_dummy() {
            self.comments.add_pure_comment(span.lo);
        }
        Expr::Call(CallExpr {
            span,
            callee: Callee::Expr(callee),
            args,
            ..Default::default()
        })
    }

    /// The source map comment emotion puts into the styles: a map whose one mapping
    /// points at the style in the source.
    fn push_source_map(&self, args: &mut Vec<ExprOrSpread>, span: Span) {
        if !self.config.source_map || span.is_dummy() {
            return;
        }
        let loc = self.cm.lookup_char_pos(span.lo);
        let map = serde_json::json!({
            "version": 3,
            "sources": [self.filename],
            "names": [],
            "mappings": format!("AA{}{}", vlq(loc.line as i64 - 1), vlq(loc.col_display as i64)),
            "file": self.filename,
            "sourcesContent": [loc.file.src.as_str()],
        });
        use base64::{engine::general_purpose::STANDARD, Engine};
        let encoded = STANDARD.encode(map.to_string());
        args.push(str_arg(&format!(
            "/*# sourceMappingURL=data:application/json;charset=utf-8;base64,{encoded} */"
        )));
    }
}

fn str_arg(text: &str) -> ExprOrSpread {
    ExprOrSpread {
        spread: None,
        expr: Box::new(Expr::Lit(Lit::Str(text.into()))),
    }
}

/// `key: "value"`, an object literal's property (styled-components' `withConfig` too).
pub(crate) fn prop(key: &str, value: &str) -> PropOrSpread {
    PropOrSpread::Prop(Box::new(Prop::KeyValue(KeyValueProp {
        key: PropName::Ident(IdentName::new(key.into(), DUMMY_SP)),
        value: Box::new(Expr::Lit(Lit::Str(value.into()))),
    })))
}

/// A source map's base64 VLQ of one number.
fn vlq(n: i64) -> String {
    const DIGITS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut v = if n < 0 { ((-n) << 1) | 1 } else { n << 1 } as u64;
    let mut out = String::new();
    loop {
        let mut digit = (v & 31) as usize;
        v >>= 5;
        if v > 0 {
            digit |= 32;
        }
        out.push(DIGITS[digit] as char);
        if v == 0 {
            return out;
        }
    }
}

/// @emotion/hash: MurmurHash2 over the UTF-16 code units' low bytes, in base 36.
fn murmur2(text: &str) -> String {
    const M: u32 = 0x5bd1_e995;
    let bytes: Vec<u32> = text.encode_utf16().map(|c| u32::from(c & 0xff)).collect();
    let mut h: u32 = 0;
    let mut chunks = bytes.chunks_exact(4);
    for c in &mut chunks {
        let mut k = c[0] | c[1] << 8 | c[2] << 16 | c[3] << 24;
        k = k.wrapping_mul(M);
        k ^= k >> 24;
        h = k.wrapping_mul(M) ^ h.wrapping_mul(M);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        for (i, b) in rest.iter().enumerate().rev() {
            h ^= b << (8 * i);
        }
        h = h.wrapping_mul(M);
    }
    h ^= h >> 13;
    h = h.wrapping_mul(M);
    h ^= h >> 15;
    let mut digits = vec![];
    loop {
        digits.push(std::char::from_digit(h % 36, 36).unwrap_or('0'));
        h /= 36;
        if h == 0 {
            break;
        }
    }
    digits.iter().rev().collect()
}

#[cfg(test)]
mod tests {
    use super::{murmur2, vlq};

    #[test]
    fn hashes_as_emotion_hash_does() {
        // Values of @emotion/hash 0.9.
        assert_eq!(murmur2(""), "0");
        assert_eq!(murmur2("abc"), "1pgwlfu");
        assert_eq!(murmur2("/app/src/components/Button.jsx"), "1vc9ifx");
    }

    #[test]
    fn vlq_digits() {
        assert_eq!(vlq(0), "A");
        assert_eq!(vlq(1), "C");
        assert_eq!(vlq(-1), "D");
        assert_eq!(vlq(16), "gB");
    }
}
