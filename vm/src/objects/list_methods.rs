//! `list` constructor and methods (incl. the stable `sort`).
use crate::helpers::{arg_count, kwarg, no_kwargs, unwrap_base, wrap_for_subclass};
use crate::objects::iter::ReverseIter;
use crate::objects::list::ListData;
use crate::objects::str::StrData;
use crate::ops::containers::{self, root_all};
use crate::ops::protocol::base_or_self;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::sync::atomic::AtomicUsize;

pub fn init(vm: &mut Vm) {
    let t = vm.rt.types.list;
    vm.set_new(t, list_new);
    vm.add_method(t, "__init__", list_init);
    vm.add_method(t, "append", list_append);
    vm.add_method(t, "extend", list_extend);
    vm.add_method(t, "insert", list_insert);
    vm.add_method(t, "pop", list_pop);
    vm.add_method(t, "remove", list_remove);
    vm.add_method(t, "index", list_index);
    vm.add_method(t, "count", list_count);
    vm.add_method(t, "clear", list_clear);
    vm.add_method(t, "copy", list_copy);
    vm.add_method(t, "reverse", list_reverse);
    vm.add_method(t, "sort", list_sort);
    vm.add_method(t, "__reversed__", seq_reversed);
    add_container_dunders(vm, t, true);
}

/// `__len__`, `__getitem__`, `__setitem__`, `__delitem__`, `__contains__`, `__iter__`
/// on a built-in container type (used through `super()` and by subclasses).
pub fn add_container_dunders(vm: &mut Vm, t: Value, mutable: bool) {
    vm.add_method(t, "__repr__", dunder_repr);
    vm.add_method(t, "__len__", dunder_len);
    vm.add_method(t, "__getitem__", dunder_getitem);
    if mutable {
        vm.add_method(t, "__setitem__", dunder_setitem);
        vm.add_method(t, "__delitem__", dunder_delitem);
    }
    vm.add_method(t, "__contains__", dunder_contains);
    vm.add_method(t, "__iter__", dunder_iter);
}

fn self_arg(vm: &mut Vm, name: &str, args: &[Value]) -> PyResult<Value> {
    match args.first() {
        Some(&v) => Ok(base_or_self(v)),
        None => Err(vm.type_error(format!("descriptor '{name}' needs an argument"))),
    }
}

/// `__repr__` of the built-in containers (list/tuple/dict/set/range/views).
pub(crate) fn dunder_repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "__repr__", args, 1, 1)?;
    let s = self_arg(vm, "__repr__", args)?;
    match containers::container_repr(vm, s)? {
        Some(r) => vm.new_str(&r),
        None => {
            let r = vm.repr(s)?;
            vm.new_str(&r)
        }
    }
}

pub(crate) fn dunder_len(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "__len__", args, 1, 1)?;
    let s = self_arg(vm, "__len__", args)?;
    match containers::builtin_len(vm, s) {
        Some(n) => vm.new_int(n as i64),
        None => Err(vm.type_error(format!("object of type '{}' has no len()", vm.type_name(s)))),
    }
}

fn dunder_getitem(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "__getitem__", args, 2, 2)?;
    let s = self_arg(vm, "__getitem__", args)?;
    if s.is::<crate::objects::dict::DictData>() {
        return crate::objects::dict_methods::dict_subscript(vm, args[0], args[1]);
    }
    match containers::seq_getitem(vm, s, args[1])? {
        Some(v) => Ok(v),
        None => Err(vm.type_error(format!("'{}' object is not subscriptable", vm.type_name(s)))),
    }
}

fn dunder_setitem(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "__setitem__", args, 3, 3)?;
    let s = self_arg(vm, "__setitem__", args)?;
    match containers::seq_setitem(vm, s, args[1], args[2])? {
        Some(()) => Ok(Value::NONE),
        None => Err(vm.type_error(format!(
            "'{}' object does not support item assignment",
            vm.type_name(s)
        ))),
    }
}

fn dunder_delitem(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "__delitem__", args, 2, 2)?;
    let s = self_arg(vm, "__delitem__", args)?;
    match containers::seq_delitem(vm, s, args[1])? {
        Some(()) => Ok(Value::NONE),
        None => Err(vm.type_error(format!(
            "'{}' object does not support item deletion",
            vm.type_name(s)
        ))),
    }
}

pub(crate) fn dunder_contains(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "__contains__", args, 2, 2)?;
    let s = self_arg(vm, "__contains__", args)?;
    match containers::builtin_contains(vm, s, args[1])? {
        Some(b) => Ok(Value::bool(b)),
        None => Err(vm.type_error(format!(
            "argument of type '{}' is not iterable",
            vm.type_name(s)
        ))),
    }
}

pub(crate) fn dunder_iter(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "__iter__", args, 1, 1)?;
    let s = self_arg(vm, "__iter__", args)?;
    match containers::builtin_iter(vm, s)? {
        Some(it) => Ok(it),
        None => Err(vm.type_error(format!("'{}' object is not iterable", vm.type_name(s)))),
    }
}

