//! `coverage`: Istanbul's instrumenter, on the source's own syntax tree before any other
//! pass rewrites it, as babel-plugin-istanbul runs inside babel-jest. The counters, the
//! maps and the coverage object are `istanbul-lib-instrument`'s, location for location.
//!
//! ```js
//! export const pick = (a, b = 1) => a ?? b;
//! ```
//! becomes (with the coverage function `cov_1x2y` declared above):
//! ```js
//! cov_1x2y().s[0]++;
//! export const pick = (a, b = (cov_1x2y().b[0][0]++, 1)) => {
//!     cov_1x2y().f[0]++;
//!     cov_1x2y().s[1]++;
//!     return (cov_1x2y().b[1][0]++, a) ?? (cov_1x2y().b[1][1]++, b);
//! };
//! ```
//!
//! What Istanbul counts: statements (not declarations of functions and classes, nor
//! `let x;`), each variable's and class field's initializer, functions (class and object
//! methods too, not private methods), and branches: `if` (with its implicit `else`),
//! `? :`, `&&`/`||`/`??` chains, `switch` cases and default values. Logical assignment
//! (`a ??= b`) is no branch to Istanbul, so it is none here. Hints are `istanbul ignore
//! next|if|else|file` comments (see `hints.rs`).

mod branches;
mod file_coverage;
mod functions;
mod hints;
mod location;
mod runtime;
mod statements;

use std::cell::RefCell;

use swc_core::{
    common::{comments::SingleThreadedComments, BytePos, SourceFile, Span, Spanned},
    ecma::{
        ast::*,
        visit::{visit_mut_pass, VisitMut, VisitMutWith},
    },
};

use self::{
    file_coverage::FileCoverage,
    hints::{Hint, Hints},
    location::{LineIndex, Range},
    runtime::{counted, statement, Runtime},
};
use super::prologue_len;
use crate::options::CoverageOptions;

pub use runtime::is_expression as is_scope_expression;

/// The coverage object's literal, which the printer writes where the tree has its
/// placeholder: on one line, where the printer would give each value a line of its own.
pub struct CoverageLiteral {
    pub placeholder: String,
    pub text: String,
}

/// `out` receives the literal of an instrumented file.
pub fn coverage<'a>(
    options: &'a CoverageOptions,
    filename: &'a str,
    file: &'a SourceFile,
    comments: &'a SingleThreadedComments,
    out: &'a RefCell<Option<CoverageLiteral>>,
) -> impl Pass + 'a {
    let lines = LineIndex::new(&file.src, file.start_pos);
    let hints = Hints::new(comments, &lines);
    visit_mut_pass(Instrument {
        options,
        filename,
        hints,
        lines,
        cov: FileCoverage::default(),
        runtime: Runtime::new(filename),
        out,
        before: Vec::new(),
        hoistable: false,
        declaration_hoistable: false,
        parent_logical: false,
    })
}

struct Instrument<'a> {
    options: &'a CoverageOptions,
    filename: &'a str,
    hints: Hints,
    lines: LineIndex<'a>,
    cov: FileCoverage,
    runtime: Runtime,
    out: &'a RefCell<Option<CoverageLiteral>>,
    /// Counters for before the statement-list item being visited.
    before: Vec<Stmt>,
    /// The item is a variable declaration (exported or not), for `visit_mut_var_decl`.
    hoistable: bool,
    /// The declaration being visited is such an item.
    declaration_hoistable: bool,
    /// The expression being entered is an operand of `&&`, `||` or `??`.
    parent_logical: bool,
}

