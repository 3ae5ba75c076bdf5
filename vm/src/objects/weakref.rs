//! Weak reference objects (`weakref.ref`). The referent is NOT traced: the collector's
//! weak map knows this object refers to it, and clears `referent` to NULL when the
//! referent dies (DESIGN.md invariant 6).
use crate::object::trace_value;
use crate::payload;
use crate::value::Value;
use std::sync::atomic::{AtomicU64, Ordering};

pub struct WeakRefData {
    referent: AtomicU64,
    pub callback: Value,
    /// Cached hash (i64::MIN when not computed).
    pub hash: std::sync::atomic::AtomicI64,
}
payload!(WeakRefData, "weakref", |this, t| {
    trace_value(this.callback, t);
});

impl WeakRefData {
    pub fn new(referent: Value, callback: Value) -> WeakRefData {
        WeakRefData {
            referent: AtomicU64::new(referent.raw()),
            callback,
            hash: std::sync::atomic::AtomicI64::new(i64::MIN),
        }
    }
    /// The referent, or NULL once it died.
    pub fn get(&self) -> Value {
        Value::from_raw(self.referent.load(Ordering::Acquire))
    }
    pub fn kill(&self) {
        self.referent.store(0, Ordering::Release)
    }
}
