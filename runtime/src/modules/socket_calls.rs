//! `_socket_calls`: the socket system calls under weft's frozen `_socket` module
//! (py/_socket.py holds the `socket` class, so that `socket.socket` can subclass it as any
//! Python class). Every call takes the descriptor and, where it may wait, the socket's
//! timeout: None blocks (detached), a number waits with poll() at most that long on a
//! non-blocking descriptor and then raises TimeoutError('timed out'); 0 never waits.
//! Addresses are converted between Python tuples / paths and `sockaddr` here.
use super::posix::os_err;
use super::{bytes_like_arg, new_native_module};
use std::mem::{size_of, zeroed};
use std::net::{Ipv4Addr, Ipv6Addr, ToSocketAddrs};
use std::time::{Duration, Instant};
use weft_vm::helpers::{as_f64, as_int, as_str};
use weft_vm::native;
use weft_vm::native::NativeDef;
use weft_vm::objects::bytes::BytesData;
use weft_vm::objects::tuple::TupleData;
use weft_vm::value::Value;
use weft_vm::vm::{PyErr, PyResult, Vm};

fn errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

/// An OSError with only a message (no errno), as CPython raises for bad addresses.
fn os_plain(vm: &mut Vm, msg: &str) -> PyErr {
    let t = vm.rt.types.exc.os_error;
    vm.new_exception(t, msg)
}

fn timed_out(vm: &mut Vm) -> PyErr {
    let t = vm.rt.types.exc.timeout_error;
    vm.new_exception(t, "timed out")
}

/// The timeout argument: None (block) or seconds.
fn timeout_of(v: Value) -> Option<f64> {
    if v.is_none() { None } else { as_f64(v) }
}

/// Run `call` (a system call returning -1 and errno on failure) under the socket's
/// timeout policy; `events` is what poll() waits for when the call would block.
fn io_call(
    vm: &mut Vm,
    fd: i32,
    events: i16,
    timeout: Option<f64>,
    mut call: impl FnMut() -> isize,
) -> PyResult<isize> {
    let deadline = timeout.map(|t| Instant::now() + Duration::from_secs_f64(t.max(0.0)));
    loop {
        let (r, e) = if timeout.is_none() {
            vm.detached(|| {
                let r = call();
                (r, if r < 0 { errno() } else { 0 })
            })
        } else {
            let r = call();
            (r, if r < 0 { errno() } else { 0 })
        };
        if r >= 0 {
            return Ok(r);
        }
        if e == libc::EINTR {
            vm.handle_signals()?;
            continue;
        }
        let would_block = e == libc::EAGAIN || e == libc::EWOULDBLOCK;
        match deadline {
            Some(d) if would_block && timeout.unwrap_or(0.0) > 0.0 => {
                wait_ready(vm, fd, events, d)?
            }
            _ => return Err(os_err(vm, e, None)),
        }
    }
}

/// Wait (detached) until `fd` is ready for `events` or `deadline` passes.
fn wait_ready(vm: &mut Vm, fd: i32, events: i16, deadline: Instant) -> PyResult<()> {
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(timed_out(vm));
        }
        let ms = left.as_millis().clamp(1, i32::MAX as u128) as i32;
        let mut p = libc::pollfd {
            fd,
            events,
            revents: 0,
        };
        let (r, e) = vm.detached(|| {
            // SAFETY: p is one live pollfd.
            let r = unsafe { libc::poll(&mut p, 1, ms) };
            (r, if r < 0 { errno() } else { 0 })
        });
        if r > 0 {
            return Ok(());
        }
        if r < 0 && e != libc::EINTR {
            return Err(os_err(vm, e, None));
        }
        if r < 0 {
            vm.handle_signals()?;
        }
    }
}

// ------------------------------------------------------------------- addresses

struct SockAddr {
    storage: libc::sockaddr_storage,
    len: libc::socklen_t,
}

impl SockAddr {
    fn empty() -> SockAddr {
        // SAFETY: sockaddr_storage is plain data; all zeroes is a valid (unspecified) value.
        let storage = unsafe { zeroed() };
        SockAddr {
            storage,
            len: size_of::<libc::sockaddr_storage>() as libc::socklen_t,
        }
    }
    fn ptr(&self) -> *const libc::sockaddr {
        &self.storage as *const _ as *const libc::sockaddr
    }
    fn mut_ptr(&mut self) -> *mut libc::sockaddr {
        &mut self.storage as *mut _ as *mut libc::sockaddr
    }
}

fn addr_tuple<'a>(vm: &mut Vm, addr: &'a Value, family: &str) -> PyResult<&'a [Value]> {
    match addr.downcast::<TupleData>() {
        Some(t) => Ok(&t.0),
        None => {
            let tn = vm.type_name(*addr);
            Err(vm.type_error(format!("{family} address must be tuple, not {tn}")))
        }
    }
}

fn port_of(vm: &mut Vm, v: Value, family: &str) -> PyResult<u16> {
    let Some(p) = as_int(v) else {
        let tn = vm.type_name(v);
        return Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")));
    };
    u16::try_from(p).map_err(|_| vm.overflow_error(format!("{family}(): port must be 0-65535.")))
}

fn host_of(vm: &mut Vm, v: Value) -> PyResult<String> {
    if let Some(s) = as_str(&v) {
        return Ok(s.to_string());
    }
    if let Some(b) = v.downcast::<BytesData>() {
        return Ok(String::from_utf8_lossy(&b.0).into_owned());
    }
    let tn = vm.type_name(v);
    Err(vm.type_error(format!("str, bytes or bytearray expected, not {tn}")))
}

/// A host name or numeric address as an IP of `family`, resolving names with the
/// system resolver (detached).
fn resolve(vm: &mut Vm, host: &str, family: i32) -> PyResult<std::net::IpAddr> {
    use std::net::IpAddr;
    if family == libc::AF_INET {
        match host {
            "" => return Ok(IpAddr::V4(Ipv4Addr::UNSPECIFIED)),
            "<broadcast>" => return Ok(IpAddr::V4(Ipv4Addr::BROADCAST)),
            _ => {}
        }
        if let Ok(a) = host.parse::<Ipv4Addr>() {
            return Ok(IpAddr::V4(a));
        }
    } else {
        if host.is_empty() {
            return Ok(IpAddr::V6(Ipv6Addr::UNSPECIFIED));
        }
        if let Ok(a) = host.split('%').next().unwrap_or("").parse::<Ipv6Addr>() {
            return Ok(IpAddr::V6(a));
        }
    }
    let h = host.to_string();
    let found = vm.detached(|| {
        (h.as_str(), 0u16)
            .to_socket_addrs()
            .map(|it| it.collect::<Vec<_>>())
    });
    let want_v4 = family == libc::AF_INET;
    match found {
        Ok(list) => list
            .into_iter()
            .map(|a| a.ip())
            .find(|ip| ip.is_ipv4() == want_v4)
            .ok_or_else(|| gai_error(vm, libc::EAI_NONAME)),
        Err(_) => Err(gai_error(vm, libc::EAI_NONAME)),
    }
}

