//! Functions written in Rust, and methods of built-in types.
use crate::object::trace_value;
use crate::payload;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// `f(vm, positional, keywords)`. For methods, `positional[0]` is `self`.
pub type NativeFn = fn(&mut Vm, &[Value], &[(Value, Value)]) -> PyResult;

pub struct BuiltinFn {
    pub name: &'static str,
    pub f: NativeFn,
    /// Bound `self` (for `[].append`), or NULL.
    pub this: Value,
    /// Owning module name or type name, for repr.
    pub owner: &'static str,
}
payload!(BuiltinFn, "builtin_function_or_method", |this, t| {
    trace_value(this.this, t);
});
