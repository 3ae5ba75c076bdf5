//! `try` with `except*` clauses (PEP 654).
//!
//! ```text
//!     SetupFinally(H); <try body>; PopBlock; <else body>; Jump(END)
//! H:  [orig] DupTop; BuildList(0); RotTwo            -> [orig, raised, rest]
//!     for each clause:
//!         <load T>; CheckEgMatch(NEXT)                -> [orig, raised, rest', caught]
//!         StoreX e (or PopTop); SetupFinally(FAIL); <clause body>; PopBlock
//!         <e = None; del e>; Jump(NEXT)
//!   FAIL: [orig, raised, rest', exc] <e = None; del e>; ListAppend(2); PopExcept
//!   NEXT:
//!     ListAppend(1); PrepReraiseStar                  -> [result]
//!     DupTop; LoadConst None; IsOp; PopJumpIfTrue(DONE); Reraise
//! DONE: PopTop; PopExcept
//! END:
//! ```
//! `raised` collects what each clause body raised and, last, what no clause caught;
//! `PrepReraiseStar` makes of them the one exception the statement raises, if any.
//! `break`, `continue` and `return` cannot leave a clause body (`FBlock::StarHandler`).

use ruff_python_ast as ast;

use super::{CResult, Compiler, FBlock};
use crate::bytecode::{Const, Instr};

impl<'a> Compiler<'a> {
    pub(crate) fn compile_try_star(&mut self, t: &'a ast::StmtTry) -> CResult<()> {
        let end = self.try_body_and_else(t)?;
        self.emit(Instr::DupTop);
        self.emit(Instr::BuildList(0));
        self.emit(Instr::RotTwo);
        for h in &t.handlers {
            let ast::ExceptHandler::ExceptHandler(h) = h;
            self.set_line(h.range);
            let Some(ty) = &h.type_ else {
                return self.error("expected one or more exception types", h.range);
            };
            let next = self.new_label();
            let fail = self.new_label();
            self.compile_expr(ty)?;
            self.jump(Instr::CheckEgMatch, next);
            let name = h.name.as_ref().map(|n| n.as_str());
            match name {
                Some(n) => self.store_name(n),
                None => self.emit(Instr::PopTop),
            }
            self.jump(Instr::SetupFinally, fail);
            self.unit().fblocks.push(FBlock::StarHandler);
            self.compile_body(&h.body)?;
            self.unit().fblocks.pop();
            self.emit(Instr::PopBlock);
            self.unbind_handler_name(name);
            self.jump(Instr::Jump, next);
            self.bind(fail);
            self.unbind_handler_name(name);
            self.emit(Instr::ListAppend(2));
            self.emit(Instr::PopExcept);
            self.bind(next);
        }
        let done = self.new_label();
        self.emit(Instr::ListAppend(1));
        self.emit(Instr::PrepReraiseStar);
        self.emit(Instr::DupTop);
        self.load_const(Const::None);
        self.emit(Instr::IsOp(false));
        self.jump(Instr::PopJumpIfTrue, done);
        self.emit(Instr::Reraise);
        self.bind(done);
        self.emit(Instr::PopTop);
        self.emit(Instr::PopExcept);
        self.bind(end);
        Ok(())
    }

    /// `e = None; del e` after a clause that bound `as e`.
    fn unbind_handler_name(&mut self, name: Option<&'a str>) {
        if let Some(n) = name {
            self.load_const(Const::None);
            self.store_name(n);
            self.delete_name(n);
        }
    }

    /// Is an `except*` clause body among fblocks `from..` (which `break`, `continue`
    /// or `return` would leave)?
    pub(crate) fn in_star_handler(&self, from: usize) -> bool {
        let fbs = &self.unit_ref().fblocks;
        fbs.get(from..)
            .is_some_and(|s| s.iter().any(|f| matches!(f, FBlock::StarHandler)))
    }
}
