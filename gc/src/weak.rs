//! The weak map: referent address → weak reference objects, plus the WTB bit.
//!
//! Invariants:
//! - the WTB bit of a block is set iff the map has a (non-empty) entry for the object
//!   starting there; both change only under the entry's shard lock;
//! - the map never keeps anything alive (it is not a root);
//! - after weak processing no entry names a dead referent, and no list holds a dead
//!   weak reference (DESIGN.md invariant 6);
//! - with finalisers (see `heap` module doc, steps (b)–(d)): weak references to every
//!   referent unmarked after marking from the roots are cleared at (b), *before*
//!   finalisers resurrect anything, so a finalisable object's weak references are
//!   cleared by the collection that finds it unreachable; pruning of unmarked weak
//!   references waits until after (c), so one resurrected by a finaliser is not dropped
//!   from its referent's list (it would dangle when the referent dies later).

use crate::chunk::Chunk;
use crate::header::GcPtr;
use crate::heap::Heap;
use crate::mark::{is_marked, mark_all};
use crate::verify::Verifier;

/// What weak processing found in one shard: weak references to report (newest first
/// per referent) and, when finalisers run, unmarked ones that may be resurrected.
#[derive(Default)]
struct ShardOutcome {
    report: Vec<GcPtr>,
    pending: Vec<(GcPtr, GcPtr)>,
}

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

    /// Weak processing (step (b) of a collection), after marking from the roots and
    /// before finalisation and the sweep (world stopped).
    ///
    /// For every referent that is not marked: remove its entry, clear its WTB bit, and
    /// call `on_cleared` for each of its weak references that is marked, newest first
    /// (CPython's callback order); count those calls and the ones that returned true
    /// (a callback queued). Its unmarked weak references are dropped silently — unless
    /// `resurrection` (finalisers will run, step (c), and may resurrect them): then they
    /// are appended to `pending` as (referent, weakref), oldest first, for
    /// [`Heap::keep_resurrected_weakrefs`].
    ///
    /// For a marked referent: without `resurrection`, prune its unmarked weak references
    /// now; with it, leave the list alone ([`Heap::prune_weak`] does it after step (c),
    /// when the mark set is final). Returns (cleared, callbacks queued).
    pub(crate) fn process_weak(
        &self,
        on_cleared: &mut dyn FnMut(GcPtr) -> bool,
        resurrection: bool,
        pending: &mut Vec<(GcPtr, GcPtr)>,
        threads: usize,
    ) -> (usize, usize) {
        // Phase 1, in parallel by shard: take dead referents' entries and clear their
        // bits; collect what to report. Phase 2, here: report in shard order (the same
        // order for any number of threads), since the vm's hook is not Sync.
        let shards = self.weak.shard_count();
        let results: Vec<parking_lot::Mutex<ShardOutcome>> = (0..shards)
            .map(|_| parking_lot::Mutex::new(ShardOutcome::default()))
            .collect();
        let n = threads.clamp(1, shards);
        self.workers.broadcast(n, &|k| {
            for i in (k..shards).step_by(n) {
                *results[i].lock() = self.process_shard(i, resurrection);
            }
        });
        let (mut cleared, mut queued) = (0, 0);
        for r in results {
            let r = r.into_inner();
            for w in r.report {
                cleared += 1;
                if on_cleared(w) {
                    queued += 1;
                }
            }
            pending.extend(r.pending);
        }
        (cleared, queued)
    }

    /// Weak processing of one shard (see [`Heap::process_weak`]).
    fn process_shard(&self, shard: usize, resurrection: bool) -> ShardOutcome {
        let mut out = ShardOutcome::default();
        self.weak.with_shard_index(shard, |m| {
            m.retain(|&addr, list| {
                // SAFETY: keys are addresses of objects that were live when registered and
                // have not been swept since (entries of dead referents are removed here,
                // before the sweep), so each key is a valid header.
                let referent = unsafe { GcPtr::from_raw(addr as *mut _) };
                let (c, i) = self.wtb_of(referent);
                // SAFETY: as above; list members are likewise unswept objects.
                if unsafe { is_marked(referent) } {
                    if resurrection {
                        return true;
                    }
                    // SAFETY: as above.
                    list.retain(|&w| unsafe { is_marked(w) });
                    if list.is_empty() {
                        c.wtb.clear(i);
                        return false;
                    }
                    return true;
                }
                c.wtb.clear(i);
                // SAFETY: as above.
                out.report
                    .extend(list.iter().rev().filter(|&&w| unsafe { is_marked(w) }));
                if resurrection {
                    // SAFETY: as above.
                    out.pending.extend(
                        list.iter()
                            .filter(|&&w| !unsafe { is_marked(w) })
                            .map(|&w| (referent, w)),
                    );
                }
                false
            })
        });
        out
    }

    /// After finalisation (step (c)): a weak reference that was unmarked when its
    /// referent's entry was removed in step (b), but is marked now (resurrected by a
    /// finaliser's closure), still points at its referent and was never cleared. It must
    /// not dangle: its referent (and the referent's closure) is kept alive for this
    /// collection too, and the weak reference is registered again. This repeats until no
    /// new referent is kept. Returns the number of objects marked.
    pub(crate) fn keep_resurrected_weakrefs(
        &self,
        pending: &[(GcPtr, GcPtr)],
        threads: usize,
        verify: Option<&Verifier>,
    ) -> usize {
        let mut marked = 0;
        loop {
            // SAFETY (both calls): pending holds unswept objects (see process_weak).
            let keep: Vec<GcPtr> = pending
                .iter()
                .filter(|&&(r, w)| unsafe { is_marked(w) && !is_marked(r) })
                .map(|&(r, _)| r)
                .collect();
            if keep.is_empty() {
                break;
            }
            marked += mark_all(
                &mut |t| keep.iter().for_each(|&r| t.mark(r)),
                threads,
                verify,
                &self.workers,
            );
        }
        for &(r, w) in pending {
            // SAFETY: as above.
            if unsafe { is_marked(w) } {
                self.register_weak(r, w);
            }
        }
        marked
    }

    /// Step (d): once the mark set is final, drop unmarked weak references from the
    /// lists of the (marked) referents left in the map, and the entries that empty. A
    /// weak reference resurrected by step (c) is marked by now and stays registered.
    pub(crate) fn prune_weak(&self) {
        self.weak.for_each_shard(|m| {
            m.retain(|&addr, list| {
                // SAFETY: as in process_weak: keys and list members are unswept objects.
                let referent = unsafe { GcPtr::from_raw(addr as *mut _) };
                let (c, i) = self.wtb_of(referent);
                // SAFETY: as above. (Every key left is marked: unmarked referents were
                // removed by process_weak, re-registered ones were marked first; an
                // unmarked one would be dropped here like a dead referent, silently.)
                let live = unsafe { is_marked(referent) };
                // SAFETY: as above.
                list.retain(|&w| live && unsafe { is_marked(w) });
                if list.is_empty() {
                    c.wtb.clear(i);
                    return false;
                }
                true
            })
        });
    }
}
