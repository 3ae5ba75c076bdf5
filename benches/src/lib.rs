//! Benchmarks live in benches/ (criterion) and scripts/ (comparison scripts).
