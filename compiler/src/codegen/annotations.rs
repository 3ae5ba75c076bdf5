//! Annotations. A function's parameter and return annotations are evaluated lazily by
//! an `__annotate__` function (PEP 649, see `typeparams.rs`), passed as the annotations
//! operand of `MakeFunction` (flag 4). A module's annotations of plain names are too
//! (PEP 649/749, as CPython 3.14): the module body starts by binding `__annotate__`, one
//! function that evaluates them all, and `module.__annotations__` calls it on first
//! read. An annotated statement that may not run (in an `if`, a loop, a `try`, a
//! `with`, a `match`) records that it ran in the set `__conditional_annotations__`,
//! which the function consults. A class body does the same with its own function,
//! bound as `__annotate_func__` at the body's end, which reads names in the class
//! namespace first; `build_class` evaluates it once when it can, for the 3.11 standard
//! library (see `weft_vm::objects::class_annotations`). Annotations inside a
//! function body are not evaluated. Under `from __future__ import annotations` each
//! annotation is kept as its source text, and modules, classes and functions get that
//! dict directly.
use super::{CResult, Compiler, Const};
use crate::Mode;
use crate::bytecode::Instr;
use crate::symtable::{MODULE_ANNOTATE_KEY, ScopeKind};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

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

/// The statements of `body` (outside nested functions and classes) that annotate a
/// plain name, in source order, each with whether it may not run (`nested`).
fn collect_simple_annotations<'a>(
    body: &'a [Stmt],
    nested: bool,
    out: &mut Vec<(&'a ast::StmtAnnAssign, bool)>,
) {
    for s in body {
        let mut inner = |b: &'a [Stmt]| collect_simple_annotations(b, true, out);
        match s {
            Stmt::AnnAssign(a) if a.simple && matches!(&*a.target, Expr::Name(_)) => {
                out.push((a, nested));
            }
            Stmt::If(i) => {
                inner(&i.body);
                for c in &i.elif_else_clauses {
                    inner(&c.body);
                }
            }
            Stmt::For(f) => {
                inner(&f.body);
                inner(&f.orelse);
            }
            Stmt::While(w) => {
                inner(&w.body);
                inner(&w.orelse);
            }
            Stmt::With(w) => inner(&w.body),
            Stmt::Try(t) => {
                inner(&t.body);
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    inner(&h.body);
                }
                inner(&t.orelse);
                inner(&t.finalbody);
            }
            Stmt::Match(m) => {
                for c in &m.cases {
                    inner(&c.body);
                }
            }
            _ => {}
        }
    }
}

impl<'a> Compiler<'a> {
    /// Are this unit's annotations of plain names evaluated by a module `__annotate__`?
    fn lazy_module_annotations(&self) -> bool {
        self.unit_ref().kind == ScopeKind::Module
            && self.mode == Mode::Module
            && !self.future_annotations
    }

    /// Are this unit's annotations of plain names evaluated by a class `__annotate__`?
    fn lazy_class_annotations(&self) -> bool {
        self.unit_ref().kind == ScopeKind::Class && !self.future_annotations
    }