impl Instrument<'_> {
    fn range(&self, span: Span) -> Range {
        self.lines.range(span)
    }

    /// The hint of a node entered now at `lo` (only the outermost node there has one).
    fn enter(&mut self, lo: BytePos) -> Option<Hint> {
        self.hints.claim(lo)
    }

    /// A statement at `span`, and its counter.
    fn statement_counter(&mut self, span: Span) -> Stmt {
        let i = self.cov.statement(self.range(span));
        statement(self.runtime.counter("s", i, None))
    }

    /// Counts the statement at `span` before the list item being visited.
    fn count_statement(&mut self, span: Span) {
        let counter = self.statement_counter(span);
        self.before.push(counter);
    }

    /// Counts `expr` as a statement inside it: `(counter, expr)`.
    fn count_expression(&mut self, expr: &mut Box<Expr>) {
        self.drop_hint(expr);
        let range = self.range(expr.unwrap_parens().span());
        let i = self.cov.statement(range);
        let counter = self.runtime.counter("s", i, None);
        *expr = counted(counter, std::mem::take(expr));
    }

    /// A path of `branch` at `expr`, counted inside it.
    fn count_path(&mut self, branch: usize, expr: &mut Box<Expr>) {
        let range = self.range(expr.unwrap_parens().span());
        let path = self.cov.path(branch, range);
        let counter = self.runtime.counter("b", branch, Some(path));
        *expr = counted(counter, std::mem::take(expr));
    }

    /// Registers a function and counts it at the top of `body`, after its directives.
    fn count_function(&mut self, name: Option<String>, decl: Range, body: &mut FunctionBody) {
        let loc = self.range(body.span);
        let i = self.cov.function(name, decl, loc);
        let at = prologue_len(body.stmts.iter().map(Some));
        let counter = self.runtime.counter("f", i, None);
        body.stmts.insert(at, statement(counter));
    }

    /// The coverage function, its object's literal handed to the printer.
    fn declaration(&mut self) -> Vec<Stmt> {
        let data = self.cov.to_value(self.filename);
        let hash = data["hash"].as_str().unwrap_or_default();
        let declaration = self.runtime.declaration(self.options, self.filename, hash);
        *self.out.borrow_mut() = Some(CoverageLiteral {
            placeholder: self.runtime.placeholder(),
            text: runtime::literal(&data),
        });
        declaration
    }

    fn ignores_method(&self, name: &str) -> bool {
        self.options.ignore_class_methods.iter().any(|n| n == name)
    }

    /// Babel's `replaceWith` moves an expression's comments to the sequence that wraps it,
    /// so an expression Istanbul wraps this way loses its hint.
    fn drop_hint(&mut self, expr: &Expr) {
        self.hints.claim(expr.unwrap_parens().span().lo);
    }
}

