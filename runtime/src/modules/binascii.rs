//! `binascii`: hex and base64 conversions and CRCs, under CPython's `Lib/base64.py`
//! (and others). The checks and messages are CPython's; `binascii.Error` is a
//! `ValueError`.
use super::new_native_module;
use weft_vm::helpers::{arg_count, as_int, as_str, kwarg};
use weft_vm::native;
use weft_vm::native::NativeDef;
use weft_vm::objects::bytes::buffer_bytes;
use weft_vm::value::Value;
use weft_vm::vm::{PyErr, PyResult, Vm};

const FUNCS: &[NativeDef] = &[
    NativeDef::raw("hexlify", hexlify),
    NativeDef::raw("b2a_hex", b2a_hex),
    NativeDef::raw("unhexlify", unhexlify),
    NativeDef::raw("a2b_hex", a2b_hex),
    NativeDef::raw("b2a_base64", b2a_base64),
    NativeDef::raw("a2b_base64", a2b_base64),
    crc32,
    crc_hqx,
];

pub fn init(vm: &mut Vm) -> PyResult {
    let (m, _d) = new_native_module(vm, "binascii", FUNCS)?;
    weft_vm::root_scope!(vm);
    vm.root(m);
    let r = vm.exec_in_module(
        "class Error(ValueError):\n    __module__ = 'binascii'\n\n\
         class Incomplete(Exception):\n    __module__ = 'binascii'\n",
        "<binascii>",
        m,
    );
    r.map(|_| m)
}

/// `binascii.Error(msg)`.
fn error(vm: &mut Vm, msg: &str) -> PyErr {
    super::module_exception(vm, "binascii", "Error", msg)
}

fn bytes_arg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    super::bytes_like_arg(vm, v)
}

/// An `a2b_*` argument: bytes-like, or a str of ASCII characters.
fn ascii_arg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if let Some(s) = as_str(&v) {
        if !s.is_ascii() {
            return Err(vm.value_error("string argument should contain only ASCII characters"));
        }
        return Ok(s.as_bytes().to_vec());
    }
    match buffer_bytes(&v) {
        Some(b) => Ok(b),
        None => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!(
                "argument should be bytes, buffer or ASCII string, not '{tn}'"
            )))
        }
    }
}

/// A positional-or-keyword argument.
fn arg(args: &[Value], kw: &[(Value, Value)], i: usize, name: &str) -> Option<Value> {
    args.get(i).copied().or_else(|| kwarg(kw, name))
}

fn reject_unknown(vm: &mut Vm, f: &str, kw: &[(Value, Value)], known: &[&str]) -> PyResult<()> {
    for (k, _) in kw {
        let k = as_str(k).unwrap_or("");
        if !known.contains(&k) {
            return Err(vm.type_error(format!("{f}() got an unexpected keyword argument '{k}'")));
        }
    }
    Ok(())
}

// ------------------------------------------------------------ hex

fn hexlify(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    hex_impl(vm, "hexlify", args, kw)
}

fn b2a_hex(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    hex_impl(vm, "b2a_hex", args, kw)
}

