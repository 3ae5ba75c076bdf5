//! Timing collections with a given number of marker threads: best of several runs.
//!
//! Best-of rather than mean: on a shared 2-core machine the noise is one-sided (other
//! processes only ever make a run slower), so the minimum is the best estimate of what
//! the collector itself costs.

use crate::shapes::Graph;
use std::time::Duration;

/// The fastest of several collections of one graph.
#[derive(Clone, Copy, Debug)]
pub struct Best {
    /// Whole collection (mark + weak processing + sweep).
    pub pause: Duration,
    /// Marking alone (`CollectStats::mark_ns`).
    pub mark: Duration,
}

/// Collect `graph` `runs` times with `threads` marker threads; keep the best pause and
/// the best mark time (each minimised on its own). Panics if a collection marks the
/// wrong number of objects or frees anything: then the numbers would mean nothing.
pub fn best_of(graph: &Graph, threads: usize, runs: usize) -> Best {
    graph.heap.set_marker_threads(threads);
    let mut best = Best {
        pause: Duration::MAX,
        mark: Duration::MAX,
    };
    for _ in 0..runs.max(1) {
        let s = graph.collect();
        assert_eq!(s.marked, graph.objects, "marked count");
        assert_eq!(s.freed, 0, "a live object was freed");
        best.pause = best.pause.min(Duration::from_nanos(s.pause_ns));
        best.mark = best.mark.min(Duration::from_nanos(s.mark_ns));
    }
    best
}
