//! `exec`, `eval`, `compile`, `globals`, `locals`, `vars()` / `dir()` without an
//! argument, and the attributes of code objects (`co_name`, `co_varnames`, ...).
//!
//! exec and eval run a code object in a frame made by `Frame::new_with_namespace`, with
//! the globals dict and locals mapping CPython would use: those given, else the
//! caller's. Module-level code then reads names with LOAD_NAME semantics (locals,
//! globals, builtins). The builtins are `globals['__builtins__']` (inserted when
//! missing, as CPython does).
//!
//! In a function, the caller's locals are a fresh snapshot dict (PEP 667, CPython 3.13+):
//! `exec("x = 1")` there writes into the snapshot, never into the function's fast local.
use crate::bytecode::code_flags;
use crate::compiler::{CompileError, CompileErrorKind, Mode};
use crate::frame::Frame;
use crate::helpers::{as_int, as_str, unwrap_base};
use crate::native::{NativeDef, This};
use crate::objects::bytes::{ByteArrayData, BytesData};
use crate::objects::cell::CellData;
use crate::objects::code::CodeObj;
use crate::objects::dict::DictData;
use crate::objects::dict::ops::dict_payload;
use crate::objects::exception::ExcData;
use crate::objects::module::ModuleData;
use crate::objects::str::StrData;
use crate::objects::tuple::TupleData;
use crate::value::Value;
use crate::vm::{PyErr, PyResult, Vm};
use weft_macros::native;

pub fn init(vm: &mut Vm, builtins_dict: Value) {
    let funcs: &[NativeDef] = &[
        dunder_import,
        b_exec,
        b_eval,
        b_compile,
        b_globals,
        b_locals,
    ];
    for d in funcs {
        let fv = vm.new_native(d.name, "builtins", d.f).expect("start-up");
        let key = vm.intern(d.name);
        vm.dict_set(builtins_dict, key, fv).expect("start-up");
    }
    init_code_type(vm);
}

/// `__import__(name, globals=None, locals=None, fromlist=(), level=0)`: what an `import`
/// statement does (the top-level package, or the module itself when `fromlist` is given).
#[native(name = "__import__")]
fn dunder_import(
    vm: &mut Vm,
    #[kw] name: Value,
    #[kw]
    #[default(Value::NONE)]
    globals: Value,
    #[kw]
    #[default(Value::NONE)]
    locals: Value,
    #[kw]
    #[default(Value::NONE)]
    fromlist: Value,
    #[kw]
    #[default(Value::small_int(0).expect("small"))]
    level: Value,
) -> PyResult {
    let _ = locals;
    let Some(text) = name.downcast::<StrData>() else {
        return Err(vm.type_error("module name must be a string"));
    };
    let lv = crate::helpers::as_int(level).unwrap_or(0);
    if lv < 0 {
        return Err(vm.value_error("level must be >= 0"));
    }
    if text.as_str().is_empty() && lv == 0 {
        return Err(vm.value_error("Empty module name"));
    }
    crate::import::import_name(vm, globals, name, fromlist, level)
}

// ---------------------------------------------------------------- the calling frame

/// The Python frame running the native being called, if any.
fn caller_frame(vm: &Vm) -> Option<*const Frame> {
    vm.roots.frames.last().copied()
}

/// `globals()` of the calling frame (None when no Python code is running).
pub fn caller_globals(vm: &Vm) -> Value {
    match caller_frame(vm) {
        // SAFETY: frames on this thread's list are alive (they are running below us).
        Some(fp) => unsafe { (*fp).globals },
        None => Value::NONE,
    }
}

/// `locals()` of the calling frame: the namespace of module and class bodies (and of
/// code run by exec), a fresh snapshot dict in a function. None without a frame.
pub fn caller_locals(vm: &mut Vm) -> PyResult {
    let Some(fp) = caller_frame(vm) else {
        return Ok(Value::NONE);
    };
    // SAFETY: as above; the frame outlives this call and nothing here runs its code.
    crate::objects::frame::locals_proxy::locals_with_extras(vm, unsafe { &*fp })
}

