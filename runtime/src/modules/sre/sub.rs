//! `pattern.sub(repl, string, count=0)` and `subn`.
//!
//! As in CPython 3.11: a callable `repl` is called with each match; a str or bytes
//! without a backslash is used as it is; anything else is handed to `re._subx`, which
//! parses the template and returns either the literal it amounts to or a function of the
//! match. The result is built as the pieces come (no list of pieces), but a replacement
//! of the wrong type is reported as CPython's final join reports it: after every match
//! has been replaced, naming the piece's index in the list CPython would have built.
use super::engine::{self, Span, group_span};
use super::match_obj::new_match;
use super::pattern::pattern_of;
use super::pattern_ops::checked;
use super::subject::{Offsets, Subject};
use super::template::TemplateData;
use weft_vm::helpers::unwrap_base;
use weft_vm::native;
use weft_vm::native::NativeDef;
use weft_vm::objects::bytes::args::ssize_arg;
use weft_vm::objects::bytes::{BytesData, buffer_bytes};
use weft_vm::objects::str::StrData;
use weft_vm::ops::call::is_callable;
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

/// A str or bytes-like `repl` with no backslash: used as it is.
fn is_literal(v: &Value) -> bool {
    if let Some(s) = unwrap_base::<StrData>(v) {
        return !s.as_str().contains('\\');
    }
    if let Some(b) = unwrap_base::<BytesData>(v) {
        return !b.0.contains(&b'\\');
    }
    buffer_bytes(v).is_some_and(|b| !b.contains(&b'\\'))
}

/// What replaces each match.
#[derive(Clone, Copy)]
enum Filter {
    /// The same value each time (None: nothing).
    Literal(Value),
    /// A function called with the match.
    Call(Value),
    /// A parsed template (`TemplateData`), filled in with the match's groups.
    Template(Value),
}

impl Filter {
    fn value(self) -> Value {
        match self {
            Filter::Literal(v) | Filter::Call(v) | Filter::Template(v) => v,
        }
    }
}

fn filter_for(vm: &mut Vm, this: Value, repl: Value) -> PyResult<Filter> {
    if is_callable(vm, repl) {
        return Ok(Filter::Call(repl));
    }
    if is_literal(&repl) {
        return Ok(Filter::Literal(repl));
    }
    // CPython 3.11's re parses the template with `_compile_repl`; filled in natively
    // here rather than by `_subx`'s Python function once per match.
    if let Some(parse) = super::re_hook(vm, "_compile_repl")? {
        let parsed = vm.call(parse, &[repl, this], &[])?;
        let t = vm.with_root(parsed, |vm| template_from_parsed(vm, this, parsed))?;
        let td = t.downcast::<TemplateData>().expect("made by t_template");
        return Ok(if td.items.is_empty() {
            Filter::Literal(td.literal)
        } else {
            Filter::Template(t)
        });
    }
    // `_subx` gives a literal or a function of the match.
    if let Some(subx) = super::re_hook(vm, "_subx")? {
        let f = vm.call(subx, &[this, repl], &[])?;
        return Ok(if is_callable(vm, f) {
            Filter::Call(f)
        } else {
            Filter::Literal(f)
        });
    }
    // 3.12 and later: `_compile_template` gives an `_sre.template` object.
    let t = compile_template(vm, this, repl)?;
    let td = t
        .downcast::<TemplateData>()
        .expect("checked by compile_template");
    Ok(if td.items.is_empty() {
        Filter::Literal(td.literal)
    } else {
        Filter::Template(t)
    })
}

