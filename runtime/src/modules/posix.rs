//! The `posix` module: raw file-descriptor and file-system calls, which the frozen `os`
//! and `io` modules build on. Errors raise the OSError subclass CPython picks for the
//! errno, with `errno`, `strerror` and `filename`. Calls that may block (read, write,
//! open of a FIFO, fsync) run detached, so a blocked thread never delays a collection.
use super::{new_native_module, set_item};
use std::ffi::{CStr, CString};
use weft_vm::helpers::{arg_count, as_int, as_str, kwarg};
use weft_vm::native;
use weft_vm::native::NativeDef;
use weft_vm::objects::bytes::{BytesData, buffer_bytes};
use weft_vm::value::Value;
use weft_vm::vm::{PyErr, PyResult, Vm};

const FUNCS: &[NativeDef] = &[
    NativeDef::raw("open", open),
    read,
    write,
    close,
    lseek,
    fstat,
    statvfs,
    isatty,
    ftruncate,
    fsync,
    dup,
    getcwd,
    getcwdb,
    chdir,
    NativeDef::raw("listdir", listdir),
    NativeDef::raw("remove", remove),
    NativeDef::raw("unlink", remove),
    rename,
    NativeDef::raw("replace", rename.f),
    NativeDef::raw("mkdir", mkdir),
    NativeDef::raw("rmdir", rmdir),
    NativeDef::raw("stat", stat),
    NativeDef::raw("lstat", lstat),
    access,
    getpid,
    getppid,
    NativeDef::raw("getuid", getuid),
    NativeDef::raw("geteuid", geteuid),
    NativeDef::raw("getgid", getgid),
    NativeDef::raw("getegid", getegid),
    strerror,
    putenv,
    unsetenv,
    urandom,
    NativeDef::raw("fspath", fspath),
    uname,
];

pub fn init(vm: &mut Vm) -> PyResult {
    let (m, d) = new_native_module(vm, "posix", FUNCS)?;
    let r = vm.with_root(m, |vm| {
        fill(vm, d).and_then(|_| super::posix_process::add(vm, d))
    });
    r.map(|_| m)
}

fn fill(vm: &mut Vm, d: Value) -> PyResult<()> {
    for (name, v) in [
        ("O_RDONLY", libc::O_RDONLY),
        ("O_WRONLY", libc::O_WRONLY),
        ("O_RDWR", libc::O_RDWR),
        ("O_APPEND", libc::O_APPEND),
        ("O_CREAT", libc::O_CREAT),
        ("O_EXCL", libc::O_EXCL),
        ("O_TRUNC", libc::O_TRUNC),
        ("O_NONBLOCK", libc::O_NONBLOCK),
        ("O_CLOEXEC", libc::O_CLOEXEC),
        ("O_DIRECTORY", libc::O_DIRECTORY),
        ("O_NOFOLLOW", libc::O_NOFOLLOW),
        ("O_SYNC", libc::O_SYNC),
        ("O_NOCTTY", libc::O_NOCTTY),
        ("SEEK_SET", libc::SEEK_SET),
        ("SEEK_CUR", libc::SEEK_CUR),
        ("SEEK_END", libc::SEEK_END),
        ("F_OK", libc::F_OK),
        ("R_OK", libc::R_OK),
        ("W_OK", libc::W_OK),
        ("X_OK", libc::X_OK),
    ] {
        let n = vm.new_int(v as i64)?;
        set_item(vm, d, name, n)?;
    }
    // environ: a str -> str dict built now.
    let env = vm.new_dict()?;
    set_item(vm, d, "environ", env)?;
    for (k, v) in std::env::vars_os() {
        let k = vm.new_str(&k.to_string_lossy())?;
        weft_vm::root_scope!(vm);
        vm.root(k);
        let v = vm.new_str(&v.to_string_lossy());
        let r = v.and_then(|v| vm.dict_set(env, k, v));
        r?;
    }
    Ok(())
}

/// The C library's message for an errno.
pub(crate) fn errno_message(errno: i32) -> String {
    // SAFETY: strerror returns a pointer to a NUL-terminated string that stays valid
    // until the next strerror call on this thread; we copy it at once.
    let p = unsafe { libc::strerror(errno) };
    if p.is_null() {
        return format!("Unknown error {errno}");
    }
    // SAFETY: p is non-null and NUL-terminated (above).
    unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
}

fn last_errno() -> i32 {
    std::io::Error::last_os_error().raw_os_error().unwrap_or(0)
}