/// A frame's locals as `locals()` sees them: the namespace of a module or class body,
/// else a fresh dict of its bound local, cell and free variables.
pub fn frame_locals(vm: &mut Vm, f: &Frame) -> PyResult {
    let code = f.code_obj();
    let c = &code.code;
    if !f.locals_dict.is_null() && c.flags & (code_flags::MODULE | code_flags::CLASS_BODY) != 0 {
        return Ok(f.locals_dict);
    }
    // Fast locals, then cells (a parameter that is also a cell reads its cell), then
    // free variables; unbound ones are left out.
    let cell_value = |cell: Value| {
        cell.downcast::<CellData>()
            .map(|c| c.get())
            .unwrap_or(Value::NULL)
    };
    let (locals, cells) = (f.locals(), f.cells());
    let ncell = c.cellvars.len();
    let mut pairs: Vec<(Value, Value)> = Vec::new();
    for (i, name) in c.varnames.iter().enumerate() {
        let v = match c.cellvars.iter().position(|n| n == name) {
            Some(ci) => cells.get(ci).copied().map(cell_value),
            None => locals.get(i).copied(),
        }
        .unwrap_or(Value::NULL);
        pairs.push((code.varnames[i], v));
    }
    let mut names = Vec::new();
    for (ci, name) in c.cellvars.iter().enumerate() {
        if !c.varnames.contains(name) {
            names.push((name.clone(), cells.get(ci).copied()));
        }
    }
    for (j, name) in c.freevars.iter().enumerate() {
        names.push((name.clone(), cells.get(ncell + j).copied()));
    }
    for (name, cell) in names {
        let v = cell.map(cell_value).unwrap_or(Value::NULL);
        let k = vm.intern(&name);
        pairs.push((k, v));
    }
    // Allocation never collects and str keys run no Python code: nothing below reaches
    // a safepoint, and the values stay reachable from the frame meanwhile.
    let d = vm.new_dict()?;
    for (k, v) in pairs {
        if !v.is_null() {
            vm.dict_set(d, k, v)?;
        }
    }
    Ok(d)
}

/// globals()
#[native(name = "globals")]
fn b_globals(vm: &mut Vm) -> PyResult {
    Ok(caller_globals(vm))
}

/// locals()
#[native(name = "locals")]
fn b_locals(vm: &mut Vm) -> PyResult {
    caller_locals(vm)
}

// ---------------------------------------------------------------- arguments

/// None (or an omitted argument) as NULL.
fn opt(v: Option<Value>) -> Value {
    match v {
        Some(v) if !v.is_none() => v,
        _ => Value::NULL,
    }
}

/// PyMapping_Check: the type has `__getitem__`.
fn is_mapping(vm: &mut Vm, v: Value) -> bool {
    let b = crate::ops::protocol::base_or_self(v);
    b.is::<DictData>()
        || b.is::<crate::objects::list::ListData>()
        || b.is::<TupleData>()
        || b.is::<StrData>()
        || b.is::<BytesData>()
        || b.is::<ByteArrayData>()
        || b.is::<crate::objects::range::RangeData>()
        || vm.lookup_special(v, "__getitem__").is_some()
}

// ---------------------------------------------------------------- source text

/// A SyntaxError with the given message and None for its location fields.
fn bare_syntax_error(vm: &mut Vm, msg: &str) -> PyErr {
    let t = vm.rt.types.exc.syntax_error;
    let exc = vm.new_exception(t, msg);
    let Some(x) = exc.0.downcast::<ExcData>() else {
        return exc;
    };
    let d = x.dict;
    let r: PyResult<()> = (|| {
        crate::root_scope!(vm);
        vm.root(exc.0);
        let m = vm.new_str(msg)?;
        let k = vm.intern("msg");
        vm.dict_set(d, k, m)?;
        for f in [
            "filename",
            "lineno",
            "offset",
            "text",
            "end_lineno",
            "end_offset",
        ] {
            let k = vm.intern(f);
            vm.dict_set(d, k, Value::NONE)?;
        }
        Ok(())
    })();
    match r {
        Ok(()) => exc,
        Err(e) => e,
    }
}