/// `hexlify(data, sep=None, bytes_per_sep=1)`: a separator between groups of
/// `bytes_per_sep` bytes, counted from the right (from the left when negative).
fn hex_impl(vm: &mut Vm, name: &str, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    reject_unknown(vm, name, kw, &["data", "sep", "bytes_per_sep"])?;
    arg_count(vm, name, args, 0, 3)?;
    let Some(data) = arg(args, kw, 0, "data") else {
        return Err(vm.type_error(format!("{name}() missing required argument 'data' (pos 1)")));
    };
    let data = bytes_arg(vm, data)?;
    let sep = match arg(args, kw, 1, "sep").filter(|v| !v.is_none()) {
        None => None,
        Some(s) => Some(sep_byte(vm, s)?),
    };
    let per = match arg(args, kw, 2, "bytes_per_sep") {
        None => 1,
        Some(v) => match as_int(v) {
            Some(i) => i,
            None => return Err(vm.type_error("an integer is required")),
        },
    };
    let hex = |b: &u8| format!("{b:02x}");
    let mut out = String::with_capacity(data.len() * 3);
    match sep {
        Some(sep) if per != 0 && !data.is_empty() => {
            let group = per.unsigned_abs() as usize;
            // Where the first group ends: from the left when negative, else the
            // leftover bytes make the first group.
            let first = if per < 0 {
                group.min(data.len())
            } else {
                match data.len() % group {
                    0 => group,
                    r => r,
                }
            };
            for (i, b) in data.iter().enumerate() {
                if i > 0 && (i + group - first).is_multiple_of(group) {
                    out.push(sep as char);
                }
                out.push_str(&hex(b));
            }
        }
        _ => data.iter().for_each(|b| out.push_str(&hex(b))),
    }
    vm.new_bytes(out.into_bytes())
}

/// The separator: a str or bytes of length 1.
fn sep_byte(vm: &mut Vm, s: Value) -> PyResult<u8> {
    let bytes: Vec<u32> = if let Some(t) = as_str(&s) {
        t.chars().map(|c| c as u32).collect()
    } else if let Some(b) = buffer_bytes(&s) {
        b.iter().map(|&b| b as u32).collect()
    } else {
        let tn = vm.type_name(s);
        return Err(vm.type_error(format!("object of type '{tn}' has no len()")));
    };
    match bytes[..] {
        [c] if c < 256 => Ok(c as u8),
        _ => Err(vm.value_error("sep must be length 1.")),
    }
}

fn unhexlify(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    unhex_impl(vm, "unhexlify", args)
}

fn a2b_hex(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    unhex_impl(vm, "a2b_hex", args)
}

fn unhex_impl(vm: &mut Vm, name: &str, args: &[Value]) -> PyResult {
    arg_count(vm, name, args, 1, 1)?;
    let data = ascii_arg(vm, args[0])?;
    if data.len() % 2 != 0 {
        return Err(error(vm, "Odd-length string"));
    }
    let digit = |c: u8| (c as char).to_digit(16);
    let mut out = Vec::with_capacity(data.len() / 2);
    for pair in data.chunks(2) {
        match (digit(pair[0]), digit(pair[1])) {
            (Some(h), Some(l)) => out.push((h * 16 + l) as u8),
            _ => return Err(error(vm, "Non-hexadecimal digit found")),
        }
    }
    vm.new_bytes(out)
}

// ------------------------------------------------------------ base64

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// `b2a_base64(data, *, newline=True)`.
fn b2a_base64(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    reject_unknown(vm, "b2a_base64", kw, &["newline"])?;
    arg_count(vm, "b2a_base64", args, 1, 1)?;
    let data = bytes_arg(vm, args[0])?;
    let newline = match kwarg(kw, "newline") {
        Some(v) => vm.truthy(v)?,
        None => true,
    };
    let mut out = Vec::with_capacity(data.len().div_ceil(3) * 4 + 1);
    for chunk in data.chunks(3) {
        let n = (chunk[0] as u32) << 16
            | (*chunk.get(1).unwrap_or(&0) as u32) << 8
            | *chunk.get(2).unwrap_or(&0) as u32;
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(B64[((n >> (18 - 6 * k)) & 63) as usize]);
            } else {
                out.push(b'=');
            }
        }
    }
    if newline {
        out.push(b'\n');
    }
    vm.new_bytes(out)
}

