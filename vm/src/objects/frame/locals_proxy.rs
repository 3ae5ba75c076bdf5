//! `frame.f_locals` of a function's frame (PEP 667): a `FrameLocalsProxy`, a mapping
//! that reads and writes the frame's variables themselves.
//!
//! # Where a key lives
//! - While the frame runs and is read on its own thread ([`FrameObj::live`]): a name of
//!   the code's variables is its slot (a fast local, or the cell of a cell or free
//!   variable, which a parameter captured by a closure reads too). Writing it changes
//!   the variable; an unbound variable is absent. Any other key (names the code does not
//!   have, non-str keys) lives in the frame object's `extra` dict, which every proxy of
//!   the frame shares.
//! - A generator's suspended frame (its `gi_frame`): the same, its slots read and
//!   written in the generator while it stays suspended (so a write is what the
//!   generator sees when resumed, as in CPython 3.13+).
//! - Once the frame has finished, the frame object's snapshot dict (which took the
//!   extras with it) holds every key; a frame running on another thread shows only its
//!   extras (its slots are that thread's).
//!
//! The proxy keeps no state besides its frame object, so `f_locals` may return a new
//! proxy on each read, as CPython's does. Removing a variable is refused, other keys
//! may be removed (CPython 3.14).
use super::FrameObj;
use crate::bytecode::CmpOp;
use crate::frame::Frame;
use crate::native;
use crate::objects::cell::CellData;
use crate::objects::dict::DictData;
use crate::payload;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// The proxy: the frame object (never NULL) whose variables it shows.
#[derive(crate::trace::Trace)]
pub struct FrameLocalsProxy {
    pub frame: Value,
}
payload!(FrameLocalsProxy, "FrameLocalsProxy");

/// A variable's storage in a running frame.
enum Slot<'a> {
    Fast(&'a mut Value),
    Cell(&'a CellData),
}

impl Slot<'_> {
    /// The variable's value (NULL: unbound).
    fn get(&self) -> Value {
        match self {
            Slot::Fast(v) => **v,
            Slot::Cell(c) => c.get(),
        }
    }

    fn set(&mut self, v: Value) {
        match self {
            Slot::Fast(s) => **s = v,
            Slot::Cell(c) => c.set(v),
        }
    }
}

/// The slot of variable `name` in frame `f` (cells first: a parameter that a closure
/// captures is read and written through its cell once the call has started).
fn slot_of<'a>(f: &'a Frame, name: &str) -> Option<Slot<'a>> {
    let c = &f.code_obj().code;
    let cells = f.cells();
    let cell_at = |i: usize| cells.get(i).and_then(|v| v.downcast::<CellData>());
    if let Some(i) = c.cellvars.iter().position(|n| n == name) {
        return cell_at(i).map(Slot::Cell);
    }
    if let Some(j) = c.freevars.iter().position(|n| n == name) {
        return cell_at(c.cellvars.len() + j).map(Slot::Cell);
    }
    let i = c.varnames.iter().position(|n| n == name)?;
    f.locals().get_mut(i).map(Slot::Fast)
}

/// The running frame's slot for `key`, if the frame is live here and `key` names one.
fn live_slot<'a>(vm: &Vm, fo: &'a FrameObj, key: Value) -> Option<Slot<'a>> {
    let f = fo.live(vm)?;
    slot_of(f, crate::helpers::as_str(&key)?)
}

/// `op` on the frame of the generator whose `gi_frame` `fo` is, while that generator
/// is suspended (`op` runs no Python code: the frame is claimed meanwhile).
fn with_suspended<R>(fo: &FrameObj, op: impl FnOnce(&Frame) -> R) -> Option<R> {
    let generator = fo.suspended.load();
    crate::objects::generator::gen_like(&generator)?.with_suspended(op)
}

/// `op` on the slot for `key` of the frame `fo` shows, live here or suspended in its
/// generator: None when neither, or when `key` names no variable.
fn with_slot<R>(vm: &Vm, fo: &FrameObj, key: Value, op: impl FnOnce(&mut Slot) -> R) -> Option<R> {
    if let Some(mut s) = live_slot(vm, fo, key) {
        return Some(op(&mut s));
    }
    let name = crate::helpers::as_str(&key)?;
    with_suspended(fo, |f| slot_of(f, name).map(|mut s| op(&mut s))).flatten()
}

/// Is `fo` a generator's frame that is suspended now (its slots readable)?
fn suspended_now(fo: &FrameObj) -> bool {
    with_suspended(fo, |_| ()).is_some()
}