/// The OSError for `errno`, naming `filename` if given.
pub(crate) fn os_err(vm: &mut Vm, errno: i32, filename: Option<Value>) -> PyErr {
    let msg = errno_message(errno);
    weft_vm::exceptions::new_os_error(vm, errno, &msg, filename)
}

/// A path argument (str, bytes or an object with `__fspath__`) as a C string; the flag
/// says whether it was bytes.
pub(crate) fn path_arg(vm: &mut Vm, v: Value, what: &str) -> PyResult<(CString, bool)> {
    let p = fspath_value(vm, v, what)?;
    let (bytes, is_bytes) = match as_str(&p) {
        Some(s) => (s.as_bytes().to_vec(), false),
        None => (p.downcast::<BytesData>().unwrap().0.to_vec(), true),
    };
    match CString::new(bytes) {
        Ok(c) => Ok((c, is_bytes)),
        Err(_) => Err(vm.value_error(format!("{what}: embedded null character in path"))),
    }
}

/// `os.fspath`: str and bytes as they are, else `__fspath__()`.
fn fspath_value(vm: &mut Vm, v: Value, what: &str) -> PyResult {
    if as_str(&v).is_some() || v.downcast::<BytesData>().is_some() {
        return Ok(v);
    }
    let tn = vm.type_name(v);
    let r = match vm.getattr_str(v, "__fspath__") {
        Ok(f) => vm.call(f, &[], &[])?,
        Err(_) => {
            return Err(vm.type_error(format!(
                "{what}: path should be string, bytes or os.PathLike, not {tn}"
            )));
        }
    };
    if as_str(&r).is_some() || r.downcast::<BytesData>().is_some() {
        Ok(r)
    } else {
        let rn = vm.type_name(r);
        Err(vm.type_error(format!(
            "expected {tn}.__fspath__() to return str or bytes, not {rn}"
        )))
    }
}

fn fspath(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "fspath", args, 1, 1)?;
    if as_str(&args[0]).is_some() || args[0].downcast::<BytesData>().is_some() {
        return Ok(args[0]);
    }
    if vm.getattr_str(args[0], "__fspath__").is_err() {
        let tn = vm.type_name(args[0]);
        return Err(vm.type_error(format!(
            "expected str, bytes or os.PathLike object, not {tn}"
        )));
    }
    fspath_value(vm, args[0], "fspath")
}

fn int_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    match as_int(v) {
        Some(i) => Ok(i),
        None => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")))
        }
    }
}

fn fd_arg(vm: &mut Vm, v: Value) -> PyResult<i32> {
    let i = int_arg(vm, v)?;
    i32::try_from(i).map_err(|_| vm.overflow_error("fd is greater than maximum"))
}

/// Positional argument `i`, or keyword `name`, or None.
fn opt_arg(args: &[Value], kw: &[(Value, Value)], i: usize, name: &str) -> Option<Value> {
    args.get(i).copied().or_else(|| kwarg(kw, name))
}

fn open(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "open", args, 1, 3)?;
    let (path, _) = path_arg(vm, args[0], "open")?;
    let Some(flags) = opt_arg(args, kw, 1, "flags") else {
        return Err(vm.type_error("open() missing required argument 'flags' (pos 2)"));
    };
    let flags = int_arg(vm, flags)? as i32 | libc::O_CLOEXEC;
    let mode = match opt_arg(args, kw, 2, "mode") {
        Some(m) => int_arg(vm, m)? as libc::c_uint,
        None => 0o777,
    };
    let (fd, errno) = vm.detached(|| {
        // SAFETY: path is a valid NUL-terminated C string that outlives the call.
        let fd = unsafe { libc::open(path.as_ptr(), flags, mode) };
        (fd, if fd < 0 { last_errno() } else { 0 })
    });
    if fd < 0 {
        return Err(os_err(vm, errno, Some(args[0])));
    }
    vm.new_int(fd as i64)
}

#[native(name = "read")]
fn read(vm: &mut Vm, fd_obj: Value, length: Value) -> PyResult {
    let fd = fd_arg(vm, fd_obj)?;
    let n = int_arg(vm, length)?;
    if n < 0 {
        return Err(vm.value_error("negative count"));
    }
    let mut buf = vec![0u8; n as usize];
    let (r, errno) = vm.detached(|| {
        loop {
            // SAFETY: buf is a live, exclusively borrowed buffer of buf.len() bytes.
            let r = unsafe { libc::read(fd, buf.as_mut_ptr() as *mut libc::c_void, buf.len()) };
            let e = if r < 0 { last_errno() } else { 0 };
            if e != libc::EINTR {
                break (r, e);
            }
        }
    });
    if r < 0 {
        return Err(os_err(vm, errno, None));
    }
    buf.truncate(r as usize);
    vm.new_bytes(buf)
}