    /// Note the annotated statements of `body` that may not run, and make the set they
    /// record themselves in (`__conditional_annotations__`) when there are any. The
    /// first annotated statement, if any.
    fn prepare_conditional(&mut self, body: &'a [Stmt]) -> Option<&'a ast::StmtAnnAssign> {
        let mut items = Vec::new();
        collect_simple_annotations(body, false, &mut items);
        self.conditional_annotations = items
            .iter()
            .filter(|(_, nested)| *nested)
            .map(|(a, _)| a.annotation.start().to_u32())
            .collect();
        if !self.conditional_annotations.is_empty() {
            self.emit(Instr::BuildSet(0));
            self.store_name("__conditional_annotations__");
        }
        items.first().map(|(a, _)| *a)
    }

    /// At the start of a module body that annotates names: `__annotate__ = <function>`
    /// (and `__conditional_annotations__ = set()` when some annotated statement may not
    /// run); at the start of a class body only that set; at the start of a body under
    /// the future import, or an interactive statement: `__annotations__ = {}`.
    pub(crate) fn setup_annotations(&mut self, body: &'a [Stmt]) -> CResult<()> {
        if self.lazy_module_annotations() {
            return self.module_annotate(body);
        }
        if self.lazy_class_annotations() {
            self.prepare_conditional(body);
            return Ok(());
        }
        if has_simple_annotations(body) {
            self.emit(Instr::BuildMap(0));
            self.store_name("__annotations__");
        }
        Ok(())
    }

    /// Bind the module's `__annotate__(format)`: a dict of each annotated name to its
    /// annotation's value, leaving out the statements that may not run and did not
    /// (their offset is missing from `__conditional_annotations__`).
    fn module_annotate(&mut self, body: &'a [Stmt]) -> CResult<()> {
        let Some(first) = self.prepare_conditional(body) else {
            return Ok(());
        };
        let line = self.line_of(first.range());
        let scope = self
            .table
            .scope_of(TextRange::empty(MODULE_ANNOTATE_KEY.into()));
        self.enter_annotate("__annotate__", scope, line, None);
        self.annotate_body(body, false)?;
        let code = self.pop_unit()?;
        self.make_function(code, 0);
        self.store_name("__annotate__");
        Ok(())
    }

    /// At the end of a class body that annotates names: bind `__annotate_func__` (the
    /// name CPython 3.14 gives it in the namespace) to the class's `__annotate__(format)`,
    /// which reads the names in the class namespace first. The class is made with the
    /// annotations evaluated once if they can be (`weft_vm::class::build_class`).
    pub(crate) fn class_annotate(
        &mut self,
        c: &'a ast::StmtClassDef,
        body: &'a [Stmt],
    ) -> CResult<()> {
        if !self.lazy_class_annotations() {
            return Ok(());
        }
        let mut items = Vec::new();
        collect_simple_annotations(body, false, &mut items);
        let Some((first, _)) = items.first() else {
            return Ok(());
        };
        let line = self.line_of(first.range());
        let scope = self.table.scope_of(crate::symtable::class_annotate_key(c));
        let qualname = self.qualname_for("__annotate__");
        self.enter_annotate(&qualname, scope, line, Some(c.name.to_string()));
        self.annotate_body(body, true)?;
        let code = self.pop_unit()?;
        self.make_function(code, 0);
        self.store_name("__annotate_func__");
        Ok(())
    }

    /// The body of an `__annotate__` unit: a dict of each annotated name of `body`
    /// (mangled in a class) to its annotation's value, leaving out the statements that
    /// may not run and did not (their offset is missing from
    /// `__conditional_annotations__`, a global of a module, a name of a class).
    fn annotate_body(&mut self, body: &'a [Stmt], in_class: bool) -> CResult<()> {
        let mut items = Vec::new();
        collect_simple_annotations(body, false, &mut items);
        // A hidden local (no Python name can spell it) holds the dict being filled.
        let dict = self.varname(".annotations");
        self.emit(Instr::BuildMap(0));
        self.emit(Instr::StoreFast(dict));
        for (a, nested) in items {
            let Expr::Name(n) = &*a.target else {
                continue;
            };
            let skip = self.new_label();
            if nested {
                self.load_const(Const::Int(a.annotation.start().to_u32() as i64));
                if in_class {
                    self.load_name("__conditional_annotations__");
                } else {
                    let k = self.add_name("__conditional_annotations__");
                    self.emit(Instr::LoadGlobal(k));
                }
                self.emit(Instr::ContainsOp(false));
                self.jump(Instr::PopJumpIfFalse, skip);
            }
            self.set_line(a.annotation.range());
            self.compile_annotation_value(&a.annotation)?;
            self.emit(Instr::LoadFast(dict));
            let key = self.mangle(n.id.as_str());
            self.load_const(Const::Str(key));
            self.emit(Instr::StoreSubscr);
            self.bind(skip);
        }
        self.emit(Instr::LoadFast(dict));
        self.emit(Instr::ReturnValue);
        Ok(())
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

    /// `x: T` in a module or class body: record that a statement that may not run
    /// did; under the future import (or interactively, in a module)
    /// `__annotations__['x'] = T` (after any value was stored, as CPython orders it).
    /// Elsewhere nothing is evaluated.
    pub(crate) fn store_annotation(&mut self, a: &'a ast::StmtAnnAssign) -> CResult<()> {
        let Expr::Name(n) = &*a.target else {
            return Ok(());
        };
        if !a.simple || !matches!(self.unit_ref().kind, ScopeKind::Module | ScopeKind::Class) {
            return Ok(());
        }
        if self.lazy_module_annotations() || self.lazy_class_annotations() {
            // `__conditional_annotations__.add(offset)` for a statement that may not run.
            let offset = a.annotation.start().to_u32();
            if self.conditional_annotations.contains(&offset) {
                self.load_name("__conditional_annotations__");
                let k = self.attr_name("add");
                self.emit(Instr::LoadMethod(k));
                self.load_const(Const::Int(offset as i64));
                self.emit(Instr::CallMethod(1));
                self.emit(Instr::PopTop);
            }
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
