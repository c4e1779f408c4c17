//! `typeOnlyExports`: what other modules export only as types, as a host that sees them
//! knows (`{ "./common": ["PathString"] }`). Re-exports of those names are dropped, as
//! `tsc` drops them when it sees the whole program; a file-at-a-time compiler cannot know.
//!
//! ```ts
//! export { PathString, path } from './common';   // → export { path } from './common';
//! export { PathString } from './common';         // → (removed)
//! import { PathString } from './common';
//! export { PathString };                         // → (both removed)
//! ```

use rustc_hash::{FxHashMap, FxHashSet};
use swc_core::{
    atoms::Atom,
    ecma::{
        ast::*,
        visit::{noop_visit_mut_type, visit_mut_pass, VisitMut},
    },
};

pub fn type_only_exports(types: FxHashMap<String, Vec<String>>) -> impl Pass {
    visit_mut_pass(TypeOnlyExports {
        types: types
            .into_iter()
            .map(|(k, v)| (k, v.into_iter().collect()))
            .collect(),
    })
}

struct TypeOnlyExports {
    /// Specifier → names that module exports only as types.
    types: FxHashMap<String, FxHashSet<String>>,
}

fn name_of(name: &ModuleExportName) -> String {
    match name {
        ModuleExportName::Ident(i) => i.sym.to_string(),
        ModuleExportName::Str(s) => s.value.to_string_lossy().into_owned(),
    }
}

impl TypeOnlyExports {
    fn is_type(&self, src: &Str, name: &str) -> bool {
        let src = src.value.to_string_lossy();
        self.types
            .get(src.as_ref())
            .is_some_and(|names| names.contains(name))
    }
}

impl VisitMut for TypeOnlyExports {
    noop_visit_mut_type!();

    fn visit_mut_module_items(&mut self, items: &mut Vec<ModuleItem>) {
        // Imports of such types, by their local names.
        let mut dropped: FxHashSet<Atom> = FxHashSet::default();
        items.retain_mut(|item| match item {
            ModuleItem::ModuleDecl(ModuleDecl::Import(import)) if !import.type_only => {
                let before = import.specifiers.len();
                import.specifiers.retain(|spec| match spec {
                    ImportSpecifier::Named(n) if !n.is_type_only => {
                        let there = n.imported.as_ref().map(name_of).unwrap_or_else(|| n.local.sym.to_string());
                        let drop = self.is_type(&import.src, &there);
                        if drop {
                            dropped.insert(n.local.sym.clone());
                        }
                        !drop
                    }
                    _ => true,
                });
                before == 0 || !import.specifiers.is_empty()
            }
            ModuleItem::ModuleDecl(ModuleDecl::ExportNamed(named)) if !named.type_only => {
                let before = named.specifiers.len();
                named.specifiers.retain(|spec| match spec {
                    ExportSpecifier::Named(n) if !n.is_type_only => match &named.src {
                        Some(src) => !self.is_type(src, &name_of(&n.orig)),
                        None => !matches!(&n.orig, ModuleExportName::Ident(i) if dropped.contains(&i.sym)),
                    },
                    _ => true,
                });
                before == 0 || !named.specifiers.is_empty()
            }
            _ => true,
        });
    }
}