/// The dict holding the keys that are not slots (NULL if there is none yet).
fn dict_part(vm: &Vm, fo: &FrameObj) -> Value {
    let snap = fo.locals.load();
    if fo.live(vm).is_none() && !snap.is_null() && !suspended_now(fo) {
        snap
    } else {
        fo.extra.load()
    }
}

/// [`dict_part`], made when missing (as the extras: a finished frame always has its
/// snapshot, unless allocating it failed).
fn dict_part_for_write(vm: &mut Vm, fo: &FrameObj) -> PyResult {
    let d = dict_part(vm, fo);
    if !d.is_null() {
        return Ok(d);
    }
    let d = vm.new_dict()?;
    fo.extra.store(d);
    Ok(d)
}

fn frame_of(p: &FrameLocalsProxy) -> &FrameObj {
    p.frame
        .downcast::<FrameObj>()
        .expect("FrameLocalsProxy over a frame")
}

/// `proxy[key]` without the KeyError: None when absent or unbound.
fn lookup(vm: &mut Vm, fo: &FrameObj, key: Value) -> PyResult<Option<Value>> {
    if let Some(v) = with_slot(vm, fo, key, |s| s.get()) {
        return Ok((!v.is_null()).then_some(v));
    }
    let d = dict_part(vm, fo);
    if d.is_null() {
        return Ok(None);
    }
    vm.dict_get(d, key)
}

/// `proxy[key] = v`.
fn store(vm: &mut Vm, fo: &FrameObj, key: Value, v: Value) -> PyResult<()> {
    if with_slot(vm, fo, key, |s| s.set(v)).is_some() {
        return Ok(());
    }
    let d = dict_part_for_write(vm, fo)?;
    vm.dict_set(d, key, v)
}

/// A new dict of every key and value, in CPython's order: the code's variables, then
/// the extras.
pub fn snapshot(vm: &mut Vm, fo: &FrameObj) -> PyResult {
    let d = match fo.live(vm) {
        Some(f) => crate::builtins_exec::frame_locals(vm, f)?,
        None => match with_suspended(fo, |f| crate::builtins_exec::frame_locals(vm, f)) {
            Some(d) => d?,
            None => vm.new_dict()?,
        },
    };
    let rest = dict_part(vm, fo);
    if !rest.is_null() {
        let mut s = vm.scope();
        s.root(d);
        let pairs = s.dict_items(rest);
        for &(k, _) in &pairs {
            s.root(k);
        }
        for (k, v) in pairs {
            s.root(v);
            s.dict_set(d, k, v)?;
        }
    }
    Ok(d)
}

/// `locals()` in frame `f`: [`crate::builtins_exec::frame_locals`], plus in a
/// function the keys written through its `f_locals` that are not its variables.
pub fn locals_with_extras(vm: &mut Vm, f: &Frame) -> PyResult {
    match f.frame_obj.get().downcast::<FrameObj>() {
        // (A generator's frame resumed on another thread has a frame object owned by
        // the first: it does not show this frame live, so read the slots directly.)
        Some(fo) if fo.ns.is_null() && fo.live(vm).is_some() => snapshot(vm, fo),
        _ => crate::builtins_exec::frame_locals(vm, f),
    }
}

/// `frame.f_locals` of the frame object `frame` (a function's frame).
pub fn new_proxy(vm: &mut Vm, frame: Value) -> PyResult {
    let t = vm.rt.types.frame_locals_proxy;
    vm.alloc(t, FrameLocalsProxy { frame })
}

/// A dict or another proxy's snapshot, for the operators that take either.
fn as_dict(vm: &mut Vm, v: Value) -> PyResult<Option<Value>> {
    if let Some(p) = v.downcast::<FrameLocalsProxy>() {
        return snapshot(vm, frame_of(p)).map(Some);
    }
    Ok(crate::helpers::unwrap_base::<DictData>(&v).map(|_| v))
}

#[native(new, name = "FrameLocalsProxy")]
fn proxy_new(vm: &mut Vm, cls: Value, #[varargs] args: &[Value]) -> PyResult {
    let _ = cls;
    let [frame] = args else {
        return Err(vm.type_error(format!(
            "FrameLocalsProxy expected 1 argument, got {}",
            args.len()
        )));
    };
    if !frame.is::<FrameObj>() {
        let tn = vm.type_name(*frame);
        return Err(vm.type_error(format!("expect frame, not {tn}")));
    }
    new_proxy(vm, *frame)
}

