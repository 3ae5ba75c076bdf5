//! `float`: an immediate `Value` when its exponent allows (value.rs), else a heap
//! `BoxedFloat`. Read a float's value with `float_of` (exact floats) or
//! `float_base_of` (also float subclass instances), never by downcasting alone.
pub mod hex;
pub mod methods;
use crate::objects::instance::InstanceData;
use crate::payload;
use crate::value::Value;

/// A float with no immediate form (0.0, inf, nan, very large or small magnitudes).
#[derive(crate::trace::Trace)]
pub struct BoxedFloat(pub f64);
payload!(BoxedFloat, "float");

/// The value of an exact float (immediate or boxed).
#[inline]
pub fn float_of(v: Value) -> Option<f64> {
    if let Some(f) = v.as_immediate_float() {
        return Some(f);
    }
    v.downcast::<BoxedFloat>().map(|b| b.0)
}

/// Whether `v` is an exact float.
#[inline]
pub fn is_float(v: Value) -> bool {
    v.is_immediate_float() || v.is::<BoxedFloat>()
}

/// The value of a float or of a float subclass instance (its base float).
pub fn float_base_of(v: Value) -> Option<f64> {
    if let Some(f) = float_of(v) {
        return Some(f);
    }
    float_of(v.downcast::<InstanceData>()?.base)
}
