//! loom model of the biased iterator position (`weft_core::biased`). Run with:
//! `RUSTFLAGS="--cfg loom" cargo test -p weft-stress --test loom_biased --release`
//!
//! The owner steps a position with plain stores and polls for stops between steps, as
//! the interpreter does between instructions; another thread joins in, makes the
//! handshake (`BiasedIndex::share`) and steps by compare-and-swap. Each position must
//! be claimed exactly once. To see the model fail, build with
//! `RUSTFLAGS="--cfg loom --cfg weft_broken_biased"`: the joining thread then skips the
//! handshake, and an owner's plain store overwrites its step (a position is claimed
//! twice).
#![cfg(loom)]

use loom::sync::Arc;
use loom::sync::atomic::{AtomicU32, Ordering::SeqCst};
use loom::thread;
use weft_core::{BiasedIndex, ThreadSlot, World};

const ITEMS: u64 = 3;

/// `Vm::poll`: the attention word, then the slow path's stop check.
fn poll(w: &World, me: &ThreadSlot) {
    if w.attention().pending() && w.stop_requested() {
        w.park(me);
    }
}

/// One step by thread `id`: the claimed position, or None when exhausted.
fn step(w: &World, me: &ThreadSlot, id: u32, b: &BiasedIndex) -> Option<u64> {
    if !b.may_step(id) {
        if cfg!(weft_broken_biased) {
            // Broken on purpose: step by compare-and-swap without the handshake.
        } else {
            b.share(w, me);
        }
    }
    loop {
        let i = b.load();
        if i >= ITEMS {
            return None;
        }
        if b.advance(id, i, i + 1) {
            return Some(i);
        }
    }
}

fn run(w: Arc<World>, b: Arc<BiasedIndex>, claims: Arc<Vec<AtomicU32>>, id: u32) {
    let me = w.register();
    w.attach(&me);
    while let Some(i) = step(&w, &me, id, &b) {
        claims[i as usize].fetch_add(1, SeqCst);
        poll(&w, &me);
    }
    w.detach(&me);
    w.unregister(&me);
}

#[test]
fn biased_position_claims_each_item_once() {
    let mut builder = loom::model::Builder::new();
    builder.preemption_bound = Some(3);
    builder.check(|| {
        let world = Arc::new(World::new());
        let b = Arc::new(BiasedIndex::new(1, 0));
        let claims: Arc<Vec<AtomicU32>> = Arc::new((0..ITEMS).map(|_| AtomicU32::new(0)).collect());
        let (w2, b2, c2) = (world.clone(), b.clone(), claims.clone());
        let other = thread::spawn(move || run(w2, b2, c2, 2));
        run(world, b, claims.clone(), 1);
        other.join().unwrap();
        for c in claims.iter() {
            assert_eq!(c.load(SeqCst), 1, "a position was claimed other than once");
        }
    });
}

/// Two threads write under one `BiasedLock`, each twice: the first to lock takes the
/// bias, the second revokes it. loom's `UnsafeCell` reports any overlap of two sections
/// as a race. With `--cfg weft_broken_biased` the owner skips its fence, the Dekker
/// handshake fails, and loom reports the race.
#[test]
fn biased_lock_excludes() {
    use loom::cell::UnsafeCell;
    use weft_core::BiasedLock;

    struct Shared {
        lock: BiasedLock,
        n: UnsafeCell<u32>,
    }
    // SAFETY: `n` is touched only under `lock` (what the model checks).
    unsafe impl Sync for Shared {}
    unsafe impl Send for Shared {}

    fn bump(s: &Shared, me: u32) {
        let _g = s.lock.lock(me);
        // SAFETY: under the lock.
        s.n.with_mut(|p| unsafe { *p += 1 });
    }

    let mut builder = loom::model::Builder::new();
    builder.preemption_bound = Some(3);
    builder.check(|| {
        let s = Arc::new(Shared {
            lock: BiasedLock::new(),
            n: UnsafeCell::new(0),
        });
        let s2 = s.clone();
        let other = thread::spawn(move || {
            bump(&s2, 2);
            bump(&s2, 2);
        });
        bump(&s, 1);
        bump(&s, 1);
        other.join().unwrap();
        assert_eq!(s.n.with(|p| unsafe { *p }), 4);
    });
}
