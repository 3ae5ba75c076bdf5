//! Stack-depth analysis over the documented stack effects of `crate::bytecode`.
//!
//! Used to compute `max_stack`, and by the tests to check the stack discipline of the
//! generated code: the depth never goes below zero and is the same on every path into
//! an instruction. An exception handler (target of `SetupFinally`) is entered with the
//! depth at the `SetupFinally` plus one (the exception).

use crate::bytecode::CodeData;
use crate::bytecode::Instr;

/// `(pops, pushes)` of an instruction when it falls through to the next one.
pub(crate) fn pops_pushes(i: &Instr) -> (u32, u32) {
    use Instr::*;
    match *i {
        Nop | Jump(_) | SetupFinally(_) | PopBlock | PopExcept => (0, 0),
        PopTop => (1, 0),
        RotTwo => (2, 2),
        RotThree => (3, 3),
        RotFour => (4, 4),
        DupTop => (1, 2),
        DupTopTwo => (2, 4),
        LoadConst(_) | LoadFast(_) | LoadName(_) | LoadGlobal(_) | LoadDeref(_)
        | LoadClosure(_) | LoadClassDeref(_) | LoadBuildClass | LoadAssertionError | LoadLocals => {
            (0, 1)
        }
        LoadFromDictOrGlobals(_) => (1, 1),
        StoreFast(_) | StoreName(_) | StoreGlobal(_) | StoreDeref(_) => (1, 0),
        DeleteFast(_) | DeleteName(_) | DeleteGlobal(_) | DeleteDeref(_) => (0, 0),
        LoadAttr(_) => (1, 1),
        StoreAttr(_) => (2, 0),
        DeleteAttr(_) => (1, 0),
        LoadMethod(_) => (1, 2),
        CallMethod(n) => (n + 2, 1),
        BinarySubscr => (2, 1),
        StoreSubscr => (3, 0),
        DeleteSubscr => (2, 0),
        BinaryOp(_) | InplaceOp(_) | CompareOp(_) | IsOp(_) | ContainsOp(_) => (2, 1),
        UnaryOp(_) => (1, 1),
        BuildTuple(n) | BuildList(n) | BuildSet(n) | BuildString(n) | BuildSlice(n) => (n, 1),
        BuildMap(n) => (2 * n, 1),
        BuildConstKeyMap(n) => (n + 1, 1),
        ListAppend(n) | SetAdd(n) | ListExtend(n) | SetUpdate(n) | DictUpdate(n) | DictMerge(n) => {
            (n + 1, n)
        }
        MapAdd(n) => (n + 2, n),
        CallStarExtend => (2, 1),
        ListToTuple => (1, 1),
        UnpackSequence(n) => (1, n),
        UnpackEx(a) => (1, (a & 0xff) + (a >> 8) + 1),
        FormatValue(f) => (if f & 4 != 0 { 2 } else { 1 }, 1),
        PopJumpIfFalse(_) | PopJumpIfTrue(_) => (1, 0),
        JumpIfFalseOrPop(_) | JumpIfTrueOrPop(_) => (1, 0),
        JumpIfNotExcMatch(_) => (2, 1),
        CheckEgMatch(_) => (2, 2),
        PrepReraiseStar => (2, 1),
        GetIter => (1, 1),
        ForIter(_) => (1, 2),
        CallFunction(n) => (n + 1, 1),
        CallFunctionKw(n) => (n + 2, 1),
        CallFunctionEx(f) => (2 + (f & 1), 1),
        MakeFunction(f) => (2 + (f & 0xf).count_ones(), 1),
        ReturnValue => (1, 0),
        Reraise => (1, 0),
        RaiseVarargs(n) => (n, 0),
        BeforeWith => (1, 2),
        WithExceptStart => (2, 3),
        ImportName(_) => (2, 1),
        ImportFrom(_) => (1, 2),
        ImportStar => (1, 0),
        YieldValue => (1, 1),
        GetYieldFromIter => (1, 1),
        YieldFrom => (2, 1),
        PrintExpr => (1, 0),
        GetAwaitable(_) | GetAiter | AsyncGenWrap => (1, 1),
        GetAnext => (1, 2),
        EndAsyncFor => (2, 0),
        BeforeAsyncWith => (1, 2),
        AsyncWithExceptStart => (2, 3),
        GetLen | MatchSequence | MatchMapping => (1, 2),
        MatchKeys => (2, 3),
        CopyDictWithoutKeys => (2, 2),
        MatchClass(_) => (3, 1),
        BuildInterpolation => (4, 1),
        BuildTemplate(n) => (n, 1),
    }
}

/// Successors of one instruction: up to two `(target, depth)` pairs.
struct Succ {
    pairs: [(usize, i64); 2],
    len: usize,
}

impl Succ {
    fn none() -> Succ {
        Succ {
            pairs: [(0, 0); 2],
            len: 0,
        }
    }
    fn one(a: (usize, i64)) -> Succ {
        Succ {
            pairs: [a, (0, 0)],
            len: 1,
        }
    }
    fn two(a: (usize, i64), b: (usize, i64)) -> Succ {
        Succ {
            pairs: [a, b],
            len: 2,
        }
    }
}

