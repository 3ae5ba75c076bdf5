//! Statements.

use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

use super::{CResult, Compiler, FBlock, FnBody, Label, docstring};
use crate::Mode;
use crate::bytecode::{BinOp, Const, Instr, code_flags};
use crate::symtable::ScopeKind;

pub(crate) fn binop(op: ast::Operator) -> BinOp {
    use ast::Operator as O;
    match op {
        O::Add => BinOp::Add,
        O::Sub => BinOp::Sub,
        O::Mult => BinOp::Mul,
        O::MatMult => BinOp::MatMul,
        O::Div => BinOp::TrueDiv,
        O::Mod => BinOp::Mod,
        O::Pow => BinOp::Pow,
        O::LShift => BinOp::LShift,
        O::RShift => BinOp::RShift,
        O::BitOr => BinOp::Or,
        O::BitXor => BinOp::Xor,
        O::BitAnd => BinOp::And,
        O::FloorDiv => BinOp::FloorDiv,
    }
}

impl<'a> Compiler<'a> {
    pub(crate) fn compile_body(&mut self, body: &'a [Stmt]) -> CResult<()> {
        for s in body {
            self.compile_stmt(s)?;
        }
        Ok(())
    }

    pub(crate) fn compile_stmt(&mut self, stmt: &'a Stmt) -> CResult<()> {
        self.set_line(stmt.range());
        match stmt {
            Stmt::FunctionDef(f) => self.compile_funcdef(f),
            Stmt::ClassDef(c) => self.compile_classdef(c),
            Stmt::Return(r) => {
                if r.value.is_some() && self.in_async_generator() {
                    return self.error("'return' with value in async generator", r.range);
                }
                match &r.value {
                    Some(v) => self.compile_expr(v)?,
                    None => self.load_const(Const::None),
                }
                if self.in_star_handler(0) {
                    return self.error(
                        "'break', 'continue' and 'return' cannot appear in an except* block",
                        r.range,
                    );
                }
                self.unwind_all(true)?;
                self.set_line(stmt.range());
                self.emit(Instr::ReturnValue);
                Ok(())
            }
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.compile_delete(t)?;
                }
                Ok(())
            }
            Stmt::Assign(a) => {
                if let [target] = &a.targets[..]
                    && self.parallel_assign(target, &a.value)?
                {
                    return Ok(());
                }
                self.compile_expr(&a.value)?;
                for (i, t) in a.targets.iter().enumerate() {
                    if i + 1 < a.targets.len() {
                        self.emit(Instr::DupTop);
                    }
                    self.compile_store(t)?;
                }
                Ok(())
            }
            Stmt::AugAssign(a) => self.compile_augassign(a),
            Stmt::AnnAssign(a) => {
                if let Some(v) = &a.value {
                    self.compile_expr(v)?;
                    self.compile_store(&a.target)?;
                } else if !matches!(&*a.target, Expr::Name(_)) {
                    // `obj.attr: int` evaluates obj; `x[i]: int` evaluates x and i.
                    match &*a.target {
                        Expr::Attribute(at) => {
                            self.compile_expr(&at.value)?;
                            self.emit(Instr::PopTop);
                        }
                        Expr::Subscript(s) => {
                            self.compile_expr(&s.value)?;
                            self.emit(Instr::PopTop);
                            self.compile_expr(&s.slice)?;
                            self.emit(Instr::PopTop);
                        }
                        _ => {}
                    }
                }
                self.store_annotation(a)
            }
            Stmt::For(f) if f.is_async => self.compile_async_for(f),
            Stmt::For(f) => self.compile_for(f),
            Stmt::While(w) => self.compile_while(w),
            Stmt::If(i) => self.compile_if(i),
            Stmt::With(w) if w.is_async => self.compile_async_with(&w.items, &w.body),
            Stmt::With(w) => self.compile_with(&w.items, &w.body),
            Stmt::Match(m) => self.compile_match(m),
            Stmt::Raise(r) => {
                let mut n = 0;
                if let Some(e) = &r.exc {
                    self.compile_expr(e)?;
                    n = 1;
                    if let Some(c) = &r.cause {
                        self.compile_expr(c)?;
                        n = 2;
                    }
                }
                self.set_line(stmt.range());
                self.emit(Instr::RaiseVarargs(n));
                Ok(())
            }
            Stmt::Try(t) => self.compile_try(t),
            Stmt::Assert(_) if crate::optimize() > 0 => Ok(()),
            Stmt::Assert(a) => {
                let end = self.new_label();
                self.compile_jump_if(&a.test, true, end)?;
                // CPython locates the raise at the test when that is a comparison.
                let mut test = &*a.test;
                while let Expr::UnaryOp(u) = test
                    && u.op == ast::UnaryOp::Not
                {
                    test = &u.operand;
                }
                match test {
                    Expr::Compare(_) => self.set_line(test.range()),
                    _ => self.set_line(stmt.range()),
                }
                self.emit(Instr::LoadAssertionError);
                if let Some(m) = &a.msg {
                    self.compile_expr(m)?;
                    self.emit(Instr::CallFunction(1));
                }
                self.emit(Instr::RaiseVarargs(1));
                self.bind(end);
                Ok(())
            }
            Stmt::Import(i) => {
                for alias in &i.names {
                    let name = alias.name.as_str();
                    self.load_const(Const::Int(0));
                    self.load_const(Const::None);
                    let k = self.add_name(name);
                    self.emit(Instr::ImportName(k));
                    match &alias.asname {
                        Some(asname) => {
                            for part in name.split('.').skip(1) {
                                let k = self.add_name(part);
                                self.emit(Instr::ImportFrom(k));
                                self.emit(Instr::RotTwo);
                                self.emit(Instr::PopTop);
                            }
                            self.store_name(asname.as_str());
                        }
                        None => {
                            let top = name.split('.').next().unwrap_or(name);
                            self.store_name(top);
                        }
                    }
                }
                Ok(())
            }
            Stmt::ImportFrom(i) => {
                let module = i.module.as_ref().map(|m| m.as_str()).unwrap_or("");
                self.load_const(Const::Int(i.level as i64));
                let names: Vec<Const> = i
                    .names
                    .iter()
                    .map(|a| Const::Str(a.name.to_string()))
                    .collect();
                self.load_const(Const::Tuple(names));
                let k = self.add_name(module);
                self.emit(Instr::ImportName(k));
                if i.names.len() == 1 && i.names[0].name.as_str() == "*" {
                    self.emit(Instr::ImportStar);
                    return Ok(());
                }
                for a in &i.names {
                    let k = self.add_name(a.name.as_str());
                    self.emit(Instr::ImportFrom(k));
                    self.store_name(a.asname.as_ref().unwrap_or(&a.name).as_str());
                }
                self.emit(Instr::PopTop);
                Ok(())
            }
            Stmt::Global(_) | Stmt::Nonlocal(_) | Stmt::Pass(_) => Ok(()),
            Stmt::Expr(e) => {
                if self.mode == Mode::Single && self.units.len() == 1 {
                    self.compile_expr(&e.value)?;
                    self.emit(Instr::PrintExpr);
                    return Ok(());
                }
                // A lone constant has no effect.
                if matches!(
                    &*e.value,
                    Expr::StringLiteral(_)
                        | Expr::NumberLiteral(_)
                        | Expr::BooleanLiteral(_)
                        | Expr::NoneLiteral(_)
                        | Expr::EllipsisLiteral(_)
                        | Expr::BytesLiteral(_)
                ) {
                    return Ok(());
                }
                self.compile_expr(&e.value)?;
                self.emit(Instr::PopTop);
                Ok(())
            }
            Stmt::Break(b) => self.compile_break_continue(b.range, true),
            Stmt::Continue(c) => self.compile_break_continue(c.range, false),
            Stmt::TypeAlias(t) => self.compile_type_alias(t),
            Stmt::IpyEscapeCommand(e) => self.error("invalid syntax", e.range),
        }
    }

    /// Call the decorators on the function or class on the stack, innermost first,
    /// each call located at its decorator.
    fn apply_decorators(&mut self, decorators: &[ast::Decorator]) {
        let saved = self.loc();
        for d in decorators.iter().rev() {
            self.set_line(d.expression.range());
            self.emit(Instr::CallFunction(1));
        }
        self.set_loc(saved);
    }

    /// `[defaults...] -> [function]`: the annotations, the body's code and the function
    /// of `def f` (its defaults are on the stack, `flags` says which).
    pub(crate) fn def_function(
        &mut self,
        f: &'a ast::StmtFunctionDef,
        flags: u32,
        def_line: u32,
    ) -> CResult<()> {
        let flags = flags | self.compile_fn_annotations(&f.parameters, f.returns.as_deref())?;
        let code = self.function_code(
            f.name.as_str(),
            f.range,
            Some(&f.parameters),
            FnBody::Stmts(&f.body),
            def_line,
        )?;
        self.unit().line = def_line;
        self.make_function(code, flags);
        Ok(())
    }

    fn compile_funcdef(&mut self, f: &'a ast::StmtFunctionDef) -> CResult<()> {
        for d in &f.decorator_list {
            self.set_line(d.range);
            self.compile_expr(&d.expression)?;
        }
        // The def line (not the decorators').
        let def_line = self.line_of(f.name.range);
        self.unit().line = def_line;
        let flags = self.compile_defaults(Some(&f.parameters))?;
        if let Some(tp) = f.type_params.as_deref() {
            self.generic_funcdef(f, tp, flags, def_line)?;
        } else {
            self.def_function(f, flags, def_line)?;
        }
        self.apply_decorators(&f.decorator_list);
        self.store_name(f.name.as_str());
        Ok(())
    }

    fn compile_classdef(&mut self, c: &'a ast::StmtClassDef) -> CResult<()> {
        for d in &c.decorator_list {
            self.set_line(d.range);
            self.compile_expr(&d.expression)?;
        }
        match c.type_params.as_deref() {
            Some(tp) => self.generic_classdef(c, tp)?,
            None => self.build_class(c, None)?,
        }
        self.apply_decorators(&c.decorator_list);
        self.store_name(c.name.as_str());
        Ok(())
    }

    /// `[] -> [class]`: make the class of `c` (its body, bases and keywords; the
    /// `Generic[...]` base of type parameters `tp`).
    pub(crate) fn build_class(
        &mut self,
        c: &'a ast::StmtClassDef,
        tp: Option<&'a ast::TypeParams>,
    ) -> CResult<()> {
        let line = self.line_of(c.name.range);
        self.unit().line = line;
        let name = c.name.as_str();
        let scope = self.table.scope_of(c.range);
        let qualname = self.qualname_for(name);
        self.push_unit(
            name,
            &qualname,
            scope,
            ScopeKind::Class,
            line,
            Some(name.to_string()),
        );
        self.unit().code.flags |= code_flags::CLASS_BODY;
        let r: CResult<()> = (|| {
            if self.table.scopes[scope].needs_classdict_cell {
                self.emit(Instr::LoadLocals);
                let i = self.deref_index("__classdict__");
                self.emit(Instr::StoreDeref(i));
            }
            self.load_name("__name__");
            self.store_name("__module__");
            self.load_const(Const::Str(qualname.clone()));
            self.store_name("__qualname__");
            if let Some(tp) = tp {
                for p in &tp.type_params {
                    self.load_name(p.name().as_str());
                }
                self.emit(Instr::BuildTuple(tp.type_params.len() as u32));
                self.store_name("__type_params__");
            }
            let mut body: &'a [Stmt] = &c.body;
            if let Some(doc) = docstring(body) {
                self.set_line(body[0].range());
                self.load_const(Const::Str(doc.clone()));
                self.store_name("__doc__");
                self.unit().code.doc = Some(doc);
                body = &body[1..];
            }
            // A module's annotated statements that may not run are not the class's.
            let outer = std::mem::take(&mut self.conditional_annotations);
            self.setup_annotations(body)?;
            self.compile_body(body)?;
            self.class_annotate(c, body)?;
            self.conditional_annotations = outer;
            if self.table.scopes[scope].needs_class_cell {
                let i = self.deref_index("__class__");
                self.emit(Instr::LoadClosure(i));
            } else {
                self.load_const(Const::None);
            }
            self.emit(Instr::ReturnValue);
            Ok(())
        })();
        if let Err(e) = r {
            self.units.pop();
            return Err(e);
        }
        let code = self.pop_unit()?;
        self.unit().line = line;
        self.emit(Instr::LoadBuildClass);
        self.make_function(code, 0);
        self.load_const(Const::Str(name.to_string()));
        match (&c.arguments, tp) {
            (Some(args), _) => self.compile_call_args_with(2, &args.args, &args.keywords, tp)?,
            (None, Some(tp)) => {
                self.generic_base(tp);
                self.emit(Instr::CallFunction(3));
            }
            (None, None) => self.emit(Instr::CallFunction(2)),
        }
        Ok(())
    }

    fn compile_augassign(&mut self, a: &'a ast::StmtAugAssign) -> CResult<()> {
        let op = super::stmt::binop(a.op);
        // The target's loads and stores are located at the target, the operation at
        // the whole statement (as CPython places them).
        let stmt = self.loc();
        let target = a.target.range();
        match &*a.target {
            Expr::Name(n) => {
                self.set_line(target);
                self.load_name(n.id.as_str());
                self.set_loc(stmt);
                self.compile_expr(&a.value)?;
                self.emit(Instr::InplaceOp(op));
                self.set_line(target);
                self.store_name(n.id.as_str());
            }
            Expr::Attribute(at) => {
                self.set_line(target);
                self.compile_expr(&at.value)?;
                self.emit(Instr::DupTop);
                let k = self.attr_name(at.attr.as_str());
                self.start_at_attr_name(at);
                self.emit(Instr::LoadAttr(k));
                self.set_loc(stmt);
                self.compile_expr(&a.value)?;
                self.emit(Instr::InplaceOp(op));
                self.set_line(target);
                self.start_at_attr_name(at);
                self.emit(Instr::RotTwo);
                self.emit(Instr::StoreAttr(k));
            }
            Expr::Subscript(s) => {
                self.set_line(target);
                self.compile_expr(&s.value)?;
                self.compile_expr(&s.slice)?;
                self.emit(Instr::DupTopTwo);
                self.emit(Instr::BinarySubscr);
                self.set_loc(stmt);
                self.compile_expr(&a.value)?;
                self.emit(Instr::InplaceOp(op));
                self.set_line(target);
                self.emit(Instr::RotThree);
                self.emit(Instr::StoreSubscr);
            }
            other => {
                return self.error(
                    "'expression' is an illegal expression for augmented assignment",
                    other.range(),
                );
            }
        }
        self.set_loc(stmt);
        Ok(())
    }

    /// `a, b = x, y` (or three of each, no starred item): the values in order, then
    /// the stores, with no tuple built and unpacked in between (as CPython compiles
    /// it). Evaluation order is unchanged: every value before any store. False when the
    /// statement has another shape (nothing emitted).
    fn parallel_assign(&mut self, target: &'a Expr, value: &'a Expr) -> CResult<bool> {
        let (Expr::Tuple(ast::ExprTuple { elts: ts, .. })
        | Expr::List(ast::ExprList { elts: ts, .. })) = target
        else {
            return Ok(false);
        };
        let Expr::Tuple(ast::ExprTuple { elts: vs, .. }) = value else {
            return Ok(false);
        };
        let plain = |es: &[Expr]| es.iter().all(|e| !matches!(e, Expr::Starred(_)));
        if ts.len() != vs.len() || !(2..=3).contains(&ts.len()) || !plain(ts) || !plain(vs) {
            return Ok(false);
        }
        for v in vs {
            self.compile_expr(v)?;
        }
        // The first target takes the first value: reverse the values on the stack.
        if ts.len() == 3 {
            self.emit(Instr::RotThree);
        }
        self.emit(Instr::RotTwo);
        for t in ts {
            self.compile_store(t)?;
        }
        Ok(true)
    }

    /// Store the value on top of the stack into `target`, the instructions located
    /// at the target (as CPython places them).
    pub(crate) fn compile_store(&mut self, target: &'a Expr) -> CResult<()> {
        let saved = self.loc();
        self.set_line(target.range());
        let r = self.compile_store_here(target);
        self.set_loc(saved);
        r
    }

    fn compile_store_here(&mut self, target: &'a Expr) -> CResult<()> {
        match target {
            Expr::Name(n) => self.store_name(n.id.as_str()),
            Expr::Attribute(a) => {
                self.compile_expr(&a.value)?;
                let k = self.attr_name(a.attr.as_str());
                self.start_at_attr_name(a);
                self.emit(Instr::StoreAttr(k));
            }
            Expr::Subscript(s) => {
                self.compile_expr(&s.value)?;
                self.compile_expr(&s.slice)?;
                self.emit(Instr::StoreSubscr);
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                let star = elts.iter().position(|e| matches!(e, Expr::Starred(_)));
                match star {
                    None => self.emit(Instr::UnpackSequence(elts.len() as u32)),
                    Some(i) => {
                        if elts
                            .iter()
                            .filter(|e| matches!(e, Expr::Starred(_)))
                            .count()
                            > 1
                        {
                            return self.error(
                                "multiple starred expressions in assignment",
                                target.range(),
                            );
                        }
                        let before = i as u32;
                        let after = (elts.len() - i - 1) as u32;
                        if before > 255 || after > (u32::MAX >> 8) {
                            return self.error(
                                "too many expressions in star-unpacking assignment",
                                target.range(),
                            );
                        }
                        self.emit(Instr::UnpackEx(before | (after << 8)));
                    }
                }
                for e in elts {
                    match e {
                        Expr::Starred(s) => self.compile_store(&s.value)?,
                        _ => self.compile_store(e)?,
                    }
                }
            }
            Expr::Starred(s) => {
                return self.error(
                    "starred assignment target must be in a list or tuple",
                    s.range,
                );
            }
            other => return self.error("cannot assign to expression", other.range()),
        }
        Ok(())
    }

    fn compile_delete(&mut self, target: &'a Expr) -> CResult<()> {
        let saved = self.loc();
        self.set_line(target.range());
        let r = self.compile_delete_here(target);
        self.set_loc(saved);
        r
    }

    fn compile_delete_here(&mut self, target: &'a Expr) -> CResult<()> {
        match target {
            Expr::Name(n) => self.delete_name(n.id.as_str()),
            Expr::Attribute(a) => {
                self.compile_expr(&a.value)?;
                let k = self.attr_name(a.attr.as_str());
                self.start_at_attr_name(a);
                self.emit(Instr::DeleteAttr(k));
            }
            Expr::Subscript(s) => {
                self.compile_expr(&s.value)?;
                self.compile_expr(&s.slice)?;
                self.emit(Instr::DeleteSubscr);
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                for e in elts {
                    self.compile_delete(e)?;
                }
            }
            other => return self.error("cannot delete expression", other.range()),
        }
        Ok(())
    }

    fn compile_if(&mut self, i: &'a ast::StmtIf) -> CResult<()> {
        let end = self.new_label();
        let mut next = self.new_label();
        self.compile_jump_if(&i.test, false, next)?;
        self.compile_body(&i.body)?;
        for clause in &i.elif_else_clauses {
            self.jump(Instr::Jump, end);
            self.bind(next);
            next = self.new_label();
            if let Some(test) = &clause.test {
                self.set_line(clause.range);
                self.compile_jump_if(test, false, next)?;
            }
            self.compile_body(&clause.body)?;
        }
        self.bind(next);
        self.bind(end);
        Ok(())
    }

    fn compile_while(&mut self, w: &'a ast::StmtWhile) -> CResult<()> {
        let start = self.new_label();
        let orelse = self.new_label();
        let end = self.new_label();
        self.bind(start);
        let always = matches!(&*w.test, Expr::BooleanLiteral(b) if b.value);
        if !always {
            self.compile_jump_if(&w.test, false, orelse)?;
        }
        self.unit().fblocks.push(FBlock::WhileLoop { start, end });
        self.compile_body(&w.body)?;
        self.unit().fblocks.pop();
        self.set_line(w.range);
        self.jump(Instr::Jump, start);
        self.bind(orelse);
        self.compile_body(&w.orelse)?;
        self.bind(end);
        Ok(())
    }

    fn compile_for(&mut self, f: &'a ast::StmtFor) -> CResult<()> {
        let start = self.new_label();
        let orelse = self.new_label();
        let end = self.new_label();
        self.compile_expr(&f.iter)?;
        self.set_line(f.range);
        self.emit(Instr::GetIter);
        self.bind(start);
        self.jump(Instr::ForIter, orelse);
        self.compile_store(&f.target)?;
        self.unit().fblocks.push(FBlock::ForLoop { start, end });
        self.compile_body(&f.body)?;
        self.unit().fblocks.pop();
        self.set_line(f.range);
        self.jump(Instr::Jump, start);
        self.bind(orelse);
        self.compile_body(&f.orelse)?;
        self.bind(end);
        Ok(())
    }

    fn compile_break_continue(&mut self, range: TextRange, is_break: bool) -> CResult<()> {
        let loop_index = self
            .unit_ref()
            .fblocks
            .iter()
            .rposition(|f| matches!(f, FBlock::WhileLoop { .. } | FBlock::ForLoop { .. }));
        if self.in_star_handler(loop_index.map_or(0, |li| li + 1)) {
            return self.error(
                "'break', 'continue' and 'return' cannot appear in an except* block",
                range,
            );
        }
        let Some(li) = loop_index else {
            return if is_break {
                self.error("'break' outside loop", range)
            } else {
                self.error("'continue' not properly in loop", range)
            };
        };
        let n = self.unit_ref().fblocks.len();
        for i in (li + 1..n).rev() {
            self.unwind_fblock(i, false)?;
        }
        self.set_line(range);
        let fb = self.unit_ref().fblocks[li];
        match (fb, is_break) {
            (FBlock::ForLoop { end, .. }, true) => {
                self.emit(Instr::PopTop);
                self.jump(Instr::Jump, end);
            }
            (FBlock::WhileLoop { end, .. }, true) => self.jump(Instr::Jump, end),
            (FBlock::ForLoop { start, .. } | FBlock::WhileLoop { start, .. }, false) => {
                self.jump(Instr::Jump, start)
            }
            _ => unreachable!(),
        }
        Ok(())
    }

    /// Unwind every fblock for a `return` (the value is on top of the stack).
    fn unwind_all(&mut self, preserve_tos: bool) -> CResult<()> {
        let n = self.unit_ref().fblocks.len();
        for i in (0..n).rev() {
            self.unwind_fblock(i, preserve_tos)?;
        }
        Ok(())
    }

    /// Emit the code that leaves fblock `i` (which is the innermost one not yet left).
    fn unwind_fblock(&mut self, i: usize, preserve_tos: bool) -> CResult<()> {
        let fb = self.unit_ref().fblocks[i];
        match fb {
            FBlock::WhileLoop { .. } | FBlock::StarHandler => {}
            FBlock::ForLoop { .. } => {
                if preserve_tos {
                    self.emit(Instr::RotTwo);
                }
                self.emit(Instr::PopTop);
            }
            FBlock::TryExcept => self.emit(Instr::PopBlock),
            FBlock::FinallyTry { body } => {
                self.emit(Instr::PopBlock);
                // The finally body runs outside of this block (and of the ones inside it),
                // above the return value if there is one.
                let saved: Vec<FBlock<'a>> = self.unit().fblocks.drain(i..).collect();
                if preserve_tos {
                    self.unit().fblocks.push(FBlock::PopValue);
                }
                let r = self.compile_body(body);
                if preserve_tos {
                    self.unit().fblocks.pop();
                }
                self.unit().fblocks.extend(saved);
                r?;
            }
            FBlock::PopValue => {
                if preserve_tos {
                    self.emit(Instr::RotTwo);
                }
                self.emit(Instr::PopTop);
            }
            FBlock::FinallyEnd => {
                if preserve_tos {
                    self.emit(Instr::RotTwo);
                }
                self.emit(Instr::PopTop);
                self.emit(Instr::PopExcept);
            }
            FBlock::With => {
                self.emit(Instr::PopBlock);
                if preserve_tos {
                    self.emit(Instr::RotTwo);
                }
                self.load_const(Const::None);
                self.emit(Instr::DupTop);
                self.emit(Instr::DupTop);
                self.emit(Instr::CallFunction(3));
                self.emit(Instr::PopTop);
            }
            FBlock::AsyncWith => {
                self.emit(Instr::PopBlock);
                if preserve_tos {
                    self.emit(Instr::RotTwo);
                }
                self.async_with_exit();
            }
            FBlock::HandlerCleanup { name } => {
                if name.is_some() {
                    self.emit(Instr::PopBlock);
                }
                self.emit(Instr::PopExcept);
                if let Some(n) = name {
                    self.load_const(Const::None);
                    self.store_name(n);
                    self.delete_name(n);
                }
            }
        }
        Ok(())
    }

    fn compile_try(&mut self, t: &'a ast::StmtTry) -> CResult<()> {
        if t.finalbody.is_empty() {
            return self.compile_try_except(t);
        }
        let fin = self.new_label();
        let end = self.new_label();
        self.jump(Instr::SetupFinally, fin);
        self.unit()
            .fblocks
            .push(FBlock::FinallyTry { body: &t.finalbody });
        if t.handlers.is_empty() {
            self.compile_body(&t.body)?;
            self.compile_body(&t.orelse)?;
        } else {
            self.compile_try_except(t)?;
        }
        self.unit().fblocks.pop();
        self.emit(Instr::PopBlock);
        self.compile_body(&t.finalbody)?;
        self.jump(Instr::Jump, end);
        self.bind(fin);
        self.unit().fblocks.push(FBlock::FinallyEnd);
        self.compile_body(&t.finalbody)?;
        self.unit().fblocks.pop();
        self.emit(Instr::Reraise);
        self.bind(end);
        Ok(())
    }

    /// The protected body and its `else`, then the handler's entry (bound here, with the
    /// exception on the stack); returns the label after the whole statement. Shared by
    /// `except` and `except*`.
    pub(crate) fn try_body_and_else(&mut self, t: &'a ast::StmtTry) -> CResult<Label> {
        let handler = self.new_label();
        let end = self.new_label();
        self.set_line(t.range);
        self.jump(Instr::SetupFinally, handler);
        self.unit().fblocks.push(FBlock::TryExcept);
        self.compile_body(&t.body)?;
        self.unit().fblocks.pop();
        self.emit(Instr::PopBlock);
        self.compile_body(&t.orelse)?;
        self.jump(Instr::Jump, end);
        self.bind(handler);
        Ok(end)
    }

    fn compile_try_except(&mut self, t: &'a ast::StmtTry) -> CResult<()> {
        if t.is_star {
            return self.compile_try_star(t);
        }
        let end = self.try_body_and_else(t)?;
        // Stack: [exc]
        for (idx, h) in t.handlers.iter().enumerate() {
            let ast::ExceptHandler::ExceptHandler(h) = h;
            self.set_line(h.range);
            let next = self.new_label();
            match &h.type_ {
                Some(ty) => {
                    self.compile_expr(ty)?;
                    self.jump(Instr::JumpIfNotExcMatch, next);
                }
                None => {
                    if idx + 1 != t.handlers.len() {
                        return self.error("default 'except:' must be last", h.range);
                    }
                }
            }
            match &h.name {
                Some(name) => {
                    let name = name.as_str();
                    self.store_name(name);
                    let cleanup = self.new_label();
                    self.jump(Instr::SetupFinally, cleanup);
                    self.unit()
                        .fblocks
                        .push(FBlock::HandlerCleanup { name: Some(name) });
                    self.compile_body(&h.body)?;
                    self.unit().fblocks.pop();
                    self.emit(Instr::PopBlock);
                    self.emit(Instr::PopExcept);
                    self.load_const(Const::None);
                    self.store_name(name);
                    self.delete_name(name);
                    self.jump(Instr::Jump, end);
                    self.bind(cleanup);
                    self.load_const(Const::None);
                    self.store_name(name);
                    self.delete_name(name);
                    self.emit(Instr::Reraise);
                }
                None => {
                    self.emit(Instr::PopTop);
                    self.unit()
                        .fblocks
                        .push(FBlock::HandlerCleanup { name: None });
                    self.compile_body(&h.body)?;
                    self.unit().fblocks.pop();
                    self.emit(Instr::PopExcept);
                    self.jump(Instr::Jump, end);
                }
            }
            self.bind(next);
        }
        self.emit(Instr::Reraise);
        self.bind(end);
        Ok(())
    }

    fn compile_with(&mut self, items: &'a [ast::WithItem], body: &'a [Stmt]) -> CResult<()> {
        let Some((item, rest)) = items.split_first() else {
            return self.compile_body(body);
        };
        // Entering and leaving are located at the `with` statement (as CPython does).
        let stmt = self.loc();
        let handler = self.new_label();
        let suppress = self.new_label();
        let end = self.new_label();
        self.compile_expr(&item.context_expr)?;
        self.emit(Instr::BeforeWith);
        match &item.optional_vars {
            Some(t) => self.compile_store(t)?,
            None => self.emit(Instr::PopTop),
        }
        self.jump(Instr::SetupFinally, handler);
        self.unit().fblocks.push(FBlock::With);
        self.compile_with(rest, body)?;
        self.unit().fblocks.pop();
        self.set_loc(stmt);
        self.emit(Instr::PopBlock);
        self.load_const(Const::None);
        self.emit(Instr::DupTop);
        self.emit(Instr::DupTop);
        self.emit(Instr::CallFunction(3));
        self.emit(Instr::PopTop);
        self.jump(Instr::Jump, end);
        self.bind(handler);
        self.emit(Instr::WithExceptStart);
        self.jump(Instr::PopJumpIfTrue, suppress);
        self.emit(Instr::Reraise);
        self.bind(suppress);
        self.emit(Instr::PopTop);
        self.emit(Instr::PopExcept);
        self.emit(Instr::PopTop);
        self.bind(end);
        Ok(())
    }
}
