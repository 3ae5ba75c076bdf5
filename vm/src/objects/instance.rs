//! Instances of user classes (and of `object`), with their attributes inline.
//!
//! An instance is one heap object: the header, the type, this payload, then `cap`
//! value slots. Slot `i` holds the attribute named by the class's shared name `i`
//! (`objects::dict::shared_keys`), NULL when the instance has no such attribute. The instance
//! gets a real `__dict__` only when something asks for one (`obj.__dict__`, `vars`), or
//! when an attribute does not fit the slots; from then on the dict holds every
//! attribute and the slots are dead.
//!
//! Invariants (they let readers take no lock):
//! - `dict` goes from NULL to a dict once and is never NULL again (`obj.__dict__ = d`
//!   may replace it by another dict); it is published (Release) after the dict holds
//!   every inline attribute;
//! - while `dict` is NULL, the present slots are in insertion order: an instance adds
//!   a slot only above every present one, otherwise it switches to a dict (so the dict
//!   it gets lists attributes in CPython's order). Instances of a class with only
//!   `__slots__` (frozen shared keys) have no visible `__dict__` and skip this rule.
//!   Two threads adding different attributes to one instance at once may leave them in
//!   either order (the order check and the store are not one step): a racy program may
//!   see either order in `__dict__`, never a lost or torn value;
//! - storing into a slot (overwriting, or adding above the present ones) takes no lock:
//!   one store, then a check of `sealed` (`weft_core::seal`); the switch to a dict seals
//!   the instance and runs a heavy fence before it copies the slots, so either the
//!   switch copies the store or the writer sees the seal and redoes its write through
//!   the dict (proof in core/src/seal.rs, loom model in stress/tests/loom_slots.rs): no
//!   write is lost. A store is the same whether the slot held a value or NULL;
//! - delete and the switch itself hold the instance's `lock`; the critical sections run
//!   no Python code and reach no safepoint (DESIGN.md invariant 3). A lock-free store
//!   racing a delete of the same attribute may bring it back in its old position (the
//!   value is right for "delete, then set", the `__dict__` order is the old one);
//! - a reader loads `dict`, then (NULL) a slot, with no safepoint in between. After a
//!   switch the slots are never written again, so such a reader sees the value the slot
//!   had when the dict was made; the collector clears dead slots during a collection
//!   (no reader is between the two loads then), so they keep nothing alive.
use crate::object::{Obj, Payload, trace_value};
use crate::objects::dict::DictData;
use crate::objects::dict::shared_keys::{MAX_KEYS, SharedKeys};
use crate::objects::str::StrData;
use crate::trace::Trace;
use crate::types::type_data;
use crate::value::{AtomicValue, Value};
use crate::vm::{PyResult, Vm};
use parking_lot::lock_api::RawMutex as _;
use weft_gc::{GcPtr, GcVTable, Tracer};

#[repr(C)]
pub struct InstanceData {
    /// The instance `__dict__` once it has one (see the module doc), else NULL.
    dict: AtomicValue,
    /// For subclasses of built-in value types (`class L(list)`), the built-in value
    /// that holds the data; NULL otherwise.
    pub base: Value,
    /// Held by writers that add or delete a slot and by the switch to a dict.
    lock: parking_lot::RawMutex,
    /// Value slots after the payload.
    cap: u8,
    /// A switch to a dict has begun (`weft_core::seal`); never cleared.
    sealed: std::sync::atomic::AtomicBool,
}

/// Bytes of an instance before its value slots.
const FIXED: usize = std::mem::size_of::<Obj<InstanceData>>();
const _: () = assert!(FIXED.is_multiple_of(8));

static VTABLE: GcVTable = GcVTable {
    name: "instance",
    trace: trace_instance,
    drop: crate::object::drop_thunk::<InstanceData>,
    needs_drop: std::mem::needs_drop::<InstanceData>(),
};

impl Payload for InstanceData {
    fn vtable() -> &'static GcVTable {
        &VTABLE
    }
}

