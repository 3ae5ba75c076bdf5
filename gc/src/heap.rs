//! `Heap`: chunks, the free-span pool, accounting, and the collection driver.

use crate::chunk::{Chunk, ChunkRef, Span};
use crate::header::{BLOCK_SIZE, GcHeader, GcPtr};
use crate::mark::{Tracer, mark_all};
use crate::sweep::{ChunkSweep, sweep_chunk};
use parking_lot::{Mutex, RwLock};
use std::collections::VecDeque;
use std::sync::atomic::Ordering::Relaxed;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize};
use std::time::Instant;
use weft_core::ShardedMap;

/// How many collections `Heap::stats` remembers.
pub const STATS_HISTORY: usize = 64;

/// Heap settings.
#[derive(Clone, Debug)]
pub struct HeapConfig {
    /// Total heap limit (memory of all chunks); alloc returns None past it.
    pub limit_bytes: usize,
    /// Bytes allocated since the last collection that request a collection.
    pub threshold_bytes: usize,
    /// Marker threads (>= 1; 0 is treated as 1). 1 marks inline on the collecting thread.
    pub marker_threads: usize,
}

impl Default for HeapConfig {
    fn default() -> Self {
        HeapConfig {
            limit_bytes: 8 << 30,
            threshold_bytes: 8 << 20,
            marker_threads: 1,
        }
    }
}

/// Statistics of one collection.
#[derive(Clone, Debug, Default)]
pub struct CollectStats {
    pub pause_ns: u64,
    pub mark_ns: u64,
    pub weak_ns: u64,
    pub sweep_ns: u64,
    pub marked: usize,
    pub freed: usize,
    pub freed_bytes: usize,
    pub weakrefs_cleared: usize,
    pub live_bytes: usize,
}

/// Source of heap epochs: unique across all heaps, never 0.
static NEXT_EPOCH: AtomicU64 = AtomicU64::new(1);

fn next_epoch() -> u64 {
    NEXT_EPOCH.fetch_add(1, Relaxed)
}

/// The one shared heap. `Heap: Send + Sync`.
pub struct Heap {
    /// Every chunk, sorted by base address.
    pub(crate) chunks: RwLock<Vec<ChunkRef>>,
    /// Free spans of normal chunks; allocation takes from the end (lowest addresses
    /// after a sweep).
    pub(crate) pool: Mutex<Vec<Span>>,
    /// Memory of all chunks (checked against `limit`).
    pub(crate) chunk_bytes: AtomicUsize,
    /// Object-area bytes of all chunks.
    pub(crate) usable_bytes: AtomicUsize,
    /// Bytes in allocated blocks (exact outside a collection).
    pub(crate) live_bytes: AtomicUsize,
    /// `live_bytes` past which a collection is requested (live after last GC + threshold).
    pub(crate) trigger: AtomicUsize,
    baseline: AtomicUsize,
    threshold: AtomicUsize,
    pub(crate) limit: usize,
    marker_threads: AtomicUsize,
    pub(crate) requested: AtomicBool,
    /// Changes at every collection; see alloc module doc.
    pub(crate) epoch: AtomicU64,
    pub(crate) weak: ShardedMap<usize, Vec<GcPtr>>,
    history: Mutex<VecDeque<CollectStats>>,
    collecting: Mutex<()>,
}

const _: () = {
    const fn send_sync<T: Send + Sync>() {}
    send_sync::<Heap>();
    send_sync::<GcPtr>();
};

impl Heap {
    pub fn new(cfg: HeapConfig) -> Heap {
        Heap {
            chunks: RwLock::new(Vec::new()),
            pool: Mutex::new(Vec::new()),
            chunk_bytes: AtomicUsize::new(0),
            usable_bytes: AtomicUsize::new(0),
            live_bytes: AtomicUsize::new(0),
            trigger: AtomicUsize::new(cfg.threshold_bytes),
            baseline: AtomicUsize::new(0),
            threshold: AtomicUsize::new(cfg.threshold_bytes),
            limit: cfg.limit_bytes,
            marker_threads: AtomicUsize::new(cfg.marker_threads.max(1)),
            requested: AtomicBool::new(false),
            epoch: AtomicU64::new(next_epoch()),
            weak: ShardedMap::new(),
            history: Mutex::new(VecDeque::with_capacity(STATS_HISTORY)),
            collecting: Mutex::new(()),
        }
    }

