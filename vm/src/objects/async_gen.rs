//! Async generators (PEP 525): `async def` with `yield`.
//!
//! The generator is a `GenData` of kind `AsyncGenerator`. Its frame yields two kinds of
//! values through the same `YieldValue`: what its awaits pass up to the event loop, and
//! (wrapped by `AsyncGenWrap`) what it yields to its consumer. Consumers never resume
//! it directly: `__anext__`/`asend` and `athrow`/`aclose` return awaitables (`ASend`,
//! `AThrow`) that resume it, pass await-yields through, and turn a wrapped value into
//! the result of the await (StopIteration(value)) and a return into StopAsyncIteration.
use crate::native;
use crate::native::{FromSelf, Sig};
use crate::objects::generator::{self, GenData, GenKind, Thrown};
use crate::payload;
use crate::value::Value;
use crate::vm::{PyErr, PyResult, Vm};
use std::sync::atomic::AtomicU8;
use std::sync::atomic::Ordering::Relaxed;

/// A value the async generator yields to its consumer.
#[derive(crate::trace::Trace)]
pub struct Wrapped {
    pub value: Value,
}
payload!(Wrapped, "async_generator_wrapped_value");

/// The states of an `ASend`/`AThrow` awaitable.
const INIT: u8 = 0;
const ITER: u8 = 1;
const CLOSED: u8 = 2;

/// `agen.asend(v)` / `agen.__anext__()`.
#[derive(crate::trace::Trace)]
pub struct ASend {
    gen_: Value,
    sendval: Value,
    state: AtomicU8,
}
payload!(ASend, "async_generator_asend");

/// `agen.athrow(...)` / `agen.aclose()` (`typ` NULL).
#[derive(crate::trace::Trace)]
pub struct AThrow {
    gen_: Value,
    typ: Value,
    /// NULL when not given.
    val: Value,
    state: AtomicU8,
}
payload!(AThrow, "async_generator_athrow");

impl AThrow {
    fn is_close(&self) -> bool {
        self.typ.is_null()
    }
}

/// `AsyncGenWrap`.
pub fn wrap(vm: &mut Vm, value: Value) -> PyResult {
    let ty = vm.rt.types.async_gen_wrapped;
    vm.alloc(ty, Wrapped { value })
}

fn agen<'a>(vm: &mut Vm, args: &'a [Value], method: &str) -> PyResult<&'a GenData> {
    match args.first().and_then(|v| v.downcast::<GenData>()) {
        Some(g) if g.kind == GenKind::AsyncGenerator => Ok(g),
        _ => {
            let got = args
                .first()
                .map(|&v| vm.type_name(v))
                .unwrap_or_else(|| "nothing".into());
            Err(vm.type_error(format!(
                "descriptor '{method}' for 'async_generator' objects doesn't apply to a '{got}' object"
            )))
        }
    }
}

/// On an async generator's first use (`__anext__`, `asend`, `athrow`, `aclose`):
/// call this thread's `firstiter` hook with it and keep its `finalizer` hook, which the
/// generator's `__del__` calls if it dies unfinished (PEP 525).
fn apply_hooks(vm: &mut Vm, g: Value) -> PyResult<()> {
    let gd = gen_data(&g);
    // A plain load first: after the first use this is all an `__anext__` pays.
    if gd.hooks_done.load(Relaxed) || gd.hooks_done.swap(true, Relaxed) {
        return Ok(());
    }
    let [firstiter, finalizer] = vm.roots.asyncgen_hooks;
    if !finalizer.is_null() && !finalizer.is_none() {
        gd.finalizer.store(finalizer);
        if let Some(p) = g.as_gc() {
            vm.rt.heap.set_finaliser(p);
        }
    }
    if !firstiter.is_null() && !firstiter.is_none() {
        vm.with_root(firstiter, |vm| vm.call(firstiter, &[g], &[]))?;
    }
    Ok(())
}

/// `async_generator.__del__`: an unfinished generator goes to its finalizer hook.
fn ag_del(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let g = agen(vm, args, "__del__")?;
    let finalizer = g.finalizer.load();
    if finalizer.is_null() || g.is_finished() {
        return Ok(Value::NONE);
    }
    vm.with_root(finalizer, |vm| vm.call(finalizer, &[args[0]], &[]))?;
    Ok(Value::NONE)
}

