//! STUB (being written)
pub fn init(_vm: &mut crate::vm::Vm) {}