#[native(name = "write")]
fn write(vm: &mut Vm, fd: Value, data: Value) -> PyResult {
    let fd = fd_arg(vm, fd)?;
    let Some(data) = buffer_bytes(&data) else {
        let tn = vm.type_name(data);
        return Err(vm.type_error(format!("a bytes-like object is required, not '{tn}'")));
    };
    let (r, errno) = vm.detached(|| {
        loop {
            // SAFETY: data is a live buffer of data.len() bytes.
            let r = unsafe { libc::write(fd, data.as_ptr() as *const libc::c_void, data.len()) };
            let e = if r < 0 { last_errno() } else { 0 };
            if e != libc::EINTR {
                break (r, e);
            }
        }
    });
    if r < 0 {
        return Err(os_err(vm, errno, None));
    }
    vm.new_int(r as i64)
}

/// Run a non-blocking fd call returning < 0 on error; raise on error.
fn check(vm: &mut Vm, r: i64, filename: Option<Value>) -> PyResult<i64> {
    if r < 0 {
        let e = last_errno();
        return Err(os_err(vm, e, filename));
    }
    Ok(r)
}

#[native(name = "close")]
fn close(vm: &mut Vm, fd_obj: Value) -> PyResult {
    let fd = fd_arg(vm, fd_obj)?;
    // SAFETY: closing an fd the caller names; a bad fd gives EBADF.
    let r = unsafe { libc::close(fd) };
    check(vm, r as i64, None)?;
    Ok(Value::NONE)
}

#[native(name = "lseek")]
fn lseek(vm: &mut Vm, fd_obj: Value, position: Value, whence: Value) -> PyResult {
    let fd = fd_arg(vm, fd_obj)?;
    let pos = int_arg(vm, position)?;
    let how = int_arg(vm, whence)? as i32;
    // SAFETY: lseek takes plain integers; a bad fd gives EBADF.
    let r = unsafe { libc::lseek(fd, pos as libc::off_t, how) };
    let r = check(vm, r as i64, None)?;
    vm.new_int(r)
}

#[native(name = "isatty")]
fn isatty(vm: &mut Vm, fd_obj: Value) -> PyResult {
    let fd = fd_arg(vm, fd_obj)?;
    // SAFETY: isatty takes a plain integer fd.
    let r = unsafe { libc::isatty(fd) };
    Ok(Value::bool(r == 1))
}

#[native(name = "ftruncate")]
fn ftruncate(vm: &mut Vm, fd_obj: Value, length: Value) -> PyResult {
    let fd = fd_arg(vm, fd_obj)?;
    let len = int_arg(vm, length)?;
    // SAFETY: ftruncate takes plain integers; errors come back as -1/errno.
    let r = unsafe { libc::ftruncate(fd, len as libc::off_t) };
    check(vm, r as i64, None)?;
    Ok(Value::NONE)
}

#[native(name = "fsync")]
fn fsync(vm: &mut Vm, fd_obj: Value) -> PyResult {
    let fd = fd_arg(vm, fd_obj)?;
    let (r, errno) = vm.detached(|| {
        // SAFETY: fsync takes a plain integer fd.
        let r = unsafe { libc::fsync(fd) };
        (r, if r < 0 { last_errno() } else { 0 })
    });
    if r < 0 {
        return Err(os_err(vm, errno, None));
    }
    Ok(Value::NONE)
}

#[native(name = "dup")]
fn dup(vm: &mut Vm, fd_obj: Value) -> PyResult {
    let fd = fd_arg(vm, fd_obj)?;
    // SAFETY: fcntl(F_DUPFD_CLOEXEC) on a plain integer fd.
    let r = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) };
    let r = check(vm, r as i64, None)?;
    vm.new_int(r)
}

fn cwd_bytes(vm: &mut Vm) -> PyResult<Vec<u8>> {
    match std::env::current_dir() {
        Ok(p) => Ok(p.into_os_string().into_encoded_bytes()),
        Err(e) => Err(os_err(vm, e.raw_os_error().unwrap_or(0), None)),
    }
}

#[native(name = "getcwd")]
fn getcwd(vm: &mut Vm) -> PyResult {
    let b = cwd_bytes(vm)?;
    vm.new_str(&String::from_utf8_lossy(&b))
}

