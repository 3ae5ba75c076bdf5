//! `dict`: an insertion-ordered hash table (CPython's compact dict layout: an index
//! table of `u32` slots into a dense entry array), readable without a lock.
//!
//! Writers take the dict's lock (`DictData.0.lock()`); comparing keys may need Python's
//! `__eq__`, which must not run under the lock (DESIGN.md invariant 3), so `find`
//! reports such candidates instead of calling out, and `objects::dict::ops` re-checks them.
//!
//! Readers of keys that compare without Python code (strs, small ints: globals,
//! builtins, attribute dicts) take no lock at all, so threads reading one shared dict
//! never contend. This rests on three invariants:
//! - the table's storage (`Storage`) is only ever changed through atomics: a writer
//!   fills an entry (hash, value, then key with Release) before it publishes the index
//!   slot (Release); a reader loads the slot and key with Acquire, so it sees a whole
//!   entry or none;
//! - a storage the writer replaces (growth, clear) is not freed but *retired*, and
//!   retired storages are freed by `crate::retired::free_retired` during a collection, when the world
//!   is stopped: a reader uses a storage only between two safepoints, so no reader
//!   can still hold one then;
//! - the storage a reader finds is published (`DictLock.published`) when the writer's
//!   guard drops, after every write of its critical section, and so is the count of
//!   live entries (`DictLock.used`), so `len(d)` and iteration take no lock either.
pub mod methods;
pub mod ops;
pub mod shared_keys;
use crate::object::trace_value;
use crate::payload;
use crate::value::Value;
use std::ops::{Deref, DerefMut};
use std::sync::atomic::Ordering::{Acquire, Relaxed, Release};
use std::sync::atomic::{AtomicI64, AtomicPtr, AtomicU8, AtomicU32, AtomicU64, AtomicUsize};
use weft_core::sync::{SpinGuard, SpinLock};

#[derive(crate::trace::Trace)]
pub struct DictData(pub DictLock);
payload!(DictData, "dict");

impl DictData {
    pub fn new() -> DictData {
        DictData::from_table(DictTable::default())
    }
    pub fn from_table(t: DictTable) -> DictData {
        DictData(DictLock::new(t))
    }
}
impl Default for DictData {
    fn default() -> Self {
        Self::new()
    }
}

/// The dict's lock plus the storage published to lock-free readers.
pub struct DictLock {
    table: SpinLock<DictTable>,
    published: AtomicPtr<Storage>,
    /// `WATCH_TYPE`: the dict is a type's namespace, a write makes cached attribute
    /// lookups stale; `WATCH_GLOBALS`: a module's namespace (or the builtins), a change
    /// of its set of keys gives it a new `keys_version` (`crate::interp::global_cache`).
    watched: AtomicU8,
    /// For `WATCH_GLOBALS` dicts: a number that changes whenever a key is added or
    /// removed or the entries move (never when a value is overwritten). Drawn from one
    /// counter for all dicts, so it also tells dicts apart; 0: not tracked.
    keys_version: AtomicU32,
    /// Live entries, published with the storage (`len` without the lock).
    used: AtomicUsize,
    /// For a `WATCH_TYPE` dict: the type whose namespace it is (traced: a dict that
    /// outlives every other reference to its class keeps the class, which its writes
    /// must reach).
    owner: AtomicU64,
}

/// Source of keys versions (`DictLock::keys_version`); 0 is never handed out.
static NEXT_KEYS_VERSION: AtomicU32 = AtomicU32::new(1);

fn new_keys_version() -> u32 {
    // Past 2^32 versions the counter would repeat: stop tracking (0) instead.
    let v = NEXT_KEYS_VERSION.fetch_add(1, Relaxed);
    if v == u32::MAX {
        NEXT_KEYS_VERSION.store(u32::MAX, Relaxed);
        return 0;
    }
    v
}

const WATCH_TYPE: u8 = 1;
const WATCH_GLOBALS: u8 = 2;

/// A writer's access to the table; publishes the table's storage when dropped.
pub struct DictGuard<'a> {
    guard: SpinGuard<'a, DictTable>,
    published: &'a AtomicPtr<Storage>,
    used: &'a AtomicUsize,
    watched: &'a AtomicU8,
    keys_version: &'a AtomicU32,
    owner: &'a AtomicU64,
    /// The table was reached mutably (a possible write).
    dirty: bool,
}

