//! `float` constructor and methods.
use crate::helpers::{as_bigint, as_str, wrap_for_subclass};
use crate::native;
use crate::objects::int::IntData;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use num_bigint::BigInt;
use num_traits::ToPrimitive;

/// Parse a float literal as `float(str)` does: whitespace, sign, inf/nan words, `_`
/// only between digits.
pub fn parse_float(s: &str) -> Option<f64> {
    let t = s.trim();
    let body = t.strip_prefix(['+', '-']).unwrap_or(t);
    let lower = body.to_ascii_lowercase();
    if matches!(lower.as_str(), "inf" | "infinity" | "nan") {
        let v = if lower == "nan" {
            f64::NAN
        } else {
            f64::INFINITY
        };
        return Some(if t.starts_with('-') { -v } else { v });
    }
    let b = body.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        let ok = c.is_ascii_digit() || matches!(c, b'.' | b'e' | b'E' | b'+' | b'-' | b'_');
        if !ok {
            return None;
        }
        if c == b'_'
            && !(i > 0
                && b[i - 1].is_ascii_digit()
                && b.get(i + 1).is_some_and(|n| n.is_ascii_digit()))
        {
            return None;
        }
    }
    if body.is_empty() || body.starts_with(['+', '-']) {
        return None;
    }
    let clean: String = t.chars().filter(|&c| c != '_').collect();
    clean.parse::<f64>().ok()
}

/// `float(x)` without subclass wrapping; returns the f64.
pub fn float_from(vm: &mut Vm, x: Value) -> PyResult<f64> {
    if let Some(f) = crate::objects::float::float_of(x) {
        return Ok(f);
    }
    if let Some(i) = crate::helpers::as_int(x)
        && !x.is::<crate::objects::instance::InstanceData>()
    {
        return Ok(i as f64);
    }
    if let Some(b) = x.downcast::<IntData>() {
        return int_to_f64(vm, &b.0);
    }
    let text = if let Some(s) = x.downcast::<crate::objects::str::StrData>() {
        Some(s.as_str().to_string())
    } else if let Some(b) = x.downcast::<crate::objects::bytes::ByteArrayData>() {
        let b = b.0.lock().clone();
        Some(String::from_utf8_lossy(&b).into_owned())
    } else {
        x.downcast::<crate::objects::bytes::BytesData>()
            .map(|b| String::from_utf8_lossy(&b.0).into_owned())
    };
    if let Some(t) = text {
        return match parse_float(&t) {
            Some(f) => Ok(f),
            None => {
                let bytes_like = x.is::<crate::objects::bytes::BytesData>()
                    || x.is::<crate::objects::bytes::ByteArrayData>();
                let r = match x.downcast::<crate::objects::str::StrData>() {
                    _ if bytes_like => vm.repr(x)?,
                    Some(d) if d.has_surrogates() => crate::objects::str::methods::str_data_repr(d),
                    _ => crate::objects::str::methods::str_repr(&t),
                };
                Err(vm.value_error(format!("could not convert string to float: {r}")))
            }
        };
    }
    if let Some(f) = float_via_dunders(vm, x)? {
        return Ok(f);
    }
    let base = crate::ops::protocol::base_or_self(x);
    if base != x {
        return float_from(vm, base);
    }
    let tn = vm.type_name(x);
    Err(vm.type_error(format!(
        "float() argument must be a string or a real number, not '{tn}'"
    )))
}

/// `x.__float__()`, else `x.__index__()`, as a float; None if `x` has neither.
pub fn float_via_dunders(vm: &mut Vm, x: Value) -> PyResult<Option<f64>> {
    for name in ["__float__", "__index__"] {
        if let Some(f) = vm.lookup_special(x, name) {
            let r = vm.call(f, &[x], &[])?;
            if let Some(f) = crate::objects::float::float_of(r) {
                return Ok(Some(f));
            }
            if let Some(b) = as_bigint(r) {
                return int_to_f64(vm, &b).map(Some);
            }
            let tn = vm.type_name(r);
            return Err(vm.type_error(format!("{name} returned non-float (type {tn})")));
        }
    }
    Ok(None)
}

pub fn int_to_f64(vm: &mut Vm, b: &BigInt) -> PyResult<f64> {
    match b.to_f64().filter(|f| f.is_finite()) {
        Some(f) => Ok(f),
        None => Err(vm.overflow_error("int too large to convert to float")),
    }
}

#[native(new, name = "float")]
fn float_new(vm: &mut Vm, cls: Value, x: Option<Value>) -> PyResult {
    let f = match x {
        None => 0.0,
        Some(x) => float_from(vm, x)?,
    };
    let v = vm.new_float(f)?;
    wrap_for_subclass(vm, cls, v)
}

