//! Free runs of a chunk, computed from its side tables alone (ATB, mark, ETB).
//!
//! The sweep needs the maximal runs of blocks not covered by a live object. Reading
//! every live object's header for its size pulls the whole heap through the cache;
//! here only the bitmaps are read, a word (64 blocks) at a time.
//!
//! Segments. Given the end-table invariant (`ends` module: an ETB bit sits only on an
//! allocated object's last block, and always on one followed by a free block), the
//! object area `1..nblocks` splits into segments, each starting at a *segment start*:
//! - every ATB head (an object, live or dead, runs to just before the next start);
//! - the block after every ETB bit (a free gap runs to the next head);
//! - block 1, the first block of the object area.
//!
//! A segment is live iff it starts at a marked head. The free runs after the sweep are
//! the maximal runs of non-live segments: a run begins at a non-live segment start that
//! follows a live segment (or at block 1) and ends at the next live head (or the chunk
//! end). So adjacent dead objects and the gaps between them merge into one run, and a
//! live object followed directly by another head needs no ETB bit. Per word this is a
//! few loads and bit operations; a word with no non-live start costs no branch taken.

use crate::header::BLOCK_SIZE;
use std::ops::Range;
use weft_core::AtomicBitmap;

const WORD_BITS: usize = 64;
const _: () = assert!(BLOCK_SIZE == 16, "one side-table bit per 16-byte block");

/// The three side tables of one chunk the free-run computation reads. The world is
/// stopped: nobody writes them while this runs.
pub(crate) struct Tables<'a> {
    pub atb: &'a AtomicBitmap,
    pub mark: &'a AtomicBitmap,
    pub etb: &'a AtomicBitmap,
}

