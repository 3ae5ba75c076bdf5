//! Generators: a suspended frame resumed by `next`/`send`/`throw`/`close`.
//!
//! The frame sits in a `weft_core::ExclusiveCell`: a resume claims it with one
//! compare-exchange and keeps the claim while the frame runs (so a second resume, on
//! this thread or another, fails with "generator already executing"), then releases
//! it with one store. No lock is taken. While it runs the frame stays in the cell and
//! is also registered as a root frame of its thread (`Vm::exec`); the collector
//! traces it through the cell in either state (`with_unclaimed`: the world is stopped,
//! and a claim holder changes the cell's contents only in short sections without a
//! safepoint: replacing a finished frame by None).
use crate::bytecode::{Instr, code_flags};
use crate::frame::Frame;
use crate::interp::Exit;
use crate::native;
use crate::native::This;
use crate::objects::exception::ExcData;
use crate::payload;
use crate::value::Value;
use crate::vm::{PyErr, PyResult, Vm};
use weft_core::ExclusiveCell;

/// What a suspended frame object is: they share this machinery and differ in type,
/// messages and the protocols around them (`coroutine.rs`, `async_gen.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GenKind {
    Generator,
    Coroutine,
    AsyncGenerator,
}

impl GenKind {
    /// The word CPython's messages use ("generator already executing", ...).
    pub fn noun(self) -> &'static str {
        match self {
            GenKind::Generator => "generator",
            GenKind::Coroutine => "coroutine",
            GenKind::AsyncGenerator => "async generator",
        }
    }
}

pub struct GenData {
    /// None once finished.
    frame: ExclusiveCell<Option<Box<Frame>>>,
    /// The function's `__qualname__` and `__name__`.
    pub name: Value,
    pub short_name: Value,
    /// The code object (kept after the frame has gone).
    pub code: Value,
    pub kind: GenKind,
    /// Async generators: an `asend`/`athrow` awaitable is part-way through (CPython's
    /// `ag_running_async`; what `ag_running` shows). A second one may not start.
    pub running_async: std::sync::atomic::AtomicBool,
    /// Async generators: the thread's asyncgen hooks have been applied (first use).
    pub hooks_done: std::sync::atomic::AtomicBool,
    /// Async generators: the `finalizer` hook in force at first use (NULL if none).
    pub finalizer: crate::value::AtomicValue,
    /// The exception the suspended frame is handling (it yielded inside an `except`
    /// block), NULL if none: its caller's `sys.exc_info()` must not see it, and it is
    /// handled again when the frame resumes.
    handled: crate::value::AtomicValue,
    /// Coroutines: where they were made (`cr_origin`), NULL when not tracked.
    pub origin: Value,
    /// The frame object `gi_frame` handed out while the frame was suspended (NULL
    /// before): the same one each time, so keys written through its `f_locals` stay,
    /// and given the frame's last locals when it finishes.
    frame_obj: crate::value::AtomicValue,
}
payload!(GenData, "generator");

// SAFETY: marks the frame and the name. The frame is read through the cell without a
// claim: tracing runs with the world stopped (see the module doc).
unsafe impl crate::trace::Trace for GenData {
    fn trace(&self, t: &mut weft_gc::Tracer) {
        // SAFETY: the world is stopped; a claim holder is parked at a safepoint and
        // keeps no `&mut` to the cell's contents across it.
        unsafe { self.frame.with_unclaimed(|f| f.trace(t)) };
        self.name.trace(t);
        self.short_name.trace(t);
        self.code.trace(t);
        self.origin.trace(t);
        self.handled.trace(t);
        self.finalizer.trace(t);
        self.frame_obj.trace(t);
    }
}

impl GenData {
    /// Is the generator running now (on some thread)?
    pub fn is_running(&self) -> bool {
        self.frame.is_claimed()
    }

    /// Has it finished (returned or raised)? False while it runs.
    pub fn is_finished(&self) -> bool {
        match self.frame.try_claim() {
            Some(c) => c.with(|f| f.is_none()),
            None => false,
        }
    }

    /// Made but never resumed (nor closed)?
    pub fn is_unstarted(&self) -> bool {
        match self.frame.try_claim() {
            Some(c) => c.with(|f| f.as_ref().is_some_and(|f| f.pc() == 0)),
            None => false,
        }
    }

