//! weft-gc tested on its own with a mock object model: `Node { children, drops }`.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use weft_gc::{BLOCK_SIZE, GcHeader, GcPtr, Heap, HeapConfig, LocalAlloc};

mod common;
use common::*;

#[test]
fn header_is_one_block() {
    assert_eq!(std::mem::size_of::<GcHeader>(), BLOCK_SIZE);
}

#[test]
fn alloc_writes_header_and_zeroes() {
    let heap = heap_with(1);
    let mut la = LocalAlloc::new();
    let p = heap.alloc(&mut la, 100, &NODE).unwrap();
    assert_eq!(p.addr() % BLOCK_SIZE, 0);
    assert_eq!(p.blocks(), 7);
    assert_eq!(p.vtable().name, "Node");
    assert_eq!(p.payload() as usize, p.addr() + 16);
    // SAFETY: 84 payload bytes were allocated.
    let bytes = unsafe { std::slice::from_raw_parts(p.payload(), 84) };
    assert!(bytes.iter().all(|&b| b == 0));
    assert!(heap.contains(p.addr()));
    assert!(!heap.contains(p.addr() + 16));
    assert!(!heap.contains(p.addr() + 1));
    assert!(!heap.contains(&heap as *const Heap as usize));
    la.flush(&heap); // a thread's bytes reach the shared count in batches
    assert_eq!(heap.mem_alloc(), 112);
    // Not a Node: make it one so Heap::drop can drop it.
    // SAFETY: room for a Node.
    unsafe {
        (p.payload() as *mut Node).write(Node {
            children: vec![],
            drops: None,
        })
    };
}

#[test]
fn unreachable_freed_reachable_kept() {
    let heap = heap_with(1);
    let mut la = LocalAlloc::new();
    let drops = Arc::new(AtomicUsize::new(0));
    let a = new_node(&heap, &mut la, Some(&drops));
    let b = new_node(&heap, &mut la, Some(&drops));
    let c = new_node(&heap, &mut la, Some(&drops));
    link(a, b);
    la.retire(&heap);
    let s = collect(&heap, &[a]);
    assert_eq!(s.marked, 2);
    assert_eq!(s.freed, 1);
    assert_eq!(s.freed_bytes, NODE_BYTES.div_ceil(16) * 16);
    assert_eq!(drops.load(Ordering::Relaxed), 1);
    assert!(heap.contains(a.addr()) && heap.contains(b.addr()));
    assert!(!heap.contains(c.addr()));
    assert_eq!(s.live_bytes, heap.mem_alloc());
    assert_eq!(heap.stats().len(), 1);
    // Everything freed when the root goes.
    let s = collect(&heap, &[]);
    assert_eq!(s.freed, 2);
    assert_eq!(heap.mem_alloc(), 0);
    assert_eq!(drops.load(Ordering::Relaxed), 3);
}

#[test]
fn cycle_freed() {
    let heap = heap_with(1);
    let mut la = LocalAlloc::new();
    let drops = Arc::new(AtomicUsize::new(0));
    let a = new_node(&heap, &mut la, Some(&drops));
    let b = new_node(&heap, &mut la, Some(&drops));
    let c = new_node(&heap, &mut la, Some(&drops));
    link(a, b);
    link(b, c);
    link(c, a);
    link(a, a);
    la.retire(&heap);
    assert_eq!(collect(&heap, &[b]).marked, 3);
    let s = collect(&heap, &[]);
    assert_eq!(s.freed, 3);
    assert_eq!(drops.load(Ordering::Relaxed), 3);
}

fn long_list(threads: usize) {
    let heap = heap_with(threads);
    let mut la = LocalAlloc::new();
    let n = 1_000_000;
    let head = new_node(&heap, &mut la, None);
    let mut tail = head;
    for _ in 1..n {
        let x = new_node(&heap, &mut la, None);
        link(tail, x);
        tail = x;
    }
    la.retire(&heap);
    let s = collect(&heap, &[head]);
    assert_eq!(s.marked, n);
    assert_eq!(s.freed, 0);
    let s = collect(&heap, &[]);
    assert_eq!(s.freed, n);
    assert_eq!(heap.mem_alloc(), 0);
}

