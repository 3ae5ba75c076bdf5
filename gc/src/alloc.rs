//! Allocation: per-thread bump spans over a global pool of free spans.
//!
//! Invariants:
//! - a span `[cursor, end)` held by a `LocalAlloc` belongs to that thread alone: no other
//!   thread allocates from it and it is in no pool, so the fast path takes no lock;
//! - every span lies inside one normal chunk and holds only free blocks (ATB clear);
//! - a span is valid only for the heap epoch it was taken in. A collection rebuilds the
//!   pool from the side tables (un-retired spans included) and starts a new epoch, so a
//!   `LocalAlloc` that was not retired drops its stale span instead of double-allocating;
//! - an object is fully written (header, zeroed payload) before its ATB bit is set;
//! - ATB heads are published lazily, without a locked instruction per object
//!   (`weft_core::heads` states the protocol): the fast path writes the object, ORs its
//!   head into the buffer's private `heads` word and stores the cursor into its
//!   `HeadRun` (a plain store). When an object starts in a new ATB word (every 64
//!   blocks), the previous word goes to ATB (a plain store when the span owns the whole
//!   word, else one `fetch_or`) and the run restarts there. So at any moment the heads
//!   missing from ATB are exactly those of the objects in some buffer's run
//!   `[start, cursor)`: packed, fully written, at most one ATB word of heads per buffer.
//!   Leaving a span (refill, `retire`) publishes its last word; a collection publishes
//!   every run still held, first thing, by walking its headers (`ends` module), so the
//!   marker, weak processing, the sweep and the verifier see an exact ATB.
//!   `Heap::contains` (the one reader outside a collection) reads the runs, then ATB;
//!   `Heap::for_each_object` publishes the runs first;
//! - a large object (its own chunk) sets its ATB bit at once (one `fetch_or`, rare);
//! - the free-span pool ([`SpanPool`]) is bucketed by size class (floor(log2(blocks)));
//!   a refill takes the newest span of the largest non-empty class, lowest address
//!   first within a class after a sweep: O(1), no scan, except when the request is
//!   larger than the lower bound of the largest class (then that one class is searched;
//!   if nothing fits a new chunk comes, whose span is larger than any request). Taking
//!   the largest span first makes refills rare; small holes are used once the large
//!   spans are gone (the heap only grows when no span fits);
//! - the fast path sets no table bit; the end bit of the last object of a span (`ends`
//!   module) is set when its `LocalAlloc` leaves the span (refill, retire), or by the
//!   next collection for the span it still holds (`SpanPool::handed_out`, one run per
//!   buffer per epoch);
//! - verifier: while `Heap::poisoned` is set, every free block of every normal chunk
//!   holds `verify::POISON`, so `alloc` checks the blocks it hands out (a mismatch is a
//!   write after free). New normal chunks are poisoned when the verifier is on.

use crate::chunk::{Chunk, ChunkRef, MAX_NORMAL_BLOCKS, Span};
use crate::header::{BLOCK_SIZE, GcHeader, GcPtr, GcVTable};
use crate::heap::Heap;
use std::sync::Arc;
use std::sync::atomic::Ordering::Relaxed;
use weft_core::HeadRun;
use weft_core::heads::publish_heads;

/// Bytes of heap one ATB word covers (64 blocks).
const WORD_BYTES: usize = 64 * BLOCK_SIZE;

/// A thread's private allocation buffer (a span of free blocks it bump-allocates from).
#[derive(Debug, Default)]
pub struct LocalAlloc {
    cursor: usize,
    end: usize,
    /// Where the current span began (its blocks `[start, end)` are this buffer's alone).
    start: usize,
    /// Heads of the objects allocated in the ATB word being filled, not yet in ATB
    /// (bit b: block b of that word).
    heads: u64,
    /// One past the last address that word covers (0: no word yet in this span).
    word_end: usize,
    /// The shared half of the run (`weft_core::heads`), also in the pool's
    /// `handed_out` list: one per buffer per epoch, kept across refills.
    run: Option<Arc<HeadRun>>,
    /// The heap epoch the span was taken in (0: none; heap epochs are never 0).
    epoch: u64,
    /// Bytes allocated here and not yet added to the heap's shared `live_bytes`: the
    /// shared counter is written once per `FLUSH_BYTES`, not once per object, so
    /// threads allocating in parallel do not fight over its cache line.
    pending: usize,
    /// Bytes flushed from `pending` so far (with `pending`: all this buffer allocated),
    /// so the vm can tell which thread grows the heap (`allocated`).
    flushed: usize,
}

