//! The `math` module: CPython's functions on floats and ints, with its errors
//! (ValueError "math domain error" for inputs outside a function's domain, OverflowError
//! "math range error" for results too large for a float).
use super::new_native_module;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use weft_vm::bytecode::BinOp;
use weft_vm::helpers::{arg_count, as_bigint, kwarg, no_kwargs};
use weft_vm::native;
use weft_vm::native::NativeDef;
use weft_vm::objects::float::methods::{float_via_dunders, int_to_f64};
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

const FUNCS: &[NativeDef] = &[
    sqrt,
    exp,
    exp2,
    expm1,
    log,
    NativeDef::raw("log2", log2),
    NativeDef::raw("log10", log10),
    NativeDef::raw("log1p", log1p),
    pow,
    sin,
    cos,
    tan,
    asin,
    acos,
    atan,
    NativeDef::raw("atan2", atan2),
    sinh,
    cosh,
    tanh,
    asinh,
    acosh,
    atanh,
    degrees,
    radians,
    fabs,
    NativeDef::raw("fmod", fmod),
    NativeDef::raw("remainder", remainder),
    NativeDef::raw("modf", modf),
    NativeDef::raw("frexp", frexp),
    NativeDef::raw("ldexp", ldexp),
    NativeDef::raw("copysign", copysign),
    NativeDef::raw("isfinite", isfinite),
    NativeDef::raw("isinf", isinf),
    NativeDef::raw("isnan", isnan),
    NativeDef::raw("isclose", isclose),
    NativeDef::raw("hypot", hypot),
    NativeDef::raw("dist", dist),
    erf,
    erfc,
    NativeDef::raw("gamma", gamma),
    NativeDef::raw("lgamma", lgamma),
    cbrt,
    NativeDef::raw("nextafter", nextafter),
    NativeDef::raw("ulp", ulp),
    NativeDef::raw("floor", floor),
    NativeDef::raw("ceil", ceil),
    NativeDef::raw("trunc", trunc),
    NativeDef::raw("factorial", factorial),
    NativeDef::raw("gcd", gcd),
    NativeDef::raw("lcm", lcm),
    NativeDef::raw("isqrt", isqrt),
    NativeDef::raw("comb", comb),
    perm,
    NativeDef::raw("prod", prod),
    NativeDef::raw("fsum", fsum),
];

pub fn init(vm: &mut Vm) -> PyResult {
    let (m, d) = new_native_module(vm, "math", FUNCS)?;
    weft_vm::root_scope!(vm);
    vm.root(m);
    (|| {
        for (name, v) in [
            ("pi", std::f64::consts::PI),
            ("e", std::f64::consts::E),
            ("tau", std::f64::consts::TAU),
            ("inf", f64::INFINITY),
            ("nan", f64::NAN),
        ] {
            let f = vm.new_float(v)?;
            let k = vm.intern(name);
            vm.dict_set(d, k, f)?;
        }
        Ok(m)
    })()
}

// ------------------------------------------------------------ argument conversion

/// A real-number argument as f64 (float, int, or an object with `__float__` /
/// `__index__`), or CPython's TypeError.
fn real(vm: &mut Vm, x: Value) -> PyResult<f64> {
    if let Some(f) = weft_vm::objects::float::float_of(x) {
        return Ok(f);
    }
    if let Some(i) = x.as_small_int() {
        return Ok(i as f64);
    }
    if let Some(b) = as_bigint(x) {
        return int_to_f64(vm, &b);
    }
    if let Some(f) = float_via_dunders(vm, x)? {
        return Ok(f);
    }
    let tn = vm.type_name(x);
    Err(vm.type_error(format!("must be real number, not {tn}")))
}

/// An integer argument (int, bool, `__index__`), or CPython's TypeError.
fn integer(vm: &mut Vm, x: Value) -> PyResult<BigInt> {
    if let Some(b) = as_bigint(x) {
        return Ok(b);
    }
    if let Some(f) = vm.lookup_special(x, "__index__") {
        let r = vm.call(f, &[x], &[])?;
        if let Some(b) = as_bigint(r) {
            return Ok(b);
        }
        let tn = vm.type_name(r);
        return Err(vm.type_error(format!("__index__ returned non-int (type {tn})")));
    }
    let tn = vm.type_name(x);
    Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")))
}

