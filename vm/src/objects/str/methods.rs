//! `str` constructor and methods, `repr(str)`, `%`-formatting and `str.format`.
//! Indices are in code points, as in Python; methods work on `Vec<char>` when they need
//! positions.
use crate::helpers::{as_int, as_str, unwrap_base, wrap_for_subclass};
use crate::native;
use crate::native::{NativeDef, This};
use crate::objects::bytes::{ByteArrayData, BytesData};
use crate::objects::dict::DictData;
use crate::objects::str::StrData;
use crate::objects::tuple::TupleData;
use crate::ops::number_format::{Spec, format_float, format_str};
use crate::value::Value;
use crate::vm::{PyErr, PyResult, Vm};
use num_bigint::BigInt;

// ---------------------------------------------------------------- repr

/// CPython's "printable" approximation (no Unicode database): controls, separators
/// other than ' ', format characters, surrogates and private use are not printable.
pub fn is_printable(c: char) -> bool {
    let u = c as u32;
    !(u < 0x20
        || (0x7f..0xa1).contains(&u)
        || u == 0xad
        || u == 0x1680
        || (0x2000..=0x200f).contains(&u)
        || (0x2028..=0x202f).contains(&u)
        || (0x205f..=0x2064).contains(&u)
        || u == 0x3000
        || u == 0xfeff
        || (0xe000..=0xf8ff).contains(&u)
        || (0xfff9..=0xfffb).contains(&u)
        || u >= 0xf0000)
}

fn escape_char(out: &mut String, c: char) {
    escape_code(out, c as u32)
}

fn escape_code(out: &mut String, u: u32) {
    if u < 0x100 {
        out.push_str(&format!("\\x{u:02x}"));
    } else if u < 0x10000 {
        out.push_str(&format!("\\u{u:04x}"));
    } else {
        out.push_str(&format!("\\U{u:08x}"));
    }
}

fn repr_impl(s: &str, ascii_only: bool) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if !is_printable(c) || (ascii_only && !c.is_ascii()) => escape_char(&mut out, c),
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// `repr(s)` with CPython's quote choice and escapes.
pub fn str_repr(s: &str) -> String {
    repr_impl(s, false)
}

/// `repr` of a str object: exact, a lone surrogate shown as `\udXXX`.
pub fn str_data_repr(d: &StrData) -> String {
    if !d.has_surrogates() {
        return repr_impl(d.as_str(), false);
    }
    // Repr the lossy copy piecewise, escaping the surrogates between the pieces: the
    // lossy copy's quote choice is the exact text's (quotes are ASCII).
    let s = d.as_str();
    let full = repr_impl(s, false);
    let quote = &full[..1];
    let mut out = String::from(quote);
    let mut b = d.wtf8();
    while !b.is_empty() {
        let w = crate::objects::str::wtf8::width(b[0]);
        let c = crate::objects::str::wtf8::decode(&b[..w])
            .next()
            .unwrap_or(0);
        match char::from_u32(c) {
            Some(ch) => {
                let one = repr_one(ch, quote);
                out.push_str(&one);
            }
            None => escape_code(&mut out, c),
        }
        b = &b[w..];
    }
    out.push_str(quote);
    out
}

/// The repr of one character inside quotes `quote` (its repr without the quotes).
fn repr_one(c: char, quote: &str) -> String {
    let q = if quote == "'" { '\'' } else { '"' };
    let mut out = String::new();
    match c {
        '\\' => out.push_str("\\\\"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if c == q => {
            out.push('\\');
            out.push(c);
        }
        c if !is_printable(c) => escape_char(&mut out, c),
        c => out.push(c),
    }
    out
}

/// `ascii()` of an already computed repr: escape every non-ASCII character.
pub fn ascii_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c)
        } else {
            escape_char(&mut out, c)
        }
    }
    out
}

// ---------------------------------------------------------------- helpers

/// `v`'s text, borrowed for as long as the caller holds `v` (rooted: a native's arguments
/// are rooted by its caller for the whole call).
fn str_arg<'a>(vm: &mut Vm, v: &'a Value, fname: &str) -> PyResult<&'a str> {
    match as_str(v) {
        Some(s) => Ok(s),
        None => {
            let tn = vm.type_name(*v);
            Err(vm.type_error(format!("{fname}() argument must be str, not {tn}")))
        }
    }
}

fn ret_str(vm: &mut Vm, s: &str) -> PyResult {
    vm.new_str(s)
}

/// A list of new strs (allocation never collects, so they need no rooting meanwhile).
fn ret_strs(vm: &mut Vm, parts: Vec<String>) -> PyResult {
    let mut items = Vec::with_capacity(parts.len());
    for p in parts {
        items.push(vm.new_str(&p)?);
    }
    vm.new_list(items)
}

/// Python's str.isspace per character (adds the \x1c-\x1f separators Rust omits).
pub fn py_space(c: char) -> bool {
    c.is_whitespace() || ('\x1c'..='\x1f').contains(&c)
}

/// Optional int argument (None means absent).
fn opt_int(vm: &mut Vm, v: Option<Value>) -> PyResult<Option<i64>> {
    match v {
        None | Some(Value::NONE) => Ok(None),
        Some(x) => match as_int(x) {
            Some(i) => Ok(Some(i)),
            None => {
                if let Some(b) = crate::helpers::as_bigint(x) {
                    return Ok(Some(if b.sign() == num_bigint::Sign::Minus {
                        i64::MIN / 2
                    } else {
                        i64::MAX / 2
                    }));
                }
                Err(vm.type_error(
                    "slice indices must be integers or None or have an __index__ method",
                ))
            }
        },
    }
}

/// Clamp start/end like slice indices over `len`.
fn clamp(start: Option<i64>, end: Option<i64>, len: usize) -> (usize, usize) {
    let n = len as i64;
    let fix = |i: i64| if i < 0 { (i + n).max(0) } else { i.min(n) };
    (
        fix(start.unwrap_or(0)) as usize,
        fix(end.unwrap_or(n)) as usize,
    )
}

