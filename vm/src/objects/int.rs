//! `int` beyond 63 bits. Small ints are tagged `Value`s; an `IntData` always holds a
//! value outside the small range (constructors normalise).
use crate::payload;
use num_bigint::BigInt;

#[derive(crate::trace::Trace)]
pub struct IntData(pub BigInt);
payload!(IntData, "int");
