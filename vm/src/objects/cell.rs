//! Cells: the boxes that closures share a variable through.
use crate::bytecode::CmpOp;
use crate::native;
use crate::native::This;
use crate::payload;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
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

/// Cells compare by their contents; an empty cell comes before any full one (and
/// equals another empty one). Against anything else: NotImplemented.
fn compare(vm: &mut Vm, a: &CellData, other: Value, op: CmpOp) -> PyResult {
    let Some(b) = other.downcast::<CellData>() else {
        return Ok(Value::NOT_IMPLEMENTED);
    };
    let (x, y) = (a.get(), b.get());
    if !x.is_null() && !y.is_null() {
        return vm.rich_compare(x, y, op);
    }
    // Full (1) against empty (0), as CPython orders them.
    let (fx, fy) = (u8::from(!x.is_null()), u8::from(!y.is_null()));
    let r = match op {
        CmpOp::Lt => fx < fy,
        CmpOp::Le => fx <= fy,
        CmpOp::Eq => fx == fy,
        CmpOp::Ne => fx != fy,
        CmpOp::Gt => fx > fy,
        CmpOp::Ge => fx >= fy,
    };
    Ok(Value::bool(r))
}

#[native(name = "__eq__", style = slot)]
fn cell_eq(vm: &mut Vm, this: &CellData, other: Value) -> PyResult {
    compare(vm, this, other, CmpOp::Eq)
}
#[native(name = "__ne__", style = slot)]
fn cell_ne(vm: &mut Vm, this: &CellData, other: Value) -> PyResult {
    compare(vm, this, other, CmpOp::Ne)
}
#[native(name = "__lt__", style = slot)]
fn cell_lt(vm: &mut Vm, this: &CellData, other: Value) -> PyResult {
    compare(vm, this, other, CmpOp::Lt)
}
#[native(name = "__le__", style = slot)]
fn cell_le(vm: &mut Vm, this: &CellData, other: Value) -> PyResult {
    compare(vm, this, other, CmpOp::Le)
}
#[native(name = "__gt__", style = slot)]
fn cell_gt(vm: &mut Vm, this: &CellData, other: Value) -> PyResult {
    compare(vm, this, other, CmpOp::Gt)
}
#[native(name = "__ge__", style = slot)]
fn cell_ge(vm: &mut Vm, this: &CellData, other: Value) -> PyResult {
    compare(vm, this, other, CmpOp::Ge)
}

/// `<cell at 0x..: int object at 0x..>`, or `<cell at 0x..: empty>`.
#[native(name = "__repr__", style = slot)]
fn cell_repr(vm: &mut Vm, this: This<CellData>) -> PyResult {
    let v = this.data.get();
    let at = this.obj.id();
    let text = if v.is_null() {
        format!("<cell at {at:#x}: empty>")
    } else {
        let tn = vm.type_name(v);
        format!("<cell at {at:#x}: {tn} object at {:#x}>", v.id())
    };
    vm.new_str(&text)
}

pub fn init(vm: &mut Vm) {
    let ty = vm.rt.types.cell;
    vm.set_new(ty, cell_new.f);
    vm.add_methods(
        ty,
        &[
            cell_eq, cell_ne, cell_lt, cell_le, cell_gt, cell_ge, cell_repr,
        ],
    );
    // Comparing by contents makes cells unhashable, as in CPython.
    vm.add_attr(ty, "__hash__", Value::NONE);
}
