//! loom models of `weft_core::PubVec`, the storage of Python's `list` (vm/src/objects/
//! list.rs): writers under the vector's lock publish words and buffers, readers take no
//! lock, and a buffer a writer replaces is retired to a `RetireList` that is freed only
//! when no reader can hold it (here: after the threads are joined, which stands for
//! the stop-the-world at which the vm frees it). The models run the production type.
//! Run with:
//! `RUSTFLAGS="--cfg loom" cargo test -p weft-stress --test loom_list --release`
//!
//! To see them fail, add `--cfg weft_broken_list`: `PubVec` then publishes a length
//! without Release (a reader may see a length before the word it covers: the models see
//! a 0 word), and overwrites a replaced buffer at once instead of leaving it intact
//! until the stop-the-world (as memory freed and reused would be: a reader still in the
//! old buffer sees `POISON`).
#![cfg(loom)]

use loom::sync::Arc;
use loom::thread;
use weft_core::pubvec::POISON;
use weft_core::{PubVec, RetireList};

/// A word a reader got: written by somebody (not 0), not from reused memory.
fn check(w: u64, allowed: &[u64]) {
    assert_ne!(w, 0, "a word below the length was never written");
    assert_ne!(w, POISON, "a reader read a buffer after it was freed");
    assert!(allowed.contains(&w), "unexpected word {w}");
}

/// Appends that grow the buffer (4 words -> 8) and then fill it in place, racing a
/// reader: every word below the length the reader saw is the one pushed there.
#[test]
fn push_publishes_whole_words() {
    loom::model(|| {
        let retire = Arc::new(RetireList::new());
        let v = Arc::new(PubVec::from_slice(&[1, 2, 3, 4]));
        let (v2, r2) = (v.clone(), retire.clone());
        let w = thread::spawn(move || {
            let mut g = v2.write(2, &r2);
            g.push(5);
            g.push(6);
        });
        let view = v.view();
        for i in 0..view.len() {
            assert_eq!(view.get(i), Some(i as u64 + 1));
        }
        let n = v.len();
        if n > 0 {
            check(v.get(n - 1).unwrap(), &[1, 2, 3, 4, 5, 6]);
        }
        w.join().unwrap();
        assert_eq!(v.snapshot(), vec![1, 2, 3, 4, 5, 6]);
        // The threads are joined: no reader holds a buffer (the stop-the-world).
        unsafe { retire.free_all() };
    });
}

/// Moves inside one buffer (remove, then insert, then a push into its spare word)
/// racing a reader: each word it reads was in the vector at some moment, never a hole.
#[test]
fn moves_leave_no_holes() {
    loom::model(|| {
        let retire = Arc::new(RetireList::new());
        let v = Arc::new(PubVec::new());
        v.write(1, &retire).extend(&[1, 2, 3]); // capacity 4
        let (v2, r2) = (v.clone(), retire.clone());
        let w = thread::spawn(move || {
            let mut g = v2.write(2, &r2);
            assert_eq!(g.remove(0), 1);
            g.insert(1, 9);
            g.push(5);
        });
        let view = v.view();
        for i in 0..view.len() {
            check(view.get(i).unwrap(), &[1, 2, 3, 9, 5]);
        }
        w.join().unwrap();
        assert_eq!(v.snapshot(), vec![2, 9, 3, 5]);
        unsafe { retire.free_all() };
    });
}

/// `clear` and `replace` swap in a new buffer while a reader is inside the old one: the
/// reader finishes reading the old words, intact, because the old buffer is retired.
#[test]
fn replaced_buffer_stays_readable() {
    loom::model(|| {
        let retire = Arc::new(RetireList::new());
        let v = Arc::new(PubVec::from_slice(&[1, 2]));
        let (v2, r2) = (v.clone(), retire.clone());
        let w = thread::spawn(move || {
            v2.write(2, &r2).replace(&[7, 8, 9]);
            v2.write(2, &r2).clear();
        });
        let view = v.view();
        let words: Vec<u64> = view.iter().collect();
        for &x in &words {
            check(x, &[1, 2, 7, 8, 9]);
        }
        assert!(words.is_empty() || words == [1, 2] || words == [7, 8, 9]);
        w.join().unwrap();
        assert!(v.is_empty());
        unsafe { retire.free_all() };
    });
}

/// Two writers: the lock serialises them, no push is lost, even across a growth.
#[test]
fn writers_lose_nothing() {
    loom::model(|| {
        let retire = Arc::new(RetireList::new());
        let v = Arc::new(PubVec::from_slice(&[1, 2, 3, 4]));
        let hs: Vec<_> = [5u64, 6]
            .into_iter()
            .map(|x| {
                let (v, r) = (v.clone(), retire.clone());
                thread::spawn(move || v.write(x as u32, &r).push(x))
            })
            .collect();
        for h in hs {
            h.join().unwrap();
        }
        let mut s = v.snapshot();
        s.sort();
        assert_eq!(s, vec![1, 2, 3, 4, 5, 6]);
        unsafe { retire.free_all() };
    });
}
