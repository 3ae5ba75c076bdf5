//! The three heap shapes the marking benchmarks run on, built once and kept alive.
//!
//! They stress the parallel marker differently:
//! - [`Shape::WideList`]: one root array of n leaves. Tracing the array pushes n items
//!   at once; the other markers must steal them (many tiny work items).
//! - [`Shape::BinaryTree`]: a complete binary tree of n nodes. Every traced node makes
//!   two more work items: the shape that parallel marking handles best.
//! - [`Shape::LinkedList`]: a chain of n nodes. Only one item exists at any time, so
//!   marking is inherently sequential; extra markers can only get in the way.

use crate::mock::Node;
use weft_gc::{CollectStats, Heap, HeapConfig, LocalAlloc};

/// How the live objects are linked.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Shape {
    WideList,
    BinaryTree,
    LinkedList,
}

impl Shape {
    pub const ALL: [Shape; 3] = [Shape::WideList, Shape::BinaryTree, Shape::LinkedList];

    /// Short name for benchmark ids and command lines.
    pub fn name(self) -> &'static str {
        match self {
            Shape::WideList => "wide_list",
            Shape::BinaryTree => "binary_tree",
            Shape::LinkedList => "linked_list",
        }
    }

    pub fn from_name(s: &str) -> Option<Shape> {
        Shape::ALL.into_iter().find(|sh| sh.name() == s)
    }
}

/// A heap holding one shape, all of it reachable from `root`.
pub struct Graph {
    pub heap: Heap,
    pub root: Node,
    /// Objects reachable from the root (the root included): what a collection marks.
    pub objects: usize,
}

impl Graph {
    /// Build `shape` with `n` objects (the wide list's root array comes on top).
    pub fn build(shape: Shape, n: usize) -> Graph {
        assert!(n >= 1);
        let heap = Heap::new(HeapConfig::default());
        let mut la = LocalAlloc::new();
        let (root, objects) = match shape {
            Shape::WideList => (wide_list(&heap, &mut la, n), n + 1),
            Shape::BinaryTree => (binary_tree(&heap, &mut la, n), n),
            Shape::LinkedList => (linked_list(&heap, &mut la, n), n),
        };
        // The collection's contract: no LocalAlloc holds a span while it runs.
        la.retire(&heap);
        Graph {
            heap,
            root,
            objects,
        }
    }

    /// One full collection with the root as the only root; nothing is freed.
    pub fn collect(&self) -> CollectStats {
        let root = self.root.ptr();
        self.heap.collect(&mut |t| t.mark(root), &mut |_| {})
    }
}

/// One array node whose n slots hold leaves (one empty slot each, like a small object
/// with a field).
fn wide_list(heap: &Heap, la: &mut LocalAlloc, n: usize) -> Node {
    let root = Node::alloc(heap, la, n);
    for i in 0..n {
        root.set(i, Node::alloc(heap, la, 1));
    }
    root
}

/// A complete binary tree in heap order: node i's children are 2i+1 and 2i+2.
/// Allocated breadth-first, iteratively (no recursion depth to worry about).
fn binary_tree(heap: &Heap, la: &mut LocalAlloc, n: usize) -> Node {
    let nodes: Vec<Node> = (0..n).map(|_| Node::alloc(heap, la, 2)).collect();
    for (i, &node) in nodes.iter().enumerate() {
        for (slot, child) in [2 * i + 1, 2 * i + 2].into_iter().enumerate() {
            if let Some(&c) = nodes.get(child) {
                node.set(slot, c);
            }
        }
    }
    nodes[0]
}

/// A chain of n nodes, each pointing at the next.
fn linked_list(heap: &Heap, la: &mut LocalAlloc, n: usize) -> Node {
    let head = Node::alloc(heap, la, 1);
    let mut tail = head;
    for _ in 1..n {
        let next = Node::alloc(heap, la, 1);
        tail.set(0, next);
        tail = next;
    }
    head
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every shape marks exactly its objects with 1 and 2 marker threads (small n: this
    /// runs under `cargo test`).
    #[test]
    fn shapes_mark_all_their_objects() {
        for shape in Shape::ALL {
            let g = Graph::build(shape, 1000);
            for threads in [1, 2] {
                g.heap.set_marker_threads(threads);
                let s = g.collect();
                assert_eq!((s.marked, s.freed), (g.objects, 0), "{shape:?} {threads}");
            }
        }
    }
}
