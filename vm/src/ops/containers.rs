//! Built-in container protocols: indexing, slicing, len, membership, iteration, repr and
//! comparison of list/tuple/str/bytes/bytearray/range/dict/set and their iterators.
//! These functions see exact built-in payloads only (the caller unwraps subclass bases);
//! `Ok(None)` means "not a built-in container: use the generic path".
use crate::bytecode::CmpOp;
use crate::helpers::{as_f64, as_int};
use crate::objects::bytes::{ByteArrayData, BytesData};
use crate::objects::dict::DictData;
use crate::objects::int::IntData;
use crate::objects::iter::{
    DictIter, DictIterKind, DictView, MiscIter, MiscIterKind, RangeIter, ReverseIter, SeqIter,
};
use crate::objects::list::ListData;
use crate::objects::range::RangeData;
use crate::objects::set::SetData;
use crate::objects::slice::SliceData;
use crate::objects::str::StrData;
use crate::objects::tuple::TupleData;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use num_traits::{Signed, ToPrimitive};
use std::cell::RefCell;
use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

// ---------------------------------------------------------------- small helpers

/// An int-like value (int, bool, `__index__`) as i64. `Ok(None)`: not int-like.
/// Ints beyond i64 raise IndexError "cannot fit 'int' into an index-sized integer".
pub fn as_index(vm: &mut Vm, v: Value) -> PyResult<Option<i64>> {
    if let Some(i) = as_int(v) {
        return Ok(Some(i));
    }
    if let Some(b) = crate::helpers::unwrap_base::<IntData>(&v) {
        return match b.0.to_i64() {
            Some(i) => Ok(Some(i)),
            None => Err(vm.index_error("cannot fit 'int' into an index-sized integer")),
        };
    }
    if let Some(f) = user_index(vm, v) {
        let r = vm.call(f, &[v], &[])?;
        return match as_int(r) {
            Some(i) => Ok(Some(i)),
            None if r.is::<IntData>() => {
                Err(vm.index_error("cannot fit 'int' into an index-sized integer"))
            }
            None => Err(vm.type_error(format!(
                "__index__ returned non-int (type {})",
                vm.type_name(r)
            ))),
        };
    }
    Ok(None)
}

fn user_index(vm: &mut Vm, v: Value) -> Option<Value> {
    let ty = vm.type_of(v);
    if !crate::types::type_data(&ty).is_user && !crate::objects::weakref::is_proxy(vm, v) {
        return None;
    }
    vm.lookup_special(v, "__index__")
}

/// A slice bound: int clamped to i64 (big ints saturate), None for None.
fn slice_bound(vm: &mut Vm, v: Value) -> PyResult<Option<i64>> {
    if v.is_none() || v.is_null() {
        return Ok(None);
    }
    if let Some(i) = as_int(v) {
        return Ok(Some(i));
    }
    if let Some(b) = crate::helpers::unwrap_base::<IntData>(&v) {
        return Ok(Some(b.0.to_i64().unwrap_or(if b.0.is_negative() {
            i64::MIN
        } else {
            i64::MAX
        })));
    }
    if let Some(f) = user_index(vm, v) {
        let r = vm.call(f, &[v], &[])?;
        return slice_bound(vm, r);
    }
    Err(vm.type_error("slice indices must be integers or None or have an __index__ method"))
}

/// `slice.indices(len)`: CPython's PySlice_Unpack + PySlice_AdjustIndices.
pub fn slice_indices(vm: &mut Vm, slice: &SliceData, len: i64) -> PyResult<(i64, i64, i64)> {
    let (start, stop, step) = slice_unpack(vm, slice)?;
    let (a, b, st) = slice_adjust(start, stop, step, len.max(0) as usize);
    Ok((a, b, st))
}

/// CPython's PySlice_Unpack: the bounds as ints (`__index__` may run Python code, so
/// call this before taking an object's lock), the step non-zero.
pub fn slice_unpack(vm: &mut Vm, slice: &SliceData) -> PyResult<(Option<i64>, Option<i64>, i64)> {
    let (sv, ev, stv) = (slice.start, slice.stop, slice.step);
    let step = match slice_bound(vm, stv)? {
        None => 1,
        Some(0) => return Err(vm.value_error("slice step cannot be zero")),
        Some(s) => s.max(-i64::MAX),
    };
    let start = slice_bound(vm, sv)?;
    let stop = slice_bound(vm, ev)?;
    Ok((start, stop, step))
}

/// CPython's PySlice_AdjustIndices against `len` (pure: safe under an object's lock).
pub fn slice_adjust(
    start: Option<i64>,
    stop: Option<i64>,
    step: i64,
    len: usize,
) -> (i64, i64, i64) {
    let len = len as i64;
    let start = start.unwrap_or(if step < 0 { i64::MAX } else { 0 });
    let stop = stop.unwrap_or(if step < 0 { i64::MIN } else { i64::MAX });
    let adjust = |x: i64| -> i64 {
        if x < 0 {
            let y = x.saturating_add(len);
            if y < 0 {
                if step < 0 { -1 } else { 0 }
            } else {
                y
            }
        } else if x >= len {
            if step < 0 { len - 1 } else { len }
        } else {
            x
        }
    };
    (adjust(start), adjust(stop), step)
}

/// Number of items a normalised slice selects.
pub fn slice_len(start: i64, stop: i64, step: i64) -> usize {
    // Normalised bounds lie in -1..=len, so the span fits in i64 (and a u64 division
    // needs no 128-bit helper); other callers' extremes take the wide path.
    let span = if step < 0 {
        start.checked_sub(stop)
    } else {
        stop.checked_sub(start)
    };
    match span {
        Some(d) if d <= 0 => 0,
        Some(d) if step == 1 || step == -1 => d as usize,
        Some(d) => ((d - 1) as u64 / step.unsigned_abs() + 1) as usize,
        None => slice_len_wide(start, stop, step),
    }
}

#[cold]
fn slice_len_wide(start: i64, stop: i64, step: i64) -> usize {
    let (a, b, s) = (start as i128, stop as i128, step as i128);
    let n = if s < 0 {
        if b < a { (a - b - 1) / (-s) + 1 } else { 0 }
    } else if a < b {
        (b - a - 1) / s + 1
    } else {
        0
    };
    n as usize
}

/// The positions a normalised slice selects (each in 0..len, so `start + k * step`
/// cannot overflow).
fn slice_positions(start: i64, stop: i64, step: i64) -> impl ExactSizeIterator<Item = usize> {
    let n = slice_len(start, stop, step);
    (0..n).map(move |k| start.wrapping_add((k as i64).wrapping_mul(step)) as usize)
}

fn take_slice<T: Copy>(items: &[T], start: i64, stop: i64, step: i64) -> Vec<T> {
    if step == 1 {
        if start < stop {
            items[start as usize..stop as usize].to_vec()
        } else {
            Vec::new()
        }
    } else {
        slice_positions(start, stop, step)
            .map(|i| items[i])
            .collect()
    }
}

