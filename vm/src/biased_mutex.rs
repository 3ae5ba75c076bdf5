//! `BiasedMutex<T>`: a value behind a [`BiasedLock`], for payloads that one thread
//! usually uses alone (a `bytearray`).
//!
//! The interface is a mutex's (`lock()` gives a guard that derefs to the value), but
//! the thread that owns the bias locks with plain stores and a compiler fence instead
//! of a compare-and-swap and a release (two locked instructions, about 40 ns each on
//! the machines weft runs on, for every `b[i]` and `b[i] = x`). A second thread that
//! locks it revokes the bias once; from then on it is a spin lock
//! (`weft_core::biased_lock`, checked by `stress/tests/loom_biased.rs`).
//!
//! As with every payload lock (DESIGN.md invariant 3), a guard is held for one
//! operation: no Python code runs and no safepoint is reached while it is held, and no
//! thread takes the same lock twice.
use std::cell::UnsafeCell;
use weft_core::biased_lock::{BiasedGuard, BiasedLock};

pub struct BiasedMutex<T> {
    lock: BiasedLock,
    data: UnsafeCell<T>,
}

// SAFETY: the value is reached only through a guard, and guards exclude each other
// (`BiasedLock`), so it is used by one thread at a time.
unsafe impl<T: Send> Sync for BiasedMutex<T> {}
// SAFETY: as above.
unsafe impl<T: Send> Send for BiasedMutex<T> {}

/// Access to a [`BiasedMutex`]'s value until dropped.
pub struct BiasedMutexGuard<'a, T> {
    _g: BiasedGuard<'a>,
    data: &'a UnsafeCell<T>,
}

impl<T> BiasedMutex<T> {
    /// A lock biased to the creating thread, which usually goes on using the value.
    pub fn new(v: T) -> BiasedMutex<T> {
        let lock = BiasedLock::new();
        let me = crate::vm::current_thread_id();
        if me != weft_core::biased_lock::NOBODY {
            lock.bias_to(me);
        }
        BiasedMutex {
            lock,
            data: UnsafeCell::new(v),
        }
    }

    #[inline]
    pub fn lock(&self) -> BiasedMutexGuard<'_, T> {
        BiasedMutexGuard {
            _g: self.lock.lock(crate::vm::current_thread_id()),
            data: &self.data,
        }
    }

    /// The value, for the collector's trace.
    ///
    /// # Safety
    /// Nobody holds or takes the lock meanwhile (the world is stopped: invariant 3).
    pub unsafe fn data_ptr(&self) -> *mut T {
        self.data.get()
    }
}

impl<T> std::ops::Deref for BiasedMutexGuard<'_, T> {
    type Target = T;
    #[inline]
    fn deref(&self) -> &T {
        // SAFETY: the guard holds the lock (module doc).
        unsafe { &*self.data.get() }
    }
}

impl<T> std::ops::DerefMut for BiasedMutexGuard<'_, T> {
    #[inline]
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: the guard holds the lock, and `&mut self` makes this borrow unique.
        unsafe { &mut *self.data.get() }
    }
}

// SAFETY: as for `parking_lot::Mutex`: nobody holds or takes the lock while the world is
// stopped (invariant 3), so reading the value unlocked is exact.
unsafe impl<T: crate::trace::Trace> crate::trace::Trace for BiasedMutex<T> {
    #[inline]
    fn trace(&self, t: &mut weft_gc::Tracer) {
        // SAFETY: see above.
        unsafe { (*self.data_ptr()).trace(t) }
    }
}
