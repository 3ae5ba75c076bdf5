//! `tuple`: an immutable array of values.
use crate::object::trace_values;
use crate::payload;
use crate::value::Value;

pub struct TupleData(pub Box<[Value]>);
payload!(TupleData, "tuple", |this, t| {
    trace_values(&this.0, t);
});