/// The text of a str, bytes or bytearray source; None for other types.
fn source_text(vm: &mut Vm, v: Value, filename: &str) -> PyResult<Option<String>> {
    if let Some(s) = unwrap_base::<StrData>(&v) {
        let s = s.as_str().to_string();
        if s.contains('\0') {
            return Err(bare_syntax_error(
                vm,
                "source code string cannot contain null bytes",
            ));
        }
        return Ok(Some(s));
    }
    let bytes = if let Some(b) = unwrap_base::<BytesData>(&v) {
        b.0.to_vec()
    } else if let Some(b) = unwrap_base::<ByteArrayData>(&v) {
        b.0.lock().clone()
    } else if let Some(b) = v
        .downcast::<crate::objects::memoryview::MemoryViewData>()
        .and_then(|m| m.bytes())
    {
        // Any other buffer: a memoryview's bytes.
        b
    } else {
        return Ok(None);
    };
    if bytes.contains(&0) {
        return Err(bare_syntax_error(
            vm,
            "source code string cannot contain null bytes",
        ));
    }
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    match crate::objects::bytes::methods::decode(vm, body, "utf-8", "strict") {
        Ok(s) => Ok(Some(s)),
        Err(e) => {
            let m = vm.with_root(e.0, |vm| vm.str_of(e.0));
            // The line of the first undecodable byte.
            let bad = std::str::from_utf8(body)
                .err()
                .map_or(0, |x| x.valid_up_to());
            let line = 1 + body[..bad].iter().filter(|&&c| c == b'\n').count() as u32;
            let err = CompileError {
                kind: CompileErrorKind::SyntaxError,
                msg: format!("(unicode error) {}", m?),
                filename: filename.into(),
                line,
                col: 1,
                end_line: line,
                end_col: 1,
                text: String::new(),
                py_text: None,
            };
            Err(crate::exceptions::syntax_error(vm, &err))
        }
    }
}

/// Compile `source` into a heap code object.
fn compile_text(vm: &mut Vm, source: &str, filename: &str, mode: Mode) -> PyResult {
    compile_text_at(vm, source, filename, mode, None)
}

/// `compile_text` at optimization level `level` (None: the interpreter's).
fn compile_text_at(
    vm: &mut Vm,
    source: &str,
    filename: &str,
    mode: Mode,
    level: Option<u8>,
) -> PyResult {
    match vm.compile_source_at(source, filename, mode, level) {
        Ok(code) => crate::load::load_code(vm, &code),
        Err(e) => Err(crate::exceptions::syntax_error(vm, &e)),
    }
}

// ---------------------------------------------------------------- running code

/// The builtins a frame with these globals uses: `globals['__builtins__']` (a module's
/// dict, or a dict); for anything else an empty namespace (CPython would fail on the
/// first builtin looked up there; weft's loop needs a real dict).
fn builtins_for(vm: &mut Vm, globals: Value) -> PyResult {
    let Some(b) = vm.dict_get_str(globals, "__builtins__") else {
        return Ok(vm.rt.builtins);
    };
    if let Some(m) = b.downcast::<ModuleData>() {
        return Ok(m.dict);
    }
    if let Some(d) = dict_payload(b) {
        return Ok(d);
    }
    vm.new_dict()
}

/// Run code object `code` with `globals` (a dict) and `locals` (a mapping); `closure`
/// is a tuple of cells for its free variables, or NULL. The caller roots all four.
/// A generator's code gives a generator (not run), as in CPython.
fn run_code(vm: &mut Vm, code: Value, globals: Value, locals: Value, closure: Value) -> PyResult {
    let Some(co) = code.downcast::<CodeObj>() else {
        return Err(vm.type_error("expected a code object"));
    };
    let c = co.code.clone();
    let Some(g) = dict_payload(globals) else {
        return Err(vm.type_error("globals must be a dict"));
    };
    // Nothing from here to `run_frame` reaches a safepoint (allocation never collects),
    // so the fresh builtins dict and cells are safe in the unregistered frame.
    let builtins = builtins_for(vm, g)?;
    let mut frame = Frame::new_with_namespace(vm, code, g, locals);
    frame.builtins = builtins;
    let ncell = c.cellvars.len();
    for i in 0..ncell {
        let t = vm.rt.types.cell;
        frame.cells()[i] = vm.alloc(t, CellData::new(Value::NULL))?;
    }
    if let Some(t) = closure.downcast::<TupleData>() {
        for (j, &cell) in t.0.iter().enumerate().take(c.freevars.len()) {
            frame.cells()[ncell + j] = cell;
        }
    }
    if c.flags & code_flags::GENERATOR != 0 {
        return crate::objects::generator::new_generator(vm, frame);
    }
    vm.run_frame(frame)
}