    /// One relaxed load: has allocation volume asked for a collection?
    pub fn collect_requested(&self) -> bool {
        self.requested.load(Relaxed)
    }

    /// Ask for a collection at the next safepoint.
    pub fn request_collect(&self) {
        self.requested.store(true, Relaxed);
    }

    /// Run a full collection. The caller guarantees the world is stopped (no other thread
    /// touches the heap) and that every LocalAlloc has been retired or is not used until
    /// the collection returns (an un-retired buffer's span is reclaimed and the buffer
    /// starts afresh). `roots` is called once and must mark every root.
    /// `on_weakref_cleared(weakref)` is called during weak processing, once for every weak
    /// reference that is itself marked and whose referent is dead (for one referent,
    /// newest weak reference first). It must not allocate. Weak references that are
    /// themselves dead are dropped from the map silently.
    pub fn collect(
        &self,
        roots: &mut dyn FnMut(&mut Tracer),
        on_weakref_cleared: &mut dyn FnMut(GcPtr),
    ) -> CollectStats {
        let _one_at_a_time = self.collecting.lock();
        let threads = self.marker_threads();
        let t0 = Instant::now();
        let marked = mark_all(roots, threads);
        let t1 = Instant::now();
        let weakrefs_cleared = self.process_weak(on_weakref_cleared);
        let t2 = Instant::now();
        let (freed, freed_bytes, live) = self.sweep(threads);
        let t3 = Instant::now();

        self.live_bytes.store(live, Relaxed);
        self.baseline.store(live, Relaxed);
        self.trigger
            .store(live.saturating_add(self.threshold.load(Relaxed)), Relaxed);
        self.requested.store(false, Relaxed);
        self.epoch.store(next_epoch(), Relaxed);

        let ns = |a: Instant, b: Instant| (b - a).as_nanos() as u64;
        let stats = CollectStats {
            pause_ns: ns(t0, t3),
            mark_ns: ns(t0, t1),
            weak_ns: ns(t1, t2),
            sweep_ns: ns(t2, t3),
            marked,
            freed,
            freed_bytes,
            weakrefs_cleared,
            live_bytes: live,
        };
        let mut h = self.history.lock();
        if h.len() == STATS_HISTORY {
            h.pop_front();
        }
        h.push_back(stats.clone());
        stats
    }

    /// Sweep every chunk (in parallel with `threads` > 1), rebuild the pool, free dead
    /// large chunks. Returns (freed objects, freed bytes, live bytes).
    fn sweep(&self, threads: usize) -> (usize, usize, usize) {
        let chunks: Vec<ChunkRef> = self.chunks.read().clone();
        let results: Vec<ChunkSweep> = if threads <= 1 || chunks.len() < 2 {
            chunks.iter().map(|c| sweep_chunk(c.get())).collect()
        } else {
            let per = chunks.len().div_ceil(threads);
            std::thread::scope(|s| {
                let hs: Vec<_> = chunks
                    .chunks(per)
                    .map(|part| {
                        s.spawn(move || {
                            part.iter()
                                .map(|c| sweep_chunk(c.get()))
                                .collect::<Vec<_>>()
                        })
                    })
                    .collect();
                hs.into_iter().flat_map(|h| h.join().unwrap()).collect()
            })
        };
        let (mut freed, mut freed_bytes, mut live) = (0, 0, 0);
        let mut spans = Vec::new();
        let mut dead_large = Vec::new();
        for (c, r) in chunks.iter().zip(results) {
            freed += r.freed;
            freed_bytes += r.freed_bytes;
            live += r.live_bytes;
            spans.extend(r.spans);
            if r.dead_large {
                dead_large.push(*c);
            }
        }
        // Lowest addresses last: allocation pops from the end.
        spans.sort_unstable_by_key(|s| std::cmp::Reverse(s.start));
        *self.pool.lock() = spans;
        if !dead_large.is_empty() {
            let mut list = self.chunks.write();
            list.retain(|c| !dead_large.iter().any(|d| d.0 == c.0));
            for c in dead_large {
                let g = c.get();
                self.chunk_bytes
                    .fetch_sub(g.nblocks() * BLOCK_SIZE, Relaxed);
                self.usable_bytes.fetch_sub(g.usable_bytes(), Relaxed);
                // SAFETY: its only object is dead and dropped, it is out of the list and
                // the pool, and the world is stopped: nothing refers to it any more.
                unsafe { Chunk::free(c.0) };
            }
        }
        (freed, freed_bytes, live)
    }

