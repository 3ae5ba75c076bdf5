//! Weak references created and cleared per second (see `weft_benches::weak_churn`):
//! each iteration registers n weak references, drops one side, and collects.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::time::Duration;
use weft_benches::weak_churn::WeakChurn;

const SIZES: [usize; 2] = [10_000, 100_000];

fn weakrefs(c: &mut Criterion) {
    let mut group = c.benchmark_group("weakref");
    for n in SIZES {
        let churn = WeakChurn::new(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("fresh_referents", n), &churn, |b, w| {
            // The hook must have seen every weak reference, or the round did less work.
            b.iter(|| assert_eq!(w.fresh_referents_round(), n))
        });
        group.bench_with_input(BenchmarkId::new("one_referent", n), &churn, |b, w| {
            b.iter(|| assert_eq!(w.one_referent_round(), 0))
        });
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
    targets = weakrefs
}
criterion_main!(benches);
