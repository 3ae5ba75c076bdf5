//! `PubVec`: a growable array of words that readers use without a lock.
//!
//! The storage of Python's `list` (the vm keeps a `Value` in each word). Writers take
//! the vector's lock; readers (`len`, `get`, `snapshot`, iteration, the collector) take
//! none and write nothing shared, so threads reading one list never contend.
//!
//! Layout: the vector holds one pointer (`buf`, NULL while nothing was ever stored) to
//! a buffer: a header `{ cap, len }` followed by `cap` atomic words. The length lives in
//! the buffer, beside the words it covers, so a reader that loaded one buffer pointer
//! reads a length and words of that same buffer.
//!
//! Invariants (they make every lock-free read see a whole, valid word):
//! - **publish**: a word below a buffer's `len` was stored before `len` covered it: a
//!   writer stores the word, then the new `len` (Release); a reader loads `len` with
//!   Acquire before it loads a word below it. A fresh buffer is filled completely before
//!   its pointer is stored (Release); readers load the pointer with Acquire.
//! - **no holes**: every word below `len` holds a word some writer stored; moves inside
//!   a buffer (insert, remove) copy words, so a reader racing them sees, at each index,
//!   a word that was in the vector at some moment during its read (the vm's "old or new
//!   item"), never a torn or zero word. Words at or above `len` keep stale values: only
//!   readers that loaded a larger `len` during the same window read them.
//! - **retire**: a buffer the writer replaces (growth, shrink, `replace`) is handed to a
//!   [`RetireList`] and freed only by `RetireList::free_all`, i.e. while the world is
//!   stopped; a reader keeps a buffer only between two of its safepoints, so the buffer
//!   it is reading is never freed under it. The current buffer is freed by `Drop`
//!   (the vm drops a list in the sweep: nobody can reach it).
//! - writers hold the lock (a `BiasedLock`: no locked instruction for the one thread
//!   that writes a vector, a spin lock once a second thread does) for one
//!   operation, and never across a safepoint (DESIGN.md invariant 3).
use crate::biased_lock::{BiasedGuard, BiasedLock};
use crate::retire::RetireList;
use crate::sync::atomic::Ordering::{Acquire, Relaxed, Release};
use crate::sync::atomic::{AtomicPtr, AtomicU64, AtomicUsize};
use std::alloc::Layout;
use std::ptr::NonNull;

/// A buffer's header; `cap` words follow it.
#[repr(C)]
pub(crate) struct Header {
    cap: usize,
    len: AtomicUsize,
    /// The next retired buffer, once this one is retired (`RetireList::retire_buf`).
    pub(crate) next: AtomicPtr<Header>,
}

/// Offset of a buffer's first word (what `layout` computes, as a constant).
const WORDS: usize =
    std::mem::size_of::<Header>().next_multiple_of(std::mem::align_of::<AtomicU64>());

/// Layout of a buffer of `cap` words and the offset of its first word.
fn layout(cap: usize) -> (Layout, usize) {
    let (l, off) = Layout::new::<Header>()
        .extend(Layout::array::<AtomicU64>(cap).expect("list too large"))
        .expect("list too large");
    debug_assert_eq!(off, WORDS);
    (l.pad_to_align(), off)
}

/// An owned buffer pointer (freed on drop), as kept by a `RetireList`.
struct Buf(NonNull<Header>);

// SAFETY: a buffer is plain memory of atomics; it may be freed by any thread.
unsafe impl Send for Buf {}

impl Buf {
    /// A buffer of `cap` words (all 0) and length 0.
    fn alloc(cap: usize) -> Buf {
        let (l, off) = layout(cap);
        #[cfg(not(loom))]
        // SAFETY: the layout has a non-zero size (the header); zeroed memory is a valid
        // header with len 0 and valid atomic words (std atomics have no other state).
        let p = unsafe {
            let p = std::alloc::alloc_zeroed(l) as *mut Header;
            if p.is_null() {
                std::alloc::handle_alloc_error(l);
            }
            std::ptr::addr_of_mut!((*p).cap).write(cap);
            p
        };
        #[cfg(loom)]
        // SAFETY: fresh memory of the layout; every field and word is written before use.
        let p = unsafe {
            let p = std::alloc::alloc(l) as *mut Header;
            if p.is_null() {
                std::alloc::handle_alloc_error(l);
            }
            p.write(Header {
                cap,
                len: AtomicUsize::new(0),
                next: AtomicPtr::new(std::ptr::null_mut()),
            });
            let w = (p as *mut u8).add(off) as *mut AtomicU64;
            for i in 0..cap {
                w.add(i).write(AtomicU64::new(0));
            }
            p
        };
        let _ = off;
        // SAFETY: checked non-null above.
        Buf(unsafe { NonNull::new_unchecked(p) })
    }

