//! `tuple`: an immutable array of values.
pub mod methods;
use crate::payload;
use crate::value::Value;

#[derive(crate::trace::Trace)]
pub struct TupleData(pub Box<[Value]>);
payload!(TupleData, "tuple");