/// Successors of instruction `pc` entered with depth `d`: `(target, depth)` pairs.
/// Errors if the instruction pops more than the stack holds.
fn successors(code: &CodeData, pc: usize, d: i64) -> Result<Succ, String> {
    use Instr::*;
    let i = code.instrs[pc];
    let (pops, pushes) = pops_pushes(&i);
    if d < pops as i64 {
        return Err(format!(
            "stack underflow at {pc} ({i:?}): depth {d}, pops {pops}"
        ));
    }
    let next = d - pops as i64 + pushes as i64;
    let t = |a: u32| a as usize;
    Ok(match i {
        Jump(a) => Succ::one((t(a), d)),
        PopJumpIfFalse(a) | PopJumpIfTrue(a) => Succ::two((t(a), d - 1), (pc + 1, d - 1)),
        JumpIfFalseOrPop(a) | JumpIfTrueOrPop(a) => Succ::two((t(a), d), (pc + 1, d - 1)),
        JumpIfNotExcMatch(a) => Succ::two((t(a), d - 1), (pc + 1, d - 1)),
        CheckEgMatch(a) => Succ::two((t(a), d - 1), (pc + 1, d)),
        ForIter(a) => Succ::two((t(a), d - 1), (pc + 1, d + 1)),
        SetupFinally(h) => Succ::two((t(h), d + 1), (pc + 1, d)),
        ReturnValue | Reraise | RaiseVarargs(_) => Succ::none(),
        _ => Succ::one((pc + 1, next)),
    })
}

/// Check the stack discipline of one code object (not nested ones); returns the max depth.
pub(crate) fn check(code: &CodeData) -> Result<u32, String> {
    let n = code.instrs.len();
    let mut depth: Vec<Option<i64>> = vec![None; n];
    let mut work = vec![(0usize, 0i64)];
    let mut max = 0i64;
    while let Some((pc, d)) = work.pop() {
        if pc >= n {
            return Err(format!(
                "control falls off the end of the code (to {pc}) in {}",
                code.qualname
            ));
        }
        match depth[pc] {
            Some(old) if old == d => continue,
            Some(old) => {
                return Err(format!(
                    "inconsistent stack depth at {pc} ({:?}): {old} vs {d} in {}",
                    code.instrs[pc], code.qualname
                ));
            }
            None => depth[pc] = Some(d),
        }
        max = max.max(d);
        let succ = successors(code, pc, d).map_err(|e| format!("{e} in {}", code.qualname))?;
        for &(s, sd) in &succ.pairs[..succ.len] {
            if sd < 0 {
                return Err(format!(
                    "negative stack depth after {pc} in {}",
                    code.qualname
                ));
            }
            max = max.max(sd);
            work.push((s, sd));
        }
    }
    Ok(max as u32)
}

/// The part of the flow check the interpreter's instruction pointer relies on, cheap
/// enough for every module loaded from the on-disk cache (which did not come straight
/// from the compiler): every jump or handler target is inside the code and the last
/// instruction never falls through, so control cannot leave the code; every local,
/// constant and name operand the loop reads without a bounds check is in range. Checked for
/// `code` and every code object among its constants. (The stack depth, `max_stack`, is
/// trusted from the cache as CPython trusts a `.pyc`.)
pub fn verify(code: &CodeData) -> Result<(), String> {
    use Instr::*;
    let n = code.instrs.len();
    let last_ends = matches!(
        code.instrs.last(),
        Some(ReturnValue | Reraise | RaiseVarargs(_) | Jump(_))
    );
    if !last_ends {
        return Err(format!(
            "{} may run past its last instruction",
            code.qualname
        ));
    }
    // Operands the interpreter uses as unchecked indices (`interp::run`): locals,
    // constants and names.
    let (nlocals, nconsts, nnames) = (code.varnames.len(), code.consts.len(), code.names.len());
    for i in &code.instrs {
        let bad = match *i {
            LoadFast(a) | StoreFast(a) | DeleteFast(a) => a as usize >= nlocals,
            LoadConst(a) => a as usize >= nconsts,
            LoadGlobal(a) | LoadAttr(a) | LoadMethod(a) | StoreAttr(a) => a as usize >= nnames,
            _ => false,
        };
        if bad {
            return Err(format!(
                "an operand out of range in {}: {i:?}",
                code.qualname
            ));
        }
    }
    for i in &code.instrs {
        let target = match *i {
            Jump(a) | PopJumpIfFalse(a) | PopJumpIfTrue(a) | JumpIfFalseOrPop(a)
            | JumpIfTrueOrPop(a) | JumpIfNotExcMatch(a) | CheckEgMatch(a) | ForIter(a)
            | SetupFinally(a) => a as usize,
            _ => continue,
        };
        if target >= n {
            return Err(format!("a jump past the end of {}", code.qualname));
        }
    }
    for c in &code.consts {
        if let crate::bytecode::Const::Code(inner) = c {
            verify(inner)?;
        }
    }
    Ok(())
}
