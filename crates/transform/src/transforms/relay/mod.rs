//! `relay`: each `graphql` tagged template becomes the artifact relay-compiler generated
//! for it, as babel-plugin-relay and Next.js's `compiler.relay` compile it.
//!
//! ```js
//! const q = graphql`query AppQuery { me { id } }`;
//! // becomes
//! const q = require("./__generated__/AppQuery.graphql.ts");
//! // or, with `eagerEsModules`,
//! import __AppQuery from "./__generated__/AppQuery.graphql.ts";
//! const q = __AppQuery;
//! ```
//!
//! The artifact is `<OperationName>.graphql.<ts|js>` (by `language`) in `__generated__`
//! beside the file, or in `artifactDirectory`. The name is read off the document, which is
//! parsed whole (`graphql.rs`): a malformed document, an unnamed operation, more than one
//! definition or a `${}` substitution is an error at its place in the template, as
//! babel-plugin-relay reports them (Next.js leaves such templates to fail at run time).
//!
//! The specifier is relative to the file, as babel-plugin-relay writes it; Next.js writes an
//! absolute path. A relative one names the same file and keeps outputs free of the
//! machine's directories, so a shared cache can serve them to the whole team.

mod graphql;
mod lexer;

use std::path::{Component, Path};

use rustc_hash::FxHashMap;
use swc_core::{
    atoms::Atom,
    common::{errors::HANDLER, BytePos, Mark, Span, SyntaxContext, DUMMY_SP},
    ecma::{
        ast::*,
        visit::{visit_mut_pass, VisitMut, VisitMutWith},
    },
};

use crate::{
    diagnostics::messages,
    options::{RelayLanguage, RelayOptions},
    transforms::prologue_len,
};

pub fn relay(options: RelayOptions, filename: &str, unresolved_mark: Mark) -> impl Pass {
    visit_mut_pass(Relay {
        extension: match options.language {
            RelayLanguage::TypeScript => "ts",
            RelayLanguage::JavaScript | RelayLanguage::Flow => "js",
        },
        directory: artifact_directory(filename, options.artifact_directory.as_deref()),
        eager: options.eager_es_modules,
        unresolved: SyntaxContext::empty().apply_mark(unresolved_mark),
        imports: FxHashMap::default(),
        import_order: vec![],
    })
}

struct Relay {
    extension: &'static str,
    /// Where artifacts are, as the start of a specifier (`./__generated__`, `../gen`), or why
    /// it cannot be told.
    directory: Result<String, String>,
    eager: bool,
    unresolved: SyntaxContext,
    /// With `eagerEsModules`: one import per artifact, however often the file names it.
    imports: FxHashMap<String, Ident>,
    import_order: Vec<String>,
}

impl VisitMut for Relay {
    fn visit_mut_module(&mut self, module: &mut Module) {
        module.visit_mut_children_with(self);
        let at = prologue_len(module.body.iter().map(ModuleItem::as_stmt));
        let imports = self.import_order.drain(..).map(|src| {
            let local = self.imports[&src].clone();
            ModuleItem::ModuleDecl(ModuleDecl::Import(ImportDecl {
                span: DUMMY_SP,
                specifiers: vec![ImportSpecifier::Default(ImportDefaultSpecifier {
                    span: DUMMY_SP,
                    local,
                })],
                src: Box::new(src.into()),
                type_only: false,
                with: None,
                phase: Default::default(),
            }))
        });
        module.body.splice(at..at, imports.collect::<Vec<_>>());
    }

    fn visit_mut_script(&mut self, script: &mut Script) {
        // A script cannot import.
        self.eager = false;
        script.visit_mut_children_with(self);
    }

    fn visit_mut_expr(&mut self, expr: &mut Expr) {
        expr.visit_mut_children_with(self);
        let Expr::TaggedTpl(tagged) = expr else {
            return;
        };
        if !matches!(&*tagged.tag, Expr::Ident(tag) if &*tag.sym == "graphql") {
            return;
        }
        if let Some(artifact) = self.artifact(tagged) {
            *expr = artifact;
        }
    }
}