/// Normalise a (possibly negative) index against `len`; None when out of range.
fn norm_index(i: i64, len: usize) -> Option<usize> {
    let len = len as i64;
    let j = if i < 0 { i + len } else { i };
    if j < 0 || j >= len {
        None
    } else {
        Some(j as usize)
    }
}

fn str_chars(s: &StrData) -> Vec<char> {
    s.as_str().chars().collect()
}

// ---------------------------------------------------------------- getitem

pub fn seq_getitem(vm: &mut Vm, c: Value, key: Value) -> PyResult<Option<Value>> {
    if c.is::<DictData>() {
        return match vm.dict_get(c, key)? {
            Some(v) => Ok(Some(v)),
            None => Err(vm.key_error(key)),
        };
    }
    if let Some(l) = c.downcast::<ListData>()
        && let Some(i) = key.as_small_int()
    {
        // The common `l[i]`: one view of the items, no lock.
        let v = l.view();
        return match norm_index(i, v.len()).and_then(|j| v.get(j)) {
            Some(x) => Ok(Some(x)),
            None => Err(vm.index_error("list index out of range")),
        };
    }
    let (kind, len) = if let Some(l) = c.downcast::<ListData>() {
        ("list", l.len())
    } else if let Some(t) = c.downcast::<TupleData>() {
        ("tuple", t.0.len())
    } else if let Some(s) = c.downcast::<StrData>() {
        ("string", s.chars())
    } else if let Some(b) = c.downcast::<BytesData>() {
        ("byte", b.0.len())
    } else if let Some(b) = c.downcast::<ByteArrayData>() {
        ("bytearray", b.0.lock().len())
    } else if let Some(r) = c.downcast::<RangeData>() {
        ("range", r.len() as usize)
    } else {
        return Ok(None);
    };
    if let Some(sl) = key.downcast::<SliceData>() {
        if c.is::<ListData>() || c.is::<ByteArrayData>() {
            // Bounds first (may run Python code), then adjust to the length under the lock.
            let (s, e, st) = slice_unpack(vm, sl)?;
            return mutable_slice(vm, c, s, e, st).map(Some);
        }
        let (a, b, st) = slice_indices(vm, sl, len as i64)?;
        return seq_slice(vm, c, a, b, st).map(Some);
    }
    let Some(i) = as_index(vm, key)? else {
        let tn = vm.type_name(key);
        return Err(vm.type_error(match kind {
            "string" => format!("string indices must be integers, not '{tn}'"),
            _ => format!("{kind} indices must be integers or slices, not {tn}"),
        }));
    };
    if let Some(l) = c.downcast::<ListData>() {
        let v = l.view();
        return match norm_index(i, v.len()).and_then(|j| v.get(j)) {
            Some(x) => Ok(Some(x)),
            None => Err(vm.index_error("list index out of range")),
        };
    }
    let Some(j) = norm_index(i, len) else {
        return Err(vm.index_error(match kind {
            "range" => "range object index out of range".to_string(),
            "byte" => "index out of range".to_string(),
            "bytearray" => "bytearray index out of range".to_string(),
            k => format!("{k} index out of range"),
        }));
    };
    if let Some(t) = c.downcast::<TupleData>() {
        return Ok(Some(t.0[j]));
    }
    if let Some(s) = c.downcast::<StrData>() {
        return vm.new_code_point(s.code_at(j)).map(Some);
    }
    if let Some(b) = c.downcast::<BytesData>() {
        return Ok(Some(Value::small_int(b.0[j] as i64).unwrap()));
    }
    if let Some(b) = c.downcast::<ByteArrayData>() {
        let x = b.0.lock().get(j).copied();
        return match x {
            Some(x) => Ok(Some(Value::small_int(x as i64).unwrap())),
            None => Err(vm.index_error("bytearray index out of range")),
        };
    }
    if let Some(r) = c.downcast::<RangeData>() {
        let v = r.get(j as i64);
        return vm.new_int(v).map(Some);
    }
    Ok(None)
}

/// `l[s:e:st] = items` for a list (bounds already unpacked; items already gathered,
/// since gathering them may run Python code): the splice under the list's lock.
pub(crate) fn list_assign_slice(
    vm: &mut Vm,
    l: &ListData,
    s: Option<i64>,
    e: Option<i64>,
    st: i64,
    items: Vec<Value>,
) -> PyResult<()> {
    let mut g = l.write();
    let (a, b, st) = slice_adjust(s, e, st, g.len());
    if st == 1 {
        let a = a as usize;
        let b = b.max(a as i64) as usize;
        if b - a == items.len() {
            // Same length: store in place (a reader sees, at each index, an item
            // that was there at some moment, as for `l[i] = v`).
            for (pos, v) in (a..b).zip(items) {
                g.set(pos, v);
            }
            return Ok(());
        }
        let mut all = g.to_vec();
        all.splice(a..b, items);
        g.replace(&all);
        return Ok(());
    }
    let n = slice_len(a, b, st);
    if items.len() != n {
        drop(g);
        return Err(vm.value_error(format!(
            "attempt to assign sequence of size {} to extended slice of size {n}",
            items.len()
        )));
    }
    for (pos, v) in slice_positions(a, b, st).zip(items) {
        g.set(pos, v);
    }
    Ok(())
}

/// `c[s:e:st]` of a list (one view of its items) or a bytearray (under its lock).
pub(crate) fn mutable_slice(
    vm: &mut Vm,
    c: Value,
    s: Option<i64>,
    e: Option<i64>,
    st: i64,
) -> PyResult {
    if let Some(l) = c.downcast::<ListData>() {
        let part = {
            let v = l.view();
            let (a, b, st) = slice_adjust(s, e, st, v.len());
            ListData::from_positions(v, slice_positions(a, b, st))
        };
        let ty = vm.rt.types.list;
        return vm.alloc(ty, part);
    }
    let by = c.downcast::<ByteArrayData>().expect("bytearray");
    let out = {
        let g = by.0.lock();
        let (a, b, st) = slice_adjust(s, e, st, g.len());
        take_slice(&g, a, b, st)
    };
    vm.new_bytearray(out)
}

