//! A simple multi-producer queue (a `Mutex<VecDeque<T>>`).
//!
//! Used to hand weak-reference callbacks from weak processing (during a stopped world)
//! to the collecting thread, which drains and runs them after the world restarts.
//! Invariants: FIFO order; the lock is held only inside one method call, never while
//! running a callback (drain returns the items first).

use crate::sync::Mutex;
use std::collections::VecDeque;

/// FIFO queue safe to push from many threads.
#[derive(Debug, Default)]
pub struct CallbackQueue<T> {
    items: Mutex<VecDeque<T>>,
}

impl<T> CallbackQueue<T> {
    pub fn new() -> Self {
        CallbackQueue {
            items: Mutex::new(VecDeque::new()),
        }
    }

    /// Append at the back.
    pub fn push(&self, item: T) {
        self.items.lock().push_back(item);
    }

    /// A copy of the front item, leaving it queued.
    pub fn peek(&self) -> Option<T>
    where
        T: Clone,
    {
        self.items.lock().front().cloned()
    }

    /// Take the front item.
    pub fn pop(&self) -> Option<T> {
        self.items.lock().pop_front()
    }

    /// Take every item, front first.
    pub fn drain(&self) -> Vec<T> {
        let taken = std::mem::take(&mut *self.items.lock());
        taken.into()
    }

    /// Visit every queued item, front first (for a collector marking them as roots).
    pub fn for_each(&self, f: impl FnMut(&T)) {
        self.items.lock().iter().for_each(f);
    }

    pub fn len(&self) -> usize {
        self.items.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.lock().is_empty()
    }
}

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;

    #[test]
    fn fifo() {
        let q = CallbackQueue::new();
        assert!(q.is_empty());
        q.push(1);
        q.push(2);
        q.push(3);
        assert_eq!(q.len(), 3);
        assert_eq!(q.pop(), Some(1));
        assert_eq!(q.drain(), vec![2, 3]);
        assert_eq!(q.pop(), None);
    }

    #[test]
    fn many_producers() {
        let q = CallbackQueue::new();
        std::thread::scope(|s| {
            for t in 0..4 {
                let q = &q;
                s.spawn(move || (0..250).for_each(|i| q.push(t * 1000 + i)));
            }
        });
        let mut v = q.drain();
        assert_eq!(v.len(), 1000);
        v.sort();
        v.dedup();
        assert_eq!(v.len(), 1000);
    }
}