fn b64_value(c: u8) -> Option<u8> {
    match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// `a2b_base64(data, *, strict_mode=False)`. Without strict mode, characters outside
/// the alphabet are skipped and decoding stops at the padding that completes a group.
fn a2b_base64(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    reject_unknown(vm, "a2b_base64", kw, &["strict_mode"])?;
    arg_count(vm, "a2b_base64", args, 1, 1)?;
    let data = ascii_arg(vm, args[0])?;
    let strict = match kwarg(kw, "strict_mode") {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    match decode_base64(&data, strict) {
        Ok(out) => vm.new_bytes(out),
        Err(msg) => Err(error(vm, &msg)),
    }
}

fn decode_base64(data: &[u8], strict: bool) -> Result<Vec<u8>, String> {
    if strict && data.first() == Some(&b'=') {
        return Err("Leading padding not allowed".into());
    }
    let mut out = Vec::with_capacity(data.len() / 4 * 3);
    // Position in the current group of four characters, and the bits carried over.
    let mut pos = 0;
    let mut carry = 0u8;
    let mut pads = 0;
    let mut padding = false;
    for (i, &c) in data.iter().enumerate() {
        if c == b'=' {
            padding = true;
            if pos >= 2 {
                pads += 1;
                if pos + pads >= 4 {
                    if strict && i + 1 < data.len() {
                        return Err("Excess data after padding".into());
                    }
                    return Ok(out);
                }
            }
            continue;
        }
        let Some(v) = b64_value(c) else {
            if strict {
                return Err("Only base64 data is allowed".into());
            }
            continue;
        };
        if strict && padding {
            return Err("Discontinuous padding not allowed".into());
        }
        pads = 0;
        match pos {
            0 => carry = v,
            1 => {
                out.push(carry << 2 | v >> 4);
                carry = v & 0x0f;
            }
            2 => {
                out.push(carry << 4 | v >> 2);
                carry = v & 0x03;
            }
            _ => out.push(carry << 6 | v),
        }
        pos = (pos + 1) % 4;
    }
    match pos {
        0 => Ok(out),
        1 => Err(format!(
            "Invalid base64-encoded string: number of data characters ({}) cannot be 1 more \
             than a multiple of 4",
            out.len() / 3 * 4 + 1
        )),
        _ => Err("Incorrect padding".into()),
    }
}

// ------------------------------------------------------------ CRCs

/// `crc32(data, crc=0)`: the CRC-32 of zlib, continuing from `crc`.
#[native(name = "crc32")]
pub(crate) fn crc32(vm: &mut Vm, data_arg: Value, value: Option<Value>) -> PyResult {
    let data = bytes_arg(vm, data_arg)?;
    let start = match value.as_ref() {
        Some(&v) => low_u32(vm, v)?,
        None => 0,
    };
    let mut h = crc32fast::Hasher::new_with_initial(start);
    h.update(&data);
    vm.new_int(h.finalize() as i64)
}

/// `crc_hqx(data, value)`: CRC-CCITT (polynomial 0x1021, no reflection) from `value`.
#[native(name = "crc_hqx")]
fn crc_hqx(vm: &mut Vm, data_arg: Value, crc_arg: Value) -> PyResult {
    let data = bytes_arg(vm, data_arg)?;
    let mut crc = (low_u32(vm, crc_arg)? & 0xffff) as u16;
    for &b in &data {
        crc ^= (b as u16) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    vm.new_int(crc as i64)
}

/// An int's low 32 bits (CPython masks the starting CRC the same way).
pub fn low_u32(vm: &mut Vm, v: Value) -> PyResult<u32> {
    match weft_vm::helpers::as_bigint(v) {
        Some(b) => {
            let m: num_bigint::BigInt = b & num_bigint::BigInt::from(u32::MAX);
            Ok(u32::try_from(&m).unwrap_or(0))
        }
        None => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::decode_base64;

    #[test]
    fn base64_decoding() {
        assert_eq!(decode_base64(b"aGk=", false).unwrap(), b"hi");
        assert_eq!(decode_base64(b"aG\nk=!!", false).unwrap(), b"hi");
        assert_eq!(
            decode_base64(b"ab", false).unwrap_err(),
            "Incorrect padding"
        );
        assert!(decode_base64(b"ab=c=", true).is_err());
    }
}
