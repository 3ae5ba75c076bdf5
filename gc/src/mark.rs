//! The marker: `Tracer` and the (parallel) transitive closure.
//!
//! Invariants:
//! - an object is claimed by exactly one `fetch_or` on its mark bit (`AtomicBitmap::set`);
//!   only the claiming marker pushes it, so every reachable object is traced exactly once;
//! - work lives on explicit deques/stacks, never on the Rust call stack (a trace function
//!   only pushes), so list depth does not matter;
//! - termination (parallel): a worker goes idle only with an empty local deque, and
//!   counts itself active again *before* it tries to steal. Deques are pushed only by
//!   their active owner, so once the active count reads 0 every deque is empty and stays so.
//! - one marker thread and N marker threads mark the same set (the closure of the roots);
//! - a marking pass may be run again on top of an existing mark set (finaliser
//!   resurrection): it marks the closure of its new roots that is not marked yet;
//! - with the verifier on, every pointer reported to [`Tracer::mark`] is checked to be an
//!   allocated object start *before* the marker touches it (see `verify`).

use crate::chunk::Chunk;
use crate::header::GcPtr;
use crate::verify::Verifier;
use crossbeam_deque::{Steal, Stealer, Worker};
use std::sync::atomic::{AtomicUsize, Ordering};

enum Sink {
    Stack(Vec<GcPtr>),
    Deque(Worker<GcPtr>),
    /// The verifier's closure check: `mark` checks, never claims or pushes.
    Check,
}

/// Handed to trace functions and the root callback. One per marker thread.
pub struct Tracer {
    sink: Sink,
    marked: usize,
    /// The verifier of this collection, or null when it is off. When non-null it points
    /// at a `Verifier` that outlives this tracer (both live inside one collection, the
    /// verifier in an outer scope).
    verify: *const Verifier,
    /// The object being traced (None while the root callback runs); for reports.
    parent: Option<GcPtr>,
}

/// Set `p`'s mark bit; true if this call set it.
///
/// # Safety
/// `p` is the header of a live object of a live heap (GcPtr invariant).
#[inline]
pub(crate) unsafe fn claim(p: GcPtr) -> bool {
    // SAFETY: GcPtr invariant, see Chunk::of.
    let chunk = unsafe { Chunk::of(p.addr()) };
    let i = chunk.block_of(p.addr());
    debug_assert!(
        chunk.atb.get(i),
        "Tracer::mark on a non-object {:#x}",
        p.addr()
    );
    chunk.mark.set(i)
}

/// Is `p`'s mark bit set? Same contract as [`claim`].
#[inline]
pub(crate) unsafe fn is_marked(p: GcPtr) -> bool {
    // SAFETY: caller's contract.
    let chunk = unsafe { Chunk::of(p.addr()) };
    chunk.mark.get(chunk.block_of(p.addr()))
}

impl Tracer {
    fn with_sink(sink: Sink, verify: Option<&Verifier>) -> Tracer {
        Tracer {
            sink,
            marked: 0,
            verify: verify.map_or(std::ptr::null(), |v| v as *const Verifier),
            parent: None,
        }
    }

    pub(crate) fn new_stack(verify: Option<&Verifier>) -> Tracer {
        Tracer::with_sink(Sink::Stack(Vec::new()), verify)
    }

    /// The verifier's checking tracer (see `Verifier::check_closure`).
    pub(crate) fn new_checker(verify: &Verifier) -> Tracer {
        Tracer::with_sink(Sink::Check, Some(verify))
    }

    /// Mark `p` (atomic fetch_or on its mark bit); push it for tracing if newly marked.
    #[inline]
    pub fn mark(&mut self, p: GcPtr) {
        if !self.verify.is_null() && self.verified_is_check(p) {
            return;
        }
        // SAFETY: GcPtr invariant; trace functions and roots only report live objects
        // (and with the verifier on, `verified_is_check` has just checked that).
        if unsafe { claim(p) } {
            self.marked += 1;
            match &mut self.sink {
                Sink::Stack(v) => v.push(p),
                Sink::Deque(w) => w.push(p),
                Sink::Check => {}
            }
        }
    }

    /// Verifier on: check `p` (stops the process if it is not an object start). Returns
    /// true for the checking tracer, which must not claim.
    #[cold]
    #[inline(never)]
    fn verified_is_check(&mut self, p: GcPtr) -> bool {
        // SAFETY: non-null `verify` points at a live Verifier (field invariant).
        let v = unsafe { &*self.verify };
        v.check_pointer(self.parent, p);
        if matches!(self.sink, Sink::Check) {
            v.check_marked_child(self.parent, p);
            return true;
        }
        false
    }

    /// Trace one object with this tracer (the checker's entry point).
    pub(crate) fn trace_object(&mut self, p: GcPtr) {
        trace_one(p, self);
    }

    /// Mark an optional pointer.
    #[inline]
    pub fn mark_opt(&mut self, p: Option<GcPtr>) {
        if let Some(p) = p {
            self.mark(p);
        }
    }

    /// Objects this tracer has claimed so far.
    pub fn marked(&self) -> usize {
        self.marked
    }

