//! Cells: the boxes that closures share a variable through.
use crate::payload;
use crate::value::Value;
use std::sync::atomic::{AtomicU64, Ordering};

/// A closure cell. NULL content means "empty" (unbound).
pub struct CellData(AtomicU64);
payload!(CellData, "cell");

// SAFETY: the cell's one value (stored as raw bits so it can be swapped atomically).
unsafe impl crate::trace::Trace for CellData {
    fn trace(&self, t: &mut weft_gc::Tracer) {
        crate::object::trace_value(self.get(), t);
    }
}

impl CellData {
    pub fn new(v: Value) -> CellData {
        CellData(AtomicU64::new(v.raw()))
    }
    pub fn get(&self) -> Value {
        Value::from_raw(self.0.load(Ordering::Acquire))
    }
    pub fn set(&self, v: Value) {
        self.0.store(v.raw(), Ordering::Release)
    }
}
