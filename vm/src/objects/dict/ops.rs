//! Operations on dict objects that may need Python code (`__hash__`, `__eq__`).
//!
//! The dict's lock is held only for table work; Python `__eq__` runs without it and the
//! result is re-validated (the entry must still hold the same key), as CPython does.
use crate::objects::dict::{DictData, DictLock, DictTable, Find};
use crate::objects::str::StrData;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// Compare two keys without running Python code, when their types allow it.
use crate::ops::compare::native_eq as fast_eq;

/// The payload of `d`, an exact dict, for as long as `d` is held (and rooted).
fn table(d: &Value) -> &DictData {
    d.downcast::<DictData>().expect("dict_ops on a non-dict")
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

/// Make `d` the watched namespace of the new type `owner` (`crate::type_version`).
pub fn watch_type_dict(d: Value, owner: Value) {
    table(&d).0.watch(owner);
}

impl Vm {
    /// Run `f` on the table with the entry index of `key` (None if absent), inside one
    /// lock acquisition in which that answer holds: the whole operation is atomic for
    /// other threads. Python `__eq__` runs with the lock released; then the match is
    /// re-validated under the lock (the entry still holds that very key, or for a miss,
    /// the same colliding keys are still the only candidates), else the lookup restarts.
    fn dict_with_entry<R>(
        &mut self,
        d: Value,
        hash: i64,
        key: Value,
        f: impl FnOnce(&mut DictTable, Option<usize>) -> R,
    ) -> PyResult<R> {
        self.table_with_entry(&table(&d).0, hash, key, f)
    }

    /// [`dict_with_entry`](Vm::dict_with_entry) for any hash table (dicts and sets).
    pub fn table_with_entry<R>(
        &mut self,
        table: &DictLock,
        hash: i64,
        key: Value,
        f: impl FnOnce(&mut DictTable, Option<usize>) -> R,
    ) -> PyResult<R> {
        loop {
            let cands = {
                let mut t = table.lock();
                match t.find(hash, key, fast_eq) {
                    Find::Found(i) => return Ok(f(&mut t, Some(i))),
                    Find::Missing => return Ok(f(&mut t, None)),
                    Find::Ask(cands) => cands,
                }
            };
            let matched = self.first_equal(&cands, key)?;
            let mut t = table.lock();
            match matched {
                Some((ix, k)) => {
                    if t.entry_at(ix).map(|e| e.key) == Some(k) {
                        return Ok(f(&mut t, Some(ix)));
                    }
                }
                None => {
                    if let Find::Ask(now) = t.find(hash, key, fast_eq)
                        && now == cands
                    {
                        return Ok(f(&mut t, None));
                    }
                }
            }
        }
    }

    /// The first candidate (entry index, key) whose key `__eq__` `key`.
    fn first_equal(
        &mut self,
        cands: &[(usize, Value)],
        key: Value,
    ) -> PyResult<Option<(usize, Value)>> {
        for &(ix, k) in cands {
            let eq = self.with_root(k, |vm| vm.eq(k, key));
            if eq? {
                return Ok(Some((ix, k)));
            }
        }
        Ok(None)
    }

    pub fn dict_get(&mut self, d: Value, key: Value) -> PyResult<Option<Value>> {
        let hash = self.hash(key)?;
        self.dict_get_hashed(d, key, hash)
    }

    pub fn dict_get_hashed(&mut self, d: Value, key: Value, hash: i64) -> PyResult<Option<Value>> {
        if let Some(r) = table(&d).0.get_lockfree(hash, key, fast_eq) {
            return Ok(r);
        }
        self.dict_with_entry(d, hash, key, |t, ix| {
            ix.and_then(|i| t.entry_at(i)).map(|e| e.value)
        })
    }

    /// Lookup by a str key: never runs Python code.
    pub fn dict_get_str_key(&mut self, d: Value, key: Value) -> PyResult<Option<Value>> {
        let s = key.downcast::<StrData>().expect("str key");
        // A str key compares with every key without Python code, except with
        // instances of classes defining __eq__: those take the locked path.
        match table(&d).0.get_lockfree(s.hash(), key, fast_eq) {
            Some(r) => Ok(r),
            None => {
                let t = table(&d).0.lock();
                match t.find(s.hash(), key, fast_eq) {
                    Find::Found(ix) => Ok(t.entry_at(ix).map(|e| e.value)),
                    _ => Ok(None),
                }
            }
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
        self.dict_with_entry(d, hash, key, |t, ix| match ix {
            Some(i) => t.set_value(i, value),
            None => t.insert_new(hash, key, value),
        })
    }

    /// Remove `key`; returns the old value.
    pub fn dict_del(&mut self, d: Value, key: Value) -> PyResult<Option<Value>> {
        let hash = self.hash(key)?;
        self.dict_with_entry(d, hash, key, |t, ix| ix.map(|i| t.remove_at(i).value))
    }

    pub fn dict_len(&self, d: Value) -> usize {
        table(&d).0.len()
    }

    /// A copy of the (key, value) pairs in order.
    pub fn dict_items(&self, d: Value) -> Vec<(Value, Value)> {
        table(&d)
            .0
            .lock()
            .iter()
            .map(|e| (e.key, e.value))
            .collect()
    }

    pub fn dict_clear(&self, d: Value) {
        table(&d).0.lock().clear();
    }

    pub fn dict_copy_table(&self, d: Value) -> DictTable {
        table(&d).0.lock().clone()
    }
}