    /// Suspended at a yield (started, not running, not finished)?
    pub fn is_suspended(&self) -> bool {
        match self.frame.try_claim() {
            Some(c) => c.with(|f| f.as_ref().is_some_and(|f| f.pc() != 0)),
            None => false,
        }
    }

    /// `gi_frame`/`cr_frame`/`ag_frame` of `this` (this generator): None once finished
    /// (or while running on some thread, where weft cannot hand out the frame from
    /// here); while suspended, a frame object showing the frame as it is now (its line),
    /// made anew each time since frame objects follow running frames only. Its
    /// `f_locals` reads and writes the suspended frame's variables (PEP 667) for as
    /// long as the generator stays suspended (`FrameObj::suspended`).
    pub fn frame_snapshot(&self, vm: &mut Vm, this: Value) -> PyResult {
        let Some(claim) = self.frame.try_claim() else {
            return Ok(Value::NONE);
        };
        claim.with(|f| match f.as_deref() {
            None => Ok(Value::NONE),
            Some(f) => {
                let kept = self.frame_obj.load();
                if !kept.is_null() {
                    crate::objects::frame::refresh_suspended(kept, f);
                    return Ok(kept);
                }
                let fo = vm.frame_object(f)?;
                vm.detach_frame_object(f);
                crate::objects::frame::follow_suspended(fo, this);
                self.frame_obj.store(fo);
                Ok(fo)
            }
        })
    }

    /// `op` on the frame, if it is suspended (or not started) now: not running on any
    /// thread and not finished. `op` must not run Python code (the frame is claimed).
    pub fn with_suspended<R>(&self, op: impl FnOnce(&Frame) -> R) -> Option<R> {
        let claim = self.frame.try_claim()?;
        claim.with(|f| f.as_deref().map(op))
    }

    /// What the suspended frame is delegating to (`yield from`/`await`), if anything.
    pub fn awaiting(&self) -> Option<Value> {
        let c = self.frame.try_claim()?;
        c.with(|f| f.as_deref().and_then(delegating_to))
    }
}

/// A plain generator (not a coroutine or async generator).
pub fn is_generator(v: Value) -> bool {
    v.downcast::<GenData>()
        .is_some_and(|g| g.kind == GenKind::Generator)
}

/// Any kind of suspended-frame object, borrowed for as long as `v` is held (and rooted).
pub fn gen_like(v: &Value) -> Option<&GenData> {
    v.downcast::<GenData>()
}

pub fn new_generator(vm: &mut Vm, frame: Box<Frame>) -> PyResult {
    let (name, short_name) = match frame
        .func
        .downcast::<crate::objects::function::FunctionData>()
    {
        Some(f) => (f.qualname.load(), f.name.load()),
        None => (Value::NONE, Value::NONE),
    };
    let code = frame.code;
    let flags = frame.code_obj().code.flags;
    let (ty, kind) = if flags & code_flags::COROUTINE != 0 {
        (vm.rt.types.coroutine, GenKind::Coroutine)
    } else if flags & code_flags::ASYNC_GENERATOR != 0 {
        (vm.rt.types.async_generator, GenKind::AsyncGenerator)
    } else {
        (vm.rt.types.generator, GenKind::Generator)
    };
    let origin = match kind {
        GenKind::Coroutine => crate::objects::coroutine::origin(vm)?,
        _ => Value::NULL,
    };
    // The frame's values are only reachable through this Box until the generator
    // object exists; allocation never collects, so that is safe.
    let g = vm.alloc(
        ty,
        GenData {
            frame: ExclusiveCell::new(Some(frame)),
            name,
            short_name,
            code,
            kind,
            running_async: std::sync::atomic::AtomicBool::new(false),
            hooks_done: std::sync::atomic::AtomicBool::new(false),
            finalizer: crate::value::AtomicValue::new(Value::NULL),
            handled: crate::value::AtomicValue::new(Value::NULL),
            origin,
            frame_obj: crate::value::AtomicValue::new(Value::NULL),
        },
    )?;
    // A coroutine is reported to its `__del__` if it dies never started (the "never
    // awaited" warning); its first resume clears the mark.
    if kind == GenKind::Coroutine
        && let Some(p) = g.as_gc()
    {
        vm.rt.heap.set_finaliser(p);
    }
    Ok(g)
}