/// How many allocated bytes a thread accumulates before adding them to `live_bytes`
/// (so `mem_alloc()` and the collection trigger lag by at most this per thread).
const FLUSH_BYTES: usize = 16 << 10;

impl LocalAlloc {
    pub fn new() -> LocalAlloc {
        LocalAlloc::default()
    }

    /// Bytes of blocks this buffer has handed out since it was made.
    pub fn allocated(&self) -> usize {
        self.flushed + self.pending
    }

    /// Add this thread's pending bytes to the heap's count (and request a collection
    /// past the threshold).
    pub fn flush(&mut self, heap: &Heap) {
        if self.pending == 0 {
            return;
        }
        let live = heap.live_bytes.fetch_add(self.pending, Relaxed) + self.pending;
        self.flushed += self.pending;
        self.pending = 0;
        if live > heap.trigger.load(Relaxed) {
            heap.request_collect();
        }
    }

    /// Give the rest of the span back before a collection (or when the thread exits).
    pub fn retire(&mut self, heap: &Heap) {
        self.flush(heap);
        if self.epoch == heap.epoch.load(Relaxed) {
            self.close_span();
            let mut pool = heap.pool.lock();
            if self.cursor < self.end {
                pool.put(Span {
                    start: self.cursor,
                    end: self.end,
                });
            }
            if let Some(r) = &self.run {
                r.open(0);
            }
        }
        self.cursor = 0;
        self.end = 0;
        self.start = 0;
    }

    /// Leaving the current span (of this epoch): the heads of its last ATB word go to
    /// ATB, and its last object, which may be followed by free blocks from now on, gets
    /// its end bit (`ends` module).
    fn close_span(&mut self) {
        self.publish_word();
        self.word_end = 0;
        if self.cursor > self.start {
            crate::ends::set_end(self.cursor - BLOCK_SIZE);
        }
        self.start = self.cursor;
    }

    /// Record the head of the object just written at `addr` (allocated from the span,
    /// `cursor` already past it): no atomic read-modify-write (`weft_core::heads`).
    #[inline(always)]
    fn note_head(&mut self, addr: usize) {
        if addr >= self.word_end {
            self.next_word(addr);
        }
        self.heads |= 1 << ((addr / BLOCK_SIZE) % 64);
        if let Some(r) = &self.run {
            r.advance(self.cursor);
        }
    }

    /// The object at `addr` starts a new ATB word: publish the previous word's heads,
    /// then move the run's start here.
    #[cold]
    #[inline(never)]
    fn next_word(&mut self, addr: usize) {
        self.publish_word();
        self.word_end = (addr | (WORD_BYTES - 1)) + 1;
        if let Some(r) = &self.run {
            r.restart(addr);
        }
    }

    /// Put the heads of the word being filled into ATB.
    fn publish_word(&mut self) {
        if self.heads == 0 {
            return;
        }
        let word_start = self.word_end - WORD_BYTES;
        // SAFETY: the word covers blocks of the buffer's span, in a normal chunk of a
        // live heap: masking finds the chunk record (chunk module doc).
        let c = unsafe { Chunk::of(self.start) };
        let base = c.base();
        let w = (word_start - base) / WORD_BYTES;
        let span = (self.start - base) / BLOCK_SIZE..(self.end - base) / BLOCK_SIZE;
        publish_heads(&c.atb, span, w, self.heads);
        self.heads = 0;
    }

    /// Free bytes left in the current span.
    pub fn remaining(&self) -> usize {
        self.end - self.cursor
    }
}

/// How far past the heap limit [`Heap::alloc_reserve`] may go (two chunks).
pub const RESERVE_BYTES: usize = 2 * crate::chunk::CHUNK_SIZE;

impl Heap {
    /// Allocate `bytes` (including the 16-byte header, rounded up to blocks) and write the
    /// header. The payload is zeroed. Never collects. Returns None when the heap limit
    /// would be exceeded. Past the threshold it sets the collect-requested flag.
    /// `local` is the calling thread's allocation buffer: fast path takes no lock.
    #[inline]
    pub fn alloc(
        &self,
        local: &mut LocalAlloc,
        bytes: usize,
        vtable: &'static GcVTable,
    ) -> Option<GcPtr> {
        self.alloc_within(local, bytes, vtable, self.limit)
    }

