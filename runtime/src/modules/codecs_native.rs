//! `_codecs`: the codec registry and error-handler registry behind CPython's `codecs`
//! module, with the utf-8, ascii and latin-1 codecs weft's str and bytes know.
//!
//! What is here: `register`/`unregister`/`lookup` (search functions, a cache, and the
//! `encodings` package from CPython's `Lib` registered on first use, as CPython does at
//! start-up), `register_error`/`lookup_error` with the handlers strict, ignore, replace,
//! backslashreplace and xmlcharrefreplace, `encode`/`decode` (str and bytes through the
//! codecs above, anything else through the registry), and the `utf_8`, `ascii` and
//! `latin_1` encode/decode functions that `encodings.*` modules bind. Other codecs
//! (utf-16, charmap, ...) are not here yet.
use super::{new_native_module, set_item};
use weft_vm::helpers::{arg_count, as_int, as_str, unwrap_base};
use weft_vm::native::NativeDef;
use weft_vm::objects::bytes::buffer_bytes;
use weft_vm::objects::bytes_methods::decode as bytes_decode;
use weft_vm::objects::str::StrData;
use weft_vm::objects::str_methods::encode as str_encode;
use weft_vm::ops::call::is_callable;
use weft_vm::types::is_subclass;
use weft_vm::value::Value;
use weft_vm::vm::{PyErr, PyResult, Vm};

const FUNCS: &[NativeDef] = &[
    NativeDef::raw("register", register),
    NativeDef::raw("unregister", unregister),
    NativeDef::raw("lookup", lookup),
    NativeDef::raw("register_error", register_error),
    NativeDef::raw("lookup_error", lookup_error),
    NativeDef::raw("encode", encode),
    NativeDef::raw("decode", decode),
    NativeDef::raw("utf_8_encode", utf_8_encode),
    NativeDef::raw("utf_8_decode", utf_8_decode),
    NativeDef::raw("ascii_encode", ascii_encode),
    NativeDef::raw("ascii_decode", ascii_decode),
    NativeDef::raw("latin_1_encode", latin_1_encode),
    NativeDef::raw("latin_1_decode", latin_1_decode),
];

/// The built-in error handlers, by name.
const HANDLERS: &[(&str, weft_vm::native::NativeFn)] = &[
    ("strict", h_strict),
    ("ignore", h_ignore),
    ("replace", h_replace),
    ("backslashreplace", h_backslashreplace),
    ("xmlcharrefreplace", h_xmlcharrefreplace),
];

pub fn init(vm: &mut Vm) -> PyResult {
    let (m, d) = new_native_module(vm, "_codecs", FUNCS)?;
    weft_vm::root_scope!(vm);
    vm.root(m);
    let search = vm.new_list(vec![])?;
    set_item(vm, d, "_search", search)?;
    let cache = vm.new_dict()?;
    set_item(vm, d, "_cache", cache)?;
    let errors = vm.new_dict()?;
    set_item(vm, d, "_errors", errors)?;
    for &(name, f) in HANDLERS {
        let h = vm.new_native(name, "_codecs", f)?;
        let k = vm.new_str(name)?;
        vm.dict_set(errors, k, h)?;
    }
    Ok(m)
}

/// One of the module's own tables.
fn table(vm: &mut Vm, name: &str) -> PyResult {
    let m = vm.import_module("_codecs")?;
    vm.getattr_str(m, name)
}

fn register(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "register", args, 1, 1)?;
    if !is_callable(vm, args[0]) {
        return Err(vm.type_error("argument must be callable"));
    }
    let l = table(vm, "_search")?;
    vm.call_method(l, "append", &[args[0]])?;
    Ok(Value::NONE)
}

fn unregister(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "unregister", args, 1, 1)?;
    let l = table(vm, "_search")?;
    if vm.contains(l, args[0])? {
        vm.call_method(l, "remove", &[args[0]])?;
        let c = table(vm, "_cache")?;
        vm.call_method(c, "clear", &[])?;
    }
    Ok(Value::NONE)
}

/// CPython's normalisation of an encoding name: lower case, each run of characters
/// other than letters, digits and '.' made one '_' (none at either end).
fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut gap = false;
    for c in name.chars() {
        if c.is_alphanumeric() || c == '.' {
            if gap && !out.is_empty() {
                out.push('_');
            }
            gap = false;
            if c.is_ascii() {
                out.push(c.to_ascii_lowercase());
            }
        } else {
            gap = true;
        }
    }
    out
}

