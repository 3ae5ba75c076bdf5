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

/// `types.CellType([contents])`: a new cell, empty without an argument.
#[crate::native(new, name = "cell")]
fn cell_new(vm: &mut crate::vm::Vm, cls: Value, contents: Option<Value>) -> crate::vm::PyResult {
    let v = contents.unwrap_or(Value::NULL);
    vm.alloc(cls, CellData::new(v))
}

/// `cell.cell_contents = v` (`v` NULL: `del cell.cell_contents`); false for another
/// object or attribute. The getter is a special attribute in `ops/attr.rs`.
pub fn set_contents(cell: Value, name: Value, v: Value) -> bool {
    match cell.downcast::<CellData>() {
        Some(c) if crate::helpers::as_str(&name) == Some("cell_contents") => {
            c.set(v);
            true
        }
        _ => false,
    }
}

pub fn init(vm: &mut crate::vm::Vm) {
    let ty = vm.rt.types.cell;
    vm.set_new(ty, cell_new.f);
}
