//! `dict` constructor and methods, and the `keys()`/`values()`/`items()` views.
use crate::dict_ops::dict_payload;
use crate::helpers::{arg_count, no_kwargs, wrap_for_subclass};
use crate::objects::dict::DictData;
use crate::objects::function::ClassMethod;
use crate::objects::iter::{DictIterKind, DictView, ReverseIter};
use crate::objects::list_methods::{
    add_container_dunders, dunder_contains, dunder_iter, dunder_len, dunder_repr, user_init,
};
use crate::objects::set_methods::SetOp;
use crate::ops::containers::{root_all, set_root};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::sync::atomic::AtomicUsize;

pub fn init(vm: &mut Vm) {
    let t = vm.rt.types.dict;
    vm.set_new(t, dict_new);
    vm.add_method(t, "__init__", dict_init);
    vm.add_method(t, "get", dict_get);
    vm.add_method(t, "keys", dict_keys);
    vm.add_method(t, "values", dict_values);
    vm.add_method(t, "items", dict_items);
    vm.add_method(t, "pop", dict_pop);
    vm.add_method(t, "popitem", dict_popitem);
    vm.add_method(t, "setdefault", dict_setdefault);
    vm.add_method(t, "update", dict_update);
    vm.add_method(t, "clear", dict_clear);
    vm.add_method(t, "copy", dict_copy);
    vm.add_method(t, "__or__", dict_or);
    vm.add_method(t, "__ior__", dict_ior);
    vm.add_method(t, "__reversed__", dict_reversed);
    add_container_dunders(vm, t, true);
    let f = vm
        .new_native("fromkeys", "dict", dict_fromkeys)
        .expect("start-up");
    let cm_ty = vm.rt.types.classmethod;
    let cm = vm.alloc(cm_ty, ClassMethod(f)).expect("start-up");
    vm.add_attr(t, "fromkeys", cm);
    vm.add_attr(t, "__hash__", Value::NONE);
    let views = [
        vm.rt.types.dict_keys,
        vm.rt.types.dict_values,
        vm.rt.types.dict_items,
    ];
    for v in views {
        vm.add_method(v, "__len__", dunder_len);
        vm.add_method(v, "__repr__", dunder_repr);
        vm.add_method(v, "__iter__", dunder_iter);
        vm.add_method(v, "__contains__", dunder_contains);
    }
    let k = vm.rt.types.dict_keys;
    let it = vm.rt.types.dict_items;
    for v in [k, it] {
        vm.add_method(v, "__and__", view_and);
        vm.add_method(v, "__or__", view_or);
        vm.add_method(v, "__sub__", view_sub);
        vm.add_method(v, "__xor__", view_xor);
        vm.add_method(v, "isdisjoint", view_isdisjoint);
        // `other op view` with a non-set `other` (`[3] | d.keys()`).
        vm.add_method(v, "__rand__", |vm, a, _| view_op(vm, &swap(a), SetOp::And));
        vm.add_method(v, "__ror__", |vm, a, _| view_op(vm, &swap(a), SetOp::Or));
        vm.add_method(v, "__rsub__", |vm, a, _| view_op(vm, &swap(a), SetOp::Sub));
        vm.add_method(v, "__rxor__", |vm, a, _| view_op(vm, &swap(a), SetOp::Xor));
    }
}

/// `o[key]` for a dict or dict-subclass instance `o`, calling a user `__missing__`
/// when the key is absent (CPython's dict_subscript).
pub fn dict_subscript(vm: &mut Vm, o: Value, key: Value) -> PyResult {
    let Some(d) = dict_payload(o) else {
        return Err(vm.type_error(format!("'{}' object is not subscriptable", vm.type_name(o))));
    };
    if let Some(v) = vm.dict_get(d, key)? {
        return Ok(v);
    }
    if d != o
        && let Some(f) = vm.lookup_special(o, "__missing__")
    {
        return vm.call(f, &[o, key], &[]);
    }
    Err(vm.key_error(key))
}

