//! loom model of lazily published allocation heads (`weft_core::heads`, used by
//! weft-gc's `alloc` module): a thread packs objects into a span it owns, keeps the
//! heads of the ATB word it is filling in a private word, and publishes that word when
//! its allocation moves past it or it leaves the span — a plain store when the span
//! owns the whole word, a `fetch_or` when the word is shared with a neighbouring span.
//! Its `HeadRun` (start, cursor) shows the objects whose heads may still be missing.
//!
//! The models call the production pieces (`AtomicBitmap`, `HeadRun`, `publish_heads`);
//! the buffer (`LocalAlloc`) and the readers (`Heap::contains`, the collection's
//! `close_alloc_runs`) live in weft-gc, which loom does not build, so they are mirrored
//! here with block indices for addresses and a loom `UnsafeCell` per block for the
//! object headers (loom reports a header read that is not ordered after its write).
//!
//! Checked:
//! - two owners whose spans share an ATB word both publish into it: no head is lost;
//! - a reader holding the span lock (`Heap::contains`) finds an object another thread
//!   allocated and handed to it, whether its head is still in the run or already in ATB;
//! - the collection (after the owners stopped) publishes the runs still held: ATB is
//!   then exactly the set of heads.
//!
//! Run: `RUSTFLAGS="--cfg loom" cargo test -p weft-stress --release --target-dir
//! target/loom --test loom_alloc_heads`. With `--cfg weft_broken_alloc` added,
//! `publish_heads` also stores (instead of OR-ing) a span's last word, which it shares
//! with the next span: the first model then loses a neighbour's head.
#![cfg(loom)]

use loom::cell::UnsafeCell;
use loom::sync::atomic::AtomicUsize;
use loom::sync::atomic::Ordering::{Acquire, Release};
use loom::sync::{Arc, Mutex};
use loom::thread;
use std::ops::Range;
use weft_core::heads::publish_heads;
use weft_core::{AtomicBitmap, HeadRun};

const BLOCKS: usize = 256;
const WORD: usize = 64;

/// The mirrored heap: ATB, one header cell per block (the object's size in blocks),
/// and the pool lock that hands spans out (held by `contains`).
struct Heap {
    atb: AtomicBitmap,
    headers: Vec<UnsafeCell<usize>>,
    pool: Mutex<Vec<Arc<HeadRun>>>,
}

impl Heap {
    fn new() -> Heap {
        Heap {
            atb: AtomicBitmap::new(BLOCKS),
            headers: (0..BLOCKS).map(|_| UnsafeCell::new(0)).collect(),
            pool: Mutex::new(Vec::new()),
        }
    }

    fn size_at(&self, h: usize) -> usize {
        // SAFETY (loom checks it): the header was written before the cursor passed it.
        self.headers[h].with(|p| unsafe { *p })
    }

    /// `Heap::contains`: the runs first (under the pool lock), ATB after.
    fn contains(&self, b: usize) -> bool {
        {
            let runs = self.pool.lock().unwrap();
            for run in runs.iter().map(|r| r.pending()) {
                if run.contains(&b) {
                    let mut at = run.start;
                    while at < run.end {
                        if at == b {
                            return true;
                        }
                        at += self.size_at(at);
                    }
                    return false;
                }
            }
        }
        self.atb.get(b)
    }

    /// `close_alloc_runs` (world stopped): walk every run, set its heads.
    fn close_runs(&self) {
        for r in self.pool.lock().unwrap().iter() {
            let run = r.pending();
            let mut at = run.start;
            while at < run.end {
                self.atb.set(at);
                at += self.size_at(at);
            }
        }
    }
}

/// `LocalAlloc` holding the span `[start, end)`.
struct Buf {
    start: usize,
    end: usize,
    cursor: usize,
    heads: u64,
    word_end: usize,
    run: Arc<HeadRun>,
}

impl Buf {
    /// `SpanPool::hand_out` (under the pool lock).
    fn hand_out(heap: &Heap, span: Range<usize>) -> Buf {
        let run = Arc::new(HeadRun::new());
        run.open(span.start);
        heap.pool.lock().unwrap().push(run.clone());
        Buf {
            start: span.start,
            end: span.end,
            cursor: span.start,
            heads: 0,
            word_end: 0,
            run,
        }
    }

    /// The fast path: write the header, note the head, advance the run.
    fn alloc(&mut self, heap: &Heap, blocks: usize) -> usize {
        let at = self.cursor;
        assert!(at + blocks <= self.end);
        self.cursor += blocks;
        // SAFETY (loom checks it): the span's free blocks are this buffer's alone.
        heap.headers[at].with_mut(|p| unsafe { *p = blocks });
        if at >= self.word_end {
            self.publish_word(heap);
            self.word_end = (at / WORD + 1) * WORD;
            self.run.restart(at);
        }
        self.heads |= 1 << (at % WORD);
        self.run.advance(self.cursor);
        at
    }

    fn publish_word(&mut self, heap: &Heap) {
        if self.heads != 0 {
            let w = self.word_end / WORD - 1;
            publish_heads(&heap.atb, self.start..self.end, w, self.heads);
            self.heads = 0;
        }
    }

    /// `LocalAlloc::close_span` (refill or retire).
    fn close(&mut self, heap: &Heap) {
        self.publish_word(heap);
        self.word_end = 0;
        self.run.open(0);
    }
}

fn heads(heap: &Heap) -> Vec<usize> {
    heap.atb.iter_set(0..BLOCKS).collect()
}

/// Span A = [100, 150) and span B = [150, 200) share ATB word 2 ([128, 192)). A moves
/// from word 1 to word 2 (publishing word 1) and both leave their spans, publishing
/// word 2 at the same time: every head survives.
#[test]
fn neighbours_share_a_word() {
    loom::model(|| {
        let heap = Arc::new(Heap::new());
        let mut a = Buf::hand_out(&heap, 100..150);
        let mut b = Buf::hand_out(&heap, 150..200);
        let h = heap.clone();
        let t = thread::spawn(move || {
            a.alloc(&h, 30);
            a.alloc(&h, 10);
            a.alloc(&h, 10);
            a.close(&h);
        });
        b.alloc(&heap, 20);
        b.alloc(&heap, 30);
        b.close(&heap);
        t.join().unwrap();
        assert_eq!(
            heads(&heap),
            vec![100, 130, 140, 150, 170],
            "a head was lost"
        );
    });
}

/// An owner hands each new object to a reader (a Release store, as a program passes
/// a reference); the reader's `contains` finds it and does not take a block inside it
/// for a head, while the owner moves to the next word and publishes. After the owner
/// stops, with its span still held, the collection's close makes ATB exact.
#[test]
fn contains_races_publication() {
    loom::model(|| {
        let heap = Arc::new(Heap::new());
        let mut a = Buf::hand_out(&heap, 100..200);
        let handed = Arc::new(AtomicUsize::new(0));
        let (h, s) = (heap.clone(), handed.clone());
        let t = thread::spawn(move || {
            let x = a.alloc(&h, 30);
            s.store(x, Release);
            // Starts word 2: word 1 (holding x) is published, the run restarts.
            a.alloc(&h, 10);
            a.alloc(&h, 4);
            // Stops here without leaving the span (a parked thread).
        });
        let x = handed.load(Acquire);
        if x != 0 {
            assert!(heap.contains(x), "an allocated object was not found");
            assert!(
                !heap.contains(x + 1),
                "a block inside an object taken for a head"
            );
        }
        t.join().unwrap();
        heap.close_runs();
        assert_eq!(heads(&heap), vec![100, 130, 140]);
        assert!(heap.contains(140) && !heap.contains(144));
    });
}