    fn into_raw(self) -> *mut Header {
        let p = self.0.as_ptr();
        std::mem::forget(self);
        p
    }
}

impl Drop for Buf {
    fn drop(&mut self) {
        // SAFETY: a Buf owns its buffer (made by `alloc`, never freed elsewhere).
        unsafe { free_buf(self.0.as_ptr()) }
    }
}

/// # Safety
/// `p` is a buffer made by `Buf::alloc` that nobody uses any more.
pub(crate) unsafe fn free_buf(p: *mut Header) {
    // SAFETY: caller's contract; cap was written at allocation.
    unsafe {
        let cap = (*p).cap;
        let (l, off) = layout(cap);
        if cfg!(loom) {
            let w = (p as *mut u8).add(off) as *mut AtomicU64;
            for i in 0..cap {
                std::ptr::drop_in_place(w.add(i));
            }
            std::ptr::drop_in_place(p);
        }
        std::alloc::dealloc(p as *mut u8, l);
    }
}

/// Word `i` of buffer `h` (`i < cap`).
///
/// # Safety
/// `h` is a live buffer and `i < (*h).cap`.
#[inline(always)]
unsafe fn word<'a>(h: *const Header, i: usize) -> &'a AtomicU64 {
    // SAFETY: caller's contract: the word is inside the buffer and initialised.
    unsafe { &*((h as *const u8).add(WORDS) as *const AtomicU64).add(i) }
}

/// A writer's load of an atomic that only lock holders store: it races with no store.
/// Under loom it is an unsynchronised load, which loom checks against every store and
/// which its scheduler does not count as an access (a Relaxed load would be the last
/// access it remembers and would hide a reader's earlier load from its race search).
macro_rules! own {
    ($a:expr) => {{
        #[cfg(loom)]
        // SAFETY: only writers store these atomics, one at a time (the lock).
        let v = unsafe { $a.unsync_load() };
        #[cfg(not(loom))]
        let v = $a.load(Relaxed);
        v
    }};
}

/// What `--cfg weft_broken_list` writes into a buffer it "frees" early.
pub const POISON: u64 = 0xDBDB_DBDB_DBDB_DBDB;

/// A vector of words with lock-free reads (see the module doc).
pub struct PubVec {
    buf: AtomicPtr<Header>,
    /// Writers' exclusion, biased to the first thread that writes (`biased_lock`).
    lock: BiasedLock,
}

// SAFETY: every shared field is an atomic or the mutex; buffers are plain atomics.
unsafe impl Send for PubVec {}
unsafe impl Sync for PubVec {}

impl Default for PubVec {
    fn default() -> Self {
        PubVec::new()
    }
}

impl Drop for PubVec {
    fn drop(&mut self) {
        let p = self.buf.load(Relaxed);
        if !p.is_null() {
            // SAFETY: the current buffer belongs to this vector alone (replaced ones
            // went to a RetireList); `&mut self`: nobody reads it now.
            unsafe { free_buf(p) };
        }
    }
}

/// A consistent view of one buffer: its length and words, as loaded once.
///
/// Valid until the reader's next safepoint (see the module doc): do not keep it
/// across a call that can reach one.
#[derive(Clone, Copy)]
pub struct View<'a> {
    buf: *const Header,
    len: usize,
    _v: std::marker::PhantomData<&'a PubVec>,
}

impl<'a> View<'a> {
    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
    /// Word `i`, if `i` is below the view's length.
    #[inline]
    pub fn get(&self, i: usize) -> Option<u64> {
        if i < self.len {
            // SAFETY: len <= cap of this buffer, which stays allocated while the view
            // is used (module doc: retire).
            Some(unsafe { word(self.buf, i) }.load(Acquire))
        } else {
            None
        }
    }
    /// The words, copied.
    pub fn to_vec(&self) -> Vec<u64> {
        (0..self.len).map(|i| self.get(i).unwrap_or(0)).collect()
    }
    pub fn iter(&self) -> impl Iterator<Item = u64> + 'a {
        let v = *self;
        (0..v.len).map(move |i| v.get(i).unwrap_or(0))
    }
}

impl PubVec {
    pub fn new() -> PubVec {
        PubVec {
            buf: AtomicPtr::new(std::ptr::null_mut()),
            lock: BiasedLock::new(),
        }
    }

    /// A vector whose writes thread `me` (its creator, which has not shared it yet) may
    /// start without a compare-and-swap (`BiasedLock::bias_to`).
    #[inline]
    pub fn biased_to(self, me: u32) -> PubVec {
        self.lock.bias_to(me);
        self
    }

