//! `Heap::collect_with`: finalisers (FTB bit, PEP 442 resurrection), their interplay with
//! weak references, and the statistics. Mock object model in `common`.

mod common;
use common::*;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use weft_gc::{GcPtr, Heap, LocalAlloc, STATS_HISTORY};

fn drops_of(d: &Arc<AtomicUsize>) -> usize {
    d.load(Ordering::Relaxed)
}

/// Run `f` on a plain heap and on a verified one, with 1 and with 4 marker threads.
fn each_heap(f: impl Fn(&Heap)) {
    for threads in [1, 4] {
        f(&heap_with(threads));
        f(&verified_heap(threads));
    }
}

#[test]
fn finalisable_object_survives_one_collection_with_its_children() {
    each_heap(|heap| {
        let mut la = LocalAlloc::new();
        let drops = Arc::new(AtomicUsize::new(0));
        let f = new_node(heap, &mut la, Some(&drops));
        let child = new_node(heap, &mut la, Some(&drops));
        let grandchild = new_node(heap, &mut la, Some(&drops));
        let garbage = new_node(heap, &mut la, Some(&drops));
        link(f, child);
        link(child, grandchild);
        link(grandchild, f);
        heap.set_finaliser(f);
        la.retire(heap);

        let seen = collect_hooks(heap, &[]);
        assert_eq!(seen.finalized, vec![f]);
        assert_eq!(seen.stats.finalizers_queued, 1);
        assert_eq!(seen.stats.resurrected, 3);
        assert_eq!(seen.stats.marked, 3);
        assert_eq!(seen.stats.freed, 1);
        assert_eq!(drops_of(&drops), 1);
        assert!(heap.contains(f.addr()) && heap.contains(child.addr()));
        assert!(heap.contains(grandchild.addr()));
        assert!(!heap.contains(garbage.addr()));
        // __del__ runs once: the FTB bit is gone.
        assert!(!heap.has_finaliser(f));

        // Still unreachable at the next collection: freed, not finalised again.
        let seen = collect_hooks(heap, &[]);
        assert!(seen.finalized.is_empty());
        assert_eq!(seen.stats.freed, 3);
        assert_eq!(drops_of(&drops), 4);
        assert_eq!(heap.mem_alloc(), 0);
    });
}

#[test]
fn reachable_finalisable_object_is_left_alone() {
    each_heap(|heap| {
        let mut la = LocalAlloc::new();
        let root = new_node(heap, &mut la, None);
        let f = new_node(heap, &mut la, None);
        link(root, f);
        heap.set_finaliser(f);
        la.retire(heap);
        for _ in 0..3 {
            let seen = collect_hooks(heap, &[root]);
            assert!(seen.finalized.is_empty());
            assert_eq!(seen.stats.resurrected, 0);
            assert!(heap.has_finaliser(f));
        }
        // Dropped: finalised now.
        let seen = collect_hooks(heap, &[]);
        assert_eq!(seen.finalized, vec![f]);
        assert!(heap.contains(f.addr()));
    });
}

#[test]
fn resurrection_through_a_root() {
    each_heap(|heap| {
        let mut la = LocalAlloc::new();
        let drops = Arc::new(AtomicUsize::new(0));
        let f = new_node(heap, &mut la, Some(&drops));
        let child = new_node(heap, &mut la, Some(&drops));
        link(f, child);
        heap.set_finaliser(f);
        la.retire(heap);

        // The vm keeps what on_finalize reported rooted until __del__ ran ...
        let seen = collect_hooks(heap, &[]);
        let vm_pending: Vec<GcPtr> = seen.finalized.clone();
        assert_eq!(vm_pending, vec![f]);
        // ... a collection while __del__ is pending keeps it through that root ...
        let seen = collect_hooks(heap, &vm_pending);
        assert!(seen.finalized.is_empty());
        assert_eq!(seen.stats.freed, 0);
        // ... and __del__ stores self in a global: resurrected for good.
        let global = new_node(heap, &mut la, None);
        link(global, f);
        la.retire(heap);
        for _ in 0..2 {
            let seen = collect_hooks(heap, &[global]);
            assert!(seen.finalized.is_empty());
            assert_eq!(seen.stats.freed, 0);
        }
        assert_eq!(drops_of(&drops), 0);
        // The global lets go: freed without a second finalisation.
        node(global).children.clear();
        let seen = collect_hooks(heap, &[global]);
        assert!(seen.finalized.is_empty());
        assert_eq!(seen.stats.freed, 2);
        assert_eq!(drops_of(&drops), 2);
    });
}

