//! The `select` module: `select.select` and `select.poll` over file descriptors, waiting
//! detached (a thread blocked in poll never delays a collection).
use super::{add_methods, new_native_module, new_native_type, set_item};
use parking_lot::Mutex;
use weft_vm::helpers::{arg_count, as_f64, as_int, self_arg};
use weft_vm::native;
use weft_vm::native::NativeDef;
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

/// A poll object: registered (fd, event mask) pairs.
#[derive(Default, weft_vm::trace::Trace)]
pub struct PollData(Mutex<Vec<(i32, i16)>>);
weft_vm::payload!(PollData, "select.poll");

const FUNCS: &[NativeDef] = &[poll_new, NativeDef::raw("select", select)];

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
            ("register", poll_register),
            ("modify", poll_register),
            ("unregister", poll_unregister),
            ("poll", poll_poll),
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

fn poll_register(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "register", args, 2, 3)?;
    let p = self_arg::<PollData>(vm, args, "register", "select.poll")?;
    let fd = fd_of(vm, args[1])?;
    let mask = match args.get(2) {
        Some(&m) => as_int(m).unwrap_or(0) as i16,
        None => libc::POLLIN | libc::POLLPRI | libc::POLLOUT,
    };
    let mut l = p.0.lock();
    match l.iter_mut().find(|e| e.0 == fd) {
        Some(e) => e.1 = mask,
        None => l.push((fd, mask)),
    }
    Ok(Value::NONE)
}

fn poll_unregister(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "unregister", args, 2, 2)?;
    let p = self_arg::<PollData>(vm, args, "unregister", "select.poll")?;
    let fd = fd_of(vm, args[1])?;
    let mut l = p.0.lock();
    let before = l.len();
    l.retain(|e| e.0 != fd);
    if l.len() == before {
        drop(l);
        return Err(vm.key_error(args[1]));
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

fn poll_poll(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "poll", args, 1, 2)?;
    let p = self_arg::<PollData>(vm, args, "poll", "select.poll")?;
    let timeout = timeout_ms(vm, args.get(1).copied(), 1.0)?;
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
fn select(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "select", args, 3, 4)?;
    let timeout = timeout_ms(vm, args.get(3).copied(), 1000.0)?;
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
