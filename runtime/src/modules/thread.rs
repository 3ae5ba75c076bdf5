//! The `_thread` module: starting OS threads that run Python in parallel (no GIL),
//! thread identity, and the lock types (in `lock.rs`).
//!
//! A new thread's slot is registered with the world by the starting thread, and its
//! function and arguments are held under a runtime handle (a root) until the new
//! thread has attached and rooted them, so no collection can miss them in between.
use super::lock::{self, LockData, TIMEOUT_MAX};
use super::{add_methods, new_native_module, set_item};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use weft_gc::LocalAlloc;
use weft_vm::helpers::as_int;
use weft_vm::native;
use weft_vm::native::NativeDef;
use weft_vm::objects::dict::DictData;
use weft_vm::objects::tuple::TupleData;
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Runtime, Vm};

/// Native stack of threads started with `stack_size()` 0 (the default). Python calls
/// recurse on the native stack; the Vm raises RecursionError well before it runs out.
pub const DEFAULT_STACK: usize = 256 << 20;

/// `_thread.stack_size()`: 0 means DEFAULT_STACK.
static STACK_SIZE: AtomicUsize = AtomicUsize::new(0);
/// Threads started by `start_new_thread` and still running (`_thread._count()`).
static RUNNING: AtomicUsize = AtomicUsize::new(0);

const FUNCS: &[NativeDef] = &[
    start_new_thread,
    NativeDef::raw("start_new", start_new_thread.f),
    allocate_lock,
    NativeDef::raw("allocate", allocate_lock.f),
    NativeDef::raw("get_ident", get_ident),
    NativeDef::raw("get_native_id", get_native_id),
    stack_size,
    NativeDef::raw("exit", exit),
    NativeDef::raw("exit_thread", exit),
    NativeDef::raw("_count", count),
    interrupt_main,
    check_signals,
    NativeDef::raw("_main_ident", main_ident),
    NativeDef::raw("_serial", serial),
    print_exception,
];

/// Ident of the interpreter's main thread (set by `run_main`).
static MAIN_IDENT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Record the calling thread as the main thread.
pub fn set_main_ident() {
    MAIN_IDENT.store(current_ident(), Ordering::SeqCst);
}

fn main_ident(vm: &mut Vm, _args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let id = match MAIN_IDENT.load(Ordering::SeqCst) {
        0 => current_ident(),
        id => id,
    };
    vm.new_int_u64(id)
}

/// A number that identifies the calling OS thread and is never reused (unlike
/// `get_ident()`): keys of `threading.local`'s per-thread dicts.
fn serial(vm: &mut Vm, _args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    thread_local! {
        static SERIAL: u64 = NEXT.fetch_add(1, Ordering::Relaxed);
    }
    let s = SERIAL.with(|s| *s);
    vm.new_int_u64(s)
}

/// `_print_exception(exc)`: the traceback and message on stderr, as at top level.
#[native(name = "_print_exception")]
fn print_exception(vm: &mut Vm, exc_arg: Value) -> PyResult {
    vm.print_exception(weft_vm::vm::PyErr(exc_arg));
    Ok(Value::NONE)
}

/// The calling thread's identity (`get_ident()`): pthread_self, as CPython.
pub fn current_ident() -> u64 {
    // SAFETY: pthread_self has no preconditions.
    unsafe { libc::pthread_self() as u64 }
}

pub fn init(vm: &mut Vm) -> PyResult {
    let (m, d) = new_native_module(vm, "_thread", FUNCS)?;
    let r = vm.with_root(m, |vm| fill(vm, d));
    r.map(|_| m)
}

