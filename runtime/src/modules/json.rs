//! `_json`: the string scanner and the string encoders that CPython's `json` package
//! takes from C when it can (`scanstring`, `encode_basestring`,
//! `encode_basestring_ascii`), `make_scanner` (`json_scanner.rs`) and `make_encoder`
//! (`json_encoder.rs`, used by `json.dumps` without indent).
//!
//! Positions in `scanstring` are code-point indices, as in CPython. weft keeps str text
//! as UTF-8, so the index of a non-ASCII document is turned into a byte offset by
//! walking; each thread remembers where its last scan ended in which document, so a
//! decoder scanning one document left to right walks it once in all.
use super::new_native_module;
use std::cell::Cell;
use weft_vm::helpers::{as_int, unwrap_base};
use weft_vm::native;
use weft_vm::native::NativeDef;
use weft_vm::objects::str::StrData;
use weft_vm::value::Value;
use weft_vm::vm::{PyErr, PyResult, Vm};

const FUNCS: &[NativeDef] = &[
    scanstring,
    NativeDef::raw("encode_basestring", encode_basestring),
    NativeDef::raw("encode_basestring_ascii", encode_basestring_ascii),
];

pub fn init(vm: &mut Vm) -> PyResult {
    let (m, d) = new_native_module(vm, "_json", FUNCS)?;
    weft_vm::root_scope!(vm);
    vm.root(m);
    let t = super::json_scanner::scanner_type(vm)?;
    super::set_item(vm, d, "make_scanner", t)?;
    let t = super::json_encoder::encoder_type(vm)?;
    super::set_item(vm, d, "make_encoder", t)?;
    Ok(m)
}

thread_local! {
    /// The last scan's end in a non-ASCII document: (document address, its byte length,
    /// its hash, code-point index, byte offset). Address, length and hash together name
    /// the text, so a new str at a freed one's address is not taken for it.
    static LAST: Cell<(usize, usize, i64, usize, usize)> = const { Cell::new((0, 0, 0, 0, 0)) };
}

/// The byte offset of code point `n` of `s` (a non-ASCII str), walking from this
/// thread's last position in the same text when that is at or before `n`.
fn byte_offset(sd: &StrData, n: usize) -> usize {
    let s = sd.as_str();
    let (addr, len, hash) = (sd as *const StrData as usize, s.len(), sd.hash());
    let (a, l, h, c0, b0) = LAST.with(|c| c.get());
    let (mut c, mut b) = if (a, l, h) == (addr, len, hash) && c0 <= n && s.is_char_boundary(b0) {
        (c0, b0)
    } else {
        (0, 0)
    };
    let bytes = s.as_bytes();
    while c < n && b < bytes.len() {
        b += 1;
        while b < bytes.len() && bytes[b] & 0xC0 == 0x80 {
            b += 1;
        }
        c += 1;
    }
    b
}

fn remember(sd: &StrData, c: usize, b: usize) {
    if sd.is_ascii() {
        return;
    }
    let addr = sd as *const StrData as usize;
    LAST.with(|x| x.set((addr, sd.byte_len(), sd.hash(), c, b)));
}

/// `json.decoder.JSONDecodeError(msg, doc, pos)`, as CPython's scanner raises it.
pub(super) fn decode_error(vm: &mut Vm, msg: &str, doc: Value, pos: usize) -> PyErr {
    let made = (|| {
        let m = vm.import_module("json.decoder")?;
        let cls = vm.getattr_str(m, "JSONDecodeError")?;
        let msg = vm.new_str(msg)?;
        let pos = vm.new_int(pos as i64)?;
        vm.call(cls, &[msg, doc, pos], &[])
    })();
    match made {
        Ok(e) => PyErr(e),
        Err(e) => e,
    }
}

