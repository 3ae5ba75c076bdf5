//! The sweep: free every allocated, unmarked object and rebuild the free spans.
//!
//! Runs with the world stopped, after weak processing. Per chunk, independently (so
//! chunks can be swept in parallel):
//! 1. the free runs are computed from the side tables alone (`spans` module: ATB, mark
//!    and the end table), so a live object costs no header read: for a mostly-live heap
//!    the sweep reads about 3 bits per block instead of every object's header line;
//! 2. each dead head (ATB set, mark clear, found a word at a time) has its header read:
//!    the vtable's `drop` runs exactly once (unless the vtable says `needs_drop: false`),
//!    its end bit goes, its FTB/WTB bits go if set, and its blocks are poisoned (filled
//!    with `verify::POISON` after the drop) when the verifier is on or in debug builds;
//!    then the dead heads leave ATB with one `fetch_and` per word;
//! 3. the block before every free run (the end of a live object) gets its end bit (the
//!    end-table invariant of the `ends` module, for the next collection);
//! 4. every mark bit is cleared.
//!
//! The free runs are the maximal runs of blocks not covered by a live object, so
//! adjacent dead objects merge into one span.
//!
//! Invariant kept for the verifier's allocation check: with the verifier on, every free
//! block of a normal chunk holds the poison pattern once a sweep has run with
//! `poison_spans` (which fills every free span, not only the blocks freed now).

use crate::chunk::{Chunk, Span};
use crate::header::{BLOCK_SIZE, GcHeader, GcPtr};
use crate::spans::Tables;
use crate::verify::POISON;
use weft_core::AtomicBitmap;

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
    let tables = Tables {
        atb: &c.atb,
        mark: &c.mark,
        etb: &c.etb,
    };
    // Before any dead head leaves ATB: the tables describe the heap as marked.
    tables.for_each_free_run(|run| {
        r.spans.push(Span {
            start: c.addr_of(run.start),
            end: c.addr_of(run.end),
        })
    });
    free_dead(c, &tables, poison, &mut r);
    end_live_before_spans(c, &r.spans);
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

/// Drop, unmark and (with `poison`) poison every dead object of the chunk; count them.
fn free_dead(c: &Chunk, tables: &Tables<'_>, poison: bool, r: &mut ChunkSweep) {
    // End bits of dead objects (ascending: objects do not overlap).
    let mut ends = WordBatch::new(&c.etb, false);
    for w in 0..c.atb.word_count() {
        let dead = c.atb.word(w) & !c.mark.word(w);
        if dead == 0 {
            continue;
        }
        let mut bits = dead;
        while bits != 0 {
            let h = w * 64 + bits.trailing_zeros() as usize;
            bits &= bits - 1;
            let blocks = free_object(c, tables, h, poison);
            ends.add(h + blocks - 1);
            r.freed += 1;
            r.freed_bytes += blocks * BLOCK_SIZE;
        }
        c.atb.and_word(w, !dead);
    }
    ends.flush();
}

/// Free the dead object whose head is block `h` (its ATB and end bits are cleared by
/// the caller); returns its size in blocks.
fn free_object(c: &Chunk, tables: &Tables<'_>, h: usize, poison: bool) -> usize {
    let addr = c.addr_of(h);
    // SAFETY: an ATB head bit marks a fully written object header (alloc sets the bit
    // last), not yet freed: its ATB bit is cleared only after this returns.
    let p = unsafe { GcPtr::from_raw(addr as *mut GcHeader) };
    let blocks = p.blocks() as usize;
    debug_assert_eq!(tables.object_end(h), h + blocks, "end table out of date");
    let vt = p.vtable();
    if vt.needs_drop {
        // SAFETY: the object is dead (unmarked at the end of marking), so nothing will
        // use it again; drop is called once because its ATB bit is cleared right after.
        unsafe { (vt.drop)(p) };
    }
    // Few objects have a finaliser or weak references: a load is much cheaper than a
    // locked read-modify-write (the world is stopped, nobody else writes these bits now).
    if c.ftb.get(h) {
        c.ftb.clear(h);
    }
    if c.wtb.get(h) {
        c.wtb.clear(h);
    }
    if poison {
        // SAFETY: the object's blocks are ours now (dead, dropped, about to leave ATB).
        unsafe { std::ptr::write_bytes(addr as *mut u8, POISON, blocks * BLOCK_SIZE) };
    }
    blocks
}

/// Set the end bit of the live object just before each free span (all but a span that
/// starts the object area): it is now followed by free blocks (`ends` module invariant).
fn end_live_before_spans(c: &Chunk, spans: &[Span]) {
    let mut ends = WordBatch::new(&c.etb, true);
    for s in spans {
        let b = c.block_of(s.start);
        if b > 1 {
            ends.add(b - 1);
        }
    }
    ends.flush();
}

/// Bits to set (or clear) in a bitmap, added in ascending order and written a word at
/// a time: one atomic read-modify-write per word instead of one per bit. World stopped.
struct WordBatch<'a> {
    map: &'a AtomicBitmap,
    set: bool,
    w: usize,
    bits: u64,
}

impl<'a> WordBatch<'a> {
    fn new(map: &'a AtomicBitmap, set: bool) -> Self {
        WordBatch {
            map,
            set,
            w: 0,
            bits: 0,
        }
    }

    #[inline]
    fn add(&mut self, i: usize) {
        let w = i / 64;
        debug_assert!(w >= self.w, "WordBatch indices must ascend");
        if w != self.w {
            self.flush();
            self.w = w;
        }
        self.bits |= 1 << (i % 64);
    }

    fn flush(&mut self) {
        if self.bits == 0 {
            return;
        }
        if self.set {
            self.map.or_word(self.w, self.bits);
        } else {
            self.map.and_word(self.w, !self.bits);
        }
        self.bits = 0;
    }
}
