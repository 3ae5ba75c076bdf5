//! Python functions, bound methods, and the `staticmethod`/`classmethod`/`property`
//! wrappers.
use crate::object::trace_value;
use crate::payload;
use crate::value::{AtomicValue, Value};

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
payload!(FunctionData, "function", |this, t| {
    trace_value(this.code, t);
    trace_value(this.globals, t);
    trace_value(this.defaults.load(), t);
    trace_value(this.kwdefaults.load(), t);
    trace_value(this.closure, t);
    trace_value(this.name.load(), t);
    trace_value(this.qualname.load(), t);
    trace_value(this.doc.load(), t);
    trace_value(this.module, t);
    trace_value(this.dict.load(), t);
});

/// A function bound to an instance.
pub struct BoundMethod {
    pub func: Value,
    pub this: Value,
}
payload!(BoundMethod, "method", |this, t| {
    trace_value(this.func, t);
    trace_value(this.this, t);
});

pub struct StaticMethod(pub Value);
payload!(StaticMethod, "staticmethod", |this, t| {
    trace_value(this.0, t);
});

pub struct ClassMethod(pub Value);
payload!(ClassMethod, "classmethod", |this, t| {
    trace_value(this.0, t);
});

pub struct Property {
    pub fget: Value,
    pub fset: Value,
    pub fdel: Value,
    pub doc: Value,
}
payload!(Property, "property", |this, t| {
    trace_value(this.fget, t);
    trace_value(this.fset, t);
    trace_value(this.fdel, t);
    trace_value(this.doc, t);
});

/// `super(cls, obj)`.
pub struct SuperData {
    pub cls: Value,
    pub obj: Value,
}
payload!(SuperData, "super", |this, t| {
    trace_value(this.cls, t);
    trace_value(this.obj, t);
});
