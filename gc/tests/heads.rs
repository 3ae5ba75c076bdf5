//! ATB heads published lazily (alloc module, `weft_core::heads`): objects whose heads are
//! still in an allocating thread's run are objects for `Heap::contains`, for the
//! collection (marked, swept, verified) and for the heap's own drop.

mod common;
use common::*;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use weft_gc::{BLOCK_SIZE, GcPtr, GcVTable, Heap, LocalAlloc};

unsafe fn no_trace(_: GcPtr, _: &mut weft_gc::Tracer) {}
unsafe fn no_drop(_: GcPtr) {}
static BLOB: GcVTable = GcVTable {
    name: "blob",
    trace: no_trace,
    drop: no_drop,
    needs_drop: false,
};

/// Objects of varied sizes (1 to 9 blocks, some larger), so runs cross ATB words at
/// every offset.
fn blobs(heap: &Heap, la: &mut LocalAlloc, n: usize, seed: usize) -> Vec<GcPtr> {
    (0..n)
        .map(|i| {
            let k = (i * 7 + seed) % 23;
            let blocks = if k == 0 { 70 } else { 1 + k % 9 };
            heap.alloc(la, blocks * BLOCK_SIZE, &BLOB).unwrap()
        })
        .collect()
}

#[test]
fn contains_sees_objects_not_yet_in_atb() {
    let heap = heap_with(1);
    let mut la = LocalAlloc::new();
    let objs = blobs(&heap, &mut la, 500, 0);
    for p in &objs {
        assert!(heap.contains(p.addr()), "{:#x}", p.addr());
        if p.blocks() > 1 {
            assert!(!heap.contains(p.addr() + BLOCK_SIZE), "inside an object");
        }
    }
    let last = objs.last().unwrap();
    let after = last.addr() + last.blocks() as usize * BLOCK_SIZE;
    assert!(!heap.contains(after), "free block after the cursor");
    la.retire(&heap);
    assert!(objs.iter().all(|p| heap.contains(p.addr())));
    assert!(!heap.contains(after));
}

#[test]
fn contains_sees_another_threads_fresh_objects() {
    let heap = Arc::new(heap_with(1));
    let (tx, rx) = std::sync::mpsc::channel::<Vec<usize>>();
    let (done_tx, done_rx) = std::sync::mpsc::channel::<()>();
    let h = heap.clone();
    let t = std::thread::spawn(move || {
        let mut la = LocalAlloc::new();
        for round in 0..50 {
            let v = blobs(&h, &mut la, 37, round);
            tx.send(v.iter().map(|p| p.addr()).collect()).unwrap();
        }
        // Keep the buffer (and its unpublished run) until the reader is done.
        done_rx.recv().unwrap();
        la.retire(&h);
    });
    for _ in 0..50 {
        let addrs = rx.recv().unwrap();
        assert!(addrs.iter().all(|&a| heap.contains(a)));
    }
    done_tx.send(()).unwrap();
    t.join().unwrap();
}

#[test]
fn collection_with_unretired_buffers_keeps_and_frees_exactly() {
    let heap = Arc::new(verified_heap(2));
    let drops = Arc::new(AtomicUsize::new(0));
    // Four threads allocate nodes and blobs and keep their buffers un-retired (as
    // parked threads do); the collection must publish every run.
    let mut keep = Vec::new();
    let mut buffers = Vec::new();
    std::thread::scope(|s| {
        let hs: Vec<_> = (0..4)
            .map(|k| {
                let (heap, drops) = (&heap, &drops);
                s.spawn(move || {
                    let mut la = LocalAlloc::new();
                    let mut kept = Vec::new();
                    for i in 0..3000 {
                        let n = new_node(heap, &mut la, Some(drops));
                        if i % 3 == 0 {
                            kept.push(n);
                        }
                        blobs(heap, &mut la, 1, i + k);
                    }
                    (kept.into_iter().map(|p| p.addr()).collect::<Vec<_>>(), la)
                })
            })
            .collect();
        for h in hs {
            let (kept, la) = h.join().unwrap();
            keep.extend(kept);
            buffers.push(la);
        }
    });
    // SAFETY: each address is a node allocated above and not yet collected.
    let roots: Vec<GcPtr> = keep
        .iter()
        .map(|&a| unsafe { GcPtr::from_raw(a as *mut _) })
        .collect();
    let s = collect(&heap, &roots);
    assert_eq!(s.marked, 4000);
    assert_eq!(s.freed, 4 * 3000 * 2 - 4000);
    assert_eq!(drops.load(Ordering::Relaxed), 8000);
    assert!(roots.iter().all(|p| heap.contains(p.addr())));
    // The stale buffers start afresh in the new epoch.
    for mut la in buffers {
        let p = new_node(&heap, &mut la, None);
        assert!(heap.contains(p.addr()));
        la.retire(&heap);
    }
    let s = collect(&heap, &roots);
    assert_eq!(s.marked, 4000);
    assert_eq!(s.freed, 4);
}

#[test]
fn heap_drop_drops_objects_of_unretired_buffers() {
    let drops = Arc::new(AtomicUsize::new(0));
    {
        let heap = heap_with(1);
        let mut la = LocalAlloc::new();
        for _ in 0..100 {
            new_node(&heap, &mut la, Some(&drops));
        }
        // `la` is never retired.
        drop(heap);
    }
    assert_eq!(drops.load(Ordering::Relaxed), 100);
}

#[test]
fn weak_and_finaliser_bits_on_unpublished_objects() {
    // WTB and FTB bits set on objects whose heads are still in the buffer's run: the
    // verifier (on) checks at the collection's start that they sit on object starts.
    let heap = verified_heap(1);
    let mut la = LocalAlloc::new();
    let referent = new_node(&heap, &mut la, None);
    let weakref = new_node(&heap, &mut la, None);
    let fin = new_node(&heap, &mut la, None);
    heap.register_weak(referent, weakref);
    heap.set_finaliser(fin);
    let mut cleared = Vec::new();
    let mut finalised = Vec::new();
    let s = heap.collect_with(weft_gc::Collection {
        roots: &mut |t| t.mark(weakref),
        on_weakref_cleared: &mut |w| {
            cleared.push(w);
            false
        },
        on_finalize: &mut |p| finalised.push(p),
        stop_ns: 0,
    });
    assert_eq!(cleared, vec![weakref]);
    assert_eq!(finalised, vec![fin]);
    assert_eq!(
        s.freed, 1,
        "the referent; the finalisable object is kept a cycle"
    );
    assert!(heap.contains(weakref.addr()) && heap.contains(fin.addr()));
}
