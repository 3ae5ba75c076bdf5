//! `Heap`: chunks, the free-span pool, accounting, and the collection driver.
//!
//! A collection ([`Heap::collect_with`]), world stopped, one at a time:
//! - (a) mark from the roots (parallel marker);
//! - (b) weak processing for the referents left unmarked: their weak references are
//!   cleared (`on_weakref_cleared` for those that are themselves marked, newest first;
//!   it returns whether the vm queued a callback), their map entries and WTB bits go;
//! - (c) finalisation: every unmarked object whose FTB bit is set has the bit cleared
//!   (a finaliser runs once), is reported to `on_finalize`, and is marked with its
//!   closure, so it survives this collection with everything it reaches (PEP 442). The
//!   set of such objects is taken before any of them is marked: finalisable objects
//!   reachable only from other finalisable garbage are finalised in the same collection.
//!   A weak reference resurrected here whose referent died in (b) keeps that referent
//!   alive too (see `weak::keep_resurrected_weakrefs`);
//! - (d) prune unmarked weak references from the lists of live referents (only now,
//!   after (c), so that a resurrected weak reference stays registered);
//! - (e) sweep: drop and free every unmarked object, rebuild the free spans.
//!
//! With the verifier on (`verify` module) the side tables are checked before (a) and
//! before (e), the mark set's closure after (a) and after (c).
//!
//! Invariants outside a collection: every mark bit is clear; every weak-map key and
//! every registered weak reference is an allocated object; FTB and WTB bits are only on
//! object starts; ATB holds the head of every allocated object except those still in
//! an allocating thread's run (`alloc` module), which the collection publishes before
//! step (a), so from then to the end of the collection ATB is exact.

use crate::alloc::SpanPool;
use crate::chunk::{Chunk, ChunkRef};
use crate::header::{BLOCK_SIZE, GcHeader, GcPtr};
use crate::mark::{Tracer, mark_all};
use crate::pool::WorkerPool;
use crate::sweep::{ChunkSweep, sweep_chunk};
use crate::verify::Verifier;
use parking_lot::{Mutex, RwLock};
use std::collections::VecDeque;
use std::sync::Arc;
use std::sync::atomic::Ordering::Relaxed;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize};
use std::time::Instant;
use weft_core::Attention;
use weft_core::ShardedMap;
use weft_core::attention::COLLECT;

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
    /// Below this many bytes allocated (live plus garbage since the last collection),
    /// one thread marks and sweeps: waking the other markers costs more than a small
    /// heap's whole mark. 0 (the default) always uses `marker_threads`.
    pub parallel_min_bytes: usize,
    /// Run the heap verifier at every collection (see the `verify` module; also
    /// [`Heap::set_verify`]). Costly: a debugging mode.
    pub verify: bool,
    /// A verifier violation panics (with the report as message) instead of printing the
    /// report and aborting the process. For tests of the verifier itself.
    pub verify_panics: bool,
}

impl Default for HeapConfig {
    fn default() -> Self {
        HeapConfig {
            limit_bytes: 8 << 30,
            threshold_bytes: 2 << 20,
            marker_threads: 1,
            parallel_min_bytes: 0,
            verify: false,
            verify_panics: false,
        }
    }
}

/// What the vm hands to [`Heap::collect_with`]. None of the hooks may allocate on the
/// heap, reach a safepoint, or call back into the heap's weak map (they run during the
/// collection, `on_weakref_cleared` under a weak-map shard lock).
pub struct Collection<'a> {
    /// Called once; must mark every root.
    pub roots: &'a mut dyn FnMut(&mut Tracer),
    /// Called for every marked weak reference whose referent died (step (b)), newest
    /// weak reference first for one referent; the vm sets it dead and queues its
    /// callback, and returns true if it queued one.
    pub on_weakref_cleared: &'a mut dyn FnMut(GcPtr) -> bool,
    /// Called once for each unreachable object whose FTB bit was set (step (c)); its FTB
    /// bit is already clear. The object and its closure survive this collection; the vm
    /// queues its `__del__` and keeps it rooted until that ran.
    pub on_finalize: &'a mut dyn FnMut(GcPtr),
    /// Nanoseconds the caller spent stopping the world (recorded in the stats).
    pub stop_ns: u64,
}

