//! Lone surrogates in str operations (the representation is in `objects/str.rs`, module
//! doc "Lone surrogates"): the remapping wrapper of the str methods, and the UTF-8 (and
//! ASCII / Latin-1) encoder and decoder paths that produce or consume surrogates.
//!
//! # The remapping wrapper
//!
//! The str methods are written over `&str`, which cannot hold a surrogate. When a
//! method's receiver or a str argument (or a str inside a tuple argument, as for
//! `startswith`) holds surrogates, [`call`] runs it on stand-ins: every distinct
//! surrogate of the call is swapped for a private-use code point (U+E000..U+F8FF, then
//! planes 15 and 16) that occurs in none of the call's strs; the method runs on these
//! valid strs; then every stand-in in the result (a str, or the strs of a list or
//! tuple) is swapped back. The swap is a bijection on the call's text, so equality of
//! characters (find, split, replace, count, partition, strip with chars ...) is
//! unchanged; private-use code points share every property the methods consult with
//! surrogates (not cased and unchanged by case mapping, not alphanumeric, not a digit,
//! not space, not a line break, not printable, not an identifier character), so
//! predicates, case mapping and padding are unchanged too. A call without surrogates
//! pays one flag test per argument.
//!
//! Not wrapped, exact on their own: `join` (bytes), `translate` (code points),
//! `encode` (below), `__repr__`, `__str__`.
use crate::helpers::as_str_data;
use crate::native::NativeFn;
use crate::objects::str::{StrData, wtf8};
use crate::objects::tuple::TupleData;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::collections::{HashMap, HashSet};

/// `def` run through [`call`].
#[macro_export]
macro_rules! surrogate_exact {
    ($def:expr) => {
        $crate::native::NativeDef {
            name: $def.name,
            f: |vm, args, kw| $crate::objects::str::surrogates::call(vm, args, kw, $def.f),
        }
    };
}

fn flagged(v: &Value) -> bool {
    if let Some(s) = as_str_data(v) {
        return s.has_surrogates();
    }
    if let Some(t) = v.downcast::<TupleData>() {
        return t
            .0
            .iter()
            .any(|x| as_str_data(x).is_some_and(|s| s.has_surrogates()));
    }
    false
}

/// Run the str method `f` exactly (module doc).
pub fn call(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)], f: NativeFn) -> PyResult {
    if !args.iter().any(flagged) && !kw.iter().any(|(_, v)| flagged(v)) {
        return f(vm, args, kw);
    }
    remapped(vm, args, kw, f)
}

/// The pool of stand-ins.
fn pool() -> impl Iterator<Item = u32> {
    (0xE000..=0xF8FF)
        .chain(0xF0000..=0xFFFFD)
        .chain(0x100000..=0x10FFFD)
}

fn is_pool(c: u32) -> bool {
    (0xE000..=0xF8FF).contains(&c) || (0xF0000..=0xFFFFD).contains(&c) || c >= 0x100000
}

struct Swap {
    to: HashMap<u32, u32>,
    back: HashMap<u32, u32>,
}

impl Swap {
    /// The text of `d` with each surrogate swapped for its stand-in (valid UTF-8).
    fn forward(&self, d: &StrData) -> String {
        wtf8::decode(d.wtf8())
            .map(|c| {
                let c = self.to.get(&c).copied().unwrap_or(c);
                char::from_u32(c).unwrap_or('\u{fffd}')
            })
            .collect()
    }
    /// The result value with the stand-ins swapped back (a fresh object when needed).
    fn back(&self, vm: &mut Vm, v: Value) -> PyResult {
        if let Some(s) = v.downcast::<StrData>() {
            if !s
                .as_str()
                .chars()
                .any(|c| self.back.contains_key(&(c as u32)))
            {
                return Ok(v);
            }
            let cps: Vec<u32> = s
                .as_str()
                .chars()
                .map(|c| self.back.get(&(c as u32)).copied().unwrap_or(c as u32))
                .collect();
            return vm.new_str_code_points(&cps);
        }
        // Lists and tuples made by the method: nobody else holds them yet, and
        // allocation never collects, so the items need no root while swapped.
        if let Some(l) = v.downcast::<crate::objects::list::ListData>() {
            let items = l.snapshot();
            let mut out = Vec::with_capacity(items.len());
            for it in items {
                out.push(self.back(vm, it)?);
            }
            return vm.new_list(out);
        }
        if let Some(t) = v.downcast::<TupleData>() {
            let items = t.0.to_vec();
            let mut out = Vec::with_capacity(items.len());
            for it in items {
                out.push(self.back(vm, it)?);
            }
            return vm.new_tuple(out);
        }
        Ok(v)
    }
}

