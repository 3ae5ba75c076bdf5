//! `_signal` (CPython's C module under Lib's `signal`): Python handlers for OS signals.
//!
//! The C-level handler ([`on_signal`]) only records the signal (`weft_vm::signals`, which
//! also says how the main thread runs the Python handler at its next safepoint) and
//! writes a byte to the wakeup fd if one is set. The Python handlers live in one dict
//! (signal number -> handler), a permanent root, read by [`dispatch`] on the main thread.
//!
//! At start-up SIGINT gets the C handler with `default_int_handler` as its Python
//! handler (raising KeyboardInterrupt), before this module is imported, as in CPython.
use std::sync::atomic::Ordering::{Acquire, Relaxed, Release};
use std::sync::atomic::{AtomicI32, AtomicU64};
use weft_vm::helpers::as_int;
use weft_vm::native;
use weft_vm::native::NativeDef;
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

/// Signals are 1..NSIG (Linux: 64 real-time included).
const NSIG: i32 = 65;
const SIG_DFL: i64 = 0;
const SIG_IGN: i64 = 1;

/// The handlers dict (raw `Value`; 0 until made; a permanent root once made).
static HANDLERS: AtomicU64 = AtomicU64::new(0);
/// `set_wakeup_fd`'s file descriptor, -1 for none.
static WAKEUP_FD: AtomicI32 = AtomicI32::new(-1);

/// The C-level handler: record, and wake a waiting event loop. Async-signal-safe
/// (atomics and `write`).
extern "C" fn on_signal(sig: libc::c_int) {
    weft_vm::signals::note_signal(sig);
    let fd = WAKEUP_FD.load(Relaxed);
    if fd >= 0 {
        let b = sig as u8;
        // SAFETY: writing one byte from a live local; errors are ignored, as CPython
        // does by default for a full pipe.
        unsafe { libc::write(fd, &b as *const u8 as *const libc::c_void, 1) };
    }
}

/// Set signal `sig`'s disposition: the C handler, or SIG_DFL / SIG_IGN.
fn set_disposition(sig: i32, how: libc::sighandler_t) -> bool {
    // SAFETY: a zeroed sigaction is valid; we fill the handler and an empty mask. No
    // SA_RESTART: a blocking call the signal interrupts returns EINTR.
    unsafe {
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = how;
        libc::sigemptyset(&mut sa.sa_mask);
        libc::sigaction(sig, &sa, std::ptr::null_mut()) == 0
    }
}

fn c_handler() -> libc::sighandler_t {
    on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t
}

/// Start-up: SIGINT raises KeyboardInterrupt in the main thread.
pub fn install_sigint(vm: &mut Vm) {
    set_disposition(libc::SIGINT, c_handler());
    *vm.rt.signal_dispatch.lock() = Some(dispatch);
}

/// The handlers dict, made (and rooted) on first use.
fn handlers(vm: &mut Vm) -> PyResult<Value> {
    let raw = HANDLERS.load(Acquire);
    if raw != 0 {
        return Ok(Value::from_raw(raw));
    }
    let d = vm.new_dict()?;
    vm.rt.add_perm_root(d);
    HANDLERS.store(d.raw(), Release);
    Ok(d)
}

/// Run signal `sig`'s Python handler (main thread, at a safepoint).
fn dispatch(vm: &mut Vm, sig: i32) -> PyResult<()> {
    let d = handlers(vm)?;
    let key = Value::small_int(sig as i64).expect("small");
    let h = match vm.dict_get(d, key)? {
        Some(h) => h,
        None if sig == libc::SIGINT => return Err(vm.keyboard_interrupt()),
        None => return Ok(()),
    };
    if as_int(h).is_some() {
        return Ok(());
    }
    let frame = current_frame(vm)?;
    vm.call(h, &[key, frame], &[]).map(|_| ())
}

/// The running Python frame's frame object (a handler's second argument), or None.
fn current_frame(vm: &mut Vm) -> PyResult {
    match vm.roots.frames.last().copied() {
        // SAFETY: frames on this thread's list are running below us, hence alive.
        Some(f) => vm.frame_object(unsafe { &*f }),
        None => Ok(Value::NONE),
    }
}

