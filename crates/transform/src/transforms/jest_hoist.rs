//! `jest`: moves `jest.mock(...)` and its kin above the module's `require`s, as
//! babel-plugin-jest-hoist does, so mocks are registered before the mocked modules load.
//!
//! ```js
//! const _a = require("./a");
//! jest.mock("./a", () => ({ a: 1 }));
//! // →
//! jest.mock("./a", () => ({ a: 1 }));
//! const _a = require("./a");
//! ```
//!
//! Runs after the CommonJS transform. `jest` may be the global or come from
//! `@jest/globals` (then that `require` is hoisted first). Factories may refer to
//! `mock`-prefixed variables, which Jest allows; nothing else is checked.

use swc_core::{
    atoms::Atom,
    ecma::{
        ast::*,
        visit::{noop_visit_mut_type, visit_mut_pass, VisitMut},
    },
};

const HOISTED: [&str; 5] = [
    "mock",
    "unmock",
    "enableAutomock",
    "disableAutomock",
    "deepUnmock",
];

pub fn jest_hoist() -> impl Pass {
    visit_mut_pass(JestHoist { globals: None })
}

struct JestHoist {
    /// The binding `require("@jest/globals")` is assigned to, if any.
    globals: Option<Atom>,
}

fn require_of(expr: &Expr) -> Option<&str> {
    let Expr::Call(CallExpr {
        callee: Callee::Expr(callee),
        args,
        ..
    }) = expr
    else {
        return None;
    };
    let Expr::Ident(id) = &**callee else {
        return None;
    };
    if &*id.sym != "require" {
        return None;
    }
    match args.first().map(|a| &*a.expr) {
        Some(Expr::Lit(Lit::Str(s))) => s.value.as_str(),
        _ => None,
    }
}

impl JestHoist {
    /// `const _globals = require("@jest/globals")`.
    fn globals_binding(stmt: &Stmt) -> Option<Atom> {
        let Stmt::Decl(Decl::Var(var)) = stmt else {
            return None;
        };
        let [decl] = var.decls.as_slice() else {
            return None;
        };
        let Pat::Ident(name) = &decl.name else {
            return None;
        };
        let init = decl.init.as_deref()?;
        // Through swc's interop helpers as well: `_interop_require_wildcard(require(...))`.
        let required = require_of(init).or_else(|| match init {
            Expr::Call(CallExpr { args, .. }) => args.first().and_then(|a| require_of(&a.expr)),
            _ => None,
        });
        (required == Some("@jest/globals")).then(|| name.id.sym.clone())
    }

    /// `jest`, or `_globals.jest` when `jest` came from `@jest/globals`.
    fn is_jest(&self, expr: &Expr) -> bool {
        match expr {
            Expr::Ident(id) => &*id.sym == "jest",
            Expr::Member(MemberExpr {
                obj,
                prop: MemberProp::Ident(p),
                ..
            }) => {
                &*p.sym == "jest"
                    && matches!(&**obj, Expr::Ident(o) if Some(&o.sym) == self.globals.as_ref())
            }
            Expr::Paren(p) => self.is_jest(&p.expr),
            Expr::Seq(s) => s.exprs.last().is_some_and(|e| self.is_jest(e)),
            _ => false,
        }
    }

    /// `jest.mock(...)`, possibly chained: `jest.mock("a").mock("b")`.
    fn is_hoisted_call(&self, expr: &Expr) -> bool {
        let Expr::Call(CallExpr {
            callee: Callee::Expr(callee),
            ..
        }) = expr
        else {
            return false;
        };
        let Expr::Member(MemberExpr {
            obj,
            prop: MemberProp::Ident(method),
            ..
        }) = &**callee
        else {
            return false;
        };
        HOISTED.contains(&&*method.sym) && (self.is_jest(obj) || self.is_hoisted_call(obj))
    }

    fn hoist<T>(&mut self, items: &mut Vec<T>, as_stmt: impl Fn(&T) -> Option<&Stmt>) {
        self.globals = items
            .iter()
            .filter_map(&as_stmt)
            .find_map(Self::globals_binding);
        let is_directive = |item: &T| matches!(as_stmt(item), Some(Stmt::Expr(ExprStmt { expr, .. })) if matches!(&**expr, Expr::Lit(Lit::Str(_))));
        let hoisted = |this: &Self, item: &T| match as_stmt(item) {
            Some(Stmt::Expr(ExprStmt { expr, .. })) => this.is_hoisted_call(expr),
            Some(stmt) => this.globals.is_some() && Self::globals_binding(stmt).is_some(),
            None => false,
        };
        if !items.iter().any(|i| hoisted(self, i)) {
            return;
        }
        let directives = items.iter().take_while(|i| is_directive(i)).count();
        let rest: Vec<T> = items.drain(directives..).collect();
        let (mut moved, kept): (Vec<T>, Vec<T>) = rest.into_iter().partition(|i| hoisted(self, i));
        // The `@jest/globals` require goes first: the calls use it.
        moved.sort_by_key(|i| as_stmt(i).and_then(Self::globals_binding).is_none());
        items.extend(moved);
        items.extend(kept);
    }
}

impl VisitMut for JestHoist {
    noop_visit_mut_type!();

    fn visit_mut_module_items(&mut self, items: &mut Vec<ModuleItem>) {
        self.hoist(items, |i| i.as_stmt());
    }

    fn visit_mut_script(&mut self, script: &mut Script) {
        self.hoist(&mut script.body, |s| Some(s));
    }
}
