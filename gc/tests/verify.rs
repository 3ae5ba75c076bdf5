//! The heap verifier: a correct heap passes; each kind of corruption is reported.
//! Violations panic here (`HeapConfig::verify_panics`); one test checks the default
//! report-and-abort path in a child process.

mod common;
use common::*;
use std::sync::atomic::{AtomicUsize, Ordering};
use weft_gc::{BLOCK_SIZE, GcPtr, GcVTable, Heap, HeapConfig, LocalAlloc, POISON, Tracer};

#[test]
fn correct_heap_passes() {
    for threads in [1, 3] {
        let heap = verified_heap(threads);
        assert!(heap.verify_enabled());
        let mut la = LocalAlloc::new();
        let root = new_node(&heap, &mut la, None);
        let mut objs = vec![root];
        let mut state = 12345u64;
        let mut rand = move |n: usize| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as usize % n
        };
        for round in 0..20 {
            // Grow a random graph, some of it unreachable; weak refs and finalisers.
            for _ in 0..2000 {
                let p = new_node(&heap, &mut la, None);
                let from = objs[rand(objs.len())];
                if rand(4) != 0 {
                    link(from, p);
                }
                if rand(10) == 0 {
                    heap.register_weak(objs[rand(objs.len())], p);
                }
                if rand(20) == 0 {
                    heap.set_finaliser(p);
                }
                objs.push(p);
            }
            if round % 3 == 0 {
                // Drop some edges.
                let n = node(objs[rand(objs.len())]);
                n.children.clear();
            }
            la.retire(&heap);
            let seen = collect_full(&heap, &[root], true, 0);
            assert!(seen.stats.verify_ns > 0);
            objs.retain(|p| heap.contains(p.addr()));
            // Every survivor is still a valid node (its memory was not poisoned).
            for &p in &objs {
                assert_eq!(p.vtable().name, "Node");
            }
        }
    }
}

#[test]
fn freed_blocks_are_poisoned_and_reused() {
    let heap = verified_heap(1);
    let mut la = LocalAlloc::new();
    let keep = new_node(&heap, &mut la, None);
    let dead: Vec<GcPtr> = (0..100).map(|_| new_node(&heap, &mut la, None)).collect();
    la.retire(&heap);
    collect(&heap, &[keep]);
    let size = NODE_BYTES.div_ceil(BLOCK_SIZE) * BLOCK_SIZE;
    for p in &dead {
        // SAFETY: the chunk memory is still allocated (only the object is dead).
        let bytes = unsafe { std::slice::from_raw_parts(p.addr() as *const u8, size) };
        assert!(bytes.iter().all(|&b| b == POISON));
    }
    // Reallocation checks the poison and hands the blocks out again.
    let again: Vec<GcPtr> = (0..100).map(|_| new_node(&heap, &mut la, None)).collect();
    assert!(again.iter().any(|p| dead.contains(p)));
}

#[test]
fn verifier_turned_on_later_poisons_at_the_next_collection() {
    let heap = heap_with(1);
    let mut la = LocalAlloc::new();
    let keep = new_node(&heap, &mut la, None);
    for _ in 0..1000 {
        new_node(&heap, &mut la, None);
    }
    la.retire(&heap);
    collect(&heap, &[keep]);
    heap.set_verify(true);
    // Free memory that was never poisoned is not checked yet: no false report.
    for _ in 0..1000 {
        new_node(&heap, &mut la, None);
    }
    la.retire(&heap);
    collect(&heap, &[keep]);
    for _ in 0..3000 {
        new_node(&heap, &mut la, None);
    }
    la.retire(&heap);
    collect(&heap, &[keep]);
    heap.set_verify(false);
    assert!(!heap.verify_enabled());
    collect(&heap, &[keep]);
}

#[test]
#[should_panic(expected = "is a free block")]
fn dangling_child_is_caught() {
    let heap = verified_heap(1);
    let mut la = LocalAlloc::new();
    let a = new_node(&heap, &mut la, None);
    let b = new_node(&heap, &mut la, None);
    la.retire(&heap);
    // b was held unrooted across a collection (a missing root) ...
    collect(&heap, &[a]);
    // ... and then stored into a live object.
    link(a, b);
    collect(&heap, &[a]);
}