impl VisitMut for Instrument<'_> {
    fn visit_mut_module(&mut self, module: &mut Module) {
        if self.hints.ignore_file {
            return;
        }
        self.list(&mut module.body, true, true);
        let at = prologue_len(module.body.iter().map(ModuleItem::as_stmt));
        let declaration = self.declaration();
        module
            .body
            .splice(at..at, declaration.into_iter().map(ModuleItem::Stmt));
    }

    fn visit_mut_script(&mut self, script: &mut Script) {
        if self.hints.ignore_file {
            return;
        }
        self.list(&mut script.body, true, true);
        let at = prologue_len(script.body.iter().map(Some));
        let declaration = self.declaration();
        script.body.splice(at..at, declaration);
    }

    fn visit_mut_module_decl(&mut self, decl: &mut ModuleDecl) {
        let hint = self.enter(decl.span().lo);
        match decl {
            ModuleDecl::ExportDecl(_)
            | ModuleDecl::ExportNamed(_)
            | ModuleDecl::ExportDefaultExpr(_)
                if hint == Some(Hint::Next) => {}
            ModuleDecl::ExportDefaultDecl(e) => {
                if hint == Some(Hint::Next) {
                    return;
                }
                // Babel's FunctionDeclaration and ClassDeclaration, with their hints.
                match &mut e.decl {
                    DefaultDecl::Class(c) => self.class(&mut c.class, true),
                    DefaultDecl::Fn(f) => self.visit_mut_fn_expr(f),
                    DefaultDecl::TsInterfaceDecl(_) => {}
                }
            }
            _ => decl.visit_mut_children_with(self),
        }
    }

    fn visit_mut_stmt(&mut self, stmt: &mut Stmt) {
        self.statement(stmt);
    }

    fn visit_mut_block_stmt(&mut self, block: &mut BlockStmt) {
        self.block(block, false);
    }

    fn visit_mut_function_body(&mut self, body: &mut FunctionBody) {
        if self.enter(body.span.lo) == Some(Hint::Next) {
            return;
        }
        self.list(&mut body.stmts, true, true);
    }

    fn visit_mut_decl(&mut self, decl: &mut Decl) {
        match decl {
            Decl::Class(c) => self.class(&mut c.class, true),
            Decl::Fn(f) => {
                let hint = self.enter(f.function.span.lo);
                if f.function.body.is_none() || hint == Some(Hint::Next) {
                    return;
                }
                let decl = self.range(f.ident.span);
                self.function(&mut f.function, Some(f.ident.sym.to_string()), decl);
            }
            Decl::Var(v) => self.visit_mut_var_decl(v),
            Decl::Using(u) => {
                self.enter(u.span.lo);
                u.decls.visit_mut_with(self);
            }
            Decl::TsInterface(_) | Decl::TsTypeAlias(_) => {}
            Decl::TsEnum(e) => {
                self.enter(e.span.lo);
                e.members.visit_mut_with(self);
            }
            Decl::TsModule(m) => {
                self.enter(m.span.lo);
                m.body.visit_mut_with(self);
            }
        }
    }

    fn visit_mut_ts_module_block(&mut self, block: &mut TsModuleBlock) {
        self.list(&mut block.body, false, false);
    }

    fn visit_mut_var_decl(&mut self, v: &mut VarDecl) {
        let hoistable = std::mem::take(&mut self.hoistable);
        if self.enter(v.span.lo) == Some(Hint::Next) {
            return;
        }
        let saved = std::mem::replace(&mut self.declaration_hoistable, hoistable);
        v.decls.visit_mut_with(self);
        self.declaration_hoistable = saved;
    }

    fn visit_mut_var_declarator(&mut self, d: &mut VarDeclarator) {
        let hoistable = std::mem::take(&mut self.declaration_hoistable);
        if self.enter(d.span.lo) != Some(Hint::Next) {
            if let Some(init) = &mut d.init {
                // A function or class keeps its name: its counter goes before the declaration.
                if hoistable
                    && matches!(
                        init.unwrap_parens(),
                        Expr::Fn(_) | Expr::Arrow(_) | Expr::Class(_)
                    )
                {
                    self.count_statement(init.unwrap_parens().span());
                } else {
                    self.count_expression(init);
                }
            }
            d.name.visit_mut_with(self);
            d.init.visit_mut_with(self);
        }
        self.declaration_hoistable = hoistable;
    }

    fn visit_mut_expr(&mut self, expr: &mut Expr) {
        let parent_logical = std::mem::take(&mut self.parent_logical);
        match expr {
            // Babel has no node for parentheses.
            Expr::Paren(p) => {
                self.parent_logical = parent_logical;
                self.visit_mut_expr(&mut p.expr);
            }
            Expr::Fn(f) => self.visit_mut_fn_expr(f),
            Expr::Arrow(a) => self.visit_mut_arrow_expr(a),
            Expr::Class(c) => self.class(&mut c.class, false),
            Expr::Cond(c) => {
                if self.enter(c.span.lo) != Some(Hint::Next) {
                    self.ternary(c);
                }
            }
            Expr::Bin(b) if branches::is_logical_op(b.op) => {
                if self.enter(b.span.lo) == Some(Hint::Next) {
                    return;
                }
                // The outermost operator of a chain counts every operand.
                if !parent_logical {
                    let branch = self.cov.branch("binary-expr", self.range(b.span));
                    self.logical_leaves(branch, &mut b.left);
                    self.logical_leaves(branch, &mut b.right);
                }
                for side in [&mut b.left, &mut b.right] {
                    self.parent_logical = true;
                    self.visit_mut_expr(side);
                }
                self.parent_logical = false;
            }
            _ => {
                if !expr.span().is_dummy() {
                    self.enter(expr.span().lo);
                }
                expr.visit_mut_children_with(self);
            }
        }
    }

    fn visit_mut_fn_expr(&mut self, f: &mut FnExpr) {
        if self.enter(f.function.span.lo) == Some(Hint::Next) {
            return;
        }
        let name = f.ident.as_ref().map(|i| i.sym.to_string());
        if name.as_deref().is_some_and(|n| self.ignores_method(n)) {
            return;
        }
        let decl = match &f.ident {
            Some(ident) => self.range(ident.span),
            None => self.lines.first_char(f.function.span.lo),
        };
        self.function(&mut f.function, name, decl);
    }

    fn visit_mut_arrow_expr(&mut self, a: &mut ArrowExpr) {
        self.arrow(a);
    }

    fn visit_mut_class_member(&mut self, member: &mut ClassMember) {
        self.class_member(member);
    }

    fn visit_mut_prop(&mut self, prop: &mut Prop) {
        self.prop(prop);
    }

    fn visit_mut_pat(&mut self, pat: &mut Pat) {
        match pat {
            Pat::Assign(a) => self.visit_mut_assign_pat(a),
            _ => {
                self.enter(pat.span().lo);
                pat.visit_mut_children_with(self);
            }
        }
    }

    fn visit_mut_assign_pat(&mut self, a: &mut AssignPat) {
        if self.enter(a.span.lo) == Some(Hint::Next) {
            return;
        }
        self.default_value(a.span, &mut a.right);
        a.left.visit_mut_with(self);
        a.right.visit_mut_with(self);
    }

    /// `{ a = 1 }`: Babel's object property owns any hint, and its value is the default.
    fn visit_mut_assign_pat_prop(&mut self, p: &mut AssignPatProp) {
        self.enter(p.span.lo);
        if let Some(value) = &mut p.value {
            self.default_value(p.span, value);
        }
        p.value.visit_mut_with(self);
    }

    fn visit_mut_decorator(&mut self, d: &mut Decorator) {
        self.enter(d.span.lo);
        d.expr.visit_mut_with(self);
    }

    // Types hold no code.
    fn visit_mut_ts_type(&mut self, _: &mut TsType) {}
    fn visit_mut_ts_type_ann(&mut self, _: &mut TsTypeAnn) {}
    fn visit_mut_ts_type_param_decl(&mut self, _: &mut TsTypeParamDecl) {}
    fn visit_mut_ts_type_param_instantiation(&mut self, _: &mut TsTypeParamInstantiation) {}
}