fn self_float(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<f64> {
    match args
        .first()
        .and_then(|&v| crate::objects::float::float_base_of(v))
    {
        Some(f) => Ok(f),
        None => Err(vm.type_error(format!("descriptor '{name}' requires a 'float' object"))),
    }
}

fn float_is_integer(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let f = self_float(vm, args, "is_integer")?;
    Ok(Value::bool(f.is_finite() && f.fract() == 0.0))
}

fn float_as_integer_ratio(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let f = self_float(vm, args, "as_integer_ratio")?;
    if f.is_nan() {
        return Err(vm.value_error("cannot convert NaN to integer ratio"));
    }
    if f.is_infinite() {
        return Err(vm.overflow_error("cannot convert Infinity to integer ratio"));
    }
    // f = mant * 2**exp exactly; reduce by the common power of two.
    let bits = f.to_bits();
    let raw_exp = ((bits >> 52) & 0x7ff) as i64;
    let mut mant = (bits & ((1u64 << 52) - 1)) as i64;
    let mut exp = if raw_exp == 0 { -1074 } else { raw_exp - 1075 };
    if raw_exp != 0 {
        mant |= 1 << 52;
    }
    if mant == 0 {
        exp = 0;
    }
    while mant != 0 && mant & 1 == 0 && exp < 0 {
        mant >>= 1;
        exp += 1;
    }
    let sign = if f < 0.0 { -1 } else { 1 };
    let (n, d) = if exp >= 0 {
        (BigInt::from(mant * sign) << exp as usize, BigInt::from(1))
    } else {
        (
            BigInt::from(mant * sign),
            BigInt::from(1) << (-exp) as usize,
        )
    };
    let n = vm.new_bigint(n)?;
    let d = vm.with_root(n, |vm| vm.new_bigint(d));
    let d = d?;
    crate::root_scope!(vm);
    vm.root(n);
    vm.root(d);
    vm.new_tuple(vec![n, d])
}

fn float_self(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let f = self_float(vm, args, "__float__")?;
    vm.new_float(f)
}

fn float_int(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let f = self_float(vm, args, "__int__")?;
    crate::objects::int::methods::float_to_int(vm, f)
}

#[native(name = "__format__", owner = "float")]
fn float_format(vm: &mut Vm, this: Value, format_spec: Value) -> PyResult {
    let Some(spec) = as_str(&format_spec).map(|s| s.to_string()) else {
        return Err(vm.type_error("format spec must be a str"));
    };
    let b = crate::ops::protocol::base_or_self(this);
    let s = vm.format_value(b, &spec)?;
    vm.new_str(&s)
}

/// `float.__repr__`: shortest round-trip digits.
fn float_repr_native(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let f = self_float(vm, args, "__repr__")?;
    let s = crate::ops::number_format::float_repr(f);
    vm.new_str(&s)
}

pub fn init(vm: &mut Vm) {
    let float = vm.rt.types.float;
    vm.set_new(float, float_new.f);
    crate::ops::num::register_dunders(vm, float, &[]);
    vm.add_method(float, "is_integer", float_is_integer);
    vm.add_method(float, "as_integer_ratio", float_as_integer_ratio);
    vm.add_method(float, "conjugate", float_self);
    vm.add_method(float, "__float__", float_self);
    vm.add_method(float, "__int__", float_int);
    vm.add_method(float, "__trunc__", float_int);
    vm.add_methods(float, &[float_format]);
    vm.add_method(float, "__repr__", float_repr_native);
    crate::objects::float::hex::init(vm);
    crate::objects::int::methods::add_wrapped_native(
        vm,
        float,
        "__getformat__",
        float_getformat.f,
        true,
    );
}

/// `float.__getformat__(typestr)`: how the machine stores doubles and floats (always
/// IEEE 754, little-endian here).
/// A class method: the receiver is the class.
#[native(name = "__getformat__", owner = "float")]
fn float_getformat(vm: &mut Vm, this: Value, typestr: Value) -> PyResult {
    let _ = this;
    let Some(t) = crate::helpers::as_str(&typestr) else {
        let tn = vm.type_name(typestr);
        return Err(vm.type_error(format!("__getformat__() argument must be str, not {tn}")));
    };
    if t != "double" && t != "float" {
        return Err(vm.value_error("__getformat__() argument 1 must be 'double' or 'float'"));
    }
    let order = if cfg!(target_endian = "little") {
        "little"
    } else {
        "big"
    };
    vm.new_str(&format!("IEEE, {order}-endian"))
}
