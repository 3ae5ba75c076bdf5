//! The collector's thread pool on `rayon` (feature `rayon-pool`), for comparison with the
//! hand-made pool in `pool.rs`: the same `broadcast(n, f)` contract (`f(0)` on the
//! calling thread, `f(1..n)` on pool threads, return when all have returned, a panic
//! re-raised here). Measured against `pool.rs` in docs/gc-api.md ("rayon for the
//! collector's pool"); not the default.
//!
//! The markers' termination protocol needs every `f(i)` running at once (an idle marker
//! waits for the others), so the pool has at least `n - 1` threads: it is rebuilt larger
//! when a broadcast asks for more.
use parking_lot::Mutex;
use std::sync::Arc;

#[derive(Default)]
pub(crate) struct WorkerPool {
    pool: Mutex<Option<Arc<rayon::ThreadPool>>>,
    run_lock: Mutex<()>,
}

impl WorkerPool {
    pub(crate) fn new() -> WorkerPool {
        WorkerPool::default()
    }

    fn pool_of(&self, k: usize) -> Arc<rayon::ThreadPool> {
        let mut p = self.pool.lock();
        if let Some(pool) = p.as_ref()
            && pool.current_num_threads() >= k
        {
            return pool.clone();
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(k)
            .thread_name(|i| format!("weft-gc-{}", i + 1))
            .build()
            .expect("weft-gc: cannot start the collector threads");
        let pool = Arc::new(pool);
        *p = Some(pool.clone());
        pool
    }

    /// Run `f(0)` here and `f(1..n)` on pool threads; return when all have returned.
    pub(crate) fn broadcast(&self, n: usize, f: &(dyn Fn(usize) + Sync)) {
        if n <= 1 {
            f(0);
            return;
        }
        let _one = self.run_lock.lock();
        let pool = self.pool_of(n - 1);
        pool.in_place_scope(|s| {
            for i in 1..n {
                s.spawn(move |_| f(i));
            }
            f(0);
        });
    }
}