impl Drop for DictGuard<'_> {
    fn drop(&mut self) {
        let p = &*self.guard.storage as *const Storage as *mut Storage;
        self.published.store(p, Release);
        if self.dirty {
            self.used.store(self.guard.used, Release);
        }
        // After the writes are published, before the lock is released (the guard
        // field drops after this body): see `crate::type_version`.
        if self.dirty {
            let w = self.watched.load(Relaxed);
            if w & WATCH_GLOBALS != 0 && std::mem::take(&mut self.guard.keys_changed) {
                let v = if self.keys_version.load(Relaxed) == 0 {
                    0
                } else {
                    new_keys_version()
                };
                self.keys_version.store(v, Release);
            }
            if w & WATCH_TYPE != 0 {
                crate::type_version::modified(Value::from_raw(self.owner.load(Relaxed)));
            }
        }
    }
}
impl Deref for DictGuard<'_> {
    type Target = DictTable;
    fn deref(&self) -> &DictTable {
        &self.guard
    }
}
impl DerefMut for DictGuard<'_> {
    fn deref_mut(&mut self) -> &mut DictTable {
        self.dirty = true;
        &mut self.guard
    }
}

impl DictLock {
    pub fn new(t: DictTable) -> DictLock {
        let p = &*t.storage as *const Storage as *mut Storage;
        DictLock {
            used: AtomicUsize::new(t.used),
            table: SpinLock::new(t),
            published: AtomicPtr::new(p),
            watched: AtomicU8::new(0),
            keys_version: AtomicU32::new(0),
            owner: AtomicU64::new(0),
        }
    }

    pub fn lock(&self) -> DictGuard<'_> {
        DictGuard {
            guard: self.table.lock(),
            published: &self.published,
            used: &self.used,
            watched: &self.watched,
            keys_version: &self.keys_version,
            owner: &self.owner,
            dirty: false,
        }
    }

    /// Make this dict the namespace of type `owner` (before the type is published):
    /// from now on every write resets the version of `owner` and its subclasses
    /// (`crate::type_version`).
    pub fn watch(&self, owner: Value) {
        self.owner.store(owner.raw(), Relaxed);
        self.watched.fetch_or(WATCH_TYPE, Release);
    }

    pub fn is_watched(&self) -> bool {
        self.watched.load(Relaxed) & WATCH_TYPE != 0
    }

    /// Make this dict a module's namespace (before other threads can reach it): from
    /// now on it keeps a `keys_version`.
    pub fn watch_globals(&self) {
        self.watched.fetch_or(WATCH_GLOBALS, Relaxed);
        self.keys_version.store(new_keys_version(), Release);
    }

    /// The keys version (see the field; 0: not tracked). Acquire: loaded before the
    /// reads it validates.
    #[inline]
    pub fn keys_version(&self) -> u32 {
        self.keys_version.load(Acquire)
    }

    /// Where `key` (a str, compared by identity or text) is: its entry index and value,
    /// without the lock. None when absent, or when only Python `__eq__` could tell.
    pub fn find_str_lockfree(&self, hash: i64, key: Value) -> Option<(usize, Value)> {
        // SAFETY: as in `get_lockfree`.
        let s = unsafe { &*self.published.load(Acquire) };
        let mut out = None;
        s.probe(hash, |ix, e| {
            match crate::ops::compare::native_eq(e.key, key) {
                Some(true) => {
                    out = Some((ix, e.value));
                    true
                }
                Some(false) => false,
                None => true,
            }
        });
        out.filter(|(_, v)| !v.is_null())
    }

    /// The value of entry `ix` if that entry's key is `key` (this very object) and it is
    /// live. One probe-free read for caches that remember an entry index: entries never
    /// move within a storage, and a replaced storage is kept until a stop-the-world.
    #[inline]
    pub fn value_at_if(&self, ix: usize, key: Value) -> Option<Value> {
        // SAFETY: as in `get_lockfree`.
        let s = unsafe { &*self.published.load(Acquire) };
        let slot = s.entries().get(ix)?;
        if slot.key.load(Acquire) != key.raw() {
            return None;
        }
        let v = Value::from_raw(slot.value.load(Acquire));
        (!v.is_null()).then_some(v)
    }

    /// Live entries, without the lock (as of the last writer's publication).
    #[inline]
    pub fn len(&self) -> usize {
        self.used.load(Acquire)
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The entry at raw position `pos` of the published storage, without the lock:
    /// None past the end, Some(None) for a deleted (or being deleted) entry. For
    /// iterators, which walk positions; a storage replaced meanwhile renumbers them,
    /// as it does for iterators under the lock.
    pub fn entry_at_lockfree(&self, pos: usize) -> Option<Option<Entry>> {
        // SAFETY: as in `get_lockfree`.
        let s = unsafe { &*self.published.load(Acquire) };
        if pos >= s.len.load(Acquire) {
            return None;
        }
        let e = s.entry(pos);
        Some((!e.key.is_null() && !e.value.is_null()).then_some(e))
    }

    /// Look `key` up without the lock: Some(value or None) when every comparison could
    /// be made without Python code (`fast_eq`), None when `__eq__` would be needed.
    pub fn get_lockfree(
        &self,
        hash: i64,
        key: Value,
        fast_eq: impl Fn(Value, Value) -> Option<bool>,
    ) -> Option<Option<Value>> {
        // SAFETY: the published storage is the table's current one or one retired
        // since; retired storages are freed only while the world is stopped, and this
        // thread reaches no safepoint before it is done with the reference.
        let s = unsafe { &*self.published.load(Acquire) };
        s.get(hash, key, fast_eq)
    }
}

