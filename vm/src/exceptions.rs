//! Exception objects: construction, the `BaseException` methods, traceback printing and
//! the "Exception ignored in" report for errors nobody can catch.
use crate::helpers::as_str;
use crate::native;
use crate::objects::code::CodeObj;
use crate::objects::exception::ExcData;
use crate::objects::tuple::TupleData;
use crate::value::Value;
use crate::vm::{PyErr, PyResult, Vm};
use parking_lot::Mutex;
use std::io::Write;
use std::sync::atomic::AtomicBool;

/// A new exception of class `ty` with `args`.
pub fn make_exception(vm: &mut Vm, ty: Value, args: &[Value]) -> PyResult {
    // Allocation never collects: `t` and `dict` need no root until the exception holds
    // them.
    let t = vm.new_tuple(args.to_vec())?;
    let dict = vm.new_dict()?;
    vm.alloc(
        ty,
        ExcData {
            args: Mutex::new(t),
            traceback: crate::value::AtomicValue::new(Value::NULL),
            cause: Mutex::new(Value::NULL),
            context: Mutex::new(Value::NULL),
            suppress_context: AtomicBool::new(false),
            dict,
            group: Mutex::new(Value::NULL),
        },
    )
}

/// `BaseException.__new__`: used for every exception class.
pub fn exc_new(vm: &mut Vm, cls: Value, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    make_exception(vm, cls, args)
}

/// `BaseException.__init__(self, *args)`: keyword arguments are left to `__new__`.
#[native(name = "__init__", owner = "BaseException")]
fn exc_init(
    vm: &mut Vm,
    this: &ExcData,
    #[varargs] args: &[Value],
    #[kwargs] _kw: &[(Value, Value)],
) -> PyResult<()> {
    let t = vm.new_tuple(args.to_vec())?;
    *this.args.lock() = t;
    Ok(())
}

#[native(name = "with_traceback", style = slot)]
fn exc_with_traceback(vm: &mut Vm, this: Value, tb: Value) -> PyResult {
    set_traceback(vm, this, tb)?;
    Ok(this)
}

/// `exc.__traceback__ = tb` (a traceback or None).
pub fn set_traceback(vm: &mut Vm, exc: Value, tb: Value) -> PyResult<()> {
    let Some(x) = exc.downcast::<ExcData>() else {
        return Ok(());
    };
    if tb.is_none() {
        x.traceback.store(Value::NULL);
        return Ok(());
    }
    if !tb.is::<crate::objects::traceback::TracebackObj>() {
        return Err(vm.type_error("__traceback__ must be a traceback or None"));
    }
    x.traceback.store(tb);
    Ok(())
}

/// `exc.__traceback__`: the traceback, or None.
pub fn get_traceback(x: &ExcData) -> Value {
    match x.traceback.load() {
        v if v.is_null() => Value::NONE,
        v => v,
    }
}

#[native(name = "add_note", style = slot)]
fn exc_add_note(vm: &mut Vm, this: Value, note: Value) -> PyResult {
    let args = [this, note];
    if !crate::helpers::is_str(note) {
        let tn = vm.type_name(note);
        return Err(vm.type_error(format!("note must be a str, not '{tn}'")));
    }
    let notes = match vm.getattr_str(args[0], "__notes__") {
        Ok(n) => n,
        Err(_) => {
            let l = vm.new_list(vec![])?;
            vm.setattr_str(args[0], "__notes__", l)?;
            l
        }
    };
    vm.call_method(notes, "append", &[args[1]])
}

/// The OSError subclass CPython picks for an errno (Linux numbers), or OSError itself.
fn os_error_class(vm: &Vm, errno: i64) -> Value {
    let t = &vm.rt.types.exc;
    match errno {
        11 | 114 | 115 => t.blocking_io_error, // EAGAIN, EALREADY, EINPROGRESS
        10 => t.child_process_error,           // ECHILD
        32 | 108 => t.broken_pipe_error,       // EPIPE, ESHUTDOWN
        103 => t.connection_aborted_error,     // ECONNABORTED
        111 => t.connection_refused_error,     // ECONNREFUSED
        104 => t.connection_reset_error,       // ECONNRESET
        17 => t.file_exists_error,             // EEXIST
        2 => t.file_not_found_error,           // ENOENT
        21 => t.is_a_directory_error,          // EISDIR
        20 => t.not_a_directory_error,         // ENOTDIR
        4 => t.interrupted_error,              // EINTR
        1 | 13 => t.permission_error,          // EPERM, EACCES
        3 => t.process_lookup_error,           // ESRCH
        110 => t.timeout_error,                // ETIMEDOUT
        _ => t.os_error,
    }
}