#[test]
fn long_list_no_stack_overflow_1_thread() {
    long_list(1);
}

#[test]
fn long_list_no_stack_overflow_4_threads() {
    long_list(4);
}

fn tree(heap: &Heap, la: &mut LocalAlloc, depth: u32) -> GcPtr {
    let n = new_node(heap, la, None);
    if depth > 0 {
        let l = tree(heap, la, depth - 1);
        let r = tree(heap, la, depth - 1);
        link(n, l);
        link(n, r);
    }
    n
}

#[test]
fn one_and_many_marker_threads_agree() {
    let heap = heap_with(1);
    let mut la = LocalAlloc::new();
    let root = tree(&heap, &mut la, 16);
    let garbage = tree(&heap, &mut la, 10);
    // Cross edges make shared subtrees (claimed once).
    link(root, node(root).children[0]);
    let _ = garbage;
    la.retire(&heap);
    let mut counts = vec![];
    for threads in [1, 2, 4, 8, 1] {
        heap.set_marker_threads(threads);
        let s = collect(&heap, &[root, root]);
        counts.push(s.marked);
    }
    assert_eq!(counts, vec![(1 << 17) - 1; 5]);
    assert_eq!(heap.stats().len(), 5);
    assert_eq!(heap.stats()[0].freed, (1 << 11) - 1);
}

#[test]
fn many_roots_parallel() {
    let heap = heap_with(4);
    let mut la = LocalAlloc::new();
    let roots: Vec<GcPtr> = (0..10_000)
        .map(|_| new_node(&heap, &mut la, None))
        .collect();
    for w in roots.windows(2) {
        link(w[0], w[1]);
    }
    la.retire(&heap);
    assert_eq!(collect(&heap, &roots).marked, 10_000);
}

#[test]
fn mem_alloc_returns_to_baseline() {
    let heap = heap_with(2);
    let mut la = LocalAlloc::new();
    let keep = new_node(&heap, &mut la, None);
    la.retire(&heap);
    collect(&heap, &[keep]);
    let base = heap.mem_alloc();
    let free_base = heap.mem_free();
    let mut prev = new_node(&heap, &mut la, None);
    for _ in 0..100_000 {
        let x = new_node(&heap, &mut la, None);
        link(x, prev);
        prev = x;
    }
    la.flush(&heap);
    assert_eq!(
        heap.mem_alloc(),
        base + 100_001 * NODE_BYTES.div_ceil(16) * 16
    );
    la.retire(&heap);
    collect(&heap, &[keep]);
    assert_eq!(heap.mem_alloc(), base);
    assert!(heap.mem_free() >= free_base);
}

#[test]
fn freed_memory_is_reused() {
    let heap = heap_with(1);
    let mut la = LocalAlloc::new();
    for _ in 0..100_000 {
        new_node(&heap, &mut la, None);
    }
    la.retire(&heap);
    let chunks = heap.chunk_count();
    assert!(chunks >= 4);
    collect(&heap, &[]);
    for round in 0..3 {
        for _ in 0..100_000 {
            new_node(&heap, &mut la, None);
        }
        la.retire(&heap);
        assert_eq!(heap.chunk_count(), chunks, "round {round}");
        collect(&heap, &[]);
    }
}

#[test]
fn adjacent_free_objects_merge() {
    let heap = heap_with(1);
    let mut la = LocalAlloc::new();
    // Fill most of a chunk with small nodes, free them, then a big object fits in it.
    let small: Vec<_> = (0..10_000)
        .map(|_| new_node(&heap, &mut la, None))
        .collect();
    la.retire(&heap);
    assert_eq!(heap.chunk_count(), 1);
    let keep = small[5000];
    collect(&heap, &[keep]);
    let big = heap.alloc(&mut la, 200_000, &NODE).unwrap();
    // SAFETY: room for a Node.
    unsafe {
        (big.payload() as *mut Node).write(Node {
            children: vec![],
            drops: None,
        })
    };
    assert_eq!(heap.chunk_count(), 1);
}

