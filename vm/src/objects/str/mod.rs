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
//!
//! # Lone surrogates
//!
//! Python text may hold lone surrogates (U+D800..U+DFFF: `chr(0xd800)`, `'\udcff'`,
//! `os.fsdecode(b'\xff')`), which UTF-8 and Rust's `str` cannot. A str without any
//! (nearly every str) is exactly as described above: no flag, one copy of its text,
//! `as_str()` as fast as ever. A str with at least one has the `SURROGATES` bit in
//! `chars` and its tail holds the text twice, each `len` bytes:
//!
//! ```text
//! [ lossy: valid UTF-8, each surrogate as U+FFFD (EF BF BD) ][ exact: generalized UTF-8 ]
//! ```
//!
//! The exact copy encodes every code point the UTF-8 way, a surrogate included (3 bytes
//! ED A0..BF 80..BF); two surrogates in a row stay two 3-byte sequences (never joined
//! into one 4-byte character as WTF-8 would), so the encoding is a bijection between
//! code-point sequences and byte strings: byte equality is text equality, byte order is
//! code-point order, and a byte search finds exactly the code-point matches (every
//! sequence starts with a non-continuation byte). U+FFFD is 3 bytes too, so the lossy
//! copy has the same byte offsets and the same character offsets as the exact one.
//!
//! - `as_str()` returns the lossy copy (it is first in the tail, so `as_str` does not
//!   even look at the flag): code that reads text through it is sound (it never sees
//!   invalid UTF-8) and its offsets are right, but it sees U+FFFD for a surrogate;
//! - `wtf8()` returns the exact copy (the only copy of a surrogate-free str): equality,
//!   hashing, ordering, concatenation, repetition, slicing, indexing, iteration,
//!   `ord`, `repr`, `in` and the encoders work on it;
//! - a surrogate str never equals a surrogate-free one (their exact bytes differ);
//! - the constructors that take exact bytes ([`Vm::new_str_wtf8`]) set the flag only
//!   when a surrogate is present, so a surrogate-free result is always unflagged.
//!
//! Which path each family of operations takes (see also `str/surrogates.rs`):
//! - exact bytes: `==`/`!=`/`<`.., `hash` and dict/set keys, `+`, `*`, `join`,
//!   indexing, slicing, iteration, `len`, `ord`, `in`, `repr`/`ascii`, `str.encode`,
//!   `bytes.decode` with `surrogateescape`/`surrogatepass`, `json` loads and dumps;
//! - the str methods (split, find, replace, strip, upper, ljust, format spec ...) run
//!   on a surrogate str through the remapping wrapper of `str/surrogates.rs`: each
//!   surrogate is swapped for a private-use character absent from every argument,
//!   the ordinary method runs, and the swap is undone on the result. Private-use
//!   characters behave as surrogates do in every method (uncased, not alphanumeric,
//!   not space, not printable, not a line break), so the result is exact; so are
//!   `%`-formatting and `str.format` with str arguments (the wrapper swaps those too);
//! - exact by construction: f-strings (`BUILD_STRING` joins exact bytes,
//!   `FORMAT_VALUE` passes a str through), `format()`, `str(x)` of a user `__str__`, `print` and `sys.stdout.write` (strict
//!   UTF-8: UnicodeEncodeError as CPython's stdout; stderr uses backslashreplace);
//! - provably unaffected (they read the lossy copy and U+FFFD behaves as a surrogate
//!   there): `int()`/`float()` parsing (both reject the string; their messages use the
//!   exact repr), `isidentifier` and the other predicates (U+FFFD is no letter, digit
//!   or space either; `isprintable` runs through the wrapper, as U+FFFD is printable);
//! - lossy (known gaps, each surrogate read as U+FFFD): interning (`sys.intern`,
//!   attribute and keyword names), `%r`/`{!r}` of a surrogate *argument* (the repr
//!   of its stand-in), `'%c' % 0xd800` (OverflowError), str arguments nested inside
//!   lists or dicts given to `format`, natives that take text as `&str` (`re`, file
//!   names other than through `os.fsencode`, `compile()` of a str source), and the
//!   codecs other than UTF-8, ASCII and Latin-1 (the codec registry sees the lossy copy).
pub mod methods;
pub mod surrogates;
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
/// The text holds lone surrogates: see "Lone surrogates" in the module doc.
const SURROGATES: usize = 1 << (usize::BITS - 2);
const FLAGS: usize = IMMORTAL | SURROGATES;
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
    /// The exact text in generalized UTF-8 (module doc): the same bytes as `as_str()`
    /// unless the str holds lone surrogates.
    #[inline]
    pub fn wtf8(&self) -> &[u8] {
        let off = if self.chars & SURROGATES != 0 {
            self.len
        } else {
            0
        };
        // SAFETY: module invariant: the tail holds `len` bytes, or `2 * len` bytes when
        // SURROGATES is set (the exact copy second), alive as long as `self` is.
        unsafe {
            let p = (self as *const StrData as *const u8).add(std::mem::size_of::<StrData>());
            std::slice::from_raw_parts(p.add(off), self.len)
        }
    }
    /// Does the text hold lone surrogates (then `as_str()` is only its lossy copy)?
    #[inline]
    pub fn has_surrogates(&self) -> bool {
        self.chars & SURROGATES != 0
    }
    /// Same text (exact comparison, surrogates included).
    #[inline]
    pub fn text_eq(&self, other: &StrData) -> bool {
        self.wtf8() == other.wtf8()
    }
    /// Length in bytes.
    #[inline]
    pub fn byte_len(&self) -> usize {
        self.len
    }
    /// Length in code points (Python's `len`).
    #[inline]
    pub fn chars(&self) -> usize {
        self.chars & !FLAGS
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
        let h = bytes_hash(self.wtf8());
        self.hash.store(h, Ordering::Relaxed);
        h
    }
    /// The `i`-th code point (0 <= i < chars); U+FFFD for a surrogate (see `code_at`).
    #[inline]
    pub fn char_at(&self, i: usize) -> char {
        if self.is_ascii() {
            self.as_str().as_bytes()[i] as char
        } else {
            self.as_str().chars().nth(i).unwrap_or('\0')
        }
    }
    /// The `i`-th code point (0 <= i < chars), surrogates included.
    #[inline]
    pub fn code_at(&self, i: usize) -> u32 {
        if self.is_ascii() {
            self.as_str().as_bytes()[i] as u32
        } else {
            wtf8::decode(self.wtf8()).nth(i).unwrap_or(0)
        }
    }
}

