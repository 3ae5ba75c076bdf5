//! The `array` module: `array.array`, a mutable sequence of machine numbers (or of
//! characters, typecodes 'u' and 'w') stored packed in native byte order.
//!
//! The payload (`weft_vm::objects::array::ArrayData`: typecode + `Mutex<Vec<u8>>`) lives
//! in the vm so that bytes and bytearray can read an array as a buffer. Every operation
//! here converts its arguments first (conversions may run `__index__`/`__float__` or
//! iterate a user iterable), then takes the array's lock once, so single operations are
//! atomic and no Python code ever runs under the lock (DESIGN.md invariants 3 and 4).
//! Positions are adjusted to the length seen under the lock.
use super::{add_property, new_native_module, new_native_type, set_item};
use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive};
use std::cmp::Ordering;
use std::sync::atomic::AtomicUsize;
use weft_vm::bytecode::CmpOp;
use weft_vm::helpers::{arg_count, as_str, unwrap_base, wrap_for_subclass};
use weft_vm::native;
use weft_vm::native::{NativeDef, This};
use weft_vm::objects::array::{ArrayData, itemsize};
use weft_vm::objects::bytes::args::{MAX_BYTES, memory_error, repeat_bytes, ssize_arg};
use weft_vm::objects::bytes::buffer_bytes;
use weft_vm::objects::instance::InstanceData;
use weft_vm::objects::int::IntData;
use weft_vm::objects::iter::{ReverseIter, SeqIter};
use weft_vm::objects::list::ListData;
use weft_vm::objects::slice::SliceData;
use weft_vm::ops::containers::{as_index, slice_adjust, slice_len, slice_unpack};
use weft_vm::types::type_data;
use weft_vm::value::Value;
use weft_vm::vm::{PyErr, PyResult, Vm};

/// The typecodes this build supports, in CPython's order (`array.typecodes`).
const TYPECODES: &str = "bBuwhHiIlLqQfd";

pub fn init(vm: &mut Vm) -> PyResult {
    let (m, d) = new_native_module(vm, "array", &[])?;
    let r = vm.with_root(m, |vm| fill(vm, d));
    r.map(|_| m)
}

fn fill(vm: &mut Vm, d: Value) -> PyResult<()> {
    let t = new_native_type(vm, "array", "array")?;
    vm.set_new(t, array_new);
    let methods: &[NativeDef] = &[
        a_append,
        a_extend,
        a_insert,
        a_pop,
        a_remove,
        a_index,
        a_count,
        a_reverse,
        a_byteswap,
        a_buffer_info,
        a_tobytes,
        a_frombytes,
        a_tolist,
        a_fromlist,
        a_tounicode,
        a_fromunicode,
        a_len,
        a_getitem,
        a_setitem,
        a_delitem,
        a_contains,
        a_iter,
        a_reversed,
        a_repr,
        a_add,
        a_mul,
        a_iadd,
        a_imul,
        NativeDef::raw("__eq__", a_eq),
        NativeDef::raw("__ne__", a_ne),
        NativeDef::raw("__lt__", a_lt),
        NativeDef::raw("__le__", a_le),
        NativeDef::raw("__gt__", a_gt),
        NativeDef::raw("__ge__", a_ge),
        a_copy,
        a_reduce_ex,
        a_sizeof,
    ];
    vm.add_methods(t, methods);
    vm.add_method(t, "__rmul__", a_mul.f);
    vm.add_method(t, "__deepcopy__", a_copy.f);
    add_property(vm, t, "itemsize", a_itemsize.f, None)?;
    add_property(vm, t, "typecode", a_typecode.f, None)?;
    vm.add_attr(t, "__hash__", Value::NONE);
    set_item(vm, d, "array", t)?;
    set_item(vm, d, "ArrayType", t)?;
    let codes = vm.new_str(TYPECODES)?;
    set_item(vm, d, "typecodes", codes)?;
    Ok(())
}

// ---------------------------------------------------------------- items

/// One item, widened: every integer typecode fits an i128.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(crate) enum Item {
    Int(i128),
    Float(f64),
    Char(u32),
}

fn is_char_code(tc: char) -> bool {
    tc == 'u' || tc == 'w'
}

/// Decode the item stored in `b` (exactly `itemsize(tc)` bytes).
pub(crate) fn read(tc: char, b: &[u8]) -> Item {
    macro_rules! ne {
        ($t:ty) => {
            <$t>::from_ne_bytes(b.try_into().unwrap_or_default())
        };
    }
    match tc {
        'b' => Item::Int(b[0] as i8 as i128),
        'B' => Item::Int(b[0] as i128),
        'h' => Item::Int(ne!(i16) as i128),
        'H' => Item::Int(ne!(u16) as i128),
        'i' => Item::Int(ne!(i32) as i128),
        'I' => Item::Int(ne!(u32) as i128),
        'l' | 'q' => Item::Int(ne!(i64) as i128),
        'L' | 'Q' => Item::Int(ne!(u64) as i128),
        'f' => Item::Float(ne!(f32) as f64),
        'd' => Item::Float(ne!(f64)),
        _ => Item::Char(ne!(u32)),
    }
}

/// Append the encoding of `it` (already range-checked for `tc`).
pub(crate) fn write(tc: char, it: Item, out: &mut Vec<u8>) {
    match (tc, it) {
        ('b', Item::Int(i)) => out.push(i as i8 as u8),
        ('B', Item::Int(i)) => out.push(i as u8),
        ('h', Item::Int(i)) => out.extend_from_slice(&(i as i16).to_ne_bytes()),
        ('H', Item::Int(i)) => out.extend_from_slice(&(i as u16).to_ne_bytes()),
        ('i', Item::Int(i)) => out.extend_from_slice(&(i as i32).to_ne_bytes()),
        ('I', Item::Int(i)) => out.extend_from_slice(&(i as u32).to_ne_bytes()),
        ('l' | 'q', Item::Int(i)) => out.extend_from_slice(&(i as i64).to_ne_bytes()),
        ('L' | 'Q', Item::Int(i)) => out.extend_from_slice(&(i as u64).to_ne_bytes()),
        ('f', Item::Float(f)) => out.extend_from_slice(&(f as f32).to_ne_bytes()),
        ('d', Item::Float(f)) => out.extend_from_slice(&f.to_ne_bytes()),
        (_, Item::Char(c)) => out.extend_from_slice(&c.to_ne_bytes()),
        // Unreachable by construction (`to_item` makes the kind that `tc` stores).
        _ => out.extend(std::iter::repeat_n(0u8, itemsize(tc))),
    }
}

