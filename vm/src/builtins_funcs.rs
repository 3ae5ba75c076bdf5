//! The builtin functions (`print`, `len`, `min`, `isinstance`, ...) and the constructors
//! of the built-in iterator types (`enumerate`, `zip`, `map`, `filter`, `reversed`).
use crate::bytecode::{BinOp, CmpOp};
use crate::helpers::{as_bigint, as_int, as_str, kwarg};
use crate::native::NativeDef;
use crate::objects::builtin_fn::BuiltinFn;
use crate::objects::bytes::{ByteArrayData, BytesData};
use crate::objects::dict::DictData;
use crate::objects::function::{BoundMethod, FunctionData};
use crate::objects::int::IntData;
use crate::objects::iter::{MiscIter, MiscIterKind, ReverseIter};
use crate::objects::str::StrData;
use crate::objects::tuple::TupleData;
use crate::objects::typeobj::TypeData;
use crate::ops::containers;
use crate::ops::protocol::base_or_self;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, root_scope};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{FromPrimitive, Signed, ToPrimitive, Zero};
use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicUsize};

pub fn init(vm: &mut Vm, builtins_dict: Value) {
    let funcs: &[NativeDef] = &[
        NativeDef::raw("print", b_print),
        b_len,
        b_repr,
        b_ascii,
        b_abs,
        b_all,
        b_any,
        b_sum,
        b_min,
        b_max,
        b_sorted,
        b_iter,
        b_next,
        b_chr,
        b_ord,
        b_hex,
        b_oct,
        b_bin,
        b_divmod,
        b_pow,
        b_round,
        b_hash,
        b_id,
        b_callable,
        b_isinstance,
        b_issubclass,
        b_getattr,
        b_setattr,
        b_hasattr,
        b_delattr,
        b_vars,
        b_dir,
        b_input,
        b_format,
        NativeDef::raw("open", b_open),
    ];
    for d in funcs {
        let fv = vm.new_native(d.name, "builtins", d.f).expect("start-up");
        let key = vm.intern(d.name);
        vm.dict_set(builtins_dict, key, fv).expect("start-up");
    }
    let t = vm.rt.types.base;
    vm.set_new(t.enumerate, enumerate_new.f);
    vm.set_new(t.zip, zip_new.f);
    vm.set_new(t.map, map_new.f);
    vm.set_new(t.filter, filter_new.f);
    vm.set_new(t.reversed, reversed_new.f);
    for ty in [
        t.seq_iter,
        t.list_iter,
        t.tuple_iter,
        t.str_iter,
        t.range_iter,
        t.dict_keyiter,
        t.dict_valueiter,
        t.dict_itemiter,
        t.set_iter,
        t.reversed,
        t.enumerate,
        t.zip,
        t.map,
        t.filter,
        t.callable_iter,
    ] {
        vm.add_methods(ty, &[iter_self, iter_next]);
    }
    for ty in [t.seq_iter, t.list_iter, t.tuple_iter, t.range_iter] {
        vm.add_methods(ty, &[iter_length_hint]);
    }
}

/// `__length_hint__` of the index iterators (`operator.length_hint`): what is left.
#[native(name = "__length_hint__")]
fn iter_length_hint(vm: &mut Vm, this: Value) -> PyResult {
    let left = if let Some(s) = this.downcast::<crate::objects::iter::SeqIter>() {
        let i = s.index.load() as usize;
        let seq = s.seq;
        match vm.len(seq) {
            Ok(n) => n.saturating_sub(i) as i64,
            Err(_) => 0,
        }
    } else if let Some(r) = this.downcast::<crate::objects::iter::RangeIter>() {
        let (next, stop, step) = (r.next.load() as i64 as i128, r.stop as i128, r.step as i128);
        if step > 0 && next < stop {
            ((stop - next + step - 1) / step) as i64
        } else if step < 0 && next > stop {
            ((next - stop - step - 1) / -step) as i64
        } else {
            0
        }
    } else {
        0
    };
    vm.new_int(left)
}

// ---------------------------------------------------------------- helpers

fn type_name_of(vm: &Vm, v: Value) -> String {
    vm.type_name(v)
}

fn check_kwargs(vm: &mut Vm, fname: &str, kw: &[(Value, Value)], allowed: &[&str]) -> PyResult<()> {
    for (k, _) in kw {
        let name = as_str(k).unwrap_or("");
        if !allowed.contains(&name) {
            return Err(vm.type_error(format!(
                "'{name}' is an invalid keyword argument for {fname}()"
            )));
        }
    }
    Ok(())
}

fn index_arg(vm: &mut Vm, v: Value) -> PyResult<BigInt> {
    if let Some(b) = as_bigint(v) {
        return Ok(b);
    }
    if let Some(f) = vm.lookup_special(v, "__index__")
        && crate::types::type_data(&vm.type_of(v)).is_user
    {
        let r = vm.call(f, &[v], &[])?;
        if let Some(b) = as_bigint(r) {
            return Ok(b);
        }
        return Err(vm.type_error(format!(
            "__index__ returned non-int (type {})",
            type_name_of(vm, r)
        )));
    }
    Err(vm.type_error(format!(
        "'{}' object cannot be interpreted as an integer",
        type_name_of(vm, v)
    )))
}

fn small_index(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if let Some(i) = v.as_small_int() {
        return Ok(i);
    }
    let b = index_arg(vm, v)?;
    match b.to_i64() {
        Some(i) => Ok(i),
        None => Err(vm.overflow_error("Python int too large to convert to C ssize_t")),
    }
}

/// Iterate `iterable`, calling `f` with each item (the item and iterator are rooted).
fn for_each(
    vm: &mut Vm,
    iterable: Value,
    mut f: impl FnMut(&mut Vm, Value) -> PyResult<bool>,
) -> PyResult<()> {
    if for_each_sequence(vm, iterable, &mut f)? {
        return Ok(());
    }
    let it = vm.iter(iterable)?;
    crate::root_scope!(vm);
    vm.root(it);
    let slot = vm.root_slot(Value::NONE);
    while let Some(x) = vm.next(it)? {
        vm.set_root_slot(slot, x);
        if !f(vm, x)? {
            break;
        }
    }
    Ok(())
}