/// Resume with `sent` (or by throwing `throw`): Ok(Some(v)) yielded, Ok(None) returned
/// (the return value is put in `ret`).
fn resume(
    vm: &mut Vm,
    g: Value,
    sent: Value,
    throw: Option<Thrown>,
    ret: &mut Value,
) -> PyResult<Option<Value>> {
    resume_draining(vm, g, sent, throw, ret, None)
}

/// `resume`, with the frame's yields offered to `sink` first (`crate::interp::Sink`).
fn resume_draining(
    vm: &mut Vm,
    g: Value,
    sent: Value,
    throw: Option<Thrown>,
    ret: &mut Value,
    sink: Option<crate::interp::Sink<'_>>,
) -> PyResult<Option<Value>> {
    let gd = g.downcast::<GenData>().expect("generator");
    let kind = gd.kind;
    let Some(mut claim) = gd.frame.try_claim() else {
        return Err(vm.value_error(format!("{} already executing", kind.noun())));
    };
    let Some(started) = claim.with(|f| f.as_ref().map(|f| f.pc() != 0)) else {
        drop(claim);
        return resume_finished(vm, kind, throw);
    };
    if !started {
        if !sent.is_none() && throw.is_none() {
            drop(claim);
            return Err(send_to_unstarted(vm, kind));
        }
        if kind == GenKind::Coroutine {
            // Awaited after all: no "never awaited" report.
            if let Some(p) = g.as_gc() {
                vm.rt.heap.clear_finaliser(p);
            }
        }
    }
    // Keep the generator (which owns the frame) rooted; while running the frame is
    // also registered by exec().
    let vm = &mut *vm.scope();
    vm.root(g);
    // The thrown exception may be made here (`close`'s GeneratorExit) and nowhere else;
    // a sub-generator's cleanup that runs first may collect (found by `-X gc-zeal`).
    if let Some(t) = &throw {
        for v in [t.typ, t.val] {
            if !v.is_null() {
                vm.root(v);
            }
        }
    }
    // The caller's handled exception (rooted here: it may be nowhere else) gives way to
    // the frame's own while the frame runs, and comes back when it stops.
    let caller_handled = vm.roots.handled;
    if !caller_handled.is_null() {
        vm.root(caller_handled);
    }
    let own = gd.handled.load();
    if !own.is_null() {
        vm.roots.handled = own;
    }
    // Outer Err: the generator stays suspended and `throw` itself raises.
    let r: Result<PyResult<Exit>, PyErr> = claim.with(|f| {
        let frame: &Frame = f.as_deref().expect("checked above");
        match throw {
            Some(e) => match delegating_to(frame) {
                // `yield from sub`: the exception goes to `sub` first (PEP 380).
                Some(sub) => Ok(throw_through(vm, frame, sub, e)),
                None => match e.make(vm) {
                    // Resume with the exception raised at the yield point.
                    Ok(e) if started => Ok(vm.resume_with_error(frame, e)),
                    Ok(e) => Ok(Err(e)),
                    // Not an exception: the TypeError comes out of `throw` itself and
                    // the generator stays suspended (as in CPython).
                    Err(bad) => Err(bad),
                },
            },
            None => {
                if started
                    && kind == GenKind::Generator
                    && let Some(sub) = delegating_to(frame)
                    && is_generator(sub)
                {
                    return Ok(send_through(vm, frame, sub, sent, sink));
                }
                if started {
                    frame.push(sent);
                }
                Ok(vm.exec_draining(frame, sink))
            }
        }
    });
    let now = std::mem::replace(&mut vm.roots.handled, caller_handled);
    match r {
        // Suspended: keep what it handles (nothing if it only sees the caller's).
        Ok(Ok(Exit::Yield(_))) if now != caller_handled => gd.handled.store(now),
        Ok(_) if !own.is_null() => gd.handled.store(Value::NULL),
        // Nothing was kept and nothing is; or `throw` refused its argument and the
        // frame did not run.
        _ => {}
    }
    let r = r?;
    match r {
        Ok(Exit::Yield(v)) => Ok(Some(v)),
        Ok(Exit::Return(v)) => {
            finish(vm, &mut claim, gd.frame_obj.load());
            *ret = v;
            Ok(None)
        }
        Err(e) => {
            finish(vm, &mut claim, gd.frame_obj.load());
            drop(claim);
            Err(raised(vm, kind, e))
        }
    }
}