/// `GetAnext` on an async generator: its `__anext__()` awaitable.
pub fn anext_of(vm: &mut Vm, g: Value) -> PyResult {
    apply_hooks(vm, g)?;
    let ty = vm.rt.types.async_gen_asend;
    vm.alloc(
        ty,
        ASend {
            gen_: g,
            sendval: Value::NONE,
            state: AtomicU8::new(INIT),
        },
    )
}

fn stop_async(vm: &mut Vm) -> PyErr {
    let t = vm.rt.types.exc.stop_async_iteration;
    match crate::exceptions::make_exception(vm, t, &[]) {
        Ok(e) => PyErr(e),
        Err(e) => e,
    }
}

/// What one resume of the generator means to the awaiter of `asend`/`athrow`:
/// Ok(Err(v)) pass v up to the event loop, Ok(Ok(v)) the await is over with v.
fn unwrap(
    vm: &mut Vm,
    state: &AtomicU8,
    g: Value,
    r: PyResult<Result<Value, Value>>,
) -> PyResult<Result<Value, Value>> {
    match r {
        Ok(Err(y)) => match y.downcast::<Wrapped>() {
            Some(w) => {
                finish(state, g);
                Ok(Ok(w.value))
            }
            None => Ok(Err(y)),
        },
        Ok(Ok(_)) => {
            finish(state, g);
            Err(stop_async(vm))
        }
        Err(e) => {
            finish(state, g);
            Err(e)
        }
    }
}

fn gen_data(g: &Value) -> &GenData {
    generator::gen_like(g).expect("async generator")
}

/// Start an awaitable's work on `g`: only one at a time (`what` names the method in
/// CPython's message).
fn start(vm: &mut Vm, g: Value, what: &str) -> PyResult<()> {
    if gen_data(&g).running_async.swap(true, Relaxed) {
        return Err(vm.runtime_error(format!(
            "{what}(): asynchronous generator is already running"
        )));
    }
    Ok(())
}

/// The awaitable is done with its generator (finished, failed or closed).
fn finish(state: &AtomicU8, g: Value) {
    state.store(CLOSED, Relaxed);
    gen_data(&g).running_async.store(false, Relaxed);
}

/// One step of an `ASend`: resume with `sent` (or throw).
fn asend_step(
    vm: &mut Vm,
    me: Value,
    mut sent: Value,
    throw: Option<Thrown>,
) -> PyResult<Result<Value, Value>> {
    let a = me.downcast::<ASend>().expect("asend");
    match a.state.load(Relaxed) {
        CLOSED => {
            return Err(vm.runtime_error("cannot reuse already awaited __anext__()/asend()"));
        }
        INIT => {
            start(vm, a.gen_, "anext")?;
            if throw.is_none() && sent.is_none() {
                sent = a.sendval;
            }
            a.state.store(ITER, Relaxed);
        }
        _ => {}
    }
    let r = generator::resume_sub(vm, a.gen_, sent, throw);
    unwrap(vm, &a.state, a.gen_, r)
}