/// Insert `__builtins__` into `globals` when missing (CPython's exec/eval do).
fn ensure_builtins(vm: &mut Vm, globals: Value) -> PyResult<()> {
    let Some(g) = dict_payload(globals) else {
        return Ok(());
    };
    if vm.dict_get_str(g, "__builtins__").is_none() {
        let k = vm.intern("__builtins__");
        let b = vm.rt.builtins;
        vm.dict_set(g, k, b)?;
    }
    Ok(())
}

/// The globals and locals exec/eval run with, CPython's defaults filled in. The
/// results are rooted in the caller's innermost root scope.
fn namespaces(vm: &mut Vm, globals: Value, locals: Value) -> PyResult<(Value, Value)> {
    let (g, l) = if globals.is_null() {
        let g = caller_globals(vm);
        let l = if locals.is_null() {
            caller_locals(vm)?
        } else {
            locals
        };
        (g, l)
    } else if locals.is_null() {
        (globals, globals)
    } else {
        (globals, locals)
    };
    vm.root(g);
    vm.root(l);
    Ok((g, l))
}

/// exec(source, globals=None, locals=None, /, *, closure=None)
#[native(name = "exec")]
fn b_exec(
    vm: &mut Vm,
    source: Value,
    globals: Option<Value>,
    locals: Option<Value>,
    #[kwonly] closure: Option<Value>,
) -> PyResult {
    let (globals, locals, closure) = (opt(globals), opt(locals), opt(closure));
    crate::root_scope!(vm);
    let (g, l) = namespaces(vm, globals, locals)?;
    exec_in(vm, source, g, l, closure).map(|_| Value::NONE)
}

fn exec_in(vm: &mut Vm, source: Value, g: Value, l: Value, closure: Value) -> PyResult {
    if dict_payload(g).is_none() {
        if g.is_none() {
            return Err(vm.type_error("exec() must be given globals when called without a frame"));
        }
        let tn = vm.type_name(g);
        return Err(vm.type_error(format!("exec() globals must be a dict, not {tn}")));
    }
    if !is_mapping(vm, l) {
        let tn = vm.type_name(l);
        return Err(vm.type_error(format!("locals must be a mapping or None, not {tn}")));
    }
    ensure_builtins(vm, g)?;
    if let Some(co) = source.downcast::<CodeObj>() {
        let nfree = co.code.freevars.len();
        if nfree == 0 {
            if !closure.is_null() {
                return Err(vm.type_error("cannot use a closure with this code object"));
            }
        } else {
            let ok = closure
                .downcast::<TupleData>()
                .is_some_and(|t| t.0.len() == nfree && t.0.iter().all(|c| c.is::<CellData>()))
                && vm.type_of(closure) == vm.rt.types.tuple;
            if !ok {
                return Err(vm.type_error(format!(
                    "code object requires a closure of exactly length {nfree}"
                )));
            }
        }
        return run_code(vm, source, g, l, closure);
    }
    if !closure.is_null() {
        return Err(vm.type_error("closure can only be used when source is a code object"));
    }
    let Some(text) = source_text(vm, source, "<string>")? else {
        return Err(vm.type_error("exec() arg 1 must be a string, bytes or code object"));
    };
    let code = compile_text(vm, &text, "<string>", Mode::Module)?;
    vm.with_root(code, |vm| run_code(vm, code, g, l, Value::NULL))
}

