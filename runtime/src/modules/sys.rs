//! The `sys` module.
use super::{add_property, new_native_module, new_native_type, set_item};
use std::io::{BufRead, Read, Write};
use weft_vm::helpers::{arg_count, as_int};
use weft_vm::native;
use weft_vm::native::NativeDef;
use weft_vm::objects::str::StrData;
use weft_vm::value::Value;
use weft_vm::vm::{PyErr, PyResult, Vm};

pub const VERSION: &str = concat!("3.14.0 (weft ", env!("CARGO_PKG_VERSION"), ")");

/// `sys.stdin`/`stdout`/`stderr`: a text stream on a file descriptor.
#[derive(weft_vm::trace::Trace)]
pub struct Stream {
    pub fd: u8,
}
weft_vm::payload!(Stream, "TextIOWrapper");

/// `sys.std*.buffer`: the binary stream under a standard stream (same Rust handles, so
/// text and binary writes keep their order).
#[derive(weft_vm::trace::Trace)]
pub struct StreamBuffer {
    pub fd: u8,
}
weft_vm::payload!(StreamBuffer, "BufferedWriter");

const FUNCS: &[NativeDef] = &[
    sys_exit,
    sys_excepthook,
    getrecursionlimit,
    get_int_max_str_digits,
    NativeDef::raw("set_int_max_str_digits", set_int_max_str_digits),
    setrecursionlimit,
    exc_info,
    _getframe,
    exception,
    intern,
    getsizeof,
    NativeDef::raw("getdefaultencoding", getdefaultencoding),
    NativeDef::raw("getfilesystemencoding", getdefaultencoding),
];

/// `sys.excepthook(type, value, traceback)`: write the exception to `sys.stderr` as an
/// uncaught one (the default hook; `threading` and user code call it). Formatted in
/// Rust, so it works when memory is short (a MemoryError in a thread).
#[native(name = "excepthook", owner = "sys")]
fn sys_excepthook(vm: &mut Vm, exctype: Value, value: Value, traceback: Value) -> PyResult {
    let (_, tb) = (exctype, traceback);
    let text = if value
        .downcast::<weft_vm::objects::exception::ExcData>()
        .is_none()
    {
        let tn = vm.type_name(value);
        format!("TypeError: print_exception(): Exception expected for value, {tn} found\n")
    } else {
        if !tb.is_none() {
            weft_vm::exceptions::set_traceback(vm, value, tb)?;
        }
        weft_vm::exceptions::format_exception(vm, value)
    };
    let modules = vm.rt.modules;
    let err = vm
        .dict_get_str(modules, "sys")
        .and_then(|m| {
            m.downcast::<weft_vm::objects::module::ModuleData>()
                .map(|m| m.dict)
        })
        .and_then(|d| vm.dict_get_str(d, "stderr"));
    match err {
        Some(f) if !f.is_none() => {
            let t = vm.new_str(&text)?;
            vm.with_root(t, |vm| vm.call_method(f, "write", &[t]))?;
        }
        Some(_) => {}
        None => {
            let _ = std::io::stdout().flush();
            let _ = std::io::stderr().write_all(text.as_bytes());
        }
    }
    Ok(Value::NONE)
}

pub fn init(vm: &mut Vm) -> PyResult {
    let (m, d) = new_native_module(vm, "sys", FUNCS)?;
    weft_vm::root_scope!(vm);
    vm.root(m);
    let r = fill(vm, d)
        .and_then(|_| super::coroutines::add_to_sys(vm, d))
        .and_then(|_| vm.exec_in_module(FLAGS, "<sys>", m))
        .and_then(|_| vm.exec_in_module(AUDIT, "<sys>", m));
    r.map(|_| m)
}

/// `sys.audit` and `sys.addaudithook` (and `is_finalizing`: weft runs no Python code
/// once it shuts down): weft raises no audit events of its own; the
/// library's events (`subprocess.Popen`, `open`, ...) reach the hooks Python code adds.
const AUDIT: &str = r#"
def addaudithook(hook):
    _audit_hooks.append(hook)