#[native(name = "__getitem__", style = slot)]
fn flp_getitem(vm: &mut Vm, this: &FrameLocalsProxy, key: Value) -> PyResult {
    match lookup(vm, frame_of(this), key)? {
        Some(v) => Ok(v),
        None => {
            let r = vm.repr(key)?;
            let msg = vm.new_str(&format!("local variable '{r}' is not defined"))?;
            Err(vm.key_error(msg))
        }
    }
}

#[native(name = "__setitem__", style = slot)]
fn flp_setitem(vm: &mut Vm, this: &FrameLocalsProxy, key: Value, v: Value) -> PyResult<()> {
    store(vm, frame_of(this), key, v)
}

#[native(name = "__delitem__", style = slot)]
fn flp_delitem(vm: &mut Vm, this: &FrameLocalsProxy, key: Value) -> PyResult<()> {
    // A variable stays (CPython 3.14's ValueError); a key written through the proxy
    // goes.
    let fo = frame_of(this);
    if with_slot(vm, fo, key, |_| ()).is_some() {
        return Err(vm.value_error("cannot remove local variables from FrameLocalsProxy"));
    }
    let d = dict_part(vm, fo);
    if d.is_null() || vm.dict_del(d, key)?.is_none() {
        return Err(vm.key_error(key));
    }
    Ok(())
}

#[native(name = "__contains__", style = slot)]
fn flp_contains(vm: &mut Vm, this: &FrameLocalsProxy, key: Value) -> PyResult<bool> {
    Ok(lookup(vm, frame_of(this), key)?.is_some())
}

#[native(name = "__len__", style = slot)]
fn flp_len(vm: &mut Vm, this: &FrameLocalsProxy) -> PyResult<i64> {
    let d = snapshot(vm, frame_of(this))?;
    Ok(vm.dict_len(d) as i64)
}

/// The keys, in order (a list).
fn key_list(vm: &mut Vm, this: &FrameLocalsProxy) -> PyResult {
    let d = snapshot(vm, frame_of(this))?;
    let keys = vm.dict_items(d).into_iter().map(|(k, _)| k).collect();
    vm.new_list(keys)
}

#[native(name = "__iter__", style = slot)]
fn flp_iter(vm: &mut Vm, this: &FrameLocalsProxy) -> PyResult {
    let l = key_list(vm, this)?;
    vm.iter(l)
}

#[native(name = "__reversed__")]
fn flp_reversed(vm: &mut Vm, this: &FrameLocalsProxy) -> PyResult {
    let mut s = vm.scope();
    let l = key_list(&mut s, this)?;
    s.root(l);
    let r = s.rt.types.reversed;
    s.call(r, &[l], &[])
}

#[native(name = "keys")]
fn flp_keys(vm: &mut Vm, this: &FrameLocalsProxy) -> PyResult {
    key_list(vm, this)
}

#[native(name = "values")]
fn flp_values(vm: &mut Vm, this: &FrameLocalsProxy) -> PyResult {
    let d = snapshot(vm, frame_of(this))?;
    let vals = vm.dict_items(d).into_iter().map(|(_, v)| v).collect();
    vm.new_list(vals)
}

#[native(name = "items")]
fn flp_items(vm: &mut Vm, this: &FrameLocalsProxy) -> PyResult {
    let mut s = vm.scope();
    let d = snapshot(&mut s, frame_of(this))?;
    s.root(d);
    let pairs = s.dict_items(d);
    let mut out = Vec::with_capacity(pairs.len());
    for (k, v) in pairs {
        let t = s.new_tuple(vec![k, v])?;
        out.push(s.root(t));
    }
    s.new_list(out)
}

#[native(name = "copy")]
fn flp_copy(vm: &mut Vm, this: &FrameLocalsProxy) -> PyResult {
    snapshot(vm, frame_of(this))
}

#[native(name = "get")]
fn flp_get(vm: &mut Vm, this: &FrameLocalsProxy, key: Value, default: Option<Value>) -> PyResult {
    Ok(lookup(vm, frame_of(this), key)?.unwrap_or(default.unwrap_or(Value::NONE)))
}

#[native(name = "setdefault")]
fn flp_setdefault(
    vm: &mut Vm,
    this: &FrameLocalsProxy,
    key: Value,
    default: Option<Value>,
) -> PyResult {
    let fo = frame_of(this);
    if let Some(v) = lookup(vm, fo, key)? {
        return Ok(v);
    }
    let v = default.unwrap_or(Value::NONE);
    store(vm, fo, key, v)?;
    Ok(v)
}

