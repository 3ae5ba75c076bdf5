//! A fixed-size bitmap of atomic 64-bit words.
//!
//! Invariants:
//! - the number of bits is fixed at construction; bits past `len()` in the last word are
//!   always clear (no operation sets them; indices are bounds-checked);
//! - [`AtomicBitmap::set`] is one `fetch_or`: among threads racing to set the same bit,
//!   exactly one sees `true` ("newly set"). This is how a marker claims an object.
//! - reads that race with writes see each word atomically, not the whole bitmap at once.

use crate::sync::atomic::{AtomicU64, Ordering};

const WORD_BITS: usize = 64;

/// `nbits` bits stored in `AtomicU64` words.
#[derive(Debug)]
pub struct AtomicBitmap {
    words: Box<[AtomicU64]>,
    nbits: usize,
}

impl AtomicBitmap {
    /// A bitmap of `nbits` clear bits.
    pub fn new(nbits: usize) -> Self {
        let nwords = nbits.div_ceil(WORD_BITS);
        let words = (0..nwords).map(|_| AtomicU64::new(0)).collect();
        AtomicBitmap { words, nbits }
    }

    /// Number of bits.
    pub fn len(&self) -> usize {
        self.nbits
    }

    /// True when the bitmap holds no bits at all (`len() == 0`).
    pub fn is_empty(&self) -> bool {
        self.nbits == 0
    }

    #[inline]
    fn locate(&self, i: usize) -> (usize, u64) {
        assert!(i < self.nbits, "bit {i} out of range (len {})", self.nbits);
        (i / WORD_BITS, 1u64 << (i % WORD_BITS))
    }

    /// Set bit `i`; returns true if it was clear before (this caller set it).
    #[inline]
    pub fn set(&self, i: usize) -> bool {
        let (w, m) = self.locate(i);
        self.words[w].fetch_or(m, Ordering::AcqRel) & m == 0
    }

    /// Clear bit `i`; returns true if it was set before.
    #[inline]
    pub fn clear(&self, i: usize) -> bool {
        let (w, m) = self.locate(i);
        self.words[w].fetch_and(!m, Ordering::AcqRel) & m != 0
    }

    /// Read bit `i`.
    #[inline]
    pub fn get(&self, i: usize) -> bool {
        let (w, m) = self.locate(i);
        self.words[w].load(Ordering::Acquire) & m != 0
    }

    /// Clear every bit.
    pub fn clear_all(&self) {
        for w in self.words.iter() {
            w.store(0, Ordering::Release);
        }
    }

    /// Index of the first set bit at or after `from`, if any.
    pub fn next_set(&self, from: usize) -> Option<usize> {
        if from >= self.nbits {
            return None;
        }
        let mut wi = from / WORD_BITS;
        let mut word = self.words[wi].load(Ordering::Acquire) & (!0u64 << (from % WORD_BITS));
        loop {
            if word != 0 {
                let i = wi * WORD_BITS + word.trailing_zeros() as usize;
                return (i < self.nbits).then_some(i);
            }
            wi += 1;
            if wi >= self.words.len() {
                return None;
            }
            word = self.words[wi].load(Ordering::Acquire);
        }
    }

    /// Index of the last set bit in `range`, if any (the range is clipped to `len()`).
    pub fn last_set_in(&self, range: std::ops::Range<usize>) -> Option<usize> {
        let end = range.end.min(self.nbits);
        if range.start >= end {
            return None;
        }
        let first = range.start / WORD_BITS;
        let mut wi = (end - 1) / WORD_BITS;
        // Keep bits below `end` in the last word, at or above `start` in the first.
        let mut word =
            self.words[wi].load(Ordering::Acquire) & (!0u64 >> (63 - (end - 1) % WORD_BITS));
        loop {
            if wi == first {
                word &= !0u64 << (range.start % WORD_BITS);
            }
            if word != 0 {
                return Some(wi * WORD_BITS + 63 - word.leading_zeros() as usize);
            }
            if wi == first {
                return None;
            }
            wi -= 1;
            word = self.words[wi].load(Ordering::Acquire);
        }
    }

    /// Number of 64-bit words; word `w` holds bits `64 * w .. 64 * w + 64` (bit `i` of
    /// the bitmap is bit `i % 64` of word `i / 64`).
    pub fn word_count(&self) -> usize {
        self.words.len()
    }

    /// Word `w` (one atomic load). Bits past `len()` are clear.
    #[inline]
    pub fn word(&self, w: usize) -> u64 {
        self.words[w].load(Ordering::Acquire)
    }

    /// Clear in word `w` every bit that is clear in `keep` (one `fetch_and`); returns
    /// the word as it was.
    #[inline]
    pub fn and_word(&self, w: usize, keep: u64) -> u64 {
        self.words[w].fetch_and(keep, Ordering::AcqRel)
    }

