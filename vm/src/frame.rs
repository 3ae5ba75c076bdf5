//! Frames: one activation of a code object, and the thread's data stack they live on.
//!
//! A frame's variable part is one run of value slots: its local variables, then its cells
//! (cellvars, then freevars), then its value stack (`max_stack` slots plus a small margin).
//! The slots of a function call come from the thread's [`DataStack`], a chunked LIFO of
//! values, so a call allocates nothing; a generator's frame owns its slots (it outlives the
//! call that made it), and so do module, class-body and exec frames.
//!
//! # Who reads a frame
//! Only its own thread writes it. The collector reads it, through `ThreadRoots::frames`,
//! while that thread is parked at a safepoint: it traces the locals, the cells and the
//! first `sp` slots of the value stack. So `sp` must be exact whenever the thread can
//! reach a safepoint. The interpreter keeps `pc` and `sp` in registers and writes them
//! back (`set_pc`, `set_sp_ptr`) before anything that can reach a safepoint or read them
//! (a call, a poll, an error); slots above `sp` may hold stale values and are never read.
//!
//! The accessors below hand out short-lived `&mut` slices into the slots; none is kept
//! across a call that can reach a safepoint or re-enter the frame.
use crate::object::trace_value;
use crate::objects::code::CodeObj;
use crate::objects::function::FunctionData;
use crate::value::Value;
use crate::vm::Vm;
use std::cell::{Cell, UnsafeCell};
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

/// Extra value-stack slots beyond the compiler's `max_stack`: a few instructions push
/// temporaries (to keep them rooted) while they work.
pub const STACK_MARGIN: usize = 4;

/// The most owned slots a pooled frame keeps for reuse (`Frame::release`).
const KEPT_SLOTS: usize = 64;

/// Slots in one chunk of the data stack (a frame larger than this gets a chunk of its own).
const CHUNK_SLOTS: usize = 32 * 1024;

/// Where a frame's slots are.
enum Storage {
    /// On the thread's data stack, released (LIFO) back to this mark.
    Thread(StackMark),
    /// Owned by the frame (generators, modules, class bodies, exec); `base` points into it.
    Owned(Box<[Value]>),
    /// A frame in the pool, without slots (a pooled frame may also keep `Owned` ones).
    None,
}

pub struct Frame {
    pub code: Value,
    pub func: Value,
    pub globals: Value,
    pub builtins: Value,
    /// Namespace dict for module and class bodies; NULL in functions.
    pub locals_dict: Value,
    /// For an `__init__` frame the interpreter started for `C(...)`: the new instance,
    /// which the call returns. NULL otherwise.
    pub init_self: Value,
    /// This frame's heap frame object once Python asked for one (`objects::frame`).
    pub frame_obj: Cell<Value>,
    code_obj: *const CodeObj,
    /// Slot 0: the first local; then cells; then the value stack.
    base: *mut Value,
    nlocals: u32,
    ncells: u32,
    /// Value-stack capacity.
    cap: u32,
    /// Value-stack height.
    sp: Cell<u32>,
    pc: Cell<u32>,
    blocks: UnsafeCell<Vec<Block>>,
    storage: Storage,
}

// SAFETY: a frame is used by one thread at a time (a generator's frame moves between
// threads only while not running, handed over through the generator's running flag); the
// collector reads it only while that thread is parked.
unsafe impl Send for Frame {}

/// The thread's stack of frame slots: chunks of values used LIFO.
///
/// `cur..end` is the free part of the chunk in use; a frame that does not fit there
/// takes the next chunk (made, or remade larger, on demand). Chunks are never freed
/// while the thread lives, so pointers into them stay valid.
pub struct DataStack {
    chunks: Vec<Box<[Value]>>,
    /// Index of the chunk in use (`usize::MAX` while there is none).
    chunk: usize,
    cur: *mut Value,
    end: *mut Value,
}

impl Default for DataStack {
    fn default() -> Self {
        DataStack {
            chunks: Vec::new(),
            chunk: usize::MAX,
            cur: std::ptr::null_mut(),
            end: std::ptr::null_mut(),
        }
    }
}

/// A data-stack position to return to.
#[derive(Clone, Copy, Debug)]
pub struct StackMark {
    chunk: usize,
    cur: *mut Value,
}

impl DataStack {
    /// `n` slots, the first `clear` of them NULL (the rest is left as it was).
    #[inline]
    fn push(&mut self, n: usize, clear: usize) -> (*mut Value, StackMark) {
        let mark = StackMark {
            chunk: self.chunk,
            cur: self.cur,
        };
        // SAFETY: cur..end lies in one chunk (or both are null); the comparison and the
        // additions stay within it.
        unsafe {
            if (self.end.offset_from(self.cur) as usize) < n {
                self.next_chunk(n);
            }
            let p = self.cur;
            clear_slots(p, clear, n);
            self.cur = p.add(n);
            (p, mark)
        }
    }

