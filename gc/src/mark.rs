//! The marker: `Tracer` and the (parallel) transitive closure.
//!
//! Invariants:
//! - an object is claimed by exactly one `fetch_or` on its mark bit (`AtomicBitmap::set`);
//!   only the claiming marker pushes it, so every reachable object is traced exactly once;
//! - work lives on explicit stacks, never on the Rust call stack (a trace function only
//!   pushes), so list depth does not matter;
//! - one marker thread and N marker threads mark the same set (the closure of the roots);
//!   one marker thread marks inline on the collecting thread with one `Vec` stack;
//! - a marking pass may be run again on top of an existing mark set (finaliser
//!   resurrection): it marks the closure of its new roots that is not marked yet;
//! - with the verifier on, every pointer reported to [`Tracer::mark`] is checked to be an
//!   allocated object start *before* the marker touches it (see `verify`).
//!
//! Parallel marking (N > 1 markers, on the heap's persistent [`WorkerPool`]):
//! - each marker works from a private `Vec` stack (no fence, no shared write per object);
//!   the roots are split evenly between the markers' stacks;
//! - work is shared in packets (a `Vec` of objects) through one crossbeam-deque
//!   `Injector`: a marker that pops an object while its stack still holds >= 2 more,
//!   some marker is idle (`active < N`) and no packet is waiting, gives about half of
//!   its stack as one packet: every other item of a short stack, the bottom one included
//!   (on a depth-first stack the deepest items carry the most work), the top half of a
//!   long one (a wide object's children: similar cost, adjacent in memory). The check
//!   is at most three plain loads per object; the shared lines are written only when a
//!   marker goes idle or shares. A wide object (one trace call pushing thousands of
//!   children) is shared from inside its trace, every [`SHARE_WHILE_TRACING`] pushes, so
//!   that tracing its children overlaps with claiming the rest;
//! - an idle marker spins briefly, then parks on a condition variable; publishing a
//!   packet, and the decrement that brings `active` to 0, wake the parked markers
//!   (Dekker-style: publish, fence, read `sleepers` / count in `sleepers`, fence,
//!   re-check under the lock);
//! - termination: `active` counts the markers that may still hold or make work. A
//!   marker decrements it only with an empty stack and after it found the injector
//!   empty (after its own last push, in its own program order), and an idle marker
//!   increments it again *before* it takes a packet. Packets are pushed only by active
//!   markers. So every packet in the injector, and every non-empty stack, belongs to the
//!   time span of some counted marker: once `active` reads 0 there is no work anywhere
//!   and none can appear, and every marker may return. (Model:
//!   `stress/tests/loom_mark_termination.rs`.)

use crate::chunk::Chunk;
use crate::header::GcPtr;
use crate::pool::WorkerPool;
use crate::verify::Verifier;
use crossbeam_deque::{Injector, Steal};
use parking_lot::{Condvar, Mutex};
use std::sync::atomic::{AtomicUsize, Ordering, fence};

enum Sink {
    /// One marker (inline on the collecting thread), or a pass's root recorder.
    Stack(Vec<GcPtr>),
    /// A marker of a parallel pass: its stack, and the pass's shared state. Invariant:
    /// the pointer names a `Shared` that outlives this tracer (`run_worker` borrows it
    /// for longer than its tracer lives).
    Parallel(Vec<GcPtr>, *const Shared),
    /// The verifier's closure check: `mark` checks, never claims or pushes.
    Check,
    /// `gc.get_referents`: `mark` records each pointer, never claims.
    Record(Vec<GcPtr>),
}

