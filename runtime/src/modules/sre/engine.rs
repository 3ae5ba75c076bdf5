//! Running the engine (`rustpython-sre_engine`) over a subject: one attempt at a place,
//! or every match left to right.
//!
//! The engine runs no Python code and touches no Python object: it reads the subject's
//! text, which its (rooted) object keeps alive and unchanged. A panic inside it (which
//! only malformed code lists passed straight to `_sre.compile` could cause) becomes
//! `RuntimeError: invalid SRE code`, as CPython reports code that fails its checks.
use super::first::{RunStop, admits};
use super::linear::{self, Hit, OneByte, Prog, Utf8};
use super::regs::Regs;
use super::subject::{Drive, Subject};
use rustpython_sre_engine::{Request, State, StrDrive, StringCursor};
use std::panic::{AssertUnwindSafe, catch_unwind};
use weft_vm::vm::{PyResult, Vm};

/// What a search may use besides the code: the first-character filter and the
/// literal byte prefix of the pattern (`first.rs`).
#[derive(Clone, Copy)]
pub struct Pre<'a> {
    pub first: &'a [(u8, u32)],
    pub prefix: &'a [u8],
    /// The same prefix as UTF-8 (for text subjects), and its length in characters.
    pub text_prefix: &'a [u8],
    pub prefix_chars: usize,
    /// A leading repeated set that must end at a literal.
    pub run_stop: Option<&'a RunStop>,
    /// The pattern as a straight-line program, when it is one (`linear.rs`): it runs
    /// instead of the engine over one-byte subjects.
    pub linear: Option<&'a Prog>,
}

impl<'a> Pre<'a> {
    /// The straight-line program, if there is one and it is the better way to run an
    /// attempt of `mode`: a search for a pattern with a literal prefix or a run filter
    /// goes to the engine, which jumps between the prefix's occurrences (`memmem`) or
    /// over whole runs, where the program would try each place.
    fn linear_for(&self, mode: Mode) -> Option<&'a Prog> {
        let skips = !self.prefix.is_empty() || !self.text_prefix.is_empty();
        if mode == Mode::Search && (skips || self.run_stop.is_some()) {
            return None;
        }
        self.linear
    }
}

/// A successful match: the engine's state, or a straight-line program's hit.
pub enum Found {
    Engine(State),
    Linear(Hit),
}

impl Found {
    pub fn start(&self) -> usize {
        match self {
            Found::Engine(s) => s.start,
            Found::Linear(h) => h.start,
        }
    }

    pub fn end(&self) -> usize {
        match self {
            Found::Engine(s) => s.cursor.position,
            Found::Linear(h) => h.end,
        }
    }
}

/// The subject's bytes, for substring search of a literal prefix: bytes (positions are
/// offsets), or UTF-8 text with a known (position, byte offset) pair at or before the
/// search's start, which the search moves forward as it goes.
pub enum Raw<'a> {
    Bytes(&'a [u8]),
    Text(&'a [u8], (usize, usize)),
}

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

impl Span {
    /// Positions `start..end` from scratch (no forced advance, no position hint).
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start,
            end,
            must_advance: false,
            hint: (0, 0),
        }
    }
}

/// A search over at least this many positions runs detached (see [`guarded`]).
const DETACH_MIN: usize = 1 << 16;