    /// A vector holding `words` (exactly that capacity).
    pub fn from_slice(words: &[u64]) -> PubVec {
        let v = PubVec::new();
        if !words.is_empty() {
            let b = filled(words, words.len());
            v.buf.store(b.into_raw(), Relaxed);
        }
        v
    }

    /// A vector of the words `words` yields (one buffer of exactly their number).
    pub fn from_words(words: impl ExactSizeIterator<Item = u64>) -> PubVec {
        let v = PubVec::new();
        let n = words.len();
        if n > 0 {
            let b = Buf::alloc(n);
            let h = b.0.as_ptr();
            let mut len = 0;
            for w in words.take(n) {
                // SAFETY: len < n = the buffer's capacity.
                unsafe { word(h, len) }.store(w, Relaxed);
                len += 1;
            }
            // SAFETY: h is the fresh buffer, not yet published (Release below).
            unsafe { (*h).len.store(len, Relaxed) };
            v.buf.store(b.into_raw(), Release);
        }
        v
    }

    // ------------------------------------------------------------ readers (no lock)

    /// The current buffer's length and words (module doc: valid until a safepoint).
    #[inline]
    pub fn view(&self) -> View<'_> {
        let buf = self.buf.load(Acquire);
        let len = if buf.is_null() {
            0
        } else {
            // SAFETY: a published buffer stays allocated until the world stops.
            unsafe { (*buf).len.load(Acquire) }
        };
        View {
            buf,
            len,
            _v: std::marker::PhantomData,
        }
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.view().len
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    #[inline]
    pub fn get(&self, i: usize) -> Option<u64> {
        self.view().get(i)
    }

    pub fn snapshot(&self) -> Vec<u64> {
        self.view().to_vec()
    }

    // ------------------------------------------------------------ writers

    /// Exclusive write access for thread `me` (see `BiasedLock::lock`) until the
    /// returned guard drops; buffers it replaces go to `retire`.
    #[inline]
    pub fn write<'a>(&'a self, me: u32, retire: &'a RetireList) -> Writer<'a> {
        Writer {
            _g: self.lock.lock(me),
            v: self,
            retire,
        }
    }
}

/// A fresh buffer holding `words`, with room for `cap >= words.len()` words.
fn filled(words: &[u64], cap: usize) -> Buf {
    let b = Buf::alloc(cap);
    let h = b.0.as_ptr();
    for (i, &w) in words.iter().enumerate() {
        // SAFETY: i < words.len() <= cap.
        unsafe { word(h, i) }.store(w, Relaxed);
    }
    // SAFETY: h is the fresh buffer; published later with Release by the caller.
    unsafe { (*h).len.store(words.len(), Relaxed) };
    b
}

/// Capacity after growing from `cap` to hold at least `need` words (doubling, as
/// `Vec`: fewer copies and fewer retired buffers than a smaller factor).
fn grown(cap: usize, need: usize) -> usize {
    (cap * 2).max(need).max(4)
}

/// A writer's access (holds the vector's lock).
pub struct Writer<'a> {
    _g: BiasedGuard<'a>,
    v: &'a PubVec,
    retire: &'a RetireList,
}

