//! `float`.
use crate::payload;

pub struct FloatData(pub f64);
payload!(FloatData, "float");