#[test]
#[should_panic(expected = "points inside object")]
fn interior_pointer_is_caught() {
    let heap = verified_heap(2);
    let mut la = LocalAlloc::new();
    let a = new_node(&heap, &mut la, None);
    let b = new_node(&heap, &mut la, None);
    // SAFETY: test-only; the verifier must catch this pointer before anything uses it.
    let inside = unsafe { GcPtr::from_raw((b.addr() + BLOCK_SIZE) as *mut _) };
    link(a, b);
    link(b, inside);
    la.retire(&heap);
    collect(&heap, &[a]);
}

#[test]
#[should_panic(expected = "the root callback reports")]
fn bad_root_is_caught() {
    let heap = verified_heap(1);
    let mut la = LocalAlloc::new();
    let a = new_node(&heap, &mut la, None);
    la.retire(&heap);
    let stack_thing = 0u128;
    // SAFETY: test-only; the verifier checks roots before marking them.
    let wild = unsafe { GcPtr::from_raw(&stack_thing as *const u128 as *mut _) };
    collect(&heap, &[a, wild]);
}

#[test]
#[should_panic(expected = "weak reference registered for")]
fn stale_weakref_in_the_map_is_caught() {
    let heap = verified_heap(1);
    let mut la = LocalAlloc::new();
    let obj = new_node(&heap, &mut la, None);
    let w = new_node(&heap, &mut la, None);
    la.retire(&heap);
    collect(&heap, &[obj]);
    // w is freed; registering it is a vm bug (a weakref not kept alive).
    heap.register_weak(obj, w);
    collect(&heap, &[obj]);
}

/// A node whose trace reports its children only from its second call on: the marker's
/// single trace misses them, the verifier's closure check sees them.
static FLAKY: GcVTable = GcVTable {
    name: "Flaky",
    trace: flaky_trace,
    drop: node_drop,
    needs_drop: true,
};

static FLAKY_CALLS: AtomicUsize = AtomicUsize::new(0);

unsafe fn flaky_trace(obj: GcPtr, t: &mut Tracer) {
    if FLAKY_CALLS.fetch_add(1, Ordering::Relaxed) > 0 {
        // SAFETY: as node_trace.
        unsafe { node_trace(obj, t) }
    }
}

#[test]
#[should_panic(expected = "the marker lost work")]
fn unmarked_child_of_marked_object_is_caught() {
    let heap = verified_heap(1);
    let mut la = LocalAlloc::new();
    let a = heap.alloc(&mut la, NODE_BYTES, &FLAKY).unwrap();
    // SAFETY: room for a Node.
    unsafe {
        (a.payload() as *mut Node).write(Node {
            children: vec![],
            drops: None,
        })
    };
    let b = new_node(&heap, &mut la, None);
    link(a, b);
    la.retire(&heap);
    collect(&heap, &[a]);
}

fn write_after_free(heap: &Heap) {
    let mut la = LocalAlloc::new();
    let a = new_node(heap, &mut la, None);
    let b = new_node(heap, &mut la, None);
    la.retire(heap);
    collect(heap, &[a]);
    // A stale pointer to b is written through after b was freed.
    // SAFETY: test-only: the chunk memory is still allocated; this is the bug to catch.
    unsafe { (b.payload() as *mut u64).add(1).write(42) };
    for _ in 0..1000 {
        new_node(heap, &mut la, None);
    }
}

#[test]
#[should_panic(expected = "written after it was freed")]
fn write_after_free_is_caught_at_allocation() {
    write_after_free(&verified_heap(1));
}

#[test]
fn violation_reports_and_aborts() {
    if std::env::var_os("WEFT_GC_VERIFY_CHILD").is_some() {
        let heap = Heap::new(HeapConfig {
            verify: true,
            ..HeapConfig::default()
        });
        write_after_free(&heap);
        unreachable!("the verifier did not stop the process");
    }
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "violation_reports_and_aborts", "--nocapture"])
        .env("WEFT_GC_VERIFY_CHILD", "1")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(out.status.signal(), Some(6), "stderr: {err}"); // SIGABRT
    }
    assert!(
        err.contains("weft-gc: heap verification failed: free memory was written after"),
        "stderr: {err}"
    );
    assert!(err.contains("weft-gc: aborting"), "stderr: {err}");
}