/// `c[start:stop:step]` for a normalised slice of an immutable sequence.
pub(crate) fn seq_slice(vm: &mut Vm, c: Value, a: i64, b: i64, st: i64) -> PyResult {
    if let Some(t) = c.downcast::<TupleData>() {
        if a == 0 && st == 1 && b == t.0.len() as i64 {
            return Ok(c);
        }
        let items = take_slice(&t.0, a, b, st);
        return vm.new_tuple(items);
    }
    if let Some(s) = c.downcast::<StrData>() {
        if s.is_ascii() {
            let text = s.as_str();
            if st == 1 {
                // A run of ASCII text: one copy, straight into the new object.
                let part = if a < b {
                    &text[a as usize..b as usize]
                } else {
                    ""
                };
                return vm.new_str_counted(part, part.len());
            }
            let bytes = take_slice(text.as_bytes(), a, b, st);
            let n = bytes.len();
            // ASCII bytes are valid UTF-8.
            return vm.new_str_counted(&String::from_utf8(bytes).unwrap_or_default(), n);
        }
        if s.has_surrogates() {
            // Exact: code points, surrogates included (objects/str.rs).
            let cps: Vec<u32> = crate::objects::str::wtf8::decode(s.wtf8()).collect();
            return vm.new_str_code_points(&take_slice(&cps, a, b, st));
        }
        let chars = str_chars(s);
        let out: String = take_slice(&chars, a, b, st).into_iter().collect();
        return vm.new_str(&out);
    }
    if let Some(by) = c.downcast::<BytesData>() {
        if a == 0 && st == 1 && b == by.0.len() as i64 {
            return Ok(c);
        }
        let out = take_slice(&by.0, a, b, st);
        return vm.new_bytes(out);
    }
    if let Some(r) = c.downcast::<RangeData>() {
        let start = r.start as i128 + a as i128 * r.step as i128;
        let stop = r.start as i128 + b as i128 * r.step as i128;
        let step = r.step as i128 * st as i128;
        let fit = |x: i128| i64::try_from(x).ok();
        return match (fit(start), fit(stop), fit(step)) {
            (Some(start), Some(stop), Some(step)) => {
                let ty = vm.rt.types.range;
                vm.alloc(ty, RangeData { start, stop, step })
            }
            _ => Err(vm.overflow_error("Python int too large to convert to C ssize_t")),
        };
    }
    Err(vm.type_error("object is not sliceable"))
}

// ---------------------------------------------------------------- setitem / delitem

pub fn seq_setitem(vm: &mut Vm, c: Value, key: Value, value: Value) -> PyResult<Option<()>> {
    if c.is::<DictData>() {
        vm.dict_set(c, key, value)?;
        return Ok(Some(()));
    }
    if c.is::<ListData>() {
        if let Some(sl) = key.downcast::<SliceData>() {
            // Bounds and items first (may run Python code), then the splice under the lock.
            let (s, e, st) = slice_unpack(vm, sl)?;
            let items = vm.collect_iter(value).map_err(|e| {
                if vm.err_is(&e, vm.rt.types.exc.type_error) && !value.is::<ListData>() {
                    let ctx = if sl.step.is_none() {
                        "can only assign an iterable"
                    } else {
                        "must assign iterable to extended slice"
                    };
                    vm.type_error(ctx)
                } else {
                    e
                }
            })?;
            let l = c.downcast::<ListData>().unwrap();
            list_assign_slice(vm, l, s, e, st, items)?;
            return Ok(Some(()));
        }
        let Some(i) = as_index(vm, key)? else {
            let tn = vm.type_name(key);
            return Err(vm.type_error(format!("list indices must be integers or slices, not {tn}")));
        };
        let l = c.downcast::<ListData>().unwrap();
        let mut g = l.write();
        return match norm_index(i, g.len()) {
            Some(j) => {
                g.set(j, value);
                Ok(Some(()))
            }
            None => {
                drop(g);
                Err(vm.index_error("list assignment index out of range"))
            }
        };
    }
    if c.is::<ByteArrayData>() {
        crate::objects::bytes::bytearray::setitem(vm, c, key, value)?;
        return Ok(Some(()));
    }
    Ok(None)
}

pub fn seq_delitem(vm: &mut Vm, c: Value, key: Value) -> PyResult<Option<()>> {
    if c.is::<DictData>() {
        return match vm.dict_del(c, key)? {
            Some(_) => Ok(Some(())),
            None => Err(vm.key_error(key)),
        };
    }
    if c.is::<ByteArrayData>() {
        crate::objects::bytes::bytearray::delitem(vm, c, key)?;
        return Ok(Some(()));
    }
    let Some(l) = c.downcast::<ListData>() else {
        return Ok(None);
    };
    if let Some(sl) = key.downcast::<SliceData>() {
        let (s, e, st) = slice_unpack(vm, sl)?;
        // Removed items are dropped after the lock is released (they are plain words).
        let mut g = l.write();
        let (a, b, st) = slice_adjust(s, e, st, g.len());
        let mut drop_set: Vec<usize> = slice_positions(a, b, st).collect();
        drop_set.sort_unstable();
        let mut k = 0;
        let mut i = 0;
        let mut kept = g.to_vec();
        kept.retain(|_| {
            let del = k < drop_set.len() && drop_set[k] == i;
            if del {
                k += 1;
            }
            i += 1;
            !del
        });
        g.replace(&kept);
        return Ok(Some(()));
    }
    let Some(i) = as_index(vm, key)? else {
        let tn = vm.type_name(key);
        return Err(vm.type_error(format!("list indices must be integers or slices, not {tn}")));
    };
    let mut g = l.write();
    match norm_index(i, g.len()) {
        Some(j) => {
            g.remove(j);
            Ok(Some(()))
        }
        None => {
            drop(g);
            Err(vm.index_error("list assignment index out of range"))
        }
    }
}

// ---------------------------------------------------------------- len / contains

/// `len(v)` of an exact list, tuple, str or dict (no subclass, so no `__len__` of its
/// own): the interpreter's fast path for `len(x)`.
#[inline]
pub fn exact_builtin_len(v: Value) -> Option<usize> {
    if let Some(l) = v.downcast::<ListData>() {
        return Some(l.len());
    }
    if let Some(t) = v.downcast::<TupleData>() {
        return Some(t.0.len());
    }
    if let Some(s) = v.downcast::<StrData>() {
        return Some(s.chars());
    }
    v.downcast::<DictData>().map(|d| d.0.len())
}

pub fn builtin_len(vm: &mut Vm, v: Value) -> Option<usize> {
    let _ = &vm;
    if let Some(n) = exact_builtin_len(v) {
        return Some(n);
    }
    if let Some(s) = v.downcast::<SetData>() {
        return Some(s.0.len());
    }
    if let Some(b) = v.downcast::<BytesData>() {
        return Some(b.0.len());
    }
    if let Some(b) = v.downcast::<ByteArrayData>() {
        return Some(b.0.lock().len());
    }
    if let Some(r) = v.downcast::<RangeData>() {
        return Some(r.len() as usize);
    }
    if let Some(dv) = v.downcast::<DictView>() {
        let d = dv.dict;
        return crate::objects::dict::ops::dict_payload(d)
            .map(|d| d.downcast::<DictData>().unwrap().0.len());
    }
    None
}