#[test]
fn set_finaliser_again_after_resurrection_finalises_again() {
    let heap = verified_heap(1);
    let mut la = LocalAlloc::new();
    let f = new_node(&heap, &mut la, None);
    heap.set_finaliser(f);
    la.retire(&heap);
    assert_eq!(collect_hooks(&heap, &[]).finalized, vec![f]);
    // A vm may re-arm (e.g. an object that re-registers a finaliser in __del__).
    heap.set_finaliser(f);
    assert_eq!(collect_hooks(&heap, &[]).finalized, vec![f]);
    assert!(collect_hooks(&heap, &[]).finalized.is_empty());
    assert!(!heap.contains(f.addr()));
}

#[test]
fn finalisable_garbage_reachable_from_finalisable_garbage_is_finalised_together() {
    each_heap(|heap| {
        let mut la = LocalAlloc::new();
        let a = new_node(heap, &mut la, None);
        let b = new_node(heap, &mut la, None);
        let c = new_node(heap, &mut la, None);
        // a -> b -> c, all finalisable: CPython runs every __del__ of the isolate.
        link(a, b);
        link(b, c);
        for p in [a, b, c] {
            heap.set_finaliser(p);
        }
        la.retire(heap);
        let seen = collect_hooks(heap, &[]);
        let mut fin = seen.finalized.clone();
        fin.sort();
        let mut want = vec![a, b, c];
        want.sort();
        assert_eq!(fin, want);
        assert_eq!(seen.stats.finalizers_queued, 3);
        assert_eq!(seen.stats.resurrected, 3);
        let seen = collect_hooks(heap, &[]);
        assert!(seen.finalized.is_empty());
        assert_eq!(seen.stats.freed, 3);
    });
}

#[test]
fn weakrefs_to_a_finalisable_object_are_cleared_in_the_first_collection() {
    each_heap(|heap| {
        let mut la = LocalAlloc::new();
        let f = new_node(heap, &mut la, None);
        let child = new_node(heap, &mut la, None);
        let w1 = new_node(heap, &mut la, None);
        let w2 = new_node(heap, &mut la, None);
        let w_child = new_node(heap, &mut la, None);
        link(f, child);
        heap.set_finaliser(f);
        heap.register_weak(f, w1);
        heap.register_weak(f, w2);
        heap.register_weak(child, w_child);
        la.retire(heap);

        let seen = collect_full(heap, &[w1, w2, w_child], true, 0);
        // Cleared before finalisation, newest first per referent, callbacks counted.
        assert_eq!(seen.cleared.len(), 3);
        let pos = |p| seen.cleared.iter().position(|&x| x == p).unwrap();
        assert!(pos(w2) < pos(w1));
        assert_eq!(seen.stats.weakrefs_cleared, 3);
        assert_eq!(seen.stats.callbacks_queued, 3);
        assert_eq!(seen.finalized, vec![f]);
        // The objects survive this collection, with no weak references left.
        assert!(heap.contains(f.addr()) && heap.contains(child.addr()));
        assert!(!heap.has_weak(f) && !heap.has_weak(child));
        assert!(heap.weakrefs_of(f).is_empty());
        assert_eq!(heap.weak_entries(), 0);

        let seen = collect_hooks(heap, &[w1, w2, w_child]);
        assert!(seen.cleared.is_empty());
        assert_eq!(seen.stats.freed, 2);
    });
}

