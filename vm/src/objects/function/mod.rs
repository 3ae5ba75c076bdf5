//! Python functions, bound methods, and the `staticmethod`/`classmethod`/`property`
//! wrappers.
pub mod new;
use crate::payload;
use crate::value::{AtomicValue, Value};

#[derive(crate::trace::Trace)]
pub struct FunctionData {
    pub code: Value,
    pub globals: Value,
    /// Tuple of positional defaults, or NULL.
    pub defaults: AtomicValue,
    /// Dict of keyword-only defaults, or NULL.
    pub kwdefaults: AtomicValue,
    /// Tuple of cells, or NULL.
    pub closure: Value,
    pub name: AtomicValue,
    pub qualname: AtomicValue,
    pub doc: AtomicValue,
    pub module: Value,
    /// The function's `__dict__`, created on first use (NULL before).
    pub dict: AtomicValue,
}
payload!(FunctionData, "function");

/// A function bound to an instance.
#[derive(crate::trace::Trace)]
pub struct BoundMethod {
    pub func: Value,
    pub this: Value,
}
payload!(BoundMethod, "method");

#[derive(crate::trace::Trace)]
pub struct StaticMethod(pub Value);
payload!(StaticMethod, "staticmethod");

#[derive(crate::trace::Trace)]
pub struct ClassMethod(pub Value);
payload!(ClassMethod, "classmethod");

#[derive(crate::trace::Trace)]
pub struct Property {
    pub fget: Value,
    pub fset: Value,
    pub fdel: Value,
    /// `__doc__`: writable (namedtuple and dis document their fields through it).
    pub doc: AtomicValue,
}
payload!(Property, "property");

/// `super(cls, obj)`.
#[derive(crate::trace::Trace)]
pub struct SuperData {
    pub cls: Value,
    pub obj: Value,
}
payload!(SuperData, "super");
