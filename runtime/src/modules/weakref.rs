//! `weakref` / `_weakref`: `ref` (the vm's `WeakRefData` objects, registered in the
//! collector's weak map), `getweakrefcount`, `getweakrefs` and `finalize`.
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
use weft_vm::object::trace_value;
use weft_vm::objects::builtin_fn::{BuiltinFn, NativeFn};
use weft_vm::objects::bytes::BytesData;
use weft_vm::objects::code::CodeObj;
use weft_vm::objects::dict::DictData;
use weft_vm::objects::exception::ExcData;
use weft_vm::objects::function::{BoundMethod, FunctionData};
use weft_vm::objects::generator::GenData;
use weft_vm::objects::instance::InstanceData;
use weft_vm::objects::int::IntData;
use weft_vm::objects::module::ModuleData;
use weft_vm::objects::set::SetData;
use weft_vm::objects::tuple::TupleData;
use weft_vm::objects::typeobj::TypeData;
use weft_vm::objects::weakref::WeakRefData;
use weft_vm::types::type_data;
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

/// The state of a live finalizer: (func, args tuple, kwargs dict or NULL).
type Info = (Value, Value, Value);

pub struct FinalizeData {
    /// The internal weak reference to the referent (its callback is this object).
    wr: Mutex<Value>,
    /// None once called or detached.
    info: Mutex<Option<Info>>,
    atexit: AtomicBool,
    /// Creation order.
    index: u64,
}
weft_vm::payload!(FinalizeData, "finalize", |this, t| {
    trace_value(*this.wr.lock(), t);
    if let Some((f, a, k)) = *this.info.lock() {
        trace_value(f, t);
        trace_value(a, t);
        trace_value(k, t);
    }
});

static NEXT_INDEX: AtomicU64 = AtomicU64::new(0);
/// A finalizer was created since the atexit loop last chose what to run.
static DIRTY: AtomicBool = AtomicBool::new(false);

const FUNCS: &[(&str, NativeFn)] = &[
    ("getweakrefcount", getweakrefcount),
    ("getweakrefs", getweakrefs),
    ("_remove_dead_weakref", remove_dead_weakref),
];

pub fn init(vm: &mut Vm) -> PyResult {
    let (m, d) = new_native_module(vm, "weakref", FUNCS)?;
    vm.push_root(m);
    let r = fill(vm, d);
    vm.pop_roots(1);
    r.map(|_| m)
}

fn fill(vm: &mut Vm, d: Value) -> PyResult<()> {
    let wt = vm.rt.types.weakref;
    let ft = vm.rt.types.finalize;
    // The types are shared by `weakref` and `_weakref`: set them up once.
    if type_data_new_missing(wt) {
        vm.set_new(wt, ref_new);
        vm.add_method(wt, "__init__", ref_init);
        vm.add_method(wt, "__call__", ref_call);
        vm.add_method(wt, "__repr__", ref_repr);
        vm.add_method(wt, "__hash__", ref_hash);
        vm.add_method(wt, "__eq__", ref_eq);
        vm.add_method(wt, "__ne__", ref_ne);
        add_property(vm, wt, "__callback__", ref_callback, None)?;
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
    set_item(vm, d, "finalize", ft)?;
    Ok(())
}

fn type_data_new_missing(t: Value) -> bool {
    t.downcast::<TypeData>().is_some_and(|td| td.new.is_none())
}

// ---------------------------------------------------------------- helpers

/// CPython's `tp_name` of `v`'s type, for messages.
fn tp_name(vm: &Vm, v: Value) -> String {
    if vm.type_of(v) == vm.rt.types.weakref {
        "weakref.ReferenceType".into()
    } else {
        vm.type_name(v)
    }
}

/// Can `obj` be weakly referenced? As CPython: not int, str, bytes, tuple, list, dict,
/// float, None, bool, `object()`, weakrefs, built-in exceptions, ...; yes for instances of
/// user classes, functions, methods, types, sets, modules, generators, code, finalize.
fn check_weakrefable(vm: &mut Vm, obj: Value) -> PyResult<()> {
    let ok = if let Some(inst) = obj.downcast::<InstanceData>() {
        // Subclasses of variable-size built-ins (int, bytes, tuple) have no weakref slot.
        let b = inst.base;
        let varsize = b.is_small_int()
            || b.is_bool()
            || b.is::<IntData>()
            || b.is::<BytesData>()
            || b.is::<TupleData>();
        vm.type_of(obj) != vm.rt.types.object && !varsize
    } else {
        obj.is::<FunctionData>()
            || obj.is::<TypeData>()
            || obj.is::<SetData>()
            || obj.is::<BoundMethod>()
            // Built-in exception instances have no weakref slot; user subclasses do.
            || obj.is::<ExcData>() && type_data(vm.type_of(obj)).is_user
            || obj.is::<ModuleData>()
            || obj.is::<BuiltinFn>()
            || obj.is::<CodeObj>()
            || obj.is::<GenData>()
            || obj.is::<FinalizeData>()
    };
    if ok {
        return Ok(());
    }
    let t = tp_name(vm, obj);
    Err(vm.type_error(format!("cannot create weak reference to '{t}' object")))
}

fn wr_of(v: &Value) -> Option<&WeakRefData> {
    unwrap_base::<WeakRefData>(v)
}

fn this_ref<'a>(vm: &mut Vm, args: &'a [Value], name: &str) -> PyResult<&'a WeakRefData> {
    match args.first().and_then(wr_of) {
        Some(w) => Ok(w),
        None => Err(vm.type_error(format!(
            "descriptor '{name}' requires a 'weakref.ReferenceType' object"
        ))),
    }
}