/// Store OSError's fields as CPython does: `OSError(errno, strerror[, filename[, winerror[,
/// filename2]]])` keeps `args == (errno, strerror)` and sets the attributes.
fn os_error_fields(vm: &mut Vm, e: Value, args: &[Value]) -> PyResult<()> {
    let x = e.downcast::<ExcData>().unwrap();
    let d = x.dict;
    if (2..=5).contains(&args.len()) {
        for (name, v) in [("errno", args[0]), ("strerror", args[1])] {
            let k = vm.intern(name);
            vm.dict_set(d, k, v)?;
        }
        let f = args.get(2).copied().unwrap_or(Value::NONE);
        let k = vm.intern("filename");
        vm.dict_set(d, k, f)?;
        let f2 = args.get(4).copied().unwrap_or(Value::NONE);
        let k = vm.intern("filename2");
        vm.dict_set(d, k, f2)?;
        if args.len() >= 3 {
            let t = vm.new_tuple(args[..2].to_vec())?;
            *x.args.lock() = t;
        }
    } else {
        for name in ["errno", "strerror", "filename", "filename2"] {
            let k = vm.intern(name);
            vm.dict_set(d, k, Value::NONE)?;
        }
    }
    Ok(())
}

/// `OSError.__new__`: `OSError(2, ...)` makes a FileNotFoundError, and so on.
fn os_error_new(vm: &mut Vm, cls: Value, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let mut cls = cls;
    if cls == vm.rt.types.exc.os_error
        && (2..=5).contains(&args.len())
        && let Some(n) = crate::helpers::as_int(args[0])
    {
        cls = os_error_class(vm, n);
    }
    let e = make_exception(vm, cls, args)?;
    vm.with_root(e, |vm| os_error_fields(vm, e, args))?;
    Ok(e)
}

fn os_error_init(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let e = crate::helpers::self_arg::<ExcData>(vm, args, "__init__", "OSError")?;
    let t = vm.new_tuple(args[1..].to_vec())?;
    *e.args.lock() = t;
    os_error_fields(vm, args[0], &args[1..])?;
    Ok(Value::NONE)
}

/// An OSError (of the subclass CPython would pick) for `errno`, with the C library's
/// message and an optional filename: `[Errno 2] No such file or directory: 'x'`.
pub fn new_os_error(vm: &mut Vm, errno: i32, msg: &str, filename: Option<Value>) -> PyErr {
    let r = (|| {
        crate::root_scope!(vm);
        let n = vm.new_int(errno as i64)?;
        vm.root(n);
        let s = vm.new_str(msg)?;
        vm.root(s);
        let mut args = vec![n, s];
        args.extend(filename);
        let cls = vm.rt.types.exc.os_error;
        os_error_new(vm, cls, &args, &[])
    })();
    match r {
        Ok(e) => PyErr(e),
        Err(e) => e,
    }
}

/// `str()` of an OSError with errno and strerror: `[Errno 2] msg: 'filename'`.
pub fn os_error_str(vm: &mut Vm, e: Value) -> PyResult<Option<String>> {
    let ty = vm.type_of(e);
    if !crate::types::is_subclass(vm, ty, vm.rt.types.exc.os_error) {
        return Ok(None);
    }
    let x = e.downcast::<ExcData>().unwrap();
    let (Some(errno), Some(strerror)) = (
        vm.dict_get_str(x.dict, "errno"),
        vm.dict_get_str(x.dict, "strerror"),
    ) else {
        return Ok(None);
    };
    if errno.is_none() && strerror.is_none() {
        return Ok(None);
    }
    let filename = vm.dict_get_str(x.dict, "filename").unwrap_or(Value::NONE);
    let filename2 = vm.dict_get_str(x.dict, "filename2").unwrap_or(Value::NONE);
    let en = vm.str_of(errno)?;
    let se = vm.str_of(strerror)?;
    Ok(Some(if filename.is_none() {
        format!("[Errno {en}] {se}")
    } else if filename2.is_none() {
        let f = vm.repr(filename)?;
        format!("[Errno {en}] {se}: {f}")
    } else {
        let f = vm.repr(filename)?;
        let f2 = vm.repr(filename2)?;
        format!("[Errno {en}] {se}: {f} -> {f2}")
    }))
}

