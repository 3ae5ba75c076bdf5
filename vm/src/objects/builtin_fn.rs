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
    /// A method of a built-in type (`list.append`): looked up through an instance it
    /// binds that instance. Module functions and builtins (`len`, `math.sqrt`, what
    /// `vm.new_native` makes) never bind, also when stored in a class, as CPython's
    /// `builtin_function_or_method`.
    pub method: bool,
}
payload!(BuiltinFn, "builtin_function_or_method");
