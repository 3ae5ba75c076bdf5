//! The sweep: free every allocated, unmarked object and rebuild the free spans.
//!
//! Runs with the world stopped, after weak processing. Per chunk, independently (so
//! chunks can be swept in parallel): for each ATB head bit whose mark bit is clear, call
//! the vtable's `drop` exactly once, clear ATB/FTB/WTB, and poison the object's blocks
//! (fill them with `verify::POISON` after the drop) when the verifier is on or in debug
//! builds; then clear every mark bit. The free spans are the maximal runs of blocks not
//! covered by a live object, so adjacent dead objects merge into one span.
//!
//! Invariant kept for the verifier's allocation check: with the verifier on, every free
//! block of a normal chunk holds the poison pattern once a sweep has run with
//! `poison_spans` (which fills every free span, not only the blocks freed now).

use crate::chunk::{Chunk, Span};
use crate::header::{BLOCK_SIZE, GcHeader, GcPtr};
use crate::verify::POISON;

#[derive(Default, Debug)]
pub(crate) struct ChunkSweep {
    pub freed: usize,
    pub freed_bytes: usize,
    pub live_bytes: usize,
    pub spans: Vec<Span>,
    /// A large chunk whose object died: free the chunk.
    pub dead_large: bool,
}

/// Sweep one chunk. The world must be stopped and marking complete. `poison`: fill freed
/// objects with the poison byte; `poison_spans`: fill every free span of a normal chunk.
pub(crate) fn sweep_chunk(c: &Chunk, poison: bool, poison_spans: bool) -> ChunkSweep {
    let mut r = ChunkSweep::default();
    let mut free_start = 1;
    let mut from = 1;
    while let Some(h) = c.atb.next_set(from) {
        let addr = c.addr_of(h);
        // SAFETY: an ATB head bit marks a fully written object header (alloc sets the bit
        // last), not yet freed.
        let p = unsafe { GcPtr::from_raw(addr as *mut GcHeader) };
        let blocks = p.blocks() as usize;
        let bytes = blocks * BLOCK_SIZE;
        if c.mark.get(h) {
            if h > free_start {
                r.spans.push(Span {
                    start: c.addr_of(free_start),
                    end: addr,
                });
            }
            free_start = h + blocks;
        } else {
            // SAFETY: the object is dead (unmarked at the end of marking), so nothing will
            // use it again; drop is called once because its ATB bit is cleared right after.
            unsafe { (p.vtable().drop)(p) };
            c.atb.clear(h);
            // Few objects have a finaliser or weak references: a load is much cheaper
            // than a locked read-modify-write (the world is stopped, nobody else writes
            // these bits now).
            if c.ftb.get(h) {
                c.ftb.clear(h);
            }
            if c.wtb.get(h) {
                c.wtb.clear(h);
            }
            if poison {
                // SAFETY: the object's blocks are ours now (dead, dropped, ATB clear).
                unsafe { std::ptr::write_bytes(addr as *mut u8, POISON, bytes) };
            }
            r.freed += 1;
            r.freed_bytes += bytes;
        }
        from = h + blocks;
    }
    if free_start < c.nblocks() {
        r.spans.push(Span {
            start: c.addr_of(free_start),
            end: c.end(),
        });
    }
    // Every block of the object area is either in a live object or in a free span.
    r.live_bytes = c.usable_bytes() - r.spans.iter().map(Span::len_bytes).sum::<usize>();
    c.mark.clear_all();
    if c.is_large() {
        r.spans.clear();
        r.dead_large = r.live_bytes == 0;
    } else if poison_spans {
        for s in &r.spans {
            // SAFETY: a span holds only free blocks of this chunk (no live object, not
            // handed to any LocalAlloc: the collection starts a new allocation epoch).
            unsafe { std::ptr::write_bytes(s.start as *mut u8, POISON, s.len_bytes()) };
        }
    }
    r
}
