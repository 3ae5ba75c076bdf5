//! `async for` and `async with` (see "async" in the bytecode module docs).

use ruff_python_ast::{self as ast, Stmt};

use super::{CResult, Compiler, FBlock, Label};
use crate::bytecode::{Const, Instr};

impl<'a> Compiler<'a> {
    /// `[aiter] -> [aiter, next value]`, or at StopAsyncIteration jump to `end` with the
    /// handler's `[aiter, exc]` on the stack (where an `EndAsyncFor` must follow).
    pub(crate) fn async_for_next(&mut self, end: Label) {
        self.jump(Instr::SetupFinally, end);
        self.emit(Instr::GetAnext);
        self.emit_await(0);
        self.emit(Instr::PopBlock);
    }

    pub(crate) fn compile_async_for(&mut self, f: &'a ast::StmtFor) -> CResult<()> {
        let start = self.new_label();
        let exhausted = self.new_label();
        let end = self.new_label();
        self.compile_expr(&f.iter)?;
        self.set_line(f.range);
        self.emit(Instr::GetAiter);
        self.bind(start);
        self.async_for_next(exhausted);
        self.compile_store(&f.target)?;
        // Leaving by break/return pops the async iterator, as for a plain `for`.
        self.unit().fblocks.push(FBlock::ForLoop { start, end });
        self.compile_body(&f.body)?;
        self.unit().fblocks.pop();
        self.set_line(f.range);
        self.jump(Instr::Jump, start);
        self.bind(exhausted);
        self.emit(Instr::EndAsyncFor);
        self.compile_body(&f.orelse)?;
        self.bind(end);
        Ok(())
    }

    /// `[aexit] -> []`: call `aexit(None, None, None)` and await it (normal exit).
    pub(crate) fn async_with_exit(&mut self) {
        self.load_const(Const::None);
        self.emit(Instr::DupTop);
        self.emit(Instr::DupTop);
        self.emit(Instr::CallFunction(3));
        self.emit_await(2);
        self.emit(Instr::PopTop);
    }

    pub(crate) fn compile_async_with(
        &mut self,
        items: &'a [ast::WithItem],
        body: &'a [Stmt],
    ) -> CResult<()> {
        let Some((item, rest)) = items.split_first() else {
            return self.compile_body(body);
        };
        let stmt = self.loc();
        let handler = self.new_label();
        let suppress = self.new_label();
        let end = self.new_label();
        self.compile_expr(&item.context_expr)?;
        self.emit(Instr::BeforeAsyncWith);
        self.emit_await(1);
        match &item.optional_vars {
            Some(t) => self.compile_store(t)?,
            None => self.emit(Instr::PopTop),
        }
        self.jump(Instr::SetupFinally, handler);
        self.unit().fblocks.push(FBlock::AsyncWith);
        self.compile_async_with(rest, body)?;
        self.unit().fblocks.pop();
        self.set_loc(stmt);
        self.emit(Instr::PopBlock);
        self.async_with_exit();
        self.jump(Instr::Jump, end);
        // [aexit, exc] with the exception being handled.
        self.bind(handler);
        self.emit(Instr::AsyncWithExceptStart);
        self.emit_await(2);
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