/// Exactly `n` positional arguments, no keywords, with CPython's messages
/// ("math.sqrt() takes exactly one argument (0 given)", "atan2 expected 2 arguments").
fn args_n<'a>(
    vm: &mut Vm,
    name: &str,
    args: &'a [Value],
    kw: &[(Value, Value)],
    n: usize,
) -> PyResult<&'a [Value]> {
    if kw.is_empty() && args.len() == n {
        return Ok(args);
    }
    // The messages name the function: formatted only when one is needed.
    no_kwargs(vm, name, kw)?;
    let shown = if n == 1 {
        format!("math.{name}")
    } else {
        name.to_string()
    };
    arg_count(vm, &shown, args, n, n)?;
    Ok(args)
}

fn domain(vm: &mut Vm) -> weft_vm::vm::PyErr {
    vm.value_error("math domain error")
}

fn range(vm: &mut Vm) -> weft_vm::vm::PyErr {
    vm.overflow_error("math range error")
}

/// Apply a libm-style function of one float with CPython's error rules: a NaN result
/// from a non-NaN input is a domain error; an infinite result from a finite input is a
/// range error (or a domain error, for poles such as log(0), when `pole_is_domain`).
fn unary(vm: &mut Vm, x: f64, f: fn(f64) -> f64, pole_is_domain: bool) -> PyResult<f64> {
    let r = f(x);
    check(vm, x, r, pole_is_domain)?;
    Ok(r)
}

fn check(vm: &mut Vm, x: f64, r: f64, pole_is_domain: bool) -> PyResult<()> {
    if r.is_nan() && !x.is_nan() {
        return Err(domain(vm));
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if pole_is_domain {
            domain(vm)
        } else {
            range(vm)
        });
    }
    Ok(())
}

macro_rules! unary_fns {
    ($($name:ident => $f:expr, $pole:expr;)*) => {
        $(
            #[native(owner = "math")]
            fn $name(vm: &mut Vm, x: f64) -> PyResult<f64> {
                unary(vm, x, $f, $pole)
            }
        )*
    };
}

unary_fns! {
    exp => f64::exp, false;
    exp2 => f64::exp2, false;
    expm1 => f64::exp_m1, false;
    sin => f64::sin, false;
    cos => f64::cos, false;
    tan => f64::tan, false;
    asin => f64::asin, false;
    acos => f64::acos, false;
    atan => f64::atan, false;
    sinh => f64::sinh, false;
    cosh => f64::cosh, false;
    tanh => f64::tanh, false;
    asinh => f64::asinh, false;
    acosh => f64::acosh, false;
    atanh => f64::atanh, true;
    fabs => f64::abs, false;
    erf => libm::erf, false;
    erfc => libm::erfc, false;
    cbrt => f64::cbrt, false;
    degrees => f64::to_degrees, false;
    radians => f64::to_radians, false;
}

#[native(owner = "math")]
fn sqrt(vm: &mut Vm, x: f64) -> PyResult<f64> {
    if x < 0.0 {
        return Err(domain(vm));
    }
    Ok(x.sqrt())
}

fn log1p(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let a = args_n(vm, "log1p", args, kw, 1)?;
    let x = real(vm, a[0])?;
    if x <= -1.0 {
        return Err(domain(vm));
    }
    vm.new_float(x.ln_1p())
}

fn gamma(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let a = args_n(vm, "gamma", args, kw, 1)?;
    let x = real(vm, a[0])?;
    if x == f64::NEG_INFINITY || (x <= 0.0 && x == x.floor()) {
        return Err(domain(vm));
    }
    let r = libm::tgamma(x);
    check(vm, x, r, false)?;
    vm.new_float(r)
}

fn lgamma(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let a = args_n(vm, "lgamma", args, kw, 1)?;
    let x = real(vm, a[0])?;
    if x <= 0.0 && x == x.floor() && x.is_finite() {
        return Err(domain(vm));
    }
    let r = libm::lgamma_r(x).0;
    check(vm, x, r, false)?;
    vm.new_float(r)
}

