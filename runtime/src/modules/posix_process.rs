//! The process and pipe calls of `posix` (added to the module by `posix::init`): pipes,
//! descriptor flags, waiting for and signalling children, sessions and process groups,
//! and the wait-status macros — what `subprocess` and `asyncio` call through `os`.
//! `waitpid` blocks detached, so a waiting thread never delays a collection.
use super::posix::os_err;
use super::set_item;
use weft_vm::native;
use weft_vm::native::NativeDef;
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

/// The result of a call returning -1 on failure, or the OSError for errno.
fn check(vm: &mut Vm, r: i64) -> PyResult<i64> {
    if r < 0 {
        Err(os_err(vm, errno(), None))
    } else {
        Ok(r)
    }
}

fn pair(vm: &mut Vm, a: i64, b: i64) -> PyResult {
    let a = vm.new_int(a)?;
    vm.with_root(a, |vm| {
        let b = vm.new_int(b)?;
        vm.new_tuple(vec![a, b])
    })
}

fn pipe_with(vm: &mut Vm, flags: i32) -> PyResult {
    let mut fds = [0i32; 2];
    // SAFETY: fds is a writable array of two ints, as pipe2 requires.
    let r = unsafe { libc::pipe2(fds.as_mut_ptr(), flags) };
    check(vm, r as i64)?;
    pair(vm, fds[0] as i64, fds[1] as i64)
}

/// os.pipe(): (read end, write end), both non-inheritable.
#[native(owner = "posix")]
fn pipe(vm: &mut Vm) -> PyResult {
    pipe_with(vm, libc::O_CLOEXEC)
}

/// os.pipe2(flags)
#[native(owner = "posix")]
fn pipe2(vm: &mut Vm, flags: i64) -> PyResult {
    pipe_with(vm, flags as i32)
}

/// os.dup2(fd, fd2, inheritable=True) -> fd2
#[native(owner = "posix")]
fn dup2(
    vm: &mut Vm,
    #[kw] fd: i64,
    #[kw] fd2: i64,
    #[kw] inheritable: Option<bool>,
) -> PyResult<i64> {
    let flags = if inheritable.unwrap_or(true) {
        0
    } else {
        libc::O_CLOEXEC
    };
    // SAFETY: dup3 on integer descriptors; the kernel checks them.
    let r = if fd == fd2 {
        // dup3 refuses equal descriptors; dup2 leaves the flags as they are.
        unsafe { libc::dup2(fd as i32, fd2 as i32) }
    } else {
        unsafe { libc::dup3(fd as i32, fd2 as i32, flags) }
    };
    check(vm, r as i64)
}

fn fd_flag(vm: &mut Vm, fd: i64, get: i32, set: i32, bit: i32, on: Option<bool>) -> PyResult<bool> {
    // SAFETY: fcntl flag queries and updates on an integer descriptor.
    let flags = check(vm, unsafe { libc::fcntl(fd as i32, get) } as i64)? as i32;
    if let Some(on) = on {
        let new = if on { flags | bit } else { flags & !bit };
        if new != flags {
            // SAFETY: as above.
            check(vm, unsafe { libc::fcntl(fd as i32, set, new) } as i64)?;
        }
    }
    Ok(flags & bit != 0)
}

/// os.get_inheritable(fd)
#[native(owner = "posix")]
fn get_inheritable(vm: &mut Vm, fd: i64) -> PyResult<bool> {
    Ok(!fd_flag(
        vm,
        fd,
        libc::F_GETFD,
        libc::F_SETFD,
        libc::FD_CLOEXEC,
        None,
    )?)
}

/// os.set_inheritable(fd, inheritable)
#[native(owner = "posix")]
fn set_inheritable(vm: &mut Vm, fd: i64, inheritable: bool) -> PyResult<()> {
    fd_flag(
        vm,
        fd,
        libc::F_GETFD,
        libc::F_SETFD,
        libc::FD_CLOEXEC,
        Some(!inheritable),
    )?;
    Ok(())
}

/// os.get_blocking(fd)
#[native(owner = "posix")]
fn get_blocking(vm: &mut Vm, fd: i64) -> PyResult<bool> {
    Ok(!fd_flag(
        vm,
        fd,
        libc::F_GETFL,
        libc::F_SETFL,
        libc::O_NONBLOCK,
        None,
    )?)
}

/// os.set_blocking(fd, blocking)
#[native(owner = "posix")]
fn set_blocking(vm: &mut Vm, fd: i64, blocking: bool) -> PyResult<()> {
    fd_flag(
        vm,
        fd,
        libc::F_GETFL,
        libc::F_SETFL,
        libc::O_NONBLOCK,
        Some(!blocking),
    )?;
    Ok(())
}

/// os.waitpid(pid, options) -> (pid, status); waits detached, retrying after signals
/// once their Python handlers have run.
#[native(owner = "posix")]
fn waitpid(vm: &mut Vm, pid: i64, options: i64) -> PyResult {
    loop {
        let mut status = 0i32;
        let (r, e) = vm.detached(|| {
            // SAFETY: status is a live int the call writes the child's status into.
            let r = unsafe { libc::waitpid(pid as libc::pid_t, &mut status, options as i32) };
            (r, if r < 0 { errno() } else { 0 })
        });
        if r >= 0 {
            return pair(vm, r as i64, status as i64);
        }
        if e != libc::EINTR {
            return Err(os_err(vm, e, None));
        }
        vm.handle_signals()?;
    }
}