    /// `alloc` that may go up to [`RESERVE_BYTES`] past the heap limit: for the few
    /// objects the runtime cannot do without even when the heap is full (interned
    /// names needed to report the MemoryError itself). Not for program data.
    pub fn alloc_reserve(
        &self,
        local: &mut LocalAlloc,
        bytes: usize,
        vtable: &'static GcVTable,
    ) -> Option<GcPtr> {
        self.alloc_within(
            local,
            bytes,
            vtable,
            self.limit.saturating_add(RESERVE_BYTES),
        )
    }

    #[inline(always)]
    fn alloc_within(
        &self,
        local: &mut LocalAlloc,
        bytes: usize,
        vtable: &'static GcVTable,
        limit: usize,
    ) -> Option<GcPtr> {
        let nblocks = bytes.max(BLOCK_SIZE).div_ceil(BLOCK_SIZE);
        let size = nblocks * BLOCK_SIZE;
        let epoch = self.epoch.load(Relaxed);
        if local.epoch == epoch && local.end - local.cursor >= size {
            // Fast path: the span is this thread's alone (alloc module doc).
            let addr = local.cursor;
            local.cursor += size;
            let p = self.write_object(addr, nblocks, vtable);
            local.note_head(addr);
            self.count(local, size);
            return Some(p);
        }
        self.alloc_slow(local, nblocks, vtable, limit)
    }

    /// Write the header and zero the payload of the object at `addr` (`nblocks` blocks
    /// of free memory this call owns).
    #[inline(always)]
    fn write_object(&self, addr: usize, nblocks: usize, vtable: &'static GcVTable) -> GcPtr {
        let size = nblocks * BLOCK_SIZE;
        if self.poisoned.load(Relaxed) && nblocks <= MAX_NORMAL_BLOCKS {
            crate::verify::check_poison(self.verify_panics, addr, size);
        }
        let hdr = addr as *mut GcHeader;
        // SAFETY: [addr, addr+size) is free memory owned by this call (from the thread's
        // private span, a pool span taken under the lock, or a fresh chunk), 16-aligned;
        // `nblocks` fits in u32 (checked by the caller: a normal chunk's blocks, or a
        // large object's count checked in `alloc_slow`).
        unsafe {
            hdr.write(GcHeader::new(vtable, nblocks as u32));
            std::ptr::write_bytes((addr + BLOCK_SIZE) as *mut u8, 0, size - BLOCK_SIZE);
        }
        // SAFETY: hdr is non-null and now a fully written header.
        unsafe { GcPtr::from_raw(hdr) }
    }

    /// Count `size` allocated bytes (flushed to the shared counter now and then).
    #[inline(always)]
    fn count(&self, local: &mut LocalAlloc, size: usize) {
        local.pending += size;
        if local.pending >= FLUSH_BYTES {
            local.flush(self);
        }
    }

    /// Everything but the fast path: a new epoch, a refill, a large object.
    #[cold]
    #[inline(never)]
    fn alloc_slow(
        &self,
        local: &mut LocalAlloc,
        nblocks: usize,
        vtable: &'static GcVTable,
        limit: usize,
    ) -> Option<GcPtr> {
        u32::try_from(nblocks).ok()?;
        let size = nblocks * BLOCK_SIZE;
        let epoch = self.epoch.load(Relaxed);
        if local.epoch != epoch {
            // A collection ran: it recounted live bytes, pending ones included, and
            // published the heads of the span this buffer held (now stale).
            *local = LocalAlloc {
                epoch,
                ..LocalAlloc::default()
            };
        }
        if nblocks > MAX_NORMAL_BLOCKS {
            let Some(c) = self.new_chunk(nblocks + 1, true, limit) else {
                // Full: whatever garbage there is should go at the next safepoint.
                self.request_collect();
                return None;
            };
            let c = c.get();
            let p = self.write_object(c.addr_of(1), nblocks, vtable);
            // Alone in its chunk, allocated once: set at once, after the header.
            c.atb.set(1);
            self.count(local, size);
            return Some(p);
        }
        let addr = if local.end - local.cursor >= size {
            let a = local.cursor;
            local.cursor += size;
            a
        } else {
            match self.refill(local, size, limit) {
                Some(a) => a,
                None => {
                    self.request_collect();
                    return None;
                }
            }
        };
        let p = self.write_object(addr, nblocks, vtable);
        local.note_head(addr);
        self.count(local, size);
        Some(p)
    }

