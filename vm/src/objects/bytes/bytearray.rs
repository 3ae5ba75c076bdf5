//! `bytearray`: constructor, `__init__`, the mutating methods, item and slice assignment
//! and deletion, in-place `+=`/`*=`. The methods it shares with `bytes` are registered
//! from bytes/methods.rs.
//!
//! Every mutation is one critical section under the object's lock (DESIGN.md invariant
//! 4). Arguments are converted first — `__index__`, iteration and slice bounds may run
//! Python code — and only then is the lock taken (invariant 3); positions are adjusted
//! to the length seen under the lock, so a racing resize can never index out of range.
use crate::helpers::{unwrap_base, wrap_for_subclass};
use crate::native;
use crate::native::{NativeDef, This};
use crate::objects::bytes::args::{
    byte_arg, index_arg, ints_to_bytes, memory_error, reserve, ssize_arg,
};
use crate::objects::bytes::methods::{count_bytes, encode_source, is_index_like};
use crate::objects::bytes::{ByteArrayData, buffer_bytes};
use crate::objects::int::IntData;
use crate::objects::slice::SliceData;
use crate::objects::str::StrData;
use crate::ops::containers::{as_index, slice_adjust, slice_len, slice_unpack};
use crate::ops::protocol::base_or_self;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

pub fn init(vm: &mut Vm) {
    let t = vm.rt.types.bytearray;
    vm.set_new(t, bytearray_new);
    crate::objects::list::methods::add_container_dunders(vm, t, true);
    crate::objects::bytes::methods::add_shared(vm, t);
    vm.add_attr(t, "__hash__", Value::NONE);
    let methods: &[NativeDef] = &[
        ba_init,
        ba_append,
        ba_extend,
        ba_insert,
        ba_pop,
        ba_remove,
        ba_clear,
        ba_copy,
        ba_reverse,
        ba_resize,
        ba_alloc,
        ba_iadd,
        ba_imul,
        NativeDef::raw("__reduce__", ba_reduce),
        NativeDef::raw("__reduce_ex__", ba_reduce_ex),
        ba_sizeof,
    ];
    vm.add_methods(t, methods);
}

/// The payload behind a method's `self` (a bytearray or a bytearray subclass instance).
fn data<'a>(vm: &mut Vm, args: &'a [Value], name: &str) -> PyResult<&'a ByteArrayData> {
    match args.first() {
        Some(v) => match unwrap_base::<ByteArrayData>(v) {
            Some(d) => Ok(d),
            None => {
                let tn = vm.type_name(*v);
                Err(vm.type_error(format!(
                    "descriptor '{name}' for 'bytearray' objects doesn't apply to a '{tn}' object"
                )))
            }
        },
        None => Err(vm.type_error(format!(
            "unbound method bytearray.{name}() needs an argument"
        ))),
    }
}

// ---------------------------------------------------------------- construction

/// The initial contents of `bytearray(source, encoding, errors)`.
fn contents(
    vm: &mut Vm,
    src: Option<Value>,
    enc: Option<Value>,
    errs: Option<Value>,
) -> PyResult<Vec<u8>> {
    let Some(x) = src else {
        if enc.is_some() {
            return Err(vm.type_error("encoding without a string argument"));
        }
        if errs.is_some() {
            return Err(vm.type_error("errors without a string argument"));
        }
        return Ok(Vec::new());
    };
    if let Some(b) = encode_source(vm, "bytearray", Some(x), enc, errs)? {
        return Ok(b);
    }
    if x.is_none() {
        return Err(vm.type_error("cannot convert 'NoneType' object to bytearray"));
    }
    if is_index_like(vm, x) {
        return count_bytes(vm, x);
    }
    buffer_or_int_iter(vm, x, |tn| {
        format!("cannot convert '{tn}' object to bytearray")
    })
}

/// The bytes of a buffer, or of an iterable of ints; a non-iterable gets the TypeError
/// `not_iterable(type name)`.
fn buffer_or_int_iter(
    vm: &mut Vm,
    v: Value,
    not_iterable: impl FnOnce(&str) -> String,
) -> PyResult<Vec<u8>> {
    if let Some(b) = buffer_bytes(&v) {
        return Ok(b);
    }
    let it = match vm.iter(v) {
        Ok(it) => it,
        Err(e) if vm.err_is(&e, vm.rt.types.exc.type_error) => {
            let tn = vm.type_name(v);
            return Err(vm.type_error(not_iterable(&tn)));
        }
        Err(e) => return Err(e),
    };
    iter_bytes(vm, it)
}

