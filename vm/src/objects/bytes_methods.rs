//! `bytes` constructor and methods, `repr(bytes)` and decoding.
use crate::helpers::{arg_count, as_int, as_str, kwarg, unwrap_base, wrap_for_subclass};
use crate::objects::builtin_fn::NativeFn;
use crate::objects::bytes::{ByteArrayData, BytesData};
use crate::objects::tuple::TupleData;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// `repr(b)`: b'...' with CPython's quote choice; non-printable bytes as \xNN.
pub fn bytes_repr(b: &[u8]) -> String {
    let quote = if b.contains(&b'\'') && !b.contains(&b'"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(b.len() + 3);
    out.push('b');
    out.push(quote);
    for &c in b {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            c if c as char == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote);
    out
}

/// Decode with the codecs weft knows (utf-8, ascii, latin-1).
pub fn decode(vm: &mut Vm, b: &[u8], encoding: &str, errors: &str) -> PyResult<String> {
    let enc = encoding.to_ascii_lowercase().replace('_', "-");
    match enc.as_str() {
        "utf-8" | "utf8" => {}
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "l1" => {
            return Ok(b.iter().map(|&c| c as char).collect());
        }
        "ascii" | "us-ascii" => {
            let mut out = String::new();
            for (i, &c) in b.iter().enumerate() {
                if c < 128 {
                    out.push(c as char);
                } else {
                    match errors {
                        "ignore" => {}
                        "replace" => out.push('\u{fffd}'),
                        _ => {
                            let t = vm.rt.types.exc.unicode_decode_error;
                            return Err(vm.new_exception(
                                t,
                                &format!("'ascii' codec can't decode byte 0x{c:02x} in position {i}: ordinal not in range(128)"),
                            ));
                        }
                    }
                }
            }
            return Ok(out);
        }
        _ => {
            let t = vm.rt.types.exc.lookup_error;
            return Err(vm.new_exception(t, &format!("unknown encoding: {encoding}")));
        }
    }
    match std::str::from_utf8(b) {
        Ok(s) => Ok(s.to_string()),
        Err(_) if errors == "replace" => Ok(String::from_utf8_lossy(b).into_owned()),
        Err(_) if errors == "ignore" => {
            let mut out = String::new();
            let mut rest = b;
            loop {
                match std::str::from_utf8(rest) {
                    Ok(s) => {
                        out.push_str(s);
                        break;
                    }
                    Err(e) => {
                        let good = e.valid_up_to();
                        out.push_str(std::str::from_utf8(&rest[..good]).unwrap());
                        let skip = e.error_len().unwrap_or(rest.len() - good);
                        rest = &rest[good + skip..];
                    }
                }
            }
            Ok(out)
        }
        Err(e) => {
            let pos = e.valid_up_to();
            let byte = b[pos];
            let msg = match e.error_len() {
                None if b.len() - pos > 1 => {
                    format!(
                        "'utf-8' codec can't decode bytes in position {pos}-{}: unexpected end of data",
                        b.len() - 1
                    )
                }
                None => format!(
                    "'utf-8' codec can't decode byte 0x{byte:02x} in position {pos}: unexpected end of data"
                ),
                Some(_) if (0x80..0xc2).contains(&byte) || byte > 0xf4 => {
                    format!(
                        "'utf-8' codec can't decode byte 0x{byte:02x} in position {pos}: invalid start byte"
                    )
                }
                Some(_) => {
                    format!(
                        "'utf-8' codec can't decode byte 0x{byte:02x} in position {pos}: invalid continuation byte"
                    )
                }
            };
            let t = vm.rt.types.exc.unicode_decode_error;
            Err(vm.new_exception(t, &msg))
        }
    }
}

/// The bytes of a bytes-like value (bytes, bytearray, or subclass instances).
pub fn bytes_like(v: &Value) -> Option<Vec<u8>> {
    if let Some(b) = unwrap_base::<BytesData>(v) {
        return Some(b.0.to_vec());
    }
    unwrap_base::<ByteArrayData>(v).map(|b| b.0.lock().clone())
}

fn this(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<Vec<u8>> {
    match args.first().and_then(bytes_like) {
        Some(b) => Ok(b),
        None => Err(vm.type_error(format!("descriptor '{name}' requires a 'bytes' object"))),
    }
}

fn arg_bytes(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    match bytes_like(&v) {
        Some(b) => Ok(b),
        None => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!("a bytes-like object is required, not '{tn}'")))
        }
    }
}