    /// Bytes in live (allocated) blocks.
    pub fn mem_alloc(&self) -> usize {
        self.live_bytes.load(Relaxed)
    }

    /// Bytes free in the chunks already obtained.
    pub fn mem_free(&self) -> usize {
        self.usable_bytes
            .load(Relaxed)
            .saturating_sub(self.live_bytes.load(Relaxed))
    }

    /// Current threshold in bytes.
    pub fn threshold(&self) -> usize {
        self.threshold.load(Relaxed)
    }

    pub fn set_threshold(&self, bytes: usize) {
        self.threshold.store(bytes, Relaxed);
        let trigger = self.baseline.load(Relaxed).saturating_add(bytes);
        self.trigger.store(trigger, Relaxed);
        if self.live_bytes.load(Relaxed) > trigger {
            self.requested.store(true, Relaxed);
        }
    }

    /// The heap limit in bytes.
    pub fn limit(&self) -> usize {
        self.limit
    }

    pub fn marker_threads(&self) -> usize {
        self.marker_threads.load(Relaxed).max(1)
    }

    pub fn set_marker_threads(&self, n: usize) {
        self.marker_threads.store(n.max(1), Relaxed);
    }

    /// Number of chunks (normal and large) obtained from the system.
    pub fn chunk_count(&self) -> usize {
        self.chunks.read().len()
    }

    /// Memory of all chunks, in bytes.
    pub fn heap_bytes(&self) -> usize {
        self.chunk_bytes.load(Relaxed)
    }

    /// The chunk holding `addr` in its object area, if any.
    fn chunk_at(&self, addr: usize) -> Option<ChunkRef> {
        let list = self.chunks.read();
        let i = list.partition_point(|c| c.get().base() <= addr);
        let c = *list.get(i.checked_sub(1)?)?;
        c.get().contains_addr(addr).then_some(c)
    }

    /// Is `addr` the start of a live object's header?
    pub fn contains(&self, addr: usize) -> bool {
        if !addr.is_multiple_of(BLOCK_SIZE) {
            return false;
        }
        match self.chunk_at(addr) {
            Some(c) => c.get().atb.get(c.get().block_of(addr)),
            None => false,
        }
    }

    /// Set the object's FTB bit (it has a finaliser).
    pub fn set_finaliser(&self, obj: GcPtr) {
        // SAFETY: GcPtr invariant (a live object of this heap).
        let c = unsafe { Chunk::of(obj.addr()) };
        c.ftb.set(c.block_of(obj.addr()));
    }

    /// The object's FTB bit.
    pub fn has_finaliser(&self, obj: GcPtr) -> bool {
        // SAFETY: GcPtr invariant (a live object of this heap).
        let c = unsafe { Chunk::of(obj.addr()) };
        c.ftb.get(c.block_of(obj.addr()))
    }

    /// Statistics of the recent collections, newest last (at most [`STATS_HISTORY`]).
    pub fn stats(&self) -> Vec<CollectStats> {
        self.history.lock().iter().cloned().collect()
    }

    /// Every live object, in address order (world stopped, or racing allocations may be
    /// missed). For verifiers and debugging.
    pub fn for_each_object(&self, mut f: impl FnMut(GcPtr)) {
        for c in self.chunks.read().iter() {
            let c = c.get();
            let mut from = 1;
            while let Some(h) = c.atb.next_set(from) {
                // SAFETY: an ATB head bit marks a fully written, unfreed header.
                let p = unsafe { GcPtr::from_raw(c.addr_of(h) as *mut GcHeader) };
                from = h + p.blocks() as usize;
                f(p);
            }
        }
    }
}

impl Drop for Heap {
    /// Drops every remaining object (so payload buffers are freed), then every chunk.
    fn drop(&mut self) {
        let mut objs = Vec::new();
        self.for_each_object(|p| objs.push(p));
        for p in objs {
            // SAFETY: the heap is going away, nobody can use its objects any more; each
            // live object is dropped once.
            unsafe { (p.vtable().drop)(p) };
        }
        for c in self.chunks.get_mut().drain(..) {
            // SAFETY: each chunk once; no object or span of the heap outlives it.
            unsafe { Chunk::free(c.0) };
        }
    }
}