/// socket.gaierror(code, message) for a getaddrinfo error code.
fn gai_error(vm: &mut Vm, code: i32) -> PyErr {
    // SAFETY: gai_strerror returns a static NUL-terminated message.
    let msg = unsafe { std::ffi::CStr::from_ptr(libc::gai_strerror(code)) }
        .to_string_lossy()
        .into_owned();
    let r = (|| {
        let m = vm.import_module("_socket")?;
        let cls = vm.getattr_str(m, "gaierror")?;
        weft_vm::root_scope!(vm);
        vm.root(cls);
        (|| {
            let n = vm.new_int(code as i64)?;
            weft_vm::root_scope!(vm);
            vm.root(n);
            let s = vm.new_str(&msg);
            s.and_then(|s| vm.call(cls, &[n, s], &[]))
        })()
    })();
    match r {
        Ok(e) => PyErr(e),
        Err(e) => e,
    }
}

fn to_sockaddr(vm: &mut Vm, family: i32, addr: Value) -> PyResult<SockAddr> {
    let mut sa = SockAddr::empty();
    match family {
        libc::AF_INET => {
            let t = addr_tuple(vm, &addr, "AF_INET")?;
            if t.len() != 2 {
                return Err(vm.type_error("AF_INET address must be a pair (host, port)"));
            }
            let host = host_of(vm, t[0])?;
            let port = port_of(vm, t[1], "getsockaddrarg")?;
            let std::net::IpAddr::V4(ip) = resolve(vm, &host, family)? else {
                unreachable!()
            };
            // SAFETY: storage is large and aligned enough for any sockaddr type.
            let sin = unsafe { &mut *(sa.mut_ptr() as *mut libc::sockaddr_in) };
            sin.sin_family = libc::AF_INET as libc::sa_family_t;
            sin.sin_port = port.to_be();
            sin.sin_addr.s_addr = u32::from(ip).to_be();
            sa.len = size_of::<libc::sockaddr_in>() as libc::socklen_t;
        }
        libc::AF_INET6 => {
            let t = addr_tuple(vm, &addr, "AF_INET6")?;
            if !(2..=4).contains(&t.len()) {
                return Err(vm.type_error(
                    "AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])",
                ));
            }
            let host = host_of(vm, t[0])?;
            let port = port_of(vm, t[1], "getsockaddrarg")?;
            let flow = t.get(2).and_then(|v| as_int(*v)).unwrap_or(0) as u32;
            let scope = t.get(3).and_then(|v| as_int(*v)).unwrap_or(0) as u32;
            let ip = match resolve(vm, &host, family)? {
                std::net::IpAddr::V6(ip) => ip,
                std::net::IpAddr::V4(ip) => ip.to_ipv6_mapped(),
            };
            // SAFETY: as above.
            let sin6 = unsafe { &mut *(sa.mut_ptr() as *mut libc::sockaddr_in6) };
            sin6.sin6_family = libc::AF_INET6 as libc::sa_family_t;
            sin6.sin6_port = port.to_be();
            sin6.sin6_flowinfo = flow.to_be();
            sin6.sin6_addr.s6_addr = ip.octets();
            sin6.sin6_scope_id = scope;
            sa.len = size_of::<libc::sockaddr_in6>() as libc::socklen_t;
        }
        libc::AF_UNIX => {
            let path: Vec<u8> = if let Some(s) = as_str(&addr) {
                s.as_bytes().to_vec()
            } else if let Some(b) = weft_vm::objects::bytes::buffer_bytes(&addr) {
                b
            } else {
                let tn = vm.type_name(addr);
                return Err(vm.type_error(format!("a bytes-like object is required, not '{tn}'")));
            };
            // SAFETY: as above.
            let sun = unsafe { &mut *(sa.mut_ptr() as *mut libc::sockaddr_un) };
            if path.len() >= sun.sun_path.len() {
                return Err(os_plain(vm, "AF_UNIX path too long"));
            }
            sun.sun_family = libc::AF_UNIX as libc::sa_family_t;
            for (d, s) in sun.sun_path.iter_mut().zip(&path) {
                *d = *s as libc::c_char;
            }
            let base = size_of::<libc::sa_family_t>();
            // An abstract name (leading NUL) has no terminator; a path has one.
            let extra = if path.first() == Some(&0) { 0 } else { 1 };
            sa.len = (base + path.len() + extra) as libc::socklen_t;
        }
        _ => return Err(os_plain(vm, "getsockaddrarg: bad family")),
    }
    Ok(sa)
}

fn from_sockaddr(vm: &mut Vm, sa: &SockAddr) -> PyResult {
    match sa.storage.ss_family as i32 {
        libc::AF_INET => {
            // SAFETY: the family says the storage holds a sockaddr_in.
            let sin = unsafe { &*(sa.ptr() as *const libc::sockaddr_in) };
            let ip = Ipv4Addr::from(u32::from_be(sin.sin_addr.s_addr));
            let host = vm.new_str(&ip.to_string())?;
            vm.with_root(host, |vm| {
                let port = vm.new_int(u16::from_be(sin.sin_port) as i64)?;
                vm.new_tuple(vec![host, port])
            })
        }
        libc::AF_INET6 => {
            // SAFETY: the family says the storage holds a sockaddr_in6.
            let sin6 = unsafe { &*(sa.ptr() as *const libc::sockaddr_in6) };
            let ip = Ipv6Addr::from(sin6.sin6_addr.s6_addr);
            let host = vm.new_str(&ip.to_string())?;
            vm.with_root(host, |vm| {
                let port = vm.new_int(u16::from_be(sin6.sin6_port) as i64)?;
                let flow = vm.new_int(u32::from_be(sin6.sin6_flowinfo) as i64)?;
                let scope = vm.new_int(sin6.sin6_scope_id as i64)?;
                vm.new_tuple(vec![host, port, flow, scope])
            })
        }
        libc::AF_UNIX => {
            // SAFETY: the family says the storage holds a sockaddr_un.
            let sun = unsafe { &*(sa.ptr() as *const libc::sockaddr_un) };
            let base = size_of::<libc::sa_family_t>();
            let n = (sa.len as usize)
                .saturating_sub(base)
                .min(sun.sun_path.len());
            let raw: Vec<u8> = sun.sun_path[..n].iter().map(|&c| c as u8).collect();
            if raw.first() == Some(&0) {
                return vm.new_bytes(raw);
            }
            let end = raw.iter().position(|&c| c == 0).unwrap_or(raw.len());
            vm.new_str(&String::from_utf8_lossy(&raw[..end]))
        }
        _ => Ok(Value::NONE),
    }
}

