//! Lazily published heads: the protocol that lets a thread allocate without a locked
//! instruction per object while the allocation table stays exact for its readers.
//!
//! The setting (weft-gc's `alloc` module holds the rest): a table of one bit per block
//! (an [`AtomicBitmap`], the "heads" table) says where objects start. A thread owns a
//! *span* of blocks alone and packs objects into it from the span start, bump-wise.
//! Instead of one `fetch_or` per object it keeps the heads of the table word it is
//! filling in a private `u64` and publishes them when its allocation moves past that
//! word (or it leaves the span): one store or `fetch_or` per 64 blocks.
//!
//! Phases of one span, seen from its owner:
//! 1. [`HeadRun::open`] (under the lock that hands spans out): the run is empty;
//! 2. for each object, header written first: if it starts in a new table word, the
//!    previous word's heads go to the table ([`publish_heads`]) and then
//!    [`HeadRun::restart`] moves the run's start to this head; then
//!    [`HeadRun::advance`] moves the cursor past the object;
//! 3. leaving the span: the last word's heads go to the table.
//!
//! Invariants:
//! - every head below a run's `start` is in the table, published before `start` moved
//!   past it (Release on `start`, so a reader that sees the new `start` sees the bits);
//! - the objects in `[start, cursor)` are packed and fully written (Release on
//!   `cursor`): a reader may walk their headers from `start`; their heads may or may
//!   not be in the table yet;
//! - a word of the table that lies wholly inside the owner's span holds only the
//!   owner's heads, all clear before the span was handed out and all known to the owner
//!   when it publishes the word: a plain store suffices. A word the span shares with
//!   other spans (its first and last word) may be written by their owners at the same
//!   time: it takes a `fetch_or`.
//!
//! A reader that must know whether a block is a head while owners run (weft-gc's
//! `Heap::contains`) holds the span lock (so no run changes span), reads every run
//! first and the table after: a head it does not find in a run was published before
//! that run's `start` moved past it. A stopped world (a collection) publishes every run
//! by walking its headers from `start` to `cursor`.
//!
//! Model: `stress/tests/loom_alloc_heads.rs` (fails with `--cfg weft_broken_alloc`).

use crate::bitmap::AtomicBitmap;
use crate::sync::atomic::{AtomicUsize, Ordering};
use std::ops::Range;

const WORD_BITS: usize = 64;

/// The shared half of one thread's allocation run: the objects of its span whose heads
/// may not be in the table yet are the packed objects in `[start, cursor)` (addresses).
#[derive(Debug, Default)]
#[repr(align(64))] // one per allocating thread, each on its own cache line
pub struct HeadRun {
    start: AtomicUsize,
    cursor: AtomicUsize,
}

impl HeadRun {
    /// An empty run.
    pub fn new() -> HeadRun {
        HeadRun::default()
    }

    /// Owner, under the lock that hands out spans: a new span starting at `at` (or none
    /// when `at` is 0); the run is empty.
    pub fn open(&self, at: usize) {
        self.start.store(at, Ordering::Release);
        self.cursor.store(at, Ordering::Release);
    }

    /// Owner: the objects below `cursor` are fully written.
    #[inline]
    pub fn advance(&self, cursor: usize) {
        self.cursor.store(cursor, Ordering::Release);
    }

    /// Owner: every head below `start` is in the table (published before this call).
    #[inline]
    pub fn restart(&self, start: usize) {
        self.start.store(start, Ordering::Release);
    }

    /// Reader: the packed objects whose heads may be missing from the table. Their
    /// headers may be walked from `start` while the run cannot change span (the
    /// reader holds the span lock, or the world is stopped).
    pub fn pending(&self) -> Range<usize> {
        let start = self.start.load(Ordering::Acquire);
        let cursor = self.cursor.load(Ordering::Acquire);
        start..cursor.max(start)
    }
}

/// Publish `bits` (heads) into word `w` of `table`. `span` is the block range the
/// caller owns alone; every head in `bits` lies in it. A word wholly inside `span` is
/// stored (module doc: no other thread writes it); a word shared with other spans is
/// OR-ed in with one `fetch_or`.
#[inline]
pub fn publish_heads(table: &AtomicBitmap, span: Range<usize>, w: usize, bits: u64) {
    let first = w * WORD_BITS;
    let owned = span.start <= first && first + WORD_BITS <= span.end;
    // `--cfg weft_broken_alloc`: a word is treated as owned as soon as it starts inside
    // the span, so the last word of a span, shared with the next span's owner, is
    // stored over: a head that owner published there is lost.
    #[cfg(weft_broken_alloc)]
    let owned = owned || (span.start <= first && first < span.end);
    if owned {
        table.store_word(w, bits);
    } else if bits != 0 {
        table.or_word(w, bits);
    }
}

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;

    #[test]
    fn owned_words_are_stored_shared_words_or_ed() {
        let t = AtomicBitmap::new(256);
        t.set(63); // another span's head in word 0
        t.set(130); // another span's head in word 2
        // The span owns blocks 10..140: word 1 alone, words 0 and 2 shared.
        publish_heads(&t, 10..140, 0, 1 << 10 | 1 << 20);
        publish_heads(&t, 10..140, 1, 1 << 5);
        publish_heads(&t, 10..140, 2, 1 << 3);
        let v: Vec<_> = t.iter_set(0..256).collect();
        assert_eq!(v, vec![10, 20, 63, 69, 130, 131]);
    }

    #[test]
    fn runs() {
        let r = HeadRun::new();
        assert!(r.pending().is_empty());
        r.open(0x1000);
        r.restart(0x1000);
        r.advance(0x1040);
        assert_eq!(r.pending(), 0x1000..0x1040);
        r.restart(0x1040);
        assert!(r.pending().is_empty());
    }
}
