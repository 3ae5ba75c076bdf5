//! The object protocols: what the interpreter calls for every operation.
pub mod async_protocol;
pub mod attr;
pub mod call;
pub mod compare;
pub mod construct;
pub mod containers;
pub mod num;
pub mod num_hash;
pub mod number_format;
pub mod pattern;
pub mod protocol;
pub mod template;