#[derive(Clone, Copy, Debug)]
pub struct Entry {
    pub hash: i64,
    /// NULL for a deleted entry.
    pub key: Value,
    pub value: Value,
}

const EMPTY: u32 = u32::MAX;
/// Probe steps beyond one sweep of the index table (see `Storage::probe`).
const MAX_PROBE_EXTRA: usize = 14;
const DELETED: u32 = u32::MAX - 1;

/// One entry, readable while a writer updates it.
struct Slot {
    hash: AtomicI64,
    key: AtomicU64,
    value: AtomicU64,
}

/// Index slots of a small table, kept inside the `Storage` itself.
const INLINE_INDICES: usize = 16;
/// Entries of a small table (two thirds of its index slots).
const INLINE_ENTRIES: usize = INLINE_INDICES * 2 / 3;

/// Index slots and entries of one table size. Written only through atomics.
///
/// A small table (most instance and keyword dicts) lives entirely in this one
/// allocation, so a reader or the collector touches one block, not three; a larger one
/// keeps its arrays in `big_*`.
struct Storage {
    /// Entries in use (live or deleted); `entries()[..len]` have been written.
    len: AtomicUsize,
    n_indices: usize,
    inline_indices: [AtomicU32; INLINE_INDICES],
    inline_entries: [Slot; INLINE_ENTRIES],
    big_indices: Box<[AtomicU32]>,
    big_entries: Box<[Slot]>,
}

fn empty_slot() -> Slot {
    Slot {
        hash: AtomicI64::new(0),
        key: AtomicU64::new(0),
        value: AtomicU64::new(0),
    }
}

impl Storage {
    /// A table with `indices` index slots (a power of two; small sizes use the inline
    /// arrays).
    fn with_size(indices: usize) -> Box<Storage> {
        let big = indices > INLINE_INDICES;
        let n = if big { indices } else { INLINE_INDICES };
        Box::new(Storage {
            len: AtomicUsize::new(0),
            n_indices: n,
            inline_indices: std::array::from_fn(|_| AtomicU32::new(EMPTY)),
            inline_entries: std::array::from_fn(|_| empty_slot()),
            big_indices: if big {
                (0..n).map(|_| AtomicU32::new(EMPTY)).collect()
            } else {
                Box::new([])
            },
            big_entries: if big {
                (0..n * 2 / 3).map(|_| empty_slot()).collect()
            } else {
                Box::new([])
            },
        })
    }

    fn indices(&self) -> &[AtomicU32] {
        if self.n_indices > INLINE_INDICES {
            &self.big_indices
        } else {
            &self.inline_indices
        }
    }

    fn entries(&self) -> &[Slot] {
        if self.n_indices > INLINE_INDICES {
            &self.big_entries
        } else {
            &self.inline_entries
        }
    }

    fn entry(&self, ix: usize) -> Entry {
        let s = &self.entries()[ix];
        let key = Value::from_raw(s.key.load(Acquire));
        Entry {
            hash: s.hash.load(Relaxed),
            key,
            value: Value::from_raw(s.value.load(Acquire)),
        }
    }