// SAFETY: the payload's own values; the slots after it are traced by `trace_instance`
// (the instance vtable's trace), which calls this too.
unsafe impl crate::trace::Trace for InstanceData {
    fn trace(&self, t: &mut Tracer) {
        trace_value(self.dict.load(), t);
        trace_value(self.base, t);
    }
}

/// The instance's trace: its type, base, and its dict or its live slots.
///
/// # Safety
/// `p` is a live instance (the collector calls this through the instance vtable only),
/// and the world is stopped.
unsafe fn trace_instance(p: GcPtr, t: &mut Tracer) {
    // SAFETY: caller's contract: p is an Obj<InstanceData> made by `alloc_instance`.
    let (ty, inst, slots) = unsafe { parts_of(p) };
    trace_value(ty, t);
    inst.trace(t);
    if inst.dict.load().is_null() {
        for s in slots {
            trace_value(s.load(), t);
        }
    } else {
        // Dead copies: clear them so they keep nothing alive (module doc).
        for s in slots {
            s.store(Value::NULL);
        }
    }
}

/// The type, payload and value slots of instance `p`.
///
/// # Safety
/// `p` is a live `Obj<InstanceData>` allocated by [`Vm::alloc_instance`] (so `cap`
/// slots follow the payload, inside the allocation).
unsafe fn parts_of<'a>(p: GcPtr) -> (Value, &'a InstanceData, &'a [AtomicValue]) {
    let o = p.as_ptr() as *const Obj<InstanceData>;
    // SAFETY: caller's contract; the slots are derived from the allocation's own
    // pointer, and are zeroed or written Values (AtomicValue has Value's layout).
    unsafe {
        let inst = &(*o).data;
        let slots = (p.as_ptr() as *const u8).add(FIXED) as *const AtomicValue;
        (
            (*o).ty,
            inst,
            std::slice::from_raw_parts(slots, inst.cap as usize),
        )
    }
}

/// The payload and value slots of `v`, if it is an instance.
pub fn instance_parts(v: &Value) -> Option<(&InstanceData, &[AtomicValue])> {
    let p = v.as_gc()?;
    if !std::ptr::eq(p.vtable(), &VTABLE) {
        return None;
    }
    // SAFETY: the vtable says p is an instance; every instance is made by
    // `alloc_instance`; `v` keeps it alive for the borrow (rooting discipline).
    let (_, inst, slots) = unsafe { parts_of(p) };
    Some((inst, slots))
}

/// Slots for a new instance of a class sharing `shared` names: room for all of them
/// (at least 4), rounded up to fill the last block.
fn capacity_for(shared: usize) -> usize {
    let per_block = weft_gc::BLOCK_SIZE / 8;
    let want = shared.max(4);
    let total = (FIXED / 8 + want).next_multiple_of(per_block);
    (total - FIXED / 8).min(MAX_KEYS)
}

/// What an inline attribute operation found.
pub enum Inline {
    /// Not answered from slots: the object is no instance, or the instance has a dict
    /// (made before or needed now). Use the dict route.
    Dict,
    /// Done (get: the value; set/delete: NULL).
    Done(Value),
    /// Get/delete: the instance has no such attribute.
    Absent,
}

/// The name's hash, when it can be shared (exact str names only).
fn name_hash(name: Value) -> Option<i64> {
    name.downcast::<StrData>().map(|s| s.hash())
}

impl InstanceData {
    fn guard(&self) -> Guard<'_> {
        self.lock.lock();
        Guard(self)
    }

    /// The dict, if the instance has one.
    pub fn dict(&self) -> Option<Value> {
        let d = self.dict.load();
        (!d.is_null()).then_some(d)
    }
}

/// The instance lock, released on drop.
struct Guard<'a>(&'a InstanceData);
impl Drop for Guard<'_> {
    fn drop(&mut self) {
        // SAFETY: a Guard exists only while this thread holds the lock (`guard`).
        unsafe { self.0.lock.unlock() };
    }
}