/// `for_each` over an exact tuple, list, bytes or bytearray, item by item with no
/// iterator object (what their iterators would give: a list or bytearray is read
/// afresh at each index, so changes made meanwhile are seen, as CPython's iterators
/// see them). False: `iterable` is none of these. The caller roots `iterable`, which
/// keeps a tuple's or bytes' items alive; an item of a list is rooted while `f` runs.
fn for_each_sequence(
    vm: &mut Vm,
    iterable: Value,
    f: &mut impl FnMut(&mut Vm, Value) -> PyResult<bool>,
) -> PyResult<bool> {
    let byte = |b: u8| Value::small_int(b as i64).expect("a byte");
    if let Some(t) = iterable.downcast::<TupleData>() {
        for &x in t.0.iter() {
            if !f(vm, x)? {
                break;
            }
        }
    } else if let Some(b) = iterable.downcast::<BytesData>() {
        for &x in b.0.iter() {
            if !f(vm, byte(x))? {
                break;
            }
        }
    } else if let Some(b) = iterable.downcast::<ByteArrayData>() {
        let mut i = 0;
        while let Some(x) = b.0.lock().get(i).copied() {
            if !f(vm, byte(x))? {
                break;
            }
            i += 1;
        }
    } else if let Some(l) = iterable.downcast::<crate::objects::list::ListData>() {
        crate::root_scope!(vm);
        let slot = vm.root_slot(Value::NONE);
        let mut i = 0;
        while let Some(x) = l.get(i) {
            vm.set_root_slot(slot, x);
            if !f(vm, x)? {
                break;
            }
            i += 1;
        }
    } else {
        return Ok(false);
    }
    Ok(true)
}

/// `for_each`, where a generator's items are first offered to `fast` inside the
/// interpreter loop (`generator::gen_drain`: no leaving and re-entering the loop per
/// item). `fast` takes an item (true) or leaves it to `f` (false); it must not run
/// Python code or reach a safepoint (allocating is fine). Other iterables go to `f`.
fn for_each_fast(
    vm: &mut Vm,
    iterable: Value,
    mut fast: impl FnMut(&mut Vm, Value) -> bool,
    mut f: impl FnMut(&mut Vm, Value) -> PyResult<bool>,
) -> PyResult<()> {
    if !crate::objects::generator::is_generator(iterable) {
        return for_each(vm, iterable, f);
    }
    crate::root_scope!(vm);
    vm.root(iterable);
    let slot = vm.root_slot(Value::NONE);
    while let Some(x) = crate::objects::generator::gen_drain(vm, iterable, &mut fast)? {
        vm.set_root_slot(slot, x);
        if !f(vm, x)? {
            break;
        }
    }
    Ok(())
}

/// Falsy without asking the object (what `any` may skip and `all` must stop at).
fn known_falsy(x: Value) -> bool {
    matches!(x, Value::NONE | Value::FALSE) || x.as_small_int() == Some(0)
}

// ---------------------------------------------------------------- I/O

fn b_print(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    check_kwargs(vm, "print", kw, &["sep", "end", "file", "flush"])?;
    let text_arg = |vm: &mut Vm, name: &str, dflt: &str| -> PyResult<String> {
        match kwarg(kw, name) {
            None => Ok(dflt.to_string()),
            Some(v) if v.is_none() => Ok(dflt.to_string()),
            Some(v) => match as_str(&v) {
                Some(s) => Ok(s.to_string()),
                None => Err(vm.type_error(format!(
                    "{name} must be None or a string, not {}",
                    vm.type_name(v)
                ))),
            },
        }
    };
    let sep = text_arg(vm, "sep", " ")?;
    let end = text_arg(vm, "end", "\n")?;
    // The pieces in order: a file object gets one `write` call each, as in CPython.
    let mut pieces = Vec::with_capacity(2 * args.len() + 1);
    // A str holding lone surrogates goes as itself (objects/str.rs): `exact[k]` is the
    // argument behind `pieces[k]`, if so.
    let mut exact: Vec<Option<Value>> = Vec::with_capacity(2 * args.len() + 1);
    for (i, &a) in args.iter().enumerate() {
        if i > 0 {
            pieces.push(sep.clone());
            exact.push(None);
        }
        pieces.push(vm.str_of(a)?);
        let surr = crate::helpers::as_str_data(&a).is_some_and(|d| d.has_surrogates());
        exact.push(surr.then_some(a));
    }
    pieces.push(end);
    exact.push(None);
    let flush = match kwarg(kw, "flush") {
        Some(f) => vm.truthy(f)?,
        None => false,
    };
    match kwarg(kw, "file")
        .filter(|f| !f.is_none())
        .or_else(|| replaced_stdout(vm))
    {
        Some(file) => {
            let mut sc = vm.scope();
            sc.root(file);
            for (piece, ex) in pieces.iter().zip(&exact) {
                let s = match *ex {
                    Some(v) => v,
                    None => sc.new_str(piece)?,
                };
                sc.root(s);
                sc.call_method(file, "write", &[s])?;
            }
            drop(sc);
            if flush {
                vm.call_method(file, "flush", &[])?;
            }
        }
        None => {
            let mut o = std::io::stdout().lock();
            if let Some(k) = exact.iter().position(Option::is_some) {
                // stdout encodes UTF-8 strictly: what comes before goes out, then the
                // UnicodeEncodeError (as CPython's text stream raises it on that write).
                let _ = o.write_all(pieces[..k].concat().as_bytes());
                drop(o);
                let v = exact[k].expect("found");
                let d = crate::helpers::as_str_data(&v).expect("a str");
                if let Some(Err(e)) =
                    crate::objects::str::surrogates::encode(vm, v, d, "utf-8", "strict")
                {
                    return Err(e);
                }
                return Ok(Value::NONE);
            }
            let _ = o.write_all(pieces.concat().as_bytes());
            if flush {
                let _ = o.flush();
            }
        }
    }
    Ok(Value::NONE)
}

/// `sys.stdout` when a program has replaced it (e.g. `contextlib.redirect_stdout`); `None`
/// while it is still the original stream, which `print` writes to directly.
fn replaced_stdout(vm: &mut Vm) -> Option<Value> {
    let modules = vm.rt.modules;
    let sys = vm.dict_get_str(modules, "sys")?;
    let d = sys.downcast::<crate::objects::module::ModuleData>()?.dict;
    let cur = vm.dict_get_str(d, "stdout")?;
    let orig = vm.dict_get_str(d, "__stdout__");
    if Some(cur) == orig || cur.is_none() {
        None
    } else {
        Some(cur)
    }
}