#[test]
fn alloc_past_limit_returns_none() {
    let heap = Heap::new(HeapConfig {
        limit_bytes: 2 << 20,
        ..HeapConfig::default()
    });
    let mut la = LocalAlloc::new();
    let mut n = 0;
    while let Some(p) = heap.alloc(&mut la, 1024, &NODE) {
        // SAFETY: room for a Node.
        unsafe {
            (p.payload() as *mut Node).write(Node {
                children: vec![],
                drops: None,
            })
        };
        n += 1;
        assert!(n < 10_000);
    }
    assert!(n > 1500, "{n}");
    assert_eq!(heap.chunk_count(), 2);
    assert!(heap.alloc(&mut la, 4 << 20, &NODE).is_none());
    // After freeing everything the space is usable again.
    la.retire(&heap);
    collect(&heap, &[]);
    assert!(heap.alloc(&mut la, 1024, &NODE).is_some_and(|p| {
        // SAFETY: room for a Node.
        unsafe {
            (p.payload() as *mut Node).write(Node {
                children: vec![],
                drops: None,
            })
        };
        true
    }));
}

#[test]
fn large_objects_get_their_own_chunk() {
    let heap = heap_with(1);
    let mut la = LocalAlloc::new();
    let big = heap.alloc(&mut la, 3 << 20, &NODE).unwrap();
    // SAFETY: room for a Node.
    unsafe {
        (big.payload() as *mut Node).write(Node {
            children: vec![],
            drops: None,
        })
    };
    let small = new_node(&heap, &mut la, None);
    link(big, small);
    la.retire(&heap);
    assert_eq!(heap.chunk_count(), 2);
    assert!(heap.contains(big.addr()));
    let s = collect(&heap, &[big]);
    assert_eq!(s.marked, 2);
    assert!(heap.mem_alloc() >= 3 << 20);
    let s = collect(&heap, &[]);
    assert_eq!(s.freed, 2);
    assert_eq!(heap.chunk_count(), 1);
    assert_eq!(heap.mem_alloc(), 0);
}

#[test]
fn threshold_requests_collection() {
    let heap = Heap::new(HeapConfig {
        threshold_bytes: 64 << 10,
        ..HeapConfig::default()
    });
    assert_eq!(heap.threshold(), 64 << 10);
    let mut la = LocalAlloc::new();
    let mut kept = vec![];
    while !heap.collect_requested() {
        kept.push(new_node(&heap, &mut la, None));
    }
    assert!(heap.mem_alloc() > 64 << 10);
    la.retire(&heap);
    collect(&heap, &kept);
    assert!(!heap.collect_requested());
    // The next request comes after the threshold or half the live bytes, whichever
    // is more, has been allocated (the trigger is checked when a thread's bytes are
    // added: flush).
    heap.set_threshold(16);
    let live = heap.mem_alloc();
    while !heap.collect_requested() {
        kept.push(new_node(&heap, &mut la, None));
        la.flush(&heap);
        assert!(
            heap.mem_alloc() <= live + live / 2 + 4096,
            "no collection requested"
        );
    }
    assert!(heap.mem_alloc() >= live + live / 2);
}

#[test]
fn unretired_local_alloc_is_safe() {
    let heap = heap_with(1);
    let mut la = LocalAlloc::new();
    let keep = new_node(&heap, &mut la, None);
    let dead = new_node(&heap, &mut la, None);
    let _ = dead;
    // No retire: the collection reclaims la's span; la must not reuse it blindly.
    collect(&heap, &[keep]);
    let mut seen = std::collections::HashSet::new();
    seen.insert(keep.addr());
    for _ in 0..1000 {
        let p = new_node(&heap, &mut la, None);
        assert!(seen.insert(p.addr()), "address handed out twice");
    }
    assert!(node(keep).children.is_empty());
}