/// An integer argument (int, bool, int subclass, or `__index__`) as a BigInt.
fn int_of(vm: &mut Vm, v: Value) -> PyResult<BigInt> {
    if let Some(i) = v.as_small_int() {
        return Ok(BigInt::from(i));
    }
    if let Some(b) = weft_vm::helpers::as_bigint(v) {
        return Ok(b);
    }
    if !weft_vm::objects::float::is_float(v)
        && type_data(&vm.type_of(v)).is_user
        && let Some(f) = vm.lookup_special(v, "__index__")
    {
        let r = vm.call(f, &[v], &[])?;
        return match weft_vm::helpers::as_bigint(r) {
            Some(b) => Ok(b),
            None => {
                let tn = vm.type_name(r);
                Err(vm.type_error(format!("__index__ returned non-int (type {tn})")))
            }
        };
    }
    let tn = vm.type_name(v);
    Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")))
}

/// A float argument (float, int, `__float__`, `__index__`).
fn float_of(vm: &mut Vm, v: Value) -> PyResult<f64> {
    if let Some(f) = weft_vm::objects::float::float_base_of(v) {
        return Ok(f);
    }
    if let Some(b) = weft_vm::helpers::as_bigint(v) {
        return match b.to_f64().filter(|f| f.is_finite()) {
            Some(f) => Ok(f),
            None => Err(vm.overflow_error("int too large to convert to float")),
        };
    }
    if type_data(&vm.type_of(v)).is_user {
        for name in ["__float__", "__index__"] {
            if let Some(f) = vm.lookup_special(v, name) {
                let r = vm.call(f, &[v], &[])?;
                if let Some(x) = weft_vm::helpers::as_f64(r) {
                    return Ok(x);
                }
                let tn = vm.type_name(r);
                return Err(vm.type_error(format!("{name} returned non-float (type {tn})")));
            }
        }
    }
    let tn = vm.type_name(v);
    Err(vm.type_error(format!("must be real number, not {tn}")))
}

/// Convert a Python value to an item of typecode `tc`, with CPython's messages.
pub(crate) fn to_item(vm: &mut Vm, tc: char, v: Value) -> PyResult<Item> {
    if is_char_code(tc) {
        return match as_str(&v) {
            Some(s) if s.chars().count() == 1 => Ok(Item::Char(s.chars().next().unwrap() as u32)),
            Some(s) => {
                let n = s.chars().count();
                Err(vm.type_error(format!(
                    "array item must be a unicode character, not a string of length {n}"
                )))
            }
            None => {
                let tn = vm.type_name(v);
                Err(vm.type_error(format!("array item must be a unicode character, not {tn}")))
            }
        };
    }
    if tc == 'f' || tc == 'd' {
        return float_of(vm, v).map(Item::Float);
    }
    let b = int_of(vm, v)?;
    let over = |vm: &mut Vm, m: &str| -> PyErr { vm.overflow_error(m) };
    let Some(i) = b.to_i128() else {
        let msg = match tc {
            'I' | 'L' if b.is_negative() => "can't convert negative value to unsigned int",
            'Q' if b.is_negative() => "can't convert negative int to unsigned",
            'I' | 'L' => "Python int too large to convert to C unsigned long",
            'q' | 'Q' => "int too big to convert",
            _ => "Python int too large to convert to C long",
        };
        return Err(over(vm, msg));
    };
    let long = i64::MIN as i128..=i64::MAX as i128;
    let (lo, hi, low_msg, high_msg): (i128, i128, &str, &str) = match tc {
        'b' => (
            -128,
            127,
            "signed char is less than minimum",
            "signed char is greater than maximum",
        ),
        'B' => (
            0,
            255,
            "unsigned byte integer is less than minimum",
            "unsigned byte integer is greater than maximum",
        ),
        'h' => (
            i16::MIN as i128,
            i16::MAX as i128,
            "signed short integer is less than minimum",
            "signed short integer is greater than maximum",
        ),
        'H' => (
            0,
            u16::MAX as i128,
            "unsigned short is less than minimum",
            "unsigned short is greater than maximum",
        ),
        'i' => (
            i32::MIN as i128,
            i32::MAX as i128,
            "signed integer is less than minimum",
            "signed integer is greater than maximum",
        ),
        'I' => (
            0,
            u32::MAX as i128,
            "can't convert negative value to unsigned int",
            "unsigned int is greater than maximum",
        ),
        'l' => (
            i64::MIN as i128,
            i64::MAX as i128,
            "Python int too large to convert to C long",
            "Python int too large to convert to C long",
        ),
        'L' => (
            0,
            u64::MAX as i128,
            "can't convert negative value to unsigned int",
            "Python int too large to convert to C unsigned long",
        ),
        'q' => (
            i64::MIN as i128,
            i64::MAX as i128,
            "int too big to convert",
            "int too big to convert",
        ),
        _ => (
            0,
            u64::MAX as i128,
            "can't convert negative int to unsigned",
            "int too big to convert",
        ),
    };
    // The small signed/unsigned codes go through a C long first, as CPython's do.
    if matches!(tc, 'b' | 'B' | 'h' | 'H' | 'i') && !long.contains(&i) {
        return Err(over(vm, "Python int too large to convert to C long"));
    }
    if matches!(tc, 'I') && i > u64::MAX as i128 {
        return Err(over(
            vm,
            "Python int too large to convert to C unsigned long",
        ));
    }
    if i < lo {
        return Err(over(vm, low_msg));
    }
    if i > hi {
        return Err(over(vm, high_msg));
    }
    Ok(Item::Int(i))
}

/// Encode one Python value as the bytes of an item of typecode `tc`.
fn encode(vm: &mut Vm, tc: char, v: Value) -> PyResult<Vec<u8>> {
    let it = to_item(vm, tc, v)?;
    let mut out = Vec::with_capacity(itemsize(tc));
    write(tc, it, &mut out);
    Ok(out)
}

