//! Instances of user classes (and of `object`).
use crate::object::trace_value;
use crate::payload;
use crate::value::Value;

pub struct InstanceData {
    /// The instance `__dict__` (a dict object).
    pub dict: Value,
    /// For subclasses of built-in value types (`class L(list)`), the built-in value
    /// that holds the data; NULL otherwise.
    pub base: Value,
}
payload!(InstanceData, "instance", |this, t| {
    trace_value(this.dict, t);
    trace_value(this.base, t);
});
