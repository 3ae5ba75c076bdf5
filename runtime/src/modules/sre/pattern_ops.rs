//! The matching methods of `re.Pattern`: match, fullmatch, search, findall, finditer,
//! scanner and split (sub and subn are in `sub.rs`).
use super::engine::{self, Mode, Span, group_span};
use super::match_obj::new_match;
use super::pattern::{PatternData, pattern_of};
use super::scanner::new_scanner;
use super::subject::{Subject, subject};
use weft_vm::native;
use weft_vm::native::NativeDef;
use weft_vm::objects::bytes::args::ssize_arg;
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

/// `pos`/`endpos` as given (CPython converts them before looking at the subject).
pub fn bounds(vm: &mut Vm, pos: Option<Value>, endpos: Option<Value>) -> PyResult<(i64, i64)> {
    let a = match pos {
        Some(v) => ssize_arg(vm, v)?,
        None => 0,
    };
    let b = match endpos {
        Some(v) => ssize_arg(vm, v)?,
        None => i64::MAX,
    };
    Ok((a, b))
}

/// The window `(pos, endpos)` clamped to the subject, as CPython clamps it.
pub fn window(subj: &Subject<'_>, (a, b): (i64, i64)) -> (usize, usize) {
    let len = subj.len() as i64;
    (a.clamp(0, len) as usize, b.clamp(0, len) as usize)
}

/// The subject `string`, checked against the pattern `p`.
pub fn checked<'a>(vm: &mut Vm, p: &PatternData, string: &'a Value) -> PyResult<Subject<'a>> {
    let subj = subject(vm, string)?;
    p.check_kind(vm, &subj)?;
    Ok(subj)
}

/// The checked subject and the span `pos..endpos` clamped to it (a search's start).
fn windowed<'a>(
    vm: &mut Vm,
    p: &PatternData,
    string: &'a Value,
    pos: Option<Value>,
    endpos: Option<Value>,
) -> PyResult<(Subject<'a>, Span)> {
    let bounds = bounds(vm, pos, endpos)?;
    let subj = checked(vm, p, string)?;
    let (start, end) = window(&subj, bounds);
    Ok((subj, Span::new(start, end)))
}

fn attempt(
    vm: &mut Vm,
    this: Value,
    string: Value,
    pos: Option<Value>,
    endpos: Option<Value>,
    mode: Mode,
    name: &str,
) -> PyResult {
    let p = pattern_of(vm, &this, name)?;
    let (subj, span) = windowed(vm, p, &string, pos, endpos)?;
    let (start, end) = (span.start, span.end);
    match engine::once(vm, &subj, &p.code, p.pre(), span, mode)? {
        None => Ok(Value::NONE),
        Some(state) => {
            let mut offs = subj.offsets();
            new_match(vm, this, p, string, &subj, &mut offs, &state, (start, end))
        }
    }
}

/// `pattern.match(string, pos=0, endpos=sys.maxsize)`
#[native(name = "match")]
fn p_match_(
    vm: &mut Vm,
    this: Value,
    #[kw] string: Value,
    #[kw] pos: Option<Value>,
    #[kw] endpos: Option<Value>,
) -> PyResult {
    attempt(vm, this, string, pos, endpos, Mode::Match, "match")
}

#[native(name = "fullmatch")]
fn p_fullmatch(
    vm: &mut Vm,
    this: Value,
    #[kw] string: Value,
    #[kw] pos: Option<Value>,
    #[kw] endpos: Option<Value>,
) -> PyResult {
    attempt(vm, this, string, pos, endpos, Mode::Full, "fullmatch")
}

#[native(name = "search")]
fn p_search(
    vm: &mut Vm,
    this: Value,
    #[kw] string: Value,
    #[kw] pos: Option<Value>,
    #[kw] endpos: Option<Value>,
) -> PyResult {
    attempt(vm, this, string, pos, endpos, Mode::Search, "search")
}

