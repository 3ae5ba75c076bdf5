//! A lock for the short critical sections of the object model (list and dict writers):
//! one locked instruction to take it, a plain store to release it.
//!
//! `parking_lot::Mutex` costs two locked read-modify-writes per use (a compare-exchange
//! to lock and another to unlock, since the unlock must see whether a waiter parked),
//! about 40 ns each on the machines weft runs on, more than the rest of a dict store.
//! The sections this lock guards are a few hundred instructions at most, run no Python
//! code and never reach a safepoint (DESIGN.md invariant 3), so a waiter does not park:
//! it spins, then yields its time slice, and tries again. With no parked waiter to wake,
//! the release is a Release store.
//!
//! States: `locked == false` (free) and `locked == true` (held by the one thread whose
//! compare-exchange from false succeeded). Only the holder stores false. Acquire on the
//! successful compare-exchange and Release on the store make each holder see every
//! write of the previous one.
//!
//! Under loom (`--cfg loom`) the sync shim uses loom's mutex instead (`crate::sync`),
//! so the models check the protocols built on this lock with the same exclusion.
use std::cell::UnsafeCell;
use std::sync::atomic::AtomicBool;
use std::sync::atomic::Ordering::{Acquire, Relaxed, Release};

pub struct SpinLock<T> {
    locked: AtomicBool,
    value: UnsafeCell<T>,
}

// SAFETY: the value is reached only through a guard, and one guard exists at a time
// (module doc), so sharing the lock shares `T` as a mutex would.
unsafe impl<T: Send> Send for SpinLock<T> {}
unsafe impl<T: Send> Sync for SpinLock<T> {}

impl<T: Default> Default for SpinLock<T> {
    fn default() -> Self {
        SpinLock::new(T::default())
    }
}

impl<T> SpinLock<T> {
    pub const fn new(value: T) -> Self {
        SpinLock {
            locked: AtomicBool::new(false),
            value: UnsafeCell::new(value),
        }
    }

    #[inline]
    pub fn lock(&self) -> SpinGuard<'_, T> {
        if self
            .locked
            .compare_exchange_weak(false, true, Acquire, Relaxed)
            .is_err()
        {
            self.lock_contended();
        }
        SpinGuard { lock: self }
    }

    #[cold]
    fn lock_contended(&self) {
        let mut spins = 0u32;
        loop {
            // Wait reading (no write traffic on the line), then try once.
            while self.locked.load(Relaxed) {
                if spins < 64 {
                    std::hint::spin_loop();
                    spins += 1;
                } else {
                    // The holder may be descheduled: give it the core.
                    std::thread::yield_now();
                }
            }
            if self
                .locked
                .compare_exchange_weak(false, true, Acquire, Relaxed)
                .is_ok()
            {
                return;
            }
        }
    }

    pub fn into_inner(self) -> T {
        self.value.into_inner()
    }
}

/// Holds a [`SpinLock`]; releases it on drop.
pub struct SpinGuard<'a, T> {
    lock: &'a SpinLock<T>,
}

impl<T> std::ops::Deref for SpinGuard<'_, T> {
    type Target = T;
    #[inline]
    fn deref(&self) -> &T {
        // SAFETY: this guard's thread holds the lock: no other reference exists.
        unsafe { &*self.lock.value.get() }
    }
}

impl<T> std::ops::DerefMut for SpinGuard<'_, T> {
    #[inline]
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: as in deref, and `&mut self` makes this the only borrow of the guard.
        unsafe { &mut *self.lock.value.get() }
    }
}

impl<T> Drop for SpinGuard<'_, T> {
    #[inline]
    fn drop(&mut self) {
        self.lock.locked.store(false, Release);
    }
}

#[cfg(test)]
mod tests {
    use super::SpinLock;
    use std::sync::Arc;

    #[test]
    fn counts_every_increment_under_contention() {
        let l = Arc::new(SpinLock::new(0u64));
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let l = l.clone();
                std::thread::spawn(move || {
                    for _ in 0..100_000 {
                        *l.lock() += 1;
                    }
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        assert_eq!(*l.lock(), 400_000);
    }
}