    /// Set in word `w` every bit set in `bits` (one `fetch_or`); returns the word as it
    /// was.
    #[inline]
    pub fn or_word(&self, w: usize, bits: u64) -> u64 {
        let tail = self.nbits % WORD_BITS;
        debug_assert!(
            w + 1 < self.words.len() || tail == 0 || bits >> tail == 0,
            "or_word would set bits past len()"
        );
        self.words[w].fetch_or(bits, Ordering::AcqRel)
    }

    /// Store `bits` as word `w` (a plain atomic store, no read-modify-write): only for a
    /// word no other thread writes meanwhile (see the `heads` module).
    #[inline]
    pub fn store_word(&self, w: usize, bits: u64) {
        let tail = self.nbits % WORD_BITS;
        debug_assert!(
            w + 1 < self.words.len() || tail == 0 || bits >> tail == 0,
            "store_word would set bits past len()"
        );
        self.words[w].store(bits, Ordering::Release);
    }

    /// Iterate over the set bits in `range` (a snapshot per word, see module doc).
    pub fn iter_set(&self, range: std::ops::Range<usize>) -> impl Iterator<Item = usize> + '_ {
        let end = range.end.min(self.nbits);
        let mut next = range.start;
        std::iter::from_fn(move || {
            let i = self.next_set(next).filter(|&i| i < end)?;
            next = i + 1;
            Some(i)
        })
    }

    /// Number of set bits.
    pub fn count(&self) -> usize {
        self.words
            .iter()
            .map(|w| w.load(Ordering::Acquire).count_ones() as usize)
            .sum()
    }
}

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;

    #[test]
    fn set_clear_get() {
        let b = AtomicBitmap::new(130);
        assert_eq!(b.len(), 130);
        assert!(b.set(0));
        assert!(!b.set(0));
        assert!(b.set(129));
        assert!(b.get(0) && b.get(129) && !b.get(64));
        assert_eq!(b.count(), 2);
        assert!(b.clear(0));
        assert!(!b.clear(0));
        assert!(!b.get(0));
        b.clear_all();
        assert_eq!(b.count(), 0);
    }

    #[test]
    fn next_set_and_iter() {
        let b = AtomicBitmap::new(300);
        for i in [3, 63, 64, 65, 200, 299] {
            b.set(i);
        }
        assert_eq!(b.next_set(0), Some(3));
        assert_eq!(b.next_set(4), Some(63));
        assert_eq!(b.next_set(64), Some(64));
        assert_eq!(b.next_set(66), Some(200));
        assert_eq!(b.next_set(300), None);
        let v: Vec<_> = b.iter_set(0..300).collect();
        assert_eq!(v, vec![3, 63, 64, 65, 200, 299]);
        let v: Vec<_> = b.iter_set(64..200).collect();
        assert_eq!(v, vec![64, 65]);
        assert_eq!(AtomicBitmap::new(0).next_set(0), None);
    }

    #[test]
    fn last_set_in_and_words() {
        let b = AtomicBitmap::new(200);
        for i in [0, 5, 63, 64, 130, 199] {
            b.set(i);
        }
        assert_eq!(b.last_set_in(0..200), Some(199));
        assert_eq!(b.last_set_in(0..199), Some(130));
        assert_eq!(b.last_set_in(65..130), None);
        assert_eq!(b.last_set_in(65..131), Some(130));
        assert_eq!(b.last_set_in(6..64), Some(63));
        assert_eq!(b.last_set_in(6..63), None);
        assert_eq!(b.last_set_in(5..63), Some(5));
        assert_eq!(b.last_set_in(1..5), None);
        assert_eq!(b.last_set_in(0..1), Some(0));
        assert_eq!(b.last_set_in(64..64), None);
        assert_eq!(b.last_set_in(150..1000), Some(199));
        assert_eq!(b.word_count(), 4);
        assert_eq!(b.word(1), 1);
        assert_eq!(b.word(2), 1 << 2);
        assert_eq!(b.and_word(0, !(1 << 5)), 1 | 1 << 5 | 1 << 63);
        assert_eq!(b.word(0), 1 | 1 << 63);
        assert_eq!(b.or_word(0, 1 << 7 | 1), 1 | 1 << 63);
        assert_eq!(b.word(0), 1 | 1 << 7 | 1 << 63);
    }

    #[test]
    #[should_panic]
    fn out_of_range() {
        AtomicBitmap::new(10).set(10);
    }

    #[test]
    fn racing_set_claims_once() {
        let b = std::sync::Arc::new(AtomicBitmap::new(1000));
        let wins: usize = std::thread::scope(|s| {
            let hs: Vec<_> = (0..4)
                .map(|_| {
                    let b = &b;
                    s.spawn(move || (0..1000).filter(|&i| b.set(i)).count())
                })
                .collect();
            hs.into_iter().map(|h| h.join().unwrap()).sum()
        });
        assert_eq!(wins, 1000);
        assert_eq!(b.count(), 1000);
    }
}
