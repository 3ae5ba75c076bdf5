//! The mock object model shared by the gc tests: `Node { children, drops }`.
#![allow(dead_code)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use weft_gc::{BLOCK_SIZE, GcPtr, GcVTable, Heap, HeapConfig, LocalAlloc, Tracer};

/// The payload of a mock node.
pub struct Node {
    pub children: Vec<GcPtr>,
    pub drops: Option<Arc<AtomicUsize>>,
}

pub unsafe fn node_trace(obj: GcPtr, t: &mut Tracer) {
    // SAFETY: obj is a live node (written by `new_node`).
    let n = unsafe { &*(obj.payload() as *const Node) };
    for &c in &n.children {
        t.mark(c);
    }
}

pub unsafe fn node_drop(obj: GcPtr) {
    // SAFETY: called once per dead node; the payload is a valid Node.
    let n = unsafe { std::ptr::read(obj.payload() as *const Node) };
    if let Some(d) = &n.drops {
        d.fetch_add(1, Ordering::Relaxed);
    }
}

pub static NODE: GcVTable = GcVTable {
    name: "Node",
    trace: node_trace,
    drop: node_drop,
    needs_drop: true,
};

pub const NODE_BYTES: usize = BLOCK_SIZE + std::mem::size_of::<Node>();

pub fn new_node(heap: &Heap, la: &mut LocalAlloc, drops: Option<&Arc<AtomicUsize>>) -> GcPtr {
    let p = heap.alloc(la, NODE_BYTES, &NODE).expect("heap full");
    // SAFETY: fresh allocation with room for a Node.
    unsafe {
        (p.payload() as *mut Node).write(Node {
            children: Vec::new(),
            drops: drops.cloned(),
        })
    };
    p
}

pub fn node(p: GcPtr) -> &'static mut Node {
    // SAFETY: test-only: p is a live node and tests are single-threaded around it.
    unsafe { &mut *(p.payload() as *mut Node) }
}

pub fn link(from: GcPtr, to: GcPtr) {
    node(from).children.push(to);
}

pub fn collect(heap: &Heap, roots: &[GcPtr]) -> weft_gc::CollectStats {
    heap.collect(&mut |t| roots.iter().for_each(|&r| t.mark(r)), &mut |_| {})
}

pub fn heap_with(threads: usize) -> Heap {
    Heap::new(HeapConfig {
        marker_threads: threads,
        ..HeapConfig::default()
    })
}

/// A heap with the verifier on, reporting violations by panicking.
pub fn verified_heap(threads: usize) -> Heap {
    Heap::new(HeapConfig {
        marker_threads: threads,
        verify: true,
        verify_panics: true,
        ..HeapConfig::default()
    })
}

/// What the hooks of one `collect_with` saw.
#[derive(Debug, Default)]
pub struct Seen {
    /// `on_weakref_cleared` arguments, in call order.
    pub cleared: Vec<GcPtr>,
    /// `on_finalize` arguments, in call order.
    pub finalized: Vec<GcPtr>,
    pub stats: weft_gc::CollectStats,
}

/// `collect_with` marking `roots`; `on_weakref_cleared` returns `queue` (a callback
/// queued), `stop_ns` is passed through.
pub fn collect_full(heap: &Heap, roots: &[GcPtr], queue: bool, stop_ns: u64) -> Seen {
    let mut cleared = Vec::new();
    let mut finalized = Vec::new();
    let stats = heap.collect_with(weft_gc::Collection {
        roots: &mut |t| roots.iter().for_each(|&r| t.mark(r)),
        on_weakref_cleared: &mut |w| {
            cleared.push(w);
            queue
        },
        on_finalize: &mut |p| finalized.push(p),
        stop_ns,
    });
    Seen {
        cleared,
        finalized,
        stats,
    }
}

/// `collect_full` without callbacks queued or stop time.
pub fn collect_hooks(heap: &Heap, roots: &[GcPtr]) -> Seen {
    collect_full(heap, roots, false, 0)
}
