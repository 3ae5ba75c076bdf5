//! A class's `__annotations__` and `__annotate__` (PEP 649/749, as CPython 3.14, with
//! one difference kept for the 3.11 standard library weft runs).
//!
//! A class body that annotates names binds `__annotate_func__`, a function computing
//! them (see the compiler's `codegen/annotations.rs`). `build_class` calls it once,
//! before the metaclass makes the class: when that succeeds the namespace gets the
//! result as `__annotations__`, where 3.11's `dataclasses`, `typing.NamedTuple`,
//! `TypedDict` and `inspect` look for it; when it raises (a name defined later) the
//! class is made without, and reading `cls.__annotations__` calls the function again,
//! keeping its result as `__annotations_cache__` (CPython 3.14's name).
//!
//! On a class, `__annotations__` is, in order: the namespace's `__annotations__`, its
//! `__annotations_cache__`, what `__annotate__(1)` returns, else an empty dict; never a
//! base's. `__annotate__` is the namespace's `__annotate__`, else `__annotate_func__`,
//! else None.
use super::typeobj::TypeData;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// The namespace's entry `key`, if any (a dict, or the mapping `__prepare__` made). A
/// dict subclass is read as a dict (no `__missing__` may run).
fn ns_get(vm: &mut Vm, ns: Value, key: &str) -> PyResult<Option<Value>> {
    if let Some(d) = crate::objects::dict::ops::dict_payload(ns) {
        return Ok(vm.dict_get_str(d, key));
    }
    let k = vm.intern(key);
    match vm.getitem(ns, k) {
        Ok(v) => Ok(Some(v)),
        Err(e) if vm.err_is(&e, vm.rt.types.exc.key_error) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Called by `build_class` once the class body has run: take the body's
/// `__annotate_func__` out of the namespace (returned, NULL if none) and evaluate the
/// annotations now if they can be, storing them as the namespace's `__annotations__`.
/// An `Exception` raised meanwhile leaves them to be computed when read; other
/// exceptions (a KeyboardInterrupt) propagate.
pub fn take_annotate(vm: &mut Vm, ns: Value) -> PyResult {
    let Some(f) = ns_get(vm, ns, "__annotate_func__")? else {
        return Ok(Value::NULL);
    };
    let k = vm.intern("__annotate_func__");
    match crate::objects::dict::ops::dict_payload(ns) {
        Some(d) => {
            vm.dict_del(d, k)?;
        }
        // A mapping that cannot remove it keeps it (as CPython 3.14's namespaces do).
        None => match vm.delitem(ns, k) {
            Err(e) if !vm.err_is(&e, vm.rt.types.exc.exception) => return Err(e),
            _ => {}
        },
    }
    if f.is_none() || ns_get(vm, ns, "__annotations__")?.is_some() {
        return Ok(f);
    }
    let mut s = vm.scope();
    s.root(f);
    let one = Value::small_int(1).expect("small int");
    let a = match s.call(f, &[one], &[]) {
        Ok(a) => a,
        Err(e) if s.err_is(&e, s.rt.types.exc.exception) => return Ok(f),
        Err(e) => return Err(e),
    };
    if crate::objects::dict::ops::dict_payload(a).is_none() {
        return Ok(f);
    }
    s.root(a);
    let k = s.intern("__annotations__");
    s.setitem(ns, k, a)?;
    Ok(f)
}

/// Called by `build_class` with the class made: keep its `__annotate__` function
/// `f` (from `take_annotate`) on the class. (The set of annotated statements that ran,
/// `__conditional_annotations__`, stays in the class's dict: the function reads it
/// there once the class exists.)
pub fn attach(cls: Value, f: Value) {
    if let Some(td) = cls.downcast::<TypeData>()
        && td.is_user
        && !f.is_null()
    {
        td.annotate.store(f);
    }
}

/// `cls.__annotate__` for a class made by a class statement or `type()`.
pub fn annotate(vm: &mut Vm, td: &TypeData) -> Value {
    vm.dict_get_str(td.dict, "__annotate__")
        .or_else(|| vm.dict_get_str(td.dict, "__annotate_func__"))
        .unwrap_or_else(|| match td.annotate.load() {
            f if f.is_null() => Value::NONE,
            f => f,
        })
}

/// Store `dict[key] = v` (a class namespace: a watched dict, whose writes make cached
/// lookups stale).
fn set(vm: &mut Vm, dict: Value, key: &str, v: Value) -> PyResult<()> {
    let mut s = vm.scope();
    s.root(v);
    let k = s.intern(key);
    s.dict_set(dict, k, v)
}

/// `cls.__annotations__`.
pub fn annotations(vm: &mut Vm, td: &TypeData) -> PyResult {
    let dict = td.dict;
    for key in ["__annotations__", "__annotations_cache__"] {
        if let Some(a) = vm.dict_get_str(dict, key) {
            return Ok(a);
        }
    }
    let f = annotate(vm, td);
    let a = if f.is_none() {
        vm.new_dict()?
    } else {
        let one = Value::small_int(1).expect("small int");
        let a = vm.call(f, &[one], &[])?;
        if crate::objects::dict::ops::dict_payload(a).is_none() {
            let tn = vm.type_name(a);
            return Err(vm.type_error(format!("__annotate__ returned non-dict of type '{tn}'")));
        }
        a
    };
    let mut s = vm.scope();
    s.root(a);
    set(&mut s, dict, "__annotations__", a)?;
    Ok(a)
}

/// `cls.__annotate__ = v`: a callable or None, replacing the annotations computed or
/// stored so far.
pub fn set_annotate(vm: &mut Vm, td: &TypeData, v: Value) -> PyResult<()> {
    let dict = td.dict;
    if !v.is_none() && !crate::ops::call::is_callable(vm, v) {
        return Err(vm.type_error("__annotate__ must be callable or None"));
    }
    drop_entries(
        vm,
        dict,
        &["__annotate__", "__annotations__", "__annotations_cache__"],
    )?;
    set(vm, dict, "__annotate_func__", v)
}

/// `cls.__annotations__ = v` (`v` NULL: `del cls.__annotations__`): the annotations
/// replace the function computing them.
pub fn set_annotations(vm: &mut Vm, td: &TypeData, v: Value) -> PyResult<()> {
    let dict = td.dict;
    td.annotate.store(Value::NULL);
    let had = drop_entries(vm, dict, &["__annotations__", "__annotations_cache__"])?;
    drop_entries(vm, dict, &["__annotate__", "__annotate_func__"])?;
    if v.is_null() {
        if !had {
            return Err(vm.attribute_error("__annotations__"));
        }
        return Ok(());
    }
    set(vm, dict, "__annotations__", v)
}

/// Remove the entries `keys` of `dict`: whether any was there.
fn drop_entries(vm: &mut Vm, dict: Value, keys: &[&str]) -> PyResult<bool> {
    let mut had = false;
    for key in keys {
        let k = vm.intern(key);
        had |= vm.dict_del(dict, k)?.is_some();
    }
    Ok(had)
}