fn signum_arg(vm: &mut Vm, v: Value) -> PyResult<i32> {
    let Some(n) = as_int(v) else {
        let tn = vm.type_name(v);
        return Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")));
    };
    if !(1..NSIG as i64).contains(&n) {
        return Err(vm.value_error("signal number out of range"));
    }
    Ok(n as i32)
}

/// What `getsignal` answers for a signal with no Python handler set.
fn default_handler(vm: &mut Vm, sig: i32) -> PyResult {
    if sig == libc::SIGINT {
        let m = module_value(vm)?;
        return vm.getattr_str(m, "default_int_handler");
    }
    Ok(Value::small_int(SIG_DFL).expect("small"))
}

fn module_value(vm: &mut Vm) -> PyResult {
    vm.import_module("_signal")
}

fn signal(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    weft_vm::helpers::no_kwargs(vm, "signal", kw)?;
    weft_vm::helpers::arg_count(vm, "signal", args, 2, 2)?;
    let sig = signum_arg(vm, args[0])?;
    let h = args[1];
    if !vm.is_main_thread {
        return Err(vm.value_error("signal only works in main thread of the main interpreter"));
    }
    let how = match as_int(h) {
        Some(SIG_DFL) => libc::SIG_DFL,
        Some(SIG_IGN) => libc::SIG_IGN,
        _ if weft_vm::ops::call::is_callable(vm, h) => c_handler(),
        _ => {
            return Err(vm.type_error(
                "signal handler must be signal.SIG_IGN, signal.SIG_DFL, or a callable object",
            ));
        }
    };
    let old = (getsignal.f)(vm, &args[..1], &[])?;
    vm.push_root(old);
    let r = (|| {
        if sig == libc::SIGKILL || sig == libc::SIGSTOP || !set_disposition(sig, how) {
            return Err(super::posix::os_err(vm, libc::EINVAL, None));
        }
        let d = handlers(vm)?;
        let key = Value::small_int(sig as i64).expect("small");
        vm.dict_set(d, key, h)
    })();
    vm.pop_roots(1);
    r.map(|_| old)
}

#[native(name = "getsignal")]
fn getsignal(vm: &mut Vm, signalnum: Value) -> PyResult {
    let sig = signum_arg(vm, signalnum)?;
    let d = handlers(vm)?;
    let key = Value::small_int(sig as i64).expect("small");
    match vm.dict_get(d, key)? {
        Some(h) => Ok(h),
        None => default_handler(vm, sig),
    }
}

fn default_int_handler(vm: &mut Vm, _args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    Err(vm.keyboard_interrupt())
}

#[native(name = "raise_signal")]
fn raise_signal(vm: &mut Vm, signalnum: Value) -> PyResult {
    let sig = signum_arg(vm, signalnum)?;
    // SAFETY: raise(3) with a valid signal number.
    if unsafe { libc::raise(sig) } != 0 {
        return Err(super::posix::os_err(vm, libc::EINVAL, None));
    }
    // The handler ran on this thread: its Python part runs now, as CPython does.
    vm.handle_signals()?;
    Ok(Value::NONE)
}

#[native(name = "alarm")]
fn alarm(vm: &mut Vm, seconds_arg: Value) -> PyResult {
    let Some(secs) = as_int(seconds_arg) else {
        let tn = vm.type_name(seconds_arg);
        return Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")));
    };
    // SAFETY: alarm(2) takes any unsigned number of seconds.
    let left = unsafe { libc::alarm(secs.clamp(0, u32::MAX as i64) as u32) };
    vm.new_int(left as i64)
}

#[native(name = "strsignal")]
fn strsignal(vm: &mut Vm, signalnum: Value) -> PyResult {
    let sig = signum_arg(vm, signalnum)?;
    // SAFETY: strsignal returns a NUL-terminated string (or NULL), copied at once.
    let p = unsafe { libc::strsignal(sig) };
    if p.is_null() {
        return Ok(Value::NONE);
    }
    let s = unsafe { std::ffi::CStr::from_ptr(p) }
        .to_string_lossy()
        .into_owned();
    vm.new_str(&s)
}

#[native(name = "valid_signals")]
fn valid_signals(vm: &mut Vm) -> PyResult {
    // glibc keeps 32 and 33 for its threads.
    let items: Vec<Value> = (1..NSIG)
        .filter(|s| !(32..=33).contains(s))
        .map(|s| Value::small_int(s as i64).expect("small"))
        .collect();
    vm.new_set(items)
}