/// Natural log of any positive int or float; big ints beyond float range too.
fn ln_of(vm: &mut Vm, x: Value) -> PyResult<f64> {
    if weft_vm::objects::float::float_of(x).is_none()
        && let Some(b) = as_bigint(x)
    {
        if !b.is_positive() {
            return Err(domain(vm));
        }
        return Ok(match b.to_f64().filter(|f| f.is_finite()) {
            Some(f) => f.ln(),
            None => {
                // x = m * 2**e with m < 2**64: ln x = ln m + e ln 2.
                let e = b.bits().saturating_sub(64);
                let m = (&b >> e).to_f64().unwrap_or(f64::MAX);
                m.ln() + e as f64 * std::f64::consts::LN_2
            }
        });
    }
    let f = real(vm, x)?;
    if f.is_nan() {
        return Ok(f);
    }
    if f <= 0.0 {
        return Err(domain(vm));
    }
    Ok(f.ln())
}

#[native(name = "log")]
fn log(vm: &mut Vm, x: Value, base: Option<Value>) -> PyResult {
    let num = ln_of(vm, x)?;
    let r = match base.as_ref() {
        None => num,
        Some(&b) => {
            let den = ln_of(vm, b)?;
            if den == 0.0 {
                return Err(vm.zero_division_error("float division by zero"));
            }
            num / den
        }
    };
    vm.new_float(r)
}

fn log2(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let a = args_n(vm, "log2", args, kw, 1)?;
    let r = ln_of(vm, a[0])? / std::f64::consts::LN_2;
    // Exact powers of two give exact answers, as CPython's log2.
    let r = if (r - r.round()).abs() < 1e-12 {
        r.round()
    } else {
        r
    };
    vm.new_float(r)
}

fn log10(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let a = args_n(vm, "log10", args, kw, 1)?;
    let x = a[0];
    let r = match weft_vm::objects::float::float_of(x) {
        Some(f) if f > 0.0 => f.log10(),
        _ => ln_of(vm, x)? / std::f64::consts::LN_10,
    };
    let r = if (r - r.round()).abs() < 1e-12 {
        r.round()
    } else {
        r
    };
    vm.new_float(r)
}

fn two_reals(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: &[(Value, Value)],
) -> PyResult<(f64, f64)> {
    let a = args_n(vm, name, args, kw, 2)?;
    let x = real(vm, a[0])?;
    let y = real(vm, a[1])?;
    Ok((x, y))
}

#[native(owner = "math")]
fn pow(vm: &mut Vm, x: f64, y: f64) -> PyResult<f64> {
    if x == 0.0 && y < 0.0 && y.is_finite() {
        return Err(domain(vm));
    }
    if x < 0.0 && x.is_finite() && y.is_finite() && y != y.floor() {
        return Err(domain(vm));
    }
    let r = x.powf(y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(range(vm));
    }
    Ok(r)
}

fn atan2(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let (y, x) = two_reals(vm, "atan2", args, kw)?;
    vm.new_float(y.atan2(x))
}

fn fmod(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let (x, y) = two_reals(vm, "fmod", args, kw)?;
    if (x.is_infinite() && !y.is_nan()) || (y == 0.0 && !x.is_nan()) {
        return Err(domain(vm));
    }
    vm.new_float(x % y)
}

fn remainder(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let (x, y) = two_reals(vm, "remainder", args, kw)?;
    if (x.is_infinite() && !y.is_nan()) || (y == 0.0 && !x.is_nan()) {
        return Err(domain(vm));
    }
    vm.new_float(libm::remainder(x, y))
}

fn copysign(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let (x, y) = two_reals(vm, "copysign", args, kw)?;
    vm.new_float(x.copysign(y))
}

fn nextafter(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let (x, y) = two_reals(vm, "nextafter", args, kw)?;
    vm.new_float(libm::nextafter(x, y))
}

fn ulp(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let a = args_n(vm, "ulp", args, kw, 1)?;
    let x = real(vm, a[0])?.abs();
    let r = if x.is_nan() || x.is_infinite() {
        x
    } else if x == f64::MAX {
        x - libm::nextafter(x, 0.0)
    } else {
        libm::nextafter(x, f64::INFINITY) - x
    };
    vm.new_float(r)
}