fn fill(vm: &mut Vm, d: Value) -> PyResult<()> {
    let lt = super::new_native_type_with(vm, "lock", "_thread", true)?;
    add_methods(
        vm,
        lt,
        &[
            ("acquire", lock::lock_acquire.f),
            ("acquire_lock", lock::lock_acquire.f),
            ("release", lock::lock_release.f),
            ("release_lock", lock::lock_release.f),
            ("locked", lock::lock_locked.f),
            ("locked_lock", lock::lock_locked.f),
            ("__enter__", lock::lock_acquire.f),
            ("__exit__", lock::lock_exit.f),
            ("__repr__", lock::lock_repr.f),
        ],
    );
    set_item(vm, d, "LockType", lt)?;
    set_item(vm, d, "lock", lt)?;
    let rt = super::new_native_type_with(vm, "RLock", "_thread", true)?;
    vm.set_new(rt, lock::rlock_new);
    add_methods(
        vm,
        rt,
        &[
            ("acquire", lock::rlock_acquire.f),
            ("release", lock::rlock_release.f),
            ("__enter__", lock::rlock_acquire.f),
            ("__exit__", lock::rlock_exit.f),
            ("__repr__", lock::rlock_repr.f),
            ("_is_owned", lock::rlock_is_owned.f),
            ("_recursion_count", lock::rlock_recursion_count.f),
            ("_release_save", lock::rlock_release_save.f),
            ("_acquire_restore", lock::rlock_acquire_restore.f),
        ],
    );
    set_item(vm, d, "RLock", rt)?;
    let t = vm.new_float(TIMEOUT_MAX)?;
    set_item(vm, d, "TIMEOUT_MAX", t)?;
    let err = vm.rt.types.exc.runtime_error;
    set_item(vm, d, "error", err)?;
    // Remember the lock type for allocate_lock.
    let k = vm.intern("_lock_type");
    vm.dict_set(d, k, lt)
}

fn lock_type(vm: &mut Vm) -> PyResult {
    let m = vm.import_module("_thread")?;
    vm.getattr_str(m, "_lock_type")
}

#[native(name = "allocate_lock")]
fn allocate_lock(vm: &mut Vm) -> PyResult {
    let lt = lock_type(vm)?;
    vm.alloc(lt, LockData::default())
}

fn get_ident(vm: &mut Vm, _args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let id = current_ident();
    vm.new_int_u64(id)
}

fn get_native_id(vm: &mut Vm, _args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    // SAFETY: gettid has no preconditions.
    let tid = unsafe { libc::gettid() };
    vm.new_int(tid as i64)
}

fn count(vm: &mut Vm, _args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    vm.new_int(RUNNING.load(Ordering::SeqCst) as i64)
}

fn exit(vm: &mut Vm, _args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let t = vm.rt.types.exc.system_exit;
    Err(match weft_vm::exceptions::make_exception(vm, t, &[]) {
        Ok(e) => weft_vm::vm::PyErr(e),
        Err(e) => e,
    })
}

/// `stack_size([size])`: set the stack size of new threads (0, the default when no
/// argument is given, or at least 32 KiB); returns the previous setting.
#[native(name = "stack_size", owner = builtins, style = keywords)]
fn stack_size(vm: &mut Vm, size: Option<Value>) -> PyResult {
    let old = STACK_SIZE.load(Ordering::SeqCst);
    // As in CPython, no argument means 0: back to the default.
    let v = size.unwrap_or(Value::small_int(0).unwrap_or(Value::NONE));
    {
        let Some(n) = as_int(v) else {
            let tn = vm.type_name(v);
            return Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")));
        };
        if n != 0 && n < 32768 {
            return Err(vm.value_error(format!("size not valid: {n} bytes")));
        }
        if n < 0 {
            return Err(vm.value_error("size must be 0 or a positive value"));
        }
        STACK_SIZE.store(n as usize, Ordering::SeqCst);
    }
    vm.new_int(old as i64)
}

