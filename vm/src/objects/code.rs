//! Code objects: compiled `CodeData` plus its constants and names as heap values.
use crate::bytecode::CodeData;
use crate::payload;
use crate::value::Value;
use std::sync::Arc;

#[derive(crate::trace::Trace)]
pub struct CodeObj {
    pub code: Arc<CodeData>,
    pub consts: Box<[Value]>,
    /// `code.names` as interned str values.
    pub names: Box<[Value]>,
    /// `code.varnames` as interned str values (for keyword argument matching).
    pub varnames: Box<[Value]>,
}
payload!(CodeObj, "code");