/// eval(source, globals=None, locals=None, /)
#[native(name = "eval")]
fn b_eval(vm: &mut Vm, source: Value, globals: Option<Value>, locals: Option<Value>) -> PyResult {
    let (globals, locals) = (opt(globals), opt(locals));
    if !locals.is_null() && !is_mapping(vm, locals) {
        return Err(vm.type_error("locals must be a mapping"));
    }
    if !globals.is_null() && dict_payload(globals).is_none() {
        let msg = if is_mapping(vm, globals) {
            "globals must be a real dict; try eval(expr, {}, mapping)"
        } else {
            "globals must be a dict"
        };
        return Err(vm.type_error(msg));
    }
    crate::root_scope!(vm);
    let (g, l) = namespaces(vm, globals, locals)?;
    eval_in(vm, source, g, l)
}

fn eval_in(vm: &mut Vm, source: Value, g: Value, l: Value) -> PyResult {
    if dict_payload(g).is_none() || l.is_none() {
        return Err(
            vm.type_error("eval must be given globals and locals when called without a frame")
        );
    }
    ensure_builtins(vm, g)?;
    if let Some(co) = source.downcast::<CodeObj>() {
        if !co.code.freevars.is_empty() {
            return Err(
                vm.type_error("code object passed to eval() may not contain free variables")
            );
        }
        return run_code(vm, source, g, l, Value::NULL);
    }
    let Some(text) = source_text(vm, source, "<string>")? else {
        return Err(vm.type_error("eval() arg 1 must be a string, bytes or code object"));
    };
    let text = text.trim_start_matches([' ', '\t']);
    let code = compile_text(vm, text, "<string>", Mode::Eval)?;
    vm.with_root(code, |vm| run_code(vm, code, g, l, Value::NULL))
}

// ---------------------------------------------------------------- compile()

/// CPython's PyCF_MASK | PyCF_MASK_OBSOLETE | PyCF_COMPILE_MASK.
const ALLOWED_FLAGS: i64 = 0x1fe_0000 | 0x10 | 0x200 | 0x400 | 0x1000 | 0x2000 | 0x4000 | 0x8000;
const PYCF_ONLY_AST: i64 = 0x400;
const PYCF_TYPE_COMMENTS: i64 = 0x1000;

/// An integer argument (bool and int subclasses included).
fn int_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if let Some(i) = as_int(v) {
        return Ok(i);
    }
    if let Some(i) = crate::helpers::unwrap_base::<crate::objects::int::IntData>(&v) {
        use num_traits::ToPrimitive;
        return i
            .0
            .to_i64()
            .ok_or_else(|| vm.overflow_error("Python int too large to convert to C int"));
    }
    let tn = vm.type_name(v);
    Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")))
}

/// compile()'s filename: str, bytes, or an os.PathLike giving one of those.
fn filename_arg(vm: &mut Vm, v: Value) -> PyResult<String> {
    if let Some(s) = unwrap_base::<StrData>(&v) {
        return Ok(s.as_str().to_string());
    }
    if let Some(b) = unwrap_base::<BytesData>(&v) {
        return Ok(String::from_utf8_lossy(&b.0).into_owned());
    }
    if let Some(f) = vm.lookup_special(v, "__fspath__") {
        let p = vm.call(f, &[v], &[])?;
        if let Some(s) = unwrap_base::<StrData>(&p) {
            return Ok(s.as_str().to_string());
        }
        if let Some(b) = unwrap_base::<BytesData>(&p) {
            return Ok(String::from_utf8_lossy(&b.0).into_owned());
        }
        let (tn, pn) = (vm.type_name(v), vm.type_name(p));
        return Err(vm.type_error(format!(
            "expected {tn}.__fspath__() to return str or bytes, not {pn}"
        )));
    }
    let tn = vm.type_name(v);
    Err(vm.type_error(format!(
        "expected str, bytes or os.PathLike object, not {tn}"
    )))
}

