//! The weak map: referent address → weak reference objects, plus the WTB bit.
//!
//! Invariants:
//! - the WTB bit of a block is set iff the map has a (non-empty) entry for the object
//!   starting there; both change only under the entry's shard lock;
//! - the map never keeps anything alive (it is not a root);
//! - after weak processing no entry names a dead referent, and no list holds a dead
//!   weak reference (DESIGN.md invariant 6).

use crate::chunk::Chunk;
use crate::header::GcPtr;
use crate::heap::Heap;
use crate::mark::is_marked;

impl Heap {
    /// The chunk (for its WTB bitmap) and block index of an object of this heap.
    fn wtb_of(&self, p: GcPtr) -> (&Chunk, usize) {
        // SAFETY: GcPtr invariant (a live object of this heap); the chunk lives as long
        // as the heap, which outlives the returned borrow.
        let c: &Chunk = unsafe { Chunk::of(p.addr()) };
        (c, c.block_of(p.addr()))
    }

    /// Set the referent's WTB bit (fetch_or, under the shard lock) and append `weakref`
    /// to its list.
    pub fn register_weak(&self, referent: GcPtr, weakref: GcPtr) {
        let key = referent.addr();
        self.weak.with_shard(&key, |m| {
            let (c, i) = self.wtb_of(referent);
            c.wtb.set(i);
            m.entry(key).or_default().push(weakref);
        });
    }

    /// Remove one `weakref` (the newest occurrence) from the referent's list; clear the
    /// WTB bit when the list empties.
    pub fn unregister_weak(&self, referent: GcPtr, weakref: GcPtr) {
        let key = referent.addr();
        self.weak.with_shard(&key, |m| {
            let Some(list) = m.get_mut(&key) else { return };
            if let Some(pos) = list.iter().rposition(|&w| w == weakref) {
                list.remove(pos);
            }
            if list.is_empty() {
                m.remove(&key);
                let (c, i) = self.wtb_of(referent);
                c.wtb.clear(i);
            }
        });
    }

    /// The current weak references to `referent`, oldest first.
    pub fn weakrefs_of(&self, referent: GcPtr) -> Vec<GcPtr> {
        let key = referent.addr();
        self.weak
            .with_shard(&key, |m| m.get(&key).cloned().unwrap_or_default())
    }

    /// The referent's WTB bit.
    pub fn has_weak(&self, referent: GcPtr) -> bool {
        let (c, i) = self.wtb_of(referent);
        c.wtb.get(i)
    }

    /// Number of referents in the weak map.
    pub fn weak_entries(&self) -> usize {
        self.weak.len()
    }

    /// Weak processing, after marking and before sweeping (world stopped). Returns the
    /// number of weak references cleared. For one referent, `on_cleared` is called
    /// newest weak reference first (CPython's callback order).
    pub(crate) fn process_weak(&self, on_cleared: &mut dyn FnMut(GcPtr)) -> usize {
        let mut cleared = 0;
        self.weak.for_each_shard(|m| {
            m.retain(|&addr, list| {
                // SAFETY: keys are addresses of objects that were live when registered and
                // have not been swept since (entries of dead referents are removed here,
                // before the sweep), so each key is a valid header.
                let referent = unsafe { GcPtr::from_raw(addr as *mut _) };
                let (c, i) = self.wtb_of(referent);
                // SAFETY: as above; list members are likewise unswept objects.
                if unsafe { is_marked(referent) } {
                    list.retain(|&w| unsafe { is_marked(w) });
                    if list.is_empty() {
                        c.wtb.clear(i);
                        return false;
                    }
                    return true;
                }
                c.wtb.clear(i);
                for &w in list.iter().rev() {
                    // SAFETY: as above.
                    if unsafe { is_marked(w) } {
                        cleared += 1;
                        on_cleared(w);
                    }
                }
                false
            })
        });
        cleared
    }
}
