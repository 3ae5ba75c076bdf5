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
/// Signals caught so far (`pause` waits for this to change).
static CAUGHT: AtomicU64 = AtomicU64::new(0);

/// The C-level handler: record, and wake a waiting event loop. Async-signal-safe
/// (atomics and `write`).
extern "C" fn on_signal(sig: libc::c_int) {
    weft_vm::signals::note_signal(sig);
    CAUGHT.fetch_add(1, Relaxed);
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
    weft_vm::root_scope!(vm);
    vm.root(old);
    let r = (|| {
        if sig == libc::SIGKILL || sig == libc::SIGSTOP || !set_disposition(sig, how) {
            return Err(super::posix::os_err(vm, libc::EINVAL, None));
        }
        let d = handlers(vm)?;
        let key = Value::small_int(sig as i64).expect("small");
        vm.dict_set(d, key, h)
    })();
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

/// `pause()`: sleep until a signal is caught, then run its handler.
#[native(name = "pause")]
fn pause(vm: &mut Vm) -> PyResult {
    let seen = CAUGHT.load(Relaxed);
    while CAUGHT.load(Relaxed) == seen {
        vm.detached(|| std::thread::sleep(std::time::Duration::from_millis(10)));
    }
    vm.handle_signals()?;
    Ok(Value::NONE)
}

/// `pthread_kill(thread_id, signalnum)`: send a signal to a thread (an ident from
/// `threading.get_ident()`, which is its pthread id).
#[native(name = "pthread_kill")]
fn pthread_kill(vm: &mut Vm, thread_id: Value, signalnum: Value) -> PyResult {
    let Some(id) = as_int(thread_id).map(|i| i as u64) else {
        let tn = vm.type_name(thread_id);
        return Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")));
    };
    let sig = match as_int(signalnum) {
        Some(0) => 0,
        _ => signum_arg(vm, signalnum)?,
    };
    // SAFETY: pthread_kill with an id the program got from get_ident(); for a thread
    // that has ended it reports ESRCH (as CPython, the caller answers for the id).
    let err = unsafe { libc::pthread_kill(id as libc::pthread_t, sig) };
    if err != 0 {
        return Err(super::posix::os_err(vm, err, None));
    }
    // A signal sent to this thread has run its C handler: run the Python one now.
    vm.handle_signals()?;
    Ok(Value::NONE)
}

/// The signals of an iterable of signal numbers, as a sigset.
fn sigset_arg(vm: &mut Vm, mask: Value) -> PyResult<libc::sigset_t> {
    let items = vm.collect_iter(mask)?;
    // SAFETY: sigemptyset initialises the set it is given.
    let mut set: libc::sigset_t = unsafe { std::mem::zeroed() };
    unsafe { libc::sigemptyset(&mut set) };
    for v in items {
        // A set names the bad number and the range, as CPython's sigset conversion.
        if let Some(n) = as_int(v)
            && !(1..NSIG as i64).contains(&n)
        {
            let msg = format!("signal number {n} out of range [1; {}]", NSIG - 1);
            return Err(vm.value_error(msg));
        }
        let sig = signum_arg(vm, v)?;
        // SAFETY: a valid signal number into an initialised set.
        unsafe { libc::sigaddset(&mut set, sig) };
    }
    Ok(set)
}

/// The signals in `set` as a Python set.
fn sigset_value(vm: &mut Vm, set: &libc::sigset_t) -> PyResult {
    let items: Vec<Value> = (1..NSIG)
        // SAFETY: sigismember reads an initialised set.
        .filter(|&s| unsafe { libc::sigismember(set, s) } == 1)
        .map(|s| Value::small_int(s as i64).expect("small"))
        .collect();
    vm.new_set(items)
}

/// `pthread_sigmask(how, mask)`: change this thread's blocked signals; the old set.
#[native(name = "pthread_sigmask")]
fn pthread_sigmask(vm: &mut Vm, how: Value, mask: Value) -> PyResult {
    let Some(how) = as_int(how) else {
        let tn = vm.type_name(how);
        return Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")));
    };
    let set = sigset_arg(vm, mask)?;
    // SAFETY: both sets are initialised; a bad `how` is reported as EINVAL.
    let mut old: libc::sigset_t = unsafe { std::mem::zeroed() };
    let err = unsafe { libc::pthread_sigmask(how as libc::c_int, &set, &mut old) };
    if err != 0 {
        return Err(super::posix::os_err(vm, err, None));
    }
    let r = sigset_value(vm, &old)?;
    let h = vm.with_root(r, |vm| vm.handle_signals());
    h.map(|_| r)
}

/// `sigpending()`: the signals waiting while blocked.
#[native(name = "sigpending")]
fn sigpending(vm: &mut Vm) -> PyResult {
    // SAFETY: sigpending fills the set it is given.
    let mut set: libc::sigset_t = unsafe { std::mem::zeroed() };
    if unsafe { libc::sigpending(&mut set) } != 0 {
        let e = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
        return Err(super::posix::os_err(vm, e, None));
    }
    sigset_value(vm, &set)
}

/// `sigwait(sigset)`: wait, detached, until one of the signals (which the caller has
/// blocked) is pending, take it and return its number.
#[native(name = "sigwait")]
fn sigwait(vm: &mut Vm, sigset: Value) -> PyResult {
    let set = sigset_arg(vm, sigset)?;
    let mut sig: libc::c_int = 0;
    // SAFETY: an initialised set and a place for the number; the call touches no heap.
    let err = vm.detached(|| unsafe { libc::sigwait(&set, &mut sig) });
    if err != 0 {
        return Err(super::posix::os_err(vm, err, None));
    }
    Ok(Value::small_int(sig as i64).expect("small"))
}

/// A taken signal's details as a `struct_siginfo` (defined by the module's Python part).
fn siginfo_value(vm: &mut Vm, info: &libc::siginfo_t) -> PyResult {
    // SAFETY: the accessors read the union as the kernel filled it; for signals whose
    // details are other fields they give what lies there, as CPython does. `si_band`
    // shares the union's first word with `si_addr`.
    let fields: [i64; 7] = unsafe {
        [
            info.si_signo as i64,
            info.si_code as i64,
            info.si_errno as i64,
            info.si_pid() as i64,
            info.si_uid() as i64,
            info.si_status() as i64,
            info.si_addr() as usize as i64,
        ]
    };
    let mut items = Vec::with_capacity(7);
    weft_vm::root_scope!(vm);
    for f in fields {
        let v = vm.new_int(f)?;
        vm.root(v);
        items.push(v);
    }
    (|| {
        let t = vm.new_tuple(items.clone())?;
        weft_vm::root_scope!(vm);
        vm.root(t);
        let m = module_value(vm);
        m.and_then(|m| {
            let cls = vm.getattr_str(m, "struct_siginfo")?;
            vm.call(cls, &[t], &[])
        })
    })()
}

/// `sigwaitinfo(sigset)`: as `sigwait`, returning the signal's details.
#[native(name = "sigwaitinfo")]
fn sigwaitinfo(vm: &mut Vm, sigset: Value) -> PyResult {
    let set = sigset_arg(vm, sigset)?;
    // SAFETY: a zeroed siginfo_t is a valid place for the kernel to fill.
    let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: an initialised set and an owned siginfo_t; no heap access.
        let r = vm.detached(|| unsafe { libc::sigwaitinfo(&set, &mut info) });
        if r >= 0 {
            return siginfo_value(vm, &info);
        }
        let e = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
        if e != libc::EINTR {
            return Err(super::posix::os_err(vm, e, None));
        }
        // Interrupted by a handled signal: run its handler, then wait again (PEP 475).
        vm.handle_signals()?;
    }
}

