//! Allocation speed after a sweep that left the heap fragmented.
//!
//! Why this exists: after a collection frees objects interleaved with live ones, the
//! free-span pool holds one small span ("hole") per dead run, and `LocalAlloc` refills
//! from that pool. How refills pick a span decides whether allocating into a fragmented
//! heap costs O(1) or O(holes) per object. A program that keeps half of what it
//! allocates (building a list of strings, say) lives in exactly this state.
//!
//! [`AllocRound`] builds either a fragmented heap (n live objects with n dead objects
//! between them, then a collection) or a clean one (nothing live), and times
//! allocating m smaller objects into it. The allocated objects are freed again after
//! each round, outside the timing, so every round starts from the same pool.

use crate::mock::Node;
use std::time::{Duration, Instant};
use weft_gc::{Heap, HeapConfig, LocalAlloc};

/// Dead objects: 2 slots, 3 blocks (48 bytes), e.g. a temporary tuple.
const DEAD_SLOTS: usize = 2;
/// New objects: 0 slots, 2 blocks (32 bytes), e.g. a small str. Each fills a hole but
/// leaves a 1-block leftover that fits no request: the pattern that shows whether
/// such leftovers pile up where every refill has to look at them again.
const NEW_SLOTS: usize = 0;

/// A heap prepared for allocation rounds.
pub struct AllocRound {
    heap: Heap,
    /// Array node holding the live separators (a root).
    keep: Node,
}

impl AllocRound {
    /// A heap whose pool holds `holes` small free spans (0: only whole free chunks).
    pub fn new(holes: usize) -> AllocRound {
        let heap = Heap::new(HeapConfig::default());
        let mut la = LocalAlloc::new();
        let keep = Node::alloc(&heap, &mut la, holes);
        for i in 0..holes {
            // A dead object, then a live one: the dead one becomes a hole.
            Node::alloc(&heap, &mut la, DEAD_SLOTS);
            keep.set(i, Node::alloc(&heap, &mut la, 0));
        }
        la.retire(&heap);
        let r = AllocRound { heap, keep };
        r.collect();
        r
    }

    fn collect(&self) {
        let keep = self.keep.ptr();
        self.heap.collect(&mut |t| t.mark(keep), &mut |_| {});
    }

    /// Time allocating `m` objects from a fresh LocalAlloc; then free
    /// them (untimed) so the next round sees the same pool.
    pub fn round(&self, m: usize) -> Duration {
        let mut la = LocalAlloc::new();
        let t0 = Instant::now();
        for _ in 0..m {
            Node::alloc(&self.heap, &mut la, NEW_SLOTS);
        }
        let t = t0.elapsed();
        la.retire(&self.heap);
        self.collect();
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounds_run_on_clean_and_fragmented_heaps() {
        for holes in [0, 200] {
            let r = AllocRound::new(holes);
            r.round(200);
            r.round(200);
        }
    }
}