pub fn init(vm: &mut Vm) {
    let base = vm.rt.types.exc.base_exception;
    for t in vm.rt.types.all_exceptions() {
        vm.set_new(t, exc_new);
    }
    let os_error = vm.rt.types.exc.os_error;
    for t in vm.rt.types.all_exceptions() {
        if crate::types::is_subclass(vm, t, os_error) {
            vm.set_new(t, os_error_new);
        }
    }
    vm.add_method(os_error, "__init__", os_error_init);
    vm.add_methods(base, &[exc_init, exc_with_traceback, exc_add_note]);
    crate::exception_group::init(vm);
}

/// Attributes some exception classes derive from their args (`SystemExit.code`,
/// `StopIteration.value`, ...).
pub fn exc_field(vm: &mut Vm, e: Value, name: &str) -> PyResult<Option<Value>> {
    let x = e.downcast::<ExcData>().unwrap();
    if let Some(v) = vm.dict_get_str(x.dict, name) {
        return Ok(Some(v));
    }
    let args = *x.args.lock();
    let items: Vec<Value> = args
        .downcast::<TupleData>()
        .map(|t| t.0.to_vec())
        .unwrap_or_default();
    let ty = vm.type_of(e);
    let t = vm.rt.types.exc;
    let is = |vm: &Vm, c: Value| crate::types::is_subclass(vm, ty, c);
    let first = || items.first().copied().unwrap_or(Value::NONE);
    Ok(match name {
        "code" if is(vm, t.system_exit) => Some(match items.len() {
            0 => Value::NONE,
            1 => items[0],
            _ => args,
        }),
        "value" if is(vm, t.stop_iteration) => Some(first()),
        "msg" if is(vm, t.syntax_error) => Some(first()),
        // SyntaxError(msg, (filename, lineno, offset, text[, end_lineno, end_offset])).
        "filename" | "lineno" | "offset" | "text" | "end_lineno" | "end_offset"
            if is(vm, t.syntax_error) =>
        {
            let ix = [
                "filename",
                "lineno",
                "offset",
                "text",
                "end_lineno",
                "end_offset",
            ]
            .iter()
            .position(|&n| n == name)
            .unwrap_or(0);
            let details = match items.get(1).and_then(|d| d.downcast::<TupleData>()) {
                Some(d) if items.len() == 2 && (4..=6).contains(&d.0.len()) => d.0.to_vec(),
                _ => Vec::new(),
            };
            Some(details.get(ix).copied().unwrap_or(Value::NONE))
        }
        // UnicodeDecodeError / UnicodeEncodeError(encoding, object, start, end, reason).
        "encoding" | "object" | "start" | "end" | "reason"
            if items.len() == 5
                && (is(vm, t.unicode_decode_error) || is(vm, t.unicode_encode_error)) =>
        {
            let ix = ["encoding", "object", "start", "end", "reason"]
                .iter()
                .position(|&n| n == name)
                .unwrap_or(0);
            Some(items[ix])
        }
        "name" | "path" | "msg" if is(vm, t.import_error) => {
            Some(if name == "msg" { first() } else { Value::NONE })
        }
        "errno" | "strerror" | "filename" if is(vm, t.os_error) => Some(match name {
            "errno" if items.len() >= 2 => items[0],
            "strerror" if items.len() >= 2 => items[1],
            "filename" if items.len() >= 3 => items[2],
            _ => Value::NONE,
        }),
        _ => None,
    })
}

/// `str()` of a SyntaxError (and subclasses) as CPython gives it: the message, then
/// the file's base name and the line when they are known. None for other exceptions.
pub fn syntax_error_str(vm: &mut Vm, e: Value) -> PyResult<Option<String>> {
    let ty = vm.type_of(e);
    if !crate::types::is_subclass(vm, ty, vm.rt.types.exc.syntax_error) {
        return Ok(None);
    }
    let msg = exc_field(vm, e, "msg")?.unwrap_or(Value::NONE);
    let msg = vm.with_root(msg, |vm| vm.str_of(msg))?;
    let filename = exc_field(vm, e, "filename")?
        .and_then(|f| as_str(&f).map(|s| s.rsplit('/').next().unwrap_or(s).to_string()));
    let lineno = exc_field(vm, e, "lineno")?.and_then(crate::helpers::as_int);
    Ok(Some(match (filename, lineno) {
        (Some(f), Some(l)) => format!("{msg} ({f}, line {l})"),
        (Some(f), None) => format!("{msg} ({f})"),
        (None, Some(l)) => format!("{msg} (line {l})"),
        (None, None) => msg,
    }))
}

