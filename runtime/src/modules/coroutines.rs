//! `_coroutines`: the native half of `types.coroutine` (frozen `types.py`); and the
//! coroutine settings of `sys`.
use super::{new_native_module, set_item};
use weft_vm::helpers::{arg_count, as_int};
use weft_vm::native::NativeDef;
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

const FUNCS: &[NativeDef] = &[NativeDef::raw("iterable_coroutine", iterable_coroutine)];

pub fn init(vm: &mut Vm) -> PyResult {
    new_native_module(vm, "_coroutines", FUNCS).map(|(m, _)| m)
}

/// `iterable_coroutine(genfunc)`: the generator function, its generators awaitable.
fn iterable_coroutine(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "iterable_coroutine", args, 1, 1)?;
    weft_vm::objects::coroutine::iterable_coroutine(vm, args[0])
}

/// `sys.set_coroutine_origin_tracking_depth` / `get_coroutine_origin_tracking_depth`.
const SYS_FUNCS: &[NativeDef] = &[
    NativeDef::raw("set_coroutine_origin_tracking_depth", set_depth),
    NativeDef::raw("get_coroutine_origin_tracking_depth", get_depth),
];

/// Add the coroutine functions to `sys` (its namespace `d`).
pub fn add_to_sys(vm: &mut Vm, d: Value) -> PyResult<()> {
    for def in SYS_FUNCS {
        let f = vm.new_native(def.name, "sys", def.f)?;
        set_item(vm, d, def.name, f)?;
    }
    Ok(())
}

fn set_depth(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let name = "set_coroutine_origin_tracking_depth";
    let depth = match (args, kw) {
        ([d], []) => *d,
        ([], [(k, d)]) if weft_vm::helpers::as_str(k) == Some("depth") => *d,
        _ if !kw.is_empty() => {
            return Err(vm.type_error(format!("{name}() got an unexpected keyword argument")));
        }
        _ => {
            arg_count(vm, name, args, 1, 1)?;
            unreachable!("one argument is the first arm")
        }
    };
    let Some(n) = as_int(depth) else {
        let tn = vm.type_name(depth);
        return Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")));
    };
    weft_vm::objects::coroutine::set_origin_tracking_depth(vm, n)?;
    Ok(Value::NONE)
}

fn get_depth(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "get_coroutine_origin_tracking_depth", args, 0, 0)?;
    vm.new_int(weft_vm::objects::coroutine::origin_tracking_depth() as i64)
}