// ------------------------------------------------------------------- calls

/// socket(family, type, proto) -> fd (close-on-exec)
#[native(owner = "_socket_calls")]
fn socket(vm: &mut Vm, family: i64, kind: i64, proto: i64) -> PyResult<i64> {
    // SAFETY: plain integer system call.
    let fd = unsafe {
        libc::socket(
            family as i32,
            kind as i32 | libc::SOCK_CLOEXEC,
            proto as i32,
        )
    };
    if fd < 0 {
        return Err(os_err(vm, errno(), None));
    }
    Ok(fd as i64)
}

/// socketpair(family, type, proto) -> (fd, fd)
#[native(owner = "_socket_calls")]
fn socketpair(vm: &mut Vm, family: i64, kind: i64, proto: i64) -> PyResult {
    let mut fds = [0i32; 2];
    // SAFETY: fds is a writable array of two ints.
    let r = unsafe {
        libc::socketpair(
            family as i32,
            kind as i32 | libc::SOCK_CLOEXEC,
            proto as i32,
            fds.as_mut_ptr(),
        )
    };
    if r < 0 {
        return Err(os_err(vm, errno(), None));
    }
    let a = vm.new_int(fds[0] as i64)?;
    let b = vm.new_int(fds[1] as i64)?;
    vm.new_tuple(vec![a, b])
}

fn sockopt_int(fd: i32, level: i32, opt: i32) -> Result<i32, i32> {
    let mut v: i32 = 0;
    let mut len = size_of::<i32>() as libc::socklen_t;
    // SAFETY: v and len are live and sized as the call expects.
    let r = unsafe {
        libc::getsockopt(
            fd,
            level,
            opt,
            &mut v as *mut i32 as *mut libc::c_void,
            &mut len,
        )
    };
    if r < 0 { Err(errno()) } else { Ok(v) }
}

/// info(fd) -> (family, type, proto) of an existing socket descriptor.
#[native(owner = "_socket_calls")]
fn info(vm: &mut Vm, fd: i64) -> PyResult {
    let fd = fd as i32;
    let mut out = Vec::with_capacity(3);
    for opt in [libc::SO_DOMAIN, libc::SO_TYPE, libc::SO_PROTOCOL] {
        match sockopt_int(fd, libc::SOL_SOCKET, opt) {
            Ok(v) => out.push(vm.new_int(v as i64)?),
            Err(e) => return Err(os_err(vm, e, None)),
        }
    }
    vm.new_tuple(out)
}

/// bind(fd, family, address)
#[native(owner = "_socket_calls")]
fn bind(vm: &mut Vm, fd: i64, family: i64, address: Value) -> PyResult<()> {
    let sa = to_sockaddr(vm, family as i32, address)?;
    // SAFETY: sa holds a valid sockaddr of sa.len bytes.
    if unsafe { libc::bind(fd as i32, sa.ptr(), sa.len) } < 0 {
        return Err(os_err(vm, errno(), None));
    }
    Ok(())
}

/// listen(fd, backlog)
#[native(owner = "_socket_calls")]
fn listen(vm: &mut Vm, fd: i64, backlog: i64) -> PyResult<()> {
    // SAFETY: plain integer system call.
    if unsafe { libc::listen(fd as i32, backlog.clamp(0, i32::MAX as i64) as i32) } < 0 {
        return Err(os_err(vm, errno(), None));
    }
    Ok(())
}

/// connect(fd, family, address, timeout) -> 0, an errno, or -1 when the timeout passed.
#[native(owner = "_socket_calls")]
fn connect(vm: &mut Vm, fd: i64, family: i64, address: Value, timeout: Value) -> PyResult<i64> {
    let sa = to_sockaddr(vm, family as i32, address)?;
    let timeout = timeout_of(timeout);
    let fd = fd as i32;
    let call = || {
        // SAFETY: sa holds a valid sockaddr of sa.len bytes.
        let r = unsafe { libc::connect(fd, sa.ptr(), sa.len) };
        (r, if r < 0 { errno() } else { 0 })
    };
    let (r, mut e) = if timeout.is_none() {
        vm.detached(call)
    } else {
        call()
    };
    if r < 0 && e == libc::EINTR {
        vm.handle_signals()?;
        // A connect interrupted by a signal goes on in the background.
        if timeout.is_none() {
            let _ = vm.detached(|| wait_plain(fd, libc::POLLOUT));
            return Ok(connect_result(fd) as i64);
        }
        e = libc::EINPROGRESS;
    }
    if r == 0 {
        return Ok(0);
    }
    match timeout {
        Some(t) if t > 0.0 && e == libc::EINPROGRESS => {
            let deadline = Instant::now() + Duration::from_secs_f64(t);
            match wait_ready(vm, fd, libc::POLLOUT, deadline) {
                Ok(()) => Ok(connect_result(fd) as i64),
                Err(_) => Ok(-1),
            }
        }
        _ => Ok(e as i64),
    }
}

fn wait_plain(fd: i32, events: i16) -> i32 {
    let mut p = libc::pollfd {
        fd,
        events,
        revents: 0,
    };
    // SAFETY: p is one live pollfd.
    unsafe { libc::poll(&mut p, 1, -1) }
}

/// The outcome of a finished non-blocking connect (SO_ERROR).
fn connect_result(fd: i32) -> i32 {
    sockopt_int(fd, libc::SOL_SOCKET, libc::SO_ERROR).unwrap_or_else(|e| e)
}

