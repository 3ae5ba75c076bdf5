//! `str`: immutable UTF-8 text with a cached hash and char count.
use crate::payload;
use std::sync::atomic::{AtomicI64, Ordering};

#[derive(crate::trace::Trace)]
pub struct StrData {
    pub s: Box<str>,
    /// Number of code points.
    pub chars: usize,
    /// Cached hash; `HASH_UNSET` until computed.
    hash: AtomicI64,
}
payload!(StrData, "str");

const HASH_UNSET: i64 = -1;

impl StrData {
    pub fn new(s: &str) -> StrData {
        StrData {
            chars: s.chars().count(),
            s: s.into(),
            hash: AtomicI64::new(HASH_UNSET),
        }
    }
    pub fn is_ascii(&self) -> bool {
        self.chars == self.s.len()
    }
    pub fn hash(&self) -> i64 {
        let h = self.hash.load(Ordering::Relaxed);
        if h != HASH_UNSET {
            return h;
        }
        let h = str_hash(&self.s);
        self.hash.store(h, Ordering::Relaxed);
        h
    }
    /// The `i`-th code point (0 <= i < chars).
    pub fn char_at(&self, i: usize) -> char {
        if self.is_ascii() {
            self.s.as_bytes()[i] as char
        } else {
            self.s.chars().nth(i).unwrap_or('\0')
        }
    }
}

/// FNV-1a over the bytes; never returns -1 (reserved, as in CPython).
pub fn str_hash(s: &str) -> i64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    let h = h as i64;
    if h == -1 { -2 } else { h }
}
