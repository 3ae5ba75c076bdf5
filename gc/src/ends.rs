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
//! table): the allocation fast path would pay a second locked read-modify-write beside
//! the ATB `fetch_or`, which costs as much as the rest of a small allocation. Instead:
//! - a thread allocates from a span of free blocks bump-wise, so the objects it puts in
//!   a span are packed from the span's start: every one of them but the last is
//!   followed by the next one's head and needs no bit;
//! - a `LocalAlloc` leaving its span (a refill in `Heap::alloc_slow`, or `retire`)
//!   sets the end bit of the last object it put there (at its cursor, no header read):
//!   one `fetch_or` per refill, off the fast path;
//! - the span a buffer still holds at a collection (it may never be retired: a parked
//!   thread's) is recorded in the pool's `handed_out` list, one slot per buffer per
//!   epoch, written under the pool lock `alloc_slow` holds anyway. The collection, first
//!   thing, *closes* each recorded span: it finds the highest head in the span (a
//!   backwards bitmap search), reads that one header and sets the bit on the object's
//!   last block. (A span given back by `retire` and taken by another thread is recorded
//!   in that thread's slot too; closing both finds the same last object, or a later
//!   one: a bit on an object followed by a head is harmless.)
//! - the sweep keeps the invariant for the next collection: it clears the end bit of
//!   every object it frees and sets one before every free run it leaves (that block is
//!   the end of a live object now followed by free blocks);
//! - a large object fills its chunk: it is followed by nothing and needs no bit.
//!
//! An extra bit on an object followed by another head is harmless: the next segment
//! starts there either way.

use crate::chunk::{Chunk, Span};
use crate::header::{BLOCK_SIZE, GcHeader, GcPtr};
use crate::heap::Heap;

impl Heap {
    /// Set the end bit of the last object of the span each `LocalAlloc` held at this
    /// collection (module doc). World stopped; called before anything reads ETB.
    pub(crate) fn close_alloc_runs(&self) {
        let spans = std::mem::take(&mut self.pool.lock().handed_out);
        for s in spans {
            close_run(s);
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

/// Set the end bit of the highest object allocated in `s`, if any.
fn close_run(s: Span) {
    // SAFETY: a handed-out span lies in the object area of a normal chunk of this heap
    // (alloc module invariant), which is not freed while the heap lives (only dead large
    // chunks are); so masking its start finds the chunk record (chunk module doc).
    let c = unsafe { Chunk::of(s.start) };
    let first = c.block_of(s.start);
    let last = first + s.len_bytes() / BLOCK_SIZE;
    let Some(h) = c.atb.last_set_in(first..last) else {
        return;
    };
    // SAFETY: an ATB head bit marks a fully written, unfreed header (no sweep since the
    // span was handed out: the collection has not swept yet).
    let p = unsafe { GcPtr::from_raw(c.addr_of(h) as *mut GcHeader) };
    set_end(c.addr_of(h + p.blocks() as usize - 1));
}
