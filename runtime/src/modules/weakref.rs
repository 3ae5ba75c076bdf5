//! `_weakref`: `ref` and `proxy` (the vm's `WeakRefData` objects, registered in the
//! collector's weak map), `getweakrefcount`, `getweakrefs`, `_remove_dead_weakref` and
//! `finalize`. The `weakref` module itself is Python frozen into the binary
//! (`py/weakref.py`, `py/_weakrefset.py`) on top of these.
//!
//! A `finalize` holds its referent weakly through an internal `ref` whose callback is the
//! finalize object itself (as CPython's `weakref.finalize` does); live finalizers sit in
//! `rt.finalizers`, which is a root, until they are called or detached. At exit,
//! `run_atexit_finalizers` calls those whose `atexit` is true, newest first.
use super::{add_property, addr, new_native_module, set_item};
use parking_lot::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use weft_vm::bytecode::CmpOp;
use weft_vm::helpers::{arg_count, as_str, no_kwargs, unwrap_base, wrap_for_subclass};
use weft_vm::native;
use weft_vm::native::NativeDef;
use weft_vm::objects::builtin_fn::BuiltinFn;
use weft_vm::objects::dict::DictData;
use weft_vm::objects::function::FunctionData;
use weft_vm::objects::generator::GenData;
use weft_vm::objects::tuple::TupleData;
use weft_vm::objects::typeobj::TypeData;
use weft_vm::objects::weakref::{WeakRefData, is_proxy, live_weakrefs, weakrefable};
use weft_vm::types::type_data;
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

/// The state of a live finalizer: (func, args tuple, kwargs dict or NULL).
type Info = (Value, Value, Value);

#[derive(weft_vm::trace::Trace)]
pub struct FinalizeData {
    /// The internal weak reference to the referent (its callback is this object).
    wr: Mutex<Value>,
    /// None once called or detached.
    info: Mutex<Option<Info>>,
    atexit: AtomicBool,
    /// Creation order.
    index: u64,
}
weft_vm::payload!(FinalizeData, "finalize");

static NEXT_INDEX: AtomicU64 = AtomicU64::new(0);
/// A finalizer was created since the atexit loop last chose what to run.
static DIRTY: AtomicBool = AtomicBool::new(false);

const FUNCS: &[NativeDef] = &[
    NativeDef::raw("proxy", proxy_new),
    getweakrefcount,
    getweakrefs,
    remove_dead_weakref,
];

pub fn init(vm: &mut Vm) -> PyResult {
    let (m, d) = new_native_module(vm, "_weakref", FUNCS)?;
    let r = vm.with_root(m, |vm| fill(vm, d));
    r.map(|_| m)
}

fn fill(vm: &mut Vm, d: Value) -> PyResult<()> {
    let wt = vm.rt.types.weakref;
    let ft = vm.rt.types.finalize;
    // The built-in types get their methods once (the module is built again if a program
    // removes it from sys.modules and imports it anew).
    if type_data_new_missing(wt) {
        vm.set_new(wt, ref_new);
        vm.add_methods(wt, &[ref_init]);
        vm.add_method(wt, "__call__", ref_call);
        vm.add_method(wt, "__repr__", ref_repr);
        vm.add_method(wt, "__hash__", ref_hash);
        vm.add_methods(wt, &[ref_eq, ref_ne]);
        add_property(vm, wt, "__callback__", ref_callback, None)?;
        let m = vm.new_str("weakref")?;
        vm.add_attr(wt, "__module__", m);
        // `ref[int]`: a classmethod, as `__class_getitem__` is in Python classes.
        let cg = vm.new_native(
            "__class_getitem__",
            "weakref.ReferenceType",
            ref_class_getitem,
        )?;
        weft_vm::root_scope!(vm);
        vm.root(cg);
        let cmt = vm.rt.types.classmethod;
        let cm = vm.alloc(cmt, weft_vm::objects::function::ClassMethod(cg));
        let cm = cm?;
        vm.add_attr(wt, "__class_getitem__", cm);
        for pt in [vm.rt.types.weakproxy, vm.rt.types.weakcallableproxy] {
            vm.add_methods(pt, PROXY_METHODS);
            let m = vm.new_str("weakref")?;
            vm.add_attr(pt, "__module__", m);
        }
        let cpt = vm.rt.types.weakcallableproxy;
        vm.add_method(cpt, "__call__", proxy_call);
        vm.set_new(ft, finalize_new);
        vm.add_method(ft, "__call__", finalize_call);
        vm.add_method(ft, "__repr__", finalize_repr);
        vm.add_method(ft, "peek", finalize_peek);
        vm.add_method(ft, "detach", finalize_detach);
        add_property(vm, ft, "alive", finalize_alive, None)?;
        add_property(
            vm,
            ft,
            "atexit",
            finalize_get_atexit,
            Some(finalize_set_atexit),
        )?;
        let m = vm.new_str("weakref")?;
        vm.add_attr(ft, "__module__", m);
    }
    for name in ["ref", "ReferenceType"] {
        set_item(vm, d, name, wt)?;
    }
    let pt = vm.rt.types.weakproxy;
    set_item(vm, d, "ProxyType", pt)?;
    let cpt = vm.rt.types.weakcallableproxy;
    set_item(vm, d, "CallableProxyType", cpt)?;
    set_item(vm, d, "finalize", ft)?;
    Ok(())
}

