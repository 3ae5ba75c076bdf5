//! loom model of the parallel marker's work sharing and termination protocol (weft-gc
//! `mark.rs`, module doc):
//! - each marker works from a private stack; when it pops an item while >= 2 more are on
//!   its stack, some marker is idle (`active < N`) and no packet is waiting, it gives
//!   every other item of its stack (the bottom one first) as one packet to a shared
//!   injector (the real marker may also share from inside one object's trace, every
//!   4096 pushes: the same action by an active marker, at another point of its loop);
//! - a marker with an empty stack takes a packet if there is one; otherwise it
//!   decrements `active` (goes idle); an idle marker that sees a packet increments
//!   `active` *before* taking it (and decrements again if the take failed); it returns
//!   when `active` reads 0;
//! - an idle marker parks on a condition variable (the real one after a short spin; the
//!   model at once): it counts itself in `sleepers`, fences, and re-checks "a packet is
//!   waiting or `active` is 0" under the lock before waiting. Publishing a packet, and
//!   the decrement that brings `active` to 0, fence and then notify under the lock if
//!   `sleepers` > 0. A lost wake-up shows up as a deadlock.
//!
//! The model checks that every marker returns, every item is processed exactly once and
//! no work is left behind (and, through loom's deadlock detection, that no marker sleeps
//! forever). (The real marker uses crossbeam-deque's `Injector`; here the
//! injector is a loom `Mutex<VecDeque>` with the same contract.)
//!
//! Run: `RUSTFLAGS="--cfg loom" cargo test -p weft-stress --release --target-dir
//! target/loom --test loom_mark_termination`. With `WEFT_LOOM_BROKEN_MARK=1` in the
//! environment the model runs a broken protocol (a marker goes idle without looking at
//! the injector, and its idle loop reads `active` before the injector): the check must
//! then fail (work left in the injector). With `WEFT_LOOM_BROKEN_PARK=1` a marker parks
//! without re-checking under the lock: loom must then report a deadlock (lost wake-up).
#![cfg(loom)]

use loom::sync::atomic::{AtomicUsize, Ordering::Relaxed, Ordering::SeqCst, fence};
use loom::sync::{Arc, Condvar, Mutex};
use loom::thread;
use std::collections::VecDeque;

const MARKERS: usize = 2;

struct Shared {
    injector: Mutex<VecDeque<Vec<u32>>>,
    active: AtomicUsize,
    processed: AtomicUsize,
    sleepers: AtomicUsize,
    sleep: Mutex<()>,
    wake: Condvar,
    broken: bool,
    broken_park: bool,
}

/// Item d > 0 "traces" to two children d - 1 (pushed on the marker's own stack).
fn process(s: &Shared, stack: &mut Vec<u32>, item: u32) {
    s.processed.fetch_add(1, SeqCst);
    if item > 0 {
        stack.push(item - 1);
        stack.push(item - 1);
    }
}

fn take(s: &Shared) -> Option<Vec<u32>> {
    s.injector.lock().unwrap().pop_front()
}

fn injector_empty(s: &Shared) -> bool {
    s.injector.lock().unwrap().is_empty()
}

/// The heuristic of `Shared::wants_work` (a plain load: only a hint).
fn wants_work(s: &Shared, len: usize) -> bool {
    len >= 2 && s.active.load(Relaxed) < MARKERS && injector_empty(s)
}

/// `Shared::share`: every other item, the bottom one first, as one packet.
fn share(s: &Shared, stack: &mut Vec<u32>) {
    let mut give = Vec::new();
    let mut keep = Vec::new();
    for (i, &p) in stack.iter().enumerate() {
        if i % 2 == 0 {
            give.push(p);
        } else {
            keep.push(p);
        }
    }
    *stack = keep;
    s.injector.lock().unwrap().push_back(give);
    wake_sleepers(s);
}

/// `Shared::go_idle`.
fn go_idle(s: &Shared) {
    if s.active.fetch_sub(1, SeqCst) == 1 {
        wake_sleepers(s);
    }
}

/// `Shared::wake_sleepers`.
fn wake_sleepers(s: &Shared) {
    fence(SeqCst);
    if s.sleepers.load(SeqCst) > 0 {
        let _g = s.sleep.lock().unwrap();
        s.wake.notify_all();
    }
}

/// `Shared::park`.
fn park(s: &Shared) {
    let g = s.sleep.lock().unwrap();
    s.sleepers.fetch_add(1, SeqCst);
    fence(SeqCst);
    let g = if s.broken_park || (injector_empty(s) && s.active.load(SeqCst) != 0) {
        s.wake.wait(g).unwrap()
    } else {
        g
    };
    s.sleepers.fetch_sub(1, SeqCst);
    drop(g);
}

fn marker(s: &Shared, mut stack: Vec<u32>) {
    'work: loop {
        while let Some(i) = stack.pop() {
            if wants_work(s, stack.len()) {
                share(s, &mut stack);
            }
            process(s, &mut stack, i);
        }
        if !s.broken {
            if let Some(v) = take(s) {
                stack = v;
                continue 'work;
            }
        }
        go_idle(s);
        loop {
            if s.broken && s.active.load(SeqCst) == 0 {
                return;
            }
            if !injector_empty(s) {
                s.active.fetch_add(1, SeqCst);
                if let Some(v) = take(s) {
                    stack = v;
                    continue 'work;
                }
                go_idle(s);
            }
            if s.active.load(SeqCst) == 0 {
                return;
            }
            park(s);
        }
    }
}

#[test]
fn marker_terminates_with_all_work_done() {
    let broken = std::env::var_os("WEFT_LOOM_BROKEN_MARK").is_some();
    let broken_park = std::env::var_os("WEFT_LOOM_BROKEN_PARK").is_some();
    let mut b = loom::model::Builder::new();
    b.preemption_bound = Some(3);
    b.check(move || {
        let s = Arc::new(Shared {
            injector: Mutex::new(VecDeque::new()),
            active: AtomicUsize::new(MARKERS),
            processed: AtomicUsize::new(0),
            sleepers: AtomicUsize::new(0),
            sleep: Mutex::new(()),
            wake: Condvar::new(),
            broken,
            broken_park,
        });
        // Roots: a tree of depth 3 (15 items) on marker 0, nothing on marker 1.
        let s2 = s.clone();
        let h = thread::spawn(move || marker(&s2, Vec::new()));
        marker(&s, vec![3]);
        h.join().unwrap();
        assert!(injector_empty(&s), "work left in the injector");
        assert_eq!(s.processed.load(SeqCst), 15);
    });
}
