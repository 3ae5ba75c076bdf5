//! A hash map split into N independently locked shards.
//!
//! Invariants:
//! - the shard of a key depends only on the key's hash (a fixed, seedless hash), so every
//!   operation on one key serialises on one shard lock;
//! - the number of shards is a power of two, fixed at construction;
//! - a shard lock is held only for the duration of the closure handed to
//!   [`ShardedMap::with_shard`] / [`ShardedMap::for_each_shard`]; callers must not block
//!   or reach a safepoint inside it (DESIGN.md invariant 3).

use crate::sync::Mutex;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// Default number of shards.
pub const DEFAULT_SHARDS: usize = 64;

/// A small, seedless multiplicative hasher used only to pick a shard.
struct ShardHasher(u64);

impl Hasher for ShardHasher {
    fn finish(&self) -> u64 {
        // Fold the high bits down: the multiply leaves its best bits at the top.
        self.0 ^ (self.0 >> 29) ^ (self.0 >> 47)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(b as u64);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

/// `N` shards of `Mutex<HashMap<K, V>>`.
pub struct ShardedMap<K, V> {
    shards: Box<[Mutex<HashMap<K, V>>]>,
    mask: usize,
}

impl<K: Hash + Eq, V> Default for ShardedMap<K, V> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K: Hash + Eq, V> ShardedMap<K, V> {
    /// A map with [`DEFAULT_SHARDS`] shards.
    pub fn new() -> Self {
        Self::with_shards(DEFAULT_SHARDS)
    }

    /// A map with `n` shards (rounded up to a power of two, at least 1).
    pub fn with_shards(n: usize) -> Self {
        let n = n.max(1).next_power_of_two();
        let shards = (0..n).map(|_| Mutex::new(HashMap::new())).collect();
        ShardedMap {
            shards,
            mask: n - 1,
        }
    }

    /// Number of shards.
    pub fn shard_count(&self) -> usize {
        self.shards.len()
    }

    /// Index of the shard that holds `key`.
    pub fn shard_of(&self, key: &K) -> usize {
        let mut h = ShardHasher(0);
        key.hash(&mut h);
        (h.finish() as usize) & self.mask
    }

    /// Run `f` on the shard that holds `key`, under that shard's lock.
    pub fn with_shard<R>(&self, key: &K, f: impl FnOnce(&mut HashMap<K, V>) -> R) -> R {
        let mut guard = self.shards[self.shard_of(key)].lock();
        f(&mut guard)
    }

    /// Run `f` on shard number `i` (`i < shard_count()`) under its lock.
    pub fn with_shard_index<R>(&self, i: usize, f: impl FnOnce(&mut HashMap<K, V>) -> R) -> R {
        let mut guard = self.shards[i].lock();
        f(&mut guard)
    }

    /// Run `f` on every shard in turn, each under its own lock (one lock at a time).
    pub fn for_each_shard(&self, mut f: impl FnMut(&mut HashMap<K, V>)) {
        for shard in self.shards.iter() {
            let mut guard = shard.lock();
            f(&mut guard);
        }
    }

    /// Total number of entries (takes every shard lock in turn; not a snapshot).
    pub fn len(&self) -> usize {
        self.shards.iter().map(|s| s.lock().len()).sum()
    }

    /// True when no shard holds an entry (see [`ShardedMap::len`]).
    pub fn is_empty(&self) -> bool {
        self.shards.iter().all(|s| s.lock().is_empty())
    }
}

#[cfg(all(test, not(loom)))]
mod tests {
    use super::*;

    #[test]
    fn insert_get_remove() {
        let m: ShardedMap<usize, Vec<u32>> = ShardedMap::new();
        assert_eq!(m.shard_count(), 64);
        for k in 0..1000usize {
            m.with_shard(&(k * 16), |s| s.entry(k * 16).or_default().push(k as u32));
        }
        assert_eq!(m.len(), 1000);
        assert_eq!(m.with_shard(&160, |s| s.get(&160).cloned()), Some(vec![10]));
        m.with_shard(&160, |s| s.remove(&160));
        assert_eq!(m.len(), 999);
        let mut n = 0;
        m.for_each_shard(|s| n += s.len());
        assert_eq!(n, 999);
    }

    #[test]
    fn aligned_addresses_spread() {
        let m: ShardedMap<usize, ()> = ShardedMap::with_shards(64);
        let mut used = std::collections::HashSet::new();
        for k in 0..4096usize {
            used.insert(m.shard_of(&(0x7f00_0000_0000 + k * 16)));
        }
        assert!(used.len() > 48, "only {} shards used", used.len());
    }

    #[test]
    fn shard_count_rounds_up() {
        assert_eq!(ShardedMap::<u8, u8>::with_shards(5).shard_count(), 8);
        assert_eq!(ShardedMap::<u8, u8>::with_shards(0).shard_count(), 1);
    }

    #[test]
    fn concurrent_counts() {
        let m: ShardedMap<usize, usize> = ShardedMap::with_shards(8);
        std::thread::scope(|s| {
            for _ in 0..4 {
                s.spawn(|| {
                    for k in 0..1000usize {
                        m.with_shard(&k, |s| *s.entry(k).or_default() += 1);
                    }
                });
            }
        });
        let mut total = 0;
        m.for_each_shard(|s| total += s.values().sum::<usize>());
        assert_eq!(total, 4000);
    }
}
