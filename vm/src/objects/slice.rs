//! `slice` objects and index normalisation.
use crate::object::trace_value;
use crate::payload;
use crate::value::Value;

pub struct SliceData {
    pub start: Value,
    pub stop: Value,
    pub step: Value,
}
payload!(SliceData, "slice", |this, t| {
    trace_value(this.start, t);
    trace_value(this.stop, t);
    trace_value(this.step, t);
});