#[native(name = "input")]
fn b_input(vm: &mut Vm, prompt: Option<Value>) -> PyResult {
    if let Some(p) = prompt {
        let s = vm.str_of(p)?;
        let mut o = std::io::stdout().lock();
        let _ = o.write_all(s.as_bytes());
        let _ = o.flush();
    } else {
        let _ = std::io::stdout().flush();
    }
    let mut line = String::new();
    match std::io::stdin().read_line(&mut line) {
        Ok(0) => {
            let t = vm.rt.types.exc.eof_error;
            Err(vm.new_exception(t, "EOF when reading a line"))
        }
        Ok(_) => {
            if line.ends_with('\n') {
                line.pop();
            }
            vm.new_str(&line)
        }
        Err(e) => {
            let t = vm.rt.types.exc.os_error;
            Err(vm.new_exception(t, &e.to_string()))
        }
    }
}

/// `open(...)`: the frozen `io` module's `open`, imported on first use.
fn b_open(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let io = vm.import_module("io")?;
    let f = vm.with_root(io, |vm| vm.getattr_str(io, "open"))?;
    vm.with_root(f, |vm| vm.call(f, args, kw))
}

// ---------------------------------------------------------------- simple wrappers

#[native(name = "len")]
pub(crate) fn b_len(vm: &mut Vm, v: Value) -> PyResult {
    let n = vm.len(v)?;
    vm.new_int(n as i64)
}

#[native(name = "repr")]
fn b_repr(vm: &mut Vm, v: Value) -> PyResult {
    let s = vm.repr(v)?;
    vm.new_str(&s)
}

#[native(name = "ascii")]
fn b_ascii(vm: &mut Vm, v: Value) -> PyResult {
    let s = vm.repr(v)?;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let n = c as u32;
        if n < 0x80 {
            out.push(c);
        } else if n < 0x100 {
            out.push_str(&format!("\\x{n:02x}"));
        } else if n < 0x10000 {
            out.push_str(&format!("\\u{n:04x}"));
        } else {
            out.push_str(&format!("\\U{n:08x}"));
        }
    }
    vm.new_str(&out)
}

#[native(name = "hash")]
fn b_hash(vm: &mut Vm, v: Value) -> PyResult {
    let h = vm.hash(v)?;
    vm.new_int(h)
}

#[native(name = "id")]
fn b_id(vm: &mut Vm, v: Value) -> PyResult {
    vm.new_bigint(BigInt::from(v.id()))
}

#[native(name = "callable")]
fn b_callable(vm: &mut Vm, v: Value) -> bool {
    is_callable(vm, v)
}

fn is_callable(vm: &mut Vm, v: Value) -> bool {
    // A staticmethod is callable (since 3.10) when what it wraps is.
    if let Some(sm) = v.downcast::<crate::objects::function::StaticMethod>() {
        let inner = sm.0;
        return is_callable(vm, inner);
    }
    v.is::<FunctionData>()
        || v.is::<BuiltinFn>()
        || v.is::<BoundMethod>()
        || v.is::<TypeData>()
        || vm.lookup_special(v, "__call__").is_some()
}

#[native(name = "format")]
fn b_format(vm: &mut Vm, value: Value, format_spec: Option<&str>) -> PyResult {
    if value
        .downcast::<StrData>()
        .is_some_and(|d| d.has_surrogates())
    {
        // Exact (objects/str/surrogates.rs).
        let spec = vm.new_str(format_spec.unwrap_or(""))?;
        return vm.with_root(spec, |vm| {
            crate::objects::str::methods::format_exact(vm, value, spec)
        });
    }
    let r = vm.format(value, format_spec.unwrap_or(""))?;
    vm.new_str(&r)
}

// ---------------------------------------------------------------- numbers

#[native(name = "abs")]
fn b_abs(vm: &mut Vm, v: Value) -> PyResult {
    if let Some(i) = as_int(v)
        && !v.is::<crate::objects::instance::InstanceData>()
    {
        return match i.checked_abs() {
            Some(a) => vm.new_int(a),
            None => vm.new_bigint(num_bigint::BigInt::from(i).abs()),
        };
    }
    if let Some(b) = v.downcast::<IntData>() {
        let a = b.0.abs();
        return vm.new_bigint(a);
    }
    if let Some(f) = crate::objects::float::float_of(v) {
        let a = f.abs();
        return vm.new_float(a);
    }
    if let Some(&z) = v.downcast::<crate::objects::complex::ComplexData>()
        && vm.type_of(v) == vm.rt.types.complex
    {
        let a = crate::objects::complex::c_abs(vm, z)?;
        return vm.new_float(a);
    }
    if let Some(f) = vm.lookup_special(v, "__abs__") {
        return vm.call(f, &[v], &[]);
    }
    Err(vm.type_error(format!("bad operand type for abs(): '{}'", vm.type_name(v))))
}

fn int_with_prefix(vm: &mut Vm, v: Value, radix: u32, prefix: &str) -> PyResult {
    let b = index_arg(vm, v)?;
    let digits = b.magnitude().to_str_radix(radix);
    let sign = if b.is_negative() { "-" } else { "" };
    vm.new_str(&format!("{sign}{prefix}{digits}"))
}

#[native(name = "hex")]
fn b_hex(vm: &mut Vm, number: Value) -> PyResult {
    int_with_prefix(vm, number, 16, "0x")
}
#[native(name = "oct")]
fn b_oct(vm: &mut Vm, number: Value) -> PyResult {
    int_with_prefix(vm, number, 8, "0o")
}
#[native(name = "bin")]
fn b_bin(vm: &mut Vm, number: Value) -> PyResult {
    int_with_prefix(vm, number, 2, "0b")
}

#[native(name = "chr")]
fn b_chr(vm: &mut Vm, v: Value) -> PyResult {
    // Small ints (the common case) without a BigInt.
    let i = match v.as_small_int() {
        Some(i) => u32::try_from(i).ok(),
        None => index_arg(vm, v)?.to_u32(),
    };
    let Some(i) = i.filter(|&i| i < 0x110000) else {
        // Past a C int, CPython fails converting before the range test.
        let big = match v.as_small_int() {
            Some(n) => i32::try_from(n).is_err(),
            None => index_arg(vm, v)?.to_i32().is_none(),
        };
        if big {
            return Err(vm.overflow_error("Python int too large to convert to C int"));
        }
        return Err(vm.value_error("chr() arg not in range(0x110000)"));
    };
    // A lone surrogate makes a flagged str (objects/str.rs).
    vm.new_code_point(i)
}