/// Every item of `src` (a dict or a proxy) written through `fo`.
fn update_from(vm: &mut Vm, fo: &FrameObj, src: Value) -> PyResult<bool> {
    let mut s = vm.scope();
    let Some(d) = as_dict(&mut s, src)? else {
        return Ok(false);
    };
    s.root(d);
    for (k, v) in s.dict_items(d) {
        store(&mut s, fo, k, v)?;
    }
    Ok(true)
}

#[native(name = "update")]
fn flp_update(vm: &mut Vm, this: &FrameLocalsProxy, other: Value) -> PyResult<()> {
    if update_from(vm, frame_of(this), other)? {
        return Ok(());
    }
    Err(vm.type_error("update() argument must be dict or another FrameLocalsProxy"))
}

#[native(name = "__or__", style = slot)]
fn flp_or(vm: &mut Vm, this: &FrameLocalsProxy, other: Value) -> PyResult {
    let mut s = vm.scope();
    let Some(o) = as_dict(&mut s, other)? else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    s.root(o);
    let d = snapshot(&mut s, frame_of(this))?;
    s.root(d);
    for (k, v) in s.dict_items(o) {
        s.dict_set(d, k, v)?;
    }
    Ok(d)
}

#[native(name = "__ror__", style = slot)]
fn flp_ror(vm: &mut Vm, this: &FrameLocalsProxy, other: Value) -> PyResult {
    let mut s = vm.scope();
    let Some(o) = as_dict(&mut s, other)? else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    s.root(o);
    let d = s.new_dict()?;
    s.root(d);
    let mine = snapshot(&mut s, frame_of(this))?;
    s.root(mine);
    for (k, v) in s.dict_items(o).into_iter().chain(s.dict_items(mine)) {
        s.dict_set(d, k, v)?;
    }
    Ok(d)
}

#[native(name = "__ior__", style = slot)]
fn flp_ior(vm: &mut Vm, this: Value, other: Value) -> PyResult {
    let p = this
        .downcast::<FrameLocalsProxy>()
        .expect("FrameLocalsProxy");
    if update_from(vm, frame_of(p), other)? {
        return Ok(this);
    }
    Ok(Value::NOT_IMPLEMENTED)
}

/// Equality compares the snapshot with the other mapping (a proxy by its snapshot).
fn compare(vm: &mut Vm, this: &FrameLocalsProxy, other: Value, op: CmpOp) -> PyResult {
    let mut s = vm.scope();
    let d = snapshot(&mut s, frame_of(this))?;
    s.root(d);
    let o = as_dict(&mut s, other)?.unwrap_or(other);
    s.root(o);
    s.rich_compare(d, o, op)
}

#[native(name = "__eq__", style = slot)]
fn flp_eq(vm: &mut Vm, this: &FrameLocalsProxy, other: Value) -> PyResult {
    compare(vm, this, other, CmpOp::Eq)
}

#[native(name = "__ne__", style = slot)]
fn flp_ne(vm: &mut Vm, this: &FrameLocalsProxy, other: Value) -> PyResult {
    compare(vm, this, other, CmpOp::Ne)
}

/// The snapshot's repr; a proxy met again inside its own repr shows `{...}`.
#[native(name = "__repr__", style = slot)]
fn flp_repr(vm: &mut Vm, this: Value) -> PyResult {
    let p = this
        .downcast::<FrameLocalsProxy>()
        .expect("FrameLocalsProxy");
    let text = crate::ops::containers::repr_guard(vm, this, |vm| {
        let mut s = vm.scope();
        let d = snapshot(&mut s, frame_of(p))?;
        s.root(d);
        s.repr(d)
    })?;
    vm.new_str(text.as_deref().unwrap_or("{...}"))
}

pub fn init(vm: &mut Vm) {
    let t = vm.rt.types.frame_locals_proxy;
    vm.set_new(t, proxy_new.f);
    vm.add_methods(
        t,
        &[
            flp_getitem,
            flp_setitem,
            flp_delitem,
            flp_contains,
            flp_len,
            flp_iter,
            flp_reversed,
            flp_keys,
            flp_values,
            flp_items,
            flp_copy,
            flp_get,
            flp_setdefault,
            flp_update,
            flp_or,
            flp_ror,
            flp_ior,
            flp_eq,
            flp_ne,
            flp_repr,
        ],
    );
    vm.add_attr(t, "__hash__", Value::NONE);
}