/// Encode many values (rooted meanwhile: their conversions may run Python code).
fn encode_all(vm: &mut Vm, tc: char, items: &[Value]) -> PyResult<Vec<u8>> {
    weft_vm::root_scope!(vm);
    vm.root_all(items);
    let mut out = Vec::with_capacity(items.len() * itemsize(tc));
    let mut res = Ok(());
    for &v in items {
        match to_item(vm, tc, v) {
            Ok(it) => write(tc, it, &mut out),
            Err(e) => {
                res = Err(e);
                break;
            }
        }
    }
    res.map(|_| out)
}

pub(crate) fn item_value(vm: &mut Vm, it: Item) -> PyResult {
    match it {
        Item::Int(i) => match i64::try_from(i) {
            Ok(x) => vm.new_int(x),
            Err(_) => vm.new_bigint(BigInt::from(i)),
        },
        Item::Float(f) => vm.new_float(f),
        Item::Char(c) => {
            let ch = char::from_u32(c).unwrap_or('\u{fffd}');
            let mut buf = [0u8; 4];
            vm.new_str(ch.encode_utf8(&mut buf))
        }
    }
}

/// All items of `bytes` (a whole number of items of typecode `tc`).
fn items_of(tc: char, bytes: &[u8]) -> Vec<Item> {
    bytes
        .chunks_exact(itemsize(tc))
        .map(|c| read(tc, c))
        .collect()
}

/// The values of `items`, in a new list (the list roots them as they are made).
fn list_of(vm: &mut Vm, items: &[Item]) -> PyResult {
    let l = vm.new_list(Vec::with_capacity(items.len()))?;
    weft_vm::root_scope!(vm);
    vm.root(l);
    let ld = l.downcast::<ListData>().expect("list");
    for &it in items {
        match item_value(vm, it) {
            Ok(v) => ld.push(v),
            Err(e) => {
                return Err(e);
            }
        }
    }
    Ok(l)
}

// ---------------------------------------------------------------- receiver and results

/// The payload behind a method's `self`.
fn data<'a>(vm: &mut Vm, args: &'a [Value], name: &str) -> PyResult<&'a ArrayData> {
    weft_vm::helpers::self_arg(vm, args, name, "array.array")
}

/// The `array.array` type itself (the type of the payload value behind `v`).
fn array_type(vm: &Vm, v: Value) -> Value {
    let b = match v.downcast::<InstanceData>() {
        Some(i) if !i.base.is_null() => i.base,
        _ => v,
    };
    vm.type_of(b)
}

/// A new plain `array.array` of typecode `tc` holding `bytes`.
fn new_array(vm: &mut Vm, ty: Value, tc: char, bytes: Vec<u8>) -> PyResult {
    vm.alloc(
        ty,
        ArrayData {
            typecode: tc,
            data: parking_lot::Mutex::new(bytes),
        },
    )
}

fn check_size(vm: &mut Vm, n: usize) -> PyResult<()> {
    if n > MAX_BYTES {
        Err(memory_error(vm))
    } else {
        Ok(())
    }
}

// ---------------------------------------------------------------- construction

fn typecode_arg(vm: &mut Vm, v: Value) -> PyResult<char> {
    let tc = match as_str(&v) {
        Some(s) if s.chars().count() == 1 => s.chars().next().unwrap_or(' '),
        _ => {
            let tn = vm.type_name(v);
            return Err(vm.type_error(format!(
                "array() argument 1 must be a unicode character, not {tn}"
            )));
        }
    };
    if !TYPECODES.contains(tc) {
        return Err(
            vm.value_error("bad typecode (must be b, B, u, w, h, H, i, I, l, L, q, Q, f or d)")
        );
    }
    Ok(tc)
}

/// The bytes of an initializer or `extend` argument for typecode `tc`.
fn initial_bytes(vm: &mut Vm, tc: char, init: Value) -> PyResult<Vec<u8>> {
    if let Some(s) = as_str(&init) {
        if !is_char_code(tc) {
            return Err(vm.type_error(format!(
                "cannot use a str to initialize an array with typecode '{tc}'"
            )));
        }
        let mut out = Vec::with_capacity(s.len() * 4);
        for c in s.chars() {
            out.extend_from_slice(&(c as u32).to_ne_bytes());
        }
        return Ok(out);
    }
    if let Some(a) = unwrap_base::<ArrayData>(&init) {
        if a.typecode == tc || (is_char_code(a.typecode) && is_char_code(tc)) {
            return Ok(a.data.lock().clone());
        }
        if is_char_code(a.typecode) {
            return Err(vm.type_error(format!(
                "cannot use a unicode array to initialize an array with typecode '{tc}'"
            )));
        }
        // Different kinds: convert item by item (CPython iterates the other array).
        let items = items_of(a.typecode, &a.data.lock().clone());
        let mut out = Vec::with_capacity(items.len() * itemsize(tc));
        for it in items {
            let v = item_value(vm, it)?;
            let b = encode(vm, tc, v)?;
            out.extend_from_slice(&b);
        }
        return Ok(out);
    }
    if let Some(b) = buffer_bytes(&init) {
        if b.len() % itemsize(tc) != 0 {
            return Err(vm.value_error("bytes length not a multiple of item size"));
        }
        return Ok(b);
    }
    let items = vm.collect_iter(init)?;
    encode_all(vm, tc, &items)
}

fn array_new(vm: &mut Vm, cls: Value, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    if !kw.is_empty() {
        return Err(vm.type_error("array.array() takes no keyword arguments"));
    }
    if args.is_empty() {
        return Err(vm.type_error("array() takes at least 1 argument (0 given)"));
    }
    if args.len() > 2 {
        return Err(vm.type_error(format!(
            "array() takes at most 2 arguments ({} given)",
            args.len()
        )));
    }
    let tc = typecode_arg(vm, args[0])?;
    let bytes = match args.get(1) {
        Some(&init) => initial_bytes(vm, tc, init)?,
        None => Vec::new(),
    };
    // The payload always has the base type; a subclass instance wraps it.
    let td = type_data(&cls);
    let base_ty = if td.is_user { td.builtin_base } else { cls };
    let a = new_array(vm, base_ty, tc, bytes)?;
    wrap_for_subclass(vm, cls, a)
}

