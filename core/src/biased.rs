//! A position (an iterator's index) stepped by one owning thread without locked
//! instructions, and by compare-and-swap once another thread has used it.
//!
//! Almost every iterator is stepped by the thread that made it, yet a shared one must
//! hand out each item once (DESIGN.md invariant 4). A compare-and-swap per step costs
//! 10-40 ns on the machines weft runs on, as much as the rest of a `for` loop's step,
//! so the position is *biased* to its creator, as JVMs bias locks:
//!
//! States of the `owner` word:
//! - a thread id (`OWNED`): only that thread steps, with a plain load and store;
//! - [`REVOKING`]: another thread wants to step; before anyone trusts the
//!   compare-and-swap path, every owner step that may be in progress must be over;
//! - [`SHARED`]: every thread steps by compare-and-swap.
//!
//! Transitions: `OWNED(t)` → `REVOKING` → `SHARED`, each taken by a non-owner in
//! [`BiasedIndex::share`]; never back. The owner moves nothing.
//!
//! Why a plain store by the owner never overwrites another thread's step: an owner step
//! is "read `owner` = me, read the position, store the next one" with no safepoint in
//! between (the caller's contract). A thread that finds the word not its own and not
//! `SHARED` stores `REVOKING`, then stops the world and restarts it (or sees a stop
//! that began after its store, which serves the same). A stop parks every other thread
//! at a safepoint, so the owner's step in flight has finished and its store is visible;
//! the owner's later steps read `REVOKING` or `SHARED` and take the compare-and-swap
//! path. Only after its own handshake does a thread step by compare-and-swap, so a
//! thread that sees `REVOKING` (someone else's handshake may be under way) makes one
//! too. `stress/tests/loom_biased.rs` checks this with the real [`World`].
//!
//! Orderings: the `owner` word is read and written SeqCst (on x86 a SeqCst load is a
//! plain load: the owner's step stays free of locked instructions). When the stop that
//! serves a handshake was begun by a third thread (`stop_the_world` returned None), it
//! is the single total order that places the `REVOKING` store before that stop's start,
//! and so before the owner's next read of the word.
use crate::stw::{ThreadSlot, World};
use crate::sync::atomic::{
    AtomicU32, AtomicU64,
    Ordering::{Relaxed, SeqCst},
};

/// Every thread may step, by compare-and-swap.
pub const SHARED: u32 = u32::MAX;
/// A non-owner is making the handshake that ends the owner's plain steps.
pub const REVOKING: u32 = u32::MAX - 1;

/// A position owned by the thread that made it (see the module doc).
#[derive(Debug)]
pub struct BiasedIndex {
    owner: AtomicU32,
    pos: AtomicU64,
}

impl BiasedIndex {
    /// A position at `start` owned by thread `me` (a non-zero id below [`REVOKING`],
    /// unique among the threads alive at the same time).
    pub fn new(me: u32, start: u64) -> BiasedIndex {
        debug_assert!(me < REVOKING);
        BiasedIndex {
            owner: AtomicU32::new(me),
            pos: AtomicU64::new(start),
        }
    }

    /// The current position.
    #[inline]
    pub fn load(&self) -> u64 {
        self.pos.load(Relaxed)
    }

    /// Overwrite the position (`__setstate__`); racing steps may be lost, as in
    /// CPython's free-threaded build.
    pub fn store(&self, v: u64) {
        self.pos.store(v, Relaxed);
    }

    /// May thread `me` step now: it owns the position, or the position is shared (then
    /// it must use compare-and-swap, which [`advance`](Self::advance) does)? False: call
    /// [`share`](Self::share) first, at a safepoint.
    #[inline]
    pub fn may_step(&self, me: u32) -> bool {
        let o = self.owner.load(SeqCst);
        o == me || o == SHARED
    }

    /// Move the position from `from` (read by this step with [`load`](Self::load)) to
    /// `to`; false when another thread moved it first (read again). Only after
    /// [`may_step`](Self::may_step) was true for `me` in this step.
    #[inline]
    pub fn advance(&self, me: u32, from: u64, to: u64) -> bool {
        if self.owner.load(SeqCst) == me {
            self.pos.store(to, Relaxed);
            true
        } else {
            self.pos
                .compare_exchange(from, to, Relaxed, Relaxed)
                .is_ok()
        }
    }

    /// End the owner's plain steps (module doc): afterwards every thread but none steps
    /// plainly. `me` must be ATTACHED at a safepoint: it may wait for another stopper
    /// detached, and it stops the world.
    #[cold]
    pub fn share(&self, world: &World, me: &ThreadSlot) {
        if self.owner.load(SeqCst) == SHARED {
            return;
        }
        self.owner.store(REVOKING, SeqCst);
        // Some(stop): every other thread is parked now. None: a stop began after the
        // store above and has ended, which parked them just the same.
        drop(world.stop_the_world(me));
        self.owner.store(SHARED, SeqCst);
    }
}