    #[cold]
    fn next_chunk(&mut self, n: usize) {
        let next = self.chunk.wrapping_add(1);
        let size = n.max(CHUNK_SLOTS);
        match self.chunks.get(next) {
            Some(c) if c.len() >= n => {}
            // Nothing lives above the chunk in use (LIFO): a small one can be remade.
            Some(_) => self.chunks[next] = vec![Value::NULL; size].into_boxed_slice(),
            None => self.chunks.push(vec![Value::NULL; size].into_boxed_slice()),
        }
        self.chunk = next;
        let c = &mut self.chunks[next];
        self.cur = c.as_mut_ptr();
        // SAFETY: one past the end of the chunk.
        self.end = unsafe { self.cur.add(c.len()) };
    }

    #[inline]
    fn pop(&mut self, mark: StackMark) {
        if mark.chunk != self.chunk {
            self.chunk = mark.chunk;
            self.end = match self.chunks.get_mut(mark.chunk) {
                // SAFETY: one past the end of that chunk.
                Some(c) => unsafe { c.as_mut_ptr().add(c.len()) },
                None => std::ptr::null_mut(),
            };
        }
        self.cur = mark.cur;
    }
}

impl Frame {
    fn empty() -> Frame {
        Frame {
            code: Value::NULL,
            func: Value::NULL,
            globals: Value::NULL,
            builtins: Value::NULL,
            locals_dict: Value::NULL,
            init_self: Value::NULL,
            frame_obj: Cell::new(Value::NULL),
            code_obj: std::ptr::null(),
            base: std::ptr::null_mut(),
            nlocals: 0,
            ncells: 0,
            cap: 0,
            sp: Cell::new(0),
            pc: Cell::new(0),
            blocks: UnsafeCell::new(Vec::new()),
            storage: Storage::None,
        }
    }

    /// Fill in everything but the slots.
    #[inline]
    fn setup(&mut self, code_val: Value, code: &CodeObj, func: Value, globals: Value, vm: &Vm) {
        self.code = code_val;
        self.func = func;
        self.globals = globals;
        self.builtins = vm.rt.builtins;
        self.locals_dict = Value::NULL;
        self.init_self = Value::NULL;
        self.frame_obj.set(Value::NULL);
        self.code_obj = code;
        self.nlocals = code.nlocals;
        self.ncells = code.ncells;
        self.cap = code.stack_cap;
        self.sp.set(0);
        self.pc.set(0);
        self.blocks.get_mut().clear();
    }

    fn slot_count(&self) -> usize {
        (self.nlocals + self.ncells + self.cap) as usize
    }

    #[inline]
    fn take(vm: &mut Vm) -> Box<Frame> {
        vm.frame_pool
            .pop()
            .unwrap_or_else(|| Box::new(Frame::empty()))
    }

    /// A function-call frame whose slots are on the thread's data stack. Release it with
    /// [`Frame::release`], in LIFO order with the thread's other frames. `code` is
    /// `code_val`'s payload: the caller loads `fd.code` once (`__code__` may be replaced
    /// meanwhile) so the frame's layout and the code it keeps alive agree.
    #[inline]
    pub fn new(
        vm: &mut Vm,
        func: Value,
        fd: &FunctionData,
        code_val: Value,
        code: &CodeObj,
    ) -> Box<Frame> {
        let mut fr = Frame::take(vm);
        fr.setup(code_val, code, func, fd.globals, vm);
        let clear = (fr.nlocals + fr.ncells) as usize;
        let (base, mark) = vm.data_stack.push(fr.slot_count(), clear);
        fr.base = base;
        fr.storage = Storage::Thread(mark);
        fr
    }

    /// A frame that owns its slots (a generator's frame, which outlives its call).
    pub fn new_owned(
        vm: &mut Vm,
        func: Value,
        fd: &FunctionData,
        code_val: Value,
        code: &CodeObj,
    ) -> Box<Frame> {
        let mut fr = Frame::take(vm);
        fr.setup(code_val, code, func, fd.globals, vm);
        fr.own_slots();
        fr
    }

    /// Give the frame slots of its own: the ones a pooled frame kept (`release`) when
    /// they are enough, else new ones. Locals and cells start NULL; the value stack's
    /// slots above `sp` are never read, so old values there do no harm.
    fn own_slots(&mut self) {
        let n = self.slot_count();
        let clear = (self.nlocals + self.ncells) as usize;
        match &mut self.storage {
            Storage::Owned(kept) if kept.len() >= n => {
                kept[..clear].fill(Value::NULL);
                self.base = kept.as_mut_ptr();
            }
            _ => {
                let mut slots = vec![Value::NULL; n].into_boxed_slice();
                self.base = slots.as_mut_ptr();
                self.storage = Storage::Owned(slots);
            }
        }
    }

