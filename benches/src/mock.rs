//! A mock object model for benchmarking the collector without the vm.
//!
//! A [`Node`] is a heap object whose payload is a slot count followed by that many
//! child slots, all inline: one allocation per object and no `malloc`'ed buffer, like
//! a small Python instance or a list's item array. The slots are atomic words (0 means
//! empty) so a `Node` can be shared between threads soundly; on x86-64 a relaxed load is
//! a plain load, so tracing costs the same as with raw pointers.

use std::sync::atomic::AtomicUsize;
use std::sync::atomic::Ordering::Relaxed;
use weft_gc::{BLOCK_SIZE, GcHeader, GcPtr, GcVTable, Heap, LocalAlloc, Tracer};

/// The payload's first word: how many child slots follow it.
#[repr(C)]
struct Layout {
    slots: usize,
    // followed by `slots` × AtomicUsize
}

/// A mock heap object with a fixed number of child slots.
///
/// Only [`Node::alloc`] makes one, so the pointer always leads to a node's layout. It is
/// valid while its heap lives and the node has not been swept (the caller keeps it
/// reachable from the roots it passes to `Heap::collect`, or does not collect).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Node(GcPtr);

static NODE: GcVTable = GcVTable {
    name: "bench.Node",
    trace: node_trace,
    drop: node_drop,
    needs_drop: false,
};

/// Mark every filled slot.
unsafe fn node_trace(obj: GcPtr, t: &mut Tracer) {
    let n = Node(obj);
    for i in 0..n.slots() {
        if let Some(c) = n.get(i) {
            t.mark(c.0);
        }
    }
}

/// Nothing to free: the payload owns no buffer.
unsafe fn node_drop(_obj: GcPtr) {}

impl Node {
    /// Bytes to ask `Heap::alloc` for a node with `slots` children (header included).
    pub const fn bytes(slots: usize) -> usize {
        BLOCK_SIZE + std::mem::size_of::<Layout>() + slots * std::mem::size_of::<usize>()
    }

    /// A fresh node with `slots` empty slots. Panics when the heap is full: a benchmark
    /// that runs out of heap is misconfigured, not a case to measure.
    pub fn alloc(heap: &Heap, la: &mut LocalAlloc, slots: usize) -> Node {
        let p = heap
            .alloc(la, Self::bytes(slots), &NODE)
            .expect("benchmark heap full");
        // SAFETY: a fresh, zeroed allocation with room for the layout; zeroed slots are
        // empty, so only the count needs writing.
        unsafe { (p.payload() as *mut Layout).write(Layout { slots }) };
        Node(p)
    }

    /// The collector's pointer to this node.
    pub fn ptr(self) -> GcPtr {
        self.0
    }

    /// Is `p` a node (has this model's vtable)?
    pub fn is_node(p: GcPtr) -> bool {
        std::ptr::eq(p.vtable(), &NODE)
    }

    /// Number of child slots.
    pub fn slots(self) -> usize {
        // SAFETY: Node invariant: the payload starts with a written Layout.
        unsafe { (*(self.0.payload() as *const Layout)).slots }
    }

    fn slot(self, i: usize) -> &'static AtomicUsize {
        assert!(i < self.slots(), "slot {i} out of range");
        // SAFETY: Node invariant; i is in range, so the slot lies inside the allocation,
        // 8-aligned (payload is 16-aligned, Layout is one word). The 'static borrow is a
        // shortcut: callers use it at once, while the node is alive.
        unsafe {
            let first = self.0.payload().add(std::mem::size_of::<Layout>()) as *const AtomicUsize;
            &*first.add(i)
        }
    }

    /// Child `i`, if set.
    pub fn get(self, i: usize) -> Option<Node> {
        let addr = self.slot(i).load(Relaxed);
        // SAFETY: a non-zero slot was written by `set` from a live node.
        (addr != 0).then(|| Node(unsafe { GcPtr::from_raw(addr as *mut GcHeader) }))
    }

    /// Point slot `i` at `child`.
    pub fn set(self, i: usize, child: Node) {
        self.slot(i).store(child.0.addr(), Relaxed);
    }
}