fn lookup(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "lookup", args, 1, 1)?;
    let Some(name) = as_str(&args[0]) else {
        let tn = vm.type_name(args[0]);
        return Err(vm.type_error(format!("lookup() argument must be str, not {tn}")));
    };
    let norm = normalize(name);
    weft_vm::root_scope!(vm);
    let key = vm.new_str(&norm)?;
    vm.root(key);
    let cache = table(vm, "_cache")?;
    if let Some(v) = vm.dict_get(cache, key)? {
        return Ok(v);
    }
    let search = table(vm, "_search")?;
    if vm.len(search)? == 0 {
        // CPython registers the `encodings` package's search function at start-up.
        let _ = vm.import_module("encodings");
    }
    for f in vm.collect_iter(search)? {
        let r = vm.call(f, &[key], &[])?;
        if r.is_none() {
            continue;
        }
        if vm.len(r).ok() != Some(4) && !is_tuple_of_4_or_more(vm, r) {
            return Err(vm.type_error("codec search functions must return 4-tuples"));
        }
        vm.dict_set(cache, key, r)?;
        return Ok(r);
    }
    let t = vm.rt.types.exc.lookup_error;
    Err(vm.new_exception(t, &format!("unknown encoding: {name}")))
}

/// CodecInfo is a tuple subclass with 4 items (and attributes).
fn is_tuple_of_4_or_more(vm: &mut Vm, v: Value) -> bool {
    vm.len(v).is_ok_and(|n| n >= 4)
}

fn register_error(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "register_error", args, 2, 2)?;
    if !is_callable(vm, args[1]) {
        return Err(vm.type_error("handler must be callable"));
    }
    let e = table(vm, "_errors")?;
    vm.dict_set(e, args[0], args[1])?;
    Ok(Value::NONE)
}

fn lookup_error(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "lookup_error", args, 1, 1)?;
    let e = table(vm, "_errors")?;
    match vm.dict_get(e, args[0])? {
        Some(h) => Ok(h),
        None => {
            let n = as_str(&args[0]).unwrap_or("?").to_string();
            let t = vm.rt.types.exc.lookup_error;
            Err(vm.new_exception(t, &format!("unknown error handler name '{n}'")))
        }
    }
}

/// `(obj, encoding='utf-8', errors='strict')` of encode/decode.
fn codec_args<'a>(
    vm: &mut Vm,
    name: &str,
    args: &'a [Value],
    kw: &'a [(Value, Value)],
) -> PyResult<(Value, String, String)> {
    arg_count(vm, name, args, 1, 3)?;
    let mut enc = args.get(1).copied();
    let mut err = args.get(2).copied();
    for &(k, v) in kw {
        match as_str(&k) {
            Some("encoding") => enc = Some(v),
            Some("errors") => err = Some(v),
            _ => return Err(vm.type_error(format!("{name}() got an unexpected keyword argument"))),
        }
    }
    let s = |v: Option<Value>, d: &str| {
        v.and_then(|v| as_str(&v).map(str::to_string))
            .unwrap_or(d.into())
    };
    Ok((args[0], s(enc, "utf-8"), s(err, "strict")))
}

/// The codec's entry `i` (0: encode, 1: decode) called on `obj`, first item of the result.
fn via_registry(vm: &mut Vm, obj: Value, enc: &str, errors: &str, i: usize) -> PyResult {
    weft_vm::root_scope!(vm);
    let name = vm.new_str(enc)?;
    vm.root(name);
    let info = lookup(vm, &[name], &[])?;
    vm.root(info);
    let idx = vm.new_int(i as i64)?;
    let f = vm.getitem(info, idx)?;
    vm.root(f);
    let e = vm.new_str(errors)?;
    let r = vm.call(f, &[obj, e], &[])?;
    vm.root(r);
    let zero = vm.new_int(0)?;
    vm.getitem(r, zero)
}

fn known(enc: &str) -> bool {
    matches!(
        enc.to_ascii_lowercase().replace('_', "-").as_str(),
        "utf-8"
            | "utf8"
            | "ascii"
            | "us-ascii"
            | "latin-1"
            | "latin1"
            | "iso-8859-1"
            | "iso8859-1"
            | "l1"
    )
}

