//! Our own transforms, one per file (or folder). Their order is fixed in `pipeline.rs`.

pub mod coverage;
pub mod define;
pub mod emotion;
pub mod export_comments;
pub mod helper_contexts;
pub mod jest_hoist;
pub mod modularize_imports;
pub mod react_remove_properties;
pub mod relay;
pub mod remove_console;
pub mod rest_patterns;
pub mod styled_components;
pub mod styled_jsx;
pub mod template_escapes;
pub mod type_only_exports;
pub mod v_flag_regexes;

use swc_core::ecma::ast::{Expr, Ident, ImportDecl, ImportSpecifier, Lit, ModuleExportName, Stmt};

/// What an import binds: each local name with the name it is exported under (`default` for
/// a default import); namespace imports are left out.
pub(crate) fn imported_names(import: &ImportDecl) -> impl Iterator<Item = (&Ident, String)> {
    import
        .specifiers
        .iter()
        .filter_map(|specifier| match specifier {
            ImportSpecifier::Named(named) => Some((
                &named.local,
                match &named.imported {
                    Some(ModuleExportName::Ident(i)) => i.sym.to_string(),
                    Some(ModuleExportName::Str(s)) => s.value.to_string_lossy().into_owned(),
                    None => named.local.sym.to_string(),
                },
            )),
            ImportSpecifier::Default(default) => Some((&default.local, "default".to_string())),
            ImportSpecifier::Namespace(_) => None,
        })
}

/// How many statements open a body as its directive prologue (`"use client"`), which must
/// stay first when a pass puts statements at the top; `None` is a module declaration.
pub(crate) fn prologue_len<'a>(stmts: impl Iterator<Item = Option<&'a Stmt>>) -> usize {
    stmts
        .take_while(
            |s| matches!(s, Some(Stmt::Expr(e)) if matches!(&*e.expr, Expr::Lit(Lit::Str(_)))),
        )
        .count()
}
