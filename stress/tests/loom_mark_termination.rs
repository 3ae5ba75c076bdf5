//! loom model of the parallel marker's termination protocol (weft-gc `mark.rs`):
//! a worker goes idle only with an empty local deque and counts itself active again
//! *before* stealing; it exits when the active count reads 0. The model checks that no
//! work is left behind and every item is processed once. (The real marker uses
//! crossbeam-deque; here each deque is a loom Mutex<VecDeque> with the same contract.)
//! Run: `RUSTFLAGS="--cfg loom" cargo test -p weft-stress --test loom_mark_termination --release`
#![cfg(loom)]

use loom::sync::atomic::{AtomicUsize, Ordering::SeqCst};
use loom::sync::{Arc, Mutex};
use loom::thread;
use std::collections::VecDeque;

struct Shared {
    deques: Vec<Mutex<VecDeque<u32>>>,
    active: AtomicUsize,
    processed: AtomicUsize,
}

/// Item n > 0 "traces" to one child n - 1 (pushed on the local deque).
fn process(s: &Shared, me: usize, item: u32) {
    s.processed.fetch_add(1, SeqCst);
    if item > 0 {
        s.deques[me].lock().unwrap().push_back(item - 1);
    }
}

fn steal(s: &Shared, me: usize) -> Option<u32> {
    (0..s.deques.len())
        .filter(|&k| k != me)
        .find_map(|k| s.deques[k].lock().unwrap().pop_front())
}

fn worker(s: &Shared, me: usize) {
    'work: loop {
        loop {
            let next = s.deques[me].lock().unwrap().pop_back();
            match next {
                Some(i) => process(s, me, i),
                None => break,
            }
        }
        if let Some(i) = steal(s, me) {
            process(s, me, i);
            continue 'work;
        }
        s.active.fetch_sub(1, SeqCst);
        loop {
            let any = s.deques.iter().any(|d| !d.lock().unwrap().is_empty());
            if any {
                s.active.fetch_add(1, SeqCst);
                if let Some(i) = steal(s, me) {
                    process(s, me, i);
                    continue 'work;
                }
                s.active.fetch_sub(1, SeqCst);
            }
            if s.active.load(SeqCst) == 0 {
                return;
            }
            thread::yield_now();
        }
    }
}

#[test]
fn marker_terminates_with_all_work_done() {
    let mut b = loom::model::Builder::new();
    b.preemption_bound = Some(3);
    b.check(|| {
        let s = Arc::new(Shared {
            deques: (0..2).map(|_| Mutex::new(VecDeque::new())).collect(),
            active: AtomicUsize::new(2),
            processed: AtomicUsize::new(0),
        });
        // Roots: one chain of 3 items on worker 0, nothing on worker 1.
        s.deques[0].lock().unwrap().push_back(2);
        let s2 = s.clone();
        let h = thread::spawn(move || worker(&s2, 1));
        worker(&s, 0);
        h.join().unwrap();
        assert_eq!(s.processed.load(SeqCst), 3);
        assert!(s.deques.iter().all(|d| d.lock().unwrap().is_empty()));
    });
}
