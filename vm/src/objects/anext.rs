//! The `aiter()` and `anext()` builtins, and the awaitable `anext(it, default)` returns.
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
fn b_aiter(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    crate::helpers::no_kwargs(vm, "aiter", kw)?;
    crate::helpers::arg_count(vm, "aiter", args, 1, 1)?;
    let obj = args[0];
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
fn b_anext(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    crate::helpers::no_kwargs(vm, "anext", kw)?;
    crate::helpers::arg_count(vm, "anext", args, 1, 2)?;
    let it = args[0];
    let Some(f) = vm.lookup_special(it, "__anext__") else {
        let tn = vm.type_name(it);
        return Err(vm.type_error(format!("'{tn}' object is not an async iterator")));
    };
    let aw = vm.call(f, &[it], &[])?;
    let Some(&default) = args.get(1) else {
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

fn this<'a>(vm: &mut Vm, args: &'a [Value], method: &str) -> PyResult<&'a AnextAwaitable> {
    crate::helpers::self_arg::<AnextAwaitable>(vm, args, method, "anext_awaitable")
}

fn shown(vm: &mut Vm, r: PyResult<Result<Value, Value>>) -> PyResult {
    match r? {
        Err(y) => Ok(y),
        Ok(v) => Err(generator::stop_with(vm, v)),
    }
}

fn aw_send(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    this(vm, args, "send")?;
    crate::helpers::arg_count(vm, "send", &args[1..], 1, 1)?;
    let r = step(vm, args[0], args[1], None);
    shown(vm, r)
}

fn aw_next(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    this(vm, args, "__next__")?;
    let r = step(vm, args[0], Value::NONE, None);
    shown(vm, r)
}

fn aw_throw(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    this(vm, args, "throw")?;
    crate::helpers::arg_count(vm, "throw", &args[1..], 1, 3)?;
    let t = crate::objects::coroutine::thrown_from(&args[1..]);
    let r = step(vm, args[0], Value::NONE, Some(t));
    shown(vm, r)
}

fn aw_close(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let a = this(vm, args, "close")?;
    let inner = a.inner;
    match vm.lookup_special(inner, "close") {
        Some(f) => vm.call(f, &[inner], &[]).map(|_| Value::NONE),
        None => Ok(Value::NONE),
    }
}

fn aw_self(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    this(vm, args, "__await__")?;
    Ok(args[0])
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
    vm.add_method(t, "send", aw_send);
    vm.add_method(t, "__next__", aw_next);
    vm.add_method(t, "throw", aw_throw);
    vm.add_method(t, "close", aw_close);
    vm.add_method(t, "__iter__", aw_self);
    vm.add_method(t, "__await__", aw_self);
    for (name, f) in [
        ("aiter", b_aiter as crate::native::NativeFn),
        ("anext", b_anext),
    ] {
        let func = vm.new_native(name, "builtins", f).expect("start-up");
        let key = vm.intern(name);
        vm.dict_set(builtins, key, func).expect("start-up");
    }
}
