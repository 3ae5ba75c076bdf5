//! `tuple` constructor and methods.
use crate::helpers::{arg_count, no_kwargs, unwrap_base, wrap_for_subclass};
use crate::objects::list_methods::{add_container_dunders, count_in, seq_reversed, start_stop};
use crate::objects::tuple::TupleData;
use crate::ops::containers::root_all;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

pub fn init(vm: &mut Vm) {
    let t = vm.rt.types.tuple;
    vm.set_new(t, tuple_new);
    vm.add_method(t, "index", tuple_index);
    vm.add_method(t, "count", tuple_count);
    vm.add_method(t, "__reversed__", seq_reversed);
    add_container_dunders(vm, t, false);
}

fn tuple_new(vm: &mut Vm, cls: Value, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult {
    no_kwargs(vm, "tuple", kwargs)?;
    arg_count(vm, "tuple", args, 0, 1)?;
    let builtin = !crate::types::type_data(cls).is_user;
    let t = match args.first() {
        Some(&it) if builtin && it.is::<TupleData>() => it,
        Some(&it) => {
            let items = vm.collect_iter(it)?;
            vm.new_tuple(items)?
        }
        None => vm.new_tuple(Vec::new())?,
    };
    wrap_for_subclass(vm, cls, t)
}

fn items_of(vm: &mut Vm, name: &str, args: &[Value]) -> PyResult<Vec<Value>> {
    let Some(s) = args.first() else {
        return Err(vm.type_error(format!("unbound method tuple.{name}() needs an argument")));
    };
    match unwrap_base::<TupleData>(s) {
        Some(t) => Ok(t.0.to_vec()),
        None => {
            let tn = vm.type_name(*s);
            Err(vm.type_error(format!(
                "descriptor '{name}' for 'tuple' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

fn tuple_index(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let items = items_of(vm, "index", args)?;
    no_kwargs(vm, "tuple.index", kw)?;
    arg_count(vm, "index", &args[1..], 1, 3)?;
    let (start, stop) = start_stop(vm, &args[2..], items.len())?;
    let x = args[1];
    let mark = vm.roots_len();
    root_all(vm, &items);
    let mut res = Ok(None);
    for (i, &it) in items.iter().enumerate().take(stop).skip(start) {
        match if it == x { Ok(true) } else { vm.eq(it, x) } {
            Ok(true) => {
                res = Ok(Some(i));
                break;
            }
            Ok(false) => {}
            Err(e) => {
                res = Err(e);
                break;
            }
        }
    }
    vm.truncate_roots(mark);
    match res? {
        Some(i) => vm.new_int(i as i64),
        None => Err(vm.value_error("tuple.index(x): x not in tuple")),
    }
}

fn tuple_count(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let items = items_of(vm, "count", args)?;
    no_kwargs(vm, "tuple.count", kw)?;
    arg_count(vm, "tuple.count", &args[1..], 1, 1)?;
    let n = count_in(vm, &items, args[1])?;
    vm.new_int(n as i64)
}