    fn pop(&mut self) -> Option<GcPtr> {
        match &mut self.sink {
            Sink::Stack(v) => v.pop(),
            Sink::Deque(w) => w.pop(),
            Sink::Check => None,
        }
    }

    fn steal(&mut self, id: usize, stealers: &[Stealer<GcPtr>]) -> Option<GcPtr> {
        match &self.sink {
            Sink::Deque(w) => steal(id, w, stealers),
            Sink::Stack(_) | Sink::Check => None,
        }
    }

    fn into_roots(self) -> Vec<GcPtr> {
        match self.sink {
            Sink::Stack(v) => v,
            Sink::Deque(w) => std::iter::from_fn(|| w.pop()).collect(),
            Sink::Check => Vec::new(),
        }
    }
}

#[inline]
fn trace_one(p: GcPtr, tracer: &mut Tracer) {
    tracer.parent = Some(p);
    // SAFETY: `p` was claimed by this marker (or, for the verifier's checker, is a marked
    // object start), so it is a live object; the world is stopped (Heap::collect's
    // contract). Markers trace each object exactly once; the checker traces again after
    // marking is over, when no marker runs.
    unsafe { (p.vtable().trace)(p, tracer) }
}

/// Mark everything reachable from `roots` that is not marked yet; returns the number of
/// objects this call marked. `verify`: the collection's verifier, if on.
pub(crate) fn mark_all(
    roots: &mut dyn FnMut(&mut Tracer),
    threads: usize,
    verify: Option<&Verifier>,
) -> usize {
    let mut rec = Tracer::new_stack(verify);
    roots(&mut rec);
    if threads <= 1 {
        // Inline: the recording tracer just keeps going.
        while let Some(p) = rec.pop() {
            trace_one(p, &mut rec);
        }
        return rec.marked;
    }
    let root_count = rec.marked;
    let roots = rec.into_roots();
    let workers: Vec<Worker<GcPtr>> = (0..threads).map(|_| Worker::new_lifo()).collect();
    for (i, p) in roots.into_iter().enumerate() {
        workers[i % threads].push(p);
    }
    let stealers: Vec<Stealer<GcPtr>> = workers.iter().map(Worker::stealer).collect();
    let active = AtomicUsize::new(threads);
    let stealers = &stealers;
    let active = &active;
    let mut workers = workers.into_iter().enumerate();
    let (_, first) = workers.next().unwrap();
    let traced: usize = std::thread::scope(|s| {
        let handles: Vec<_> = workers
            .map(|(id, w)| s.spawn(move || run_worker(id, w, stealers, active, verify)))
            .collect();
        let mine = run_worker(0, first, stealers, active, verify);
        mine + handles
            .into_iter()
            // A worker only panics on a verifier report with `verify_panics`: pass the
            // report on unchanged.
            .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .sum::<usize>()
    });
    root_count + traced
}

/// Try to steal one item (and a batch into `local`) from any other worker.
fn steal(id: usize, local: &Worker<GcPtr>, stealers: &[Stealer<GcPtr>]) -> Option<GcPtr> {
    let n = stealers.len();
    loop {
        let mut retry = false;
        for k in 1..n {
            match stealers[(id + k) % n].steal_batch_and_pop(local) {
                Steal::Success(p) => return Some(p),
                Steal::Retry => retry = true,
                Steal::Empty => {}
            }
        }
        if !retry {
            return None;
        }
    }
}

fn run_worker(
    id: usize,
    w: Worker<GcPtr>,
    stealers: &[Stealer<GcPtr>],
    active: &AtomicUsize,
    verify: Option<&Verifier>,
) -> usize {
    let mut tracer = Tracer::with_sink(Sink::Deque(w), verify);
    // A worker panics only on a verifier report with `verify_panics` (tests); it is
    // active then, so leave the count or the others would wait for it forever.
    struct LeaveOnPanic<'a>(&'a AtomicUsize);
    impl Drop for LeaveOnPanic<'_> {
        fn drop(&mut self) {
            if std::thread::panicking() {
                self.0.fetch_sub(1, Ordering::SeqCst);
            }
        }
    }
    let _leave = LeaveOnPanic(active);
    'work: loop {
        while let Some(p) = tracer.pop() {
            trace_one(p, &mut tracer);
        }
        if let Some(p) = tracer.steal(id, stealers) {
            trace_one(p, &mut tracer);
            continue 'work;
        }
        // Out of work: go idle, and come back only through `active` (see module doc).
        active.fetch_sub(1, Ordering::SeqCst);
        let mut spins = 0u32;
        loop {
            if stealers.iter().any(|s| !s.is_empty()) {
                active.fetch_add(1, Ordering::SeqCst);
                if let Some(p) = tracer.steal(id, stealers) {
                    trace_one(p, &mut tracer);
                    continue 'work;
                }
                active.fetch_sub(1, Ordering::SeqCst);
            }
            if active.load(Ordering::SeqCst) == 0 {
                return tracer.marked;
            }
            spins += 1;
            if spins < 64 {
                std::hint::spin_loop();
            } else {
                std::thread::yield_now();
            }
        }
    }
}
