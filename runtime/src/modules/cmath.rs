//! The `cmath` module: elementary functions of complex numbers.
//!
//! The inverse functions use Kahan's formulas ("Branch Cuts for Complex Elementary
//! Functions"), built on a square root that keeps the sign of a zero imaginary part, so
//! the branch cuts lie where CPython puts them and are continuous from the side the sign
//! of zero says (`cmath.sqrt(complex(-4, -0.0)) == -2j`).
//!
//! Errors follow CPython's rule: ValueError "math domain error" when a NaN comes out of
//! non-NaN input (or at a singularity: log(0), atanh(±1)), OverflowError "math range
//! error" when an infinity comes out of finite input. CPython's tables of special values
//! for infinite and NaN inputs are not reproduced: such inputs give what the formulas
//! give.
use super::new_native_module;
use weft_vm::native;
use weft_vm::native::NativeDef;
use weft_vm::objects::complex::{ComplexData, c_div};
use weft_vm::value::Value;
use weft_vm::vm::{PyErr, PyResult, Vm};

type C = ComplexData;

fn c(re: f64, im: f64) -> C {
    ComplexData { re, im }
}

fn domain(vm: &mut Vm) -> PyErr {
    vm.value_error("math domain error")
}

fn range(vm: &mut Vm) -> PyErr {
    vm.overflow_error("math range error")
}

fn finite(z: C) -> bool {
    z.re.is_finite() && z.im.is_finite()
}

fn has_nan(z: C) -> bool {
    z.re.is_nan() || z.im.is_nan()
}

/// Apply CPython's error rule to `f(z) = r`.
fn checked(vm: &mut Vm, z: C, r: C) -> PyResult<C> {
    if has_nan(r) && !has_nan(z) {
        return Err(domain(vm));
    }
    if !(r.re.is_finite() && r.im.is_finite()) && finite(z) && !has_nan(r) {
        return Err(range(vm));
    }
    Ok(r)
}

// ------------------------------------------------------------ the formulas

/// The principal square root; a zero imaginary part's sign picks the side of the cut.
fn sqrt_c(z: C) -> C {
    if z.re == 0.0 && z.im == 0.0 {
        return c(0.0, z.im);
    }
    if z.im.is_infinite() {
        return c(f64::INFINITY, z.im);
    }
    if z.re.is_nan() || z.im.is_nan() {
        if z.re == f64::INFINITY {
            return c(f64::INFINITY, f64::NAN);
        }
        if z.re == f64::NEG_INFINITY {
            return c(f64::NAN, f64::INFINITY.copysign(z.im));
        }
        return c(f64::NAN, f64::NAN);
    }
    if z.re.is_infinite() {
        return if z.re > 0.0 {
            c(f64::INFINITY, 0.0f64.copysign(z.im))
        } else {
            c(0.0, f64::INFINITY.copysign(z.im))
        };
    }
    let (ax, ay) = (z.re.abs(), z.im.abs());
    // Scale tiny and huge values so hypot and the sum neither underflow nor overflow.
    let s = if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        let (sx, sy) = (ax * 2f64.powi(53), ay * 2f64.powi(53));
        ((sx + sx.hypot(sy)).sqrt() * 2f64.powi(-27)) / std::f64::consts::SQRT_2
    } else {
        let (hx, hy) = (ax / 8.0, ay / 8.0);
        2.0 * (hx + hx.hypot(hy)).sqrt()
    };
    let d = ay / (2.0 * s);
    if z.re >= 0.0 {
        c(s, d.copysign(z.im))
    } else {
        c(d, s.copysign(z.im))
    }
}

fn exp_c(z: C) -> C {
    if z.im == 0.0 {
        return c(z.re.exp(), z.im);
    }
    let l = z.re.exp();
    if l.is_infinite() && z.re.is_finite() {
        // exp(x) overflows while exp(x)*cos(y) might not.
        let l = (z.re - 1.0).exp();
        return c(
            z.im.cos() * l * std::f64::consts::E,
            z.im.sin() * l * std::f64::consts::E,
        );
    }
    c(l * z.im.cos(), l * z.im.sin())
}

fn log_c(z: C) -> C {
    let (ax, ay) = (z.re.abs(), z.im.abs());
    let re = if ax > f64::MAX / 4.0 || ay > f64::MAX / 4.0 {
        (ax / 2.0).hypot(ay / 2.0).ln() + std::f64::consts::LN_2
    } else if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        if ax > 0.0 || ay > 0.0 {
            (ax * 2f64.powi(53)).hypot(ay * 2f64.powi(53)).ln() - 53.0 * std::f64::consts::LN_2
        } else {
            f64::NEG_INFINITY
        }
    } else {
        let h = ax.hypot(ay);
        if (0.71..=1.73).contains(&h) {
            let (am, an) = if ax > ay { (ax, ay) } else { (ay, ax) };
            ((am - 1.0) * (am + 1.0) + an * an).ln_1p() / 2.0
        } else {
            h.ln()
        }
    };
    c(re, z.im.atan2(z.re))
}

