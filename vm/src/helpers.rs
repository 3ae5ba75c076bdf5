//! Small conversions and argument checks shared by natives.
use crate::object::Payload;
use crate::objects::instance::InstanceData;
use crate::objects::int::IntData;
use crate::objects::str::StrData;
use crate::value::Value;
use crate::vm::{PyErr, PyResult, Vm};
use num_bigint::BigInt;

/// The text of a str (or str subclass instance); a str with lone surrogates gives its
/// lossy copy (each surrogate as U+FFFD: see `objects/str.rs`). Use `as_wtf8` where
/// the exact text matters.
pub fn as_str(v: &Value) -> Option<&str> {
    v.downcast::<StrData>()
        .map(|s| s.as_str())
        .or_else(|| unwrap_base::<StrData>(v).map(|s| s.as_str()))
}

/// The str (or str subclass instance's str).
pub fn as_str_data(v: &Value) -> Option<&StrData> {
    v.downcast::<StrData>()
        .or_else(|| unwrap_base::<StrData>(v))
}

/// The exact text of a str, surrogates included (generalized UTF-8).
pub fn as_wtf8(v: &Value) -> Option<&[u8]> {
    as_str_data(v).map(|s| s.wtf8())
}

/// The decimal digits of `i` (with its sign), written into `buf`: `str(i)` with no
/// allocation and no formatting machinery.
pub fn i64_text(i: i64, buf: &mut [u8; 20]) -> &str {
    let mut n = i.unsigned_abs();
    let mut p = buf.len();
    loop {
        p -= 1;
        buf[p] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    if i < 0 {
        p -= 1;
        buf[p] = b'-';
    }
    std::str::from_utf8(&buf[p..]).unwrap_or("")
}

/// A small int or a bool as i64.
pub fn as_int(v: Value) -> Option<i64> {
    if let Some(i) = v.as_small_int() {
        return Some(i);
    }
    match v {
        Value::TRUE => Some(1),
        Value::FALSE => Some(0),
        _ => {
            if let Some(b) = unwrap_base::<IntData>(&v) {
                use num_traits::ToPrimitive;
                return b.0.to_i64();
            }
            let inst = v.downcast::<InstanceData>()?;
            if inst.base.is_small_int() {
                inst.base.as_small_int()
            } else {
                None
            }
        }
    }
}

/// Any int (small, big, bool, int subclass instance) as a BigInt.
pub fn as_bigint(v: Value) -> Option<BigInt> {
    if let Some(i) = as_int(v) {
        return Some(BigInt::from(i));
    }
    if let Some(b) = v.downcast::<IntData>() {
        return Some(b.0.clone());
    }
    unwrap_base::<IntData>(&v).map(|b| b.0.clone())
}

pub fn is_int(v: Value) -> bool {
    v.is_small_int() || v.is_bool() || v.is::<IntData>()
}
pub fn is_float(v: Value) -> bool {
    crate::objects::float::is_float(v)
}
pub fn is_str(v: Value) -> bool {
    v.is::<StrData>()
}

pub fn as_f64(v: Value) -> Option<f64> {
    if let Some(f) = crate::objects::float::float_of(v) {
        return Some(f);
    }
    if let Some(i) = as_int(v) {
        return Some(i as f64);
    }
    if let Some(b) = v.downcast::<IntData>() {
        use num_traits::ToPrimitive;
        return b.0.to_f64();
    }
    if let Some(inst) = v.downcast::<InstanceData>()
        && !inst.base.is_null()
    {
        return as_f64(inst.base);
    }
    None
}

/// The payload `T` of `v`, or of the built-in value inside a subclass instance.
pub fn unwrap_base<T: Payload>(v: &Value) -> Option<&T> {
    if let Some(t) = v.downcast::<T>() {
        return Some(t);
    }
    // The base is a field of the instance: its borrow lives as long as `v`'s.
    let inst = v.downcast::<InstanceData>()?;
    inst.base.downcast::<T>()
}

/// Exactly `N` positional arguments of a slot method (`self` included), or CPython's
/// "expected N arguments, got M" (counting the arguments after `self`).
pub fn slot_args<const N: usize>(vm: &mut Vm, args: &[Value]) -> PyResult<[Value; N]> {
    match <[Value; N]>::try_from(args) {
        Ok(a) => Ok(a),
        Err(_) => Err(vm.type_error(format!(
            "expected {} argument{}, got {}",
            N - 1,
            if N == 2 { "" } else { "s" },
            args.len().saturating_sub(1)
        ))),
    }
}

/// CPython's arity messages for functions taking positional arguments only.
#[inline]
pub fn arg_count(vm: &mut Vm, name: &str, args: &[Value], min: usize, max: usize) -> PyResult<()> {
    let n = args.len();
    if n >= min && n <= max {
        return Ok(());
    }
    Err(arg_count_error(vm, name, n, min, max))
}

#[cold]
#[inline(never)]
fn arg_count_error(vm: &mut Vm, name: &str, n: usize, min: usize, max: usize) -> PyErr {
    let msg = if min == max {
        match min {
            0 => format!("{name}() takes no arguments ({n} given)"),
            1 => format!("{name}() takes exactly one argument ({n} given)"),
            _ => format!("{name} expected {min} arguments, got {n}"),
        }
    } else if n < min {
        format!(
            "{name} expected at least {min} argument{}, got {n}",
            if min == 1 { "" } else { "s" }
        )
    } else {
        format!(
            "{name} expected at most {max} argument{}, got {n}",
            if max == 1 { "" } else { "s" }
        )
    };
    vm.type_error(msg)
}

#[inline]
pub fn no_kwargs(vm: &mut Vm, name: &str, kw: &[(Value, Value)]) -> PyResult<()> {
    if kw.is_empty() {
        Ok(())
    } else {
        Err(no_kwargs_error(vm, name))
    }
}

#[cold]
#[inline(never)]
fn no_kwargs_error(vm: &mut Vm, name: &str) -> PyErr {
    vm.type_error(format!("{name}() takes no keyword arguments"))
}

/// Find a keyword argument by name.
pub fn kwarg(kw: &[(Value, Value)], name: &str) -> Option<Value> {
    kw.iter()
        .find(|(k, _)| as_str(k) == Some(name))
        .map(|&(_, v)| v)
}

/// For a constructor called on a user subclass of a built-in type: wrap the built-in
/// value in an instance of `cls` (its `base`). For the built-in type itself, return it.
/// Inlined: the exact-type answer is one load and a test on every constructor call.
#[inline]
pub fn wrap_for_subclass(vm: &mut Vm, cls: Value, builtin_value: Value) -> PyResult {
    let td = crate::types::type_data(&cls);
    if !td.is_user {
        return Ok(builtin_value);
    }
    let r = vm.alloc_instance(cls, builtin_value)?;
    vm.mark_finalizable(r, cls);
    Ok(r)
}

/// The payload of a method's `self` (`args[0]`), or CPython's descriptor TypeError.
pub fn self_arg<'a, T: Payload>(
    vm: &mut Vm,
    args: &'a [Value],
    method: &str,
    owner: &str,
) -> PyResult<&'a T> {
    // Instances of Python subclasses hold the built-in value as their base.
    match args.first().and_then(unwrap_base::<T>) {
        Some(t) => Ok(t),
        None => {
            let got = args
                .first()
                .map(|&s| vm.type_name(s))
                .unwrap_or_else(|| "nothing".into());
            Err(vm.type_error(format!(
                "descriptor '{method}' for '{owner}' objects doesn't apply to a '{got}' object"
            )))
        }
    }
}