/// `item in range` by arithmetic (None: item is not an int).
fn range_contains(r: &RangeData, item: Value) -> Option<bool> {
    let x = if let Some(i) = as_int(item) {
        i as i128
    } else if let Some(b) = item.downcast::<IntData>() {
        match b.0.to_i128() {
            Some(i) => i,
            None => return Some(false),
        }
    } else {
        return None;
    };
    let (a, b, s) = (r.start as i128, r.stop as i128, r.step as i128);
    let inside = if s > 0 {
        x >= a && x < b
    } else {
        x <= a && x > b
    };
    Some(inside && (x - a) % s == 0)
}

/// Identity-then-`==` search over a copied slice of items (rooted while comparing).
fn seq_contains(vm: &mut Vm, items: &[Value], item: Value) -> PyResult<bool> {
    if items.contains(&item) && !crate::objects::float::is_float(item) {
        return Ok(true);
    }
    crate::root_scope!(vm);
    vm.root_all(items);
    let mut res = Ok(false);
    for &x in items {
        if x == item {
            res = Ok(true);
            break;
        }
        match vm.eq(x, item) {
            Ok(true) => {
                res = Ok(true);
                break;
            }
            Ok(false) => {}
            Err(e) => {
                res = Err(e);
                break;
            }
        }
    }
    res
}

pub fn builtin_contains(vm: &mut Vm, c: Value, item: Value) -> PyResult<Option<bool>> {
    if let Some(l) = c.downcast::<ListData>() {
        // Decided without Python code (str, int, float, None items): one view, no copy.
        let mut undecided = false;
        for x in l.view().iter() {
            match crate::ops::compare::native_eq(x, item) {
                Some(true) => return Ok(Some(true)),
                Some(false) => {}
                None => {
                    undecided = true;
                    break;
                }
            }
        }
        if !undecided {
            return Ok(Some(false));
        }
        let items = l.snapshot();
        return seq_contains(vm, &items, item).map(Some);
    }
    if let Some(t) = c.downcast::<TupleData>() {
        let items = t.0.to_vec();
        return seq_contains(vm, &items, item).map(Some);
    }
    if let Some(s) = c.downcast::<StrData>() {
        return match crate::helpers::as_str_data(&item) {
            Some(sub) if s.has_surrogates() || sub.has_surrogates() => {
                // Exact bytes (objects/str.rs: a byte match is a code-point match).
                let (h, n) = (s.wtf8(), sub.wtf8());
                Ok(Some(n.is_empty() || h.windows(n.len()).any(|w| w == n)))
            }
            Some(sub) => Ok(Some(s.as_str().contains(sub.as_str()))),
            None => {
                let tn = vm.type_name(item);
                Err(vm.type_error(format!(
                    "'in <string>' requires string as left operand, not {tn}"
                )))
            }
        };
    }
    if c.is::<DictData>() {
        return Ok(Some(vm.dict_get(c, item)?.is_some()));
    }
    if c.is::<SetData>() {
        return Ok(Some(vm.set_contains(c, item)?));
    }
    if let Some(r) = c.downcast::<RangeData>() {
        if let Some(b) = range_contains(r, item) {
            return Ok(Some(b));
        }
        if let Some(f) = crate::objects::float::float_of(item) {
            let x = f;
            if x.fract() != 0.0 || !x.is_finite() {
                return Ok(Some(false));
            }
            let iv = Value::small_int(x as i64).unwrap_or(Value::NONE);
            return Ok(Some(range_contains(r, iv).unwrap_or(false)));
        }
        // Generic objects: compare with every element (CPython does the same).
        let (start, step, n) = (r.start, r.step, r.len());
        for k in 0..n {
            let v = vm.new_int(start + k * step)?;
            if vm.eq(v, item)? {
                return Ok(Some(true));
            }
        }
        return Ok(Some(false));
    }
    if c.is::<BytesData>() || c.is::<ByteArrayData>() {
        let hay = crate::objects::bytes::buffer_bytes(&c).unwrap_or_default();
        return crate::objects::bytes::methods::bytes_contains(vm, &hay, item).map(Some);
    }
    if let Some(dv) = c.downcast::<DictView>() {
        let Some(d) = crate::objects::dict::ops::dict_payload(dv.dict) else {
            return Ok(None);
        };
        return match dv.kind {
            DictIterKind::Keys => Ok(Some(vm.dict_get(d, item)?.is_some())),
            DictIterKind::Values => {
                let vals: Vec<Value> = vm.dict_items(d).into_iter().map(|(_, v)| v).collect();
                seq_contains(vm, &vals, item).map(Some)
            }
            DictIterKind::Items => {
                let Some(t) = item.downcast::<TupleData>() else {
                    return Ok(Some(false));
                };
                if t.0.len() != 2 {
                    return Ok(Some(false));
                }
                let (k, v) = (t.0[0], t.0[1]);
                match vm.dict_get(d, k)? {
                    Some(found) => {
                        let r = vm.with_root(found, |vm| vm.eq(found, v));
                        r.map(Some)
                    }
                    None => Ok(Some(false)),
                }
            }
        };
    }
    Ok(None)
}

// ---------------------------------------------------------------- iteration

fn is_builtin_iterator(v: Value) -> bool {
    v.is::<SeqIter>()
        || v.is::<RangeIter>()
        || v.is::<DictIter>()
        || v.is::<ReverseIter>()
        || v.is::<MiscIter>()
}

pub fn dict_iter_type(vm: &Vm, kind: DictIterKind) -> Value {
    let t = &vm.rt.types;
    match kind {
        DictIterKind::Keys => t.dict_keyiter,
        DictIterKind::Values => t.dict_valueiter,
        DictIterKind::Items => t.dict_itemiter,
    }
}

pub fn builtin_iter(vm: &mut Vm, v: Value) -> PyResult<Option<Value>> {
    let t = vm.rt.types.base;
    let seq_ty = if v.is::<ListData>() {
        Some(t.list_iter)
    } else if v.is::<TupleData>() {
        Some(t.tuple_iter)
    } else if v.is::<StrData>() {
        Some(t.str_iter)
    } else if v.is::<BytesData>() || v.is::<ByteArrayData>() {
        Some(t.seq_iter)
    } else {
        None
    };
    if let Some(ty) = seq_ty {
        return vm
            .alloc(
                ty,
                SeqIter {
                    seq: v,
                    index: weft_core::BiasedIndex::new(vm.thread_id, 0),
                },
            )
            .map(Some);
    }
    if let Some(r) = v.downcast::<RangeData>() {
        let it = RangeIter {
            next: weft_core::BiasedIndex::new(vm.thread_id, r.start as u64),
            stop: r.stop,
            step: r.step,
        };
        return vm.alloc(t.range_iter, it).map(Some);
    }
    if let Some(d) = v.downcast::<DictData>() {
        let len = d.0.len();
        let it = DictIter {
            dict: v,
            pos: AtomicUsize::new(0),
            kind: DictIterKind::Keys,
            len,
        };
        return vm.alloc(t.dict_keyiter, it).map(Some);
    }
    if let Some(s) = v.downcast::<SetData>() {
        let len = s.0.len();
        let it = DictIter {
            dict: v,
            pos: AtomicUsize::new(0),
            kind: DictIterKind::Keys,
            len,
        };
        return vm.alloc(t.set_iter, it).map(Some);
    }
    if let Some(dv) = v.downcast::<DictView>() {
        let Some(d) = crate::objects::dict::ops::dict_payload(dv.dict) else {
            return Ok(None);
        };
        let kind = dv.kind;
        let len = vm.dict_len(d);
        let ty = dict_iter_type(vm, kind);
        return vm
            .alloc(
                ty,
                DictIter {
                    dict: d,
                    pos: AtomicUsize::new(0),
                    kind,
                    len,
                },
            )
            .map(Some);
    }
    if is_builtin_iterator(v) {
        return Ok(Some(v));
    }
    Ok(None)
}