/// The frame has finished: it leaves the cell (no safepoint while the cell changes)
/// and goes back to this thread's frame pool, so the next generator reuses it.
/// The frame object handed out as `gi_frame` (`kept`, NULL if none) takes the frame's
/// last locals first.
fn finish(vm: &mut Vm, claim: &mut weft_core::Claim<'_, Option<Box<Frame>>>, kept: Value) {
    if !kept.is_null() {
        claim.with(|f| {
            if let Some(f) = f.as_deref() {
                crate::objects::frame::finish_suspended(vm, kept, f);
            }
        });
    }
    if let Some(fr) = claim.with_mut(|f| f.take()) {
        Frame::release(vm, fr);
    }
}

/// Resuming a finished frame: `throw` raises its exception, anything else ends at once
/// (a coroutine may not be resumed again, only closed).
#[cold]
fn resume_finished(vm: &mut Vm, kind: GenKind, throw: Option<Thrown>) -> PyResult<Option<Value>> {
    if kind == GenKind::Coroutine && !closing(vm, &throw) {
        return Err(vm.runtime_error("cannot reuse already awaited coroutine"));
    }
    if let Some(t) = throw {
        return Err(t.normalize(vm));
    }
    Ok(None)
}

#[cold]
fn send_to_unstarted(vm: &mut Vm, kind: GenKind) -> PyErr {
    vm.type_error(format!(
        "can't send non-None value to a just-started {}",
        kind.noun()
    ))
}

/// What the caller sees of an exception that ended the frame: StopIteration (and an
/// async generator's StopAsyncIteration) becomes RuntimeError (PEP 479, PEP 525), with
/// the original as the cause (and context).
#[cold]
fn raised(vm: &mut Vm, kind: GenKind, e: PyErr) -> PyErr {
    let stop_async =
        kind == GenKind::AsyncGenerator && vm.err_is(&e, vm.rt.types.exc.stop_async_iteration);
    if !stop_async && !vm.err_is(&e, vm.rt.types.exc.stop_iteration) {
        return e;
    }
    let what = if stop_async {
        "StopAsyncIteration"
    } else {
        "StopIteration"
    };
    let msg = format!("{} raised {what}", kind.noun());
    let err = vm.with_root(e.0, |vm| vm.runtime_error(msg));
    if let Some(x) = err.0.downcast::<crate::objects::exception::ExcData>() {
        *x.cause.lock() = e.0;
        *x.context.lock() = e.0;
        x.suppress_context
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }
    err
}

/// Is `throw` the GeneratorExit of `close()`? (A finished coroutine may be closed
/// again; anything else on it is a reuse.)
fn closing(vm: &Vm, throw: &Option<Thrown>) -> bool {
    throw
        .as_ref()
        .is_some_and(|t| t.is(vm, vm.rt.types.exc.generator_exit))
}

/// The iterator a suspended frame is delegating to: it is paused on `YieldFrom`, with
/// the sub-iterator on top of its stack.
fn delegating_to(frame: &Frame) -> Option<Value> {
    let pc = frame.pc();
    let suspended_in_yield_from =
        pc != 0 && matches!(frame.code_obj().code.instrs.get(pc), Some(Instr::YieldFrom));
    suspended_in_yield_from.then(|| frame.top())
}

/// What `throw` was called with: an exception class or instance and an optional value,
/// kept raw until the exception is raised in a frame, because a delegated-to iterator's
/// own `throw` receives them as given (CPython passes `typ, val` on).
pub struct Thrown {
    typ: Value,
    /// NULL when not given.
    val: Value,
}

impl Thrown {
    /// `throw(typ[, val])` as called; `val` NULL when not given.
    pub fn new(typ: Value, val: Value) -> Thrown {
        Thrown { typ, val }
    }

    pub fn of(e: PyErr) -> Thrown {
        Thrown {
            typ: e.0,
            val: Value::NULL,
        }
    }

    /// Is it (an instance of) `cls`?
    fn is(&self, vm: &Vm, cls: Value) -> bool {
        let t = if self.typ.is::<crate::objects::typeobj::TypeData>() {
            self.typ
        } else {
            vm.type_of(self.typ)
        };
        crate::types::is_subclass(vm, t, cls)
    }

    /// The exception to raise: an instance made from the class (and value), or CPython's
    /// TypeError for anything that is not an exception.
    fn normalize(self, vm: &mut Vm) -> PyErr {
        match self.make(vm) {
            Ok(e) | Err(e) => e,
        }
    }

