//! The `bytes` constructor, `repr(bytes)`, decoding, and the methods `bytes` shares with
//! `bytearray`: each works on a snapshot of the receiver's bytes and returns a value of
//! the receiver's kind (see `args::ret`). Splitting lives in split.rs.
use crate::helpers::{as_str, unwrap_base, wrap_for_subclass};
use crate::native;
use crate::native::NativeDef;
use crate::objects::bytes::args::BytesSelf;
use crate::objects::bytes::args::{
    MAX_BYTES, adjust, arg_bytes, bound_arg, index_arg, ints_to_bytes, is_space, memory_error,
    recv_is_bytearray, ret, ret_same, ssize_arg, try_vec, zeroed,
};
use crate::objects::bytes::{BytesData, buffer_bytes};
use crate::objects::int::IntData;
use crate::objects::tuple::TupleData;
use crate::ops::containers::as_index;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use num_traits::ToPrimitive;

/// `repr(b)`: b'...' with CPython's quote choice; non-printable bytes as \xNN.
pub fn bytes_repr(b: &[u8]) -> String {
    repr_body(b, false)
}

/// The b'...' part of a bytearray's repr: as for bytes, except that CPython escapes a
/// single quote even inside double quotes.
pub fn bytearray_repr_body(b: &[u8]) -> String {
    repr_body(b, true)
}

fn repr_body(b: &[u8], escape_single: bool) -> String {
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
            c if c as char == quote || (escape_single && c == b'\'') => {
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
    let mut b = b;
    match enc.as_str() {
        "utf-8" | "utf8" => {}
        // UTF-8 after an optional byte order mark.
        "utf-8-sig" | "utf8-sig" => b = b.strip_prefix(b"\xef\xbb\xbf").unwrap_or(b),
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
                        "backslashreplace" => out.push_str(&format!("\\x{c:02x}")),
                        "strict" => {
                            return Err(crate::exceptions::unicode_decode_error(
                                vm,
                                "ascii",
                                b,
                                i,
                                i + 1,
                                "ordinal not in range(128)",
                            ));
                        }
                        _ => return crate::codec_route::decode(vm, b, encoding, errors),
                    }
                }
            }
            return Ok(out);
        }
        _ => return crate::codec_route::decode(vm, b, encoding, errors),
    }
    match std::str::from_utf8(b) {
        Ok(s) => Ok(s.to_string()),
        Err(_) if errors == "replace" => Ok(String::from_utf8_lossy(b).into_owned()),
        Err(_) if errors != "strict" && errors != "ignore" && errors != "backslashreplace" => {
            crate::codec_route::decode(vm, b, encoding, errors)
        }
        Err(_) if errors == "ignore" || errors == "backslashreplace" => {
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
                        out.push_str(std::str::from_utf8(&rest[..good]).unwrap_or_default());
                        let skip = e.error_len().unwrap_or(rest.len() - good);
                        if errors == "backslashreplace" {
                            for c in &rest[good..good + skip] {
                                out.push_str(&format!("\\x{c:02x}"));
                            }
                        }
                        rest = &rest[good + skip..];
                    }
                }
            }
            Ok(out)
        }
        Err(e) => {
            let pos = e.valid_up_to();
            let byte = b[pos];
            let (end, reason) = match e.error_len() {
                None if b.len() - pos > 1 => (b.len(), "unexpected end of data"),
                None => (pos + 1, "unexpected end of data"),
                Some(_) if (0x80..0xc2).contains(&byte) || byte > 0xf4 => {
                    (pos + 1, "invalid start byte")
                }
                Some(n) => (pos + n, "invalid continuation byte"),
            };
            Err(crate::exceptions::unicode_decode_error(
                vm, "utf-8", b, pos, end, reason,
            ))
        }
    }
}

/// The bytes of a bytes-like value (bytes, bytearray, array.array, or subclass instances).
pub fn bytes_like(v: &Value) -> Option<Vec<u8>> {
    buffer_bytes(v)
}

// ---------------------------------------------------------------- constructors

/// A size argument of `bytes(n)` / `bytearray(n)`: OverflowError past `Py_ssize_t`,
/// ValueError when negative, MemoryError when absurd; the zeroed buffer.
pub fn count_bytes(vm: &mut Vm, x: Value) -> PyResult<Vec<u8>> {
    if let Some(b) = unwrap_base::<IntData>(&x)
        && b.0.to_i64().is_none()
    {
        // Past Py_ssize_t either way: the index conversion fails before the sign test.
        return Err(vm.overflow_error("cannot fit 'int' into an index-sized integer"));
    }
    let n = index_arg(vm, x)?;
    if n < 0 {
        return Err(vm.value_error("negative count"));
    }
    zeroed(vm, n as usize)
}

/// Is `x` usable as a count (an int, or has `__index__`)? Runs no Python code.
pub fn is_index_like(vm: &mut Vm, x: Value) -> bool {
    unwrap_base::<IntData>(&x).is_some()
        || x.is_small_int()
        || x.is_bool()
        || (crate::types::type_data(&vm.type_of(x)).is_user
            && vm.lookup_special(x, "__index__").is_some())
}

