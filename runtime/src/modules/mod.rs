//! Native modules, and the Python modules frozen into the binary (`py/`). `register_all`
//! makes them importable (each is built on first import).
pub mod array;
pub mod binascii;
pub mod cmath;
pub mod coroutines;
pub mod gc;
pub mod gc_heap;
pub mod gc_observe;
pub mod hashes;
pub mod imp;
pub mod json;
pub mod json_encoder;
pub mod json_scanner;
pub mod locale;
pub mod lock;
pub mod math;
pub mod memoryview;
pub mod mt19937;
pub mod posix;
pub mod posix_process;
pub mod posixsubprocess;
pub mod pwd_grp;
pub mod random;
pub mod select;
pub mod signal;
pub mod socket_calls;
pub mod sre;
pub mod struct_codec;
pub mod struct_format;
pub mod struct_module;
pub mod sys;
pub mod thread;
pub mod time;
pub mod time_calendar;
pub mod traceback_native;
pub mod unicodedata;
pub mod warnings_native;
pub mod weakref;
pub mod zlib;

use parking_lot::RwLock;
use weft_vm::native::NativeDef;
use weft_vm::objects::builtin_fn::NativeFn;
use weft_vm::objects::function::Property;
use weft_vm::objects::typeobj::{Layout, TypeData};
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

/// Python modules shipped inside the binary: (name, source).
const FROZEN: &[(&str, &str)] = &[
    ("weakref", include_str!("py/weakref.py")),
    ("_weakrefset", include_str!("py/_weakrefset.py")),
    ("threading", include_str!("py/threading.py")),
    ("operator", include_str!("py/operator.py")),
    ("functools", include_str!("py/functools.py")),
    ("itertools", include_str!("py/itertools.py")),
    ("collections", include_str!("py/collections.py")),
    ("heapq", include_str!("py/heapq.py")),
    ("bisect", include_str!("py/bisect.py")),
    ("copy", include_str!("py/copy.py")),
    ("contextlib", include_str!("py/contextlib.py")),
    ("_codecs", include_str!("py/_codecs.py")),
    ("_ast", include_str!("py/_ast.py")),
    ("importlib", include_str!("py/importlib.py")),
    (
        "importlib.machinery",
        include_str!("py/importlib_machinery.py"),
    ),
    ("string", include_str!("py/string.py")),
    ("types", include_str!("py/types.py")),
    ("abc", include_str!("py/abc.py")),
    ("_collections_abc", include_str!("py/_collections_abc.py")),
    ("collections.abc", include_str!("py/collections_abc.py")),
    ("io", include_str!("py/io.py")),
    ("_io", include_str!("py/_io.py")),
    ("marshal", include_str!("py/marshal.py")),
    ("_socket", include_str!("py/_socket.py")),
    ("_csv", include_str!("py/_csv.py")),
    ("os", include_str!("py/os.py")),
    ("posixpath", include_str!("py/posixpath.py")),
    ("_sitebuiltins", include_str!("py/_sitebuiltins.py")),
    ("_struct_time", include_str!("py/_struct_time.py")),
    ("errno", include_str!("py/errno.py")),
    ("linecache", include_str!("py/linecache.py")),
    ("traceback", include_str!("py/traceback.py")),
    ("warnings", include_str!("py/warnings.py")),
    ("_contextvars", include_str!("py/_contextvars.py")),
    ("_codecs", include_str!("py/_codecs.py")),
    ("atexit", include_str!("py/atexit.py")),
    ("contextvars", include_str!("py/contextvars.py")),
    (
        "string.templatelib",
        include_str!("py/string_templatelib.py"),
    ),
    ("_weft_typeparams", include_str!("py/_weft_typeparams.py")),
];

/// The source of frozen module `name` (for `weft -m name`).
pub fn frozen_source(name: &str) -> Option<&'static str> {
    FROZEN.iter().find(|(n, _)| *n == name).map(|&(_, src)| src)
}

/// The native modules: (name, function that builds the module).
const NATIVE: &[(&str, weft_vm::vm::NativeModuleInit)] = &[
    ("sys", sys::init),
    ("gc", gc::init),
    ("_weakref", weakref::init),
    ("_thread", thread::init),
    ("time", time::init),
    ("select", select::init),
    ("array", array::init),
    ("math", math::init),
    ("cmath", cmath::init),
    ("_warnings", warnings_native::init),
    ("posix", posix::init),
    ("_signal", signal::init),
    ("_coroutines", coroutines::init),
    ("_random", random::init),
    ("_md5", hashes::init_md5),
    ("_sha1", hashes::init_sha1),
    ("_sha256", hashes::init_sha256),
    ("_sha512", hashes::init_sha512),
    ("_sha3", hashes::init_sha3),
    ("_blake2", hashes::init_blake2),
    ("_struct", struct_module::init),
    ("binascii", binascii::init),
    ("zlib", zlib::init),
    ("pwd", pwd_grp::init_pwd),
    ("grp", pwd_grp::init_grp),
    ("_sre", sre::init),
    ("_json", json::init),
    ("_imp", imp::init),
    ("_locale", locale::init),
    ("_socket_calls", socket_calls::init),
    ("unicodedata", unicodedata::init),
    ("_posixsubprocess", posixsubprocess::init),
    ("_traceback", traceback_native::init),
];

