//! Sync shim: one place that switches between std/parking_lot and loom.
//!
//! Normal builds: `std::sync::atomic`, `std::sync::Arc`, `std::thread` and
//! `parking_lot::Mutex`. Under `cfg(loom)`: the loom equivalents. [`Mutex::lock`]
//! returns the guard directly in both (loom's poisoning result is unwrapped), so code
//! written against this module compiles unchanged in both worlds.
//!
//! Rule: a type that a loom model must see uses these names, never `std::sync` directly.

#[cfg(not(loom))]
mod imp {
    pub use parking_lot::{Mutex, MutexGuard};
    pub use std::sync::Arc;
    pub use std::thread;

    /// Atomics (std).
    pub mod atomic {
        pub use std::sync::atomic::*;
    }
}

#[cfg(loom)]
mod imp {
    pub use loom::sync::Arc;
    pub use loom::thread;

    /// Atomics (loom).
    pub mod atomic {
        pub use loom::sync::atomic::*;
    }

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
}

pub use imp::*;
