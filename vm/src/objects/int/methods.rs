//! `int` and `bool` constructors and `int` methods.
use crate::helpers::{as_bigint, as_str, kwarg, wrap_for_subclass};
use crate::native;
use crate::objects::bytes::{ByteArrayData, BytesData};
use crate::objects::str::StrData;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use num_bigint::{BigInt, Sign};
use num_traits::{Signed, ToPrimitive, Zero};

/// Parse an int literal as `int(s, base)` does (whitespace, sign, prefixes, `_`).
pub fn parse_int(s: &str, base: u32) -> Option<BigInt> {
    // Unicode decimal digits count as their ASCII values (int('٣') == 3).
    let ascii: String;
    let s = if s.is_ascii() {
        s
    } else {
        ascii = s
            .chars()
            .map(|c| match crate::objects::str::methods::decimal_value(c) {
                Some(d) if !c.is_ascii() => char::from_digit(d, 10).unwrap(),
                _ => c,
            })
            .collect();
        &ascii
    };
    let t = s.trim_matches(crate::objects::str::methods::py_space);
    let (neg, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = t.to_ascii_lowercase();
    let prefix_base = match lower.get(..2) {
        Some("0x") => 16,
        Some("0o") => 8,
        Some("0b") => 2,
        _ => 0,
    };
    let (base, digits) = if prefix_base != 0 && (base == 0 || base == prefix_base) {
        // After a prefix an underscore may directly follow: 0x_ff.
        let d = &t[2..];
        (prefix_base, d.strip_prefix('_').unwrap_or(d))
    } else if base == 0 {
        // Base 0 without prefix: decimal, and no leading zeros unless the value is 0.
        if t.len() > 1 && t.starts_with('0') && t.chars().any(|c| c != '0' && c != '_') {
            return None;
        }
        (10, t)
    } else {
        (base, t)
    };
    if digits.is_empty()
        || digits.starts_with('_')
        || digits.ends_with('_')
        || digits.contains("__")
    {
        return None;
    }
    let clean: String = digits.chars().filter(|&c| c != '_').collect();
    if !clean.chars().all(|c| c.is_digit(base)) {
        return None;
    }
    let v = BigInt::parse_bytes(clean.as_bytes(), base)?;
    Some(if neg { -v } else { v })
}

/// `int(x)` / `int(x, base)` without the subclass wrapping.
pub fn int_from(vm: &mut Vm, x: Value, base: Option<Value>) -> PyResult {
    if let Some(bv) = base {
        if as_bigint(bv).is_none() {
            // The base goes through __index__ first (a float is a TypeError).
            let b = match crate::ops::containers::as_index(vm, bv)? {
                Some(b) => b,
                None => {
                    let tn = vm.type_name(bv);
                    return Err(
                        vm.type_error(format!("'{tn}' object cannot be interpreted as an integer"))
                    );
                }
            };
            let b = vm.new_int(b)?;
            return int_from(vm, x, Some(b));
        }
        let b = as_bigint(bv).and_then(|b| b.to_i64());
        let Some(b) = b.filter(|&b| b == 0 || (2..=36).contains(&b)) else {
            return Err(vm.value_error("int() base must be >= 2 and <= 36, or 0"));
        };
        let text = if let Some(s) = as_str(&x) {
            s.to_string()
        } else if let Some(bs) = x.downcast::<BytesData>() {
            String::from_utf8_lossy(&bs.0).into_owned()
        } else if let Some(ba) = x.downcast::<ByteArrayData>() {
            // re._compiler parses bitmaps out of bytearray slices.
            String::from_utf8_lossy(&ba.snapshot()).into_owned()
        } else {
            return Err(vm.type_error("int() can't convert non-string with explicit base"));
        };
        let digits = text.chars().filter(|c| c.is_ascii_alphanumeric()).count();
        let effective = if b != 0 {
            b as u32
        } else {
            // Base 0 takes the prefix's base (`0x` etc.), else 10.
            let t = text
                .trim()
                .trim_start_matches(['+', '-'])
                .to_ascii_lowercase();
            match t.get(..2) {
                Some("0x") => 16,
                Some("0o") => 8,
                Some("0b") => 2,
                _ => 10,
            }
        };
        crate::objects::int::check_parse_digits(vm, digits, effective)?;
        return match parse_int(&text, b as u32) {
            Some(v) => vm.new_bigint(v),
            None => {
                let bytes_like = x.is::<BytesData>() || x.is::<ByteArrayData>();
                let r = match crate::helpers::as_str_data(&x) {
                    // CPython shows a bytes-like argument by its repr (b'..').
                    _ if bytes_like => crate::objects::bytes::methods::bytes_repr(
                        &crate::objects::bytes::buffer_bytes(&x).unwrap_or_default(),
                    ),
                    Some(d) if d.has_surrogates() => crate::objects::str::methods::str_data_repr(d),
                    _ => crate::objects::str::methods::str_repr(&text),
                };
                Err(vm.value_error(format!("invalid literal for int() with base {b}: {r}")))
            }
        };
    }
    if x.is_small_int() {
        return Ok(x);
    }
    if let Some(b) = as_bigint(x)
        && !x.is::<crate::objects::instance::InstanceData>()
    {
        return vm.new_bigint(b);
    }
    if let Some(f) = crate::objects::float::float_of(x) {
        return float_to_int(vm, f);
    }
    if x.is::<StrData>() || x.is::<BytesData>() || x.is::<ByteArrayData>() {
        let ten = Value::small_int(10).unwrap();
        return int_from(vm, x, Some(ten));
    }
    if let Some(b) = x
        .downcast::<crate::objects::memoryview::MemoryViewData>()
        .and_then(|m| m.bytes())
    {
        // A memoryview is parsed as the bytes it shows.
        let bytes = vm.new_bytes(b)?;
        let ten = Value::small_int(10).unwrap();
        return vm.with_root(bytes, |vm| int_from(vm, bytes, Some(ten)));
    }
    for name in ["__int__", "__index__", "__trunc__"] {
        if let Some(f) = vm.lookup_special(x, name) {
            let r = vm.call(f, &[x], &[])?;
            if let Some(b) = as_bigint(r) {
                return vm.new_bigint(b);
            }
            let tn = vm.type_name(r);
            return Err(vm.type_error(format!("{name} returned non-int (type {tn})")));
        }
    }
    // Subclass instances of int/float/str without the dunders above.
    let base = crate::ops::protocol::base_or_self(x);
    if base != x {
        return int_from(vm, base, None);
    }
    let tn = vm.type_name(x);
    Err(vm.type_error(format!(
        "int() argument must be a string, a bytes-like object or a real number, not '{tn}'"
    )))
}

/// `int(float)`: truncation, with CPython's errors for inf and nan.
pub fn float_to_int(vm: &mut Vm, f: f64) -> PyResult {
    if f.is_nan() {
        return Err(vm.value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(vm.overflow_error("cannot convert float infinity to integer"));
    }
    let t = f.trunc();
    if t.abs() < 9.0e18 {
        return vm.new_int(t as i64);
    }
    let b = num_bigint::BigInt::from_f64_exact(t);
    vm.new_bigint(b)
}

/// Exact conversion of an integral f64 (no `FromPrimitive` rounding surprises).
trait FromF64Exact {
    fn from_f64_exact(f: f64) -> BigInt;
}
impl FromF64Exact for BigInt {
    fn from_f64_exact(f: f64) -> BigInt {
        let bits = f.to_bits();
        let exp = ((bits >> 52) & 0x7ff) as i64 - 1075;
        let mant = (bits & ((1 << 52) - 1)) | (1 << 52);
        let m = BigInt::from(mant);
        let v = if exp >= 0 {
            m << exp as usize
        } else {
            m >> (-exp) as usize
        };
        if f < 0.0 { -v } else { v }
    }
}

/// `int(x)` on the exact type, the common call, converts at once; every other call binds
/// through the declared constructor below (as `str_new`).
fn int_new(vm: &mut Vm, cls: Value, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    if let ([x], []) = (args, kw)
        && cls == vm.rt.types.int
    {
        return int_from(vm, *x, None);
    }
    (int_new_bound.f)(vm, cls, args, kw)
}

/// int(x=0, /, base=10)
#[native(new, name = "int")]
fn int_new_bound(vm: &mut Vm, cls: Value, x: Option<Value>, #[kw] base: Option<Value>) -> PyResult {
    let v = match x {
        None if base.is_some() => return Err(vm.type_error("int() missing string argument")),
        None => Value::small_int(0).unwrap(),
        Some(x) => int_from(vm, x, base)?,
    };
    wrap_for_subclass(vm, cls, v)
}

#[native(new, name = "bool")]
fn bool_new(vm: &mut Vm, cls: Value, x: Option<Value>) -> PyResult<bool> {
    let _ = cls;
    match x {
        None => Ok(false),
        Some(x) => vm.truthy(x),
    }
}

fn self_int(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<BigInt> {
    match args.first().and_then(|&v| as_bigint(v)) {
        Some(b) => Ok(b),
        None => Err(vm.type_error(format!("descriptor '{name}' requires a 'int' object"))),
    }
}

fn int_bit_length(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let b = self_int(vm, args, "bit_length")?;
    vm.new_int(b.bits() as i64)
}

fn int_bit_count(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let b = self_int(vm, args, "bit_count")?;
    let n: u64 = b
        .magnitude()
        .to_u64_digits()
        .iter()
        .map(|d| d.count_ones() as u64)
        .sum();
    vm.new_int(n as i64)
}

fn int_self(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let b = self_int(vm, args, "__index__")?;
    vm.new_bigint(b)
}

fn int_is_integer(_vm: &mut Vm, _args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    Ok(Value::TRUE)
}

#[native(name = "__format__", owner = "int")]
fn int_format(vm: &mut Vm, this: Value, format_spec: Value) -> PyResult {
    let spec = as_str(&format_spec).map(|s| s.to_string());
    let Some(spec) = spec else {
        return Err(vm.type_error("format spec must be a str"));
    };
    let b = crate::ops::protocol::base_or_self(this);
    let s = vm.format_value(b, &spec)?;
    vm.new_str(&s)
}

fn byteorder_signed(
    vm: &mut Vm,
    args: &[Value],
    kw: &[(Value, Value)],
    pos: usize,
) -> PyResult<(bool, bool)> {
    let order = args.get(pos).copied().or_else(|| kwarg(kw, "byteorder"));
    let little = match order.as_ref().and_then(as_str) {
        None | Some("big") => false,
        Some("little") => true,
        Some(_) => return Err(vm.value_error("byteorder must be either 'little' or 'big'")),
    };
    let signed = match kwarg(kw, "signed") {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    Ok((little, signed))
}

fn int_to_bytes(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let b = self_int(vm, args, "to_bytes")?;
    let len = args
        .get(1)
        .copied()
        .or_else(|| kwarg(kw, "length"))
        .map(|v| as_bigint(v).and_then(|b| b.to_i64()));
    let len = match len {
        None => 1,
        Some(Some(n)) if n >= 0 => n as usize,
        Some(Some(_)) => return Err(vm.value_error("length argument must be non-negative")),
        Some(None) => return Err(vm.type_error("'length' must be an integer")),
    };
    let (little, signed) = byteorder_signed(vm, args, kw, 2)?;
    crate::helpers::check_size(vm, len)?;
    if b.is_negative() && !signed {
        return Err(vm.overflow_error("can't convert negative int to unsigned"));
    }
    let mut bytes = if signed {
        b.to_signed_bytes_le()
    } else {
        b.to_bytes_le().1
    };
    if b.is_zero() {
        bytes.clear();
    }
    // Drop redundant sign bytes, then check the fit and pad.
    if bytes.len() > len {
        return Err(vm.overflow_error("int too big to convert"));
    }
    let pad = if b.is_negative() { 0xff } else { 0 };
    bytes.resize(len, pad);
    if !little {
        bytes.reverse();
    }
    vm.new_bytes(bytes)
}

fn int_from_bytes(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    // Called as `int.from_bytes(b, ...)` (no class) or with the class bound first.
    let (cls, args) = match args.first() {
        Some(&c) if c.is::<crate::objects::typeobj::TypeData>() => (Some(c), &args[1..]),
        _ => (None, args),
    };
    let data = args.first().copied().or_else(|| kwarg(kw, "bytes"));
    let Some(data) = data else {
        return Err(vm.type_error("from_bytes() missing required argument 'bytes' (pos 1)"));
    };
    let mut bytes: Vec<u8> = if let Some(b) = crate::objects::bytes::buffer_bytes(&data) {
        b
    } else {
        // As bytes(data): a str or a non-iterable cannot convert, items must be ints.
        let cannot = |vm: &mut Vm| {
            let tn = vm.type_name(data);
            vm.type_error(format!("cannot convert '{tn}' object to bytes"))
        };
        if crate::helpers::as_str(&data).is_some() {
            return Err(cannot(vm));
        }
        let items = match vm.collect_iter(data) {
            Ok(items) => items,
            Err(e) if vm.err_is(&e, vm.rt.types.exc.type_error) => return Err(cannot(vm)),
            Err(e) => return Err(e),
        };
        let mut out = Vec::with_capacity(items.len());
        for it in items {
            match crate::helpers::as_int(it) {
                Some(i) if (0..256).contains(&i) => out.push(i as u8),
                Some(_) => return Err(vm.value_error("bytes must be in range(0, 256)")),
                None if crate::helpers::as_bigint(it).is_some() => {
                    return Err(vm.value_error("bytes must be in range(0, 256)"));
                }
                None => {
                    let tn = vm.type_name(it);
                    return Err(
                        vm.type_error(format!("'{tn}' object cannot be interpreted as an integer"))
                    );
                }
            }
        }
        out
    };
    let (little, signed) = byteorder_signed(vm, args, kw, 1)?;
    if !little {
        bytes.reverse();
    }
    let v = if signed {
        BigInt::from_signed_bytes_le(&bytes)
    } else {
        BigInt::from_bytes_le(Sign::Plus, &bytes)
    };
    let r = vm.new_bigint(v)?;
    match cls {
        Some(c) if c != vm.rt.types.int => vm.call(c, &[r], &[]),
        _ => Ok(r),
    }
}

fn int_as_integer_ratio(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let b = self_int(vm, args, "as_integer_ratio")?;
    let n = vm.new_bigint(b)?;
    let one = Value::small_int(1).unwrap();
    vm.new_tuple(vec![n, one])
}

fn int_real(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    int_self(vm, args, kw)
}

/// `int.__repr__` (and bool's, which inherits it): decimal digits or True/False.
fn int_repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let v = crate::ops::protocol::base_or_self(args.first().copied().unwrap_or(Value::NONE));
    let s = match v {
        Value::TRUE => "True".to_string(),
        Value::FALSE => "False".to_string(),
        _ => {
            let b = self_int(vm, &[v], "__repr__")?;
            crate::objects::int::to_decimal(vm, &b)?
        }
    };
    vm.new_str(&s)
}

/// Register a native as a classmethod (`class_method`) or staticmethod on `ty`, so
/// `int.from_bytes(...)` gets the class and `str.maketrans(...)` gets no receiver.
pub fn add_wrapped_native(
    vm: &mut Vm,
    ty: Value,
    name: &'static str,
    f: crate::objects::builtin_fn::NativeFn,
    class_method: bool,
) {
    use crate::objects::function::{ClassMethod, StaticMethod};
    let owner: &'static str = Box::leak(
        crate::types::type_data(ty)
            .name
            .read()
            .clone()
            .into_boxed_str(),
    );
    let func = vm
        .new_native(name, owner, f)
        .expect("out of memory at start-up");
    crate::root_scope!(vm);
    vm.root(func);
    let w = if class_method {
        let t = vm.rt.types.classmethod;
        vm.alloc(t, ClassMethod(func))
    } else {
        let t = vm.rt.types.staticmethod;
        vm.alloc(t, StaticMethod(func))
    };
    vm.add_attr(ty, name, w.expect("out of memory at start-up"));
}

pub fn init(vm: &mut Vm) {
    let int = vm.rt.types.int;
    vm.set_new(int, int_new);
    let b = vm.rt.types.bool_;
    vm.set_new(b, bool_new.f);
    crate::ops::num::register_dunders(vm, int, &[]);
    vm.add_method(int, "bit_length", int_bit_length);
    vm.add_method(int, "bit_count", int_bit_count);
    vm.add_method(int, "to_bytes", int_to_bytes);
    add_wrapped_native(vm, int, "from_bytes", int_from_bytes, true);
    vm.add_method(int, "as_integer_ratio", int_as_integer_ratio);
    vm.add_method(int, "is_integer", int_is_integer);
    vm.add_method(int, "conjugate", int_real);
    vm.add_method(int, "__index__", int_self);
    vm.add_method(int, "__int__", int_self);
    vm.add_method(int, "__trunc__", int_self);
    vm.add_methods(int, &[int_format]);
    vm.add_method(int, "__repr__", int_repr);
}
