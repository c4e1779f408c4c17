//! What a module exports, split into values and types, as read from its source: what a
//! host that sees several modules (a bundler's plugin) needs to tell whether
//! `export { X } from './m'` re-exports a value or only a type.
//!
//! ```ts
//! export interface A {}                  // types: A
//! export type B = string;                // types: B
//! export const c = 1;                    // values: c
//! import { D } from './d'; export { D }; // from: ("./d", "D" as "D")
//! export { E as F } from './e';          // from: ("./e", "E" as "F")
//! export * from './g';                   // stars: "./g"
//! ```
//!
//! A name exported through an import or a re-export depends on the other module: it is
//! listed under `from` for the host to follow.

use serde::Serialize;
use swc_core::{
    common::{sync::Lrc, FileName, SourceMap},
    ecma::{
        ast::*,
        parser::{Parser, StringInput},
    },
};

use crate::syntax::syntax_for;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ModuleExports {
    /// Names with a value at run time (`default` included).
    pub values: Vec<String>,
    /// Names that are only types: they are gone from the compiled module.
    pub types: Vec<String>,
    /// Names exported from another module: (specifier, its name there, the name here).
    pub from: Vec<(String, String, String)>,
    /// `export * from` specifiers.
    pub stars: Vec<String>,
}

/// The exports of `source` (`filename` picks the syntax); `None` when it does not parse.
pub fn module_exports(source: &str, filename: &str) -> Option<ModuleExports> {
    crate::depth::run(source, Some(filename), || {
        crate::guard(|| read_exports(source, filename))
    })
    .ok()
    .flatten()
}

fn read_exports(source: &str, filename: &str) -> Option<ModuleExports> {
    let cm: Lrc<SourceMap> = Default::default();
    let fm = cm.new_source_file(Lrc::new(FileName::Anon), source.to_string());
    let mut parser = Parser::new(syntax_for(filename), StringInput::from(&*fm), None);
    let module = parser.parse_module().ok()?;
    let mut out = ModuleExports::default();
    let locals = Locals::of(&module);
    for item in &module.body {
        let ModuleItem::ModuleDecl(decl) = item else {
            continue;
        };
        match decl {
            ModuleDecl::ExportDecl(ExportDecl { decl, .. }) => {
                let (names, is_type) = declared(decl);
                let list = if is_type {
                    &mut out.types
                } else {
                    &mut out.values
                };
                list.extend(names);
            }
            ModuleDecl::ExportDefaultDecl(ExportDefaultDecl { decl, .. }) => match decl {
                DefaultDecl::TsInterfaceDecl(_) => out.types.push("default".into()),
                _ => out.values.push("default".into()),
            },
            ModuleDecl::ExportDefaultExpr(_) => out.values.push("default".into()),
            ModuleDecl::ExportAll(all) if !all.type_only => {
                out.stars.push(all.src.value.to_string_lossy().into_owned())
            }
            ModuleDecl::ExportNamed(named) => {
                for spec in &named.specifiers {
                    let (orig, exported, type_only) = match spec {
                        ExportSpecifier::Named(n) => (
                            name_of(&n.orig),
                            n.exported
                                .as_ref()
                                .map(name_of)
                                .unwrap_or_else(|| name_of(&n.orig)),
                            n.is_type_only,
                        ),
                        ExportSpecifier::Namespace(ns) => {
                            out.values.push(name_of(&ns.name));
                            continue;
                        }
                        ExportSpecifier::Default(d) => (
                            d.exported.sym.to_string(),
                            d.exported.sym.to_string(),
                            false,
                        ),
                    };
                    if named.type_only || type_only {
                        out.types.push(exported);
                        continue;
                    }
                    match &named.src {
                        Some(src) => out.from.push((
                            src.value.to_string_lossy().into_owned(),
                            orig,
                            exported,
                        )),
                        None => match locals.get(&orig) {
                            Some(Local::Type) => out.types.push(exported),
                            Some(Local::Import(src, name)) => {
                                out.from.push((src.clone(), name.clone(), exported))
                            }
                            Some(Local::Value) | None => out.values.push(exported),
                        },
                    }
                }
            }
            _ => {}
        }
    }
    Some(out)
}

fn name_of(name: &ModuleExportName) -> String {
    match name {
        ModuleExportName::Ident(i) => i.sym.to_string(),
        ModuleExportName::Str(s) => s.value.to_string_lossy().into_owned(),
    }
}