/// Item `i` of a list/tuple/str/bytes/bytearray (None past the end); Err(()) for other
/// sequence kinds.
/// Let this thread step iterator position `b`: when another thread owns it, end that
/// thread's plain steps first (`weft_core::biased`). A safepoint: it may stop the world.
#[inline]
pub fn ready_to_step(vm: &mut Vm, b: &weft_core::BiasedIndex) {
    if !b.may_step(vm.thread_id) {
        b.share(&vm.rt.world, &vm.slot);
    }
}

fn seq_item(vm: &mut Vm, seq: Value, i: usize) -> Result<PyResult<Option<Value>>, ()> {
    if let Some(l) = seq.downcast::<ListData>() {
        return Ok(Ok(l.get(i)));
    }
    if let Some(t) = seq.downcast::<TupleData>() {
        return Ok(Ok(t.0.get(i).copied()));
    }
    if let Some(s) = seq.downcast::<StrData>() {
        if i >= s.chars() {
            return Ok(Ok(None));
        }
        return Ok(vm.new_code_point(s.code_at(i)).map(Some));
    }
    if let Some(b) = seq.downcast::<BytesData>() {
        return Ok(Ok(b.0.get(i).map(|&x| Value::small_int(x as i64).unwrap())));
    }
    if let Some(b) = seq.downcast::<ByteArrayData>() {
        return Ok(Ok(b
            .0
            .lock()
            .get(i)
            .map(|&x| Value::small_int(x as i64).unwrap())));
    }
    if let Some(r) = seq.downcast::<RangeData>() {
        if (i as i64) < r.len() {
            let v = r.get(i as i64);
            return Ok(vm.new_int(v).map(Some));
        }
        return Ok(Ok(None));
    }
    Err(())
}

pub fn builtin_next(vm: &mut Vm, it: Value) -> PyResult<Option<Option<Value>>> {
    // Iterators shared by threads hand out each item once: a step reads the item at
    // its index, then moves the index on with a compare-and-swap, and reads again when
    // another thread moved it first (DESIGN.md invariant 4).
    if let Some(s) = it.downcast::<SeqIter>() {
        let seq = s.seq;
        ready_to_step(vm, &s.index);
        let me = vm.thread_id;
        if let Some(st) = seq.downcast::<StrData>() {
            // A str iterator's index is a byte offset: each step is O(1), also for
            // non-ASCII text.
            if st.has_surrogates() {
                use crate::objects::str::wtf8;
                loop {
                    let at = s.index.load();
                    let off = at as usize;
                    let Some(&b0) = st.wtf8().get(off) else {
                        return Ok(Some(None));
                    };
                    let w = wtf8::width(b0);
                    let c = wtf8::decode(&st.wtf8()[off..]).next().unwrap_or(0);
                    if s.index.advance(me, at, at + w as u64) {
                        return vm.new_code_point(c).map(|v| Some(Some(v)));
                    }
                }
            }
            loop {
                let at = s.index.load();
                let off = at as usize;
                let Some(c) = st.as_str().get(off..).and_then(|t| t.chars().next()) else {
                    return Ok(Some(None));
                };
                if s.index.advance(me, at, at + c.len_utf8() as u64) {
                    return vm.new_char(c).map(|v| Some(Some(v)));
                }
            }
        }
        loop {
            let at = s.index.load();
            match seq_item(vm, seq, at as usize) {
                Ok(r) => {
                    let r = r?;
                    if r.is_none() || s.index.advance(me, at, at + 1) {
                        return Ok(Some(r));
                    }
                }
                Err(()) => return Ok(None),
            }
        }
    }
    if let Some(r) = it.downcast::<RangeIter>() {
        ready_to_step(vm, &r.next);
        let me = vm.thread_id;
        loop {
            let at = r.next.load();
            let n = at as i64;
            let more = if r.step > 0 { n < r.stop } else { n > r.stop };
            if !more {
                return Ok(Some(None));
            }
            let next = n.checked_add(r.step).unwrap_or(r.stop);
            if r.next.advance(me, at, next as u64) {
                return vm.new_int(n).map(|v| Some(Some(v)));
            }
        }
    }
    if let Some(d) = it.downcast::<DictIter>() {
        return dict_iter_next(vm, d).map(Some);
    }
    if let Some(r) = it.downcast::<ReverseIter>() {
        return reverse_next(vm, r).map(Some);
    }
    if let Some(m) = it.downcast::<MiscIter>() {
        return misc_next(vm, m, false).map(Some);
    }
    Ok(None)
}

fn dict_iter_next(vm: &mut Vm, d: &DictIter) -> PyResult<Option<Value>> {
    let dict = d.dict;
    let is_set = dict.is::<SetData>();
    // No lock: the published storage and count (objects/dict/mod.rs).
    let entry = {
        let table = if let Some(s) = dict.downcast::<SetData>() {
            &s.0
        } else if let Some(dd) = dict.downcast::<DictData>() {
            &dd.0
        } else {
            return Ok(None);
        };
        if table.len() != d.len {
            None
        } else {
            let mut pos = d.pos.load(Relaxed);
            let mut found = None;
            while let Some(e) = table.entry_at_lockfree(pos) {
                pos += 1;
                if let Some(e) = e {
                    found = Some((e.key, e.value));
                    break;
                }
            }
            d.pos.store(pos, Relaxed);
            Some(found)
        }
    };
    let Some(entry) = entry else {
        d.pos.store(usize::MAX, Relaxed);
        return Err(vm.runtime_error(if is_set {
            "Set changed size during iteration"
        } else {
            "dictionary changed size during iteration"
        }));
    };
    let Some((k, v)) = entry else { return Ok(None) };
    match d.kind {
        DictIterKind::Keys => Ok(Some(k)),
        DictIterKind::Values => Ok(Some(v)),
        DictIterKind::Items => vm.new_tuple(vec![k, v]).map(Some),
    }
}

