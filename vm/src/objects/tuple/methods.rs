//! `tuple` constructor and methods.
use crate::helpers::wrap_for_subclass;
use crate::objects::list::methods::{add_container_dunders, count_in, seq_reversed, start_stop};
use crate::objects::tuple::TupleData;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, root_scope};

pub fn init(vm: &mut Vm) {
    let t = vm.rt.types.tuple;
    vm.set_new(t, tuple_new.f);
    vm.add_methods(t, &[tuple_index, tuple_count, seq_reversed]);
    add_container_dunders(vm, t, false);
}

#[native(new, name = "tuple")]
fn tuple_new(vm: &mut Vm, cls: Value, iterable: Option<Value>) -> PyResult {
    let builtin = !crate::types::type_data(&cls).is_user;
    let t = match iterable {
        Some(it) if builtin && it.is::<TupleData>() => it,
        Some(it) => {
            let items = vm.collect_iter(it)?;
            vm.new_tuple(items)?
        }
        None => vm.new_tuple(Vec::new())?,
    };
    wrap_for_subclass(vm, cls, t)
}

#[native(name = "index")]
fn tuple_index(
    vm: &mut Vm,
    this: &TupleData,
    value: Value,
    start: Option<Value>,
    stop: Option<Value>,
) -> PyResult {
    let items = this.0.to_vec();
    let (start, stop) = start_stop(vm, start, stop, items.len())?;
    root_scope!(vm);
    vm.root_all(&items);
    for (i, &it) in items.iter().enumerate().take(stop).skip(start) {
        if it == value || vm.eq(it, value)? {
            return vm.new_int(i as i64);
        }
    }
    Err(vm.value_error("tuple.index(x): x not in tuple"))
}

#[native(name = "count")]
fn tuple_count(vm: &mut Vm, this: &TupleData, value: Value) -> PyResult<usize> {
    let items = this.0.to_vec();
    count_in(vm, &items, value)
}