fn encode(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let (obj, enc, errors) = codec_args(vm, "encode", args, kw)?;
    if let Some(s) = unwrap_base::<StrData>(&obj)
        && known(&enc)
    {
        let b = str_encode(vm, s.as_str(), &enc, &errors)?;
        return vm.new_bytes(b);
    }
    via_registry(vm, obj, &enc, &errors, 0)
}

fn decode(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let (obj, enc, errors) = codec_args(vm, "decode", args, kw)?;
    if known(&enc)
        && let Some(b) = buffer_bytes(&obj)
    {
        let s = bytes_decode(vm, &b, &enc, &errors)?;
        return vm.new_str(&s);
    }
    via_registry(vm, obj, &enc, &errors, 1)
}

/// `(text, errors=None)`: the text and the error handler name.
fn text_arg<'a>(vm: &mut Vm, name: &str, args: &'a [Value]) -> PyResult<(&'a str, String)> {
    arg_count(vm, name, args, 1, 2)?;
    let Some(s) = as_str(&args[0]) else {
        let tn = vm.type_name(args[0]);
        return Err(vm.type_error(format!("{name}() argument 1 must be str, not {tn}")));
    };
    let errors = args.get(1).and_then(as_str).unwrap_or("strict").to_string();
    Ok((s, errors))
}

fn encoded(vm: &mut Vm, b: Vec<u8>, consumed: usize) -> PyResult {
    let b = vm.new_bytes(b)?;
    let n = vm.new_int(consumed as i64)?;
    vm.new_tuple(vec![b, n])
}

fn encode_with(vm: &mut Vm, args: &[Value], name: &str, enc: &str) -> PyResult {
    let (s, errors) = text_arg(vm, name, args)?;
    let chars = s.chars().count();
    let b = str_encode(vm, s, enc, &errors)?;
    encoded(vm, b, chars)
}

fn utf_8_encode(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    encode_with(vm, args, "utf_8_encode", "utf-8")
}

fn ascii_encode(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    encode_with(vm, args, "ascii_encode", "ascii")
}

fn latin_1_encode(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    encode_with(vm, args, "latin_1_encode", "latin-1")
}

/// `(data, errors=None, final=False)` -> (str, bytes consumed). Without `final`, an
/// incomplete UTF-8 sequence at the end is left for the next call.
fn decode_with(vm: &mut Vm, args: &[Value], name: &str, enc: &str) -> PyResult {
    arg_count(vm, name, args, 1, 3)?;
    let Some(b) = buffer_bytes(&args[0]) else {
        let tn = vm.type_name(args[0]);
        return Err(vm.type_error(format!("a bytes-like object is required, not '{tn}'")));
    };
    let errors = args.get(1).and_then(as_str).unwrap_or("strict").to_string();
    let final_ = match args.get(2) {
        Some(&v) => vm.truthy(v)?,
        None => name != "utf_8_decode",
    };
    let mut take = b.len();
    if enc == "utf-8" && !final_ {
        take = complete_utf8_prefix(&b);
    }
    let s = bytes_decode(vm, &b[..take], enc, &errors)?;
    let s = vm.new_str(&s)?;
    let n = vm.new_int(take as i64)?;
    vm.new_tuple(vec![s, n])
}

/// The length of `b` without a trailing incomplete (but so far valid) UTF-8 sequence.
fn complete_utf8_prefix(b: &[u8]) -> usize {
    let n = b.len();
    for back in 1..=3.min(n) {
        let c = b[n - back];
        if c & 0xC0 == 0x80 {
            continue;
        }
        let need = match c {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => return n,
        };
        return if need > back { n - back } else { n };
    }
    n
}

fn utf_8_decode(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    decode_with(vm, args, "utf_8_decode", "utf-8")
}

fn ascii_decode(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    decode_with(vm, args, "ascii_decode", "ascii")
}

fn latin_1_decode(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    decode_with(vm, args, "latin_1_decode", "latin-1")
}

// ---------------------------------------------------------------- error handlers