/// accept(fd, timeout) -> (new fd, address)
#[native(owner = "_socket_calls")]
fn accept(vm: &mut Vm, fd: i64, timeout: Value) -> PyResult {
    let mut sa = SockAddr::empty();
    let fd = fd as i32;
    let sp = sa.mut_ptr();
    let lp = &mut sa.len as *mut libc::socklen_t;
    let nfd = io_call(vm, fd, libc::POLLIN, timeout_of(timeout), || {
        // SAFETY: sp / lp point into `sa`, alive for the whole call; len is reset to the
        // storage size before each attempt.
        unsafe {
            *lp = size_of::<libc::sockaddr_storage>() as libc::socklen_t;
            libc::accept4(fd, sp, lp, libc::SOCK_CLOEXEC) as isize
        }
    })?;
    let n = vm.new_int(nfd as i64)?;
    vm.with_root(n, |vm| {
        let a = from_sockaddr(vm, &sa)?;
        vm.with_root(a, |vm| vm.new_tuple(vec![n, a]))
    })
}

/// recv(fd, size, flags, timeout) -> bytes
#[native(owner = "_socket_calls")]
fn recv(vm: &mut Vm, fd: i64, size: i64, flags: i64, timeout: Value) -> PyResult {
    if size < 0 {
        return Err(vm.value_error("negative buffersize in recv"));
    }
    let mut buf = vec![0u8; size as usize];
    let bp = buf.as_mut_ptr();
    let n = io_call(vm, fd as i32, libc::POLLIN, timeout_of(timeout), || {
        // SAFETY: bp points to `size` writable bytes of `buf`, alive for the call.
        unsafe {
            libc::recv(
                fd as i32,
                bp as *mut libc::c_void,
                size as usize,
                flags as i32,
            )
        }
    })?;
    buf.truncate(n as usize);
    vm.new_bytes(buf)
}

/// recvfrom(fd, size, flags, timeout) -> (bytes, address)
#[native(owner = "_socket_calls")]
fn recvfrom(vm: &mut Vm, fd: i64, size: i64, flags: i64, timeout: Value) -> PyResult {
    if size < 0 {
        return Err(vm.value_error("negative buffersize in recvfrom"));
    }
    let mut buf = vec![0u8; size as usize];
    let bp = buf.as_mut_ptr();
    let mut sa = SockAddr::empty();
    let sp = sa.mut_ptr();
    let lp = &mut sa.len as *mut libc::socklen_t;
    let n = io_call(vm, fd as i32, libc::POLLIN, timeout_of(timeout), || {
        // SAFETY: bp, sp and lp point into live local buffers sized as passed.
        unsafe {
            *lp = size_of::<libc::sockaddr_storage>() as libc::socklen_t;
            libc::recvfrom(
                fd as i32,
                bp as *mut libc::c_void,
                size as usize,
                flags as i32,
                sp,
                lp,
            )
        }
    })?;
    buf.truncate(n as usize);
    let data = vm.new_bytes(buf)?;
    vm.with_root(data, |vm| {
        let a = if sa.len == 0 {
            Value::NONE
        } else {
            from_sockaddr(vm, &sa)?
        };
        vm.with_root(a, |vm| vm.new_tuple(vec![data, a]))
    })
}

/// send(fd, data, flags, timeout) -> bytes sent
#[native(owner = "_socket_calls")]
fn send(vm: &mut Vm, fd: i64, data: Value, flags: i64, timeout: Value) -> PyResult<i64> {
    let buf = bytes_like_arg(vm, data)?;
    let n = io_call(vm, fd as i32, libc::POLLOUT, timeout_of(timeout), || {
        // SAFETY: buf is a live byte buffer of buf.len() bytes.
        unsafe {
            libc::send(
                fd as i32,
                buf.as_ptr() as *const libc::c_void,
                buf.len(),
                flags as i32 | libc::MSG_NOSIGNAL,
            )
        }
    })?;
    Ok(n as i64)
}

/// sendto(fd, data, flags, family, address, timeout) -> bytes sent
#[native(owner = "_socket_calls")]
fn sendto(
    vm: &mut Vm,
    fd: i64,
    data: Value,
    flags: i64,
    family: i64,
    address: Value,
    timeout: Value,
) -> PyResult<i64> {
    let buf = bytes_like_arg(vm, data)?;
    let sa = to_sockaddr(vm, family as i32, address)?;
    let n = io_call(vm, fd as i32, libc::POLLOUT, timeout_of(timeout), || {
        // SAFETY: buf and sa are live and sized as passed.
        unsafe {
            libc::sendto(
                fd as i32,
                buf.as_ptr() as *const libc::c_void,
                buf.len(),
                flags as i32 | libc::MSG_NOSIGNAL,
                sa.ptr(),
                sa.len,
            )
        }
    })?;
    Ok(n as i64)
}

