//! Per-type version tags and the subclass registry.
//!
//! Every type carries a version (`TypeData::version`, a `u32`): 0 means "no valid
//! version", any other value was taken from one global counter and is never handed out
//! again, to this type or any other. Cached answers about a type (the method cache in
//! `crate::type_cache`, and inline caches built on [`type_version`]) are stamped with the
//! version they were computed under and are valid while the type still has it.
//!
//! # The invariant
//! A type's version is reset to 0 (`modified`) after every change that could alter an
//! attribute lookup on it: a write to its namespace dict or to the namespace of any type
//! along its MRO. A write to a watched dict (`DictLock::watch`, set when the type is
//! made) resets its owner and, through the registry below, every subclass, transitively;
//! the reset happens in `DictGuard::drop`, after the write is published and before the
//! dict's lock is released. (`__bases__` and `__mro__` cannot change in weft: `bases` and
//! `mro_tail` are immutable, so no other event changes a lookup's result.)
//!
//! A lookup that fills a cache entry first takes the type's current version, giving it
//! a fresh one if it has none ([`assign_version`], a compare-exchange from 0), and only
//! then reads the dicts; it stores the entry under that version. So:
//! - if a write's reset came before the version was taken, the taking synchronised with
//!   it (the compare-exchange reads the reset, or a later value assigned after it) and
//!   the lookup sees the write;
//! - if not, the reset comes later and the entry is stale from then on: the version
//!   it carries is never current again, since versions are never reused;
//! - a type that dies and whose address is reused by a new type cannot validate old
//!   entries either: the new type starts at 0 and gets a fresh number.
//!
//! Readers of a version do one Acquire load: no lock, no write to shared memory.
//!
//! A new type is registered in its bases' subclass lists right after it is allocated,
//! before anything can look it up or take its version, so a base's reset always reaches
//! it (a reset that walked the list earlier happens-before the registration, hence
//! before any lookup on the new type).
//!
//! # Subclass lists
//! `TypeData::subclasses` lists the direct subclasses: built-in types (never freed) as
//! themselves, user classes as a callback-less weak reference (`weakref.ref`, which the
//! list keeps alive but which does not keep the class alive, as CPython's
//! `tp_subclasses`). `type.__subclasses__()` reads it. A weak reference whose class died
//! is skipped, and dropped when the next subclass registers.
use crate::objects::typeobj::TypeData;
use crate::objects::weakref::WeakRefData;
use crate::types::type_data;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::sync::atomic::AtomicU32;
use std::sync::atomic::Ordering::{AcqRel, Acquire, Relaxed, Release};

/// The next version to hand out; `u32::MAX` once they ran out (types then stay at 0 and
/// their lookups are not cached, as CPython does).
static NEXT_VERSION: AtomicU32 = AtomicU32::new(1);

/// The version of type `t`: 0 = none (do not cache). One Acquire load.
#[inline]
pub fn type_version(t: Value) -> u32 {
    type_data(&t).version.load(Acquire)
}

/// The version of type `t`, giving it a fresh one if it has none; 0 only when versions
/// ran out. Take it *before* reading anything the cached answer depends on.
pub fn assign_version(t: Value) -> u32 {
    let td = type_data(&t);
    let v = td.version.load(Acquire);
    if v != 0 {
        return v;
    }
    let Ok(fresh) = NEXT_VERSION.fetch_update(Relaxed, Relaxed, |n| (n != u32::MAX).then(|| n + 1))
    else {
        return 0;
    };
    match td.version.compare_exchange(0, fresh, AcqRel, Acquire) {
        Ok(_) => fresh,
        // Another thread assigned one meanwhile (ours is never used: no reuse).
        Err(other) => other,
    }
}

/// Type `t`'s namespace (or a base's) changed: `t` and every subclass lose their
/// version. Runs no Python code and reaches no safepoint.
pub fn modified(t: Value) {
    let td = type_data(&t);
    td.version.store(0, Release);
    for sub in live_subclasses(td) {
        modified(sub);
    }
}

/// The direct subclasses of `td` still alive, in registration order.
fn live_subclasses(td: &TypeData) -> Vec<Value> {
    td.subclasses
        .lock()
        .iter()
        .filter_map(|&e| match e.downcast::<WeakRefData>() {
            Some(w) => Some(w.get()).filter(|c| !c.is_null()),
            None => Some(e),
        })
        .collect()
}

impl Vm {
    /// Register the new type `t` (just allocated, not yet looked up) in its bases'
    /// subclass lists and make its namespace a watched dict (see the module doc).
    pub fn register_new_type(&mut self, t: Value) -> PyResult<()> {
        let td = type_data(&t);
        let entry = if td.is_user {
            // One callback-less ref for all bases (`weakref.ref(cls)` hands it out again).
            let ty = self.rt.types.weakref;
            let w = self.alloc(ty, WeakRefData::new(t, Value::NONE))?;
            // Natives reach no safepoint between the allocation and here: `t` is alive.
            self.rt
                .heap
                .register_weak(t.as_gc().expect("heap type"), w.as_gc().expect("heap ref"));
            w
        } else {
            t
        };
        for &b in td.bases.iter() {
            add_subclass(type_data(&b), entry);
        }
        crate::objects::dict::ops::watch_type_dict(td.dict, t);
        Ok(())
    }
}

/// Append `entry` to `base`'s list, dropping the entries of classes that died.
pub(crate) fn add_subclass(base: &TypeData, entry: Value) {
    let mut l = base.subclasses.lock();
    l.retain(|e| {
        e.downcast::<WeakRefData>()
            .is_none_or(|w| !w.get().is_null())
    });
    l.push(entry);
}

/// `type.__subclasses__()`.
pub fn type_subclasses(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let td = crate::helpers::self_arg::<TypeData>(vm, args, "__subclasses__", "type")?;
    crate::helpers::arg_count(vm, "__subclasses__", &args[1..], 0, 0)?;
    let subs = live_subclasses(td);
    vm.new_list(subs)
}
