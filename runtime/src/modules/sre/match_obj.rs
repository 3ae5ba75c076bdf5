//! `re.Match`: one successful match (its pattern, subject, group spans) and the methods
//! that read it. The spans are positions in the subject; a group's text is sliced from
//! the subject object when asked for (so a bytearray changed since is read as it is now,
//! as in CPython).
use super::engine::{Found, regs};
use super::pattern::{PatternData, pattern_of};
use super::sub::{Joiner, compile_template, fill_template};
use super::subject::{Offsets, Subject, subject};
use super::template::TemplateData;
use weft_vm::native;
use weft_vm::native::NativeDef;
use weft_vm::objects::tuple::TupleData;
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

#[derive(weft_vm::trace::Trace)]
pub struct MatchData {
    /// The `re.Pattern`.
    pub pattern: Value,
    /// The subject object as given.
    pub string: Value,
    /// Spans of groups 0..=groups; (-1, -1) for a group that did not take part.
    #[unsafe_untraced = "plain numbers: no Python value inside"]
    pub regs: super::regs::Regs,
    pub pos: usize,
    pub endpos: usize,
    /// The last group closed, or -1.
    pub lastindex: isize,
    /// The match's start as (position, byte offset) in a text subject: group look-ups
    /// walk from here instead of from the start of the text.
    pub anchor: (usize, usize),
}
weft_vm::payload!(MatchData, "re.Match");

/// A new `re.Match` for the engine's successful `state` over `subj` (the text of `string`).
/// `offs` finds byte offsets in `subj` (walking from where it last stopped).
#[allow(clippy::too_many_arguments)]
pub fn new_match(
    vm: &mut Vm,
    pattern: Value,
    p: &PatternData,
    string: Value,
    subj: &Subject<'_>,
    offs: &mut Offsets<'_>,
    state: &Found,
    pos_endpos: (usize, usize),
) -> PyResult {
    let _ = subj;
    let (regs, lastindex) = regs(state, p.groups);
    let start = state.start();
    let anchor = (start, offs.byte(start));
    vm.alloc(
        p.match_type,
        MatchData {
            pattern,
            string,
            regs,
            pos: pos_endpos.0,
            endpos: pos_endpos.1,
            lastindex,
            anchor,
        },
    )
}

