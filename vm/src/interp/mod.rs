//! The interpreter loop.
//!
//! [`Vm::exec`] runs a frame (the *entry* frame) until it returns or yields. Calls from
//! Python code to Python functions do not recurse through Rust: the loop pushes the
//! callee's frame (its slots on the thread's data stack, `crate::frame`) and goes on
//! running it; a `return` pops it and continues the caller. So the native stack grows
//! only where a native calls back into Python (`sorted(key=...)`, `__eq__`, a generator's
//! resume), and `RecursionError` is exactly `sys.getrecursionlimit()` Python frames.
//!
//! # Registers and the frame
//! The loop keeps the running frame's `pc` and stack pointer `sp` in local variables and
//! writes them back (`sync!`) before anything that can reach a safepoint, read them or
//! fail: a call, a poll, an error, a slow instruction (`slow.rs`, which works on the
//! written-back state, then the loop reloads the registers). The collector reads frames
//! only at safepoints, so it always sees exact stack heights (`crate::frame`).
//!
//! # Frames the loop owns
//! The frames of inline calls are boxes on `Vm::call_stack`, above the height it had when
//! this `exec` began; every frame the loop runs is also on `ThreadRoots::frames`. An error
//! with no handler in an inline frame pops that frame and is handled in its caller (which
//! gets its traceback entry); one leaving the entry frame is returned.
//!
//! # Invariants of the stack-pointer arithmetic
//! `sp` stays within `[stack_base, stack_limit]` of the running frame: the compiler's
//! stack-depth analysis (`weft_compiler::flow`) bounds every instruction's pushes by
//! `max_stack`, which the frame reserves (plus a margin for the temporaries some slow
//! instructions push). Debug builds check every push and pop.
pub mod attr_cache;
mod fast_calls;
pub mod global_cache;
mod slow;

use crate::bytecode::{BinOp, CmpOp, Instr, code_flags};
use crate::frame::{Block, BlockKind, Frame};
use crate::objects::builtin_fn::BuiltinFn;
use crate::objects::code::CodeObj;
use crate::objects::dict::DictData;
use crate::objects::exception::ExcData;
use crate::objects::function::{BoundMethod, FunctionData};
use crate::objects::iter::RangeIter;
use crate::objects::list::ListData;
use crate::objects::tuple::TupleData;
use crate::value::Value;
use crate::vm::{PyErr, PyResult, Vm};

/// A consumer of a generator's items that takes them inside the interpreter loop, so
/// that `list(g)`, `tuple(g)`, `set(g)`, ... do not leave and re-enter the loop for
/// every item (`objects::generator::gen_drain`). Offered each value the drained frame
/// yields: true if it took it (the frame goes on as if `next` had resumed it), false to
/// have the frame yield it as usual. It must not run Python code or reach a safepoint
/// (it runs while the generator is claimed and its frame is mid-instruction).
pub type Sink<'a> = &'a mut dyn FnMut(&mut Vm, Value) -> bool;

/// How a frame stopped running.
pub enum Exit {
    Return(Value),
    Yield(Value),
}

/// What a slow instruction asks of the loop.
pub(crate) enum Flow {
    Next,
    Yield(Value),
}

impl Vm {
    /// Run a fresh frame to completion, then release it.
    pub fn run_frame(&mut self, frame: Box<Frame>) -> PyResult {
        let r = match self.exec(&frame) {
            Ok(Exit::Return(v)) => Ok(v),
            Ok(Exit::Yield(_)) => Err(self.runtime_error("yield outside a generator frame")),
            Err(e) => Err(e),
        };
        Frame::release(self, frame);
        r
    }

    /// Run (or resume) a frame, registering it as a root while it runs.
    pub fn exec(&mut self, f: &Frame) -> PyResult<Exit> {
        self.exec_draining(f, None)
    }

    /// `exec`, with the frame's own yields offered to `sink` first (see [`Sink`]).
    pub fn exec_draining(&mut self, f: &Frame, sink: Option<Sink<'_>>) -> PyResult<Exit> {
        if self.depth >= self.recursion_limit
            || crate::vm::approx_stack_pointer() < self.stack_limit
        {
            return Err(self.recursion_error());
        }
        self.depth += 1;
        self.roots.frames.push(f as *const Frame);
        self.poll();
        let base = self.call_stack.len();
        let r = self.run(f, base, sink);
        debug_assert_eq!(self.call_stack.len(), base);
        if !f.frame_obj.get().is_null() && !matches!(r, Ok(Exit::Yield(_))) {
            // Finished: its frame object records what it needs while the caller is
            // still on the frame list (for `f_back`).
            self.detach_frame_object(f);
        }
        self.roots.frames.pop();
        self.depth -= 1;
        r
    }

    fn recursion_error(&mut self) -> PyErr {
        let t = self.rt.types.exc.recursion_error;
        self.new_exception(t, "maximum recursion depth exceeded")
    }

    /// Push the frame of an inline call (the caller's registers are written back).
    fn push_call(&mut self, fr: Box<Frame>) -> *const Frame {
        let p = &*fr as *const Frame;
        self.call_stack.push(fr);
        self.roots.frames.push(p);
        self.depth += 1;
        p
    }

    /// Pop the innermost inline call's frame and give it back.
    fn pop_call(&mut self) {
        let fr = self.call_stack.pop().expect("inline frame");
        if !fr.frame_obj.get().is_null() {
            self.detach_frame_object(&fr);
        }
        self.roots.frames.pop();
        self.depth -= 1;
        Frame::release(self, fr);
    }

