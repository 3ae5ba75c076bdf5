//! `_sre.SRE_Scanner`: `pattern.scanner(string, pos, endpos)`, whose `match()` and
//! `search()` return successive matches (what `finditer` and `re.Scanner` iterate).
//!
//! Its position is behind a lock taken with `try_lock` for a whole step: two threads
//! stepping one scanner at once get ValueError (as CPython 3.12 does), never the same
//! match twice. The engine runs and a match object is allocated under it, but no Python
//! code runs there.
use super::engine::{self, Mode, Span};
use super::match_obj::new_match;
use super::pattern::pattern_of;
use super::subject::subject;
use parking_lot::Mutex;
use weft_vm::native;
use weft_vm::native::NativeDef;
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

/// Where the next step starts.
#[derive(weft_vm::trace::Trace)]
pub struct ScanPos {
    /// Position, and its byte offset in a text subject.
    start: usize,
    start_byte: usize,
    /// The last match was empty and ended at `start`: the next may not be empty there.
    must_advance: bool,
    /// A step found nothing: every later step returns None.
    done: bool,
}

#[derive(weft_vm::trace::Trace)]
pub struct ScannerData {
    pub pattern: Value,
    pub string: Value,
    /// The window, clamped to the subject (`pos` may exceed `endpos`).
    pub pos: usize,
    pub endpos: usize,
    pub at: Mutex<ScanPos>,
}
weft_vm::payload!(ScannerData, "_sre.SRE_Scanner");

/// A scanner over `string` from `pos` to `endpos` (both clamped) for `pattern`.
pub fn new_scanner(
    vm: &mut Vm,
    pattern: Value,
    string: Value,
    pos: usize,
    endpos: usize,
) -> PyResult {
    let ty = pattern_of(vm, &pattern, "scanner")?.scanner_type;
    let start_byte = {
        let subj = subject(vm, &string)?;
        subj.offsets().byte(pos.min(subj.len()))
    };
    vm.alloc(
        ty,
        ScannerData {
            pattern,
            string,
            pos,
            endpos,
            at: Mutex::new(ScanPos {
                start: pos,
                start_byte,
                must_advance: false,
                done: false,
            }),
        },
    )
}

fn scanner_of<'a>(vm: &mut Vm, v: &'a Value, method: &str) -> PyResult<&'a ScannerData> {
    match v.downcast::<ScannerData>() {
        Some(s) => Ok(s),
        None => {
            let tn = vm.type_name(*v);
            Err(vm.type_error(format!(
                "descriptor '{method}' for '_sre.SRE_Scanner' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

/// One step: the next match (anchored or searched) or None.
fn step(vm: &mut Vm, this: Value, mode: Mode, method: &str) -> PyResult {
    let sc = scanner_of(vm, &this, method)?;
    let Some(mut at) = sc.at.try_lock() else {
        return Err(vm.value_error("regular expression scanner already executing"));
    };
    if at.done {
        return Ok(Value::NONE);
    }
    let p = pattern_of(vm, &sc.pattern, method)?;
    let subj = subject(vm, &sc.string)?;
    let span = Span {
        start: at.start,
        end: sc.endpos,
        must_advance: at.must_advance,
        hint: (at.start, at.start_byte),
    };
    let Some(state) = engine::once(vm, &subj, &p.code, p.pre(), span, mode)? else {
        at.done = true;
        return Ok(Value::NONE);
    };
    let mut offs = subj.offsets().with_anchor(at.start, at.start_byte);
    let m = new_match(
        vm,
        sc.pattern,
        p,
        sc.string,
        &subj,
        &mut offs,
        &state,
        (sc.pos, sc.endpos),
    )?;
    let end = state.end();
    at.must_advance = end == state.start();
    at.start_byte = offs.byte(end);
    at.start = end;
    Ok(m)
}

#[native(name = "match")]
fn s_match_(vm: &mut Vm, this: Value) -> PyResult {
    step(vm, this, Mode::Match, "match")
}

#[native(name = "search")]
fn s_search(vm: &mut Vm, this: Value) -> PyResult {
    step(vm, this, Mode::Search, "search")
}

#[native(name = "pattern")]
fn s_pattern(vm: &mut Vm, this: Value) -> PyResult {
    Ok(scanner_of(vm, &this, "pattern")?.pattern)
}

pub const METHODS: &[NativeDef] = &[s_match_, s_search];
pub const GETTERS: &[NativeDef] = &[s_pattern];