fn modf(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let a = args_n(vm, "modf", args, kw, 1)?;
    let x = real(vm, a[0])?;
    let (frac, int) = if x.is_infinite() {
        (0.0f64.copysign(x), x)
    } else {
        (x.fract(), x.trunc())
    };
    float_pair(vm, frac, int)
}

fn float_pair(vm: &mut Vm, a: f64, b: f64) -> PyResult {
    let fa = vm.new_float(a)?;
    weft_vm::root_scope!(vm);
    vm.root(fa);
    let fb = vm.new_float(b);
    fb.and_then(|fb| vm.new_tuple(vec![fa, fb]))
}

fn frexp(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let a = args_n(vm, "frexp", args, kw, 1)?;
    let x = real(vm, a[0])?;
    let (m, e) = if x == 0.0 || !x.is_finite() {
        (x, 0)
    } else {
        libm::frexp(x)
    };
    let fm = vm.new_float(m)?;
    weft_vm::root_scope!(vm);
    vm.root(fm);
    let ie = vm.new_int(e as i64);
    ie.and_then(|ie| vm.new_tuple(vec![fm, ie]))
}

fn ldexp(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let a = args_n(vm, "ldexp", args, kw, 2)?;
    let x = real(vm, a[0])?;
    if weft_vm::objects::float::float_of(a[1]).is_some() {
        return Err(vm.type_error("Expected an int as second argument to ldexp."));
    }
    let e = integer(vm, a[1])?;
    let e = e
        .to_i64()
        .unwrap_or(if e.is_negative() { i64::MIN } else { i64::MAX });
    let e = e.clamp(-100_000, 100_000) as i32;
    let r = libm::scalbn(x, e);
    if r.is_infinite() && x.is_finite() {
        return Err(range(vm));
    }
    vm.new_float(r)
}

fn predicate(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: &[(Value, Value)],
    p: fn(f64) -> bool,
) -> PyResult {
    let a = args_n(vm, name, args, kw, 1)?;
    let x = real(vm, a[0])?;
    Ok(Value::bool(p(x)))
}

fn isfinite(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    predicate(vm, "isfinite", args, kw, f64::is_finite)
}
fn isinf(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    predicate(vm, "isinf", args, kw, f64::is_infinite)
}
fn isnan(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    predicate(vm, "isnan", args, kw, f64::is_nan)
}

fn isclose(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "isclose", args, 2, 2)?;
    let a = real(vm, args[0])?;
    let b = real(vm, args[1])?;
    let rel = match kwarg(kw, "rel_tol") {
        Some(v) => real(vm, v)?,
        None => 1e-9,
    };
    let abs = match kwarg(kw, "abs_tol") {
        Some(v) => real(vm, v)?,
        None => 0.0,
    };
    if rel < 0.0 || abs < 0.0 {
        return Err(vm.value_error("tolerances must be non-negative"));
    }
    if a == b {
        return Ok(Value::TRUE);
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(Value::FALSE);
    }
    let diff = (b - a).abs();
    let close = diff <= (rel * b).abs() || diff <= (rel * a).abs() || diff <= abs;
    Ok(Value::bool(close))
}

/// sqrt(sum of squares) without needless overflow (scaled by the largest magnitude).
fn norm(xs: &[f64]) -> f64 {
    if xs.iter().any(|x| x.is_infinite()) {
        return f64::INFINITY;
    }
    if xs.iter().any(|x| x.is_nan()) {
        return f64::NAN;
    }
    let max = xs.iter().fold(0.0f64, |m, x| m.max(x.abs()));
    if max == 0.0 {
        return 0.0;
    }
    let sum: f64 = xs.iter().map(|x| (x / max) * (x / max)).sum();
    max * sum.sqrt()
}

fn hypot(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    no_kwargs(vm, "hypot", kw)?;
    let xs = args
        .iter()
        .map(|&a| real(vm, a))
        .collect::<PyResult<Vec<f64>>>()?;
    let r = if xs.len() == 2 {
        xs[0].hypot(xs[1])
    } else {
        norm(&xs)
    };
    vm.new_float(r)
}