    /// The loop. `entry` is the frame `exec` was given; `base` the height of
    /// `call_stack` below this loop's inline frames.
    fn run(&mut self, entry: &Frame, base: usize, mut sink: Option<Sink<'_>>) -> PyResult<Exit> {
        let entry_ptr: *const Frame = entry;
        let mut fp: *const Frame = entry_ptr;
        // SAFETY (for every `&*fp` below): `fp` is the entry frame, which outlives this
        // call, or the last box on `call_stack`, which is popped only by this loop (and
        // then `fp` moves to the frame below before any use).
        let mut f: &Frame = unsafe { &*fp };
        let mut code: &CodeObj = f.code_obj();
        let mut instrs: &[Instr] = &code.code.instrs;
        // The next instruction, as a pointer into `instrs` (one register, no bounds
        // check). SAFETY (for every read through `ip` and every `instrs.as_ptr().add`):
        // the compiler's flow check (`weft_compiler::flow::check`, enforced when code is
        // made and when a cached module is loaded) proves that every instruction control
        // can reach lies inside the code, and the loop sets `ip` only to such places:
        // a frame's saved pc, the next instruction, a jump target, a handler.
        let mut ip: *const Instr = unsafe { instrs.as_ptr().add(f.pc()) };
        let mut sp: *mut Value = f.sp_ptr();

        // The index of the instruction `ip` points at.
        macro_rules! pc {
            () => {
                // SAFETY: `ip` points into `instrs` (see above).
                unsafe { ip.offset_from(instrs.as_ptr()) as usize }
            };
        }
        // The inline cache of the instruction just dispatched (`ip` is past it).
        macro_rules! site {
            () => {{
                let i = pc!() - 1;
                // SAFETY: one site per instruction (`CodeObj::new`), and `i` is the
                // instruction running, inside the code.
                unsafe { code.sites.get_unchecked(i) }
            }};
        }
        macro_rules! jump_to {
            ($t:expr) => {
                // SAFETY: a jump target inside the code (see above).
                ip = unsafe { instrs.as_ptr().add($t as usize) }
            };
        }
        macro_rules! sync {
            () => {{
                f.set_pc(pc!());
                // SAFETY: sp stays inside the running frame's value stack (module doc).
                unsafe { f.set_sp_ptr(sp) };
            }};
        }
        macro_rules! reload {
            () => {{
                jump_to!(f.pc());
                sp = f.sp_ptr();
            }};
        }
        // Switch to frame `$p` (after a call or a return); `reload!` then loads its registers.
        macro_rules! switch_to {
            ($p:expr) => {{
                fp = $p;
                f = unsafe { &*fp };
                code = f.code_obj();
                instrs = &code.code.instrs;
            }};
        }
        macro_rules! enter {
            ($p:expr) => {{
                switch_to!($p);
                reload!();
            }};
        }
        macro_rules! push {
            ($v:expr) => {{
                let v = $v;
                debug_assert!(sp < f.stack_limit());
                // SAFETY: within the frame's value stack (module doc).
                unsafe {
                    sp.write(v);
                    sp = sp.add(1);
                }
            }};
        }
        macro_rules! pop {
            () => {{
                debug_assert!(sp > f.stack_base());
                // SAFETY: the slot below sp is a live value of this frame.
                unsafe {
                    sp = sp.sub(1);
                    sp.read()
                }
            }};
        }
        macro_rules! peek {
            ($n:expr) => {{
                debug_assert!(unsafe { sp.sub(1 + $n) } >= f.stack_base());
                // SAFETY: as pop.
                unsafe { *sp.sub(1 + $n) }
            }};
        }
        macro_rules! set_top {
            ($v:expr) => {{
                // SAFETY: as pop.
                unsafe { *sp.sub(1) = $v }
            }};
        }
        macro_rules! drop_n {
            ($n:expr) => {{
                // SAFETY: as pop, for n values.
                sp = unsafe { sp.sub($n) };
            }};
        }

        loop {
            // Run instructions until one fails; the state is written back then.
            let err: PyErr = 'dispatch: loop {
                macro_rules! fail {
                    ($e:expr) => {{
                        let e = $e;
                        sync!();
                        break 'dispatch e;
                    }};
                }
                macro_rules! tri {
                    ($r:expr) => {
                        match $r {
                            Ok(v) => v,
                            Err(e) => fail!(e),
                        }
                    };
                }
                // SAFETY: `ip` is inside the code (see above).
                let instr = unsafe { *ip };
                ip = unsafe { ip.add(1) };
                // An instruction with a fast path here whose case did not apply: run it
                // by `step_slow` on the written-back state (none of these can yield).
                macro_rules! not_fast {
                    () => {{
                        sync!();
                        tri!(self.step_slow(f, code, instr));
                        reload!();
                    }};
                }
                match instr {
                    Instr::LoadFast(i) => {
                        // SAFETY: a verified local index (`flow::verify`).
                        let v = unsafe { *f.local_unchecked(i as usize) };
                        if v.is_null() {
                            fail!(self.unbound_local(code, i));
                        }
                        push!(v);
                    }
                    Instr::StoreFast(i) => {
                        let v = pop!();
                        // SAFETY: a verified local index (`flow::verify`).
                        unsafe { *f.local_unchecked(i as usize) = v };
                    }
                    // SAFETY: a verified constant index (`flow::verify`).
                    Instr::LoadConst(i) => push!(unsafe { *code.consts.get_unchecked(i as usize) }),
                    Instr::PopTop => {
                        pop!();
                    }
                    Instr::RotTwo => {
                        let (a, b) = (peek!(1), peek!(0));
                        // SAFETY: as pop.
                        unsafe {
                            *sp.sub(2) = b;
                            *sp.sub(1) = a;
                        }
                    }
                    Instr::RotThree => {
                        let (a, b, c) = (peek!(2), peek!(1), peek!(0));
                        // SAFETY: as pop, for three slots.
                        unsafe {
                            *sp.sub(3) = c;
                            *sp.sub(2) = a;
                            *sp.sub(1) = b;
                        }
                    }
                    Instr::DupTop => push!(peek!(0)),
                    Instr::Nop => {}
                    Instr::BinaryOp(op) | Instr::InplaceOp(op) => {
                        let (a, b) = (peek!(1), peek!(0));
                        let r = match fast_int_op(a, b, op) {
                            Some(r) => r,
                            None if let Some(x) = fast_float_op(a, b, op) => {
                                tri!(self.new_float(x))
                            }
                            None if let Some(z) = crate::objects::complex::fast_binop(a, b, op) => {
                                tri!(self.new_complex(z.re, z.im))
                            }
                            None => {
                                sync!();
                                let r = if matches!(instr, Instr::BinaryOp(_)) {
                                    self.binary_op(a, b, op)
                                } else {
                                    self.inplace_op(a, b, op)
                                };
                                tri!(r)
                            }
                        };
                        drop_n!(1);
                        set_top!(r);
                    }
                    Instr::CompareOp(op) => {
                        let (a, b) = (peek!(1), peek!(0));
                        let r = match (a.as_small_int(), b.as_small_int()) {
                            (Some(x), Some(y)) => Value::bool(match op {
                                CmpOp::Lt => x < y,
                                CmpOp::Le => x <= y,
                                CmpOp::Eq => x == y,
                                CmpOp::Ne => x != y,
                                CmpOp::Gt => x > y,
                                CmpOp::Ge => x >= y,
                            }),
                            _ => match fast_float_cmp(a, b, op).or_else(|| fast_str_eq(a, b, op)) {
                                Some(r) => Value::bool(r),
                                None => {
                                    sync!();
                                    tri!(self.rich_compare(a, b, op))
                                }
                            },
                        };
                        drop_n!(1);
                        set_top!(r);
                    }
                    Instr::UnpackSequence(n) => {
                        // A tuple or list of exactly n items (the usual `a, b = t`): its
                        // items straight onto the stack, last first.
                        let seq = peek!(0);
                        let n = n as usize;
                        if let Some(t) = seq.downcast::<TupleData>()
                            && t.0.len() == n
                        {
                            drop_n!(1);
                            for &v in t.0.iter().rev() {
                                push!(v);
                            }
                        } else if let Some(view) = seq.downcast::<ListData>().map(|l| l.view())
                            && view.len() == n
                        {
                            drop_n!(1);
                            for i in (0..n).rev() {
                                push!(view.get(i).unwrap_or(Value::NONE));
                            }
                        } else {
                            not_fast!();
                        }
                    }
                    Instr::BuildTuple(n) => {
                        let n = n as usize;
                        sync!();
                        // SAFETY: the top n slots are live values, rooted by the frame
                        // (its stack pointer was written back) while the tuple is made.
                        let items = unsafe { std::slice::from_raw_parts(sp.sub(n), n) };
                        let t = tri!(self.new_tuple_from(items));
                        drop_n!(n);
                        push!(t);
                    }
                    Instr::ListAppend(n) => {
                        // The compiler puts a list n slots below (a comprehension's).
                        let v = peek!(0);
                        match peek!(n as usize).downcast::<ListData>() {
                            Some(l) => {
                                l.push(v);
                                drop_n!(1);
                            }
                            None => {
                                not_fast!();
                            }
                        }
                    }
                    Instr::GetIter => {
                        let v = peek!(0);
                        sync!();
                        let it = tri!(self.iter(v));
                        set_top!(it);
                    }
                    Instr::LoadDeref(i) => {
                        sync!();
                        let v = tri!(self.load_deref(f, code, i));
                        push!(v);
                    }
                    Instr::ContainsOp(neg) => {
                        let (a, b) = (peek!(1), peek!(0));
                        sync!();
                        let r = tri!(self.contains(b, a));
                        drop_n!(1);
                        set_top!(Value::bool(r != neg));
                    }
                    Instr::BuildSlice(n) => {
                        // `l[i:j:k]` read or `l[i:j] = m` stored on an exact list (or read
                        // from a tuple) with int-or-None bounds: done here, with no slice
                        // object, and the subscript instruction that follows is skipped.
                        let n = n as usize;
                        let step = if n == 3 { peek!(0) } else { Value::NONE };
                        let (start, stop) = (peek!(n - 1), peek!(n - 2));
                        // SAFETY: `ip` is the next instruction, inside the code (a
                        // BuildSlice is never last).
                        let next = unsafe { *ip };
                        let bounds = slice_bounds(start, stop, step);
                        if let Some((s, e, st)) = bounds
                            && matches!(next, Instr::BinarySubscr)
                            && let o = peek!(n)
                            && (o.is::<ListData>() || o.is::<TupleData>())
                        {
                            sync!();
                            let r = if o.is::<ListData>() {
                                crate::ops::containers::mutable_slice(self, o, s, e, st)
                            } else {
                                let len = o.downcast::<TupleData>().map_or(0, |t| t.0.len());
                                let (a, b, st) =
                                    crate::ops::containers::slice_adjust(s, e, st, len);
                                crate::ops::containers::seq_slice(self, o, a, b, st)
                            };
                            let r = tri!(r);
                            drop_n!(n);
                            set_top!(r);
                            // SAFETY: the BinarySubscr just read is inside the code.
                            ip = unsafe { ip.add(1) };
                        } else if let Some((s, e, 1)) = bounds
                            && n == 2
                            && matches!(next, Instr::StoreSubscr)
                            && let Some(l) = peek!(2).downcast::<ListData>()
                            && let Some(items) = exact_items(peek!(3))
                        {
                            sync!();
                            tri!(crate::ops::containers::list_assign_slice(
                                self, l, s, e, 1, items
                            ));
                            drop_n!(4);
                            // SAFETY: as above.
                            ip = unsafe { ip.add(1) };
                        } else {
                            not_fast!();
                        }
                    }
                    Instr::IsOp(neg) => {
                        let (a, b) = (peek!(1), peek!(0));
                        drop_n!(1);
                        set_top!(Value::bool((a == b) != neg));
                    }
                    Instr::Jump(t) => {
                        let from = ip;
                        jump_to!(t);
                        if ip < from {
                            // A backward jump (a loop): the poll.
                            if self.poll_needed() {
                                sync!();
                                self.poll();
                                tri!(self.handle_signals());
                            }
                        }
                    }
                    Instr::PopJumpIfFalse(t) | Instr::PopJumpIfTrue(t) => {
                        let v = peek!(0);
                        let b = match v {
                            Value::TRUE => true,
                            Value::FALSE => false,
                            _ => {
                                sync!();
                                tri!(self.truthy(v))
                            }
                        };
                        drop_n!(1);
                        if b == matches!(instr, Instr::PopJumpIfTrue(_)) {
                            jump_to!(t);
                        }
                    }
                    Instr::LoadGlobal(i) => {
                        // SAFETY: a verified name index (`flow::verify`).
                        let name = unsafe { *code.names.get_unchecked(i as usize) };
                        sync!();
                        let site = &site!().a;
                        let v = tri!(self.load_global_cached(site, f.globals, f.builtins, name));
                        push!(v);
                    }
                    Instr::LoadAttr(i) => {
                        // SAFETY: a verified name index (`flow::verify`).
                        let name = unsafe { *code.names.get_unchecked(i as usize) };
                        let obj = peek!(0);
                        let site = site!();
                        let v = match site.load_attr(obj, name) {
                            Some(v) => v,
                            None => {
                                sync!();
                                self.fill_load_attr(site, obj, name);
                                tri!(self.getattr(obj, name))
                            }
                        };
                        set_top!(v);
                    }
                    Instr::LoadMethod(i) => {
                        // SAFETY: a verified name index (`flow::verify`).
                        let name = unsafe { *code.names.get_unchecked(i as usize) };
                        let obj = peek!(0);
                        let site = site!();
                        let (m, v) = match site.load_method(obj, name) {
                            Some(mv) => mv,
                            None => {
                                sync!();
                                self.fill_load_method(site, obj, name);
                                tri!(self.load_method(obj, name))
                            }
                        };
                        set_top!(m);
                        push!(v);
                    }
                    Instr::StoreAttr(i) => {
                        // SAFETY: a verified name index (`flow::verify`).
                        let name = unsafe { *code.names.get_unchecked(i as usize) };
                        let (obj, v) = (peek!(0), peek!(1));
                        let site = site!();
                        if !site.store_attr(obj, v) {
                            sync!();
                            tri!(self.setattr(obj, name, v));
                            self.fill_store_attr(site, obj, name);
                        }
                        drop_n!(2);
                    }
                    Instr::BinarySubscr => {
                        let (o, k) = (peek!(1), peek!(0));
                        let r = match fast_subscr(o, k) {
                            Some(r) => r,
                            None if o.is::<DictData>() => {
                                // An exact dict has no `__missing__`: look up, or KeyError.
                                sync!();
                                match tri!(self.dict_get(o, k)) {
                                    Some(v) => v,
                                    None => fail!(self.key_error(k)),
                                }
                            }
                            None => {
                                sync!();
                                tri!(self.getitem(o, k))
                            }
                        };
                        drop_n!(1);
                        set_top!(r);
                    }
                    Instr::StoreSubscr => {
                        let (v, o, k) = (peek!(2), peek!(1), peek!(0));
                        if !fast_store_subscr(o, k, v) {
                            sync!();
                            if o.is::<DictData>() {
                                tri!(self.dict_set(o, k, v));
                            } else {
                                tri!(self.setitem(o, k, v));
                            }
                        }
                        drop_n!(3);
                    }
                    Instr::ForIter(t) => {
                        let it = peek!(0);
                        if let Some(r) = it.downcast::<RangeIter>() {
                            match range_step(r, self.thread_id) {
                                Some(Some(v)) => {
                                    push!(v);
                                    continue;
                                }
                                Some(None) => {
                                    drop_n!(1);
                                    jump_to!(t);
                                    continue;
                                }
                                None => {}
                            }
                        } else if let Some(v) =
                            seq_iter_step(it, &self.rt.small_strs, self.thread_id)
                        {
                            push!(v);
                            continue;
                        }
                        sync!();
                        match tri!(self.next(it)) {
                            Some(v) => push!(v),
                            None => {
                                drop_n!(1);
                                jump_to!(t);
                            }
                        }
                    }
                    Instr::ReturnValue => {
                        let mut v = pop!();
                        if std::ptr::eq(fp, entry_ptr) {
                            sync!();
                            return Ok(Exit::Return(v));
                        }
                        let init_self = f.init_self;
                        self.pop_call();
                        enter!(self.current_frame(entry_ptr, base));
                        if !init_self.is_null() {
                            // `C(...)` returns the instance its `__init__` filled in.
                            if !v.is_none() {
                                fail!(self.init_returned(v));
                            }
                            v = init_self;
                        }
                        push!(v);
                    }
                    Instr::CallFunction(n) => {
                        let n = n as usize;
                        let callee = peek!(n);
                        // SAFETY: the n arguments are the top n live stack slots.
                        let args = unsafe { std::slice::from_raw_parts(sp.sub(n), n) };
                        sync!();
                        if let Some(b) = callee.downcast::<BuiltinFn>() {
                            // A native: called right here (no `Call` to build and match).
                            let r = tri!(self.call_native_now(b, args));
                            drop_n!(n + 1);
                            push!(r);
                            continue;
                        }
                        match tri!(self.start_call(callee, None, args, &[])) {
                            Call::Frame(p) => {
                                // The callee's frame holds the function and the arguments.
                                drop_n!(n + 1);
                                // SAFETY: as in sync!.
                                unsafe { f.set_sp_ptr(sp) };
                                enter!(p);
                                tri!(self.enter_poll());
                            }
                            Call::Done(r) => {
                                drop_n!(n + 1);
                                push!(r);
                            }
                        }
                    }
                    Instr::CallMethod(n) => {
                        let n = n as usize;
                        let m = peek!(n + 1);
                        sync!();
                        let call = if m.is_null() {
                            let callee = peek!(n);
                            // SAFETY: the n arguments are the top n live stack slots.
                            let args = unsafe { std::slice::from_raw_parts(sp.sub(n), n) };
                            self.start_call(callee, None, args, &[])
                        } else {
                            // SAFETY: self and the n arguments are the top n + 1 slots.
                            let args = unsafe { std::slice::from_raw_parts(sp.sub(n + 1), n + 1) };
                            if let Some(b) = m.downcast::<BuiltinFn>() {
                                // A native method (`l.append(x)`): called right here.
                                let r = tri!(self.call_native_now(b, args));
                                drop_n!(n + 2);
                                push!(r);
                                continue;
                            }
                            self.start_call(m, None, args, &[])
                        };
                        match tri!(call) {
                            Call::Frame(p) => {
                                drop_n!(n + 2);
                                // SAFETY: as in sync!.
                                unsafe { f.set_sp_ptr(sp) };
                                enter!(p);
                                tri!(self.enter_poll());
                            }
                            Call::Done(r) => {
                                drop_n!(n + 2);
                                push!(r);
                            }
                        }
                    }
                    Instr::CallFunctionKw(n) => {
                        let n = n as usize;
                        let names = peek!(0);
                        let names = names.downcast::<TupleData>().expect("kw names");
                        let nkw = names.0.len();
                        let callee = peek!(n + 1);
                        // SAFETY: the n arguments are below the names tuple.
                        let all = unsafe { std::slice::from_raw_parts(sp.sub(n + 1), n) };
                        let kw: smallvec::SmallVec<[(Value, Value); 4]> = names
                            .0
                            .iter()
                            .copied()
                            .zip(all[n - nkw..].iter().copied())
                            .collect();
                        sync!();
                        match tri!(self.start_call(callee, None, &all[..n - nkw], &kw)) {
                            Call::Frame(p) => {
                                drop_n!(n + 2);
                                // SAFETY: as in sync!.
                                unsafe { f.set_sp_ptr(sp) };
                                enter!(p);
                                tri!(self.enter_poll());
                            }
                            Call::Done(r) => {
                                drop_n!(n + 2);
                                push!(r);
                            }
                        }
                    }
                    Instr::YieldValue => {
                        // Generator frames run only as an `exec` entry, never inline.
                        debug_assert!(std::ptr::eq(fp, entry_ptr));
                        let v = pop!();
                        sync!();
                        if let Some(take) = sink.as_deref_mut()
                            && take(self, v)
                        {
                            // Taken: go on as `next` would resume it (sending None).
                            push!(Value::NONE);
                            continue;
                        }
                        return Ok(Exit::Yield(v));
                    }
                    // Every other instruction, named (an exhaustive match compiles to a jump
                    // table with no range check).
                    other @ (Instr::RotFour
                    | Instr::DupTopTwo
                    | Instr::DeleteFast(_)
                    | Instr::LoadName(_)
                    | Instr::StoreName(_)
                    | Instr::DeleteName(_)
                    | Instr::StoreGlobal(_)
                    | Instr::DeleteGlobal(_)
                    | Instr::StoreDeref(_)
                    | Instr::DeleteDeref(_)
                    | Instr::LoadClosure(_)
                    | Instr::LoadClassDeref(_)
                    | Instr::LoadLocals
                    | Instr::LoadFromDictOrGlobals(_)
                    | Instr::DeleteAttr(_)
                    | Instr::DeleteSubscr
                    | Instr::UnaryOp(_)
                    | Instr::BuildList(_)
                    | Instr::BuildSet(_)
                    | Instr::BuildMap(_)
                    | Instr::BuildConstKeyMap(_)
                    | Instr::BuildString(_)
                    | Instr::SetAdd(_)
                    | Instr::MapAdd(_)
                    | Instr::ListExtend(_)
                    | Instr::CallStarExtend
                    | Instr::SetUpdate(_)
                    | Instr::DictUpdate(_)
                    | Instr::DictMerge(_)
                    | Instr::ListToTuple
                    | Instr::UnpackEx(_)
                    | Instr::FormatValue(_)
                    | Instr::JumpIfFalseOrPop(_)
                    | Instr::JumpIfTrueOrPop(_)
                    | Instr::JumpIfNotExcMatch(_)
                    | Instr::CheckEgMatch(_)
                    | Instr::PrepReraiseStar
                    | Instr::CallFunctionEx(_)
                    | Instr::MakeFunction(_)
                    | Instr::LoadBuildClass
                    | Instr::SetupFinally(_)
                    | Instr::PopBlock
                    | Instr::PopExcept
                    | Instr::Reraise
                    | Instr::RaiseVarargs(_)
                    | Instr::LoadAssertionError
                    | Instr::BeforeWith
                    | Instr::WithExceptStart
                    | Instr::ImportName(_)
                    | Instr::ImportFrom(_)
                    | Instr::ImportStar
                    | Instr::GetYieldFromIter
                    | Instr::YieldFrom
                    | Instr::PrintExpr
                    | Instr::GetAwaitable(_)
                    | Instr::GetAiter
                    | Instr::GetAnext
                    | Instr::EndAsyncFor
                    | Instr::BeforeAsyncWith
                    | Instr::AsyncWithExceptStart
                    | Instr::AsyncGenWrap
                    | Instr::GetLen
                    | Instr::MatchSequence
                    | Instr::MatchMapping
                    | Instr::MatchKeys
                    | Instr::CopyDictWithoutKeys
                    | Instr::MatchClass(_)
                    | Instr::BuildInterpolation
                    | Instr::BuildTemplate(_)) => {
                        sync!();
                        match self.step_slow(f, code, other) {
                            Ok(Flow::Next) => reload!(),
                            Ok(Flow::Yield(v)) => {
                                debug_assert!(std::ptr::eq(fp, entry_ptr));
                                return Ok(Exit::Yield(v));
                            }
                            Err(e) => break 'dispatch e,
                        }
                    }
                }
            };
            // An instruction failed; the registers are written back. Find a handler in
            // this frame, or unwind inline frames until one has one.
            // (pc 0: the poll at a function's entry raised, e.g. KeyboardInterrupt.)
            let failed = f.pc().checked_sub(1).map(|p| instrs[p]);
            let mut add_tb = !matches!(
                failed,
                Some(Instr::Reraise | Instr::RaiseVarargs(0) | Instr::EndAsyncFor)
            );
            let mut e = err;
            loop {
                match self.handle_error(f, e, add_tb) {
                    Ok(()) => {
                        reload!();
                        break;
                    }
                    Err(e2) => {
                        if std::ptr::eq(fp, entry_ptr) {
                            return Err(e2);
                        }
                        self.pop_call();
                        switch_to!(self.current_frame(entry_ptr, base));
                        e = e2;
                        add_tb = true;
                    }
                }
            }
        }
    }

    /// The frame the loop runs after a pop: the innermost inline frame, or the entry.
    #[inline]
    fn current_frame(&self, entry: *const Frame, base: usize) -> *const Frame {
        if self.call_stack.len() > base {
            &**self.call_stack.last().expect("frame") as *const Frame
        } else {
            entry
        }
    }

    /// The poll at a function's entry (also a recursion check of the native stack is not
    /// needed: inline calls use none).
    #[inline]
    fn enter_poll(&mut self) -> PyResult<()> {
        if self.poll_needed() {
            self.poll();
            self.handle_signals()?;
        }
        Ok(())
    }

    /// `b(*args)` for a native called from the loop with positional arguments: the
    /// specialised answers of `fast_calls` first, then the native itself (a bound one,
    /// `l.append` kept in a variable, with its receiver first).
    #[inline]
    fn call_native_now(
        &mut self,
        b: &crate::objects::builtin_fn::BuiltinFn,
        args: &[Value],
    ) -> PyResult {
        if let Some(r) = self.fast_native_call(b, args) {
            return Ok(r);
        }
        if b.this.is_null() {
            (b.f)(self, args, &[])
        } else {
            (b.f)(self, &crate::ops::call::prepend(b.this, args), &[])
        }
    }

    /// Start calling `callee(*args, **kwargs)` from the loop: a Python function gets a
    /// frame pushed for the loop to run (`Call::Frame`); anything else is called now
    /// (`Call::Done`). The caller's registers are written back; `args` stay on its stack
    /// until this returns.
    #[inline]
    fn start_call(
        &mut self,
        callee: Value,
        this: Option<Value>,
        args: &[Value],
        kwargs: &[(Value, Value)],
    ) -> PyResult<Call> {
        if let Some(b) = callee.downcast::<crate::objects::builtin_fn::BuiltinFn>()
            && this.is_none()
        {
            // A native function or an unbound method descriptor: called straight away
            // (a few answered here: `fast_calls`); a bound one (`l.append` kept in a
            // variable) with its receiver first.
            if kwargs.is_empty()
                && let Some(r) = self.fast_native_call(b, args)
            {
                return Ok(Call::Done(r));
            }
            return if b.this.is_null() {
                (b.f)(self, args, kwargs)
            } else {
                (b.f)(self, &crate::ops::call::prepend(b.this, args), kwargs)
            }
            .map(Call::Done);
        }
        let mut init_self = Value::NULL;
        let init_fn;
        let call_fn;
        let (func, fd, this) = match callee.downcast::<FunctionData>() {
            Some(fd) => (callee, fd, this),
            None => match callee.downcast::<BoundMethod>() {
                Some(m) if this.is_none() && m.func.is::<FunctionData>() => {
                    let fd = m.func.downcast::<FunctionData>().expect("function");
                    (m.func, fd, Some(m.this))
                }
                _ => match self.plain_instance(callee)? {
                    Some((inst, init)) => {
                        init_self = inst;
                        init_fn = init;
                        let fd = init_fn.downcast::<FunctionData>().expect("function");
                        (init_fn, fd, Some(inst))
                    }
                    None => match self.instance_call_fn(callee) {
                        // An instance whose class defines `__call__` in Python: that
                        // function runs inline with the instance as its self.
                        Some(f) if this.is_none() => {
                            call_fn = f;
                            let fd = call_fn.downcast::<FunctionData>().expect("function");
                            (call_fn, fd, Some(callee))
                        }
                        _ => return self.call(callee, args, kwargs).map(Call::Done),
                    },
                },
            },
        };
        let code_val = fd.code.load();
        let code = code_val.downcast::<CodeObj>().expect("code");
        if code.code.flags & code_flags::GENERATOR != 0 {
            return self.call(callee, args, kwargs).map(Call::Done);
        }
        if self.depth >= self.recursion_limit {
            return Err(self.recursion_error());
        }
        let frame = Frame::new(self, func, fd, code_val, code);
        let simple =
            kwargs.is_empty() && code.simple_argc as usize == args.len() + this.is_some() as usize;
        let bound = match this {
            None if simple => {
                crate::frame::copy_args(&mut frame.locals()[..args.len()], args);
                Ok(())
            }
            None => self.bind_args(&frame, fd, code, args, kwargs),
            Some(t) if simple => {
                let locals = frame.locals();
                locals[0] = t;
                crate::frame::copy_args(&mut locals[1..=args.len()], args);
                Ok(())
            }
            Some(t) => {
                let full = crate::ops::call::prepend(t, args);
                self.bind_args(&frame, fd, code, &full, kwargs)
            }
        };
        if let Err(e) = bound {
            Frame::release(self, frame);
            return Err(e);
        }
        let mut frame = frame;
        frame.init_self = init_self;
        Ok(Call::Frame(self.push_call(frame)))
    }

    /// The `__call__` of `v` when `v` is an instance of a Python class and that method
    /// is a Python function (called inline by `start_call`); None otherwise.
    fn instance_call_fn(&mut self, v: Value) -> Option<Value> {
        if !v.is::<crate::objects::instance::InstanceData>() {
            return None;
        }
        let ty = self.type_of(v);
        let name = self.rt.names.call;
        let f = crate::types::lookup_in_mro(self, ty, name)?;
        f.is::<FunctionData>().then_some(f)
    }

    /// For `cls(...)` where `cls` is a plain Python class (metaclass `type`, `object`'s
    /// `__new__`, no built-in base) whose `__init__` is a Python function: a new instance
    /// and that `__init__`, for the loop to run inline. None: take the general path.
    fn plain_instance(&mut self, cls: Value) -> PyResult<Option<(Value, Value)>> {
        use crate::objects::builtin_fn::BuiltinFn;
        use crate::objects::typeobj::{Layout, TypeData};
        let Some(td) = cls.downcast::<TypeData>() else {
            return Ok(None);
        };
        if !td.is_user
            || td.layout != Layout::Instance
            || !td.builtin_base.is_null()
            || self.type_of(cls) != self.rt.types.type_
        {
            return Ok(None);
        }
        let (new, init) = (self.rt.names.new, self.rt.names.init);
        let builtin_new =
            crate::types::lookup_in_mro(self, cls, new).is_some_and(|f| f.is::<BuiltinFn>());
        let Some(init) = crate::types::lookup_in_mro(self, cls, init) else {
            return Ok(None);
        };
        let plain_init = init.downcast::<FunctionData>().is_some_and(|fd| {
            fd.code
                .load()
                .downcast::<CodeObj>()
                .is_some_and(|c| c.code.flags & code_flags::GENERATOR == 0)
        });
        if !builtin_new || !plain_init {
            return Ok(None);
        }
        let inst = crate::class::object_new(self, cls, &[], &[])?;
        Ok(Some((inst, init)))
    }

    fn init_returned(&mut self, v: Value) -> PyErr {
        let tn = self.type_name(v);
        self.type_error(format!("__init__() should return None, not '{tn}'"))
    }

    /// Record the exception in the traceback and find a handler in this frame; Err if
    /// there is none (the frame then exits with the exception).
    pub(crate) fn handle_error(&mut self, f: &Frame, e: PyErr, add_tb: bool) -> PyResult<()> {
        if let Some(x) = e.0.downcast::<ExcData>()
            && add_tb
        {
            // Allocation never collects, so `e` needs no root here. Without memory for
            // the entry, the exception goes on without it.
            if let Ok(fo) = self.frame_object(f) {
                let lasti = f.pc().saturating_sub(1) as u32;
                if let Ok(tb) = self.new_traceback(fo, f.line(), lasti, x.traceback.load()) {
                    x.traceback.store(tb);
                }
            }
            let handled = self.roots.handled;
            let mut ctx = x.context.lock();
            if ctx.is_null() && !handled.is_null() && handled != e.0 {
                *ctx = handled;
            }
        }
        loop {
            let Some(b) = f.blocks().pop() else {
                return Err(e);
            };
            match b.kind {
                BlockKind::ExceptHandler => {
                    self.roots.handled = b.prev_handled;
                    f.truncate(b.level as usize);
                }
                BlockKind::Finally => {
                    f.truncate(b.level as usize);
                    let prev = self.roots.handled;
                    f.blocks().push(Block {
                        kind: BlockKind::ExceptHandler,
                        handler: 0,
                        level: b.level,
                        prev_handled: prev,
                    });
                    self.roots.handled = e.0;
                    f.push(e.0);
                    f.set_pc(b.handler as usize);
                    if self.err_is(&e, self.rt.types.exc.memory_error) {
                        // The frames the MemoryError left are garbage now: collect
                        // them before the handler allocates. A safepoint, as at a
                        // call (the exception is on this frame's stack).
                        self.rt.heap.request_collect();
                        self.poll();
                    }
                    return Ok(());
                }
            }
        }
    }

    fn unbound_local(&mut self, code: &CodeObj, i: u32) -> PyErr {
        let n = crate::helpers::as_str(&code.varnames[i as usize])
            .unwrap_or("?")
            .to_string();
        let t = self.rt.types.exc.unbound_local_error;
        self.new_exception(
            t,
            &format!("cannot access local variable '{n}' where it is not associated with a value"),
        )
    }
}