    /// Leave the current span for a new one (from the pool, or a fresh chunk) and take
    /// `size` bytes at its start; returns their address.
    fn refill(&self, local: &mut LocalAlloc, size: usize, limit: usize) -> Option<usize> {
        local.close_span();
        {
            let mut pool = self.pool.lock();
            if local.cursor < local.end {
                pool.put(Span {
                    start: local.cursor,
                    end: local.end,
                });
            }
            if let Some(s) = pool.take(size) {
                pool.hand_out(local, s);
                local.cursor = s.start + size;
                return Some(s.start);
            }
        }
        local.cursor = 0;
        local.end = 0;
        local.start = 0;
        let c = self.new_chunk(crate::chunk::BLOCKS_PER_CHUNK, false, limit)?;
        let c = c.get();
        let s = Span {
            start: c.addr_of(1),
            end: c.end(),
        };
        self.pool.lock().hand_out(local, s);
        local.cursor = s.start + size;
        Some(s.start)
    }

    /// Reserve `nblocks * BLOCK_SIZE` bytes against `limit` and add a chunk.
    fn new_chunk(&self, nblocks: usize, large: bool, limit: usize) -> Option<ChunkRef> {
        let bytes = nblocks.checked_mul(BLOCK_SIZE)?;
        self.chunk_bytes
            .fetch_update(Relaxed, Relaxed, |c| {
                c.checked_add(bytes).filter(|&n| n <= limit)
            })
            .ok()?;
        let Some(rec) = Chunk::allocate(nblocks, large) else {
            self.chunk_bytes.fetch_sub(bytes, Relaxed);
            return None;
        };
        let c = ChunkRef(rec);
        if !large && self.verify.load(Relaxed) {
            let g = c.get();
            // SAFETY: the object area of the fresh chunk is ours alone (not yet in the
            // chunk list, no span of it handed out).
            unsafe {
                std::ptr::write_bytes(
                    g.addr_of(1) as *mut u8,
                    crate::verify::POISON,
                    g.usable_bytes(),
                )
            };
        }
        self.usable_bytes.fetch_add(c.get().usable_bytes(), Relaxed);
        let mut list = self.chunks.write();
        let at = list.partition_point(|x| x.get().base() < c.get().base());
        list.insert(at, c);
        Some(c)
    }
}

/// Size classes: a span of L blocks is in class floor(log2(L)) (L < 2^CLASSES).
const CLASSES: usize = usize::BITS as usize;

/// The global pool of free spans, bucketed by size class (see the module doc).
#[derive(Default)]
pub(crate) struct SpanPool {
    buckets: Vec<Vec<Span>>,
    /// Bit c set iff `buckets[c]` is non-empty.
    nonempty: u64,
    /// The run (`LocalAlloc::run`) of every `LocalAlloc` that took a span since the
    /// last collection, one per buffer: the collection publishes the heads each one
    /// still holds and closes it (`ends` module); `Heap::contains` reads them. The list
    /// stays as short as the number of allocating threads.
    pub(crate) handed_out: Vec<Arc<HeadRun>>,
}

impl SpanPool {
    fn class(s: &Span) -> usize {
        debug_assert!(s.len_bytes() >= BLOCK_SIZE);
        (s.len_bytes() / BLOCK_SIZE).ilog2() as usize
    }

    /// Make `s` the current span of `local` (after `local` closed its previous one) and
    /// record it for the next collection.
    #[inline]
    fn hand_out(&mut self, local: &mut LocalAlloc, s: Span) {
        let run = local.run.get_or_insert_with(|| {
            let r = Arc::new(HeadRun::new());
            self.handed_out.push(r.clone());
            r
        });
        run.open(s.start);
        local.start = s.start;
        local.cursor = s.start;
        local.end = s.end;
        // The first object lands at `s.start`: its word is the first one being filled
        // (the run already starts there), so the first allocation takes no `next_word`.
        local.word_end = (s.start | (WORD_BYTES - 1)) + 1;
        debug_assert_eq!(local.heads, 0, "the previous span was closed");
    }