/// Convert an iterable of ints (or an int count, or str + encoding) to bytes.
pub fn bytes_from(
    vm: &mut Vm,
    x: Value,
    enc: Option<Value>,
    errs: Option<Value>,
) -> PyResult<Vec<u8>> {
    if let Some(s) = as_str(&x) {
        let Some(e) = enc.as_ref().and_then(as_str) else {
            return Err(vm.type_error("string argument without an encoding"));
        };
        let (s, e) = (s.to_string(), e.to_string());
        let er = errs
            .as_ref()
            .and_then(as_str)
            .unwrap_or("strict")
            .to_string();
        return crate::objects::str_methods::encode(vm, &s, &e, &er);
    }
    if enc.is_some() {
        return Err(vm.type_error("encoding without a string argument"));
    }
    if let Some(b) = bytes_like(&x) {
        return Ok(b);
    }
    if let Some(n) = as_int(x) {
        if n < 0 {
            return Err(vm.value_error("negative count"));
        }
        return Ok(vec![0; n as usize]);
    }
    if let Some(f) = vm.lookup_special(x, "__bytes__") {
        let r = vm.call(f, &[x], &[])?;
        return arg_bytes(vm, r);
    }
    let items = vm.collect_iter(x)?;
    let mut out = Vec::with_capacity(items.len());
    for it in items {
        match as_int(it) {
            Some(i) if (0..256).contains(&i) => out.push(i as u8),
            Some(_) => return Err(vm.value_error("bytes must be in range(0, 256)")),
            None => {
                let tn = vm.type_name(it);
                return Err(
                    vm.type_error(format!("'{tn}' object cannot be interpreted as an integer"))
                );
            }
        }
    }
    Ok(out)
}

fn bytes_new(vm: &mut Vm, cls: Value, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "bytes", args, 0, 3)?;
    let x = args.first().copied().or_else(|| kwarg(kw, "source"));
    let enc = args.get(1).copied().or_else(|| kwarg(kw, "encoding"));
    let errs = args.get(2).copied().or_else(|| kwarg(kw, "errors"));
    let b = match x {
        None => Vec::new(),
        Some(x) => bytes_from(vm, x, enc, errs)?,
    };
    let v = vm.new_bytes(b)?;
    wrap_for_subclass(vm, cls, v)
}

/// Return a value of the receiver's kind (bytearray methods reuse these natives).
fn ret(vm: &mut Vm, args: &[Value], b: Vec<u8>) -> PyResult {
    if args
        .first()
        .is_some_and(|v| unwrap_base::<ByteArrayData>(v).is_some())
    {
        vm.new_bytearray(b)
    } else {
        vm.new_bytes(b)
    }
}