/// What `start_call` did.
enum Call {
    /// A Python frame was pushed: the loop runs it next.
    Frame(*const Frame),
    /// The call is over: its result.
    Done(Value),
}

/// The next item of an iterator over an exact list, tuple or str, when there is one and
/// it needs no allocation (the end, other characters and other kinds go the full way).
/// `small_strs` are the cached one-character strs (`Runtime::small_strs`); `me` is this
/// thread's id: a position another thread owns is left to the full way, which shares
/// it first (`weft_core::biased`).
#[inline]
fn seq_iter_step(it: Value, small_strs: &[Value], me: u32) -> Option<Value> {
    let s = it.downcast::<crate::objects::iter::SeqIter>()?;
    if !s.index.may_step(me) {
        return None;
    }
    let at = s.index.load();
    let i = at as usize;
    let v = if let Some(l) = s.seq.downcast::<crate::objects::list::ListData>() {
        l.get(i)?
    } else if let Some(t) = s.seq.downcast::<TupleData>() {
        *t.0.get(i)?
    } else {
        // A str iterator's index is a byte offset (`ops::containers`): an ASCII byte
        // there is a whole character, whose str is cached.
        let st = s.seq.downcast::<crate::objects::str::StrData>()?;
        let b = *st.as_str().as_bytes().get(i)?;
        if !b.is_ascii() {
            return None;
        }
        *small_strs.get(1 + b as usize)?
    };
    // Shared by threads: another thread took item i first (`builtin_next` retries).
    s.index.advance(me, at, at + 1).then_some(v)
}