    fn make(self, vm: &mut Vm) -> PyResult<PyErr> {
        let base = vm.rt.types.exc.base_exception;
        let Thrown { typ, val } = self;
        let no_val = val.is_null() || val.is_none();
        if typ.is::<crate::objects::typeobj::TypeData>() && crate::types::is_subclass(vm, typ, base)
        {
            if !no_val && crate::types::is_subclass(vm, vm.type_of(val), typ) {
                return Ok(PyErr(val));
            }
            let args = match val.downcast::<crate::objects::tuple::TupleData>() {
                Some(t) => t.0.to_vec(),
                None if no_val => Vec::new(),
                None => vec![val],
            };
            let e = vm.call(typ, &args, &[])?;
            if !e.is::<ExcData>() {
                let tr = vm.repr(typ)?;
                let tn = vm.type_name(e);
                return Err(vm.type_error(format!(
                    "calling {tr} should have returned an instance of BaseException, not {tn}"
                )));
            }
            return Ok(PyErr(e));
        }
        if crate::types::is_subclass(vm, vm.type_of(typ), base) {
            if !no_val {
                return Err(vm.type_error("instance exception may not have a separate value"));
            }
            return Ok(PyErr(typ));
        }
        let tn = vm.type_name(typ);
        Err(vm.type_error(format!(
            "exceptions must be classes or instances deriving from BaseException, not {tn}"
        )))
    }
}

/// Throw into a frame paused in `yield from sub`: `sub` gets it first (its `close` for
/// GeneratorExit, else its `throw`). What `sub` yields, the frame yields; what it
/// returns is the value of the `yield from`; what it raises is raised in the frame.
fn throw_through(vm: &mut Vm, frame: &Frame, sub: Value, t: Thrown) -> PyResult<Exit> {
    let outcome = if t.is(vm, vm.rt.types.exc.generator_exit) {
        match close_sub(vm, sub) {
            Ok(()) => Err(t.normalize(vm)),
            Err(e2) => Err(e2),
        }
    } else {
        throw_sub(vm, sub, t)
    };
    after_sub(vm, frame, outcome, None)
}

/// What a frame suspended in `yield from sub` does with `sub`'s step (the rest of its
/// `YieldFrom`): `sub`'s yield is the frame's; `sub`'s return value becomes the
/// expression's value and the frame runs on; what `sub` raised is raised in the frame.
fn after_sub(
    vm: &mut Vm,
    frame: &Frame,
    outcome: PyResult<Result<Value, Value>>,
    sink: Option<crate::interp::Sink<'_>>,
) -> PyResult<Exit> {
    match outcome {
        Ok(Err(yielded)) => Ok(Exit::Yield(yielded)),
        Ok(Ok(value)) => {
            frame.set_top(value);
            frame.set_pc(frame.pc() + 1);
            vm.exec_draining(frame, sink)
        }
        Err(raised) => vm.resume_with_error(frame, raised),
    }
}

/// Resume `frame`, suspended in `yield from sub` with `sub` a generator, with `sent`:
/// `sub` is resumed straight away instead of through the frame's loop and its
/// `YieldFrom` (one interpreter loop entered per level of a `yield from` chain, not
/// two), and then what `YieldFrom` does follows (`after_sub`, PEP 380). Meanwhile the frame is on the frame list (a root, and `f_back` of
/// `sub`'s frame) and counts toward the recursion depth, as when its loop runs.
fn send_through(
    vm: &mut Vm,
    frame: &Frame,
    sub: Value,
    sent: Value,
    sink: Option<crate::interp::Sink<'_>>,
) -> PyResult<Exit> {
    if vm.depth >= vm.recursion_limit || crate::vm::approx_stack_pointer() < vm.stack_limit {
        // Near the limit: the loop's own path, which raises RecursionError there.
        frame.push(sent);
        return vm.exec_draining(frame, sink);
    }
    vm.roots.frames.push(frame as *const Frame);
    vm.depth += 1;
    let outcome = resume_sub(vm, sub, sent, None);
    vm.roots.frames.pop();
    vm.depth -= 1;
    after_sub(vm, frame, outcome, sink)
}

fn attr(vm: &mut Vm, obj: Value, name: &str) -> PyResult<Option<Value>> {
    let n = vm.intern(name);
    vm.getattr_opt(obj, n)
}

