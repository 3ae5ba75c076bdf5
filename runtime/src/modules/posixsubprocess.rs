//! `_posixsubprocess.fork_exec`: start a child process for `subprocess.Popen`.
//!
//! Everything the child needs (argv, envp, the executables to try, the working folder)
//! is converted to C data in the parent before `fork`. Between `fork` and `exec` the child
//! runs only async-signal-safe system calls on that prepared data: no allocation, no
//! lock, no heap access — other weft threads may have held any of those when it forked.
//! An error before or at `exec` is reported to the parent through `errpipe_write` in the
//! format `subprocess` parses: `OSError:<hex errno>:noexec` before exec (subprocess then
//! names `cwd` in the error), `OSError:<hex errno>:` when exec itself failed.
//! A `preexec_fn` is the exception: see `fork_with_preexec`.
use super::new_native_module;
use super::posix::{os_err, path_arg};
use std::ffi::CString;
use weft_vm::helpers::{arg_count, as_int, no_kwargs};
use weft_vm::native::NativeDef;
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

const FUNCS: &[NativeDef] = &[NativeDef::raw("fork_exec", fork_exec)];

pub fn init(vm: &mut Vm) -> PyResult {
    let (m, _) = new_native_module(vm, "_posixsubprocess", FUNCS)?;
    Ok(m)
}

/// What the child does, prepared in the parent.
struct Plan {
    argv: Vec<CString>,
    envp: Option<Vec<CString>>,
    executables: Vec<CString>,
    cwd: Option<CString>,
    close_fds: bool,
    keep: Vec<i32>,
    /// p2cread, p2cwrite, c2pread, c2pwrite, errread, errwrite, errpipe_read, errpipe_write
    fds: [i32; 8],
    restore_signals: bool,
    setsid: bool,
    pgid: i64,
    gid: Option<u32>,
    groups: Option<Vec<libc::gid_t>>,
    uid: Option<u32>,
    umask: i64,
}

fn int_arg(vm: &mut Vm, v: Value, what: &str) -> PyResult<i64> {
    match as_int(v) {
        Some(i) => Ok(i),
        None => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!("{what} must be an integer, not {tn}")))
        }
    }
}

fn opt_id(vm: &mut Vm, v: Value, what: &str) -> PyResult<Option<u32>> {
    if v.is_none() {
        return Ok(None);
    }
    let i = int_arg(vm, v, what)?;
    u32::try_from(i)
        .map(Some)
        .map_err(|_| vm.overflow_error(format!("{what} out of range")))
}

/// C strings from a sequence of str / bytes / path-like items.
fn c_strings(vm: &mut Vm, seq: Value, what: &str) -> PyResult<Vec<CString>> {
    let items = vm.collect_iter(seq)?;
    weft_vm::root_scope!(vm);
    for &v in &items {
        vm.root(v);
    }
    let mut out = Vec::with_capacity(items.len());
    for v in items {
        out.push(path_arg(vm, v, what)?.0);
    }
    Ok(out)
}

/// fork_exec(args, executable_list, close_fds, pass_fds, cwd, env, p2cread, p2cwrite,
/// c2pread, c2pwrite, errread, errwrite, errpipe_read, errpipe_write, restore_signals,
/// call_setsid, pgid_to_set, gid, extra_groups, uid, child_umask, preexec_fn, use_vfork)
fn fork_exec(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    no_kwargs(vm, "fork_exec", kw)?;
    arg_count(vm, "fork_exec", args, 22, 23)?;
    let preexec = args[21];
    let plan = plan(vm, args)?;
    let argv = pointers(&plan.argv);
    let envp = plan.envp.as_ref().map(|e| pointers(e));
    if !preexec.is_none() {
        return fork_with_preexec(vm, preexec, &plan, &argv, envp.as_deref());
    }
    // SAFETY: fork has no preconditions; in the child we call only `child`, which uses
    // async-signal-safe system calls on memory prepared above and never returns.
    let pid = unsafe { libc::fork() };
    if pid == 0 {
        child(&plan, &argv, envp.as_deref(), None);
    }
    if pid < 0 {
        let e = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
        return Err(os_err(vm, e, None));
    }
    vm.new_int(pid as i64)
}

