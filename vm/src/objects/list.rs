//! `list`. Items sit behind the object's lock; no Python code runs while it is held
//! (DESIGN.md invariant 3), so every method copies out what it must compare or call.
use crate::object::trace_values;
use crate::payload;
use crate::value::Value;
use parking_lot::Mutex;

pub struct ListData(pub Mutex<Vec<Value>>);
payload!(ListData, "list", |this, t| {
    // SAFETY-free: the world is stopped, nobody holds the lock (no lock across a safepoint).
    trace_values(&this.0.lock(), t);
});

impl ListData {
    pub fn snapshot(&self) -> Vec<Value> {
        self.0.lock().clone()
    }
}
