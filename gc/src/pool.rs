//! A persistent pool of collector threads (parallel marking and sweeping), parked
//! between collections instead of spawned anew at every one.
//!
//! [`WorkerPool::broadcast`]`(n, f)` runs `f(0)` on the calling thread and `f(1)` ..
//! `f(n - 1)` on pool threads, and returns once every call has returned: a scoped
//! "run on n threads" that borrows from the caller's stack like `std::thread::scope`.
//!
//! Invariants:
//! - the job pointer published in `State::job` is only dereferenced by a pool thread
//!   between reading it (under the lock, for the generation it was published in) and
//!   decrementing `State::running`; `broadcast` does not return (nor unwind) before
//!   `running` is 0, so the closure it points at outlives every use (this is what
//!   makes erasing its lifetime sound);
//! - a panic in any `f(i)` is caught, every other call still runs to its end, and the
//!   first payload is re-raised by `broadcast` on the calling thread;
//! - broadcasts are serialised (`run_lock`); threads are created lazily, only ever
//!   added, and joined when the pool is dropped.

use parking_lot::{Condvar, Mutex};
use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::sync::Arc;
use std::thread::JoinHandle;

/// A job with its lifetime erased (see the module invariants).
#[derive(Clone, Copy)]
struct Job(*const (dyn Fn(usize) + Sync + 'static));

// SAFETY: the pointee is `Sync` (so `&F` may be used from any thread) and outlives every
// use by a pool thread (module invariant).
unsafe impl Send for Job {}

#[derive(Default)]
struct State {
    /// Bumped by every broadcast.
    generation: u64,
    job: Option<Job>,
    /// Pool threads taking part in the current generation: ids 1..=want.
    want: usize,
    /// Pool threads of the current generation that have not finished yet.
    running: usize,
    panic: Option<Box<dyn Any + Send>>,
    shutdown: bool,
}

#[derive(Default)]
struct Shared {
    state: Mutex<State>,
    /// Pool threads wait here for a new generation.
    wake: Condvar,
    /// The broadcasting thread waits here for `running == 0`.
    done: Condvar,
}

/// The pool. Owned by the heap; `Send + Sync`.
#[derive(Default)]
pub(crate) struct WorkerPool {
    shared: Arc<Shared>,
    threads: Mutex<Vec<JoinHandle<()>>>,
    run_lock: Mutex<()>,
}

impl WorkerPool {
    pub(crate) fn new() -> WorkerPool {
        WorkerPool::default()
    }

    /// Number of pool threads started so far.
    #[cfg(test)]
    pub(crate) fn spawned(&self) -> usize {
        self.threads.lock().len()
    }

    /// Run `f(0)` here and `f(1..n)` on pool threads; return when all have returned.
    /// A panic in any of them is re-raised here after all have finished.
    pub(crate) fn broadcast(&self, n: usize, f: &(dyn Fn(usize) + Sync)) {
        if n <= 1 {
            f(0);
            return;
        }
        let _one = self.run_lock.lock();
        self.ensure_threads(n - 1);
        // SAFETY: only the lifetime is erased (same fat-pointer layout); the module
        // invariant (we wait for `running == 0` below, even when f(0) panics) keeps
        // every dereference within the borrow of `f`.
        let job = Job(unsafe {
            std::mem::transmute::<
                *const (dyn Fn(usize) + Sync + '_),
                *const (dyn Fn(usize) + Sync + 'static),
            >(f as *const _)
        });
        {
            let mut st = self.shared.state.lock();
            st.generation = st.generation.wrapping_add(1);
            st.job = Some(job);
            st.want = n - 1;
            st.running = n - 1;
            st.panic = None;
        }
        self.shared.wake.notify_all();
        let mine = catch_unwind(AssertUnwindSafe(|| f(0)));
        let theirs = {
            let mut st = self.shared.state.lock();
            while st.running > 0 {
                self.shared.done.wait(&mut st);
            }
            st.job = None;
            st.panic.take()
        };
        if let Err(e) = mine {
            resume_unwind(e);
        }
        if let Some(e) = theirs {
            resume_unwind(e);
        }
    }

    fn ensure_threads(&self, k: usize) {
        let mut threads = self.threads.lock();
        while threads.len() < k {
            let id = threads.len() + 1;
            let shared = self.shared.clone();
            let seen = shared.state.lock().generation;
            let h = std::thread::Builder::new()
                .name(format!("weft-gc-{id}"))
                .spawn(move || worker(&shared, id, seen))
                .expect("weft-gc: cannot start a collector thread");
            threads.push(h);
        }
    }
}

fn worker(shared: &Shared, id: usize, mut seen: u64) {
    // Signals are for the interpreter's threads (`weft_core::signals`).
    weft_core::signals::block_all_in_this_thread();
    loop {
        let job = {
            let mut st = shared.state.lock();
            loop {
                if st.shutdown {
                    return;
                }
                if st.generation != seen {
                    seen = st.generation;
                    if id <= st.want {
                        break st.job.expect("a generation with workers has a job");
                    }
                    continue;
                }
                shared.wake.wait(&mut st);
            }
        };
        // SAFETY: `job` was published for generation `seen`, in which this thread takes
        // part; the broadcaster waits for our decrement of `running` below before its
        // closure goes away (module invariant).
        let r = catch_unwind(AssertUnwindSafe(|| unsafe { (*job.0)(id) }));
        let mut st = shared.state.lock();
        if let Err(e) = r {
            st.panic.get_or_insert(e);
        }
        st.running -= 1;
        if st.running == 0 {
            shared.done.notify_all();
        }
    }
}

impl Drop for WorkerPool {
    fn drop(&mut self) {
        self.shared.state.lock().shutdown = true;
        self.shared.wake.notify_all();
        for h in self.threads.get_mut().drain(..) {
            let _ = h.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

    #[test]
    fn broadcast_runs_every_id_once_and_reuses_threads() {
        let pool = WorkerPool::new();
        for n in [1, 2, 3, 2, 4, 1] {
            let hits: Vec<AtomicUsize> = (0..n).map(|_| AtomicUsize::new(0)).collect();
            pool.broadcast(n, &|i| {
                hits[i].fetch_add(1, Relaxed);
            });
            assert!(hits.iter().all(|h| h.load(Relaxed) == 1), "n = {n}");
        }
        assert_eq!(pool.spawned(), 3);
    }

    #[test]
    fn a_panic_is_reraised_after_all_finished() {
        let pool = WorkerPool::new();
        let done = AtomicUsize::new(0);
        let r = catch_unwind(AssertUnwindSafe(|| {
            pool.broadcast(3, &|i| {
                if i == 2 {
                    panic!("boom");
                }
                std::thread::sleep(std::time::Duration::from_millis(5));
                done.fetch_add(1, Relaxed);
            })
        }));
        assert!(r.is_err());
        assert_eq!(done.load(Relaxed), 2);
        // The pool still works afterwards.
        pool.broadcast(3, &|_| {
            done.fetch_add(1, Relaxed);
        });
        assert_eq!(done.load(Relaxed), 5);
    }
}