/// `sigtimedwait(sigset, timeout)`: as `sigwaitinfo`, giving up (None) after `timeout`
/// seconds.
#[native(name = "sigtimedwait")]
fn sigtimedwait(vm: &mut Vm, sigset: Value, timeout: Value) -> PyResult {
    let set = sigset_arg(vm, sigset)?;
    let Some(secs) = weft_vm::helpers::as_f64(timeout) else {
        let tn = vm.type_name(timeout);
        return Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")));
    };
    if secs.is_nan() || secs < 0.0 {
        return Err(vm.value_error("timeout must be non-negative"));
    }
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs_f64(secs.min(1e9));
    // SAFETY: a zeroed siginfo_t is a valid place for the kernel to fill.
    let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
    loop {
        let left = deadline.saturating_duration_since(std::time::Instant::now());
        let ts = libc::timespec {
            tv_sec: left.as_secs() as libc::time_t,
            tv_nsec: left.subsec_nanos() as libc::c_long,
        };
        // SAFETY: an initialised set, an owned siginfo_t and timespec; no heap access.
        let r = vm.detached(|| unsafe { libc::sigtimedwait(&set, &mut info, &ts) });
        if r >= 0 {
            return siginfo_value(vm, &info);
        }
        let e = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
        match e {
            libc::EAGAIN => return Ok(Value::NONE),
            libc::EINTR => vm.handle_signals()?,
            _ => return Err(super::posix::os_err(vm, e, None)),
        }
    }
}

