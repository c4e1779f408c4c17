//! `modularizeImports`: member imports of a package become imports of the member's own module.
//!
//! ```js
//! // { "lodash": { "transform": "lodash/{{member}}" } }
//! import { debounce, map as each } from "lodash";
//! // →
//! import debounce from "lodash/debounce";
//! import each from "lodash/map";
//! ```
//!
//! Package keys are regexes (anchored unless they carry `^`/`$`); the first key in the
//! object's order that matches wins. Templates are Handlebars with `member`, `matches` (the
//! package key's captures) and, for a map of member patterns, `memberMatches`; helpers
//! `camelCase`, `kebabCase`, `lowerCase`, `upperCase`. `export { A } from "pkg"` is
//! rewritten likewise. Type-only imports and imports with attributes are left alone;
//! default and namespace imports stay whole unless `handleDefaultImport` /
//! `handleNamespaceImport` (then the local name is the member).

pub mod options;

use serde_json::json;
use swc_core::{
    common::{errors::HANDLER, Span},
    ecma::{
        ast::*,
        visit::{noop_visit_mut_type, visit_mut_pass, VisitMut},
    },
};

use self::options::{Rule, Rules, Transform};
use crate::diagnostics::messages;

pub fn modularize_imports(rules: Rules) -> impl Pass {
    visit_mut_pass(ModularizeImports { rules })
}

struct ModularizeImports {
    rules: Rules,
}

fn report(span: Span, message: String) {
    HANDLER.with(|h| h.struct_span_err(span, &message).emit());
}

fn str_lit(value: String, span: Span) -> Box<Str> {
    Box::new(Str {
        span,
        value: value.into(),
        raw: None,
    })
}

fn export_name_text(name: &ModuleExportName) -> String {
    match name {
        ModuleExportName::Ident(i) => i.sym.to_string(),
        ModuleExportName::Str(s) => s.value.to_atom_lossy().to_string(),
    }
}

impl ModularizeImports {
    fn rule_for(&self, source: &str) -> Option<(&Rule, Vec<String>)> {
        self.rules.rules.iter().find_map(|rule| {
            let caps = rule.package.captures(source)?;
            let matches = caps
                .iter()
                .map(|m| m.map(|m| m.as_str().to_string()).unwrap_or_default())
                .collect();
            Some((rule, matches))
        })
    }

    fn render(
        &self,
        name: &str,
        member: &str,
        matches: &[String],
        member_matches: &[String],
        span: Span,
    ) -> Option<String> {
        let data = json!({ "member": member, "matches": matches, "memberMatches": member_matches });
        match self.rules.templates.render(name, &data) {
            Ok(s) => Some(s),
            Err(e) => {
                report(span, messages::template_failed(member, &e.to_string()));
                None
            }
        }
    }

    /// The module `member` of the package comes from, or `None` after reporting why not.
    fn source_for(
        &self,
        rule: &Rule,
        source: &str,
        member: &str,
        matches: &[String],
        span: Span,
    ) -> Option<String> {
        match &rule.transform {
            Transform::Template(name) => self.render(name, member, matches, &[], span),
            Transform::Map(entries) => {
                let found = entries.iter().find_map(|(re, name)| {
                    let caps = re.captures(member)?;
                    let mm: Vec<String> = caps
                        .iter()
                        .map(|m| m.map(|m| m.as_str().to_string()).unwrap_or_default())
                        .collect();
                    Some((name, mm))
                });
                match found {
                    Some((name, mm)) => self.render(name, member, matches, &mm, span),
                    None => {
                        report(span, messages::no_transform_for_member(member, source));
                        None
                    }
                }
            }
        }
    }

    fn style_import(
        &self,
        rule: &Rule,
        member: &str,
        matches: &[String],
        span: Span,
        out: &mut Vec<ModuleItem>,
    ) {
        if let Some(style) = &rule.style {
            if let Some(src) = self.render(style, member, matches, &[], span) {
                out.push(ModuleItem::ModuleDecl(ModuleDecl::Import(ImportDecl {
                    span,
                    specifiers: vec![],
                    src: str_lit(src, span),
                    type_only: false,
                    with: None,
                    phase: Default::default(),
                })));
            }
        }
    }