    /// A frame running module or class-body code with a namespace dict.
    pub fn new_with_namespace(vm: &mut Vm, code: Value, globals: Value, ns: Value) -> Box<Frame> {
        let c = code.downcast::<CodeObj>().expect("code");
        let mut fr = Frame::take(vm);
        fr.setup(code, c, Value::NULL, globals, vm);
        fr.locals_dict = ns;
        fr.own_slots();
        fr
    }

    /// Give a finished frame back: its data-stack slots (if any) and its box, for reuse.
    /// The frame must no longer be running or registered as a root. A pooled frame keeps
    /// stale fields; `setup` overwrites them all before the frame is used again.
    #[inline]
    pub fn release(vm: &mut Vm, mut fr: Box<Frame>) {
        const POOL: usize = 64;
        if !fr.frame_obj.get().is_null() {
            vm.detach_frame_object(&fr);
        }
        // Owned slots of a usual size stay with the pooled frame for the next owned
        // frame (a loop making generators); `Frame::new` drops them if it takes it.
        match std::mem::replace(&mut fr.storage, Storage::None) {
            Storage::Thread(mark) => vm.data_stack.pop(mark),
            Storage::Owned(slots) if slots.len() <= KEPT_SLOTS => {
                fr.storage = Storage::Owned(slots)
            }
            Storage::Owned(_) | Storage::None => {}
        }
        fr.base = std::ptr::null_mut();
        if vm.frame_pool.len() < POOL && fr.blocks.get_mut().capacity() <= 64 {
            vm.frame_pool.push(fr);
        }
    }

    // ------------------------------------------------------------ slots

    /// The local variables.
    #[inline]
    #[allow(clippy::mut_from_ref)]
    pub fn locals(&self) -> &mut [Value] {
        // SAFETY: `base` points at `slot_count()` live slots owned by this frame (its data
        // stack run or its own box); only this thread touches them (module doc).
        unsafe { std::slice::from_raw_parts_mut(self.base, self.nlocals as usize) }
    }

    /// Local `i`, without a bounds check.
    ///
    /// # Safety
    /// `i` is below the code's local count (the compiler's `flow::verify` checks every
    /// `LoadFast`/`StoreFast` operand).
    #[inline(always)]
    #[allow(clippy::mut_from_ref)]
    pub unsafe fn local_unchecked(&self, i: usize) -> &mut Value {
        debug_assert!(i < self.nlocals as usize);
        // SAFETY: as `locals`, and the caller's contract.
        unsafe { &mut *self.base.add(i) }
    }

    /// The cells: cellvars, then freevars.
    #[inline]
    #[allow(clippy::mut_from_ref)]
    pub fn cells(&self) -> &mut [Value] {
        // SAFETY: as `locals`; the cells follow the locals.
        unsafe {
            std::slice::from_raw_parts_mut(
                self.base.add(self.nlocals as usize),
                self.ncells as usize,
            )
        }
    }

    /// Bottom of the value stack.
    #[inline]
    pub fn stack_base(&self) -> *mut Value {
        // SAFETY: the value stack follows the cells inside the frame's slots.
        unsafe { self.base.add((self.nlocals + self.ncells) as usize) }
    }

    /// One past the last usable value-stack slot.
    #[inline]
    pub fn stack_limit(&self) -> *mut Value {
        // SAFETY: within (one past the end of) the frame's slots.
        unsafe { self.stack_base().add(self.cap as usize) }
    }

    /// The values on the value stack, bottom first.
    #[inline]
    #[allow(clippy::mut_from_ref)]
    pub fn stack(&self) -> &mut [Value] {
        // SAFETY: the first `sp` value-stack slots are initialised (module doc).
        unsafe { std::slice::from_raw_parts_mut(self.stack_base(), self.sp.get() as usize) }
    }