    /// Probe for `key`; calls `visit(ix, entry)` for every live entry with its hash
    /// until `visit` returns true. Returns the index it stopped at.
    fn probe(&self, hash: i64, mut visit: impl FnMut(usize, Entry) -> bool) -> Option<usize> {
        if self.indices().is_empty() {
            return None;
        }
        let mask = self.indices().len() - 1;
        let mut i = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        // `place` stops at the first EMPTY slot of this same sequence, however far
        // along. While `perturb` is non-zero the sequence may revisit slots; it is zero
        // after at most 13 steps (64 bits, 5 per step), and from then on `i*5+1` visits
        // every slot within one more sweep. So `MAX_PROBE_EXTRA` steps past one sweep
        // reach every slot `place` can have used; the bound only keeps a racing reader,
        // which may transiently see a table with no EMPTY slot, from looping forever.
        for _ in 0..self.indices().len() + MAX_PROBE_EXTRA {
            let ix = self.indices()[i].load(Acquire);
            if ix == EMPTY {
                return None;
            }
            if ix != DELETED {
                let e = self.entry(ix as usize);
                if e.hash == hash && !e.key.is_null() && visit(ix as usize, e) {
                    return Some(ix as usize);
                }
            }
            perturb >>= 5;
            i = (i * 5 + 1 + perturb as usize) & mask;
        }
        None
    }

    fn get(
        &self,
        hash: i64,
        key: Value,
        fast_eq: impl Fn(Value, Value) -> Option<bool>,
    ) -> Option<Option<Value>> {
        let mut undecided = false;
        let mut found = None;
        self.probe(hash, |_, e| match fast_eq(e.key, key) {
            Some(true) => {
                found = Some(e.value);
                true
            }
            Some(false) => false,
            None => {
                undecided = true;
                true
            }
        });
        if undecided {
            return None;
        }
        // A NULL value is an entry being deleted: absent.
        Some(found.filter(|v| !v.is_null()))
    }

    fn place(&self, hash: i64, ix: u32) {
        let mask = self.indices().len() - 1;
        let mut i = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        while self.indices()[i].load(Relaxed) != EMPTY {
            perturb >>= 5;
            i = (i * 5 + 1 + perturb as usize) & mask;
        }
        self.indices()[i].store(ix, Release);
    }

    fn push(&self, e: Entry) -> u32 {
        let ix = self.len.load(Relaxed);
        let s = &self.entries()[ix];
        s.hash.store(e.hash, Relaxed);
        s.value.store(e.value.raw(), Release);
        s.key.store(e.key.raw(), Release);
        self.len.store(ix + 1, Release);
        ix as u32
    }
}

pub struct DictTable {
    storage: Box<Storage>,
    used: usize,
    /// A key was added or removed, or the entries moved, since the last unlock.
    keys_changed: bool,
    /// Pop hints, so that emptying a table by `set.pop` / `dict.popitem` is linear, not
    /// quadratic: entry positions below `dead_head` are all deleted, and so are those in
    /// `dead_tail.0 .. dead_tail.1`. Entries only ever append at the end and positions
    /// stay put until the storage is replaced (which resets the hints).
    dead_head: usize,
    dead_tail: (usize, usize),
}

impl Default for DictTable {
    fn default() -> Self {
        DictTable {
            storage: Storage::with_size(0),
            used: 0,
            keys_changed: false,
            dead_head: 0,
            dead_tail: (0, 0),
        }
    }
}

impl Clone for DictTable {
    fn clone(&self) -> Self {
        let mut t = DictTable::default();
        for e in self.iter() {
            t.insert_new(e.hash, e.key, e.value);
        }
        t
    }
}

/// Outcome of a lookup that did not need Python code.
pub enum Find {
    Found(usize),
    Missing,
    /// Keys with an equal hash that only Python `__eq__` can compare: (entry index, key).
    Ask(Vec<(usize, Value)>),
}

impl DictTable {
    pub fn len(&self) -> usize {
        self.used
    }
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// Look `key` up. `fast_eq(a, b)` compares without Python code, or returns None when
    /// Python's `__eq__` is needed.
    pub fn find(
        &self,
        hash: i64,
        key: Value,
        fast_eq: impl Fn(Value, Value) -> Option<bool>,
    ) -> Find {
        let mut ask = Vec::new();
        let found = self.storage.probe(hash, |ix, e| {
            if e.key == key {
                return true;
            }
            match fast_eq(e.key, key) {
                Some(b) => b,
                None => {
                    ask.push((ix, e.key));
                    false
                }
            }
        });
        match found {
            Some(ix) => Find::Found(ix),
            None if ask.is_empty() => Find::Missing,
            None => Find::Ask(ask),
        }
    }