/// fork_exec with a `preexec_fn`: the child must run Python code, so the parent forks
/// with the world stopped. Every other thread is then parked at a safepoint or detached
/// in a system call, so none holds a heap, object or allocator lock (DESIGN.md invariant
/// 3) and the child's copy of the heap is consistent. In the child the stop request is
/// lowered (see below) and automatic collection is switched off until `exec`. As with
/// CPython, a
/// `preexec_fn` that needs a lock another thread held at the fork (an import in
/// progress, a stream being written) can deadlock; the documentation warns about it.
fn fork_with_preexec(
    vm: &mut Vm,
    preexec: Value,
    plan: &Plan,
    argv: &[*const libc::c_char],
    envp: Option<&[*const libc::c_char]>,
) -> PyResult {
    weft_vm::root_scope!(vm);
    vm.root(preexec);
    let rt = vm.rt.clone();
    let slot = vm.slot.clone();
    let stopped = loop {
        if let Some(s) = rt.world.stop_the_world(&slot) {
            break s;
        }
    };
    // SAFETY: fork has no preconditions. The world is stopped (see above); the child
    // runs `child`, which never returns.
    let pid = unsafe { libc::fork() };
    if pid == 0 {
        // The child ends the stop without `restart`, which takes the registry lock: a
        // thread of the parent re-attaching during the stop may have held it at the
        // fork. Lowering the request is enough for this thread's polls; the threads that
        // did not come along stay SUSPENDED, and the stop's own lock stays taken, so
        // the child never collects (automatic collection is off; `gc.collect()` in a
        // `preexec_fn` would wait for ever, like any lock another thread held).
        std::mem::forget(stopped);
        rt.world.attention().lower(weft_core::attention::STOP);
        vm.rt
            .gc_enabled
            .store(false, std::sync::atomic::Ordering::Relaxed);
        child(plan, argv, envp, Some((vm, preexec)));
    }
    drop(stopped);
    if pid < 0 {
        let e = std::io::Error::last_os_error().raw_os_error().unwrap_or(0);
        return Err(os_err(vm, e, None));
    }
    vm.new_int(pid as i64)
}

fn plan(vm: &mut Vm, a: &[Value]) -> PyResult<Plan> {
    let argv = c_strings(vm, a[0], "args")?;
    let executables = c_strings(vm, a[1], "executable")?;
    let close_fds = vm.truthy(a[2])?;
    let keep_vals = vm.collect_iter(a[3])?;
    let mut keep = Vec::with_capacity(keep_vals.len());
    for v in keep_vals {
        let fd = int_arg(vm, v, "fds_to_keep")?;
        keep.push(fd as i32);
    }
    keep.sort_unstable();
    let cwd = if a[4].is_none() {
        None
    } else {
        Some(path_arg(vm, a[4], "cwd")?.0)
    };
    let envp = if a[5].is_none() {
        None
    } else {
        Some(c_strings(vm, a[5], "env")?)
    };
    let mut fds = [0i32; 8];
    for (i, slot) in fds.iter_mut().enumerate() {
        *slot = int_arg(vm, a[6 + i], "fd")? as i32;
    }
    let restore_signals = vm.truthy(a[14])?;
    let setsid = vm.truthy(a[15])?;
    let pgid = int_arg(vm, a[16], "pgid_to_set")?;
    let gid = opt_id(vm, a[17], "gid")?;
    let groups = if a[18].is_none() {
        None
    } else {
        let items = vm.collect_iter(a[18])?;
        let mut g = Vec::with_capacity(items.len());
        for v in items {
            g.push(opt_id(vm, v, "extra_groups")?.unwrap_or(0) as libc::gid_t);
        }
        Some(g)
    };
    let uid = opt_id(vm, a[19], "uid")?;
    let umask = int_arg(vm, a[20], "child_umask")?;
    Ok(Plan {
        argv,
        envp,
        executables,
        cwd,
        close_fds,
        keep,
        fds,
        restore_signals,
        setsid,
        pgid,
        gid,
        groups,
        uid,
        umask,
    })
}

