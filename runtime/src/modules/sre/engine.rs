//! Running the engine (`rustpython-sre_engine`) over a subject: one attempt at a place,
//! or every match left to right.
//!
//! The engine runs no Python code and touches no Python object: it reads the subject's
//! text, which its (rooted) object keeps alive and unchanged. A panic inside it (which
//! only malformed code lists passed straight to `_sre.compile` could cause) becomes
//! `RuntimeError: invalid SRE code`, as CPython reports code that fails its checks.
use super::subject::{Drive, Subject};
use rustpython_sre_engine::{Request, State, StrDrive};
use std::panic::{AssertUnwindSafe, catch_unwind};
use weft_vm::vm::{PyResult, Vm};

/// What one attempt asks.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Anchored at the start position (`match`).
    Match,
    /// Anchored at both ends (`fullmatch`).
    Full,
    /// The leftmost match at or after the start position (`search`).
    Search,
}

/// Where to run: positions already clamped to the subject (`start` may exceed `end`,
/// as CPython allows), and whether an empty match at `start` is refused (the rule that
/// stops a scan from finding the same empty match twice).
#[derive(Clone, Copy)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub must_advance: bool,
    /// A known (position, byte offset) pair at or before `start` (text subjects).
    pub hint: (usize, usize),
}

fn guarded<T>(vm: &mut Vm, f: impl FnOnce() -> T) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|_| vm.runtime_error("invalid SRE code"))
}

fn request<S: StrDrive>(d: S, code: &[u32], span: Span, full: bool) -> Request<'_, S> {
    Request {
        string: d,
        start: span.start,
        end: span.end,
        pattern_codes: code,
        match_all: full,
        must_advance: span.must_advance,
    }
}

/// One attempt; the engine's state (group marks, match end) on success.
pub fn once(
    vm: &mut Vm,
    subj: &Subject<'_>,
    code: &[u32],
    span: Span,
    mode: Mode,
) -> PyResult<Option<State>> {
    if span.start > span.end && mode != Mode::Match {
        // CPython: a search, or a match that must reach `end`, finds nothing there.
        return Ok(None);
    }
    // An anchored match past `end` sees an empty window (as CPython's does).
    let span = Span {
        end: span.end.max(span.start),
        ..span
    };
    match subj.drive(span.hint) {
        Drive::Bytes(d) => guarded(vm, || once_in(d, code, span, mode)),
        Drive::Text(d) => guarded(vm, || once_in(d, code, span, mode)),
    }
}

fn once_in<S: StrDrive>(d: S, code: &[u32], span: Span, mode: Mode) -> Option<State> {
    let req = request(d, code, span, mode == Mode::Full);
    let mut state = State::default();
    state.cursor = d.create_cursor(span.start);
    let found = match mode {
        Mode::Search => state.search(req),
        Mode::Match | Mode::Full => state.py_match(&req),
    };
    found.then_some(state)
}

/// Every match in `span`, left to right, handed to `f` until it returns false. After an
/// empty match the next one must not be empty at the same place (CPython's scan rule).
pub fn each(
    vm: &mut Vm,
    subj: &Subject<'_>,
    code: &[u32],
    span: Span,
    f: &mut dyn FnMut(&mut Vm, &State) -> PyResult<bool>,
) -> PyResult<()> {
    match subj.drive(span.hint) {
        Drive::Bytes(d) => each_in(vm, d, code, span, f),
        Drive::Text(d) => each_in(vm, d, code, span, f),
    }
}

fn each_in<S: StrDrive>(
    vm: &mut Vm,
    d: S,
    code: &[u32],
    span: Span,
    f: &mut dyn FnMut(&mut Vm, &State) -> PyResult<bool>,
) -> PyResult<()> {
    let mut req = request(d, code, span, false);
    let mut state = State::default();
    state.cursor = d.create_cursor(span.start);
    while req.start <= req.end {
        // The cursor is already at `req.start` (the last match's end): no walk.
        state.reset(&req, req.start);
        if !guarded(vm, || state.search(req))? || !f(vm, &state)? {
            break;
        }
        req.must_advance = state.cursor.position == state.start;
        req.start = state.cursor.position;
    }
    Ok(())
}

/// The spans of groups 0..=`groups` of a successful match ((-1, -1) for a group that did
/// not take part), and the last group closed (-1 for none).
pub fn regs(state: &State, groups: usize) -> (Box<[(isize, isize)]>, isize) {
    let mut r = Vec::with_capacity(groups + 1);
    r.push((state.start as isize, state.cursor.position as isize));
    for g in 0..groups {
        let (a, b) = state.marks.get(g);
        r.push(if a.is_some() && b.is_some() {
            (a.unpack() as isize, b.unpack() as isize)
        } else {
            (-1, -1)
        });
    }
    (r.into_boxed_slice(), state.marks.last_index())
}

/// The span of group `g` (1-based) of a successful match, if it took part.
pub fn group_span(state: &State, g: usize) -> Option<(usize, usize)> {
    let (a, b) = state.marks.get(g - 1);
    (a.is_some() && b.is_some()).then(|| (a.unpack(), b.unpack()))
}
