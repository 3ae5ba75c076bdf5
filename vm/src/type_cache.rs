//! The method cache: what `types::lookup_in_mro(t, name)` found, remembered per thread.
//!
//! Each thread (`Vm`) owns a small direct-mapped table of entries
//! `(type, name, version, value-or-NULL)`; NULL caches "not found". An entry is used only
//! when its `version` equals the global [`VERSION`] now. No entry is shared between
//! threads, so the table itself needs no atomics and no locks; only `VERSION` is shared.
//!
//! # The invariant
//! `VERSION` is bumped (a) after every write to a *watched* dict, i.e. the namespace of
//! any type (`DictLock::watch`, set when the type is made, before any other thread can
//! see it; a writer bumps in `DictGuard::drop`, after publishing its changes and before
//! releasing the dict's lock); (b) when a type is made; (c) at every collection, while the
//! world is stopped. The result of `lookup_in_mro(t, name)` depends only on the contents
//! of the dicts along `t`'s MRO (a type's `dict` and `mro_tail` never change), so:
//! - a lookup that fills an entry loads `VERSION` (Acquire) *before* reading the dicts and
//!   stores that value: if a class-dict write's bump was already visible, the lookup sees
//!   the write (the bump is a Release after it); if not, that bump makes the entry stale;
//! - so a class-dict write that happens-before a lookup (through any synchronisation,
//!   which on the writer's side comes after its bump) is seen by that lookup; a write
//!   racing with it may or may not be, as for a plain dict read;
//! - entries never outlive a collection (c), so the `type`, `name` and `value` words of
//!   a valid entry are objects that have not been freed since the entry was filled, and
//!   pointer equality identifies the same type and name object. Entries are therefore not
//!   roots; a stale entry is never dereferenced. Filling reads no safepoint between
//!   loading `VERSION` and storing the entry (dict reads by str key run no Python code).
//! - a type whose MRO has a dict that is not watched is looked up but not cached (no
//!   such type exists today; this keeps a new way of making types from going stale).
use crate::value::Value;
use std::sync::atomic::AtomicU64;
use std::sync::atomic::Ordering::{AcqRel, Acquire};

/// Bumped on every change that could alter a lookup's result (see the module doc).
/// Starts at 1: empty entries (version 0) never match.
static VERSION: AtomicU64 = AtomicU64::new(1);

/// Make every thread's cached lookups stale.
#[inline]
pub fn invalidate() {
    VERSION.fetch_add(1, AcqRel);
}

#[inline]
pub fn version() -> u64 {
    VERSION.load(Acquire)
}

const BITS: u32 = 11;

#[derive(Clone, Copy, Default)]
struct Entry {
    ty: Value,
    name: Value,
    version: u64,
    value: Value,
}

/// One thread's table.
pub struct TypeCache {
    entries: Box<[Entry]>,
}

impl Default for TypeCache {
    fn default() -> Self {
        TypeCache {
            entries: vec![Entry::default(); 1 << BITS].into_boxed_slice(),
        }
    }
}

#[inline]
fn slot(ty: Value, name: Value) -> usize {
    let h = (ty.raw() ^ name.raw().rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> (64 - BITS)) as usize
}

impl TypeCache {
    /// Some(value or NULL for "absent") when a valid entry exists; `version` is the
    /// caller's load of [`version`].
    #[inline]
    pub fn get(&self, ty: Value, name: Value, version: u64) -> Option<Value> {
        let e = &self.entries[slot(ty, name)];
        (e.version == version && e.ty == ty && e.name == name).then_some(e.value)
    }

    /// Remember a lookup made after loading `version`.
    #[inline]
    pub fn put(&mut self, ty: Value, name: Value, version: u64, value: Value) {
        self.entries[slot(ty, name)] = Entry {
            ty,
            name,
            version,
            value,
        };
    }
}

/// A collection happened: every cache entry is stale (called with the world stopped).
pub fn new_epoch() {
    invalidate();
}