/// A NULL-terminated array of pointers into `strings` (which must outlive it).
fn pointers(strings: &[CString]) -> Vec<*const libc::c_char> {
    let mut p: Vec<_> = strings.iter().map(|s| s.as_ptr()).collect();
    p.push(std::ptr::null());
    p
}

fn errno() -> i32 {
    // SAFETY: __errno_location returns this thread's errno slot, always valid.
    unsafe { *libc::__errno_location() }
}

/// The child, between fork and exec. Never returns.
fn child(
    p: &Plan,
    argv: &[*const libc::c_char],
    envp: Option<&[*const libc::c_char]>,
    preexec: Option<(&mut Vm, Value)>,
) -> ! {
    let (marker, err) = match prepare(p) {
        Ok(()) => {
            // As CPython: preexec_fn after the descriptors, folder and ids are set up,
            // before the other descriptors are closed.
            if let Some((vm, f)) = preexec
                && vm.call(f, &[], &[]).is_err()
            {
                let msg = b"SubprocessError:0:Exception occurred in preexec_fn.";
                // SAFETY: writes a static buffer to a descriptor, then ends the child.
                unsafe {
                    libc::write(p.fds[7], msg.as_ptr() as *const libc::c_void, msg.len());
                    libc::_exit(255)
                }
            }
            if p.close_fds {
                close_others(&p.keep);
            }
            ("", exec_all(p, argv, envp))
        }
        Err((marker, e)) => (marker, e),
    };
    report(p.fds[7], err, marker);
    // SAFETY: _exit ends the child without running atexit handlers or destructors that
    // belong to the parent's state.
    unsafe { libc::_exit(255) }
}

/// Set up descriptors, folder, signals, session and ids; Err((marker, errno)).
fn prepare(p: &Plan) -> Result<(), (&'static str, i32)> {
    let [
        p2cread,
        p2cwrite,
        c2pread,
        c2pwrite,
        errread,
        errwrite,
        errpipe_read,
        _,
    ] = p.fds;
    let fail = |m: &'static str| -> Result<(), (&'static str, i32)> { Err((m, errno())) };
    // SAFETY (whole function): plain system calls on integer descriptors and on C strings
    // built before the fork; all are async-signal-safe.
    unsafe {
        for &fd in p.keep.iter().filter(|&&fd| fd != p.fds[7]) {
            let flags = libc::fcntl(fd, libc::F_GETFD);
            if flags >= 0 && flags & libc::FD_CLOEXEC != 0 {
                libc::fcntl(fd, libc::F_SETFD, flags & !libc::FD_CLOEXEC);
            }
        }
        for fd in [p2cwrite, c2pread, errread, errpipe_read] {
            if fd != -1 {
                libc::close(fd);
            }
        }
        // Move the child's ends out of the way of 0..2 before dup2 lands on them.
        let mut c2pwrite = c2pwrite;
        if c2pwrite == 0 {
            c2pwrite = libc::dup(c2pwrite);
            if c2pwrite < 0 {
                return fail("noexec");
            }
        }
        let mut errwrite = errwrite;
        while errwrite == 0 || errwrite == 1 {
            errwrite = libc::dup(errwrite);
            if errwrite < 0 {
                return fail("noexec");
            }
        }
        for (fd, target) in [(p2cread, 0), (c2pwrite, 1), (errwrite, 2)] {
            if fd == target {
                let flags = libc::fcntl(fd, libc::F_GETFD);
                libc::fcntl(fd, libc::F_SETFD, flags & !libc::FD_CLOEXEC);
            } else if fd != -1 && libc::dup2(fd, target) < 0 {
                return fail("noexec");
            }
        }
        if let Some(cwd) = &p.cwd
            && libc::chdir(cwd.as_ptr()) < 0
        {
            return fail("noexec");
        }
        if p.umask >= 0 {
            libc::umask(p.umask as libc::mode_t);
        }
        if p.restore_signals {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
            libc::signal(libc::SIGXFSZ, libc::SIG_DFL);
        }
        if p.setsid && libc::setsid() < 0 {
            return fail("noexec");
        }
        if p.pgid >= 0 && libc::setpgid(0, p.pgid as libc::pid_t) < 0 {
            return fail("noexec");
        }
        if let Some(g) = &p.groups
            && libc::setgroups(g.len(), g.as_ptr()) < 0
        {
            return fail("noexec");
        }
        if let Some(gid) = p.gid
            && libc::setregid(gid, gid) < 0
        {
            return fail("noexec");
        }
        if let Some(uid) = p.uid
            && libc::setreuid(uid, uid) < 0
        {
            return fail("noexec");
        }
    }
    Ok(())
}