/// The encoding arguments of `bytes(str, encoding, errors)` / `bytearray(...)`.
pub fn encode_source(
    vm: &mut Vm,
    kind: &str,
    x: Option<Value>,
    enc: Option<Value>,
    errs: Option<Value>,
) -> PyResult<Option<Vec<u8>>> {
    let str_arg = |vm: &mut Vm, v: Option<Value>, what: &str| -> PyResult<Option<String>> {
        match v {
            None => Ok(None),
            Some(v) => match as_str(&v) {
                Some(s) => Ok(Some(s.to_string())),
                None => {
                    let tn = vm.type_name(v);
                    Err(vm.type_error(format!("{kind}() argument '{what}' must be str, not {tn}")))
                }
            },
        }
    };
    let e = str_arg(vm, enc, "encoding")?;
    let er = str_arg(vm, errs, "errors")?;
    match x {
        Some(x) if as_str(&x).is_some() => {
            let Some(e) = e else {
                return Err(vm.type_error("string argument without an encoding"));
            };
            let er = er.unwrap_or_else(|| "strict".into());
            if let Some(d) = crate::helpers::as_str_data(&x)
                && d.has_surrogates()
                && let Some(r) = crate::objects::str::surrogates::encode(vm, x, d, &e, &er)
            {
                return r.map(Some);
            }
            let s = as_str(&x).unwrap_or_default().to_string();
            crate::objects::str::methods::encode(vm, &s, &e, &er).map(Some)
        }
        _ if e.is_some() => Err(vm.type_error("encoding without a string argument")),
        _ if er.is_some() => Err(vm.type_error("errors without a string argument")),
        _ => Ok(None),
    }
}

/// Convert an iterable of ints (or an int count, or str + encoding, or a buffer, or an
/// object with `__bytes__`) to bytes, as `bytes(x, enc, errs)` does.
pub fn bytes_from(
    vm: &mut Vm,
    x: Value,
    enc: Option<Value>,
    errs: Option<Value>,
) -> PyResult<Vec<u8>> {
    if let Some(b) = encode_source(vm, "bytes", Some(x), enc, errs)? {
        return Ok(b);
    }
    if let Some(f) = vm.lookup_special(x, "__bytes__")
        && !(x.is::<BytesData>())
    {
        let r = vm.call(f, &[x], &[])?;
        return match unwrap_base::<BytesData>(&r) {
            Some(b) => Ok(b.0.to_vec()),
            None => {
                let tn = vm.type_name(r);
                Err(vm.type_error(format!("__bytes__ returned non-bytes (type {tn})")))
            }
        };
    }
    if let Some(b) = buffer_bytes(&x) {
        return Ok(b);
    }
    if is_index_like(vm, x) {
        // Past the largest bytes object CPython can describe (its header included).
        if crate::helpers::as_int(x).is_some_and(|n| n > i64::MAX - 33) {
            return Err(vm.overflow_error("byte string is too large"));
        }
        return count_bytes(vm, x);
    }
    let items = match vm.collect_iter(x) {
        Ok(items) => items,
        Err(e) if vm.err_is(&e, vm.rt.types.exc.type_error) => {
            let tn = vm.type_name(x);
            return Err(vm.type_error(format!("cannot convert '{tn}' object to bytes")));
        }
        Err(e) => return Err(e),
    };
    ints_to_bytes(vm, &items, "bytes must be in range(0, 256)")
}

/// bytes(source=..., encoding=..., errors=...)
#[native(new, name = "bytes")]
fn bytes_new(
    vm: &mut Vm,
    cls: Value,
    #[kw] source: Option<Value>,
    #[kw] encoding: Option<Value>,
    #[kw] errors: Option<Value>,
) -> PyResult {
    let a = [source, encoding, errors];
    let b = match a[0] {
        None => {
            if a[1].is_some() || a[2].is_some() {
                let what = if a[1].is_some() { "encoding" } else { "errors" };
                return Err(vm.type_error(format!("{what} without a string argument")));
            }
            Vec::new()
        }
        Some(x) => {
            // bytes(b) of an exact bytes is b itself.
            if x.is::<BytesData>() && a[1].is_none() && a[2].is_none() && cls == vm.rt.types.bytes {
                return Ok(x);
            }
            bytes_from(vm, x, a[1], a[2])?
        }
    };
    let v = vm.new_bytes(b)?;
    wrap_for_subclass(vm, cls, v)
}

// ---------------------------------------------------------------- searching

