//! Marking throughput: a full `Heap::collect` where everything is live, so the pause is
//! dominated by marking. Three shapes (see `weft_benches::shapes`), 10^5 and 10^6
//! objects, 1 and 2 marker threads. Throughput is objects marked per second.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;
use weft_benches::shapes::{Graph, Shape};

const SIZES: [usize; 2] = [100_000, 1_000_000];
const THREADS: [usize; 2] = [1, 2];

fn marking(c: &mut Criterion) {
    for shape in Shape::ALL {
        let mut group = c.benchmark_group(format!("mark/{}", shape.name()));
        for n in SIZES {
            // Built once per shape and size: building costs far more than collecting.
            let graph = Graph::build(shape, n);
            group.throughput(Throughput::Elements(graph.objects as u64));
            for threads in THREADS {
                graph.heap.set_marker_threads(threads);
                let id = BenchmarkId::new(format!("{threads}t"), n);
                group.bench_with_input(id, &graph, |b, g| {
                    b.iter(|| {
                        let s = g.collect();
                        // A collection that marks less did less work: not a valid sample.
                        assert_eq!(s.marked, g.objects);
                        black_box(s)
                    })
                });
            }
        }
        group.finish();
    }
}

/// Small samples: a 10^6-object collection takes tens of milliseconds, and the whole
/// `cargo bench` must finish in minutes on 2 cores.
fn config() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! {
    name = benches;
    config = config();
    targets = marking
}
criterion_main!(benches);
