//! `list`. Items sit behind the object's lock; no Python code runs while it is held
//! (DESIGN.md invariant 3), so every method copies out what it must compare or call.
use crate::payload;
use crate::value::Value;
use parking_lot::Mutex;

#[derive(crate::trace::Trace)]
pub struct ListData(pub Mutex<Vec<Value>>);
payload!(ListData, "list");

impl ListData {
    pub fn snapshot(&self) -> Vec<Value> {
        self.0.lock().clone()
    }
}