fn cosh_c(z: C) -> C {
    c(z.re.cosh() * z.im.cos(), z.re.sinh() * z.im.sin())
}

fn sinh_c(z: C) -> C {
    c(z.re.sinh() * z.im.cos(), z.re.cosh() * z.im.sin())
}

fn tanh_c(z: C) -> C {
    if z.re.abs() > 354.0 {
        // tanh(x) is ±1 to double precision; the imaginary part decays like exp(-2|x|).
        return c(
            1.0f64.copysign(z.re),
            4.0 * z.im.sin() * z.im.cos() * (-2.0 * z.re.abs()).exp(),
        );
    }
    let tx = z.re.tanh();
    let ty = z.im.tan();
    let cx = 1.0 / z.re.cosh();
    let txty = tx * ty;
    let denom = 1.0 + txty * txty;
    c(tx * (1.0 + ty * ty) / denom, ((ty / denom) * cx) * cx)
}

/// Multiply by i: (x, y) -> (-y, x).
fn times_i(z: C) -> C {
    c(-z.im, z.re)
}

/// Multiply by -i: (x, y) -> (y, -x).
fn times_minus_i(z: C) -> C {
    c(z.im, -z.re)
}

fn asinh_c(z: C) -> C {
    let s1 = sqrt_c(c(1.0 + z.im, -z.re));
    let s2 = sqrt_c(c(1.0 - z.im, z.re));
    c(
        (s1.re * s2.im - s2.re * s1.im).asinh(),
        z.im.atan2(s1.re * s2.re - s1.im * s2.im),
    )
}

fn acos_c(z: C) -> C {
    let s1 = sqrt_c(c(1.0 - z.re, -z.im));
    let s2 = sqrt_c(c(1.0 + z.re, z.im));
    c(
        2.0 * s1.re.atan2(s2.re),
        (s2.re * s1.im - s2.im * s1.re).asinh(),
    )
}

fn acosh_c(z: C) -> C {
    let s1 = sqrt_c(c(z.re - 1.0, z.im));
    let s2 = sqrt_c(c(z.re + 1.0, z.im));
    c(
        (s1.re * s2.re + s1.im * s2.im).asinh(),
        2.0 * s1.im.atan2(s2.re),
    )
}

fn atanh_c(z: C) -> C {
    if z.re < 0.0 || (z.re == 0.0 && z.re.is_sign_negative()) {
        let r = atanh_c(c(-z.re, -z.im));
        return c(-r.re, -r.im);
    }
    let ay = z.im.abs();
    if z.re > 1e154 || ay > 1e154 {
        // Far from the origin atanh(z) is about 1/z + i*pi/2.
        let h = (z.re / 2.0).hypot(z.im / 2.0);
        return c(
            z.re / 4.0 / h / h,
            -(std::f64::consts::FRAC_PI_2.copysign(-z.im)),
        );
    }
    if z.re == 1.0 && ay < 1e-154 {
        if ay == 0.0 {
            return c(f64::INFINITY, z.im);
        }
        return c(
            -(ay.sqrt() / ay.hypot(2.0).sqrt()).ln(),
            (2.0f64.atan2(-ay) / 2.0).copysign(z.im),
        );
    }
    let one_minus = 1.0 - z.re;
    c(
        (4.0 * z.re / (one_minus * one_minus + ay * ay)).ln_1p() / 4.0,
        -(-2.0 * z.im).atan2(one_minus * (1.0 + z.re) - ay * ay) / 2.0,
    )
}

// ------------------------------------------------------------ the natives

macro_rules! unary {
    ($($name:ident => $f:expr;)*) => {
        $(
            #[native(owner = "cmath")]
            fn $name(vm: &mut Vm, z: ComplexData) -> PyResult<ComplexData> {
                let f: fn(C) -> C = $f;
                checked(vm, z, f(z))
            }
        )*
    };
}

unary! {
    sqrt => sqrt_c;
    exp => exp_c;
    cosh => cosh_c;
    sinh => sinh_c;
    tanh => tanh_c;
    cos => |z| cosh_c(times_i(z));
    sin => |z| times_minus_i(sinh_c(times_i(z)));
    tan => |z| times_minus_i(tanh_c(times_i(z)));
    asinh => asinh_c;
    asin => |z| times_minus_i(asinh_c(times_i(z)));
    acos => acos_c;
    acosh => acosh_c;
    atan => |z| times_minus_i(atanh_c(times_i(z)));
}

#[native(owner = "cmath")]
fn atanh(vm: &mut Vm, z: ComplexData) -> PyResult<ComplexData> {
    if z.im == 0.0 && z.re.abs() == 1.0 {
        return Err(domain(vm));
    }
    checked(vm, z, atanh_c(z))
}