#[native(name = "ord")]
fn b_ord(vm: &mut Vm, v: Value) -> PyResult {
    if let Some(s) = crate::helpers::unwrap_base::<StrData>(&v) {
        if s.chars() != 1 {
            let n = s.chars();
            return Err(vm.type_error(format!(
                "ord() expected a character, but string of length {n} found"
            )));
        }
        let c = s.code_at(0) as i64;
        return Ok(Value::small_int(c).expect("a code point"));
    }
    let bytes = if let Some(b) = v.downcast::<BytesData>() {
        Some(b.0.to_vec())
    } else {
        v.downcast::<ByteArrayData>().map(|b| b.0.lock().clone())
    };
    if let Some(b) = bytes {
        if b.len() != 1 {
            return Err(vm.type_error(format!(
                "ord() expected a character, but string of length {} found",
                b.len()
            )));
        }
        return vm.new_int(b[0] as i64);
    }
    Err(vm.type_error(format!(
        "ord() expected string of length 1, but {} found",
        vm.type_name(v)
    )))
}

/// Python's float divmod (CPython float_divmod).
fn float_divmod(x: f64, y: f64) -> (f64, f64) {
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0f64.copysign(y);
    }
    let fd = if div != 0.0 {
        let mut f = div.floor();
        if div - f > 0.5 {
            f += 1.0;
        }
        f
    } else {
        0f64.copysign(x / y)
    };
    (fd, m)
}

#[native(name = "divmod")]
fn b_divmod(vm: &mut Vm, a: Value, b: Value) -> PyResult {
    let is_num = |v: Value| crate::helpers::is_int(v) || crate::objects::float::is_float(v);
    if is_num(a) && is_num(b) {
        if crate::objects::float::is_float(a) || crate::objects::float::is_float(b) {
            let (x, y) = (
                crate::helpers::as_f64(a).unwrap_or(0.0),
                crate::helpers::as_f64(b).unwrap_or(0.0),
            );
            if y == 0.0 {
                return Err(vm.zero_division_error("division by zero"));
            }
            let (q, r) = float_divmod(x, y);
            let qv = vm.new_float(q)?;
            let rv = vm.new_float(r)?;
            return vm.new_tuple(vec![qv, rv]);
        }
        let (x, y) = (as_bigint(a).unwrap(), as_bigint(b).unwrap());
        if y.is_zero() {
            return Err(vm.zero_division_error("integer division or modulo by zero"));
        }
        let (q, r) = x.div_mod_floor(&y);
        // Allocation never collects: `qv` needs no root until the tuple holds it.
        let qv = vm.new_bigint(q)?;
        let rv = vm.new_bigint(r)?;
        return vm.new_tuple(vec![qv, rv]);
    }
    if let Some(f) = vm.lookup_special(a, "__divmod__") {
        let r = vm.call(f, &[a, b], &[])?;
        if r != Value::NOT_IMPLEMENTED {
            return Ok(r);
        }
    }
    if let Some(f) = vm.lookup_special(b, "__rdivmod__") {
        let r = vm.call(f, &[b, a], &[])?;
        if r != Value::NOT_IMPLEMENTED {
            return Ok(r);
        }
    }
    Err(vm.type_error(format!(
        "unsupported operand type(s) for divmod(): '{}' and '{}'",
        vm.type_name(a),
        vm.type_name(b)
    )))
}

/// pow(base, exp, mod=None)
#[native(name = "pow")]
fn b_pow(
    vm: &mut Vm,
    #[kw] base: Value,
    #[kw] exp: Value,
    #[kw]
    #[name = "mod"]
    modulo: Option<Value>,
) -> PyResult {
    let m = modulo.filter(|m| !m.is_none());
    let Some(m) = m else {
        return vm.binary_op(base, exp, BinOp::Pow);
    };
    if [base, exp, m]
        .iter()
        .any(|v| crate::objects::complex::as_complex(v).is_some())
    {
        return Err(vm.value_error("complex modulo"));
    }
    let (Some(b), Some(e), Some(md)) = (as_bigint(base), as_bigint(exp), as_bigint(m)) else {
        return Err(
            vm.type_error("pow() 3rd argument not allowed unless all arguments are integers")
        );
    };
    if md.is_zero() {
        return Err(vm.value_error("pow() 3rd argument cannot be 0"));
    }
    let (b, e) = if e.is_negative() {
        let am = md.abs();
        let g = b.mod_floor(&am).extended_gcd(&am);
        if g.gcd != BigInt::from(1) {
            return Err(vm.value_error("base is not invertible for the given modulus"));
        }
        (g.x.mod_floor(&am), -e)
    } else {
        (b, e)
    };
    let r = b.modpow(&e, &md);
    // num-bigint keeps the sign of the base for negative bases; Python uses the modulus.
    let r = r.mod_floor(&md);
    vm.new_bigint(r)
}

fn round_half_even(x: f64) -> f64 {
    let r = x.round();
    if (x - x.trunc()).abs() == 0.5 {
        2.0 * (x / 2.0).round()
    } else {
        r
    }
}

/// round(number, ndigits=None)
#[native(name = "round")]
fn b_round(vm: &mut Vm, #[kw] number: Value, #[kw] ndigits: Option<Value>) -> PyResult {
    let x = number;
    let nd_v = ndigits.filter(|v| !v.is_none());
    let nd = match nd_v {
        Some(v) => Some(small_index(vm, v)?),
        None => None,
    };
    if crate::helpers::is_int(x) {
        let b = as_bigint(x).unwrap();
        let Some(nd) = nd.filter(|&n| n < 0) else {
            return vm.new_bigint(b);
        };
        if nd < -400 {
            return vm.new_int(0);
        }
        let p = BigInt::from(10).pow((-nd) as u32);
        let (q, r) = b.div_mod_floor(&p);
        let twice = &r * 2;
        let q = if twice > p || (twice == p && q.is_odd()) {
            q + 1
        } else {
            q
        };
        return vm.new_bigint(q * p);
    }
    if let Some(f) = crate::objects::float::float_of(x) {
        let Some(nd) = nd else {
            if f.is_nan() {
                return Err(vm.value_error("cannot convert float NaN to integer"));
            }
            if f.is_infinite() {
                return Err(vm.overflow_error("cannot convert float infinity to integer"));
            }
            let r = round_half_even(f);
            return vm.new_bigint(BigInt::from_f64(r).unwrap_or_default());
        };
        if !f.is_finite() || f == 0.0 {
            return vm.new_float(f);
        }
        let r = if nd >= 0 {
            if nd > 323 {
                f
            } else {
                format!("{:.*}", nd as usize, f).parse::<f64>().unwrap_or(f)
            }
        } else if nd < -308 {
            0.0f64.copysign(f)
        } else {
            let p = 10f64.powi((-nd) as i32);
            let z = round_half_even(f / p) * p;
            if z.is_infinite() { f } else { z }
        };
        let r = if r == 0.0 { 0.0f64.copysign(f) } else { r };
        return vm.new_float(r);
    }
    if let Some(m) = vm.lookup_special(x, "__round__") {
        return match nd_v {
            Some(n) => vm.call(m, &[x, n], &[]),
            None => vm.call(m, &[x], &[]),
        };
    }
    Err(vm.type_error(format!(
        "type {} doesn't define __round__ method",
        vm.type_name(x)
    )))
}

