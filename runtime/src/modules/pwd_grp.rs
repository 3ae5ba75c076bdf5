//! `pwd` and `grp`: the password and group databases through libc's reentrant lookups
//! (`getpwuid_r`, `getgrnam_r`, ...), as CPython's modules give them: records are
//! `struct_passwd` / `struct_group` tuples with named fields; a missing entry is a
//! KeyError with CPython's text.
use super::new_native_module;
use std::ffi::{CStr, CString};
use weft_vm::helpers::{as_bigint, as_str};
use weft_vm::native;
use weft_vm::native::NativeDef;
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

/// The record classes: tuples with named, read-only fields and CPython's repr.
const RECORD: &str = r#"
def _record(module, name, fields):
    class record(tuple):
        __slots__ = ()
        n_fields = n_sequence_fields = len(fields)
        n_unnamed_fields = 0

        def __new__(cls, values):
            values = tuple(values)
            if len(values) != len(fields):
                raise TypeError("%s.%s() takes a %d-sequence (%d-sequence given)"
                                % (module, name, len(fields), len(values)))
            return tuple.__new__(cls, values)

        def __repr__(self):
            body = ", ".join("%s=%r" % pair for pair in zip(fields, self))
            return "%s.%s(%s)" % (module, name, body)

        def __reduce__(self):
            return (type(self), (tuple(self),))

    for index, field in enumerate(fields):
        setattr(record, field, property(lambda self, i=index: self[i]))
    record.__name__ = record.__qualname__ = name
    record.__module__ = module
    return record
"#;

/// A C string field, or "" for a null pointer.
fn text(p: *const libc::c_char) -> String {
    if p.is_null() {
        return String::new();
    }
    // SAFETY: libc filled the record with NUL-terminated strings that live in `buf`,
    // which the caller keeps alive while reading them.
    unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
}

/// One passwd entry, copied out of libc's record.
struct Passwd {
    name: String,
    passwd: String,
    uid: u32,
    gid: u32,
    gecos: String,
    dir: String,
    shell: String,
}

fn copy_passwd(p: &libc::passwd) -> Passwd {
    Passwd {
        name: text(p.pw_name),
        passwd: text(p.pw_passwd),
        uid: p.pw_uid,
        gid: p.pw_gid,
        gecos: text(p.pw_gecos),
        dir: text(p.pw_dir),
        shell: text(p.pw_shell),
    }
}

/// Run a `get*_r` lookup with a buffer that grows while libc says ERANGE.
fn lookup_r<T, R>(
    mut call: impl FnMut(*mut T, &mut [u8], *mut *mut T) -> i32,
    copy: impl Fn(&T) -> R,
) -> Option<R> {
    let mut size = 1024usize;
    loop {
        let mut buf = vec![0u8; size];
        // SAFETY: an all-zero record is a valid (empty) value for these plain C structs.
        let mut rec: T = unsafe { std::mem::zeroed() };
        let mut out: *mut T = std::ptr::null_mut();
        let rc = call(&mut rec, &mut buf, &mut out);
        if rc == libc::ERANGE && size < (1 << 24) {
            size *= 4;
            continue;
        }
        if rc != 0 || out.is_null() {
            return None;
        }
        return Some(copy(&rec));
    }
}

fn getpwuid_entry(uid: u32) -> Option<Passwd> {
    lookup_r(
        |rec, buf, out| {
            // SAFETY: rec, buf and out are valid for the call; buf's length is passed.
            unsafe { libc::getpwuid_r(uid, rec, buf.as_mut_ptr() as *mut _, buf.len(), out) }
        },
        copy_passwd,
    )
}

fn getpwnam_entry(name: &CStr) -> Option<Passwd> {
    lookup_r(
        |rec, buf, out| {
            // SAFETY: as in getpwuid_entry; name is NUL-terminated.
            unsafe {
                libc::getpwnam_r(
                    name.as_ptr(),
                    rec,
                    buf.as_mut_ptr() as *mut _,
                    buf.len(),
                    out,
                )
            }
        },
        copy_passwd,
    )
}

/// One group entry.
struct Group {
    name: String,
    passwd: String,
    gid: u32,
    members: Vec<String>,
}

fn copy_group(g: &libc::group) -> Group {
    let mut members = Vec::new();
    let mut p = g.gr_mem;
    // SAFETY: gr_mem is a NULL-terminated array of C strings inside the lookup buffer.
    unsafe {
        while !p.is_null() && !(*p).is_null() {
            members.push(text(*p));
            p = p.add(1);
        }
    }
    Group {
        name: text(g.gr_name),
        passwd: text(g.gr_passwd),
        gid: g.gr_gid,
        members,
    }
}

