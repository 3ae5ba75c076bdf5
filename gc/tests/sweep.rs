//! The sweep and the end table under churn: objects of mixed sizes from several
//! `LocalAlloc`s (some never retired), random survivors, large objects, with the
//! verifier on (it checks the end table against the headers at every collection).

mod common;
use common::*;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use weft_gc::{BLOCK_SIZE, GcPtr, Heap, LocalAlloc};

/// A node of `bytes` bytes (at least a Node) counting its drop in `drops`.
fn sized_node(heap: &Heap, la: &mut LocalAlloc, bytes: usize, drops: &Arc<AtomicUsize>) -> GcPtr {
    let p = heap
        .alloc(la, bytes.max(NODE_BYTES), &NODE)
        .expect("heap full");
    // SAFETY: fresh allocation with room for a Node.
    unsafe {
        (p.payload() as *mut Node).write(Node {
            children: Vec::new(),
            drops: Some(drops.clone()),
        })
    };
    p
}

fn churn(threads: usize, rounds: usize) {
    let heap = verified_heap(threads);
    let drops = Arc::new(AtomicUsize::new(0));
    let mut las: Vec<LocalAlloc> = (0..3).map(|_| LocalAlloc::new()).collect();
    let mut live: Vec<GcPtr> = Vec::new();
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut rnd = move |m: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % m) as usize
    };
    let mut allocated = 0;
    for round in 0..rounds {
        for _ in 0..20_000 {
            let which = rnd(3);
            let bytes = match rnd(100) {
                0 if rnd(50) == 0 => (1 << 20) + rnd(4096), // a large object
                0..=9 => 16 * (3 + rnd(60)),
                _ => NODE_BYTES + 16 * rnd(3),
            };
            let p = sized_node(&heap, &mut las[which], bytes, &drops);
            allocated += 1;
            live.push(p);
        }
        // Retire two of the three buffers; the third keeps an open span across the
        // collection (its last object's end bit comes from closing the span).
        for la in &mut las[..2] {
            la.retire(&heap);
        }
        // Keep about a third, in runs and alone, so dead neighbours merge and live
        // objects end up followed by free blocks.
        let mut keep = Vec::new();
        let mut run_live = false;
        for &p in &live {
            if rnd(6) == 0 {
                run_live = !run_live;
            }
            if run_live && rnd(4) != 0 {
                keep.push(p);
            }
        }
        let stats = collect(&heap, &keep);
        live = keep;
        assert_eq!(stats.marked, live.len(), "round {round}");
        assert_eq!(
            drops.load(Ordering::Relaxed),
            allocated - live.len(),
            "round {round}"
        );
        let bytes: usize = live.iter().map(|p| p.blocks() as usize * BLOCK_SIZE).sum();
        assert_eq!(heap.mem_alloc(), bytes, "round {round}: mem_alloc");
        assert_eq!(stats.live_bytes, bytes, "round {round}: live_bytes");
    }
    collect(&heap, &[]);
    assert_eq!(heap.mem_alloc(), 0);
    assert_eq!(drops.load(Ordering::Relaxed), allocated);
}

#[test]
fn churn_one_sweeper() {
    churn(1, 8);
}

#[test]
fn churn_parallel_sweep() {
    churn(2, 8);
}

#[test]
fn live_object_after_a_dead_neighbour_keeps_its_size() {
    // a (live) b (dead) c (live), then the freed b is refilled by a smaller object:
    // a's end must come from its own end bit, not from the next head.
    let heap = verified_heap(1);
    let drops = Arc::new(AtomicUsize::new(0));
    let mut la = LocalAlloc::new();
    let a = sized_node(&heap, &mut la, 160, &drops);
    let b = sized_node(&heap, &mut la, 320, &drops);
    let c = sized_node(&heap, &mut la, 160, &drops);
    la.retire(&heap);
    let _ = b;
    collect(&heap, &[a, c]);
    assert_eq!(heap.mem_alloc(), 320);
    for _ in 0..3 {
        collect(&heap, &[a, c]);
        assert_eq!(heap.mem_alloc(), 320);
    }
    collect(&heap, &[c]);
    assert_eq!(heap.mem_alloc(), 160);
    assert_eq!(drops.load(Ordering::Relaxed), 2);
}