impl Writer<'_> {
    #[inline]
    fn buf(&self) -> *mut Header {
        // Only writers store `buf`, and we hold the lock.
        own!(self.v.buf)
    }

    #[inline]
    fn cap(&self) -> usize {
        let b = self.buf();
        if b.is_null() {
            0
        } else {
            // SAFETY: the current buffer is live while we hold the lock.
            unsafe { (*b).cap }
        }
    }

    #[inline]
    pub fn len(&self) -> usize {
        let b = self.buf();
        if b.is_null() {
            0
        } else {
            // SAFETY: as in `cap`.
            unsafe { own!((*b).len) }
        }
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    #[inline]
    fn w(&self, i: usize) -> &AtomicU64 {
        debug_assert!(i < self.cap());
        // SAFETY: callers index below cap of the current buffer, live under the lock.
        unsafe { word(self.buf(), i) }
    }

    #[inline]
    fn set_len(&self, n: usize) {
        // `--cfg weft_broken_list`: the length is published without Release, so a
        // reader may see it before the words it covers (the loom models must fail).
        #[cfg(weft_broken_list)]
        let order = Relaxed;
        #[cfg(not(weft_broken_list))]
        let order = Release;
        // SAFETY: non-null whenever a length is set (callers made room first).
        unsafe { (*self.buf()).len.store(n, order) }
    }

    /// Publish a fresh, filled buffer and retire the current one.
    fn publish(&mut self, new: Option<Buf>) {
        let p = new.map_or(std::ptr::null_mut(), Buf::into_raw);
        // Load and store, not a swap: only lock holders store `buf`.
        let old = own!(self.v.buf);
        self.v.buf.store(p, Release);
        if let Some(old) = NonNull::new(old) {
            // `--cfg weft_broken_list`: the old buffer is treated as free at once; its
            // memory "reused" (every word overwritten) while readers may still read it.
            #[cfg(weft_broken_list)]
            // SAFETY: the old buffer is still allocated (retired below).
            unsafe {
                for i in 0..(*old.as_ptr()).cap {
                    word(old.as_ptr(), i).store(POISON, Relaxed);
                }
            }
            self.retire.retire_buf(old);
        }
    }

    #[inline]
    pub fn get(&self, i: usize) -> Option<u64> {
        (i < self.len()).then(|| own!(self.w(i)))
    }

    /// Store word `i` (`i < len`).
    #[inline]
    pub fn set(&mut self, i: usize, w: u64) {
        assert!(i < self.len());
        self.w(i).store(w, Release);
    }

    /// The words, copied.
    pub fn to_vec(&self) -> Vec<u64> {
        (0..self.len()).map(|i| own!(self.w(i))).collect()
    }

    /// Room for `extra` more words: grows into a fresh buffer (retiring the old one).
    #[inline]
    fn reserve(&mut self, extra: usize) {
        let (len, cap) = (self.len(), self.cap());
        if len + extra > cap {
            self.move_to(grown(cap, len + extra));
        }
    }

    /// Copy the words into a fresh buffer of `cap >= len` words and publish it.
    #[inline(never)]
    fn move_to(&mut self, cap: usize) {
        let n = self.len();
        let b = Buf::alloc(cap);
        let h = b.0.as_ptr();
        for i in 0..n {
            // SAFETY: i < n <= cap of the fresh buffer.
            unsafe { word(h, i) }.store(own!(self.w(i)), Relaxed);
        }
        // SAFETY: the fresh buffer; published with Release below.
        unsafe { (*h).len.store(n, Relaxed) };
        self.publish(Some(b));
    }

    #[inline]
    pub fn push(&mut self, w: u64) {
        self.reserve(1);
        let n = self.len();
        self.w(n).store(w, Release);
        self.set_len(n + 1);
    }

    pub fn extend(&mut self, ws: &[u64]) {
        if ws.is_empty() {
            return;
        }
        self.reserve(ws.len());
        let n = self.len();
        for (i, &w) in ws.iter().enumerate() {
            self.w(n + i).store(w, Release);
        }
        self.set_len(n + ws.len());
    }

    /// Insert `w` before index `i` (`i <= len`).
    pub fn insert(&mut self, i: usize, w: u64) {
        let n = self.len();
        assert!(i <= n);
        self.reserve(1);
        // Shift up from the end: each store copies a word that was in the vector.
        for j in (i..n).rev() {
            let x = own!(self.w(j));
            self.w(j + 1).store(x, Release);
        }
        self.w(i).store(w, Release);
        self.set_len(n + 1);
    }

    /// Remove and return word `i` (`i < len`).
    pub fn remove(&mut self, i: usize) -> u64 {
        let n = self.len();
        assert!(i < n);
        let out = own!(self.w(i));
        for j in i..n - 1 {
            let x = own!(self.w(j + 1));
            self.w(j).store(x, Release);
        }
        self.set_len(n - 1);
        self.maybe_shrink();
        out
    }

    /// Keep the first `n` words.
    pub fn truncate(&mut self, n: usize) {
        if n < self.len() {
            self.set_len(n);
            self.maybe_shrink();
        }
    }

    /// Empty the vector (and give its buffer back).
    pub fn clear(&mut self) {
        if !self.buf().is_null() {
            self.publish(None);
        }
    }

    /// Reverse in place.
    pub fn reverse(&mut self) {
        let n = self.len();
        for i in 0..n / 2 {
            let (a, b) = (own!(self.w(i)), own!(self.w(n - 1 - i)));
            self.w(i).store(b, Release);
            self.w(n - 1 - i).store(a, Release);
        }
    }

    /// Make the vector hold exactly `ws`, published at once: a reader sees the old
    /// contents or the new ones, never a mix.
    pub fn replace(&mut self, ws: &[u64]) {
        let new = (!ws.is_empty()).then(|| filled(ws, ws.len()));
        self.publish(new);
    }

    /// A buffer far larger than its contents gets a smaller one.
    fn maybe_shrink(&mut self) {
        let (len, cap) = (self.len(), self.cap());
        if cap > 64 && len < cap / 4 {
            self.move_to(len * 2);
        }
    }
}