/// One step of an `AThrow`: on the first, throw its exception (GeneratorExit for
/// `aclose`) into the generator; later, resume with `sent` (or `throw`).
fn athrow_step(
    vm: &mut Vm,
    me: Value,
    sent: Value,
    throw: Option<Thrown>,
) -> PyResult<Result<Value, Value>> {
    let a = me.downcast::<AThrow>().expect("athrow");
    let throw = match a.state.load(Relaxed) {
        CLOSED => {
            return Err(vm.runtime_error("cannot reuse already awaited aclose()/athrow()"));
        }
        INIT => {
            // A finished generator: the await is over at once (for athrow too).
            if gen_data(&a.gen_).is_finished() {
                a.state.store(CLOSED, Relaxed);
                return Ok(Ok(Value::NONE));
            }
            start(vm, a.gen_, if a.is_close() { "aclose" } else { "athrow" })?;
            a.state.store(ITER, Relaxed);
            if throw.is_none() && !sent.is_none() {
                finish(&a.state, a.gen_);
                return Err(
                    vm.runtime_error("can't send non-None value to a just-started coroutine")
                );
            }
            match throw {
                Some(t) => Some(t),
                None if a.is_close() => {
                    let t = vm.rt.types.exc.generator_exit;
                    let e = crate::exceptions::make_exception(vm, t, &[])?;
                    Some(Thrown::of(PyErr(e)))
                }
                None => Some(Thrown::new(a.typ, a.val)),
            }
        }
        _ => throw,
    };
    let r = generator::resume_sub(vm, a.gen_, sent, throw);
    if !a.is_close() {
        return unwrap(vm, &a.state, a.gen_, r);
    }
    match r {
        Ok(Err(y)) if y.is::<Wrapped>() => {
            finish(&a.state, a.gen_);
            Err(vm.runtime_error("async generator ignored GeneratorExit"))
        }
        Ok(Err(y)) => Ok(Err(y)),
        Ok(Ok(_)) => {
            finish(&a.state, a.gen_);
            Ok(Ok(Value::NONE))
        }
        Err(e)
            if vm.err_is(&e, vm.rt.types.exc.stop_async_iteration)
                || vm.err_is(&e, vm.rt.types.exc.generator_exit) =>
        {
            finish(&a.state, a.gen_);
            Ok(Ok(Value::NONE))
        }
        Err(e) => {
            finish(&a.state, a.gen_);
            Err(e)
        }
    }
}

/// `YieldFrom` on one of this module's awaitables (or a coroutine wrapper): step it
/// directly, keeping the await's result out of a StopIteration.
pub fn delegate_native(
    vm: &mut Vm,
    it: Value,
    sent: Value,
) -> Option<PyResult<Result<Value, Value>>> {
    if it.is::<ASend>() {
        return Some(asend_step(vm, it, sent, None));
    }
    if it.is::<AThrow>() {
        return Some(athrow_step(vm, it, sent, None));
    }
    if let Some(r) = crate::objects::anext::delegate_native(vm, it, sent) {
        return Some(r);
    }
    crate::objects::coroutine::wrapper_delegate(vm, it, sent)
}

/// `next(it)` on one of these awaitables (or a coroutine wrapper): Some(r) with r as
/// `__next__` gives it (StopIteration carrying the await's result).
pub fn next_native(vm: &mut Vm, it: Value) -> Option<PyResult> {
    let r = delegate_native(vm, it, Value::NONE)?;
    Some(as_method_result(vm, r))
}

/// `Vm::next` on these: Ok(None) once the await is over.
pub fn next_opt(vm: &mut Vm, it: Value) -> Option<PyResult<Option<Value>>> {
    let r = delegate_native(vm, it, Value::NONE)?;
    Some(r.map(|r| r.err()))
}

/// An awaitable step as its Python methods show it: the value passed up, or
/// StopIteration carrying the await's result.
fn as_method_result(vm: &mut Vm, r: PyResult<Result<Value, Value>>) -> PyResult {
    match r? {
        Err(y) => Ok(y),
        Ok(v) => Err(generator::stop_with(vm, v)),
    }
}

type Step = fn(&mut Vm, Value, Value, Option<Thrown>) -> PyResult<Result<Value, Value>>;

fn step_of(v: Value) -> Option<Step> {
    if v.is::<ASend>() {
        Some(asend_step)
    } else if v.is::<AThrow>() {
        Some(athrow_step)
    } else {
        None
    }
}

fn awaitable_self(vm: &mut Vm, args: &[Value], method: &str) -> PyResult<Step> {
    match args.first().and_then(|&v| step_of(v)) {
        Some(s) => Ok(s),
        None => {
            let got = args
                .first()
                .map(|&v| vm.type_name(v))
                .unwrap_or_else(|| "nothing".into());
            Err(vm.type_error(format!(
                "descriptor '{method}' doesn't apply to a '{got}' object"
            )))
        }
    }
}

/// The receiver of an `asend`/`athrow` awaitable's methods: the object and its step.
struct AwaitableSelf {
    obj: Value,
    step: Step,
}

impl<'a> FromSelf<'a> for AwaitableSelf {
    fn from_self(vm: &mut Vm, args: &'a [Value], sig: &Sig) -> PyResult<Self> {
        let step = awaitable_self(vm, args, sig.name)?;
        Ok(AwaitableSelf { obj: args[0], step })
    }
}