fn remapped(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)], f: NativeFn) -> PyResult {
    // Every str of the call, to choose stand-ins none of them holds.
    let mut strs: Vec<&StrData> = Vec::new();
    for v in args.iter().chain(kw.iter().map(|(_, v)| v)) {
        if let Some(s) = as_str_data(v) {
            strs.push(s);
        } else if let Some(t) = v.downcast::<TupleData>() {
            strs.extend(t.0.iter().filter_map(as_str_data));
        }
    }
    let mut surrogates: Vec<u32> = Vec::new();
    let mut used: HashSet<u32> = HashSet::new();
    for s in &strs {
        for c in s.as_str().chars() {
            if is_pool(c as u32) {
                used.insert(c as u32);
            }
        }
        if s.has_surrogates() {
            surrogates.extend(wtf8::decode(s.wtf8()).filter(|c| (0xD800..0xE000).contains(c)));
        }
    }
    surrogates.sort_unstable();
    surrogates.dedup();
    let mut swap = Swap {
        to: HashMap::new(),
        back: HashMap::new(),
    };
    let mut free = pool().filter(|c| !used.contains(c));
    for &s in &surrogates {
        let Some(p) = free.next() else {
            return Err(vm.value_error("too many distinct private-use characters"));
        };
        swap.to.insert(s, p);
        swap.back.insert(p, s);
    }
    // The stand-in arguments, rooted while the method runs (it may run Python code).
    let mut sc = vm.scope();
    let stand = |sc: &mut Vm, v: Value| -> PyResult {
        if let Some(s) = as_str_data(&v)
            && s.has_surrogates()
        {
            let t = swap.forward(s);
            let n = sc.new_str(&t)?;
            return Ok(sc.root(n));
        }
        if let Some(t) = v.downcast::<TupleData>()
            && flagged(&v)
        {
            let mut items = Vec::with_capacity(t.0.len());
            for &x in t.0.iter() {
                items.push(match as_str_data(&x) {
                    Some(s) if s.has_surrogates() => {
                        let t = swap.forward(s);
                        sc.new_str(&t)?
                    }
                    _ => x,
                });
            }
            let n = sc.new_tuple(items)?;
            return Ok(sc.root(n));
        }
        Ok(v)
    };
    let mut a2 = Vec::with_capacity(args.len());
    for &a in args {
        a2.push(stand(&mut sc, a)?);
    }
    let mut k2 = Vec::with_capacity(kw.len());
    for &(k, v) in kw {
        k2.push((k, stand(&mut sc, v)?));
    }
    let r = f(&mut sc, &a2, &k2)?;
    if a2.first() == Some(&r) && args.first() != Some(&r) {
        // The method returned its (stand-in) receiver unchanged: the receiver itself.
        return Ok(args[0]);
    }
    sc.root(r);
    swap.back(&mut sc, r)
}

// ---------------------------------------------------------------- encoding

/// Code points of the text with their positions, as runs: `(start, end, encodable)`.
fn runs(cps: &[u32], ok: impl Fn(u32) -> bool) -> Vec<(usize, usize, bool)> {
    let mut out: Vec<(usize, usize, bool)> = Vec::new();
    for (i, &c) in cps.iter().enumerate() {
        let k = ok(c);
        match out.last_mut() {
            Some(r) if r.2 == k => r.1 = i + 1,
            _ => out.push((i, i + 1, k)),
        }
    }
    out
}

