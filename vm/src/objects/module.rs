//! Modules: a name and a globals dict.
use crate::payload;
use crate::value::Value;

#[derive(crate::trace::Trace)]
pub struct ModuleData {
    pub dict: Value,
}
payload!(ModuleData, "module");