fn type_data_new_missing(t: Value) -> bool {
    t.downcast::<TypeData>().is_some_and(|td| td.new.is_none())
}

// ---------------------------------------------------------------- helpers

/// Can `obj` be weakly referenced? (`objects::weakref::weakrefable`: as CPython.)
fn check_weakrefable(vm: &mut Vm, obj: Value) -> PyResult<()> {
    if weakrefable(obj) {
        return Ok(());
    }
    let t = vm.type_name(obj);
    Err(vm.type_error(format!("cannot create weak reference to '{t}' object")))
}

/// A `ref` (or subclass instance), not a proxy.
fn wr_of<'a>(vm: &Vm, v: &'a Value) -> Option<&'a WeakRefData> {
    if is_proxy(vm, *v) {
        return None;
    }
    v.downcast::<WeakRefData>()
}

fn this_ref<'a>(vm: &mut Vm, args: &'a [Value], name: &str) -> PyResult<&'a WeakRefData> {
    match args.first().and_then(|v| wr_of(vm, v)) {
        Some(w) => Ok(w),
        None => Err(vm.type_error(format!(
            "descriptor '{name}' requires a 'weakref.ReferenceType' object"
        ))),
    }
}

/// Allocate a weak reference of type `ty` to `obj` and register it with the collector.
/// Instances of user subclasses of `ref` get a namespace.
fn make_ref(vm: &mut Vm, ty: Value, obj: Value, callback: Value) -> PyResult {
    let dict = if type_data(ty).is_user {
        vm.new_dict()?
    } else {
        Value::NULL
    };
    let wr = vm.with_root(dict, |vm| {
        vm.alloc(ty, WeakRefData::with_dict(obj, callback, dict))
    });
    let wr = wr?;
    // Natives reach no safepoint between the allocation and here, so `obj` is alive.
    vm.rt.heap.register_weak(
        obj.as_gc().expect("heap referent"),
        wr.as_gc().expect("heap weakref"),
    );
    Ok(wr)
}

// ---------------------------------------------------------------- ref

/// The live callback-less weak reference of exactly type `ty` to `obj`, if any (CPython
/// hands it out again instead of making a new one).
fn basic_ref(vm: &Vm, obj: Value, ty: Value) -> Option<Value> {
    let p = obj.as_gc()?;
    vm.rt
        .heap
        .weakrefs_of(p)
        .into_iter()
        .map(Value::from_gc)
        .find(|&w| {
            vm.type_of(w) == ty
                && w.downcast::<WeakRefData>()
                    .is_some_and(|d| d.callback.is_none() && d.get() == obj)
        })
}

