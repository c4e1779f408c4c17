//! Labels: what @emotion/babel-plugin names a style after, from where it is written.
//!
//! ```js
//! const base = css`…`;                 // base
//! const s = { title: css`…` };         // title (the property it is the value of)
//! class Card { box = css`…` }          // box (a class property; else the class's name)
//! function App() { <div css={css`…`} /> }   // App (the nearest named function)
//! a.b.c = css`…`;                      // a-b-c
//! ```
//!
//! Arrow functions and unnamed function expressions are passed through to what encloses
//! them; a name that starts with `_` (made by a compiler) gives no label. The name goes
//! into `labelFormat` (`[local]`, `[filename]`, `[dirname]`), with characters that cannot
//! be in a class name made `-`.

use std::path::Path;

use swc_core::ecma::ast::{AssignTarget, Expr, MemberProp, PropName, SimpleAssignTarget};

/// The `VisitMut` methods that keep a visitor's `labels` in step with the scopes it is in:
/// each pushes what names the styles inside it.
macro_rules! visit_names {
    () => {
        fn visit_mut_var_declarator(&mut self, d: &mut VarDeclarator) {
            let frame = match &d.name {
                Pat::Ident(id) => {
                    $crate::transforms::emotion::label::Frame::Named(id.sym.to_string())
                }
                _ => $crate::transforms::emotion::label::Frame::Named(String::new()),
            };
            self.labels.push(frame);
            d.visit_mut_children_with(self);
            self.labels.pop();
        }

        fn visit_mut_assign_expr(&mut self, a: &mut AssignExpr) {
            let frame = $crate::transforms::emotion::label::Frame::Named(
                $crate::transforms::emotion::label::assigned_name(&a.left),
            );
            self.labels.push(frame);
            a.visit_mut_children_with(self);
            self.labels.pop();
        }

        fn visit_mut_fn_decl(&mut self, f: &mut FnDecl) {
            let frame = $crate::transforms::emotion::label::Frame::Named(f.ident.sym.to_string());
            self.labels.push(frame);
            f.visit_mut_children_with(self);
            self.labels.pop();
        }

        fn visit_mut_fn_expr(&mut self, f: &mut FnExpr) {
            let frame = match &f.ident {
                Some(id) => $crate::transforms::emotion::label::Frame::Named(id.sym.to_string()),
                None => $crate::transforms::emotion::label::Frame::Through,
            };
            self.labels.push(frame);
            f.visit_mut_children_with(self);
            self.labels.pop();
        }

        fn visit_mut_arrow_expr(&mut self, a: &mut ArrowExpr) {
            self.labels
                .push($crate::transforms::emotion::label::Frame::Through);
            a.visit_mut_children_with(self);
            self.labels.pop();
        }

        fn visit_mut_key_value_prop(&mut self, p: &mut KeyValueProp) {
            let key = $crate::transforms::emotion::label::prop_name(&p.key);
            p.key.visit_mut_with(self);
            self.labels
                .push($crate::transforms::emotion::label::Frame::Property(
                    key.clone(),
                ));
            self.labels.set_direct_key(key);
            p.value.visit_mut_with(self);
            self.labels.pop();
        }

        fn visit_mut_method_prop(&mut self, p: &mut MethodProp) {
            let frame = $crate::transforms::emotion::label::Frame::Property(
                $crate::transforms::emotion::label::prop_name(&p.key),
            );
            self.labels.push(frame);
            p.visit_mut_children_with(self);
            self.labels.pop();
        }

        fn visit_mut_class_decl(&mut self, c: &mut ClassDecl) {
            let frame =
                $crate::transforms::emotion::label::Frame::Class(Some(c.ident.sym.to_string()));
            self.labels.push(frame);
            c.visit_mut_children_with(self);
            self.labels.pop();
        }

        fn visit_mut_class_expr(&mut self, c: &mut ClassExpr) {
            let frame = $crate::transforms::emotion::label::Frame::Class(
                c.ident.as_ref().map(|i| i.sym.to_string()),
            );
            self.labels.push(frame);
            c.visit_mut_children_with(self);
            self.labels.pop();
        }

        fn visit_mut_class_prop(&mut self, p: &mut ClassProp) {
            let name = match &p.key {
                PropName::Ident(i) => Some(i.sym.to_string()),
                _ => None,
            };
            self.labels
                .push($crate::transforms::emotion::label::Frame::ClassProperty(
                    name,
                ));
            p.visit_mut_children_with(self);
            self.labels.pop();
        }
    };
}
pub(crate) use visit_names;

/// A scope between a style and the top of the file, as far as labels care.
#[derive(Debug, Clone)]
pub enum Frame {
    /// A variable, an assignment, a function declaration or a named function expression:
    /// the label, or none when empty.
    Named(String),
    /// An object property or method: its key, if it has a plain one.
    Property(Option<String>),
    /// A class, with its name if it has one.
    Class(Option<String>),
    /// A class property, with its key if that is a plain name.
    ClassProperty(Option<String>),
    /// An arrow or an unnamed function expression: what encloses it names the style.
    Through,
}