/// `UnicodeDecodeError(encoding, data, start, end, reason)`, as the native codecs raise
/// it (its `str()` is CPython's message, made from the fields).
pub fn unicode_decode_error(
    vm: &mut Vm,
    encoding: &str,
    data: &[u8],
    start: usize,
    end: usize,
    reason: &str,
) -> PyErr {
    let t = vm.rt.types.exc.unicode_decode_error;
    let obj = vm.new_bytes(data.to_vec());
    unicode_error(vm, t, encoding, obj, start, end, reason)
}

/// `UnicodeEncodeError(encoding, text, start, end, reason)`; start and end count
/// characters.
pub fn unicode_encode_error(
    vm: &mut Vm,
    encoding: &str,
    text: &str,
    start: usize,
    end: usize,
    reason: &str,
) -> PyErr {
    let t = vm.rt.types.exc.unicode_encode_error;
    let obj = vm.new_str(text);
    unicode_error(vm, t, encoding, obj, start, end, reason)
}

/// A UnicodeEncodeError whose `object` is the str `obj` itself (its exact text, lone
/// surrogates included: see `objects/str.rs`).
pub fn unicode_encode_error_obj(
    vm: &mut Vm,
    encoding: &str,
    obj: Value,
    start: usize,
    end: usize,
    reason: &str,
) -> PyErr {
    let t = vm.rt.types.exc.unicode_encode_error;
    unicode_error(vm, t, encoding, Ok(obj), start, end, reason)
}

fn unicode_error(
    vm: &mut Vm,
    ty: Value,
    encoding: &str,
    obj: PyResult,
    start: usize,
    end: usize,
    reason: &str,
) -> PyErr {
    let r = (|| {
        crate::root_scope!(vm);
        let obj = vm.root(obj?);
        let enc = vm.new_str(encoding)?;
        vm.root(enc);
        let why = vm.new_str(reason)?;
        vm.root(why);
        let start = vm.new_int(start as i64)?;
        let end = vm.new_int(end as i64)?;
        make_exception(vm, ty, &[enc, obj, start, end, why])
    })();
    match r {
        Ok(e) => PyErr(e),
        Err(e) => e,
    }
}

/// `str()` of a UnicodeDecodeError or UnicodeEncodeError made with CPython's five
/// arguments: which byte or character at which position, and why. None otherwise.
pub fn unicode_error_str(vm: &mut Vm, e: Value) -> PyResult<Option<String>> {
    let ty = vm.type_of(e);
    let t = vm.rt.types.exc;
    let decode = crate::types::is_subclass(vm, ty, t.unicode_decode_error);
    if !decode && !crate::types::is_subclass(vm, ty, t.unicode_encode_error) {
        return Ok(None);
    }
    let field = |vm: &mut Vm, n: &str| exc_field(vm, e, n).map(|v| v.unwrap_or(Value::NONE));
    let (enc, obj) = (field(vm, "encoding")?, field(vm, "object")?);
    let (start, end) = (field(vm, "start")?, field(vm, "end")?);
    let reason = field(vm, "reason")?;
    let (Some(enc), Some(start), Some(end), Some(reason)) = (
        as_str(&enc).map(String::from),
        crate::helpers::as_int(start),
        crate::helpers::as_int(end),
        as_str(&reason).map(String::from),
    ) else {
        return Ok(None);
    };
    let verb = if decode { "decode" } else { "encode" };
    if end != start + 1 || start < 0 {
        let what = if decode { "bytes" } else { "characters" };
        return Ok(Some(format!(
            "'{enc}' codec can't {verb} {what} in position {start}-{}: {reason}",
            end - 1
        )));
    }
    let one = if decode {
        crate::objects::bytes::buffer_bytes(&obj)
            .and_then(|b| b.get(start as usize).map(|b| format!("byte 0x{b:02x}")))
    } else {
        crate::helpers::as_str_data(&obj)
            .filter(|s| (start as usize) < s.chars())
            .map(|s| match s.code_at(start as usize) {
                n if n < 0x100 => format!("character '\\x{n:02x}'"),
                n if n < 0x10000 => format!("character '\\u{n:04x}'"),
                n => format!("character '\\U{n:08x}'"),
            })
    };
    Ok(one.map(|one| format!("'{enc}' codec can't {verb} {one} in position {start}: {reason}")))
}

/// Escape non-ASCII characters as `ascii()` does.
pub fn ascii_of(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let n = c as u32;
        if n < 128 {
            out.push(c);
        } else if n < 256 {
            out.push_str(&format!("\\x{n:02x}"));
        } else if n < 0x10000 {
            out.push_str(&format!("\\u{n:04x}"));
        } else {
            out.push_str(&format!("\\U{n:08x}"));
        }
    }
    out
}

