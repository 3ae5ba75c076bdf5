//! Exception instances (`BaseException` and every subclass, built-in or user).
use crate::object::trace_value;
use crate::payload;
use crate::value::Value;
use parking_lot::Mutex;

/// One traceback line: the code object and the line being executed.
#[derive(Clone, Copy)]
pub struct TbEntry {
    pub code: Value,
    pub line: u32,
}

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
payload!(ExcData, "exception", |this, t| {
    trace_value(*this.args.lock(), t);
    for e in this.traceback.lock().iter() {
        trace_value(e.code, t);
    }
    trace_value(*this.cause.lock(), t);
    trace_value(*this.context.lock(), t);
    trace_value(this.dict, t);
});