fn getgrgid_entry(gid: u32) -> Option<Group> {
    lookup_r(
        |rec, buf, out| {
            // SAFETY: rec, buf and out are valid for the call; buf's length is passed.
            unsafe { libc::getgrgid_r(gid, rec, buf.as_mut_ptr() as *mut _, buf.len(), out) }
        },
        copy_group,
    )
}

fn getgrnam_entry(name: &CStr) -> Option<Group> {
    lookup_r(
        |rec, buf, out| {
            // SAFETY: as in getgrgid_entry; name is NUL-terminated.
            unsafe {
                libc::getgrnam_r(
                    name.as_ptr(),
                    rec,
                    buf.as_mut_ptr() as *mut _,
                    buf.len(),
                    out,
                )
            }
        },
        copy_group,
    )
}

/// The whole database: names from the enumeration (`getpwent` is not reentrant, so
/// it runs under one lock), then each record looked up reentrantly.
static ENUM_LOCK: parking_lot::Mutex<()> = parking_lot::Mutex::new(());

fn all_user_ids() -> Vec<u32> {
    let _g = ENUM_LOCK.lock();
    let mut ids = Vec::new();
    // SAFETY: setpwent/getpwent/endpwent are used under ENUM_LOCK only; the record is
    // read before the next call.
    unsafe {
        libc::setpwent();
        loop {
            let p = libc::getpwent();
            if p.is_null() {
                break;
            }
            ids.push((*p).pw_uid);
        }
        libc::endpwent();
    }
    ids
}

fn all_group_ids() -> Vec<u32> {
    let _g = ENUM_LOCK.lock();
    let mut ids = Vec::new();
    // SAFETY: as in all_user_ids.
    unsafe {
        libc::setgrent();
        loop {
            let g = libc::getgrent();
            if g.is_null() {
                break;
            }
            ids.push((*g).gr_gid);
        }
        libc::endgrent();
    }
    ids
}

// ------------------------------------------------------------ Python side

fn record_class(vm: &mut Vm, module: &str, name: &str) -> PyResult {
    let m = vm.import_module(module)?;
    vm.getattr_str(m, name)
}

fn make_record(vm: &mut Vm, module: &str, class: &str, items: Vec<Value>) -> PyResult {
    weft_vm::root_scope!(vm);
    for &v in &items {
        vm.root(v);
    }
    (|| {
        let t = vm.new_tuple(items)?;
        vm.root(t);
        let cls = record_class(vm, module, class)?;
        vm.call(cls, &[t], &[])
    })()
}

fn passwd_value(vm: &mut Vm, p: &Passwd) -> PyResult {
    weft_vm::root_scope!(vm);
    (|| {
        let mut items = Vec::new();
        for v in [&p.name, &p.passwd] {
            let s = vm.new_str(v)?;
            vm.root(s);
            items.push(s);
        }
        items.push(vm.new_int(p.uid as i64)?);
        items.push(vm.new_int(p.gid as i64)?);
        for v in [&p.gecos, &p.dir, &p.shell] {
            let s = vm.new_str(v)?;
            vm.root(s);
            items.push(s);
        }
        make_record(vm, "pwd", "struct_passwd", items)
    })()
}

fn group_value(vm: &mut Vm, g: &Group) -> PyResult {
    weft_vm::root_scope!(vm);
    (|| {
        let name = vm.new_str(&g.name)?;
        vm.root(name);
        let pw = vm.new_str(&g.passwd)?;
        vm.root(pw);
        let gid = vm.new_int(g.gid as i64)?;
        let mut mem = Vec::new();
        for m in &g.members {
            let s = vm.new_str(m)?;
            vm.root(s);
            mem.push(s);
        }
        let mem = vm.new_list(mem)?;
        vm.root(mem);
        make_record(vm, "grp", "struct_group", vec![name, pw, gid, mem])
    })()
}

fn key_error(vm: &mut Vm, msg: String) -> weft_vm::vm::PyErr {
    let t = vm.rt.types.exc.key_error;
    vm.new_exception(t, &msg)
}

