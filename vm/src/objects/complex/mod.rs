//! `complex`: the payload, its arithmetic, its repr.
//!
//! - Arithmetic follows CPython 3.14: complex with complex is the textbook formula
//!   (division by Smith's method, which avoids needless overflow); a real operand (int or
//!   float) mixes in as a real, not as `x+0j` (C99's mixed-mode rules), so
//!   `2.0 * complex(inf, 1)` does not produce a NaN from `0 * inf`.
//! - `z ** n` for an integral real exponent |n| <= 100 multiplies by squaring, as CPython
//!   does, so `(1+2j)**2` is exactly `(-3+4j)`; other powers go through polar form.
//! - Hashes combine the float hashes of both parts as CPython does, so a complex with a
//!   zero imaginary part hashes like its real part (and `hash(3+0j) == hash(3)`).
//!
//! The constructor, string parsing and methods are in `methods.rs` and `parse.rs`;
//! `format.rs` has repr and `format()`.
pub mod format;
pub mod methods;
pub mod parse;

use crate::bytecode::BinOp;
use crate::ops::num_hash::hash_f64;
use crate::payload;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

#[derive(crate::trace::Trace, Clone, Copy, Debug, PartialEq)]
pub struct ComplexData {
    pub re: f64,
    pub im: f64,
}
payload!(ComplexData, "complex");

/// An operand of a complex operation.
#[derive(Clone, Copy)]
enum Operand {
    Real(f64),
    Complex(ComplexData),
}

impl Vm {
    pub fn new_complex(&mut self, re: f64, im: f64) -> PyResult {
        let ty = self.rt.types.complex;
        self.alloc(ty, ComplexData { re, im })
    }
}

/// The complex inside `v` (also an instance of a subclass of complex).
pub fn as_complex(v: &Value) -> Option<ComplexData> {
    crate::helpers::unwrap_base::<ComplexData>(v).copied()
}

/// An int, bool or float as a real operand; None for anything else.
fn real_operand(vm: &mut Vm, v: Value) -> PyResult<Option<f64>> {
    if let Some(f) = crate::objects::float::float_of(v) {
        return Ok(Some(f));
    }
    if let Some(i) = crate::helpers::as_int(v)
        && !v.is::<crate::objects::instance::InstanceData>()
    {
        return Ok(Some(i as f64));
    }
    if let Some(b) = v.downcast::<crate::objects::int::IntData>() {
        return crate::objects::float::methods::int_to_f64(vm, &b.0).map(Some);
    }
    Ok(None)
}

fn operand(vm: &mut Vm, v: Value) -> PyResult<Option<Operand>> {
    if let Some(c) = v.downcast::<ComplexData>() {
        return Ok(Some(Operand::Complex(*c)));
    }
    Ok(real_operand(vm, v)?.map(Operand::Real))
}

/// `a op b` when one side is an exact complex and the other a number; None otherwise
/// (subclass instances come here through the `__add__`... natives, unwrapped).
pub fn binop(vm: &mut Vm, a: Value, b: Value, op: BinOp) -> PyResult<Option<Value>> {
    if !a.is::<ComplexData>() && !b.is::<ComplexData>() {
        return Ok(None);
    }
    let (Some(x), Some(y)) = (operand(vm, a)?, operand(vm, b)?) else {
        return Ok(None);
    };
    let r = match op {
        BinOp::Add => add(x, y),
        BinOp::Sub => sub(x, y),
        BinOp::Mul => mul(x, y),
        BinOp::TrueDiv => match div(x, y) {
            Some(r) => r,
            None => return Err(vm.zero_division_error("complex division by zero")),
        },
        BinOp::Pow => pow(vm, full(x), full(y))?,
        _ => return Ok(None),
    };
    vm.new_complex(r.re, r.im).map(Some)
}

