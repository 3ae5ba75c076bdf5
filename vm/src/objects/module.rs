//! Modules: a name and a globals dict.
use crate::object::trace_value;
use crate::payload;
use crate::value::Value;

pub struct ModuleData {
    pub dict: Value,
}
payload!(ModuleData, "module", |this, t| {
    trace_value(this.dict, t);
});