/// Position of `n` in `h[from..to]` (`to <= h.len()`), first or last.
pub fn find_sub(h: &[u8], n: &[u8], from: usize, to: usize, rev: bool) -> Option<usize> {
    if to < from || to - from < n.len() || to > h.len() {
        return None;
    }
    if n.is_empty() {
        return Some(if rev { to } else { from });
    }
    let hay = &h[from..to];
    let first = n[0];
    if rev {
        (0..=hay.len() - n.len())
            .rev()
            .find(|&i| hay[i] == first && &hay[i..i + n.len()] == n)
            .map(|i| i + from)
    } else {
        let mut i = 0;
        while i + n.len() <= hay.len() {
            match hay[i..=hay.len() - n.len()]
                .iter()
                .position(|&c| c == first)
            {
                None => return None,
                Some(p) => {
                    let j = i + p;
                    if &hay[j..j + n.len()] == n {
                        return Some(j + from);
                    }
                    i = j + 1;
                }
            }
        }
        None
    }
}

/// The needle of find/count/index: bytes-like or a single int (via `__index__`).
pub fn needle(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if let Some(b) = buffer_bytes(&v) {
        return Ok(b);
    }
    if unwrap_base::<IntData>(&v).is_some() && !v.is_small_int() {
        return Err(vm.value_error("byte must be in range(0, 256)"));
    }
    match as_index(vm, v)? {
        Some(i) if (0..256).contains(&i) => Ok(vec![i as u8]),
        Some(_) => Err(vm.value_error("byte must be in range(0, 256)")),
        None => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!(
                "argument should be integer or bytes-like object, not '{tn}'"
            )))
        }
    }
}

/// `item in hay` for bytes/bytearray: an int (via `__index__`) is a byte, a buffer a
/// substring; anything else is a TypeError.
pub fn bytes_contains(vm: &mut Vm, hay: &[u8], item: Value) -> PyResult<bool> {
    let n = if let Some(b) = buffer_bytes(&item) {
        b
    } else if unwrap_base::<IntData>(&item).is_some() && !item.is_small_int() {
        return Err(vm.value_error("byte must be in range(0, 256)"));
    } else {
        match as_index(vm, item)? {
            Some(i) if (0..256).contains(&i) => vec![i as u8],
            Some(_) => return Err(vm.value_error("byte must be in range(0, 256)")),
            None => {
                let tn = vm.type_name(item);
                return Err(vm.type_error(format!("a bytes-like object is required, not '{tn}'")));
            }
        }
    };
    Ok(find_sub(hay, &n, 0, hay.len(), false).is_some())
}

/// The needle and the adjusted [start, end) of find/count/index over `h`.
fn search_args(
    vm: &mut Vm,
    h: &[u8],
    sub: Value,
    start: Option<Value>,
    end: Option<Value>,
) -> PyResult<(Vec<u8>, usize, usize)> {
    let n = needle(vm, sub)?;
    let s = bound_arg(vm, start)?;
    let e = bound_arg(vm, end)?;
    let (a, b) = adjust(s, e, h.len());
    Ok((n, a, b))
}

#[allow(clippy::too_many_arguments)]
fn find_common(
    vm: &mut Vm,
    h: &[u8],
    sub: Value,
    start: Option<Value>,
    end: Option<Value>,
    rev: bool,
    raise: bool,
) -> PyResult {
    let (n, a, b) = search_args(vm, h, sub, start, end)?;
    let found = if a > h.len() {
        None
    } else {
        find_sub(h, &n, a, b, rev)
    };
    match found {
        Some(i) => vm.new_int(i as i64),
        None if raise => Err(vm.value_error("subsection not found")),
        None => vm.new_int(-1),
    }
}

/// One of find/rfind/index/rindex: `B.name(sub[, start[, end]])`.
macro_rules! find_method {
    ($f:ident, $name:literal, $rev:expr, $raise:expr) => {
        #[native(name = $name, owner = "bytes")]
        fn $f(
            vm: &mut Vm,
            this: BytesSelf,
            sub: Value,
            start: Option<Value>,
            end: Option<Value>,
        ) -> PyResult {
            find_common(vm, &this, sub, start, end, $rev, $raise)
        }
    };
}
find_method!(b_find, "find", false, false);
find_method!(b_rfind, "rfind", true, false);
find_method!(b_index, "index", false, true);
find_method!(b_rindex, "rindex", true, true);

/// Non-overlapping occurrences of `n` in `h[a..b]`.
pub fn count_in(h: &[u8], n: &[u8], a: usize, b: usize) -> usize {
    if a > h.len() || a > b {
        return 0;
    }
    if n.is_empty() {
        return b - a + 1;
    }
    let mut count = 0;
    let mut i = a;
    while let Some(j) = find_sub(h, n, i, b, false) {
        count += 1;
        i = j + n.len();
    }
    count
}

#[native(name = "count", owner = "bytes")]
fn b_count(
    vm: &mut Vm,
    this: BytesSelf,
    sub: Value,
    start: Option<Value>,
    end: Option<Value>,
) -> PyResult<usize> {
    let (n, a, b) = search_args(vm, &this, sub, start, end)?;
    Ok(count_in(&this, &n, a, b))
}

