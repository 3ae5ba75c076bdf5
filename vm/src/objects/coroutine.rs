//! Coroutines (`async def` without `yield`) and what `await` accepts.
//!
//! A coroutine is a `GenData` of kind `Coroutine` with the `coroutine` type: the same
//! suspended frame, resumed by `send`/`throw`/`close`, that `await` drives through
//! `YieldFrom` delegation. It is not iterable; `__await__` hands out a
//! `coroutine_wrapper`, an iterator over the same coroutine.
//!
//! Generators share the read-only attributes (`gi_*` / `cr_*` / `ag_*`), so they are
//! defined here once for the three kinds.
use crate::bytecode::code_flags;
use crate::native::NativeDef;
use crate::objects::code::CodeObj;
use crate::objects::generator::{self, GenData, GenKind, Thrown};
use crate::payload;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use weft_macros::native;

/// `coro.__await__()`: iterating it runs the coroutine.
#[derive(crate::trace::Trace)]
pub struct CoroWrapper {
    pub coro: Value,
}
payload!(CoroWrapper, "coroutine_wrapper");

/// Is `v` a plain generator made awaitable by `types.coroutine`?
fn is_iterable_coroutine(v: Value) -> bool {
    generator::gen_like(&v).is_some_and(|g| {
        g.kind == GenKind::Generator
            && g.code
                .downcast::<CodeObj>()
                .is_some_and(|c| c.code.flags & code_flags::ITERABLE_COROUTINE != 0)
    })
}

/// Is `v` something `await` takes as it is (a coroutine, or a generator-based one)?
pub fn is_native_awaitable(v: Value) -> bool {
    generator::gen_like(&v).is_some_and(|g| g.kind == GenKind::Coroutine)
        || is_iterable_coroutine(v)
}

/// `GetAwaitable(where)`: the iterator `await obj` delegates to. `place` is 0 for
/// `await`, 1 for the result of `__aenter__`, 2 for that of `__aexit__` (CPython words
/// the TypeError by it).
pub fn get_awaitable(vm: &mut Vm, obj: Value, place: u32) -> PyResult {
    if let Some(g) = generator::gen_like(&obj) {
        if g.kind == GenKind::Coroutine {
            if g.awaiting().is_some() {
                return Err(vm.runtime_error("coroutine is being awaited already"));
            }
            return Ok(obj);
        }
        if is_iterable_coroutine(obj) {
            return Ok(obj);
        }
    }
    let ty = vm.type_of(obj);
    let t = &vm.rt.types;
    if ty == t.async_gen_asend
        || ty == t.async_gen_athrow
        || ty == t.coroutine_wrapper
        || ty == t.anext_awaitable
    {
        return Ok(obj);
    }
    let Some(await_fn) = vm.lookup_special(obj, "__await__") else {
        let tn = vm.type_name(obj);
        return Err(vm.type_error(match place {
            1 => format!(
                "'async with' received an object from __aenter__ that does not implement __await__: {tn}"
            ),
            2 => format!(
                "'async with' received an object from __aexit__ that does not implement __await__: {tn}"
            ),
            _ => format!("object {tn} can't be used in 'await' expression"),
        }));
    };
    let it = vm.call(await_fn, &[obj], &[])?;
    if is_native_awaitable(it) {
        return Err(vm.type_error("__await__() returned a coroutine"));
    }
    if generator::gen_like(&it).is_none() && vm.lookup_special(it, "__next__").is_none() {
        let tn = vm.type_name(it);
        return Err(vm.type_error(format!("__await__() returned non-iterator of type '{tn}'")));
    }
    Ok(it)
}

// ---------------------------------------------------------------- coroutine methods

#[native(name = "__await__")]
fn coro_await(vm: &mut Vm, this: Value) -> PyResult {
    if !this.is::<GenData>() {
        return Err(vm.type_error("descriptor '__await__' requires a 'coroutine' object"));
    }
    let ty = vm.rt.types.coroutine_wrapper;
    vm.alloc(ty, CoroWrapper { coro: this })
}

/// Run by the collector's finaliser queue for a coroutine that died never started:
/// CPython's "coroutine ... was never awaited" RuntimeWarning.
#[native(name = "__del__")]
fn coro_del(vm: &mut Vm, this: Value) -> PyResult<()> {
    let Some(g) = this.downcast::<GenData>() else {
        return Ok(());
    };
    if g.kind != GenKind::Coroutine || !g.is_unstarted() {
        return Ok(());
    }
    let name = crate::helpers::as_str(&g.name).unwrap_or("?").to_string();
    let msg = vm.new_str(&format!("coroutine '{name}' was never awaited"))?;
    crate::root_scope!(vm);
    vm.root(msg);
    let warnings = vm.import_module("warnings")?;
    let warn = vm.with_root(warnings, |vm| vm.getattr_str(warnings, "warn"))?;
    vm.root(warn);
    let cat = vm.rt.types.exc.runtime_warning;
    let two = Value::small_int(2).expect("small");
    vm.call(warn, &[msg, cat, two], &[]).map(|_| ())
}

