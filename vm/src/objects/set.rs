//! `set` and `frozenset`: a `DictTable` whose values are unused (frozenset has the same
//! payload; it is simply never mutated after construction).
use crate::object::trace_value;
use crate::objects::dict::DictLock;
use crate::payload;

pub struct SetData(pub DictLock);
payload!(SetData, "set", |this, t| {
    for e in this.0.lock().iter() {
        trace_value(e.key, t);
    }
});
