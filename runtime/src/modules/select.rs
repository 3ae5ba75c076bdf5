//! The `select` module: `select.select` and `select.poll` over file descriptors, waiting
//! detached (a thread blocked in poll never delays a collection).
use super::{add_methods, new_native_module, new_native_type, set_item};
use parking_lot::Mutex;
use weft_vm::helpers::{as_f64, as_int};
use weft_vm::native;
use weft_vm::native::NativeDef;
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

/// A poll object: registered (fd, event mask) pairs.
#[derive(Default, weft_vm::trace::Trace)]
pub struct PollData(Mutex<Vec<(i32, i16)>>);
weft_vm::payload!(PollData, "select.poll");

const FUNCS: &[NativeDef] = &[poll_new, select];

pub fn init(vm: &mut Vm) -> PyResult {
    let (m, d) = new_native_module(vm, "select", FUNCS)?;
    vm.push_root(m);
    let r = fill(vm, d);
    vm.pop_roots(1);
    r.map(|_| m)
}

fn fill(vm: &mut Vm, d: Value) -> PyResult<()> {
    let pt = new_native_type(vm, "poll", "select")?;
    add_methods(
        vm,
        pt,
        &[
            ("register", poll_register.f),
            ("modify", poll_register.f),
            ("unregister", poll_unregister.f),
            ("poll", poll_poll.f),
        ],
    );
    set_item(vm, d, "_poll_type", pt)?;
    for (name, v) in [
        ("POLLIN", libc::POLLIN),
        ("POLLPRI", libc::POLLPRI),
        ("POLLOUT", libc::POLLOUT),
        ("POLLERR", libc::POLLERR),
        ("POLLHUP", libc::POLLHUP),
        ("POLLNVAL", libc::POLLNVAL),
    ] {
        let n = vm.new_int(v as i64)?;
        set_item(vm, d, name, n)?;
    }
    Ok(())
}

/// A file descriptor from an int or an object with `fileno()`.
fn fd_of(vm: &mut Vm, v: Value) -> PyResult<i32> {
    let fd = match as_int(v) {
        Some(i) => i,
        None => {
            let r = vm.call_method(v, "fileno", &[])?;
            as_int(r).ok_or_else(|| vm.type_error("fileno() returned a non-integer"))?
        }
    };
    if fd < 0 {
        return Err(vm.value_error(format!(
            "file descriptor cannot be a negative integer ({fd})"
        )));
    }
    Ok(fd as i32)
}

#[native(name = "poll")]
fn poll_new(vm: &mut Vm) -> PyResult {
    let m = vm.import_module("select")?;
    let pt = vm.getattr_str(m, "_poll_type")?;
    vm.alloc(pt, PollData::default())
}

/// poll.register(fd, eventmask=POLLIN|POLLPRI|POLLOUT, /), and poll.modify.
#[native(name = "register", owner = "select.poll")]
fn poll_register(vm: &mut Vm, this: &PollData, fd: Value, eventmask: Option<Value>) -> PyResult {
    let p = this;
    let fd = fd_of(vm, fd)?;
    let mask = match eventmask {
        Some(m) => as_int(m).unwrap_or(0) as i16,
        None => libc::POLLIN | libc::POLLPRI | libc::POLLOUT,
    };
    let mut l = p.0.lock();
    match l.iter_mut().find(|e| e.0 == fd) {
        Some(e) => e.1 = mask,
        None => l.push((fd, mask)),
    }
    Ok(Value::NONE)
}

#[native(name = "unregister", owner = "select.poll")]
fn poll_unregister(vm: &mut Vm, this: &PollData, fd_obj: Value) -> PyResult {
    let p = this;
    let fd = fd_of(vm, fd_obj)?;
    let mut l = p.0.lock();
    let before = l.len();
    l.retain(|e| e.0 != fd);
    if l.len() == before {
        drop(l);
        return Err(vm.key_error(fd_obj));
    }
    Ok(Value::NONE)
}

/// Wait (detached) for events; returns the ready (fd, revents) pairs.
fn wait(vm: &mut Vm, fds: &mut [libc::pollfd], timeout_ms: i32) -> PyResult<()> {
    let n = fds.len() as libc::nfds_t;
    let ptr = fds.as_mut_ptr() as usize;
    let r = vm.detached(|| {
        // SAFETY: ptr/n describe the caller's live, exclusively borrowed pollfd slice.
        unsafe { libc::poll(ptr as *mut libc::pollfd, n, timeout_ms) }
    });
    if r < 0 {
        let t = vm.rt.types.exc.os_error;
        return Err(vm.new_exception(t, &std::io::Error::last_os_error().to_string()));
    }
    Ok(())
}

fn timeout_ms(vm: &mut Vm, v: Option<Value>, scale: f64) -> PyResult<i32> {
    match v {
        None => Ok(-1),
        Some(v) if v.is_none() => Ok(-1),
        Some(v) => match as_f64(v) {
            Some(t) if t < 0.0 => Ok(-1),
            Some(t) => Ok((t * scale).ceil().min(i32::MAX as f64) as i32),
            None => Err(vm.type_error("timeout must be an integer or None")),
        },
    }
}

#[native(name = "poll", owner = "select.poll")]
fn poll_poll(vm: &mut Vm, this: &PollData, timeout: Option<Value>) -> PyResult {
    let p = this;
    let timeout = timeout_ms(vm, timeout, 1.0)?;
    let mut fds: Vec<libc::pollfd> =
        p.0.lock()
            .iter()
            .map(|&(fd, events)| libc::pollfd {
                fd,
                events,
                revents: 0,
            })
            .collect();
    wait(vm, &mut fds, timeout)?;
    let mut out = Vec::new();
    for f in fds.iter().filter(|f| f.revents != 0) {
        let fd = vm.new_int(f.fd as i64)?;
        let ev = vm.new_int(f.revents as i64)?;
        let t = vm.new_tuple(vec![fd, ev])?;
        vm.push_root(t);
        out.push(t);
    }
    let l = vm.new_list(out.clone());
    vm.pop_roots(out.len());
    l
}

/// `select(rlist, wlist, xlist[, timeout])` in terms of poll.
#[native(name = "select")]
fn select(
    vm: &mut Vm,
    rlist: Value,
    wlist: Value,
    xlist: Value,
    timeout: Option<Value>,
) -> PyResult {
    let args = [rlist, wlist, xlist];
    let timeout = timeout_ms(vm, timeout, 1000.0)?;
    let mut lists = Vec::new();
    let mut fds = Vec::new();
    for (k, events) in [libc::POLLIN, libc::POLLOUT, libc::POLLPRI]
        .iter()
        .enumerate()
    {
        let items = vm.collect_iter(args[k])?;
        for &it in &items {
            let fd = fd_of(vm, it)?;
            fds.push(libc::pollfd {
                fd,
                events: *events,
                revents: 0,
            });
        }
        lists.push(items);
    }
    wait(vm, &mut fds, timeout)?;
    let mut i = 0;
    let mut ready = Vec::new();
    for items in &lists {
        let mut r = Vec::new();
        for &it in items {
            if fds[i].revents != 0 {
                r.push(it);
            }
            i += 1;
        }
        let l = vm.new_list(r)?;
        vm.push_root(l);
        ready.push(l);
    }
    let t = vm.new_tuple(ready);
    vm.pop_roots(3);
    t
}