fn find_sub(h: &[u8], n: &[u8], from: usize, to: usize, rev: bool) -> Option<usize> {
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

fn clamp(vm: &mut Vm, args: &[Value], at: usize, len: usize) -> PyResult<(usize, usize)> {
    let get = |vm: &mut Vm, i: usize| -> PyResult<Option<i64>> {
        match args.get(i) {
            None | Some(&Value::NONE) => Ok(None),
            Some(&v) => match as_int(v) {
                Some(x) => Ok(Some(x)),
                None => Err(vm.type_error(
                    "slice indices must be integers or None or have an __index__ method",
                )),
            },
        }
    };
    let (s, e) = (get(vm, at)?, get(vm, at + 1)?);
    let n = len as i64;
    let fix = |i: i64| if i < 0 { (i + n).max(0) } else { i.min(n) };
    Ok((fix(s.unwrap_or(0)) as usize, fix(e.unwrap_or(n)) as usize))
}

/// The needle: bytes-like or a single int.
fn needle(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if let Some(i) = as_int(v) {
        if !(0..256).contains(&i) {
            return Err(vm.value_error("byte must be in range(0, 256)"));
        }
        return Ok(vec![i as u8]);
    }
    arg_bytes(vm, v)
}

fn find_common(vm: &mut Vm, args: &[Value], name: &str, rev: bool, raise: bool) -> PyResult {
    let h = this(vm, args, name)?;
    arg_count(vm, name, args, 2, 4)?;
    let n = needle(vm, args[1])?;
    let (a, b) = clamp(vm, args, 2, h.len())?;
    match find_sub(&h, &n, a, b, rev) {
        Some(i) => vm.new_int(i as i64),
        None if raise => Err(vm.value_error("subsection not found")),
        None => vm.new_int(-1),
    }
}
fn b_find(vm: &mut Vm, a: &[Value], _k: &[(Value, Value)]) -> PyResult {
    find_common(vm, a, "find", false, false)
}
fn b_rfind(vm: &mut Vm, a: &[Value], _k: &[(Value, Value)]) -> PyResult {
    find_common(vm, a, "rfind", true, false)
}
fn b_index(vm: &mut Vm, a: &[Value], _k: &[(Value, Value)]) -> PyResult {
    find_common(vm, a, "index", false, true)
}
fn b_rindex(vm: &mut Vm, a: &[Value], _k: &[(Value, Value)]) -> PyResult {
    find_common(vm, a, "rindex", true, true)
}

fn b_count(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let h = this(vm, args, "count")?;
    arg_count(vm, "count", args, 2, 4)?;
    let n = needle(vm, args[1])?;
    let (a, b) = clamp(vm, args, 2, h.len())?;
    let mut count = 0;
    if a <= b {
        if n.is_empty() {
            count = b - a + 1;
        } else {
            let mut i = a;
            while let Some(j) = find_sub(&h, &n, i, b, false) {
                count += 1;
                i = j + n.len();
            }
        }
    }
    vm.new_int(count as i64)
}

fn affix(vm: &mut Vm, args: &[Value], name: &str, end: bool) -> PyResult {
    let h = this(vm, args, name)?;
    arg_count(vm, name, args, 2, 4)?;
    let (a, b) = clamp(vm, args, 2, h.len())?;
    let cands: Vec<Value> = if let Some(t) = args[1].downcast::<TupleData>() {
        t.0.to_vec()
    } else {
        vec![args[1]]
    };
    for c in cands {
        let Some(p) = bytes_like(&c) else {
            let tn = vm.type_name(c);
            return Err(vm.type_error(format!(
                "{name} first arg must be bytes or a tuple of bytes, not {tn}"
            )));
        };
        if a <= b
            && b - a >= p.len()
            && (if end {
                h[b - p.len()..b] == p[..]
            } else {
                h[a..a + p.len()] == p[..]
            })
        {
            return Ok(Value::TRUE);
        }
    }
    Ok(Value::FALSE)
}
fn b_startswith(vm: &mut Vm, a: &[Value], _k: &[(Value, Value)]) -> PyResult {
    affix(vm, a, "startswith", false)
}
fn b_endswith(vm: &mut Vm, a: &[Value], _k: &[(Value, Value)]) -> PyResult {
    affix(vm, a, "endswith", true)
}

fn b_decode(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let b = this(vm, args, "decode")?;
    let enc = args.get(1).copied().or_else(|| kwarg(kw, "encoding"));
    let errs = args.get(2).copied().or_else(|| kwarg(kw, "errors"));
    let e = enc.as_ref().and_then(as_str).unwrap_or("utf-8").to_string();
    let er = errs
        .as_ref()
        .and_then(as_str)
        .unwrap_or("strict")
        .to_string();
    let s = decode(vm, &b, &e, &er)?;
    vm.new_str(&s)
}

fn b_hex(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let b = this(vm, args, "hex")?;
    let sep = args.get(1).and_then(as_str).map(|s| s.to_string());
    let parts: Vec<String> = b.iter().map(|c| format!("{c:02x}")).collect();
    let s = parts.join(sep.as_deref().unwrap_or(""));
    vm.new_str(&s)
}

fn b_fromhex(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    // Called through the class: args[0] may be the type; the string is the last arg.
    let Some(s) = args.last().and_then(as_str).map(|s| s.to_string()) else {
        return Err(vm.type_error("fromhex() argument must be str"));
    };
    let digits: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < digits.len() {
        let (pos, c) = digits[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let hi = c.to_digit(16);
        let lo = digits.get(i + 1).and_then(|&(_, d)| d.to_digit(16));
        match (hi, lo) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            _ => {
                let at = if hi.is_none() { pos } else { pos + 1 };
                return Err(vm.value_error(format!(
                    "non-hexadecimal number found in fromhex() arg at position {at}"
                )));
            }
        }
        i += 2;
    }
    let r = vm.new_bytes(out)?;
    match args.first() {
        Some(&cls)
            if args.len() == 2
                && cls.is::<crate::objects::typeobj::TypeData>()
                && cls != vm.rt.types.bytes =>
        {
            vm.call(cls, &[r], &[])
        }
        _ => Ok(r),
    }
}

fn b_split_common(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)], rev: bool) -> PyResult {
    let b = this(vm, args, "split")?;
    let sep = args
        .get(1)
        .copied()
        .or_else(|| kwarg(kw, "sep"))
        .filter(|v| !v.is_none());
    let max = match args
        .get(2)
        .copied()
        .or_else(|| kwarg(kw, "maxsplit"))
        .and_then(as_int)
    {
        Some(m) if m >= 0 => m as usize,
        _ => usize::MAX,
    };
    let mut parts: Vec<Vec<u8>> = Vec::new();
    match sep {
        None => {
            let words: Vec<&[u8]> = b
                .split(|c| c.is_ascii_whitespace() || *c == 0x0b)
                .filter(|w| !w.is_empty())
                .collect();
            if words.len() <= max.saturating_add(1) || max == usize::MAX {
                parts = words.iter().map(|w| w.to_vec()).collect();
            } else if !rev {
                // Keep the remainder after `max` words verbatim (leading space trimmed).
                let mut rest: &[u8] = &b;
                for _ in 0..max {
                    let s = rest
                        .iter()
                        .position(|c| !c.is_ascii_whitespace())
                        .unwrap_or(rest.len());
                    rest = &rest[s..];
                    let e = rest
                        .iter()
                        .position(|c| c.is_ascii_whitespace())
                        .unwrap_or(rest.len());
                    parts.push(rest[..e].to_vec());
                    rest = &rest[e..];
                }
                let s = rest
                    .iter()
                    .position(|c| !c.is_ascii_whitespace())
                    .unwrap_or(rest.len());
                parts.push(rest[s..].to_vec());
            } else {
                let mut rest: &[u8] = &b;
                for _ in 0..max {
                    let e = rest
                        .iter()
                        .rposition(|c| !c.is_ascii_whitespace())
                        .map_or(0, |p| p + 1);
                    rest = &rest[..e];
                    let s = rest
                        .iter()
                        .rposition(|c| c.is_ascii_whitespace())
                        .map_or(0, |p| p + 1);
                    parts.push(rest[s..].to_vec());
                    rest = &rest[..s];
                }
                let e = rest
                    .iter()
                    .rposition(|c| !c.is_ascii_whitespace())
                    .map_or(0, |p| p + 1);
                parts.push(rest[..e].to_vec());
                parts.reverse();
            }
        }
        Some(sv) => {
            let sep = arg_bytes(vm, sv)?;
            if sep.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            let mut idx = Vec::new();
            let mut i = 0;
            while let Some(j) = find_sub(&b, &sep, i, b.len(), false) {
                idx.push(j);
                i = j + sep.len();
            }
            if idx.len() > max {
                if rev {
                    idx.drain(..idx.len() - max);
                } else {
                    idx.truncate(max);
                }
            }
            let mut start = 0;
            for j in idx {
                parts.push(b[start..j].to_vec());
                start = j + sep.len();
            }
            parts.push(b[start..].to_vec());
        }
    }
    let list = vm.new_list(Vec::new())?;
    vm.push_root(list);
    for p in parts {
        match ret(vm, args, p) {
            Ok(v) => list
                .downcast::<crate::objects::list::ListData>()
                .unwrap()
                .0
                .lock()
                .push(v),
            Err(e) => {
                vm.pop_roots(1);
                return Err(e);
            }
        }
    }
    vm.pop_roots(1);
    Ok(list)
}
fn b_split(vm: &mut Vm, a: &[Value], k: &[(Value, Value)]) -> PyResult {
    b_split_common(vm, a, k, false)
}
fn b_rsplit(vm: &mut Vm, a: &[Value], k: &[(Value, Value)]) -> PyResult {
    b_split_common(vm, a, k, true)
}

