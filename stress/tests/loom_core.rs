//! loom models of weft-core's protocols. Run with:
//! `RUSTFLAGS="--cfg loom" cargo test -p weft-stress --test loom_core --release`
#![cfg(loom)]

use loom::sync::Arc;
use loom::thread;
use weft_core::{AtomicBitmap, CallbackQueue, ShardedMap};

/// Racing markers: exactly one `set` of a bit reports "newly set" (the claim).
#[test]
fn bitmap_claim_is_exclusive() {
    loom::model(|| {
        let b = Arc::new(AtomicBitmap::new(70));
        let hs: Vec<_> = (0..2)
            .map(|_| {
                let b = b.clone();
                thread::spawn(move || (b.set(3) as usize) + (b.set(65) as usize))
            })
            .collect();
        let wins: usize = hs.into_iter().map(|h| h.join().unwrap()).sum();
        assert_eq!(wins, 2);
        assert_eq!(b.count(), 2);
    });
}

/// Bits of one word set by different threads are not lost (fetch_or, not load+store).
#[test]
fn bitmap_same_word_no_lost_update() {
    loom::model(|| {
        let b = Arc::new(AtomicBitmap::new(64));
        let b2 = b.clone();
        let h = thread::spawn(move || {
            b2.set(1);
        });
        b.set(2);
        b.clear(5);
        h.join().unwrap();
        assert!(b.get(1) && b.get(2));
        assert_eq!(b.next_set(0), Some(1));
    });
}

/// The weak-map register/unregister protocol: the WTB bit changes only under the shard
/// lock, so at quiescence "bit set" == "entry non-empty".
#[test]
fn weak_map_bit_matches_entry() {
    loom::model(|| {
        let map: Arc<ShardedMap<usize, Vec<u32>>> = Arc::new(ShardedMap::with_shards(2));
        let wtb = Arc::new(AtomicBitmap::new(4));
        let key = 1usize;
        let register = move |map: &ShardedMap<usize, Vec<u32>>, wtb: &AtomicBitmap, w: u32| {
            map.with_shard(&key, |m| {
                wtb.set(key);
                m.entry(key).or_default().push(w);
            })
        };
        let unregister = move |map: &ShardedMap<usize, Vec<u32>>, wtb: &AtomicBitmap, w: u32| {
            map.with_shard(&key, |m| {
                let Some(l) = m.get_mut(&key) else { return };
                if let Some(p) = l.iter().rposition(|&x| x == w) {
                    l.remove(p);
                }
                if l.is_empty() {
                    m.remove(&key);
                    wtb.clear(key);
                }
            })
        };
        register(&map, &wtb, 1);
        let (m2, w2) = (map.clone(), wtb.clone());
        let h = thread::spawn(move || register(&m2, &w2, 2));
        unregister(&map, &wtb, 1);
        h.join().unwrap();
        let n = map.with_shard(&key, |m| m.get(&key).map_or(0, Vec::len));
        assert_eq!(n, 1);
        assert!(wtb.get(key));
    });
}

/// Producers on several threads; the drainer sees every item once, per-producer FIFO.
#[test]
fn callback_queue_mpsc() {
    loom::model(|| {
        let q = Arc::new(CallbackQueue::new());
        let q2 = q.clone();
        let h = thread::spawn(move || {
            q2.push(10);
            q2.push(11);
        });
        q.push(20);
        let early = q.pop();
        h.join().unwrap();
        let mut all: Vec<i32> = early.into_iter().collect();
        all.extend(q.drain());
        let mine: Vec<_> = all.iter().copied().filter(|&x| x < 20).collect();
        assert_eq!(mine, vec![10, 11]);
        all.sort();
        assert_eq!(all, vec![10, 11, 20]);
        assert!(q.is_empty());
    });
}
