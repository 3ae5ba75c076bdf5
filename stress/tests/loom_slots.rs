//! loom model of the lock-free attribute store racing an instance's switch to a
//! `__dict__` (vm/src/objects/instance.rs on `weft_core::seal`): the writer overwrites a
//! present slot with one store, then checks `sealed`; the switcher, holding the
//! instance's lock, seals, fences, copies the slots into the dict and publishes it. No
//! write may be lost. The model calls the production functions (`store_unless_sealed`,
//! `seal`); the instance itself (a heap object with slots in its tail, a one-byte
//! parking_lot lock) lives in the vm, which loom cannot build, so it is mirrored here:
//! a loom `Mutex` for the instance lock (holding the dict), an `AtomicBool` for the
//! published dict pointer.
//!
//! The asymmetric fence pair (`weft_core::asym`: a compiler fence on the writer,
//! `membarrier` on the switcher) cannot run under loom; both sides are `fence(SeqCst)`
//! here, which is exactly the guarantee the pair gives together.
//! Run with:
//! `RUSTFLAGS="--cfg loom" cargo test -p weft-stress --test loom_slots --release`
//!
//! To see it fail, add `--cfg weft_broken_slots`: the writer then has no fence between
//! its store and its load of `sealed` (the switcher keeps its own), and the model finds
//! the lost write.
#![cfg(loom)]

use loom::sync::atomic::Ordering::{Acquire, Relaxed, Release};
use loom::sync::atomic::{AtomicBool, AtomicU64};
use loom::sync::{Arc, Mutex};
use loom::thread;
use weft_core::seal::{seal, store_unless_sealed};

/// A two-slot instance: attribute 0 present (value 1), attribute 1 present (value 10).
struct Inst {
    slots: [AtomicU64; 2],
    sealed: AtomicBool,
    /// The instance lock; holds the dict once switched.
    lock: Mutex<Option<[u64; 2]>>,
    /// `InstanceData::dict` published (Release after the dict is complete).
    published: AtomicBool,
}

impl Inst {
    fn new() -> Inst {
        Inst {
            slots: [AtomicU64::new(1), AtomicU64::new(10)],
            sealed: AtomicBool::new(false),
            lock: Mutex::new(None),
            published: AtomicBool::new(false),
        }
    }

    /// `instance::set` for a present slot `i`, then the caller's dict route.
    fn set(&self, i: usize, v: u64) {
        if !self.published.load(Acquire) && store_unless_sealed(&self.slots[i], v, &self.sealed) {
            return;
        }
        // The dict route: the lock waits for a switch in progress.
        let mut g = self.lock.lock().unwrap();
        g.as_mut()
            .expect("sealed, so a dict exists once the lock is free")[i] = v;
    }

    /// `Vm::instance_dict`: the switch.
    fn switch(&self) {
        let mut g = self.lock.lock().unwrap();
        if g.is_some() {
            return;
        }
        seal(&self.sealed, true);
        let d = [self.slots[0].load(Relaxed), self.slots[1].load(Relaxed)];
        *g = Some(d);
        self.published.store(true, Release);
    }

    /// The attribute's value as a reader sees it at quiescence.
    fn get(&self, i: usize) -> u64 {
        if self.published.load(Acquire) {
            self.lock.lock().unwrap().expect("published")[i]
        } else {
            self.slots[i].load(Acquire)
        }
    }
}

/// A lock-free overwrite racing the switch to a dict: the write survives.
#[test]
fn overwrite_survives_switch() {
    loom::model(|| {
        let inst = Arc::new(Inst::new());
        let i2 = inst.clone();
        let w = thread::spawn(move || i2.set(0, 2));
        inst.switch();
        w.join().unwrap();
        assert_eq!(inst.get(0), 2, "a write was lost to the switch");
        assert_eq!(inst.get(1), 10);
    });
}

/// Two writers on different attributes and the switch: neither write is lost.
#[test]
fn two_writers_and_switch() {
    loom::model(|| {
        let inst = Arc::new(Inst::new());
        let ws: Vec<_> = [(0usize, 2u64), (1, 20)]
            .into_iter()
            .map(|(i, v)| {
                let inst = inst.clone();
                thread::spawn(move || inst.set(i, v))
            })
            .collect();
        inst.switch();
        for w in ws {
            w.join().unwrap();
        }
        assert_eq!((inst.get(0), inst.get(1)), (2, 20));
    });
}