/// A str's text indexed by code point without copying it when it is ASCII (its bytes
/// then index as its characters). Collecting the chars of the haystack at every call
/// made loops like `s.startswith(p, i)` over a long `s` quadratic (found by the fuzzer).
enum Units {
    Ascii(&'static [u8]),
    Wide(Vec<char>),
}

impl Units {
    /// The text of the str `d`.
    fn of_data(d: &StrData) -> Units {
        let s = d.as_str();
        // SAFETY: as `str_arg`: the caller holds the str, which lives at least until its
        // next safepoint; the units are dropped before the native returns.
        let s: &'static str = unsafe { &*(s as *const str) };
        if d.is_ascii() {
            Units::Ascii(s.as_bytes())
        } else {
            Units::Wide(s.chars().collect())
        }
    }
    fn len(&self) -> usize {
        match self {
            Units::Ascii(b) => b.len(),
            Units::Wide(c) => c.len(),
        }
    }
    /// `f` over the haystack and `needle` in the same units; None when the needle cannot
    /// occur (non-ASCII in ASCII text).
    fn with<R>(&self, needle: &str, f: impl FnOnce(UnitPair<'_>) -> R) -> Option<R> {
        match self {
            Units::Ascii(h) => needle
                .is_ascii()
                .then(|| f(UnitPair::Ascii(h, needle.as_bytes()))),
            Units::Wide(h) => {
                let n: Vec<char> = needle.chars().collect();
                Some(f(UnitPair::Wide(h, &n)))
            }
        }
    }
}

/// A haystack and a needle in the same units (see [`Units::with`]).
enum UnitPair<'a> {
    Ascii(&'a [u8], &'a [u8]),
    Wide(&'a [char], &'a [char]),
}

fn find_chars<T: PartialEq>(h: &[T], n: &[T], from: usize, to: usize, rev: bool) -> Option<usize> {
    if to < from || to - from < n.len() {
        return None;
    }
    let last = to - n.len();
    if rev {
        (from..=last).rev().find(|&i| &h[i..i + n.len()] == n)
    } else {
        (from..=last).find(|&i| &h[i..i + n.len()] == n)
    }
}

// ---------------------------------------------------------------- constructor

/// `str(x)` on the exact type, the common call, goes straight to the conversion; every
/// other call binds through the declared constructor below (which saves about 30 of a
/// 1,100-instruction call: tools/bench_ctors.py, callgrind).
fn str_new(vm: &mut Vm, cls: Value, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    if let ([o], []) = (args, kw)
        && cls == vm.rt.types.str
    {
        return str_of_object(vm, *o);
    }
    (str_new_bound.f)(vm, cls, args, kw)
}

/// `str(o)`: `o` itself for an exact str, else its `__str__`.
fn str_of_object(vm: &mut Vm, o: Value) -> PyResult {
    if o.is::<StrData>() {
        Ok(o)
    } else if let Some(d) = unwrap_base::<StrData>(&o)
        && d.has_surrogates()
        && vm
            .lookup_special(o, "__str__")
            .is_some_and(|f| f.is::<crate::objects::builtin_fn::BuiltinFn>())
    {
        // A str subclass without its own __str__: its exact text.
        vm.new_str_wtf8(d.wtf8())
    } else {
        vm.str_value(o)
    }
}

/// str(object='', encoding='utf-8', errors='strict')
#[native(new, name = "str")]
fn str_new_bound(
    vm: &mut Vm,
    cls: Value,
    #[kw] object: Option<Value>,
    #[kw] encoding: Option<&str>,
    #[kw] errors: Option<&str>,
) -> PyResult {
    let (enc, errs) = (encoding, errors);
    let v = match object {
        None => vm.new_str("")?,
        Some(o) if enc.is_none() && errs.is_none() => str_of_object(vm, o)?,
        Some(o) => {
            let bytes: Vec<u8> = if let Some(b) = crate::objects::bytes::buffer_bytes(&o) {
                b
            } else if unwrap_base::<StrData>(&o).is_some() {
                return Err(vm.type_error("decoding str is not supported"));
            } else {
                let tn = vm.type_name(o);
                return Err(vm.type_error(format!(
                    "decoding to str: need a bytes-like object, {tn} found"
                )));
            };
            let e = enc.unwrap_or("utf-8").to_string();
            let er = errs.unwrap_or("strict").to_string();
            match crate::objects::str::surrogates::decode(vm, &bytes, &e, &er) {
                Some(r) => r?,
                None => {
                    let s = crate::objects::bytes::methods::decode(vm, &bytes, &e, &er)?;
                    vm.new_str(&s)?
                }
            }
        }
    };
    wrap_for_subclass(vm, cls, v)
}

// ---------------------------------------------------------------- split / join / strip

fn split_common(
    vm: &mut Vm,
    s: &str,
    sep: Option<Value>,
    maxsplit: Option<Value>,
    rev: bool,
) -> PyResult {
    let name = if rev { "rsplit" } else { "split" };
    let sep = sep.filter(|v| !v.is_none());
    let maxsplit = opt_int(vm, maxsplit)?.unwrap_or(-1);
    let max = if maxsplit < 0 {
        usize::MAX
    } else {
        maxsplit as usize
    };
    let parts: Vec<&str> = match sep {
        None => split_whitespace(s, max, rev),
        Some(sepv) => {
            let sep = str_arg(vm, &sepv, name)?;
            if sep.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            if rev {
                let mut v: Vec<&str> = s.rsplitn(max.saturating_add(1), sep).collect();
                v.reverse();
                v
            } else {
                s.splitn(max.saturating_add(1), sep).collect()
            }
        }
    };
    str_list(vm, &parts)
}

/// `split()`/`rsplit()` without a separator: runs of non-space, at most `max` splits
/// (the rest, leading/trailing space stripped on its inner side, is the last part).
fn split_whitespace(s: &str, max: usize, rev: bool) -> Vec<&str> {
    let mut out = Vec::new();
    if !rev {
        let mut rest = s;
        loop {
            rest = rest.trim_start_matches(py_space);
            if rest.is_empty() {
                break;
            }
            if out.len() == max {
                out.push(rest);
                break;
            }
            let end = rest.find(py_space).unwrap_or(rest.len());
            out.push(&rest[..end]);
            rest = &rest[end..];
        }
    } else {
        let mut rest = s;
        loop {
            rest = rest.trim_end_matches(py_space);
            if rest.is_empty() {
                break;
            }
            if out.len() == max {
                out.push(rest);
                break;
            }
            let start = rest.rfind(py_space).map_or(0, |i| {
                i + rest[i..].chars().next().map_or(1, char::len_utf8)
            });
            out.push(&rest[start..]);
            rest = &rest[..start];
        }
        out.reverse();
    }
    out
}

/// A list of new strs (allocation never collects, so they need no rooting meanwhile).
fn str_list(vm: &mut Vm, parts: &[&str]) -> PyResult {
    let mut items = Vec::with_capacity(parts.len());
    for p in parts {
        items.push(vm.new_str(p)?);
    }
    vm.new_list(items)
}
/// str.split(sep=None, maxsplit=-1)
#[native(name = "split")]
fn str_split(
    vm: &mut Vm,
    this: &StrData,
    #[kw] sep: Option<Value>,
    #[kw] maxsplit: Option<Value>,
) -> PyResult {
    split_common(vm, this.as_str(), sep, maxsplit, false)
}
/// str.rsplit(sep=None, maxsplit=-1)
#[native(name = "rsplit")]
fn str_rsplit(
    vm: &mut Vm,
    this: &StrData,
    #[kw] sep: Option<Value>,
    #[kw] maxsplit: Option<Value>,
) -> PyResult {
    split_common(vm, this.as_str(), sep, maxsplit, true)
}

/// str.splitlines(keepends=False)
#[native(name = "splitlines")]
fn str_splitlines(vm: &mut Vm, this: &StrData, #[kw] keepends: Option<bool>) -> PyResult {
    let s = this.as_str();
    let keep = keepends.unwrap_or(false);
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let mut start = 0;
    while i < chars.len() {
        let c = chars[i];
        if matches!(
            c,
            '\n' | '\r'
                | '\x0b'
                | '\x0c'
                | '\x1c'
                | '\x1d'
                | '\x1e'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        ) {
            let mut end = i + 1;
            if c == '\r' && chars.get(i + 1) == Some(&'\n') {
                end += 1;
            }
            out.push(chars[start..if keep { end } else { i }].iter().collect());
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    if start < chars.len() {
        out.push(chars[start..].iter().collect());
    }
    ret_strs(vm, out)
}

#[native(name = "join")]
fn str_join(vm: &mut Vm, this: &StrData, iterable: Value) -> PyResult {
    let sep = this.as_str();
    let items = vm.collect_iter(iterable)?;
    let exact = |v: &Value| unwrap_base::<StrData>(v).is_some_and(|s| s.has_surrogates());
    if this.has_surrogates() || items.iter().any(exact) {
        // Exact bytes (objects/str.rs); the items are all strs (checked below first).
        let mut parts: Vec<&[u8]> = Vec::with_capacity(items.len() * 2);
        for (i, it) in items.iter().enumerate() {
            let Some(s) = unwrap_base::<StrData>(it) else {
                let tn = vm.type_name(*it);
                return Err(vm.type_error(format!(
                    "sequence item {i}: expected str instance, {tn} found"
                )));
            };
            if i > 0 {
                parts.push(this.wtf8());
            }
            parts.push(s.wtf8());
        }
        return vm.new_str_wtf8_parts(&parts);
    }
    let sep_chars = sep.chars().count();
    let mut parts = Vec::with_capacity(items.len() * 2);
    let mut chars = 0;
    for (i, it) in items.iter().enumerate() {
        let Some(s) = unwrap_base::<StrData>(it) else {
            let tn = vm.type_name(*it);
            return Err(vm.type_error(format!(
                "sequence item {i}: expected str instance, {tn} found"
            )));
        };
        if i > 0 {
            parts.push(sep);
            chars += sep_chars;
        }
        parts.push(s.as_str());
        chars += s.chars();
    }
    // The items are held by `items`' source (rooted by our caller) or, for an iterator,
    // are fresh and unrooted: allocation never collects, so they stay valid here.
    vm.new_str_parts(&parts, chars)
}

fn strip_common(
    vm: &mut Vm,
    this: This<StrData>,
    chars: Option<Value>,
    (left, right): (bool, bool),
    name: &str,
) -> PyResult {
    let s = this.as_str();
    let chars = match &chars {
        None | Some(Value::NONE) => None,
        Some(v) => Some(str_arg(vm, v, name)?),
    };
    let pred = |c: char| match chars {
        None => py_space(c),
        Some(cs) => cs.contains(c),
    };
    let mut r = s;
    if left {
        r = r.trim_start_matches(pred);
    }
    if right {
        r = r.trim_end_matches(pred);
    }
    if r.len() == s.len() && this.obj.is::<StrData>() {
        return Ok(this.obj);
    }
    ret_str(vm, r)
}
#[native(name = "strip")]
fn str_strip(vm: &mut Vm, this: This<StrData>, chars: Option<Value>) -> PyResult {
    strip_common(vm, this, chars, (true, true), "strip")
}
#[native(name = "lstrip")]
fn str_lstrip(vm: &mut Vm, this: This<StrData>, chars: Option<Value>) -> PyResult {
    strip_common(vm, this, chars, (true, false), "lstrip")
}
#[native(name = "rstrip")]
fn str_rstrip(vm: &mut Vm, this: This<StrData>, chars: Option<Value>) -> PyResult {
    strip_common(vm, this, chars, (false, true), "rstrip")
}

/// str.replace(old, new, count=-1, /)
#[native(name = "replace")]
fn str_replace(
    vm: &mut Vm,
    this: &StrData,
    old: Value,
    new: Value,
    count: Option<Value>,
) -> PyResult {
    let s = this.as_str();
    let old = str_arg(vm, &old, "replace")?;
    let new = str_arg(vm, &new, "replace")?;
    let count = opt_int(vm, count)?.unwrap_or(-1);
    let max = if count < 0 {
        usize::MAX
    } else {
        count as usize
    };
    let r = if old.is_empty() {
        // Insert `new` before every char and at the end, up to `max` times.
        let mut out = String::new();
        let mut n = 0;
        for c in s.chars() {
            if n < max {
                out.push_str(new);
                n += 1;
            }
            out.push(c);
        }
        if n < max {
            out.push_str(new);
        }
        out
    } else {
        s.replacen(old, new, max)
    };
    ret_str(vm, &r)
}

// ---------------------------------------------------------------- searching

/// The text, the needle and the clamped [start, end) of find/index/count.
fn search_args<'a>(
    vm: &mut Vm,
    d: &StrData,
    (sub, start, end): (&'a Value, Option<Value>, Option<Value>),
    name: &str,
) -> PyResult<(Units, &'a str, usize, usize)> {
    let sub = str_arg(vm, sub, name)?;
    let st = opt_int(vm, start)?;
    let en = opt_int(vm, end)?;
    let h = Units::of_data(d);
    let (a, b) = clamp(st, en, h.len());
    // A start past the end finds nothing, not even "" (CPython).
    let past = st.is_some_and(|x| x > h.len() as i64);
    let (a, b) = if past { (1, 0) } else { (a, b) };
    Ok((h, sub, a, b))
}

/// One of find/rfind/index/rindex: `S.name(sub[, start[, end]])`.
macro_rules! find_method {
    ($f:ident, $name:literal, $rev:expr, $raise:expr) => {
        #[native(name = $name)]
        fn $f(
            vm: &mut Vm,
            this: &StrData,
            sub: Value,
            start: Option<Value>,
            end: Option<Value>,
        ) -> PyResult {
            let (h, n, a, b) = search_args(vm, this, (&sub, start, end), $name)?;
            let found = h.with(n, |pair| match pair {
                UnitPair::Ascii(h, n) => find_chars(h, n, a, b, $rev),
                UnitPair::Wide(h, n) => find_chars(h, n, a, b, $rev),
            });
            match found.flatten() {
                Some(i) => vm.new_int(i as i64),
                None if $raise => Err(vm.value_error("substring not found")),
                None => vm.new_int(-1),
            }
        }
    };
}
find_method!(str_find, "find", false, false);
find_method!(str_rfind, "rfind", true, false);
find_method!(str_index, "index", false, true);
find_method!(str_rindex, "rindex", true, true);

#[native(name = "count")]
fn str_count(
    vm: &mut Vm,
    this: &StrData,
    sub: Value,
    start: Option<Value>,
    end: Option<Value>,
) -> PyResult {
    let (h, n, a, b) = search_args(vm, this, (&sub, start, end), "count")?;
    let mut count = 0;
    if a <= b {
        if n.is_empty() {
            count = b - a + 1;
        } else {
            count = h
                .with(n, |pair| match pair {
                    UnitPair::Ascii(h, n) => count_units(h, n, a, b),
                    UnitPair::Wide(h, n) => count_units(h, n, a, b),
                })
                .unwrap_or(0);
        }
    }
    vm.new_int(count as i64)
}

/// Non-overlapping occurrences of a non-empty `n` in `h[a..b]`.
fn count_units<T: PartialEq>(h: &[T], n: &[T], a: usize, b: usize) -> usize {
    let (mut count, mut i) = (0, a);
    while let Some(j) = find_chars(h, n, i, b, false) {
        count += 1;
        i = j + n.len();
    }
    count
}

/// Does `p` start (or end) the window `h[a..b]` (`a <= b`)?
fn affix_at<T: PartialEq>(h: &[T], p: &[T], a: usize, b: usize, end: bool) -> bool {
    b - a >= p.len()
        && (if end {
            h[b - p.len()..b] == p[..]
        } else {
            h[a..a + p.len()] == p[..]
        })
}

fn affix_common(
    vm: &mut Vm,
    d: &StrData,
    (affix, start, end): (Value, Option<Value>, Option<Value>),
    name: &str,
    at_end: bool,
) -> PyResult<bool> {
    let h = Units::of_data(d);
    let st = opt_int(vm, start)?;
    let en = opt_int(vm, end)?;
    let (a, b) = clamp(st, en, h.len());
    let cands: Vec<Value> = if let Some(t) = affix.downcast::<TupleData>() {
        t.0.to_vec()
    } else {
        vec![affix]
    };
    for c in cands {
        let Some(p) = as_str(&c) else {
            let tn = vm.type_name(c);
            let msg = if affix.is::<TupleData>() {
                format!("tuple for {name} must only contain str, not {tn}")
            } else {
                format!("{name} first arg must be str or a tuple of str, not {tn}")
            };
            return Err(vm.type_error(msg));
        };
        if st.is_some_and(|x| x as i128 > h.len() as i128) || a > b {
            continue;
        }
        let hit = h.with(p, |pair| match pair {
            UnitPair::Ascii(h, p) => affix_at(h, p, a, b, at_end),
            UnitPair::Wide(h, p) => affix_at(h, p, a, b, at_end),
        });
        if hit == Some(true) {
            return Ok(true);
        }
    }
    Ok(false)
}
#[native(name = "startswith")]
fn str_startswith(
    vm: &mut Vm,
    this: &StrData,
    prefix: Value,
    start: Option<Value>,
    end: Option<Value>,
) -> PyResult<bool> {
    affix_common(vm, this, (prefix, start, end), "startswith", false)
}
#[native(name = "endswith")]
fn str_endswith(
    vm: &mut Vm,
    this: &StrData,
    suffix: Value,
    start: Option<Value>,
    end: Option<Value>,
) -> PyResult<bool> {
    affix_common(vm, this, (suffix, start, end), "endswith", true)
}

fn partition_common(vm: &mut Vm, s: &str, sep: Value, rev: bool) -> PyResult {
    let name = if rev { "rpartition" } else { "partition" };
    let sep = str_arg(vm, &sep, name)?;
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let found = if rev { s.rfind(sep) } else { s.find(sep) };
    let parts = match found {
        Some(i) => [&s[..i], sep, &s[i + sep.len()..]],
        None if rev => ["", "", s],
        None => [s, "", ""],
    };
    // Allocation never collects: the parts need no root before the tuple holds them.
    let mut vals = Vec::with_capacity(3);
    for p in parts {
        vals.push(vm.new_str(p)?);
    }
    vm.new_tuple(vals)
}
#[native(name = "partition")]
fn str_partition(vm: &mut Vm, this: &StrData, sep: Value) -> PyResult {
    partition_common(vm, this.as_str(), sep, false)
}
#[native(name = "rpartition")]
fn str_rpartition(vm: &mut Vm, this: &StrData, sep: Value) -> PyResult {
    partition_common(vm, this.as_str(), sep, true)
}

#[native(name = "removeprefix")]
fn str_removeprefix(vm: &mut Vm, this: &StrData, prefix: Value) -> PyResult {
    let s = this.as_str();
    let p = str_arg(vm, &prefix, "removeprefix")?;
    ret_str(vm, s.strip_prefix(p).unwrap_or(s))
}
#[native(name = "removesuffix")]
fn str_removesuffix(vm: &mut Vm, this: &StrData, suffix: Value) -> PyResult {
    let s = this.as_str();
    let p = str_arg(vm, &suffix, "removesuffix")?;
    ret_str(vm, s.strip_suffix(p).unwrap_or(s))
}

// ---------------------------------------------------------------- case and predicates

fn cased(c: char) -> bool {
    c.is_lowercase() || c.is_uppercase()
}

macro_rules! case_method {
    ($f:ident, $name:literal, |$s:ident| $body:expr) => {
        #[native(name = $name)]
        fn $f(vm: &mut Vm, this: &StrData) -> PyResult {
            let $s = this.as_str();
            let r: String = $body;
            ret_str(vm, &r)
        }
    };
}
case_method!(str_upper, "upper", |s| s.to_uppercase());
case_method!(str_lower, "lower", |s| s.to_lowercase());
case_method!(str_casefold, "casefold", |s| s
    .to_lowercase()
    .replace('ß', "ss"));
case_method!(str_swapcase, "swapcase", |s| s
    .chars()
    .flat_map(|c| if c.is_uppercase() {
        c.to_lowercase().collect::<Vec<_>>()
    } else {
        c.to_uppercase().collect()
    })
    .collect());
/// Append `c`'s titlecase mapping (Unicode's, which Rust's `char` lacks): the four
/// digraph letters have their own title forms; otherwise the uppercase mapping with
/// all but its first character lowercased ('ß' -> "Ss", 'ﬁ' -> "Fi").
fn push_title(out: &mut String, c: char) {
    let digraph = match c as u32 {
        0x1C4..=0x1C6 => Some('\u{1C5}'),
        0x1C7..=0x1C9 => Some('\u{1C8}'),
        0x1CA..=0x1CC => Some('\u{1CB}'),
        0x1F1..=0x1F3 => Some('\u{1F2}'),
        _ => None,
    };
    if let Some(t) = digraph {
        out.push(t);
        return;
    }
    // Its first cased character stays upper ("ʼN" for 'ŉ'), later ones go lower.
    let mut seen_cased = false;
    for u in c.to_uppercase() {
        if seen_cased {
            out.extend(u.to_lowercase());
        } else {
            out.push(u);
            seen_cased = cased(u);
        }
    }
}

case_method!(str_capitalize, "capitalize", |s| {
    let mut cs = s.chars();
    let mut out = String::with_capacity(s.len());
    if let Some(f) = cs.next() {
        push_title(&mut out, f);
        out.push_str(&cs.as_str().to_lowercase());
    }
    out
});
case_method!(str_title, "title", |s| {
    let mut out = String::new();
    let mut prev = false;
    let mut cs = s.chars().peekable();
    while let Some(c) = cs.next() {
        if !prev {
            push_title(&mut out, c)
        } else if c == 'Σ' && !cs.peek().is_some_and(|&n| cased(n)) {
            // Final sigma: a capital sigma ending a word lowercases to 'ς'.
            out.push('ς')
        } else {
            out.extend(c.to_lowercase())
        }
        prev = cased(c);
    }
    out
});

macro_rules! pred_method {
    ($f:ident, $name:literal, |$s:ident| $body:expr) => {
        #[native(name = $name)]
        fn $f(_vm: &mut Vm, this: &StrData) -> bool {
            let $s = this.as_str();
            $body
        }
    };
}
fn nonempty_all(s: &str, f: impl Fn(char) -> bool) -> bool {
    !s.is_empty() && s.chars().all(f)
}
/// Zeros of the common Unicode decimal-digit blocks (each block is 0..=9).
const DIGIT_ZEROS: &[u32] = &[
    0x30, 0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66,
    0xde6, 0xe50, 0xed0, 0xf20, 0x1040, 0x1090, 0x17e0, 0x1810, 0x1946, 0x19d0, 0x1a80, 0x1a90,
    0x1b50, 0x1bb0, 0x1c40, 0x1c50, 0xa620, 0xa8d0, 0xa900, 0xa9d0, 0xa9f0, 0xaa50, 0xabf0, 0xff10,
    0x104a0, 0x11066, 0x1d7ce, 0x1d7d8, 0x1d7e2, 0x1d7ec, 0x1d7f6,
];

/// The value of a Unicode decimal digit (Nd), as `int()` and `isdecimal` see it.
pub fn decimal_value(c: char) -> Option<u32> {
    let u = c as u32;
    DIGIT_ZEROS
        .iter()
        .find(|&&z| (z..z + 10).contains(&u))
        .map(|z| u - z)
}

fn is_decimal(c: char) -> bool {
    decimal_value(c).is_some()
}
fn is_digit(c: char) -> bool {
    is_decimal(c)
        || matches!(c, '\u{b2}' | '\u{b3}' | '\u{b9}' | '\u{2070}'..='\u{2079}' | '\u{2080}'..='\u{2089}' | '\u{2460}'..='\u{2468}')
}
pred_method!(str_isdigit, "isdigit", |s| nonempty_all(s, is_digit));
pred_method!(str_isdecimal, "isdecimal", |s| nonempty_all(s, is_decimal));
pred_method!(str_isnumeric, "isnumeric", |s| nonempty_all(s, |c| c
    .is_numeric()));
pred_method!(str_isalpha, "isalpha", |s| nonempty_all(s, |c| c
    .is_alphabetic()
    && !c.is_numeric()));
pred_method!(str_isalnum, "isalnum", |s| nonempty_all(s, |c| c
    .is_alphanumeric()));
pred_method!(str_isspace, "isspace", |s| nonempty_all(s, py_space));
pred_method!(str_isascii, "isascii", |s| s.is_ascii());
pred_method!(str_isprintable, "isprintable", |s| s
    .chars()
    .all(is_printable));
pred_method!(str_isupper, "isupper", |s| s.chars().any(cased)
    && !s.chars().any(|c| c.is_lowercase()));
pred_method!(str_islower, "islower", |s| s.chars().any(cased)
    && !s.chars().any(|c| c.is_uppercase()));
pred_method!(str_istitle, "istitle", |s| {
    let (mut prev, mut any) = (false, false);
    let mut ok = true;
    for c in s.chars() {
        if c.is_uppercase() {
            ok &= !prev;
            prev = true;
            any = true;
        } else if c.is_lowercase() {
            ok &= prev;
            prev = true;
            any = true;
        } else {
            prev = false;
        }
    }
    ok && any
});
pred_method!(str_isidentifier, "isidentifier", |s| {
    let mut cs = s.chars();
    match cs.next() {
        Some(f) if f == '_' || f.is_alphabetic() => cs.all(|c| c == '_' || c.is_alphanumeric()),
        _ => false,
    }
});

// ---------------------------------------------------------------- padding

fn fill_arg(vm: &mut Vm, width: Value, fillchar: Option<Value>) -> PyResult<(usize, char)> {
    let w = match as_int(width) {
        Some(w) => w.max(0) as usize,
        None => {
            let tn = vm.type_name(width);
            return Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")));
        }
    };
    let fill = match fillchar {
        None => ' ',
        Some(v) => match as_str(&v) {
            Some(f) if f.chars().count() == 1 => f.chars().next().unwrap(),
            _ => return Err(vm.type_error("The fill character must be exactly one character long")),
        },
    };
    Ok((w, fill))
}

fn pad_common(
    vm: &mut Vm,
    s: &str,
    (width, fillchar): (Value, Option<Value>),
    how: char,
) -> PyResult {
    let (w, fill) = fill_arg(vm, width, fillchar)?;
    let n = s.chars().count();
    if n >= w {
        return ret_str(vm, s);
    }
    let total = w - n;
    crate::helpers::check_items(vm, total, fill.len_utf8())?;
    let (l, r) = match how {
        '<' => (0, total),
        '>' => (total, 0),
        // CPython's center puts the extra char on the left when the width is odd.
        _ => {
            let left = total / 2 + (total & w & 1);
            (left, total - left)
        }
    };
    let f = fill.to_string();
    let out = format!("{}{}{}", f.repeat(l), s, f.repeat(r));
    ret_str(vm, &out)
}
#[native(name = "center")]
fn str_center(vm: &mut Vm, this: &StrData, width: Value, fillchar: Option<Value>) -> PyResult {
    pad_common(vm, this.as_str(), (width, fillchar), '^')
}
#[native(name = "ljust")]
fn str_ljust(vm: &mut Vm, this: &StrData, width: Value, fillchar: Option<Value>) -> PyResult {
    pad_common(vm, this.as_str(), (width, fillchar), '<')
}
#[native(name = "rjust")]
fn str_rjust(vm: &mut Vm, this: &StrData, width: Value, fillchar: Option<Value>) -> PyResult {
    pad_common(vm, this.as_str(), (width, fillchar), '>')
}

#[native(name = "zfill")]
fn str_zfill(vm: &mut Vm, this: &StrData, width: Value) -> PyResult {
    let s = this.as_str();
    let w = as_int(width).unwrap_or(0).max(0) as usize;
    let n = s.chars().count();
    if n >= w {
        return ret_str(vm, s);
    }
    crate::helpers::check_size(vm, w - n)?;
    let (sign, rest) = match s.chars().next() {
        Some(c @ ('+' | '-')) => (c.to_string(), &s[1..]),
        _ => (String::new(), s),
    };
    let out = format!("{sign}{}{rest}", "0".repeat(w - n));
    ret_str(vm, &out)
}

/// str.expandtabs(tabsize=8)
#[native(name = "expandtabs")]
fn str_expandtabs(vm: &mut Vm, this: &StrData, #[kw] tabsize: Option<Value>) -> PyResult {
    let s = this.as_str();
    let ts = opt_int(vm, tabsize)?.unwrap_or(8);
    if i32::try_from(ts).is_err() {
        return Err(vm.overflow_error("Python int too large to convert to C int"));
    }
    let mut out = String::new();
    let mut col = 0i64;
    for c in s.chars() {
        match c {
            '\t' => {
                if ts > 0 {
                    let n = ts - col % ts;
                    crate::helpers::check_size(vm, out.len().saturating_add(n as usize))?;
                    out.push_str(&" ".repeat(n as usize));
                    col += n;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    ret_str(vm, &out)
}

// ---------------------------------------------------------------- encode / translate

/// Encode with the codecs weft knows (utf-8, ascii, latin-1).
pub fn encode(vm: &mut Vm, s: &str, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    let enc = encoding.to_ascii_lowercase().replace('_', "-");
    let limit = match enc.as_str() {
        "utf-8" | "utf8" => return Ok(s.as_bytes().to_vec()),
        "ascii" | "us-ascii" => 128u32,
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "l1" => 256,
        _ => return crate::codec_route::encode(vm, s, encoding, errors),
    };
    let mut out = Vec::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        if (c as u32) < limit {
            out.push(c as u32 as u8);
            continue;
        }
        match errors {
            "ignore" => {}
            "replace" => out.push(b'?'),
            "backslashreplace" => {
                let n = c as u32;
                let esc = match n {
                    0..=0xff => format!("\\x{n:02x}"),
                    0x100..=0xffff => format!("\\u{n:04x}"),
                    _ => format!("\\U{n:08x}"),
                };
                out.extend_from_slice(esc.as_bytes());
            }
            "xmlcharrefreplace" => out.extend_from_slice(format!("&#{};", c as u32).as_bytes()),
            "strict" => {
                let name = if limit == 128 { "ascii" } else { "latin-1" };
                let reason = format!("ordinal not in range({limit})");
                return Err(crate::exceptions::unicode_encode_error(
                    vm,
                    name,
                    s,
                    i,
                    i + 1,
                    &reason,
                ));
            }
            _ => return crate::codec_route::encode(vm, s, encoding, errors),
        }
    }
    Ok(out)
}

/// str.encode(encoding='utf-8', errors='strict')
#[native(name = "encode")]
fn str_encode(
    vm: &mut Vm,
    this: This<StrData>,
    #[kw] encoding: Option<Value>,
    #[kw] errors: Option<Value>,
) -> PyResult {
    let s = this.data.as_str();
    let (enc, errs) = (encoding, errors);
    let e = enc.as_ref().and_then(as_str).unwrap_or("utf-8").to_string();
    let er = errs
        .as_ref()
        .and_then(as_str)
        .unwrap_or("strict")
        .to_string();
    if this.data.has_surrogates()
        && let Some(r) = crate::objects::str::surrogates::encode(vm, this.obj, this.data, &e, &er)
    {
        let b = r?;
        return vm.new_bytes(b);
    }
    let b = encode(vm, s, &e, &er)?;
    vm.new_bytes(b)
}

fn str_maketrans(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    // A staticmethod: no receiver.
    let d = vm.new_dict()?;
    crate::root_scope!(vm);
    vm.root(d);
    let r = (|| -> PyResult<()> {
        if args.len() == 1 {
            let Some(src) = crate::objects::dict::ops::dict_payload(args[0]) else {
                return Err(
                    vm.type_error("if you give only one argument to maketrans it must be a dict")
                );
            };
            for (k, v) in vm.dict_items(src) {
                let key = match crate::helpers::as_str_data(&k) {
                    Some(s) if s.chars() == 1 => vm.new_int(s.code_at(0) as i64)?,
                    _ => k,
                };
                vm.dict_set(d, key, v)?;
            }
            return Ok(());
        }
        let (Some(x), Some(y)) = (
            args.first().and_then(crate::helpers::as_wtf8),
            args.get(1).and_then(crate::helpers::as_wtf8),
        ) else {
            return Err(vm.type_error("maketrans() argument must be str"));
        };
        // Code points of the exact text (surrogates included: objects/str.rs).
        use crate::objects::str::wtf8;
        let (x, y): (Vec<u32>, Vec<u32>) = (wtf8::decode(x).collect(), wtf8::decode(y).collect());
        if x.len() != y.len() {
            return Err(vm.value_error("the first two maketrans arguments must have equal length"));
        }
        for (a, b) in x.iter().zip(y.iter()) {
            let k = vm.new_int(*a as i64)?;
            let v = vm.new_int(*b as i64)?;
            vm.dict_set(d, k, v)?;
        }
        if let Some(z) = args.get(2).and_then(crate::helpers::as_wtf8) {
            for c in wtf8::decode(z).collect::<Vec<_>>() {
                let k = vm.new_int(c as i64)?;
                vm.dict_set(d, k, Value::NONE)?;
            }
        }
        Ok(())
    })();
    r.map(|_| d)
}

#[native(name = "translate")]
fn str_translate(vm: &mut Vm, this: &StrData, table: Value) -> PyResult {
    // Code points of the exact text (objects/str.rs), surrogates included.
    use crate::objects::str::wtf8;
    let cps: Vec<u32> = wtf8::decode(this.wtf8()).collect();
    let mut out = Vec::with_capacity(this.byte_len());
    for c in cps {
        let k = vm.new_int(c as i64)?;
        match vm.getitem(table, k) {
            Ok(v) if v.is_none() => {}
            Ok(v) => {
                if let Some(t) = crate::helpers::as_wtf8(&v) {
                    out.extend_from_slice(t);
                } else if let Some(i) = as_int(v) {
                    if !(0..0x110000).contains(&i) {
                        return Err(vm.value_error("character mapping must be in range(0x110000)"));
                    }
                    wtf8::push(&mut out, i as u32);
                } else {
                    return Err(vm.type_error("character mapping must return integer, None or str"));
                }
            }
            Err(e) if vm.err_is(&e, vm.rt.types.exc.lookup_error) => wtf8::push(&mut out, c),
            Err(e) => return Err(e),
        }
    }
    vm.new_str_wtf8(&out)
}

// ---------------------------------------------------------------- % formatting

/// A conversion spec after '%'.
struct Pct {
    key: Option<String>,
    left: bool,
    plus: bool,
    space: bool,
    alt: bool,
    zero: bool,
    width: Option<usize>,
    prec: Option<usize>,
    conv: char,
}

/// The next positional argument for '%' formatting.
fn next_arg(vm: &mut Vm, items: &[Value], idx: &mut usize) -> PyResult<Value> {
    match items.get(*idx) {
        Some(&v) => {
            *idx += 1;
            Ok(v)
        }
        None => Err(vm.type_error("not enough arguments for format string")),
    }
}

/// Format one '%' conversion of `v`; `bytes_mode` makes %s take bytes content.
fn pct_one(vm: &mut Vm, p: &Pct, v: Value, bytes_mode: bool) -> PyResult<String> {
    let mut spec = Spec {
        fill: ' ',
        align: Some(if p.left { '<' } else { '>' }),
        sign: if p.plus {
            '+'
        } else if p.space {
            ' '
        } else {
            '-'
        },
        z: false,
        alt: p.alt,
        width: p.width.unwrap_or(0),
        grouping: None,
        precision: None,
        ty: None,
    };
    let numeric_pad = |spec: &mut Spec| {
        if p.zero && !p.left {
            spec.fill = '0';
            spec.align = Some('=');
        }
    };
    let text = match p.conv {
        's' | 'r' | 'a' | 'b' => {
            let s = if bytes_mode && matches!(p.conv, 's' | 'b') {
                if let Some(b) = v.downcast::<BytesData>() {
                    b.0.iter().map(|&c| c as char).collect()
                } else if let Some(b) = v.downcast::<ByteArrayData>() {
                    b.0.lock().iter().map(|&c| c as char).collect()
                } else {
                    let tn = vm.type_name(v);
                    return Err(vm.type_error(format!(
                        "%b requires a bytes-like object, or an object that implements __bytes__, not '{tn}'"
                    )));
                }
            } else if p.conv == 's' {
                vm.str_of(v)?
            } else if p.conv == 'r' {
                vm.repr(v)?
            } else {
                let r = vm.repr(v)?;
                ascii_escape(&r)
            };
            let s: String = match p.prec {
                Some(n) => s.chars().take(n).collect(),
                None => s,
            };
            spec.ty = None;
            return format_str(
                &s,
                &Spec {
                    sign: '-',
                    alt: false,
                    ..spec
                },
            )
            .map_err(|m| crate::ops::number_format::format_error(vm, m));
        }
        'c' => {
            let ch = if let Some(s) = as_str(&v).filter(|s| s.chars().count() == 1) {
                s.chars().next().unwrap()
            } else if let Some(i) = as_int(v) {
                match u32::try_from(i).ok().and_then(char::from_u32) {
                    Some(c) => c,
                    None => return Err(vm.overflow_error("%c arg not in range(0x110000)")),
                }
            } else if crate::helpers::as_bigint(v).is_some() {
                return Err(vm.overflow_error("%c arg not in range(0x110000)"));
            } else {
                return Err(vm.type_error("%c requires int or char"));
            };
            return format_str(
                &ch.to_string(),
                &Spec {
                    sign: '-',
                    alt: false,
                    ..spec
                },
            )
            .map_err(|m| crate::ops::number_format::format_error(vm, m));
        }
        'd' | 'i' | 'u'
            if p.width.is_none()
                && p.prec.is_none()
                && !p.plus
                && !p.space
                && let Some(i) = v.as_small_int() =>
        {
            // Plain `%d` of an int: its digits (no big-int conversion, no padding).
            crate::helpers::i64_text(i, &mut [0; 20]).to_string()
        }
        'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
            let n = pct_int(vm, v, p.conv)?;
            pct_int_text(p, &n)
        }
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
            let f = pct_float(vm, v, p.conv)?;
            numeric_pad(&mut spec);
            spec.ty = Some(p.conv);
            spec.precision = Some(p.prec.unwrap_or(6));
            format_float(f, &spec).map_err(|m| crate::ops::number_format::format_error(vm, m))?
        }
        _ => unreachable!(),
    };
    Ok(text)
}

/// An integer conversion as CPython does it: the precision is a minimum digit count;
/// the '#' prefix and the sign go before any zero padding.
fn pct_int_text(p: &Pct, n: &BigInt) -> String {
    use num_traits::Signed;
    let mag = n.abs();
    let mut digits = match p.conv {
        'x' => mag.to_str_radix(16),
        'X' => mag.to_str_radix(16).to_uppercase(),
        'o' => mag.to_str_radix(8),
        _ => mag.to_str_radix(10),
    };
    if let Some(pr) = p.prec
        && digits.len() < pr
    {
        digits.insert_str(0, &"0".repeat(pr - digits.len()));
    }
    let prefix = match (p.alt, p.conv) {
        (true, 'x') => "0x",
        (true, 'X') => "0X",
        (true, 'o') => "0o",
        _ => "",
    };
    let sign = if n.is_negative() {
        "-"
    } else if p.plus {
        "+"
    } else if p.space {
        " "
    } else {
        ""
    };
    let len = sign.len() + prefix.len() + digits.len();
    let pad = p.width.unwrap_or(0).saturating_sub(len);
    if p.left {
        format!("{sign}{prefix}{digits}{}", " ".repeat(pad))
    } else if p.zero {
        format!("{sign}{prefix}{}{digits}", "0".repeat(pad))
    } else {
        format!("{}{sign}{prefix}{digits}", " ".repeat(pad))
    }
}

fn pct_int(vm: &mut Vm, v: Value, conv: char) -> PyResult<BigInt> {
    if let Some(b) = crate::helpers::as_bigint(v) {
        return Ok(b);
    }
    if let Some(f) = crate::objects::float::float_base_of(v) {
        if matches!(conv, 'x' | 'X' | 'o') {
            return Err(vm.type_error(format!("%{conv} format: an integer is required, not float")));
        }
        let r = crate::objects::int::methods::float_to_int(vm, f)?;
        return Ok(crate::helpers::as_bigint(r).unwrap_or_default());
    }
    for name in ["__index__", "__int__"] {
        if let Some(f) = vm.lookup_special(v, name) {
            let r = vm.call(f, &[v], &[])?;
            if let Some(b) = crate::helpers::as_bigint(r) {
                return Ok(b);
            }
        }
    }
    let tn = vm.type_name(v);
    Err(vm.type_error(if matches!(conv, 'x' | 'X' | 'o') {
        format!("%{conv} format: an integer is required, not {tn}")
    } else {
        format!("%{conv} format: a real number is required, not {tn}")
    }))
}

fn pct_float(vm: &mut Vm, v: Value, _conv: char) -> PyResult<f64> {
    if let Some(f) = crate::helpers::as_f64(v) {
        return Ok(f);
    }
    if let Some(f) = vm.lookup_special(v, "__float__") {
        let r = vm.call(f, &[v], &[])?;
        if let Some(x) = crate::helpers::as_f64(r) {
            return Ok(x);
        }
    }
    let tn = vm.type_name(v);
    Err(vm.type_error(format!("must be real number, not {tn}")))
}

/// `fmt % args` over chars (str, or bytes as latin-1 chars when `bytes_mode`).
pub fn percent_format_chars(
    vm: &mut Vm,
    fmt: &str,
    args: Value,
    bytes_mode: bool,
) -> PyResult<String> {
    let tuple_items: Option<Vec<Value>> = unwrap_base::<TupleData>(&args).map(|t| t.0.to_vec());
    let is_mapping = tuple_items.is_none()
        && !args.is::<StrData>()
        && (unwrap_base::<DictData>(&args).is_some()
            || (vm.type_name(args) != "str"
                && vm.lookup_special(args, "__getitem__").is_some()
                && !args.is::<crate::objects::list::ListData>()
                && !args.is::<BytesData>()));
    let items = tuple_items.clone().unwrap_or_else(|| vec![args]);
    let mut idx = 0;
    let c: Vec<char> = fmt.chars().collect();
    let mut out = String::with_capacity(fmt.len());
    let mut i = 0;
    let mut used_key = false;
    while i < c.len() {
        if c[i] != '%' {
            out.push(c[i]);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        let mut p = Pct {
            key: None,
            left: false,
            plus: false,
            space: false,
            alt: false,
            zero: false,
            width: None,
            prec: None,
            conv: ' ',
        };
        if i < c.len() && c[i] == '(' {
            let mut depth = 1;
            let ks = i + 1;
            i += 1;
            while i < c.len() && depth > 0 {
                if c[i] == '(' {
                    depth += 1;
                } else if c[i] == ')' {
                    depth -= 1;
                }
                i += 1;
            }
            if depth > 0 {
                return Err(vm.value_error("incomplete format key"));
            }
            p.key = Some(c[ks..i - 1].iter().collect());
        }
        while i < c.len() && matches!(c[i], '-' | '+' | ' ' | '#' | '0') {
            match c[i] {
                '-' => p.left = true,
                '+' => p.plus = true,
                ' ' => p.space = true,
                '#' => p.alt = true,
                _ => p.zero = true,
            }
            i += 1;
        }
        let read_num = |vm: &mut Vm, i: &mut usize, idx: &mut usize| -> PyResult<Option<usize>> {
            if *i < c.len() && c[*i] == '*' {
                *i += 1;
                let v = next_arg(vm, &items, idx)?;
                return match as_int(v) {
                    Some(n) => Ok(Some(n.unsigned_abs() as usize)),
                    None => Err(vm.type_error("* wants int")),
                };
            }
            let s = *i;
            while *i < c.len() && c[*i].is_ascii_digit() {
                *i += 1;
            }
            Ok(if *i > s {
                c[s..*i].iter().collect::<String>().parse().ok()
            } else {
                None
            })
        };
        p.width = read_num(vm, &mut i, &mut idx)?;
        crate::helpers::check_size(vm, p.width.unwrap_or(0))?;
        if i < c.len() && c[i] == '.' {
            i += 1;
            p.prec = Some(read_num(vm, &mut i, &mut idx)?.unwrap_or(0));
        }
        while i < c.len() && matches!(c[i], 'h' | 'l' | 'L') {
            i += 1;
        }
        if i >= c.len() {
            return Err(vm.value_error("incomplete format"));
        }
        p.conv = c[i];
        i += 1;
        if p.conv == '%' {
            out.push('%');
            continue;
        }
        let _ = start;
        // CPython fetches the argument before validating the conversion character.
        let v = if let Some(k) = &p.key {
            if !is_mapping {
                return Err(vm.type_error("format requires a mapping"));
            }
            used_key = true;
            let kv = vm.new_str(k)?;
            let r = vm.with_root(kv, |vm| vm.getitem(args, kv));
            r?
        } else if used_key {
            return Err(vm.type_error("not enough arguments for format string"));
        } else {
            next_arg(vm, &items, &mut idx)?
        };
        let known = matches!(
            p.conv,
            's' | 'r'
                | 'a'
                | 'c'
                | 'd'
                | 'i'
                | 'u'
                | 'x'
                | 'X'
                | 'o'
                | 'e'
                | 'E'
                | 'f'
                | 'F'
                | 'g'
                | 'G'
        );
        if !(known || bytes_mode && p.conv == 'b') {
            return Err(vm.value_error(format!(
                "unsupported format character '{}' (0x{:x}) at index {}",
                p.conv,
                p.conv as u32,
                i - 1
            )));
        }
        let r = vm.with_root(v, |vm| pct_one(vm, &p, v, bytes_mode));
        out.push_str(&r?);
    }
    if idx < items.len() && !is_mapping && !used_key {
        return Err(vm.type_error("not all arguments converted during string formatting"));
    }
    Ok(out)
}

/// `fmt % args` for str.
pub fn percent_format(vm: &mut Vm, fmt: &str, args: Value) -> PyResult<String> {
    percent_format_chars(vm, fmt, args, false)
}

// ---------------------------------------------------------------- str.format

struct Fmt<'a> {
    args: &'a [Value],
    kw: &'a [(Value, Value)],
    mapping: Value,
    auto: Option<usize>,
    manual: bool,
}

fn fmt_err(vm: &mut Vm, m: &str) -> PyErr {
    vm.value_error(m)
}

/// Look up the field `name` (`0`, `x`, `0.attr[1]`); the result is rooted by the caller.
fn resolve_field(vm: &mut Vm, st: &mut Fmt, name: &str) -> PyResult<Value> {
    let first_end = name.find(['.', '[']).unwrap_or(name.len());
    let (first, mut rest) = name.split_at(first_end);
    let mut v = if first.is_empty() || first.chars().all(|c| c.is_ascii_digit()) {
        let i = if first.is_empty() {
            if st.manual {
                return Err(fmt_err(
                    vm,
                    "cannot switch from manual field specification to automatic field numbering",
                ));
            }
            let n = st.auto.unwrap_or(0);
            st.auto = Some(n + 1);
            n
        } else {
            if st.auto.is_some() {
                return Err(fmt_err(
                    vm,
                    "cannot switch from automatic field numbering to manual field specification",
                ));
            }
            st.manual = true;
            first.parse::<usize>().unwrap_or(usize::MAX)
        };
        match st.args.get(i) {
            Some(&v) => v,
            None => {
                return Err(vm.index_error(format!(
                    "Replacement index {i} out of range for positional args tuple"
                )));
            }
        }
    } else if let Some(&(_, v)) = st.kw.iter().find(|(k, _)| as_str(k) == Some(first)) {
        v
    } else if !st.mapping.is_null() {
        let k = vm.new_str(first)?;
        let r = vm.with_root(k, |vm| vm.getitem(st.mapping, k));
        r?
    } else {
        let k = vm.new_str(first)?;
        return Err(vm.key_error(k));
    };
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            if end == 0 {
                return Err(fmt_err(vm, "Empty attribute in format string"));
            }
            let attr = vm.intern(&r[..end]);
            let nv = vm.with_root(v, |vm| vm.getattr(v, attr));
            v = nv?;
            rest = &r[end..];
        } else if let Some(r) = rest.strip_prefix('[') {
            let Some(end) = r.find(']') else {
                return Err(fmt_err(vm, "Missing ']' in format string"));
            };
            let key = &r[..end];
            let k = match key.parse::<i64>() {
                Ok(i) if key.chars().all(|c| c.is_ascii_digit()) => vm.new_int(i)?,
                _ => vm.new_str(key)?,
            };
            crate::root_scope!(vm);
            vm.root(v);
            vm.root(k);
            let nv = vm.getitem(v, k);
            v = nv?;
            rest = &r[end + 1..];
        } else {
            return Err(fmt_err(
                vm,
                "Only '.' or '[' may follow ']' in format field specifier",
            ));
        }
    }
    Ok(v)
}

fn format_impl(vm: &mut Vm, st: &mut Fmt, fmt: &str, depth: u32) -> PyResult<String> {
    if depth > 2 {
        return Err(fmt_err(vm, "Max string recursion exceeded"));
    }
    let c: Vec<char> = fmt.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < c.len() {
        match c[i] {
            '{' if c.get(i + 1) == Some(&'{') => {
                out.push('{');
                i += 2;
            }
            '}' if c.get(i + 1) == Some(&'}') => {
                out.push('}');
                i += 2;
            }
            '}' => return Err(fmt_err(vm, "Single '}' encountered in format string")),
            '{' => {
                // Find the matching '}' (nested braces allowed in the spec).
                let mut depth_b = 1;
                let mut j = i + 1;
                let mut in_name = true;
                while j < c.len() {
                    if in_name && matches!(c[j], ':' | '!') {
                        in_name = false;
                    }
                    if in_name && c[j] == '[' {
                        // An index key may hold braces: skip to its ']'.
                        while j < c.len() && c[j] != ']' {
                            j += 1;
                        }
                        if j == c.len() {
                            break;
                        }
                    } else if c[j] == '{' {
                        depth_b += 1;
                    } else if c[j] == '}' {
                        depth_b -= 1;
                        if depth_b == 0 {
                            break;
                        }
                    }
                    j += 1;
                }
                if i + 1 == c.len() {
                    return Err(fmt_err(vm, "Single '{' encountered in format string"));
                }
                if j >= c.len() {
                    return Err(fmt_err(
                        vm,
                        if depth_b > 1 {
                            "unmatched '{' in format spec"
                        } else {
                            "expected '}' before end of string"
                        },
                    ));
                }
                let field: String = c[i + 1..j].iter().collect();
                i = j + 1;
                // field = name[!conv][:spec]; '[' ... ']' may contain ':' or '!'.
                let mut k = 0;
                let fc: Vec<char> = field.chars().collect();
                let mut in_bracket = false;
                while k < fc.len() {
                    match fc[k] {
                        '[' => in_bracket = true,
                        ']' => in_bracket = false,
                        '!' | ':' if !in_bracket => break,
                        _ => {}
                    }
                    k += 1;
                }
                let name: String = fc[..k].iter().collect();
                let mut conv = None;
                let mut spec = String::new();
                if k < fc.len() && fc[k] == '!' {
                    conv = fc.get(k + 1).copied();
                    k += 2;
                    if k < fc.len() && fc[k] != ':' {
                        return Err(fmt_err(vm, "expected ':' after conversion specifier"));
                    }
                }
                if k < fc.len() && fc[k] == ':' {
                    spec = fc[k + 1..].iter().collect();
                }
                crate::root_scope!(vm);
                let r = (|| -> PyResult<String> {
                    let v = resolve_field(vm, st, &name)?;
                    vm.root(v);
                    let spec = if spec.contains('{') {
                        format_impl(vm, st, &spec, depth + 1)?
                    } else {
                        spec
                    };
                    let v = match conv {
                        None => v,
                        Some(cv @ ('r' | 's' | 'a')) => {
                            let s = match cv {
                                'r' => vm.repr(v)?,
                                's' => vm.str_of(v)?,
                                _ => {
                                    let r = vm.repr(v)?;
                                    ascii_escape(&r)
                                }
                            };
                            let sv = vm.new_str(&s)?;
                            vm.root(sv);
                            sv
                        }
                        Some(cv) => {
                            return Err(fmt_err(vm, &format!("Unknown conversion specifier {cv}")));
                        }
                    };
                    vm.format(v, &spec)
                })();
                out.push_str(&r?);
            }
            ch => {
                out.push(ch);
                i += 1;
            }
        }
    }
    Ok(out)
}

#[native(name = "format")]
fn str_format(
    vm: &mut Vm,
    this: &StrData,
    #[varargs] args: &[Value],
    #[kwargs] kw: &[(Value, Value)],
) -> PyResult {
    let s = this.as_str();
    let mut st = Fmt {
        args,
        kw,
        mapping: Value::NULL,
        auto: None,
        manual: false,
    };
    let r = format_impl(vm, &mut st, s, 0)?;
    ret_str(vm, &r)
}

#[native(name = "format_map")]
fn str_format_map(vm: &mut Vm, this: &StrData, mapping: Value) -> PyResult {
    let s = this.as_str();
    let mut st = Fmt {
        args: &[],
        kw: &[],
        mapping,
        auto: None,
        manual: false,
    };
    let r = format_impl(vm, &mut st, s, 0)?;
    ret_str(vm, &r)
}

/// `format(spec)` for any value via `str.format`-style rules: exposed for f-strings'
/// sake as `vm.format` already exists; this is `str.__format__`.
#[native(name = "__format__")]
fn str_dunder_format(vm: &mut Vm, this: &StrData, format_spec: Value) -> PyResult {
    let spec = str_arg(vm, &format_spec, "__format__")?;
    let sv = vm.new_str(this.as_str())?;
    let r = vm.with_root(sv, |vm| vm.format_value(sv, spec))?;
    ret_str(vm, &r)
}

/// `format(s, spec)` of an exact str holding lone surrogates, exactly (through the
/// wrapper of `objects/str/surrogates.rs`).
pub fn format_exact(vm: &mut Vm, s: Value, spec: Value) -> PyResult {
    crate::objects::str::surrogates::call(vm, &[s, spec], &[], str_dunder_format.f)
}

/// `str.__repr__`.
#[native(name = "__repr__", style = slot)]
fn str_repr_native(vm: &mut Vm, this: &StrData) -> PyResult {
    let r = str_data_repr(this);
    vm.new_str(&r)
}

/// `str.__str__`: the exact str (a subclass instance gives its str value).
#[native(name = "__str__", style = slot)]
fn str_dunder_str(vm: &mut Vm, this: Value) -> PyResult {
    if this.is::<StrData>() {
        return Ok(this);
    }
    match this.downcast::<crate::objects::instance::InstanceData>() {
        Some(i) if i.base.is::<StrData>() => Ok(i.base),
        _ => {
            let tn = vm.type_name(this);
            Err(vm.type_error(format!(
                "descriptor '__str__' requires a 'str' object but received a '{tn}'"
            )))
        }
    }
}

pub fn init(vm: &mut Vm) {
    let t = vm.rt.types.str;
    vm.set_new(t, str_new);
    crate::ops::num::register_dunders(vm, t, &["__add__", "__mul__", "__rmul__", "__mod__"]);
    // Methods that may meet lone surrogates run through the remapping wrapper
    // (objects/str/surrogates.rs); the others are exact on their own.
    let methods: &[NativeDef] = &[
        str_dunder_str,
        crate::surrogate_exact!(str_split),
        crate::surrogate_exact!(str_rsplit),
        crate::surrogate_exact!(str_splitlines),
        str_join,
        crate::surrogate_exact!(str_strip),
        crate::surrogate_exact!(str_lstrip),
        crate::surrogate_exact!(str_rstrip),
        crate::surrogate_exact!(str_replace),
        crate::surrogate_exact!(str_find),
        crate::surrogate_exact!(str_rfind),
        crate::surrogate_exact!(str_index),
        crate::surrogate_exact!(str_rindex),
        crate::surrogate_exact!(str_count),
        crate::surrogate_exact!(str_startswith),
        crate::surrogate_exact!(str_endswith),
        crate::surrogate_exact!(str_partition),
        crate::surrogate_exact!(str_rpartition),
        crate::surrogate_exact!(str_removeprefix),
        crate::surrogate_exact!(str_removesuffix),
        crate::surrogate_exact!(str_upper),
        crate::surrogate_exact!(str_lower),
        crate::surrogate_exact!(str_casefold),
        crate::surrogate_exact!(str_swapcase),
        crate::surrogate_exact!(str_capitalize),
        crate::surrogate_exact!(str_title),
        crate::surrogate_exact!(str_isdigit),
        crate::surrogate_exact!(str_isdecimal),
        crate::surrogate_exact!(str_isnumeric),
        crate::surrogate_exact!(str_isalpha),
        crate::surrogate_exact!(str_isalnum),
        crate::surrogate_exact!(str_isspace),
        crate::surrogate_exact!(str_isascii),
        crate::surrogate_exact!(str_isprintable),
        crate::surrogate_exact!(str_isupper),
        crate::surrogate_exact!(str_islower),
        crate::surrogate_exact!(str_istitle),
        crate::surrogate_exact!(str_isidentifier),
        crate::surrogate_exact!(str_center),
        crate::surrogate_exact!(str_ljust),
        crate::surrogate_exact!(str_rjust),
        crate::surrogate_exact!(str_zfill),
        crate::surrogate_exact!(str_expandtabs),
        str_encode,
        str_translate,
        crate::surrogate_exact!(str_format),
        crate::surrogate_exact!(str_format_map),
        crate::surrogate_exact!(str_dunder_format),
        str_repr_native,
    ];
    vm.add_methods(t, methods);
    crate::objects::int::methods::add_wrapped_native(vm, t, "maketrans", str_maketrans, false);
}
