//! `range` constructor and methods (`start`/`stop`/`step` are served by ops/attr.rs).
use crate::helpers::{as_int, no_kwargs};
use crate::objects::int::IntData;
use crate::objects::list_methods::{
    dunder_contains, dunder_iter, dunder_len, dunder_repr, seq_reversed,
};
use crate::objects::range::RangeData;
use crate::ops::containers::builtin_contains;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

pub fn init(vm: &mut Vm) {
    let t = vm.rt.types.range;
    vm.set_new(t, range_new);
    vm.add_method(t, "index", range_index);
    vm.add_method(t, "count", range_count);
    vm.add_method(t, "__len__", dunder_len);
    vm.add_method(t, "__repr__", dunder_repr);
    vm.add_method(t, "__contains__", dunder_contains);
    vm.add_method(t, "__iter__", dunder_iter);
    vm.add_method(t, "__reversed__", seq_reversed);
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

fn range_new(vm: &mut Vm, _cls: Value, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult {
    no_kwargs(vm, "range", kwargs)?;
    let (start, stop, step) = match args.len() {
        0 => return Err(vm.type_error("range expected at least 1 argument, got 0")),
        1 => (0, range_arg(vm, args[0])?, 1),
        2 => (range_arg(vm, args[0])?, range_arg(vm, args[1])?, 1),
        3 => {
            let (a, b, c) = (
                range_arg(vm, args[0])?,
                range_arg(vm, args[1])?,
                range_arg(vm, args[2])?,
            );
            if c == 0 {
                return Err(vm.value_error("range() arg 3 must not be zero"));
            }
            (a, b, c)
        }
        n => return Err(vm.type_error(format!("range expected at most 3 arguments, got {n}"))),
    };
    let ty = vm.rt.types.range;
    vm.alloc(ty, RangeData { start, stop, step })
}

fn range_self(vm: &mut Vm, name: &str, args: &[Value]) -> PyResult<(i64, i64, i64)> {
    match args.first().and_then(|r| r.downcast::<RangeData>()) {
        Some(r) if args.len() == 2 => Ok((r.start, r.stop, r.step)),
        Some(_) => Err(vm.type_error(format!(
            "range.{name}() takes exactly one argument ({} given)",
            args.len() - 1
        ))),
        None => Err(vm.type_error(format!(
            "descriptor '{name}' for 'range' objects needs a range"
        ))),
    }
}

fn range_index(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    no_kwargs(vm, "range.index", kw)?;
    let (start, _, step) = range_self(vm, "index", args)?;
    let x = args[1];
    if builtin_contains(vm, args[0], x)? == Some(true) {
        if let Some(i) = as_int(x) {
            // In i128: `i - start` and the quotient may not fit i64 (the fuzzer found
            // range(2**63-1, -2, -1).index(-1) panicking on the division).
            let k = (i as i128 - start as i128) / step as i128;
            return match i64::try_from(k) {
                Ok(k) => vm.new_int(k),
                Err(_) => vm.new_bigint(num_bigint::BigInt::from(k)),
            };
        }
        // Non-int equal to an element: find it by position.
        let n = args[0].downcast::<RangeData>().unwrap().len();
        for k in 0..n {
            let v = vm.new_int(start + k * step)?;
            if vm.eq(v, x)? {
                return vm.new_int(k);
            }
        }
    }
    let r = vm.repr(x)?;
    Err(vm.value_error(format!("{r} is not in range")))
}

fn range_count(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    no_kwargs(vm, "range.count", kw)?;
    let (start, _, step) = range_self(vm, "count", args)?;
    let x = args[1];
    if as_int(x).is_some() || x.is::<IntData>() {
        let c = builtin_contains(vm, args[0], x)? == Some(true);
        return vm.new_int(c as i64);
    }
    let n = args[0].downcast::<RangeData>().unwrap().len();
    let mut c = 0;
    for k in 0..n {
        let v = vm.new_int(start + k * step)?;
        if vm.eq(v, x)? {
            c += 1;
        }
    }
    vm.new_int(c)
}
