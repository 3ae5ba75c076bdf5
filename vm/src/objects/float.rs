//! `float`.
use crate::payload;

#[derive(crate::trace::Trace)]
pub struct FloatData(pub f64);
payload!(FloatData, "float");