    /// Append a new entry (the caller checked the key is absent).
    pub fn insert_new(&mut self, hash: i64, key: Value, value: Value) {
        if self.storage.len.load(Relaxed) + 1 > self.storage.entries().len() {
            self.grow();
        }
        let ix = self.storage.push(Entry { hash, key, value });
        self.storage.place(hash, ix);
        self.used += 1;
        self.keys_changed = true;
    }

    /// Replace the value of the live entry `ix`.
    pub fn set_value(&mut self, ix: usize, value: Value) {
        self.storage.entries()[ix].value.store(value.raw(), Release);
    }

    pub fn remove_at(&mut self, ix: usize) -> Entry {
        let e = self.storage.entry(ix);
        let st = &self.storage;
        let mask = st.indices().len() - 1;
        let mut i = (e.hash as u64 as usize) & mask;
        let mut perturb = e.hash as u64;
        while st.indices()[i].load(Relaxed) != ix as u32 {
            perturb >>= 5;
            i = (i * 5 + 1 + perturb as usize) & mask;
        }
        // Value first: a reader that still sees the key finds NULL (absent).
        st.entries()[ix].value.store(0, Release);
        st.entries()[ix].key.store(0, Release);
        st.indices()[i].store(DELETED, Release);
        self.used -= 1;
        self.keys_changed = true;
        e
    }

    pub fn clear(&mut self) {
        self.replace_storage(Storage::with_size(0));
        self.used = 0;
    }

    /// Live entries in insertion order (copies).
    pub fn iter(&self) -> impl Iterator<Item = Entry> + '_ {
        (0..self.raw_len()).filter_map(|ix| self.entry_at(ix))
    }

    /// Entry at a raw position (for iterators that walk positions); None if deleted.
    pub fn entry_at(&self, pos: usize) -> Option<Entry> {
        if pos >= self.raw_len() {
            return None;
        }
        Some(self.storage.entry(pos)).filter(|e| !e.key.is_null())
    }
    pub fn raw_len(&self) -> usize {
        self.storage.len.load(Relaxed)
    }

    fn replace_storage(&mut self, new: Box<Storage>) {
        let old = std::mem::replace(&mut self.storage, new);
        crate::retired::RETIRED.retire(old);
        self.keys_changed = true;
        self.dead_head = 0;
        self.dead_tail = (0, 0);
    }

    /// Remove and return the first live entry in position order (`set.pop`).
    pub fn pop_first(&mut self) -> Option<Entry> {
        let ix = (self.dead_head..self.raw_len()).find(|&i| self.entry_at(i).is_some())?;
        self.dead_head = ix + 1;
        Some(self.remove_at(ix))
    }

    /// Remove and return the last live entry in position order (`dict.popitem`).
    pub fn pop_last(&mut self) -> Option<Entry> {
        let (lo, hi) = self.dead_tail;
        // Newer entries (at `hi` and above) first, then below the known-dead run.
        let ix = (hi..self.raw_len())
            .rev()
            .chain((0..lo).rev())
            .find(|&i| self.entry_at(i).is_some())?;
        self.dead_tail = (ix, self.raw_len());
        Some(self.remove_at(ix))
    }

    /// Rebuild with room to grow, dropping deleted entries.
    fn grow(&mut self) {
        let live: Vec<Entry> = self.iter().collect();
        let mut size = 8;
        while size * 2 < (live.len() + 1) * 3 {
            size *= 2;
        }
        size *= 2;
        let new = Storage::with_size(size);
        for e in live {
            let ix = new.push(e);
            new.place(e.hash, ix);
        }
        self.replace_storage(new);
    }
}

// SAFETY: marks every key and value of the published storage (see `trace`).
unsafe impl crate::trace::Trace for DictLock {
    /// Mark every key and value. Called by the collector with the world stopped: no
    /// writer is inside a critical section (no lock is held across a safepoint), so
    /// the published storage is the current one and nobody changes it; no lock taken.
    fn trace(&self, t: &mut weft_gc::Tracer) {
        trace_value(Value::from_raw(self.owner.load(Relaxed)), t);
        // SAFETY: see above; the storage lives as long as the table.
        let s = unsafe { &*self.published.load(Acquire) };
        for ix in 0..s.len.load(Relaxed) {
            let e = s.entry(ix);
            if !e.key.is_null() {
                trace_value(e.key, t);
                trace_value(e.value, t);
            }
        }
    }
}