def audit(event, *args):
    if type(event) is not str:
        raise TypeError("expected str for argument 'event', not %s" % type(event).__name__)
    for hook in _audit_hooks:
        hook(event, args)

_audit_hooks = []

def is_finalizing():
    return False

# weft has no line tracing or profiling hooks; the functions are kept so that code which
# saves and restores them (doctest, coverage tools when absent) runs.
_trace_hooks = {"trace": None, "profile": None}

def settrace(function):
    _trace_hooks["trace"] = function

def gettrace():
    return _trace_hooks["trace"]

def setprofile(function):
    _trace_hooks["profile"] = function

def getprofile():
    return _trace_hooks["profile"]

# weft's threads run in parallel: there is no interpreter lock to hand over, so the
# switch interval is only remembered.
_switch_interval = [0.005]

def setswitchinterval(interval):
    interval = float(interval)
    if interval <= 0:
        raise ValueError("switch interval must be strictly positive")
    _switch_interval[0] = interval

def getswitchinterval():
    return _switch_interval[0]

def unraisablehook(unraisable):
    err = stderr
    if err is None:
        return
    obj = unraisable.object
    if unraisable.err_msg is not None:
        head = unraisable.err_msg
    else:
        head = "Exception ignored in"
    if obj is not None:
        head = "%s: %r" % (head, obj)
    err.write(head + "\n")
    if unraisable.exc_type is not None:
        import traceback
        lines = traceback.format_exception(unraisable.exc_type, unraisable.exc_value,
                                           unraisable.exc_traceback)
        err.write("".join(lines))
    err.flush()

__unraisablehook__ = unraisablehook

class UnraisableHookArgs:
    """What sys.unraisablehook receives."""
    def __init__(self, exc_type, exc_value, exc_traceback, err_msg, object):
        self.exc_type = exc_type
        self.exc_value = exc_value
        self.exc_traceback = exc_traceback
        self.err_msg = err_msg
        self.object = object

def _unraisable_args(exc, err_msg, obj):
    # weft's report of an exception that cannot propagate, for a replaced unraisablehook
    return UnraisableHookArgs(type(exc), exc, exc.__traceback__, err_msg, obj)

def displayhook(value):
    if value is None:
        return
    import builtins
    builtins._ = None
    stdout.write(repr(value) + "\n")
    builtins._ = value

__displayhook__ = displayhook
__excepthook__ = excepthook
"#;

/// `sys.flags`: a named tuple of the command-line flags at CPython 3.14's defaults
/// (weft accepts and ignores the flags that would change them), with gil=0; new threads
/// do not inherit the context and warnings are not context-aware, so those two are 0.
const FLAGS: &str = r#"
class flags(tuple):
    __slots__ = ()
    _fields = ("debug", "inspect", "interactive", "optimize", "dont_write_bytecode",
               "no_user_site", "no_site", "ignore_environment", "verbose", "bytes_warning",
               "quiet", "hash_randomization", "isolated", "dev_mode", "utf8_mode",
               "warn_default_encoding", "safe_path", "int_max_str_digits", "gil",
               "thread_inherit_context", "context_aware_warnings")
    n_fields = n_sequence_fields = len(_fields)
    n_unnamed_fields = 0

    def __repr__(self):
        body = ", ".join("%s=%r" % pair for pair in zip(self._fields, self))
        return "sys.flags(" + body + ")"

    def __reduce__(self):
        return (type(self), (tuple(self),))


def _field(i):
    return property(lambda self: self[i])


for _i, _name in enumerate(flags._fields):
    setattr(flags, _name, _field(_i))
flags.__module__ = "sys"
flags = flags((0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, False, 0, 0, False, 4300, 0, 0, 0))
del _i, _name, _field


class _namespace:
    """sys.implementation's type: attributes with a `namespace(...)` repr."""

    def __init__(self, fields):
        self.__dict__.update(fields)

    def __repr__(self):
        body = ", ".join("%s=%r" % pair for pair in self.__dict__.items())
        return "namespace(" + body + ")"

    def __eq__(self, other):
        if isinstance(other, _namespace):
            return self.__dict__ == other.__dict__
        return NotImplemented