/// `v` as a class, or a TypeError naming what was expected.
pub fn type_arg(vm: &mut Vm, v: Value, what: &str) -> PyResult<Value> {
    if v.is::<crate::objects::typeobj::TypeData>() {
        Ok(v)
    } else {
        let tn = vm.type_name(v);
        Err(vm.type_error(format!("{what} must be a type, not {tn}")))
    }
}

/// Bytes of RAM plus swap on this machine (read once from /proc/meminfo; unknown:
/// unlimited).
fn machine_memory() -> usize {
    static MEM: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *MEM.get_or_init(|| {
        let Ok(info) = std::fs::read_to_string("/proc/meminfo") else {
            return usize::MAX;
        };
        let kib = |key: &str| {
            info.lines()
                .find_map(|l| l.strip_prefix(key))
                .and_then(|rest| rest.split_whitespace().next()?.parse::<usize>().ok())
                .unwrap_or(0)
        };
        match kib("MemTotal:") + kib("SwapTotal:") {
            0 => usize::MAX,
            k => k.saturating_mul(1024),
        }
    })
}

/// MemoryError unless a buffer of `bytes` (a size computed from Python input) could be
/// allocated on this machine. Checked before allocating: a failed allocation of a Rust
/// buffer aborts the process, where CPython raises MemoryError.
pub fn check_size(vm: &mut Vm, bytes: usize) -> PyResult<()> {
    if exceeds_memory(bytes) {
        return Err(vm.memory_error());
    }
    Ok(())
}

/// MemoryError unless `bytes` more payload memory could ever be held: no more than the
/// heap limit (`-X heapsize`; payloads count against it, `weft_gc::external`) and
/// than this machine has. Checked before an operation whose size is known up front
/// fills a buffer item by item: past the limit it would end in MemoryError anyway, at
/// a poll after the memory is spent, where CPython's failed allocation raises at once.
pub fn check_room(vm: &mut Vm, bytes: usize) -> PyResult<()> {
    if bytes > vm.rt.heap.limit() {
        return Err(vm.memory_error());
    }
    check_size(vm, bytes)
}

/// Would [`check_size`] refuse `bytes`?
pub fn exceeds_memory(bytes: usize) -> bool {
    bytes > machine_memory()
}

/// `count` items of `each` bytes, checked as [`check_size`] (overflow is too big too).
pub fn check_items(vm: &mut Vm, count: usize, each: usize) -> PyResult<()> {
    match count.checked_mul(each) {
        Some(b) => check_size(vm, b),
        None => Err(vm.memory_error()),
    }
}