/// Statistics of one collection. Times in nanoseconds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CollectStats {
    /// Time the caller spent stopping the world (`Collection::stop_ns`).
    pub stop_ns: u64,
    /// The whole pause: `stop_ns` plus everything `collect_with` did.
    pub pause_ns: u64,
    /// Step (a): marking from the roots.
    pub mark_ns: u64,
    /// Steps (b) and (d): weak processing and pruning.
    pub weak_ns: u64,
    /// Step (c): finding unreachable finalisable objects, reporting and marking them.
    pub finalize_ns: u64,
    /// Step (e).
    pub sweep_ns: u64,
    /// Time spent in the verifier (0 when it is off).
    pub verify_ns: u64,
    /// Objects marked (alive after the collection), resurrected ones included.
    pub marked: usize,
    /// Of `marked`: objects marked by step (c) (finalisable garbage and its closure).
    pub resurrected: usize,
    pub freed: usize,
    pub freed_bytes: usize,
    /// Bytes in live objects after the collection.
    pub live_bytes: usize,
    /// Calls of `on_weakref_cleared`.
    pub weakrefs_cleared: usize,
    /// Calls of `on_weakref_cleared` that returned true.
    pub callbacks_queued: usize,
    /// Calls of `on_finalize`.
    pub finalizers_queued: usize,
    /// Marker threads used.
    pub marker_threads: usize,
}

/// Totals over every collection since the heap was created (not bounded by the
/// [`STATS_HISTORY`] window). Times in nanoseconds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StatsSummary {
    pub collections: u64,
    pub stop_ns_total: u64,
    pub stop_ns_max: u64,
    pub pause_ns_total: u64,
    pub pause_ns_max: u64,
    pub mark_ns_total: u64,
    pub weak_ns_total: u64,
    pub finalize_ns_total: u64,
    pub sweep_ns_total: u64,
    pub verify_ns_total: u64,
    pub marked_total: u64,
    pub resurrected_total: u64,
    pub freed_total: u64,
    pub freed_bytes_total: u64,
    pub weakrefs_cleared_total: u64,
    pub callbacks_queued_total: u64,
    pub finalizers_queued_total: u64,
    /// The most recent collection, if any.
    pub last: Option<CollectStats>,
}

impl StatsSummary {
    /// Mean pause in nanoseconds (0 before the first collection).
    pub fn pause_ns_mean(&self) -> u64 {
        self.pause_ns_total
            .checked_div(self.collections)
            .unwrap_or(0)
    }

    fn add(&mut self, s: &CollectStats) {
        let u = |n: usize| n as u64;
        self.collections += 1;
        self.stop_ns_total = self.stop_ns_total.saturating_add(s.stop_ns);
        self.stop_ns_max = self.stop_ns_max.max(s.stop_ns);
        self.pause_ns_total = self.pause_ns_total.saturating_add(s.pause_ns);
        self.pause_ns_max = self.pause_ns_max.max(s.pause_ns);
        self.mark_ns_total = self.mark_ns_total.saturating_add(s.mark_ns);
        self.weak_ns_total = self.weak_ns_total.saturating_add(s.weak_ns);
        self.finalize_ns_total = self.finalize_ns_total.saturating_add(s.finalize_ns);
        self.sweep_ns_total = self.sweep_ns_total.saturating_add(s.sweep_ns);
        self.verify_ns_total = self.verify_ns_total.saturating_add(s.verify_ns);
        self.marked_total = self.marked_total.saturating_add(u(s.marked));
        self.resurrected_total = self.resurrected_total.saturating_add(u(s.resurrected));
        self.freed_total = self.freed_total.saturating_add(u(s.freed));
        self.freed_bytes_total = self.freed_bytes_total.saturating_add(u(s.freed_bytes));
        self.weakrefs_cleared_total = self
            .weakrefs_cleared_total
            .saturating_add(u(s.weakrefs_cleared));
        self.callbacks_queued_total = self
            .callbacks_queued_total
            .saturating_add(u(s.callbacks_queued));
        self.finalizers_queued_total = self
            .finalizers_queued_total
            .saturating_add(u(s.finalizers_queued));
        self.last = Some(s.clone());
    }
}