/// The names a declaration binds, and whether it is only a type.
fn declared(decl: &Decl) -> (Vec<String>, bool) {
    match decl {
        Decl::Class(c) => (vec![c.ident.sym.to_string()], c.declare),
        Decl::Fn(f) => (vec![f.ident.sym.to_string()], f.declare),
        Decl::Var(v) => {
            let mut names = vec![];
            for d in &v.decls {
                collect_pat(&d.name, &mut names);
            }
            (names, v.declare)
        }
        Decl::Using(u) => {
            let mut names = vec![];
            for d in &u.decls {
                collect_pat(&d.name, &mut names);
            }
            (names, false)
        }
        Decl::TsInterface(i) => (vec![i.id.sym.to_string()], true),
        Decl::TsTypeAlias(t) => (vec![t.id.sym.to_string()], true),
        // A `const enum` and a `declare enum` are gone from the output; an enum is a value.
        Decl::TsEnum(e) => (vec![e.id.sym.to_string()], e.declare || e.is_const),
        Decl::TsModule(m) => {
            let name = match &m.id {
                TsModuleName::Ident(i) => i.sym.to_string(),
                TsModuleName::Str(s) => s.value.to_string_lossy().into_owned(),
            };
            // A namespace with no values in it is gone too; count it a value unless declared.
            (vec![name], m.declare)
        }
    }
}

fn collect_pat(pat: &Pat, out: &mut Vec<String>) {
    match pat {
        Pat::Ident(i) => out.push(i.id.sym.to_string()),
        Pat::Array(a) => a.elems.iter().flatten().for_each(|p| collect_pat(p, out)),
        Pat::Object(o) => {
            for prop in &o.props {
                match prop {
                    ObjectPatProp::KeyValue(kv) => collect_pat(&kv.value, out),
                    ObjectPatProp::Assign(a) => out.push(a.key.sym.to_string()),
                    ObjectPatProp::Rest(r) => collect_pat(&r.arg, out),
                }
            }
        }
        Pat::Rest(r) => collect_pat(&r.arg, out),
        Pat::Assign(a) => collect_pat(&a.left, out),
        Pat::Expr(_) | Pat::Invalid(_) => {}
    }
}

enum Local {
    Value,
    Type,
    /// Imported: (specifier, name there).
    Import(String, String),
}

/// Top-level bindings by name: what `export { x }` refers to.
struct Locals(Vec<(String, Local)>);

impl Locals {
    fn of(module: &Module) -> Self {
        let mut locals = vec![];
        for item in &module.body {
            match item {
                ModuleItem::Stmt(Stmt::Decl(decl))
                | ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(ExportDecl { decl, .. })) => {
                    let (names, is_type) = declared(decl);
                    for n in names {
                        locals.push((n, if is_type { Local::Type } else { Local::Value }));
                    }
                }
                ModuleItem::ModuleDecl(ModuleDecl::Import(import)) => {
                    let src = import.src.value.to_string_lossy().into_owned();
                    for spec in &import.specifiers {
                        let (local, entry) = match spec {
                            ImportSpecifier::Named(n) => {
                                let there = n
                                    .imported
                                    .as_ref()
                                    .map(name_of)
                                    .unwrap_or_else(|| n.local.sym.to_string());
                                let entry = if import.type_only || n.is_type_only {
                                    Local::Type
                                } else {
                                    Local::Import(src.clone(), there)
                                };
                                (n.local.sym.to_string(), entry)
                            }
                            ImportSpecifier::Default(d) => {
                                let entry = if import.type_only {
                                    Local::Type
                                } else {
                                    Local::Import(src.clone(), "default".into())
                                };
                                (d.local.sym.to_string(), entry)
                            }
                            ImportSpecifier::Namespace(ns) => (
                                ns.local.sym.to_string(),
                                if import.type_only {
                                    Local::Type
                                } else {
                                    Local::Value
                                },
                            ),
                        };
                        locals.push((local, entry));
                    }
                }
                _ => {}
            }
        }
        Self(locals)
    }

    /// A value wins over a type of the same name (`const X = …; type X = …`).
    fn get(&self, name: &str) -> Option<&Local> {
        let mut found = None;
        for (n, local) in &self.0 {
            if n == name {
                match local {
                    Local::Type if found.is_some() => {}
                    _ => found = Some(local),
                }
            }
        }
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn splits_values_from_types_and_lists_what_comes_from_elsewhere() {
        let source = r#"
            import { D } from './d';
            import type { T } from './t';
            import E, { type F } from './e';
            export interface A {}
            export type B = string;
            export const c = 1, { d1, e: [e1] } = obj;
            export function f() {}
            export class K {}
            export declare const ambient: number;
            export enum En { A }
            export const enum Ce { A }
            export { D, T, E as Def, F };
            export { G as H, type I } from './g';
            export type { J } from './j';
            export * from './star';
            export * as ns from './ns';
            const X = 1; type X = number;
            export { X };
            export default function () {}
        "#;
        let e = module_exports(source, "m.ts").unwrap();
        assert_eq!(
            e.values,
            strings(&["c", "d1", "e1", "f", "K", "En", "ns", "X", "default"])
        );
        assert_eq!(
            e.types,
            strings(&["A", "B", "ambient", "Ce", "T", "F", "I", "J"])
        );
        assert_eq!(
            e.from,
            vec![
                ("./d".into(), "D".into(), "D".into()),
                ("./e".into(), "default".into(), "Def".into()),
                ("./g".into(), "G".into(), "H".into()),
            ]
        );
        assert_eq!(e.stars, strings(&["./star"]));
        assert_eq!(module_exports("export const = ;", "bad.ts"), None);
    }
}
