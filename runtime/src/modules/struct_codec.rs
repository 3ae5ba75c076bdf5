//! Converting Python values to and from the bytes of a `struct` layout
//! (`struct_format.rs`), with CPython's checks and messages.
//!
//! Packing converts every value first (conversions may run `__index__`/`__float__`) into
//! a fresh buffer, so a caller writing into a shared bytearray copies the finished bytes
//! under the target's lock once, with no Python code running under it.
use super::struct_format::{Layout, Mode, Run};
use num_traits::ToPrimitive;
use weft_vm::helpers::{as_bigint, as_int, unwrap_base};
use weft_vm::objects::bytes::{BytesData, buffer_bytes};
use weft_vm::objects::float::methods::{float_via_dunders, int_to_f64};
use weft_vm::objects::str::StrData;
use weft_vm::value::Value;
use weft_vm::vm::{PyErr, PyResult, Vm};

/// `struct.error(msg)` (the class lives in the `_struct` module).
pub fn struct_error(vm: &mut Vm, msg: &str) -> PyErr {
    super::module_exception(vm, "_struct", "error", msg)
}

/// `values` packed into `layout.size` bytes; the caller checked the number of values.
pub fn pack(vm: &mut Vm, layout: &Layout, values: &[Value]) -> PyResult<Vec<u8>> {
    let mut out = vec![0u8; layout.size];
    let big = layout.mode.big_endian();
    let mut next = 0;
    for run in &layout.runs {
        match run.code {
            b's' | b'p' => {
                pack_bytes(vm, run, values[next], &mut out)?;
                next += 1;
            }
            _ => {
                for k in 0..run.count {
                    let at = run.offset + k * run.size;
                    let field = &mut out[at..at + run.size];
                    let v = values[next];
                    if let Err(e) = pack_one(vm, layout.mode, run.code, v, field, big) {
                        // As CPython: an int that overflows any conversion says so.
                        let overflow = vm.rt.types.exc.overflow_error;
                        if as_bigint(v).is_some() && vm.err_is(&e, overflow) {
                            return Err(struct_error(vm, "int too large to convert"));
                        }
                        return Err(e);
                    }
                    next += 1;
                }
            }
        }
    }
    Ok(out)
}

/// An `s` (zero-padded, truncated) or `p` (length byte first) field.
fn pack_bytes(vm: &mut Vm, run: &Run, v: Value, out: &mut [u8]) -> PyResult<()> {
    let data = match byte_string(&v) {
        Some(d) => d,
        None => {
            let msg = format!("argument for '{}' must be a bytes object", run.code as char);
            return Err(struct_error(vm, &msg));
        }
    };
    let field = &mut out[run.offset..run.offset + run.size];
    if run.code == b's' {
        let n = data.len().min(field.len());
        field[..n].copy_from_slice(&data[..n]);
    } else if !field.is_empty() {
        let n = data.len().min(field.len() - 1);
        field[1..1 + n].copy_from_slice(&data[..n]);
        field[0] = n.min(255) as u8;
    }
    Ok(())
}

/// bytes or bytearray (not other buffers), as CPython's `s` and `p` accept.
fn byte_string(v: &Value) -> Option<Vec<u8>> {
    if unwrap_base::<BytesData>(v).is_some()
        || unwrap_base::<weft_vm::objects::bytes::ByteArrayData>(v).is_some()
    {
        buffer_bytes(v)
    } else {
        None
    }
}

fn pack_one(
    vm: &mut Vm,
    mode: Mode,
    code: u8,
    v: Value,
    field: &mut [u8],
    big: bool,
) -> PyResult<()> {
    match code {
        b'?' => field[0] = vm.truthy(v)? as u8,
        b'c' => match v.downcast::<BytesData>() {
            Some(b) if b.0.len() == 1 => field[0] = b.0[0],
            _ => {
                return Err(struct_error(
                    vm,
                    "char format requires a bytes object of length 1",
                ));
            }
        },
        b'e' | b'f' | b'd' => {
            // Any failure to get a float (even an overflow) is this error, as in CPython.
            let x = match float_arg(vm, v) {
                Ok(x) => x,
                Err(_) => return Err(struct_error(vm, "required argument is not a float")),
            };
            let bits: u64 = match code {
                b'e' => match f16_bits(x) {
                    Some(b) => b as u64,
                    None => {
                        return Err(vm.overflow_error("float too large to pack with e format"));
                    }
                },
                b'f' => {
                    let f = x as f32;
                    if mode != Mode::Native && f.is_infinite() && x.is_finite() {
                        return Err(vm.overflow_error("float too large to pack with f format"));
                    }
                    f.to_bits() as u64
                }
                _ => x.to_bits(),
            };
            put(field, bits, big);
        }
        _ => {
            let bits = int_bits(vm, mode, code, v)?;
            put(field, bits, big);
        }
    }
    Ok(())
}