/// `__reversed__` for list/tuple/str/bytes/range (a `ReverseIter`).
pub fn seq_reversed(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "__reversed__", args, 1, 1)?;
    let s = self_arg(vm, "__reversed__", args)?;
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

fn list_new(vm: &mut Vm, cls: Value, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult {
    if user_init(vm, cls) {
        let l = vm.new_list(Vec::new())?;
        return wrap_for_subclass(vm, cls, l);
    }
    no_kwargs(vm, "list", kwargs)?;
    arg_count(vm, "list", args, 0, 1)?;
    let items = match args.first() {
        Some(&it) => vm.collect_iter(it)?,
        None => Vec::new(),
    };
    let l = vm.new_list(items)?;
    wrap_for_subclass(vm, cls, l)
}

fn list_init(vm: &mut Vm, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult {
    no_kwargs(vm, "list", kwargs)?;
    let this = list_self(vm, "__init__", args)?;
    arg_count(vm, "list", &args[1..], 0, 1)?;
    let items = match args.get(1) {
        Some(&it) => vm.collect_iter(it)?,
        None => Vec::new(),
    };
    data(this).replace(&items);
    Ok(Value::NONE)
}

/// The exact list value behind `args[0]` (a list or a list subclass instance).
fn list_self(vm: &mut Vm, name: &str, args: &[Value]) -> PyResult<Value> {
    let Some(&s) = args.first() else {
        return Err(vm.type_error(format!("unbound method list.{name}() needs an argument")));
    };
    if unwrap_base::<ListData>(&s).is_some() {
        return Ok(base_or_self(s));
    }
    let tn = vm.type_name(s);
    Err(vm.type_error(format!(
        "descriptor '{name}' for 'list' objects doesn't apply to a '{tn}' object"
    )))
}

fn data(l: Value) -> &'static ListData {
    let d = l.downcast::<ListData>().expect("list");
    // SAFETY-free: lifetime extension under the rooting contract (l is an argument).
    unsafe { &*(d as *const ListData) }
}

fn method_args(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: &[(Value, Value)],
    min: usize,
    max: usize,
) -> PyResult<Value> {
    let this = list_self(vm, name, args)?;
    let n = args.len() - 1;
    if kw.is_empty() && n >= min && n <= max {
        return Ok(this);
    }
    // The messages name the method: formatted only when one is needed.
    no_kwargs(vm, &format!("list.{name}"), kw)?;
    arg_count(vm, &format!("list.{name}"), &args[1..], min, max)?;
    Ok(this)
}

fn int_arg(vm: &mut Vm, v: Value) -> PyResult<i64> {
    match containers::as_index(vm, v)? {
        Some(i) => Ok(i),
        None => Err(vm.type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            vm.type_name(v)
        ))),
    }
}

fn list_append(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let l = method_args(vm, "append", args, kw, 1, 1)?;
    data(l).push(args[1]);
    Ok(Value::NONE)
}

fn list_extend(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let l = method_args(vm, "extend", args, kw, 1, 1)?;
    let items = vm.collect_iter(args[1])?;
    data(l).extend(&items);
    Ok(Value::NONE)
}

fn list_insert(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let l = method_args(vm, "insert", args, kw, 2, 2)?;
    let i = int_arg(vm, args[1])?;
    let mut g = data(l).write();
    let n = g.len() as i64;
    let pos = if i < 0 { (i + n).max(0) } else { i.min(n) };
    g.insert(pos as usize, args[2]);
    Ok(Value::NONE)
}

fn list_pop(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let l = method_args(vm, "pop", args, kw, 0, 1)?;
    let i = match args.get(1) {
        Some(&v) => int_arg(vm, v)?,
        None => -1,
    };
    let mut g = data(l).write();
    if g.is_empty() {
        drop(g);
        return Err(vm.index_error("pop from empty list"));
    }
    let n = g.len() as i64;
    let j = if i < 0 { i + n } else { i };
    if j < 0 || j >= n {
        drop(g);
        return Err(vm.index_error("pop index out of range"));
    }
    Ok(g.remove(j as usize))
}

/// Position of the first item equal to `x` within [start, stop), searching a snapshot.
fn find_index(
    vm: &mut Vm,
    l: Value,
    x: Value,
    start: usize,
    stop: usize,
) -> PyResult<Option<usize>> {
    let items = data(l).snapshot();
    find_index_in(vm, &items, x, start, stop)
}

/// Index of the first of `items[start..stop]` equal to `x` (identity first).
fn find_index_in(
    vm: &mut Vm,
    items: &[Value],
    x: Value,
    start: usize,
    stop: usize,
) -> PyResult<Option<usize>> {
    let mark = vm.roots_len();
    root_all(vm, items);
    let mut res = Ok(None);
    for (i, &it) in items.iter().enumerate().take(stop).skip(start) {
        let eq = if it == x { Ok(true) } else { vm.eq(it, x) };
        match eq {
            Ok(true) => {
                res = Ok(Some(i));
                break;
            }
            Ok(false) => {}
            Err(e) => {
                res = Err(e);
                break;
            }
        }
    }
    vm.truncate_roots(mark);
    res
}

