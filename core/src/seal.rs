//! Lock-free stores into slots that a rare "switch" may copy away.
//!
//! The vm keeps a user instance's attributes in inline slots until something needs a
//! real `__dict__`; then the instance *switches*: its slots are copied into a new dict,
//! which is the namespace from then on (vm/src/objects/instance.rs). Overwriting an
//! attribute that is already in a slot is the hot path, and it takes no lock: it is one
//! plain store. The danger is a store that lands in a slot after the switch copied it:
//! the write would be lost. This module is the protocol that prevents that.
//!
//! - The writer ([`store_unless_sealed`]): store the value into the slot, then (after a
//!   `light` fence, a compiler fence when membarrier is available) load `sealed`. If
//!   it is still false, the store is done. If it is true, a switch has begun and may
//!   have copied the slot before the store: the writer must redo the write through the
//!   dict, after the switch is over (in the vm: by taking the instance's lock, which the
//!   switcher holds until the dict is published).
//! - The switcher ([`seal`], holding the instance's lock): set `sealed`, run a `heavy`
//!   fence, and only then read the slots to copy them.
//!
//! Why no write is lost: this is Dekker's pattern (writer: store slot, load sealed;
//! switcher: store sealed, load slot) made sound by the pair of asymmetric fences
//! (`crate::asym`), which together act as a full fence on both sides: either the writer
//! sees `sealed` (and redoes its write into the dict), or the switcher's copy sees the
//! writer's store (or a later one). A redone write is linearized at the redo: it happens
//! while the writer's operation is still in progress, so a write to the dict made by
//! another thread meanwhile may come before it, which is a legal order.
//!
//! `sealed` never goes back to false. The heavy fence may be skipped when no other
//! thread can be storing (the vm skips it while only one interpreter thread exists).
use crate::asym;
use crate::sync::atomic::Ordering::{Relaxed, Release};
use crate::sync::atomic::{AtomicBool, AtomicU64};

/// Store `w` into `slot` unless a switch has begun: true when done, false when the
/// caller must redo the write through the dict once the switch is over.
#[inline(always)]
pub fn store_unless_sealed(slot: &AtomicU64, w: u64, sealed: &AtomicBool) -> bool {
    slot.store(w, Release);
    // `--cfg weft_broken_slots`: no fence between the store and the load, so the
    // writer may miss the seal while the switcher misses the store (Dekker without a
    // fence: the loom model must fail).
    #[cfg(not(weft_broken_slots))]
    asym::light();
    !sealed.load(Relaxed)
}

/// Begin a switch (the caller holds the lock that excludes other switchers and
/// locked writers): after this returns, reading the slots sees every lock-free store
/// whose writer did not see the seal. `others` is false when no other thread could be
/// storing (then no barrier is needed).
pub fn seal(sealed: &AtomicBool, others: bool) {
    sealed.store(true, Relaxed);
    if others {
        asym::heavy();
    }
}