// ---------------------------------------------------------------- list-like methods

#[native(name = "append", owner = "array")]
fn a_append(vm: &mut Vm, this: This<ArrayData>, v: Value) -> PyResult {
    let d = this.data;
    let b = encode(vm, d.typecode, v)?;
    d.data.lock().extend_from_slice(&b);
    Ok(Value::NONE)
}

#[native(name = "extend", owner = "array")]
fn a_extend(vm: &mut Vm, this: This<ArrayData>, bb: Value) -> PyResult {
    let d = this.data;
    let tc = d.typecode;
    let more = if let Some(o) = unwrap_base::<ArrayData>(&bb) {
        if o.typecode != tc {
            return Err(vm.type_error("can only extend with array of same kind"));
        }
        o.data.lock().clone()
    } else {
        let items = vm.collect_iter(bb)?;
        encode_all(vm, tc, &items)?
    };
    let mut g = d.data.lock();
    if g.len().saturating_add(more.len()) > MAX_BYTES {
        drop(g);
        return Err(memory_error(vm));
    }
    g.extend_from_slice(&more);
    Ok(Value::NONE)
}

#[native(name = "insert", owner = "array")]
fn a_insert(vm: &mut Vm, this: This<ArrayData>, i_arg: Value, v: Value) -> PyResult {
    let d = this.data;
    let i = ssize_arg(vm, i_arg)?;
    let b = encode(vm, d.typecode, v)?;
    let size = itemsize(d.typecode);
    let mut g = d.data.lock();
    let n = (g.len() / size) as i64;
    let pos = if i < 0 { (i + n).max(0) } else { i.min(n) } as usize;
    let at = pos * size;
    g.splice(at..at, b);
    Ok(Value::NONE)
}

#[native(name = "pop", owner = "array")]
fn a_pop(vm: &mut Vm, this: This<ArrayData>, i_arg: Option<Value>) -> PyResult {
    let d = this.data;
    let i = match i_arg.as_ref() {
        Some(&v) => ssize_arg(vm, v)?,
        None => -1,
    };
    let (tc, size) = (d.typecode, d.itemsize());
    let mut g = d.data.lock();
    let n = (g.len() / size) as i64;
    if n == 0 {
        drop(g);
        return Err(vm.index_error("pop from empty array"));
    }
    let j = if i < 0 { i.saturating_add(n) } else { i };
    if j < 0 || j >= n {
        drop(g);
        return Err(vm.index_error("pop index out of range"));
    }
    let at = j as usize * size;
    let it = read(tc, &g[at..at + size]);
    g.drain(at..at + size);
    drop(g);
    item_value(vm, it)
}

/// A Python value as an item for searching (None: it cannot equal any item natively).
fn probe_item(v: Value) -> Option<Item> {
    if let Some(i) = weft_vm::helpers::as_bigint(v) {
        return Some(match i.to_i128() {
            Some(i) => Item::Int(i),
            None => Item::Float(f64::NAN),
        });
    }
    if let Some(f) = weft_vm::objects::float::float_of(v) {
        return Some(Item::Float(f));
    }
    let s = as_str(&v)?;
    let mut cs = s.chars();
    match (cs.next(), cs.next()) {
        (Some(c), None) => Some(Item::Char(c as u32)),
        _ => Some(Item::Float(f64::NAN)),
    }
}

/// Ordering of two items as Python compares the numbers (None: unordered, e.g. NaN, or
/// a char against a number).
fn item_cmp(a: Item, b: Item) -> Option<Ordering> {
    match (a, b) {
        (Item::Int(x), Item::Int(y)) => Some(x.cmp(&y)),
        (Item::Float(x), Item::Float(y)) => x.partial_cmp(&y),
        (Item::Int(i), Item::Float(f)) => int_float_cmp(i, f),
        (Item::Float(f), Item::Int(i)) => int_float_cmp(i, f).map(Ordering::reverse),
        (Item::Char(x), Item::Char(y)) => Some(x.cmp(&y)),
        _ => None,
    }
}

/// Exact comparison of an integer with a float.
fn int_float_cmp(i: i128, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f >= 1.7e38 {
        return Some(Ordering::Less);
    }
    if f <= -1.7e38 {
        return Some(Ordering::Greater);
    }
    let fl = f.floor();
    match i.cmp(&(fl as i128)) {
        Ordering::Equal if f > fl => Some(Ordering::Less),
        o => Some(o),
    }
}

/// Positions (in items) in `[start, stop)` of the items equal to `x`. Numbers and
/// characters compare natively; any other `x` is compared with `==` (Python code), on a
/// snapshot, without the lock.
fn matches(
    vm: &mut Vm,
    d: &ArrayData,
    x: Value,
    start: usize,
    stop: usize,
    first_only: bool,
) -> PyResult<Vec<usize>> {
    let tc = d.typecode;
    let items = items_of(tc, &d.data.lock().clone());
    let stop = stop.min(items.len());
    let mut out = Vec::new();
    if start >= stop {
        return Ok(out);
    }
    if let Some(p) = probe_item(x) {
        for (k, &it) in items.iter().enumerate().take(stop).skip(start) {
            if item_cmp(it, p) == Some(Ordering::Equal) {
                out.push(k);
                if first_only {
                    break;
                }
            }
        }
        return Ok(out);
    }
    for (k, &it) in items.iter().enumerate().take(stop).skip(start) {
        let v = item_value(vm, it)?;
        let eq = vm.with_root(v, |vm| vm.eq(v, x));
        if eq? {
            out.push(k);
            if first_only {
                break;
            }
        }
    }
    Ok(out)
}

