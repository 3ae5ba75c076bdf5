//! weft-benches: measuring weft's collector (criterion benches in `benches/`, the
//! `mark_scaling` binary) on a mock object model, and timing weft beside CPython and
//! MicroPython (`compare.py`, `programs/`). See README.md.
//!
//! - [`mock`]: the benchmark object model (a node with N inline child slots);
//! - [`shapes`]: the heap shapes the marking benchmarks run on;
//! - [`weak_churn`]: weak references created and cleared per collection;
//! - [`scaling`]: best-of timing of collections with 1..N marker threads;
//! - [`fragment`]: allocation into a heap fragmented by a sweep.

pub mod fragment;
pub mod mock;
pub mod scaling;
pub mod shapes;
pub mod weak_churn;