/// `ref(obj[, callback])`.
fn ref_new(vm: &mut Vm, cls: Value, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    if cls == vm.rt.types.weakref {
        no_kwargs(vm, "ref", kw)?;
    }
    arg_count(vm, "__new__", args, 1, 2)?;
    let obj = args[0];
    let callback = args
        .get(1)
        .copied()
        .filter(|c| !c.is_none())
        .unwrap_or(Value::NONE);
    check_weakrefable(vm, obj)?;
    if cls == vm.rt.types.weakref
        && callback.is_none()
        && let Some(w) = basic_ref(vm, obj, cls)
    {
        return Ok(w);
    }
    make_ref(vm, cls, obj, callback)
}

/// `ref[T]`: the generic alias of the frozen `_weakrefset` module.
fn ref_class_getitem(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "__class_getitem__", args, 2, 2)?;
    let m = vm.import_module("_weakrefset")?;
    let alias = vm.with_root(m, |vm| vm.getattr_str(m, "_GenericAlias"))?;
    vm.with_root(alias, |vm| vm.call(alias, args, &[]))
}

/// Subclasses may call `super().__init__(obj, callback)`: `__new__` did the work; only
/// the arguments are checked, as CPython's.
#[native(name = "__init__", owner = builtins, style = positional)]
fn ref_init(_vm: &mut Vm, this: &WeakRefData, ob: Value, callback: Option<Value>) {
    let _ = (this, ob, callback);
}

fn ref_call(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let w = this_ref(vm, args, "__call__")?;
    let referent = w.get();
    no_kwargs(vm, "weakref", kw)?;
    if args.len() > 1 {
        return Err(vm.type_error(format!(
            "weakref expected 0 arguments, got {}",
            args.len() - 1
        )));
    }
    Ok(if referent.is_null() {
        Value::NONE
    } else {
        referent
    })
}

fn ref_callback(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let w = this_ref(vm, args, "__callback__")?;
    let cb = w.callback;
    Ok(if cb.is_null() || w.get().is_null() {
        Value::NONE
    } else {
        cb
    })
}

/// `f"{type.__module__}.{type.__qualname__}"`, or the qualname for builtins (CPython's `%T`).
fn qualified_type_name(vm: &mut Vm, v: Value) -> String {
    let t = vm.type_of(v);
    let td = t.downcast::<TypeData>().expect("type");
    let qual = td.qualname.read().clone();
    if !td.is_user {
        return qual;
    }
    let module = vm.getattr_str(t, "__module__").ok();
    match module.as_ref().and_then(as_str) {
        Some(m) if m != "builtins" => format!("{m}.{qual}"),
        _ => qual,
    }
}

fn ref_repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let w = this_ref(vm, args, "__repr__")?;
    let obj = w.get();
    let me = addr(args[0]);
    if obj.is_null() {
        return vm.new_str(&format!("<weakref at {me}; dead>"));
    }
    weft_vm::root_scope!(vm);
    vm.root(obj);
    let tn = qualified_type_name(vm, obj);
    // `__name__` looked up on the type (functions, classes, modules have one).
    let has_name = obj.is::<FunctionData>()
        || obj.is::<TypeData>()
        || obj.is::<BuiltinFn>()
        || obj.is::<GenData>();
    let name = match has_name || vm.lookup_special(obj, "__name__").is_some() {
        true => vm
            .getattr_str(obj, "__name__")
            .ok()
            .and_then(|n| as_str(&n).map(str::to_string)),
        false => None,
    };
    let s = match name {
        Some(n) => format!("<weakref at {me}; to '{tn}' at {} ({n})>", addr(obj)),
        None => format!("<weakref at {me}; to '{tn}' at {}>", addr(obj)),
    };
    vm.new_str(&s)
}

fn ref_hash(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let w = this_ref(vm, args, "__hash__")?;
    let cached = w.hash.load(Ordering::Relaxed);
    if cached != i64::MIN {
        return vm.new_int(cached);
    }
    let obj = w.get();
    if obj.is_null() {
        return Err(vm.type_error("weak object has gone away"));
    }
    let h = vm.with_root(obj, |vm| vm.hash(obj));
    let h = h?;
    w.hash.store(h, Ordering::Relaxed);
    vm.new_int(h)
}