/// `remove(x)`. Atomic when every comparison can be made without Python code (the
/// whole search and removal happen under the list's lock); otherwise the search runs
/// on a snapshot and the element found is then removed by identity.
fn list_remove(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let l = method_args(vm, "remove", args, kw, 1, 1)?;
    let x = args[1];
    if let Some(found) = remove_native(data(l), x) {
        return if found {
            Ok(Value::NONE)
        } else {
            Err(vm.value_error("list.remove(x): x not in list"))
        };
    }
    loop {
        let items = data(l).snapshot();
        let Some(i) = find_index_in(vm, &items, x, 0, usize::MAX)? else {
            return Err(vm.value_error("list.remove(x): x not in list"));
        };
        // Another thread may have moved or removed it meanwhile: remove that very
        // object if it is still there, else search again.
        let mut g = data(l).write();
        if let Some(j) = (0..g.len()).find(|&j| g.get(j) == Some(items[i])) {
            g.remove(j);
            return Ok(Value::NONE);
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

/// Normalise optional start/stop arguments of `index` against `len`.
pub fn start_stop(vm: &mut Vm, args: &[Value], len: usize) -> PyResult<(usize, usize)> {
    let norm = |i: i64| -> usize {
        let n = len as i64;
        (if i < 0 { (i + n).max(0) } else { i.min(n) }) as usize
    };
    let start = match args.first() {
        Some(&v) => norm(slice_int(vm, v)?),
        None => 0,
    };
    let stop = match args.get(1) {
        Some(&v) => norm(slice_int(vm, v)?),
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

fn list_index(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let l = method_args(vm, "index", args, kw, 1, 3)?;
    let len = data(l).len();
    let (start, stop) = start_stop(vm, &args[2..], len)?;
    match find_index(vm, l, args[1], start, stop)? {
        Some(i) => vm.new_int(i as i64),
        None => {
            let r = vm.repr(args[1])?;
            Err(vm.value_error(format!("{r} is not in list")))
        }
    }
}

fn list_count(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let l = method_args(vm, "count", args, kw, 1, 1)?;
    let items = data(l).snapshot();
    let n = count_in(vm, &items, args[1])?;
    vm.new_int(n as i64)
}

/// How many of `items` equal `x` (identity first).
pub fn count_in(vm: &mut Vm, items: &[Value], x: Value) -> PyResult<usize> {
    let mark = vm.roots_len();
    root_all(vm, items);
    let mut n = 0;
    let mut res = Ok(());
    for &it in items {
        match if it == x { Ok(true) } else { vm.eq(it, x) } {
            Ok(true) => n += 1,
            Ok(false) => {}
            Err(e) => {
                res = Err(e);
                break;
            }
        }
    }
    vm.truncate_roots(mark);
    res.map(|_| n)
}

fn list_clear(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let l = method_args(vm, "clear", args, kw, 0, 0)?;
    data(l).clear();
    Ok(Value::NONE)
}

fn list_copy(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let l = method_args(vm, "copy", args, kw, 0, 0)?;
    let items = data(l).snapshot();
    vm.new_list(items)
}

fn list_reverse(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let l = method_args(vm, "reverse", args, kw, 0, 0)?;
    data(l).write().reverse();
    Ok(Value::NONE)
}

fn list_sort(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let l = list_self(vm, "sort", args)?;
    if args.len() > 1 {
        return Err(vm.type_error("sort() takes no positional arguments"));
    }
    let (key, reverse) = sort_kwargs(vm, "sort", kw)?;
    sort_list(vm, l, key, reverse)?;
    Ok(Value::NONE)
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
    let items = data(l).snapshot();
    let mark = vm.roots_len();
    let r = sort_inner(vm, items.clone(), key, reverse);
    vm.truncate_roots(mark);
    let sorted = r?;
    // The sort worked on a private copy: if the list changed meanwhile (a key function,
    // or another thread), its items would be lost or doubled. CPython raises too.
    let mut w = data(l).write();
    let unchanged = w.len() == items.len() && (0..items.len()).all(|i| w.get(i) == Some(items[i]));
    if !unchanged {
        drop(w);
        return Err(vm.value_error("list modified during sort"));
    }
    w.replace(&sorted);
    Ok(())
}

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
    vm.push_root(held);
    let keys = if key.is_none() {
        items.clone()
    } else {
        let kl = vm.new_list(Vec::with_capacity(n))?;
        vm.push_root(kl);
        for &it in &items {
            let k = vm.call(key, &[it], &[])?;
            data(kl).push(k);
        }
        data(kl).snapshot()
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
                .as_str()
                .cmp(keys[b].downcast::<StrData>().unwrap().as_str())
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