/// The recent collections and the totals since start.
#[derive(Default)]
struct History {
    recent: VecDeque<CollectStats>,
    summary: StatsSummary,
}

fn ns(a: Instant, b: Instant) -> u64 {
    (b - a).as_nanos().min(u64::MAX as u128) as u64
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
    /// Free spans of normal chunks, by size class (see the alloc module doc).
    pub(crate) pool: Mutex<SpanPool>,
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
    parallel_min_bytes: usize,
    /// Its `COLLECT` bit asks for a collection at the next safepoint; the word may be
    /// shared with the world's stop request (`weft_core::attention`).
    pub(crate) attention: Arc<Attention>,
    /// Changes at every collection; see alloc module doc.
    pub(crate) epoch: AtomicU64,
    pub(crate) weak: ShardedMap<usize, Vec<GcPtr>>,
    history: Mutex<History>,
    collecting: Mutex<()>,
    /// The verifier is on.
    pub(crate) verify: AtomicBool,
    pub(crate) verify_panics: bool,
    /// Every free block of every normal chunk holds the poison pattern (only ever set
    /// while `verify` is on; see the alloc and verify modules).
    pub(crate) poisoned: AtomicBool,
    /// Collector threads for parallel marking and sweeping (started on first use).
    pub(crate) workers: WorkerPool,
}

const _: () = {
    const fn send_sync<T: Send + Sync>() {}
    send_sync::<Heap>();
    send_sync::<GcPtr>();
};

impl Heap {
    pub fn new(cfg: HeapConfig) -> Heap {
        let attention = Arc::new(Attention::new());
        crate::external::register(&attention);
        crate::external::set_trigger(cfg.threshold_bytes);
        Heap {
            chunks: RwLock::new(Vec::new()),
            pool: Mutex::new(SpanPool::default()),
            chunk_bytes: AtomicUsize::new(0),
            usable_bytes: AtomicUsize::new(0),
            live_bytes: AtomicUsize::new(0),
            trigger: AtomicUsize::new(cfg.threshold_bytes),
            baseline: AtomicUsize::new(0),
            threshold: AtomicUsize::new(cfg.threshold_bytes),
            limit: cfg.limit_bytes,
            marker_threads: AtomicUsize::new(cfg.marker_threads.max(1)),
            parallel_min_bytes: cfg.parallel_min_bytes,
            attention,
            epoch: AtomicU64::new(next_epoch()),
            weak: ShardedMap::new(),
            history: Mutex::new(History {
                recent: VecDeque::with_capacity(STATS_HISTORY),
                summary: StatsSummary::default(),
            }),
            collecting: Mutex::new(()),
            verify: AtomicBool::new(cfg.verify),
            verify_panics: cfg.verify_panics,
            // No chunk yet: with the verifier on from the start, all free memory (none)
            // is poisoned, and every chunk will be poisoned when it is created.
            poisoned: AtomicBool::new(cfg.verify),
            workers: WorkerPool::new(),
        }
    }

    /// Turn the heap verifier on or off (see the `verify` module). Meant for start-up or
    /// a stopped world; turned on later, the allocation check starts after the next
    /// collection (which poisons all free memory first).
    pub fn set_verify(&self, on: bool) {
        if !on {
            self.poisoned.store(false, Relaxed);
        }
        self.verify.store(on, Relaxed);
    }

    /// Is the heap verifier on?
    pub fn verify_enabled(&self) -> bool {
        self.verify.load(Relaxed)
    }

    /// The word collection requests go into (`COLLECT` bit). A world built on it
    /// (`World::with_attention`) adds its stop requests, so the safepoint poll reads
    /// one word.
    pub fn attention(&self) -> &Arc<Attention> {
        &self.attention
    }

    /// One relaxed load: has allocation volume asked for a collection?
    pub fn collect_requested(&self) -> bool {
        self.attention.is_raised(COLLECT)
    }

    /// Ask for a collection at the next safepoint (no write when already asked).
    pub fn request_collect(&self) {
        self.attention.raise(COLLECT);
    }

