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
    /// `code.name` interned (a new function's `__name__`, without an intern lookup).
    pub name: Value,
    /// One inline cache per instruction (`crate::interp::attr_cache`; `LOAD_GLOBAL`
    /// uses its first word, `crate::interp::global_cache`).
    #[unsafe_untraced = "a cached value is used only while the type version it was \
                         filled under is current, when an MRO dict still holds it"]
    pub sites: Box<[crate::interp::attr_cache::Site]>,
    /// The frame's shape, from `code` (read on every call): local slots, cells, value
    /// stack capacity, and the number of positional arguments a call may copy straight
    /// into the first locals (`u32::MAX` when binding needs more than a copy).
    pub nlocals: u32,
    pub ncells: u32,
    pub stack_cap: u32,
    pub simple_argc: u32,
}

impl CodeObj {
    pub fn new(
        code: Arc<CodeData>,
        consts: Box<[Value]>,
        names: Box<[Value]>,
        varnames: Box<[Value]>,
        name: Value,
    ) -> CodeObj {
        use crate::bytecode::code_flags;
        let c = &*code;
        let simple = c.kwonlyargcount == 0
            && c.flags & (code_flags::VARARGS | code_flags::VARKEYWORDS | code_flags::GENERATOR)
                == 0
            && c.cellvars.is_empty()
            && c.freevars.is_empty();
        CodeObj {
            nlocals: c.varnames.len() as u32,
            ncells: (c.cellvars.len() + c.freevars.len()) as u32,
            stack_cap: c.max_stack + crate::frame::STACK_MARGIN as u32,
            simple_argc: if simple { c.argcount } else { u32::MAX },
            sites: crate::interp::attr_cache::new_sites(c.instrs.len()),
            code,
            consts,
            names,
            varnames,
            name,
        }
    }
}
payload!(CodeObj, "code");
