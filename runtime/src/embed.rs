//! Running Python inside a Rust program.
//!
//! [`Interpreter`] is the one entry point: create it with an [`InterpreterConfig`], run
//! source text or a file in its `__main__` module, evaluate expressions, call Python
//! functions, and move values across with [`ToPy`] and [`FromPy`]. Every Python value it
//! hands out is an [`Object`], which keeps the value alive (a root of the collector)
//! until it is dropped: there is no manual rooting. A Python exception comes back as a
//! [`PyError`] carrying the exception's type name, its message and the traceback
//! formatted as the `weft` command prints it.
//!
//! ```
//! use weft_runtime::embed::{Interpreter, InterpreterConfig};
//!
//! let mut py = Interpreter::new(InterpreterConfig::default()).expect("interpreter");
//! py.run("def area(w, h):\n    return w * h\n").expect("define");
//!
//! // Call a Python function with Rust values, and read the result back.
//! let area = py.global("area").expect("area is defined");
//! let args = [py.to_py(6).unwrap(), py.to_py(7).unwrap()];
//! let result = py.call(&area, &args).expect("call");
//! assert_eq!(py.extract::<i64>(&result).unwrap(), 42);
//!
//! // Expressions, containers, strings.
//! let words: Vec<String> = py.eval_as("'a b c'.split()").unwrap();
//! assert_eq!(words, ["a", "b", "c"]);
//!
//! // A Python exception is a Rust error with its traceback.
//! let err = py.run("1 / 0").unwrap_err();
//! assert_eq!(err.type_name, "ZeroDivisionError");
//! assert_eq!(err.to_string(), "ZeroDivisionError: division by zero");
//! assert!(err.traceback.starts_with("Traceback (most recent call last):"));
//! ```
//!
//! # Threads and stacks
//!
//! An `Interpreter` belongs to the thread that made it (it is neither `Send` nor
//! `Sync`), and one may exist per process at a time (the runtime keeps process-wide
//! state, as CPython's main interpreter does). Python threads the code starts run on
//! their own. Python recursion is limited by `sys.getrecursionlimit()` and by the
//! native stack left on the creating thread: when the stack is nearly used up, calls
//! raise `RecursionError` instead of overflowing it, so an ordinary 8 MiB thread is
//! enough.
use crate::stdlib_path;
use std::marker::PhantomData;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use weft_vm::value::Value;
use weft_vm::vm::{Config, PyErr, PyResult, Runtime, Vm};

/// How to set up an [`Interpreter`].
#[derive(Clone, Debug, Default)]
pub struct InterpreterConfig {
    /// `sys.argv` (empty: `['']`, as CPython gives an embedded interpreter).
    pub argv: Vec<String>,
    /// Folders put first on `sys.path`.
    pub path: Vec<String>,
    /// CPython's `Lib` folder for the pure-Python standard library: None finds it as
    /// the `weft` command does; `Some("none")` runs without it.
    pub stdlib: Option<String>,
    /// Heap limit in bytes (default: the command's).
    pub heap_limit: Option<usize>,
    /// Collector marker threads (default: one per core).
    pub gc_threads: Option<usize>,
}

/// Set while an Interpreter exists (one per process).
static ALIVE: AtomicBool = AtomicBool::new(false);

/// A Python interpreter running on the current thread. See the [module](self) docs.
pub struct Interpreter {
    vm: Vm,
    /// `sys.modules['__main__']`, held for the interpreter's life.
    main: Object,
    /// Bound to its thread.
    _not_send: PhantomData<*const ()>,
}

/// A Python object, kept alive while this handle exists.
pub struct Object {
    value: Value,
    handle: u64,
    rt: Arc<Runtime>,
}

impl Object {
    fn new(rt: &Arc<Runtime>, value: Value) -> Object {
        Object {
            value,
            handle: rt.hold(value),
            rt: rt.clone(),
        }
    }

