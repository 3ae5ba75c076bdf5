//! `set` and `frozenset`: a `DictTable` whose values are unused (frozenset has the same
//! payload; it is simply never mutated after construction).
use crate::objects::dict::DictLock;
use crate::payload;

pub struct SetData(pub DictLock);
payload!(SetData, "set", |this, t| {
    this.0.trace(t);
});