/// The next value of a range iterator when it is a small int (`Some(None)`: exhausted);
/// None: leave it to the generic path (a value past the small-int range, or a position
/// another thread owns).
#[inline]
fn range_step(r: &RangeIter, me: u32) -> Option<Option<Value>> {
    if !r.next.may_step(me) {
        return None;
    }
    let at = r.next.load();
    let n = at as i64;
    let more = if r.step > 0 { n < r.stop } else { n > r.stop };
    if !more {
        return Some(None);
    }
    let v = Value::small_int(n)?;
    let next = n.checked_add(r.step).unwrap_or(r.stop);
    // Shared by threads: when another thread stepped first, the generic path retries.
    r.next.advance(me, at, next as u64).then_some(Some(v))
}

/// Two float operands: floats, or a float and a small int that a float holds exactly
/// (so comparisons stay exact).
#[inline]
fn float_pair(a: Value, b: Value) -> Option<(f64, f64)> {
    let exact = |v: Value| {
        v.as_small_int()
            .filter(|i| i.unsigned_abs() <= 1 << 53)
            .map(|i| i as f64)
    };
    match (
        crate::objects::float::float_of(a),
        crate::objects::float::float_of(b),
    ) {
        (Some(x), Some(y)) => Some((x, y)),
        (Some(x), None) => Some((x, exact(b)?)),
        (None, Some(y)) => Some((exact(a)?, y)),
        (None, None) => None,
    }
}

