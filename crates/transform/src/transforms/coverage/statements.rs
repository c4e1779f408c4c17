//! Statements: the lists counters go into, blocks, `if` with its implicit `else`, `switch`,
//! loops (their bodies made blocks first, as Istanbul does).

use swc_core::{
    common::{Spanned, DUMMY_SP},
    ecma::{
        ast::*,
        visit::{VisitMut, VisitMutWith},
    },
};

use super::{hints::Hint, location::Range, runtime::statement, Instrument};
use crate::transforms::prologue_len;

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
pub(super) trait Item: Spanned + Sized {
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
    /// Visits a statement list, putting each item's counters before it. `in_block`: the
    /// list is the program's or a block statement's, where Istanbul moves the counter of
    /// `const f = () => …` before the declaration, to keep the function's name.
    pub(super) fn list<T: Item + VisitMutWith<Self>>(
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
    }

    /// A block statement's contents; `synthetic` blocks (made by `blockify`) are no node
    /// of the source's and take no hint.
    pub(super) fn block(&mut self, block: &mut BlockStmt, synthetic: bool) {
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

    pub(super) fn statement(&mut self, stmt: &mut Stmt) {
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
}
