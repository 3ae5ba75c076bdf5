//! The method cache: what `types::lookup_in_mro(t, name)` found, remembered per thread.
//!
//! Each thread (`Vm`) owns a small direct-mapped table of entries
//! `(type, name, version, value-or-NULL)`; NULL caches "not found". An entry is used only
//! while `version` is the type's current version tag (`crate::type_version`). No entry
//! is shared between threads, so the table itself needs no atomics and no locks; the
//! only shared word a lookup reads is the type's version (one Acquire load).
//!
//! # The invariant
//! The result of `lookup_in_mro(t, name)` depends only on the contents of the dicts
//! along `t`'s MRO (a type's `dict` and `mro_tail` never change), and every write to one
//! of them resets the version of `t` (`crate::type_version`: the owner of the written
//! namespace and all its subclasses, after the write is published and before the dict's
//! lock is released). A lookup that fills an entry takes `t`'s version (assigning a
//! fresh one) before it reads the dicts, and versions are never reused, so:
//! - a class-dict write that happens-before a lookup is seen by that lookup (the version
//!   it validates against, or takes, comes after the write's reset); a write racing with
//!   it may or may not be, as for a plain dict read;
//! - an entry whose type died can never be validated by another type at the same
//!   address (the new type's versions are fresh numbers), so the `type` word of a valid
//!   entry is the same live type; a collection does not flush the cache;
//! - only *immortal* names are cached (interned or cached strs, never freed:
//!   `objects::str`), so the `name` word of an entry keeps naming the same text; and the
//!   `value` of a valid entry is still held by a dict along the MRO, hence alive.
//!   Entries are therefore not roots, and a stale entry is never dereferenced.
//! - a type whose MRO has a dict that is not watched is looked up but not cached (no
//!   such type exists today; this keeps a new way of making types from going stale).
use crate::value::Value;

const BITS: u32 = 11;

#[derive(Clone, Copy, Default)]
struct Entry {
    ty: Value,
    name: Value,
    /// 0 (never a valid version) in empty entries.
    version: u32,
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
    /// type's current version (`crate::type_version::type_version`, not 0).
    #[inline]
    pub fn get(&self, ty: Value, name: Value, version: u32) -> Option<Value> {
        let e = &self.entries[slot(ty, name)];
        (e.version == version && e.ty == ty && e.name == name).then_some(e.value)
    }

    /// Remember a lookup made after taking the type's `version` (not 0).
    #[inline]
    pub fn put(&mut self, ty: Value, name: Value, version: u32, value: Value) {
        self.entries[slot(ty, name)] = Entry {
            ty,
            name,
            version,
            value,
        };
    }
}