/// `start_new_thread(function, args[, kwargs])`: returns the new thread's ident.
#[native(name = "start_new_thread", owner = builtins)]
fn start_new_thread(vm: &mut Vm, function: Value, args: Value, kwargs: Option<Value>) -> PyResult {
    let (func, fargs) = (function, args);
    let fkw = kwargs.unwrap_or(Value::NULL);
    if !weft_vm::ops::call::is_callable(vm, func) {
        return Err(vm.type_error("first arg must be callable"));
    }
    if weft_vm::helpers::unwrap_base::<TupleData>(&fargs).is_none() {
        return Err(vm.type_error("2nd arg must be a tuple"));
    }
    if !fkw.is_null() && fkw.downcast::<DictData>().is_none() {
        return Err(vm.type_error("optional 3rd arg must be a dictionary"));
    }
    let boot = vm.new_tuple(vec![
        func,
        fargs,
        if fkw.is_null() { Value::NONE } else { fkw },
    ])?;
    let rt = vm.rt.clone();
    let handle = rt.hold(boot);
    let slot = rt.world.register();
    let size = match STACK_SIZE.load(Ordering::SeqCst) {
        0 => DEFAULT_STACK,
        n => n.max(1 << 20),
    };
    let (ident_tx, ident_rx) = std::sync::mpsc::channel();
    RUNNING.fetch_add(1, Ordering::SeqCst);
    let limit = vm.recursion_limit;
    let spawned = std::thread::Builder::new().stack_size(size).spawn(move || {
        let _ = ident_tx.send(current_ident());
        thread_main(rt, slot, handle, size, limit);
        RUNNING.fetch_sub(1, Ordering::SeqCst);
    });
    match spawned {
        Ok(_) => {
            let ident = vm.detached(|| ident_rx.recv().unwrap_or(0));
            vm.new_int_u64(ident)
        }
        Err(_) => {
            RUNNING.fetch_sub(1, Ordering::SeqCst);
            vm.rt.take_handle(handle);
            Err(vm.runtime_error("can't start new thread"))
        }
    }
}

/// Body of a thread started by `start_new_thread`.
fn thread_main(
    rt: Arc<Runtime>,
    slot: Arc<weft_core::ThreadSlot>,
    handle: u64,
    stack: usize,
    recursion_limit: u32,
) {
    let mut vm = Vm::attach(rt, slot, LocalAlloc::new());
    vm.set_stack_size(stack);
    vm.recursion_limit = recursion_limit;
    let boot = vm.rt.take_handle(handle);
    weft_vm::root_scope!(vm);
    vm.root(boot);
    // The (func, args, kwargs) tuple start_new_thread left under the handle.
    let Some(&[func, fargs, fkw]) = boot.downcast::<TupleData>().map(|t| &*t.0) else {
        return;
    };
    let r = (|| {
        let pos = vm.collect_iter(fargs)?;
        let kws = if fkw.is_none() {
            Vec::new()
        } else {
            vm.dict_items(fkw)
        };
        // Every value stays reachable from `boot` (rooted) during the call.
        vm.call(func, &pos, &kws)
    })();
    if let Err(e) = r {
        let system_exit = vm.rt.types.exc.system_exit;
        if !vm.err_is(&e, system_exit) {
            weft_vm::exceptions::report_unraisable_with(
                vm,
                e,
                "Exception ignored in thread started by",
                func,
            );
        }
    }
}

/// _thread._check_signals(): on the main thread, run the handlers of signals that
/// arrived (a join that another thread's `interrupt_main` ended raises from the join,
/// as CPython's, rather than at some later poll).
#[weft_vm::native(name = "_check_signals", owner = "_thread")]
fn check_signals(vm: &mut Vm) -> PyResult<()> {
    vm.handle_signals()
}

/// _thread.interrupt_main(signum=SIGINT, /): act as if `signum` arrived; the main
/// thread runs its Python handler at its next check (KeyboardInterrupt for SIGINT), or
/// before this call returns when it is the caller.
#[weft_vm::native(owner = "_thread")]
fn interrupt_main(vm: &mut Vm, signum: Option<i64>) -> PyResult<()> {
    let sig = signum.unwrap_or(libc::SIGINT as i64);
    if !(1..64).contains(&sig) {
        return Err(vm.value_error("signal number out of range"));
    }
    weft_vm::signals::note_signal(sig as i32);
    // Called on the main thread, the handler runs at once (CPython checks signals
    // before returning), so `KeyboardInterrupt` comes from this call.
    vm.handle_signals()
}