impl Relay {
    /// What the template becomes, or `None` after reporting why it cannot be compiled.
    fn artifact(&mut self, tagged: &TaggedTpl) -> Option<Expr> {
        if let Some(substitution) = tagged.tpl.exprs.first() {
            report(span_of(&**substitution), messages::relay_substitution());
            return None;
        }
        let quasi = tagged.tpl.quasis.first()?;
        let name = match graphql::single_definition(&quasi.raw) {
            Ok(definition) => definition.name,
            Err(e) => {
                let at = quasi.span.lo + BytePos(e.offset as u32);
                report(
                    Span::new(at, at),
                    messages::relay_invalid_graphql(&e.message),
                );
                return None;
            }
        };
        let directory = match &self.directory {
            Ok(directory) => directory,
            Err(reason) => {
                report(tagged.span, reason.clone());
                return None;
            }
        };
        let specifier = format!("{directory}/{name}.graphql.{}", self.extension);
        if !self.eager {
            let require = Ident::new("require".into(), DUMMY_SP, self.unresolved);
            return Some(Expr::Call(CallExpr {
                span: tagged.span,
                callee: Callee::Expr(Box::new(require.into())),
                args: vec![ExprOrSpread {
                    spread: None,
                    expr: Box::new(Expr::Lit(Lit::Str(specifier.into()))),
                }],
                ..Default::default()
            }));
        }
        let local = self.imports.entry(specifier.clone()).or_insert_with(|| {
            self.import_order.push(specifier);
            // A name of its own, which hygiene renames if the file uses it already.
            let ctxt = SyntaxContext::empty().apply_mark(Mark::new());
            Ident::new(Atom::from(format!("__{name}")), DUMMY_SP, ctxt)
        });
        Some(Expr::Ident(local.clone()))
    }
}

fn span_of(expr: &Expr) -> Span {
    use swc_core::common::Spanned;
    expr.span()
}

fn report(span: Span, message: String) {
    HANDLER.with(|h| h.struct_span_err(span, &message).emit());
}

/// The start of the artifacts' specifiers: `./__generated__` by default, else
/// `artifactDirectory` relative to the file's directory. Both paths are read as written
/// (the JS API makes a relative `artifactDirectory` absolute against the working
/// directory, and the graph relative to its root, as it does file names); when one is
/// absolute and the other not, an absolute `artifactDirectory` is used as it is.
fn artifact_directory(filename: &str, directory: Option<&str>) -> Result<String, String> {
    let Some(directory) = directory else {
        return Ok("./__generated__".into());
    };
    let file = Path::new(filename);
    let directory = Path::new(directory);
    match (file.has_root(), directory.has_root()) {
        (true, true) | (false, false) => {
            let from = normal(file.parent().unwrap_or(Path::new("")));
            let to = normal(directory);
            let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
            let mut parts: Vec<&str> = vec![];
            parts.extend(std::iter::repeat_n("..", from.len() - common));
            parts.extend(to[common..].iter().map(String::as_str));
            Ok(match parts.first() {
                Some(&"..") => parts.join("/"),
                _ => std::iter::once(".")
                    .chain(parts)
                    .collect::<Vec<_>>()
                    .join("/"),
            })
        }
        (false, true) => Ok(normal(directory)
            .iter()
            .fold(String::new(), |out, part| out + "/" + part)),
        (true, false) => Err(messages::relay_relative_artifact_directory(
            &directory.to_string_lossy(),
        )),
    }
}

/// The path's names with `.` and `..` worked out (a leading `..` is kept).
fn normal(path: &Path) -> Vec<String> {
    let mut parts: Vec<String> = vec![];
    for component in path.components() {
        match component {
            Component::Normal(name) => parts.push(name.to_string_lossy().into_owned()),
            Component::ParentDir if parts.last().is_some_and(|p| p != "..") => {
                parts.pop();
            }
            Component::ParentDir => parts.push("..".into()),
            Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
        }
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::artifact_directory;

    #[test]
    fn artifact_directories_are_relative_to_the_file() {
        let dir = |file, dir| artifact_directory(file, dir);
        assert_eq!(
            dir("/app/src/a/App.tsx", None),
            Ok("./__generated__".into())
        );
        assert_eq!(dir("App.tsx", None), Ok("./__generated__".into()));
        assert_eq!(
            dir("/app/src/a/App.tsx", Some("/app/src/__generated__")),
            Ok("../__generated__".into())
        );
        assert_eq!(
            dir("/app/src/App.tsx", Some("/app/src/gen/./x/..")),
            Ok("./gen".into())
        );
        assert_eq!(dir("/app/src/App.tsx", Some("/app/src")), Ok(".".into()));
        assert_eq!(
            dir("/app/src/a/b/App.tsx", Some("/other/gen")),
            Ok("../../../../other/gen".into())
        );
        assert_eq!(
            dir("src/a/App.tsx", Some("./src/__generated__")),
            Ok("../__generated__".into())
        );
        assert_eq!(dir("App.tsx", Some("gen")), Ok("./gen".into()));
        assert_eq!(dir("App.tsx", Some("/abs/gen/")), Ok("/abs/gen".into()));
        assert!(dir("/app/App.tsx", Some("gen"))
            .unwrap_err()
            .contains("`gen`"));
    }
}