/// Source files read while one report is formatted, each read once: their lines
/// without line ends (None for a file that cannot be read).
#[derive(Default)]
struct SourceFiles(Vec<(String, Option<Vec<String>>)>);

impl SourceFiles {
    /// Line `line` (1-based) of `filename` as it is in the file, without its line end.
    fn line(&mut self, filename: &str, line: u32) -> Option<&str> {
        let i = match self.0.iter().position(|(f, _)| f == filename) {
            Some(i) => i,
            None => {
                let lines = std::fs::read(filename).ok().map(|b| {
                    String::from_utf8_lossy(&b)
                        .split('\n')
                        .map(|l| l.strip_suffix('\r').unwrap_or(l).to_string())
                        .collect()
                });
                self.0.push((filename.to_string(), lines));
                self.0.len() - 1
            }
        };
        let lines = self.0[i].1.as_ref()?;
        lines.get(line.checked_sub(1)? as usize).map(|s| s.as_str())
    }
}

/// `sys.tracebacklimit`, if it is set to an int.
fn traceback_limit(vm: &mut Vm) -> Option<i64> {
    let modules = vm.rt.modules;
    let sys = vm.dict_get_str(modules, "sys")?;
    let d = sys.downcast::<crate::objects::module::ModuleData>()?.dict;
    let v = vm.dict_get_str(d, "tracebacklimit")?;
    crate::helpers::as_int(v)
}

/// Frames of the same place in a row shown before "[Previous line repeated ...]".
const RECURSIVE_CUTOFF: usize = 3;

/// The note standing for the frames of a run of `count` that were not shown.
fn push_repeated(out: &mut String, count: usize) {
    if count > RECURSIVE_CUTOFF {
        let n = count - RECURSIVE_CUTOFF;
        let s = if n > 1 { "s" } else { "" };
        out.push_str(&format!("  [Previous line repeated {n} more time{s}]\n"));
    }
}

/// The "  File ..." lines of an exception's traceback, each with its source line and
/// column markers, runs of one place cut short, as CPython prints them (empty without
/// a traceback, or when `sys.tracebacklimit` is 0 or less).
fn format_frames(vm: &mut Vm, e: Value) -> String {
    let mut out = String::new();
    let Some(x) = e.downcast::<ExcData>() else {
        return out;
    };
    let mut entries = crate::objects::traceback::entries(x.traceback.load());
    let limit = traceback_limit(vm).unwrap_or(1000);
    if limit <= 0 {
        return out;
    }
    if entries.len() > limit as usize {
        entries.drain(..entries.len() - limit as usize);
    }
    let mut files = SourceFiles::default();
    let mut last: Option<(String, u32, String)> = None;
    let mut count = 0;
    for (code, line, lasti) in entries {
        let Some(c) = code.downcast::<CodeObj>() else {
            continue;
        };
        let c: &crate::bytecode::CodeData = &c.code;
        let same = last
            .as_ref()
            .is_some_and(|(f, l, n)| *f == c.filename && *l == line && *n == c.name);
        if !same {
            push_repeated(&mut out, count);
            last = Some((c.filename.clone(), line, c.name.clone()));
            count = 0;
        }
        count += 1;
        if count > RECURSIVE_CUTOFF {
            continue;
        }
        out.push_str(&format!(
            "  File \"{}\", line {}, in {}\n",
            c.filename, line, c.name
        ));
        if let Some(raw) = files.line(&c.filename, line) {
            let shown = raw.trim_start_matches([' ', '\t', '\x0c']);
            if !shown.trim_end().is_empty() {
                out.push_str(&format!("    {shown}\n"));
                if let Some(pos) = crate::objects::traceback::carets::position_of(c, lasti)
                    && let Some(m) = crate::objects::traceback::carets::marker_line(raw, pos)
                {
                    out.push_str(&m);
                    out.push('\n');
                }
            }
        }
    }
    push_repeated(&mut out, count);
    out
}

/// Format one exception (without its chain) as CPython prints it.
fn format_one(vm: &mut Vm, e: Value, out: &mut String) {
    let frames = format_frames(vm, e);
    if !frames.is_empty() {
        out.push_str("Traceback (most recent call last):\n");
        out.push_str(&frames);
    }
    format_only(vm, e, out);
}

/// The "Type: message" line(s) of an exception, then its notes.
fn format_only(vm: &mut Vm, e: Value, out: &mut String) {
    format_message(vm, e, out);
    format_notes(vm, e, out);
}

