//! `ExclusiveCell`: a value that one thread at a time may use, claimed with one
//! compare-exchange and released with one plain store. No lock, no parking: a thread
//! that finds the cell claimed is told so and does not wait.
//!
//! The vm keeps a generator's frame in one (`objects/generator.rs`): resuming claims it
//! for the whole run of the frame, and a second resume while it runs (on any thread)
//! fails with "generator already executing", as in CPython.
//!
//! Invariants:
//! - `busy` goes false → true only by a successful compare-exchange (Acquire), so at
//!   most one [`Claim`] exists at a time; it goes true → false only when that claim is
//!   dropped (Release store), so everything the holder wrote is visible to the next
//!   holder;
//! - only a claim holder reaches the value, except [`ExclusiveCell::with_unclaimed`],
//!   whose caller guarantees that no holder is using it at that moment (the collector,
//!   while the world is stopped: a holder parked at a safepoint keeps no `&mut` to the
//!   value across it, so a shared read is safe).
use crate::sync::atomic::AtomicBool;
use crate::sync::atomic::Ordering::{Acquire, Relaxed, Release};
use crate::sync::cell::UnsafeCell;

pub struct ExclusiveCell<T> {
    busy: AtomicBool,
    value: UnsafeCell<T>,
}

// SAFETY: the value is only reached by the one claim holder (module invariants), so
// sharing the cell only ever moves `T` between threads: `T: Send` suffices.
unsafe impl<T: Send> Sync for ExclusiveCell<T> {}
unsafe impl<T: Send> Send for ExclusiveCell<T> {}

/// Exclusive use of an [`ExclusiveCell`]'s value until dropped.
pub struct Claim<'a, T> {
    cell: &'a ExclusiveCell<T>,
}

impl<T> ExclusiveCell<T> {
    pub fn new(v: T) -> Self {
        ExclusiveCell {
            busy: AtomicBool::new(false),
            value: UnsafeCell::new(v),
        }
    }

    /// Claim the value, or None if another claim is live (one compare-exchange).
    #[inline]
    pub fn try_claim(&self) -> Option<Claim<'_, T>> {
        // `--cfg weft_broken_gen`: a load and a store instead of one compare-exchange,
        // so two threads can both see `false` and both claim (the loom model must fail).
        #[cfg(weft_broken_gen)]
        let won = !self.busy.load(Acquire) && {
            self.busy.store(true, Relaxed);
            true
        };
        #[cfg(not(weft_broken_gen))]
        let won = self
            .busy
            .compare_exchange(false, true, Acquire, Relaxed)
            .is_ok();
        // `then`, not `then_some`: a Claim made and dropped on failure would release
        // the winner's claim (the loom model caught exactly that).
        won.then(|| Claim { cell: self })
    }

    /// Is a claim live now? (A snapshot, for `gi_running`.)
    #[inline]
    pub fn is_claimed(&self) -> bool {
        self.busy.load(Relaxed)
    }

    /// Read the value without a claim.
    ///
    /// # Safety
    /// No claim holder may be writing the value meanwhile: the world is stopped, and a
    /// holder keeps no `&mut` to it across a safepoint (see the module doc).
    pub unsafe fn with_unclaimed<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        // SAFETY: caller's contract: only shared reads happen now.
        self.value.with(|p| f(unsafe { &*p }))
    }
}

impl<T> Claim<'_, T> {
    /// Use the value (shared; may last across a safepoint).
    #[inline]
    pub fn with<R>(&self, f: impl FnOnce(&T) -> R) -> R {
        // SAFETY: this claim is the only one (module invariants); others read only
        // through `with_unclaimed`, under its contract.
        self.cell.value.with(|p| f(unsafe { &*p }))
    }

    /// Change the value (must not reach a safepoint inside `f`).
    #[inline]
    pub fn with_mut<R>(&mut self, f: impl FnOnce(&mut T) -> R) -> R {
        // SAFETY: as in `with`; `&mut self` excludes this claim's own shared uses.
        self.cell.value.with_mut(|p| f(unsafe { &mut *p }))
    }
}

impl<T> Drop for Claim<'_, T> {
    #[inline]
    fn drop(&mut self) {
        self.cell.busy.store(false, Release);
    }
}
