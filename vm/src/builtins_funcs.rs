//! The builtin functions (`print`, `len`, `min`, `isinstance`, ...) and the constructors
//! of the built-in iterator types (`enumerate`, `zip`, `map`, `filter`, `reversed`).
use crate::bytecode::{BinOp, CmpOp};
use crate::helpers::{arg_count, as_bigint, as_int, as_str, kwarg, no_kwargs};
use crate::objects::builtin_fn::{BuiltinFn, NativeFn};
use crate::objects::bytes::{ByteArrayData, BytesData};
use crate::objects::dict::DictData;
use crate::objects::float::FloatData;
use crate::objects::function::{BoundMethod, FunctionData};
use crate::objects::int::IntData;
use crate::objects::iter::{MiscIter, MiscIterKind, ReverseIter};
use crate::objects::str::StrData;
use crate::objects::tuple::TupleData;
use crate::objects::typeobj::TypeData;
use crate::ops::containers::{self, set_root};
use crate::ops::protocol::base_or_self;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{FromPrimitive, Signed, ToPrimitive, Zero};
use std::io::Write;
use std::sync::atomic::{AtomicBool, AtomicI64, AtomicUsize};

pub fn init(vm: &mut Vm, builtins_dict: Value) {
    let funcs: &[(&'static str, NativeFn)] = &[
        ("print", b_print),
        ("len", b_len),
        ("repr", b_repr),
        ("ascii", b_ascii),
        ("abs", b_abs),
        ("all", b_all),
        ("any", b_any),
        ("sum", b_sum),
        ("min", b_min),
        ("max", b_max),
        ("sorted", b_sorted),
        ("iter", b_iter),
        ("next", b_next),
        ("chr", b_chr),
        ("ord", b_ord),
        ("hex", b_hex),
        ("oct", b_oct),
        ("bin", b_bin),
        ("divmod", b_divmod),
        ("pow", b_pow),
        ("round", b_round),
        ("hash", b_hash),
        ("id", b_id),
        ("callable", b_callable),
        ("isinstance", b_isinstance),
        ("issubclass", b_issubclass),
        ("getattr", b_getattr),
        ("setattr", b_setattr),
        ("hasattr", b_hasattr),
        ("delattr", b_delattr),
        ("vars", b_vars),
        ("dir", b_dir),
        ("input", b_input),
        ("format", b_format),
        ("open", b_open),
    ];
    for &(name, f) in funcs {
        let fv = vm.new_native(name, "builtins", f).expect("start-up");
        let key = vm.intern(name);
        vm.dict_set(builtins_dict, key, fv).expect("start-up");
    }
    let t = vm.rt.types.base;
    vm.set_new(t.enumerate, enumerate_new);
    vm.set_new(t.zip, zip_new);
    vm.set_new(t.map, map_new);
    vm.set_new(t.filter, filter_new);
    vm.set_new(t.reversed, reversed_new);
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
        vm.add_method(ty, "__iter__", iter_self);
        vm.add_method(ty, "__next__", iter_next);
    }
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
        && crate::types::type_data(vm.type_of(v)).is_user
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
    let it = vm.iter(iterable)?;
    let mark = vm.roots_len();
    vm.push_root(it);
    let slot = vm.roots_len();
    vm.push_root(Value::NONE);
    let r = loop {
        match vm.next(it) {
            Ok(Some(x)) => {
                set_root(vm, slot, x);
                match f(vm, x) {
                    Ok(true) => {}
                    Ok(false) => break Ok(()),
                    Err(e) => break Err(e),
                }
            }
            Ok(None) => break Ok(()),
            Err(e) => break Err(e),
        }
    };
    vm.truncate_roots(mark);
    r
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
    for (i, &a) in args.iter().enumerate() {
        if i > 0 {
            pieces.push(sep.clone());
        }
        pieces.push(vm.str_of(a)?);
    }
    pieces.push(end);
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
            for piece in &pieces {
                let s = sc.new_str(piece)?;
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

fn b_input(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    no_kwargs(vm, "input", kw)?;
    arg_count(vm, "input", args, 0, 1)?;
    if let Some(&p) = args.first() {
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

fn one(vm: &mut Vm, name: &str, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    no_kwargs(vm, name, kw)?;
    arg_count(vm, name, args, 1, 1)?;
    Ok(args[0])
}

fn b_len(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let v = one(vm, "len", args, kw)?;
    let n = vm.len(v)?;
    vm.new_int(n as i64)
}

fn b_repr(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let v = one(vm, "repr", args, kw)?;
    let s = vm.repr(v)?;
    vm.new_str(&s)
}

fn b_ascii(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let v = one(vm, "ascii", args, kw)?;
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

fn b_hash(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let v = one(vm, "hash", args, kw)?;
    let h = vm.hash(v)?;
    vm.new_int(h)
}

fn b_id(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let v = one(vm, "id", args, kw)?;
    vm.new_bigint(BigInt::from(v.id()))
}

fn b_callable(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let v = one(vm, "callable", args, kw)?;
    let yes = v.is::<FunctionData>()
        || v.is::<BuiltinFn>()
        || v.is::<BoundMethod>()
        || v.is::<TypeData>()
        || vm.lookup_special(v, "__call__").is_some();
    Ok(Value::bool(yes))
}

fn b_format(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    no_kwargs(vm, "format", kw)?;
    arg_count(vm, "format", args, 1, 2)?;
    let spec = match args.get(1) {
        Some(s) => match as_str(s) {
            Some(s) => s.to_string(),
            None => {
                return Err(vm.type_error(format!(
                    "format() argument 2 must be str, not {}",
                    vm.type_name(*s)
                )));
            }
        },
        None => String::new(),
    };
    let r = vm.format(args[0], &spec)?;
    vm.new_str(&r)
}

// ---------------------------------------------------------------- numbers

fn b_abs(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let v = one(vm, "abs", args, kw)?;
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
    if let Some(f) = v.downcast::<FloatData>() {
        let a = f.0.abs();
        return vm.new_float(a);
    }
    if let Some(f) = vm.lookup_special(v, "__abs__") {
        return vm.call(f, &[v], &[]);
    }
    Err(vm.type_error(format!("bad operand type for abs(): '{}'", vm.type_name(v))))
}

fn int_with_prefix(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: &[(Value, Value)],
    radix: u32,
    prefix: &str,
) -> PyResult {
    let v = one(vm, name, args, kw)?;
    let b = index_arg(vm, v)?;
    let digits = b.magnitude().to_str_radix(radix);
    let sign = if b.is_negative() { "-" } else { "" };
    vm.new_str(&format!("{sign}{prefix}{digits}"))
}

fn b_hex(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    int_with_prefix(vm, "hex", args, kw, 16, "0x")
}
fn b_oct(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    int_with_prefix(vm, "oct", args, kw, 8, "0o")
}
fn b_bin(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    int_with_prefix(vm, "bin", args, kw, 2, "0b")
}

fn b_chr(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let v = one(vm, "chr", args, kw)?;
    // Small ints (the common case) without a BigInt.
    let i = match v.as_small_int() {
        Some(i) => u32::try_from(i).ok(),
        None => index_arg(vm, v)?.to_u32(),
    };
    let Some(i) = i.filter(|&i| i < 0x110000) else {
        return Err(vm.value_error("chr() arg not in range(0x110000)"));
    };
    let c = char::from_u32(i).unwrap_or('\u{fffd}');
    vm.new_char(c)
}

fn b_ord(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let v = one(vm, "ord", args, kw)?;
    if let Some(s) = crate::helpers::unwrap_base::<StrData>(&v) {
        if s.chars() != 1 {
            let n = s.chars();
            return Err(vm.type_error(format!(
                "ord() expected a character, but string of length {n} found"
            )));
        }
        let c = s.as_str().chars().next().unwrap() as i64;
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

fn b_divmod(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    no_kwargs(vm, "divmod", kw)?;
    arg_count(vm, "divmod", args, 2, 2)?;
    let (a, b) = (args[0], args[1]);
    let is_num = |v: Value| crate::helpers::is_int(v) || v.is::<FloatData>();
    if is_num(a) && is_num(b) {
        if a.is::<FloatData>() || b.is::<FloatData>() {
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
        let qv = vm.new_bigint(q)?;
        vm.push_root(qv);
        let rv = vm.new_bigint(r);
        vm.pop_roots(1);
        return vm.new_tuple(vec![qv, rv?]);
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

fn b_pow(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    check_kwargs(vm, "pow", kw, &["base", "exp", "mod"])?;
    let mut p: [Option<Value>; 3] = [
        args.first().copied(),
        args.get(1).copied(),
        args.get(2).copied(),
    ];
    for (i, name) in ["base", "exp", "mod"].iter().enumerate() {
        if let Some(v) = kwarg(kw, name) {
            p[i] = Some(v);
        }
    }
    if args.len() > 3 {
        return Err(vm.type_error(format!(
            "pow expected at most 3 arguments, got {}",
            args.len()
        )));
    }
    let (Some(base), Some(exp)) = (p[0], p[1]) else {
        return Err(vm.type_error("pow() missing required argument 'exp' (pos 2)"));
    };
    let m = p[2].filter(|m| !m.is_none());
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

fn b_round(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    check_kwargs(vm, "round", kw, &["number", "ndigits"])?;
    let number = args.first().copied().or_else(|| kwarg(kw, "number"));
    let Some(x) = number else {
        return Err(vm.type_error("round() missing required argument 'number' (pos 1)"));
    };
    if args.len() > 2 {
        return Err(vm.type_error(format!(
            "round() takes at most 2 arguments ({} given)",
            args.len()
        )));
    }
    let nd_v = args
        .get(1)
        .copied()
        .or_else(|| kwarg(kw, "ndigits"))
        .filter(|v| !v.is_none());
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
    if let Some(f) = x.downcast::<FloatData>() {
        let f = f.0;
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

fn b_all(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let v = one(vm, "all", args, kw)?;
    let mut result = true;
    for_each(vm, v, |vm, x| {
        if !vm.truthy(x)? {
            result = false;
            return Ok(false);
        }
        Ok(true)
    })?;
    Ok(Value::bool(result))
}

fn b_any(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let v = one(vm, "any", args, kw)?;
    let mut result = false;
    for_each(vm, v, |vm, x| {
        if vm.truthy(x)? {
            result = true;
            return Ok(false);
        }
        Ok(true)
    })?;
    Ok(Value::bool(result))
}

fn b_sum(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    check_kwargs(vm, "sum", kw, &["start"])?;
    if args.is_empty() || args.len() > 2 {
        return Err(vm.type_error(format!(
            "sum() takes at {} 2 arguments ({} given)",
            if args.is_empty() {
                "least 1 positional argument"
            } else {
                "most"
            },
            args.len()
        )));
    }
    let start = args
        .get(1)
        .copied()
        .or_else(|| kwarg(kw, "start"))
        .unwrap_or(Value::small_int(0).unwrap());
    if start.is::<StrData>() {
        return Err(vm.type_error("sum() can't sum strings [use ''.join(seq) instead]"));
    }
    if start.is::<BytesData>() {
        return Err(vm.type_error("sum() can't sum bytes [use b''.join(seq) instead]"));
    }
    if start.is::<ByteArrayData>() {
        return Err(vm.type_error("sum() can't sum bytearray [use b''.join(seq) instead]"));
    }
    let mark = vm.roots_len();
    let slot = vm.roots_len();
    vm.push_root(start);
    let mut acc = start;
    let r = for_each(vm, args[0], |vm, x| {
        let next = if let (Some(a), Some(b)) = (acc.as_small_int(), x.as_small_int()) {
            vm.new_int(a + b)?
        } else if let (Some(a), Some(b)) = (acc.downcast::<FloatData>(), x.downcast::<FloatData>())
        {
            let s = a.0 + b.0;
            vm.new_float(s)?
        } else {
            vm.binary_op(acc, x, BinOp::Add)?
        };
        acc = next;
        set_root(vm, slot, acc);
        Ok(true)
    });
    vm.truncate_roots(mark);
    r.map(|_| acc)
}

fn min_max(vm: &mut Vm, name: &str, args: &[Value], kw: &[(Value, Value)], op: CmpOp) -> PyResult {
    check_kwargs(vm, name, kw, &["key", "default"])?;
    if args.is_empty() {
        return Err(vm.type_error(format!("{name} expected at least 1 argument, got 0")));
    }
    let key = kwarg(kw, "key").filter(|k| !k.is_none());
    let default = kwarg(kw, "default");
    if args.len() > 1 && default.is_some() {
        return Err(vm.type_error(format!(
            "Cannot specify a default for {name}() with multiple positional arguments"
        )));
    }
    let mark = vm.roots_len();
    let best_slot = vm.roots_len();
    vm.push_root(Value::NULL);
    vm.push_root(Value::NULL);
    let mut best: Option<(Value, Value)> = None;
    let mut step = |vm: &mut Vm, x: Value| -> PyResult<bool> {
        let k = match key {
            Some(f) => vm.call(f, &[x], &[])?,
            None => x,
        };
        let replace = match best {
            None => true,
            Some((_, bk)) => {
                vm.push_root(k);
                let r = vm.rich_compare(k, bk, op).and_then(|r| vm.truthy(r));
                vm.pop_roots(1);
                r?
            }
        };
        if replace {
            best = Some((x, k));
            set_root(vm, best_slot, x);
            set_root(vm, best_slot + 1, k);
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
    vm.truncate_roots(mark);
    r?;
    match best {
        Some((x, _)) => Ok(x),
        None => match default {
            Some(d) => Ok(d),
            None => Err(vm.value_error(format!("{name}() arg is an empty sequence"))),
        },
    }
}

fn b_min(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    min_max(vm, "min", args, kw, CmpOp::Lt)
}
fn b_max(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    min_max(vm, "max", args, kw, CmpOp::Gt)
}

fn b_sorted(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    if args.len() != 1 {
        return Err(vm.type_error(format!("sorted expected 1 argument, got {}", args.len())));
    }
    let (key, reverse) = crate::objects::list_methods::sort_kwargs(vm, "sort", kw)?;
    let items = vm.collect_iter(args[0])?;
    let l = vm.new_list(items)?;
    vm.push_root(l);
    let r = crate::objects::list_methods::sort_list(vm, l, key, reverse);
    vm.pop_roots(1);
    r.map(|_| l)
}

fn b_iter(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    no_kwargs(vm, "iter", kw)?;
    arg_count(vm, "iter", args, 1, 2)?;
    if args.len() == 1 {
        return vm.iter(args[0]);
    }
    let callable = b_callable(vm, &args[..1], &[])?;
    if callable != Value::TRUE {
        return Err(vm.type_error("iter(v, w): v must be callable"));
    }
    let ty = vm.rt.types.callable_iter;
    misc(
        vm,
        ty,
        MiscIterKind::CallableSentinel,
        vec![args[0], args[1]],
        0,
    )
}

fn b_next(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    no_kwargs(vm, "next", kw)?;
    arg_count(vm, "next", args, 1, 2)?;
    if args.len() == 1 && crate::objects::generator::is_generator(args[0]) {
        // Keeps the generator's return value in the StopIteration.
        return crate::objects::generator::gen_next_raising(vm, args[0]);
    }
    if args.len() == 1 {
        // An await's step: StopIteration carries the await's result.
        if let Some(r) = crate::objects::async_gen::next_native(vm, args[0]) {
            return r;
        }
    }
    if args.len() == 1 && crate::types::type_data(vm.type_of(args[0])).is_user {
        // A user iterator's own StopIteration (with its value) comes out as it is.
        if let Some(f) = vm.lookup_special(args[0], "__next__") {
            return vm.call(f, &[args[0]], &[]);
        }
    }
    match vm.next(args[0])? {
        Some(v) => Ok(v),
        None => match args.get(1) {
            Some(&d) => Ok(d),
            None => Err(vm.stop_iteration()),
        },
    }
}

fn iter_self(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "__iter__", args, 1, 1)?;
    Ok(args[0])
}

fn iter_next(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "__next__", args, 1, 1)?;
    match vm.next(args[0])? {
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

/// Iterators of every value in `vs`, rooted (release with the caller's mark).
fn iters_of(vm: &mut Vm, vs: &[Value]) -> PyResult<Vec<Value>> {
    let mut out = Vec::with_capacity(vs.len());
    for &v in vs {
        let it = vm.iter(v)?;
        vm.push_root(it);
        out.push(it);
    }
    Ok(out)
}

fn enumerate_new(vm: &mut Vm, _cls: Value, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    check_kwargs(vm, "enumerate", kw, &["iterable", "start"])?;
    if args.len() > 2 {
        return Err(vm.type_error(format!(
            "enumerate() takes at most 2 arguments ({} given)",
            args.len()
        )));
    }
    let Some(iterable) = args.first().copied().or_else(|| kwarg(kw, "iterable")) else {
        return Err(vm.type_error("enumerate() missing required argument 'iterable'"));
    };
    // The start as an int of any size (`vals[1]`); the counter counts items from 0.
    let start = match args.get(1).copied().or_else(|| kwarg(kw, "start")) {
        Some(s) if s.as_small_int().is_some() => s,
        Some(s) => {
            let b = index_arg(vm, s)?;
            vm.new_bigint(b)?
        }
        None => Value::small_int(0).expect("small"),
    };
    vm.push_root(start);
    let mark = vm.roots_len();
    let r = iters_of(vm, &[iterable]).and_then(|mut its| {
        its.push(start);
        let ty = vm.rt.types.enumerate;
        misc(vm, ty, MiscIterKind::Enumerate, its, 0)
    });
    vm.truncate_roots(mark - 1);
    r
}

fn zip_new(vm: &mut Vm, _cls: Value, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    check_kwargs(vm, "zip", kw, &["strict"])?;
    // `strict=True` is kept in the (otherwise unused) counter.
    let strict = match kwarg(kw, "strict") {
        Some(v) => vm.truthy(v)? as i64,
        None => 0,
    };
    let mark = vm.roots_len();
    let r = iters_of(vm, args).and_then(|its| {
        let ty = vm.rt.types.zip;
        misc(vm, ty, MiscIterKind::Zip, its, strict)
    });
    vm.truncate_roots(mark);
    r
}

fn map_new(vm: &mut Vm, _cls: Value, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    no_kwargs(vm, "map", kw)?;
    if args.len() < 2 {
        return Err(vm.type_error("map() must have at least two arguments."));
    }
    let mark = vm.roots_len();
    let r = iters_of(vm, &args[1..]).and_then(|its| {
        let mut vals = vec![args[0]];
        vals.extend(its);
        let ty = vm.rt.types.map;
        misc(vm, ty, MiscIterKind::Map, vals, 0)
    });
    vm.truncate_roots(mark);
    r
}

fn filter_new(vm: &mut Vm, _cls: Value, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    no_kwargs(vm, "filter", kw)?;
    if args.len() != 2 {
        return Err(vm.type_error(format!("filter expected 2 arguments, got {}", args.len())));
    }
    let mark = vm.roots_len();
    let r = iters_of(vm, &args[1..]).and_then(|its| {
        let ty = vm.rt.types.filter;
        misc(vm, ty, MiscIterKind::Filter, vec![args[0], its[0]], 0)
    });
    vm.truncate_roots(mark);
    r
}

fn reversed_new(vm: &mut Vm, _cls: Value, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    no_kwargs(vm, "reversed", kw)?;
    if args.len() != 1 {
        return Err(vm.type_error(format!("reversed expected 1 argument, got {}", args.len())));
    }
    let v = args[0];
    let ty = vm.rt.types.reversed;
    let user = crate::types::type_data(vm.type_of(v)).is_user;
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
        vm.check_native_depth(if fname == "isinstance" {
            " in __instancecheck__"
        } else {
            " in __subclasscheck__"
        })?;
        let items = t.0.to_vec();
        for c in items {
            if class_check(vm, arg, sub, c, fname, what)? {
                return Ok(true);
            }
        }
        return Ok(false);
    }
    // An object that is not a class may still answer (`types.GenericAlias` refuses).
    let hook = if fname == "isinstance" {
        "__instancecheck__"
    } else {
        "__subclasscheck__"
    };
    if !cls.is::<TypeData>()
        && crate::types::type_data(vm.type_of(cls)).is_user
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
    if !crate::types::type_data(meta).is_user {
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
        vm.check_native_depth(if inst {
            " in __instancecheck__"
        } else {
            " in __subclasscheck__"
        })?;
        let items = t.0.to_vec();
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
        return Ok(Some(false));
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

fn b_isinstance(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    no_kwargs(vm, "isinstance", kw)?;
    arg_count(vm, "isinstance", args, 2, 2)?;
    if let Some(r) = hooked_check(vm, args[0], args[1], true)? {
        return Ok(Value::bool(r));
    }
    let t = vm.type_of(args[0]);
    let what = "a type, a tuple of types, or a union";
    let r = class_check(vm, args[0], t, args[1], "isinstance", what)?;
    if !r && let Some(referent) = vm.unproxy(args[0])? {
        // CPython falls back to `obj.__class__`, which a proxy forwards.
        let t = vm.type_of(referent);
        return Ok(Value::bool(class_check(
            vm,
            referent,
            t,
            args[1],
            "isinstance",
            what,
        )?));
    }
    Ok(Value::bool(r))
}

fn b_issubclass(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    no_kwargs(vm, "issubclass", kw)?;
    arg_count(vm, "issubclass", args, 2, 2)?;
    if !args[0].is::<TypeData>() {
        return Err(vm.type_error("issubclass() arg 1 must be a class"));
    }
    if let Some(r) = hooked_check(vm, args[0], args[1], false)? {
        return Ok(Value::bool(r));
    }
    let r = class_check(
        vm,
        args[0],
        args[0],
        args[1],
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

fn b_getattr(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    no_kwargs(vm, "getattr", kw)?;
    if args.len() < 2 || args.len() > 3 {
        let n = args.len();
        return Err(vm.type_error(if n < 2 {
            format!("getattr expected at least 2 arguments, got {n}")
        } else {
            format!("getattr expected at most 3 arguments, got {n}")
        }));
    }
    let name = attr_name(vm, args[1])?;
    vm.push_root(name);
    let r = match args.get(2) {
        // With a default, a missing attribute raises nothing (no exception is made).
        Some(&d) => vm.getattr_opt(args[0], name).map(|v| v.unwrap_or(d)),
        None => vm.getattr(args[0], name),
    };
    vm.pop_roots(1);
    match (r, args.get(2)) {
        (Err(e), Some(&d)) if vm.err_is(&e, vm.rt.types.exc.attribute_error) => Ok(d),
        (r, _) => r,
    }
}

fn b_hasattr(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    no_kwargs(vm, "hasattr", kw)?;
    arg_count(vm, "hasattr", args, 2, 2)?;
    let name = attr_name(vm, args[1])?;
    vm.push_root(name);
    let r = vm.getattr_opt(args[0], name);
    vm.pop_roots(1);
    match r {
        Ok(found) => Ok(Value::bool(found.is_some())),
        Err(e) if vm.err_is(&e, vm.rt.types.exc.attribute_error) => Ok(Value::FALSE),
        Err(e) => Err(e),
    }
}

fn b_setattr(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    no_kwargs(vm, "setattr", kw)?;
    arg_count(vm, "setattr", args, 3, 3)?;
    let name = attr_name(vm, args[1])?;
    vm.push_root(name);
    let r = vm.setattr(args[0], name, args[2]);
    vm.pop_roots(1);
    r.map(|_| Value::NONE)
}

fn b_delattr(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    no_kwargs(vm, "delattr", kw)?;
    arg_count(vm, "delattr", args, 2, 2)?;
    let name = attr_name(vm, args[1])?;
    vm.push_root(name);
    let r = vm.delattr(args[0], name);
    vm.pop_roots(1);
    r.map(|_| Value::NONE)
}

fn b_vars(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    no_kwargs(vm, "vars", kw)?;
    arg_count(vm, "vars", args, 0, 1)?;
    if args.is_empty() {
        return crate::builtins_exec::caller_locals(vm);
    }
    match vm.getattr_str(args[0], "__dict__") {
        Ok(d) => Ok(d),
        Err(e) if vm.err_is(&e, vm.rt.types.exc.attribute_error) => {
            Err(vm.type_error("vars() argument must have __dict__ attribute"))
        }
        Err(e) => Err(e),
    }
}

fn b_dir(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    no_kwargs(vm, "dir", kw)?;
    arg_count(vm, "dir", args, 0, 1)?;
    let Some(&o) = args.first() else {
        // The names in the caller's local scope, sorted.
        let d = crate::builtins_exec::caller_locals(vm)?;
        if !d.is::<DictData>() {
            vm.push_root(d);
            let keys = vm.collect_iter(d);
            vm.pop_roots(1);
            let l = vm.new_list(keys?)?;
            vm.push_root(l);
            let s = crate::objects::list_methods::sort_list(vm, l, Value::NONE, false);
            vm.pop_roots(1);
            return s.map(|_| l);
        }
        let mut names: Vec<Value> = vm.dict_items(d).into_iter().map(|(k, _)| k).collect();
        names.sort_by(|a, b| as_str(a).unwrap_or("").cmp(as_str(b).unwrap_or("")));
        return vm.new_list(names);
    };
    if let Some(f) = vm.lookup_special(o, "__dir__")
        && !f.is::<BuiltinFn>()
    {
        let r = vm.call(f, &[o], &[])?;
        vm.push_root(r);
        let items = vm.collect_iter(r);
        let l = items.and_then(|items| vm.new_list(items));
        vm.pop_roots(1);
        let l = l?;
        vm.push_root(l);
        let s = crate::objects::list_methods::sort_list(vm, l, Value::NONE, false);
        vm.pop_roots(1);
        return s.map(|_| l);
    }
    let mut dicts = Vec::new();
    if let Some(m) = o.downcast::<crate::objects::module::ModuleData>() {
        dicts.push(m.dict);
    } else if o.is::<TypeData>() {
        dicts.extend(
            crate::types::mro(o)
                .into_iter()
                .map(|t| crate::types::type_data(t).dict),
        );
    } else {
        if let Some(d) = vm.dict_of(o)? {
            dicts.push(d);
        }
        let t = vm.type_of(o);
        dicts.extend(
            crate::types::mro(t)
                .into_iter()
                .map(|t| crate::types::type_data(t).dict),
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
    let l = vm.new_list(Vec::with_capacity(names.len()))?;
    vm.push_root(l);
    let r = (|| {
        for n in &names {
            let s = vm.new_str(n)?;
            l.downcast::<crate::objects::list::ListData>()
                .unwrap()
                .push(s);
        }
        Ok(l)
    })();
    vm.pop_roots(1);
    r
}