#[native(name = "remove", owner = "array")]
fn a_remove(vm: &mut Vm, this: This<ArrayData>, v: Value) -> PyResult {
    let d = this.data;
    let x = v;
    let size = d.itemsize();
    if let Some(p) = probe_item(x) {
        // Search and remove in one critical section.
        let mut g = d.data.lock();
        let pos = g
            .chunks_exact(size)
            .position(|c| item_cmp(read(d.typecode, c), p) == Some(Ordering::Equal));
        return match pos {
            Some(k) => {
                g.drain(k * size..(k + 1) * size);
                Ok(Value::NONE)
            }
            None => {
                drop(g);
                Err(vm.value_error("array.remove(x): x not in array"))
            }
        };
    }
    // `x == item` runs Python code: search a snapshot, then remove the first item with
    // the same value under the lock (another thread may have moved it meanwhile).
    let snap = d.data.lock().clone();
    match matches(vm, d, x, 0, usize::MAX, true)?.first() {
        Some(&k) if (k + 1) * size <= snap.len() => {
            let found = &snap[k * size..(k + 1) * size];
            let mut g = d.data.lock();
            if let Some(j) = g.chunks_exact(size).position(|c| c == found) {
                g.drain(j * size..(j + 1) * size);
            }
            Ok(Value::NONE)
        }
        _ => Err(vm.value_error("array.remove(x): x not in array")),
    }
}

#[native(name = "index", owner = "array")]
fn a_index(
    vm: &mut Vm,
    this: This<ArrayData>,
    a1: Value,
    a2: Option<Value>,
    a3: Option<Value>,
) -> PyResult {
    let d = this.data;
    let n = (d.data.lock().len() / d.itemsize()) as i64;
    let norm = |i: i64| -> usize { (if i < 0 { (i + n).max(0) } else { i.min(n) }) as usize };
    let start = match a2.as_ref() {
        Some(&v) => norm(clamped_index(vm, v)?),
        None => 0,
    };
    let stop = match a3.as_ref() {
        Some(&v) => norm(clamped_index(vm, v)?),
        None => usize::MAX,
    };
    match matches(vm, d, a1, start, stop, true)?.first() {
        Some(&k) => vm.new_int(k as i64),
        None => Err(vm.value_error("array.index(x): x not in array")),
    }
}

/// An index argument that saturates for big ints (CPython's slice-index converter).
fn clamped_index(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if let Some(b) = unwrap_base::<IntData>(&v)
        && b.0.to_i64().is_none()
    {
        return Ok(if b.0.is_negative() {
            i64::MIN
        } else {
            i64::MAX
        });
    }
    match as_index(vm, v)? {
        Some(i) => Ok(i),
        None => Err(vm.type_error("slice indices must be integers or have an __index__ method")),
    }
}

#[native(name = "count", owner = "array")]
fn a_count(vm: &mut Vm, this: This<ArrayData>, v: Value) -> PyResult {
    let d = this.data;
    let n = matches(vm, d, v, 0, usize::MAX, false)?.len();
    vm.new_int(n as i64)
}

#[native(name = "reverse", owner = "array")]
fn a_reverse(_vm: &mut Vm, this: This<ArrayData>) -> PyResult {
    let d = this.data;
    let size = d.itemsize();
    let mut g = d.data.lock();
    let rev: Vec<u8> = g.chunks_exact(size).rev().flatten().copied().collect();
    *g = rev;
    Ok(Value::NONE)
}

#[native(name = "byteswap", owner = "array")]
fn a_byteswap(_vm: &mut Vm, this: This<ArrayData>) -> PyResult {
    let d = this.data;
    let size = d.itemsize();
    for c in d.data.lock().chunks_exact_mut(size) {
        c.reverse();
    }
    Ok(Value::NONE)
}

#[native(name = "buffer_info", owner = "array")]
fn a_buffer_info(vm: &mut Vm, this: This<ArrayData>) -> PyResult {
    let d = this.data;
    let (addr, n) = {
        let g = d.data.lock();
        (g.as_ptr() as usize as u64, g.len() / d.itemsize())
    };
    let a = vm.new_int_u64(addr)?;
    vm.with_root(a, |vm| {
        vm.new_int(n as i64).and_then(|n| vm.new_tuple(vec![a, n]))
    })
}

#[native(name = "tobytes", owner = "array")]
fn a_tobytes(vm: &mut Vm, this: This<ArrayData>) -> PyResult {
    let d = this.data;
    let b = d.data.lock().clone();
    vm.new_bytes(b)
}

#[native(name = "frombytes", owner = "array")]
fn a_frombytes(vm: &mut Vm, this: This<ArrayData>, buffer: Value) -> PyResult {
    let d = this.data;
    let Some(b) = buffer_bytes(&buffer) else {
        let tn = vm.type_name(buffer);
        return Err(vm.type_error(format!("a bytes-like object is required, not '{tn}'")));
    };
    if b.len() % d.itemsize() != 0 {
        return Err(vm.value_error("bytes length not a multiple of item size"));
    }
    let mut g = d.data.lock();
    if g.len().saturating_add(b.len()) > MAX_BYTES {
        drop(g);
        return Err(memory_error(vm));
    }
    g.extend_from_slice(&b);
    Ok(Value::NONE)
}

#[native(name = "tolist", owner = "array")]
fn a_tolist(vm: &mut Vm, this: This<ArrayData>) -> PyResult {
    let d = this.data;
    let items = items_of(d.typecode, &d.data.lock().clone());
    list_of(vm, &items)
}

#[native(name = "fromlist", owner = "array")]
fn a_fromlist(vm: &mut Vm, this: This<ArrayData>, list_arg: Value) -> PyResult {
    let d = this.data;
    let Some(l) = unwrap_base::<ListData>(&list_arg) else {
        return Err(vm.type_error("arg must be list"));
    };
    let items = l.snapshot();
    // All or nothing: the items are converted before anything is appended.
    let b = encode_all(vm, d.typecode, &items)?;
    d.data.lock().extend_from_slice(&b);
    Ok(Value::NONE)
}

#[native(name = "tounicode", owner = "array")]
fn a_tounicode(vm: &mut Vm, this: This<ArrayData>) -> PyResult {
    let d = this.data;
    if !is_char_code(d.typecode) {
        return Err(
            vm.value_error("tounicode() may only be called on unicode type arrays ('u' or 'w')")
        );
    }
    let items = items_of(d.typecode, &d.data.lock().clone());
    let mut s = String::with_capacity(items.len());
    for it in items {
        if let Item::Char(c) = it {
            s.push(char::from_u32(c).unwrap_or('\u{fffd}'));
        }
    }
    vm.new_str(&s)
}