fn affix(
    vm: &mut Vm,
    h: &[u8],
    (prefix, start, end): (Value, Option<Value>, Option<Value>),
    name: &str,
    at_end: bool,
) -> PyResult<bool> {
    let s = bound_arg(vm, start)?;
    let e = bound_arg(vm, end)?;
    let (a, b) = adjust(s, e, h.len());
    let cands: Vec<Vec<u8>> = if let Some(t) = unwrap_base::<TupleData>(&prefix) {
        let items = t.0.to_vec();
        let mut out = Vec::with_capacity(items.len());
        for c in items {
            out.push(arg_bytes(vm, c)?);
        }
        out
    } else {
        match buffer_bytes(&prefix) {
            Some(b) => vec![b],
            None => {
                let tn = vm.type_name(prefix);
                return Err(vm.type_error(format!(
                    "{name} first arg must be bytes or a tuple of bytes, not {tn}"
                )));
            }
        }
    };
    if a > h.len() {
        return Ok(false);
    }
    for p in cands {
        if a <= b
            && b - a >= p.len()
            && (if at_end {
                h[b - p.len()..b] == p[..]
            } else {
                h[a..a + p.len()] == p[..]
            })
        {
            return Ok(true);
        }
    }
    Ok(false)
}
#[native(name = "startswith", owner = "bytes")]
fn b_startswith(
    vm: &mut Vm,
    this: BytesSelf,
    prefix: Value,
    start: Option<Value>,
    end: Option<Value>,
) -> PyResult<bool> {
    affix(vm, &this, (prefix, start, end), "startswith", false)
}
#[native(name = "endswith", owner = "bytes")]
fn b_endswith(
    vm: &mut Vm,
    this: BytesSelf,
    suffix: Value,
    start: Option<Value>,
    end: Option<Value>,
) -> PyResult<bool> {
    affix(vm, &this, (suffix, start, end), "endswith", true)
}

#[native(name = "removeprefix", owner = "bytes")]
fn b_removeprefix(vm: &mut Vm, this: BytesSelf, prefix: Value) -> PyResult {
    let p = arg_bytes(vm, prefix)?;
    if !p.is_empty() && this.starts_with(&p) {
        ret(vm, this.args(), this[p.len()..].to_vec())
    } else {
        ret_same(vm, this.args(), &this, true)
    }
}

#[native(name = "removesuffix", owner = "bytes")]
fn b_removesuffix(vm: &mut Vm, this: BytesSelf, suffix: Value) -> PyResult {
    let p = arg_bytes(vm, suffix)?;
    if !p.is_empty() && this.ends_with(&p) {
        ret(vm, this.args(), this[..this.len() - p.len()].to_vec())
    } else {
        ret_same(vm, this.args(), &this, true)
    }
}

// ---------------------------------------------------------------- decode / hex

/// B.decode(encoding="utf-8", errors="strict")
#[native(name = "decode", owner = "bytes")]
fn b_decode(
    vm: &mut Vm,
    this: BytesSelf,
    #[kw] encoding: Option<Value>,
    #[kw] errors: Option<Value>,
) -> PyResult {
    let b = &this.data;
    let a = [encoding, errors];
    let get = |vm: &mut Vm, i: usize, what: &str, dflt: &str| -> PyResult<String> {
        match a[i] {
            None => Ok(dflt.to_string()),
            Some(v) => match as_str(&v) {
                Some(s) => Ok(s.to_string()),
                None => {
                    let tn = vm.type_name(v);
                    Err(vm.type_error(format!("decode() argument '{what}' must be str, not {tn}")))
                }
            },
        }
    };
    let e = get(vm, 0, "encoding", "utf-8")?;
    let er = get(vm, 1, "errors", "strict")?;
    if let Some(r) = crate::objects::str::surrogates::decode(vm, b, &e, &er) {
        return r;
    }
    let s = decode(vm, b, &e, &er)?;
    vm.new_str(&s)
}

/// `hex(sep=..., bytes_per_sep=1)` for bytes, bytearray (and array-like buffers).
pub fn hex_string(
    vm: &mut Vm,
    b: &[u8],
    sep: Option<Value>,
    per: Option<Value>,
) -> PyResult<String> {
    let sep = match sep {
        None => None,
        Some(v) => {
            let chars: Vec<char> = if let Some(s) = as_str(&v) {
                s.chars().collect()
            } else if let Some(bs) = buffer_bytes(&v) {
                bs.iter().map(|&c| c as char).collect()
            } else {
                let tn = vm.type_name(v);
                return Err(vm.type_error(format!("object of type '{tn}' has no len()")));
            };
            if chars.len() != 1 {
                return Err(vm.value_error("sep must be length 1."));
            }
            if !chars[0].is_ascii() {
                return Err(vm.value_error("sep must be ASCII."));
            }
            Some(chars[0])
        }
    };
    let per = match per {
        None => 1,
        Some(v) => {
            if let Some(b) = unwrap_base::<IntData>(&v)
                && b.0.to_i32().is_none()
            {
                return Err(vm.overflow_error("Python int too large to convert to C int"));
            }
            let i = index_arg(vm, v)?;
            if i32::try_from(i).is_err() {
                return Err(vm.overflow_error("Python int too large to convert to C int"));
            }
            i
        }
    };
    if b.len() > MAX_BYTES / 3 {
        return Err(memory_error(vm));
    }
    let mut out = String::new();
    if out.try_reserve_exact(b.len() * 3).is_err() {
        return Err(memory_error(vm));
    }
    let group = per.unsigned_abs() as usize;
    let Some(sep) = sep.filter(|_| group != 0) else {
        for c in b {
            out.push_str(&format!("{c:02x}"));
        }
        return Ok(out);
    };
    let n = b.len();
    for (i, c) in b.iter().enumerate() {
        // Groups count from the right for a positive bytes_per_sep, from the left else.
        let boundary = if per > 0 {
            i > 0 && (n - i).is_multiple_of(group)
        } else {
            i > 0 && i % group == 0
        };
        if boundary {
            out.push(sep);
        }
        out.push_str(&format!("{c:02x}"));
    }
    Ok(out)
}