// ---------------------------------------------------------------- coroutine_wrapper

fn wrapped(vm: &mut Vm, args: &[Value], method: &str) -> PyResult<Value> {
    let w = crate::helpers::self_arg::<CoroWrapper>(vm, args, method, "coroutine_wrapper")?;
    Ok(w.coro)
}

/// Call a coroutine method with the wrapper's arguments, the coroutine in self's place.
fn forward(
    vm: &mut Vm,
    args: &[Value],
    kw: &[(Value, Value)],
    method: &str,
    f: crate::native::NativeFn,
) -> PyResult {
    let coro = wrapped(vm, args, method)?;
    let mut full = Vec::with_capacity(args.len());
    full.push(coro);
    full.extend_from_slice(&args[1..]);
    f(vm, &full, kw)
}

fn wrapper_send(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    forward(vm, args, kw, "send", generator::gen_send.f)
}

fn wrapper_next(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    crate::helpers::arg_count(vm, "__next__", &args[1.min(args.len())..], 0, 0)?;
    forward(
        vm,
        &args[..1.min(args.len())],
        kw,
        "__next__",
        generator::gen_send.f,
    )
}

fn wrapper_throw(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    forward(vm, args, kw, "throw", generator::gen_throw.f)
}

fn wrapper_close(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    forward(vm, args, kw, "close", generator::gen_close.f)
}

fn wrapper_iter(_vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    Ok(args[0])
}

/// `YieldFrom` on a wrapper: resume its coroutine directly.
pub fn wrapper_delegate(
    vm: &mut Vm,
    it: Value,
    sent: Value,
) -> Option<PyResult<Result<Value, Value>>> {
    let w = it.downcast::<CoroWrapper>()?;
    Some(generator::resume_sub(vm, w.coro, sent, None))
}

/// `throw` on the coroutine a wrapper stands for, as `yield from` passes it on.
pub fn wrapper_target(it: Value) -> Option<Value> {
    it.downcast::<CoroWrapper>().map(|w| w.coro)
}

// ---------------------------------------------------------------- shared attributes

fn gen_of<'a>(vm: &mut Vm, this: &'a Value) -> PyResult<&'a GenData> {
    match this.downcast::<GenData>() {
        Some(g) => Ok(g),
        None => {
            let tn = vm.type_name(*this);
            Err(vm.type_error(format!("expected a generator or coroutine, not {tn}")))
        }
    }
}

/// Running now; for an async generator, part-way through an `asend`/`athrow`.
#[native]
fn running(vm: &mut Vm, this: Value) -> PyResult<bool> {
    let g = gen_of(vm, &this)?;
    Ok(match g.kind {
        GenKind::AsyncGenerator => g.running_async.load(std::sync::atomic::Ordering::Relaxed),
        _ => g.is_running(),
    })
}

#[native]
fn suspended(vm: &mut Vm, this: Value) -> PyResult<bool> {
    Ok(gen_of(vm, &this)?.is_suspended())
}

#[native]
fn code(vm: &mut Vm, this: Value) -> PyResult {
    Ok(gen_of(vm, &this)?.code)
}

/// What it awaits / delegates to (`cr_await`, `gi_yieldfrom`, `ag_await`).
#[native]
fn awaiting(vm: &mut Vm, this: Value) -> PyResult {
    let g = gen_of(vm, &this)?;
    Ok(match g.awaiting() {
        Some(sub) => wrapper_target(sub).unwrap_or(sub),
        None => Value::NONE,
    })
}

/// The frame (see `GenData::frame_snapshot`).
#[native]
fn frame(vm: &mut Vm, this: Value) -> PyResult {
    gen_of(vm, &this)?.frame_snapshot(vm, this)
}

#[native(name = "__name__")]
fn name_attr(vm: &mut Vm, this: Value) -> PyResult {
    Ok(gen_of(vm, &this)?.short_name)
}

#[native(name = "__qualname__")]
fn qualname_attr(vm: &mut Vm, this: Value) -> PyResult {
    Ok(gen_of(vm, &this)?.name)
}

