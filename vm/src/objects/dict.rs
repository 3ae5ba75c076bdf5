//! `dict`: an insertion-ordered hash table (CPython's compact dict layout: an index
//! table of `u32` slots into a dense entry vector).
//!
//! The table sits behind the dict's lock. Comparing keys may need Python's `__eq__`,
//! which must not run under the lock (DESIGN.md invariant 3), so `find` reports such
//! candidates instead of calling out; `vm::dict_ops` re-checks them without the lock.
use crate::object::trace_value;
use crate::payload;
use crate::value::Value;
use parking_lot::Mutex;

pub struct DictData(pub Mutex<DictTable>);
payload!(DictData, "dict", |this, t| {
    for e in this.0.lock().entries.iter() {
        trace_value(e.key, t);
        trace_value(e.value, t);
    }
});

impl DictData {
    pub fn new() -> DictData {
        DictData(Mutex::new(DictTable::default()))
    }
}
impl Default for DictData {
    fn default() -> Self {
        Self::new()
    }
}

#[derive(Clone, Copy)]
pub struct Entry {
    pub hash: i64,
    /// NULL for a deleted entry.
    pub key: Value,
    pub value: Value,
}

const EMPTY: u32 = u32::MAX;
const DELETED: u32 = u32::MAX - 1;

#[derive(Default, Clone)]
pub struct DictTable {
    pub entries: Vec<Entry>,
    indices: Vec<u32>,
    used: usize,
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
        if self.indices.is_empty() {
            return Find::Missing;
        }
        let mask = self.indices.len() - 1;
        let mut i = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        let mut ask = Vec::new();
        loop {
            let ix = self.indices[i];
            if ix == EMPTY {
                break;
            }
            if ix != DELETED {
                let e = &self.entries[ix as usize];
                if e.hash == hash && !e.key.is_null() {
                    if e.key == key {
                        return Find::Found(ix as usize);
                    }
                    match fast_eq(e.key, key) {
                        Some(true) => return Find::Found(ix as usize),
                        Some(false) => {}
                        None => ask.push((ix as usize, e.key)),
                    }
                }
            }
            perturb >>= 5;
            i = (i * 5 + 1 + perturb as usize) & mask;
        }
        if ask.is_empty() {
            Find::Missing
        } else {
            Find::Ask(ask)
        }
    }

    /// Append a new entry (the caller checked the key is absent).
    pub fn insert_new(&mut self, hash: i64, key: Value, value: Value) {
        if (self.entries.len() + 1) * 3 >= self.indices.len() * 2 {
            self.grow();
        }
        let ix = self.entries.len() as u32;
        self.entries.push(Entry { hash, key, value });
        self.place(hash, ix);
        self.used += 1;
    }

    pub fn remove_at(&mut self, ix: usize) -> Entry {
        let e = self.entries[ix];
        let mask = self.indices.len() - 1;
        let mut i = (e.hash as u64 as usize) & mask;
        let mut perturb = e.hash as u64;
        while self.indices[i] != ix as u32 {
            perturb >>= 5;
            i = (i * 5 + 1 + perturb as usize) & mask;
        }
        self.indices[i] = DELETED;
        self.entries[ix].key = Value::NULL;
        self.entries[ix].value = Value::NULL;
        self.used -= 1;
        if self.used == 0 {
            self.clear();
        }
        e
    }

    pub fn clear(&mut self) {
        self.entries.clear();
        self.indices.clear();
        self.used = 0;
    }

    /// Live entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(|e| !e.key.is_null())
    }

    /// Entry at a raw position (for iterators that walk positions); None if deleted.
    pub fn entry_at(&self, pos: usize) -> Option<&Entry> {
        self.entries.get(pos).filter(|e| !e.key.is_null())
    }
    pub fn raw_len(&self) -> usize {
        self.entries.len()
    }

    fn place(&mut self, hash: i64, ix: u32) {
        let mask = self.indices.len() - 1;
        let mut i = (hash as u64 as usize) & mask;
        let mut perturb = hash as u64;
        while self.indices[i] != EMPTY {
            perturb >>= 5;
            i = (i * 5 + 1 + perturb as usize) & mask;
        }
        self.indices[i] = ix;
    }

    /// Rebuild with room to grow, dropping deleted entries.
    fn grow(&mut self) {
        let live: Vec<Entry> = self
            .entries
            .iter()
            .filter(|e| !e.key.is_null())
            .copied()
            .collect();
        let mut size = 8;
        while size * 2 < (live.len() + 1) * 3 {
            size *= 2;
        }
        size *= 2;
        self.indices = vec![EMPTY; size];
        self.entries = Vec::with_capacity(size * 2 / 3);
        for e in live {
            let ix = self.entries.len() as u32;
            self.entries.push(e);
            self.place(e.hash, ix);
        }
    }
}