/// The low `field.len()` bytes of `bits`, in the layout's byte order.
fn put(field: &mut [u8], bits: u64, big: bool) {
    let n = field.len();
    let le = bits.to_le_bytes();
    for (i, b) in le[..n].iter().enumerate() {
        if big {
            field[n - 1 - i] = *b;
        } else {
            field[i] = *b;
        }
    }
}

fn get(field: &[u8], big: bool) -> u64 {
    let mut bits = 0u64;
    for i in 0..field.len() {
        let b = if big {
            field[i]
        } else {
            field[field.len() - 1 - i]
        };
        bits = (bits << 8) | b as u64;
    }
    bits
}

/// An integer argument (an int, or any object with `__index__`); None when it does not
/// fit in i128 (out of range for every code).
fn int_arg(vm: &mut Vm, v: Value) -> PyResult<Option<i128>> {
    if let Some(i) = as_int(v) {
        return Ok(Some(i as i128));
    }
    if let Some(b) = as_bigint(v) {
        return Ok(b.to_i128());
    }
    if weft_vm::objects::float::is_float(v) || v.is::<StrData>() {
        return Err(struct_error(vm, "required argument is not an integer"));
    }
    let Some(f) = vm.lookup_special(v, "__index__") else {
        return Err(struct_error(vm, "required argument is not an integer"));
    };
    let r = vm.call(f, &[v], &[])?;
    match as_bigint(r) {
        Some(b) => Ok(b.to_i128()),
        None => {
            let tn = vm.type_name(r);
            Err(vm.type_error(format!("__index__ returned non-int (type {tn})")))
        }
    }
}

/// The bits of an integer field, after CPython's range checks for `code`.
fn int_bits(vm: &mut Vm, mode: Mode, code: u8, v: Value) -> PyResult<u64> {
    let x = int_arg(vm, v)?;
    let native = mode == Mode::Native;
    const OUT: &str = "argument out of range";
    // C long (signed) or unsigned long first, as CPython converts.
    let signed = || x.filter(|x| i64::try_from(*x).is_ok());
    let unsigned = || x.filter(|x| u64::try_from(*x).is_ok());
    let range = |lo: i128, hi: i128, msg: &str| -> Result<u64, String> {
        match x {
            Some(x) if (lo..=hi).contains(&x) => Ok(x as u64),
            _ => Err(msg.to_string()),
        }
    };
    let r = match code {
        b'b' | b'B' | b'h' | b'H' | b'i' => match signed() {
            None => Err(OUT.to_string()),
            Some(_) => match code {
                b'b' => range(-128, 127, "byte format requires -128 <= number <= 127"),
                b'B' => range(0, 255, "ubyte format requires 0 <= number <= 255"),
                b'h' => range(
                    -32768,
                    32767,
                    "short format requires -32768 <= number <= 32767",
                ),
                b'H' => range(0, 65535, "ushort format requires 0 <= number <= 65535"),
                _ => range(
                    i32::MIN as i128,
                    i32::MAX as i128,
                    "'i' format requires -2147483648 <= number <= 2147483647",
                ),
            },
        },
        b'l' if !native => match signed() {
            None => Err(OUT.to_string()),
            Some(_) => range(
                i32::MIN as i128,
                i32::MAX as i128,
                "'l' format requires -2147483648 <= number <= 2147483647",
            ),
        },
        b'I' | b'L' if code == b'I' || !native => match unsigned() {
            None => Err(OUT.to_string()),
            Some(_) => range(
                0,
                u32::MAX as i128,
                &format!(
                    "'{}' format requires 0 <= number <= 4294967295",
                    code as char
                ),
            ),
        },
        b'l' | b'q' | b'n' => signed().map(|x| x as u64).ok_or(OUT.to_string()),
        b'L' | b'Q' | b'N' => unsigned().map(|x| x as u64).ok_or(OUT.to_string()),
        // 'P': any value a pointer can hold, negative ones as their two's complement.
        _ => match x {
            Some(x) if x >= i64::MIN as i128 && x <= u64::MAX as i128 => Ok(x as u64),
            _ => Err("int too large to convert".to_string()),
        },
    };
    r.map_err(|msg| struct_error(vm, &msg))
}

fn float_arg(vm: &mut Vm, v: Value) -> PyResult<f64> {
    if let Some(f) = weft_vm::objects::float::float_of(v) {
        return Ok(f);
    }
    if let Some(i) = as_int(v) {
        return Ok(i as f64);
    }
    if let Some(b) = as_bigint(v) {
        return int_to_f64(vm, &b);
    }
    if let Some(f) = weft_vm::objects::float::float_base_of(v) {
        return Ok(f);
    }
    match float_via_dunders(vm, v)? {
        Some(f) => Ok(f),
        None => Err(vm.type_error("must be real number")),
    }
}