/// `sub.close()`, if `sub` has one.
fn close_sub(vm: &mut Vm, sub: Value) -> PyResult<()> {
    match attr(vm, sub, "close")? {
        Some(close) => vm.call(close, &[], &[]).map(|_| ()),
        None => Ok(()),
    }
}

/// `sub.throw(...)`: Ok(Err(v)) it yielded v, Ok(Ok(v)) it returned v, Err: it raised
/// (or has no `throw`, and the exception goes on).
pub fn throw_sub(vm: &mut Vm, sub: Value, t: Thrown) -> PyResult<Result<Value, Value>> {
    if gen_like(&sub).is_some() {
        return resume_sub(vm, sub, Value::NONE, Some(t));
    }
    let Some(throw) = attr(vm, sub, "throw")? else {
        return Err(t.normalize(vm));
    };
    let r = if t.val.is_null() {
        vm.call(throw, &[t.typ], &[])
    } else {
        vm.call(throw, &[t.typ, t.val], &[])
    };
    sub_outcome(vm, r.map(Some))
}

/// Resume generator `g` as a `yield from` sub-iterator: Err(v) it yielded v, Ok(v) it
/// returned v.
pub fn resume_sub(
    vm: &mut Vm,
    g: Value,
    sent: Value,
    throw: Option<Thrown>,
) -> PyResult<Result<Value, Value>> {
    let mut ret = Value::NONE;
    Ok(match resume(vm, g, sent, throw, &mut ret)? {
        Some(v) => Err(v),
        None => Ok(ret),
    })
}

/// A non-generator sub-iterator's step as `yield from` sees it: Err(v) it produced v,
/// Ok(v) it finished (exhausted, or StopIteration carrying v).
pub fn sub_outcome(vm: &mut Vm, r: PyResult<Option<Value>>) -> PyResult<Result<Value, Value>> {
    match r {
        Ok(Some(v)) => Ok(Err(v)),
        Ok(None) => Ok(Ok(Value::NONE)),
        Err(e) if vm.err_is(&e, vm.rt.types.exc.stop_iteration) => {
            let v = crate::exceptions::exc_field(vm, e.0, "value")?.unwrap_or(Value::NONE);
            Ok(Ok(v))
        }
        Err(e) => Err(e),
    }
}

/// Run generator `g` on, handing the items it yields to `sink` inside the interpreter
/// loop: Ok(Some(v)) when the sink refused `v` (or it came from a `yield from`), which
/// the caller handles as `next` would have returned it; Ok(None) when the generator is
/// exhausted. The errors are `next`'s.
pub fn gen_drain(vm: &mut Vm, g: Value, sink: crate::interp::Sink<'_>) -> PyResult<Option<Value>> {
    let mut ret = Value::NONE;
    resume_draining(vm, g, Value::NONE, None, &mut ret, Some(sink))
}

pub fn gen_next(vm: &mut Vm, g: Value) -> PyResult<Option<Value>> {
    let mut ret = Value::NONE;
    resume(vm, g, Value::NONE, None, &mut ret)
}

/// `YieldFrom` helper: Ok(Ok(result)) when the sub-iterator finished, Ok(Err(v)) when it
/// yielded v.
pub fn delegate(vm: &mut Vm, it: Value, sent: Value) -> PyResult<Result<Value, Value>> {
    if gen_like(&it).is_some() {
        return resume_sub(vm, it, sent, None);
    }
    if let Some(r) = crate::objects::async_gen::delegate_native(vm, it, sent) {
        return r;
    }
    // A user iterator's StopIteration carries the result: call its `__next__` directly.
    let user = crate::types::type_data(&vm.type_of(it)).is_user;
    let r = if sent.is_none() && !user {
        vm.next(it)
    } else if sent.is_none() {
        vm.call_method(it, "__next__", &[]).map(Some)
    } else {
        vm.call_method(it, "send", &[sent]).map(Some)
    };
    sub_outcome(vm, r)
}

pub fn stop_with(vm: &mut Vm, v: Value) -> PyErr {
    let t = vm.rt.types.exc.stop_iteration;
    let args: &[Value] = if v.is_none() {
        &[]
    } else {
        std::slice::from_ref(&v)
    };
    match crate::exceptions::make_exception(vm, t, args) {
        Ok(e) => PyErr(e),
        Err(e) => e,
    }
}