impl Tables<'_> {
    fn nblocks(&self) -> usize {
        self.atb.len()
    }

    /// Bits of word `w` that are blocks of the chunk.
    #[inline]
    fn valid(&self, w: usize) -> u64 {
        let left = self.nblocks() - w * WORD_BITS;
        if left >= WORD_BITS {
            !0
        } else {
            (1 << left) - 1
        }
    }

    /// Live heads in word `w`.
    #[inline]
    fn live(&self, w: usize) -> u64 {
        self.atb.word(w) & self.mark.word(w)
    }

    /// Segment starts in word `w` that do not start a live object: dead heads and free
    /// gaps (module doc).
    #[inline]
    fn non_live_starts(&self, w: usize) -> u64 {
        let a = self.atb.word(w);
        let e = self.etb.word(w);
        // The block after an end bit in the previous word's top bit; for word 0, block 1.
        let carry = if w == 0 {
            1 << 1
        } else {
            self.etb.word(w - 1) >> (WORD_BITS - 1)
        };
        let starts = a | e << 1 | carry;
        starts & !(a & self.mark.word(w)) & self.valid(w)
    }

    /// First block at or after `from` whose bit is set in the derived words `bits`.
    #[inline]
    fn next(&self, from: usize, bits: impl Fn(&Self, usize) -> u64) -> Option<usize> {
        if from >= self.nblocks() {
            return None;
        }
        let mut w = from / WORD_BITS;
        let mut word = bits(self, w) & (!0u64 << (from % WORD_BITS));
        loop {
            if word != 0 {
                return Some(w * WORD_BITS + word.trailing_zeros() as usize);
            }
            w += 1;
            if w >= self.atb.word_count() {
                return None;
            }
            word = bits(self, w);
        }
    }

    /// Call `f` with every free run (block indices, ascending) the chunk will have once
    /// its dead objects are freed. Reads no object header.
    pub(crate) fn for_each_free_run(&self, mut f: impl FnMut(Range<usize>)) {
        let mut from = 1;
        while let Some(start) = self.next(from, Self::non_live_starts) {
            // Everything from `start` up to the next live head is dead or free.
            let end = self.next(start + 1, Self::live).unwrap_or(self.nblocks());
            f(start..end);
            from = end + 1;
        }
    }

    /// One past the last block of the object whose head is `h`, from the tables: the
    /// next segment start after `h` (end-table invariant), or the chunk end.
    pub(crate) fn object_end(&self, h: usize) -> usize {
        let next_head = self.atb.next_set(h + 1).unwrap_or(self.nblocks());
        match self.etb.next_set(h) {
            Some(e) if e < next_head => e + 1,
            _ => next_head,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A chunk's tables built from a list of objects `(head, blocks, live)`; every
    /// object gets its end bit when `all_ends`, else only those followed by a free
    /// block (the minimum the invariant asks for).
    struct Chunk {
        atb: AtomicBitmap,
        mark: AtomicBitmap,
        etb: AtomicBitmap,
    }

    fn chunk(nblocks: usize, objects: &[(usize, usize, bool)], all_ends: bool) -> Chunk {
        let c = Chunk {
            atb: AtomicBitmap::new(nblocks),
            mark: AtomicBitmap::new(nblocks),
            etb: AtomicBitmap::new(nblocks),
        };
        for &(h, n, live) in objects {
            assert!(h >= 1 && h + n <= nblocks);
            c.atb.set(h);
            if live {
                c.mark.set(h);
            }
        }
        for &(h, n, _) in objects {
            let next = h + n;
            let followed_by_free = next < nblocks && !c.atb.get(next);
            if all_ends || followed_by_free {
                c.etb.set(next - 1);
            }
        }
        c
    }

    fn runs(c: &Chunk) -> Vec<Range<usize>> {
        let t = Tables {
            atb: &c.atb,
            mark: &c.mark,
            etb: &c.etb,
        };
        let mut v = Vec::new();
        t.for_each_free_run(|r| v.push(r));
        v
    }

    /// The free runs computed the slow way: mark the blocks of live objects.
    fn expected(nblocks: usize, objects: &[(usize, usize, bool)]) -> Vec<Range<usize>> {
        let mut used = vec![false; nblocks];
        used[0] = true;
        for &(h, n, live) in objects {
            if live {
                used[h..h + n].iter_mut().for_each(|u| *u = true);
            }
        }
        let mut v: Vec<Range<usize>> = Vec::new();
        for (i, _) in used.iter().enumerate().filter(|(_, u)| !**u) {
            match v.last_mut() {
                Some(r) if r.end == i => r.end = i + 1,
                _ => v.push(i..i + 1),
            }
        }
        v
    }

    fn check(nblocks: usize, objects: &[(usize, usize, bool)]) -> Vec<Range<usize>> {
        let want = expected(nblocks, objects);
        for all_ends in [false, true] {
            let c = chunk(nblocks, objects, all_ends);
            assert_eq!(runs(&c), want, "all_ends = {all_ends}: {objects:?}");
            let t = Tables {
                atb: &c.atb,
                mark: &c.mark,
                etb: &c.etb,
            };
            for &(h, n, _) in objects {
                assert_eq!(t.object_end(h), h + n, "object at {h}");
            }
        }
        want
    }

    #[test]
    fn empty_chunk_is_one_run() {
        assert_eq!(check(256, &[]), vec![1..256]);
    }

    #[test]
    fn all_live_packed_has_no_run() {
        let objs: Vec<_> = (0..51).map(|i| (1 + 5 * i, 5, true)).collect();
        assert_eq!(check(256, &objs), vec![]);
    }

    #[test]
    fn mixed_live_and_dead() {
        let objs = [
            (1, 3, true),
            (4, 2, false),
            (6, 1, true),
            (7, 5, false),
            (20, 70, true), // crosses a word boundary, gap 12..20 before it
            (90, 1, false),
            (91, 40, true),
            (140, 2, true),
        ];
        assert_eq!(
            check(256, &objs),
            vec![4..6, 7..20, 90..91, 131..140, 142..256]
        );
    }

    #[test]
    fn adjacent_dead_objects_and_gaps_merge() {
        let objs = [
            (1, 2, true),
            (3, 2, false),
            (5, 2, false),
            (9, 60, false), // gap 7..9 between dead objects
            (69, 1, false),
            (70, 3, true),
        ];
        assert_eq!(check(128, &objs), vec![3..70, 73..128]);
    }

    #[test]
    fn first_block_dead_or_free() {
        assert_eq!(
            check(128, &[(1, 4, false), (5, 2, true)]),
            vec![1..5, 7..128]
        );
        assert_eq!(check(128, &[(3, 4, true)]), vec![1..3, 7..128]);
    }

    #[test]
    fn objects_at_the_chunk_end() {
        // Live object ending on the last block: no run after it, no end bit needed.
        assert_eq!(check(128, &[(100, 28, true)]), vec![1..100]);
        // Dead object ending on the last block: merges with the gap before it.
        assert_eq!(check(128, &[(1, 10, true), (120, 8, false)]), vec![11..128]);
        // An end bit on bit 63 carries into the next word's first block.
        assert_eq!(
            check(192, &[(60, 4, true), (70, 2, true)]),
            vec![1..60, 64..70, 72..192]
        );
        // A chunk whose size is not a whole number of words.
        assert_eq!(check(100, &[(1, 50, true), (60, 40, true)]), vec![51..60]);
        assert_eq!(check(100, &[(1, 50, true), (60, 40, false)]), vec![51..100]);
    }

    #[test]
    fn single_huge_object() {
        // A large chunk: one object from block 1 to the end.
        let n = 70_000;
        assert_eq!(check(n, &[(1, n - 1, true)]), vec![]);
        assert_eq!(check(n, &[(1, n - 1, false)]), vec![1..n]);
    }

    #[test]
    fn pseudo_random_layouts_match_the_slow_way() {
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut rnd = |m: u64| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x % m) as usize
        };
        for _ in 0..300 {
            let nblocks = 64 + rnd(400);
            let mut objs = Vec::new();
            let mut at = 1 + rnd(3);
            loop {
                let big = rnd(8) == 0;
                let n = 1 + rnd(if big { 80 } else { 6 });
                if at + n > nblocks {
                    break;
                }
                objs.push((at, n, rnd(3) != 0));
                let gap = rnd(4) == 0;
                at += n + if gap { rnd(10) } else { 0 };
            }
            check(nblocks, &objs);
        }
    }
}
