//! `_traceback`: what the frozen `traceback` module cannot work out in Python here (weft
//! has no `ast.parse`): the shape of a failing expression's source, for the markers
//! under a traceback's source line.
use super::new_native_module;
use weft_vm::compiler::{SegmentShape, segment_shape};
use weft_vm::helpers::as_str;
use weft_vm::native;
use weft_vm::native::NativeDef;
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

const FUNCS: &[NativeDef] = &[shape];

pub fn init(vm: &mut Vm) -> PyResult {
    new_native_module(vm, "_traceback", FUNCS).map(|(m, _)| m)
}

/// `shape(segment)`: `("binop", left_end, right_start)` when the source `segment` is one
/// binary operation, `("subscript", value_end, slice_end)` when it is one subscript
/// (UTF-8 byte offsets in the segment, as the AST's columns), else None.
#[native(name = "shape")]
fn shape(vm: &mut Vm, segment: Value) -> PyResult {
    let Some(text) = as_str(&segment) else {
        let tn = vm.type_name(segment);
        return Err(vm.type_error(format!("shape() argument must be str, not {tn}")));
    };
    let (kind, a, b) = match segment_shape(text) {
        None => return Ok(Value::NONE),
        Some(SegmentShape::BinOp {
            left_end,
            right_start,
        }) => ("binop", left_end, right_start),
        Some(SegmentShape::Subscript {
            value_end,
            slice_end,
        }) => ("subscript", value_end, slice_end),
    };
    let k = vm.intern(kind);
    let a = vm.new_int(a as i64)?;
    weft_vm::root_scope!(vm);
    vm.root(a);
    let b = vm.new_int(b as i64);
    b.and_then(|b| vm.with_root(b, |vm| vm.new_tuple(vec![k, a, b])))
}
