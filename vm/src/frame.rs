//! Frames: one activation of a code object.
//!
//! A frame is touched by its own thread, and read by the collector while that thread is
//! parked at a safepoint. Its mutable parts sit in an `UnsafeCell` and are reached only
//! through the short accessors below, so no `&mut` to them is ever held across a call
//! that can reach a safepoint (the collector reads the frame through a `*const Frame`).
use crate::object::{trace_value, trace_values};
use crate::objects::code::CodeObj;
use crate::objects::function::FunctionData;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::cell::UnsafeCell;
use weft_gc::Tracer;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// A protected region; on an exception jump to `handler`.
    Finally,
    /// Inside an except/finally handler: remembers the previously handled exception.
    ExceptHandler,
}

#[derive(Clone, Copy, Debug)]
pub struct Block {
    pub kind: BlockKind,
    pub handler: u32,
    pub level: u32,
    pub prev_handled: Value,
}

#[derive(Default)]
pub struct FrameState {
    pub locals: Vec<Value>,
    /// cellvars then freevars: cell objects.
    pub cells: Vec<Value>,
    pub stack: Vec<Value>,
    pub blocks: Vec<Block>,
    pub pc: usize,
}

pub struct Frame {
    pub code: Value,
    pub func: Value,
    pub globals: Value,
    pub builtins: Value,
    /// Namespace dict for module and class bodies; NULL in functions.
    pub locals_dict: Value,
    state: UnsafeCell<FrameState>,
}

// SAFETY: a frame is used by one thread at a time (a generator's frame moves between
// threads only while not running, guarded by the generator's lock).
unsafe impl Send for Frame {}

impl Frame {
    pub fn new(
        vm: &mut Vm,
        func: Value,
        fd: &FunctionData,
        code: &CodeObj,
    ) -> PyResult<Box<Frame>> {
        let c = &code.code;
        if let Some(mut fr) = vm.frame_pool.pop() {
            // A recycled frame: its vectors are empty but keep their buffers.
            fr.code = fd.code;
            fr.func = func;
            fr.globals = fd.globals;
            fr.builtins = vm.rt.builtins;
            fr.locals_dict = Value::NULL;
            let st = fr.state.get_mut();
            st.locals.resize(c.varnames.len(), Value::NULL);
            st.cells
                .resize(c.cellvars.len() + c.freevars.len(), Value::NULL);
            st.stack.reserve(c.max_stack.max(8) as usize);
            st.pc = 0;
            return Ok(fr);
        }
        Ok(Box::new(Frame {
            code: fd.code,
            func,
            globals: fd.globals,
            builtins: vm.rt.builtins,
            locals_dict: Value::NULL,
            state: UnsafeCell::new(FrameState {
                locals: vec![Value::NULL; c.varnames.len()],
                cells: vec![Value::NULL; c.cellvars.len() + c.freevars.len()],
                stack: Vec::with_capacity(c.max_stack.max(8) as usize),
                blocks: Vec::new(),
                pc: 0,
            }),
        }))
    }

    /// Give a finished function frame back to this thread's pool, so the next call
    /// reuses its allocations (`Frame::new`). The frame must no longer be running or
    /// registered as a root; it is emptied here, so the pool holds no values.
    pub fn recycle(vm: &mut Vm, mut fr: Box<Frame>) {
        const POOL: usize = 64;
        if vm.frame_pool.len() >= POOL {
            return;
        }
        let st = fr.state.get_mut();
        if st.stack.capacity() > 1024 || st.locals.capacity() > 1024 {
            return;
        }
        st.locals.clear();
        st.cells.clear();
        st.stack.clear();
        st.blocks.clear();
        vm.frame_pool.push(fr);
    }

    /// A frame running module or class-body code with a namespace dict.
    pub fn new_with_namespace(vm: &mut Vm, code: Value, globals: Value, ns: Value) -> Box<Frame> {
        let c = &code.downcast::<CodeObj>().expect("code").code;
        Box::new(Frame {
            code,
            func: Value::NULL,
            globals,
            builtins: vm.rt.builtins,
            locals_dict: ns,
            state: UnsafeCell::new(FrameState {
                locals: vec![Value::NULL; c.varnames.len()],
                cells: vec![Value::NULL; c.cellvars.len() + c.freevars.len()],
                stack: Vec::with_capacity(16),
                blocks: Vec::new(),
                pc: 0,
            }),
        })
    }

    /// The frame's mutable state.
    ///
    /// The returned reference must not be kept across a call that can reach a
    /// safepoint or re-enter this frame; every caller uses it for one short operation.
    #[inline]
    #[allow(clippy::mut_from_ref)]
    pub fn st(&self) -> &mut FrameState {
        // SAFETY: only the owning thread mutates the state, through short-lived
        // references (see above); the collector reads it only while this thread is
        // parked, i.e. when no such reference is live.
        unsafe { &mut *self.state.get() }
    }

    #[inline]
    #[allow(clippy::mut_from_ref)]
    pub fn locals_mut(&self) -> &mut [Value] {
        &mut self.st().locals
    }
    #[inline]
    #[allow(clippy::mut_from_ref)]
    pub fn cells_mut(&self) -> &mut [Value] {
        &mut self.st().cells
    }
    #[inline]
    pub fn push(&self, v: Value) {
        self.st().stack.push(v)
    }
    #[inline]
    pub fn pop(&self) -> Value {
        self.st().stack.pop().expect("value stack underflow")
    }
    #[inline]
    pub fn top(&self) -> Value {
        *self.st().stack.last().expect("value stack underflow")
    }
    /// The value `n` below the top (0 = top).
    #[inline]
    pub fn peek(&self, n: usize) -> Value {
        let s = &self.st().stack;
        s[s.len() - 1 - n]
    }
    #[inline]
    pub fn set_top(&self, v: Value) {
        *self.st().stack.last_mut().expect("value stack underflow") = v;
    }
    #[inline]
    pub fn stack_len(&self) -> usize {
        self.st().stack.len()
    }
    #[inline]
    pub fn truncate(&self, n: usize) {
        self.st().stack.truncate(n)
    }
    #[inline]
    pub fn pc(&self) -> usize {
        self.st().pc
    }
    #[inline]
    pub fn set_pc(&self, pc: usize) {
        self.st().pc = pc
    }

    pub fn code_obj(&self) -> &'static CodeObj {
        let c = self.code.downcast::<CodeObj>().expect("code");
        // SAFETY-free: the frame holds its code value, which the collector traces.
        unsafe { &*(c as *const CodeObj) }
    }

    /// Line being executed (for tracebacks).
    pub fn line(&self) -> u32 {
        let c = &self.code_obj().code;
        let pc = self.pc().saturating_sub(1);
        c.lines.get(pc).copied().unwrap_or(c.first_line)
    }
}

// SAFETY: marks every value slot of the frame (see `trace`).
unsafe impl crate::trace::Trace for Frame {
    /// Mark every value the frame holds. Called with the owning thread parked.
    fn trace(&self, t: &mut Tracer) {
        // SAFETY: see `st`: the owner is parked, so nothing mutates the state now.
        let st = unsafe { &*self.state.get() };
        trace_value(self.code, t);
        trace_value(self.func, t);
        trace_value(self.globals, t);
        trace_value(self.builtins, t);
        trace_value(self.locals_dict, t);
        trace_values(&st.locals, t);
        trace_values(&st.cells, t);
        trace_values(&st.stack, t);
        for b in &st.blocks {
            trace_value(b.prev_handled, t);
        }
    }
}
