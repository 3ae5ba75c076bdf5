//! `_coroutines`: the native half of `types.coroutine` (frozen `types.py`).
use super::new_native_module;
use weft_vm::helpers::arg_count;
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