fn b_join(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let sep = this(vm, args, "join")?;
    arg_count(vm, "join", args, 2, 2)?;
    let items = vm.collect_iter(args[1])?;
    let mut out = Vec::new();
    for (i, it) in items.iter().enumerate() {
        let Some(b) = bytes_like(it) else {
            let tn = vm.type_name(*it);
            return Err(vm.type_error(format!(
                "sequence item {i}: expected a bytes-like object, {tn} found"
            )));
        };
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        out.extend(b);
    }
    ret(vm, args, out)
}

fn strip_common(vm: &mut Vm, args: &[Value], left: bool, right: bool) -> PyResult {
    let b = this(vm, args, "strip")?;
    let chars = match args.get(1) {
        None | Some(&Value::NONE) => None,
        Some(&v) => Some(arg_bytes(vm, v)?),
    };
    let strip = |c: &u8| match &chars {
        None => c.is_ascii_whitespace() || *c == 0x0b,
        Some(cs) => cs.contains(c),
    };
    let mut s = 0;
    let mut e = b.len();
    if left {
        while s < e && strip(&b[s]) {
            s += 1;
        }
    }
    if right {
        while e > s && strip(&b[e - 1]) {
            e -= 1;
        }
    }
    ret(vm, args, b[s..e].to_vec())
}
fn b_strip(vm: &mut Vm, a: &[Value], _k: &[(Value, Value)]) -> PyResult {
    strip_common(vm, a, true, true)
}
fn b_lstrip(vm: &mut Vm, a: &[Value], _k: &[(Value, Value)]) -> PyResult {
    strip_common(vm, a, true, false)
}
fn b_rstrip(vm: &mut Vm, a: &[Value], _k: &[(Value, Value)]) -> PyResult {
    strip_common(vm, a, false, true)
}