#[native(name = "fromunicode", owner = "array")]
fn a_fromunicode(vm: &mut Vm, this: This<ArrayData>, ustr: Value) -> PyResult {
    let d = this.data;
    let Some(s) = as_str(&ustr) else {
        let tn = vm.type_name(ustr);
        return Err(vm.type_error(format!("fromunicode() argument must be str, not {tn}")));
    };
    if !is_char_code(d.typecode) {
        return Err(
            vm.value_error("fromunicode() may only be called on unicode type arrays ('u' or 'w')")
        );
    }
    let mut b = Vec::with_capacity(s.len() * 4);
    for c in s.chars() {
        b.extend_from_slice(&(c as u32).to_ne_bytes());
    }
    d.data.lock().extend_from_slice(&b);
    Ok(Value::NONE)
}

#[native(name = "itemsize", owner = "array")]
fn a_itemsize(vm: &mut Vm, this: This<ArrayData>) -> PyResult {
    let d = this.data;
    vm.new_int(d.itemsize() as i64)
}

#[native(name = "typecode", owner = "array")]
fn a_typecode(vm: &mut Vm, this: This<ArrayData>) -> PyResult {
    let d = this.data;
    let mut buf = [0u8; 4];
    let s = d.typecode.encode_utf8(&mut buf);
    vm.new_str(s)
}

#[native(name = "__sizeof__", owner = "array")]
fn a_sizeof(vm: &mut Vm, this: This<ArrayData>) -> PyResult {
    let d = this.data;
    let cap = d.data.lock().capacity();
    vm.new_int(64 + cap as i64)
}

// ---------------------------------------------------------------- sequence protocol

#[native(name = "__len__", style = slot)]
fn a_len(vm: &mut Vm, this: This<ArrayData>) -> PyResult {
    let d = this.data;
    let n = d.data.lock().len() / d.itemsize();
    vm.new_int(n as i64)
}

/// An int index (`__index__`); None when `key` is not int-like.
fn index_key(vm: &mut Vm, key: Value) -> PyResult<Option<i64>> {
    if let Some(b) = unwrap_base::<IntData>(&key)
        && b.0.to_i64().is_none()
    {
        return Err(vm.index_error("cannot fit 'int' into an index-sized integer"));
    }
    as_index(vm, key)
}

#[native(name = "__getitem__", style = slot)]
fn a_getitem(vm: &mut Vm, this: This<ArrayData>, key_arg: Value) -> PyResult {
    let d = this.data;
    let (tc, size) = (d.typecode, d.itemsize());
    let key = key_arg;
    if let Some(sl) = key.downcast::<SliceData>() {
        let (s, e, st) = slice_unpack(vm, sl)?;
        let out = {
            let g = d.data.lock();
            let (a, b, st) = slice_adjust(s, e, st, g.len() / size);
            let n = slice_len(a, b, st);
            let mut out = Vec::with_capacity(n * size);
            for k in 0..n {
                let at = (a as i128 + k as i128 * st as i128) as usize * size;
                out.extend_from_slice(&g[at..at + size]);
            }
            out
        };
        let ty = array_type(vm, this.obj);
        return new_array(vm, ty, tc, out);
    }
    let Some(i) = index_key(vm, key)? else {
        return Err(vm.type_error("array indices must be integers"));
    };
    let it = {
        let g = d.data.lock();
        let n = (g.len() / size) as i64;
        let j = if i < 0 { i + n } else { i };
        if j < 0 || j >= n {
            None
        } else {
            let at = j as usize * size;
            Some(read(tc, &g[at..at + size]))
        }
    };
    match it {
        Some(it) => item_value(vm, it),
        None => Err(vm.index_error("array index out of range")),
    }
}

#[native(name = "__setitem__", style = slot)]
fn a_setitem(vm: &mut Vm, this: This<ArrayData>, key_arg: Value, value_arg: Value) -> PyResult {
    let d = this.data;
    let (tc, size) = (d.typecode, d.itemsize());
    let (key, value) = (key_arg, value_arg);
    if let Some(sl) = key.downcast::<SliceData>() {
        let (s, e, st) = slice_unpack(vm, sl)?;
        let Some(o) = unwrap_base::<ArrayData>(&value) else {
            let tn = vm.type_name(value);
            return Err(vm.type_error(format!(
                "can only assign array (not \"{tn}\") to array slice"
            )));
        };
        if o.typecode != tc {
            return Err(vm.type_error("bad argument type for built-in operation"));
        }
        // A snapshot first: the value may be this very array.
        let bytes = o.data.lock().clone();
        let mut g = d.data.lock();
        let (a, b, st) = slice_adjust(s, e, st, g.len() / size);
        if st == 1 {
            let a = a as usize;
            let b = (b.max(a as i64)) as usize;
            if g.len() - (b - a) * size + bytes.len() > MAX_BYTES {
                drop(g);
                return Err(memory_error(vm));
            }
            g.splice(a * size..b * size, bytes);
            return Ok(Value::NONE);
        }
        let n = slice_len(a, b, st);
        let m = bytes.len() / size;
        if m != n {
            drop(g);
            return Err(vm.value_error(format!(
                "attempt to assign array of size {m} to extended slice of size {n}"
            )));
        }
        for k in 0..n {
            let at = (a as i128 + k as i128 * st as i128) as usize * size;
            g[at..at + size].copy_from_slice(&bytes[k * size..(k + 1) * size]);
        }
        return Ok(Value::NONE);
    }
    let Some(i) = index_key(vm, key)? else {
        return Err(vm.type_error("array indices must be integers"));
    };
    let b = encode(vm, tc, value)?;
    let mut g = d.data.lock();
    let n = (g.len() / size) as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        drop(g);
        return Err(vm.index_error("array assignment index out of range"));
    }
    let at = j as usize * size;
    g[at..at + size].copy_from_slice(&b);
    Ok(Value::NONE)
}