pub struct Labels {
    frames: Vec<Frame>,
    /// Set by an object property just before its value is visited.
    direct_key: Option<Option<String>>,
    format: String,
    filename: String,
    dirname: String,
}

impl Labels {
    pub fn new(format: &str, filename: &str) -> Self {
        let path = Path::new(filename);
        let dirname = path
            .parent()
            .and_then(Path::file_name)
            .map(|d| d.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        if stem == "index" {
            stem = dirname.clone();
        }
        Self {
            frames: vec![],
            direct_key: None,
            format: format.to_string(),
            filename: stem,
            dirname,
        }
    }

    pub fn push(&mut self, frame: Frame) {
        self.direct_key = None;
        self.frames.push(frame);
    }

    pub fn pop(&mut self) {
        self.frames.pop();
    }

    pub fn set_direct_key(&mut self, key: Option<String>) {
        self.direct_key = Some(key);
    }

    /// Whether the expression about to be visited is an object property's value, and its
    /// key; taken at once, so only that expression sees it.
    pub fn take_direct_key(&mut self) -> Option<String> {
        self.direct_key.take().flatten()
    }

    /// The name of what is written here, as written (`direct_key`: the property whose
    /// value it is); empty when nothing names it.
    pub fn name(&self, direct_key: Option<String>) -> String {
        direct_key
            .or_else(|| self.class_name())
            .unwrap_or_else(|| self.declarator_name())
    }

    /// The label of a style written here (`direct_key`: the property whose value it is).
    pub fn label(&self, direct_key: Option<String>) -> Option<String> {
        let name = self.name(direct_key);
        if name.is_empty() || name.starts_with('_') {
            return None;
        }
        let label = self
            .format
            .replace("[local]", &sanitize(&name))
            .replace("[filename]", &sanitize(&self.filename))
            .replace("[dirname]", &sanitize(&self.dirname));
        Some(label)
    }

    /// The nearest class property or class, if it names the style.
    fn class_name(&self) -> Option<String> {
        self.frames.iter().rev().find_map(|frame| match frame {
            Frame::ClassProperty(name) | Frame::Class(name) => Some(name.clone()),
            _ => None,
        })?
    }

    fn declarator_name(&self) -> String {
        for (i, frame) in self.frames.iter().enumerate().rev() {
            match frame {
                Frame::Through | Frame::Class(_) | Frame::ClassProperty(_) => continue,
                Frame::Named(name) => return name.clone(),
                Frame::Property(Some(key)) => return key.clone(),
                // A computed key: the nearest variable's name.
                Frame::Property(None) => {
                    return self.frames[..i]
                        .iter()
                        .rev()
                        .find_map(|f| match f {
                            Frame::Named(name) => Some(name.clone()),
                            _ => None,
                        })
                        .unwrap_or_default()
                }
            }
        }
        String::new()
    }
}

/// `[!"#$%&'()*+,./:;<=>?@[\]^`|}~{]` become `-`, as in @emotion/babel-plugin.
fn sanitize(part: &str) -> String {
    part.trim()
        .chars()
        .map(|c| match c {
            '!' | '"' | '#' | '$' | '%' | '&' | '\'' | '(' | ')' | '*' | '+' | ',' | '.' | '/'
            | ':' | ';' | '<' | '=' | '>' | '?' | '@' | '[' | '\\' | ']' | '^' | '`' | '|'
            | '}' | '~' | '{' => '-',
            c => c,
        })
        .collect()
}

/// A plain key (`title`, `"my key"` as `my-key`); `None` for a computed one.
pub fn prop_name(key: &PropName) -> Option<String> {
    match key {
        PropName::Ident(i) => Some(i.sym.to_string()),
        PropName::Str(s) => Some(
            s.value
                .to_string_lossy()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join("-"),
        ),
        _ => None,
    }
}

/// `a = …` names `a`; `a.b.c = …` names `a-b-c`; anything else names nothing.
pub fn assigned_name(target: &AssignTarget) -> String {
    match target {
        AssignTarget::Simple(SimpleAssignTarget::Ident(id)) => id.sym.to_string(),
        AssignTarget::Simple(SimpleAssignTarget::Member(member)) => {
            let mut parts = vec![];
            let mut at = member;
            loop {
                let MemberProp::Ident(prop) = &at.prop else {
                    return String::new();
                };
                parts.push(prop.sym.to_string());
                match &*at.obj {
                    Expr::Ident(obj) => {
                        parts.push(obj.sym.to_string());
                        break;
                    }
                    Expr::Member(inner) => at = inner,
                    _ => return String::new(),
                }
            }
            parts.reverse();
            parts.join("-")
        }
        _ => String::new(),
    }
}