/// Bytes from an iterator of ints (each 0..=255 via `__index__`).
fn iter_bytes(vm: &mut Vm, it: Value) -> PyResult<Vec<u8>> {
    let items = vm.with_root(it, |vm| vm.collect_iter(it));
    let items = items?;
    ints_to_bytes(vm, &items, "byte must be in range(0, 256)")
}

/// `bytearray(...)`: a subclass with its own `__init__` fills the object there (CPython's
/// bytearray is filled by `__init__`, not `__new__`); else the arguments bind to
/// `bytearray(source=..., encoding=..., errors=...)`.
fn bytearray_new(vm: &mut Vm, cls: Value, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    if crate::objects::list::methods::user_init(vm, cls) {
        let v = vm.new_bytearray(Vec::new())?;
        return wrap_for_subclass(vm, cls, v);
    }
    (bytearray_new_bound.f)(vm, cls, args, kw)
}

#[native(new, name = "bytearray")]
fn bytearray_new_bound(
    vm: &mut Vm,
    cls: Value,
    #[kw] source: Option<Value>,
    #[kw] encoding: Option<Value>,
    #[kw] errors: Option<Value>,
) -> PyResult {
    let b = contents(vm, source, encoding, errors)?;
    let v = vm.new_bytearray(b)?;
    wrap_for_subclass(vm, cls, v)
}

/// `bytearray.__init__(self, source=..., encoding=..., errors=...)`: replaces the contents.
#[native(name = "__init__", called = "bytearray", owner = builtins)]
fn ba_init(
    vm: &mut Vm,
    this: &ByteArrayData,
    #[kw] source: Option<Value>,
    #[kw] encoding: Option<Value>,
    #[kw] errors: Option<Value>,
) -> PyResult<()> {
    let b = contents(vm, source, encoding, errors)?;
    *this.0.lock() = b;
    Ok(())
}

// ---------------------------------------------------------------- list-like methods

#[native(name = "append")]
fn ba_append(vm: &mut Vm, this: &ByteArrayData, item: Value) -> PyResult<()> {
    let d = this;
    let c = byte_arg(vm, item)?;
    let mut g = d.0.lock();
    if g.try_reserve(1).is_err() {
        drop(g);
        return Err(memory_error(vm));
    }
    g.push(c);
    Ok(())
}

/// The bytes `extend` / `+=` / slice assignment take: any buffer, else an iterable of ints.
fn extend_bytes(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    buffer_or_int_iter(vm, v, |tn| format!("can't extend bytearray with {tn}"))
}

/// Append `more` under the lock (one critical section).
fn append_all(vm: &mut Vm, d: &ByteArrayData, more: &[u8]) -> PyResult<()> {
    let mut g = d.0.lock();
    if let Err(e) = reserve(vm, &mut g, more.len()) {
        drop(g);
        return Err(e);
    }
    g.extend_from_slice(more);
    Ok(())
}

#[native(name = "extend")]
fn ba_extend(vm: &mut Vm, this: &ByteArrayData, iterable_of_ints: Value) -> PyResult<()> {
    if let Some(s) = crate::helpers::as_str(&iterable_of_ints) {
        if s.is_empty() {
            return Ok(());
        }
        return Err(vm.type_error("expected iterable of integers; got: 'str'"));
    }
    let more = extend_bytes(vm, iterable_of_ints)?;
    append_all(vm, this, &more)
}

/// Clamp an insertion position to `0..=len` as list.insert does.
fn clamp_pos(i: i64, len: usize) -> usize {
    let n = len as i64;
    (if i < 0 { (i + n).max(0) } else { i.min(n) }) as usize
}

#[native(name = "insert")]
fn ba_insert(vm: &mut Vm, this: &ByteArrayData, index: Value, item: Value) -> PyResult<()> {
    let d = this;
    let i = ssize_arg(vm, index)?;
    let c = byte_arg(vm, item)?;
    let mut g = d.0.lock();
    if g.try_reserve(1).is_err() {
        drop(g);
        return Err(memory_error(vm));
    }
    let pos = clamp_pos(i, g.len());
    g.insert(pos, c);
    Ok(())
}

#[native(name = "pop")]
fn ba_pop(vm: &mut Vm, this: &ByteArrayData, index: Option<Value>) -> PyResult {
    let d = this;
    let i = match index {
        Some(v) => ssize_arg(vm, v)?,
        None => -1,
    };
    let mut g = d.0.lock();
    if g.is_empty() {
        drop(g);
        return Err(vm.index_error("pop from empty bytearray"));
    }
    let n = g.len() as i64;
    let j = if i < 0 { i.saturating_add(n) } else { i };
    if j < 0 || j >= n {
        drop(g);
        return Err(vm.index_error("pop index out of range"));
    }
    let c = g.remove(j as usize);
    drop(g);
    Ok(Value::small_int(c as i64).unwrap_or(Value::NONE))
}

