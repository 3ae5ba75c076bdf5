//! loom models of `weft_core::ExclusiveCell`, which holds a generator's frame
//! (vm/src/objects/generator.rs): a resume claims the frame with one compare-exchange
//! and releases it with one store; a resume that finds it claimed fails ("generator
//! already executing") instead of waiting. The models run the production type; loom's
//! `UnsafeCell` reports any two threads reaching the value at once.
//! Run with:
//! `RUSTFLAGS="--cfg loom" cargo test -p weft-stress --test loom_generator --release`
//!
//! To see them fail, add `--cfg weft_broken_gen`: `try_claim` then loads the flag and
//! stores it (no compare-exchange), so two threads can both claim the frame.
//!
//! Not modelled here: the collector's read of a claimed frame (`with_unclaimed`), which
//! is only legal while the world is stopped; the stop itself is `loom_stw.rs`'s model.
#![cfg(loom)]

use loom::sync::Arc;
use loom::sync::atomic::{AtomicUsize, Ordering};
use loom::thread;
use weft_core::ExclusiveCell;

/// Two threads resume the same generator at once: at most one holds the frame at a
/// time, every successful claim's write survives, and a failed claim touches nothing.
#[test]
fn claims_are_exclusive() {
    loom::model(|| {
        let cell = Arc::new(ExclusiveCell::new(0usize));
        let wins = Arc::new(AtomicUsize::new(0));
        let hs: Vec<_> = (0..2)
            .map(|_| {
                let (cell, wins) = (cell.clone(), wins.clone());
                thread::spawn(move || {
                    if let Some(mut c) = cell.try_claim() {
                        // A frame's run: read, then write (a torn pair if shared).
                        let v = c.with(|v| *v);
                        c.with_mut(|x| *x = v + 1);
                        wins.fetch_add(1, Ordering::Relaxed);
                    }
                })
            })
            .collect();
        for h in hs {
            h.join().unwrap();
        }
        assert!(!cell.is_claimed());
        let n = wins.load(Ordering::Relaxed);
        assert!(n >= 1);
        let mut c = cell.try_claim().expect("free after the threads");
        assert_eq!(c.with_mut(|v| *v), n);
    });
}

/// A generator resumed on one thread, then on another: the second run sees what the
/// first one left in the frame (the release store publishes it).
#[test]
fn release_publishes_the_frame() {
    loom::model(|| {
        let cell = Arc::new(ExclusiveCell::new(0usize));
        let c2 = cell.clone();
        let a = thread::spawn(move || {
            if let Some(mut c) = c2.try_claim() {
                c.with_mut(|v| *v = 7);
            }
        });
        let seen = loop {
            if let Some(c) = cell.try_claim() {
                break c.with(|v| *v);
            }
            thread::yield_now();
        };
        a.join().unwrap();
        // Either this thread ran first (0), or after the other's whole run (7).
        assert!(seen == 0 || seen == 7);
        let final_v = cell.try_claim().map(|c| c.with(|v| *v));
        assert!(final_v == Some(7) || (seen == 0 && final_v == Some(0)));
    });
}
