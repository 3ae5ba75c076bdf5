//! `complex(real=0, imag=0)` and the methods of complex numbers.
//!
//! The constructor accepts a string (alone), or a number or an object with `__complex__`
//! / `__float__` / `__index__` for each part; `complex(a, b)` is `a + b*1j` even when
//! `a` or `b` is complex. CPython 3.13's messages.
use super::{ComplexData, as_complex, c_abs, hash};
use crate::helpers::{as_str, wrap_for_subclass};
use crate::native::NativeDef;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use weft_macros::native;

/// `x.__complex__()` if its type has one (must return a complex).
fn via_dunder(vm: &mut Vm, x: Value) -> PyResult<Option<ComplexData>> {
    if x.is::<ComplexData>() {
        return Ok(None);
    }
    let Some(f) = vm.lookup_special(x, "__complex__") else {
        return Ok(None);
    };
    let r = vm.call(f, &[x], &[])?;
    match as_complex(&r) {
        Some(z) => Ok(Some(z)),
        None => {
            let tn = vm.type_name(r);
            Err(vm.type_error(format!("__complex__ returned non-complex (type {tn})")))
        }
    }
}

/// A constructor argument as a complex: a complex, `__complex__`, or a real number;
/// the flag says whether it was complex.
fn part(vm: &mut Vm, x: Value, first: bool) -> PyResult<(ComplexData, bool)> {
    if let Some(z) = via_dunder(vm, x)? {
        return Ok((z, true));
    }
    if let Some(z) = as_complex(&x) {
        return Ok((z, true));
    }
    let is_real = crate::helpers::as_bigint(x).is_some()
        || crate::objects::float::float_base_of(x).is_some()
        || vm.lookup_special(x, "__float__").is_some()
        || vm.lookup_special(x, "__index__").is_some();
    if !is_real {
        let tn = vm.type_name(x);
        return Err(vm.type_error(if first {
            format!("complex() first argument must be a string or a number, not '{tn}'")
        } else {
            format!("complex() second argument must be a number, not '{tn}'")
        }));
    }
    let re = crate::native::real_number(vm, x)?;
    Ok((ComplexData { re, im: 0.0 }, false))
}

/// complex(real=0, imag=0)
#[native(new, name = "complex")]
fn complex_new(
    vm: &mut Vm,
    cls: Value,
    #[kw] real: Option<Value>,
    #[kw] imag: Option<Value>,
) -> PyResult {
    if let Some(r) = real
        && let Some(s) = as_str(&r)
    {
        if imag.is_some() {
            return Err(vm.type_error("complex() can't take second arg if first is a string"));
        }
        let s = s.to_string();
        return match super::parse::parse_complex(&s) {
            Some((re, im)) => {
                let v = vm.new_complex(re, im)?;
                wrap_for_subclass(vm, cls, v)
            }
            None => Err(vm.value_error("complex() arg is a malformed string")),
        };
    }
    if let Some(i) = imag
        && as_str(&i).is_some()
    {
        return Err(vm.type_error("complex() second arg can't be a string"));
    }
    // complex(z) for an exact complex z is z itself.
    if imag.is_none()
        && cls == vm.rt.types.complex
        && let Some(r) = real
        && r.is::<ComplexData>()
    {
        return Ok(r);
    }
    let (a, a_complex) = match real {
        Some(r) => part(vm, r, true)?,
        None => (ComplexData { re: 0.0, im: 0.0 }, false),
    };
    // As CPython: a part adds in only when the argument was complex, so that
    // complex(0.0, -0.0) keeps the negative zero.
    let (re, im) = match imag {
        None => (a.re, a.im),
        Some(i) => {
            let (b, b_complex) = part(vm, i, false)?;
            let re = if b_complex { a.re - b.im } else { a.re };
            let im = if a_complex { b.re + a.im } else { b.re };
            (re, im)
        }
    };
    let v = vm.new_complex(re, im)?;
    wrap_for_subclass(vm, cls, v)
}

/// complex.conjugate()
#[native]
fn conjugate(vm: &mut Vm, this: &ComplexData) -> PyResult {
    vm.new_complex(this.re, -this.im)
}

/// complex.__complex__()
#[native]
fn __complex__(vm: &mut Vm, this: &ComplexData) -> PyResult {
    vm.new_complex(this.re, this.im)
}

/// complex.__getnewargs__()
#[native]
fn __getnewargs__(vm: &mut Vm, this: &ComplexData) -> PyResult {
    crate::root_scope!(vm);
    let re = vm.new_float(this.re)?;
    vm.root(re);
    let im = vm.new_float(this.im)?;
    vm.root(im);
    vm.new_tuple(vec![re, im])
}

/// complex.__repr__()
#[native]
fn __repr__(_vm: &mut Vm, this: &ComplexData) -> String {
    super::format::repr(*this)
}

/// complex.__hash__()
#[native]
fn __hash__(_vm: &mut Vm, this: &ComplexData) -> i64 {
    hash(*this)
}

/// complex.__bool__()
#[native]
fn __bool__(_vm: &mut Vm, this: &ComplexData) -> bool {
    this.re != 0.0 || this.im != 0.0
}

/// complex.__abs__()
#[native]
fn __abs__(vm: &mut Vm, this: &ComplexData) -> PyResult<f64> {
    c_abs(vm, *this)
}

/// complex.__neg__()
#[native]
fn __neg__(vm: &mut Vm, this: &ComplexData) -> PyResult {
    vm.new_complex(-this.re, -this.im)
}

/// complex.__pos__()
#[native]
fn __pos__(vm: &mut Vm, this: &ComplexData) -> PyResult {
    vm.new_complex(this.re, this.im)
}

/// complex.__eq__(other)
#[native]
fn __eq__(_vm: &mut Vm, this: &ComplexData, other: Value) -> Value {
    match super::eq(*this, other) {
        Some(b) => Value::bool(b),
        None => Value::NOT_IMPLEMENTED,
    }
}

/// complex.__ne__(other)
#[native]
fn __ne__(_vm: &mut Vm, this: &ComplexData, other: Value) -> Value {
    match super::eq(*this, other) {
        Some(b) => Value::bool(!b),
        None => Value::NOT_IMPLEMENTED,
    }
}

/// complex.__format__(spec)
#[native]
fn __format__(vm: &mut Vm, this: &ComplexData, spec: &str) -> PyResult<String> {
    if spec.is_empty() {
        return Ok(super::format::repr(*this));
    }
    super::format::format(*this, spec).map_err(|m| vm.value_error(m))
}

const METHODS: &[NativeDef] = &[
    conjugate,
    __complex__,
    __getnewargs__,
    __repr__,
    __hash__,
    __bool__,
    __abs__,
    __neg__,
    __pos__,
    __eq__,
    __ne__,
    __format__,
];

pub fn init(vm: &mut Vm) {
    let ty = vm.rt.types.complex;
    vm.set_new(ty, complex_new.f);
    vm.add_methods(ty, METHODS);
    crate::ops::num::register_dunders(
        vm,
        ty,
        &[
            "__add__",
            "__radd__",
            "__sub__",
            "__rsub__",
            "__mul__",
            "__rmul__",
            "__truediv__",
            "__rtruediv__",
            "__pow__",
            "__rpow__",
        ],
    );
}