/// sendmsg(fd, buffers, ancdata, flags, family, address, timeout) -> bytes sent.
/// `buffers` are bytes-like objects sent as one message (gathered); `ancdata` is a list
/// of (level, type, data) control messages; `address` is None on a connected socket.
#[native(owner = "_socket_calls")]
#[allow(clippy::too_many_arguments)]
fn sendmsg(
    vm: &mut Vm,
    fd: i64,
    buffers: Value,
    ancdata: Value,
    flags: i64,
    family: i64,
    address: Value,
    timeout: Value,
) -> PyResult<i64> {
    let mut bufs = Vec::new();
    for b in vm.collect_iter(buffers)? {
        bufs.push(bytes_like_arg(vm, b)?);
    }
    let mut controls: Vec<(i32, i32, Vec<u8>)> = Vec::new();
    for item in vm.collect_iter(ancdata)? {
        let fields = match item.downcast::<TupleData>() {
            Some(t) if t.0.len() == 3 => t.0.to_vec(),
            _ => {
                return Err(vm.type_error(
                    "[sendmsg() ancillary data items]() argument must be sequence of length 3",
                ));
            }
        };
        let (Some(level), Some(kind)) = (as_int(fields[0]), as_int(fields[1])) else {
            return Err(vm.type_error("'str' object cannot be interpreted as an integer"));
        };
        let data = bytes_like_arg(vm, fields[2])?;
        controls.push((level as i32, kind as i32, data));
    }
    let sa = if address.is_none() {
        None
    } else {
        Some(to_sockaddr(vm, family as i32, address)?)
    };
    let mut iov: Vec<libc::iovec> = bufs
        .iter()
        .map(|b| libc::iovec {
            iov_base: b.as_ptr() as *mut libc::c_void,
            iov_len: b.len(),
        })
        .collect();
    // SAFETY: CMSG_SPACE only computes a size.
    let space: usize = controls
        .iter()
        .map(|c| unsafe { libc::CMSG_SPACE(c.2.len() as u32) } as usize)
        .sum();
    // u64 words keep the control buffer aligned for cmsghdr.
    let mut control = vec![0u64; space.div_ceil(8)];
    // SAFETY: msghdr is plain data; zeroes are a valid empty header.
    let mut msg: libc::msghdr = unsafe { zeroed() };
    msg.msg_iov = iov.as_mut_ptr();
    msg.msg_iovlen = iov.len() as _;
    if let Some(sa) = &sa {
        msg.msg_name = sa.ptr() as *mut libc::c_void;
        msg.msg_namelen = sa.len;
    }
    if space > 0 {
        msg.msg_control = control.as_mut_ptr() as *mut libc::c_void;
        msg.msg_controllen = space as _;
        // SAFETY: the header points at `control`, `space` bytes long, which holds one
        // CMSG_SPACE-sized slot per message; CMSG_FIRSTHDR / CMSG_NXTHDR stay inside it.
        unsafe {
            let mut c = libc::CMSG_FIRSTHDR(&msg);
            for (level, kind, data) in &controls {
                if c.is_null() {
                    break;
                }
                (*c).cmsg_level = *level;
                (*c).cmsg_type = *kind;
                (*c).cmsg_len = libc::CMSG_LEN(data.len() as u32) as _;
                std::ptr::copy_nonoverlapping(data.as_ptr(), libc::CMSG_DATA(c), data.len());
                c = libc::CMSG_NXTHDR(&msg, c);
            }
        }
    }
    let mp = &msg as *const libc::msghdr;
    let n = io_call(vm, fd as i32, libc::POLLOUT, timeout_of(timeout), || {
        // SAFETY: msg and every buffer it points to live until this function returns.
        unsafe { libc::sendmsg(fd as i32, mp, flags as i32 | libc::MSG_NOSIGNAL) }
    })?;
    Ok(n as i64)
}

/// recvmsg(fd, bufsize, ancbufsize, flags, timeout) -> (data, ancdata, msg_flags, address)
#[native(owner = "_socket_calls")]
fn recvmsg(
    vm: &mut Vm,
    fd: i64,
    bufsize: i64,
    ancbufsize: i64,
    flags: i64,
    timeout: Value,
) -> PyResult {
    if bufsize < 0 {
        return Err(vm.value_error("negative buffer size in recvmsg()"));
    }
    if ancbufsize < 0 {
        return Err(vm.value_error("negative buffer size in recvmsg()"));
    }
    let mut buf = vec![0u8; bufsize as usize];
    let mut control = vec![0u64; (ancbufsize as usize).div_ceil(8)];
    let mut sa = SockAddr::empty();
    let mut iov = libc::iovec {
        iov_base: buf.as_mut_ptr() as *mut libc::c_void,
        iov_len: buf.len(),
    };
    // SAFETY: msghdr is plain data; zeroes are a valid empty header.
    let mut msg: libc::msghdr = unsafe { zeroed() };
    msg.msg_iov = &mut iov;
    msg.msg_iovlen = 1;
    msg.msg_name = sa.mut_ptr() as *mut libc::c_void;
    if ancbufsize > 0 {
        msg.msg_control = control.as_mut_ptr() as *mut libc::c_void;
    }
    let mp = &mut msg as *mut libc::msghdr;
    let n = io_call(vm, fd as i32, libc::POLLIN, timeout_of(timeout), || {
        // SAFETY: msg and the buffers it points to live until this function returns; the
        // lengths are reset before each attempt, as the call overwrites them.
        unsafe {
            (*mp).msg_namelen = size_of::<libc::sockaddr_storage>() as libc::socklen_t;
            (*mp).msg_controllen = ancbufsize as _;
            libc::recvmsg(fd as i32, mp, flags as i32)
        }
    })?;
    sa.len = msg.msg_namelen;
    // Control messages: each one's data runs to its cmsg_len or the end of what arrived.
    let mut items: Vec<(i32, i32, Vec<u8>)> = Vec::new();
    if ancbufsize > 0 && msg.msg_controllen > 0 {
        let base = control.as_ptr() as usize;
        let end = base + msg.msg_controllen as usize;
        // SAFETY: the kernel filled msg_controllen bytes of `control` with cmsghdrs;
        // every read is checked against that end.
        unsafe {
            let mut c = libc::CMSG_FIRSTHDR(&msg);
            while !c.is_null() && (c as usize) + size_of::<libc::cmsghdr>() <= end {
                let data = libc::CMSG_DATA(c) as usize;
                let want = ((*c).cmsg_len as usize).saturating_sub(libc::CMSG_LEN(0) as usize);
                let have = end.saturating_sub(data).min(want);
                let bytes = std::slice::from_raw_parts(data as *const u8, have).to_vec();
                items.push(((*c).cmsg_level, (*c).cmsg_type, bytes));
                if (*c).cmsg_len as usize == 0 {
                    break;
                }
                c = libc::CMSG_NXTHDR(&msg, c);
            }
        }
    }
    buf.truncate(n as usize);
    weft_vm::root_scope!(vm);
    (|| {
        let data = vm.new_bytes(buf)?;
        vm.root(data);
        let mut anc = Vec::new();
        for (level, kind, bytes) in items {
            let l = vm.new_int(level as i64)?;
            let k = vm.new_int(kind as i64)?;
            let b = vm.new_bytes(bytes)?;
            let t = vm.with_root(b, |vm| vm.new_tuple(vec![l, k, b]));
            let t = t?;
            vm.root(t);
            anc.push(t);
        }
        let anc = vm.new_list(anc)?;
        vm.root(anc);
        let mflags = vm.new_int(msg.msg_flags as i64)?;
        let addr = if sa.len == 0 {
            Value::NONE
        } else {
            from_sockaddr(vm, &sa)?
        };
        vm.root(addr);
        vm.new_tuple(vec![data, anc, mflags, addr])
    })()
}

