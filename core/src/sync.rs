//! Sync shim: one place that switches between std/parking_lot and loom.
//!
//! Normal builds: `std::sync::atomic`, `std::sync::Arc`, `std::thread`,
//! `parking_lot::Mutex` and an `UnsafeCell` with loom's closure API. Under `cfg(loom)`:
//! the loom equivalents. [`Mutex::lock`]
//! returns the guard directly in both (loom's poisoning result is unwrapped), so code
//! written against this module compiles unchanged in both worlds.
//!
//! Rule: a type that a loom model must see uses these names, never `std::sync` directly.

#[cfg(not(loom))]
mod imp {
    pub use crate::spin_lock::{SpinGuard, SpinLock};
    pub use parking_lot::{Mutex, MutexGuard};
    pub use std::sync::Arc;
    pub use std::thread;

    /// One round of a busy wait for a section that reaches no safepoint: spin, and give
    /// the time slice away now and then (the holder may have been preempted).
    pub fn spin_wait() {
        std::hint::spin_loop();
        std::thread::yield_now();
    }

    /// parking_lot's condition variable behind a by-value `wait` (the loom shim's API).
    #[derive(Debug, Default)]
    pub struct Condvar(parking_lot::Condvar);

    impl Condvar {
        pub fn new() -> Self {
            Condvar(parking_lot::Condvar::new())
        }

        /// Release the guard's lock, sleep until notified, relock and return the guard.
        pub fn wait<'a, T>(&self, mut guard: MutexGuard<'a, T>) -> MutexGuard<'a, T> {
            self.0.wait(&mut guard);
            guard
        }

        pub fn notify_all(&self) {
            self.0.notify_all();
        }
    }

    /// Atomics (std).
    pub mod atomic {
        pub use std::sync::atomic::*;
    }

    /// `UnsafeCell` behind loom's closure API (`with`, `with_mut`).
    pub mod cell {
        #[derive(Debug, Default)]
        pub struct UnsafeCell<T>(std::cell::UnsafeCell<T>);

        impl<T> UnsafeCell<T> {
            pub const fn new(v: T) -> Self {
                UnsafeCell(std::cell::UnsafeCell::new(v))
            }
            /// Call `f` with a shared pointer to the contents.
            #[inline(always)]
            pub fn with<R>(&self, f: impl FnOnce(*const T) -> R) -> R {
                f(self.0.get())
            }
            /// Call `f` with a mutable pointer to the contents.
            #[inline(always)]
            pub fn with_mut<R>(&self, f: impl FnOnce(*mut T) -> R) -> R {
                f(self.0.get())
            }
        }
    }
}

#[cfg(loom)]
mod imp {
    pub use loom::sync::Arc;
    pub use loom::thread;

    /// One round of a busy wait: under loom, let another thread run.
    pub fn spin_wait() {
        loom::thread::yield_now();
    }

    /// Atomics (loom).
    pub mod atomic {
        pub use loom::sync::atomic::*;
    }

    /// loom's `UnsafeCell`: checks that no two threads touch it at once.
    pub mod cell {
        pub use loom::cell::UnsafeCell;
    }

    /// Under loom the spin lock is loom's mutex (same exclusion, modelled waits).
    pub type SpinLock<T> = Mutex<T>;
    pub type SpinGuard<'a, T> = MutexGuard<'a, T>;

    /// loom's mutex behind parking_lot's API (`lock()` returns the guard).
    #[derive(Debug, Default)]
    pub struct Mutex<T>(loom::sync::Mutex<T>);

    /// Guard returned by [`Mutex::lock`].
    pub type MutexGuard<'a, T> = loom::sync::MutexGuard<'a, T>;

    impl<T> Mutex<T> {
        pub fn new(value: T) -> Self {
            Mutex(loom::sync::Mutex::new(value))
        }

        pub fn lock(&self) -> MutexGuard<'_, T> {
            self.0.lock().unwrap()
        }

        pub fn into_inner(self) -> T {
            self.0.into_inner().unwrap()
        }
    }

    /// loom's condition variable with the same by-value `wait` as the std shim.
    #[derive(Debug, Default)]
    pub struct Condvar(loom::sync::Condvar);

    impl Condvar {
        pub fn new() -> Self {
            Condvar(loom::sync::Condvar::new())
        }

        pub fn wait<'a, T>(&self, guard: MutexGuard<'a, T>) -> MutexGuard<'a, T> {
            self.0.wait(guard).unwrap()
        }

        pub fn notify_all(&self) {
            self.0.notify_all();
        }
    }
}

pub use imp::*;