/// compile(source, filename, mode, flags=0, dont_inherit=False, optimize=-1, *,
/// _feature_version=-1)
#[allow(clippy::too_many_arguments)]
#[native(name = "compile")]
fn b_compile(
    vm: &mut Vm,
    #[kw] source: Value,
    #[kw] filename: Value,
    #[kw] mode: Value,
    #[kw] flags: Option<Value>,
    #[kw] dont_inherit: Option<Value>,
    #[kw] optimize: Option<Value>,
    #[kwonly] _feature_version: Option<Value>,
) -> PyResult {
    let a = [flags, dont_inherit, optimize, _feature_version];
    let filename = filename_arg(vm, filename)?;
    let mode_v = mode;
    let Some(mode) = as_str(&mode_v).map(|s| s.to_string()) else {
        let tn = vm.type_name(mode_v);
        return Err(vm.type_error(format!("compile() argument 'mode' must be str, not {tn}")));
    };
    let flags = match a[0] {
        Some(v) => int_arg(vm, v)?,
        None => 0,
    };
    if let Some(v) = a[1] {
        vm.truthy(v)?;
    }
    let optimize = match a[2] {
        Some(v) => int_arg(vm, v)?,
        None => -1,
    };
    if let Some(v) = a[3] {
        int_arg(vm, v)?;
    }
    if flags & !ALLOWED_FLAGS != 0 {
        return Err(vm.value_error("compile(): unrecognised flags"));
    }
    if !(-1..=2).contains(&optimize) {
        return Err(vm.value_error("compile(): invalid optimize value"));
    }
    if mode == "func_type" && flags & PYCF_ONLY_AST != 0 {
        return match source_text(vm, source, &filename)? {
            Some(text) => crate::ast_tree::func_type_to_ast(vm, &text, &filename),
            None => Ok(source),
        };
    }
    let mode = match mode.as_str() {
        "exec" => Mode::Module,
        "eval" => Mode::Eval,
        "single" => Mode::Single,
        "func_type" if flags & PYCF_ONLY_AST == 0 => {
            return Err(vm.value_error("compile() mode 'func_type' requires flag PyCF_ONLY_AST"));
        }
        _ => {
            return Err(vm.value_error("compile() mode must be 'exec', 'eval' or 'single'"));
        }
    };
    let Some(text) = source_text(vm, source, &filename)? else {
        if is_ast_node(vm, source)? {
            if flags & PYCF_ONLY_AST != 0 {
                return Ok(source);
            }
            let level = u8::try_from(optimize).ok();
            return crate::ast_tree_import::compile_ast(vm, source, &filename, mode, level);
        }
        return Err(vm.type_error("compile() arg 1 must be a string, bytes or AST object"));
    };
    if flags & PYCF_ONLY_AST != 0 {
        let type_comments = flags & PYCF_TYPE_COMMENTS != 0;
        return crate::ast_tree::parse_to_ast(vm, &text, &filename, mode, type_comments)
            .map_err(|e| fix_filename(vm, e, &filename));
    }
    // optimize=-1 is the interpreter's level (-O), 0..2 a level of its own.
    let level = u8::try_from(optimize).ok();
    compile_text_at(vm, &text, &filename, mode, level).map_err(|e| fix_filename(vm, e, &filename))
}

/// Whether `v` is an instance of `_ast.AST` (only asked when `_ast` is loaded already:
/// no tree exists otherwise).
fn is_ast_node(vm: &mut Vm, v: Value) -> PyResult<bool> {
    let Some(m) = vm.dict_get_str(vm.rt.modules, "_ast") else {
        return Ok(false);
    };
    let Some(ast) = vm.getattr_str(m, "AST").ok() else {
        return Ok(false);
    };
    let t = vm.type_of(v);
    Ok(crate::types::is_subclass(vm, t, ast))
}

/// Errors raised while decoding the source say "<string>": give them the real name.
fn fix_filename(vm: &mut Vm, e: PyErr, filename: &str) -> PyErr {
    let Some(x) = e.0.downcast::<ExcData>() else {
        return e;
    };
    let d = x.dict;
    if let Some(f) = vm.dict_get_str(d, "filename")
        && as_str(&f) == Some("<string>")
        && filename != "<string>"
    {
        vm.with_root(e.0, |vm| {
            if let Ok(s) = vm.new_str(filename) {
                let k = vm.intern("filename");
                let _ = vm.dict_set(d, k, s);
            }
        });
    }
    e
}