fn reverse_next(vm: &mut Vm, r: &ReverseIter) -> PyResult<Option<Value>> {
    let seq = r.seq;
    let idx = r.index.load(Relaxed);
    if idx == 0 {
        return Ok(None);
    }
    if let Some(d) = seq.downcast::<DictData>() {
        // Walk entry positions backwards (index = raw position + 1).
        let g = d.0.lock();
        let mut pos = idx.min(g.raw_len());
        while pos > 0 {
            pos -= 1;
            if let Some(e) = g.entry_at(pos) {
                let k = e.key;
                drop(g);
                r.index.store(pos, Relaxed);
                return Ok(Some(k));
            }
        }
        drop(g);
        r.index.store(0, Relaxed);
        return Ok(None);
    }
    let i = idx - 1;
    match seq_item(vm, seq, i) {
        Ok(res) => {
            let res = res?;
            r.index.store(if res.is_some() { i } else { 0 }, Relaxed);
            Ok(res)
        }
        Err(()) => {
            // Generic sequence: seq[i].
            r.index.store(i, Relaxed);
            let k = vm.new_int(i as i64)?;
            match vm.getitem(seq, k) {
                Ok(v) => Ok(Some(v)),
                Err(e)
                    if vm.err_is(&e, vm.rt.types.exc.index_error)
                        || vm.err_is(&e, vm.rt.types.exc.stop_iteration) =>
                {
                    r.index.store(0, Relaxed);
                    Ok(None)
                }
                Err(e) => Err(e),
            }
        }
    }
}

/// `zip(strict=True)`: iterator `pos` ran out first; the others must be exhausted too.
fn zip_strict_check(vm: &mut Vm, its: &[Value], pos: usize) -> PyResult<()> {
    let which = |k: usize| {
        if k == 1 {
            "argument 1".to_string()
        } else {
            format!("arguments 1-{k}")
        }
    };
    if pos > 0 {
        return Err(vm.value_error(format!(
            "zip() argument {} is shorter than {}",
            pos + 1,
            which(pos)
        )));
    }
    for (j, &it) in its.iter().enumerate().skip(1) {
        if vm.next(it)?.is_some() {
            return Err(vm.value_error(format!(
                "zip() argument {} is longer than {}",
                j + 1,
                which(j)
            )));
        }
    }
    Ok(())
}

/// The next item of an `enumerate`, `map` or `zip` for `next()`: the `StopIteration`
/// that ends a user iterator inside it comes out as it is (with its args), as CPython
/// passes it on.
pub(crate) fn misc_next_for_next(vm: &mut Vm, m: &MiscIter) -> PyResult<Option<Value>> {
    misc_next(vm, m, true)
}

/// The next item of an inner iterator: under `pass_stop`, a user iterator's
/// `StopIteration` is returned as the error instead of ending quietly.
fn inner_next(vm: &mut Vm, it: Value, pass_stop: bool) -> PyResult<Option<Value>> {
    if pass_stop
        && crate::types::type_data(&vm.type_of(it)).is_user
        && let Some(f) = vm.lookup_special(it, "__next__")
    {
        return vm.call(f, &[it], &[]).map(Some);
    }
    vm.next(it)
}

fn misc_next(vm: &mut Vm, m: &MiscIter, pass_stop: bool) -> PyResult<Option<Value>> {
    if m.done.load(Relaxed) {
        return Ok(None);
    }
    let vals: Vec<Value> = m.vals.to_vec();
    let finish = |m: &MiscIter| {
        m.done.store(true, Relaxed);
        Ok(None)
    };
    match m.kind {
        MiscIterKind::Enumerate => {
            let Some(x) = inner_next(vm, vals[0], pass_stop)? else {
                return finish(m);
            };
            crate::root_scope!(vm);
            vm.root(x);
            // Item k is numbered start + k, in a big int once past the i64 range.
            let k = m.count.fetch_add(1, Relaxed);
            let start = vals[1];
            let n = match start.as_small_int().and_then(|s| s.checked_add(k)) {
                Some(n) => vm.new_int(n),
                None => {
                    let s = crate::helpers::as_bigint(start).unwrap_or_default();
                    vm.new_bigint(s + k)
                }
            };
            let r = n.and_then(|i| vm.with_root(i, |vm| vm.new_tuple(vec![i, x])));
            r.map(Some)
        }
        MiscIterKind::Zip => {
            if vals.is_empty() {
                return finish(m);
            }
            crate::root_scope!(vm);
            let mut out = Vec::with_capacity(vals.len());
            for (pos, &i) in vals.iter().enumerate() {
                match inner_next(vm, i, pass_stop) {
                    Ok(Some(x)) => {
                        vm.root(x);
                        out.push(x);
                    }
                    Ok(None) => {
                        m.done.store(true, Relaxed);
                        if m.count.load(Relaxed) != 0 {
                            zip_strict_check(vm, &vals, pos)?;
                        }
                        return Ok(None);
                    }
                    Err(e) => {
                        return Err(e);
                    }
                }
            }
            let r = vm.new_tuple(out);
            r.map(Some)
        }
        MiscIterKind::Map => {
            crate::root_scope!(vm);
            let mut args = Vec::with_capacity(vals.len() - 1);
            for &i in &vals[1..] {
                match inner_next(vm, i, pass_stop) {
                    Ok(Some(x)) => {
                        vm.root(x);
                        args.push(x);
                    }
                    Ok(None) => {
                        return finish(m);
                    }
                    Err(e) => {
                        return Err(e);
                    }
                }
            }
            let r = vm.call(vals[0], &args, &[]);
            r.map(Some)
        }
        MiscIterKind::Filter => loop {
            let Some(x) = vm.next(vals[1])? else {
                return finish(m);
            };
            crate::root_scope!(vm);
            vm.root(x);
            let keep = if vals[0].is_none() {
                vm.truthy(x)
            } else {
                vm.call(vals[0], &[x], &[])
                    .and_then(|r| vm.with_root(r, |vm| vm.truthy(r)))
            };
            if keep? {
                return Ok(Some(x));
            }
        },
        MiscIterKind::CallableSentinel => {
            let r = vm.call(vals[0], &[], &[])?;
            // Identity means equality (as in CPython's RichCompareBool); and a value of a
            // built-in type other than None's never equals None (`re.finditer` is
            // `iter(scanner.search, None)`: this saves a full comparison per match).
            let stop = if r == vals[1] {
                Ok(true)
            } else if vals[1] == Value::NONE
                && !crate::types::type_data(&vm.type_of(r)).is_user
                && !crate::objects::weakref::is_proxy(vm, r)
            {
                Ok(false)
            } else {
                vm.with_root(r, |vm| vm.eq(r, vals[1]))
            };
            if stop? {
                return finish(m);
            }
            Ok(Some(r))
        }
    }
}

// ---------------------------------------------------------------- repr

thread_local! {
    static REPR_ACTIVE: RefCell<HashSet<u64>> = RefCell::new(HashSet::new());
}