/// The shared names of instance `obj`'s class, borrowed for as long as `obj` is held
/// (the class lives as long as the instance: the instance traces it).
fn keys_of(obj: &Value) -> &SharedKeys {
    let cls = obj.heap_type().expect("instance");
    let keys: *const SharedKeys = &type_data(&cls).attr_keys;
    // SAFETY: the class is the instance's type: the instance's header refers to it and
    // the collector traces it from there, so it lives at least as long as `obj` is held.
    unsafe { &*keys }
}

/// `obj.name` from the slots of instance `obj`.
pub fn get(obj: Value, name: Value) -> Inline {
    let Some((inst, slots)) = instance_parts(&obj) else {
        return Inline::Dict;
    };
    if inst.dict().is_some() {
        return Inline::Dict;
    }
    let Some(hash) = name_hash(name) else {
        return Inline::Dict;
    };
    match keys_of(&obj).find(name, hash) {
        Some(i) if i < slots.len() => match slots[i].load() {
            v if v.is_null() => Inline::Absent,
            v => Inline::Done(v),
        },
        _ => Inline::Absent,
    }
}

/// `obj.name = v` into the slots; `Dict` when the instance needs (or has) a dict.
pub fn set(obj: Value, name: Value, v: Value) -> Inline {
    let Some((inst, slots)) = instance_parts(&obj) else {
        return Inline::Dict;
    };
    if inst.dict().is_some() {
        return Inline::Dict;
    }
    let Some(hash) = name_hash(name) else {
        return Inline::Dict;
    };
    let keys = keys_of(&obj);
    let i = match keys.find_or_add(name, hash) {
        Some(i) if i < slots.len() => i,
        _ => return Inline::Dict,
    };
    if store_slot(inst, slots, keys.is_frozen(), i, v) {
        Inline::Done(Value::NULL)
    } else {
        Inline::Dict
    }
}

/// Store `v` into slot `i` without a lock (module doc): an overwrite, or a new attribute
/// above every present one (below one, the order would be lost). False when nothing was
/// stored: the order rule, or a switch has begun (it may have copied the slot first);
/// the caller then writes through the dict.
#[inline]
fn store_slot(
    inst: &InstanceData,
    slots: &[AtomicValue],
    frozen: bool,
    i: usize,
    v: Value,
) -> bool {
    if slots[i].load().is_null() && !frozen && slots[i + 1..].iter().any(|s| !s.load().is_null()) {
        return false;
    }
    weft_core::seal::store_unless_sealed(slots[i].as_atomic(), v.raw(), &inst.sealed)
}

/// `del obj.name` from the slots.
pub fn delete(obj: Value, name: Value) -> Inline {
    let Some((inst, slots)) = instance_parts(&obj) else {
        return Inline::Dict;
    };
    let Some(hash) = name_hash(name) else {
        return Inline::Dict;
    };
    let found = keys_of(&obj).find(name, hash).filter(|&i| i < slots.len());
    let _g = inst.guard();
    if inst.dict().is_some() {
        return Inline::Dict;
    }
    match found {
        Some(i) if !slots[i].load().is_null() => {
            slots[i].store(Value::NULL);
            Inline::Done(Value::NULL)
        }
        _ => Inline::Absent,
    }
}

/// `obj.__dict__ = d` for instance `obj` and dict `d`: `d` is the namespace from now on.
pub(crate) fn replace_dict(obj: Value, d: Value) {
    let (inst, _) = instance_parts(&obj).expect("instance");
    let _g = inst.guard();
    inst.dict.store(d);
}