/// The receiver of an async generator's methods.
struct AgenSelf(Value);

impl<'a> FromSelf<'a> for AgenSelf {
    fn from_self(vm: &mut Vm, args: &'a [Value], sig: &Sig) -> PyResult<Self> {
        agen(vm, args, sig.name)?;
        Ok(AgenSelf(args[0]))
    }
}

#[native(name = "send")]
fn aw_send(vm: &mut Vm, this: AwaitableSelf, value: Value) -> PyResult {
    let r = (this.step)(vm, this.obj, value, None);
    as_method_result(vm, r)
}

#[native(name = "__next__", style = slot)]
fn aw_next(vm: &mut Vm, this: AwaitableSelf) -> PyResult {
    let r = (this.step)(vm, this.obj, Value::NONE, None);
    as_method_result(vm, r)
}

#[native(name = "throw")]
fn aw_throw(
    vm: &mut Vm,
    this: AwaitableSelf,
    typ: Value,
    val: Option<Value>,
    _tb: Option<Value>,
) -> PyResult {
    let t = Thrown::new(typ, val.unwrap_or(Value::NULL));
    let r = (this.step)(vm, this.obj, Value::NONE, Some(t));
    as_method_result(vm, r)
}

#[native(name = "close")]
fn aw_close(_vm: &mut Vm, this: AwaitableSelf) {
    // An abandoned awaitable lets the next one start (as CPython 3.12 does).
    let (state, g) = if let Some(a) = this.obj.downcast::<ASend>() {
        (&a.state, a.gen_)
    } else if let Some(a) = this.obj.downcast::<AThrow>() {
        (&a.state, a.gen_)
    } else {
        return;
    };
    if state.swap(CLOSED, Relaxed) == ITER {
        finish(state, g);
    }
}

#[native(name = "__await__", style = slot)]
fn aw_self(_vm: &mut Vm, this: AwaitableSelf) -> Value {
    this.obj
}

// ---------------------------------------------------------------- async generator methods

#[native(name = "__aiter__", style = slot)]
fn ag_aiter(_vm: &mut Vm, this: AgenSelf) -> Value {
    this.0
}

#[native(name = "__anext__", style = slot)]
fn ag_anext(vm: &mut Vm, this: AgenSelf) -> PyResult {
    anext_of(vm, this.0)
}

#[native(name = "asend")]
fn ag_asend(vm: &mut Vm, this: AgenSelf, value: Value) -> PyResult {
    apply_hooks(vm, this.0)?;
    let ty = vm.rt.types.async_gen_asend;
    vm.alloc(
        ty,
        ASend {
            gen_: this.0,
            sendval: value,
            state: AtomicU8::new(INIT),
        },
    )
}

fn new_athrow(vm: &mut Vm, g: Value, typ: Value, val: Value) -> PyResult {
    let ty = vm.rt.types.async_gen_athrow;
    vm.alloc(
        ty,
        AThrow {
            gen_: g,
            typ,
            val,
            state: AtomicU8::new(INIT),
        },
    )
}

#[native(name = "athrow")]
fn ag_athrow(
    vm: &mut Vm,
    this: AgenSelf,
    typ: Value,
    val: Option<Value>,
    _tb: Option<Value>,
) -> PyResult {
    apply_hooks(vm, this.0)?;
    new_athrow(vm, this.0, typ, val.unwrap_or(Value::NULL))
}

#[native(name = "aclose")]
fn ag_aclose(vm: &mut Vm, this: AgenSelf) -> PyResult {
    apply_hooks(vm, this.0)?;
    new_athrow(vm, this.0, Value::NULL, Value::NULL)
}

pub fn init(vm: &mut Vm) {
    let t = vm.rt.types.async_generator;
    vm.add_methods(t, &[ag_aiter, ag_anext, ag_asend, ag_athrow, ag_aclose]);
    vm.add_methods(t, &[generator::gen_repr]);
    vm.add_method(t, "__del__", ag_del);
    for ty in [vm.rt.types.async_gen_asend, vm.rt.types.async_gen_athrow] {
        vm.add_methods(ty, &[aw_send, aw_next, aw_throw, aw_close, aw_self]);
        vm.add_method(ty, "__iter__", aw_self.f);
    }
}