/// B.hex(sep=..., bytes_per_sep=1)
#[native(name = "hex", owner = "bytes")]
fn b_hex(
    vm: &mut Vm,
    this: BytesSelf,
    #[kw] sep: Option<Value>,
    #[kw] bytes_per_sep: Option<Value>,
) -> PyResult {
    let b = &this.data;
    let a = [sep, bytes_per_sep];
    let s = hex_string(vm, b, a[0], a[1])?;
    vm.new_str(&s)
}

/// Parse `fromhex()`'s argument: pairs of hex digits, ASCII whitespace between pairs.
pub fn parse_hex(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    let chars: Vec<char> = if let Some(s) = as_str(&v) {
        s.chars().collect()
    } else if let Some(b) = buffer_bytes(&v) {
        b.iter().map(|&c| c as char).collect()
    } else {
        let tn = vm.type_name(v);
        return Err(vm.type_error(format!("fromhex() argument must be str, not {tn}")));
    };
    let space = |c: char| c.is_ascii() && is_space(c as u8);
    let mut out = Vec::with_capacity(chars.len() / 2);
    let mut i = 0;
    while i < chars.len() {
        if space(chars[i]) {
            i += 1;
            continue;
        }
        let hi = chars[i].to_digit(16);
        let lo = chars.get(i + 1).and_then(|d| d.to_digit(16));
        match (hi, lo) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            _ => {
                let at = if hi.is_none() { i } else { i + 1 };
                return Err(vm.value_error(format!(
                    "non-hexadecimal number found in fromhex() arg at position {at}"
                )));
            }
        }
        i += 2;
    }
    Ok(out)
}

/// B.fromhex(string, /), a class method: the class is the receiver.
#[native(name = "fromhex", owner = "bytes")]
fn b_fromhex(vm: &mut Vm, this: Value, string: Value) -> PyResult {
    let cls = this;
    let out = parse_hex(vm, string)?;
    let t = vm.rt.types.base;
    if cls == t.bytes {
        return vm.new_bytes(out);
    }
    if cls == t.bytearray {
        return vm.new_bytearray(out);
    }
    let r = if crate::types::is_subclass(vm, cls, t.bytearray) {
        vm.new_bytearray(out)?
    } else {
        vm.new_bytes(out)?
    };
    vm.with_root(r, |vm| vm.call(cls, &[r], &[]))
}

// ---------------------------------------------------------------- join / strip / replace

#[native(name = "join", owner = "bytes")]
fn b_join(vm: &mut Vm, this: BytesSelf, iterable_of_bytes: Value) -> PyResult {
    let sep = &this.data;
    let args = this.args();
    let items = match vm.collect_iter(iterable_of_bytes) {
        Ok(items) => items,
        Err(e) if vm.err_is(&e, vm.rt.types.exc.type_error) => {
            return Err(vm.type_error("can only join an iterable"));
        }
        Err(e) => return Err(e),
    };
    let mut parts = Vec::with_capacity(items.len());
    let mut total = 0usize;
    for (i, it) in items.iter().enumerate() {
        let Some(b) = buffer_bytes(it) else {
            let tn = vm.type_name(*it);
            return Err(vm.type_error(format!(
                "sequence item {i}: expected a bytes-like object, {tn} found"
            )));
        };
        total = total.saturating_add(b.len()).saturating_add(sep.len());
        parts.push(b);
    }
    if total > MAX_BYTES {
        return Err(memory_error(vm));
    }
    if parts.len() == 1 && items[0].is::<BytesData>() && !recv_is_bytearray(args) {
        return Ok(items[0]);
    }
    let mut out = try_vec(vm, total)?;
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(sep);
        }
        out.extend_from_slice(p);
    }
    ret(vm, args, out)
}