fn b_replace(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let b = this(vm, args, "replace")?;
    arg_count(vm, "replace", args, 3, 4)?;
    let old = arg_bytes(vm, args[1])?;
    let new = arg_bytes(vm, args[2])?;
    let max = match args.get(3).and_then(|v| as_int(*v)) {
        Some(m) if m >= 0 => m as usize,
        _ => usize::MAX,
    };
    let mut out = Vec::new();
    let mut n = 0;
    let mut i = 0;
    if old.is_empty() {
        for &c in &b {
            if n < max {
                out.extend_from_slice(&new);
                n += 1;
            }
            out.push(c);
        }
        if n < max {
            out.extend_from_slice(&new);
        }
    } else {
        while n < max
            && let Some(j) = find_sub(&b, &old, i, b.len(), false)
        {
            out.extend_from_slice(&b[i..j]);
            out.extend_from_slice(&new);
            i = j + old.len();
            n += 1;
        }
        out.extend_from_slice(&b[i..]);
    }
    ret(vm, args, out)
}

macro_rules! map_method {
    ($f:ident, $name:expr, |$b:ident| $body:expr) => {
        fn $f(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
            let $b = this(vm, args, $name)?;
            let r: Vec<u8> = $body;
            ret(vm, args, r)
        }
    };
}
map_method!(b_upper, "upper", |b| b.to_ascii_uppercase());
map_method!(b_lower, "lower", |b| b.to_ascii_lowercase());
map_method!(b_swapcase, "swapcase", |b| b
    .iter()
    .map(|c| if c.is_ascii_uppercase() {
        c.to_ascii_lowercase()
    } else {
        c.to_ascii_uppercase()
    })
    .collect());