// ---------------------------------------------------------------- iteration-based

#[native(name = "all")]
fn b_all(vm: &mut Vm, v: Value) -> PyResult {
    let mut result = true;
    let fast = |_: &mut Vm, x: Value| x == Value::TRUE;
    for_each_fast(vm, v, fast, |vm, x| {
        if !vm.truthy(x)? {
            result = false;
            return Ok(false);
        }
        Ok(true)
    })?;
    Ok(Value::bool(result))
}

#[native(name = "any")]
fn b_any(vm: &mut Vm, v: Value) -> PyResult {
    let mut result = false;
    let fast = |_: &mut Vm, x: Value| known_falsy(x);
    for_each_fast(vm, v, fast, |vm, x| {
        if vm.truthy(x)? {
            result = true;
            return Ok(false);
        }
        Ok(true)
    })?;
    Ok(Value::bool(result))
}

/// sum(iterable, /, start=0)
#[native(name = "sum")]
fn b_sum(vm: &mut Vm, iterable: Value, #[kw] start: Option<Value>) -> PyResult {
    let start = start.unwrap_or(Value::small_int(0).unwrap());
    if start.is::<StrData>() {
        return Err(vm.type_error("sum() can't sum strings [use ''.join(seq) instead]"));
    }
    if start.is::<BytesData>() {
        return Err(vm.type_error("sum() can't sum bytes [use b''.join(seq) instead]"));
    }
    if start.is::<ByteArrayData>() {
        return Err(vm.type_error("sum() can't sum bytearray [use b''.join(seq) instead]"));
    }
    crate::root_scope!(vm);
    let slot = vm.root_slot(start);
    let acc = std::cell::Cell::new(start);
    // Small ints and floats, added without running Python code.
    let add_plain = |vm: &mut Vm, x: Value| -> Option<PyResult> {
        let a = acc.get();
        if let (Some(a), Some(b)) = (a.as_small_int(), x.as_small_int()) {
            Some(vm.new_int(a + b))
        } else if let (Some(a), Some(b)) = (
            crate::objects::float::float_of(a),
            crate::objects::float::float_of(x),
        ) {
            Some(vm.new_float(a + b))
        } else {
            None
        }
    };
    let fast = |vm: &mut Vm, x: Value| match add_plain(vm, x) {
        Some(Ok(next)) => {
            acc.set(next);
            vm.set_root_slot(slot, next);
            true
        }
        // MemoryError: raised by the full step below.
        _ => false,
    };
    let r = for_each_fast(vm, iterable, fast, |vm, x| {
        let next = match add_plain(vm, x) {
            Some(r) => r?,
            None => vm.binary_op(acc.get(), x, BinOp::Add)?,
        };
        acc.set(next);
        vm.set_root_slot(slot, next);
        Ok(true)
    });
    r.map(|_| acc.get())
}

fn min_max(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    key: Option<Value>,
    default: Option<Value>,
    op: CmpOp,
) -> PyResult {
    let key = key.filter(|k| !k.is_none());
    if args.len() > 1 && default.is_some() {
        return Err(vm.type_error(format!(
            "Cannot specify a default for {name}() with multiple positional arguments"
        )));
    }
    crate::root_scope!(vm);
    let best_x = vm.root_slot(Value::NULL);
    let best_k = vm.root_slot(Value::NULL);
    let mut best: Option<(Value, Value)> = None;
    let mut step = |vm: &mut Vm, x: Value| -> PyResult<bool> {
        let k = match key {
            Some(f) => vm.call(f, &[x], &[])?,
            None => x,
        };
        let replace = match best {
            None => true,
            Some((_, bk)) => vm.with_root(k, |vm| {
                vm.rich_compare(k, bk, op).and_then(|r| vm.truthy(r))
            })?,
        };
        if replace {
            best = Some((x, k));
            vm.set_root_slot(best_x, x);
            vm.set_root_slot(best_k, k);
        }
        Ok(true)
    };
    let r = if args.len() == 1 {
        for_each(vm, args[0], &mut step)
    } else {
        let mut res = Ok(());
        for &x in args {
            if let Err(e) = step(vm, x) {
                res = Err(e);
                break;
            }
        }
        res
    };
    r?;
    match best {
        Some((x, _)) => Ok(x),
        None => match default {
            Some(d) => Ok(d),
            None => Err(vm.value_error(format!("{name}() arg is an empty sequence"))),
        },
    }
}

/// `key` and `default` of min()/max(), checked in CPython 3.11's order: the positional
/// count first (`min expected at least 1 argument, got 0`, in `min_max`), then the number
/// of keywords, then each keyword's name. (A declared native would report an unknown
/// keyword before a missing positional argument, so these two bind by hand.)
fn min_max_keywords(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: &[(Value, Value)],
) -> PyResult<(Option<Value>, Option<Value>)> {
    if args.is_empty() {
        return Err(vm.type_error(format!("{name} expected at least 1 argument, got 0")));
    }
    if kw.len() > 2 {
        return Err(vm.type_error(format!(
            "{name}() takes at most 2 keyword arguments ({} given)",
            kw.len()
        )));
    }
    check_kwargs(vm, name, kw, &["key", "default"])?;
    let get = |want: &str| {
        kw.iter()
            .find(|(k, _)| as_str(k) == Some(want))
            .map(|&(_, v)| v)
    };
    Ok((get("key"), get("default")))
}

