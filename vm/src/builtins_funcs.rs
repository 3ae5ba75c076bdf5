//! STUB
pub fn init(_vm: &mut crate::vm::Vm, _b: crate::value::Value) {}