thread_local! {
    /// `sys.set_coroutine_origin_tracking_depth`: a per-thread setting, as in CPython.
    static ORIGIN_DEPTH: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

pub fn origin_tracking_depth() -> u32 {
    ORIGIN_DEPTH.with(|d| d.get())
}

pub fn set_origin_tracking_depth(vm: &mut Vm, depth: i64) -> PyResult<()> {
    if depth < 0 {
        return Err(vm.value_error("depth must be >= 0"));
    }
    ORIGIN_DEPTH.with(|d| d.set(depth.min(u32::MAX as i64) as u32));
    Ok(())
}

/// A new coroutine's `cr_origin`: ((filename, line, function), ...) for the frames
/// that made it, innermost first, as many as the tracking depth; NULL when off.
pub fn origin(vm: &mut Vm) -> PyResult {
    let depth = origin_tracking_depth() as usize;
    if depth == 0 {
        return Ok(Value::NULL);
    }
    // Allocation never collects, so the parts need no rooting until the tuple exists.
    let frames: Vec<*const crate::frame::Frame> =
        vm.roots.frames.iter().rev().take(depth).copied().collect();
    let mut entries = Vec::with_capacity(frames.len());
    for p in frames {
        // SAFETY: frames on this thread's list are running below us.
        let f = unsafe { &*p };
        let c = &f.code_obj().code;
        let file = vm.new_str(&c.filename)?;
        let line = vm.new_int(f.line() as i64)?;
        let func = vm.new_str(&c.name)?;
        entries.push(vm.new_tuple(vec![file, line, func])?);
    }
    vm.new_tuple(entries)
}

#[native]
fn cr_origin(vm: &mut Vm, this: Value) -> PyResult {
    let g = gen_of(vm, &this)?;
    Ok(if g.origin.is_null() {
        Value::NONE
    } else {
        g.origin
    })
}

/// Add the attributes of one kind under its prefix (`gi_`, `cr_`, `ag_`).
fn add_attrs(vm: &mut Vm, ty: Value, owner: &'static str, prefix: &str, wait: &'static str) {
    let defs: [(&str, NativeDef); 5] = [
        ("running", running),
        ("suspended", suspended),
        ("code", code),
        ("frame", frame),
        (wait, awaiting),
    ];
    for (n, d) in defs {
        let full: &'static str = Box::leak(format!("{prefix}{n}").into_boxed_str());
        let d = NativeDef { name: full, f: d.f };
        vm.add_property(ty, owner, d, None);
    }
    vm.add_getters(ty, owner, &[name_attr, qualname_attr]);
}

/// Used by `async_gen.rs`: `throw` with the arguments of a `throw`/`athrow` call.
pub fn thrown_from(args: &[Value]) -> Thrown {
    Thrown::new(args[0], args.get(1).copied().unwrap_or(Value::NULL))
}

pub fn init(vm: &mut Vm) {
    let t = vm.rt.types.coroutine;
    vm.add_method(t, "send", generator::gen_send.f);
    vm.add_method(t, "throw", generator::gen_throw.f);
    vm.add_method(t, "close", generator::gen_close.f);
    vm.add_methods(t, &[generator::gen_repr]);
    vm.add_methods(t, &[coro_await, coro_del]);
    add_attrs(vm, t, "coroutine", "cr_", "await");
    vm.add_getters(t, "coroutine", &[cr_origin]);
    let g = vm.rt.types.generator;
    add_attrs(vm, g, "generator", "gi_", "yieldfrom");
    let a = vm.rt.types.async_generator;
    add_attrs(vm, a, "async_generator", "ag_", "await");
    let w = vm.rt.types.coroutine_wrapper;
    vm.add_method(w, "send", wrapper_send);
    vm.add_method(w, "__next__", wrapper_next);
    vm.add_method(w, "throw", wrapper_throw);
    vm.add_method(w, "close", wrapper_close);
    vm.add_method(w, "__iter__", wrapper_iter);
}

/// `types.coroutine` on a generator function: the function itself, its code replaced
/// by a copy marked ITERABLE_COROUTINE (as CPython's `func.__code__ = co.replace(...)`),
/// so the generators it makes can be awaited and may `yield from` coroutines.
pub fn iterable_coroutine(vm: &mut Vm, func: Value) -> PyResult {
    use crate::objects::function::FunctionData;
    let Some(fd) = func.downcast::<FunctionData>() else {
        return Err(vm.type_error("expected a function"));
    };
    let code_val = fd.code.load();
    let Some(c) = code_val.downcast::<CodeObj>() else {
        return Err(vm.type_error("expected a function"));
    };
    if c.code.flags & code_flags::GENERATOR == 0
        || c.code.flags & (code_flags::COROUTINE | code_flags::ASYNC_GENERATOR) != 0
    {
        return Ok(func);
    }
    let mut data = (*c.code).clone();
    data.flags |= code_flags::ITERABLE_COROUTINE;
    crate::root_scope!(vm);
    vm.root(func);
    let new_code = crate::load::load_code(vm, &std::sync::Arc::new(data))?;
    // Same free variables as before, so the function's closure still fits.
    crate::objects::function::set_code(vm, fd, new_code)?;
    Ok(func)
}
