//! The attention word: why attached threads must take their next safepoint poll's slow
//! path, in one word that the poll reads with one relaxed load.
//!
//! Bits:
//! - [`STOP`]: a stop-the-world is requested or in force (the `stw` module's state
//!   machine owns it: raised by the stopper, lowered by the restart);
//! - [`COLLECT`]: allocation volume (or a program) asks for a collection (weft-gc's
//!   heap raises it, and lowers it when the collection that serves it ends);
//! - [`SIGNAL`]: an OS signal arrived whose Python handler has not run yet (raised by the
//!   C-level handler, lowered by the main thread before it runs the handlers).
//!
//! Invariants:
//! - a bit changes only by a read-modify-write of the whole word (`fetch_or` to raise,
//!   `fetch_and` to lower), so a bit raised or lowered by one party never loses
//!   another party's bit: a stop requested while a collection request is raised (or
//!   served) stays requested. Raising first loads the word and skips the write when
//!   the bit is already set, so the common "already asked" case writes nothing;
//! - the poll ([`Attention::pending`]) is a relaxed load: it only decides whether to
//!   take the slow path, which re-reads what it needs with the ordering its protocol
//!   asks for (the `stw` module's Dekker reads use [`Attention::read_latest`]).
//!
//! Model: `stress/tests/loom_stw.rs` (`stw_stop_and_collect_requests_share_a_word`, fails
//! with `--cfg weft_broken_poll`).

use crate::sync::atomic::{AtomicU32, Ordering};

/// A stop-the-world is requested or in force.
pub const STOP: u32 = 1;
/// A collection is requested.
pub const COLLECT: u32 = 1 << 1;
/// A signal waits for its Python handler (vm/src/signals.rs).
pub const SIGNAL: u32 = 1 << 2;

/// The attention word (module doc).
#[derive(Debug, Default)]
pub struct Attention {
    word: AtomicU32,
}

impl Attention {
    pub fn new() -> Attention {
        Attention::default()
    }

    /// The safepoint poll: is any bit raised? One relaxed load.
    #[inline(always)]
    pub fn pending(&self) -> bool {
        self.word.load(Ordering::Relaxed) != 0
    }

    /// Is `bit` raised? One relaxed load.
    #[inline]
    pub fn is_raised(&self, bit: u32) -> bool {
        self.word.load(Ordering::Relaxed) & bit != 0
    }

    /// Raise `bit`; returns whether it was raised already.
    pub fn raise(&self, bit: u32) -> bool {
        if self.is_raised(bit) {
            return true;
        }
        // `--cfg weft_broken_poll`: a load and a store instead of one read-modify-write,
        // so a bit another party raises in between is lost.
        #[cfg(weft_broken_poll)]
        {
            let old = self.word.load(Ordering::SeqCst);
            self.word.store(old | bit, Ordering::SeqCst);
            old & bit != 0
        }
        #[cfg(not(weft_broken_poll))]
        {
            self.word.fetch_or(bit, Ordering::SeqCst) & bit != 0
        }
    }

    /// Lower `bit`; returns whether it was raised.
    pub fn lower(&self, bit: u32) -> bool {
        self.word.fetch_and(!bit, Ordering::SeqCst) & bit != 0
    }

    /// The word as of the latest write in the modification order (a read-modify-write
    /// that changes nothing): for the `stw` module's Dekker reads.
    pub fn read_latest(&self) -> u32 {
        self.word.fetch_or(0, Ordering::SeqCst)
    }
}

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;

    #[test]
    fn bits_are_independent() {
        let a = Attention::new();
        assert!(!a.pending());
        assert!(!a.raise(COLLECT));
        assert!(a.raise(COLLECT));
        assert!(!a.raise(STOP));
        assert!(a.pending() && a.is_raised(STOP) && a.is_raised(COLLECT));
        assert!(a.lower(COLLECT));
        assert!(!a.lower(COLLECT));
        assert!(a.pending() && a.is_raised(STOP));
        assert_eq!(a.read_latest(), STOP);
        assert!(a.lower(STOP));
        assert!(!a.pending());
    }
}
