//! loom models of weak processing and the callback hand-off, built from the same core
//! pieces the collector uses (`ShardedMap`, `AtomicBitmap`, `World`, `CallbackQueue`)
//! and mirroring `gc/src/weak.rs` (register / unregister / process) and
//! `Vm::run_pending_callbacks` (pop, then run), which drains this same `CallbackQueue`
//! type (`Runtime::pending_callbacks`). Run with:
//! `RUSTFLAGS="--cfg loom" cargo test -p weft-stress --test loom_weak --release`
//!
//! To see them fail, build with `--cfg weft_broken_weak`: registration then sets the
//! WTB bit after leaving the shard lock, and draining reads the queue's front before
//! popping it (the two protocol errors these models exist to catch).
#![cfg(loom)]

use loom::sync::Arc;
use loom::sync::atomic::{AtomicUsize, Ordering};
use loom::thread;
use weft_core::{AtomicBitmap, CallbackQueue, ShardedMap, World};

type Map = ShardedMap<usize, Vec<u32>>;

/// gc's `register_weak`: WTB bit set with fetch_or under the shard lock, before the
/// weak reference is published in the referent's list.
fn register(map: &Map, wtb: &AtomicBitmap, referent: usize, w: u32) {
    map.with_shard(&referent, |m| {
        #[cfg(not(weft_broken_weak))]
        wtb.set(referent);
        m.entry(referent).or_default().push(w);
    });
    #[cfg(weft_broken_weak)]
    wtb.set(referent);
}

/// gc's `unregister_weak`: drop one weak reference; clear the bit with the last one.
fn unregister(map: &Map, wtb: &AtomicBitmap, referent: usize, w: u32) {
    map.with_shard(&referent, |m| {
        let Some(l) = m.get_mut(&referent) else {
            return;
        };
        if let Some(p) = l.iter().rposition(|&x| x == w) {
            l.remove(p);
        }
        if l.is_empty() {
            m.remove(&referent);
            wtb.clear(referent);
        }
    });
}

/// Take the entry of a dead referent under its shard lock (one shard: the whole
/// protocol of `process_weak` for that referent).
fn take_dead(map: &Map, wtb: &AtomicBitmap, referent: usize) -> Vec<u32> {
    map.with_shard(&referent, |m| {
        let list = m.remove(&referent).unwrap_or_default();
        wtb.clear(referent);
        list.into_iter().rev().collect()
    })
}

/// Registration racing with weak processing of the same referent: afterwards the bit
/// is set exactly when an entry exists, and every weak reference is either still
/// registered or was reported exactly once. (In the interpreter a stop-the-world also
/// separates them; the shard protocol alone must already keep the table consistent.)
#[test]
fn weak_register_vs_processing() {
    loom::model(|| {
        let map: Arc<Map> = Arc::new(ShardedMap::with_shards(2));
        let wtb = Arc::new(AtomicBitmap::new(8));
        let r = 3usize;
        register(&map, &wtb, r, 1);
        let (m2, w2) = (map.clone(), wtb.clone());
        let mutator = thread::spawn(move || {
            register(&m2, &w2, r, 2);
            unregister(&m2, &w2, r, 1);
        });
        let reported = take_dead(&map, &wtb, r);
        mutator.join().unwrap();
        let left = map.with_shard(&r, |m| m.get(&r).cloned().unwrap_or_default());
        assert_eq!(
            wtb.get(r),
            !left.is_empty(),
            "WTB bit disagrees with the map"
        );
        let mut all: Vec<u32> = reported.iter().chain(left.iter()).copied().collect();
        all.sort();
        all.dedup();
        assert!(all.contains(&2), "weak reference 2 lost");
        assert_eq!(
            reported.len() + left.len(),
            all.len(),
            "a weak reference reported twice"
        );
    });
}

/// Two threads collect: each stops the world, queues its callbacks during the pause,
/// restarts the world and drains the queue on its own thread. Every queued callback
/// runs exactly once, whichever thread runs it.
#[test]
fn callback_queue_hand_off() {
    let mut b = loom::model::Builder::new();
    b.preemption_bound = Some(3);
    b.check(|| {
        let world = Arc::new(World::new());
        let queue: Arc<CallbackQueue<usize>> = Arc::new(CallbackQueue::new());
        let runs: Arc<Vec<AtomicUsize>> = Arc::new((0..2).map(|_| AtomicUsize::new(0)).collect());
        let threads: Vec<_> = (0..2)
            .map(|i| {
                let (w, q, runs) = (world.clone(), queue.clone(), runs.clone());
                let me = w.register();
                thread::spawn(move || {
                    w.attach(&me);
                    if let Some(stopped) = w.stop_the_world(&me) {
                        q.push(i); // weak processing queues a callback
                        drop(stopped);
                    }
                    drain(&q, &runs);
                    w.detach(&me);
                    w.unregister(&me);
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        drain(&queue, &runs);
        let stops = world.stops() as usize;
        let total: usize = runs.iter().map(|r| r.load(Ordering::SeqCst)).sum();
        assert_eq!(total, stops, "each queued callback runs once");
        assert!(runs.iter().all(|r| r.load(Ordering::SeqCst) <= 1));
    });
}

/// `run_pending_callbacks`: pop under the queue's lock, then run (the popped pair is
/// rooted before the next safepoint).
fn drain(q: &CallbackQueue<usize>, runs: &[AtomicUsize]) {
    loop {
        #[cfg(not(weft_broken_weak))]
        let next = q.pop();
        #[cfg(weft_broken_weak)]
        let next = {
            // Broken: look at the front, run it, and pop only afterwards.
            let front = q.peek();
            if let Some(i) = front {
                runs[i].fetch_add(1, Ordering::SeqCst);
            }
            q.pop();
            front.map(|_| usize::MAX)
        };
        match next {
            Some(usize::MAX) => {}
            Some(i) => {
                runs[i].fetch_add(1, Ordering::SeqCst);
            }
            None => return,
        }
    }
}