/// `a op b` for `+ - * /` when one side is an exact complex and the other an exact
/// complex, float or small int, computed without the vm (the interpreter's fast path:
/// the caller makes the result object); None for anything else, a division by zero
/// included, which the full path raises.
#[inline]
pub fn fast_binop(a: Value, b: Value, op: BinOp) -> Option<ComplexData> {
    let side = |v: Value| -> Option<Operand> {
        if let Some(c) = v.downcast::<ComplexData>() {
            return Some(Operand::Complex(*c));
        }
        if let Some(f) = crate::objects::float::float_of(v) {
            return Some(Operand::Real(f));
        }
        v.as_small_int().map(|i| Operand::Real(i as f64))
    };
    if !a.is::<ComplexData>() && !b.is::<ComplexData>() {
        return None;
    }
    let (x, y) = (side(a)?, side(b)?);
    match op {
        BinOp::Add => Some(add(x, y)),
        BinOp::Sub => Some(sub(x, y)),
        BinOp::Mul => Some(mul(x, y)),
        BinOp::TrueDiv => div(x, y),
        _ => None,
    }
}

fn full(o: Operand) -> ComplexData {
    match o {
        Operand::Real(r) => ComplexData { re: r, im: 0.0 },
        Operand::Complex(c) => c,
    }
}

fn c(re: f64, im: f64) -> ComplexData {
    ComplexData { re, im }
}

fn add(x: Operand, y: Operand) -> ComplexData {
    match (x, y) {
        (Operand::Real(r), Operand::Complex(z)) | (Operand::Complex(z), Operand::Real(r)) => {
            c(r + z.re, z.im)
        }
        _ => {
            let (a, b) = (full(x), full(y));
            c(a.re + b.re, a.im + b.im)
        }
    }
}

fn sub(x: Operand, y: Operand) -> ComplexData {
    match (x, y) {
        (Operand::Real(r), Operand::Complex(z)) => c(r - z.re, -z.im),
        (Operand::Complex(z), Operand::Real(r)) => c(z.re - r, z.im),
        _ => {
            let (a, b) = (full(x), full(y));
            c(a.re - b.re, a.im - b.im)
        }
    }
}

pub fn c_mul(a: ComplexData, b: ComplexData) -> ComplexData {
    c(a.re * b.re - a.im * b.im, a.re * b.im + a.im * b.re)
}

fn mul(x: Operand, y: Operand) -> ComplexData {
    match (x, y) {
        (Operand::Real(r), Operand::Complex(z)) | (Operand::Complex(z), Operand::Real(r)) => {
            c(r * z.re, r * z.im)
        }
        _ => c_mul(full(x), full(y)),
    }
}

/// `a / b` by Smith's method; None when b is zero.
pub fn c_div(a: ComplexData, b: ComplexData) -> Option<ComplexData> {
    let (abs_re, abs_im) = (b.re.abs(), b.im.abs());
    if abs_re >= abs_im {
        if abs_re == 0.0 {
            return None;
        }
        let ratio = b.im / b.re;
        let denom = b.re + b.im * ratio;
        Some(c(
            (a.re + a.im * ratio) / denom,
            (a.im - a.re * ratio) / denom,
        ))
    } else if abs_im >= abs_re {
        let ratio = b.re / b.im;
        let denom = b.re * ratio + b.im;
        Some(c(
            (a.re * ratio + a.im) / denom,
            (a.im * ratio - a.re) / denom,
        ))
    } else {
        // A NaN in b.
        Some(c(f64::NAN, f64::NAN))
    }
}

fn div(x: Operand, y: Operand) -> Option<ComplexData> {
    match (x, y) {
        (Operand::Complex(z), Operand::Real(r)) => {
            if r == 0.0 {
                None
            } else {
                Some(c(z.re / r, z.im / r))
            }
        }
        _ => c_div(full(x), full(y)),
    }
}

/// `x ** n` for a non-negative integer n, by repeated squaring.
fn pow_uint(x: ComplexData, mut n: u64) -> ComplexData {
    let mut r = c(1.0, 0.0);
    let mut p = x;
    while n > 0 {
        if n & 1 == 1 {
            r = c_mul(r, p);
        }
        n >>= 1;
        if n > 0 {
            p = c_mul(p, p);
        }
    }
    r
}