#[test]
fn finaliser_bit() {
    let heap = heap_with(1);
    let mut la = LocalAlloc::new();
    let a = new_node(&heap, &mut la, None);
    assert!(!heap.has_finaliser(a));
    heap.set_finaliser(a);
    assert!(heap.has_finaliser(a));
}

#[test]
fn parallel_allocation() {
    let heap = heap_with(4);
    let heads: Vec<GcPtr> = std::thread::scope(|s| {
        let hs: Vec<_> = (0..4)
            .map(|_| {
                let heap = &heap;
                s.spawn(move || {
                    let mut la = LocalAlloc::new();
                    let head = new_node(heap, &mut la, None);
                    let mut tail = head;
                    for _ in 0..50_000 {
                        let x = new_node(heap, &mut la, None);
                        link(tail, x);
                        tail = x;
                    }
                    // Some garbage too.
                    for _ in 0..10_000 {
                        new_node(heap, &mut la, None);
                    }
                    la.retire(heap);
                    head
                })
            })
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let s = collect(&heap, &heads);
    assert_eq!(s.marked, 4 * 50_001);
    assert_eq!(s.freed, 40_000);
    let mut objs = 0;
    heap.for_each_object(|_| objs += 1);
    assert_eq!(objs, 4 * 50_001);
}

// ---- weak map ----

fn cleared_by(heap: &Heap, roots: &[GcPtr]) -> (Vec<GcPtr>, weft_gc::CollectStats) {
    let mut cleared = vec![];
    let s = heap.collect(&mut |t| roots.iter().for_each(|&r| t.mark(r)), &mut |w| {
        cleared.push(w)
    });
    (cleared, s)
}

#[test]
fn weak_register_unregister() {
    let heap = heap_with(1);
    let mut la = LocalAlloc::new();
    let obj = new_node(&heap, &mut la, None);
    let w1 = new_node(&heap, &mut la, None);
    let w2 = new_node(&heap, &mut la, None);
    assert!(!heap.has_weak(obj));
    heap.register_weak(obj, w1);
    heap.register_weak(obj, w2);
    assert!(heap.has_weak(obj));
    assert_eq!(heap.weakrefs_of(obj), vec![w1, w2]);
    heap.unregister_weak(obj, w1);
    assert_eq!(heap.weakrefs_of(obj), vec![w2]);
    assert!(heap.has_weak(obj));
    heap.unregister_weak(obj, w2);
    assert!(!heap.has_weak(obj));
    assert!(heap.weakrefs_of(obj).is_empty());
    assert_eq!(heap.weak_entries(), 0);
    heap.unregister_weak(obj, w2); // no entry: no-op
}

#[test]
fn live_weakref_to_dead_referent_is_cleared() {
    let heap = heap_with(2);
    let mut la = LocalAlloc::new();
    let obj = new_node(&heap, &mut la, None);
    let w1 = new_node(&heap, &mut la, None);
    let w2 = new_node(&heap, &mut la, None);
    heap.register_weak(obj, w1);
    heap.register_weak(obj, w2);
    la.retire(&heap);
    // The referent is alive: nothing cleared, the map does not keep anything alive.
    let (cleared, s) = cleared_by(&heap, &[obj, w1, w2]);
    assert!(cleared.is_empty());
    assert_eq!(s.weakrefs_cleared, 0);
    assert!(heap.has_weak(obj));
    // Referent dead, weakrefs alive: both cleared, newest first.
    let (cleared, s) = cleared_by(&heap, &[w1, w2]);
    assert_eq!(cleared, vec![w2, w1]);
    assert_eq!(s.weakrefs_cleared, 2);
    assert_eq!(heap.weak_entries(), 0);
    assert!(!heap.contains(obj.addr()));
}

#[test]
fn dead_weakref_to_dead_referent_is_silent() {
    let heap = heap_with(1);
    let mut la = LocalAlloc::new();
    let obj = new_node(&heap, &mut la, None);
    let w = new_node(&heap, &mut la, None);
    let w_live = new_node(&heap, &mut la, None);
    heap.register_weak(obj, w);
    heap.register_weak(obj, w_live);
    // A weakref that refers to its own referent's cycle: all garbage together.
    let obj2 = new_node(&heap, &mut la, None);
    let w3 = new_node(&heap, &mut la, None);
    link(obj2, w3);
    heap.register_weak(obj2, w3);
    la.retire(&heap);
    let (cleared, _) = cleared_by(&heap, &[w_live]);
    assert_eq!(cleared, vec![w_live]);
    assert_eq!(heap.weak_entries(), 0);
}

#[test]
fn dead_weakrefs_to_live_referent_are_pruned() {
    let heap = heap_with(1);
    let mut la = LocalAlloc::new();
    let obj = new_node(&heap, &mut la, None);
    let obj2 = new_node(&heap, &mut la, None);
    let w_dead = new_node(&heap, &mut la, None);
    let w_live = new_node(&heap, &mut la, None);
    let w_dead2 = new_node(&heap, &mut la, None);
    heap.register_weak(obj, w_dead);
    heap.register_weak(obj, w_live);
    heap.register_weak(obj2, w_dead2);
    la.retire(&heap);
    let (cleared, _) = cleared_by(&heap, &[obj, obj2, w_live]);
    assert!(cleared.is_empty());
    assert_eq!(heap.weakrefs_of(obj), vec![w_live]);
    assert!(heap.has_weak(obj));
    // obj2's list emptied: entry gone, WTB clear.
    assert!(heap.weakrefs_of(obj2).is_empty());
    assert!(!heap.has_weak(obj2));
    assert_eq!(heap.weak_entries(), 1);
    // The freed weakrefs' blocks are reused without stale map entries pointing at them.
    let fresh = new_node(&heap, &mut la, None);
    assert!(!heap.has_weak(fresh));
}

#[test]
fn wtb_cleared_when_referent_dies() {
    let heap = heap_with(1);
    let mut la = LocalAlloc::new();
    let obj = new_node(&heap, &mut la, None);
    let w = new_node(&heap, &mut la, None);
    heap.register_weak(obj, w);
    la.retire(&heap);
    let (cleared, _) = cleared_by(&heap, &[w]);
    assert_eq!(cleared, vec![w]);
    // The next object at the same address must not look weakly referenced. (The
    // allocator takes the largest free span first, so the small hole left by `obj` is
    // reused once the rest of the chunk is used up.)
    let mut seen = false;
    for _ in 0..weft_gc::BLOCKS_PER_CHUNK {
        let p = new_node(&heap, &mut la, None);
        if p.addr() == obj.addr() {
            seen = true;
            assert!(!heap.has_weak(p));
            assert!(heap.weakrefs_of(p).is_empty());
        }
    }
    assert!(seen, "freed block was not reused");
}

#[test]
fn weak_map_many_threads() {
    let heap = heap_with(4);
    let mut la = LocalAlloc::new();
    let objs: Vec<GcPtr> = (0..1000).map(|_| new_node(&heap, &mut la, None)).collect();
    let refs: Vec<GcPtr> = (0..4000).map(|_| new_node(&heap, &mut la, None)).collect();
    la.retire(&heap);
    std::thread::scope(|s| {
        for t in 0..4 {
            let (heap, objs, refs) = (&heap, &objs, &refs);
            s.spawn(move || {
                for (i, o) in objs.iter().enumerate() {
                    heap.register_weak(*o, refs[t * 1000 + i]);
                }
            });
        }
    });
    assert_eq!(heap.weak_entries(), 1000);
    // Keep the even referents and all weakrefs.
    let mut roots: Vec<GcPtr> = objs.iter().copied().step_by(2).collect();
    roots.extend(&refs);
    let (cleared, _) = cleared_by(&heap, &roots);
    assert_eq!(cleared.len(), 500 * 4);
    assert_eq!(heap.weak_entries(), 500);
    assert!(
        objs.iter()
            .step_by(2)
            .all(|&o| heap.has_weak(o) && heap.weakrefs_of(o).len() == 4)
    );
}