/// `str.encode` of a str with surrogates (`obj` is the str, for the exception) with the
/// codecs weft encodes natively: UTF-8 (strict: "surrogates not allowed";
/// `surrogatepass` writes the 3 bytes; `surrogateescape` writes U+DC80..U+DCFF as the
/// bytes 0x80..0xFF) and ASCII / Latin-1. None for another encoding.
pub fn encode(
    vm: &mut Vm,
    obj: Value,
    d: &StrData,
    encoding: &str,
    errors: &str,
) -> Option<PyResult<Vec<u8>>> {
    let enc = encoding.to_ascii_lowercase().replace('_', "-");
    let (name, limit) = match enc.as_str() {
        "utf-8" | "utf8" => ("utf-8", 0x110000u32),
        "ascii" | "us-ascii" => ("ascii", 128),
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "l1" => ("latin-1", 256),
        _ => return None,
    };
    let cps: Vec<u32> = wtf8::decode(d.wtf8()).collect();
    let ok = |c: u32| c < limit && !(limit > 256 && (0xD800..0xE000).contains(&c));
    let mut out = Vec::with_capacity(d.byte_len());
    for (a, b, good) in runs(&cps, ok) {
        if good {
            for &c in &cps[a..b] {
                if limit > 256 {
                    wtf8::push(&mut out, c);
                } else {
                    out.push(c as u8);
                }
            }
            continue;
        }
        let run = &cps[a..b];
        let fail = |vm: &mut Vm| {
            let reason = if limit > 256 {
                "surrogates not allowed".to_string()
            } else {
                format!("ordinal not in range({limit})")
            };
            Err(crate::exceptions::unicode_encode_error_obj(
                vm, name, obj, a, b, &reason,
            ))
        };
        match errors {
            "surrogatepass" if limit > 256 => run.iter().for_each(|&c| wtf8::push(&mut out, c)),
            "surrogateescape" if run.iter().all(|c| (0xDC80..=0xDCFF).contains(c)) => {
                out.extend(run.iter().map(|&c| (c - 0xDC00) as u8));
            }
            "ignore" => {}
            "replace" => out.extend(run.iter().map(|_| b'?')),
            "backslashreplace" => {
                for &n in run {
                    let esc = match n {
                        0..=0xff => format!("\\x{n:02x}"),
                        0x100..=0xffff => format!("\\u{n:04x}"),
                        _ => format!("\\U{n:08x}"),
                    };
                    out.extend_from_slice(esc.as_bytes());
                }
            }
            "xmlcharrefreplace" => {
                for &n in run {
                    out.extend_from_slice(format!("&#{n};").as_bytes());
                }
            }
            _ => return Some(fail(vm)),
        }
    }
    Some(Ok(out))
}

/// `bytes.decode` with the error handlers that make surrogates: UTF-8 with
/// `surrogateescape` (each undecodable byte 0xNN becomes U+DCNN) or `surrogatepass`
/// (the 3-byte encoding of a surrogate decodes to it), and ASCII with
/// `surrogateescape`. None when another path decodes (other encodings or handlers).
pub fn decode(vm: &mut Vm, b: &[u8], encoding: &str, errors: &str) -> Option<PyResult> {
    if errors != "surrogateescape" && errors != "surrogatepass" {
        return None;
    }
    let enc = encoding.to_ascii_lowercase().replace('_', "-");
    let mut out = Vec::with_capacity(b.len());
    match enc.as_str() {
        "utf-8" | "utf8" => {}
        "ascii" | "us-ascii" if errors == "surrogateescape" => {
            for &c in b {
                wtf8::push(&mut out, if c < 128 { c as u32 } else { 0xDC00 + c as u32 });
            }
            return Some(vm.new_str_wtf8(&out));
        }
        _ => return None,
    }
    let mut rest = b;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.extend_from_slice(s.as_bytes());
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                out.extend_from_slice(&rest[..good]);
                let bad = &rest[good..];
                if errors == "surrogatepass" {
                    if bad.len() >= 3
                        && bad[0] == 0xED
                        && (0xA0..=0xBF).contains(&bad[1])
                        && (0x80..=0xBF).contains(&bad[2])
                    {
                        out.extend_from_slice(&bad[..3]);
                        rest = &bad[3..];
                        continue;
                    }
                    // Not a surrogate: the strict error (CPython's wording and positions).
                    let pos = b.len() - rest.len() + good;
                    let byte = bad[0];
                    let (end, reason) = match e.error_len() {
                        None if bad.len() > 1 => (b.len(), "unexpected end of data"),
                        None => (pos + 1, "unexpected end of data"),
                        Some(_) if (0x80..0xc2).contains(&byte) || byte > 0xf4 => {
                            (pos + 1, "invalid start byte")
                        }
                        Some(_) => (pos + 1, "invalid continuation byte"),
                    };
                    return Some(Err(crate::exceptions::unicode_decode_error(
                        vm, "utf-8", b, pos, end, reason,
                    )));
                }
                let skip = e.error_len().unwrap_or(bad.len());
                for &c in &bad[..skip] {
                    wtf8::push(&mut out, 0xDC00 + c as u32);
                }
                rest = &bad[skip..];
            }
        }
    }
    Some(vm.new_str_wtf8(&out))
}
