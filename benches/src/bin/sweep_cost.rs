//! sweep_cost: the sweep's cost for n objects that are all live, all dead, or half dead
//! (every other one), with 1 marker/sweeper thread (best of RUNS collections).
//!
//! Usage: sweep_cost [NODES] [RUNS]   (defaults: 1000000, 10)

use std::time::Duration;
use weft_benches::mock::Node;
use weft_gc::{Heap, HeapConfig, LocalAlloc};

fn main() {
    let a: Vec<usize> = std::env::args()
        .skip(1)
        .map(|s| s.parse().expect("a number"))
        .collect();
    let n = a.first().copied().unwrap_or(1_000_000);
    let runs = a.get(1).copied().unwrap_or(10);
    for (name, keep_every) in [("all live", 1), ("half dead", 2), ("all dead", 0)] {
        let heap = Heap::new(HeapConfig::default());
        let (mut sweep, mut pause) = (Duration::MAX, Duration::MAX);
        for _ in 0..runs {
            let mut la = LocalAlloc::new();
            let kept = n.checked_div(keep_every).unwrap_or(0);
            let keep = Node::alloc(&heap, &mut la, kept.max(1));
            for i in 0..n {
                let node = Node::alloc(&heap, &mut la, 2);
                if keep_every != 0 && i % keep_every == 0 {
                    keep.set(i / keep_every, node);
                }
            }
            la.retire(&heap);
            let root = keep.ptr();
            let s = heap.collect(&mut |t| t.mark(root), &mut |_| {});
            sweep = sweep.min(Duration::from_nanos(s.sweep_ns));
            pause = pause.min(Duration::from_nanos(s.pause_ns));
            // Free everything for the next round.
            heap.collect(&mut |_| {}, &mut |_| {});
        }
        println!(
            "{name:>9}: {n} objects, sweep {:7.3} ms ({:.1} ns/object), pause {:7.3} ms",
            sweep.as_secs_f64() * 1e3,
            sweep.as_secs_f64() * 1e9 / n as f64,
            pause.as_secs_f64() * 1e3
        );
    }
}