/// `a ** b` with CPython's errors.
pub fn pow(vm: &mut Vm, a: ComplexData, b: ComplexData) -> PyResult<ComplexData> {
    if b.re == 0.0 && b.im == 0.0 {
        return Ok(c(1.0, 0.0));
    }
    if a.re == 0.0 && a.im == 0.0 {
        if b.im != 0.0 || b.re < 0.0 {
            return Err(vm.zero_division_error("0.0 to a negative or complex power"));
        }
        return Ok(c(0.0, 0.0));
    }
    if b.im == 0.0 && b.re == b.re.trunc() && b.re.abs() <= 100.0 {
        let n = b.re as i64;
        return Ok(if n >= 0 {
            pow_uint(a, n as u64)
        } else {
            c_div(c(1.0, 0.0), pow_uint(a, n.unsigned_abs())).unwrap_or(c(f64::NAN, f64::NAN))
        });
    }
    let vabs = a.re.hypot(a.im);
    let mut len = vabs.powf(b.re);
    let at = a.im.atan2(a.re);
    let mut phase = at * b.re;
    if b.im != 0.0 {
        len /= (at * b.im).exp();
        phase += b.im * vabs.ln();
    }
    let r = c(len * phase.cos(), len * phase.sin());
    if (r.re.is_infinite() || r.im.is_infinite())
        && a.re.is_finite()
        && a.im.is_finite()
        && b.re.is_finite()
        && b.im.is_finite()
    {
        return Err(vm.overflow_error("complex exponentiation"));
    }
    Ok(r)
}

/// `abs(z)`, OverflowError when the modulus overflows.
pub fn c_abs(vm: &mut Vm, z: ComplexData) -> PyResult<f64> {
    if z.re.is_infinite() || z.im.is_infinite() {
        return Ok(f64::INFINITY);
    }
    if z.re.is_nan() || z.im.is_nan() {
        return Ok(f64::NAN);
    }
    let r = z.re.hypot(z.im);
    if r.is_infinite() {
        return Err(vm.overflow_error("absolute value too large"));
    }
    Ok(r)
}

/// CPython's complex hash: the real part's hash plus 1000003 times the imaginary part's.
pub fn hash(z: ComplexData) -> i64 {
    let hr = hash_f64(z.re) as u64;
    let hi = hash_f64(z.im) as u64;
    let h = hr.wrapping_add(hi.wrapping_mul(1000003)) as i64;
    if h == -1 { -2 } else { h }
}

/// `z == other` for a number `other`; None when `other` is not a number.
pub fn eq(z: ComplexData, other: Value) -> Option<bool> {
    if let Some(o) = as_complex(&other) {
        return Some(z.re == o.re && z.im == o.im);
    }
    if let Some(f) = crate::objects::float::float_base_of(other) {
        return Some(z.im == 0.0 && z.re == f);
    }
    let i = crate::helpers::as_bigint(other)?;
    Some(
        z.im == 0.0
            && crate::ops::compare::int_float_cmp(&i, z.re) == Some(std::cmp::Ordering::Equal),
    )
}

/// A complex argument of a native (`cmath`): a complex, `__complex__`, or a real number
/// (`__float__`, `__index__`); else "must be real number, not str", as CPython says.
impl<'a> crate::native::FromArg<'a> for ComplexData {
    fn from_arg(vm: &mut Vm, v: &'a Value, _: &crate::native::Sig, _: usize) -> PyResult<Self> {
        to_complex(vm, *v)
    }
}

/// `v` as a complex number for a function that takes one (see the `FromArg` impl).
pub fn to_complex(vm: &mut Vm, v: Value) -> PyResult<ComplexData> {
    if let Some(z) = as_complex(&v) {
        return Ok(z);
    }
    if let Some(f) = vm.lookup_special(v, "__complex__") {
        let r = vm.call(f, &[v], &[])?;
        return match as_complex(&r) {
            Some(z) => Ok(z),
            None => {
                let tn = vm.type_name(r);
                Err(vm.type_error(format!("__complex__ returned non-complex (type {tn})")))
            }
        };
    }
    let re = crate::native::real_number(vm, v)?;
    Ok(ComplexData { re, im: 0.0 })
}

impl crate::native::IntoPy for ComplexData {
    fn into_py(self, vm: &mut Vm) -> PyResult {
        vm.new_complex(self.re, self.im)
    }
}