/// A timer's (delay, interval) in seconds.
fn timer_pair(vm: &mut Vm, t: &libc::itimerval) -> PyResult {
    let secs = |tv: &libc::timeval| tv.tv_sec as f64 + tv.tv_usec as f64 / 1e6;
    let a = vm.new_float(secs(&t.it_value))?;
    weft_vm::root_scope!(vm);
    vm.root(a);
    let b = vm.new_float(secs(&t.it_interval));
    b.and_then(|b| vm.new_tuple(vec![a, b]))
}

/// `signal.ItimerError` for the current errno.
fn itimer_error(vm: &mut Vm) -> weft_vm::vm::PyErr {
    let errno = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
    let r = (|| {
        let m = module_value(vm)?;
        let cls = vm.getattr_str(m, "ItimerError")?;
        weft_vm::root_scope!(vm);
        vm.root(cls);
        let msg = vm.new_str(&super::posix::errno_message(errno));
        msg.and_then(|msg| {
            weft_vm::root_scope!(vm);
            vm.root(msg);
            weft_vm::exceptions::make_exception(
                vm,
                cls,
                &[Value::small_int(errno as i64).expect("small"), msg],
            )
        })
    })();
    match r {
        Ok(e) => weft_vm::vm::PyErr(e),
        Err(e) => e,
    }
}

fn timeval(vm: &mut Vm, secs: Value) -> PyResult<libc::timeval> {
    let Some(s) = weft_vm::helpers::as_f64(secs) else {
        let tn = vm.type_name(secs);
        return Err(vm.type_error(format!("must be real number, not {tn}")));
    };
    let s = s.max(0.0);
    let mut sec = s.trunc() as libc::time_t;
    let mut usec = ((s - s.trunc()) * 1e6).round() as libc::suseconds_t;
    if usec >= 1_000_000 {
        sec += 1;
        usec -= 1_000_000;
    }
    // CPython rounds a non-zero time below a microsecond up to one.
    if sec == 0 && usec == 0 && s > 0.0 {
        usec = 1;
    }
    Ok(libc::timeval {
        tv_sec: sec,
        tv_usec: usec,
    })
}