/// `scanstring(string, end, strict=True)` -> (text, end): the JSON string whose opening
/// quote is just before code point `end`, decoded, and the index after its closing quote.
#[native(name = "scanstring")]
fn scanstring(
    vm: &mut Vm,
    string_arg: Value,
    end_arg: Value,
    strict_arg: Option<Value>,
) -> PyResult {
    let doc = string_arg;
    // `end` is converted first, as CPython's argument parsing does.
    let Some(end) = as_int(end_arg) else {
        if unwrap_base::<weft_vm::objects::int::IntData>(&end_arg).is_some() {
            return Err(vm.overflow_error("Python int too large to convert to C ssize_t"));
        }
        let tn = vm.type_name(end_arg);
        return Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")));
    };
    let Some(sd) = unwrap_base::<StrData>(&doc) else {
        let tn = vm.type_name(doc);
        return Err(vm.type_error(format!("first argument must be a string, not {tn}")));
    };
    let strict = match strict_arg.as_ref() {
        Some(&v) => vm.truthy(v)?,
        None => true,
    };
    let chars = sd.chars();
    if end < 0 || end as usize > chars {
        return Err(vm.value_error("end is out of bounds"));
    }
    let start = end as usize;
    let b = if sd.is_ascii() {
        start
    } else {
        byte_offset(sd, start)
    };
    match scan(sd, start, b, strict) {
        Ok((text, nchars, c_end, b_end)) => {
            remember(sd, c_end, b_end);
            let _ = nchars;
            let t = vm.new_str_wtf8(&text)?;
            let e = vm.new_int(c_end as i64)?;
            vm.new_tuple(vec![t, e])
        }
        Err((msg, pos)) => Err(decode_error(vm, msg, doc, pos)),
    }
}

/// A decoded JSON string: (text, its code points, code point and byte after the quote).
type Scanned = (Vec<u8>, usize, usize, usize);

/// Decode from byte `b` (code point `c`) to the closing quote: (text, its code points,
/// code point and byte after the quote), or (message, position) as CPython reports.
/// The text is generalized UTF-8 (`objects/str.rs`): a lone `\udXXX` stays a surrogate,
/// and so does a lone surrogate in the document itself (scanned on its lossy copy, whose
/// byte offsets are the exact text's).
pub(super) fn scan(
    sd: &StrData,
    c: usize,
    b: usize,
    strict: bool,
) -> Result<Scanned, (&'static str, usize)> {
    let s = sd.as_str();
    let exact = sd.has_surrogates().then(|| sd.wtf8());
    let begin = c.wrapping_sub(1);
    let mut out: Vec<u8> = Vec::new();
    let push =
        |out: &mut Vec<u8>, c: char| out.extend_from_slice(c.encode_utf8(&mut [0u8; 4]).as_bytes());
    let mut n = 0;
    let mut chars = s[b..].char_indices().peekable();
    let mut pos = c;
    loop {
        let Some((i, ch)) = chars.next() else {
            return Err(("Unterminated string starting at", begin));
        };
        match ch {
            '"' => return Ok((out, n, pos + 1, b + i + 1)),
            '\\' => {
                let Some((_, e)) = chars.next() else {
                    return Err(("Unterminated string starting at", begin));
                };
                pos += 2;
                let simple = match e {
                    '"' => Some('"'),
                    '\\' => Some('\\'),
                    '/' => Some('/'),
                    'b' => Some('\u{8}'),
                    'f' => Some('\u{c}'),
                    'n' => Some('\n'),
                    'r' => Some('\r'),
                    't' => Some('\t'),
                    'u' => None,
                    _ => return Err(("Invalid \\escape", pos - 2)),
                };
                let decoded = match simple {
                    Some(d) => d as u32,
                    None => {
                        let (d, used) = unicode_escape(&s[b + i + 2..], pos)?;
                        for _ in 0..used {
                            chars.next();
                        }
                        pos += used;
                        d
                    }
                };
                weft_vm::objects::str::wtf8::push(&mut out, decoded);
                n += 1;
            }
            c if strict && (c as u32) < 0x20 => {
                return Err(("Invalid control character at", pos));
            }
            c => {
                match exact {
                    Some(x) if c == '\u{fffd}' && x.get(b + i) == Some(&0xED) => {
                        out.extend_from_slice(&x[b + i..b + i + 3])
                    }
                    _ => push(&mut out, c),
                }
                n += 1;
                pos += 1;
            }
        }
    }
}

/// The character of `\uXXXX` (and of a following `\uXXXX` low surrogate) whose hex
/// digits start `rest` (at code point `pos`): (character, code points used). A lone
/// surrogate stays one (the caller writes generalized UTF-8).
fn unicode_escape(rest: &str, pos: usize) -> Result<(u32, usize), (&'static str, usize)> {
    // CPython wants the four digits and at least one more character (the quote).
    let left = rest.chars().take(11).count();
    if left <= 4 {
        return Err(("Invalid \\uXXXX escape", pos - 1));
    }
    let hex = |t: &str| -> Option<u32> {
        let d = t.get(..4)?;
        if d.bytes().all(|x| x.is_ascii_hexdigit()) {
            u32::from_str_radix(d, 16).ok()
        } else {
            None
        }
    };
    let Some(hi) = hex(rest) else {
        return Err(("Invalid \\uXXXX escape", pos - 1));
    };
    if (0xD800..0xDC00).contains(&hi) && left > 10 && rest[4..].starts_with("\\u") {
        let Some(lo) = hex(&rest[6..]) else {
            return Err(("Invalid \\uXXXX escape", pos + 5));
        };
        if (0xDC00..0xE000).contains(&lo) {
            let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
            return Ok((c, 10));
        }
    }
    Ok((hi, 4))
}

