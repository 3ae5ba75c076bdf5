//! The `select` module: `select.select`, `select.poll` and `select.epoll` over file
//! descriptors, waiting detached (a thread blocked in poll never delays a collection).
//! A wait interrupted by a signal runs the Python handlers and goes on with what is left
//! of the timeout (PEP 475). `epoll` is a Python class (EPOLL below) over three natives.
use super::posix::os_err;
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

const FUNCS: &[NativeDef] = &[
    poll_new,
    select,
    epoll_create,
    epoll_ctl,
    epoll_wait,
    epoll_close,
];

pub fn init(vm: &mut Vm) -> PyResult {
    let (m, d) = new_native_module(vm, "select", FUNCS)?;
    let r = vm.with_root(m, |vm| {
        fill(vm, d).and_then(|_| vm.exec_in_module(EPOLL, "<select>", m).map(|_| ()))
    });
    r.map(|_| m)
}

fn fill(vm: &mut Vm, d: Value) -> PyResult<()> {
    let pt = new_native_type(vm, "poll", "select")?;
    add_methods(
        vm,
        pt,
        &[
            ("register", poll_register.f),
            ("modify", poll_modify.f),
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
        ("POLLRDNORM", libc::POLLRDNORM),
        ("POLLRDBAND", libc::POLLRDBAND),
        ("POLLWRNORM", libc::POLLWRNORM),
        ("POLLWRBAND", libc::POLLWRBAND),
        ("POLLRDHUP", libc::POLLRDHUP),
    ] {
        let n = vm.new_int(v as i64)?;
        set_item(vm, d, name, n)?;
    }
    for (name, v) in [
        ("EPOLLIN", libc::EPOLLIN),
        ("EPOLLOUT", libc::EPOLLOUT),
        ("EPOLLPRI", libc::EPOLLPRI),
        ("EPOLLERR", libc::EPOLLERR),
        ("EPOLLHUP", libc::EPOLLHUP),
        ("EPOLLET", libc::EPOLLET),
        ("EPOLLONESHOT", libc::EPOLLONESHOT),
        ("EPOLLEXCLUSIVE", libc::EPOLLEXCLUSIVE),
        ("EPOLLRDHUP", libc::EPOLLRDHUP),
        ("EPOLLRDNORM", libc::EPOLLRDNORM),
        ("EPOLLRDBAND", libc::EPOLLRDBAND),
        ("EPOLLWRNORM", libc::EPOLLWRNORM),
        ("EPOLLWRBAND", libc::EPOLLWRBAND),
        ("EPOLLMSG", libc::EPOLLMSG),
        ("EPOLL_CLOEXEC", libc::EPOLL_CLOEXEC),
    ] {
        let n = vm.new_int(v as u32 as i64)?;
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

/// poll.modify(fd, eventmask, /): FileNotFoundError for a descriptor not registered.
#[native(name = "modify", owner = "select.poll")]
fn poll_modify(vm: &mut Vm, this: &PollData, fd: Value, eventmask: Value) -> PyResult {
    let fd = fd_of(vm, fd)?;
    let mask = as_int(eventmask).unwrap_or(0) as i16;
    let mut l = this.0.lock();
    match l.iter_mut().find(|e| e.0 == fd) {
        Some(e) => e.1 = mask,
        None => {
            drop(l);
            return Err(os_err(vm, libc::ENOENT, None));
        }
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

fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

/// Run a waiting call (detached) with a timeout in milliseconds (-1: none); after a
/// signal, run the handlers and call again with the time that is left.
fn wait_retrying(
    vm: &mut Vm,
    timeout_ms: i32,
    mut call: impl FnMut(i32) -> i32 + Send,
) -> PyResult<i32> {
    let deadline = (timeout_ms >= 0)
        .then(|| std::time::Instant::now() + std::time::Duration::from_millis(timeout_ms as u64));
    let mut left = timeout_ms;
    loop {
        let (r, e) = vm.detached(|| {
            let r = call(left);
            (r, if r < 0 { errno() } else { 0 })
        });
        if r >= 0 {
            return Ok(r);
        }
        if e != libc::EINTR {
            return Err(os_err(vm, e, None));
        }
        vm.handle_signals()?;
        if let Some(d) = deadline {
            let rest = d.saturating_duration_since(std::time::Instant::now());
            left = rest.as_millis().min(i32::MAX as u128) as i32;
        }
    }
}

/// Wait (detached) for events; the ready descriptors get their revents.
fn wait(vm: &mut Vm, fds: &mut [libc::pollfd], timeout_ms: i32) -> PyResult<()> {
    let n = fds.len() as libc::nfds_t;
    let ptr = fds.as_mut_ptr() as usize;
    wait_retrying(vm, timeout_ms, |t| {
        // SAFETY: ptr/n describe the caller's live, exclusively borrowed pollfd slice.
        unsafe { libc::poll(ptr as *mut libc::pollfd, n, t) }
    })?;
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
    weft_vm::root_scope!(vm);
    for f in fds.iter().filter(|f| f.revents != 0) {
        let fd = vm.new_int(f.fd as i64)?;
        let ev = vm.new_int(f.revents as i64)?;
        let t = vm.new_tuple(vec![fd, ev])?;
        vm.root(t);
        out.push(t);
    }
    vm.new_list(out.clone())
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
    weft_vm::root_scope!(vm);
    for items in &lists {
        let mut r = Vec::new();
        for &it in items {
            if fds[i].revents != 0 {
                r.push(it);
            }
            i += 1;
        }
        let l = vm.new_list(r)?;
        vm.root(l);
        ready.push(l);
    }
    vm.new_tuple(ready)
}

// ---------------------------------------------------------------- epoll

/// _epoll_create(flags): a new epoll descriptor (close-on-exec, as CPython's).
#[native(name = "_epoll_create")]
fn epoll_create(vm: &mut Vm, flags: i64) -> PyResult {
    if flags != 0 && flags != libc::EPOLL_CLOEXEC as i64 {
        return Err(os_err(vm, libc::EINVAL, None));
    }
    // SAFETY: epoll_create1 takes no pointers.
    let fd = unsafe { libc::epoll_create1(libc::EPOLL_CLOEXEC) };
    if fd < 0 {
        let e = errno();
        return Err(os_err(vm, e, None));
    }
    vm.new_int(fd as i64)
}

/// _epoll_close(epfd)
#[native(name = "_epoll_close")]
fn epoll_close(vm: &mut Vm, epfd: i64) -> PyResult {
    // SAFETY: closing a descriptor number passes no memory.
    if unsafe { libc::close(epfd as i32) } < 0 {
        let e = errno();
        return Err(os_err(vm, e, None));
    }
    Ok(Value::NONE)
}

/// _epoll_ctl(epfd, op, fd, eventmask): op is EPOLL_CTL_ADD / MOD / DEL.
#[native(name = "_epoll_ctl")]
fn epoll_ctl(vm: &mut Vm, epfd: i64, op: i64, fd: Value, eventmask: i64) -> PyResult {
    let fd = fd_of(vm, fd)?;
    let mut ev = libc::epoll_event {
        events: eventmask as u32,
        u64: fd as u32 as u64,
    };
    // SAFETY: ev is a live epoll_event on this stack frame for the whole call.
    let r = unsafe { libc::epoll_ctl(epfd as i32, op as i32, fd, &mut ev) };
    if r < 0 {
        let e = errno();
        return Err(os_err(vm, e, None));
    }
    Ok(Value::NONE)
}

/// _epoll_wait(epfd, timeout, maxevents): [(fd, events), ...] of the ready descriptors;
/// timeout in seconds (None or negative: wait for ever).
#[native(name = "_epoll_wait")]
fn epoll_wait(vm: &mut Vm, epfd: i64, timeout: Value, maxevents: i64) -> PyResult {
    let ms = timeout_ms(vm, Some(timeout), 1000.0)?;
    let max = if maxevents == -1 {
        libc::FD_SETSIZE as i64 - 1
    } else if maxevents <= 0 {
        return Err(vm.value_error(format!("maxevents must be greater than 0, got {maxevents}")));
    } else {
        maxevents.min(1 << 20)
    };
    let mut evs = vec![libc::epoll_event { events: 0, u64: 0 }; max as usize];
    let ptr = evs.as_mut_ptr() as usize;
    let n = wait_retrying(vm, ms, |t| {
        // SAFETY: ptr points at `max` epoll_events owned by this frame's vector, which
        // outlives the call and is not touched elsewhere while it runs.
        unsafe { libc::epoll_wait(epfd as i32, ptr as *mut libc::epoll_event, max as i32, t) }
    })?;
    let mut out = Vec::with_capacity(n as usize);
    weft_vm::root_scope!(vm);
    for ev in &evs[..n as usize] {
        let (data, events) = (ev.u64, ev.events);
        let fd = vm.new_int(data as u32 as i32 as i64)?;
        let m = vm.new_int(events as i64)?;
        let t = vm.new_tuple(vec![fd, m])?;
        vm.root(t);
        out.push(t);
    }
    vm.new_list(out.clone())
}

/// `select.epoll`, in Python over the natives above.
const EPOLL: &str = r#"
class epoll:
    """select.epoll(sizehint=-1, flags=0): wait for I/O events with Linux epoll."""

    def __init__(self, sizehint=-1, flags=0):
        if sizehint != -1 and sizehint <= 0:
            raise ValueError("negative sizehint")
        self._epfd = -1
        self._epfd = _epoll_create(flags)

    def _open_fd(self):
        if self._epfd < 0:
            raise ValueError("I/O operation on closed epoll object")
        return self._epfd

    @property
    def closed(self):
        return self._epfd < 0

    def close(self):
        fd, self._epfd = self._epfd, -1
        if fd >= 0:
            _epoll_close(fd)

    def fileno(self):
        return self._open_fd()

    @classmethod
    def fromfd(cls, fd):
        obj = cls.__new__(cls)
        obj._epfd = fd
        return obj

    def register(self, fd, eventmask=EPOLLIN | EPOLLPRI | EPOLLOUT):
        _epoll_ctl(self._open_fd(), 1, fd, eventmask)

    def modify(self, fd, eventmask):
        _epoll_ctl(self._open_fd(), 3, fd, eventmask)

    def unregister(self, fd):
        _epoll_ctl(self._open_fd(), 2, fd, 0)

    def poll(self, timeout=None, maxevents=-1):
        return _epoll_wait(self._open_fd(), timeout, maxevents)

    def __enter__(self):
        self._open_fd()
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        if getattr(self, "_epfd", -1) >= 0:
            self.close()
"#;