// ---------------------------------------------------------------- code objects

/// CPython's co_flags bits for weft's: CO_OPTIMIZED | CO_NEWLOCALS for function code,
/// VARARGS, VARKEYWORDS, NESTED, GENERATOR, COROUTINE, ITERABLE_COROUTINE and
/// ASYNC_GENERATOR as they are, except that GENERATOR (which weft also sets on
/// coroutines and async generators) shows only on plain generators.
fn cpython_flags(flags: u32) -> i64 {
    let mut f = (flags
        & (code_flags::VARARGS
            | code_flags::VARKEYWORDS
            | code_flags::NESTED
            | code_flags::GENERATOR
            | code_flags::COROUTINE
            | code_flags::ITERABLE_COROUTINE
            | code_flags::ASYNC_GENERATOR)) as i64;
    if flags & (code_flags::COROUTINE | code_flags::ASYNC_GENERATOR) != 0 {
        f &= !(code_flags::GENERATOR as i64);
    }
    if flags & (code_flags::MODULE | code_flags::CLASS_BODY) == 0 {
        f |= 0x1 | 0x2;
    }
    f
}

fn str_tuple(vm: &mut Vm, names: &[String]) -> PyResult {
    let vals: Vec<Value> = names.iter().map(|n| vm.intern(n)).collect();
    vm.new_tuple(vals)
}

/// A read-only attribute of code objects, computed from the receiver.
macro_rules! code_getter {
    ($fname:ident, |$vm:ident, $co:ident| $body:expr) => {
        #[native]
        fn $fname($vm: &mut Vm, this: &CodeObj) -> PyResult {
            let $co = this;
            $body
        }
    };
}

code_getter!(co_name, |vm, co| vm.new_str(&co.code.name));
code_getter!(co_qualname, |vm, co| vm.new_str(&co.code.qualname));
code_getter!(co_filename, |vm, co| vm.new_str(&co.code.filename));
code_getter!(co_firstlineno, |vm, co| vm
    .new_int(co.code.first_line as i64));
code_getter!(co_argcount, |vm, co| vm.new_int(co.code.argcount as i64));
code_getter!(co_posonlyargcount, |vm, co| vm
    .new_int(co.code.posonlyargcount as i64));
code_getter!(co_kwonlyargcount, |vm, co| vm
    .new_int(co.code.kwonlyargcount as i64));
code_getter!(co_nlocals, |vm, co| vm
    .new_int(local_names(co).len() as i64));
code_getter!(co_flags, |vm, co| vm.new_int(cpython_flags(co.code.flags)));
code_getter!(co_varnames, |vm, co| {
    let names = local_names(co);
    str_tuple(vm, &names)
});
code_getter!(co_cellvars, |vm, co| str_tuple(vm, &co.code.cellvars));
code_getter!(co_freevars, |vm, co| str_tuple(vm, &co.code.freevars));
code_getter!(co_names, |vm, co| str_tuple(vm, &co.code.names));
code_getter!(co_consts, |vm, co| vm.new_tuple(co.consts.to_vec()));
code_getter!(co_stacksize, |vm, co| vm.new_int(co.code.max_stack as i64));
// weft's instructions are not CPython's: co_code holds one two-byte unit per
// instruction (zeros), so that the offsets of co_lines() and co_lnotab index into it.
code_getter!(co_code, |vm, co| vm
    .new_bytes(vec![0; co.code.instrs.len() * 2]));
code_getter!(co_lnotab, |vm, co| {
    let runs = line_runs(co);
    let mut out = Vec::new();
    let (mut addr, mut line) = (0u32, co.code.first_line as i64);
    for (start, _, l) in runs {
        let (mut da, mut dl) = (start - addr, l as i64 - line);
        while da > 255 {
            out.extend([255, 0]);
            da -= 255;
        }
        while dl > 127 {
            out.extend([da as u8, 127]);
            da = 0;
            dl -= 127;
        }
        while dl < -128 {
            out.extend([da as u8, 0x80]);
            da = 0;
            dl += 128;
        }
        out.extend([da as u8, dl as i8 as u8]);
        (addr, line) = (start, l as i64);
    }
    vm.new_bytes(out)
});