/// Every match's text: group 0 without groups, group 1 with one, else a tuple of all
/// (groups that did not take part give an empty string).
#[native(name = "findall")]
fn p_findall(
    vm: &mut Vm,
    this: Value,
    #[kw] string: Value,
    #[kw] pos: Option<Value>,
    #[kw] endpos: Option<Value>,
) -> PyResult {
    let p = pattern_of(vm, &this, "findall")?;
    let (subj, span) = windowed(vm, p, &string, pos, endpos)?;
    weft_vm::root_scope!(vm);
    let mut out = Vec::new();
    let mut offs = subj.offsets();
    engine::each(vm, &subj, &p.code, p.pre(), span, &mut |vm, st| {
        let item = if p.groups == 0 {
            subj.slice(vm, &mut offs, st.start(), st.end())?
        } else {
            let mut parts = Vec::with_capacity(p.groups);
            for g in 1..=p.groups {
                let (a, b) = group_span(st, g).unwrap_or((0, 0));
                {
                    let v = subj.slice(vm, &mut offs, a, b)?;
                    parts.push(vm.root(v));
                }
            }
            if parts.len() == 1 {
                parts[0]
            } else {
                vm.new_tuple(parts)?
            }
        };
        out.push(vm.root(item));
        Ok(true)
    })?;
    vm.new_list(out)
}

/// `iter(pattern.scanner(string, pos, endpos).search, None)`, as CPython builds it.
#[native(name = "finditer")]
fn p_finditer(
    vm: &mut Vm,
    this: Value,
    #[kw] string: Value,
    #[kw] pos: Option<Value>,
    #[kw] endpos: Option<Value>,
) -> PyResult {
    let sc = scanner_for(vm, this, string, pos, endpos, "finditer")?;
    weft_vm::root_scope!(vm);
    vm.root(sc);
    let search = vm.getattr_str(sc, "search")?;
    vm.root(search);
    let iter = vm
        .dict_get_str(vm.rt.builtins, "iter")
        .ok_or_else(|| vm.runtime_error("lost builtins.iter"))?;
    vm.call(iter, &[search, Value::NONE], &[])
}

fn scanner_for(
    vm: &mut Vm,
    this: Value,
    string: Value,
    pos: Option<Value>,
    endpos: Option<Value>,
    name: &str,
) -> PyResult {
    let p = pattern_of(vm, &this, name)?;
    let bounds = bounds(vm, pos, endpos)?;
    let (start, end) = {
        let subj = checked(vm, p, &string)?;
        window(&subj, bounds)
    };
    new_scanner(vm, this, string, start, end)
}

#[native(name = "scanner")]
fn p_scanner(
    vm: &mut Vm,
    this: Value,
    #[kw] string: Value,
    #[kw] pos: Option<Value>,
    #[kw] endpos: Option<Value>,
) -> PyResult {
    scanner_for(vm, this, string, pos, endpos, "scanner")
}

/// `pattern.split(string, maxsplit=0)`: the pieces between matches, each followed by the
/// match's groups (None for a group that did not take part).
#[native(name = "split")]
fn p_split(
    vm: &mut Vm,
    this: Value,
    #[kw] string: Value,
    #[kw] maxsplit: Option<Value>,
) -> PyResult {
    let p = pattern_of(vm, &this, "split")?;
    let maxsplit = match maxsplit {
        Some(v) => ssize_arg(vm, v)?,
        None => 0,
    };
    let subj = checked(vm, p, &string)?;
    let len = subj.len();
    weft_vm::root_scope!(vm);
    let mut out = Vec::new();
    let mut offs = subj.offsets();
    let mut last = 0;
    if maxsplit >= 0 {
        let span = Span::new(0, len);
        let mut n = 0;
        engine::each(vm, &subj, &p.code, p.pre(), span, &mut |vm, st| {
            {
                let v = subj.slice(vm, &mut offs, last, st.start())?;
                out.push(vm.root(v));
            }
            for g in 1..=p.groups {
                let item = match group_span(st, g) {
                    Some((a, b)) => subj.slice(vm, &mut offs, a, b)?,
                    None => Value::NONE,
                };
                out.push(vm.root(item));
            }
            n += 1;
            last = st.end();
            Ok(maxsplit == 0 || n < maxsplit)
        })?;
    }
    {
        let v = subj.slice(vm, &mut offs, last, len)?;
        out.push(vm.root(v));
    }
    vm.new_list(out)
}

pub const METHODS: &[NativeDef] = &[
    p_match_,
    p_fullmatch,
    p_search,
    p_findall,
    p_finditer,
    p_scanner,
    p_split,
];