#[native(name = "send")]
pub fn gen_send(vm: &mut Vm, this: This<GenData>, value: Option<Value>) -> PyResult {
    let mut ret = Value::NONE;
    match resume(vm, this.obj, value.unwrap_or(Value::NONE), None, &mut ret)? {
        Some(v) => Ok(v),
        None => Err(stop_with(vm, ret)),
    }
}

#[native(name = "__next__", style = slot)]
fn gen_next_native(vm: &mut Vm, this: This<GenData>) -> PyResult {
    gen_next_raising(vm, this.obj)
}

/// `next(g)`: StopIteration carries the generator's return value.
pub fn gen_next_raising(vm: &mut Vm, g: Value) -> PyResult {
    let mut ret = Value::NONE;
    match resume(vm, g, Value::NONE, None, &mut ret)? {
        Some(v) => Ok(v),
        None => Err(stop_with(vm, ret)),
    }
}

/// gen.throw(typ, val=None, tb=None)
#[native(name = "throw")]
pub fn gen_throw(
    vm: &mut Vm,
    this: This<GenData>,
    typ: Value,
    val: Option<Value>,
    _tb: Option<Value>,
) -> PyResult {
    let t = Thrown {
        typ,
        val: val.unwrap_or(Value::NULL),
    };
    let mut ret = Value::NONE;
    match resume(vm, this.obj, Value::NONE, Some(t), &mut ret)? {
        Some(v) => Ok(v),
        None => Err(stop_with(vm, ret)),
    }
}

#[native(name = "close")]
pub fn gen_close(vm: &mut Vm, this: This<GenData>) -> PyResult {
    let gd = this.data;
    let kind = gd.kind;
    let g = this.obj;
    {
        let Some(mut claim) = gd.frame.try_claim() else {
            return Err(vm.value_error(format!("{} already executing", kind.noun())));
        };
        match claim.with(|f| f.as_ref().map(|f| f.pc() != 0)) {
            None => return Ok(Value::NONE),
            Some(false) => {
                claim.with_mut(|f| *f = None);
                return Ok(Value::NONE);
            }
            // Released here; `resume` claims it again to throw GeneratorExit in.
            Some(true) => {}
        }
    }
    let t = vm.rt.types.exc.generator_exit;
    let e = crate::exceptions::make_exception(vm, t, &[])?;
    let mut ret = Value::NONE;
    match resume(vm, g, Value::NONE, Some(Thrown::of(PyErr(e))), &mut ret) {
        Ok(Some(_)) => Err(vm.runtime_error(format!("{} ignored GeneratorExit", kind.noun()))),
        Ok(None) => Ok(Value::NONE),
        Err(e) if vm.err_is(&e, t) || vm.err_is(&e, vm.rt.types.exc.stop_iteration) => {
            Ok(Value::NONE)
        }
        Err(e) => Err(e),
    }
}

#[native(name = "__iter__", style = slot)]
fn gen_iter(_vm: &mut Vm, this: Value) -> Value {
    this
}

#[native(name = "__repr__", style = slot)]
pub fn gen_repr(vm: &mut Vm, this: This<GenData>) -> PyResult {
    let gd = this.data;
    let n = crate::helpers::as_str(&gd.name).unwrap_or("?").to_string();
    let what = match gd.kind {
        GenKind::Generator => "generator",
        GenKind::Coroutine => "coroutine",
        GenKind::AsyncGenerator => "async_generator",
    };
    let s = format!("<{what} object {n} at {:#x}>", this.obj.id());
    vm.new_str(&s)
}

pub fn init(vm: &mut Vm) {
    let t = vm.rt.types.generator;
    vm.add_methods(
        t,
        &[
            gen_send,
            gen_next_native,
            gen_throw,
            gen_close,
            gen_iter,
            gen_repr,
        ],
    );
}

impl Vm {
    /// Resume a suspended frame by raising `e` at its current point.
    pub fn resume_with_error(&mut self, f: &Frame, e: PyErr) -> PyResult<Exit> {
        self.roots.frames.push(f as *const Frame);
        self.depth += 1;
        let r = match self.handle_error(f, e, true) {
            Ok(()) => {
                self.roots.frames.pop();
                self.depth -= 1;
                return self.exec(f);
            }
            Err(e) => Err(e),
        };
        self.roots.frames.pop();
        self.depth -= 1;
        r
    }
}