#[test]
fn dead_weakref_is_not_cleared_even_if_finaliser_resurrects_its_referent() {
    each_heap(|heap| {
        let mut la = LocalAlloc::new();
        // f is finalisable; w (a weakref to f) is garbage too.
        let f = new_node(heap, &mut la, None);
        let w = new_node(heap, &mut la, None);
        heap.set_finaliser(f);
        heap.register_weak(f, w);
        la.retire(heap);
        let seen = collect_full(heap, &[], true, 0);
        assert!(seen.cleared.is_empty());
        assert_eq!(seen.stats.callbacks_queued, 0);
        assert_eq!(seen.finalized, vec![f]);
        assert!(!heap.has_weak(f));
        assert!(!heap.contains(w.addr()));
    });
}

#[test]
fn weakref_resurrected_by_a_finaliser_stays_registered() {
    each_heap(|heap| {
        let mut la = LocalAlloc::new();
        let obj = new_node(heap, &mut la, None); // rooted referent
        let f = new_node(heap, &mut la, None); // finalisable garbage
        let w = new_node(heap, &mut la, None); // weakref to obj, reachable only from f
        let w_dead = new_node(heap, &mut la, None); // garbage weakref to obj
        let w_live = new_node(heap, &mut la, None); // rooted weakref to obj
        link(f, w);
        heap.set_finaliser(f);
        heap.register_weak(obj, w_dead);
        heap.register_weak(obj, w);
        heap.register_weak(obj, w_live);
        la.retire(heap);

        let seen = collect_hooks(heap, &[obj, w_live]);
        assert_eq!(seen.finalized, vec![f]);
        assert!(seen.cleared.is_empty());
        // w was unmarked at weak processing, resurrected by f: still registered; the
        // garbage weakref is pruned.
        assert_eq!(heap.weakrefs_of(obj), vec![w, w_live]);
        assert!(!heap.contains(w_dead.addr()));

        // __del__ stored w somewhere (rooted now); obj dies: w is cleared, not dangling.
        let seen = collect_hooks(heap, &[w, w_live]);
        assert_eq!(seen.cleared, vec![w_live, w]);
        assert!(!heap.contains(obj.addr()));
        assert_eq!(heap.weak_entries(), 0);
    });
}

#[test]
fn resurrected_weakref_is_pruned_once_it_dies() {
    each_heap(|heap| {
        let mut la = LocalAlloc::new();
        let obj = new_node(heap, &mut la, None);
        let f = new_node(heap, &mut la, None);
        let w = new_node(heap, &mut la, None);
        link(f, w);
        heap.set_finaliser(f);
        heap.register_weak(obj, w);
        la.retire(heap);
        collect_hooks(heap, &[obj]);
        assert_eq!(heap.weakrefs_of(obj), vec![w]);
        // f was finalised and is still garbage: f and w go, w leaves obj's list.
        let seen = collect_hooks(heap, &[obj]);
        assert!(seen.finalized.is_empty());
        assert_eq!(seen.stats.freed, 2);
        assert!(!heap.has_weak(obj));
        assert_eq!(heap.weak_entries(), 0);
    });
}

#[test]
fn weakref_resurrected_with_a_dead_referent_keeps_the_referent() {
    each_heap(|heap| {
        let mut la = LocalAlloc::new();
        let drops = Arc::new(AtomicUsize::new(0));
        // f (finalisable) -> w, w is a weakref to y; y and its child are plain garbage.
        let f = new_node(heap, &mut la, Some(&drops));
        let w = new_node(heap, &mut la, Some(&drops));
        let y = new_node(heap, &mut la, Some(&drops));
        let y_child = new_node(heap, &mut la, Some(&drops));
        link(f, w);
        link(y, y_child);
        heap.set_finaliser(f);
        heap.register_weak(y, w);
        la.retire(heap);

        let seen = collect_hooks(heap, &[]);
        assert_eq!(seen.finalized, vec![f]);
        assert!(seen.cleared.is_empty());
        // w was never cleared, so y must not be freed under it: kept, re-registered.
        assert_eq!(drops_of(&drops), 0);
        assert_eq!(seen.stats.resurrected, 4);
        assert!(heap.contains(y.addr()) && heap.contains(y_child.addr()));
        assert_eq!(heap.weakrefs_of(y), vec![w]);
        assert!(heap.has_weak(y));

        // Next time everything is plain garbage: freed silently.
        let seen = collect_hooks(heap, &[]);
        assert!(seen.cleared.is_empty() && seen.finalized.is_empty());
        assert_eq!(drops_of(&drops), 4);
        assert_eq!(heap.weak_entries(), 0);
    });
}