/// The exception a handler was given: (kind, object, start, end).
fn exc_parts(vm: &mut Vm, exc: Value) -> PyResult<(Kind, Value, usize, usize)> {
    let exc_t = vm.type_of(exc);
    let types = &vm.rt.types.exc;
    let (enc, dec) = (types.unicode_encode_error, types.unicode_decode_error);
    let kind = if is_subclass(vm, exc_t, enc) {
        Kind::Encode
    } else if is_subclass(vm, exc_t, dec) {
        Kind::Decode
    } else if vm.type_name(exc) == "UnicodeTranslateError" {
        Kind::Translate
    } else {
        let tn = vm.type_name(exc);
        return Err(vm.type_error(format!("don't know how to handle {tn} in error callback")));
    };
    let (obj, start, end) = match (
        vm.getattr_str(exc, "object"),
        vm.getattr_str(exc, "start"),
        vm.getattr_str(exc, "end"),
    ) {
        (Ok(o), Ok(s), Ok(e)) => (o, s, e),
        // Made from Python with (encoding, object, start, end, reason) only in `args`.
        _ => {
            let a = vm.getattr_str(exc, "args")?;
            let items = vm.collect_iter(a)?;
            match items[..] {
                [_, o, s, e, _] => (o, s, e),
                _ => return Err(vm.type_error("codec error handler got a malformed exception")),
            }
        }
    };
    let start = as_int(start).unwrap_or(0).max(0) as usize;
    let end = as_int(end).unwrap_or(0).max(0) as usize;
    Ok((kind, obj, start, end.max(start)))
}

#[derive(PartialEq)]
enum Kind {
    Encode,
    Decode,
    Translate,
}

/// (replacement, resume position).
fn answer(vm: &mut Vm, text: &str, end: usize) -> PyResult {
    let s = vm.new_str(text)?;
    let e = vm.new_int(end as i64)?;
    vm.new_tuple(vec![s, e])
}

/// The characters `start..end` of a str `obj`.
fn chars_of(obj: Value, start: usize, end: usize) -> Vec<char> {
    as_str(&obj)
        .map(|s| s.chars().skip(start).take(end - start).collect())
        .unwrap_or_default()
}

fn h_strict(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "strict_errors", args, 1, 1)?;
    let base = vm.rt.types.exc.base_exception;
    let t = vm.type_of(args[0]);
    if is_subclass(vm, t, base) {
        return Err(PyErr(args[0]));
    }
    Err(vm.type_error("codec must pass exception instance"))
}

fn h_ignore(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "ignore_errors", args, 1, 1)?;
    let (_, _, _, end) = exc_parts(vm, args[0])?;
    answer(vm, "", end)
}

fn h_replace(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "replace_errors", args, 1, 1)?;
    let (kind, _, start, end) = exc_parts(vm, args[0])?;
    let text = match kind {
        Kind::Encode => "?".repeat(end - start),
        Kind::Decode => "\u{fffd}".to_string(),
        Kind::Translate => "\u{fffd}".repeat(end - start),
    };
    answer(vm, &text, end)
}

fn h_backslashreplace(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "backslashreplace_errors", args, 1, 1)?;
    let (kind, obj, start, end) = exc_parts(vm, args[0])?;
    let mut out = String::new();
    if kind == Kind::Decode {
        let b = buffer_bytes(&obj).unwrap_or_default();
        for c in b.get(start..end.min(b.len())).unwrap_or_default() {
            out.push_str(&format!("\\x{c:02x}"));
        }
    } else {
        for c in chars_of(obj, start, end) {
            let n = c as u32;
            out.push_str(&match n {
                0..=0xff => format!("\\x{n:02x}"),
                0x100..=0xffff => format!("\\u{n:04x}"),
                _ => format!("\\U{n:08x}"),
            });
        }
    }
    answer(vm, &out, end)
}

fn h_xmlcharrefreplace(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "xmlcharrefreplace_errors", args, 1, 1)?;
    let (kind, obj, start, end) = exc_parts(vm, args[0])?;
    if kind != Kind::Encode {
        let tn = vm.type_name(args[0]);
        return Err(vm.type_error(format!("don't know how to handle {tn} in error callback")));
    }
    let out: String = chars_of(obj, start, end)
        .into_iter()
        .map(|c| format!("&#{};", c as u32))
        .collect();
    answer(vm, &out, end)
}