/// Float arithmetic that cannot fail (division by zero and `**` take the generic path);
/// also `int / int` between small ints, exact as CPython's when both fit in 53 bits.
#[inline]
fn fast_float_op(a: Value, b: Value, op: BinOp) -> Option<f64> {
    if op == BinOp::TrueDiv
        && let (Some(x), Some(y)) = (a.as_small_int(), b.as_small_int())
    {
        const EXACT: i64 = 1 << 53;
        return (y != 0 && x.abs() <= EXACT && y.abs() <= EXACT).then(|| x as f64 / y as f64);
    }
    let (x, y) = float_pair(a, b)?;
    match op {
        BinOp::Add => Some(x + y),
        BinOp::Sub => Some(x - y),
        BinOp::Mul => Some(x * y),
        BinOp::TrueDiv if y != 0.0 => Some(x / y),
        _ => None,
    }
}

#[inline]
fn fast_float_cmp(a: Value, b: Value, op: CmpOp) -> Option<bool> {
    let (x, y) = float_pair(a, b)?;
    Some(match op {
        CmpOp::Lt => x < y,
        CmpOp::Le => x <= y,
        CmpOp::Eq => x == y,
        CmpOp::Ne => x != y,
        CmpOp::Gt => x > y,
        CmpOp::Ge => x >= y,
    })
}

