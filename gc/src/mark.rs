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
//! - one marker thread and N marker threads mark the same set (the closure of the roots).

use crate::chunk::Chunk;
use crate::header::GcPtr;
use crossbeam_deque::{Steal, Stealer, Worker};
use std::sync::atomic::{AtomicUsize, Ordering};

enum Sink {
    Stack(Vec<GcPtr>),
    Deque(Worker<GcPtr>),
}

/// Handed to trace functions and the root callback. One per marker thread.
pub struct Tracer {
    sink: Sink,
    marked: usize,
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
    pub(crate) fn new_stack() -> Tracer {
        Tracer {
            sink: Sink::Stack(Vec::new()),
            marked: 0,
        }
    }

    /// Mark `p` (atomic fetch_or on its mark bit); push it for tracing if newly marked.
    #[inline]
    pub fn mark(&mut self, p: GcPtr) {
        // SAFETY: GcPtr invariant; trace functions and roots only report live objects.
        if unsafe { claim(p) } {
            self.marked += 1;
            match &mut self.sink {
                Sink::Stack(v) => v.push(p),
                Sink::Deque(w) => w.push(p),
            }
        }
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
        }
    }

    fn steal(&mut self, id: usize, stealers: &[Stealer<GcPtr>]) -> Option<GcPtr> {
        match &self.sink {
            Sink::Deque(w) => steal(id, w, stealers),
            Sink::Stack(_) => None,
        }
    }

    fn into_roots(self) -> Vec<GcPtr> {
        match self.sink {
            Sink::Stack(v) => v,
            Sink::Deque(w) => std::iter::from_fn(|| w.pop()).collect(),
        }
    }
}

#[inline]
fn trace_one(p: GcPtr, tracer: &mut Tracer) {
    // SAFETY: `p` was claimed by this marker, so it is a live object traced exactly once,
    // during a stopped world (Heap::collect's contract).
    unsafe { (p.vtable().trace)(p, tracer) }
}

/// Mark everything reachable from `roots`; returns the number of objects marked.
pub(crate) fn mark_all(roots: &mut dyn FnMut(&mut Tracer), threads: usize) -> usize {
    let mut rec = Tracer::new_stack();
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
            .map(|(id, w)| s.spawn(move || run_worker(id, w, stealers, active)))
            .collect();
        let mine = run_worker(0, first, stealers, active);
        mine + handles
            .into_iter()
            .map(|h| h.join().unwrap())
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
) -> usize {
    let mut tracer = Tracer {
        sink: Sink::Deque(w),
        marked: 0,
    };
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
