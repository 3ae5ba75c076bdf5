//! Traceback objects: one per frame an exception passed through, newest frame last.
//!
//! The interpreter prepends an entry each time an exception leaves an instruction of a
//! frame (`Vm::handle_error`), so `exc.__traceback__` starts at the outermost frame that
//! has seen the exception and `tb_next` goes inwards, as in CPython.
pub mod carets;

use crate::native::NativeDef;
use crate::payload;
use crate::value::{AtomicValue, Value};
use crate::vm::{PyResult, Vm};
use weft_macros::native;

#[derive(crate::trace::Trace)]
pub struct TracebackObj {
    /// The frame object.
    pub frame: Value,
    pub lineno: u32,
    /// Instruction index in the frame's code.
    pub lasti: u32,
    /// The next entry inwards, or NULL.
    pub next: AtomicValue,
}
payload!(TracebackObj, "traceback");

impl Vm {
    /// A traceback entry for frame object `frame` at `lineno` in front of `next`.
    pub fn new_traceback(
        &mut self,
        frame: Value,
        lineno: u32,
        lasti: u32,
        next: Value,
    ) -> PyResult {
        let ty = self.rt.types.traceback;
        self.alloc(
            ty,
            TracebackObj {
                frame,
                lineno,
                lasti,
                next: AtomicValue::new(next),
            },
        )
    }
}

/// The entries of a traceback chain, outermost first: (code object, line, instruction).
pub fn entries(tb: Value) -> Vec<(Value, u32, u32)> {
    let mut out = Vec::new();
    let mut cur = tb;
    while let Some(t) = cur.downcast::<TracebackObj>() {
        let code = t
            .frame
            .downcast::<crate::objects::frame::FrameObj>()
            .map(|f| f.code)
            .unwrap_or(Value::NONE);
        out.push((code, t.lineno, t.lasti));
        cur = t.next.load();
        if out.len() > 1_000_000 {
            break;
        }
    }
    out
}

#[native]
fn tb_frame(_vm: &mut Vm, this: &TracebackObj) -> Value {
    this.frame
}

#[native]
fn tb_lineno(_vm: &mut Vm, this: &TracebackObj) -> i64 {
    this.lineno as i64
}

#[native]
fn tb_lasti(_vm: &mut Vm, this: &TracebackObj) -> i64 {
    this.lasti as i64 * 2
}

#[native]
fn tb_next(_vm: &mut Vm, this: &TracebackObj) -> Value {
    match this.next.load() {
        v if v.is_null() => Value::NONE,
        v => v,
    }
}

/// `tb.tb_next = other`: another traceback or None, never making a loop.
#[native]
fn set_tb_next(vm: &mut Vm, this: Value, next: Value) -> PyResult<()> {
    let t = this.downcast::<TracebackObj>().expect("traceback");
    if next.is_none() {
        t.next.store(Value::NULL);
        return Ok(());
    }
    if !next.is::<TracebackObj>() {
        let tn = vm.type_name(next);
        return Err(vm.type_error(format!("expected traceback object or None, got '{tn}'")));
    }
    let mut cur = next;
    while let Some(c) = cur.downcast::<TracebackObj>() {
        if cur == this {
            return Err(vm.value_error("traceback loop detected"));
        }
        cur = c.next.load();
    }
    t.next.store(next);
    Ok(())
}

const GETTERS: &[NativeDef] = &[tb_frame, tb_lineno, tb_lasti];

pub fn init(vm: &mut Vm) {
    let t = vm.rt.types.traceback;
    vm.add_getters(t, "traceback", GETTERS);
    vm.add_property(t, "traceback", tb_next, Some(set_tb_next));
}