/// FNV-1a over the bytes; never returns -1 (reserved, as in CPython).
pub fn str_hash(s: &str) -> i64 {
    bytes_hash(s.as_bytes())
}

/// `str_hash` of exact (generalized UTF-8) text.
pub fn bytes_hash(s: &[u8]) -> i64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for &b in s {
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

/// Generalized UTF-8 (module doc): every code point U+0000..U+10FFFF encoded the UTF-8
/// way, lone surrogates included, two surrogates never joined.
pub mod wtf8 {
    /// Is `b` the first byte of an encoded surrogate (ED followed by A0..BF)?
    #[inline]
    fn surrogate_at(b: &[u8], i: usize) -> bool {
        b[i] == 0xED && b.get(i + 1).is_some_and(|&x| x >= 0xA0)
    }
    /// Does the (generalized UTF-8) text hold a surrogate?
    pub fn has_surrogate(b: &[u8]) -> bool {
        let mut i = 0;
        while let Some(j) = b[i..].iter().position(|&x| x == 0xED) {
            if surrogate_at(b, i + j) {
                return true;
            }
            i += j + 1;
        }
        false
    }
    /// Code points of valid generalized UTF-8 (garbage in, garbage out: never panics).
    pub fn decode(b: &[u8]) -> Decode<'_> {
        Decode { b, i: 0 }
    }
    pub struct Decode<'a> {
        b: &'a [u8],
        i: usize,
    }
    impl Iterator for Decode<'_> {
        type Item = u32;
        #[inline]
        fn next(&mut self) -> Option<u32> {
            let b = self.b;
            let c0 = *b.get(self.i)? as u32;
            let at = |k: usize| b.get(self.i + k).map_or(0, |&x| x as u32 & 0x3F);
            let (c, n) = if c0 < 0x80 {
                (c0, 1)
            } else if c0 < 0xE0 {
                (((c0 & 0x1F) << 6) | at(1), 2)
            } else if c0 < 0xF0 {
                (((c0 & 0x0F) << 12) | (at(1) << 6) | at(2), 3)
            } else {
                (
                    ((c0 & 0x07) << 18) | (at(1) << 12) | (at(2) << 6) | at(3),
                    4,
                )
            };
            self.i += n;
            Some(c)
        }
    }
    impl DoubleEndedIterator for Decode<'_> {
        fn next_back(&mut self) -> Option<u32> {
            if self.b.len() <= self.i {
                return None;
            }
            let mut j = self.b.len() - 1;
            while j > self.i && self.b[j] & 0xC0 == 0x80 {
                j -= 1;
            }
            let c = decode(&self.b[j..]).next();
            self.b = &self.b[..j];
            c
        }
    }
    /// Append code point `c` (<= U+10FFFF).
    #[inline]
    pub fn push(out: &mut Vec<u8>, c: u32) {
        if c < 0x80 {
            out.push(c as u8);
        } else if c < 0x800 {
            out.extend_from_slice(&[0xC0 | (c >> 6) as u8, 0x80 | (c & 0x3F) as u8]);
        } else if c < 0x10000 {
            out.extend_from_slice(&[
                0xE0 | (c >> 12) as u8,
                0x80 | ((c >> 6) & 0x3F) as u8,
                0x80 | (c & 0x3F) as u8,
            ]);
        } else {
            out.extend_from_slice(&[
                0xF0 | (c >> 18) as u8,
                0x80 | ((c >> 12) & 0x3F) as u8,
                0x80 | ((c >> 6) & 0x3F) as u8,
                0x80 | (c & 0x3F) as u8,
            ]);
        }
    }
    /// Bytes of the code point starting at `b[0]`.
    #[inline]
    pub fn width(b0: u8) -> usize {
        match b0 {
            0..0x80 => 1,
            0x80..0xE0 => 2,
            0xE0..0xF0 => 3,
            _ => 4,
        }
    }
    /// Code points in the text.
    pub fn count(b: &[u8]) -> usize {
        b.iter().filter(|&&x| x & 0xC0 != 0x80).count()
    }
    /// The lossy copy: every surrogate replaced by U+FFFD (same length, same offsets).
    pub fn lossy(b: &[u8]) -> Vec<u8> {
        let mut out = b.to_vec();
        let mut i = 0;
        while i < out.len() {
            if surrogate_at(&out, i) {
                out[i..i + 3].copy_from_slice(&[0xEF, 0xBF, 0xBD]);
                i += 3;
            } else {
                i += 1;
            }
        }
        out
    }
    /// Byte offset of code point `n` (the length for `n` past the end).
    pub fn offset(b: &[u8], n: usize) -> usize {
        let mut seen = 0;
        for (i, &x) in b.iter().enumerate() {
            if x & 0xC0 != 0x80 {
                if seen == n {
                    return i;
                }
                seen += 1;
            }
        }
        b.len()
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

    /// A str with the exact text `b` (generalized UTF-8, module doc; the caller
    /// guarantees that encoding): flagged only when it holds a surrogate.
    pub fn new_str_wtf8(&mut self, b: &[u8]) -> PyResult {
        self.new_str_wtf8_parts(&[b])
    }

    /// `new_str_wtf8` of the concatenated parts.
    pub fn new_str_wtf8_parts(&mut self, parts: &[&[u8]]) -> PyResult {
        if !parts.iter().any(|p| wtf8::has_surrogate(p)) {
            // SAFETY: generalized UTF-8 without a surrogate is UTF-8 (caller's contract).
            let strs: Vec<&str> = parts
                .iter()
                .map(|p| unsafe { std::str::from_utf8_unchecked(p) })
                .collect();
            let chars = strs.iter().map(|s| s.chars().count()).sum();
            return self.new_str_parts(&strs, chars);
        }
        let exact = parts.concat();
        let lossy = wtf8::lossy(&exact);
        let len = exact.len();
        let h = StrData {
            len,
            chars: wtf8::count(&exact) | SURROGATES,
            hash: AtomicI64::new(HASH_UNSET),
        };
        let ty = self.rt.types.str;
        let v = self.alloc_sized(ty, h, 2 * len)?;
        let p = v.as_gc().expect("fresh str").as_ptr() as *mut u8;
        // SAFETY: v is fresh with a tail of 2 * len bytes at FIXED (lossy copy, then the
        // exact one, as the module invariant says); nobody else can see it yet.
        unsafe {
            std::ptr::copy_nonoverlapping(lossy.as_ptr(), p.add(FIXED), len);
            std::ptr::copy_nonoverlapping(exact.as_ptr(), p.add(FIXED + len), len);
        }
        Ok(v)
    }

    /// The str of code points `cps` (each <= U+10FFFF, surrogates allowed).
    pub fn new_str_code_points(&mut self, cps: &[u32]) -> PyResult {
        let mut b = Vec::with_capacity(cps.len());
        for &c in cps {
            wtf8::push(&mut b, c);
        }
        self.new_str_wtf8(&b)
    }

    fn alloc_str(&mut self, s: &str, chars: usize, flags: usize) -> PyResult {
        let ty = self.rt.types.str;
        let v = self.alloc_sized(ty, header(s, chars, flags), s.len())?;
        // SAFETY: v is fresh, made just above with a tail of s.len() bytes.
        unsafe { fill(v, s) };
        Ok(v)
    }

    /// The one-character str for code point `c` (<= U+10FFFF; a surrogate too).
    pub fn new_code_point(&mut self, c: u32) -> PyResult {
        match char::from_u32(c) {
            Some(ch) => self.new_char(ch),
            None => self.new_str_code_points(&[c]),
        }
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