/// Each of `e.__notes__` on its own line, as CPython prints them.
fn format_notes(vm: &mut Vm, e: Value, out: &mut String) {
    let Some(x) = e.downcast::<ExcData>() else {
        return;
    };
    let Some(notes) = vm.dict_get_str(x.dict, "__notes__") else {
        return;
    };
    let items = match notes.downcast::<crate::objects::list::ListData>() {
        Some(l) => l.snapshot(),
        None => match notes.downcast::<TupleData>() {
            Some(t) => t.0.to_vec(),
            None => {
                let r = vm
                    .repr(notes)
                    .unwrap_or_else(|_| "<__notes__ repr() failed>".into());
                out.push_str(&r);
                out.push('\n');
                return;
            }
        },
    };
    let mut s = vm.scope();
    s.root(notes);
    for n in items {
        let text = s.str_of(n).unwrap_or_else(|_| "<note str() failed>".into());
        out.push_str(&text);
        out.push('\n');
    }
}

/// The "Type: message" line(s) of an exception (a SyntaxError's location first).
fn format_message(vm: &mut Vm, e: Value, out: &mut String) {
    let ty = vm.type_of(e);
    let td = crate::types::type_data(&ty);
    let mut name = td.qualname.read().clone();
    if td.is_user
        && let Some(m) = vm.dict_get_str(td.dict, "__module__")
        && let Some(ms) = as_str(&m)
        && ms != "__main__"
        && ms != "builtins"
    {
        name = format!("{ms}.{name}");
    }
    // SyntaxError: file, line, text and caret.
    if crate::types::is_subclass(vm, ty, vm.rt.types.exc.syntax_error)
        && let Some(x) = e.downcast::<ExcData>()
    {
        let d = x.dict;
        let get = |vm: &mut Vm, k: &str| vm.dict_get_str(d, k);
        let filename = get(vm, "filename");
        let lineno = get(vm, "lineno");
        if let (Some(fnm), Some(ln)) = (filename, lineno)
            && let (Some(fnm), Some(ln)) = (
                as_str(&fnm).map(|s| s.to_string()),
                crate::helpers::as_int(ln),
            )
        {
            out.push_str(&format!("  File \"{fnm}\", line {ln}\n"));
            if let Some(text) = get(vm, "text").and_then(|t| as_str(&t).map(|s| s.to_string())) {
                let trimmed = text.trim_end_matches('\n');
                let stripped = trimmed.trim_start();
                let indent = trimmed.len() - stripped.len();
                out.push_str(&format!("    {stripped}\n"));
                let off = get(vm, "offset")
                    .and_then(crate::helpers::as_int)
                    .unwrap_or(0) as usize;
                let mut end = get(vm, "end_offset")
                    .and_then(crate::helpers::as_int)
                    .unwrap_or(0)
                    .max(0) as usize;
                // A span over several lines is marked to the end of its first line.
                let end_line = get(vm, "end_lineno").and_then(crate::helpers::as_int);
                if end_line.is_some_and(|l| l > ln) {
                    end = text.chars().count();
                }
                // No caret for an offset in the stripped indentation (a TabError).
                if off > indent {
                    let start = off - 1 - indent;
                    let width = if end > off { end - off } else { 1 };
                    out.push_str(&format!("    {}{}\n", " ".repeat(start), "^".repeat(width)));
                }
            }
        }
        let msg = get(vm, "msg")
            .and_then(|m| as_str(&m).map(|s| s.to_string()))
            .unwrap_or_default();
        out.push_str(&format!("{name}: {msg}\n"));
        return;
    }
    let mut msg = vm
        .str_of(e)
        .unwrap_or_else(|_| "<exception str() failed>".into());
    if let Some(s) = crate::suggestions::offer(vm, e) {
        msg = format!("{msg}. Did you mean: '{s}'?");
    }
    if msg.is_empty() {
        out.push_str(&format!("{name}\n"));
    } else {
        out.push_str(&format!("{name}: {msg}\n"));
    }
}

/// The full report for an exception, with its cause/context chain and, for exception
/// groups, their members drawn in nested boxes as CPython 3.11 draws them.
pub fn format_exception(vm: &mut Vm, e: Value) -> String {
    let mut ctx = PrintCtx::default();
    let mut out = String::new();
    format_chain(vm, e, &mut ctx, &mut out);
    out
}

/// How deep and how wide groups are drawn (CPython's defaults).
const MAX_GROUP_DEPTH: usize = 10;
const MAX_GROUP_WIDTH: usize = 15;