    /// Whether this is Python's `None`.
    pub fn is_none(&self) -> bool {
        self.value.is_none()
    }
}

impl Clone for Object {
    fn clone(&self) -> Object {
        Object::new(&self.rt, self.value)
    }
}

impl Drop for Object {
    fn drop(&mut self) {
        self.rt.take_handle(self.handle);
    }
}

impl std::fmt::Debug for Object {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Object({:#x})", self.value.raw())
    }
}

/// A Python exception (or a failure to start), as a Rust error.
#[derive(Debug)]
pub struct PyError {
    /// The exception class's name: `"ValueError"`.
    pub type_name: String,
    /// `str()` of the exception.
    pub message: String,
    /// The whole report as the `weft` command prints it: `Traceback (most recent call
    /// last):`, the frames, chained exceptions, and the last line.
    pub traceback: String,
    /// The exception object (None when the interpreter could not start).
    pub exception: Option<Object>,
}

impl std::fmt::Display for PyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.message.is_empty() {
            write!(f, "{}", self.type_name)
        } else {
            write!(f, "{}: {}", self.type_name, self.message)
        }
    }
}

impl std::error::Error for PyError {}

/// A Rust value that becomes a Python object.
pub trait ToPy {
    /// Build the Python value (the caller roots it).
    fn to_value(&self, vm: &mut Vm) -> PyResult<Value>;
}

/// A Rust value read from a Python object.
pub trait FromPy: Sized {
    /// Read `v` (rooted by the caller); TypeError when it has the wrong type.
    fn from_value(vm: &mut Vm, v: Value) -> PyResult<Self>;
}

impl Interpreter {
    /// Start an interpreter on this thread. Fails if another one exists in the process.
    pub fn new(config: InterpreterConfig) -> Result<Interpreter, PyError> {
        if ALIVE.swap(true, Ordering::AcqRel) {
            return Err(PyError {
                type_name: "RuntimeError".into(),
                message: "another weft interpreter exists in this process".into(),
                traceback: String::new(),
                exception: None,
            });
        }
        let mut c = Config {
            argv: if config.argv.is_empty() {
                vec![String::new()]
            } else {
                config.argv.clone()
            },
            path0: String::new(),
            stdlib: stdlib_path::find(config.stdlib.as_deref()),
            extra_path: config.path.clone(),
            ..Config::default()
        };
        if let Some(n) = config.heap_limit {
            c.heap.limit_bytes = n;
        }
        c.heap.marker_threads = config
            .gc_threads
            .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
        let mut vm = Runtime::start(c);
        if let Some(room) = stack_room() {
            vm.set_stack_size(room);
        }
        crate::modules::thread::set_main_ident();
        crate::modules::register_all(&mut vm);
        let _ = crate::modules::gc_observe::install(&mut vm, None);
        let main = match start_main(&mut vm) {
            Ok(m) => Object::new(&vm.rt, m),
            Err(e) => {
                let err = to_error(&mut vm, e);
                ALIVE.store(false, Ordering::Release);
                return Err(err);
            }
        };
        Ok(Interpreter {
            vm,
            main,
            _not_send: PhantomData,
        })
    }

    /// Run statements in `__main__` (as `weft -c`), reported under the name `<string>`.
    pub fn run(&mut self, source: &str) -> Result<(), PyError> {
        self.exec(source, "<string>")
    }

    /// Run a file's source in `__main__`.
    pub fn run_file(&mut self, path: impl AsRef<std::path::Path>) -> Result<(), PyError> {
        let path = path.as_ref();
        let src = match std::fs::read(path) {
            Ok(b) => String::from_utf8_lossy(&b).into_owned(),
            Err(e) => {
                let vm = &mut self.vm;
                let errno = e.raw_os_error().unwrap_or(libc::EIO);
                let err = match vm.new_str(&path.to_string_lossy()) {
                    Ok(name) => crate::modules::posix::os_err(vm, errno, Some(name)),
                    Err(e) => e,
                };
                return Err(to_error(vm, err));
            }
        };
        self.exec(&src, &path.to_string_lossy())
    }