/// min(iterable, *, key=None, default=...) or min(a, b, *args, key=None)
#[native(raw, name = "min")]
fn b_min(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let (key, default) = min_max_keywords(vm, "min", args, kw)?;
    min_max(vm, "min", args, key, default, CmpOp::Lt)
}
/// max(iterable, *, key=None, default=...) or max(a, b, *args, key=None)
#[native(raw, name = "max")]
fn b_max(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let (key, default) = min_max_keywords(vm, "max", args, kw)?;
    min_max(vm, "max", args, key, default, CmpOp::Gt)
}

/// sorted(iterable, /, *, key=None, reverse=False)
#[native(name = "sorted", style = positional)]
fn b_sorted(
    vm: &mut Vm,
    iterable: Value,
    #[kwonly] key: Option<Value>,
    #[kwonly] reverse: Option<bool>,
) -> PyResult {
    let items = vm.collect_iter(iterable)?;
    root_scope!(vm);
    let l = vm.new_list(items)?;
    vm.root(l);
    let key = key.unwrap_or(Value::NONE);
    crate::objects::list::methods::sort_list(vm, l, key, reverse.unwrap_or(false))?;
    Ok(l)
}

#[native(name = "iter")]
fn b_iter(vm: &mut Vm, object: Value, sentinel: Option<Value>) -> PyResult {
    let Some(sentinel) = sentinel else {
        return vm.iter(object);
    };
    if !is_callable(vm, object) {
        return Err(vm.type_error("iter(v, w): v must be callable"));
    }
    let ty = vm.rt.types.callable_iter;
    misc(
        vm,
        ty,
        MiscIterKind::CallableSentinel,
        vec![object, sentinel],
        0,
    )
}

#[native(name = "next")]
fn b_next(vm: &mut Vm, iterator: Value, default: Option<Value>) -> PyResult {
    let it = iterator;
    if default.is_none() && crate::objects::generator::is_generator(it) {
        // Keeps the generator's return value in the StopIteration.
        return crate::objects::generator::gen_next_raising(vm, it);
    }
    if default.is_none() {
        // An await's step: StopIteration carries the await's result.
        if let Some(r) = crate::objects::async_gen::next_native(vm, it) {
            return r;
        }
    }
    if default.is_none()
        && let Some(m) = it.downcast::<crate::objects::iter::MiscIter>()
        && matches!(
            m.kind,
            MiscIterKind::Enumerate | MiscIterKind::Map | MiscIterKind::Zip
        )
        && !(m.kind == MiscIterKind::Zip && m.count.load(std::sync::atomic::Ordering::Relaxed) != 0)
    {
        return match crate::ops::containers::misc_next_for_next(vm, m)? {
            Some(v) => Ok(v),
            None => Err(vm.stop_iteration()),
        };
    }
    if default.is_none() && crate::types::type_data(&vm.type_of(it)).is_user {
        // A user iterator's own StopIteration (with its value) comes out as it is.
        if let Some(f) = vm.lookup_special(it, "__next__") {
            return vm.call(f, &[it], &[]);
        }
    }
    match vm.next(it)? {
        Some(v) => Ok(v),
        None => match default {
            Some(d) => Ok(d),
            None => Err(vm.stop_iteration()),
        },
    }
}

#[native(name = "__iter__", style = slot)]
fn iter_self(_vm: &mut Vm, this: Value) -> Value {
    this
}

/// Is `f` the shared `__iter__` that returns its receiver (`iter_self`)?
pub fn is_iter_self(f: Value) -> bool {
    f.downcast::<crate::objects::builtin_fn::BuiltinFn>()
        .is_some_and(|b| std::ptr::fn_addr_eq(b.f, iter_self.f))
}

#[native(name = "__next__", style = slot)]
fn iter_next(vm: &mut Vm, this: Value) -> PyResult {
    match vm.next(this)? {
        Some(v) => Ok(v),
        None => Err(vm.stop_iteration()),
    }
}

// ---------------------------------------------------------------- iterator types

fn misc(vm: &mut Vm, ty: Value, kind: MiscIterKind, vals: Vec<Value>, count: i64) -> PyResult {
    let it = MiscIter {
        kind,
        vals: vals.into_boxed_slice(),
        count: AtomicI64::new(count),
        done: AtomicBool::new(false),
    };
    vm.alloc(ty, it)
}

/// Iterators of every value in `vs`, rooted until the caller's root scope ends.
fn iters_of(vm: &mut Vm, vs: &[Value]) -> PyResult<Vec<Value>> {
    let mut out = Vec::with_capacity(vs.len());
    for &v in vs {
        let it = vm.iter(v)?;
        vm.root(it);
        out.push(it);
    }
    Ok(out)
}

/// enumerate(iterable, start=0)
#[native(new, name = "enumerate")]
fn enumerate_new(
    vm: &mut Vm,
    cls: Value,
    #[kw] iterable: Value,
    #[kw] start: Option<Value>,
) -> PyResult {
    let _ = cls;
    // The start as an int of any size (`vals[1]`); the counter counts items from 0.
    let start = match start {
        Some(s) if s.as_small_int().is_some() => s,
        Some(s) => {
            let b = index_arg(vm, s)?;
            vm.new_bigint(b)?
        }
        None => Value::small_int(0).expect("small"),
    };
    root_scope!(vm);
    vm.root(start);
    let mut its = iters_of(vm, &[iterable])?;
    its.push(start);
    let ty = vm.rt.types.enumerate;
    misc(vm, ty, MiscIterKind::Enumerate, its, 0)
}

/// zip(*iterables, strict=False)
#[native(new, name = "zip")]
fn zip_new(
    vm: &mut Vm,
    cls: Value,
    #[varargs] args: &[Value],
    #[kwonly] strict: Option<bool>,
) -> PyResult {
    let _ = cls;
    // `strict=True` is kept in the (otherwise unused) counter.
    let strict = strict.unwrap_or(false) as i64;
    root_scope!(vm);
    let its = iters_of(vm, args)?;
    let ty = vm.rt.types.zip;
    misc(vm, ty, MiscIterKind::Zip, its, strict)
}