/// Run the engine on `f`, detached when `long`: then a collection another thread needs
/// does not wait for it. The engine touches no Python object but the subject's text,
/// which its rooted object keeps alive and unchanged (the heap never moves objects), and
/// every value the callers keep across it is rooted.
fn guarded<T>(vm: &mut Vm, long: bool, f: impl FnOnce() -> T) -> PyResult<T> {
    let run = || catch_unwind(AssertUnwindSafe(f));
    let r = if long { vm.detached(run) } else { run() };
    r.map_err(|_| vm.runtime_error("invalid SRE code"))
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

/// One attempt; the match (group marks, match end) on success.
pub fn once(
    vm: &mut Vm,
    subj: &Subject<'_>,
    code: &[u32],
    pre: Pre<'_>,
    span: Span,
    mode: Mode,
) -> PyResult<Option<Found>> {
    if span.start > span.end && mode != Mode::Match {
        // CPython: a search, or a match that must reach `end`, finds nothing there.
        return Ok(None);
    }
    // An anchored match past `end` sees an empty window (as CPython's does).
    let span = Span {
        end: span.end.max(span.start),
        ..span
    };
    let long = mode == Mode::Search && span.end - span.start >= DETACH_MIN;
    if let Some(p) = pre.linear_for(mode) {
        let mut hit = p.hit();
        let mut cache = linear::Cache::new();
        let ok = match subj.drive(span.hint) {
            Drive::Bytes(d) => {
                let ask = ask(span, span.start, mode);
                guarded(vm, long, || {
                    linear::find(p, OneByte(d), ask, &mut hit, &mut cache)
                })?
            }
            Drive::Text(d) => {
                let ask = ask(span, byte_of(d.bytes(), span.hint, span.start), mode);
                guarded(vm, long, || {
                    linear::find(p, Utf8(d.bytes()), ask, &mut hit, &mut cache)
                })?
            }
        };
        return Ok(ok.then_some(Found::Linear(hit)));
    }
    let found = match subj.drive(span.hint) {
        Drive::Bytes(d) => guarded(vm, long, || {
            once_in(d, code, pre, Raw::Bytes(d), span, mode)
        })?,
        Drive::Text(d) => {
            let raw = Raw::Text(d.bytes(), span.hint);
            guarded(vm, long, || once_in(d, code, pre, raw, span, mode))?
        }
    };
    Ok(found.map(Found::Engine))
}

/// The byte offset of position `n` of UTF-8 `text`, walking from the known pair `hint`
/// (at or before `n`, or from the start).
fn byte_of(text: &[u8], hint: (usize, usize), n: usize) -> usize {
    let (mut c, mut b) = if hint.0 <= n { hint } else { (0, 0) };
    while c < n && b < text.len() {
        b += 1;
        while b < text.len() && text[b] & 0xC0 == 0x80 {
            b += 1;
        }
        c += 1;
    }
    b
}

/// The straight-line program's request for an attempt of `mode` over `span` (whose
/// start is at byte `start_byte`).
fn ask(span: Span, start_byte: usize, mode: Mode) -> linear::Ask {
    linear::Ask {
        start: span.start,
        start_byte,
        end: span.end,
        must_advance: span.must_advance,
        match_all: mode == Mode::Full,
        search: mode == Mode::Search,
    }
}

fn once_in<S: StrDrive>(
    d: S,
    code: &[u32],
    pre: Pre<'_>,
    mut raw: Raw<'_>,
    span: Span,
    mode: Mode,
) -> Option<State> {
    let req = request(d, code, span, mode == Mode::Full);
    let mut state = State::default();
    state.cursor = d.create_cursor(span.start);
    let found = match mode {
        Mode::Search => search(&mut state, req, pre, &mut raw),
        Mode::Match | Mode::Full => state.py_match(&req),
    };
    found.then_some(state)
}

/// The engine's search; over bytes with a literal prefix, an anchored attempt at each
/// occurrence of the prefix (found by substring search); with a first-character
/// filter, an anchored attempt at each position whose character passes it.
/// (`state.cursor` is at `req.start`.)
fn search<S: StrDrive>(
    state: &mut State,
    req: Request<'_, S>,
    pre: Pre<'_>,
    raw: &mut Raw<'_>,
) -> bool {
    match raw {
        Raw::Bytes(b) if !pre.prefix.is_empty() => {
            return search_prefix(state, req, pre.prefix, b);
        }
        Raw::Text(b, known) if !pre.text_prefix.is_empty() => {
            return search_text_prefix(state, req, pre, b, known);
        }
        _ => {}
    }
    if let Some(rs) = pre.run_stop {
        return search_runs(state, req, rs);
    }
    if pre.first.is_empty() {
        return state.search(req);
    }
    let mut cursor = state.cursor;
    let mut at = req.start;
    while at < req.end {
        if admits(pre.first, S::peek(&cursor)) && attempt(state, req, at, cursor) {
            return true;
        }
        S::advance(&mut cursor);
        at += 1;
    }
    false
}

/// A search with a run filter (`first::RunStop`): attempts only inside runs of the
/// set's characters that end at the stop literal.
fn search_runs<S: StrDrive>(state: &mut State, req: Request<'_, S>, rs: &RunStop) -> bool {
    let mut cursor = state.cursor;
    let mut at = req.start;
    while at < req.end {
        if !rs.admits(S::peek(&cursor)) {
            S::advance(&mut cursor);
            at += 1;
            continue;
        }
        let mut end_cursor = cursor;
        let mut q = at;
        while q < req.end && rs.admits(S::peek(&end_cursor)) {
            S::advance(&mut end_cursor);
            q += 1;
        }
        if q < req.end && S::peek(&end_cursor) == rs.stop {
            while at < q {
                if attempt(state, req, at, cursor) {
                    return true;
                }
                S::advance(&mut cursor);
                at += 1;
            }
        }
        // No match starts in the run, nor at the character that ended it.
        cursor = end_cursor;
        at = q;
        if at < req.end {
            S::advance(&mut cursor);
            at += 1;
        }
    }
    false
}

/// An anchored match at `at` (whose cursor is `cursor`), as part of a search from
/// `req.start`.
fn attempt<S: StrDrive>(
    state: &mut State,
    req: Request<'_, S>,
    at: usize,
    cursor: StringCursor,
) -> bool {
    let mut one = req;
    one.start = at;
    one.must_advance = req.must_advance && at == req.start;
    // The cursor first, so that reset finds it in place (no walk).
    state.cursor = cursor;
    state.reset(&one, at);
    state.py_match(&one)
}

fn search_prefix<S: StrDrive>(
    state: &mut State,
    req: Request<'_, S>,
    prefix: &[u8],
    raw: &[u8],
) -> bool {
    let finder = memchr::memmem::Finder::new(prefix);
    let end = req.end.min(raw.len());
    let mut at = req.start;
    while at + prefix.len() <= end {
        let Some(k) = finder.find(&raw[at..end]) else {
            return false;
        };
        let p = at + k;
        if attempt(state, req, p, req.string.create_cursor(p)) {
            return true;
        }
        at = p + 1;
    }
    false
}

/// `search_prefix` over UTF-8 text: occurrences of the prefix's UTF-8 bytes (which can
/// only start on a character boundary), their positions counted from `known`.
fn search_text_prefix<S: StrDrive>(
    state: &mut State,
    req: Request<'_, S>,
    pre: Pre<'_>,
    text: &[u8],
    known: &mut (usize, usize),
) -> bool {
    let (mut c, mut b) = *known;
    let finder = memchr::memmem::Finder::new(pre.text_prefix);
    let chars_between =
        |from: usize, to: usize| text[from..to].iter().filter(|&&x| x & 0xC0 != 0x80).count();
    // Up to the search's start, then from occurrence to occurrence.
    while c < req.start && b < text.len() {
        b += 1;
        while b < text.len() && text[b] & 0xC0 == 0x80 {
            b += 1;
        }
        c += 1;
    }
    *known = (c, b);
    let mut from = b;
    loop {
        let Some(k) = finder.find(&text[from..]).map(|k| from + k) else {
            return false;
        };
        c += chars_between(b, k);
        b = k;
        *known = (c, b);
        if c + pre.prefix_chars > req.end {
            return false;
        }
        let mut cursor = <&[u8] as StrDrive>::create_cursor(&text, 0);
        <&[u8] as StrDrive>::skip(&mut cursor, k);
        cursor.position = c;
        if attempt(state, req, c, cursor) {
            return true;
        }
        from = k + 1;
    }
}

/// Every match in `span`, left to right, handed to `f` until it returns false. After an
/// empty match the next one must not be empty at the same place (CPython's scan rule).
pub fn each(
    vm: &mut Vm,
    subj: &Subject<'_>,
    code: &[u32],
    pre: Pre<'_>,
    span: Span,
    f: &mut dyn FnMut(&mut Vm, &Found) -> PyResult<bool>,
) -> PyResult<()> {
    match subj.drive(span.hint) {
        Drive::Bytes(d) if let Some(p) = pre.linear_for(Mode::Search) => {
            each_linear(vm, p, OneByte(d), span.start, span, f)
        }
        Drive::Text(d) if let Some(p) = pre.linear_for(Mode::Search) => {
            let b = byte_of(d.bytes(), span.hint, span.start);
            each_linear(vm, p, Utf8(d.bytes()), b, span, f)
        }
        Drive::Bytes(d) => each_in(vm, d, code, pre, Raw::Bytes(d), span, f),
        Drive::Text(d) => each_in(vm, d, code, pre, Raw::Text(d.bytes(), span.hint), span, f),
    }
}

fn each_in<S: StrDrive>(
    vm: &mut Vm,
    d: S,
    code: &[u32],
    pre: Pre<'_>,
    mut raw: Raw<'_>,
    span: Span,
    f: &mut dyn FnMut(&mut Vm, &Found) -> PyResult<bool>,
) -> PyResult<()> {
    let mut req = request(d, code, span, false);
    let mut state = State::default();
    state.cursor = d.create_cursor(span.start);
    // Detach for the first search over a long subject, then whenever the last search
    // had to go far (dense matches, the common case, stay attached).
    let mut long = req.end - req.start >= DETACH_MIN;
    while req.start <= req.end {
        // The cursor is already at `req.start` (the last match's end): no walk.
        state.reset(&req, req.start);
        let from = req.start;
        if !guarded(vm, long, || search(&mut state, req, pre, &mut raw))? {
            break;
        }
        long = state.start - from >= DETACH_MIN;
        let found = Found::Engine(std::mem::take(&mut state));
        let more = f(vm, &found)?;
        if let Found::Engine(s) = found {
            state = s;
        }
        if !more {
            break;
        }
        req.must_advance = state.cursor.position == state.start;
        req.start = state.cursor.position;
    }
    Ok(())
}

/// `each` with a straight-line program over subject `t` (`start_byte` is the byte
/// offset of `span.start`).
fn each_linear<T: linear::ByteText>(
    vm: &mut Vm,
    p: &Prog,
    t: T,
    start_byte: usize,
    span: Span,
    f: &mut dyn FnMut(&mut Vm, &Found) -> PyResult<bool>,
) -> PyResult<()> {
    let mut ask = ask(span, start_byte, Mode::Search);
    let mut hit = p.hit();
    let mut cache = linear::Cache::new();
    let mut long = span.end - span.start >= DETACH_MIN;
    while ask.start <= ask.end {
        if !guarded(vm, long, || linear::find(p, t, ask, &mut hit, &mut cache))? {
            break;
        }
        long = hit.start - ask.start >= DETACH_MIN;
        let (start, end) = (hit.start, hit.end);
        // The hit goes to the callback inside a `Found` and comes back (its marks kept).
        let found = Found::Linear(std::mem::take(&mut hit));
        let more = f(vm, &found)?;
        if let Found::Linear(h) = found {
            hit = h;
        }
        if !more {
            break;
        }
        ask.must_advance = end == start;
        ask.start = end;
        ask.start_byte = hit.end_byte;
    }
    Ok(())
}

/// The spans of groups 0..=`groups` of a successful match ((-1, -1) for a group that did
/// not take part), and the last group closed (-1 for none).
pub fn regs(found: &Found, groups: usize) -> (Regs, isize) {
    let mut r = Regs::unset(groups + 1);
    r[0] = (found.start() as isize, found.end() as isize);
    let span = |(a, b): (usize, usize)| (a as isize, b as isize);
    match found {
        Found::Linear(h) => {
            for g in 1..=groups {
                if let Some(s) = h.group(g) {
                    r[g] = span(s);
                }
            }
            (r, h.last_index)
        }
        Found::Engine(state) => {
            for g in 1..=groups {
                let (a, b) = state.marks.get(g - 1);
                if a.is_some() && b.is_some() {
                    r[g] = span((a.unpack(), b.unpack()));
                }
            }
            (r, state.marks.last_index())
        }
    }
}

/// The span of group `g` (1-based) of a successful match, if it took part.
pub fn group_span(found: &Found, g: usize) -> Option<(usize, usize)> {
    let state = match found {
        Found::Engine(s) => s,
        Found::Linear(h) => return h.group(g),
    };
    let (a, b) = state.marks.get(g - 1);
    (a.is_some() && b.is_some()).then(|| (a.unpack(), b.unpack()))
}