fn strip_common(
    vm: &mut Vm,
    b: &BytesSelf,
    bytes: Option<Value>,
    left: bool,
    right: bool,
) -> PyResult {
    let args = b.args();
    let chars = match bytes {
        None | Some(Value::NONE) => None,
        Some(v) => Some(arg_bytes(vm, v)?),
    };
    let strip = |c: u8| match &chars {
        None => is_space(c),
        Some(cs) => cs.contains(&c),
    };
    let mut s = 0;
    let mut e = b.len();
    if left {
        while s < e && strip(b[s]) {
            s += 1;
        }
    }
    if right {
        while e > s && strip(b[e - 1]) {
            e -= 1;
        }
    }
    let unchanged = s == 0 && e == b.len();
    let part = b[s..e].to_vec();
    ret_same(vm, args, &part, unchanged)
}
#[native(name = "strip", owner = "bytes")]
fn b_strip(vm: &mut Vm, this: BytesSelf, bytes: Option<Value>) -> PyResult {
    strip_common(vm, &this, bytes, true, true)
}
#[native(name = "lstrip", owner = "bytes")]
fn b_lstrip(vm: &mut Vm, this: BytesSelf, bytes: Option<Value>) -> PyResult {
    strip_common(vm, &this, bytes, true, false)
}
#[native(name = "rstrip", owner = "bytes")]
fn b_rstrip(vm: &mut Vm, this: BytesSelf, bytes: Option<Value>) -> PyResult {
    strip_common(vm, &this, bytes, false, true)
}

