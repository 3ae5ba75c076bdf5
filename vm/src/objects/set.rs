//! `set` and `frozenset`: a `DictTable` whose values are unused (frozenset has the same
//! payload; it is simply never mutated after construction).
use crate::object::trace_value;
use crate::objects::dict::DictTable;
use crate::payload;
use parking_lot::Mutex;

pub struct SetData(pub Mutex<DictTable>);
payload!(SetData, "set", |this, t| {
    for e in this.0.lock().iter() {
        trace_value(e.key, t);
    }
});
