//! loom models of the stop-the-world handshake (`weft_core::stw`). Run with:
//! `RUSTFLAGS="--cfg loom" cargo test -p weft-stress --test loom_stw --release`
//!
//! The "heap" is a loom `UnsafeCell`: mutators write it while ATTACHED and the stopper
//! writes it while the world is stopped. If the protocol ever let a mutator run during
//! a stop, loom reports the two accesses as a data race. To see a model fail, build with
//! `RUSTFLAGS="--cfg loom --cfg weft_broken_stw"`: `World::attach` then attaches without
//! waiting for a stop in force, and loom reports the race.
//!
//! Mutators poll as `Vm::poll` does: one relaxed load of the attention word
//! (`weft_core::attention`, shared by the world's stop requests and the heap's
//! collection requests), then the slow path. `stw_stop_and_collect_requests_share_a_word`
//! checks that a collection request raised or served while a stop begins never hides
//! the stop; with `--cfg weft_broken_poll` (a bit raised by a load and a store) it fails.
#![cfg(loom)]

use loom::cell::UnsafeCell;
use loom::sync::Arc;
use loom::thread;
use weft_core::World;
use weft_core::attention::COLLECT;

/// State owned by one mutator: only it (while ATTACHED) or a stopper may touch it.
/// (Mutators share real heap objects through object locks; each gets its own cell here
/// so that the only synchronisation the model checks is the handshake.)
struct Heap(UnsafeCell<u64>);

// SAFETY: the models' point is to check that World serialises access to the cell;
// loom's UnsafeCell tracks every access and reports a race if it does not.
unsafe impl Sync for Heap {}

impl Heap {
    fn touch(&self) {
        self.0.with_mut(|p| {
            // SAFETY: the caller is ATTACHED or holds a stop (what the model checks).
            unsafe { *p += 1 }
        });
    }
}

/// `Vm::poll`: the attention word, then the slow path's stop check.
fn poll(w: &World, me: &weft_core::ThreadSlot) {
    if w.attention().pending() && w.stop_requested() {
        w.park(me);
    }
}

fn builder(preemptions: usize) -> loom::model::Builder {
    let mut b = loom::model::Builder::new();
    b.preemption_bound = Some(preemptions);
    b
}

/// A mutator that touches the heap, polls, blocks (detached) and touches again, against
/// one stop: the stop never overlaps an attached stretch, and everyone finishes.
#[test]
fn stw_mutator_polls_and_blocks() {
    builder(3).check(|| {
        let world = Arc::new(World::new());
        let heap = Arc::new(Heap(UnsafeCell::new(0)));
        let (w, h) = (world.clone(), heap.clone());
        let me = w.register();
        let mutator = thread::spawn(move || {
            w.attach(&me);
            h.touch();
            poll(&w, &me);
            h.touch();
            w.detach(&me); // a blocking call
            w.attach(&me);
            h.touch();
            w.detach(&me);
            w.unregister(&me);
        });
        let stopper = World::unregistered_slot();
        if let Some(stopped) = world.stop_the_world(&stopper) {
            heap.touch();
            drop(stopped);
        }
        mutator.join().unwrap();
        assert_eq!(heap.0.with(|p| unsafe { *p }), 4);
    });
}

/// Two mutators polling against one stop.
#[test]
fn stw_two_mutators() {
    builder(2).check(|| {
        let world = Arc::new(World::new());
        let heaps: Vec<_> = (0..2).map(|_| Arc::new(Heap(UnsafeCell::new(0)))).collect();
        let mutators: Vec<_> = (0..2)
            .map(|i| {
                let (w, h) = (world.clone(), heaps[i].clone());
                let me = w.register();
                thread::spawn(move || {
                    w.attach(&me);
                    h.touch();
                    poll(&w, &me);
                    h.touch();
                    w.detach(&me);
                    w.unregister(&me);
                })
            })
            .collect();
        let stopper = World::unregistered_slot();
        if let Some(stopped) = world.stop_the_world(&stopper) {
            heaps.iter().for_each(|h| h.touch());
            drop(stopped);
        }
        for m in mutators {
            m.join().unwrap();
        }
        for h in &heaps {
            assert_eq!(h.0.with(|p| unsafe { *p }), 3);
        }
    });
}