/// A native template from CPython 3.11's parsed form `(groups, literals)`: `literals`
/// holds None where a group goes and `groups` pairs each such index with its group.
fn template_from_parsed(vm: &mut Vm, pattern: Value, parsed: Value) -> PyResult {
    let halves = vm.collect_iter(parsed)?;
    let [groups, literals] = halves[..] else {
        return Err(vm.type_error("invalid template"));
    };
    let mut which = std::collections::HashMap::new();
    for pair in vm.collect_iter(groups)? {
        let two = vm.collect_iter(pair)?;
        match (
            two.first().and_then(|v| weft_vm::helpers::as_int(*v)),
            two.get(1),
        ) {
            (Some(i), Some(&g)) => which.insert(i, g),
            _ => return Err(vm.type_error("invalid template")),
        };
    }
    let mut parts = Vec::new();
    let mut pending = Value::NONE;
    for (i, lit) in vm.collect_iter(literals)?.into_iter().enumerate() {
        if lit.is_none() {
            let Some(&g) = which.get(&(i as i64)) else {
                return Err(vm.type_error("invalid template"));
            };
            parts.push(pending);
            parts.push(g);
            pending = Value::NONE;
        } else {
            pending = lit;
        }
    }
    parts.push(pending);
    let list = vm.new_list(parts)?;
    vm.with_root(list, |vm| {
        (super::template::t_template.f)(vm, &[pattern, list], &[])
    })
}

/// `re._compile_template(pattern, repl)` (CPython 3.12 and later), checked.
pub fn compile_template(vm: &mut Vm, pattern: Value, repl: Value) -> PyResult {
    let Some(ct) = super::re_hook(vm, "_compile_template")? else {
        return Err(vm.runtime_error("re has neither _subx nor _compile_template"));
    };
    let t = vm.call(ct, &[pattern, repl], &[])?;
    if t.downcast::<TemplateData>().is_none() {
        let tn = vm.type_name(t);
        return Err(vm.type_error(format!(
            "re._compile_template() returned {tn}, not a template"
        )));
    }
    Ok(t)
}

/// Append template `t` filled in with the groups of a match (`span(g)`: group g's span
/// in `subj`, None if it did not take part).
pub fn fill_template(
    vm: &mut Vm,
    out: &mut Joiner,
    t: &TemplateData,
    subj: &Subject<'_>,
    offs: &mut Offsets<'_>,
    span: &dyn Fn(usize) -> Option<(usize, usize)>,
) {
    out.item(vm, t.literal);
    for &(g, lit) in t.items.iter() {
        if let Some((a, b)) = span(g) {
            out.piece(subj, offs, a, b);
        }
        out.item(vm, lit);
    }
}

/// The result so far, and the first replacement of the wrong type (its index among the
/// pieces, and its type's name).
pub struct Joiner {
    text: String,
    /// The exact text (generalized UTF-8) once a piece held lone surrogates; `text`
    /// is its lossy copy (same length) until then and after.
    exact: Option<Vec<u8>>,
    chars: usize,
    bytes: Vec<u8>,
    is_bytes: bool,
    pieces: usize,
    bad: Option<(usize, String)>,
}

impl Joiner {
    pub fn new(is_bytes: bool) -> Self {
        Joiner {
            text: String::new(),
            exact: None,
            chars: 0,
            bytes: Vec::new(),
            is_bytes,
            pieces: 0,
            bad: None,
        }
    }

    /// Positions `a..b` of the subject (nothing if empty).
    pub fn piece(&mut self, subj: &Subject<'_>, offs: &mut Offsets<'_>, a: usize, b: usize) {
        if a >= b {
            return;
        }
        self.pieces += 1;
        match subj {
            Subject::Text { s, exact, .. } => {
                let (x, y) = (offs.byte(a), offs.byte(b));
                self.push_text(&s[x..y], exact.map(|e| &e[x..y]));
                self.chars += b - a;
            }
            Subject::Bytes(s) => self.bytes.extend_from_slice(&s[a..b]),
        }
    }

    /// A replacement (None adds nothing).
    pub fn item(&mut self, vm: &mut Vm, v: Value) {
        if v.is_none() {
            return;
        }
        let index = self.pieces;
        self.pieces += 1;
        if self.bad.is_some() {
            return;
        }
        if !self.is_bytes {
            if let Some(s) = unwrap_base::<StrData>(&v) {
                self.push_text(s.as_str(), s.has_surrogates().then(|| s.wtf8()));
                self.chars += s.chars();
                return;
            }
        } else if let Some(b) = unwrap_base::<BytesData>(&v) {
            self.bytes.extend_from_slice(&b.0);
            return;
        } else if let Some(b) = buffer_bytes(&v) {
            self.bytes.extend_from_slice(&b);
            return;
        }
        self.bad = Some((index, vm.type_name(v)));
    }