#[native(name = "__delitem__", style = slot)]
fn a_delitem(vm: &mut Vm, this: This<ArrayData>, key_arg: Value) -> PyResult {
    let d = this.data;
    let size = d.itemsize();
    let key = key_arg;
    if let Some(sl) = key.downcast::<SliceData>() {
        let (s, e, st) = slice_unpack(vm, sl)?;
        let mut g = d.data.lock();
        let (a, b, st) = slice_adjust(s, e, st, g.len() / size);
        let n = slice_len(a, b, st);
        if n == 0 {
            return Ok(Value::NONE);
        }
        let (lo, step) = if st > 0 {
            (a as usize, st as usize)
        } else {
            ((a + (n as i64 - 1) * st) as usize, (-st) as usize)
        };
        let kept: Vec<u8> = g
            .chunks_exact(size)
            .enumerate()
            .filter(|(k, _)| !(*k >= lo && (*k - lo).is_multiple_of(step) && (*k - lo) / step < n))
            .flat_map(|(_, c)| c.iter().copied())
            .collect();
        *g = kept;
        return Ok(Value::NONE);
    }
    let Some(i) = index_key(vm, key)? else {
        return Err(vm.type_error("array indices must be integers"));
    };
    let mut g = d.data.lock();
    let n = (g.len() / size) as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        drop(g);
        return Err(vm.index_error("array assignment index out of range"));
    }
    let at = j as usize * size;
    g.drain(at..at + size);
    Ok(Value::NONE)
}

#[native(name = "__contains__", style = slot)]
fn a_contains(vm: &mut Vm, this: This<ArrayData>, key: Value) -> PyResult {
    let d = this.data;
    let found = !matches(vm, d, key, 0, usize::MAX, true)?.is_empty();
    Ok(Value::bool(found))
}

/// `iter(a)`: an index iterator; each step reads one item under the lock (through
/// `__getitem__`), so a concurrent resize just ends or extends the iteration.
#[native(name = "__iter__", style = slot)]
fn a_iter(vm: &mut Vm, this: This<ArrayData>) -> PyResult {
    let ty = vm.rt.types.seq_iter;
    vm.alloc(
        ty,
        SeqIter {
            seq: this.obj,
            index: weft_core::BiasedIndex::new(vm.thread_id, 0),
        },
    )
}

#[native(name = "__reversed__", owner = "array")]
fn a_reversed(vm: &mut Vm, this: This<ArrayData>) -> PyResult {
    let d = this.data;
    let n = d.data.lock().len() / d.itemsize();
    let ty = vm.rt.types.reversed;
    vm.alloc(
        ty,
        ReverseIter {
            seq: this.obj,
            index: AtomicUsize::new(n),
        },
    )
}

/// `repr(a)`: `array('i', [1, 2])`, `array('u', 'ab')`; a subclass shows its own name.
#[native(name = "__repr__", style = slot)]
fn a_repr(vm: &mut Vm, this: This<ArrayData>) -> PyResult {
    let d = this.data;
    let tc = d.typecode;
    let items = items_of(tc, &d.data.lock().clone());
    let name = vm.type_name(this.obj);
    let s = if items.is_empty() {
        format!("{name}('{tc}')")
    } else if is_char_code(tc) {
        let s: String = items
            .iter()
            .map(|it| match it {
                Item::Char(c) => char::from_u32(*c).unwrap_or('\u{fffd}'),
                _ => '?',
            })
            .collect();
        format!(
            "{name}('{tc}', {})",
            weft_vm::objects::str::methods::str_repr(&s)
        )
    } else {
        let parts: Vec<String> = items
            .iter()
            .map(|it| match *it {
                Item::Int(i) => i.to_string(),
                Item::Float(f) => weft_vm::ops::number_format::float_repr(f),
                Item::Char(c) => c.to_string(),
            })
            .collect();
        format!("{name}('{tc}', [{}])", parts.join(", "))
    };
    vm.new_str(&s)
}

// ---------------------------------------------------------------- operators

#[native(name = "__add__", style = slot)]
fn a_add(vm: &mut Vm, this: This<ArrayData>, other: Value) -> PyResult {
    let d = this.data;
    let Some(o) = unwrap_base::<ArrayData>(&other) else {
        let tn = vm.type_name(other);
        return Err(vm.type_error(format!("can only append array (not \"{tn}\") to array")));
    };
    if o.typecode != d.typecode {
        return Err(vm.type_error("bad argument type for built-in operation"));
    }
    let mut x = d.data.lock().clone();
    let y = o.data.lock().clone();
    check_size(vm, x.len().saturating_add(y.len()))?;
    x.extend_from_slice(&y);
    let ty = array_type(vm, this.obj);
    new_array(vm, ty, d.typecode, x)
}

/// The repeat count of `a * n`; None when `n` is not int-like and its type might answer
/// through `__rmul__` (then NotImplemented lets it).
fn repeat_count(vm: &mut Vm, n: Value) -> PyResult<Option<i64>> {
    if let Some(b) = unwrap_base::<IntData>(&n)
        && b.0.to_i64().is_none()
    {
        if b.0.is_negative() {
            return Ok(Some(0));
        }
        return Err(vm.overflow_error("cannot fit 'int' into an index-sized integer"));
    }
    if let Some(i) = as_index(vm, n)? {
        return Ok(Some(i));
    }
    if type_data(&vm.type_of(n)).is_user && vm.lookup_special(n, "__rmul__").is_some() {
        return Ok(None);
    }
    let tn = vm.type_name(n);
    Err(vm.type_error(format!("can't multiply sequence by non-int of type '{tn}'")))
}

/// `a * n` (also `n * a` through `__rmul__`).
#[native(name = "__mul__", style = slot)]
fn a_mul(vm: &mut Vm, this: This<ArrayData>, other: Value) -> PyResult {
    let d = this.data;
    let Some(n) = repeat_count(vm, other)? else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let one = d.data.lock().clone();
    let r = repeat_bytes(vm, &one, n.max(0) as usize)?;
    let ty = array_type(vm, this.obj);
    new_array(vm, ty, d.typecode, r)
}

