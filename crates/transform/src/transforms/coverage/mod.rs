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

mod file_coverage;
mod hints;
mod location;
mod runtime;

use std::cell::RefCell;

use swc_core::{
    common::{comments::SingleThreadedComments, BytePos, SourceFile, Span, Spanned, DUMMY_SP},
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
        in_block: false,
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
    /// That list is the program's or a block statement's, where Istanbul moves the counter
    /// of `const f = () => …` before the declaration to keep the function's name.
    in_block: bool,
    /// The item is a variable declaration (exported or not), for `visit_mut_var_decl`.
    hoistable: bool,
    /// The declaration being visited is such an item.
    declaration_hoistable: bool,
    /// The expression being entered is an operand of `&&`, `||` or `??`.
    parent_logical: bool,
}

fn unparen(expr: &Expr) -> &Expr {
    match expr {
        Expr::Paren(p) => unparen(&p.expr),
        e => e,
    }
}

fn is_logical(expr: &Expr) -> bool {
    matches!(expr, Expr::Bin(b) if matches!(b.op, BinaryOp::LogicalAnd | BinaryOp::LogicalOr | BinaryOp::NullishCoalescing))
}

/// Where a class or class member starts for Babel: at its first decorator.
fn start_with(span: Span, decorators: &[Decorator]) -> BytePos {
    decorators
        .first()
        .map_or(span.lo, |d| d.span.lo.min(span.lo))
}

/// Wraps a body that is no block in one, as Istanbul does before counting; true if it did.
fn blockify(stmt: &mut Box<Stmt>) -> bool {
    if matches!(**stmt, Stmt::Block(_)) {
        return false;
    }
    let inner = std::mem::replace(&mut **stmt, Stmt::Empty(EmptyStmt { span: DUMMY_SP }));
    **stmt = Stmt::Block(BlockStmt {
        span: inner.span(),
        stmts: vec![inner],
        ..Default::default()
    });
    true
}

fn block_stmts(stmt: &mut Stmt) -> &mut Vec<Stmt> {
    match stmt {
        Stmt::Block(b) => &mut b.stmts,
        _ => unreachable!("blockified"),
    }
}

/// A statement list: the program's, a block's, a case's or a namespace's.
trait Item: Spanned + Sized {
    fn as_stmt(&self) -> Option<&Stmt>;
    fn from_stmt(stmt: Stmt) -> Self;
    fn is_var_decl(&self) -> bool;
}

impl Item for Stmt {
    fn as_stmt(&self) -> Option<&Stmt> {
        Some(self)
    }
    fn from_stmt(stmt: Stmt) -> Self {
        stmt
    }
    fn is_var_decl(&self) -> bool {
        matches!(self, Stmt::Decl(Decl::Var(_)))
    }
}

impl Item for ModuleItem {
    fn as_stmt(&self) -> Option<&Stmt> {
        self.as_stmt()
    }
    fn from_stmt(stmt: Stmt) -> Self {
        ModuleItem::Stmt(stmt)
    }
    fn is_var_decl(&self) -> bool {
        match self {
            ModuleItem::Stmt(s) => s.is_var_decl(),
            ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(e)) => matches!(e.decl, Decl::Var(_)),
            _ => false,
        }
    }
}