/// The state of one report: how many group boxes enclose the current text, whether
/// the innermost box still needs its closing line, and the exceptions already shown.
#[derive(Default)]
struct PrintCtx {
    depth: usize,
    need_close: bool,
    seen: Vec<Value>,
}

impl PrintCtx {
    fn indent(&self) -> String {
        " ".repeat(2 * self.depth)
    }

    /// `text`, each line behind the margin of the enclosing boxes.
    fn emit(&self, out: &mut String, text: &str, margin: char) {
        let mut prefix = self.indent();
        if self.depth > 0 {
            prefix.push(margin);
            prefix.push(' ');
        }
        for line in text.split_inclusive('\n') {
            out.push_str(&prefix);
            out.push_str(line);
        }
    }
}

/// An exception and its chain, the oldest first.
fn format_chain(vm: &mut Vm, e: Value, ctx: &mut PrintCtx, out: &mut String) {
    ctx.seen.push(e);
    let mut chain = vec![(e, "")];
    let mut cur = e;
    while let Some(x) = cur.downcast::<ExcData>() {
        let cause = *x.cause.lock();
        let context = *x.context.lock();
        let suppress = x
            .suppress_context
            .load(std::sync::atomic::Ordering::Relaxed);
        let next = if !cause.is_null() && !cause.is_none() {
            Some((
                cause,
                "\nThe above exception was the direct cause of the following exception:\n\n",
            ))
        } else if !context.is_null() && !context.is_none() && !suppress {
            Some((
                context,
                "\nDuring handling of the above exception, another exception occurred:\n\n",
            ))
        } else {
            None
        };
        match next {
            Some((n, sep)) if !ctx.seen.contains(&n) && chain.len() < 100 => {
                ctx.seen.push(n);
                chain.push((n, sep));
                cur = n;
            }
            _ => break,
        }
    }
    // chain[i].1 says how chain[i] led to chain[i - 1]: printed after it.
    for i in (0..chain.len()).rev() {
        let x = chain[i].0;
        if !crate::exception_group::is_group(vm, x) {
            let mut s = String::new();
            format_one(vm, x, &mut s);
            ctx.emit(out, &s, '|');
        } else if ctx.depth > MAX_GROUP_DEPTH {
            let s = format!("... (max_group_depth is {MAX_GROUP_DEPTH})\n");
            ctx.emit(out, &s, '|');
        } else {
            format_group(vm, x, ctx, out);
        }
        if i > 0 {
            ctx.emit(out, chain[i].1, '|');
        }
    }
}

/// A group: its traceback and message, then a numbered box per member.
fn format_group(vm: &mut Vm, g: Value, ctx: &mut PrintCtx, out: &mut String) {
    let top = ctx.depth == 0;
    if top {
        ctx.depth += 1;
    }
    let frames = format_frames(vm, g);
    if !frames.is_empty() {
        let margin = if top { '+' } else { '|' };
        ctx.emit(
            out,
            "Exception Group Traceback (most recent call last):\n",
            margin,
        );
        ctx.emit(out, &frames, '|');
    }
    let mut s = String::new();
    format_only(vm, g, &mut s);
    ctx.emit(out, &s, '|');
    let members = crate::exception_group::members(g);
    let shown = members.len().min(MAX_GROUP_WIDTH + 1);
    ctx.need_close = false;
    for (i, &m) in members.iter().take(shown).enumerate() {
        let last = i + 1 == shown;
        if last {
            // A member that is itself a group may draw the closing line instead.
            ctx.need_close = true;
        }
        let truncated = i >= MAX_GROUP_WIDTH;
        let title = if truncated {
            "...".to_string()
        } else {
            (i + 1).to_string()
        };
        let corner = if i == 0 { "+-" } else { "  " };
        let dashes = "-".repeat(16);
        out.push_str(&format!(
            "{}{corner}+{dashes} {title} {dashes}\n",
            ctx.indent()
        ));
        ctx.depth += 1;
        if truncated {
            let more = members.len() - MAX_GROUP_WIDTH;
            let s = if more > 1 { "s" } else { "" };
            ctx.emit(out, &format!("and {more} more exception{s}\n"), '|');
        } else {
            format_chain(vm, m, ctx, out);
        }
        if last && ctx.need_close {
            out.push_str(&format!("{}+{}\n", ctx.indent(), "-".repeat(36)));
            ctx.need_close = false;
        }
        ctx.depth -= 1;
    }
    if top {
        ctx.depth = 0;
    }
}