fn dist(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let a = args_n(vm, "dist", args, kw, 2)?;
    let p = coords(vm, a[0])?;
    let q = coords(vm, a[1])?;
    if p.len() != q.len() {
        return Err(vm.value_error("both points must have the same number of dimensions"));
    }
    let d: Vec<f64> = p.iter().zip(&q).map(|(x, y)| x - y).collect();
    vm.new_float(norm(&d))
}

fn coords(vm: &mut Vm, v: Value) -> PyResult<Vec<f64>> {
    let items = vm.collect_iter(v)?;
    vm.with_root(v, |vm| items.iter().map(|&x| real(vm, x)).collect())
}

// ------------------------------------------------------------ float -> int

/// `math.floor`/`ceil`/`trunc`: ints are returned as they are, floats rounded, other
/// objects asked through their `dunder`.
fn to_integral(
    vm: &mut Vm,
    name: &str,
    dunder: &str,
    args: &[Value],
    kw: &[(Value, Value)],
    round: fn(f64) -> f64,
) -> PyResult {
    let a = args_n(vm, name, args, kw, 1)?;
    let x = a[0];
    if let Some(f) = weft_vm::objects::float::float_of(x) {
        return float_to_int(vm, round(f));
    }
    if let Some(b) = as_bigint(x) {
        return vm.new_bigint(b);
    }
    if let Some(f) = vm.lookup_special(x, dunder) {
        return vm.call(f, &[x], &[]);
    }
    if dunder == "__trunc__" {
        let tn = vm.type_name(x);
        return Err(vm.type_error(format!("type {tn} doesn't define __trunc__ method")));
    }
    let f = real(vm, x)?;
    float_to_int(vm, round(f))
}

