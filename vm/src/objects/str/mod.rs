//! `str`: immutable UTF-8 text inline in its heap object.
//!
//! A str is one heap allocation: the object header, the type, this fixed header
//! (`StrData`: byte length, code-point count, cached hash), then the bytes in the
//! object's tail. No Rust-heap buffer, nothing to drop in the sweep.
//!
//! Invariants:
//! - a `StrData` exists only inside a heap object made by [`Vm::new_str`] (or its
//!   siblings here), with `len` bytes of valid UTF-8 right after it; the fields are
//!   private and there is no other constructor, so `as_str` may read the tail;
//! - the text never changes; `hash` is computed at most a few times (racing threads
//!   store the same value) and read with Relaxed loads;
//! - an *immortal* str (`IMMORTAL` bit of `chars`: interned names, the cached
//!   one-character strings) is a runtime root: it is never freed, so its address
//!   identifies its text for the whole run (the method cache relies on this).
pub mod methods;
use crate::object::Obj;
use crate::payload;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::sync::atomic::{AtomicI64, Ordering};

#[derive(crate::trace::Trace)]
#[repr(C)]
pub struct StrData {
    /// Bytes of text in the tail.
    len: usize,
    /// Code points, plus the `IMMORTAL` bit.
    chars: usize,
    /// Cached hash; `HASH_UNSET` until computed.
    hash: AtomicI64,
}
payload!(StrData, "str");

const IMMORTAL: usize = 1 << (usize::BITS - 1);
const HASH_UNSET: i64 = -1;

/// Bytes of a str object before its text: the text starts right after `StrData`.
const FIXED: usize = std::mem::size_of::<Obj<StrData>>();
const _: () =
    assert!(std::mem::offset_of!(Obj<StrData>, data) + std::mem::size_of::<StrData>() == FIXED);

/// The cached strs: the empty string, then one per code point U+0000..U+00FF.
pub const SMALL_STRS: usize = 257;

