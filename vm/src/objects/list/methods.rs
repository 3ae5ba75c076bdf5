//! `list` constructor and methods (incl. the stable `sort`).
use crate::helpers::{kwarg, wrap_for_subclass};
use crate::native::This;
use crate::objects::iter::ReverseIter;
use crate::objects::list::ListData;
use crate::objects::str::StrData;
use crate::ops::containers;
use crate::ops::protocol::base_or_self;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::sync::atomic::AtomicUsize;
use weft_macros::native;

pub fn init(vm: &mut Vm) {
    let t = vm.rt.types.list;
    vm.set_new(t, list_new);
    vm.add_methods(
        t,
        &[
            list_init,
            list_append,
            list_extend,
            list_insert,
            list_pop,
            list_remove,
            list_index,
            list_count,
            list_clear,
            list_copy,
            list_reverse,
            list_sort,
            seq_reversed,
        ],
    );
    add_container_dunders(vm, t, true);
}

/// `__len__`, `__getitem__`, `__setitem__`, `__delitem__`, `__contains__`, `__iter__`
/// on a built-in container type (used through `super()` and by subclasses).
pub fn add_container_dunders(vm: &mut Vm, t: Value, mutable: bool) {
    vm.add_methods(t, &[dunder_repr, dunder_len, dunder_getitem]);
    if mutable {
        vm.add_methods(t, &[dunder_setitem, dunder_delitem]);
    }
    vm.add_methods(t, &[dunder_contains, dunder_iter]);
}

/// `__repr__` of the built-in containers (list/tuple/dict/set/range/views).
#[native(name = "__repr__", style = slot)]
pub(crate) fn dunder_repr(vm: &mut Vm, this: Value) -> PyResult {
    let s = base_or_self(this);
    match containers::container_repr(vm, s)? {
        Some(r) => vm.new_str(&r),
        None => {
            let r = vm.repr(s)?;
            vm.new_str(&r)
        }
    }
}

#[native(name = "__len__", style = slot)]
pub(crate) fn dunder_len(vm: &mut Vm, this: Value) -> PyResult {
    let s = base_or_self(this);
    match containers::builtin_len(vm, s) {
        Some(n) => vm.new_int(n as i64),
        None => Err(vm.type_error(format!("object of type '{}' has no len()", vm.type_name(s)))),
    }
}

#[native(name = "__getitem__", style = one)]
fn dunder_getitem(vm: &mut Vm, this: Value, key: Value) -> PyResult {
    let s = base_or_self(this);
    if s.is::<crate::objects::dict::DictData>() {
        return crate::objects::dict::methods::dict_subscript(vm, this, key);
    }
    match containers::seq_getitem(vm, s, key)? {
        Some(v) => Ok(v),
        None => Err(vm.type_error(format!("'{}' object is not subscriptable", vm.type_name(s)))),
    }
}

#[native(name = "__setitem__", style = slot)]
fn dunder_setitem(vm: &mut Vm, this: Value, key: Value, value: Value) -> PyResult<()> {
    let s = base_or_self(this);
    match containers::seq_setitem(vm, s, key, value)? {
        Some(()) => Ok(()),
        None => Err(vm.type_error(format!(
            "'{}' object does not support item assignment",
            vm.type_name(s)
        ))),
    }
}

#[native(name = "__delitem__", style = slot)]
fn dunder_delitem(vm: &mut Vm, this: Value, key: Value) -> PyResult<()> {
    let s = base_or_self(this);
    match containers::seq_delitem(vm, s, key)? {
        Some(()) => Ok(()),
        None => Err(vm.type_error(format!(
            "'{}' object does not support item deletion",
            vm.type_name(s)
        ))),
    }
}

#[native(name = "__contains__", style = slot)]
pub(crate) fn dunder_contains(vm: &mut Vm, this: Value, item: Value) -> PyResult<bool> {
    let s = base_or_self(this);
    match containers::builtin_contains(vm, s, item)? {
        Some(b) => Ok(b),
        None => Err(vm.type_error(format!(
            "argument of type '{}' is not iterable",
            vm.type_name(s)
        ))),
    }
}

#[native(name = "__iter__", style = slot)]
pub(crate) fn dunder_iter(vm: &mut Vm, this: Value) -> PyResult {
    let s = base_or_self(this);
    match containers::builtin_iter(vm, s)? {
        Some(it) => Ok(it),
        None => Err(vm.type_error(format!("'{}' object is not iterable", vm.type_name(s)))),
    }
}