/// Close every descriptor from 3 up except those in `keep` (sorted).
fn close_others(keep: &[i32]) {
    let mut lo: u32 = 3;
    for &k in keep.iter().filter(|&&k| k >= 3) {
        close_range(lo, k as u32 - 1);
        lo = k as u32 + 1;
    }
    close_range(lo, u32::MAX);
}

fn close_range(lo: u32, hi: u32) {
    if lo > hi {
        return;
    }
    // SAFETY: close_range only closes descriptors; on kernels without it we fall back
    // to closing each descriptor below the process's limit, which is just as harmless.
    unsafe {
        if libc::syscall(libc::SYS_close_range, lo, hi, 0) == 0 {
            return;
        }
        let max = libc::sysconf(libc::_SC_OPEN_MAX).clamp(256, 1 << 20) as u32;
        for fd in lo..=hi.min(max) {
            libc::close(fd as i32);
        }
    }
}

/// Try each executable in turn; returns the errno to report when none could run.
fn exec_all(p: &Plan, argv: &[*const libc::c_char], envp: Option<&[*const libc::c_char]>) -> i32 {
    let mut saved = 0;
    for exe in &p.executables {
        // SAFETY: exe, argv and envp are NUL-terminated strings / NULL-terminated arrays
        // built before the fork; exec returns only on failure.
        unsafe {
            match envp {
                Some(e) => libc::execve(exe.as_ptr(), argv.as_ptr(), e.as_ptr()),
                None => libc::execv(exe.as_ptr(), argv.as_ptr()),
            };
        }
        let e = errno();
        if e != libc::ENOENT && e != libc::ENOTDIR && saved == 0 {
            saved = e;
        }
    }
    if saved == 0 { errno() } else { saved }
}

/// Write `OSError:<hex errno>:<marker>` to the error pipe, with no allocation.
fn report(fd: i32, err: i32, marker: &str) {
    let mut buf = [0u8; 64];
    let mut n = 0;
    let mut put = |bytes: &[u8]| {
        for &b in bytes {
            if n < buf.len() {
                buf[n] = b;
                n += 1;
            }
        }
    };
    put(b"OSError:");
    let mut digits = [0u8; 8];
    let mut d = 0;
    let mut e = err.max(0) as u32;
    loop {
        digits[d] = b"0123456789abcdef"[(e % 16) as usize];
        d += 1;
        e /= 16;
        if e == 0 {
            break;
        }
    }
    digits[..d].reverse();
    put(&digits[..d]);
    put(b":");
    put(marker.as_bytes());
    // SAFETY: writes `n` initialised bytes of a stack buffer to a descriptor.
    unsafe { libc::write(fd, buf.as_ptr().cast(), n) };
}