/// Handed to trace functions and the root callback. One per marker thread.
pub struct Tracer {
    sink: Sink,
    marked: usize,
    /// The verifier of this collection, or null when it is off. When non-null it points
    /// at a `Verifier` that outlives this tracer (both live inside one collection, the
    /// verifier in an outer scope).
    verify: *const Verifier,
    /// `mark` takes its cold path: `verify` is set, or the sink is `Record`. One flag,
    /// so marking tests one field as before the recorder existed.
    cold: bool,
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
    // Read first: shared objects (types, interned names) are reached from many
    // objects, and a read keeps their mark word's cache line shared between markers
    // where a fetch_or would bounce it.
    !chunk.mark.get(i) && chunk.mark.set(i)
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
            cold: verify.is_some() || matches!(sink, Sink::Record(_)),
            sink,
            marked: 0,
            verify: verify.map_or(std::ptr::null(), |v| v as *const Verifier),
            parent: None,
        }
    }

    /// The pointers one object's trace reports, in its trace's order, marking nothing
    /// (`gc.get_referents`).
    ///
    /// # Safety
    /// `p` is a live object and the world is stopped: trace functions read payloads
    /// without their locks.
    pub unsafe fn referents_of(p: GcPtr) -> Vec<GcPtr> {
        let mut t = Tracer::with_sink(Sink::Record(Vec::new()), None);
        trace_one(p, &mut t);
        match t.sink {
            Sink::Record(v) => v,
            _ => Vec::new(),
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
        if self.cold && self.cold_mark(p) {
            return;
        }
        // SAFETY: GcPtr invariant; trace functions and roots only report live objects
        // (and with the verifier on, `verified_is_check` has just checked that).
        if unsafe { claim(p) } {
            self.marked += 1;
            match &mut self.sink {
                Sink::Stack(v) => v.push(p),
                Sink::Parallel(v, _) => {
                    v.push(p);
                    if v.len().is_multiple_of(SHARE_WHILE_TRACING) {
                        self.share_while_tracing();
                    }
                }
                Sink::Check | Sink::Record(_) => {}
            }
        }
    }

    /// A parallel marker's stack grew by [`SHARE_WHILE_TRACING`] items inside one trace
    /// call (a wide object): give some to an idle marker now rather than after the
    /// trace, so tracing the children overlaps with claiming the rest.
    #[cold]
    #[inline(never)]
    fn share_while_tracing(&mut self) {
        if let Sink::Parallel(stack, shared) = &mut self.sink {
            // SAFETY: a `Sink::Parallel`'s pointer names a live `Shared` (variant
            // invariant).
            let shared = unsafe { &**shared };
            if shared.wants_work(stack.len()) {
                shared.share(stack);
            }
        }
    }

    /// `mark`'s cold path: record `p` (the recorder), or verify it. True when `mark`
    /// must not claim.
    #[cold]
    #[inline(never)]
    fn cold_mark(&mut self, p: GcPtr) -> bool {
        if let Sink::Record(v) = &mut self.sink {
            v.push(p);
            return true;
        }
        self.verified_is_check(p)
    }

    /// Verifier on: check `p` (stops the process if it is not an object start). Returns
    /// true for the checking tracer, which must not claim.
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

    #[inline]
    fn pop(&mut self) -> Option<GcPtr> {
        match &mut self.sink {
            Sink::Stack(v) | Sink::Parallel(v, _) => v.pop(),
            Sink::Check | Sink::Record(_) => None,
        }
    }

    /// The marking stack (empty for the checker).
    fn stack(&mut self) -> &mut Vec<GcPtr> {
        match &mut self.sink {
            Sink::Stack(v) | Sink::Parallel(v, _) => v,
            Sink::Check | Sink::Record(_) => unreachable!("the checker and recorder have no stack"),
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
/// objects this call marked. `verify`: the collection's verifier, if on. With `threads`
/// > 1 the markers run on `pool` (the calling thread is marker 0).
pub(crate) fn mark_all(
    roots: &mut dyn FnMut(&mut Tracer),
    threads: usize,
    verify: Option<&Verifier>,
    pool: &WorkerPool,
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
    let roots = std::mem::take(rec.stack());
    let shared = Shared {
        injector: Injector::new(),
        active: Padded(AtomicUsize::new(threads)),
        threads,
        marked: AtomicUsize::new(0),
        sleepers: Padded(AtomicUsize::new(0)),
        sleep: Mutex::new(()),
        wake: Condvar::new(),
    };
    let (roots, shared) = (&roots[..], &shared);
    pool.broadcast(threads, &|id| {
        // An even split of the roots: marker `id` starts from its share. Rounded up, so
        // that a single root goes to marker 0, the calling thread, which is already
        // running (a pool thread has to be woken first).
        let part = |k: usize| (k * roots.len()).div_ceil(threads);
        let mine = &roots[part(id)..part(id + 1)];
        let n = run_worker(mine, shared, verify);
        shared.marked.fetch_add(n, Ordering::Relaxed);
    });
    root_count + shared.marked.load(Ordering::Relaxed)
}

/// One cache line (two on some CPUs) to itself: the counter polled by every marker must
/// not share a line with data written per object.
#[repr(align(128))]
struct Padded<T>(T);

/// What the markers of one parallel pass share.
struct Shared {
    /// Packets of work given away by busy markers.
    injector: Injector<Vec<GcPtr>>,
    /// Markers that may still hold or make work (see the module doc).
    active: Padded<AtomicUsize>,
    threads: usize,
    /// Sum of the markers' claims.
    marked: AtomicUsize,
    /// Idle markers parked (or about to park) on `wake`; see [`Shared::park`].
    sleepers: Padded<AtomicUsize>,
    sleep: Mutex<()>,
    wake: Condvar,
}

impl Shared {
    /// Take one packet, if any (retrying while the injector reports contention).
    fn take(&self) -> Option<Vec<GcPtr>> {
        loop {
            match self.injector.steal() {
                Steal::Success(v) => return Some(v),
                Steal::Empty => return None,
                Steal::Retry => std::hint::spin_loop(),
            }
        }
    }

    /// Should a marker whose stack holds `len` items (after its pop) give some away?
    #[inline]
    fn wants_work(&self, len: usize) -> bool {
        len >= 2 && self.active.0.load(Ordering::Relaxed) < self.threads && self.injector.is_empty()
    }

    /// Give about half of `stack` as one packet. A short stack (depth-first over a tree:
    /// the deeper the item, the more work it carries) gives every other item, the bottom
    /// one first; a long one (a wide object's children, of similar cost and adjacent in
    /// memory) gives its top half in one piece, which costs one copy of that half.
    #[cold]
    #[inline(never)]
    fn share(&self, stack: &mut Vec<GcPtr>) {
        let give = if stack.len() >= SHORT_STACK {
            stack.split_off(stack.len() / 2)
        } else {
            let mut give = Vec::with_capacity(stack.len().div_ceil(2));
            let mut keep = 0;
            for i in 0..stack.len() {
                let p = stack[i];
                if i.is_multiple_of(2) {
                    give.push(p);
                } else {
                    stack[keep] = p;
                    keep += 1;
                }
            }
            stack.truncate(keep);
            give
        };
        self.injector.push(give);
        self.wake_sleepers();
    }

    /// Leave the active count; the last one out wakes the parked markers so they see 0.
    fn go_idle(&self) {
        if self.active.0.fetch_sub(1, Ordering::SeqCst) == 1 {
            self.wake_sleepers();
        }
    }

    /// After publishing a packet or reaching `active == 0`: wake parked markers.
    /// Dekker-style with [`Shared::park`]: the publication, a SeqCst fence, then the
    /// read of `sleepers`; the sleeper counts itself, fences, then re-reads the
    /// conditions under the lock. One of the two sees the other, and the notify is
    /// sent under the lock, so it cannot fall between the sleeper's check and its wait.
    fn wake_sleepers(&self) {
        fence(Ordering::SeqCst);
        if self.sleepers.0.load(Ordering::SeqCst) > 0 {
            let _g = self.sleep.lock();
            self.wake.notify_all();
        }
    }

    /// Park an idle marker until a packet is published or `active` reaches 0 (spinning
    /// or yielding would steal the CPU from a busy marker when the machine is loaded).
    #[cold]
    fn park(&self) {
        let mut g = self.sleep.lock();
        self.sleepers.0.fetch_add(1, Ordering::SeqCst);
        fence(Ordering::SeqCst);
        if self.injector.is_empty() && self.active.0.load(Ordering::SeqCst) != 0 {
            self.wake.wait(&mut g);
        }
        self.sleepers.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// One marker of a parallel pass; returns the number of objects it claimed.
fn run_worker(roots: &[GcPtr], shared: &Shared, verify: Option<&Verifier>) -> usize {
    let mut tracer = Tracer::with_sink(Sink::Parallel(roots.to_vec(), shared), verify);
    // A marker panics only on a verifier report with `verify_panics` (tests); it is
    // active then, so leave the count or the others would wait for it forever.
    struct LeaveOnPanic<'a>(&'a Shared);
    impl Drop for LeaveOnPanic<'_> {
        fn drop(&mut self) {
            if std::thread::panicking() {
                self.0.go_idle();
            }
        }
    }
    let _leave = LeaveOnPanic(shared);
    'work: loop {
        while let Some(p) = tracer.pop() {
            if shared.wants_work(tracer.stack().len()) {
                shared.share(tracer.stack());
            }
            trace_one(p, &mut tracer);
        }
        // Our stack is empty: first look for a packet while still counted as active.
        if let Some(v) = shared.take() {
            *tracer.stack() = v;
            continue 'work;
        }
        // Out of work: go idle, and come back only through `active` (see module doc).
        shared.go_idle();
        let mut spins = 0u32;
        loop {
            if !shared.injector.is_empty() {
                shared.active.0.fetch_add(1, Ordering::SeqCst);
                if let Some(v) = shared.take() {
                    *tracer.stack() = v;
                    continue 'work;
                }
                shared.go_idle();
            }
            if shared.active.0.load(Ordering::SeqCst) == 0 {
                return tracer.marked;
            }
            spins += 1;
            if spins < SPINS_BEFORE_PARKING {
                std::hint::spin_loop();
            } else {
                shared.park();
            }
        }
    }
}

/// Stacks shorter than this are shared item by item (see `Shared::share`).
const SHORT_STACK: usize = 64;

/// A parallel marker whose stack reaches a multiple of this many items while it traces
/// one object offers work to idle markers at once (see `Tracer::share_while_tracing`).
const SHARE_WHILE_TRACING: usize = 4096;

/// Idle polls (each a few loads and a `pause`) before an idle marker parks: a few
/// microseconds, long enough to catch the packet a busy marker gives right away.
const SPINS_BEFORE_PARKING: u32 = 2000;