_namespace.__name__ = _namespace.__qualname__ = "SimpleNamespace"
_namespace.__module__ = "types"
implementation = _namespace({k: v for k, v in vars(implementation).items() if k[:2] != "__"})
del _namespace
"#;

/// `sys.float_info` (the IEEE 754 double's limits) and `sys.hash_info`, as named fields
/// (namespace objects, like `sys.implementation`).
fn float_info(vm: &mut Vm, d: Value) -> PyResult<()> {
    let fi = vm.new_module("float_info")?;
    set_item(vm, d, "float_info", fi)?;
    let fd = vm.module_dict(fi);
    let floats = [
        ("max", f64::MAX),
        ("min", f64::MIN_POSITIVE),
        ("epsilon", f64::EPSILON),
    ];
    for (name, x) in floats {
        let v = vm.new_float(x)?;
        set_item(vm, fd, name, v)?;
    }
    let ints = [
        ("max_exp", f64::MAX_EXP as i64),
        ("max_10_exp", f64::MAX_10_EXP as i64),
        ("min_exp", f64::MIN_EXP as i64),
        ("min_10_exp", f64::MIN_10_EXP as i64),
        ("dig", f64::DIGITS as i64),
        ("mant_dig", f64::MANTISSA_DIGITS as i64),
        ("radix", f64::RADIX as i64),
        ("rounds", 1),
    ];
    for (name, i) in ints {
        set_item(vm, fd, name, Value::small_int(i).unwrap())?;
    }
    // `sys.hash_info`: how numbers hash (weft's numeric hash is CPython's, modulo the
    // Mersenne prime 2**61 - 1).
    let hi = vm.new_module("hash_info")?;
    set_item(vm, d, "hash_info", hi)?;
    let hd = vm.module_dict(hi);
    let ints = [
        ("width", 64),
        ("modulus", (1i64 << 61) - 1),
        ("inf", 314159),
        ("nan", 0),
        ("imag", 1000003),
        ("hash_bits", 64),
        ("seed_bits", 128),
        ("cutoff", 0),
    ];
    for (name, i) in ints {
        let v = vm.new_int(i)?;
        set_item(vm, hd, name, v)?;
    }
    let alg = vm.new_str("siphash13")?;
    set_item(vm, hd, "algorithm", alg)?;
    Ok(())
}

fn str_list(vm: &mut Vm, items: &[String]) -> PyResult {
    let list = vm.new_list(Vec::new())?;
    weft_vm::root_scope!(vm);
    vm.root(list);
    (|| {
        for s in items {
            let v = vm.new_str(s)?;
            vm.call_method(list, "append", &[v])?;
        }
        Ok(list)
    })()
}