/// CMSG_LEN(length): the cmsg_len of a control message carrying `length` bytes.
#[native(name = "CMSG_LEN", owner = "_socket_calls")]
fn cmsg_len(vm: &mut Vm, length: i64) -> PyResult<i64> {
    if !(0..=(i32::MAX as i64 - 64)).contains(&length) {
        return Err(vm.overflow_error("CMSG_LEN() argument out of range"));
    }
    // SAFETY: only computes a size.
    Ok(unsafe { libc::CMSG_LEN(length as u32) } as i64)
}

/// CMSG_SPACE(length): the buffer room one control message of `length` bytes takes.
#[native(name = "CMSG_SPACE", owner = "_socket_calls")]
fn cmsg_space(vm: &mut Vm, length: i64) -> PyResult<i64> {
    if !(0..=(i32::MAX as i64 - 64)).contains(&length) {
        return Err(vm.overflow_error("CMSG_SPACE() argument out of range"));
    }
    // SAFETY: only computes a size.
    Ok(unsafe { libc::CMSG_SPACE(length as u32) } as i64)
}

/// shutdown(fd, how)
#[native(owner = "_socket_calls")]
fn shutdown(vm: &mut Vm, fd: i64, how: i64) -> PyResult<()> {
    // SAFETY: plain integer system call.
    if unsafe { libc::shutdown(fd as i32, how as i32) } < 0 {
        return Err(os_err(vm, errno(), None));
    }
    Ok(())
}

/// close(fd): errors other than ECONNRESET raise, as CPython's socket.close does.
#[native(owner = "_socket_calls")]
fn close(vm: &mut Vm, fd: i64) -> PyResult<()> {
    // SAFETY: closing an integer descriptor the socket object owns.
    if unsafe { libc::close(fd as i32) } < 0 {
        let e = errno();
        if e != libc::ECONNRESET {
            return Err(os_err(vm, e, None));
        }
    }
    Ok(())
}

fn name_call(
    vm: &mut Vm,
    fd: i64,
    f: unsafe extern "C" fn(i32, *mut libc::sockaddr, *mut libc::socklen_t) -> i32,
) -> PyResult {
    let mut sa = SockAddr::empty();
    // SAFETY: sa's storage and length are live and sized for any address.
    if unsafe { f(fd as i32, sa.mut_ptr(), &mut sa.len) } < 0 {
        return Err(os_err(vm, errno(), None));
    }
    from_sockaddr(vm, &sa)
}

/// getsockname(fd) -> address
#[native(owner = "_socket_calls")]
fn getsockname(vm: &mut Vm, fd: i64) -> PyResult {
    name_call(vm, fd, libc::getsockname)
}

/// getpeername(fd) -> address
#[native(owner = "_socket_calls")]
fn getpeername(vm: &mut Vm, fd: i64) -> PyResult {
    name_call(vm, fd, libc::getpeername)
}

/// setsockopt(fd, level, option, value): an int or a bytes-like value.
#[native(owner = "_socket_calls")]
fn setsockopt(vm: &mut Vm, fd: i64, level: i64, option: i64, value: Value) -> PyResult<()> {
    let bytes = match as_int(value) {
        Some(i) => (i as i32).to_ne_bytes().to_vec(),
        None => bytes_like_arg(vm, value)?,
    };
    // SAFETY: bytes is a live buffer of the length passed.
    let r = unsafe {
        libc::setsockopt(
            fd as i32,
            level as i32,
            option as i32,
            bytes.as_ptr() as *const libc::c_void,
            bytes.len() as libc::socklen_t,
        )
    };
    if r < 0 {
        return Err(os_err(vm, errno(), None));
    }
    Ok(())
}

/// getsockopt(fd, level, option, buflen) -> int (buflen 0) or bytes
#[native(owner = "_socket_calls")]
fn getsockopt(vm: &mut Vm, fd: i64, level: i64, option: i64, buflen: i64) -> PyResult {
    if buflen == 0 {
        return match sockopt_int(fd as i32, level as i32, option as i32) {
            Ok(v) => vm.new_int(v as i64),
            Err(e) => Err(os_err(vm, e, None)),
        };
    }
    if !(0..=1024).contains(&buflen) {
        return Err(os_plain(vm, "getsockopt buflen out of range"));
    }
    let mut buf = vec![0u8; buflen as usize];
    let mut len = buflen as libc::socklen_t;
    // SAFETY: buf and len are live and sized as passed.
    let r = unsafe {
        libc::getsockopt(
            fd as i32,
            level as i32,
            option as i32,
            buf.as_mut_ptr() as *mut libc::c_void,
            &mut len,
        )
    };
    if r < 0 {
        return Err(os_err(vm, errno(), None));
    }
    buf.truncate(len as usize);
    vm.new_bytes(buf)
}

/// getaddrinfo(host, port, family, type, proto, flags) -> [(family, type, proto,
/// canonname, address)]; host and port are str, bytes or None.
#[native(owner = "_socket_calls")]
fn getaddrinfo(
    vm: &mut Vm,
    host: Value,
    port: Value,
    family: i64,
    kind: i64,
    proto: i64,
    flags: i64,
) -> PyResult {
    let host = if host.is_none() {
        None
    } else {
        Some(host_of(vm, host)?)
    };
    let port = if port.is_none() {
        None
    } else if let Some(p) = as_int(port) {
        Some(p.to_string())
    } else {
        Some(host_of(vm, port)?)
    };
    let ch = host.map(|h| std::ffi::CString::new(h).unwrap_or_default());
    let cp = port.map(|p| std::ffi::CString::new(p).unwrap_or_default());
    // SAFETY: addrinfo is plain data; zeroes are its "no hint" values.
    let mut hints: libc::addrinfo = unsafe { zeroed() };
    hints.ai_family = family as i32;
    hints.ai_socktype = kind as i32;
    hints.ai_protocol = proto as i32;
    hints.ai_flags = flags as i32;
    let mut res: *mut libc::addrinfo = std::ptr::null_mut();
    let hp = ch.as_ref().map_or(std::ptr::null(), |c| c.as_ptr());
    let pp = cp.as_ref().map_or(std::ptr::null(), |c| c.as_ptr());
    let rp = &mut res as *mut *mut libc::addrinfo;
    // SAFETY: hp / pp are null or NUL-terminated strings alive for the call; the result
    // list is freed below with freeaddrinfo.
    let code = vm.detached(|| unsafe { libc::getaddrinfo(hp, pp, &hints, rp) });
    if code != 0 {
        return Err(gai_error(vm, code));
    }
    let mut entries = Vec::new();
    let mut p = res;
    while !p.is_null() {
        // SAFETY: p walks the list getaddrinfo returned, not yet freed.
        let ai = unsafe { &*p };
        let mut sa = SockAddr::empty();
        let n = (ai.ai_addrlen as usize).min(size_of::<libc::sockaddr_storage>());
        // SAFETY: copying n bytes of the entry's address into our storage (n fits both).
        unsafe {
            std::ptr::copy_nonoverlapping(ai.ai_addr as *const u8, sa.mut_ptr() as *mut u8, n)
        };
        sa.len = n as libc::socklen_t;
        let canon = if ai.ai_canonname.is_null() {
            String::new()
        } else {
            // SAFETY: a NUL-terminated name owned by the list.
            unsafe { std::ffi::CStr::from_ptr(ai.ai_canonname) }
                .to_string_lossy()
                .into_owned()
        };
        entries.push((ai.ai_family, ai.ai_socktype, ai.ai_protocol, canon, sa));
        p = ai.ai_next;
    }
    // SAFETY: res came from a successful getaddrinfo and is freed once.
    unsafe { libc::freeaddrinfo(res) };
    weft_vm::root_scope!(vm);
    let mut items = Vec::with_capacity(entries.len());
    for (f, t, pr, canon, sa) in entries {
        let c = vm.new_str(&canon)?;
        vm.root(c);
        let a = from_sockaddr(vm, &sa)?;
        vm.root(a);
        let f = vm.new_int(f as i64)?;
        let t = vm.new_int(t as i64)?;
        let pr = vm.new_int(pr as i64)?;
        let e = vm.new_tuple(vec![f, t, pr, c, a])?;
        vm.root(e);
        items.push(e);
    }
    vm.new_list(items)
}