/// Two attached threads request a stop at once: one stop at a time, each waits for
/// the other detached (no deadlock), and a requester whose request was satisfied by a
/// stop that began after it asked gets None.
#[test]
fn stw_two_stoppers() {
    builder(3).check(|| {
        let world = Arc::new(World::new());
        let heaps: Arc<Vec<Heap>> = Arc::new((0..2).map(|_| Heap(UnsafeCell::new(0))).collect());
        let threads: Vec<_> = (0..2)
            .map(|i| {
                let (w, hs) = (world.clone(), heaps.clone());
                let me = w.register();
                thread::spawn(move || {
                    let h = &hs[i];
                    w.attach(&me);
                    h.touch();
                    let stopped = w.stop_the_world(&me).is_some_and(|s| {
                        hs.iter().for_each(|h| h.touch());
                        drop(s);
                        true
                    });
                    h.touch();
                    w.detach(&me);
                    w.unregister(&me);
                    stopped
                })
            })
            .collect();
        let stops: usize = threads
            .into_iter()
            .map(|t| t.join().unwrap() as usize)
            .sum();
        assert!(stops >= 1);
        assert_eq!(world.stops() as usize, stops);
        let total: u64 = heaps.iter().map(|h| h.0.with(|p| unsafe { *p })).sum();
        assert_eq!(total, 4 + 2 * stops as u64);
    });
}

/// A thread registered and attaching while a stop is in force waits for the restart.
#[test]
fn stw_register_during_stop() {
    builder(3).check(|| {
        let world = Arc::new(World::new());
        let heap = Arc::new(Heap(UnsafeCell::new(0)));
        let (w, h) = (world.clone(), heap.clone());
        let newcomer = thread::spawn(move || {
            let me = w.register();
            w.attach(&me);
            h.touch();
            w.detach(&me);
            w.unregister(&me);
        });
        let stopper = World::unregistered_slot();
        let stopped = world.stop_the_world(&stopper).unwrap();
        heap.touch();
        drop(stopped);
        newcomer.join().unwrap();
        assert_eq!(heap.0.with(|p| unsafe { *p }), 2);
    });
}

/// A mutator's allocation raises the collection request while a stopper raises the stop
/// request in the same word, and the stopper serves the collection request (lowers it)
/// while the world is stopped: the stop request stays raised for as long as the stop is
/// in force (so a poll finds it, and a thread registered meanwhile starts SUSPENDED),
/// and is lowered by the restart.
#[test]
fn stw_stop_and_collect_requests_share_a_word() {
    builder(2).check(|| {
        let world = Arc::new(World::new());
        let heap = Arc::new(Heap(UnsafeCell::new(0)));
        let (w, h) = (world.clone(), heap.clone());
        let me = w.register();
        let mutator = thread::spawn(move || {
            w.attach(&me);
            h.touch();
            // Allocation past the threshold (`Heap::request_collect`).
            w.attention().raise(COLLECT);
            poll(&w, &me);
            h.touch();
            w.detach(&me);
            w.unregister(&me);
        });
        let stopper = World::unregistered_slot();
        if let Some(stopped) = world.stop_the_world(&stopper) {
            assert!(world.stop_requested(), "the stop request was lost");
            heap.touch();
            world.attention().lower(COLLECT); // the collection ran
            assert!(
                world.stop_requested(),
                "serving a collection lowered the stop"
            );
            drop(stopped);
        }
        mutator.join().unwrap();
        assert!(!world.stop_requested());
        assert_eq!(heap.0.with(|p| unsafe { *p }), 3);
    });
}