#[native(name = "getcwdb")]
fn getcwdb(vm: &mut Vm) -> PyResult {
    let b = cwd_bytes(vm)?;
    vm.new_bytes(b)
}

#[native(name = "chdir")]
fn chdir(vm: &mut Vm, path: Value) -> PyResult {
    let (p, _) = path_arg(vm, path, "chdir")?;
    // SAFETY: p is a valid NUL-terminated C string.
    let r = unsafe { libc::chdir(p.as_ptr()) };
    check(vm, r as i64, Some(path))?;
    Ok(Value::NONE)
}

fn listdir(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "listdir", args, 0, 1)?;
    let (path, is_bytes) = match args.first() {
        Some(&p) if !p.is_none() => path_arg(vm, p, "listdir")?,
        _ => (CString::new(".").unwrap(), false),
    };
    let os_path: &std::ffi::OsStr = std::os::unix::ffi::OsStrExt::from_bytes(path.as_bytes());
    let rd = match std::fs::read_dir(os_path) {
        Ok(rd) => rd,
        Err(e) => {
            let name = match args.first() {
                Some(&p) if !p.is_none() => p,
                _ => vm.new_str(".")?,
            };
            return Err(os_err(vm, e.raw_os_error().unwrap_or(0), Some(name)));
        }
    };
    let names: Vec<Vec<u8>> = rd
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().into_encoded_bytes())
        .collect();
    let l = vm.new_list(vec![])?;
    weft_vm::root_scope!(vm);
    vm.root(l);
    (|| {
        for n in names {
            let v = if is_bytes {
                vm.new_bytes(n)?
            } else {
                vm.new_str(&String::from_utf8_lossy(&n))?
            };
            vm.call_method(l, "append", &[v])?;
        }
        Ok(l)
    })()
}

/// A path call `f(path) -> int` raising with the path as filename.
fn path_call(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    f: impl FnOnce(&CStr) -> libc::c_int,
) -> PyResult {
    arg_count(vm, name, args, 1, 1)?;
    let (p, _) = path_arg(vm, args[0], name)?;
    let r = f(&p);
    check(vm, r as i64, Some(args[0]))?;
    Ok(Value::NONE)
}

fn remove(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    // SAFETY: p is a valid NUL-terminated C string.
    path_call(vm, "remove", args, |p| unsafe { libc::unlink(p.as_ptr()) })
}

fn rmdir(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    // SAFETY: p is a valid NUL-terminated C string.
    path_call(vm, "rmdir", args, |p| unsafe { libc::rmdir(p.as_ptr()) })
}

fn mkdir(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "mkdir", args, 1, 2)?;
    let mode = match opt_arg(args, kw, 1, "mode") {
        Some(m) => int_arg(vm, m)? as libc::mode_t,
        None => 0o777,
    };
    // SAFETY: p is a valid NUL-terminated C string.
    path_call(vm, "mkdir", &args[..1], |p| unsafe {
        libc::mkdir(p.as_ptr(), mode)
    })
}

/// rename(src, dst), also registered as replace (with the same messages).
#[native(name = "rename")]
fn rename(vm: &mut Vm, src: Value, dst: Value) -> PyResult {
    let (a, _) = path_arg(vm, src, "rename")?;
    let (b, _) = path_arg(vm, dst, "rename")?;
    // SAFETY: a and b are valid NUL-terminated C strings.
    let r = unsafe { libc::rename(a.as_ptr(), b.as_ptr()) };
    if r < 0 {
        let e = last_errno();
        let msg = errno_message(e);
        let err = weft_vm::exceptions::new_os_error(vm, e, &msg, Some(src));
        // CPython names both paths: [Errno 2] No such file or directory: 'a' -> 'b'.
        let k = vm.intern("filename2");
        if let Some(x) = err.0.downcast::<weft_vm::objects::exception::ExcData>() {
            let d = x.dict;
            vm.dict_set(d, k, dst)?;
        }
        return Err(err);
    }
    Ok(Value::NONE)
}

