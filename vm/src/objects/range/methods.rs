//! `range` constructor and methods (`start`/`stop`/`step` are served by ops/attr.rs).
use crate::helpers::as_int;
use crate::native;
use crate::native::This;
use crate::objects::int::IntData;
use crate::objects::list::methods::{
    dunder_contains, dunder_iter, dunder_len, dunder_repr, seq_reversed,
};
use crate::objects::range::RangeData;
use crate::ops::containers::builtin_contains;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

pub fn init(vm: &mut Vm) {
    let t = vm.rt.types.range;
    vm.set_new(t, range_new);
    vm.add_methods(
        t,
        &[
            range_index,
            range_count,
            dunder_len,
            dunder_repr,
            dunder_contains,
            dunder_iter,
            seq_reversed,
        ],
    );
}

/// A range argument as i64 (ints, bools, `__index__`), with CPython's errors.
fn range_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if let Some(i) = as_int(v) {
        return Ok(i);
    }
    if v.is::<IntData>() {
        return Err(vm.overflow_error("Python int too large to convert to C ssize_t"));
    }
    match crate::ops::containers::as_index(vm, v) {
        Ok(Some(i)) => Ok(i),
        Ok(None) => Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(v)
        ))),
        Err(e) => Err(e),
    }
}

/// `range(stop)`, the common call, builds at once; every other call binds through the
/// declared constructor below (as `str_new`).
fn range_new(vm: &mut Vm, cls: Value, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    if let ([stop], []) = (args, kw) {
        let stop = range_arg(vm, *stop)?;
        let ty = vm.rt.types.range;
        return vm.alloc(
            ty,
            RangeData {
                start: 0,
                stop,
                step: 1,
            },
        );
    }
    (range_new_bound.f)(vm, cls, args, kw)
}

/// range(stop, /) or range(start, stop, step=1, /)
#[native(new, name = "range")]
fn range_new_bound(
    vm: &mut Vm,
    cls: Value,
    start_or_stop: Value,
    stop: Option<Value>,
    step: Option<Value>,
) -> PyResult {
    let _ = cls;
    let (start, stop, step) = match (stop, step) {
        (None, _) => (0, range_arg(vm, start_or_stop)?, 1),
        (Some(b), None) => (range_arg(vm, start_or_stop)?, range_arg(vm, b)?, 1),
        (Some(b), Some(c)) => {
            let (a, b, c) = (
                range_arg(vm, start_or_stop)?,
                range_arg(vm, b)?,
                range_arg(vm, c)?,
            );
            if c == 0 {
                return Err(vm.value_error("range() arg 3 must not be zero"));
            }
            (a, b, c)
        }
    };
    let ty = vm.rt.types.range;
    vm.alloc(ty, RangeData { start, stop, step })
}

#[native(name = "index")]
fn range_index(vm: &mut Vm, this: This<RangeData>, value: Value) -> PyResult {
    let (start, step) = (this.start, this.step);
    if builtin_contains(vm, this.v, value)? == Some(true) {
        if let Some(i) = as_int(value) {
            // In i128: `i - start` and the quotient may not fit i64 (the fuzzer found
            // range(2**63-1, -2, -1).index(-1) panicking on the division).
            let k = (i as i128 - start as i128) / step as i128;
            return match i64::try_from(k) {
                Ok(k) => vm.new_int(k),
                Err(_) => vm.new_bigint(num_bigint::BigInt::from(k)),
            };
        }
        // Non-int equal to an element: find it by position.
        for k in 0..this.len() {
            let v = vm.new_int(start + k * step)?;
            if vm.eq(v, value)? {
                return vm.new_int(k);
            }
        }
    }
    let r = vm.repr(value)?;
    Err(vm.value_error(format!("{r} is not in range")))
}

#[native(name = "count")]
fn range_count(vm: &mut Vm, this: This<RangeData>, value: Value) -> PyResult {
    let (start, step) = (this.start, this.step);
    if as_int(value).is_some() || value.is::<IntData>() {
        let c = builtin_contains(vm, this.v, value)? == Some(true);
        return vm.new_int(c as i64);
    }
    let mut c = 0;
    for k in 0..this.len() {
        let v = vm.new_int(start + k * step)?;
        if vm.eq(v, value)? {
            c += 1;
        }
    }
    vm.new_int(c)
}