fn fill(vm: &mut Vm, d: Value) -> PyResult<()> {
    let config = vm.rt.config.clone();
    let argv = str_list(vm, &config.argv)?;
    set_item(vm, d, "argv", argv)?;
    let orig: Vec<String> = std::env::args().collect();
    let orig = str_list(vm, &orig)?;
    set_item(vm, d, "orig_argv", orig)?;
    // The script's folder, WEFTPATH, then CPython's Lib (DESIGN.md, "The standard library").
    let mut entries = vec![config.path0.clone()];
    entries.extend(config.extra_path.iter().cloned());
    entries.extend(config.stdlib.dir().map(String::from));
    let path = str_list(vm, &entries)?;
    set_item(vm, d, "path", path)?;
    let lib = match config.stdlib.dir() {
        Some(dir) => vm.new_str(dir)?,
        None => Value::NONE,
    };
    set_item(vm, d, "_stdlib_dir", lib)?;
    let names = str_list(
        vm,
        &weft_vm::stdlib_names::STDLIB_MODULE_NAMES
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>(),
    )?;
    weft_vm::root_scope!(vm);
    vm.root(names);
    let fs = vm.rt.types.frozenset;
    let names = vm.call(fs, &[names], &[]);
    set_item(vm, d, "stdlib_module_names", names?)?;
    let wo = str_list(vm, &config.warnoptions)?;
    set_item(vm, d, "warnoptions", wo)?;
    let xo = vm.new_dict()?;
    set_item(vm, d, "_xoptions", xo)?;
    for (k, v) in &config.xoptions {
        let key = vm.new_str(k)?;
        weft_vm::root_scope!(vm);
        vm.root(key);
        let val = match v {
            Some(v) => vm.new_str(v),
            None => Ok(Value::TRUE),
        };
        let r = val.and_then(|val| vm.dict_set(xo, key, val));
        r?;
    }
    let modules = vm.rt.modules;
    set_item(vm, d, "modules", modules)?;
    for (name, s) in [
        ("version", VERSION),
        ("platform", "linux"),
        ("platlibdir", "lib"),
        ("abiflags", ""),
        (
            "byteorder",
            if cfg!(target_endian = "little") {
                "little"
            } else {
                "big"
            },
        ),
        ("copyright", "Copyright (c) the weft authors."),
        ("float_repr_style", "short"),
        ("api_version_str", "weft"),
    ] {
        let v = vm.new_str(s)?;
        set_item(vm, d, name, v)?;
    }
    let exe = std::env::current_exe()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    for name in ["executable", "_base_executable"] {
        let v = vm.new_str(&exe)?;
        set_item(vm, d, name, v)?;
    }
    for name in ["prefix", "exec_prefix", "base_prefix", "base_exec_prefix"] {
        let v = vm.new_str("/usr/local")?;
        set_item(vm, d, name, v)?;
    }
    // 2**63-1 is past the small-int range: new_int makes a big int.
    let maxsize = vm.new_int(i64::MAX)?;
    set_item(vm, d, "maxsize", maxsize)?;
    set_item(vm, d, "maxunicode", Value::small_int(0x10ffff).unwrap())?;
    set_item(vm, d, "hexversion", Value::small_int(0x030e00f0).unwrap())?;
    set_item(vm, d, "dont_write_bytecode", Value::TRUE)?;
    let fin = vm.new_str("final")?;
    weft_vm::root_scope!(vm);
    vm.root(fin);
    let vi = [3, 14, 0].map(|i| Value::small_int(i).unwrap());
    let vinfo = vm.new_tuple(vec![vi[0], vi[1], vi[2], fin, Value::small_int(0).unwrap()]);
    let vinfo = vinfo?;
    set_item(vm, d, "version_info", vinfo)?;
    // sys.implementation: a small namespace (a module object) with name/cache_tag/version.
    let imp = vm.new_module("implementation")?;
    set_item(vm, d, "implementation", imp)?;
    let idict = vm.module_dict(imp);
    let name = vm.new_str("weft")?;
    set_item(vm, idict, "name", name)?;
    set_item(vm, idict, "cache_tag", Value::NONE)?;
    // The platform triple CPython's sysconfig names its build data after.
    let triple = vm.new_str(&format!("{}-linux-gnu", std::env::consts::ARCH))?;
    set_item(vm, idict, "_multiarch", triple)?;
    set_item(vm, idict, "version", vinfo)?;
    set_item(
        vm,
        idict,
        "hexversion",
        Value::small_int(0x000100f0).unwrap(),
    )?;
    float_info(vm, d)?;
    // The standard streams.
    let ty = new_native_type(vm, "TextIOWrapper", "_io")?;
    vm.add_method(ty, "write", stream_write);
    vm.add_method(ty, "flush", stream_flush);
    vm.add_method(ty, "readline", stream_readline);
    vm.add_method(ty, "read", stream_read);
    vm.add_method(ty, "fileno", stream_fileno);
    vm.add_method(ty, "isatty", stream_isatty);
    vm.add_method(ty, "readable", stream_readable);
    vm.add_method(ty, "writable", stream_writable);
    vm.add_method(ty, "__repr__", stream_repr);
    // `with sys.stdin as f:` (json.tool, argparse.FileType('-')); leaving the block keeps
    // the standard stream open.
    vm.add_method(ty, "__enter__", |_, args, _| Ok(args[0]));
    // `for line in sys.stdin` (json.tool --json-lines, fileinput).
    vm.add_method(ty, "__iter__", |_, args, _| Ok(args[0]));
    vm.add_method(ty, "__next__", stream_next);
    vm.add_method(ty, "readlines", stream_readlines);
    vm.add_method(ty, "__exit__", |_, _, _| Ok(Value::NONE));
    add_property(vm, ty, "name", stream_name, None)?;
    let enc = vm.new_str("utf-8")?;
    vm.add_attr(ty, "encoding", enc);
    let errors = vm.new_str("strict")?;
    vm.add_attr(ty, "errors", errors);
    add_property(vm, ty, "buffer", stream_buffer, None)?;
    for (fd, names) in [
        (0u8, ["stdin", "__stdin__"]),
        (1, ["stdout", "__stdout__"]),
        (2, ["stderr", "__stderr__"]),
    ] {
        let s = vm.alloc(ty, Stream { fd })?;
        for n in names {
            set_item(vm, d, n, s)?;
        }
    }
    // Their binary buffers, kept in sys._std_buffers for the `buffer` property.
    let mut bufs = Vec::new();
    // Under PYTHONUNBUFFERED (-u) CPython's stdout and stderr buffers are the raw
    // `FileIO` objects themselves.
    let unbuffered = std::env::var_os("PYTHONUNBUFFERED").is_some_and(|v| !v.is_empty());
    let writer = if unbuffered {
        "FileIO"
    } else {
        "BufferedWriter"
    };
    weft_vm::root_scope!(vm);
    for (fd, tname) in [(0u8, "BufferedReader"), (1, writer), (2, writer)] {
        let bt = new_native_type(vm, tname, "_io")?;
        vm.add_method(bt, "__repr__", buffer_repr);
        vm.add_method(bt, "write", buffer_write);
        vm.add_method(bt, "flush", stream_flush);
        vm.add_method(bt, "read", buffer_read);
        vm.add_method(bt, "readline", buffer_readline);
        vm.add_method(bt, "fileno", stream_fileno);
        vm.add_method(bt, "isatty", stream_isatty);
        vm.add_method(bt, "readable", stream_readable);
        vm.add_method(bt, "writable", stream_writable);
        let b = vm.alloc(bt, StreamBuffer { fd })?;
        vm.root(b);
        bufs.push(b);
    }
    let t = vm.new_tuple(bufs);
    set_item(vm, d, "_std_buffers", t?)?;
    Ok(())
}