/// A stat result as a tuple: (st_mode, st_ino, st_dev, st_nlink, st_uid, st_gid,
/// st_size, st_atime, st_mtime, st_ctime) with float times; `os` wraps it.
/// (The casts are no-ops on 64-bit Linux, not on every target.)
#[allow(clippy::unnecessary_cast)]
fn stat_tuple(vm: &mut Vm, st: &libc::stat) -> PyResult {
    let t = |s: i64, ns: i64| s as f64 + ns as f64 * 1e-9;
    let ints = [
        st.st_mode as i64,
        st.st_ino as i64,
        st.st_dev as i64,
        st.st_nlink as i64,
        st.st_uid as i64,
        st.st_gid as i64,
        st.st_size as i64,
    ];
    let floats = [
        t(st.st_atime as i64, st.st_atime_nsec as i64),
        t(st.st_mtime as i64, st.st_mtime_nsec as i64),
        t(st.st_ctime as i64, st.st_ctime_nsec as i64),
    ];
    let mut items = Vec::new();
    weft_vm::root_scope!(vm);
    (|| {
        for i in ints {
            let v = vm.new_int(i)?;
            vm.root(v);
            items.push(v);
        }
        for f in floats {
            let v = vm.new_float(f)?;
            vm.root(v);
            items.push(v);
        }
        vm.new_tuple(items.clone())
    })()
}

fn do_stat(vm: &mut Vm, args: &[Value], name: &str, follow: bool) -> PyResult {
    arg_count(vm, name, args, 1, 1)?;
    // SAFETY: an all-zero libc::stat is a valid value (plain integers).
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    let r = if let Some(fd) = as_int(args[0]) {
        // SAFETY: st is a valid, writable stat buffer.
        unsafe { libc::fstat(fd as i32, &mut st) }
    } else {
        let (p, _) = path_arg(vm, args[0], name)?;
        // SAFETY: p is a valid C string and st a valid, writable stat buffer.
        unsafe {
            if follow {
                libc::stat(p.as_ptr(), &mut st)
            } else {
                libc::lstat(p.as_ptr(), &mut st)
            }
        }
    };
    let filename = if as_int(args[0]).is_some() {
        None
    } else {
        Some(args[0])
    };
    check(vm, r as i64, filename)?;
    stat_tuple(vm, &st)
}

fn stat(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    do_stat(vm, args, "stat", true)
}

fn lstat(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    do_stat(vm, args, "lstat", false)
}

#[native(name = "fstat")]
fn fstat(vm: &mut Vm, fd_obj: Value) -> PyResult {
    let fd = fd_arg(vm, fd_obj)?;
    let fdv = vm.new_int(fd as i64)?;
    do_stat(vm, &[fdv], "fstat", true)
}

/// statvfs(path or fd) -> (f_bsize, f_frsize, f_blocks, f_bfree, f_bavail, f_files,
/// f_ffree, f_favail, f_flag, f_namemax, f_fsid); `os` names the fields.
#[native(name = "statvfs")]
#[allow(clippy::unnecessary_cast)]
fn statvfs(vm: &mut Vm, path: Value) -> PyResult {
    // SAFETY: an all-zero statvfs is a valid value (plain integers).
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    let r = if let Some(fd) = as_int(path) {
        // SAFETY: st is a valid, writable statvfs buffer.
        unsafe { libc::fstatvfs(fd as i32, &mut st) }
    } else {
        let (p, _) = path_arg(vm, path, "statvfs")?;
        // SAFETY: p is a valid C string and st a valid, writable buffer.
        unsafe { libc::statvfs(p.as_ptr(), &mut st) }
    };
    let filename = if as_int(path).is_some() {
        None
    } else {
        Some(path)
    };
    check(vm, r as i64, filename)?;
    let fields = [
        st.f_bsize as i64,
        st.f_frsize as i64,
        st.f_blocks as i64,
        st.f_bfree as i64,
        st.f_bavail as i64,
        st.f_files as i64,
        st.f_ffree as i64,
        st.f_favail as i64,
        st.f_flag as i64,
        st.f_namemax as i64,
        st.f_fsid as i64,
    ];
    let mut items = Vec::new();
    weft_vm::root_scope!(vm);
    (|| {
        for f in fields {
            let v = vm.new_int(f)?;
            vm.root(v);
            items.push(v);
        }
        vm.new_tuple(items.clone())
    })()
}

#[native(name = "access")]
fn access(vm: &mut Vm, path: Value, mode_arg: Value) -> PyResult {
    let (p, _) = path_arg(vm, path, "access")?;
    let mode = int_arg(vm, mode_arg)? as i32;
    // SAFETY: p is a valid NUL-terminated C string.
    let r = unsafe { libc::access(p.as_ptr(), mode) };
    Ok(Value::bool(r == 0))
}

#[native(name = "getpid")]
fn getpid(vm: &mut Vm) -> PyResult {
    vm.new_int(std::process::id() as i64)
}