#[native(name = "set_wakeup_fd")]
fn set_wakeup_fd(vm: &mut Vm, fd_arg: Value) -> PyResult {
    if !vm.is_main_thread {
        return Err(
            vm.value_error("set_wakeup_fd only works in main thread of the main interpreter")
        );
    }
    let Some(fd) = as_int(fd_arg) else {
        let tn = vm.type_name(fd_arg);
        return Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")));
    };
    let old = WAKEUP_FD.swap(fd.clamp(-1, i32::MAX as i64) as i32, Relaxed);
    vm.new_int(old as i64)
}

#[native(name = "siginterrupt")]
fn siginterrupt(vm: &mut Vm, signalnum: Value, _flag: Value) -> PyResult {
    signum_arg(vm, signalnum)?;
    // Handlers are installed without SA_RESTART already: system calls are interrupted.
    Ok(Value::NONE)
}

const FUNCTIONS: &[NativeDef] = &[
    NativeDef::raw("signal", signal),
    getsignal,
    NativeDef::raw("default_int_handler", default_int_handler),
    raise_signal,
    alarm,
    strsignal,
    valid_signals,
    set_wakeup_fd,
    siginterrupt,
];

const CONSTANTS: &[(&str, i64)] = &[
    ("SIG_DFL", SIG_DFL),
    ("SIG_IGN", SIG_IGN),
    ("NSIG", NSIG as i64),
    ("SIG_BLOCK", libc::SIG_BLOCK as i64),
    ("SIG_UNBLOCK", libc::SIG_UNBLOCK as i64),
    ("SIG_SETMASK", libc::SIG_SETMASK as i64),
    ("SIGHUP", libc::SIGHUP as i64),
    ("SIGINT", libc::SIGINT as i64),
    ("SIGQUIT", libc::SIGQUIT as i64),
    ("SIGILL", libc::SIGILL as i64),
    ("SIGTRAP", libc::SIGTRAP as i64),
    ("SIGABRT", libc::SIGABRT as i64),
    ("SIGIOT", libc::SIGIOT as i64),
    ("SIGBUS", libc::SIGBUS as i64),
    ("SIGFPE", libc::SIGFPE as i64),
    ("SIGKILL", libc::SIGKILL as i64),
    ("SIGUSR1", libc::SIGUSR1 as i64),
    ("SIGSEGV", libc::SIGSEGV as i64),
    ("SIGUSR2", libc::SIGUSR2 as i64),
    ("SIGPIPE", libc::SIGPIPE as i64),
    ("SIGALRM", libc::SIGALRM as i64),
    ("SIGTERM", libc::SIGTERM as i64),
    ("SIGSTKFLT", libc::SIGSTKFLT as i64),
    ("SIGCHLD", libc::SIGCHLD as i64),
    ("SIGCONT", libc::SIGCONT as i64),
    ("SIGSTOP", libc::SIGSTOP as i64),
    ("SIGTSTP", libc::SIGTSTP as i64),
    ("SIGTTIN", libc::SIGTTIN as i64),
    ("SIGTTOU", libc::SIGTTOU as i64),
    ("SIGURG", libc::SIGURG as i64),
    ("SIGXCPU", libc::SIGXCPU as i64),
    ("SIGXFSZ", libc::SIGXFSZ as i64),
    ("SIGVTALRM", libc::SIGVTALRM as i64),
    ("SIGPROF", libc::SIGPROF as i64),
    ("SIGWINCH", libc::SIGWINCH as i64),
    ("SIGIO", libc::SIGIO as i64),
    ("SIGPOLL", libc::SIGPOLL as i64),
    ("SIGPWR", libc::SIGPWR as i64),
    ("SIGSYS", libc::SIGSYS as i64),
    ("SIGRTMIN", 34),
    ("SIGRTMAX", 64),
];

pub fn init(vm: &mut Vm) -> PyResult {
    let (m, d) = super::new_native_module(vm, "_signal", FUNCTIONS)?;
    vm.push_root(m);
    let r = (|| {
        for &(name, v) in CONSTANTS {
            let n = vm.new_int(v)?;
            let key = vm.intern(name);
            vm.dict_set(d, key, n)?;
        }
        Ok(m)
    })();
    vm.pop_roots(1);
    r
}