/// IEEE 754 binary16 bits of `x`, rounded to nearest (ties to even); None when `x` is
/// finite but too large for binary16.
pub fn f16_bits(x: f64) -> Option<u16> {
    let sign = (x.is_sign_negative() as u16) << 15;
    if x.is_nan() {
        return Some(sign | 0x7e00);
    }
    let a = x.abs();
    if a.is_infinite() {
        return Some(sign | 0x7c00);
    }
    if a == 0.0 {
        return Some(sign);
    }
    // a = m * 2^e with 1 <= m < 2.
    let e = a.log2().floor() as i32;
    let e = if a / 2f64.powi(e) >= 2.0 {
        e + 1
    } else if a / 2f64.powi(e) < 1.0 {
        e - 1
    } else {
        e
    };
    if e >= 16 {
        return None;
    }
    // Units of the last place: 2^-24 for subnormals (e < -14), else 2^(e-10).
    let (mut exp, ulp_exp) = if e < -14 {
        (0i32, -24)
    } else {
        (e + 15, e - 10)
    };
    let scaled = a / 2f64.powi(ulp_exp); // exact: a power-of-two scaling
    let mut mant = scaled.floor();
    let frac = scaled - mant;
    if frac > 0.5 || (frac == 0.5 && (mant as u64) % 2 == 1) {
        mant += 1.0;
    }
    let mut mant = mant as u32;
    if exp > 0 {
        // Normal: drop the implicit leading bit; rounding may carry into the exponent.
        if mant >= 2048 {
            mant >>= 1;
            exp += 1;
        }
        mant -= 1024;
    } else if mant >= 1024 {
        // A subnormal rounded up to the smallest normal.
        exp = 1;
        mant -= 1024;
    }
    if exp >= 31 {
        return None;
    }
    Some(sign | ((exp as u16) << 10) | mant as u16)
}

/// The value of binary16 bits.
pub fn f16_value(h: u16) -> f64 {
    let sign = if h & 0x8000 != 0 { -1.0 } else { 1.0 };
    let exp = ((h >> 10) & 0x1f) as i32;
    let mant = (h & 0x3ff) as f64;
    match exp {
        0 => sign * mant * 2f64.powi(-24),
        31 if mant == 0.0 => sign * f64::INFINITY,
        31 => {
            if sign < 0.0 {
                -f64::NAN
            } else {
                f64::NAN
            }
        }
        _ => sign * (1024.0 + mant) * 2f64.powi(exp - 25),
    }
}

/// The values of `data` (exactly `layout.size` bytes) as a tuple.
pub fn unpack(vm: &mut Vm, layout: &Layout, data: &[u8]) -> PyResult {
    let big = layout.mode.big_endian();
    let mut items: Vec<Value> = Vec::with_capacity(layout.items);
    // Each value is rooted as soon as it is made, until the tuple holds them all.
    weft_vm::root_scope!(vm);
    (|| {
        for run in &layout.runs {
            let field = &data[run.offset..run.offset + run.size * run.count];
            match run.code {
                b's' => {
                    let v = vm.new_bytes(field.to_vec())?;
                    vm.root(v);
                    items.push(v);
                }
                b'p' => {
                    let n = field
                        .first()
                        .map_or(0, |&n| (n as usize).min(field.len() - 1));
                    let s = if field.is_empty() {
                        &[][..]
                    } else {
                        &field[1..1 + n]
                    };
                    let v = vm.new_bytes(s.to_vec())?;
                    vm.root(v);
                    items.push(v);
                }
                _ => {
                    for chunk in field.chunks(run.size) {
                        let v = unpack_one(vm, run.code, chunk, big)?;
                        vm.root(v);
                        items.push(v);
                    }
                }
            }
        }
        vm.new_tuple(std::mem::take(&mut items))
    })()
}

fn unpack_one(vm: &mut Vm, code: u8, field: &[u8], big: bool) -> PyResult {
    let bits = get(field, big);
    let bits_signed = || {
        let shift = 64 - 8 * field.len() as u32;
        ((bits << shift) as i64) >> shift
    };
    match code {
        b'?' => Ok(Value::bool(bits != 0)),
        b'c' => vm.new_bytes(field.to_vec()),
        b'e' => vm.new_float(f16_value(bits as u16)),
        b'f' => vm.new_float(f32::from_bits(bits as u32) as f64),
        b'd' => vm.new_float(f64::from_bits(bits)),
        b'b' | b'h' | b'i' | b'l' | b'q' | b'n' => vm.new_int(bits_signed()),
        _ => vm.new_int_u64(bits),
    }
}