#[test]
fn weakref_resurrected_with_a_dead_referent_then_rooted_is_cleared_later() {
    let heap = verified_heap(2);
    let mut la = LocalAlloc::new();
    let f = new_node(&heap, &mut la, None);
    let w = new_node(&heap, &mut la, None);
    let y = new_node(&heap, &mut la, None);
    link(f, w);
    heap.set_finaliser(f);
    heap.register_weak(y, w);
    la.retire(&heap);
    collect_hooks(&heap, &[]);
    // __del__ made w reachable: y dies at the next collection and w is cleared then.
    let seen = collect_hooks(&heap, &[w]);
    assert_eq!(seen.cleared, vec![w]);
    assert!(!heap.contains(y.addr()));
    assert_eq!(heap.weak_entries(), 0);
}

// ---- statistics ----

#[test]
fn stats_of_one_collection() {
    let heap = heap_with(2);
    let mut la = LocalAlloc::new();
    let keep = new_node(&heap, &mut la, None);
    let obj = new_node(&heap, &mut la, None);
    let w = new_node(&heap, &mut la, None);
    let f = new_node(&heap, &mut la, None);
    heap.register_weak(obj, w);
    heap.set_finaliser(f);
    la.retire(&heap);
    let seen = collect_full(&heap, &[keep, w], true, 12_345);
    let s = &seen.stats;
    assert_eq!(s.stop_ns, 12_345);
    assert!(s.pause_ns >= s.stop_ns + s.mark_ns + s.weak_ns + s.finalize_ns + s.sweep_ns);
    assert_eq!(s.verify_ns, 0);
    assert_eq!(s.marked, 3);
    assert_eq!(s.resurrected, 1);
    assert_eq!(s.freed, 1);
    assert_eq!(s.weakrefs_cleared, 1);
    assert_eq!(s.callbacks_queued, 1);
    assert_eq!(s.finalizers_queued, 1);
    assert_eq!(s.marker_threads, 2);
    assert_eq!(s.live_bytes, heap.mem_alloc());
    assert_eq!(heap.stats().last(), Some(s));
}

#[test]
fn summary_totals_outlive_the_history_window() {
    let heap = verified_heap(1);
    let mut la = LocalAlloc::new();
    assert_eq!(heap.stats_summary().collections, 0);
    assert_eq!(heap.stats_summary().pause_ns_mean(), 0);
    let n = STATS_HISTORY + 6;
    for i in 0..n {
        new_node(&heap, &mut la, None);
        la.retire(&heap);
        let seen = collect_full(&heap, &[], i % 2 == 0, 1000);
        assert!(seen.stats.verify_ns > 0);
    }
    let hist = heap.stats();
    assert_eq!(hist.len(), STATS_HISTORY);
    let sum = heap.stats_summary();
    assert_eq!(sum.collections, n as u64);
    assert_eq!(sum.freed_total, n as u64);
    assert_eq!(sum.stop_ns_total, 1000 * n as u64);
    assert_eq!(sum.stop_ns_max, 1000);
    assert!(sum.pause_ns_total >= sum.stop_ns_total);
    assert_eq!(
        sum.pause_ns_max,
        hist.iter()
            .map(|s| s.pause_ns)
            .max()
            .unwrap()
            .max(sum.pause_ns_max)
    );
    assert!(sum.pause_ns_mean() <= sum.pause_ns_max);
    assert!(sum.verify_ns_total > 0);
    assert_eq!(sum.last.as_ref(), hist.last());
    // The old API counts no callbacks and runs no finaliser hook.
    collect(&heap, &[]);
    assert_eq!(heap.stats_summary().collections, n as u64 + 1);
}