/// The process's ids (these calls cannot fail).
fn id_call(vm: &mut Vm, args: &[Value], name: &str, f: unsafe extern "C" fn() -> u32) -> PyResult {
    arg_count(vm, name, args, 0, 0)?;
    // SAFETY: getuid and friends take no arguments and always succeed.
    let id = unsafe { f() };
    vm.new_int(id as i64)
}

#[native(name = "getppid")]
fn getppid(vm: &mut Vm) -> PyResult {
    // SAFETY: getppid takes no arguments and always succeeds.
    vm.new_int(unsafe { libc::getppid() } as i64)
}

fn getuid(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    id_call(vm, args, "getuid", libc::getuid)
}

fn geteuid(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    id_call(vm, args, "geteuid", libc::geteuid)
}

fn getgid(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    id_call(vm, args, "getgid", libc::getgid)
}

fn getegid(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    id_call(vm, args, "getegid", libc::getegid)
}

#[native(name = "strerror")]
fn strerror(vm: &mut Vm, code: Value) -> PyResult {
    let n = int_arg(vm, code)?;
    vm.new_str(&errno_message(n as i32))
}

fn env_str(vm: &mut Vm, v: Value) -> PyResult<String> {
    match as_str(&v) {
        Some(s) if !s.contains('\0') && !s.is_empty() => Ok(s.to_string()),
        Some(_) => Err(vm.value_error("illegal environment variable name")),
        None => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!("str expected, not {tn}")))
        }
    }
}

#[native(name = "putenv")]
fn putenv(vm: &mut Vm, name: Value, value: Value) -> PyResult {
    let k = env_str(vm, name)?;
    if k.contains('=') {
        return Err(vm.value_error("illegal environment variable name"));
    }
    let v = match as_str(&value) {
        Some(s) if !s.contains('\0') => s.to_string(),
        _ => return Err(vm.value_error("illegal environment variable value")),
    };
    // Other threads may read the environment concurrently; the runtime reads it only
    // at start-up, and Python code goes through os.environ.
    // SAFETY: k and v are valid strings without NUL; see above for the threads caveat.
    unsafe { std::env::set_var(k, v) };
    Ok(Value::NONE)
}

#[native(name = "unsetenv")]
fn unsetenv(vm: &mut Vm, name: Value) -> PyResult {
    let k = env_str(vm, name)?;
    // SAFETY: as in putenv.
    unsafe { std::env::remove_var(k) };
    Ok(Value::NONE)
}

#[native(name = "urandom")]
fn urandom(vm: &mut Vm, size: Value) -> PyResult {
    let n = int_arg(vm, size)?;
    if n < 0 {
        return Err(vm.value_error("negative argument not allowed"));
    }
    let mut buf = vec![0u8; n as usize];
    let mut got = 0;
    while got < buf.len() {
        // SAFETY: the pointer and length describe the unfilled tail of buf.
        let r = unsafe {
            libc::getrandom(
                buf[got..].as_mut_ptr() as *mut libc::c_void,
                buf.len() - got,
                0,
            )
        };
        if r < 0 {
            let e = last_errno();
            if e == libc::EINTR {
                continue;
            }
            return Err(os_err(vm, e, None));
        }
        got += r as usize;
    }
    vm.new_bytes(buf)
}

/// `uname()` as a 5-tuple of str: (sysname, nodename, release, version, machine).
#[native(name = "uname")]
fn uname(vm: &mut Vm) -> PyResult {
    // SAFETY: an all-zero utsname is a valid value (byte arrays).
    let mut u: libc::utsname = unsafe { std::mem::zeroed() };
    // SAFETY: u is a valid, writable utsname.
    let r = unsafe { libc::uname(&mut u) };
    check(vm, r as i64, None)?;
    let field = |f: &[libc::c_char]| {
        let bytes: Vec<u8> = f
            .iter()
            .take_while(|&&c| c != 0)
            .map(|&c| c as u8)
            .collect();
        String::from_utf8_lossy(&bytes).into_owned()
    };
    let fields = [
        field(&u.sysname),
        field(&u.nodename),
        field(&u.release),
        field(&u.version),
        field(&u.machine),
    ];
    let mut items = Vec::new();
    weft_vm::root_scope!(vm);
    (|| {
        for f in &fields {
            let v = vm.new_str(f)?;
            vm.root(v);
            items.push(v);
        }
        vm.new_tuple(items.clone())
    })()
}