impl Vm {
    /// A new instance of `cls` with no attributes (and `base`, for subclasses of
    /// built-in value types), with slots for the names its class shares.
    pub fn alloc_instance(&mut self, cls: Value, base: Value) -> PyResult {
        // Instances of `object` itself take no attributes.
        let cap = if cls == self.rt.types.object {
            0
        } else {
            capacity_for(type_data(&cls).attr_keys.len())
        };
        let data = InstanceData {
            dict: AtomicValue::new(Value::NULL),
            base,
            lock: parking_lot::RawMutex::INIT,
            cap: cap as u8,
            sealed: Default::default(),
        };
        // The slots are the zeroed tail: all NULL.
        self.alloc_sized(cls, data, cap * std::mem::size_of::<AtomicValue>())
    }

    /// The `__dict__` of instance `obj`, made from its slots on first request.
    pub(crate) fn instance_dict(&mut self, obj: Value) -> PyResult<Value> {
        let (inst, _) = instance_parts(&obj).expect("instance");
        if let Some(d) = inst.dict() {
            return Ok(d);
        }
        // Allocated before the lock (allocation takes locks of its own); a thread that
        // switches first makes this one garbage.
        let fresh = self.new_dict()?;
        let (inst, slots) = instance_parts(&obj).expect("instance");
        let _g = inst.guard();
        if let Some(d) = inst.dict() {
            return Ok(d);
        }
        // Lock-free overwrites from here on see the seal or are seen by the copy.
        let others = self.rt.world.thread_count() > 1;
        weft_core::seal::seal(&inst.sealed, others);
        let keys = keys_of(&obj);
        let table = fresh.downcast::<DictData>().expect("dict");
        {
            let mut t = table.0.lock();
            for (i, s) in slots.iter().enumerate() {
                let v = s.load();
                if !v.is_null() {
                    let (k, h) = keys.entry(i);
                    t.insert_new(h, k, v);
                }
            }
        }
        inst.dict.store(fresh);
        Ok(fresh)
    }
}

impl Vm {
    /// The state pickling helpers (`__reduce__`) give: the `__dict__` of instance `v`
    /// when it has attributes, else None (also for non-instances).
    pub fn instance_state(&mut self, v: Value) -> PyResult {
        let Some((inst, slots)) = instance_parts(&v) else {
            return Ok(Value::NONE);
        };
        let empty = match inst.dict() {
            Some(d) => self.dict_len(d) == 0,
            None => slots.iter().all(|s| s.load().is_null()),
        };
        if empty {
            Ok(Value::NONE)
        } else {
            self.instance_dict(v)
        }
    }
}

// Helpers for the interpreter's attribute caches (`crate::interp::attr_cache`): each
// answers from the slots of an instance that has no dict, or says "not here".

/// The index of the shared name `name` (an exact str) in `obj`'s class, if `obj` is an
/// instance without a dict and its class shares the name.
pub fn slot_index(obj: Value, name: Value) -> Option<usize> {
    let (inst, _) = instance_parts(&obj)?;
    if inst.dict().is_some() {
        return None;
    }
    keys_of(&obj).find(name, name_hash(name)?)
}

/// How many names `obj`'s class shares, if `obj` is an instance without a dict.
#[inline]
pub fn shared_len(obj: Value) -> Option<usize> {
    let (inst, _) = instance_parts(&obj)?;
    if inst.dict().is_some() {
        return None;
    }
    Some(keys_of(&obj).len())
}

/// Slot `i` of instance `obj`, if it has no dict and the slot holds a value.
#[inline]
pub fn slot_get(obj: Value, i: usize) -> Option<Value> {
    let (inst, slots) = instance_parts(&obj)?;
    if inst.dict().is_some() {
        return None;
    }
    let v = slots.get(i)?.load();
    (!v.is_null()).then_some(v)
}

/// Store `v` into slot `i` of instance `obj` (the lock-free store of [`set`]); false
/// when nothing was stored.
#[inline]
pub fn slot_store(obj: Value, i: usize, v: Value) -> bool {
    let Some((inst, slots)) = instance_parts(&obj) else {
        return false;
    };
    if inst.dict().is_some() || i >= slots.len() {
        return false;
    }
    store_slot(inst, slots, keys_of(&obj).is_frozen(), i, v)
}