fn ref_compare(vm: &mut Vm, args: &[Value], op: CmpOp) -> PyResult {
    let (Some(a), Some(b)) = (wr_of(vm, &args[0]), wr_of(vm, &args[1])) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let (x, y) = (a.get(), b.get());
    if x.is_null() || y.is_null() {
        let same = args[0] == args[1];
        return Ok(Value::bool(if op == CmpOp::Eq { same } else { !same }));
    }
    weft_vm::root_scope!(vm);
    vm.root(x);
    vm.root(y);
    vm.rich_compare(x, y, op)
}

#[native(name = "__eq__", style = slot)]
fn ref_eq(vm: &mut Vm, this: Value, other: Value) -> PyResult {
    ref_compare(vm, &[this, other], CmpOp::Eq)
}

#[native(name = "__ne__", style = slot)]
fn ref_ne(vm: &mut Vm, this: Value, other: Value) -> PyResult {
    ref_compare(vm, &[this, other], CmpOp::Ne)
}

// ---------------------------------------------------------------- proxy

/// `proxy(obj[, callback])`: a `CallableProxyType` if `obj` is callable, else a
/// `ProxyType`; the callback-less one is shared.
fn proxy_new(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    no_kwargs(vm, "_weakref.proxy", kw)?;
    arg_count(vm, "proxy", args, 1, 2)?;
    let obj = args[0];
    let callback = args
        .get(1)
        .copied()
        .filter(|c| !c.is_none())
        .unwrap_or(Value::NONE);
    check_weakrefable(vm, obj)?;
    let ty = if weft_vm::ops::call::is_callable(vm, obj) {
        vm.rt.types.weakcallableproxy
    } else {
        vm.rt.types.weakproxy
    };
    if callback.is_none()
        && let Some(p) = basic_ref(vm, obj, ty)
    {
        return Ok(p);
    }
    make_ref(vm, ty, obj, callback)
}

/// The referent of the proxy `args[0]` (ReferenceError once dead).
fn proxy_target(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<Value> {
    match args.first() {
        Some(&p) if is_proxy(vm, p) => Ok(vm.unproxy(p)?.unwrap_or(p)),
        _ => Err(vm.type_error(format!(
            "descriptor '{name}' requires a 'weakref.ProxyType' object"
        ))),
    }
}

fn proxy_repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let Some(w) = args.first().filter(|p| is_proxy(vm, **p)) else {
        return Err(vm.type_error("descriptor '__repr__' requires a 'weakref.ProxyType' object"));
    };
    let me = addr(*w);
    let obj = w
        .downcast::<WeakRefData>()
        .map(|d| d.get())
        .unwrap_or(Value::NULL);
    if obj.is_null() {
        return vm.new_str(&format!("<weakproxy at {me}; dead>"));
    }
    let tn = vm.with_root(obj, |vm| qualified_type_name(vm, obj));
    vm.new_str(&format!("<weakproxy at {me}; to '{tn}' at {}>", addr(obj)))
}

/// `proxy(*args, **kw)` for a callable referent.
fn proxy_call(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let r = proxy_target(vm, args, "__call__")?;
    vm.with_root(r, |vm| vm.call(r, &args[1..], kw))
}

/// Call the built-in `name` (a type or function of `builtins`) on the referent and the
/// other arguments (proxies among them unwrapped).
fn proxy_via_builtin(vm: &mut Vm, args: &[Value], name: &str, reflected: bool) -> PyResult {
    let r = proxy_target(vm, args, name)?;
    weft_vm::root_scope!(vm);
    vm.root(r);
    (|| {
        let mut call_args = vec![r];
        for &a in &args[1..] {
            let a = vm.unproxy_or_self(a)?;
            vm.root(a);
            call_args.push(a);
        }
        if reflected {
            call_args.reverse();
        }
        let f = vm
            .dict_get_str(vm.rt.builtins, name)
            .ok_or_else(|| vm.runtime_error(format!("builtins.{name} is missing")))?;
        vm.call(f, &call_args, &[])
    })()
}

