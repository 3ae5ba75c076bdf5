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
//! - the free-span pool ([`SpanPool`]) is bucketed by size class (floor(log2(blocks)));
//!   a refill takes the newest span of the largest non-empty class, lowest address
//!   first within a class after a sweep: O(1), no scan, except when the request is
//!   larger than the lower bound of the largest class (then that one class is searched;
//!   if nothing fits a new chunk comes, whose span is larger than any request). Taking
//!   the largest span first makes refills rare; small holes are used once the large
//!   spans are gone (the heap only grows when no span fits);
//! - every span handed to a `LocalAlloc` is recorded (`SpanPool::handed_out`) until the
//!   next collection, which sets the end bit of the last object allocated in it (the
//!   fast path sets only ATB; see the `ends` module);
//! - verifier: while `Heap::poisoned` is set, every free block of every normal chunk
//!   holds `verify::POISON`, so `alloc` checks the blocks it hands out (a mismatch is a
//!   write after free). New normal chunks are poisoned when the verifier is on.

use crate::chunk::{Chunk, ChunkRef, MAX_NORMAL_BLOCKS, Span};
use crate::header::{BLOCK_SIZE, GcHeader, GcPtr, GcVTable};
use crate::heap::Heap;
use std::sync::atomic::Ordering::Relaxed;

/// A thread's private allocation buffer (a span of free blocks it bump-allocates from).
#[derive(Debug, Default)]
pub struct LocalAlloc {
    cursor: usize,
    end: usize,
    /// The heap epoch the span was taken in (0: none; heap epochs are never 0).
    epoch: u64,
    /// Bytes allocated here and not yet added to the heap's shared `live_bytes`: the
    /// shared counter is written once per `FLUSH_BYTES`, not once per object, so
    /// threads allocating in parallel do not fight over its cache line.
    pending: usize,
}

/// How many allocated bytes a thread accumulates before adding them to `live_bytes`
/// (so `mem_alloc()` and the collection trigger lag by at most this per thread).
const FLUSH_BYTES: usize = 16 << 10;

impl LocalAlloc {
    pub fn new() -> LocalAlloc {
        LocalAlloc::default()
    }

    /// Add this thread's pending bytes to the heap's count (and request a collection
    /// past the threshold).
    pub fn flush(&mut self, heap: &Heap) {
        if self.pending == 0 {
            return;
        }
        let live = heap.live_bytes.fetch_add(self.pending, Relaxed) + self.pending;
        self.pending = 0;
        if live > heap.trigger.load(Relaxed) && !heap.requested.load(Relaxed) {
            heap.requested.store(true, Relaxed);
        }
    }

    /// Give the rest of the span back before a collection (or when the thread exits).
    pub fn retire(&mut self, heap: &Heap) {
        self.flush(heap);
        if self.epoch == heap.epoch.load(Relaxed) && self.cursor < self.end {
            heap.pool.lock().put(Span {
                start: self.cursor,
                end: self.end,
            });
        }
        self.cursor = 0;
        self.end = 0;
    }

    /// Free bytes left in the current span.
    pub fn remaining(&self) -> usize {
        self.end - self.cursor
    }
}

impl Heap {
    /// Allocate `bytes` (including the 16-byte header, rounded up to blocks) and write the
    /// header. The payload is zeroed. Never collects. Returns None when the heap limit
    /// would be exceeded. Past the threshold it sets the collect-requested flag.
    /// `local` is the calling thread's allocation buffer: fast path takes no lock.
    pub fn alloc(
        &self,
        local: &mut LocalAlloc,
        bytes: usize,
        vtable: &'static GcVTable,
    ) -> Option<GcPtr> {
        let nblocks = bytes.max(BLOCK_SIZE).div_ceil(BLOCK_SIZE);
        let blocks32 = u32::try_from(nblocks).ok()?;
        let size = nblocks * BLOCK_SIZE;
        let epoch = self.epoch.load(Relaxed);
        if local.epoch != epoch {
            // A collection ran: it recounted live bytes, pending ones included.
            *local = LocalAlloc {
                cursor: 0,
                end: 0,
                epoch,
                pending: 0,
            };
        }
        let addr = if local.end - local.cursor >= size {
            let a = local.cursor;
            local.cursor += size;
            a
        } else {
            self.alloc_slow(local, nblocks)?
        };
        if self.poisoned.load(Relaxed) && nblocks <= MAX_NORMAL_BLOCKS {
            crate::verify::check_poison(self.verify_panics, addr, size);
        }
        let hdr = addr as *mut GcHeader;
        // SAFETY: [addr, addr+size) is free memory owned by this call (from the thread's
        // private span, a pool span taken under the lock, or a fresh chunk), 16-aligned.
        unsafe {
            hdr.write(GcHeader::new(vtable, blocks32));
            std::ptr::write_bytes((addr + BLOCK_SIZE) as *mut u8, 0, size - BLOCK_SIZE);
        }
        // SAFETY: addr is an object header in one of our chunks (see chunk module doc).
        let chunk = unsafe { Chunk::of(addr) };
        chunk.atb.set(chunk.block_of(addr));
        local.pending += size;
        if local.pending >= FLUSH_BYTES {
            local.flush(self);
        }
        // SAFETY: hdr is non-null and now a fully written header.
        Some(unsafe { GcPtr::from_raw(hdr) })
    }

    /// Refill `local` (or make a large chunk) and return the address of `nblocks` blocks.
    fn alloc_slow(&self, local: &mut LocalAlloc, nblocks: usize) -> Option<usize> {
        if nblocks > MAX_NORMAL_BLOCKS {
            let c = self.new_chunk(nblocks + 1, true)?;
            return Some(c.get().addr_of(1));
        }
        let size = nblocks * BLOCK_SIZE;
        {
            let mut pool = self.pool.lock();
            if local.cursor < local.end {
                pool.put(Span {
                    start: local.cursor,
                    end: local.end,
                });
            }
            if let Some(s) = pool.take(size) {
                pool.handed_out.push(s);
                local.cursor = s.start + size;
                local.end = s.end;
                return Some(s.start);
            }
        }
        local.cursor = 0;
        local.end = 0;
        let c = self.new_chunk(crate::chunk::BLOCKS_PER_CHUNK, false)?;
        let c = c.get();
        local.cursor = c.addr_of(1) + size;
        local.end = c.end();
        self.pool.lock().handed_out.push(Span {
            start: c.addr_of(1),
            end: c.end(),
        });
        Some(c.addr_of(1))
    }

    /// Reserve `nblocks * BLOCK_SIZE` bytes against the limit and add a chunk.
    fn new_chunk(&self, nblocks: usize, large: bool) -> Option<ChunkRef> {
        let bytes = nblocks.checked_mul(BLOCK_SIZE)?;
        self.chunk_bytes
            .fetch_update(Relaxed, Relaxed, |c| {
                c.checked_add(bytes).filter(|&n| n <= self.limit)
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
    /// Every span handed to a `LocalAlloc` since the last collection, which closes
    /// them (sets the end bit of their last object, see the `ends` module).
    pub(crate) handed_out: Vec<Span>,
}

impl SpanPool {
    fn class(s: &Span) -> usize {
        debug_assert!(s.len_bytes() >= BLOCK_SIZE);
        (s.len_bytes() / BLOCK_SIZE).ilog2() as usize
    }

    /// Add a free span (a class is a stack: the span added last is taken first).
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