/// `setitimer(which, seconds, interval=0.0)`: arm a timer; its old (delay, interval).
fn setitimer(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    if !kw.is_empty() {
        return Err(vm.type_error("setitimer() takes no keyword arguments"));
    }
    if !(2..=3).contains(&args.len()) {
        return Err(vm.type_error(format!(
            "setitimer expected at least 2 arguments, got {}",
            args.len()
        )));
    }
    let Some(which) = as_int(args[0]) else {
        let tn = vm.type_name(args[0]);
        return Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")));
    };
    let value = timeval(vm, args[1])?;
    let interval = match args.get(2) {
        Some(&v) => timeval(vm, v)?,
        None => libc::timeval {
            tv_sec: 0,
            tv_usec: 0,
        },
    };
    let new = libc::itimerval {
        it_interval: interval,
        it_value: value,
    };
    // SAFETY: setitimer with initialised structs; a bad `which` is EINVAL.
    let mut old: libc::itimerval = unsafe { std::mem::zeroed() };
    if unsafe { libc::setitimer(which as libc::c_int, &new, &mut old) } != 0 {
        return Err(itimer_error(vm));
    }
    timer_pair(vm, &old)
}

/// `getitimer(which)`: a timer's (delay, interval).
#[native(name = "getitimer")]
fn getitimer(vm: &mut Vm, which: Value) -> PyResult {
    let Some(which) = as_int(which) else {
        let tn = vm.type_name(which);
        return Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")));
    };
    // SAFETY: getitimer fills the struct it is given; a bad `which` is EINVAL.
    let mut cur: libc::itimerval = unsafe { std::mem::zeroed() };
    if unsafe { libc::getitimer(which as libc::c_int, &mut cur) } != 0 {
        return Err(itimer_error(vm));
    }
    timer_pair(vm, &cur)
}

/// The module's exception class, defined as CPython names it.
const ITIMER_ERROR: &str = r#"
class itimer_error(OSError):
    pass


class struct_siginfo(tuple):
    """A signal's details, from sigwaitinfo() and sigtimedwait()."""

    n_sequence_fields = n_fields = 7
    n_unnamed_fields = 0
    _names = ("si_signo", "si_code", "si_errno", "si_pid", "si_uid",
              "si_status", "si_band")

    def __new__(cls, seq):
        seq = tuple(seq)
        if len(seq) != 7:
            raise TypeError("signal.struct_siginfo() takes a 7-sequence "
                            "(%d-sequence given)" % len(seq))
        return tuple.__new__(cls, seq)

    def __repr__(self):
        return "signal.struct_siginfo(" + ", ".join(
            "%s=%r" % (n, v) for n, v in zip(self._names, self)) + ")"

    def __reduce__(self):
        return (struct_siginfo, (tuple(self),))


for _i, _n in enumerate(struct_siginfo._names):
    setattr(struct_siginfo, _n, property(lambda self, _i=_i: self[_i]))
del _i, _n
struct_siginfo.__module__ = "signal"

itimer_error.__module__ = "signal"
ItimerError = itimer_error
del itimer_error
"#;

const FUNCTIONS: &[NativeDef] = &[
    pause,
    pthread_kill,
    pthread_sigmask,
    sigpending,
    sigwait,
    sigwaitinfo,
    sigtimedwait,
    NativeDef::raw("setitimer", setitimer),
    getitimer,
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
    ("ITIMER_REAL", libc::ITIMER_REAL as i64),
    ("ITIMER_VIRTUAL", libc::ITIMER_VIRTUAL as i64),
    ("ITIMER_PROF", libc::ITIMER_PROF as i64),
];

pub fn init(vm: &mut Vm) -> PyResult {
    let (m, d) = super::new_native_module(vm, "_signal", FUNCTIONS)?;
    weft_vm::root_scope!(vm);
    vm.root(m);
    (|| {
        for &(name, v) in CONSTANTS {
            let n = vm.new_int(v)?;
            let key = vm.intern(name);
            vm.dict_set(d, key, n)?;
        }
        vm.exec_in_module(ITIMER_ERROR, "<_signal>", m)?;
        Ok(m)
    })()
}