/// getnameinfo(address, flags) -> (host, port) names for an AF_INET/AF_INET6 address.
#[native(owner = "_socket_calls")]
fn getnameinfo(vm: &mut Vm, family: i64, address: Value, flags: i64) -> PyResult {
    let sa = to_sockaddr(vm, family as i32, address)?;
    let mut host = [0 as libc::c_char; 1025];
    let mut serv = [0 as libc::c_char; 32];
    let (hp, sp) = (host.as_mut_ptr(), serv.as_mut_ptr());
    // SAFETY: sa is a valid address; host and serv are writable buffers of the sizes given.
    let code = vm.detached(|| unsafe {
        libc::getnameinfo(sa.ptr(), sa.len, hp, 1025, sp, 32, flags as i32)
    });
    if code != 0 {
        return Err(gai_error(vm, code));
    }
    // SAFETY: getnameinfo wrote NUL-terminated strings into both buffers.
    let (h, s) = unsafe {
        (
            std::ffi::CStr::from_ptr(host.as_ptr())
                .to_string_lossy()
                .into_owned(),
            std::ffi::CStr::from_ptr(serv.as_ptr())
                .to_string_lossy()
                .into_owned(),
        )
    };
    let h = vm.new_str(&h)?;
    vm.with_root(h, |vm| {
        let s = vm.new_str(&s)?;
        vm.with_root(s, |vm| vm.new_tuple(vec![h, s]))
    })
}

/// gethostname()
#[native(owner = "_socket_calls")]
fn gethostname(vm: &mut Vm) -> PyResult {
    let mut buf = [0 as libc::c_char; 256];
    // SAFETY: buf is a writable buffer of the length given.
    if unsafe { libc::gethostname(buf.as_mut_ptr(), buf.len()) } < 0 {
        return Err(os_err(vm, errno(), None));
    }
    // SAFETY: gethostname NUL-terminates within the buffer (its last byte stays 0).
    let s = unsafe { std::ffi::CStr::from_ptr(buf.as_ptr()) }
        .to_string_lossy()
        .into_owned();
    vm.new_str(&s)
}

/// inet_pton(family, text) -> packed bytes
#[native(owner = "_socket_calls")]
fn inet_pton(vm: &mut Vm, family: i64, text: &str) -> PyResult {
    let packed = match family as i32 {
        libc::AF_INET => text.parse::<Ipv4Addr>().ok().map(|a| a.octets().to_vec()),
        libc::AF_INET6 => text.parse::<Ipv6Addr>().ok().map(|a| a.octets().to_vec()),
        _ => return Err(os_err(vm, libc::EAFNOSUPPORT, None)),
    };
    match packed {
        Some(b) => vm.new_bytes(b),
        None => Err(os_plain(
            vm,
            "illegal IP address string passed to inet_pton",
        )),
    }
}

/// inet_ntop(family, packed) -> text
#[native(owner = "_socket_calls")]
fn inet_ntop(vm: &mut Vm, family: i64, packed: Value) -> PyResult {
    let b = bytes_like_arg(vm, packed)?;
    let text = match (family as i32, b.len()) {
        (libc::AF_INET, 4) => Ipv4Addr::new(b[0], b[1], b[2], b[3]).to_string(),
        (libc::AF_INET6, 16) => {
            let mut o = [0u8; 16];
            o.copy_from_slice(&b);
            Ipv6Addr::from(o).to_string()
        }
        (libc::AF_INET, _) | (libc::AF_INET6, _) => {
            return Err(vm.value_error("invalid length of packed IP address string"));
        }
        _ => return Err(vm.value_error(format!("unknown address family {family}"))),
    };
    vm.new_str(&text)
}

const FUNCS: &[NativeDef] = &[
    socket,
    socketpair,
    info,
    bind,
    listen,
    connect,
    accept,
    recv,
    recvfrom,
    send,
    sendto,
    sendmsg,
    recvmsg,
    cmsg_len,
    cmsg_space,
    shutdown,
    close,
    getsockname,
    getpeername,
    setsockopt,
    getsockopt,
    getaddrinfo,
    getnameinfo,
    gethostname,
    inet_pton,
    inet_ntop,
    constants,
];

pub fn init(vm: &mut Vm) -> PyResult {
    let (m, _) = new_native_module(vm, "_socket_calls", FUNCS)?;
    Ok(m)
}