/// Whether `name` is a native module (Rust, no Python source: `-m` cannot run it), or
/// one the interpreter itself provides.
pub fn is_native(name: &str) -> bool {
    matches!(name, "builtins" | "sys") || NATIVE.iter().any(|(n, _)| *n == name)
}

pub fn register_all(vm: &mut Vm) {
    {
        let mut m = vm.rt.native_modules.lock();
        for &(name, init) in NATIVE {
            m.insert(name.into(), init);
        }
    }
    // `type.__call__`, so that a Python metaclass's __call__ can delegate with super().
    let ty = vm.rt.types.type_;
    vm.add_method(ty, "__call__", |vm, args, kw| vm.type_call(args, kw));
    memoryview::register(vm).expect("start-up: memoryview");
    let mut f = vm.rt.frozen_modules.lock();
    for &(name, src) in FROZEN {
        f.insert(name.into(), src);
    }
}

/// Add native methods to a (native) type's namespace.
pub fn add_methods(vm: &mut Vm, ty: Value, methods: &[(&'static str, NativeFn)]) {
    for &(name, f) in methods {
        vm.add_method(ty, name, f);
    }
}

/// A new module named `name` with the given native functions; returns (module, dict).
pub fn new_native_module(
    vm: &mut Vm,
    name: &'static str,
    funcs: &[NativeDef],
) -> PyResult<(Value, Value)> {
    let m = vm.new_module(name)?;
    weft_vm::root_scope!(vm);
    vm.root(m);
    let d = vm.module_dict(m);
    let r = (|| {
        for def in funcs {
            let func = vm.new_native(def.name, name, def.f)?;
            let key = vm.intern(def.name);
            vm.dict_set(d, key, func)?;
        }
        Ok(())
    })();
    r.map(|_| (m, d))
}

/// A new exception of class `module.attr` (a module's own error class) with `msg`.
pub fn module_exception(vm: &mut Vm, module: &str, attr: &str, msg: &str) -> weft_vm::vm::PyErr {
    let cls = vm
        .import_module(module)
        .and_then(|m| vm.getattr_str(m, attr));
    match cls {
        Ok(t) => vm.with_root(t, |vm| vm.new_exception(t, msg)),
        Err(e) => e,
    }
}

/// The bytes of a bytes-like argument, or CPython's TypeError.
pub fn bytes_like_arg(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    match weft_vm::objects::bytes::buffer_bytes(&v) {
        Some(b) => Ok(b),
        None => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!("a bytes-like object is required, not '{tn}'")))
        }
    }
}

/// `d[name] = v` for a module dict (the key is interned, so no Python code runs).
pub fn set_item(vm: &mut Vm, d: Value, name: &str, v: Value) -> PyResult<()> {
    let key = vm.intern(name);
    vm.dict_set(d, key, v)
}

/// A new built-in type (base `object`) whose instances are native payloads. It lives for
/// the whole run.
pub fn new_native_type(vm: &mut Vm, name: &str, module: &str) -> PyResult {
    new_native_type_with(vm, name, module, false)
}

/// `new_native_type` whose instances accept weak references (as CPython's `_thread.lock`
/// or `re.Pattern`) when `weakrefable`.
pub fn new_native_type_with(vm: &mut Vm, name: &str, module: &str, weakrefable: bool) -> PyResult {
    let dict = vm.new_dict()?;
    weft_vm::root_scope!(vm);
    vm.root(dict);
    let object = vm.rt.types.object;
    let type_ = vm.rt.types.type_;
    let t = vm.alloc(
        type_,
        TypeData {
            name: RwLock::new(name.to_string()),
            qualname: RwLock::new(name.to_string()),
            bases: Box::new([object]),
            mro_tail: Box::new([object]),
            dict,
            layout: Layout::Builtin,
            new: None,
            builtin_base: Value::NULL,
            is_user: false,
            has_del: Default::default(),
            custom_getattribute: Default::default(),
            has_dict: false,
            weakrefable,
            slots: Box::new([]),
            attr_keys: Default::default(),
            version: Default::default(),
            subclasses: Default::default(),
            annotate: Default::default(),
        },
    );
    let t = t?;
    vm.register_new_type(t)?;
    vm.rt.add_perm_root(t);
    let m = vm.new_str(module)?;
    vm.add_attr(t, "__module__", m);
    Ok(t)
}

/// A read-only (fset None) or read-write property whose accessors are natives.
pub fn add_property(
    vm: &mut Vm,
    ty: Value,
    name: &'static str,
    fget: NativeFn,
    fset: Option<NativeFn>,
) -> PyResult<()> {
    let owner: &'static str = "property";
    let g = vm.new_native(name, owner, fget)?;
    weft_vm::root_scope!(vm);
    vm.root(g);
    let s = match fset {
        Some(f) => vm.new_native(name, owner, f),
        None => Ok(Value::NONE),
    };
    let r = s.and_then(|s| {
        weft_vm::root_scope!(vm);
        vm.root(s);
        let pty = vm.rt.types.property;
        vm.alloc(
            pty,
            Property {
                fget: g,
                fset: s,
                fdel: Value::NONE,
                doc: weft_vm::value::AtomicValue::new(Value::NONE),
            },
        )
    });
    let p = r?;
    vm.add_attr(ty, name, p);
    Ok(())
}

/// `0x7f...` as CPython's `%p` prints it.
pub fn addr(v: Value) -> String {
    format!("{:#x}", v.id())
}