fn stream_buffer(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let fd = stream(vm, args, "buffer")?;
    let sys = vm.import_module("sys")?;
    let t = vm.getattr_str(sys, "_std_buffers")?;
    let ix = vm.new_int(fd as i64)?;
    vm.getitem(t, ix)
}

/// `<_io.BufferedWriter name='<stdout>'>` and the like, as CPython shows them.
fn buffer_repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let fd = buffer_fd(vm, args, "__repr__")?;
    let name = ["<stdin>", "<stdout>", "<stderr>"][fd.min(2) as usize];
    let tn = vm.type_name(args[0]);
    let s = if tn == "FileIO" {
        let mode = if fd == 0 { "rb" } else { "wb" };
        format!("<_io.FileIO name='{name}' mode='{mode}' closefd=False>")
    } else {
        format!("<_io.{tn} name='{name}'>")
    };
    vm.new_str(&s)
}

fn buffer_fd(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<u8> {
    match args.first().and_then(|v| v.downcast::<StreamBuffer>()) {
        Some(s) => Ok(s.fd),
        None => Err(vm.type_error(format!(
            "descriptor '{name}' requires a '_io.BufferedWriter' object"
        ))),
    }
}

fn buffer_write(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let fd = buffer_fd(vm, args, "write")?;
    arg_count(vm, "write", &args[1..], 1, 1)?;
    let Some(b) = weft_vm::objects::bytes::buffer_bytes(&args[1]) else {
        let t = vm.type_name(args[1]);
        return Err(vm.type_error(format!("a bytes-like object is required, not '{t}'")));
    };
    // A pipe may block: detached.
    let ok = vm.detached(|| match fd {
        1 => Some(std::io::stdout().lock().write_all(&b)),
        2 => {
            let _ = std::io::stdout().flush();
            Some(std::io::stderr().lock().write_all(&b))
        }
        _ => None,
    });
    if ok.is_none() {
        return Err(unsupported(vm, "write"));
    }
    vm.new_int(b.len() as i64)
}

fn buffer_read(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    if buffer_fd(vm, args, "read")? != 0 {
        return Err(unsupported(vm, "read"));
    }
    let n = args.get(1).and_then(|&v| as_int(v)).unwrap_or(-1);
    let _ = std::io::stdout().flush();
    let b = vm.detached(|| {
        let mut b = Vec::new();
        let stdin = std::io::stdin();
        let mut l = stdin.lock();
        let _ = if n < 0 {
            l.read_to_end(&mut b)
        } else {
            (&mut l).take(n as u64).read_to_end(&mut b)
        };
        b
    });
    vm.new_bytes(b)
}

fn buffer_readline(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    if buffer_fd(vm, args, "readline")? != 0 {
        return Err(unsupported(vm, "readline"));
    }
    let _ = std::io::stdout().flush();
    let b = vm.detached(|| {
        let mut b = Vec::new();
        let _ = std::io::stdin().lock().read_until(b'\n', &mut b);
        b
    });
    vm.new_bytes(b)
}

/// sys.exit(status=None, /): raise SystemExit(status).
#[native(name = "exit", owner = "sys", style = positional)]
fn sys_exit(vm: &mut Vm, status: Option<Value>) -> PyResult {
    let cls = vm.rt.types.exc.system_exit;
    let args: &[Value] = match &status {
        Some(v) => std::slice::from_ref(v),
        None => &[],
    };
    let exc = vm.call(cls, args, &[])?;
    Err(PyErr(exc))
}

#[native(name = "get_int_max_str_digits")]
fn get_int_max_str_digits(vm: &mut Vm) -> PyResult {
    let n = weft_vm::objects::int::MAX_STR_DIGITS.load(std::sync::atomic::Ordering::Relaxed);
    vm.new_int(n as i64)
}

/// `sys.set_int_max_str_digits(maxdigits)`: 0 (no limit) or at least 640.
fn set_int_max_str_digits(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let given = match (args, kw) {
        ([v], []) => *v,
        ([], [(k, v)]) if weft_vm::helpers::as_str(k) == Some("maxdigits") => *v,
        _ => {
            return Err(vm.type_error(
                "set_int_max_str_digits() missing required argument 'maxdigits' (pos 1)",
            ));
        }
    };
    let Some(n) = as_int(given) else {
        let t = vm.type_name(given);
        return Err(vm.type_error(format!("'{t}' object cannot be interpreted as an integer")));
    };
    let min = weft_vm::objects::int::MIN_MAX_STR_DIGITS as i64;
    if n != 0 && n < min {
        return Err(vm.value_error(format!("maxdigits must be 0 or larger than {min}")));
    }
    weft_vm::objects::int::MAX_STR_DIGITS.store(n as usize, std::sync::atomic::Ordering::Relaxed);
    Ok(Value::NONE)
}

#[native(name = "getrecursionlimit")]
fn getrecursionlimit(vm: &mut Vm) -> PyResult {
    vm.new_int(vm.recursion_limit as i64)
}

#[native(name = "setrecursionlimit")]
fn setrecursionlimit(vm: &mut Vm, limit_arg: Value) -> PyResult {
    let Some(n) = as_int(limit_arg) else {
        let t = vm.type_name(limit_arg);
        return Err(vm.type_error(format!("'{t}' object cannot be interpreted as an integer")));
    };
    if n < 1 {
        return Err(vm.value_error("recursion limit must be greater or equal than 1"));
    }
    let n = n.min(i32::MAX as i64) as u32;
    if n <= vm.depth {
        let cls = vm.rt.types.exc.recursion_error;
        let msg = format!(
            "cannot set the recursion limit to {n} at the recursion depth {}: the limit is too low",
            vm.depth
        );
        return Err(vm.new_exception(cls, &msg));
    }
    vm.recursion_limit = n;
    Ok(Value::NONE)
}

fn handled(vm: &Vm) -> Value {
    let h = vm.roots.handled;
    if h.is_null() { Value::NONE } else { h }
}

#[native(name = "exc_info")]
fn exc_info(vm: &mut Vm) -> PyResult {
    let e = handled(vm);
    if e.is_none() {
        return vm.new_tuple(vec![Value::NONE; 3]);
    }
    let t = vm.type_of(e);
    let tb = vm.getattr_str(e, "__traceback__").unwrap_or(Value::NONE);
    vm.with_root(tb, |vm| vm.new_tuple(vec![t, e, tb]))
}

/// `sys._getframe(depth=0)`: the frame object of the caller, or `depth` calls above it.
#[weft_vm::native(owner = "sys")]
fn _getframe(vm: &mut Vm, depth: Option<i64>) -> PyResult {
    let depth = depth.unwrap_or(0);
    match usize::try_from(depth).ok().map(|d| vm.frame_at_depth(d)) {
        Some(Ok(Some(f))) => Ok(f),
        Some(Err(e)) => Err(e),
        _ => Err(vm.value_error("call stack is not deep enough")),
    }
}

#[native(name = "exception")]
fn exception(vm: &mut Vm) -> PyResult {
    Ok(handled(vm))
}

#[native(name = "intern")]
fn intern(vm: &mut Vm, string: Value) -> PyResult {
    match string.downcast::<StrData>() {
        Some(s) => {
            let s = s.as_str().to_string();
            Ok(vm.intern(&s))
        }
        None => {
            let t = vm.type_name(string);
            Err(vm.type_error(format!("intern() argument must be str, not {t}")))
        }
    }
}

/// `sys.getsizeof(obj[, default])`: the bytes weft holds for the object: its heap
/// blocks (a str's text included) plus its Rust-owned buffer (items of a list, tuple or
/// dict, bytes); 8 for values that live in the tagged word (small ints, None, bools).
#[native(name = "getsizeof")]
fn getsizeof(vm: &mut Vm, object: Value, _default: Option<Value>) -> PyResult {
    let v = object;
    let Some(p) = v.as_gc() else {
        return vm.new_int(8);
    };
    let mut size = p.blocks() as i64 * weft_gc::BLOCK_SIZE as i64;
    // A str's text is inside its blocks.
    if let Some(b) = v.downcast::<weft_vm::objects::bytes::BytesData>() {
        size += b.0.len() as i64;
    } else if let Some(t) = v.downcast::<weft_vm::objects::tuple::TupleData>() {
        size += 8 * t.0.len() as i64;
    } else if v.is::<weft_vm::objects::list::ListData>()
        || v.is::<weft_vm::objects::dict::DictData>()
    {
        size += 24 * vm.len(v)? as i64;
    }
    vm.new_int(size)
}

fn getdefaultencoding(vm: &mut Vm, _args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    vm.new_str("utf-8")
}

// ---------------------------------------------------------------- streams

fn stream(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<u8> {
    let first = args.first();
    match first.and_then(|v| v.downcast::<Stream>()) {
        Some(s) => Ok(s.fd),
        None if let Some(b) = first.and_then(|v| v.downcast::<StreamBuffer>()) => Ok(b.fd),
        None => Err(vm.type_error(format!(
            "descriptor '{name}' requires a '_io.TextIOWrapper' object"
        ))),
    }
}

fn unsupported(vm: &mut Vm, what: &str) -> PyErr {
    let cls = vm.rt.types.exc.os_error;
    vm.new_exception(cls, what)
}

fn stream_write(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let fd = stream(vm, args, "write")?;
    arg_count(vm, "write", &args[1..], 1, 1)?;
    let Some(s) = args[1].downcast::<StrData>() else {
        let t = vm.type_name(args[1]);
        return Err(vm.type_error(format!("write() argument must be str, not {t}")));
    };
    let n = s.chars();
    if s.has_surrogates() {
        // stdout encodes UTF-8 strictly, stderr with backslashreplace (as CPython).
        let errors = if fd == 2 {
            "backslashreplace"
        } else {
            "strict"
        };
        let b = weft_vm::objects::str::surrogates::encode(vm, args[1], s, "utf-8", errors);
        let b = b.expect("utf-8 is native")?;
        let r = match fd {
            1 => std::io::stdout().lock().write_all(&b),
            2 => {
                let _ = std::io::stdout().flush();
                std::io::stderr().lock().write_all(&b)
            }
            _ => return Err(unsupported(vm, "not writable")),
        };
        if let Err(e) = r
            && let Some(errno) = e.raw_os_error()
        {
            return Err(super::posix::os_err(vm, errno, None));
        }
        return vm.new_int(n as i64);
    }
    let r = match fd {
        1 => std::io::stdout().lock().write_all(s.as_str().as_bytes()),
        2 => {
            let _ = std::io::stdout().flush();
            std::io::stderr().lock().write_all(s.as_str().as_bytes())
        }
        _ => return Err(unsupported(vm, "not writable")),
    };
    // A closed pipe or a full disk is the program's to see (BrokenPipeError, ...).
    if let Err(e) = r
        && let Some(errno) = e.raw_os_error()
    {
        return Err(super::posix::os_err(vm, errno, None));
    }
    vm.new_int(n as i64)
}

fn stream_flush(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let r = match stream(vm, args, "flush")? {
        1 => std::io::stdout().flush(),
        2 => std::io::stderr().flush(),
        _ => Ok(()),
    };
    if let Err(e) = r
        && let Some(errno) = e.raw_os_error()
    {
        return Err(super::posix::os_err(vm, errno, None));
    }
    Ok(Value::NONE)
}

fn stream_readline(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    if stream(vm, args, "readline")? != 0 {
        return Err(unsupported(vm, "not readable"));
    }
    let _ = std::io::stdout().flush();
    // A blocking read: detached, so collections need not wait for input.
    let line = vm.detached(|| {
        let mut line = String::new();
        let _ = std::io::stdin().lock().read_line(&mut line);
        line
    });
    vm.new_str(&line)
}

/// The next line, StopIteration at the end of input.
fn stream_next(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let line = stream_readline(vm, args, kw)?;
    if weft_vm::helpers::as_str(&line).is_some_and(|s| s.is_empty()) {
        return Err(vm.stop_iteration());
    }
    Ok(line)
}

/// Every line left, as a list.
fn stream_readlines(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let mut s = vm.scope();
    let mut lines = Vec::new();
    loop {
        let line = stream_readline(&mut s, args, kw)?;
        if weft_vm::helpers::as_str(&line).is_some_and(|t| t.is_empty()) {
            break;
        }
        s.root(line);
        lines.push(line);
    }
    s.new_list(lines)
}

fn stream_read(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    if stream(vm, args, "read")? != 0 {
        return Err(unsupported(vm, "not readable"));
    }
    let b = vm.detached(|| {
        let mut b = Vec::new();
        let _ = std::io::stdin().lock().read_to_end(&mut b);
        b
    });
    vm.new_str(&String::from_utf8_lossy(&b))
}

fn stream_fileno(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let fd = stream(vm, args, "fileno")?;
    Ok(Value::small_int(fd as i64).unwrap())
}

fn stream_isatty(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    use std::io::IsTerminal;
    let b = match stream(vm, args, "isatty")? {
        0 => std::io::stdin().is_terminal(),
        1 => std::io::stdout().is_terminal(),
        _ => std::io::stderr().is_terminal(),
    };
    Ok(Value::bool(b))
}

fn stream_readable(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    Ok(Value::bool(stream(vm, args, "readable")? == 0))
}

fn stream_writable(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    Ok(Value::bool(stream(vm, args, "writable")? != 0))
}

fn stream_name_of(fd: u8) -> &'static str {
    ["<stdin>", "<stdout>", "<stderr>"][fd as usize]
}

fn stream_name(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let fd = stream(vm, args, "name")?;
    vm.new_str(stream_name_of(fd))
}

fn stream_repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let fd = stream(vm, args, "__repr__")?;
    let mode = if fd == 0 { "r" } else { "w" };
    vm.new_str(&format!(
        "<_io.TextIOWrapper name='{}' mode='{mode}' encoding='utf-8'>",
        stream_name_of(fd)
    ))
}
