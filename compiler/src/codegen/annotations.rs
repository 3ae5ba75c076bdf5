//! Annotations: a module or class body that annotates a plain name (`x: int`) gets an
//! `__annotations__` dict, filled as each annotated statement runs (as CPython 3.13);
//! a function's parameter and return annotations are evaluated lazily by an
//! `__annotate__` function (PEP 649, see `typeparams.rs`), passed as the annotations
//! operand of `MakeFunction` (flag 4). Annotations inside a function body are not
//! evaluated. Under `from __future__ import annotations` each annotation is kept as its
//! source text instead of being evaluated, and a function gets that dict directly.
use super::{CResult, Compiler, Const};
use crate::bytecode::Instr;
use crate::symtable::ScopeKind;
use ruff_python_ast::{self as ast, Expr, Stmt};

/// The module starts with `from __future__ import annotations` (among its leading
/// docstring and future imports).
pub(crate) fn future_annotations(body: &[Stmt]) -> bool {
    for (i, s) in body.iter().enumerate() {
        match s {
            Stmt::ImportFrom(f)
                if f.module
                    .as_ref()
                    .is_some_and(|m| m.as_str() == "__future__") =>
            {
                if f.names.iter().any(|a| a.name.as_str() == "annotations") {
                    return true;
                }
            }
            Stmt::Expr(e) if i == 0 && matches!(&*e.value, Expr::StringLiteral(_)) => {}
            _ => return false,
        }
    }
    false
}

/// Some statement of `body` (outside nested functions and classes) annotates a plain name.
fn has_simple_annotations(body: &[Stmt]) -> bool {
    body.iter().any(|s| match s {
        Stmt::AnnAssign(a) => a.simple && matches!(&*a.target, Expr::Name(_)),
        Stmt::If(i) => {
            has_simple_annotations(&i.body)
                || i.elif_else_clauses
                    .iter()
                    .any(|c| has_simple_annotations(&c.body))
        }
        Stmt::For(f) => has_simple_annotations(&f.body) || has_simple_annotations(&f.orelse),
        Stmt::While(w) => has_simple_annotations(&w.body) || has_simple_annotations(&w.orelse),
        Stmt::With(w) => has_simple_annotations(&w.body),
        Stmt::Try(t) => {
            has_simple_annotations(&t.body)
                || has_simple_annotations(&t.orelse)
                || has_simple_annotations(&t.finalbody)
                || t.handlers.iter().any(|h| match h {
                    ast::ExceptHandler::ExceptHandler(h) => has_simple_annotations(&h.body),
                })
        }
        Stmt::Match(m) => m.cases.iter().any(|c| has_simple_annotations(&c.body)),
        _ => false,
    })
}

impl<'a> Compiler<'a> {
    /// At the start of a module or class body that annotates names: `__annotations__ = {}`.
    pub(crate) fn setup_annotations(&mut self, body: &'a [Stmt]) {
        if has_simple_annotations(body) {
            self.emit(Instr::BuildMap(0));
            self.store_name("__annotations__");
        }
    }

    /// Push what an annotation stores: its value, or its source text under the future
    /// import.
    fn compile_annotation(&mut self, e: &'a Expr) -> CResult<()> {
        if self.future_annotations {
            let text = super::unparse::unparse(e, self.map.source);
            self.load_const(Const::Str(text));
            return Ok(());
        }
        self.compile_annotation_value(e)
    }

    /// `x: T` in a module or class body: `__annotations__['x'] = T` (after any value was
    /// stored, as CPython orders it). Elsewhere nothing is evaluated.
    pub(crate) fn store_annotation(&mut self, a: &'a ast::StmtAnnAssign) -> CResult<()> {
        let Expr::Name(n) = &*a.target else {
            return Ok(());
        };
        if !a.simple || !matches!(self.unit_ref().kind, ScopeKind::Module | ScopeKind::Class) {
            return Ok(());
        }
        self.compile_annotation(&a.annotation)?;
        self.load_name("__annotations__");
        let key = self.mangle(n.id.as_str());
        self.load_const(Const::Str(key));
        self.emit(Instr::StoreSubscr);
        Ok(())
    }

    /// Push a dict of a function's parameter and return annotations, if it has any:
    /// the `MakeFunction` flag to add (4), else 0.
    pub(crate) fn compile_fn_annotations(
        &mut self,
        p: &'a ast::Parameters,
        returns: Option<&'a Expr>,
    ) -> CResult<u32> {
        if !self.future_annotations {
            return self.lazy_fn_annotations(p, returns);
        }
        let params = p
            .posonlyargs
            .iter()
            .chain(p.args.iter())
            .map(|a| &a.parameter)
            .chain(p.vararg.as_deref())
            .chain(p.kwonlyargs.iter().map(|a| &a.parameter))
            .chain(p.kwarg.as_deref());
        let mut n = 0;
        for param in params {
            if let Some(ann) = param.annotation.as_deref() {
                let key = self.mangle(param.name.as_str());
                self.load_const(Const::Str(key));
                self.compile_annotation(ann)?;
                n += 1;
            }
        }
        if let Some(r) = returns {
            self.load_const(Const::Str("return".into()));
            self.compile_annotation(r)?;
            n += 1;
        }
        if n == 0 {
            return Ok(0);
        }
        self.emit(Instr::BuildMap(n));
        Ok(4)
    }
}