/// Small-int arithmetic without leaving the loop; None when it does not apply.
#[inline]
fn fast_int_op(a: Value, b: Value, op: BinOp) -> Option<Value> {
    let (x, y) = (a.as_small_int()?, b.as_small_int()?);
    let r = match op {
        BinOp::Add => x.checked_add(y)?,
        BinOp::Sub => x.checked_sub(y)?,
        BinOp::Mul => x.checked_mul(y)?,
        BinOp::And => x & y,
        BinOp::Or => x | y,
        BinOp::Xor => x ^ y,
        BinOp::FloorDiv if y != 0 => x.div_euclid(y) - i64::from(x.rem_euclid(y) != 0 && y < 0),
        BinOp::Mod if y != 0 => {
            let m = x % y;
            if m != 0 && ((m < 0) != (y < 0)) {
                m + y
            } else {
                m
            }
        }
        _ => return None,
    };
    Value::small_int(r)
}

/// A list or tuple (exact types) item at a small-int index, Python's negative indices
/// included; None when the full `getitem` must answer (other kinds, out of range).
#[inline]
fn fast_subscr(o: Value, k: Value) -> Option<Value> {
    let i = k.as_small_int()?;
    if let Some(l) = o.downcast::<crate::objects::list::ListData>() {
        let i = if i < 0 { i + l.len() as i64 } else { i };
        return l.get(usize::try_from(i).ok()?);
    }
    if let Some(t) = o.downcast::<TupleData>() {
        let i = if i < 0 { i + t.0.len() as i64 } else { i };
        return t.0.get(usize::try_from(i).ok()?).copied();
    }
    let b = o
        .downcast::<crate::objects::bytes::ByteArrayData>()?
        .0
        .lock();
    let i = if i < 0 { i + b.len() as i64 } else { i };
    Value::small_int(*b.get(usize::try_from(i).ok()?)? as i64)
}

