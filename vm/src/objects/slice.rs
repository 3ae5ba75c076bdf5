//! `slice` objects and index normalisation.
use crate::payload;
use crate::value::Value;

#[derive(crate::trace::Trace)]
pub struct SliceData {
    pub start: Value,
    pub stop: Value,
    pub step: Value,
}
payload!(SliceData, "slice");

/// `slice(stop)` / `slice(start, stop[, step])`.
fn slice_new(
    vm: &mut crate::vm::Vm,
    cls: Value,
    args: &[Value],
    kw: &[(Value, Value)],
) -> crate::vm::PyResult {
    crate::helpers::no_kwargs(vm, "slice", kw)?;
    let (start, stop, step) = match args.len() {
        1 => (Value::NONE, args[0], Value::NONE),
        2 => (args[0], args[1], Value::NONE),
        3 => (args[0], args[1], args[2]),
        0 => return Err(vm.type_error("slice expected at least 1 argument, got 0")),
        n => return Err(vm.type_error(format!("slice expected at most 3 arguments, got {n}"))),
    };
    vm.alloc(cls, SliceData { start, stop, step })
}

/// `slice.indices(length)`: the (start, stop, step) a sequence of that length uses.
fn slice_indices(
    vm: &mut crate::vm::Vm,
    args: &[Value],
    _kw: &[(Value, Value)],
) -> crate::vm::PyResult {
    let s = crate::helpers::self_arg::<SliceData>(vm, args, "indices", "slice")?;
    crate::helpers::arg_count(vm, "indices", &args[1..], 1, 1)?;
    let len = match crate::ops::containers::as_index(vm, args[1])? {
        Some(n) => n,
        None => {
            let tn = vm.type_name(args[1]);
            return Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")));
        }
    };
    if len < 0 {
        return Err(vm.value_error("length should not be negative"));
    }
    let (a, b, c) = crate::ops::containers::slice_indices(vm, s, len)?;
    let items = vec![vm.new_int(a)?, vm.new_int(b)?, vm.new_int(c)?];
    vm.new_tuple(items)
}

pub fn init(vm: &mut crate::vm::Vm) {
    let t = vm.rt.types.slice;
    vm.set_new(t, slice_new);
    vm.add_method(t, "indices", slice_indices);
}
