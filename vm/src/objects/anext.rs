//! The `aiter()` and `anext()` builtins, and the awaitable `anext(it, default)` returns.
use crate::native;
use crate::native::This;
use crate::objects::generator::{self, Thrown};
use crate::payload;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// `anext(it, default)`: awaits `it.__anext__()`, giving `default` at its end.
#[derive(crate::trace::Trace)]
pub struct AnextAwaitable {
    /// The iterator awaiting `it.__anext__()` delegates to.
    inner: Value,
    default: Value,
}
payload!(AnextAwaitable, "anext_awaitable");

/// `aiter(obj)`.
#[native(name = "aiter")]
fn b_aiter(vm: &mut Vm, obj: Value) -> PyResult {
    let Some(f) = vm.lookup_special(obj, "__aiter__") else {
        let tn = vm.type_name(obj);
        return Err(vm.type_error(format!("'{tn}' object is not an async iterable")));
    };
    let it = vm.call(f, &[obj], &[])?;
    if vm.lookup_special(it, "__anext__").is_none() {
        let tn = vm.type_name(it);
        return Err(vm.type_error(format!(
            "aiter() returned not an async iterator of type '{tn}'"
        )));
    }
    Ok(it)
}

/// `anext(it[, default])`.
#[native(name = "anext")]
fn b_anext(vm: &mut Vm, it: Value, default: Option<Value>) -> PyResult {
    let Some(f) = vm.lookup_special(it, "__anext__") else {
        let tn = vm.type_name(it);
        return Err(vm.type_error(format!("'{tn}' object is not an async iterator")));
    };
    let aw = vm.call(f, &[it], &[])?;
    let Some(default) = default else {
        return Ok(aw);
    };
    let inner = vm.with_root(aw, |vm| crate::objects::coroutine::get_awaitable(vm, aw, 0))?;
    let ty = vm.rt.types.anext_awaitable;
    vm.alloc(ty, AnextAwaitable { inner, default })
}

/// One step: Ok(Err(v)) pass v up, Ok(Ok(v)) the await is over with v.
fn step(
    vm: &mut Vm,
    me: Value,
    sent: Value,
    throw: Option<Thrown>,
) -> PyResult<Result<Value, Value>> {
    let a = me.downcast::<AnextAwaitable>().expect("anext_awaitable");
    let r = match throw {
        None => generator::delegate(vm, a.inner, sent),
        Some(t) => generator::throw_sub(vm, a.inner, t),
    };
    match r {
        Err(e) if vm.err_is(&e, vm.rt.types.exc.stop_async_iteration) => Ok(Ok(a.default)),
        r => r,
    }
}

fn shown(vm: &mut Vm, r: PyResult<Result<Value, Value>>) -> PyResult {
    match r? {
        Err(y) => Ok(y),
        Ok(v) => Err(generator::stop_with(vm, v)),
    }
}

#[native(name = "send")]
fn aw_send(vm: &mut Vm, this: This<AnextAwaitable>, value: Value) -> PyResult {
    let r = step(vm, this.obj, value, None);
    shown(vm, r)
}

#[native(name = "__next__", style = slot)]
fn aw_next(vm: &mut Vm, this: This<AnextAwaitable>) -> PyResult {
    let r = step(vm, this.obj, Value::NONE, None);
    shown(vm, r)
}

#[native(name = "throw")]
fn aw_throw(
    vm: &mut Vm,
    this: This<AnextAwaitable>,
    typ: Value,
    val: Option<Value>,
    _tb: Option<Value>,
) -> PyResult {
    let t = Thrown::new(typ, val.unwrap_or(Value::NULL));
    let r = step(vm, this.obj, Value::NONE, Some(t));
    shown(vm, r)
}

#[native(name = "close")]
fn aw_close(vm: &mut Vm, this: &AnextAwaitable) -> PyResult {
    let inner = this.inner;
    match vm.lookup_special(inner, "close") {
        Some(f) => vm.call(f, &[inner], &[]).map(|_| Value::NONE),
        None => Ok(Value::NONE),
    }
}

#[native(name = "__await__", style = slot)]
fn aw_self(_vm: &mut Vm, this: This<AnextAwaitable>) -> Value {
    this.obj
}

/// `YieldFrom` on an `anext_awaitable`: step it directly.
pub fn delegate_native(
    vm: &mut Vm,
    it: Value,
    sent: Value,
) -> Option<PyResult<Result<Value, Value>>> {
    it.is::<AnextAwaitable>().then(|| step(vm, it, sent, None))
}

pub fn init(vm: &mut Vm, builtins: Value) {
    let t = vm.rt.types.anext_awaitable;
    vm.add_methods(t, &[aw_send, aw_next, aw_throw, aw_close, aw_self]);
    vm.add_method(t, "__iter__", aw_self.f);
    for d in [b_aiter, b_anext] {
        let func = vm.new_native(d.name, "builtins", d.f).expect("start-up");
        let key = vm.intern(d.name);
        vm.dict_set(builtins, key, func).expect("start-up");
    }
}