    /// Run a full collection (steps (a)–(e) in the module doc). The caller guarantees
    /// the world is stopped (no other thread touches the heap) and that every LocalAlloc
    /// has been retired or is not used until the collection returns (an un-retired
    /// buffer's span is reclaimed and the buffer starts afresh). Collections are
    /// serialised. The hooks are described at [`Collection`].
    pub fn collect_with(&self, c: Collection<'_>) -> CollectStats {
        let Collection {
            roots,
            on_weakref_cleared,
            on_finalize,
            stop_ns,
        } = c;
        let _one_at_a_time = self.collecting.lock();
        let threads = if self.live_bytes.load(Relaxed) < self.parallel_min_bytes {
            1
        } else {
            self.marker_threads()
        };
        let start = Instant::now();
        // Before anything reads ATB or the end table (verifier, marker, sweep).
        self.close_alloc_runs();
        let verifier = self.verify.load(Relaxed).then(|| Verifier::new(self));
        let v = verifier.as_ref();
        let mut verify_ns = 0;
        let mut verifying = |f: &mut dyn FnMut(&Verifier)| {
            if let Some(v) = v {
                let t = Instant::now();
                f(v);
                verify_ns += ns(t, Instant::now());
            }
        };
        verifying(&mut |v| v.check_side_tables(self, false));

        // (a) mark from the roots.
        let t = Instant::now();
        let mut marked = mark_all(roots, threads, v, &self.workers);
        let mark_ns = ns(t, Instant::now());
        verifying(&mut |v| {
            v.check_closure();
        });

        let t = Instant::now();
        let doomed = self.unreachable_finalisable();
        let mut finalize_ns = ns(t, Instant::now());

        // (b) weak processing for the unmarked referents.
        let t = Instant::now();
        let mut pending = Vec::new();
        let (weakrefs_cleared, callbacks_queued) = self.process_weak(
            on_weakref_cleared,
            !doomed.is_empty(),
            &mut pending,
            threads,
        );
        let mut weak_ns = ns(t, Instant::now());

        // (c) finalisation: report, then keep each one with its closure.
        let mut resurrected = 0;
        if !doomed.is_empty() {
            let t = Instant::now();
            for &p in &doomed {
                // SAFETY: `p` came from an ATB head of this heap, unswept.
                let c = unsafe { Chunk::of(p.addr()) };
                c.ftb.clear(c.block_of(p.addr()));
                on_finalize(p);
            }
            resurrected = mark_all(
                &mut |t| doomed.iter().for_each(|&p| t.mark(p)),
                threads,
                v,
                &self.workers,
            );
            resurrected += self.keep_resurrected_weakrefs(&pending, threads, v);
            marked += resurrected;
            finalize_ns += ns(t, Instant::now());
            verifying(&mut |v| {
                v.check_closure();
            });
            // (d) prune weak references that stayed unmarked.
            let t = Instant::now();
            self.prune_weak();
            weak_ns += ns(t, Instant::now());
        }
        verifying(&mut |v| v.check_side_tables(self, true));

        // (e) sweep.
        let t = Instant::now();
        let (freed, freed_bytes, live) = self.sweep(threads);
        let sweep_ns = ns(t, Instant::now());

        self.live_bytes.store(live, Relaxed);
        self.baseline.store(live, Relaxed);
        self.trigger.store(
            self.trigger_after(live, self.threshold.load(Relaxed)),
            Relaxed,
        );
        // Payloads may grow by the threshold, or by half of what they hold if more (so
        // a program with much payload data is not collected at every few megabytes),
        // but never past halfway to the limit.
        let payload = crate::external::bytes();
        let payload_room = self.limit.saturating_sub(live.saturating_add(payload)) / 2;
        let growth = self.threshold.load(Relaxed).max(payload / 2);
        crate::external::set_trigger(growth.min(payload_room));
        self.attention.lower(COLLECT);
        self.epoch.store(next_epoch(), Relaxed);

        let stats = CollectStats {
            stop_ns,
            pause_ns: stop_ns.saturating_add(ns(start, Instant::now())),
            mark_ns,
            weak_ns,
            finalize_ns,
            sweep_ns,
            verify_ns,
            marked,
            resurrected,
            freed,
            freed_bytes,
            live_bytes: live,
            weakrefs_cleared,
            callbacks_queued,
            finalizers_queued: doomed.len(),
            marker_threads: threads,
        };
        let mut h = self.history.lock();
        if h.recent.len() == STATS_HISTORY {
            h.recent.pop_front();
        }
        h.recent.push_back(stats.clone());
        h.summary.add(&stats);
        stats
    }