/// map(func, iterable, /, *iterables)
#[native(new, name = "map")]
fn map_new(vm: &mut Vm, cls: Value, func: Value, #[varargs] iterables: &[Value]) -> PyResult {
    let _ = cls;
    if iterables.is_empty() {
        return Err(vm.type_error("map() must have at least two arguments."));
    }
    root_scope!(vm);
    let mut vals = vec![func];
    vals.extend(iters_of(vm, iterables)?);
    let ty = vm.rt.types.map;
    misc(vm, ty, MiscIterKind::Map, vals, 0)
}

#[native(new, name = "filter")]
fn filter_new(vm: &mut Vm, cls: Value, function: Value, iterable: Value) -> PyResult {
    let _ = cls;
    root_scope!(vm);
    let its = iters_of(vm, &[iterable])?;
    let ty = vm.rt.types.filter;
    misc(vm, ty, MiscIterKind::Filter, vec![function, its[0]], 0)
}

#[native(new, name = "reversed", style = positional)]
fn reversed_new(vm: &mut Vm, cls: Value, sequence: Value) -> PyResult {
    let _ = cls;
    let v = sequence;
    let ty = vm.rt.types.reversed;
    let user = crate::types::type_data(&vm.type_of(v)).is_user;
    if user
        && let Some(f) = vm.lookup_special(v, "__reversed__")
        && !f.is::<BuiltinFn>()
    {
        if f.is_none() {
            // `__reversed__ = None` opts out (as `collections.abc.Mapping` does).
            return Err(vm.type_error(format!("'{}' object is not reversible", vm.type_name(v))));
        }
        return vm.call(f, &[v], &[]);
    }
    let b = base_or_self(v);
    if b.is::<crate::objects::iter::DictView>() {
        // A dict view backwards: its items as they are now, last first.
        let mut items = vm.collect_iter(b)?;
        items.reverse();
        let l = vm.new_list(items)?;
        return vm.with_root(l, |vm| vm.iter(l));
    }
    if let Some(d) = b.downcast::<DictData>() {
        let n = d.0.lock().raw_len();
        return vm.alloc(
            ty,
            ReverseIter {
                seq: b,
                index: AtomicUsize::new(n),
            },
        );
    }
    let builtin_seq = b.is::<crate::objects::list::ListData>()
        || b.is::<TupleData>()
        || b.is::<StrData>()
        || b.is::<BytesData>()
        || b.is::<ByteArrayData>()
        || b.is::<crate::objects::range::RangeData>();
    if builtin_seq {
        let n = containers::builtin_len(vm, b).unwrap_or(0);
        return vm.alloc(
            ty,
            ReverseIter {
                seq: b,
                index: AtomicUsize::new(n),
            },
        );
    }
    if let Some(f) = vm.lookup_special(v, "__reversed__") {
        return vm.call(f, &[v], &[]);
    }
    if user
        && vm.lookup_special(v, "__len__").is_some()
        && vm.lookup_special(v, "__getitem__").is_some()
    {
        let n = vm.len(v)?;
        return vm.alloc(
            ty,
            ReverseIter {
                seq: v,
                index: AtomicUsize::new(n),
            },
        );
    }
    Err(vm.type_error(format!("'{}' object is not reversible", vm.type_name(v))))
}

// ---------------------------------------------------------------- types and attributes

/// `sub` is the class tested; `arg` what the caller was given (the instance for
/// isinstance), which a non-class `cls`'s hook receives.
fn class_check(
    vm: &mut Vm,
    arg: Value,
    sub: Value,
    cls: Value,
    fname: &str,
    what: &str,
) -> PyResult<bool> {
    if cls.is::<TypeData>() {
        return Ok(crate::types::is_subclass(vm, sub, cls));
    }
    if let Some(t) = cls.downcast::<TupleData>() {
        let context = if fname == "isinstance" {
            " in __instancecheck__"
        } else {
            " in __subclasscheck__"
        };
        let items = t.0.to_vec();
        return vm.nested(context, |vm| {
            for c in items {
                if class_check(vm, arg, sub, c, fname, what)? {
                    return Ok(true);
                }
            }
            Ok(false)
        });
    }
    // An object that is not a class may still answer (`types.GenericAlias` refuses).
    let hook = if fname == "isinstance" {
        "__instancecheck__"
    } else {
        "__subclasscheck__"
    };
    if !cls.is::<TypeData>()
        && crate::types::type_data(&vm.type_of(cls)).is_user
        && let Some(h) = vm.lookup_special(cls, hook)
    {
        let r = vm.call(h, &[cls, arg], &[])?;
        return vm.truthy(r);
    }
    Err(vm.type_error(format!("{fname}() arg 2 must be {what}")))
}

/// `__instancecheck__` or `__subclasscheck__` of a class whose metaclass is a user class
/// (an ABC's, say): the hook to call with (cls, arg), if it has one.
fn meta_hook(vm: &mut Vm, cls: Value, name: &str) -> Option<Value> {
    if !cls.is::<TypeData>() {
        return None;
    }
    let meta = vm.type_of(cls);
    if !crate::types::type_data(&meta).is_user {
        return None;
    }
    vm.lookup_special(cls, name)
}

/// `isinstance`/`issubclass` against a class or tuple of classes, honouring metaclass
/// hooks; `None` when no hook is involved, so the caller's plain check decides.
fn hooked_check(vm: &mut Vm, arg: Value, cls: Value, inst: bool) -> PyResult<Option<bool>> {
    let name = if inst {
        "__instancecheck__"
    } else {
        "__subclasscheck__"
    };
    if let Some(t) = cls.downcast::<TupleData>() {
        let context = if inst {
            " in __instancecheck__"
        } else {
            " in __subclasscheck__"
        };
        let items = t.0.to_vec();
        return vm.nested(context, |vm| {
            if !items.iter().any(|&c| meta_hook(vm, c, name).is_some()) {
                return Ok(None);
            }
            for c in items {
                let r = match hooked_check(vm, arg, c, inst)? {
                    Some(r) => r,
                    None => {
                        let sub = if inst { vm.type_of(arg) } else { arg };
                        let what = "a type, a tuple of types, or a union";
                        class_check(vm, arg, sub, c, "isinstance", what)?
                    }
                };
                if r {
                    return Ok(Some(true));
                }
            }
            Ok(Some(false))
        });
    }
    let Some(hook) = meta_hook(vm, cls, name) else {
        return Ok(None);
    };
    if inst && vm.type_of(arg) == cls {
        return Ok(Some(true));
    }
    let r = vm.call(hook, &[cls, arg], &[])?;
    Ok(Some(vm.truthy(r)?))
}

