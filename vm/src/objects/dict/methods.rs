//! `dict` constructor and methods, and the `keys()`/`values()`/`items()` views.
use crate::helpers::wrap_for_subclass;
use crate::native::This;
use crate::objects::dict::DictData;
use crate::objects::dict::ops::dict_payload;
use crate::objects::function::ClassMethod;
use crate::objects::iter::{DictIterKind, DictView, ReverseIter};
use crate::objects::list::methods::{
    add_container_dunders, dunder_contains, dunder_iter, dunder_len, dunder_repr, user_init,
};
use crate::objects::set::methods::SetOp;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, root_scope};
use std::sync::atomic::AtomicUsize;

pub fn init(vm: &mut Vm) {
    let t = vm.rt.types.dict;
    vm.set_new(t, dict_new);
    vm.add_methods(
        t,
        &[
            dict_init,
            dict_get,
            dict_keys,
            dict_values,
            dict_items,
            dict_pop,
            dict_popitem,
            dict_setdefault,
            dict_update,
            dict_clear,
            dict_copy,
            dict_or,
            dict_ior,
            dict_reversed,
        ],
    );
    add_container_dunders(vm, t, true);
    let f = vm
        .new_native("fromkeys", "dict", dict_fromkeys.f)
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
        vm.add_methods(v, &[dunder_len, dunder_repr, dunder_iter, dunder_contains]);
    }
    let k = vm.rt.types.dict_keys;
    let it = vm.rt.types.dict_items;
    for v in [k, it] {
        vm.add_methods(
            v,
            &[
                view_and,
                view_or,
                view_sub,
                view_xor,
                view_isdisjoint,
                view_rand,
                view_ror,
                view_rsub,
                view_rxor,
            ],
        );
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

/// `dict(...)`: as `list(...)` (a user `__init__` sees the arguments), else
/// `dict(other=(), /, **kwargs)`.
fn dict_new(vm: &mut Vm, cls: Value, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult {
    if user_init(vm, cls) {
        let d = vm.new_dict()?;
        return wrap_for_subclass(vm, cls, d);
    }
    (dict_new_bound.f)(vm, cls, args, kwargs)
}

#[native(new, name = "dict", style = positional)]
fn dict_new_bound(
    vm: &mut Vm,
    cls: Value,
    other: Option<Value>,
    #[kwargs] kw: &[(Value, Value)],
) -> PyResult {
    let d = vm.new_dict()?;
    root_scope!(vm);
    vm.root(d);
    update_from(vm, d, other, kw)?;
    wrap_for_subclass(vm, cls, d)
}

/// dict.__init__(other=(), /, **kwargs)
#[native(name = "__init__", called = "dict", owner = builtins, style = positional)]
fn dict_init(
    vm: &mut Vm,
    this: This<DictData>,
    other: Option<Value>,
    #[kwargs] kw: &[(Value, Value)],
) -> PyResult<()> {
    update_from(vm, this.v, other, kw)
}

/// `d.update(other, **kw)`: a mapping, an object with `keys()`, or an iterable of pairs.
pub fn update_from(
    vm: &mut Vm,
    d: Value,
    other: Option<Value>,
    kw: &[(Value, Value)],
) -> PyResult<()> {
    // `update_inner` roots what it makes until this scope ends.
    root_scope!(vm);
    update_inner(vm, d, other, kw)
}

/// Roots what it makes until the caller's root scope ends.
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
                vm.root(k);
                vm.root(v);
            }
            for (k, v) in pairs {
                vm.dict_set(d, k, v)?;
            }
        } else if let Some(keys_fn) = getattr_opt_str(vm, o, "keys")? {
            vm.root(keys_fn);
            let kobj = vm.call(keys_fn, &[], &[])?;
            vm.root(kobj);
            let keys = vm.collect_iter(kobj)?;
            vm.root_all(&keys);
            for k in keys {
                let v = vm.getitem(o, k)?;
                crate::root_scope!(vm);
                vm.root(v);
                vm.dict_set(d, k, v)?;
            }
        } else {
            let it = vm.iter(o)?;
            vm.root(it);
            let slot = vm.root_slot(Value::NONE);
            let mut idx = 0usize;
            while let Some(item) = vm.next(it)? {
                vm.set_root_slot(slot, item);
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
                crate::root_scope!(vm);
                vm.root(pair[0]);
                vm.root(pair[1]);
                let r = vm.dict_set(d, pair[0], pair[1]);
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

#[native(name = "get")]
pub(crate) fn dict_get(
    vm: &mut Vm,
    this: This<DictData>,
    key: Value,
    default: Option<Value>,
) -> PyResult {
    Ok(vm
        .dict_get(this.v, key)?
        .unwrap_or(default.unwrap_or(Value::NONE)))
}

fn make_view(vm: &mut Vm, d: Value, kind: DictIterKind) -> PyResult {
    let t = &vm.rt.types;
    let ty = match kind {
        DictIterKind::Keys => t.dict_keys,
        DictIterKind::Values => t.dict_values,
        DictIterKind::Items => t.dict_items,
    };
    vm.alloc(ty, DictView { dict: d, kind })
}

#[native(name = "keys")]
fn dict_keys(vm: &mut Vm, this: This<DictData>) -> PyResult {
    make_view(vm, this.v, DictIterKind::Keys)
}
#[native(name = "values")]
fn dict_values(vm: &mut Vm, this: This<DictData>) -> PyResult {
    make_view(vm, this.v, DictIterKind::Values)
}
#[native(name = "items")]
fn dict_items(vm: &mut Vm, this: This<DictData>) -> PyResult {
    make_view(vm, this.v, DictIterKind::Items)
}

#[native(name = "pop")]
fn dict_pop(vm: &mut Vm, this: This<DictData>, key: Value, default: Option<Value>) -> PyResult {
    if this.data.0.is_empty() {
        // An empty dict answers without hashing the key (as CPython: an unhashable
        // key gets the default or KeyError, not TypeError).
        return match default {
            Some(dflt) => Ok(dflt),
            None => Err(vm.key_error(key)),
        };
    }
    match vm.dict_del(this.v, key)? {
        Some(v) => Ok(v),
        None => match default {
            Some(dflt) => Ok(dflt),
            None => Err(vm.key_error(key)),
        },
    }
}

#[native(name = "popitem")]
fn dict_popitem(vm: &mut Vm, this: &DictData) -> PyResult {
    let last = this.0.lock().pop_last();
    match last {
        Some(e) => vm.new_tuple(vec![e.key, e.value]),
        None => {
            let msg = vm.new_str("popitem(): dictionary is empty")?;
            Err(vm.key_error(msg))
        }
    }
}

#[native(name = "setdefault")]
fn dict_setdefault(
    vm: &mut Vm,
    this: This<DictData>,
    key: Value,
    default: Option<Value>,
) -> PyResult {
    if let Some(v) = vm.dict_get(this.v, key)? {
        return Ok(v);
    }
    let dflt = default.unwrap_or(Value::NONE);
    vm.dict_set(this.v, key, dflt)?;
    Ok(dflt)
}

/// dict.update(other=(), /, **kwargs)
#[native(name = "update", style = positional)]
fn dict_update(
    vm: &mut Vm,
    this: This<DictData>,
    other: Option<Value>,
    #[kwargs] kw: &[(Value, Value)],
) -> PyResult<()> {
    update_from(vm, this.v, other, kw)
}

#[native(name = "clear")]
fn dict_clear(vm: &mut Vm, this: This<DictData>) {
    vm.dict_clear(this.v);
}

/// A new plain dict with the same entries as the exact dict `d`.
pub fn copy_dict(vm: &mut Vm, d: Value) -> PyResult {
    let table = vm.dict_copy_table(d);
    let ty = vm.rt.types.dict;
    vm.alloc(ty, DictData::from_table(table))
}

#[native(name = "copy")]
fn dict_copy(vm: &mut Vm, this: This<DictData>) -> PyResult {
    copy_dict(vm, this.v)
}

#[native(name = "__or__", style = slot)]
fn dict_or(vm: &mut Vm, this: This<DictData>, other: Value) -> PyResult {
    if dict_payload(other).is_none() {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    root_scope!(vm);
    let n = copy_dict(vm, this.v)?;
    vm.root(n);
    update_from(vm, n, Some(other), &[])?;
    Ok(n)
}

#[native(name = "__ior__", style = slot)]
fn dict_ior(vm: &mut Vm, this: This<DictData>, other: Value) -> PyResult {
    update_from(vm, this.v, Some(other), &[])?;
    Ok(this.obj)
}

#[native(name = "__reversed__")]
fn dict_reversed(vm: &mut Vm, this: This<DictData>) -> PyResult {
    let n = this.0.lock().raw_len();
    let ty = vm.rt.types.reversed;
    vm.alloc(
        ty,
        ReverseIter {
            seq: this.v,
            index: AtomicUsize::new(n),
        },
    )
}

/// dict.fromkeys(iterable, value=None, /), a class method: `cls` is the receiver.
#[native(name = "fromkeys", owner = "dict")]
fn dict_fromkeys(vm: &mut Vm, this: Value, iterable: Value, value: Option<Value>) -> PyResult {
    let cls = this;
    let value = value.unwrap_or(Value::NONE);
    root_scope!(vm);
    let d = if cls == vm.rt.types.dict {
        vm.new_dict()?
    } else {
        vm.call(cls, &[], &[])?
    };
    vm.root(d);
    let keys = vm.collect_iter(iterable)?;
    vm.root_all(&keys);
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
}

// ---------------------------------------------------------------- view set operations

/// A set of what `v` holds (a dict view's keys or items, or any iterable's items),
/// rooted with what it was made from until the caller's root scope ends.
pub(crate) fn view_as_set(vm: &mut Vm, v: Value) -> PyResult<Value> {
    let items = if let Some(dv) = v.downcast::<DictView>() {
        let (d, kind) = (dv.dict, dv.kind);
        let pairs = vm.dict_items(d);
        match kind {
            DictIterKind::Items => {
                let mut out = Vec::with_capacity(pairs.len());
                let tl = vm.new_list(Vec::new())?;
                vm.root(tl);
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
        vm.root(l);
        items
    };
    let s = vm.new_set(items)?;
    vm.root(s);
    Ok(s)
}

fn view_op(vm: &mut Vm, a: Value, b: Value, op: SetOp) -> PyResult {
    root_scope!(vm);
    let a = view_as_set(vm, a)?;
    let b = view_as_set(vm, b)?;
    crate::objects::set::methods::set_op(vm, a, b, op, false)
}

#[native(name = "__and__", style = slot)]
fn view_and(vm: &mut Vm, this: Value, other: Value) -> PyResult {
    view_op(vm, this, other, SetOp::And)
}
#[native(name = "__or__", style = slot)]
fn view_or(vm: &mut Vm, this: Value, other: Value) -> PyResult {
    view_op(vm, this, other, SetOp::Or)
}
#[native(name = "__sub__", style = slot)]
fn view_sub(vm: &mut Vm, this: Value, other: Value) -> PyResult {
    view_op(vm, this, other, SetOp::Sub)
}
#[native(name = "__xor__", style = slot)]
fn view_xor(vm: &mut Vm, this: Value, other: Value) -> PyResult {
    view_op(vm, this, other, SetOp::Xor)
}

// `other op view` with a non-set `other` (`[3] | d.keys()`): the operands swapped back.
#[native(name = "__rand__", style = slot)]
fn view_rand(vm: &mut Vm, this: Value, other: Value) -> PyResult {
    view_op(vm, other, this, SetOp::And)
}
#[native(name = "__ror__", style = slot)]
fn view_ror(vm: &mut Vm, this: Value, other: Value) -> PyResult {
    view_op(vm, other, this, SetOp::Or)
}
#[native(name = "__rsub__", style = slot)]
fn view_rsub(vm: &mut Vm, this: Value, other: Value) -> PyResult {
    view_op(vm, other, this, SetOp::Sub)
}
#[native(name = "__rxor__", style = slot)]
fn view_rxor(vm: &mut Vm, this: Value, other: Value) -> PyResult {
    view_op(vm, other, this, SetOp::Xor)
}

#[native(name = "isdisjoint", owner = "dict_keys")]
fn view_isdisjoint(vm: &mut Vm, this: Value, other: Value) -> PyResult<bool> {
    let r = view_op(vm, this, other, SetOp::And)?;
    Ok(vm.set_items(r).is_empty())
}