/// `referent.name()` (CPython's proxy methods `__bytes__` and `__reversed__`).
fn proxy_method(vm: &mut Vm, this: Value, name: &str) -> PyResult {
    let r = proxy_target(vm, &[this], name)?;
    vm.with_root(r, |vm| vm.call_method(r, name, &[]))
}
#[native(name = "__bytes__", owner = "ProxyType")]
fn proxy_bytes(vm: &mut Vm, this: Value) -> PyResult {
    proxy_method(vm, this, "__bytes__")
}
#[native(name = "__reversed__", owner = "ProxyType")]
fn proxy_reversed(vm: &mut Vm, this: Value) -> PyResult {
    proxy_method(vm, this, "__reversed__")
}
#[native(name = "__abs__", style = slot)]
fn proxy_abs(vm: &mut Vm, this: Value) -> PyResult {
    proxy_via_builtin(vm, &[this], "abs", false)
}
#[native(name = "__int__", style = slot)]
fn proxy_int(vm: &mut Vm, this: Value) -> PyResult {
    proxy_via_builtin(vm, &[this], "int", false)
}
#[native(name = "__float__", style = slot)]
fn proxy_float(vm: &mut Vm, this: Value) -> PyResult {
    proxy_via_builtin(vm, &[this], "float", false)
}
#[native(name = "__divmod__", style = slot)]
fn proxy_divmod(vm: &mut Vm, this: Value, other: Value) -> PyResult {
    proxy_via_builtin(vm, &[this, other], "divmod", false)
}
#[native(name = "__rdivmod__", style = slot)]
fn proxy_rdivmod(vm: &mut Vm, this: Value, other: Value) -> PyResult {
    proxy_via_builtin(vm, &[this, other], "divmod", true)
}

/// `operator.index(referent)`.
#[native(name = "__index__", style = slot)]
fn proxy_index(vm: &mut Vm, this: Value) -> PyResult {
    let r = proxy_target(vm, &[this], "__index__")?;
    if weft_vm::helpers::is_int(r) {
        return Ok(r);
    }
    match vm.lookup_special(r, "__index__") {
        Some(f) => vm.with_root(r, |vm| vm.call(f, &[r], &[])),
        None => {
            let tn = vm.type_name(r);
            Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")))
        }
    }
}

const PROXY_METHODS: &[NativeDef] = &[
    NativeDef::raw("__repr__", proxy_repr),
    proxy_bytes,
    proxy_reversed,
    proxy_abs,
    proxy_int,
    proxy_float,
    proxy_index,
    proxy_divmod,
    proxy_rdivmod,
];

// ---------------------------------------------------------------- module functions

/// The live weak references to `obj` (a `finalize`'s own ref included, as in CPython),
/// in CPython's order.
fn live_refs(vm: &Vm, obj: Value) -> Vec<Value> {
    live_weakrefs(vm, obj)
}

#[native(name = "getweakrefcount", owner = "_weakref")]
fn getweakrefcount(vm: &mut Vm, object: Value) -> PyResult {
    let n = live_refs(vm, object).len();
    vm.new_int(n as i64)
}

#[native(name = "getweakrefs", owner = "_weakref")]
fn getweakrefs(vm: &mut Vm, object: Value) -> PyResult {
    let refs = live_refs(vm, object);
    vm.new_list(refs)
}

/// `_remove_dead_weakref(dict, key)`: delete `dict[key]` if it is a dead weak reference.
#[native(name = "_remove_dead_weakref")]
fn remove_dead_weakref(vm: &mut Vm, dct: Value, key: Value) -> PyResult {
    if !dct.is::<DictData>() {
        let t = vm.type_name(dct);
        return Err(vm.type_error(format!(
            "_remove_dead_weakref() argument 1 must be dict, not {t}"
        )));
    }
    if let Some(v) = vm.dict_get(dct, key)?
        && wr_of(vm, &v).is_some_and(|w| w.get().is_null())
    {
        vm.dict_del(dct, key)?;
    }
    Ok(Value::NONE)
}

// ---------------------------------------------------------------- finalize