    /// A full collection without finalisation hooks: [`Heap::collect_with`] with
    /// `on_weakref_cleared` wrapped (counted as queuing no callback), finalisable objects
    /// kept one more cycle but not reported, and `stop_ns` 0. Kept for callers that do
    /// not run `__del__` (yet).
    ///
    /// `on_weakref_cleared(weakref)` is called during weak processing, once for every
    /// weak reference that is itself marked and whose referent is dead (for one
    /// referent, newest weak reference first). It must not allocate. Weak references
    /// that are themselves dead are dropped from the map silently.
    pub fn collect(
        &self,
        roots: &mut dyn FnMut(&mut Tracer),
        on_weakref_cleared: &mut dyn FnMut(GcPtr),
    ) -> CollectStats {
        self.collect_with(Collection {
            roots,
            on_weakref_cleared: &mut |w| {
                on_weakref_cleared(w);
                false
            },
            on_finalize: &mut |_| {},
            stop_ns: 0,
        })
    }

    /// Every object with its FTB bit set and its mark bit clear (after marking).
    fn unreachable_finalisable(&self) -> Vec<GcPtr> {
        let mut out = Vec::new();
        for c in self.chunks.read().iter() {
            let c = c.get();
            for i in c.ftb.iter_set(1..c.nblocks()) {
                if c.atb.get(i) && !c.mark.get(i) {
                    // SAFETY: an ATB head bit marks a fully written, unfreed header.
                    out.push(unsafe { GcPtr::from_raw(c.addr_of(i) as *mut GcHeader) });
                }
            }
        }
        out
    }