    fn exec(&mut self, source: &str, filename: &str) -> Result<(), PyError> {
        let main = self.main.value;
        let r = self.vm.exec_main(source, filename, main);
        self.result(r).map(|_| ())
    }

    /// Evaluate an expression with `__main__`'s globals.
    pub fn eval(&mut self, expr: &str) -> Result<Object, PyError> {
        let main = self.main.value;
        let r = eval_in(&mut self.vm, expr, main);
        self.result(r)
    }

    /// Evaluate an expression and convert its value.
    pub fn eval_as<T: FromPy>(&mut self, expr: &str) -> Result<T, PyError> {
        let o = self.eval(expr)?;
        self.extract(&o)
    }

    /// A global of `__main__`, if defined.
    pub fn global(&mut self, name: &str) -> Option<Object> {
        let d = self.vm.module_dict(self.main.value);
        let v = self.vm.dict_get_str(d, name)?;
        Some(Object::new(&self.vm.rt, v))
    }

    /// Set a global of `__main__`.
    pub fn set_global(&mut self, name: &str, value: impl ToPy) -> Result<(), PyError> {
        let v = self.to_py(value)?;
        let vm = &mut self.vm;
        let d = vm.module_dict(self.main.value);
        let key = vm.intern(name);
        let r = vm.dict_set(d, key, v.value);
        self.result(r.map(|_| Value::NONE)).map(|_| ())
    }

    /// `f(*args)`.
    pub fn call(&mut self, f: &Object, args: &[Object]) -> Result<Object, PyError> {
        let args: Vec<Value> = args.iter().map(|a| a.value).collect();
        let r = self.vm.call(f.value, &args, &[]);
        self.result(r)
    }

    /// `getattr(obj, name)`.
    pub fn getattr(&mut self, obj: &Object, name: &str) -> Result<Object, PyError> {
        let r = self.vm.getattr_str(obj.value, name);
        self.result(r)
    }

    /// `import name` (dotted names give the leaf module).
    pub fn import(&mut self, name: &str) -> Result<Object, PyError> {
        let r = self.vm.import_module(name);
        self.result(r)
    }

    /// `repr(obj)`.
    pub fn repr(&mut self, obj: &Object) -> Result<String, PyError> {
        match self.vm.repr(obj.value) {
            Ok(s) => Ok(s),
            Err(e) => Err(to_error(&mut self.vm, e)),
        }
    }

    /// A Rust value as a Python object.
    pub fn to_py(&mut self, value: impl ToPy) -> Result<Object, PyError> {
        let r = value.to_value(&mut self.vm);
        self.result(r)
    }

    /// A Python object as a Rust value (TypeError as a [`PyError`] on a mismatch).
    pub fn extract<T: FromPy>(&mut self, obj: &Object) -> Result<T, PyError> {
        match T::from_value(&mut self.vm, obj.value) {
            Ok(v) => Ok(v),
            Err(e) => Err(to_error(&mut self.vm, e)),
        }
    }

    /// Wrap a result: a value becomes an [`Object`], an exception a [`PyError`].
    fn result(&mut self, r: PyResult<Value>) -> Result<Object, PyError> {
        match r {
            Ok(v) => Ok(Object::new(&self.vm.rt, v)),
            Err(e) => Err(to_error(&mut self.vm, e)),
        }
    }
}

impl Drop for Interpreter {
    /// Wait for the program's non-daemon threads and run its `atexit` callbacks, as at
    /// the end of a `weft` run; then leave the runtime.
    fn drop(&mut self) {
        if let Err(e) = crate::wait_for_threads(&mut self.vm) {
            self.vm.print_exception(e);
        }
        crate::run_atexit(&mut self.vm);
        crate::modules::weakref::run_atexit_finalizers(&mut self.vm);
        ALIVE.store(false, Ordering::Release);
    }
}

