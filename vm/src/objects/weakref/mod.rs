//! Weak reference objects: `weakref.ref` (and user subclasses of it), `weakref.ProxyType`
//! and `weakref.CallableProxyType`. All are `WeakRefData` payloads; the Python type tells
//! them apart. The referent is NOT traced: the collector's weak map knows this object
//! refers to it, and clears `referent` to NULL when the referent dies (DESIGN.md
//! invariant 6).
//!
//! Proxies forward every operation to their referent. The protocols in `ops/` call
//! `Vm::unproxy` once their built-in fast paths have failed, so a proxy costs the common
//! paths nothing.
pub mod ops;
use crate::objects::typeobj::TypeData;
use crate::payload;
use crate::types::type_data;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};

#[derive(crate::trace::Trace)]
pub struct WeakRefData {
    #[unsafe_untraced = "weak: the collector's weak map clears it when the referent dies"]
    referent: AtomicU64,
    pub callback: Value,
    /// Cached hash (i64::MIN when not computed).
    pub hash: AtomicI64,
    /// The hidden namespace of an instance of a user subclass of `ref` (its `__dict__`,
    /// or the home of its `__slots__` values); NULL for plain refs and proxies.
    pub dict: Value,
}
payload!(WeakRefData, "weakref");

impl WeakRefData {
    pub fn new(referent: Value, callback: Value) -> WeakRefData {
        WeakRefData::with_dict(referent, callback, Value::NULL)
    }
    pub fn with_dict(referent: Value, callback: Value, dict: Value) -> WeakRefData {
        WeakRefData {
            referent: AtomicU64::new(referent.raw()),
            callback,
            hash: AtomicI64::new(i64::MIN),
            dict,
        }
    }
    /// The referent, or NULL once it died.
    pub fn get(&self) -> Value {
        Value::from_raw(self.referent.load(Ordering::Acquire))
    }
    pub fn kill(&self) {
        self.referent.store(0, Ordering::Release)
    }
}

/// Is `v` a `weakref.ProxyType` / `weakref.CallableProxyType` object?
#[inline]
pub fn is_proxy(vm: &Vm, v: Value) -> bool {
    v.is::<WeakRefData>() && {
        let t = vm.type_of(v);
        t == vm.rt.types.weakproxy || t == vm.rt.types.weakcallableproxy
    }
}

impl Vm {
    /// If `v` is a weak proxy: `Some(referent)`, or ReferenceError once the referent died.
    /// `None` for every other object. The referent is not rooted: push it before running
    /// Python code with it.
    #[inline]
    pub fn unproxy(&mut self, v: Value) -> PyResult<Option<Value>> {
        if !is_proxy(self, v) {
            return Ok(None);
        }
        let r = v.downcast::<WeakRefData>().map(|w| w.get());
        match r {
            Some(r) if !r.is_null() => Ok(Some(r)),
            _ => Err(self.reference_error()),
        }
    }

    pub fn reference_error(&mut self) -> crate::vm::PyErr {
        let t = self.rt.types.exc.reference_error;
        self.new_exception(t, "weakly-referenced object no longer exists")
    }

    /// `v` itself, or its referent if it is a live proxy (ReferenceError if dead).
    pub fn unproxy_or_self(&mut self, v: Value) -> PyResult<Value> {
        Ok(self.unproxy(v)?.unwrap_or(v))
    }
}

/// Can `obj` be weakly referenced? As CPython: instances of user classes (unless their
/// `__slots__` leave `__weakref__` out, or they subclass int, bytes or tuple), functions,
/// methods, classes, sets, frozensets, modules, generators, code objects, built-in
/// functions; not int, str, bytes, tuple, list, dict, float, None, `object()`, built-in
/// exceptions, weak references themselves, ...
pub fn weakrefable(obj: Value) -> bool {
    let Some(ty) = obj.heap_type() else {
        return false;
    };
    let td = type_data(&ty);
    if td.is_user && !obj.is::<TypeData>() {
        return td.weakrefable;
    }
    // A built-in type's flag comes from its row in the type table (`+ weakref`,
    // types.rs); every class (also one whose metaclass is a user class) accepts them.
    td.weakrefable || obj.is::<TypeData>()
}

/// The weak references (refs and proxies) whose referent is `obj` and that are still
/// alive, in CPython's order: the callback-less `ref`, then the callback-less proxy, then
/// every other one newest first.
pub fn live_weakrefs(vm: &Vm, obj: Value) -> Vec<Value> {
    let Some(p) = obj.as_gc() else {
        return Vec::new();
    };
    if !vm.rt.heap.has_weak(p) {
        return Vec::new();
    }
    let all: Vec<Value> = vm
        .rt
        .heap
        .weakrefs_of(p)
        .into_iter()
        .map(Value::from_gc)
        .filter(|w| w.downcast::<WeakRefData>().is_some_and(|d| d.get() == obj))
        .collect();
    let basic_of = |w: &Value, ty: Value| {
        vm.type_of(*w) == ty
            && w.downcast::<WeakRefData>()
                .is_some_and(|d| d.callback.is_none() || d.callback.is_null())
    };
    let basic_ref = all
        .iter()
        .copied()
        .find(|w| basic_of(w, vm.rt.types.weakref));
    let basic_proxy = all
        .iter()
        .copied()
        .find(|w| basic_of(w, vm.rt.types.weakproxy) || basic_of(w, vm.rt.types.weakcallableproxy));
    let mut out: Vec<Value> = basic_ref.into_iter().chain(basic_proxy).collect();
    let rest: Vec<Value> = all
        .iter()
        .rev()
        .copied()
        .filter(|w| !out.contains(w))
        .collect();
    out.extend(rest);
    out
}

/// The getter of the `__weakref__` attribute that weakly referenceable user classes get:
/// the first weak reference to the object (CPython's list head), or None.
pub fn weakref_attr_get(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let Some(&obj) = args.first() else {
        return Err(vm.type_error("descriptor '__weakref__' needs an argument"));
    };
    Ok(live_weakrefs(vm, obj)
        .first()
        .copied()
        .unwrap_or(Value::NONE))
}