/// B.replace(old, new, count=-1, /)
#[native(name = "replace", owner = "bytes")]
fn b_replace(
    vm: &mut Vm,
    this: BytesSelf,
    old: Value,
    new: Value,
    count: Option<Value>,
) -> PyResult {
    let (b, args) = (&this.data, this.args());
    let a = [Some(old), Some(new), count];
    let old = arg_bytes(vm, a[0].unwrap_or(Value::NONE))?;
    let new = arg_bytes(vm, a[1].unwrap_or(Value::NONE))?;
    let max = match a[2] {
        Some(v) => match ssize_arg(vm, v)? {
            m if m >= 0 => m as usize,
            _ => usize::MAX,
        },
        None => usize::MAX,
    };
    let hits = count_in(b, &old, 0, b.len()).min(max);
    if hits == 0 {
        return ret_same(vm, args, b, true);
    }
    let size = (b.len() as u128) + (hits as u128) * (new.len() as u128);
    if size > MAX_BYTES as u128 {
        return Err(memory_error(vm));
    }
    let mut out = try_vec(vm, size as usize)?;
    let mut n = 0;
    if old.is_empty() {
        for &c in b.iter() {
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
        let mut i = 0;
        while n < max
            && let Some(j) = find_sub(b, &old, i, b.len(), false)
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

// ---------------------------------------------------------------- case and predicates

macro_rules! map_method {
    ($f:ident, $name:literal, |$b:ident| $body:expr) => {
        #[native(name = $name, owner = "bytes")]
        fn $f(vm: &mut Vm, this: BytesSelf) -> PyResult {
            let $b = &this.data;
            let r: Vec<u8> = $body;
            ret(vm, this.args(), r)
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
map_method!(b_title, "title", |b| {
    let mut prev_cased = false;
    b.iter()
        .map(|&c| {
            let r = if prev_cased {
                c.to_ascii_lowercase()
            } else {
                c.to_ascii_uppercase()
            };
            prev_cased = c.is_ascii_alphabetic();
            r
        })
        .collect()
});

macro_rules! pred_method {
    ($f:ident, $name:literal, |$c:ident| $body:expr) => {
        #[native(name = $name, owner = "bytes")]
        fn $f(_vm: &mut Vm, this: BytesSelf) -> bool {
            !this.is_empty() && this.iter().all(|&$c| $body)
        }
    };
}
pred_method!(b_isalpha, "isalpha", |c| c.is_ascii_alphabetic());
pred_method!(b_isdigit, "isdigit", |c| c.is_ascii_digit());
pred_method!(b_isalnum, "isalnum", |c| c.is_ascii_alphanumeric());
pred_method!(b_isspace, "isspace", |c| is_space(c));

#[native(name = "isascii", owner = "bytes")]
fn b_isascii(_vm: &mut Vm, this: BytesSelf) -> PyResult {
    let b = this;
    Ok(Value::bool(b.is_ascii()))
}
#[native(name = "isupper", owner = "bytes")]
fn b_isupper(_vm: &mut Vm, this: BytesSelf) -> PyResult {
    let b = this;
    Ok(Value::bool(
        b.iter().any(|c| c.is_ascii_uppercase()) && !b.iter().any(|c| c.is_ascii_lowercase()),
    ))
}
#[native(name = "islower", owner = "bytes")]
fn b_islower(_vm: &mut Vm, this: BytesSelf) -> PyResult {
    let b = this;
    Ok(Value::bool(
        b.iter().any(|c| c.is_ascii_lowercase()) && !b.iter().any(|c| c.is_ascii_uppercase()),
    ))
}
#[native(name = "istitle", owner = "bytes")]
fn b_istitle(_vm: &mut Vm, this: BytesSelf) -> PyResult {
    let b = this;
    let mut cased = false;
    let mut prev_cased = false;
    for &c in b.iter() {
        if c.is_ascii_uppercase() {
            if prev_cased {
                return Ok(Value::FALSE);
            }
            prev_cased = true;
            cased = true;
        } else if c.is_ascii_lowercase() {
            if !prev_cased {
                return Ok(Value::FALSE);
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    Ok(Value::bool(cased))
}

// ---------------------------------------------------------------- padding and tabs

/// The fill byte of center/ljust/rjust: a bytes or bytearray of length 1.
fn fill_arg(vm: &mut Vm, name: &str, v: Option<Value>) -> PyResult<u8> {
    let Some(v) = v else { return Ok(b' ') };
    if crate::objects::bytes::is_bytes_or_bytearray(&v)
        && let Some(b) = buffer_bytes(&v)
        && b.len() == 1
    {
        return Ok(b[0]);
    }
    let tn = vm.type_name(v);
    Err(vm.type_error(format!(
        "{name}() argument 2 must be a byte string of length 1, not {tn}"
    )))
}

fn pad(
    vm: &mut Vm,
    b: &BytesSelf,
    (width, fillchar): (Value, Option<Value>),
    name: &str,
    how: char,
) -> PyResult {
    let args = b.args();
    let width = ssize_arg(vm, width)?;
    let fill = fill_arg(vm, name, fillchar)?;
    if width <= b.len() as i64 {
        return ret_same(vm, args, b, true);
    }
    let width = width as usize;
    if width > MAX_BYTES {
        return Err(memory_error(vm));
    }
    let extra = width - b.len();
    let left = match how {
        'l' => 0,
        'r' => extra,
        // CPython's center: the odd byte goes left when both the padding and the width
        // are odd.
        _ => extra / 2 + (extra & width & 1),
    };
    let mut out = try_vec(vm, width)?;
    out.resize(left, fill);
    out.extend_from_slice(b);
    out.resize(width, fill);
    ret(vm, args, out)
}
#[native(name = "center", owner = "bytes")]
fn b_center(vm: &mut Vm, this: BytesSelf, width: Value, fillchar: Option<Value>) -> PyResult {
    pad(vm, &this, (width, fillchar), "center", 'c')
}
#[native(name = "ljust", owner = "bytes")]
fn b_ljust(vm: &mut Vm, this: BytesSelf, width: Value, fillchar: Option<Value>) -> PyResult {
    pad(vm, &this, (width, fillchar), "ljust", 'l')
}
#[native(name = "rjust", owner = "bytes")]
fn b_rjust(vm: &mut Vm, this: BytesSelf, width: Value, fillchar: Option<Value>) -> PyResult {
    pad(vm, &this, (width, fillchar), "rjust", 'r')
}

#[native(name = "zfill", owner = "bytes")]
fn b_zfill(vm: &mut Vm, this: BytesSelf, width: Value) -> PyResult {
    let b = this;
    let args = b.args();
    let width = ssize_arg(vm, width)?;
    if width <= b.len() as i64 {
        return ret_same(vm, args, &b, true);
    }
    let width = width as usize;
    if width > MAX_BYTES {
        return Err(memory_error(vm));
    }
    let fill = width - b.len();
    let mut out = try_vec(vm, width)?;
    let signed = matches!(b.first(), Some(b'+' | b'-'));
    if signed {
        out.push(b[0]);
    }
    out.resize(out.len() + fill, b'0');
    out.extend_from_slice(if signed { &b[1..] } else { &b[..] });
    ret(vm, args, out)
}

/// B.expandtabs(tabsize=8)
#[native(name = "expandtabs", owner = "bytes")]
fn b_expandtabs(vm: &mut Vm, this: BytesSelf, #[kw] tabsize: Option<Value>) -> PyResult {
    let (b, args) = (&this.data, this.args());
    let a = [tabsize];
    let tab = match a[0] {
        None => 8,
        Some(v) => {
            let big = unwrap_base::<IntData>(&v).is_some_and(|b| b.0.to_i32().is_none());
            let t = index_arg(vm, v)?;
            if big || i32::try_from(t).is_err() {
                return Err(vm.overflow_error("Python int too large to convert to C int"));
            }
            t
        }
    };
    // Size the result first (refusing absurd ones), then fill it.
    let mut total: usize = 0;
    let mut col: usize = 0;
    for &c in b.iter() {
        match c {
            b'\t' if tab > 0 => {
                let n = tab as usize - col % tab as usize;
                total = total.saturating_add(n);
                col += n;
            }
            b'\t' => {}
            b'\n' | b'\r' => {
                total += 1;
                col = 0;
            }
            _ => {
                total += 1;
                col += 1;
            }
        }
        if total > MAX_BYTES {
            return Err(memory_error(vm));
        }
    }
    let mut out = try_vec(vm, total)?;
    col = 0;
    for &c in b.iter() {
        match c {
            b'\t' => {
                if tab > 0 {
                    let n = tab as usize - col % tab as usize;
                    out.resize(out.len() + n, b' ');
                    col += n;
                }
            }
            b'\n' | b'\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    ret(vm, args, out)
}

// ---------------------------------------------------------------- translate

/// B.translate(table, /, delete=b"")
#[native(name = "translate", owner = "bytes")]
fn b_translate(
    vm: &mut Vm,
    this: BytesSelf,
    table: Value,
    #[kw] delete: Option<Value>,
) -> PyResult {
    let (b, args) = (&this.data, this.args());
    let a = [Some(table), delete];
    let table = match a[0] {
        None | Some(Value::NONE) => None,
        Some(v) => {
            let t = arg_bytes(vm, v)?;
            if t.len() != 256 {
                return Err(vm.value_error("translation table must be 256 characters long"));
            }
            Some(t)
        }
    };
    let delete = match a[1] {
        None => Vec::new(),
        Some(v) => arg_bytes(vm, v)?,
    };
    let mut out = Vec::with_capacity(b.len());
    for &c in b.iter() {
        if delete.contains(&c) {
            continue;
        }
        out.push(match &table {
            Some(t) => t[c as usize],
            None => c,
        });
    }
    let unchanged = out[..] == b[..];
    ret_same(vm, args, &out, unchanged)
}

#[native(name = "maketrans")]
fn b_maketrans(vm: &mut Vm, frm: Value, to: Value) -> PyResult {
    let from = arg_bytes(vm, frm)?;
    let to = arg_bytes(vm, to)?;
    if from.len() != to.len() {
        return Err(vm.value_error("maketrans arguments must have same length"));
    }
    let mut t: Vec<u8> = (0..=255).collect();
    for (f, x) in from.iter().zip(to) {
        t[*f as usize] = x;
    }
    vm.new_bytes(t)
}

// ---------------------------------------------------------------- misc dunders

/// `bytes % args`: the str machinery over latin-1 chars, with %s/%b taking bytes.
pub fn bytes_percent_format(vm: &mut Vm, fmt: Value, args: Value) -> PyResult<Vec<u8>> {
    let f: String = bytes_like(&fmt)
        .unwrap_or_default()
        .iter()
        .map(|&c| c as char)
        .collect();
    let s = crate::objects::str::methods::percent_format_chars(vm, &f, args, true)?;
    Ok(s.chars().map(|c| c as u32 as u8).collect())
}

/// `bytes.__repr__` / `bytearray.__repr__` (a subclass shows its own name).
#[native(name = "__repr__", style = slot)]
fn b_repr(vm: &mut Vm, this: BytesSelf) -> PyResult {
    let b = this;
    let r = if recv_is_bytearray(b.args()) {
        let tn = vm.type_name(b.obj);
        format!("{tn}({})", bytearray_repr_body(&b))
    } else {
        bytes_repr(&b)
    };
    vm.new_str(&r)
}

#[native(name = "__getnewargs__", owner = "bytes")]
fn b_getnewargs(vm: &mut Vm, this: BytesSelf) -> PyResult {
    let b = this;
    let v = vm.new_bytes(b.data.into_owned())?;
    vm.with_root(v, |vm| vm.new_tuple(vec![v]))
}

#[native(name = "__bytes__", owner = "bytes")]
fn b_bytes(vm: &mut Vm, this: BytesSelf) -> PyResult {
    let b = this;
    if b.obj.is::<BytesData>() {
        return Ok(b.obj);
    }
    vm.new_bytes(b.data.into_owned())
}

/// Methods `bytes` and `bytearray` share (each returns the receiver's kind).
pub const SHARED: &[NativeDef] = &[
    b_repr,
    b_decode,
    b_hex,
    crate::objects::bytes::split::b_split,
    crate::objects::bytes::split::b_rsplit,
    crate::objects::bytes::split::b_splitlines,
    crate::objects::bytes::split::b_partition,
    crate::objects::bytes::split::b_rpartition,
    b_join,
    b_strip,
    b_lstrip,
    b_rstrip,
    b_replace,
    b_find,
    b_rfind,
    b_index,
    b_rindex,
    b_count,
    b_startswith,
    b_endswith,
    b_removeprefix,
    b_removesuffix,
    b_upper,
    b_lower,
    b_swapcase,
    b_capitalize,
    b_title,
    b_isalpha,
    b_isdigit,
    b_isalnum,
    b_isspace,
    b_isupper,
    b_islower,
    b_istitle,
    b_isascii,
    b_center,
    b_ljust,
    b_rjust,
    b_zfill,
    b_expandtabs,
    b_translate,
];

/// Register the shared methods, `fromhex` and `maketrans` on `t` (bytes or bytearray).
pub fn add_shared(vm: &mut Vm, t: Value) {
    vm.add_methods(t, SHARED);
    crate::objects::int::methods::add_wrapped_native(vm, t, "fromhex", b_fromhex.f, true);
    crate::objects::int::methods::add_wrapped_native(vm, t, "maketrans", b_maketrans.f, false);
    crate::ops::num::register_dunders(vm, t, &["__add__", "__mul__", "__rmul__", "__mod__"]);
}

pub fn init(vm: &mut Vm) {
    let t = vm.rt.types.bytes;
    vm.set_new(t, bytes_new.f);
    crate::objects::list::methods::add_container_dunders(vm, t, false);
    add_shared(vm, t);
    vm.add_methods(t, &[b_getnewargs, b_bytes]);
}
