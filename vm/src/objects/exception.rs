//! Exception instances (`BaseException` and every subclass, built-in or user).
use crate::payload;
use crate::value::Value;
use parking_lot::Mutex;

/// One traceback line: the code object and the line being executed.
#[derive(Clone, Copy, crate::trace::Trace)]
pub struct TbEntry {
    pub code: Value,
    pub line: u32,
}

#[derive(crate::trace::Trace)]
pub struct ExcData {
    /// The `args` tuple.
    pub args: Mutex<Value>,
    pub traceback: Mutex<Vec<TbEntry>>,
    pub cause: Mutex<Value>,
    pub context: Mutex<Value>,
    pub suppress_context: std::sync::atomic::AtomicBool,
    /// Instance `__dict__` (user attributes), a dict object.
    pub dict: Value,
}
payload!(ExcData, "exception");
