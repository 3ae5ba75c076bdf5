//! Operations on dict objects that may need Python code (`__hash__`, `__eq__`).
//!
//! The dict's lock is held only for table work; Python `__eq__` runs without it and the
//! result is re-validated (the entry must still hold the same key), as CPython does.
use crate::objects::dict::{DictData, DictTable, Find};
use crate::objects::str::StrData;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// Compare two keys without running Python code, when their types allow it.
pub fn fast_eq(a: Value, b: Value) -> Option<bool> {
    if a == b {
        return Some(true);
    }
    if let (Some(x), Some(y)) = (a.downcast::<StrData>(), b.downcast::<StrData>()) {
        return Some(x.s == y.s);
    }
    if a.is_small_int() && b.is_small_int() {
        return Some(false);
    }
    if a.is_singleton() && b.is_singleton() {
        return Some(false);
    }
    if (a.is_small_int() || a.is_bool()) && b.is::<StrData>()
        || a.is::<StrData>() && (b.is_small_int() || b.is_bool())
    {
        return Some(false);
    }
    None
}

fn table(d: Value) -> &'static DictData {
    let r = d.downcast::<DictData>().expect("dict_ops on a non-dict");
    // SAFETY-free: lifetime extension under the rooting contract (caller keeps d rooted).
    unsafe { &*(r as *const DictData) }
}

/// Unwrap a dict payload from a dict or a dict subclass instance.
pub fn dict_payload(d: Value) -> Option<Value> {
    if d.is::<DictData>() {
        return Some(d);
    }
    let inst = d.downcast::<crate::objects::instance::InstanceData>()?;
    if inst.base.is::<DictData>() {
        Some(inst.base)
    } else {
        None
    }
}

impl Vm {
    /// Find the entry index of `key` (with its hash), calling `__eq__` outside the lock.
    fn dict_find(&mut self, d: Value, hash: i64, key: Value) -> PyResult<Option<usize>> {
        loop {
            let found = table(d).0.lock().find(hash, key, fast_eq);
            match found {
                Find::Found(i) => return Ok(Some(i)),
                Find::Missing => return Ok(None),
                Find::Ask(cands) => {
                    let mut restart = false;
                    for (ix, k) in cands {
                        self.push_root(k);
                        let eq = self.eq(k, key);
                        self.pop_roots(1);
                        if eq? {
                            let t = table(d).0.lock();
                            if t.entry_at(ix).map(|e| e.key) == Some(k) {
                                return Ok(Some(ix));
                            }
                            restart = true;
                            break;
                        }
                    }
                    if !restart {
                        return Ok(None);
                    }
                }
            }
        }
    }

    pub fn dict_get(&mut self, d: Value, key: Value) -> PyResult<Option<Value>> {
        let hash = self.hash(key)?;
        self.dict_get_hashed(d, key, hash)
    }

    pub fn dict_get_hashed(&mut self, d: Value, key: Value, hash: i64) -> PyResult<Option<Value>> {
        match self.dict_find(d, hash, key)? {
            Some(ix) => Ok(table(d).0.lock().entry_at(ix).map(|e| e.value)),
            None => Ok(None),
        }
    }

    /// Lookup by a str key: never runs Python code.
    pub fn dict_get_str_key(&mut self, d: Value, key: Value) -> PyResult<Option<Value>> {
        let s = key.downcast::<StrData>().expect("str key");
        let t = table(d).0.lock();
        match t.find(s.hash(), key, fast_eq) {
            Find::Found(ix) => Ok(t.entry_at(ix).map(|e| e.value)),
            _ => Ok(None),
        }
    }

    pub fn dict_get_str(&mut self, d: Value, key: &str) -> Option<Value> {
        let k = self.intern(key);
        self.dict_get_str_key(d, k).ok().flatten()
    }

    pub fn dict_set(&mut self, d: Value, key: Value, value: Value) -> PyResult<()> {
        let hash = self.hash(key)?;
        self.dict_set_hashed(d, key, hash, value)
    }

    pub fn dict_set_hashed(
        &mut self,
        d: Value,
        key: Value,
        hash: i64,
        value: Value,
    ) -> PyResult<()> {
        loop {
            let ix = self.dict_find(d, hash, key)?;
            let mut t = table(d).0.lock();
            match ix {
                Some(ix) => {
                    if t.entry_at(ix).is_some() {
                        t.entries[ix].value = value;
                        return Ok(());
                    }
                }
                None => {
                    // Re-check under the lock: another thread may have inserted it.
                    if let Find::Found(ix) =
                        t.find(hash, key, |a, b| Some(fast_eq(a, b) == Some(true)))
                    {
                        t.entries[ix].value = value;
                    } else {
                        t.insert_new(hash, key, value);
                    }
                    return Ok(());
                }
            }
        }
    }

    /// Remove `key`; returns the old value.
    pub fn dict_del(&mut self, d: Value, key: Value) -> PyResult<Option<Value>> {
        let hash = self.hash(key)?;
        loop {
            let Some(ix) = self.dict_find(d, hash, key)? else {
                return Ok(None);
            };
            let mut t = table(d).0.lock();
            if t.entry_at(ix).is_some() {
                return Ok(Some(t.remove_at(ix).value));
            }
        }
    }

    pub fn dict_len(&self, d: Value) -> usize {
        table(d).0.lock().len()
    }

    /// A copy of the (key, value) pairs in order.
    pub fn dict_items(&self, d: Value) -> Vec<(Value, Value)> {
        table(d).0.lock().iter().map(|e| (e.key, e.value)).collect()
    }

    pub fn dict_clear(&self, d: Value) {
        table(d).0.lock().clear();
    }

    pub fn dict_copy_table(&self, d: Value) -> DictTable {
        table(d).0.lock().clone()
    }
}