/// `__reversed__` for list/tuple/str/bytes/range (a `ReverseIter`).
#[native(name = "__reversed__", style = noargs)]
pub fn seq_reversed(vm: &mut Vm, this: Value) -> PyResult {
    let s = base_or_self(this);
    let n = containers::builtin_len(vm, s).unwrap_or(0);
    let ty = vm.rt.types.reversed;
    vm.alloc(
        ty,
        ReverseIter {
            seq: s,
            index: AtomicUsize::new(n),
        },
    )
}

/// Does a user class define its own `__init__` (then the constructor ignores the
/// arguments and leaves the filling to `__init__`, as CPython's `list.__new__` does)?
pub fn user_init(vm: &mut Vm, cls: Value) -> bool {
    if !crate::types::type_data(cls).is_user {
        return false;
    }
    let n = vm.rt.names.init;
    crate::types::lookup_in_mro(vm, cls, n)
        .is_some_and(|f| !f.is::<crate::objects::builtin_fn::BuiltinFn>())
}

/// `list(...)`: a user subclass with its own `__init__` gets an empty list and leaves the
/// arguments to that `__init__` (CPython's `list.__new__` ignores them); else they bind
/// to `list(iterable=(), /)`.
fn list_new(vm: &mut Vm, cls: Value, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult {
    if user_init(vm, cls) {
        let l = vm.new_list(Vec::new())?;
        return wrap_for_subclass(vm, cls, l);
    }
    (list_new_bound.f)(vm, cls, args, kwargs)
}

#[native(new, name = "list")]
fn list_new_bound(vm: &mut Vm, cls: Value, iterable: Option<Value>) -> PyResult {
    let items = match iterable {
        Some(it) => vm.collect_iter(it)?,
        None => Vec::new(),
    };
    let l = vm.new_list(items)?;
    wrap_for_subclass(vm, cls, l)
}

/// list.__init__(iterable=(), /)
#[native(name = "__init__", called = "list", owner = builtins)]
fn list_init(vm: &mut Vm, this: &ListData, iterable: Option<Value>) -> PyResult<()> {
    let items = match iterable {
        Some(it) => vm.collect_iter(it)?,
        None => Vec::new(),
    };
    this.replace(&items);
    Ok(())
}

/// The payload of `l`, an exact list, for as long as `l` is held (and rooted).
fn data(l: &Value) -> &ListData {
    l.downcast::<ListData>().expect("list")
}

#[native(name = "append")]
pub(crate) fn list_append(_vm: &mut Vm, this: &ListData, object: Value) {
    this.push(object);
}

#[native(name = "extend")]
fn list_extend(vm: &mut Vm, this: &ListData, iterable: Value) -> PyResult<()> {
    if let Some(r) = iterable.downcast::<crate::objects::range::RangeData>() {
        // The items are gathered first, then copied into the grown list: both buffers
        // are held at once. Refused before the range is walked when they cannot be.
        let n = usize::try_from(crate::objects::range::range_len(r)).unwrap_or(usize::MAX);
        let words = n.saturating_mul(2).saturating_add(this.len());
        crate::helpers::check_room(vm, words.saturating_mul(8))?;
    }
    let items = vm.collect_iter(iterable)?;
    this.extend(&items);
    Ok(())
}

#[native(name = "insert")]
fn list_insert(_vm: &mut Vm, this: &ListData, index: i64, object: Value) {
    let mut g = this.write();
    let n = g.len() as i64;
    let pos = if index < 0 {
        (index + n).max(0)
    } else {
        index.min(n)
    };
    g.insert(pos as usize, object);
}

#[native(name = "pop")]
fn list_pop(vm: &mut Vm, this: &ListData, #[default(-1)] index: i64) -> PyResult {
    let mut g = this.write();
    if g.is_empty() {
        drop(g);
        return Err(vm.index_error("pop from empty list"));
    }
    let n = g.len() as i64;
    let j = if index < 0 { index + n } else { index };
    if j < 0 || j >= n {
        drop(g);
        return Err(vm.index_error("pop index out of range"));
    }
    Ok(g.remove(j as usize))
}

/// Index of the first of `items[start..stop]` equal to `x` (identity first).
fn find_index_in(
    vm: &mut Vm,
    items: &[Value],
    x: Value,
    start: usize,
    stop: usize,
) -> PyResult<Option<usize>> {
    crate::root_scope!(vm);
    vm.root_all(items);
    for (i, &it) in items.iter().enumerate().take(stop).skip(start) {
        if it == x || vm.eq(it, x)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

/// `remove(x)`. Atomic when every comparison can be made without Python code (the
/// whole search and removal happen under the list's lock); otherwise the search runs
/// on a snapshot and the element found is then removed by identity.
#[native(name = "remove")]
fn list_remove(vm: &mut Vm, this: &ListData, value: Value) -> PyResult<()> {
    let x = value;
    if let Some(found) = remove_native(this, x) {
        return if found {
            Ok(())
        } else {
            Err(vm.value_error("list.remove(x): x not in list"))
        };
    }
    loop {
        let items = this.snapshot();
        let Some(i) = find_index_in(vm, &items, x, 0, usize::MAX)? else {
            return Err(vm.value_error("list.remove(x): x not in list"));
        };
        // Another thread may have moved or removed it meanwhile: remove that very
        // object if it is still there, else search again.
        let mut g = this.write();
        if let Some(j) = (0..g.len()).find(|&j| g.get(j) == Some(items[i])) {
            g.remove(j);
            return Ok(());
        }
    }
}

/// Search and remove under the lock if no comparison needs Python code: Some(found),
/// or None when a comparison would need `__eq__`.
fn remove_native(l: &ListData, x: Value) -> Option<bool> {
    let mut g = l.write();
    for i in 0..g.len() {
        if crate::ops::compare::native_eq(g.get(i)?, x)? {
            g.remove(i);
            return Some(true);
        }
    }
    Some(false)
}

/// Normalise the optional start/stop arguments of `index` against `len`.
pub fn start_stop(
    vm: &mut Vm,
    start: Option<Value>,
    stop: Option<Value>,
    len: usize,
) -> PyResult<(usize, usize)> {
    let norm = |i: i64| -> usize {
        let n = len as i64;
        (if i < 0 { (i + n).max(0) } else { i.min(n) }) as usize
    };
    let start = match start {
        Some(v) => norm(slice_int(vm, v)?),
        None => 0,
    };
    let stop = match stop {
        Some(v) => norm(slice_int(vm, v)?),
        None => len,
    };
    Ok((start, stop))
}

fn slice_int(vm: &mut Vm, v: Value) -> PyResult<i64> {
    if let Some(b) = v.downcast::<crate::objects::int::IntData>() {
        use num_traits::{Signed, ToPrimitive};
        return Ok(b.0.to_i64().unwrap_or(if b.0.is_negative() {
            i64::MIN
        } else {
            i64::MAX
        }));
    }
    match containers::as_index(vm, v)? {
        Some(i) => Ok(i),
        None => Err(vm.type_error("slice indices must be integers or have an __index__ method")),
    }
}

#[native(name = "index")]
fn list_index(
    vm: &mut Vm,
    this: &ListData,
    value: Value,
    start: Option<Value>,
    stop: Option<Value>,
) -> PyResult {
    let (start, stop) = start_stop(vm, start, stop, this.len())?;
    let items = this.snapshot();
    match find_index_in(vm, &items, value, start, stop)? {
        Some(i) => vm.new_int(i as i64),
        None => {
            let r = vm.repr(value)?;
            Err(vm.value_error(format!("{r} is not in list")))
        }
    }
}

#[native(name = "count")]
fn list_count(vm: &mut Vm, this: &ListData, value: Value) -> PyResult<usize> {
    let items = this.snapshot();
    count_in(vm, &items, value)
}

/// How many of `items` equal `x` (identity first).
pub fn count_in(vm: &mut Vm, items: &[Value], x: Value) -> PyResult<usize> {
    crate::root_scope!(vm);
    vm.root_all(items);
    let mut n = 0;
    for &it in items {
        if it == x || vm.eq(it, x)? {
            n += 1;
        }
    }
    Ok(n)
}

#[native(name = "clear")]
fn list_clear(_vm: &mut Vm, this: &ListData) {
    this.clear();
}

#[native(name = "copy")]
fn list_copy(vm: &mut Vm, this: &ListData) -> PyResult {
    let items = this.snapshot();
    vm.new_list(items)
}

#[native(name = "reverse")]
fn list_reverse(_vm: &mut Vm, this: &ListData) {
    this.write().reverse();
}

/// list.sort(*, key=None, reverse=False)
#[native(name = "sort")]
fn list_sort(
    vm: &mut Vm,
    this: This<ListData>,
    #[kwonly] key: Option<Value>,
    #[kwonly] reverse: Option<bool>,
) -> PyResult<()> {
    sort_list(
        vm,
        this.v,
        key.unwrap_or(Value::NONE),
        reverse.unwrap_or(false),
    )
}

/// Parse `key=` and `reverse=` (returns key or NONE, reverse flag).
pub fn sort_kwargs(vm: &mut Vm, fname: &str, kw: &[(Value, Value)]) -> PyResult<(Value, bool)> {
    for (k, _) in kw {
        let name = crate::helpers::as_str(k).unwrap_or("");
        if name != "key" && name != "reverse" {
            return Err(vm.type_error(format!(
                "{fname}() got an unexpected keyword argument '{name}'"
            )));
        }
    }
    let key = kwarg(kw, "key").unwrap_or(Value::NONE);
    let reverse = match kwarg(kw, "reverse") {
        Some(r) => vm.truthy(r)?,
        None => false,
    };
    Ok((key, reverse))
}

/// Sort the exact list `l` in place: stable, keys computed first, compared with `<`.
pub fn sort_list(vm: &mut Vm, l: Value, key: Value, reverse: bool) -> PyResult<()> {
    let items = data(&l).snapshot();
    crate::root_scope!(vm);
    let r = sort_inner(vm, items.clone(), key, reverse);
    let sorted = r?;
    // The sort worked on a private copy: if the list changed meanwhile (a key function,
    // or another thread), its items would be lost or doubled. CPython raises too.
    let mut w = data(&l).write();
    let unchanged = w.len() == items.len() && (0..items.len()).all(|i| w.get(i) == Some(items[i]));
    if !unchanged {
        drop(w);
        return Err(vm.value_error("list modified during sort"));
    }
    w.replace(&sorted);
    Ok(())
}

/// Roots its working lists until the caller's root scope ends.
fn sort_inner(vm: &mut Vm, items: Vec<Value>, key: Value, reverse: bool) -> PyResult<Vec<Value>> {
    let n = items.len();
    if n == 1 && !key.is_none() {
        // The key function is called even for one item (its errors show).
        vm.call(key, &[items[0]], &[])?;
    }
    if n < 2 {
        return Ok(items);
    }
    // Root the items and keys in heap lists (user code may mutate the list meanwhile).
    let held = vm.new_list(items.clone())?;
    vm.root(held);
    let keys = if key.is_none() {
        items.clone()
    } else {
        let kl = vm.new_list(Vec::with_capacity(n))?;
        vm.root(kl);
        for &it in &items {
            let k = vm.call(key, &[it], &[])?;
            data(&kl).push(k);
        }
        data(&kl).snapshot()
    };
    let mut order: Vec<usize> = (0..n).collect();
    if reverse {
        order.reverse();
    }
    if keys.iter().all(|k| k.is_small_int()) {
        order.sort_by_key(|&i| keys[i].as_small_int());
    } else if keys.iter().all(|k| k.is::<StrData>()) {
        order.sort_by(|&a, &b| {
            keys[a]
                .downcast::<StrData>()
                .unwrap()
                .wtf8()
                .cmp(keys[b].downcast::<StrData>().unwrap().wtf8())
        });
    } else if keys
        .iter()
        .all(|k| crate::objects::float::float_of(*k).is_some_and(|f| !f.is_nan()))
    {
        let f = |v: Value| crate::objects::float::float_of(v).unwrap_or(0.0);
        order.sort_by(|&a, &b| f(keys[a]).partial_cmp(&f(keys[b])).unwrap());
    } else {
        merge_sort(vm, &keys, &mut order)?;
    }
    if reverse {
        order.reverse();
    }
    Ok(order.into_iter().map(|i| items[i]).collect())
}

/// Stable merge sort of positions by `keys[i] < keys[j]`, stopping at the first error.
fn merge_sort(vm: &mut Vm, keys: &[Value], v: &mut [usize]) -> PyResult<()> {
    let len = v.len();
    if len <= 12 {
        for i in 1..len {
            let x = v[i];
            let mut j = i;
            while j > 0 && vm.lt(keys[x], keys[v[j - 1]])? {
                v[j] = v[j - 1];
                j -= 1;
            }
            v[j] = x;
        }
        return Ok(());
    }
    let mid = len / 2;
    merge_sort(vm, keys, &mut v[..mid])?;
    merge_sort(vm, keys, &mut v[mid..])?;
    if !vm.lt(keys[v[mid]], keys[v[mid - 1]])? {
        return Ok(());
    }
    let mut out = Vec::with_capacity(len);
    let (mut i, mut j) = (0, mid);
    while i < mid && j < len {
        if vm.lt(keys[v[j]], keys[v[i]])? {
            out.push(v[j]);
            j += 1;
        } else {
            out.push(v[i]);
            i += 1;
        }
    }
    out.extend_from_slice(&v[i..mid]);
    out.extend_from_slice(&v[j..len]);
    v.copy_from_slice(&out);
    Ok(())
}