/// Run `f` unless `v`'s repr is already in progress on this thread (then `None`).
pub(crate) fn repr_guard(
    vm: &mut Vm,
    v: Value,
    f: impl FnOnce(&mut Vm) -> PyResult<String>,
) -> PyResult<Option<String>> {
    let id = v.id();
    if !REPR_ACTIVE.with(|s| s.borrow_mut().insert(id)) {
        return Ok(None);
    }
    let r = f(vm);
    REPR_ACTIVE.with(|s| s.borrow_mut().remove(&id));
    r.map(Some)
}

/// Reprs of `items` joined with ", " (the items are rooted meanwhile).
pub fn join_reprs(vm: &mut Vm, items: &[Value]) -> PyResult<String> {
    crate::root_scope!(vm);
    vm.root_all(items);
    let mut out = String::new();
    let mut res = Ok(());
    for (i, &x) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        match vm.repr(x) {
            Ok(s) => out.push_str(&s),
            Err(e) => {
                res = Err(e);
                break;
            }
        }
    }
    res.map(|_| out)
}

fn dict_repr_body(vm: &mut Vm, pairs: &[(Value, Value)]) -> PyResult<String> {
    crate::root_scope!(vm);
    for &(k, v) in pairs {
        vm.root(k);
        vm.root(v);
    }
    let mut out = String::from("{");
    let mut res = Ok(());
    for (i, &(k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let r = vm.repr(k).and_then(|ks| vm.repr(v).map(|vs| (ks, vs)));
        match r {
            Ok((ks, vs)) => {
                out.push_str(&ks);
                out.push_str(": ");
                out.push_str(&vs);
            }
            Err(e) => {
                res = Err(e);
                break;
            }
        }
    }
    out.push('}');
    res.map(|_| out)
}

pub fn container_repr(vm: &mut Vm, v: Value) -> PyResult<Option<String>> {
    if let Some(l) = v.downcast::<ListData>() {
        let items = l.snapshot();
        let r = repr_guard(vm, v, |vm| Ok(format!("[{}]", join_reprs(vm, &items)?)))?;
        return Ok(Some(r.unwrap_or_else(|| "[...]".into())));
    }
    if let Some(t) = v.downcast::<TupleData>() {
        let items = t.0.to_vec();
        if items.is_empty() {
            return Ok(Some("()".into()));
        }
        let r = repr_guard(vm, v, |vm| {
            let body = join_reprs(vm, &items)?;
            Ok(if items.len() == 1 {
                format!("({body},)")
            } else {
                format!("({body})")
            })
        })?;
        return Ok(Some(r.unwrap_or_else(|| "(...)".into())));
    }
    if v.is::<DictData>() {
        let pairs = vm.dict_items(v);
        let r = repr_guard(vm, v, |vm| dict_repr_body(vm, &pairs))?;
        return Ok(Some(r.unwrap_or_else(|| "{...}".into())));
    }
    if v.is::<SetData>() {
        let items = vm.set_items(v);
        let name = vm.type_name(v);
        let plain = name == "set";
        if items.is_empty() {
            return Ok(Some(format!("{name}()")));
        }
        let r = repr_guard(vm, v, |vm| {
            let body = join_reprs(vm, &items)?;
            Ok(if plain {
                format!("{{{body}}}")
            } else {
                format!("{name}({{{body}}})")
            })
        })?;
        return Ok(Some(r.unwrap_or_else(|| format!("{name}(...)"))));
    }
    if let Some(r) = v.downcast::<RangeData>() {
        return Ok(Some(if r.step == 1 {
            format!("range({}, {})", r.start, r.stop)
        } else {
            format!("range({}, {}, {})", r.start, r.stop, r.step)
        }));
    }
    if let Some(dv) = v.downcast::<DictView>() {
        let (kind, d) = (dv.kind, dv.dict);
        let Some(dp) = crate::objects::dict::ops::dict_payload(d) else {
            return Ok(None);
        };
        let pairs = vm.dict_items(dp);
        let name = vm.type_name(v);
        let r = repr_guard(vm, v, |vm| {
            let body = match kind {
                DictIterKind::Keys => {
                    join_reprs(vm, &pairs.iter().map(|p| p.0).collect::<Vec<_>>())?
                }
                DictIterKind::Values => {
                    join_reprs(vm, &pairs.iter().map(|p| p.1).collect::<Vec<_>>())?
                }
                DictIterKind::Items => {
                    let mut parts = Vec::with_capacity(pairs.len());
                    crate::root_scope!(vm);
                    for &(k, x) in &pairs {
                        vm.root(k);
                        vm.root(x);
                    }
                    let mut res = Ok(());
                    for &(k, x) in &pairs {
                        match vm.repr(k).and_then(|ks| vm.repr(x).map(|xs| (ks, xs))) {
                            Ok((ks, xs)) => parts.push(format!("({ks}, {xs})")),
                            Err(e) => {
                                res = Err(e);
                                break;
                            }
                        }
                    }
                    res?;
                    parts.join(", ")
                }
            };
            Ok(format!("{name}([{body}])"))
        })?;
        return Ok(Some(r.unwrap_or_else(|| "...".into())));
    }
    Ok(None)
}

// ---------------------------------------------------------------- comparison

/// Items of a list or tuple (copied).
fn seq_items(v: Value) -> Option<Vec<Value>> {
    if let Some(l) = v.downcast::<ListData>() {
        return Some(l.snapshot());
    }
    v.downcast::<TupleData>().map(|t| t.0.to_vec())
}

/// Index of the first pair that differs (identity, then `==`), or None.
fn first_difference(vm: &mut Vm, a: &[Value], b: &[Value]) -> PyResult<Option<usize>> {
    crate::root_scope!(vm);
    vm.root_all(a);
    vm.root_all(b);
    let mut res = Ok(None);
    for i in 0..a.len().min(b.len()) {
        if a[i] == b[i] && !crate::objects::float::is_float(a[i]) {
            continue;
        }
        match vm.eq(a[i], b[i]) {
            Ok(true) => {}
            Ok(false) => {
                res = Ok(Some(i));
                break;
            }
            Err(e) => {
                res = Err(e);
                break;
            }
        }
    }
    res
}

fn set_subset(vm: &mut Vm, a: Value, b: Value) -> PyResult<bool> {
    let items = vm.set_items(a);
    if items.len() > vm.set_items(b).len() {
        return Ok(false);
    }
    crate::root_scope!(vm);
    vm.root_all(&items);
    let mut res = Ok(true);
    for x in items {
        match vm.set_contains(b, x) {
            Ok(true) => {}
            Ok(false) => {
                res = Ok(false);
                break;
            }
            Err(e) => {
                res = Err(e);
                break;
            }
        }
    }
    res
}

fn dict_equal(vm: &mut Vm, a: Value, b: Value) -> PyResult<bool> {
    if vm.dict_len(a) != vm.dict_len(b) {
        return Ok(false);
    }
    let pairs = vm.dict_items(a);
    crate::root_scope!(vm);
    for &(k, v) in &pairs {
        vm.root(k);
        vm.root(v);
    }
    let mut res = Ok(true);
    for (k, v) in pairs {
        let r = match vm.dict_get(b, k) {
            Ok(Some(bv)) => {
                vm.root(bv);
                if bv == v && !crate::objects::float::is_float(v) {
                    Ok(true)
                } else {
                    vm.eq(v, bv)
                }
            }
            Ok(None) => Ok(false),
            Err(e) => Err(e),
        };
        match r {
            Ok(true) => {}
            other => {
                res = other;
                break;
            }
        }
    }
    res
}

/// `==` between sets and keys/items views of dicts (in any mix), as sets.
fn set_like_eq(vm: &mut Vm, a: Value, b: Value) -> PyResult<Option<bool>> {
    let set_like = |v: Value| {
        v.is::<SetData>()
            || v.downcast::<DictView>()
                .is_some_and(|d| d.kind != DictIterKind::Values)
    };
    if !(set_like(a) && set_like(b)) || (a.is::<SetData>() && b.is::<SetData>()) {
        return Ok(None);
    }
    crate::root_scope!(vm);
    (|| {
        let as_set = |vm: &mut Vm, v: Value| {
            if v.is::<SetData>() {
                Ok(v)
            } else {
                crate::objects::dict::methods::view_as_set(vm, v)
            }
        };
        let x = as_set(vm, a)?;
        let y = as_set(vm, b)?;
        if vm.set_items(x).len() != vm.set_items(y).len() {
            return Ok(Some(false));
        }
        set_subset(vm, x, y).map(Some)
    })()
}

pub fn container_eq(vm: &mut Vm, a: Value, b: Value) -> PyResult<Option<bool>> {
    if let (Some(x), Some(y)) = (a.downcast::<SliceData>(), b.downcast::<SliceData>()) {
        // Slices compare as (start, stop, step) tuples.
        let (xs, ys) = ([x.start, x.stop, x.step], [y.start, y.stop, y.step]);
        for (p, q) in xs.into_iter().zip(ys) {
            if !vm.eq(p, q)? {
                return Ok(Some(false));
            }
        }
        return Ok(Some(true));
    }
    if let Some(r) = set_like_eq(vm, a, b)? {
        return Ok(Some(r));
    }
    let same_seq =
        (a.is::<ListData>() && b.is::<ListData>()) || (a.is::<TupleData>() && b.is::<TupleData>());
    if same_seq {
        let (x, y) = (seq_items(a).unwrap(), seq_items(b).unwrap());
        if x.len() != y.len() {
            return Ok(Some(false));
        }
        return Ok(Some(first_difference(vm, &x, &y)?.is_none()));
    }
    if a.is::<DictData>() && b.is::<DictData>() {
        return dict_equal(vm, a, b).map(Some);
    }
    if a.is::<SetData>() && b.is::<SetData>() {
        if vm.set_items(a).len() != vm.set_items(b).len() {
            return Ok(Some(false));
        }
        return set_subset(vm, a, b).map(Some);
    }
    if let (Some(x), Some(y)) = (a.downcast::<RangeData>(), b.downcast::<RangeData>()) {
        let (n, m) = (x.len(), y.len());
        return Ok(Some(
            n == m && (n == 0 || (x.start == y.start && (n == 1 || x.step == y.step))),
        ));
    }
    if let (Some(x), Some(y)) = (a.downcast::<DictView>(), b.downcast::<DictView>())
        && x.kind == DictIterKind::Keys
        && y.kind == DictIterKind::Keys
    {
        let (da, db) = (x.dict, y.dict);
        let (Some(da), Some(db)) = (
            crate::objects::dict::ops::dict_payload(da),
            crate::objects::dict::ops::dict_payload(db),
        ) else {
            return Ok(None);
        };
        if vm.dict_len(da) != vm.dict_len(db) {
            return Ok(Some(false));
        }
        let keys: Vec<Value> = vm.dict_items(da).into_iter().map(|p| p.0).collect();
        crate::root_scope!(vm);
        vm.root_all(&keys);
        let mut res = Ok(Some(true));
        for k in keys {
            match vm.dict_get(db, k) {
                Ok(Some(_)) => {}
                Ok(None) => {
                    res = Ok(Some(false));
                    break;
                }
                Err(e) => {
                    res = Err(e);
                    break;
                }
            }
        }
        return res;
    }
    Ok(None)
}

pub fn container_compare(vm: &mut Vm, a: Value, b: Value, op: CmpOp) -> PyResult<Option<Value>> {
    let same_seq =
        (a.is::<ListData>() && b.is::<ListData>()) || (a.is::<TupleData>() && b.is::<TupleData>());
    if same_seq {
        let (x, y) = (seq_items(a).unwrap(), seq_items(b).unwrap());
        if matches!(op, CmpOp::Eq | CmpOp::Ne) && x.len() != y.len() {
            return Ok(Some(Value::bool(op == CmpOp::Ne)));
        }
        return match first_difference(vm, &x, &y)? {
            None => {
                let (n, m) = (x.len(), y.len());
                let r = match op {
                    CmpOp::Lt => n < m,
                    CmpOp::Le => n <= m,
                    CmpOp::Eq => n == m,
                    CmpOp::Ne => n != m,
                    CmpOp::Gt => n > m,
                    CmpOp::Ge => n >= m,
                };
                Ok(Some(Value::bool(r)))
            }
            Some(_) if op == CmpOp::Eq => Ok(Some(Value::FALSE)),
            Some(_) if op == CmpOp::Ne => Ok(Some(Value::TRUE)),
            Some(i) => {
                crate::root_scope!(vm);
                vm.root(x[i]);
                vm.root(y[i]);
                let r = vm.rich_compare(x[i], y[i], op);
                r.map(Some)
            }
        };
    }
    if a.is::<SetData>() && b.is::<SetData>() {
        let (n, m) = (vm.set_items(a).len(), vm.set_items(b).len());
        let r = match op {
            CmpOp::Eq => n == m && set_subset(vm, a, b)?,
            CmpOp::Ne => !(n == m && set_subset(vm, a, b)?),
            CmpOp::Le => set_subset(vm, a, b)?,
            CmpOp::Lt => n < m && set_subset(vm, a, b)?,
            CmpOp::Ge => set_subset(vm, b, a)?,
            CmpOp::Gt => n > m && set_subset(vm, b, a)?,
        };
        return Ok(Some(Value::bool(r)));
    }
    if matches!(op, CmpOp::Eq | CmpOp::Ne)
        && let Some(e) = container_eq(vm, a, b)?
    {
        return Ok(Some(Value::bool(e == (op == CmpOp::Eq))));
    }
    Ok(None)
}

/// Float helper for callers that accept ints or floats.
pub fn num_f64(v: Value) -> Option<f64> {
    as_f64(v)
}
