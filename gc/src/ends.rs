//! The end table (ETB): one bit per block on the last block of allocated objects.
//!
//! Invariant (holds from the start of every collection's first step to its end, which
//! is all the sweep and the verifier need):
//! - an ETB bit is set only on the last block of an allocated object;
//! - every allocated object followed by a free block (not by another object's head, nor
//!   by the chunk end) has its ETB bit set.
//!
//! So an object ends where the next segment starts (`spans` module), and the sweep
//! computes free runs from ATB, mark and ETB without reading live objects' headers.
//!
//! Why the bit is not set by every `Heap::alloc` (the simplest way to keep a full end
//! table): the allocation fast path would pay a locked read-modify-write, which costs
//! as much as the rest of a small allocation (it has none: ATB heads too are published
//! a word at a time, `alloc` module). Instead:
//! - a thread allocates from a span of free blocks bump-wise, so the objects it puts in
//!   a span are packed from the span's start: every one of them but the last is
//!   followed by the next one's head and needs no bit;
//! - a `LocalAlloc` leaving its span (a refill in `Heap::alloc_slow`, or `retire`)
//!   sets the end bit of the last object it put there (at its cursor, no header read):
//!   one `fetch_or` per refill, off the fast path;
//! - the span a buffer still holds at a collection (it may never be retired: a parked
//!   thread's) has its run in the pool's `handed_out` list (one `HeadRun` per buffer
//!   per epoch, registered under the pool lock `alloc_slow` holds anyway). The
//!   collection, first thing, *closes* each run: it walks the headers of the packed
//!   objects whose heads may not be in ATB yet, from the run's start to its cursor,
//!   sets their heads (the ATB invariant of the `alloc` module), and sets the end bit
//!   of the last one (the block before the cursor: no header read). A run whose span
//!   its buffer left was published and closed by the buffer (or is empty, after
//!   `retire`); closing it again sets the same bits, which is harmless;
//! - the sweep keeps the invariant for the next collection: it clears the end bit of
//!   every object it frees and sets one before every free run it leaves (that block is
//!   the end of a live object now followed by free blocks);
//! - a large object fills its chunk: it is followed by nothing and needs no bit.
//!
//! An extra bit on an object followed by another head is harmless: the next segment
//! starts there either way.

use crate::chunk::Chunk;
use crate::header::{BLOCK_SIZE, GcHeader, GcPtr};
use crate::heap::Heap;
use std::ops::Range;

impl Heap {
    /// Publish the heads of every run a `LocalAlloc` holds and set the end bit of its
    /// last object (module doc). World stopped, before anything reads ATB or ETB; the
    /// runs are forgotten (the collection starts a new epoch, so the buffers drop their
    /// spans).
    pub(crate) fn close_alloc_runs(&self) {
        let runs = std::mem::take(&mut self.pool.lock().handed_out);
        for r in runs {
            close_run(r.pending());
        }
    }

    /// `close_alloc_runs` without forgetting the runs, for a heap walk outside a
    /// collection (world stopped, or the heap going away): closing again is harmless.
    pub(crate) fn publish_alloc_runs(&self) {
        for r in self.pool.lock().handed_out.iter() {
            close_run(r.pending());
        }
    }
}

/// Set the end bit of the block at `addr` (the last block of an object).
pub(crate) fn set_end(addr: usize) {
    // SAFETY: `addr` is a block of an allocated object in a normal chunk of a live heap
    // (the caller's span), so masking it finds the chunk record (chunk module doc).
    let c = unsafe { Chunk::of(addr) };
    let i = c.block_of(addr);
    if !c.etb.get(i) {
        c.etb.set(i);
    }
}

/// Calls `f` with every object packed in `run` (addresses of a run's pending objects,
/// `HeadRun::pending`), in address order.
pub(crate) fn walk_run(run: Range<usize>, mut f: impl FnMut(GcPtr)) {
    let mut at = run.start;
    while at < run.end {
        // SAFETY: the objects of a run are packed from its start and fully written
        // below its cursor (`weft_core::heads` invariants); the caller holds the pool
        // lock or has stopped the world, so the run keeps its span, and nothing is
        // swept meanwhile.
        let p = unsafe { GcPtr::from_raw(at as *mut GcHeader) };
        f(p);
        at += p.blocks() as usize * BLOCK_SIZE;
    }
}

/// Put the heads of the objects of `run` into ATB (one `fetch_or` per word) and set
/// the end bit of its last object.
fn close_run(run: Range<usize>) {
    if run.is_empty() {
        return;
    }
    // SAFETY: a run lies in the object area of a normal chunk of this heap (alloc
    // module invariant), which is not freed while the heap lives (only dead large
    // chunks are); so masking its start finds the chunk record (chunk module doc).
    let c = unsafe { Chunk::of(run.start) };
    let (mut w, mut bits) = (usize::MAX, 0u64);
    walk_run(run.clone(), |p| {
        let i = c.block_of(p.addr());
        if i / 64 != w {
            if bits != 0 {
                c.atb.or_word(w, bits);
            }
            (w, bits) = (i / 64, 0);
        }
        bits |= 1 << (i % 64);
    });
    if bits != 0 {
        c.atb.or_word(w, bits);
    }
    set_end(run.end - BLOCK_SIZE);
}
