//! Allocation throughput into a clean heap and into one fragmented by a sweep (see
//! `weft_benches::fragment`). If the per-object cost grows with the number of holes,
//! refilling a LocalAlloc scans the free-span pool.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::time::Duration;
use weft_benches::fragment::AllocRound;

/// Holes in the fragmented heap, and objects allocated per round (the same number).
const SIZES: [usize; 2] = [5_000, 20_000];

fn alloc(c: &mut Criterion) {
    let mut group = c.benchmark_group("alloc");
    for n in SIZES {
        group.throughput(Throughput::Elements(n as u64));
        for (name, holes) in [("clean", 0), ("fragmented", n)] {
            let heap = AllocRound::new(holes);
            group.bench_with_input(BenchmarkId::new(name, n), &heap, |b, h| {
                // Only the allocation loop is timed; freeing happens between rounds.
                b.iter_custom(|iters| (0..iters).map(|_| h.round(n)).sum())
            });
        }
    }
    group.finish();
}

/// Small samples so the whole `cargo bench` finishes in minutes on 2 cores.
fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! {
    name = benches;
    config = config();
    targets = alloc
}
criterion_main!(benches);
