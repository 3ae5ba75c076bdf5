//! A writer lock that the one thread using an object takes without a locked
//! instruction, and that becomes an ordinary spin lock once a second thread writes.
//!
//! A list's writers take its lock for every `append` and item store; the compare-and-
//! swap of [`SpinLock`] cost a fifth of an append loop's time (it is 10-40 ns on the
//! machines weft runs on). Most lists are written by one thread only, so the lock is
//! *biased* to the first thread that writes, and the bias is revoked with an asymmetric
//! Dekker handshake (`asym`): the owner pays compiler fences, the revoker a membarrier.
//!
//! States of the `owner` word (the `biased` module's constants):
//! - `NOBODY`: no writer yet; the first writer claims the bias by compare-and-swap (or
//!   the creator, before anyone else can see the lock: `bias_to`);
//! - a thread id: that thread locks by setting `held`, then checking that it still owns
//!   the lock (the fast path, no read-modify-write);
//! - `REVOKING`: another thread has stored it and may still be making its barrier;
//! - `SHARED`: a barrier has completed since the bias ended: every writer takes `lock`.
//!
//! Why two holders never overlap: the owner stores `held = true`, runs `asym::light`,
//! then loads `owner`; a revoker stores `REVOKING`, runs `asym::heavy`, then (under
//! `lock`) waits until it loads `held == false`. Dekker's argument: either the owner's
//! load sees the revocation (it backs off and takes `lock` like everyone) or the
//! revoker's load sees `held` (it waits for that section to end; the section runs no
//! Python code and reaches no safepoint, so it ends soon). Every thread that sees
//! `REVOKING` makes its own barrier before trusting `lock`, since the first revoker's
//! barrier may not be over; `SHARED` is stored only after a barrier, so threads that
//! see it need none. The owner's later attempts all see the revocation (the barrier
//! orders them), so after it the lock is exactly the spin lock.
//! `stress/tests/loom_biased.rs` checks this with loom (where both fences are SeqCst).
use crate::asym;
use crate::biased::{REVOKING, SHARED};
use crate::sync::atomic::{
    AtomicBool, AtomicU32,
    Ordering::{Acquire, Relaxed, Release},
};
use crate::sync::{SpinGuard, SpinLock};

/// No thread has written yet.
pub const NOBODY: u32 = 0;

/// See the module doc.
pub struct BiasedLock {
    owner: AtomicU32,
    held: AtomicBool,
    lock: SpinLock<()>,
}

impl Default for BiasedLock {
    fn default() -> Self {
        BiasedLock::new()
    }
}

/// Holds a [`BiasedLock`] until dropped.
pub enum BiasedGuard<'a> {
    /// The owner's section (`held` set).
    Fast(&'a AtomicBool),
    /// The shared lock.
    Slow(#[allow(dead_code)] SpinGuard<'a, ()>),
}

impl Drop for BiasedGuard<'_> {
    #[inline]
    fn drop(&mut self) {
        if let BiasedGuard::Fast(held) = self {
            held.store(false, Release);
        }
    }
}

impl BiasedLock {
    pub fn new() -> BiasedLock {
        BiasedLock {
            owner: AtomicU32::new(NOBODY),
            held: AtomicBool::new(false),
            lock: SpinLock::new(()),
        }
    }

    /// Bias a lock nobody has taken yet to thread `me`, as its first `lock` would: for
    /// a vector its creating thread is about to fill, so that first `lock` needs no
    /// compare-and-swap. Another thread that locks it later revokes the bias as usual.
    #[inline]
    pub fn bias_to(&self, me: u32) {
        debug_assert!(self.owner.load(Relaxed) == NOBODY);
        self.owner.store(me, Relaxed);
    }

    /// Lock as thread `me` (its id, never `NOBODY`, unique among live threads; a thread
    /// that has none passes `NOBODY` and always takes the shared lock).
    #[inline]
    pub fn lock(&self, me: u32) -> BiasedGuard<'_> {
        let mut o = self.owner.load(Relaxed);
        if o == NOBODY && me != NOBODY {
            o = match self.owner.compare_exchange(NOBODY, me, Relaxed, Relaxed) {
                Ok(_) => me,
                Err(now) => now,
            };
        }
        if o == me && me != NOBODY {
            self.held.store(true, Relaxed);
            // `--cfg weft_broken_biased`: no fence, so the owner may miss a revocation
            // while the revoker misses `held` (the loom model must fail).
            #[cfg(not(weft_broken_biased))]
            asym::light();
            if self.owner.load(Relaxed) == me {
                return BiasedGuard::Fast(&self.held);
            }
            self.held.store(false, Release);
        }
        self.lock_shared()
    }

    #[cold]
    #[inline(never)]
    fn lock_shared(&self) -> BiasedGuard<'_> {
        if self.owner.load(Acquire) != SHARED {
            self.owner.store(REVOKING, Relaxed);
            asym::heavy();
            self.owner.store(SHARED, Release);
        }
        let g = self.lock.lock();
        while self.held.load(Acquire) {
            crate::sync::spin_wait();
        }
        BiasedGuard::Slow(g)
    }
}