impl StrData {
    /// The text.
    #[inline]
    pub fn as_str(&self) -> &str {
        // SAFETY: module invariant: `len` bytes of UTF-8 follow this header inside its
        // heap object (FIXED is where `data` ends), alive as long as `self` is.
        unsafe {
            let p = (self as *const StrData as *const u8).add(std::mem::size_of::<StrData>());
            std::str::from_utf8_unchecked(std::slice::from_raw_parts(p, self.len))
        }
    }
    /// Length in bytes.
    #[inline]
    pub fn byte_len(&self) -> usize {
        self.len
    }
    /// Length in code points (Python's `len`).
    #[inline]
    pub fn chars(&self) -> usize {
        self.chars & !IMMORTAL
    }
    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.chars() == self.len
    }
    /// Never freed (interned or cached): see the module doc.
    #[inline]
    pub fn is_immortal(&self) -> bool {
        self.chars & IMMORTAL != 0
    }
    #[inline]
    pub fn hash(&self) -> i64 {
        let h = self.hash.load(Ordering::Relaxed);
        if h != HASH_UNSET {
            return h;
        }
        let h = str_hash(self.as_str());
        self.hash.store(h, Ordering::Relaxed);
        h
    }
    /// The `i`-th code point (0 <= i < chars).
    #[inline]
    pub fn char_at(&self, i: usize) -> char {
        if self.is_ascii() {
            self.as_str().as_bytes()[i] as char
        } else {
            self.as_str().chars().nth(i).unwrap_or('\0')
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

/// Index into the cached strs for `s`, if it is empty or one code point below U+0100.
#[inline]
fn small_index(s: &str) -> Option<usize> {
    match *s.as_bytes() {
        [] => Some(0),
        [b] => Some(1 + b as usize),
        [b0 @ 0xC2..=0xC3, b1] => Some(1 + (((b0 as usize & 0x1F) << 6) | (b1 as usize & 0x3F))),
        _ => None,
    }
}

/// The header for `s` with extra `flags` in `chars`.
fn header(s: &str, chars: usize, flags: usize) -> StrData {
    StrData {
        len: s.len(),
        chars: chars | flags,
        hash: AtomicI64::new(HASH_UNSET),
    }
}

/// Copy `s` into the tail of the fresh str object `v`.
///
/// # Safety
/// `v` was just allocated by `alloc_sized` with a `StrData` header and a tail of
/// `s.len()` bytes, and no other thread can see it yet.
unsafe fn fill(v: Value, s: &str) {
    let p = v.as_gc().expect("fresh str").as_ptr() as *mut u8;
    // SAFETY: caller's contract: the tail is FIXED..FIXED + s.len() of the object.
    unsafe { std::ptr::copy_nonoverlapping(s.as_ptr(), p.add(FIXED), s.len()) };
}

impl Vm {
    /// A str with text `s` (the cached object for "" and single characters < U+0100).
    #[inline]
    pub fn new_str(&mut self, s: &str) -> PyResult {
        if s.len() <= 2
            && let Some(i) = small_index(s)
            && let Some(&v) = self.rt.small_strs.get(i)
        {
            return Ok(v);
        }
        self.alloc_str(s, s.chars().count(), 0)
    }

    /// `new_str` for text the caller knows has `chars` code points.
    pub fn new_str_counted(&mut self, s: &str, chars: usize) -> PyResult {
        debug_assert_eq!(chars, s.chars().count());
        if s.len() <= 2
            && let Some(i) = small_index(s)
            && let Some(&v) = self.rt.small_strs.get(i)
        {
            return Ok(v);
        }
        self.alloc_str(s, chars, 0)
    }

    /// The str of `parts` joined, which have `chars` code points together: the text is
    /// copied once, straight into the new object.
    pub fn new_str_parts(&mut self, parts: &[&str], chars: usize) -> PyResult {
        let len: usize = parts.iter().map(|p| p.len()).sum();
        if len <= 2 {
            return self.new_str_counted(&parts.concat(), chars);
        }
        let ty = self.rt.types.str;
        let h = StrData {
            len,
            chars,
            hash: AtomicI64::new(HASH_UNSET),
        };
        let v = self.alloc_sized(ty, h, len)?;
        let mut p = v.as_gc().expect("fresh str").as_ptr() as *mut u8;
        for part in parts {
            // SAFETY: v is fresh with a tail of `len` bytes at FIXED, the sum of the
            // parts' lengths; nobody else can see it yet.
            unsafe {
                std::ptr::copy_nonoverlapping(part.as_ptr(), p.add(FIXED), part.len());
                p = p.add(part.len());
            }
        }
        Ok(v)
    }

    /// The one-character str for `c` (allocates nothing below U+0100).
    #[inline]
    pub fn new_char(&mut self, c: char) -> PyResult {
        if let Some(&v) = self.rt.small_strs.get(1 + c as usize) {
            return Ok(v);
        }
        let mut buf = [0u8; 4];
        self.alloc_str(c.encode_utf8(&mut buf), 1, 0)
    }

    fn alloc_str(&mut self, s: &str, chars: usize, flags: usize) -> PyResult {
        let ty = self.rt.types.str;
        let v = self.alloc_sized(ty, header(s, chars, flags), s.len())?;
        // SAFETY: v is fresh, made just above with a tail of s.len() bytes.
        unsafe { fill(v, s) };
        Ok(v)
    }

    /// A str that is never freed (the caller makes it a root for the whole run).
    pub(crate) fn new_immortal_str(&mut self, s: &str) -> PyResult {
        if s.len() <= 2
            && let Some(i) = small_index(s)
            && let Some(&v) = self.rt.small_strs.get(i)
        {
            return Ok(v);
        }
        self.alloc_str(s, s.chars().count(), IMMORTAL)
    }

    /// `new_immortal_str` from the heap's reserve past its limit
    /// (`Heap::alloc_reserve`), or None when even the reserve is gone.
    pub(crate) fn new_immortal_str_reserve(&mut self, s: &str) -> Option<Value> {
        let ty = self.rt.types.str;
        let size = FIXED + s.len();
        let p = self.rt.heap.alloc_reserve(
            &mut self.alloc,
            size,
            <StrData as crate::object::Payload>::vtable(),
        )?;
        // SAFETY: fresh allocation of Obj<StrData>'s size plus the text, StrData's
        // vtable; filled before anyone else can see it.
        unsafe {
            crate::object::init_obj(p, ty, header(s, s.chars().count(), IMMORTAL));
            let v = Value::from_gc(p);
            fill(v, s);
            Some(v)
        }
    }

    /// Make the cached strs ("" and U+0000..U+00FF), rooted for the whole run.
    pub(crate) fn make_small_strs(&mut self) {
        let mut all = Vec::with_capacity(SMALL_STRS);
        for i in 0..SMALL_STRS {
            let s = if i == 0 {
                String::new()
            } else {
                char::from_u32(i as u32 - 1).expect("latin-1").to_string()
            };
            let v = self
                .alloc_str(&s, s.chars().count(), IMMORTAL)
                .expect("heap too small to start");
            self.rt.add_perm_root(v);
            all.push(v);
        }
        self.rt_init().small_strs = all.into_boxed_slice();
    }
}