    /// Add a free span (a class is a stack: the span added last is taken first).
    #[inline]
    pub(crate) fn put(&mut self, s: Span) {
        if s.len_bytes() < BLOCK_SIZE {
            return;
        }
        if self.buckets.is_empty() {
            self.buckets.resize_with(CLASSES, Vec::new);
        }
        let c = Self::class(&s);
        self.buckets[c].push(s);
        self.nonempty |= 1 << c;
    }

    /// Replace the contents with `spans`; within a class the first of `spans` is taken
    /// first.
    pub(crate) fn rebuild(&mut self, spans: impl DoubleEndedIterator<Item = Span>) {
        for b in &mut self.buckets {
            b.clear();
        }
        self.nonempty = 0;
        for s in spans.rev() {
            self.put(s);
        }
    }

    /// Take a span of at least `size` bytes: the newest of the largest class.
    #[inline]
    pub(crate) fn take(&mut self, size: usize) -> Option<Span> {
        if self.nonempty == 0 {
            return None;
        }
        let top = (u64::BITS - 1 - self.nonempty.leading_zeros()) as usize;
        let bucket = &mut self.buckets[top];
        let i = if (BLOCK_SIZE << top) >= size {
            bucket.len() - 1
        } else {
            // Rare: the request is larger than this class's lower bound.
            bucket.iter().rposition(|s| s.len_bytes() >= size)?
        };
        let s = bucket.swap_remove(i);
        if bucket.is_empty() {
            self.nonempty &= !(1 << top);
        }
        Some(s)
    }

    /// Number of spans held.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.buckets.iter().map(Vec::len).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(start: usize, blocks: usize) -> Span {
        Span {
            start,
            end: start + blocks * BLOCK_SIZE,
        }
    }

    unsafe fn no_trace(_: GcPtr, _: &mut crate::Tracer) {}
    unsafe fn no_drop(_: GcPtr) {}
    static BLOB: GcVTable = GcVTable {
        name: "blob",
        trace: no_trace,
        drop: no_drop,
        needs_drop: false,
    };

    #[test]
    fn one_handed_out_slot_per_buffer_and_spans_closed() {
        let heap = Heap::new(crate::HeapConfig {
            verify: true,
            verify_panics: true,
            ..crate::HeapConfig::default()
        });
        let (mut a, mut b) = (LocalAlloc::new(), LocalAlloc::new());
        // 600 KiB objects: every allocation leaves its span for a fresh chunk.
        for _ in 0..5 {
            heap.alloc(&mut a, 600 << 10, &BLOB).unwrap();
            heap.alloc(&mut b, 600 << 10, &BLOB).unwrap();
            heap.alloc(&mut b, 64, &BLOB).unwrap();
        }
        assert_eq!(heap.chunk_count(), 10);
        assert_eq!(heap.pool.lock().handed_out.len(), 2);
        a.retire(&heap);
        // b is not retired. The verifier checks the end table before marking.
        let s = heap.collect(&mut |_| {}, &mut |_| {});
        assert_eq!(s.freed, 15);
        assert!(heap.pool.lock().handed_out.is_empty());
    }

    #[test]
    fn takes_largest_class_lowest_address_first() {
        let mut p = SpanPool::default();
        p.rebuild(
            [
                span(0x1000, 3),
                span(0x2000, 100),
                span(0x3000, 3),
                span(0x4000, 120),
            ]
            .into_iter(),
        );
        assert_eq!(p.take(32), Some(span(0x2000, 100)));
        assert_eq!(p.take(32), Some(span(0x4000, 120)));
        assert_eq!(p.take(32), Some(span(0x1000, 3)));
        assert_eq!(p.take(64), None, "no span of 4 blocks left");
        assert_eq!(p.take(48), Some(span(0x3000, 3)));
        assert_eq!(p.take(16), None);
        assert_eq!(p.len(), 0);
    }

    #[test]
    fn a_request_above_the_class_bound_searches_that_class() {
        let mut p = SpanPool::default();
        p.put(span(0x1000, 70));
        p.put(span(0x2000, 100));
        p.put(span(0x3000, 80));
        assert_eq!(p.take(90 * BLOCK_SIZE), Some(span(0x2000, 100)));
        assert_eq!(p.take(90 * BLOCK_SIZE), None);
        assert_eq!(p.len(), 2);
        p.put(span(0x5000, 1));
        assert_eq!(p.take(16), Some(span(0x3000, 80)));
    }
}