impl Instrument<'_> {
    fn range(&self, span: Span) -> Range {
        self.lines.range(span)
    }

    /// The hint of a node entered now at `lo` (only the outermost node there has one).
    fn enter(&mut self, lo: BytePos) -> Option<Hint> {
        self.hints.claim(lo)
    }

    fn count_statement(&mut self, span: Span) {
        let range = self.range(span);
        let i = self.cov.statement(range);
        let counter = self.runtime.counter("s", i, None);
        self.before.push(statement(counter));
    }

    /// Counts `expr` as a statement inside it: `(counter, expr)`.
    fn count_expression(&mut self, expr: &mut Box<Expr>) {
        self.drop_hint(expr);
        let range = self.range(unparen(expr).span());
        let i = self.cov.statement(range);
        let counter = self.runtime.counter("s", i, None);
        *expr = counted(counter, std::mem::take(expr));
    }

    /// A path of `branch` at `expr`, counted inside it.
    fn count_path(&mut self, branch: usize, expr: &mut Box<Expr>) {
        let range = self.range(unparen(expr).span());
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

    /// Visits a statement list, putting each item's counters before it.
    fn list<T: Item + VisitMutWith<Self>>(
        &mut self,
        items: &mut Vec<T>,
        in_block: bool,
        directives: bool,
    ) {
        let prologue = match directives {
            true => prologue_len(items.iter().map(Item::as_stmt)),
            false => 0,
        };
        let saved_before = std::mem::take(&mut self.before);
        let saved_in_block = std::mem::replace(&mut self.in_block, in_block);
        let mut out = Vec::with_capacity(items.len() * 2);
        for (i, mut item) in std::mem::take(items).into_iter().enumerate() {
            // Directives are no statements to Istanbul; our own counters have no place.
            if i < prologue || item.span().is_dummy() {
                out.push(item);
                continue;
            }
            self.hoistable = in_block && item.is_var_decl();
            item.visit_mut_with(self);
            self.hoistable = false;
            out.extend(self.before.drain(..).map(T::from_stmt));
            out.push(item);
        }
        *items = out;
        self.before = saved_before;
        self.in_block = saved_in_block;
    }

    /// A block statement's contents; `synthetic` blocks (made by `blockify`) are no node
    /// of the source's and take no hint.
    fn block(&mut self, block: &mut BlockStmt, synthetic: bool) {
        if !synthetic && self.enter(block.span.lo) == Some(Hint::Next) {
            return;
        }
        self.list(&mut block.stmts, true, false);
    }

    fn body(&mut self, stmt: &mut Stmt, synthetic: bool) {
        if let Stmt::Block(b) = stmt {
            self.block(b, synthetic);
        }
    }

    fn if_stmt(&mut self, s: &mut IfStmt, hint: Option<Hint>) {
        let cons_synthetic = blockify(&mut s.cons);
        let alt_synthetic = match &mut s.alt {
            Some(alt) => blockify(alt),
            None => true,
        };
        let alt_range = match &s.alt {
            Some(alt) => self.range(alt.span()),
            None => Range(None),
        };
        self.count_statement(s.span);
        let branch = self.cov.branch("if", self.range(s.span));
        let ignore_if = hint == Some(Hint::If);
        let ignore_else = hint == Some(Hint::Else);
        if !ignore_if {
            let path = self.cov.path(branch, self.range(s.span));
            let counter = self.runtime.counter("b", branch, Some(path));
            block_stmts(&mut s.cons).insert(0, statement(counter));
        }
        if !ignore_else {
            let path = self.cov.path(branch, alt_range);
            let counter = self.runtime.counter("b", branch, Some(path));
            let alt = s.alt.get_or_insert_with(|| {
                Box::new(Stmt::Block(BlockStmt {
                    span: DUMMY_SP,
                    ..Default::default()
                }))
            });
            block_stmts(alt).insert(0, statement(counter));
        }
        s.test.visit_mut_with(self);
        if !ignore_if {
            self.body(&mut s.cons, cons_synthetic);
        }
        if !ignore_else {
            if let Some(alt) = &mut s.alt {
                self.body(alt, alt_synthetic);
            }
        }
    }

    fn switch(&mut self, s: &mut SwitchStmt) {
        let branch = self.cov.branch("switch", self.range(s.span));
        self.count_statement(s.span);
        s.discriminant.visit_mut_with(self);
        for case in &mut s.cases {
            if self.enter(case.span.lo) == Some(Hint::Next) {
                continue;
            }
            let path = self.cov.path(branch, self.range(case.span));
            let counter = self.runtime.counter("b", branch, Some(path));
            case.cons.insert(0, statement(counter));
            case.test.visit_mut_with(self);
            self.list(&mut case.cons, false, false);
        }
    }

    fn ternary(&mut self, c: &mut CondExpr) {
        let branch = self.cov.branch("cond-expr", self.range(c.span));
        for expr in [&mut c.cons, &mut c.alt] {
            if self.hints.peek(unparen(expr).span().lo) != Some(Hint::Next) {
                self.drop_hint(expr);
                self.count_path(branch, expr);
            }
        }
        c.visit_mut_children_with(self);
    }

    /// Counts each operand of a chain of `&&`, `||` and `??` that is not itself one.
    fn logical_leaves(&mut self, branch: usize, expr: &mut Box<Expr>) {
        let inner = unparen(expr);
        if self.hints.peek(inner.span().lo) == Some(Hint::Next) {
            return;
        }
        if !is_logical(inner) {
            return self.count_path(branch, expr);
        }
        let mut slot: &mut Expr = expr;
        while let Expr::Paren(p) = slot {
            slot = &mut p.expr;
        }
        if let Expr::Bin(b) = slot {
            self.logical_leaves(branch, &mut b.left);
            self.logical_leaves(branch, &mut b.right);
        }
    }

    /// Babel's `replaceWith` moves an expression's comments to the sequence that wraps it,
    /// so an expression Istanbul wraps this way loses its hint.
    fn drop_hint(&mut self, expr: &Expr) {
        self.hints.claim(unparen(expr).span().lo);
    }

    fn default_value(&mut self, span: Span, right: &mut Box<Expr>) {
        self.drop_hint(right);
        let branch = self.cov.branch("default-arg", self.range(span));
        self.count_path(branch, right);
    }

    fn function(&mut self, f: &mut Function, name: Option<String>, decl: Range) {
        if let Some(body) = &mut f.body {
            self.count_function(name, decl, body);
        }
        f.visit_mut_children_with(self);
    }

    fn class(&mut self, class: &mut Class, declaration: bool) {
        let hint = self.enter(start_with(class.span, &class.decorators));
        if declaration && hint == Some(Hint::Next) {
            return;
        }
        // Babel's order: decorators, the super class, then the body.
        class.decorators.visit_mut_with(self);
        class.super_class.visit_mut_with(self);
        class.body.visit_mut_with(self);
    }

    /// A method of a class or an object; `key` is its name if an identifier.
    fn method(&mut self, lo: BytePos, key: &mut PropName, f: &mut Function) {
        let decl = self.lines.first_char(lo);
        if let Some(body) = &mut f.body {
            self.count_function(None, decl, body);
        }
        // Babel's order: decorators, key, parameters, body.
        f.decorators.visit_mut_with(self);
        key.visit_mut_with(self);
        f.params.visit_mut_with(self);
        f.body.visit_mut_with(self);
    }

    fn field(
        &mut self,
        decorators: &mut Vec<Decorator>,
        value: &mut Option<Box<Expr>>,
        counted: bool,
    ) {
        if let (true, Some(value)) = (counted, value.as_mut()) {
            self.count_expression(value);
        }
        decorators.visit_mut_with(self);
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
        match stmt {
            Stmt::Block(b) => return self.visit_mut_block_stmt(b),
            Stmt::Decl(d) => return self.visit_mut_decl(d),
            _ => {}
        }
        let span = stmt.span();
        let hint = self.enter(span.lo);
        if hint == Some(Hint::Next) || matches!(stmt, Stmt::Empty(_)) {
            return;
        }
        match stmt {
            Stmt::If(s) => self.if_stmt(s, hint),
            Stmt::Switch(s) => self.switch(s),
            Stmt::For(s) => {
                let synthetic = blockify(&mut s.body);
                self.count_statement(span);
                s.init.visit_mut_with(self);
                s.test.visit_mut_with(self);
                s.update.visit_mut_with(self);
                self.body(&mut s.body, synthetic);
            }
            Stmt::ForIn(s) => {
                let synthetic = blockify(&mut s.body);
                self.count_statement(span);
                s.left.visit_mut_with(self);
                s.right.visit_mut_with(self);
                self.body(&mut s.body, synthetic);
            }
            Stmt::ForOf(s) => {
                let synthetic = blockify(&mut s.body);
                self.count_statement(span);
                s.left.visit_mut_with(self);
                s.right.visit_mut_with(self);
                self.body(&mut s.body, synthetic);
            }
            Stmt::While(s) => {
                let synthetic = blockify(&mut s.body);
                self.count_statement(span);
                s.test.visit_mut_with(self);
                self.body(&mut s.body, synthetic);
            }
            Stmt::DoWhile(s) => {
                let synthetic = blockify(&mut s.body);
                self.count_statement(span);
                // Babel visits the body first.
                self.body(&mut s.body, synthetic);
                s.test.visit_mut_with(self);
            }
            Stmt::With(s) => {
                let synthetic = blockify(&mut s.body);
                self.count_statement(span);
                s.obj.visit_mut_with(self);
                self.body(&mut s.body, synthetic);
            }
            _ => {
                self.count_statement(span);
                stmt.visit_mut_children_with(self);
            }
        }
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
                    && matches!(unparen(init), Expr::Fn(_) | Expr::Arrow(_) | Expr::Class(_))
                {
                    self.count_statement(unparen(init).span());
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
            Expr::Bin(b) if is_logical_op(b.op) => {
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
        if self.enter(a.span.lo) == Some(Hint::Next) {
            return;
        }
        let decl = self.lines.first_char(a.span.lo);
        match &mut *a.body {
            ArrowFunctionBody::FunctionBody(body) => {
                self.count_function(None, decl, body);
                a.params.visit_mut_with(self);
                self.visit_mut_function_body(body);
            }
            // `=> x` becomes `=> { return x; }`, and the return is a statement.
            ArrowFunctionBody::Expr(expr) => {
                let span = unparen(expr).span();
                let mut body = FunctionBody {
                    span,
                    stmts: vec![],
                };
                self.count_function(None, decl, &mut body);
                a.params.visit_mut_with(self);
                let i = self.cov.statement(self.range(span));
                body.stmts
                    .push(statement(self.runtime.counter("s", i, None)));
                let mut arg = std::mem::take(expr);
                self.visit_mut_expr(&mut arg);
                body.stmts.push(Stmt::Return(ReturnStmt {
                    span,
                    arg: Some(arg),
                }));
                *a.body = ArrowFunctionBody::FunctionBody(body);
            }
        }
    }

    fn visit_mut_class_member(&mut self, member: &mut ClassMember) {
        match member {
            ClassMember::Method(m) => {
                let lo = start_with(m.span, &m.function.decorators);
                if self.enter(lo) == Some(Hint::Next) {
                    return;
                }
                if matches!(&m.key, PropName::Ident(k) if self.ignores_method(&k.sym)) {
                    return;
                }
                self.method(lo, &mut m.key, &mut m.function);
            }
            ClassMember::Constructor(c) => {
                if self.enter(c.span.lo) == Some(Hint::Next) || self.ignores_method("constructor") {
                    return;
                }
                let decl = self.lines.first_char(c.span.lo);
                if let Some(body) = &mut c.body {
                    self.count_function(None, decl, body);
                }
                c.key.visit_mut_with(self);
                c.params.visit_mut_with(self);
                c.body.visit_mut_with(self);
            }
            // Not a function to Istanbul, and not a node its hints apply to.
            ClassMember::PrivateMethod(m) => {
                self.enter(start_with(m.span, &m.function.decorators));
                m.function.decorators.visit_mut_with(self);
                m.function.params.visit_mut_with(self);
                m.function.body.visit_mut_with(self);
            }
            ClassMember::ClassProp(p) => {
                let hint = self.enter(start_with(p.span, &p.decorators));
                if hint == Some(Hint::Next) {
                    return;
                }
                self.field(&mut p.decorators, &mut p.value, true);
                p.key.visit_mut_with(self);
                p.value.visit_mut_with(self);
            }
            ClassMember::PrivateProp(p) => {
                let hint = self.enter(start_with(p.span, &p.decorators));
                if hint == Some(Hint::Next) {
                    return;
                }
                self.field(&mut p.decorators, &mut p.value, true);
                p.value.visit_mut_with(self);
            }
            ClassMember::AutoAccessor(a) => {
                self.enter(start_with(a.span, &a.decorators));
                self.field(&mut a.decorators, &mut a.value, false);
                a.key.visit_mut_with(self);
                a.value.visit_mut_with(self);
            }
            // Babel's static block holds its statements with no block in between.
            ClassMember::StaticBlock(s) => {
                self.enter(s.span.lo);
                self.list(&mut s.body.stmts, false, false);
            }
            ClassMember::TsIndexSignature(_) | ClassMember::Empty(_) => {}
        }
    }

    fn visit_mut_prop(&mut self, prop: &mut Prop) {
        match prop {
            Prop::Method(m) => {
                let lo = m.function.span.lo;
                if self.enter(lo) != Some(Hint::Next) {
                    self.method(lo, &mut m.key, &mut m.function);
                }
            }
            Prop::Getter(g) => {
                if self.enter(g.span.lo) != Some(Hint::Next) {
                    self.method(g.span.lo, &mut g.key, &mut g.function);
                }
            }
            Prop::Setter(s) => {
                if self.enter(s.span.lo) != Some(Hint::Next) {
                    self.method(s.span.lo, &mut s.key, &mut s.function);
                }
            }
            _ => {
                self.enter(prop.span().lo);
                prop.visit_mut_children_with(self);
            }
        }
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

fn is_logical_op(op: BinaryOp) -> bool {
    matches!(
        op,
        BinaryOp::LogicalAnd | BinaryOp::LogicalOr | BinaryOp::NullishCoalescing
    )
}