/// `o[k] = v` for an exact list and a small-int index in range; false when nothing was
/// stored (the full `setitem` then runs, and raises if it must).
#[inline]
fn fast_store_subscr(o: Value, k: Value, v: Value) -> bool {
    let Some(i) = k.as_small_int() else {
        return false;
    };
    let Some(l) = o.downcast::<crate::objects::list::ListData>() else {
        return fast_store_bytearray(o, i, v);
    };
    let mut w = l.write();
    let n = w.len() as i64;
    let i = if i < 0 { i + n } else { i };
    if !(0..n).contains(&i) {
        return false;
    }
    w.set(i as usize, v);
    true
}

/// A slice's bounds when each is None or a small int and the step is not zero.
#[inline]
fn slice_bounds(start: Value, stop: Value, step: Value) -> Option<(Option<i64>, Option<i64>, i64)> {
    let bound = |v: Value| {
        if v.is_none() {
            Some(None)
        } else {
            v.as_small_int().map(Some)
        }
    };
    let st = match bound(step)? {
        None => 1,
        Some(0) => return None,
        Some(k) => k,
    };
    Some((bound(start)?, bound(stop)?, st))
}

/// The items of an exact list or tuple, copied (what `l[i:j] = m` assigns).
#[inline]
fn exact_items(v: Value) -> Option<Vec<Value>> {
    if let Some(l) = v.downcast::<ListData>() {
        return Some(l.snapshot());
    }
    v.downcast::<TupleData>().map(|t| t.0.to_vec())
}

/// `b[i] = v` for an exact bytearray, an index in range and a small int 0..=255; false
/// when nothing was stored.
#[inline]
fn fast_store_bytearray(o: Value, i: i64, v: Value) -> bool {
    let (Some(b), Some(x)) = (
        o.downcast::<crate::objects::bytes::ByteArrayData>(),
        v.as_small_int().and_then(|x| u8::try_from(x).ok()),
    ) else {
        return false;
    };
    let mut g = b.0.lock();
    let n = g.len() as i64;
    let i = if i < 0 { i + n } else { i };
    if !(0..n).contains(&i) {
        return false;
    }
    g[i as usize] = x;
    true
}

/// `==`/`!=` between two exact strs, by identity or text; None for anything else.
#[inline]
fn fast_str_eq(a: Value, b: Value, op: CmpOp) -> Option<bool> {
    let eq = match op {
        CmpOp::Eq => true,
        CmpOp::Ne => false,
        _ => return None,
    };
    let (x, y) = (
        a.downcast::<crate::objects::str::StrData>()?,
        b.downcast::<crate::objects::str::StrData>()?,
    );
    Some((a == b || x.text_eq(y)) == eq)
}
