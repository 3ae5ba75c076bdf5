//! Weak-reference churn on the mock model: what one `Heap::collect` costs per weak
//! reference created and cleared.
//!
//! A "weak reference" here is a plain [`Node`] registered with `Heap::register_weak`,
//! as the vm registers its weakref objects. Two rounds are measured:
//! - [`WeakChurn::fresh_referents_round`]: n fresh referents, one weak reference each
//!   (kept alive), referents dropped, collect. Every weak reference is cleared through
//!   `on_weakref_cleared` (like CPython's `ref(obj)` then `del obj`).
//! - [`WeakChurn::one_referent_round`]: n fresh weak references to one live referent,
//!   weak references dropped, collect. The map must prune n dead entries from one list
//!   without quadratic work (like creating and dropping many `ref(x)` to one `x`).

use crate::mock::Node;
use weft_gc::{Heap, HeapConfig, LocalAlloc};

/// A heap with n long-lived weak reference objects and one long-lived referent.
pub struct WeakChurn {
    heap: Heap,
    /// Array node: slot i holds weak reference i; it is a root.
    refs: Node,
    /// The live referent of `one_referent_round`; a root.
    target: Node,
    n: usize,
}

impl WeakChurn {
    pub fn new(n: usize) -> WeakChurn {
        let heap = Heap::new(HeapConfig::default());
        let mut la = LocalAlloc::new();
        let refs = Node::alloc(&heap, &mut la, n);
        for i in 0..n {
            refs.set(i, Node::alloc(&heap, &mut la, 0));
        }
        let target = Node::alloc(&heap, &mut la, 0);
        la.retire(&heap);
        WeakChurn {
            heap,
            refs,
            target,
            n,
        }
    }

    /// Collect with `refs` and `target` as roots; returns how many weak references the
    /// hook was told about.
    fn collect(&self) -> usize {
        let (refs, target) = (self.refs.ptr(), self.target.ptr());
        let mut cleared = 0;
        self.heap.collect(
            &mut |t| {
                t.mark(refs);
                t.mark(target);
            },
            &mut |_| cleared += 1,
        );
        cleared
    }

    /// Register a weak reference on each of n fresh referents, drop the referents and
    /// collect. Returns the number of weak references cleared (n when correct).
    pub fn fresh_referents_round(&self) -> usize {
        let mut la = LocalAlloc::new();
        for i in 0..self.n {
            let referent = Node::alloc(&self.heap, &mut la, 0);
            let weak = self.refs.get(i).expect("weak reference slot filled in new");
            self.heap.register_weak(referent.ptr(), weak.ptr());
        }
        la.retire(&self.heap);
        self.collect()
    }

    /// Register n fresh weak references to the live target, drop them and collect.
    /// Returns the target's weak references left afterwards (0 when correct).
    pub fn one_referent_round(&self) -> usize {
        let mut la = LocalAlloc::new();
        for _ in 0..self.n {
            let weak = Node::alloc(&self.heap, &mut la, 0);
            self.heap.register_weak(self.target.ptr(), weak.ptr());
        }
        la.retire(&self.heap);
        let cleared = self.collect();
        assert_eq!(cleared, 0, "a live referent's weak references were cleared");
        self.heap.weakrefs_of(self.target.ptr()).len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_clear_and_prune_every_weak_reference() {
        let w = WeakChurn::new(100);
        for _ in 0..3 {
            assert_eq!(w.fresh_referents_round(), 100);
            assert_eq!(w.one_referent_round(), 0);
        }
        assert_eq!(w.heap.weak_entries(), 0);
    }
}