/// A fresh `__main__` module in `sys.modules`, with `exit`, `quit`, `help`, ...
fn start_main(vm: &mut Vm) -> PyResult<Value> {
    vm.import_module("_sitebuiltins")?;
    let m = vm.new_module("__main__")?;
    weft_vm::root_scope!(vm);
    vm.root(m);
    let key = vm.intern("__main__");
    let modules = vm.rt.modules;
    vm.dict_set(modules, key, m).map(|_| m)
}

fn eval_in(vm: &mut Vm, expr: &str, main: Value) -> PyResult<Value> {
    use weft_vm::compiler::Mode;
    let code = match vm.compile_source(expr, "<string>", Mode::Eval) {
        Ok(c) => c,
        Err(e) => return Err(weft_vm::exceptions::syntax_error(vm, &e)),
    };
    let code = weft_vm::load::load_code(vm, &code)?;
    weft_vm::root_scope!(vm);
    vm.root(code);
    let d = vm.module_dict(main);
    let frame = weft_vm::frame::Frame::new_with_namespace(vm, code, d, d);
    vm.run_frame(frame)
}

/// The PyError for exception `e`: type name, message and formatted traceback.
fn to_error(vm: &mut Vm, e: PyErr) -> PyError {
    weft_vm::root_scope!(vm);
    vm.root(e.0);
    let ty = vm.type_of(e.0);
    let type_name = vm
        .getattr_str(ty, "__name__")
        .ok()
        .and_then(|n| weft_vm::helpers::as_str(&n).map(String::from))
        .unwrap_or_else(|| vm.type_name(e.0));
    let message = vm.str_of(e.0).unwrap_or_default();
    let traceback = weft_vm::exceptions::format_exception(vm, e.0);
    let exception = Some(Object::new(&vm.rt, e.0));
    PyError {
        type_name,
        message,
        traceback,
        exception,
    }
}

/// Bytes of native stack left below the current frame of this thread.
fn stack_room() -> Option<usize> {
    // SAFETY: `attr` is filled by pthread_getattr_np before it is read and destroyed
    // once; the out-pointers are live locals.
    unsafe {
        let mut attr: libc::pthread_attr_t = std::mem::zeroed();
        if libc::pthread_getattr_np(libc::pthread_self(), &mut attr) != 0 {
            return None;
        }
        let mut low: *mut libc::c_void = std::ptr::null_mut();
        let mut size: libc::size_t = 0;
        let r = libc::pthread_attr_getstack(&attr, &mut low, &mut size);
        libc::pthread_attr_destroy(&mut attr);
        if r != 0 || size == 0 {
            return None;
        }
        Some(weft_vm::vm::approx_stack_pointer().saturating_sub(low as usize))
    }
}

// ------------------------------------------------------------------ conversions

impl<T: ToPy + ?Sized> ToPy for &T {
    fn to_value(&self, vm: &mut Vm) -> PyResult<Value> {
        (**self).to_value(vm)
    }
}

impl ToPy for Object {
    fn to_value(&self, _vm: &mut Vm) -> PyResult<Value> {
        Ok(self.value)
    }
}

impl ToPy for () {
    fn to_value(&self, _vm: &mut Vm) -> PyResult<Value> {
        Ok(Value::NONE)
    }
}

impl ToPy for bool {
    fn to_value(&self, _vm: &mut Vm) -> PyResult<Value> {
        Ok(Value::bool(*self))
    }
}

macro_rules! int_to_py {
    ($($t:ty),*) => {$(
        impl ToPy for $t {
            fn to_value(&self, vm: &mut Vm) -> PyResult<Value> {
                vm.new_bigint(num_bigint::BigInt::from(*self))
            }
        }
    )*};
}
int_to_py!(
    i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize
);

