//! The sweep: free every allocated, unmarked object and rebuild the free spans.
//!
//! Runs with the world stopped, after weak processing. Per chunk, independently (so
//! chunks can be swept in parallel): for each ATB head bit whose mark bit is clear, call
//! the vtable's `drop` exactly once, clear ATB/FTB/WTB, poison the memory in debug
//! builds; then clear every mark bit. The free spans are the maximal runs of blocks not
//! covered by a live object, so adjacent dead objects merge into one span.

use crate::chunk::{Chunk, Span};
use crate::header::{BLOCK_SIZE, GcHeader, GcPtr};

#[derive(Default, Debug)]
pub(crate) struct ChunkSweep {
    pub freed: usize,
    pub freed_bytes: usize,
    pub live_bytes: usize,
    pub spans: Vec<Span>,
    /// A large chunk whose object died: free the chunk.
    pub dead_large: bool,
}

/// Sweep one chunk. The world must be stopped and marking complete.
pub(crate) fn sweep_chunk(c: &Chunk) -> ChunkSweep {
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
            r.live_bytes += bytes;
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
            c.ftb.clear(h);
            c.wtb.clear(h);
            #[cfg(debug_assertions)]
            // SAFETY: the object's blocks are ours now (dead, dropped, ATB clear).
            unsafe {
                std::ptr::write_bytes(addr as *mut u8, 0xDB, bytes)
            };
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
    c.mark.clear_all();
    if c.is_large() {
        r.spans.clear();
        r.dead_large = r.live_bytes == 0;
    }
    r
}
