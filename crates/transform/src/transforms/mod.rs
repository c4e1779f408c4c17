//! Our own transforms, one per file (or folder). Their order is fixed in `pipeline.rs`.

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

use swc_core::ecma::ast::{Expr, Lit, Stmt};

/// How many statements open a body as its directive prologue (`"use client"`), which must
/// stay first when a pass puts statements at the top; `None` is a module declaration.
pub(crate) fn prologue_len<'a>(stmts: impl Iterator<Item = Option<&'a Stmt>>) -> usize {
    stmts
        .take_while(
            |s| matches!(s, Some(Stmt::Expr(e)) if matches!(&*e.expr, Expr::Lit(Lit::Str(_)))),
        )
        .count()
}