impl ToPy for f64 {
    fn to_value(&self, vm: &mut Vm) -> PyResult<Value> {
        vm.new_float(*self)
    }
}

impl ToPy for str {
    fn to_value(&self, vm: &mut Vm) -> PyResult<Value> {
        vm.new_str(self)
    }
}

impl ToPy for String {
    fn to_value(&self, vm: &mut Vm) -> PyResult<Value> {
        vm.new_str(self)
    }
}

impl<T: ToPy> ToPy for Option<T> {
    fn to_value(&self, vm: &mut Vm) -> PyResult<Value> {
        match self {
            Some(v) => v.to_value(vm),
            None => Ok(Value::NONE),
        }
    }
}

impl<T: ToPy> ToPy for [T] {
    /// A list.
    fn to_value(&self, vm: &mut Vm) -> PyResult<Value> {
        let list = vm.new_list(Vec::with_capacity(self.len()))?;
        weft_vm::root_scope!(vm);
        vm.root(list);
        for item in self {
            let v = item.to_value(vm)?;
            vm.with_root(v, |vm| vm.call_method(list, "append", &[v]))?;
        }
        Ok(list)
    }
}

impl<T: ToPy> ToPy for Vec<T> {
    fn to_value(&self, vm: &mut Vm) -> PyResult<Value> {
        self.as_slice().to_value(vm)
    }
}

impl FromPy for Object {
    fn from_value(vm: &mut Vm, v: Value) -> PyResult<Self> {
        Ok(Object::new(&vm.rt, v))
    }
}

fn wrong_type(vm: &mut Vm, want: &str, v: Value) -> PyErr {
    let got = vm.type_name(v);
    vm.type_error(format!("expected {want}, got '{got}'"))
}

impl FromPy for bool {
    fn from_value(vm: &mut Vm, v: Value) -> PyResult<Self> {
        if v == Value::TRUE || v == Value::FALSE {
            Ok(v == Value::TRUE)
        } else {
            Err(wrong_type(vm, "bool", v))
        }
    }
}

impl FromPy for i64 {
    fn from_value(vm: &mut Vm, v: Value) -> PyResult<Self> {
        if !weft_vm::helpers::is_int(v) {
            return Err(wrong_type(vm, "int", v));
        }
        match weft_vm::helpers::as_bigint(v).and_then(|b| i64::try_from(b).ok()) {
            Some(i) => Ok(i),
            None => Err(vm.overflow_error("Python int too large to convert to i64")),
        }
    }
}

impl FromPy for f64 {
    fn from_value(vm: &mut Vm, v: Value) -> PyResult<Self> {
        match weft_vm::helpers::as_f64(v) {
            Some(x) => Ok(x),
            None => Err(wrong_type(vm, "float", v)),
        }
    }
}

impl FromPy for String {
    fn from_value(vm: &mut Vm, v: Value) -> PyResult<Self> {
        match weft_vm::helpers::as_str(&v) {
            Some(s) => Ok(s.to_string()),
            None => Err(wrong_type(vm, "str", v)),
        }
    }
}

impl<T: FromPy> FromPy for Option<T> {
    fn from_value(vm: &mut Vm, v: Value) -> PyResult<Self> {
        if v.is_none() {
            Ok(None)
        } else {
            T::from_value(vm, v).map(Some)
        }
    }
}

impl<T: FromPy> FromPy for Vec<T> {
    /// Any iterable.
    fn from_value(vm: &mut Vm, v: Value) -> PyResult<Self> {
        let items = vm.collect_iter(v)?;
        let tuple = vm.new_tuple(items)?;
        weft_vm::root_scope!(vm);
        vm.root(tuple);
        let n = vm.len(tuple)?;
        let mut out = Vec::with_capacity(n);
        for i in 0..n {
            let idx = vm.new_int(i as i64)?;
            let item = vm.getitem(tuple, idx)?;
            out.push(T::from_value(vm, item)?);
        }
        Ok(out)
    }
}