map_method!(b_capitalize, "capitalize", |b| b
    .iter()
    .enumerate()
    .map(|(i, c)| if i == 0 {
        c.to_ascii_uppercase()
    } else {
        c.to_ascii_lowercase()
    })
    .collect());

macro_rules! pred_method {
    ($f:ident, $name:expr, |$c:ident| $body:expr) => {
        fn $f(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
            let b = this(vm, args, $name)?;
            Ok(Value::bool(!b.is_empty() && b.iter().all(|&$c| $body)))
        }
    };
}
pred_method!(b_isalpha, "isalpha", |c| c.is_ascii_alphabetic());
pred_method!(b_isdigit, "isdigit", |c| c.is_ascii_digit());
pred_method!(b_isalnum, "isalnum", |c| c.is_ascii_alphanumeric());
pred_method!(b_isspace, "isspace", |c| c.is_ascii_whitespace()
    || c == 0x0b);
fn b_isupper(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let b = this(vm, args, "isupper")?;
    Ok(Value::bool(
        b.iter().any(|c| c.is_ascii_uppercase()) && !b.iter().any(|c| c.is_ascii_lowercase()),
    ))
}
fn b_islower(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let b = this(vm, args, "islower")?;
    Ok(Value::bool(
        b.iter().any(|c| c.is_ascii_lowercase()) && !b.iter().any(|c| c.is_ascii_uppercase()),
    ))
}

/// `bytes % args`: the str machinery over latin-1 chars, with %s/%b taking bytes.
pub fn bytes_percent_format(vm: &mut Vm, fmt: Value, args: Value) -> PyResult<Vec<u8>> {
    let f: String = bytes_like(&fmt)
        .unwrap_or_default()
        .iter()
        .map(|&c| c as char)
        .collect();
    let s = crate::objects::str_methods::percent_format_chars(vm, &f, args, true)?;
    Ok(s.chars().map(|c| c as u32 as u8).collect())
}

/// `bytes.__repr__`.
fn b_repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let b = this(vm, args, "__repr__")?;
    let r = bytes_repr(&b);
    vm.new_str(&r)
}

pub fn init(vm: &mut Vm) {
    let t = vm.rt.types.bytes;
    vm.set_new(t, bytes_new);
    crate::ops::num::register_dunders(vm, t, &["__add__", "__mul__", "__rmul__", "__mod__"]);
    let methods: &[(&'static str, NativeFn)] = &[
        ("decode", b_decode),
        ("__repr__", b_repr),
        ("hex", b_hex),
        ("split", b_split),
        ("rsplit", b_rsplit),
        ("join", b_join),
        ("strip", b_strip),
        ("lstrip", b_lstrip),
        ("rstrip", b_rstrip),
        ("replace", b_replace),
        ("find", b_find),
        ("rfind", b_rfind),
        ("index", b_index),
        ("rindex", b_rindex),
        ("count", b_count),
        ("startswith", b_startswith),
        ("endswith", b_endswith),
        ("upper", b_upper),
        ("lower", b_lower),
        ("swapcase", b_swapcase),
        ("capitalize", b_capitalize),
        ("isalpha", b_isalpha),
        ("isdigit", b_isdigit),
        ("isalnum", b_isalnum),
        ("isspace", b_isspace),
        ("isupper", b_isupper),
        ("islower", b_islower),
    ];
    for &(name, f) in methods {
        vm.add_method(t, name, f);
    }
    crate::objects::int_methods::add_wrapped_native(vm, t, "fromhex", b_fromhex, true);
}