#[native(name = "remove")]
fn ba_remove(vm: &mut Vm, this: &ByteArrayData, value: Value) -> PyResult<()> {
    let c = byte_arg(vm, value)?;
    let mut g = this.0.lock();
    match g.iter().position(|&x| x == c) {
        Some(i) => {
            g.remove(i);
            Ok(())
        }
        None => {
            drop(g);
            Err(vm.value_error("value not found in bytearray"))
        }
    }
}

#[native(name = "clear")]
fn ba_clear(_vm: &mut Vm, this: &ByteArrayData) {
    this.0.lock().clear();
}

#[native(name = "copy")]
fn ba_copy(vm: &mut Vm, this: &ByteArrayData) -> PyResult {
    let b = this.snapshot();
    vm.new_bytearray(b)
}

#[native(name = "reverse")]
fn ba_reverse(_vm: &mut Vm, this: &ByteArrayData) {
    this.0.lock().reverse();
}

/// `resize(size)` (new in 3.14): truncate, or grow with zero bytes.
#[native(name = "resize")]
fn ba_resize(vm: &mut Vm, this: &ByteArrayData, size: Value) -> PyResult<()> {
    let d = this;
    let n = ssize_arg(vm, size)?;
    if n < 0 {
        return Err(vm.value_error(format!("Can only resize to positive sizes, got {n}")));
    }
    let n = n as usize;
    let mut g = d.0.lock();
    if n > g.len() {
        let extra = n - g.len();
        if let Err(e) = reserve(vm, &mut g, extra) {
            drop(g);
            return Err(e);
        }
    }
    g.resize(n, 0);
    Ok(())
}

/// `__alloc__()`: the bytes allocated (CPython counts the hidden trailing NUL).
#[native(name = "__alloc__")]
fn ba_alloc(vm: &mut Vm, this: &ByteArrayData) -> PyResult {
    let cap = this.0.lock().capacity();
    vm.new_int(if cap == 0 { 0 } else { cap as i64 + 1 })
}

#[native(name = "__sizeof__")]
fn ba_sizeof(vm: &mut Vm, this: &ByteArrayData) -> PyResult {
    let cap = this.0.lock().capacity();
    vm.new_int(56 + if cap == 0 { 0 } else { cap as i64 + 1 })
}

// ---------------------------------------------------------------- in-place operators

/// `self += other`: other must export a buffer.
#[native(name = "__iadd__", style = slot)]
fn ba_iadd(vm: &mut Vm, this: This<ByteArrayData>, other: Value) -> PyResult {
    let Some(more) = buffer_bytes(&other) else {
        let tn = vm.type_name(other);
        return Err(vm.type_error(format!("can't concat {tn} to bytearray")));
    };
    append_all(vm, this.data, &more)?;
    Ok(this.obj)
}

/// `self *= n`.
#[native(name = "__imul__", style = slot)]
fn ba_imul(vm: &mut Vm, this: This<ByteArrayData>, other: Value) -> PyResult {
    let big = unwrap_base::<IntData>(&other).is_some() && !other.is_small_int();
    let n = match as_index(vm, other) {
        Ok(Some(n)) => n,
        Ok(None) => return Ok(Value::NOT_IMPLEMENTED),
        Err(_) if big => {
            return Err(vm.overflow_error("cannot fit 'int' into an index-sized integer"));
        }
        Err(e) => return Err(e),
    };
    crate::objects::bytes::args::repeat_in_place(vm, &mut this.data.0.lock(), n)?;
    Ok(this.obj)
}

// ---------------------------------------------------------------- pickling support

fn reduce(vm: &mut Vm, args: &[Value], proto: i64) -> PyResult {
    let d = data(vm, args, "__reduce__")?;
    let b = d.snapshot();
    let cls = vm.type_of(args[0]);
    let state = vm.instance_state(args[0])?;
    crate::root_scope!(vm);
    (|| {
        let inner = if proto < 3 {
            let s: String = b.iter().map(|&c| c as char).collect();
            let s = vm.new_str(&s)?;
            vm.root(s);
            let enc = vm.new_str("latin-1")?;
            vm.root(enc);
            vm.new_tuple(vec![s, enc])?
        } else if b.is_empty() {
            vm.new_tuple(Vec::new())?
        } else {
            let by = vm.new_bytes(b)?;
            vm.root(by);
            vm.new_tuple(vec![by])?
        };
        vm.root(inner);
        vm.new_tuple(vec![cls, inner, state])
    })()
}

