//! `set` and `frozenset`: a `DictTable` whose values are unused (frozenset has the same
//! payload; it is simply never mutated after construction).
pub mod methods;
use crate::objects::dict::DictLock;
use crate::payload;

#[derive(crate::trace::Trace)]
pub struct SetData(pub DictLock);
payload!(SetData, "set");