/// The match payload of `v`, or CPython's descriptor TypeError naming `method`.
fn match_of<'a>(vm: &mut Vm, v: &'a Value, method: &str) -> PyResult<&'a MatchData> {
    match v.downcast::<MatchData>() {
        Some(m) => Ok(m),
        None => {
            let tn = vm.type_name(*v);
            Err(vm.type_error(format!(
                "descriptor '{method}' for 're.Match' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

/// Reads group texts out of one match's subject.
struct Reader<'a> {
    m: &'a MatchData,
    subj: Subject<'a>,
}

impl<'a> Reader<'a> {
    fn new(vm: &mut Vm, m: &'a MatchData) -> PyResult<Self> {
        let subj = subject(vm, &m.string)?;
        Ok(Reader { m, subj })
    }

    /// Group `g`'s text, or `default` if it did not take part.
    fn group(&self, vm: &mut Vm, g: usize, default: Value) -> PyResult {
        let (a, b) = self.m.regs[g];
        if a < 0 {
            return Ok(default);
        }
        let (c, byte) = self.m.anchor;
        let mut offs = self.subj.offsets().with_anchor(c, byte);
        self.subj.slice(vm, &mut offs, a as usize, b as usize)
    }
}

/// The group number `index` names, or IndexError("no such group").
fn group_index(vm: &mut Vm, m: &MatchData, index: Value) -> PyResult<usize> {
    let p = pattern_of(vm, &m.pattern, "group")?;
    match p.group_number(vm, index)? {
        Some(g) => Ok(g),
        None => Err(vm.index_error("no such group")),
    }
}

/// `m.group(*groups)`: group 0, one group, or a tuple of several.
#[native(raw, name = "group")]
fn m_group(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    weft_vm::helpers::no_kwargs(vm, "group", kw)?;
    let Some(this) = args.first() else {
        return Err(vm.type_error("descriptor 'group' of 're.Match' object needs an argument"));
    };
    let m = match_of(vm, this, "group")?;
    let r = Reader::new(vm, m)?;
    match &args[1..] {
        [] => r.group(vm, 0, Value::NONE),
        [g] => {
            let g = group_index(vm, m, *g)?;
            r.group(vm, g, Value::NONE)
        }
        many => {
            weft_vm::root_scope!(vm);
            let mut out = Vec::with_capacity(many.len());
            for &g in many {
                let g = group_index(vm, m, g)?;
                {
                    let v = r.group(vm, g, Value::NONE)?;
                    out.push(vm.root(v));
                }
            }
            vm.new_tuple(out)
        }
    }
}

#[native(name = "__getitem__")]
fn m_getitem(vm: &mut Vm, this: Value, g: Value) -> PyResult {
    let m = match_of(vm, &this, "__getitem__")?;
    let g = group_index(vm, m, g)?;
    Reader::new(vm, m)?.group(vm, g, Value::NONE)
}

/// `m.groups(default=None)`: groups 1.. as a tuple.
#[native(name = "groups")]
fn m_groups(vm: &mut Vm, this: Value, #[kw] default: Option<Value>) -> PyResult {
    let m = match_of(vm, &this, "groups")?;
    let default = default.unwrap_or(Value::NONE);
    let r = Reader::new(vm, m)?;
    weft_vm::root_scope!(vm);
    let mut out = Vec::with_capacity(m.regs.len());
    for g in 1..m.regs.len() {
        {
            let v = r.group(vm, g, default)?;
            out.push(vm.root(v));
        }
    }
    vm.new_tuple(out)
}

/// `m.groupdict(default=None)`: named groups, by name.
#[native(name = "groupdict")]
fn m_groupdict(vm: &mut Vm, this: Value, #[kw] default: Option<Value>) -> PyResult {
    let m = match_of(vm, &this, "groupdict")?;
    let default = default.unwrap_or(Value::NONE);
    let gi = pattern_of(vm, &m.pattern, "groupdict")?.groupindex;
    let r = Reader::new(vm, m)?;
    weft_vm::root_scope!(vm);
    let d = vm.new_dict()?;
    vm.root(d);
    for (name, _) in vm.dict_items(gi) {
        let g = group_index(vm, m, name)?;
        let v = r.group(vm, g, default)?;
        vm.dict_set(d, name, v)?;
    }
    Ok(d)
}

/// The span of the group `g` names (group 0 when not given).
fn span_of(vm: &mut Vm, this: &Value, g: Option<Value>, method: &str) -> PyResult<(isize, isize)> {
    let m = match_of(vm, this, method)?;
    let g = match g {
        Some(g) => group_index(vm, m, g)?,
        None => 0,
    };
    Ok(m.regs[g])
}

#[native(name = "start")]
fn m_start(vm: &mut Vm, this: Value, group: Option<Value>) -> PyResult {
    let (a, _) = span_of(vm, &this, group, "start")?;
    vm.new_int(a as i64)
}

#[native(name = "end")]
fn m_end(vm: &mut Vm, this: Value, group: Option<Value>) -> PyResult {
    let (_, b) = span_of(vm, &this, group, "end")?;
    vm.new_int(b as i64)
}

fn pair(vm: &mut Vm, (a, b): (isize, isize)) -> PyResult {
    let a = vm.new_int(a as i64)?;
    let b = vm.new_int(b as i64)?;
    vm.new_tuple(vec![a, b])
}

#[native(name = "span")]
fn m_span(vm: &mut Vm, this: Value, group: Option<Value>) -> PyResult {
    let s = span_of(vm, &this, group, "span")?;
    pair(vm, s)
}

/// `m.expand(template)`: CPython 3.11's `re` fills the template in Python
/// (`re._expand`); later ones parse it (`re._compile_template`) and we fill it here.
#[native(name = "expand")]
fn m_expand(vm: &mut Vm, this: Value, #[kw] template: Value) -> PyResult {
    let m = match_of(vm, &this, "expand")?;
    if let Some(f) = super::re_hook(vm, "_expand")? {
        return vm.call(f, &[m.pattern, this, template], &[]);
    }
    let t = compile_template(vm, m.pattern, template)?;
    weft_vm::root_scope!(vm);
    vm.root(t);
    let t = t.downcast::<TemplateData>().expect("template");
    let subj = subject(vm, &m.string)?;
    let mut offs = subj.offsets().with_anchor(m.anchor.0, m.anchor.1);
    let mut out = Joiner::new(subj.is_bytes());
    let span = |g: usize| match m.regs.get(g) {
        Some(&(a, b)) if a >= 0 => Some((a as usize, b as usize)),
        _ => None,
    };
    fill_template(vm, &mut out, t, &subj, &mut offs, &span);
    out.finish(vm)
}

/// `<re.Match object; span=(0, 3), match='abc'>` (the match's repr cut to 50 characters).
#[native(name = "__repr__")]
fn m_repr(vm: &mut Vm, this: Value) -> PyResult {
    let m = match_of(vm, &this, "__repr__")?;
    let (a, b) = m.regs[0];
    let g0 = Reader::new(vm, m)?.group(vm, 0, Value::NONE)?;
    let r = vm.repr(g0)?;
    let r: String = r.chars().take(50).collect();
    vm.new_str(&format!("<re.Match object; span=({a}, {b}), match={r}>"))
}

#[native(name = "__copy__")]
fn m_copy(_vm: &mut Vm, this: Value) -> Value {
    this
}

#[native(name = "__deepcopy__")]
fn m_deepcopy(_vm: &mut Vm, this: Value, memo: Value) -> Value {
    let _ = memo;
    this
}

#[native(name = "pos")]
fn m_pos(vm: &mut Vm, this: Value) -> PyResult {
    let p = match_of(vm, &this, "pos")?.pos;
    vm.new_int(p as i64)
}

#[native(name = "endpos")]
fn m_endpos(vm: &mut Vm, this: Value) -> PyResult {
    let p = match_of(vm, &this, "endpos")?.endpos;
    vm.new_int(p as i64)
}

#[native(name = "lastindex")]
fn m_lastindex(vm: &mut Vm, this: Value) -> PyResult {
    match match_of(vm, &this, "lastindex")?.lastindex {
        i if i >= 0 => vm.new_int(i as i64),
        _ => Ok(Value::NONE),
    }
}

/// The name of the last group closed (None if it has none).
#[native(name = "lastgroup")]
fn m_lastgroup(vm: &mut Vm, this: Value) -> PyResult {
    let m = match_of(vm, &this, "lastgroup")?;
    let p = pattern_of(vm, &m.pattern, "lastgroup")?;
    let names = p.indexgroup.downcast::<TupleData>().map(|t| &t.0[..]);
    match (usize::try_from(m.lastindex), names) {
        (Ok(i), Some(names)) if i < names.len() => Ok(names[i]),
        _ => Ok(Value::NONE),
    }
}

#[native(name = "re")]
fn m_re(vm: &mut Vm, this: Value) -> PyResult {
    Ok(match_of(vm, &this, "re")?.pattern)
}

#[native(name = "string")]
fn m_string(vm: &mut Vm, this: Value) -> PyResult {
    Ok(match_of(vm, &this, "string")?.string)
}

/// The spans of every group, group 0 first.
#[native(name = "regs")]
fn m_regs_getter(vm: &mut Vm, this: Value) -> PyResult {
    let m = match_of(vm, &this, "regs")?;
    weft_vm::root_scope!(vm);
    let mut out = Vec::with_capacity(m.regs.len());
    for &s in m.regs.iter() {
        {
            let v = pair(vm, s)?;
            out.push(vm.root(v));
        }
    }
    vm.new_tuple(out)
}

pub const METHODS: &[NativeDef] = &[
    m_group,
    m_getitem,
    m_groups,
    m_groupdict,
    m_start,
    m_end,
    m_span,
    m_expand,
    m_repr,
    m_copy,
    m_deepcopy,
];

pub const GETTERS: &[NativeDef] = &[
    m_pos,
    m_endpos,
    m_lastindex,
    m_lastgroup,
    m_re,
    m_string,
    m_regs_getter,
];