/// The constants `_socket` exports: (name, value).
pub const CONSTANTS: &[(&str, i32)] = &[
    ("AF_UNSPEC", libc::AF_UNSPEC),
    ("AF_INET", libc::AF_INET),
    ("AF_INET6", libc::AF_INET6),
    ("AF_UNIX", libc::AF_UNIX),
    ("SOCK_STREAM", libc::SOCK_STREAM),
    ("SOCK_DGRAM", libc::SOCK_DGRAM),
    ("SOCK_RAW", libc::SOCK_RAW),
    ("SOCK_SEQPACKET", libc::SOCK_SEQPACKET),
    ("SOCK_NONBLOCK", libc::SOCK_NONBLOCK),
    ("SOCK_CLOEXEC", libc::SOCK_CLOEXEC),
    ("SOL_SOCKET", libc::SOL_SOCKET),
    ("SOL_TCP", libc::SOL_TCP),
    ("SOL_UDP", libc::SOL_UDP),
    ("SO_REUSEADDR", libc::SO_REUSEADDR),
    ("SO_REUSEPORT", libc::SO_REUSEPORT),
    ("SO_KEEPALIVE", libc::SO_KEEPALIVE),
    ("SO_BROADCAST", libc::SO_BROADCAST),
    ("SO_ERROR", libc::SO_ERROR),
    ("SO_TYPE", libc::SO_TYPE),
    ("SO_RCVBUF", libc::SO_RCVBUF),
    ("SO_SNDBUF", libc::SO_SNDBUF),
    ("SO_LINGER", libc::SO_LINGER),
    ("SO_RCVLOWAT", libc::SO_RCVLOWAT),
    ("SO_SNDLOWAT", libc::SO_SNDLOWAT),
    ("SO_DOMAIN", libc::SO_DOMAIN),
    ("SO_PROTOCOL", libc::SO_PROTOCOL),
    ("SO_ACCEPTCONN", libc::SO_ACCEPTCONN),
    ("SOMAXCONN", libc::SOMAXCONN),
    ("IPPROTO_IP", libc::IPPROTO_IP),
    ("IPPROTO_TCP", libc::IPPROTO_TCP),
    ("IPPROTO_UDP", libc::IPPROTO_UDP),
    ("IPPROTO_IPV6", libc::IPPROTO_IPV6),
    ("IPPROTO_ICMP", libc::IPPROTO_ICMP),
    ("IPPROTO_RAW", libc::IPPROTO_RAW),
    ("IPV6_V6ONLY", libc::IPV6_V6ONLY),
    ("IP_TTL", libc::IP_TTL),
    ("IP_TOS", libc::IP_TOS),
    ("IP_MULTICAST_TTL", libc::IP_MULTICAST_TTL),
    ("IP_MULTICAST_LOOP", libc::IP_MULTICAST_LOOP),
    ("IP_ADD_MEMBERSHIP", libc::IP_ADD_MEMBERSHIP),
    ("TCP_NODELAY", libc::TCP_NODELAY),
    ("TCP_KEEPIDLE", libc::TCP_KEEPIDLE),
    ("TCP_KEEPINTVL", libc::TCP_KEEPINTVL),
    ("TCP_KEEPCNT", libc::TCP_KEEPCNT),
    ("SHUT_RD", libc::SHUT_RD),
    ("SHUT_WR", libc::SHUT_WR),
    ("SHUT_RDWR", libc::SHUT_RDWR),
    ("MSG_PEEK", libc::MSG_PEEK),
    ("MSG_OOB", libc::MSG_OOB),
    ("MSG_WAITALL", libc::MSG_WAITALL),
    ("MSG_DONTWAIT", libc::MSG_DONTWAIT),
    ("MSG_NOSIGNAL", libc::MSG_NOSIGNAL),
    ("MSG_TRUNC", libc::MSG_TRUNC),
    ("MSG_CTRUNC", libc::MSG_CTRUNC),
    ("MSG_DONTROUTE", libc::MSG_DONTROUTE),
    ("MSG_EOR", libc::MSG_EOR),
    ("MSG_CMSG_CLOEXEC", libc::MSG_CMSG_CLOEXEC),
    ("MSG_ERRQUEUE", libc::MSG_ERRQUEUE),
    ("SCM_RIGHTS", libc::SCM_RIGHTS),
    ("SCM_CREDENTIALS", libc::SCM_CREDENTIALS),
    ("SO_PASSCRED", libc::SO_PASSCRED),
    ("SO_PEERCRED", libc::SO_PEERCRED),
    ("AI_PASSIVE", libc::AI_PASSIVE),
    ("AI_CANONNAME", libc::AI_CANONNAME),
    ("AI_NUMERICHOST", libc::AI_NUMERICHOST),
    ("AI_NUMERICSERV", libc::AI_NUMERICSERV),
    ("AI_V4MAPPED", libc::AI_V4MAPPED),
    ("AI_ALL", libc::AI_ALL),
    ("AI_ADDRCONFIG", libc::AI_ADDRCONFIG),
    ("NI_NUMERICHOST", libc::NI_NUMERICHOST),
    ("NI_NUMERICSERV", libc::NI_NUMERICSERV),
    ("NI_NOFQDN", libc::NI_NOFQDN),
    ("NI_NAMEREQD", libc::NI_NAMEREQD),
    ("NI_DGRAM", libc::NI_DGRAM),
    ("NI_MAXHOST", 1025),
    ("NI_MAXSERV", 32),
    ("EAI_AGAIN", libc::EAI_AGAIN),
    ("EAI_BADFLAGS", libc::EAI_BADFLAGS),
    ("EAI_FAIL", libc::EAI_FAIL),
    ("EAI_FAMILY", libc::EAI_FAMILY),
    ("EAI_MEMORY", libc::EAI_MEMORY),
    ("EAI_NONAME", libc::EAI_NONAME),
    ("EAI_SERVICE", libc::EAI_SERVICE),
    ("EAI_SOCKTYPE", libc::EAI_SOCKTYPE),
    ("EAI_SYSTEM", libc::EAI_SYSTEM),
    ("INADDR_ANY", 0),
    ("INADDR_LOOPBACK", 0x7f00_0001),
    ("INADDR_BROADCAST", -1),
    ("INADDR_NONE", -1),
];

/// constants() -> dict of the constants above.
#[native(owner = "_socket_calls")]
fn constants(vm: &mut Vm) -> PyResult {
    let d = vm.new_dict()?;
    vm.with_root(d, |vm| {
        for &(name, v) in CONSTANTS {
            let v = if name.starts_with("INADDR_") {
                v as u32 as i64
            } else {
                v as i64
            };
            let n = vm.new_int(v)?;
            super::set_item(vm, d, name, n)?;
        }
        Ok(d)
    })
}