fn float_to_int(vm: &mut Vm, f: f64) -> PyResult {
    if f.is_nan() {
        return Err(vm.value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(vm.overflow_error("cannot convert float infinity to integer"));
    }
    if f.abs() < 9.0e15 {
        return vm.new_int(f as i64);
    }
    let b = num_bigint::BigInt::from(f as i128);
    let b = if f.abs() < 1.0e38 {
        b
    } else {
        // Exact for any finite float: mantissa * 2**exponent.
        let (m, e) = libm::frexp(f);
        let mant = BigInt::from((m * (1u64 << 53) as f64) as i64);
        mant << (e - 53) as usize
    };
    vm.new_bigint(b)
}

fn floor(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    to_integral(vm, "floor", "__floor__", args, kw, f64::floor)
}
fn ceil(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    to_integral(vm, "ceil", "__ceil__", args, kw, f64::ceil)
}
fn trunc(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    to_integral(vm, "trunc", "__trunc__", args, kw, f64::trunc)
}

// ------------------------------------------------------------ integer functions

fn factorial(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let a = args_n(vm, "factorial", args, kw, 1)?;
    let n = integer(vm, a[0])?;
    if n.is_negative() {
        return Err(vm.value_error("factorial() not defined for negative values"));
    }
    let Some(n) = n.to_u64().filter(|&n| n <= 1_000_000) else {
        return Err(vm.overflow_error("factorial() argument should not exceed 1000000"));
    };
    vm.new_bigint(product(1, n + 1))
}

/// lo * (lo+1) * ... * (hi-1), by halves (balanced products are much faster for big n).
fn product(lo: u64, hi: u64) -> BigInt {
    if hi <= lo {
        return BigInt::one();
    }
    if hi - lo <= 16 {
        return (lo..hi).fold(BigInt::one(), |acc, k| acc * k);
    }
    let mid = lo + (hi - lo) / 2;
    product(lo, mid) * product(mid, hi)
}

fn ints(vm: &mut Vm, name: &str, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Vec<BigInt>> {
    no_kwargs(vm, name, kw)?;
    args.iter().map(|&a| integer(vm, a)).collect()
}

fn gcd(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let xs = ints(vm, "gcd", args, kw)?;
    let g = xs.iter().fold(BigInt::zero(), |g, x| g.gcd(x));
    vm.new_bigint(g)
}

fn lcm(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let xs = ints(vm, "lcm", args, kw)?;
    let l = xs.iter().fold(BigInt::one(), |l, x| {
        if l.is_zero() || x.is_zero() {
            BigInt::zero()
        } else {
            l.lcm(x)
        }
    });
    vm.new_bigint(l.abs())
}

fn isqrt(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let a = args_n(vm, "isqrt", args, kw, 1)?;
    let n = integer(vm, a[0])?;
    if n.is_negative() {
        return Err(vm.value_error("isqrt() argument must be nonnegative"));
    }
    vm.new_bigint(n.sqrt())
}

fn comb(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let a = args_n(vm, "comb", args, kw, 2)?;
    let n = integer(vm, a[0])?;
    let k = integer(vm, a[1])?;
    if n.is_negative() {
        return Err(vm.value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(vm.value_error("k must be a non-negative integer"));
    }
    if k > n {
        return vm.new_int(0);
    }
    let k = std::cmp::min(k.clone(), &n - &k);
    let Some(k) = k.to_u64() else {
        return Err(vm.overflow_error("min(n - k, k) must not exceed 9223372036854775807"));
    };
    let mut r = BigInt::one();
    for i in 0..k {
        r = r * (&n - i) / (i + 1);
    }
    vm.new_bigint(r)
}

#[native(name = "perm")]
fn perm(vm: &mut Vm, n_arg: Value, k_arg: Option<Value>) -> PyResult {
    let n = integer(vm, n_arg)?;
    let k = match k_arg.as_ref() {
        Some(v) if !v.is_none() => integer(vm, *v)?,
        _ => n.clone(),
    };
    if n.is_negative() {
        return Err(vm.value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(vm.value_error("k must be a non-negative integer"));
    }
    if k > n {
        return vm.new_int(0);
    }
    let Some(k) = k.to_u64() else {
        return Err(vm.overflow_error("k must not exceed 9223372036854775807"));
    };
    let mut r = BigInt::one();
    for i in 0..k {
        r *= &n - i;
    }
    vm.new_bigint(r)
}

/// `prod(iterable, *, start=1)` with Python multiplication.
fn prod(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "prod", args, 1, 1)?;
    let mut acc = match kwarg(kw, "start") {
        Some(v) => v,
        None => Value::small_int(1).expect("1 is small"),
    };
    let items = vm.collect_iter(args[0])?;
    weft_vm::root_scope!(vm);
    for &it in &items {
        vm.root(it);
    }
    (|| {
        for &it in &items {
            acc = vm.binary_op(acc, it, BinOp::Mul)?;
            vm.root(acc);
        }
        Ok(acc)
    })()
}

/// `fsum`: the exact sum of the floats, rounded once (Shewchuk's partial sums).
fn fsum(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let a = args_n(vm, "fsum", args, kw, 1)?;
    let items = vm.collect_iter(a[0])?;
    let xs: PyResult<Vec<f64>> =
        vm.with_root(a[0], |vm| items.iter().map(|&x| real(vm, x)).collect());
    let xs = xs?;
    let mut special = 0.0;
    let mut partials: Vec<f64> = Vec::new();
    for x in xs {
        if !x.is_finite() {
            special += x;
            continue;
        }
        let mut x = x;
        let mut kept = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[kept] = lo;
                kept += 1;
            }
            x = hi;
        }
        partials.truncate(kept);
        partials.push(x);
    }
    if special != 0.0 || special.is_nan() {
        if special.is_nan() {
            return Err(vm.value_error("-inf + inf in fsum"));
        }
        return vm.new_float(special);
    }
    vm.new_float(round_partials(&partials))
}

/// Sum the non-overlapping partials (ascending magnitude) with correct rounding.
fn round_partials(p: &[f64]) -> f64 {
    let Some(mut n) = p.len().checked_sub(1) else {
        return 0.0;
    };
    let mut hi = p[n];
    let mut lo = 0.0;
    while n > 0 {
        n -= 1;
        let x = hi;
        let y = p[n];
        hi = x + y;
        let yr = hi - x;
        lo = y - yr;
        if lo != 0.0 {
            break;
        }
    }
    // Half-way case: the next partial decides the rounding direction.
    if n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)) {
        let y = lo * 2.0;
        let x = hi + y;
        if y == x - hi {
            hi = x;
        }
    }
    hi
}