/// os.kill(pid, signal)
#[native(owner = "posix")]
fn kill(vm: &mut Vm, pid: i64, signal: i64) -> PyResult<()> {
    // SAFETY: kill takes plain integers.
    check(vm, unsafe { libc::kill(pid as libc::pid_t, signal as i32) }
        as i64)?;
    Ok(())
}

/// os.killpg(pgid, signal)
#[native(owner = "posix")]
fn killpg(vm: &mut Vm, pgid: i64, signal: i64) -> PyResult<()> {
    // SAFETY: killpg takes plain integers.
    check(
        vm,
        unsafe { libc::killpg(pgid as libc::pid_t, signal as i32) } as i64,
    )?;
    Ok(())
}

/// os.getpgid(pid)
#[native(owner = "posix")]
fn getpgid(vm: &mut Vm, pid: i64) -> PyResult<i64> {
    // SAFETY: plain integer call.
    check(vm, unsafe { libc::getpgid(pid as libc::pid_t) } as i64)
}

/// os.getpgrp()
#[native(owner = "posix")]
fn getpgrp(vm: &mut Vm) -> PyResult<i64> {
    // SAFETY: no arguments; cannot fail.
    check(vm, unsafe { libc::getpgrp() } as i64)
}

/// os.getsid(pid)
#[native(owner = "posix")]
fn getsid(vm: &mut Vm, pid: i64) -> PyResult<i64> {
    // SAFETY: plain integer call.
    check(vm, unsafe { libc::getsid(pid as libc::pid_t) } as i64)
}

/// os.setsid()
#[native(owner = "posix")]
fn setsid(vm: &mut Vm) -> PyResult<()> {
    // SAFETY: no arguments.
    check(vm, unsafe { libc::setsid() } as i64)?;
    Ok(())
}

/// os.umask(mask) -> the previous mask
#[native(owner = "posix")]
fn umask(vm: &mut Vm, mask: i64) -> PyResult<i64> {
    let _ = vm;
    // SAFETY: umask cannot fail.
    Ok(unsafe { libc::umask(mask as libc::mode_t) } as i64)
}

/// os.waitstatus_to_exitcode(status): the exit code, or minus the signal that ended it.
#[native(owner = "posix")]
fn waitstatus_to_exitcode(vm: &mut Vm, #[kw] status: i64) -> PyResult<i64> {
    let s = status as i32;
    if libc::WIFEXITED(s) {
        return Ok(libc::WEXITSTATUS(s) as i64);
    }
    if libc::WIFSIGNALED(s) {
        return Ok(-(libc::WTERMSIG(s) as i64));
    }
    Err(vm.value_error(format!("invalid wait status: {status}")))
}

#[native(owner = "posix")]
fn WIFEXITED(vm: &mut Vm, #[kw] status: i64) -> PyResult<bool> {
    let _ = vm;
    Ok(libc::WIFEXITED(status as i32))
}

#[native(owner = "posix")]
fn WEXITSTATUS(vm: &mut Vm, #[kw] status: i64) -> PyResult<i64> {
    let _ = vm;
    Ok(libc::WEXITSTATUS(status as i32) as i64)
}

#[native(owner = "posix")]
fn WIFSIGNALED(vm: &mut Vm, #[kw] status: i64) -> PyResult<bool> {
    let _ = vm;
    Ok(libc::WIFSIGNALED(status as i32))
}

#[native(owner = "posix")]
fn WTERMSIG(vm: &mut Vm, #[kw] status: i64) -> PyResult<i64> {
    let _ = vm;
    Ok(libc::WTERMSIG(status as i32) as i64)
}

#[native(owner = "posix")]
fn WIFSTOPPED(vm: &mut Vm, #[kw] status: i64) -> PyResult<bool> {
    let _ = vm;
    Ok(libc::WIFSTOPPED(status as i32))
}

#[native(owner = "posix")]
fn WSTOPSIG(vm: &mut Vm, #[kw] status: i64) -> PyResult<i64> {
    let _ = vm;
    Ok(libc::WSTOPSIG(status as i32) as i64)
}

const FUNCS: &[NativeDef] = &[
    pipe,
    pipe2,
    dup2,
    get_inheritable,
    set_inheritable,
    get_blocking,
    set_blocking,
    waitpid,
    kill,
    killpg,
    getpgid,
    getpgrp,
    getsid,
    setsid,
    umask,
    waitstatus_to_exitcode,
    WIFEXITED,
    WEXITSTATUS,
    WIFSIGNALED,
    WTERMSIG,
    WIFSTOPPED,
    WSTOPSIG,
];

/// Add the functions and constants to the `posix` module dict `d`.
pub fn add(vm: &mut Vm, d: Value) -> PyResult<()> {
    for def in FUNCS {
        let f = vm.new_native(def.name, "posix", def.f)?;
        vm.with_root(f, |vm| set_item(vm, d, def.name, f))?;
    }
    for (name, v) in [
        ("WNOHANG", libc::WNOHANG),
        ("WUNTRACED", libc::WUNTRACED),
        ("WCONTINUED", libc::WCONTINUED),
    ] {
        let n = vm.new_int(v as i64)?;
        set_item(vm, d, name, n)?;
    }
    Ok(())
}