fn log_checked(vm: &mut Vm, z: C) -> PyResult<C> {
    if z.re == 0.0 && z.im == 0.0 {
        return Err(domain(vm));
    }
    checked(vm, z, log_c(z))
}

/// cmath.log(x, base=e)
#[native(owner = "cmath")]
fn log(vm: &mut Vm, x: ComplexData, base: Option<ComplexData>) -> PyResult<ComplexData> {
    let l = log_checked(vm, x)?;
    match base {
        None => Ok(l),
        Some(b) => {
            let lb = log_checked(vm, b)?;
            match c_div(l, lb) {
                Some(r) => Ok(r),
                None => Err(vm.zero_division_error("complex division by zero")),
            }
        }
    }
}

#[native(owner = "cmath")]
fn log10(vm: &mut Vm, z: ComplexData) -> PyResult<ComplexData> {
    let l = log_checked(vm, z)?;
    Ok(c(
        l.re / std::f64::consts::LN_10,
        l.im / std::f64::consts::LN_10,
    ))
}

#[native(owner = "cmath")]
fn phase(_vm: &mut Vm, z: ComplexData) -> f64 {
    z.im.atan2(z.re)
}

#[native(owner = "cmath")]
fn polar(vm: &mut Vm, z: ComplexData) -> PyResult {
    let r = z.re.hypot(z.im);
    if r.is_infinite() && finite(z) {
        return Err(range(vm));
    }
    weft_vm::root_scope!(vm);
    let a = vm.new_float(r)?;
    vm.root(a);
    let p = vm.new_float(z.im.atan2(z.re))?;
    vm.root(p);
    vm.new_tuple(vec![a, p])
}

#[native(owner = "cmath")]
fn rect(vm: &mut Vm, r: f64, phi: f64) -> PyResult<ComplexData> {
    if r.is_finite() && phi.is_infinite() {
        return Err(domain(vm));
    }
    if phi == 0.0 {
        // Keep a zero imaginary part exact (and its sign) whatever r is.
        return Ok(c(r, if r.is_nan() { r } else { r * phi }));
    }
    if r == 0.0 && phi.is_finite() {
        return Ok(c(
            0.0f64.copysign(r) * phi.cos(),
            0.0f64.copysign(r) * phi.sin(),
        ));
    }
    Ok(c(r * phi.cos(), r * phi.sin()))
}

#[native(owner = "cmath")]
fn isfinite(_vm: &mut Vm, z: ComplexData) -> bool {
    finite(z)
}

#[native(owner = "cmath")]
fn isnan(_vm: &mut Vm, z: ComplexData) -> bool {
    has_nan(z)
}

#[native(owner = "cmath")]
fn isinf(_vm: &mut Vm, z: ComplexData) -> bool {
    z.re.is_infinite() || z.im.is_infinite()
}

/// cmath.isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)
#[native(owner = "cmath")]
fn isclose(
    vm: &mut Vm,
    #[kw] a: ComplexData,
    #[kw] b: ComplexData,
    #[kwonly]
    #[default(1e-9)]
    rel_tol: f64,
    #[kwonly]
    #[default(0.0)]
    abs_tol: f64,
) -> PyResult<bool> {
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(vm.value_error("tolerances must be non-negative"));
    }
    if a == b {
        return Ok(true);
    }
    if a.re.is_infinite() || a.im.is_infinite() || b.re.is_infinite() || b.im.is_infinite() {
        return Ok(false);
    }
    let diff = (a.re - b.re).hypot(a.im - b.im);
    let (ma, mb) = (a.re.hypot(a.im), b.re.hypot(b.im));
    Ok(diff <= rel_tol * mb || diff <= rel_tol * ma || diff <= abs_tol)
}

const FUNCS: &[NativeDef] = &[
    sqrt, exp, log, log10, cos, sin, tan, acos, asin, atan, cosh, sinh, tanh, acosh, asinh, atanh,
    phase, polar, rect, isfinite, isnan, isinf, isclose,
];

pub fn init(vm: &mut Vm) -> PyResult {
    let (m, d) = new_native_module(vm, "cmath", FUNCS)?;
    weft_vm::root_scope!(vm);
    vm.root(m);
    for (name, v) in [
        ("pi", std::f64::consts::PI),
        ("e", std::f64::consts::E),
        ("tau", std::f64::consts::TAU),
        ("inf", f64::INFINITY),
        ("nan", f64::NAN),
    ] {
        let f = vm.new_float(v)?;
        super::set_item(vm, d, name, f)?;
    }
    for (name, v) in [("infj", f64::INFINITY), ("nanj", f64::NAN)] {
        let z = vm.new_complex(0.0, v)?;
        super::set_item(vm, d, name, z)?;
    }
    let _: Value = m;
    Ok(m)
}
