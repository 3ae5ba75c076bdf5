//! Functions written in Rust, and methods of built-in types.
use crate::payload;
use crate::value::Value;

/// `f(vm, positional, keywords)`. For methods, `positional[0]` is `self`.
pub use crate::native::NativeFn;

#[derive(crate::trace::Trace)]
pub struct BuiltinFn {
    pub name: &'static str,
    pub f: NativeFn,
    /// Bound `self` (for `[].append`), or NULL.
    pub this: Value,
    /// Owning module name or type name, for repr.
    pub owner: &'static str,
}
payload!(BuiltinFn, "builtin_function_or_method");