fn ba_reduce(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    reduce(vm, args, 2)
}

fn ba_reduce_ex(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let proto = match args.get(1) {
        Some(&v) => index_arg(vm, v)?,
        None => 0,
    };
    reduce(vm, args, proto)
}

// ---------------------------------------------------------------- items and slices

/// The bytes a slice assignment takes: a buffer, or an iterable of ints; ints and str
/// are refused as CPython does.
fn assigned_bytes(vm: &mut Vm, v: Value) -> PyResult<Vec<u8>> {
    if let Some(b) = buffer_bytes(&v) {
        return Ok(b);
    }
    let b = base_or_self(v);
    if b.is::<StrData>()
        || crate::helpers::as_f64(b).is_some()
        || (crate::types::type_data(&vm.type_of(v)).is_user
            && vm.lookup_special(v, "__index__").is_some())
    {
        return Err(
            vm.type_error("can assign only bytes, buffers, or iterables of ints in range(0, 256)")
        );
    }
    contents(vm, Some(v), None, None)
}

/// `ba[key] = value` on the exact bytearray `c`.
pub fn setitem(vm: &mut Vm, c: Value, key: Value, value: Value) -> PyResult<()> {
    let ba = c.downcast::<ByteArrayData>().expect("bytearray");
    if let Some(sl) = key.downcast::<SliceData>() {
        let (s, e, st) = slice_unpack(vm, sl)?;
        let bytes = assigned_bytes(vm, value)?;
        let mut g = ba.0.lock();
        let (a, b, st) = slice_adjust(s, e, st, g.len());
        if st == 1 {
            let a = a as usize;
            let b = (b.max(a as i64)) as usize;
            let grow = bytes.len().saturating_sub(b - a);
            if let Err(e) = reserve(vm, &mut g, grow) {
                drop(g);
                return Err(e);
            }
            g.splice(a..b, bytes);
            return Ok(());
        }
        let n = slice_len(a, b, st);
        if bytes.len() != n {
            drop(g);
            return Err(vm.value_error(format!(
                "attempt to assign bytes of size {} to extended slice of size {n}",
                bytes.len()
            )));
        }
        for (k, v) in bytes.into_iter().enumerate() {
            let pos = (a as i128 + k as i128 * st as i128) as usize;
            g[pos] = v;
        }
        return Ok(());
    }
    let Some(i) = as_index(vm, key)? else {
        let tn = vm.type_name(key);
        return Err(vm.type_error(format!(
            "bytearray indices must be integers or slices, not {tn}"
        )));
    };
    let byte = byte_arg(vm, value)?;
    let mut g = ba.0.lock();
    let n = g.len() as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        drop(g);
        return Err(vm.index_error("bytearray index out of range"));
    }
    g[j as usize] = byte;
    Ok(())
}

/// `del ba[key]` on the exact bytearray `c`.
pub fn delitem(vm: &mut Vm, c: Value, key: Value) -> PyResult<()> {
    let ba = c.downcast::<ByteArrayData>().expect("bytearray");
    if let Some(sl) = key.downcast::<SliceData>() {
        let (s, e, st) = slice_unpack(vm, sl)?;
        let mut g = ba.0.lock();
        let (a, b, st) = slice_adjust(s, e, st, g.len());
        if st == 1 {
            if a < b {
                g.drain(a as usize..b as usize);
            }
            return Ok(());
        }
        let n = slice_len(a, b, st);
        if n == 0 {
            return Ok(());
        }
        // Positions ascending, then keep everything else in one pass.
        let (lo, step) = if st > 0 {
            (a, st)
        } else {
            (a + (n as i64 - 1) * st, -st)
        };
        let (lo, step) = (lo as usize, step as usize);
        let mut i = 0usize;
        g.retain(|_| {
            let del = i >= lo && (i - lo).is_multiple_of(step) && (i - lo) / step < n;
            i += 1;
            !del
        });
        return Ok(());
    }
    let Some(i) = as_index(vm, key)? else {
        let tn = vm.type_name(key);
        return Err(vm.type_error(format!(
            "bytearray indices must be integers or slices, not {tn}"
        )));
    };
    let mut g = ba.0.lock();
    let n = g.len() as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        drop(g);
        return Err(vm.index_error("bytearray index out of range"));
    }
    g.remove(j as usize);
    Ok(())
}
