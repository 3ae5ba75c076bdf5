//! `float.hex()` and `float.fromhex()`: the exact hexadecimal form of a double.
//!
//! `hex` writes `[-]0x1.<13 hex digits>p<exp>` for a normal number and
//! `[-]0x0.<13 hex digits>p-1022` for a subnormal one (as C's `%a` with the full
//! mantissa). `fromhex` reads any number of hex digits, rounds half to even to 53 bits
//! (fewer for subnormal results) and refuses a value too large for a double.
use crate::helpers::as_str;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// The text of `x.hex()`.
pub fn float_to_hex(x: f64) -> String {
    if x.is_nan() {
        return "nan".into();
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = x.to_bits();
    let frac = bits & ((1u64 << 52) - 1);
    let biased = ((bits >> 52) & 0x7ff) as i64;
    if biased == 0 {
        format!("{sign}0x0.{frac:013x}p-1022")
    } else {
        format!("{sign}0x1.{frac:013x}p{:+}", biased - 1023)
    }
}

/// Why `fromhex` refused its argument.
pub enum HexError {
    Invalid,
    Overflow,
}

/// mant * 2**exp for a mantissa below 2**54 and an exponent that keeps the result a
/// double (normal or subnormal); exact.
fn scale(mant: u64, exp: i64) -> f64 {
    let mut v = mant as f64;
    let mut e = exp;
    while e > 0 {
        let step = e.min(1000);
        v *= 2f64.powi(step as i32);
        e -= step;
    }
    while e < 0 {
        let step = (-e).min(1000);
        v *= 2f64.powi(-(step as i32));
        e += step;
    }
    v
}

/// Parse the argument of `float.fromhex`.
pub fn float_from_hex(text: &str) -> Result<f64, HexError> {
    let s = text.trim_matches(|c: char| c.is_ascii_whitespace() || c == '\x0b' || c == '\x0c');
    let (neg, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let lower = body.to_ascii_lowercase();
    let signed = |v: f64| if neg { -v } else { v };
    match lower.as_str() {
        "inf" | "infinity" => return Ok(signed(f64::INFINITY)),
        "nan" => return Ok(signed(f64::NAN)),
        _ => {}
    }
    let b = lower.as_bytes();
    let mut i = 0;
    if b.len() >= 2 && b[0] == b'0' && b[1] == b'x' {
        i = 2;
    }
    // Mantissa digits: the first 28 significant ones exactly, the rest as a sticky bit.
    let mut top: u128 = 0;
    let mut kept = 0usize;
    let mut dropped = 0i64;
    let mut sticky = false;
    let mut frac_digits = 0i64;
    let mut any_digit = false;
    let mut seen_point = false;
    while i < b.len() {
        let c = b[i];
        if c == b'.' {
            if seen_point {
                return Err(HexError::Invalid);
            }
            seen_point = true;
            i += 1;
            continue;
        }
        let Some(d) = (c as char).to_digit(16) else {
            break;
        };
        any_digit = true;
        if seen_point {
            frac_digits += 1;
        }
        if top == 0 && d == 0 {
            // a leading zero: nothing to keep
        } else if kept < 28 {
            top = (top << 4) | d as u128;
            kept += 1;
        } else {
            dropped += 1;
            sticky |= d != 0;
        }
        i += 1;
    }
    if !any_digit {
        return Err(HexError::Invalid);
    }
    let mut exp: i64 = 0;
    if i < b.len() && b[i] == b'p' {
        i += 1;
        let mut eneg = false;
        if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
            eneg = b[i] == b'-';
            i += 1;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            exp = (exp * 10 + (b[i] - b'0') as i64).min(1 << 40);
            i += 1;
        }
        if i == start {
            return Err(HexError::Invalid);
        }
        if eneg {
            exp = -exp;
        }
    }
    if i != b.len() {
        return Err(HexError::Invalid);
    }
    if top == 0 {
        return Ok(signed(0.0));
    }
    // value = (top + sticky) * 2**e2
    let e2 = exp - 4 * frac_digits + 4 * dropped;
    let nbits = 128 - top.leading_zeros() as i64;
    let top_exp = nbits - 1 + e2;
    if top_exp > 1023 {
        return Err(HexError::Overflow);
    }
    let mut lsb = (top_exp - 52).max(-1074);
    let shift = lsb - e2;
    let mut mant: u64 = if shift <= 0 {
        (top << (-shift) as u32) as u64
    } else if shift >= 128 {
        0
    } else {
        let m = top >> shift as u32;
        let rem = top & ((1u128 << shift as u32) - 1);
        let half = 1u128 << (shift as u32 - 1);
        let up = rem > half || (rem == half && (sticky || m & 1 == 1));
        m as u64 + up as u64
    };
    if mant == 1u64 << 53 {
        mant >>= 1;
        lsb += 1;
    }
    if mant != 0 && lsb + 63 - mant.leading_zeros() as i64 > 1023 {
        return Err(HexError::Overflow);
    }
    Ok(signed(scale(mant, lsb)))
}

fn float_hex(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let Some(f) = args
        .first()
        .and_then(|&v| crate::objects::float::float_base_of(v))
    else {
        return Err(vm.type_error("descriptor 'hex' requires a 'float' object"));
    };
    vm.new_str(&float_to_hex(f))
}

/// A class method: `args[0]` is the class; a subclass gets `cls(value)`.
fn float_fromhex(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    if args.len() != 2 {
        let n = args.len().saturating_sub(1);
        return Err(vm.type_error(format!(
            "float.fromhex() takes exactly one argument ({n} given)"
        )));
    }
    let Some(text) = as_str(&args[1]).map(|s| s.to_string()) else {
        let tn = vm.type_name(args[1]);
        return Err(vm.type_error(format!("fromhex() argument must be str, not {tn}")));
    };
    let v = match float_from_hex(&text) {
        Ok(v) => v,
        Err(HexError::Invalid) => {
            return Err(vm.value_error("invalid hexadecimal floating-point string"));
        }
        Err(HexError::Overflow) => {
            return Err(vm.overflow_error("hexadecimal value too large to represent as a float"));
        }
    };
    let f = vm.new_float(v)?;
    let cls = args[0];
    if cls == vm.rt.types.float {
        return Ok(f);
    }
    vm.with_root(f, |vm| vm.call(cls, &[f], &[]))
}

pub fn init(vm: &mut Vm) {
    let float = vm.rt.types.float;
    vm.add_method(float, "hex", float_hex);
    crate::objects::int::methods::add_wrapped_native(vm, float, "fromhex", float_fromhex, true);
}