/// Byte-offset ranges of co_code with the source line each runs: (start, end, line).
fn line_runs(co: &CodeObj) -> Vec<(u32, u32, u32)> {
    let mut runs: Vec<(u32, u32, u32)> = Vec::new();
    for (i, &l) in co.code.lines.iter().enumerate() {
        let at = i as u32 * 2;
        match runs.last_mut() {
            Some(r) if r.2 == l => r.1 = at + 2,
            _ => runs.push((at, at + 2, l)),
        }
    }
    runs
}

/// `code.co_positions()`: an iterator of (line, end line, column, end column) per
/// instruction (columns in UTF-8 bytes, None when unknown). Instruction i is at offset
/// 2 * i, as `tb_lasti` and `f_lasti` count.
#[native]
fn co_positions(vm: &mut Vm, this: &CodeObj) -> PyResult {
    let co = this;
    let c = &co.code;
    let positions = c.positions.decode(&c.lines);
    let mut s = vm.scope();
    let mut items = Vec::with_capacity(positions.len());
    for p in positions {
        let col = |v: Option<u32>| v.map_or(Value::NONE, |c| Value::small_int(c as i64).unwrap());
        let t = s.new_tuple(vec![
            Value::small_int(p.line as i64).unwrap(),
            Value::small_int(p.end_line as i64).unwrap(),
            col(p.col),
            col(p.end_col),
        ])?;
        s.root(t);
        items.push(t);
    }
    let l = s.new_list(items)?;
    s.root(l);
    s.iter(l)
}

/// `code.co_lines()`: an iterator of (start offset, end offset, line) for each run of
/// instructions on one line.
#[native]
fn co_lines(vm: &mut Vm, this: &CodeObj) -> PyResult {
    let co = this;
    let lines = &co.code.lines;
    let mut s = vm.scope();
    let mut items = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let mut j = i + 1;
        while j < lines.len() && lines[j] == lines[i] {
            j += 1;
        }
        let t = s.new_tuple(vec![
            Value::small_int(2 * i as i64).unwrap(),
            Value::small_int(2 * j as i64).unwrap(),
            Value::small_int(lines[i] as i64).unwrap(),
        ])?;
        s.root(t);
        items.push(t);
        i = j;
    }
    let l = s.new_list(items)?;
    s.root(l);
    s.iter(l)
}

#[native(name = "__repr__", style = slot)]
fn code_repr(vm: &mut Vm, this: This<CodeObj>) -> PyResult {
    let co = this.data;
    let s = format!(
        "<code object {} at {:#x}, file \"{}\", line {}>",
        co.code.name,
        this.obj.id(),
        co.code.filename,
        co.code.first_line
    );
    vm.new_str(&s)
}

/// co_varnames: the fast locals, without those that live only in cells (CPython keeps
/// a captured local in its cell alone unless it is a parameter).
fn local_names(co: &CodeObj) -> Vec<String> {
    let c = &co.code;
    let nparams = c.argcount as usize
        + c.kwonlyargcount as usize
        + (c.flags & code_flags::VARARGS != 0) as usize
        + (c.flags & code_flags::VARKEYWORDS != 0) as usize;
    c.varnames
        .iter()
        .enumerate()
        .filter(|(i, n)| *i < nparams || !c.cellvars.contains(n))
        .map(|(_, n)| n.clone())
        .collect()
}

fn init_code_type(vm: &mut Vm) {
    let ty = vm.rt.types.code;
    let getters: &[NativeDef] = &[
        co_name,
        co_qualname,
        co_filename,
        co_firstlineno,
        co_argcount,
        co_posonlyargcount,
        co_kwonlyargcount,
        co_nlocals,
        co_flags,
        co_varnames,
        co_cellvars,
        co_freevars,
        co_names,
        co_consts,
        co_stacksize,
        co_code,
        co_lnotab,
    ];
    vm.add_getters(ty, "code", getters);
    vm.add_methods(ty, &[code_repr, co_positions, co_lines]);
    vm.add_method(ty, "replace", crate::objects::code_replace::code_replace);
}
