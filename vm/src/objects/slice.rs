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
#[crate::native(new, name = "slice")]
fn slice_new(
    vm: &mut crate::vm::Vm,
    cls: Value,
    first: Value,
    second: Option<Value>,
    step: Option<Value>,
) -> crate::vm::PyResult {
    let (start, stop) = match second {
        None => (Value::NONE, first),
        Some(stop) => (first, stop),
    };
    let step = step.unwrap_or(Value::NONE);
    vm.alloc(cls, SliceData { start, stop, step })
}

/// `slice.indices(length)`: the (start, stop, step) a sequence of that length uses.
#[crate::native(name = "indices", owner = "slice")]
fn slice_indices(vm: &mut crate::vm::Vm, this: &SliceData, length: Value) -> crate::vm::PyResult {
    let s = this;
    let len = match crate::ops::containers::as_index(vm, length)? {
        Some(n) => n,
        None => {
            let tn = vm.type_name(length);
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
    vm.set_new(t, slice_new.f);
    vm.add_methods(t, &[slice_indices]);
}