fn this_fin<'a>(vm: &mut Vm, args: &'a [Value], name: &str) -> PyResult<&'a FinalizeData> {
    match args.first().and_then(unwrap_base::<FinalizeData>) {
        Some(f) => Ok(f),
        None => Err(vm.type_error(format!("descriptor '{name}' requires a 'finalize' object"))),
    }
}

/// `finalize(obj, func, /, *args, **kwargs)`.
fn finalize_new(vm: &mut Vm, cls: Value, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    match args.len() {
        0 => {
            return Err(vm.type_error(
                "finalize.__init__() missing 2 required positional arguments: 'obj' and 'func'",
            ));
        }
        1 => {
            return Err(
                vm.type_error("finalize.__init__() missing 1 required positional argument: 'func'")
            );
        }
        _ => {}
    }
    let (obj, func) = (args[0], args[1]);
    check_weakrefable(vm, obj)?;
    weft_vm::root_scope!(vm);
    (|| {
        let rest = vm.new_tuple(args[2..].to_vec())?;
        vm.root(rest);
        let kwargs = if kw.is_empty() {
            Value::NULL
        } else {
            let d = vm.new_dict()?;
            vm.root(d);
            for &(k, v) in kw {
                vm.dict_set(d, k, v)?;
            }
            d
        };
        let index = NEXT_INDEX.fetch_add(1, Ordering::Relaxed);
        let ft = vm.rt.types.finalize;
        let data = FinalizeData {
            wr: Mutex::new(Value::NULL),
            info: Mutex::new(Some((func, rest, kwargs))),
            atexit: AtomicBool::new(true),
            index,
        };
        let inner = vm.alloc(ft, data)?;
        vm.root(inner);
        let fin = wrap_for_subclass(vm, cls, inner)?;
        vm.root(fin);
        let wt = vm.rt.types.weakref;
        let wr = make_ref(vm, wt, obj, fin)?;
        *inner.downcast::<FinalizeData>().unwrap().wr.lock() = wr;
        vm.rt.finalizers.lock().push(fin);
        DIRTY.store(true, Ordering::Relaxed);
        Ok(fin)
    })()
}

/// Take the finalizer's state (it is then dead) and drop it from the registry.
fn finalize_take(vm: &mut Vm, this: Value, f: &FinalizeData) -> Option<Info> {
    let info = f.info.lock().take()?;
    vm.rt.finalizers.lock().retain(|&v| v != this);
    let wr = *f.wr.lock();
    if let Some(w) = wr.downcast::<WeakRefData>() {
        let obj = w.get();
        if let (Some(o), Some(p)) = (obj.as_gc(), wr.as_gc()) {
            vm.rt.heap.unregister_weak(o, p);
            w.kill();
        }
    }
    Some(info)
}

/// `f()` (or the weakref callback `f(wr)`): run func once; None afterwards.
fn finalize_call(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let f = this_fin(vm, args, "__call__")?;
    if args.len() > 2 {
        let msg = format!(
            "finalize.__call__() takes from 1 to 2 positional arguments but {} were given",
            args.len()
        );
        return Err(vm.type_error(msg));
    }
    let Some((func, rest, kwargs)) = finalize_take(vm, args[0], f) else {
        return Ok(Value::NONE);
    };
    weft_vm::root_scope!(vm);
    vm.root(func);
    vm.root(rest);
    vm.root(kwargs);
    let pos = rest
        .downcast::<TupleData>()
        .map(|t| t.0.to_vec())
        .unwrap_or_default();
    let kws = if kwargs.is_null() {
        Vec::new()
    } else {
        vm.dict_items(kwargs)
    };
    vm.call(func, &pos, &kws)
}

/// `(obj, func, args, kwargs)` while alive and the referent lives, else None.
fn peek_tuple(vm: &mut Vm, f: &FinalizeData, info: Option<Info>) -> PyResult {
    let Some((func, rest, kwargs)) = info else {
        return Ok(Value::NONE);
    };
    let obj = (*f.wr.lock())
        .downcast::<WeakRefData>()
        .map(|w| w.get())
        .unwrap_or(Value::NULL);
    if obj.is_null() {
        return Ok(Value::NONE);
    }
    weft_vm::root_scope!(vm);
    for v in [obj, func, rest, kwargs] {
        vm.root(v);
    }
    (|| {
        let kwargs = if kwargs.is_null() {
            vm.new_dict()?
        } else {
            kwargs
        };
        vm.new_tuple(vec![obj, func, rest, kwargs])
    })()
}