/// A uid/gid argument: an int in C's id range, or CPython's errors.
fn id_arg(vm: &mut Vm, v: Value, what: &str) -> PyResult<Option<u32>> {
    match as_bigint(v) {
        Some(b) => Ok(u32::try_from(&b).ok()),
        None => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!("{what}() argument must be int, not {tn}")))
        }
    }
}

fn name_arg(vm: &mut Vm, v: Value, what: &str) -> PyResult<(String, Option<CString>)> {
    match as_str(&v) {
        Some(s) => Ok((s.to_string(), CString::new(s).ok())),
        None => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!("{what}() argument must be str, not {tn}")))
        }
    }
}

#[native(name = "getpwuid")]
fn getpwuid(vm: &mut Vm, uid_arg: Value) -> PyResult {
    let entry = id_arg(vm, uid_arg, "getpwuid")?.and_then(getpwuid_entry);
    match entry {
        Some(p) => passwd_value(vm, &p),
        None => {
            let r = vm.repr(uid_arg)?;
            Err(key_error(vm, format!("getpwuid(): uid not found: {r}")))
        }
    }
}

#[native(name = "getpwnam")]
fn getpwnam(vm: &mut Vm, name_obj: Value) -> PyResult {
    let (name, c) = name_arg(vm, name_obj, "getpwnam")?;
    match c.as_deref().and_then(getpwnam_entry) {
        Some(p) => passwd_value(vm, &p),
        None => Err(key_error(
            vm,
            format!("getpwnam(): name not found: '{name}'"),
        )),
    }
}

#[native(name = "getpwall")]
fn getpwall(vm: &mut Vm) -> PyResult {
    let list = vm.new_list(Vec::new())?;
    weft_vm::root_scope!(vm);
    vm.root(list);
    (|| {
        for uid in all_user_ids() {
            if let Some(p) = getpwuid_entry(uid) {
                let v = passwd_value(vm, &p)?;
                vm.call_method(list, "append", &[v])?;
            }
        }
        Ok(list)
    })()
}

#[native(name = "getgrgid")]
fn getgrgid(vm: &mut Vm, id: Value) -> PyResult {
    let entry = id_arg(vm, id, "getgrgid")?.and_then(getgrgid_entry);
    match entry {
        Some(g) => group_value(vm, &g),
        None => {
            let r = vm.repr(id)?;
            Err(key_error(vm, format!("getgrgid(): gid not found: {r}")))
        }
    }
}

#[native(name = "getgrnam")]
fn getgrnam(vm: &mut Vm, name_obj: Value) -> PyResult {
    let (name, c) = name_arg(vm, name_obj, "getgrnam")?;
    match c.as_deref().and_then(getgrnam_entry) {
        Some(g) => group_value(vm, &g),
        None => Err(key_error(
            vm,
            format!("getgrnam(): name not found: '{name}'"),
        )),
    }
}

#[native(name = "getgrall")]
fn getgrall(vm: &mut Vm) -> PyResult {
    let list = vm.new_list(Vec::new())?;
    weft_vm::root_scope!(vm);
    vm.root(list);
    (|| {
        for gid in all_group_ids() {
            if let Some(g) = getgrgid_entry(gid) {
                let v = group_value(vm, &g)?;
                vm.call_method(list, "append", &[v])?;
            }
        }
        Ok(list)
    })()
}

fn init_module(vm: &mut Vm, name: &'static str, funcs: &[NativeDef], class: &str) -> PyResult {
    let (m, _d) = new_native_module(vm, name, funcs)?;
    let r = vm.with_root(m, |vm| {
        vm.exec_in_module(&format!("{RECORD}\n{class}\ndel _record\n"), "<weft>", m)
    });
    r.map(|_| m)
}

const PWD_FUNCS: &[NativeDef] = &[getpwuid, getpwnam, getpwall];

const GRP_FUNCS: &[NativeDef] = &[getgrgid, getgrnam, getgrall];

pub fn init_pwd(vm: &mut Vm) -> PyResult {
    init_module(
        vm,
        "pwd",
        PWD_FUNCS,
        "struct_passwd = _record('pwd', 'struct_passwd', ('pw_name', 'pw_passwd', 'pw_uid', \
         'pw_gid', 'pw_gecos', 'pw_dir', 'pw_shell'))",
    )
}

pub fn init_grp(vm: &mut Vm) -> PyResult {
    init_module(
        vm,
        "grp",
        GRP_FUNCS,
        "struct_group = _record('grp', 'struct_group', ('gr_name', 'gr_passwd', 'gr_gid', \
         'gr_mem'))",
    )
}