    #[inline]
    pub fn push(&self, v: Value) {
        let sp = self.sp.get();
        assert!(sp < self.cap, "value stack overflow");
        // SAFETY: sp < cap: inside the value stack.
        unsafe { self.stack_base().add(sp as usize).write(v) };
        self.sp.set(sp + 1);
    }
    #[inline]
    pub fn pop(&self) -> Value {
        let sp = self.sp.get().checked_sub(1).expect("value stack underflow");
        self.sp.set(sp);
        // SAFETY: sp < old sp <= cap: an initialised slot.
        unsafe { self.stack_base().add(sp as usize).read() }
    }
    #[inline]
    pub fn top(&self) -> Value {
        self.peek(0)
    }
    /// The value `n` below the top (0 = top).
    #[inline]
    pub fn peek(&self, n: usize) -> Value {
        let s = self.stack();
        s[s.len() - 1 - n]
    }
    #[inline]
    pub fn set_top(&self, v: Value) {
        let s = self.stack();
        let n = s.len();
        s[n - 1] = v;
    }
    #[inline]
    pub fn stack_len(&self) -> usize {
        self.sp.get() as usize
    }
    #[inline]
    pub fn truncate(&self, n: usize) {
        if n < self.sp.get() as usize {
            self.sp.set(n as u32);
        }
    }
    /// Write back the interpreter's stack pointer register.
    ///
    /// # Safety
    /// `sp` points into this frame's value stack (`stack_base()..=stack_limit()`).
    #[inline]
    pub(crate) unsafe fn set_sp_ptr(&self, sp: *mut Value) {
        // SAFETY: caller's contract: both pointers are in the same slot run.
        let n = unsafe { sp.offset_from(self.stack_base()) };
        debug_assert!(n >= 0 && n as u32 <= self.cap);
        self.sp.set(n as u32);
    }
    /// The stack pointer register's value: one past the top value.
    #[inline]
    pub fn sp_ptr(&self) -> *mut Value {
        // SAFETY: sp <= cap.
        unsafe { self.stack_base().add(self.sp.get() as usize) }
    }

    #[inline]
    pub fn pc(&self) -> usize {
        self.pc.get() as usize
    }
    #[inline]
    pub fn set_pc(&self, pc: usize) {
        self.pc.set(pc as u32)
    }

    /// The block stack.
    #[inline]
    #[allow(clippy::mut_from_ref)]
    pub fn blocks(&self) -> &mut Vec<Block> {
        // SAFETY: only the owning thread touches it, through short-lived references; the
        // collector reads it only while that thread is parked.
        unsafe { &mut *self.blocks.get() }
    }

    /// The frame's code object, borrowed for as long as the frame is.
    pub fn code_obj(&self) -> &CodeObj {
        // SAFETY: the frame holds its code value, which the collector traces, so the
        // code object lives as long as the frame, and the borrow cannot outlive it.
        unsafe { &*self.code_obj }
    }

    /// Line being executed (for tracebacks); the first line for a frame not started
    /// yet (a new generator's, as CPython shows it).
    pub fn line(&self) -> u32 {
        let c = &self.code_obj().code;
        match self.pc() {
            0 => c.first_line,
            pc => c.lines.get(pc - 1).copied().unwrap_or(c.first_line),
        }
    }
}

// SAFETY: marks every value the frame holds: its code, function, namespaces, locals,
// cells, the live part of its value stack and the exceptions its blocks remember. Called
// with the owning thread parked, so `sp` is exact (module doc).
unsafe impl crate::trace::Trace for Frame {
    fn trace(&self, t: &mut Tracer) {
        trace_value(self.code, t);
        trace_value(self.func, t);
        trace_value(self.globals, t);
        trace_value(self.builtins, t);
        trace_value(self.locals_dict, t);
        trace_value(self.init_self, t);
        trace_value(self.frame_obj.get(), t);
        if self.base.is_null() {
            return;
        }
        for &v in self.locals().iter().chain(self.cells().iter()) {
            trace_value(v, t);
        }
        for &v in self.stack().iter() {
            trace_value(v, t);
        }
        for b in self.blocks().iter() {
            trace_value(b.prev_handled, t);
        }
    }
}

/// Set the first `clear` of the `n` slots at `p` to NULL. A usual frame clears a few
/// slots: they are written as one block of four or eight (slots past `clear` are value-stack
/// slots, never read above the stack pointer, so clearing them too does no harm) rather
/// than through a call to `memset`, which a loop of unknown length becomes.
///
/// # Safety
/// `p..p + n` are slots of the caller's, `clear <= n`.
#[inline(always)]
unsafe fn clear_slots(p: *mut Value, clear: usize, n: usize) {
    // SAFETY: caller's contract; the block of eight is written only when n >= 8.
    unsafe {
        if clear <= 4 && n >= 4 {
            (p as *mut [Value; 4]).write([Value::NULL; 4]);
        } else if clear <= 8 && n >= 8 {
            (p as *mut [Value; 8]).write([Value::NULL; 8]);
        } else {
            for i in 0..clear {
                p.add(i).write(Value::NULL);
            }
        }
    }
}

/// Copy a call's arguments into its frame's first locals: a few, the usual case, without
/// a call to `memcpy`.
#[inline(always)]
pub fn copy_args(dst: &mut [Value], args: &[Value]) {
    match (dst, args) {
        ([], []) => {}
        ([d0], [a0]) => *d0 = *a0,
        ([d0, d1], [a0, a1]) => (*d0, *d1) = (*a0, *a1),
        ([d0, d1, d2], [a0, a1, a2]) => (*d0, *d1, *d2) = (*a0, *a1, *a2),
        (d, a) => d.copy_from_slice(a),
    }
}