#[native(name = "__iadd__", style = slot)]
fn a_iadd(vm: &mut Vm, this: This<ArrayData>, other: Value) -> PyResult {
    let d = this.data;
    let Some(o) = unwrap_base::<ArrayData>(&other) else {
        let tn = vm.type_name(other);
        return Err(vm.type_error(format!("can only extend array with array (not \"{tn}\")")));
    };
    if o.typecode != d.typecode {
        return Err(vm.type_error("can only extend with array of same kind"));
    }
    let more = o.data.lock().clone();
    let mut g = d.data.lock();
    if g.len().saturating_add(more.len()) > MAX_BYTES {
        drop(g);
        return Err(memory_error(vm));
    }
    g.extend_from_slice(&more);
    Ok(this.obj)
}

#[native(name = "__imul__", style = slot)]
fn a_imul(vm: &mut Vm, this: This<ArrayData>, other: Value) -> PyResult {
    let d = this.data;
    let Some(n) = repeat_count(vm, other)? else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    weft_vm::objects::bytes::args::repeat_in_place(vm, &mut d.data.lock(), n)?;
    Ok(this.obj)
}

/// Rich comparison of two arrays, item by item as Python compares the numbers.
fn compare(vm: &mut Vm, args: &[Value], op: CmpOp) -> PyResult {
    let d = data(vm, args, "__eq__")?;
    arg_count(vm, "comparison", &args[1..], 1, 1)?;
    let Some(o) = unwrap_base::<ArrayData>(&args[1]) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let x = items_of(d.typecode, &d.data.lock().clone());
    let y = items_of(o.typecode, &o.data.lock().clone());
    if matches!(op, CmpOp::Eq | CmpOp::Ne) && x.len() != y.len() {
        return Ok(Value::bool(op == CmpOp::Ne));
    }
    let first_diff = x
        .iter()
        .zip(&y)
        .position(|(&a, &b)| item_cmp(a, b) != Some(Ordering::Equal));
    let Some(k) = first_diff else {
        let (n, m) = (x.len(), y.len());
        return Ok(Value::bool(match op {
            CmpOp::Lt => n < m,
            CmpOp::Le => n <= m,
            CmpOp::Eq => n == m,
            CmpOp::Ne => n != m,
            CmpOp::Gt => n > m,
            CmpOp::Ge => n >= m,
        }));
    };
    match op {
        CmpOp::Eq => return Ok(Value::FALSE),
        CmpOp::Ne => return Ok(Value::TRUE),
        _ => {}
    }
    match item_cmp(x[k], y[k]) {
        Some(o) => Ok(Value::bool(match op {
            CmpOp::Lt => o == Ordering::Less,
            CmpOp::Le => o != Ordering::Greater,
            CmpOp::Gt => o == Ordering::Greater,
            _ => o != Ordering::Less,
        })),
        None => {
            // NaN, or a character against a number: Python's own comparison decides.
            let a = item_value(vm, x[k])?;
            weft_vm::root_scope!(vm);
            vm.root(a);
            let b = item_value(vm, y[k]);
            b.and_then(|b| vm.with_root(b, |vm| vm.rich_compare(a, b, op)))
        }
    }
}

fn a_eq(vm: &mut Vm, a: &[Value], _k: &[(Value, Value)]) -> PyResult {
    compare(vm, a, CmpOp::Eq)
}
fn a_ne(vm: &mut Vm, a: &[Value], _k: &[(Value, Value)]) -> PyResult {
    compare(vm, a, CmpOp::Ne)
}
fn a_lt(vm: &mut Vm, a: &[Value], _k: &[(Value, Value)]) -> PyResult {
    compare(vm, a, CmpOp::Lt)
}
fn a_le(vm: &mut Vm, a: &[Value], _k: &[(Value, Value)]) -> PyResult {
    compare(vm, a, CmpOp::Le)
}
fn a_gt(vm: &mut Vm, a: &[Value], _k: &[(Value, Value)]) -> PyResult {
    compare(vm, a, CmpOp::Gt)
}
fn a_ge(vm: &mut Vm, a: &[Value], _k: &[(Value, Value)]) -> PyResult {
    compare(vm, a, CmpOp::Ge)
}

// ---------------------------------------------------------------- copying

/// `__copy__()`, and `__deepcopy__(memo)` (the items are values: a copy is deep).
#[native(name = "__copy__", owner = "array")]
fn a_copy(vm: &mut Vm, this: This<ArrayData>, #[varargs] _memo: &[Value]) -> PyResult {
    let d = this.data;
    let b = d.data.lock().clone();
    let ty = array_type(vm, this.obj);
    new_array(vm, ty, d.typecode, b)
}

/// `__reduce_ex__`: `(type(a), (typecode, items), state)` — enough for copy and pickle.
#[native(name = "__reduce_ex__", owner = "array")]
fn a_reduce_ex(vm: &mut Vm, this: This<ArrayData>, _protocol: Value) -> PyResult {
    let d = this.data;
    let tc = d.typecode;
    let items = items_of(tc, &d.data.lock().clone());
    let cls = vm.type_of(this.obj);
    let state = vm.instance_state(this.obj)?;
    weft_vm::root_scope!(vm);
    (|| {
        let mut buf = [0u8; 4];
        let code = vm.new_str(tc.encode_utf8(&mut buf))?;
        vm.root(code);
        let l = list_of(vm, &items)?;
        vm.root(l);
        let inner = vm.new_tuple(vec![code, l])?;
        vm.root(inner);
        vm.new_tuple(vec![cls, inner, state])
    })()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_round_trip() {
        for tc in TYPECODES.chars() {
            let it = match tc {
                'f' | 'd' => Item::Float(1.5),
                'u' | 'w' => Item::Char('é' as u32),
                'b' | 'h' | 'i' | 'l' | 'q' => Item::Int(-5),
                _ => Item::Int(200),
            };
            let mut out = Vec::new();
            write(tc, it, &mut out);
            assert_eq!(out.len(), itemsize(tc));
            assert_eq!(read(tc, &out), it, "typecode {tc}");
        }
    }

    #[test]
    fn int_float_ordering() {
        assert_eq!(int_float_cmp(3, 3.0), Some(Ordering::Equal));
        assert_eq!(int_float_cmp(3, 3.5), Some(Ordering::Less));
        assert_eq!(int_float_cmp(-3, -3.5), Some(Ordering::Greater));
        assert_eq!(int_float_cmp(1 << 60, 1e300), Some(Ordering::Less));
        assert_eq!(int_float_cmp(0, f64::NAN), None);
    }
}