    /// Sweep every chunk (in parallel with `threads` > 1), rebuild the pool, free dead
    /// large chunks. Returns (freed objects, freed bytes, live bytes).
    fn sweep(&self, threads: usize) -> (usize, usize, usize) {
        let chunks: Vec<ChunkRef> = self.chunks.read().clone();
        let verify = self.verify.load(Relaxed);
        let poison = verify || cfg!(debug_assertions);
        // First sweep with the verifier on: poison every free span, not only the blocks
        // freed now, so that the allocation check can start.
        let poison_spans = verify && !self.poisoned.load(Relaxed);
        let results: Vec<ChunkSweep> = if threads <= 1 || chunks.len() < 2 {
            chunks
                .iter()
                .map(|c| sweep_chunk(c.get(), poison, poison_spans))
                .collect()
        } else {
            // Chunks are claimed one at a time from a shared counter (dead-heavy and
            // all-live chunks cost very differently); results go back in chunk order.
            let next = AtomicUsize::new(0);
            let slots: Vec<Mutex<Option<ChunkSweep>>> =
                chunks.iter().map(|_| Mutex::new(None)).collect();
            self.workers.broadcast(threads.min(chunks.len()), &|_| {
                loop {
                    let i = next.fetch_add(1, Relaxed);
                    let Some(c) = chunks.get(i) else { break };
                    *slots[i].lock() = Some(sweep_chunk(c.get(), poison, poison_spans));
                }
            });
            slots
                .into_iter()
                .map(|s| s.into_inner().expect("every chunk was swept"))
                .collect()
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
        if verify {
            self.poisoned.store(true, Relaxed);
        }
        // Lowest addresses first within a size class.
        spans.sort_unstable_by_key(|s| s.start);
        self.pool.lock().rebuild(spans.into_iter());
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
    /// Payload bytes outside the block heap included ([`crate::external`]).
    pub fn mem_alloc(&self) -> usize {
        self.live_bytes
            .load(Relaxed)
            .saturating_add(crate::external::bytes())
    }

    /// Live blocks and payload memory together are past the heap limit, and payloads are
    /// at least half of the limit (checked after a collection: the program must free
    /// memory or get a MemoryError). Chunks are not counted here (a small limit holds a
    /// chunk or two, mostly free), nor is a heap filled by blocks: new chunks are
    /// checked against the limit where the allocating thread can fail.
    pub fn over_limit(&self) -> bool {
        crate::external::bytes() > self.limit / 2 && self.mem_alloc() > self.limit
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

    /// The live-byte count that requests the next collection: `threshold` past `live`,
    /// but never more than halfway from `live` to the heap limit, so that a heap close
    /// to its limit is collected before an allocation fails rather than after.
    fn trigger_after(&self, live: usize, threshold: usize) -> usize {
        let room = self.limit.saturating_sub(live) / 2;
        // Grow by the threshold or by half the live bytes, whichever is more: a small
        // heap is collected often (its memory stays mapped and in cache, and each
        // collection is cheap), a large one by a fixed fraction of its size (marking
        // work per allocated byte stays bounded).
        live.saturating_add(threshold.max(live / 2).min(room))
    }

    pub fn set_threshold(&self, bytes: usize) {
        self.threshold.store(bytes, Relaxed);
        let trigger = self.trigger_after(self.baseline.load(Relaxed), bytes);
        self.trigger.store(trigger, Relaxed);
        if self.live_bytes.load(Relaxed) > trigger {
            self.request_collect();
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

    /// Is `addr` the start of an allocated (unswept) object's header? Exact for every
    /// object whose allocation happened before this call, on any thread, although its
    /// head may not be in ATB yet (`alloc` module): the runs of unpublished heads are
    /// read first, under the pool lock (no run changes span meanwhile), and ATB after
    /// (a head missing from every run was published before its run moved past it,
    /// `weft_core::heads`). Takes a lock and may walk up to 64 headers: not for hot paths.
    pub fn contains(&self, addr: usize) -> bool {
        if !addr.is_multiple_of(BLOCK_SIZE) {
            return false;
        }
        let Some(c) = self.chunk_at(addr) else {
            return false;
        };
        {
            let pool = self.pool.lock();
            for run in pool.handed_out.iter().map(|r| r.pending()) {
                if run.contains(&addr) {
                    let mut hit = false;
                    crate::ends::walk_run(run, |p| hit |= p.addr() == addr);
                    return hit;
                }
            }
        }
        c.get().atb.get(c.get().block_of(addr))
    }

    /// Set the object's FTB bit (it has a finaliser).
    pub fn set_finaliser(&self, obj: GcPtr) {
        // SAFETY: GcPtr invariant (a live object of this heap).
        let c = unsafe { Chunk::of(obj.addr()) };
        c.ftb.set(c.block_of(obj.addr()));
    }

    /// Clear the object's FTB bit: it no longer needs reporting before it is freed.
    pub fn clear_finaliser(&self, obj: GcPtr) {
        // SAFETY: GcPtr invariant (a live object of this heap).
        let c = unsafe { Chunk::of(obj.addr()) };
        c.ftb.clear(c.block_of(obj.addr()));
    }

    /// The object's FTB bit.
    pub fn has_finaliser(&self, obj: GcPtr) -> bool {
        // SAFETY: GcPtr invariant (a live object of this heap).
        let c = unsafe { Chunk::of(obj.addr()) };
        c.ftb.get(c.block_of(obj.addr()))
    }

    /// Statistics of the recent collections, newest last (at most [`STATS_HISTORY`]).
    pub fn stats(&self) -> Vec<CollectStats> {
        self.history.lock().recent.iter().cloned().collect()
    }

    /// Totals over every collection since the heap was created.
    pub fn stats_summary(&self) -> StatsSummary {
        self.history.lock().summary.clone()
    }

    /// Every allocated (unswept) object, in address order. The world must be stopped
    /// (no thread allocates): the heads the allocating threads still hold are put into
    /// ATB first. For verifiers and debugging.
    pub fn for_each_object(&self, mut f: impl FnMut(GcPtr)) {
        self.publish_alloc_runs();
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
        for p in objs.into_iter().filter(|p| p.vtable().needs_drop) {
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