    pub fn finish(self, vm: &mut Vm) -> PyResult {
        if let Some((i, tn)) = self.bad {
            let want = if self.is_bytes {
                "a bytes-like object"
            } else {
                "str instance"
            };
            return Err(vm.type_error(format!("sequence item {i}: expected {want}, {tn} found")));
        }
        if self.is_bytes {
            vm.new_bytes(self.bytes)
        } else if let Some(e) = &self.exact {
            vm.new_str_wtf8(e)
        } else {
            vm.new_str_counted(&self.text, self.chars)
        }
    }

    /// Text `lossy`, whose exact form is `exact` when it holds lone surrogates.
    fn push_text(&mut self, lossy: &str, exact: Option<&[u8]>) {
        if exact.is_some() && self.exact.is_none() {
            self.exact = Some(self.text.as_bytes().to_vec());
        }
        if let Some(e) = &mut self.exact {
            e.extend_from_slice(exact.unwrap_or(lossy.as_bytes()));
        }
        self.text.push_str(lossy);
    }
}

/// Replace up to `count` matches (all when 0, none when negative); the result and the
/// number replaced.
fn subx(
    vm: &mut Vm,
    this: Value,
    repl: Value,
    string: Value,
    count: Option<Value>,
    name: &str,
) -> PyResult<(Value, usize)> {
    let p = pattern_of(vm, &this, name)?;
    let count = match count {
        Some(v) => ssize_arg(vm, v)?,
        None => 0,
    };
    weft_vm::root_scope!(vm);
    let filter = filter_for(vm, this, repl)?;
    vm.root(filter.value());
    let subj = checked(vm, p, &string)?;
    let len = subj.len();
    let mut out = Joiner::new(subj.is_bytes());
    let mut offs = subj.offsets();
    let mut last = 0;
    let mut n = 0usize;
    if count >= 0 {
        let span = Span::new(0, len);
        engine::each(vm, &subj, &p.code, p.pre(), span, &mut |vm, st| {
            out.piece(&subj, &mut offs, last, st.start());
            match filter {
                Filter::Literal(v) => out.item(vm, v),
                Filter::Call(f) => {
                    let m = new_match(vm, this, p, string, &subj, &mut offs, st, (0, len))?;
                    let item = vm.call(f, &[m], &[])?;
                    out.item(vm, item);
                }
                Filter::Template(t) => {
                    let t = t.downcast::<TemplateData>().expect("template");
                    let span = |g: usize| match g {
                        0 => Some((st.start(), st.end())),
                        _ if g <= p.groups => group_span(st, g),
                        _ => None,
                    };
                    fill_template(vm, &mut out, t, &subj, &mut offs, &span);
                }
            }
            last = st.end();
            n += 1;
            Ok(count == 0 || (n as i64) < count)
        })?;
    }
    let exact = {
        let t = vm.type_of(string);
        t == vm.rt.types.str || t == vm.rt.types.bytes
    };
    if n == 0 && exact {
        return Ok((string, 0));
    }
    out.piece(&subj, &mut offs, last, len);
    Ok((out.finish(vm)?, n))
}

#[native(name = "sub")]
fn p_sub(
    vm: &mut Vm,
    this: Value,
    #[kw] repl: Value,
    #[kw] string: Value,
    #[kw] count: Option<Value>,
) -> PyResult {
    subx(vm, this, repl, string, count, "sub").map(|(r, _)| r)
}

#[native(name = "subn")]
fn p_subn(
    vm: &mut Vm,
    this: Value,
    #[kw] repl: Value,
    #[kw] string: Value,
    #[kw] count: Option<Value>,
) -> PyResult {
    let (r, n) = subx(vm, this, repl, string, count, "subn")?;
    weft_vm::root_scope!(vm);
    vm.root(r);
    let n = vm.new_int(n as i64)?;
    vm.new_tuple(vec![r, n])
}

pub const METHODS: &[NativeDef] = &[p_sub, p_subn];
