//! Exception instances (`BaseException` and every subclass, built-in or user).
use crate::payload;
use crate::value::Value;
use parking_lot::Mutex;

#[derive(crate::trace::Trace)]
pub struct ExcData {
    /// The `args` tuple.
    pub args: Mutex<Value>,
    /// `__traceback__`: a traceback object (`objects::traceback`), or NULL.
    pub traceback: crate::value::AtomicValue,
    pub cause: Mutex<Value>,
    pub context: Mutex<Value>,
    pub suppress_context: std::sync::atomic::AtomicBool,
    /// Instance `__dict__` (user attributes), a dict object.
    pub dict: Value,
    /// For exception groups, `(message, exceptions_tuple)` set by `__new__`
    /// (`crate::exception_group`); NULL otherwise.
    pub group: Mutex<Value>,
}
payload!(ExcData, "exception");