    fn rewrite_import(&self, import: ImportDecl, out: &mut Vec<ModuleItem>) {
        let source = import.src.value.to_atom_lossy().to_string();
        let matched = if import.type_only || import.with.is_some() {
            None
        } else {
            self.rule_for(&source)
        };
        let Some((rule, matches)) = matched else {
            out.push(ModuleItem::ModuleDecl(ModuleDecl::Import(import)));
            return;
        };
        if import.specifiers.is_empty() && rule.prevent_full_import {
            report(
                import.span,
                messages::full_import_prevented(&rule.key, &source),
            );
        }

        let mut kept = vec![];
        for spec in import.specifiers.iter().cloned() {
            let (member, local, named) = match &spec {
                ImportSpecifier::Named(n) if !n.is_type_only => (
                    n.imported
                        .as_ref()
                        .map_or_else(|| n.local.sym.to_string(), export_name_text),
                    n.local.clone(),
                    true,
                ),
                ImportSpecifier::Default(d) if rule.handle_default_import => {
                    (d.local.sym.to_string(), d.local.clone(), false)
                }
                ImportSpecifier::Namespace(n) if rule.handle_namespace_import => {
                    let Some(src) = self.source_for(rule, &source, &n.local.sym, &matches, n.span)
                    else {
                        continue;
                    };
                    out.push(import_item(import.span, spec.clone(), src));
                    continue;
                }
                ImportSpecifier::Named(_) => {
                    kept.push(spec);
                    continue;
                }
                ImportSpecifier::Default(_) | ImportSpecifier::Namespace(_) => {
                    if rule.prevent_full_import {
                        report(
                            spec_span(&spec),
                            messages::full_import_prevented(&rule.key, &source),
                        );
                    }
                    kept.push(spec);
                    continue;
                }
            };
            let span = spec_span(&spec);
            let Some(src) = self.source_for(rule, &source, &member, &matches, span) else {
                continue;
            };
            let new_spec = if rule.skip_default_conversion && named {
                ImportSpecifier::Named(ImportNamedSpecifier {
                    span,
                    imported: (member != *local.sym).then(|| {
                        ModuleExportName::Ident(Ident::new_no_ctxt(member.clone().into(), span))
                    }),
                    local,
                    is_type_only: false,
                })
            } else {
                ImportSpecifier::Default(ImportDefaultSpecifier { span, local })
            };
            out.push(import_item(import.span, new_spec, src));
            self.style_import(rule, &member, &matches, span, out);
        }
        if !kept.is_empty() || import.specifiers.is_empty() {
            out.push(ModuleItem::ModuleDecl(ModuleDecl::Import(ImportDecl {
                specifiers: kept,
                ..import
            })));
        }
    }

    fn rewrite_export(&self, export: NamedExport, out: &mut Vec<ModuleItem>) {
        let source = export
            .src
            .as_ref()
            .map(|s| s.value.to_atom_lossy().to_string())
            .unwrap_or_default();
        let matched = if export.type_only || export.with.is_some() {
            None
        } else {
            self.rule_for(&source)
        };
        let Some((rule, matches)) = matched else {
            out.push(ModuleItem::ModuleDecl(ModuleDecl::ExportNamed(export)));
            return;
        };
        let mut kept = vec![];
        for spec in export.specifiers.iter().cloned() {
            let ExportSpecifier::Named(named) = &spec else {
                if rule.prevent_full_import {
                    report(
                        export.span,
                        messages::full_import_prevented(&rule.key, &source),
                    );
                }
                kept.push(spec);
                continue;
            };
            if named.is_type_only {
                kept.push(spec);
                continue;
            }
            let member = export_name_text(&named.orig);
            let Some(src) = self.source_for(rule, &source, &member, &matches, named.span) else {
                continue;
            };
            let exported = named.exported.clone().unwrap_or_else(|| named.orig.clone());
            let orig = if rule.skip_default_conversion {
                named.orig.clone()
            } else {
                ModuleExportName::Ident(Ident::new_no_ctxt("default".into(), named.span))
            };
            let exported =
                (export_name_text(&orig) != export_name_text(&exported)).then_some(exported);
            out.push(ModuleItem::ModuleDecl(ModuleDecl::ExportNamed(
                NamedExport {
                    span: export.span,
                    specifiers: vec![ExportSpecifier::Named(ExportNamedSpecifier {
                        span: named.span,
                        orig,
                        exported,
                        is_type_only: false,
                    })],
                    src: Some(str_lit(src, export.span)),
                    type_only: false,
                    with: None,
                },
            )));
            self.style_import(rule, &member, &matches, named.span, out);
        }
        if !kept.is_empty() {
            out.push(ModuleItem::ModuleDecl(ModuleDecl::ExportNamed(
                NamedExport {
                    specifiers: kept,
                    ..export
                },
            )));
        }
    }
}

fn spec_span(spec: &ImportSpecifier) -> Span {
    match spec {
        ImportSpecifier::Named(n) => n.span,
        ImportSpecifier::Default(d) => d.span,
        ImportSpecifier::Namespace(n) => n.span,
    }
}

fn import_item(span: Span, spec: ImportSpecifier, src: String) -> ModuleItem {
    ModuleItem::ModuleDecl(ModuleDecl::Import(ImportDecl {
        span,
        specifiers: vec![spec],
        src: str_lit(src, span),
        type_only: false,
        with: None,
        phase: Default::default(),
    }))
}

impl VisitMut for ModularizeImports {
    noop_visit_mut_type!();

    fn visit_mut_module_items(&mut self, items: &mut Vec<ModuleItem>) {
        let mut out = Vec::with_capacity(items.len());
        for item in items.drain(..) {
            match item {
                ModuleItem::ModuleDecl(ModuleDecl::Import(import)) => {
                    self.rewrite_import(import, &mut out)
                }
                ModuleItem::ModuleDecl(ModuleDecl::ExportNamed(export)) if export.src.is_some() => {
                    self.rewrite_export(export, &mut out)
                }
                ModuleItem::ModuleDecl(ModuleDecl::ExportAll(all)) => {
                    let source = all.src.value.to_atom_lossy().to_string();
                    if let Some((rule, _)) = self
                        .rule_for(&source)
                        .filter(|(r, _)| r.prevent_full_import && !all.type_only)
                    {
                        report(
                            all.span,
                            messages::full_import_prevented(&rule.key, &source),
                        );
                    }
                    out.push(ModuleItem::ModuleDecl(ModuleDecl::ExportAll(all)));
                }
                other => out.push(other),
            }
        }
        *items = out;
    }
}
