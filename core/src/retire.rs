//! Deferred freeing of storage that lock-free readers may still be using.
//!
//! A writer that replaces an object's storage (a dict's table, a list's item array)
//! cannot free the old one at once: a reader that loaded the old pointer a moment ago
//! may still be reading it. It hands the old storage to a [`RetireList`] instead, and
//! the storages there are freed together by [`RetireList::free_all`], which the vm calls
//! only while the world is stopped.
//!
//! Invariant (what makes that safe): a reader keeps a storage pointer only between two
//! of its safepoints, and a stop-the-world parks every thread at a safepoint. So once
//! the world is stopped, no reader holds a pointer into any storage retired before the
//! stop, and everything in the list may go.
use crate::pubvec::{Header, free_buf};
use crate::sync::Mutex;
use crate::sync::atomic::AtomicPtr;
use crate::sync::atomic::Ordering::{Acquire, Relaxed, Release};
use std::any::Any;
use std::ptr::NonNull;

/// Storages replaced while readers might still use them.
pub struct RetireList {
    list: Mutex<Vec<Box<dyn Any + Send>>>,
    /// List buffers (`crate::pubvec`), chained through their headers' `next`: a list
    /// grows often, and retiring its old buffer this way is one compare-and-swap, with
    /// no lock and no allocation. Only `free_all` (world stopped) takes the chain.
    bufs: AtomicPtr<Header>,
}

impl RetireList {
    #[cfg(not(loom))]
    pub const fn new() -> RetireList {
        RetireList {
            list: Mutex::new(Vec::new()),
            bufs: AtomicPtr::new(std::ptr::null_mut()),
        }
    }

    #[cfg(loom)]
    pub fn new() -> RetireList {
        RetireList {
            list: Mutex::new(Vec::new()),
            bufs: AtomicPtr::new(std::ptr::null_mut()),
        }
    }

    /// Keep `old` until the next [`free_all`](RetireList::free_all).
    pub fn retire<T: Send + 'static>(&self, old: Box<T>) {
        self.list.lock().push(old);
    }

    /// Keep the list buffer `h` (no longer reachable from its vector) until the next
    /// [`free_all`](RetireList::free_all).
    pub(crate) fn retire_buf(&self, h: NonNull<Header>) {
        // SAFETY: `h` is a live buffer that only this writer still links; its `next`
        // is used by nobody else until it is on the chain.
        let next = unsafe { &(*h.as_ptr()).next };
        let mut head = self.bufs.load(Relaxed);
        loop {
            next.store(head, Relaxed);
            // Release: `free_all` (Acquire) sees the link stored above.
            match self
                .bufs
                .compare_exchange_weak(head, h.as_ptr(), Release, Relaxed)
            {
                Ok(_) => return,
                Err(now) => head = now,
            }
        }
    }

    /// How many storages wait to be freed.
    pub fn len(&self) -> usize {
        let mut n = self.list.lock().len();
        let mut p = self.bufs.load(Acquire);
        while !p.is_null() {
            n += 1;
            // SAFETY: buffers on the chain are freed only by `free_all`, which the
            // caller does not run concurrently (it needs the world stopped).
            p = unsafe { (*p).next.load(Relaxed) };
        }
        n
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Free every retired storage.
    ///
    /// # Safety
    /// No thread may hold a pointer into a storage retired so far: call this only while
    /// the world is stopped (see the module doc), or when no reader can exist.
    pub unsafe fn free_all(&self) {
        let old = std::mem::take(&mut *self.list.lock());
        drop(old);
        let mut p = self.bufs.swap(std::ptr::null_mut(), Acquire);
        while !p.is_null() {
            // SAFETY: every buffer on the chain was retired (unreachable from its
            // vector) and, by the caller's contract, no reader holds it any more.
            unsafe {
                let next = (*p).next.load(Relaxed);
                free_buf(p);
                p = next;
            }
        }
    }
}

impl Drop for RetireList {
    fn drop(&mut self) {
        // SAFETY: `&mut self`: no writer can retire into it and no reader can reach a
        // buffer retired here any more (the vectors replaced them long ago).
        unsafe { self.free_all() }
    }
}

impl Default for RetireList {
    fn default() -> Self {
        RetireList::new()
    }
}