fn finalize_peek(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let f = this_fin(vm, args, "peek")?;
    let info = *f.info.lock();
    peek_tuple(vm, f, info)
}

fn finalize_detach(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let f = this_fin(vm, args, "detach")?;
    let alive = (*f.wr.lock())
        .downcast::<WeakRefData>()
        .is_some_and(|w| !w.get().is_null());
    if !alive {
        return Ok(Value::NONE);
    }
    // Read the tuple before taking the state (taking kills the internal ref).
    let info = *f.info.lock();
    let t = peek_tuple(vm, f, info)?;
    if !t.is_none() {
        let taken = vm.with_root(t, |vm| finalize_take(vm, args[0], f));
        if taken.is_none() {
            return Ok(Value::NONE);
        }
    }
    Ok(t)
}

fn finalize_alive(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let f = this_fin(vm, args, "alive")?;
    Ok(Value::bool(f.info.lock().is_some()))
}

/// `atexit`: false once the finalizer is dead (called, detached or run).
fn finalize_get_atexit(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let f = this_fin(vm, args, "atexit")?;
    let alive = f.info.lock().is_some();
    Ok(Value::bool(alive && f.atexit.load(Ordering::Relaxed)))
}

/// Setting `atexit` on a dead finalizer does nothing.
fn finalize_set_atexit(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let f = this_fin(vm, args, "atexit")?;
    arg_count(vm, "atexit", args, 2, 2)?;
    let b = vm.truthy(args[1])?;
    if f.info.lock().is_some() {
        f.atexit.store(b, Ordering::Relaxed);
    }
    Ok(Value::NONE)
}

fn finalize_repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let f = this_fin(vm, args, "__repr__")?;
    let tn = vm.type_name(args[0]);
    let obj = if f.info.lock().is_some() {
        (*f.wr.lock())
            .downcast::<WeakRefData>()
            .map(|w| w.get())
            .unwrap_or(Value::NULL)
    } else {
        Value::NULL
    };
    let s = if obj.is_null() {
        format!("<{tn} object at {}; dead>", addr(args[0]))
    } else {
        format!(
            "<{tn} object at {}; for '{}' at {}>",
            addr(args[0]),
            vm.type_name(obj),
            addr(obj)
        )
    };
    vm.new_str(&s)
}

/// At exit: call the live finalizers whose `atexit` is true, newest first, with automatic
/// collection off (CPython's `finalize._exitfunc`). Errors are printed and ignored.
pub fn run_atexit_finalizers(vm: &mut Vm) {
    if vm.rt.finalizers.lock().is_empty() {
        return;
    }
    let was_enabled = vm.rt.gc_enabled.swap(false, Ordering::Relaxed);
    let select = |vm: &Vm| -> Vec<Value> {
        let all = vm.rt.finalizers.lock().clone();
        let mut l: Vec<(u64, Value)> = all
            .into_iter()
            .filter_map(|v| {
                let f = unwrap_base::<FinalizeData>(&v)?;
                f.atexit.load(Ordering::Relaxed).then_some((f.index, v))
            })
            .collect();
        l.sort_by_key(|&(i, _)| i);
        l.into_iter().map(|(_, v)| v).collect()
    };
    DIRTY.store(false, Ordering::Relaxed);
    let mut pending = select(vm);
    loop {
        if DIRTY.swap(false, Ordering::Relaxed) {
            pending = select(vm);
        }
        let Some(f) = pending.pop() else { break };
        // Only registered finalizers are rooted (and still to run).
        if !vm.rt.finalizers.lock().contains(&f) {
            continue;
        }
        weft_vm::root_scope!(vm);
        vm.root(f);
        if let Err(e) = vm.call(f, &[], &[]) {
            vm.print_exception(e);
        }
    }
    vm.rt.gc_enabled.store(was_enabled, Ordering::Relaxed);
}