/// Allocate a weak reference of type `ty` to `obj` and register it with the collector.
fn make_ref(vm: &mut Vm, ty: Value, obj: Value, callback: Value) -> PyResult {
    let wr = vm.alloc(ty, WeakRefData::new(obj, callback))?;
    // Natives reach no safepoint between the allocation and here, so `obj` is alive.
    vm.rt.heap.register_weak(
        obj.as_gc().expect("heap referent"),
        wr.as_gc().expect("heap weakref"),
    );
    Ok(wr)
}

// ---------------------------------------------------------------- ref

/// `ref(obj[, callback])`.
fn ref_new(vm: &mut Vm, cls: Value, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "__new__", args, 1, 2)?;
    let obj = args[0];
    let callback = args
        .get(1)
        .copied()
        .filter(|c| !c.is_none())
        .unwrap_or(Value::NONE);
    check_weakrefable(vm, obj)?;
    let wt = vm.rt.types.weakref;
    if cls == wt && callback.is_none() {
        // CPython hands out the existing callback-less ref.
        for p in vm.rt.heap.weakrefs_of(obj.as_gc().unwrap()) {
            let w = Value::from_gc(p);
            if vm.type_of(w) == wt
                && let Some(d) = w.downcast::<WeakRefData>()
                && d.callback.is_none()
                && d.get() == obj
            {
                return Ok(w);
            }
        }
    }
    let w = make_ref(vm, wt, obj, callback)?;
    vm.push_root(w);
    let r = wrap_for_subclass(vm, cls, w);
    vm.pop_roots(1);
    r
}

/// Subclasses may call `super().__init__(obj, callback)`: nothing left to do.
fn ref_init(_vm: &mut Vm, _args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    Ok(Value::NONE)
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
    vm.push_root(obj);
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
    vm.pop_roots(1);
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
    vm.push_root(obj);
    let h = vm.hash(obj);
    vm.pop_roots(1);
    let h = h?;
    w.hash.store(h, Ordering::Relaxed);
    vm.new_int(h)
}

fn ref_compare(vm: &mut Vm, args: &[Value], op: CmpOp) -> PyResult {
    arg_count(vm, "__eq__", args, 2, 2)?;
    let (Some(a), Some(b)) = (wr_of(&args[0]), wr_of(&args[1])) else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let (x, y) = (a.get(), b.get());
    if x.is_null() || y.is_null() {
        let same = args[0] == args[1];
        return Ok(Value::bool(if op == CmpOp::Eq { same } else { !same }));
    }
    vm.push_root(x);
    vm.push_root(y);
    let r = vm.rich_compare(x, y, op);
    vm.pop_roots(2);
    r
}

fn ref_eq(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    ref_compare(vm, args, CmpOp::Eq)
}

fn ref_ne(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    ref_compare(vm, args, CmpOp::Ne)
}

// ---------------------------------------------------------------- module functions