impl Vm {
    /// Print a traceback to stderr as CPython does for an uncaught exception.
    pub fn print_exception(&mut self, err: PyErr) {
        let s = self.with_root(err.0, |vm| format_exception(vm, err.0));
        let _ = std::io::stdout().flush();
        let _ = std::io::stderr().write_all(s.as_bytes());
    }
}

/// Report an exception that cannot propagate (weakref callback, `__del__`).
pub fn report_unraisable(vm: &mut Vm, err: PyErr, obj: Value) {
    report_unraisable_with(vm, err, "Exception ignored in", obj);
}

/// Report an exception that cannot propagate as `{what}: {obj!r}` and the traceback,
/// or through `sys.unraisablehook` when a program replaced it.
pub fn report_unraisable_with(vm: &mut Vm, err: PyErr, what: &str, obj: Value) {
    if call_unraisable_hook(vm, &err, what, obj) {
        return;
    }
    let (r, s) = vm.with_root(err.0, |vm| {
        let r = vm
            .repr(obj)
            .unwrap_or_else(|_| "<object repr() failed>".into());
        (r, format_exception(vm, err.0))
    });
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().write_all(format!("{what}: {r}\n{s}").as_bytes());
}

/// Hand the exception to a replaced `sys.unraisablehook` (with an `UnraisableHookArgs`
/// made by `sys._unraisable_args`); false when the hook is the default one, missing, or
/// failed (then the built-in report runs).
fn call_unraisable_hook(vm: &mut Vm, err: &PyErr, what: &str, obj: Value) -> bool {
    let modules = vm.rt.modules;
    let Some(sys) = vm.dict_get_str(modules, "sys") else {
        return false;
    };
    let Some(d) = sys
        .downcast::<crate::objects::module::ModuleData>()
        .map(|m| m.dict)
    else {
        return false;
    };
    let (Some(hook), Some(make)) = (
        vm.dict_get_str(d, "unraisablehook"),
        vm.dict_get_str(d, "_unraisable_args"),
    ) else {
        return false;
    };
    if Some(hook) == vm.dict_get_str(d, "__unraisablehook__") || hook.is_none() {
        return false;
    }
    crate::root_scope!(vm);
    for v in [err.0, hook, make, obj] {
        vm.root(v);
    }
    let r = (|| {
        let msg = if what == "Exception ignored in" {
            Value::NONE
        } else {
            vm.new_str(what)?
        };
        vm.root(msg);
        let args = vm.call(make, &[err.0, msg, obj], &[])?;
        vm.root(args);
        vm.call(hook, &[args], &[])
    })();
    r.is_ok()
}

/// A SyntaxError (or subclass) exception from a compile error.
pub fn syntax_error(vm: &mut Vm, e: &crate::compiler::CompileError) -> PyErr {
    let t = vm.rt.types.exc;
    let cls = match e.kind {
        crate::compiler::CompileErrorKind::SyntaxError => t.syntax_error,
        crate::compiler::CompileErrorKind::IndentationError => t.indentation_error,
        crate::compiler::CompileErrorKind::TabError => t.tab_error,
        crate::compiler::CompileErrorKind::RecursionError => {
            return vm.new_exception(t.recursion_error, &e.msg);
        }
        crate::compiler::CompileErrorKind::SystemError => {
            return vm.new_exception(t.system_error, &e.msg);
        }
    };
    let exc = vm.new_exception(cls, &e.msg);
    let r: PyResult<()> = (|| {
        crate::root_scope!(vm);
        vm.root(exc.0);
        let fields: [(&str, Value); 7] = [
            ("msg", vm.new_str(&e.msg)?),
            ("filename", vm.new_str(&e.filename)?),
            ("lineno", Value::small_int(e.line as i64).unwrap()),
            ("offset", Value::small_int(e.col as i64).unwrap()),
            ("end_lineno", Value::small_int(e.end_line as i64).unwrap()),
            ("end_offset", Value::small_int(e.end_col as i64).unwrap()),
            (
                "text",
                match &e.py_text {
                    Some(t) => vm.new_str(t)?,
                    None => Value::NONE,
                },
            ),
        ];
        // Fresh values are safe until a safepoint: rooted all before the first store.
        for &(_, v) in &fields {
            vm.root(v);
        }
        for (k, v) in fields {
            let key = vm.intern(k);
            let d = exc.0.downcast::<ExcData>().unwrap().dict;
            vm.dict_set(d, key, v)?;
        }
        Ok(())
    })();
    match r {
        Ok(()) => exc,
        Err(e) => e,
    }
}
