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
use crate::sync::Mutex;
use std::any::Any;

/// Storages replaced while readers might still use them.
pub struct RetireList {
    list: Mutex<Vec<Box<dyn Any + Send>>>,
}

impl RetireList {
    #[cfg(not(loom))]
    pub const fn new() -> RetireList {
        RetireList {
            list: Mutex::new(Vec::new()),
        }
    }

    #[cfg(loom)]
    pub fn new() -> RetireList {
        RetireList {
            list: Mutex::new(Vec::new()),
        }
    }

    /// Keep `old` until the next [`free_all`](RetireList::free_all).
    pub fn retire<T: Send + 'static>(&self, old: Box<T>) {
        self.list.lock().push(old);
    }

    /// How many storages wait to be freed.
    pub fn len(&self) -> usize {
        self.list.lock().len()
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
    }
}

impl Default for RetireList {
    fn default() -> Self {
        RetireList::new()
    }
}