#[native(name = "isinstance")]
pub(crate) fn b_isinstance(vm: &mut Vm, obj: Value, class_or_tuple: Value) -> PyResult {
    if let Some(r) = hooked_check(vm, obj, class_or_tuple, true)? {
        return Ok(Value::bool(r));
    }
    let t = vm.type_of(obj);
    let what = "a type, a tuple of types, or a union";
    let r = class_check(vm, obj, t, class_or_tuple, "isinstance", what)?;
    if !r && let Some(referent) = vm.unproxy(obj)? {
        // CPython falls back to `obj.__class__`, which a proxy forwards.
        let t = vm.type_of(referent);
        return Ok(Value::bool(class_check(
            vm,
            referent,
            t,
            class_or_tuple,
            "isinstance",
            what,
        )?));
    }
    Ok(Value::bool(r))
}

#[native(name = "issubclass")]
fn b_issubclass(vm: &mut Vm, cls: Value, class_or_tuple: Value) -> PyResult {
    if !cls.is::<TypeData>() {
        return Err(vm.type_error("issubclass() arg 1 must be a class"));
    }
    if let Some(r) = hooked_check(vm, cls, class_or_tuple, false)? {
        return Ok(Value::bool(r));
    }
    let r = class_check(
        vm,
        cls,
        cls,
        class_or_tuple,
        "issubclass",
        "a class, a tuple of classes, or a union",
    )?;
    Ok(Value::bool(r))
}

fn attr_name(vm: &mut Vm, v: Value) -> PyResult<Value> {
    if v.is::<StrData>() {
        return Ok(v);
    }
    if let Some(s) = as_str(&v) {
        let s = s.to_string();
        return vm.new_str(&s);
    }
    Err(vm.type_error(format!(
        "attribute name must be string, not '{}'",
        vm.type_name(v)
    )))
}

#[native(name = "getattr")]
fn b_getattr(vm: &mut Vm, object: Value, name: Value, default: Option<Value>) -> PyResult {
    let name = attr_name(vm, name)?;
    let r = vm.with_root(name, |vm| match default {
        // With a default, a missing attribute raises nothing (no exception is made).
        Some(d) => vm.getattr_opt(object, name).map(|v| v.unwrap_or(d)),
        None => vm.getattr(object, name),
    });
    match (r, default) {
        (Err(e), Some(d)) if vm.err_is(&e, vm.rt.types.exc.attribute_error) => Ok(d),
        (r, _) => r,
    }
}

#[native(name = "hasattr")]
fn b_hasattr(vm: &mut Vm, obj: Value, name: Value) -> PyResult {
    let name = attr_name(vm, name)?;
    let r = vm.with_root(name, |vm| vm.getattr_opt(obj, name));
    match r {
        Ok(found) => Ok(Value::bool(found.is_some())),
        Err(e) if vm.err_is(&e, vm.rt.types.exc.attribute_error) => Ok(Value::FALSE),
        Err(e) => Err(e),
    }
}

#[native(name = "setattr")]
fn b_setattr(vm: &mut Vm, obj: Value, name: Value, value: Value) -> PyResult<()> {
    let name = attr_name(vm, name)?;
    vm.with_root(name, |vm| vm.setattr(obj, name, value))
}

#[native(name = "delattr")]
fn b_delattr(vm: &mut Vm, obj: Value, name: Value) -> PyResult<()> {
    let name = attr_name(vm, name)?;
    vm.with_root(name, |vm| vm.delattr(obj, name))
}

#[native(name = "vars")]
fn b_vars(vm: &mut Vm, object: Option<Value>) -> PyResult {
    let Some(object) = object else {
        return crate::builtins_exec::caller_locals(vm);
    };
    match vm.getattr_str(object, "__dict__") {
        Ok(d) => Ok(d),
        Err(e) if vm.err_is(&e, vm.rt.types.exc.attribute_error) => {
            Err(vm.type_error("vars() argument must have __dict__ attribute"))
        }
        Err(e) => Err(e),
    }
}

#[native(name = "dir")]
fn b_dir(vm: &mut Vm, object: Option<Value>) -> PyResult {
    let Some(o) = object else {
        // The names in the caller's local scope, sorted.
        let d = crate::builtins_exec::caller_locals(vm)?;
        if !d.is::<DictData>() {
            root_scope!(vm);
            vm.root(d);
            let keys = vm.collect_iter(d)?;
            let l = vm.new_list(keys)?;
            vm.root(l);
            crate::objects::list::methods::sort_list(vm, l, Value::NONE, false)?;
            return Ok(l);
        }
        let mut names: Vec<Value> = vm.dict_items(d).into_iter().map(|(k, _)| k).collect();
        names.sort_by(|a, b| as_str(a).unwrap_or("").cmp(as_str(b).unwrap_or("")));
        return vm.new_list(names);
    };
    if let Some(f) = vm.lookup_special(o, "__dir__")
        && !f.is::<BuiltinFn>()
    {
        root_scope!(vm);
        let r = vm.call(f, &[o], &[])?;
        vm.root(r);
        let items = vm.collect_iter(r)?;
        let l = vm.new_list(items)?;
        vm.root(l);
        crate::objects::list::methods::sort_list(vm, l, Value::NONE, false)?;
        return Ok(l);
    }
    let mut dicts = Vec::new();
    if let Some(m) = o.downcast::<crate::objects::module::ModuleData>() {
        dicts.push(m.dict);
    } else if o.is::<TypeData>() {
        dicts.extend(
            crate::types::mro(o)
                .into_iter()
                .map(|t| crate::types::type_data(&t).dict),
        );
    } else {
        if let Some(d) = vm.dict_of(o)? {
            dicts.push(d);
        }
        let t = vm.type_of(o);
        dicts.extend(
            crate::types::mro(t)
                .into_iter()
                .map(|t| crate::types::type_data(&t).dict),
        );
    }
    let mut names: Vec<String> = Vec::new();
    for d in dicts {
        for (k, _) in vm.dict_items(d) {
            if let Some(s) = as_str(&k) {
                names.push(s.to_string());
            }
        }
    }
    names.sort();
    names.dedup();
    // Allocation never collects: the strs need no root before the list holds them.
    let mut items = Vec::with_capacity(names.len());
    for n in &names {
        items.push(vm.new_str(n)?);
    }
    vm.new_list(items)
}