fn str_arg<'a>(vm: &mut Vm, args: &'a [Value], name: &str) -> PyResult<&'a StrData> {
    weft_vm::helpers::arg_count(vm, name, args, 1, 1)?;
    match unwrap_base::<StrData>(&args[0]) {
        Some(s) => Ok(s),
        None => {
            let tn = vm.type_name(args[0]);
            Err(vm.type_error(format!("first argument must be a string, not {tn}")))
        }
    }
}

/// Append the JSON escape of `c` if it needs one (`ascii`: also every non-ASCII
/// character, as \uXXXX or a surrogate pair); false if it goes as it is.
fn escape(out: &mut String, c: char, ascii: bool) -> bool {
    let short = match c {
        '"' => "\\\"",
        '\\' => "\\\\",
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        '\u{8}' => "\\b",
        '\u{c}' => "\\f",
        _ => "",
    };
    if !short.is_empty() {
        out.push_str(short);
        return true;
    }
    let n = c as u32;
    if n < 0x20 || (ascii && n >= 0x7f) {
        if n >= 0x10000 {
            let v = n - 0x10000;
            out.push_str(&format!(
                "\\u{:04x}\\u{:04x}",
                0xD800 + (v >> 10),
                0xDC00 + (v & 0x3FF)
            ));
        } else {
            out.push_str(&format!("\\u{n:04x}"));
        }
        return true;
    }
    false
}

/// Append `s` escaped for JSON (without the quotes); runs that need no escape are
/// copied whole.
pub(super) fn escape_into(out: &mut String, s: &str, ascii: bool) {
    let mut plain = 0;
    for (i, c) in s.char_indices() {
        let n = c as u32;
        let needs = n < 0x20 || c == '"' || c == '\\' || (ascii && n >= 0x7f);
        if needs {
            out.push_str(&s[plain..i]);
            escape(out, c, ascii);
            plain = i + c.len_utf8();
        }
    }
    out.push_str(&s[plain..]);
}

/// Append the JSON escape of a str holding lone surrogates, as `escape_into` with
/// `ascii`: each surrogate as `\udXXX`.
pub(super) fn escape_exact_ascii(out: &mut String, sd: &StrData) {
    for c in weft_vm::objects::str::wtf8::decode(sd.wtf8()) {
        match char::from_u32(c) {
            Some(ch) => {
                if !escape(out, ch, true) {
                    out.push(ch);
                }
            }
            None => out.push_str(&format!("\\u{c:04x}")),
        }
    }
}

/// `escape_into` without `ascii` of a str holding lone surrogates: the exact text
/// (generalized UTF-8, each surrogate kept), as long as the lossy escape (a surrogate
/// and U+FFFD both go as they are, 3 bytes each).
pub(super) fn escape_exact_unicode(sd: &StrData) -> Vec<u8> {
    let mut out = Vec::with_capacity(sd.byte_len());
    let mut tmp = String::new();
    for c in weft_vm::objects::str::wtf8::decode(sd.wtf8()) {
        match char::from_u32(c) {
            Some(ch) => {
                tmp.clear();
                if !escape(&mut tmp, ch, false) {
                    tmp.push(ch);
                }
                out.extend_from_slice(tmp.as_bytes());
            }
            None => weft_vm::objects::str::wtf8::push(&mut out, c),
        }
    }
    out
}

fn encode_with(vm: &mut Vm, args: &[Value], name: &str, ascii: bool) -> PyResult {
    let sd = str_arg(vm, args, name)?;
    if !ascii && sd.has_surrogates() {
        let body = escape_exact_unicode(sd);
        return vm.new_str_wtf8_parts(&[b"\"", &body, b"\""]);
    }
    let s = sd.as_str();
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    if ascii && sd.has_surrogates() {
        escape_exact_ascii(&mut out, sd);
    } else {
        escape_into(&mut out, s, ascii);
    }
    out.push('"');
    vm.new_str(&out)
}

pub(super) fn encode_basestring(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    encode_with(vm, args, "encode_basestring", false)
}

pub(super) fn encode_basestring_ascii(
    vm: &mut Vm,
    args: &[Value],
    _kw: &[(Value, Value)],
) -> PyResult {
    encode_with(vm, args, "encode_basestring_ascii", true)
}