/// The live weak references to `obj`, in CPython's order: callback-less refs first,
/// then the others newest first.
fn live_refs(vm: &Vm, obj: Value) -> Vec<Value> {
    let Some(p) = obj.as_gc() else {
        return Vec::new();
    };
    let all: Vec<Value> = vm
        .rt
        .heap
        .weakrefs_of(p)
        .into_iter()
        .map(Value::from_gc)
        .filter(|w| w.downcast::<WeakRefData>().is_some_and(|d| d.get() == obj))
        .collect();
    let basic = |w: &Value| {
        w.downcast::<WeakRefData>()
            .is_some_and(|d| d.callback.is_none() || d.callback.is_null())
    };
    let mut out: Vec<Value> = all.iter().copied().filter(basic).collect();
    out.extend(all.iter().rev().copied().filter(|w| !basic(w)));
    out
}

fn getweakrefcount(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "getweakrefcount", args, 1, 1)?;
    let n = live_refs(vm, args[0]).len();
    vm.new_int(n as i64)
}

fn getweakrefs(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "getweakrefs", args, 1, 1)?;
    let refs = live_refs(vm, args[0]);
    vm.new_list(refs)
}

/// `_remove_dead_weakref(dict, key)`: delete `dict[key]` if it is a dead weak reference.
fn remove_dead_weakref(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "_remove_dead_weakref", args, 2, 2)?;
    if !args[0].is::<DictData>() {
        let t = vm.type_name(args[0]);
        return Err(vm.type_error(format!(
            "_remove_dead_weakref() argument 1 must be dict, not {t}"
        )));
    }
    if let Some(v) = vm.dict_get(args[0], args[1])?
        && wr_of(&v).is_some_and(|w| w.get().is_null())
    {
        vm.dict_del(args[0], args[1])?;
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
    let base = vm.roots_len();
    let r = (|| {
        let rest = vm.new_tuple(args[2..].to_vec())?;
        vm.push_root(rest);
        let kwargs = if kw.is_empty() {
            Value::NULL
        } else {
            let d = vm.new_dict()?;
            vm.push_root(d);
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
        vm.push_root(inner);
        let fin = wrap_for_subclass(vm, cls, inner)?;
        vm.push_root(fin);
        let wt = vm.rt.types.weakref;
        let wr = make_ref(vm, wt, obj, fin)?;
        *inner.downcast::<FinalizeData>().unwrap().wr.lock() = wr;
        vm.rt.finalizers.lock().push(fin);
        DIRTY.store(true, Ordering::Relaxed);
        Ok(fin)
    })();
    vm.truncate_roots(base);
    r
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
    let base = vm.roots_len();
    vm.push_root(func);
    vm.push_root(rest);
    vm.push_root(kwargs);
    let pos = rest
        .downcast::<TupleData>()
        .map(|t| t.0.to_vec())
        .unwrap_or_default();
    let kws = if kwargs.is_null() {
        Vec::new()
    } else {
        vm.dict_items(kwargs)
    };
    let r = vm.call(func, &pos, &kws);
    vm.truncate_roots(base);
    r
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
    let base = vm.roots_len();
    for v in [obj, func, rest, kwargs] {
        vm.push_root(v);
    }
    let r = (|| {
        let kwargs = if kwargs.is_null() {
            vm.new_dict()?
        } else {
            kwargs
        };
        vm.new_tuple(vec![obj, func, rest, kwargs])
    })();
    vm.truncate_roots(base);
    r
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
        vm.push_root(t);
        let taken = finalize_take(vm, args[0], f);
        vm.pop_roots(1);
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

fn finalize_get_atexit(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let f = this_fin(vm, args, "atexit")?;
    Ok(Value::bool(f.atexit.load(Ordering::Relaxed)))
}

fn finalize_set_atexit(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let f = this_fin(vm, args, "atexit")?;
    arg_count(vm, "atexit", args, 2, 2)?;
    let b = vm.truthy(args[1])?;
    f.atexit.store(b, Ordering::Relaxed);
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
        vm.push_root(f);
        if let Err(e) = vm.call(f, &[], &[]) {
            vm.print_exception(e);
        }
        vm.pop_roots(1);
    }
    vm.rt.gc_enabled.store(was_enabled, Ordering::Relaxed);
}