/// The exact dict behind `args[0]`.
fn dict_self(vm: &mut Vm, name: &str, args: &[Value]) -> PyResult<Value> {
    let Some(&s) = args.first() else {
        return Err(vm.type_error(format!("unbound method dict.{name}() needs an argument")));
    };
    match dict_payload(s) {
        Some(d) => Ok(d),
        None => {
            let tn = vm.type_name(s);
            Err(vm.type_error(format!(
                "descriptor '{name}' for 'dict' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

fn method_args(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: &[(Value, Value)],
    min: usize,
    max: usize,
) -> PyResult<Value> {
    let d = dict_self(vm, name, args)?;
    let n = args.len() - 1;
    if kw.is_empty() && n >= min && n <= max {
        return Ok(d);
    }
    // The messages name the method: formatted only when one is needed.
    no_kwargs(vm, &format!("dict.{name}"), kw)?;
    if n < min || n > max {
        let msg = if n < min {
            format!(
                "{name} expected at least {min} argument{}, got {n}",
                if min == 1 { "" } else { "s" }
            )
        } else if max == 0 {
            format!("dict.{name}() takes no arguments ({n} given)")
        } else {
            format!(
                "{name} expected at most {max} argument{}, got {n}",
                if max == 1 { "" } else { "s" }
            )
        };
        return Err(vm.type_error(msg));
    }
    Ok(d)
}

fn dict_new(vm: &mut Vm, cls: Value, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult {
    let d = vm.new_dict()?;
    if user_init(vm, cls) {
        return wrap_for_subclass(vm, cls, d);
    }
    arg_count(vm, "dict", args, 0, 1)?;
    vm.push_root(d);
    let r = update_from(vm, d, args.first().copied(), kwargs);
    vm.pop_roots(1);
    r?;
    wrap_for_subclass(vm, cls, d)
}

fn dict_init(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let d = dict_self(vm, "__init__", args)?;
    arg_count(vm, "dict", &args[1..], 0, 1)?;
    update_from(vm, d, args.get(1).copied(), kw)?;
    Ok(Value::NONE)
}

/// `d.update(other, **kw)`: a mapping, an object with `keys()`, or an iterable of pairs.
pub fn update_from(
    vm: &mut Vm,
    d: Value,
    other: Option<Value>,
    kw: &[(Value, Value)],
) -> PyResult<()> {
    let mark = vm.roots_len();
    let r = update_inner(vm, d, other, kw);
    vm.truncate_roots(mark);
    r
}

fn update_inner(
    vm: &mut Vm,
    d: Value,
    other: Option<Value>,
    kw: &[(Value, Value)],
) -> PyResult<()> {
    if let Some(o) = other {
        if let Some(od) = dict_payload(o)
            && (o.is::<DictData>()
                || vm
                    .lookup_special(o, "keys")
                    .is_some_and(|f| f.is::<crate::objects::builtin_fn::BuiltinFn>()))
        {
            let pairs = vm.dict_items(od);
            for &(k, v) in &pairs {
                vm.push_root(k);
                vm.push_root(v);
            }
            for (k, v) in pairs {
                vm.dict_set(d, k, v)?;
            }
        } else if let Some(keys_fn) = getattr_opt_str(vm, o, "keys")? {
            vm.push_root(keys_fn);
            let kobj = vm.call(keys_fn, &[], &[])?;
            vm.push_root(kobj);
            let keys = vm.collect_iter(kobj)?;
            root_all(vm, &keys);
            for k in keys {
                let v = vm.getitem(o, k)?;
                vm.push_root(v);
                vm.dict_set(d, k, v)?;
                vm.pop_roots(1);
            }
        } else {
            let it = vm.iter(o)?;
            vm.push_root(it);
            let slot = vm.roots_len();
            vm.push_root(Value::NONE);
            let mut idx = 0usize;
            while let Some(item) = vm.next(it)? {
                set_root(vm, slot, item);
                let pair = match vm.collect_iter(item) {
                    Ok(p) => p,
                    Err(e) if vm.err_is(&e, vm.rt.types.exc.type_error) => {
                        return Err(vm.type_error(format!(
                            "cannot convert dictionary update sequence element #{idx} to a sequence"
                        )));
                    }
                    Err(e) => return Err(e),
                };
                if pair.len() != 2 {
                    return Err(vm.value_error(format!(
                        "dictionary update sequence element #{idx} has length {}; 2 is required",
                        pair.len()
                    )));
                }
                vm.push_root(pair[0]);
                vm.push_root(pair[1]);
                let r = vm.dict_set(d, pair[0], pair[1]);
                vm.pop_roots(2);
                r?;
                idx += 1;
            }
        }
    }
    for &(k, v) in kw {
        vm.dict_set(d, k, v)?;
    }
    Ok(())
}

/// `getattr(o, name)` or None when the attribute is missing.
fn getattr_opt_str(vm: &mut Vm, o: Value, name: &str) -> PyResult<Option<Value>> {
    let n = vm.intern(name);
    vm.getattr_opt(o, n)
}

fn dict_get(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let d = method_args(vm, "get", args, kw, 1, 2)?;
    Ok(vm
        .dict_get(d, args[1])?
        .unwrap_or(args.get(2).copied().unwrap_or(Value::NONE)))
}

fn make_view(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: &[(Value, Value)],
    kind: DictIterKind,
) -> PyResult {
    let d = method_args(vm, name, args, kw, 0, 0)?;
    let t = &vm.rt.types;
    let ty = match kind {
        DictIterKind::Keys => t.dict_keys,
        DictIterKind::Values => t.dict_values,
        DictIterKind::Items => t.dict_items,
    };
    vm.alloc(ty, DictView { dict: d, kind })
}

fn dict_keys(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    make_view(vm, "keys", args, kw, DictIterKind::Keys)
}
fn dict_values(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    make_view(vm, "values", args, kw, DictIterKind::Values)
}
fn dict_items(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    make_view(vm, "items", args, kw, DictIterKind::Items)
}

fn dict_pop(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let d = method_args(vm, "pop", args, kw, 1, 2)?;
    match vm.dict_del(d, args[1])? {
        Some(v) => Ok(v),
        None => match args.get(2) {
            Some(&dflt) => Ok(dflt),
            None => Err(vm.key_error(args[1])),
        },
    }
}

fn dict_popitem(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let d = method_args(vm, "popitem", args, kw, 0, 0)?;
    let last = {
        let mut t = d.downcast::<DictData>().unwrap().0.lock();
        t.pop_last()
    };
    match last {
        Some(e) => vm.new_tuple(vec![e.key, e.value]),
        None => {
            let msg = vm.new_str("popitem(): dictionary is empty")?;
            Err(vm.key_error(msg))
        }
    }
}

fn dict_setdefault(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let d = method_args(vm, "setdefault", args, kw, 1, 2)?;
    if let Some(v) = vm.dict_get(d, args[1])? {
        return Ok(v);
    }
    let dflt = args.get(2).copied().unwrap_or(Value::NONE);
    vm.dict_set(d, args[1], dflt)?;
    Ok(dflt)
}

fn dict_update(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let d = dict_self(vm, "update", args)?;
    if args.len() > 2 {
        return Err(vm.type_error(format!(
            "update expected at most 1 argument, got {}",
            args.len() - 1
        )));
    }
    update_from(vm, d, args.get(1).copied(), kw)?;
    Ok(Value::NONE)
}

fn dict_clear(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let d = method_args(vm, "clear", args, kw, 0, 0)?;
    vm.dict_clear(d);
    Ok(Value::NONE)
}

/// A new plain dict with the same entries as the exact dict `d`.
pub fn copy_dict(vm: &mut Vm, d: Value) -> PyResult {
    let table = vm.dict_copy_table(d);
    let ty = vm.rt.types.dict;
    vm.alloc(ty, DictData::from_table(table))
}

fn dict_copy(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let d = method_args(vm, "copy", args, kw, 0, 0)?;
    copy_dict(vm, d)
}

fn dict_or(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let d = method_args(vm, "__or__", args, kw, 1, 1)?;
    if dict_payload(args[1]).is_none() {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let n = copy_dict(vm, d)?;
    vm.push_root(n);
    let r = update_from(vm, n, Some(args[1]), &[]);
    vm.pop_roots(1);
    r.map(|_| n)
}

fn dict_ior(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let d = method_args(vm, "__ior__", args, kw, 1, 1)?;
    update_from(vm, d, Some(args[1]), &[])?;
    Ok(args[0])
}

fn dict_reversed(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let d = method_args(vm, "__reversed__", args, kw, 0, 0)?;
    let n = d.downcast::<DictData>().unwrap().0.lock().raw_len();
    let ty = vm.rt.types.reversed;
    vm.alloc(
        ty,
        ReverseIter {
            seq: d,
            index: AtomicUsize::new(n),
        },
    )
}

fn dict_fromkeys(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    no_kwargs(vm, "dict.fromkeys", kw)?;
    if args.len() < 2 || args.len() > 3 {
        let n = args.len().saturating_sub(1);
        return Err(vm.type_error(if n < 1 {
            format!("fromkeys expected at least 1 argument, got {n}")
        } else {
            format!("fromkeys expected at most 2 arguments, got {n}")
        }));
    }
    let (cls, it) = (args[0], args[1]);
    let value = args.get(2).copied().unwrap_or(Value::NONE);
    let mark = vm.roots_len();
    let r = (|| {
        let d = if cls == vm.rt.types.dict {
            vm.new_dict()?
        } else {
            vm.call(cls, &[], &[])?
        };
        vm.push_root(d);
        let keys = vm.collect_iter(it)?;
        root_all(vm, &keys);
        for k in keys {
            match dict_payload(d) {
                Some(dd)
                    if d.is::<DictData>()
                        || vm
                            .lookup_special(d, "__setitem__")
                            .is_some_and(|f| f.is::<crate::objects::builtin_fn::BuiltinFn>()) =>
                {
                    vm.dict_set(dd, k, value)?
                }
                _ => vm.setitem(d, k, value)?,
            }
        }
        Ok(d)
    })();
    vm.truncate_roots(mark);
    r
}

// ---------------------------------------------------------------- view set operations

/// Items of a keys/items view as a new set (rooted by the caller's mark).
/// A set of what `v` holds (a dict view's keys or items, or any iterable's items),
/// rooted with what it was made from: the caller truncates the roots.
pub(crate) fn view_as_set(vm: &mut Vm, v: Value) -> PyResult<Value> {
    let items = if let Some(dv) = v.downcast::<DictView>() {
        let (d, kind) = (dv.dict, dv.kind);
        let pairs = vm.dict_items(d);
        match kind {
            DictIterKind::Items => {
                let mut out = Vec::with_capacity(pairs.len());
                let tl = vm.new_list(Vec::new())?;
                vm.push_root(tl);
                for (k, x) in pairs {
                    let t = vm.new_tuple(vec![k, x])?;
                    tl.downcast::<crate::objects::list::ListData>()
                        .unwrap()
                        .push(t);
                    out.push(t);
                }
                out
            }
            _ => pairs.into_iter().map(|p| p.0).collect(),
        }
    } else {
        let items = vm.collect_iter(v)?;
        let l = vm.new_list(items.clone())?;
        vm.push_root(l);
        items
    };
    let s = vm.new_set(items)?;
    vm.push_root(s);
    Ok(s)
}

fn view_op(vm: &mut Vm, args: &[Value], op: crate::objects::set_methods::SetOp) -> PyResult {
    if args.len() != 2 {
        return Err(vm.type_error("expected 1 argument"));
    }
    let mark = vm.roots_len();
    let r = (|| {
        let a = view_as_set(vm, args[0])?;
        let b = view_as_set(vm, args[1])?;
        crate::objects::set_methods::set_op(vm, a, b, op, false)
    })();
    vm.truncate_roots(mark);
    r
}

/// The two operands of a reflected operator in their written order.
fn swap(args: &[Value]) -> Vec<Value> {
    args.iter().rev().copied().collect()
}

fn view_and(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    view_op(vm, args, crate::objects::set_methods::SetOp::And)
}
fn view_or(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    view_op(vm, args, crate::objects::set_methods::SetOp::Or)
}
fn view_sub(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    view_op(vm, args, crate::objects::set_methods::SetOp::Sub)
}
fn view_xor(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    view_op(vm, args, crate::objects::set_methods::SetOp::Xor)
}
fn view_isdisjoint(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let r = view_op(vm, args, crate::objects::set_methods::SetOp::And)?;
    Ok(Value::bool(vm.set_items(r).is_empty()))
}
