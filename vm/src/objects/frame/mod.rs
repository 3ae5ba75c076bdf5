//! Frame objects: what `sys._getframe()`, `traceback.tb_frame` and `f_back` hand to Python.
//!
//! A running frame (`crate::frame::Frame`) lives on its thread's data stack or in a
//! generator. It gets a heap `FrameObj` only when Python asks for one; the frame then
//! keeps that object (`Frame::frame_obj`) so every request gets the same one.
//!
//! # Live, then finished
//! While its frame runs, the object reads it live (`f_lineno`, `f_locals`, `f_back`), but
//! only on the frame's own thread (`owner`): other threads see what it recorded last. When
//! the frame is released (`Frame::release` calls [`Vm::detach_frame_object`]) the object
//! takes what it needs to go on answering: its locals as a dict, the line it stopped at,
//! and its caller's frame object. Release happens on the owning thread, so `live` is
//! either null or the running frame whenever the owner reads it.
//!
//! `f_locals` is the namespace dict of a module or class body, and a write-through
//! `FrameLocalsProxy` (`locals_proxy.rs`) for a function's frame.
pub mod locals_proxy;
use crate::frame::Frame;
use crate::native::NativeDef;
use crate::payload;
use crate::value::{AtomicValue, Value};
use crate::vm::{PyResult, Vm};
use std::sync::atomic::Ordering::{Acquire, Relaxed, Release};
use std::sync::atomic::{AtomicPtr, AtomicU32};
use weft_macros::native;

#[derive(crate::trace::Trace)]
pub struct FrameObj {
    #[unsafe_untraced = "the running frame, traced as a thread root; null once released"]
    live: AtomicPtr<Frame>,
    /// The thread the frame runs on (`Vm::thread_key`).
    owner: u64,
    pub code: Value,
    pub globals: Value,
    pub builtins: Value,
    /// Once the frame has finished: its locals (a dict). NULL before.
    locals: AtomicValue,
    /// The line and instruction it was at when last seen (exact once finished).
    lineno: AtomicU32,
    lasti: AtomicU32,
    /// Once finished: the caller's frame object, or None.
    back: AtomicValue,
    /// A module or class body's namespace (what `f_locals` returns); NULL for a
    /// function's frame.
    ns: Value,
    /// Keys written through `f_locals` that are not the code's variables (NULL until
    /// the first); the snapshot takes them when the frame finishes.
    extra: AtomicValue,
    /// The generator (or coroutine) whose suspended frame this object shows (its
    /// `gi_frame`), NULL for any other frame: while the generator stays suspended,
    /// `f_locals` reads and writes that frame's slots (`locals_proxy.rs`).
    suspended: AtomicValue,
}
payload!(FrameObj, "frame");

impl FrameObj {
    /// The running frame, if it is still running and this is its thread.
    fn live(&self, vm: &Vm) -> Option<&Frame> {
        if self.owner != vm.thread_key() {
            return None;
        }
        let p = self.live.load(Acquire);
        // SAFETY: on the owning thread a non-null pointer is a frame still running
        // (release clears it on this same thread before the frame goes away).
        (!p.is_null()).then(|| unsafe { &*p })
    }
}

impl Vm {
    /// A key for this thread, unique among running threads (frame objects' `owner`).
    #[inline]
    pub fn thread_key(&self) -> u64 {
        &*self.roots as *const crate::vm::ThreadRoots as u64
    }

    /// The frame object of a running frame of this thread (made on first request).
    pub fn frame_object(&mut self, f: &Frame) -> PyResult {
        if !f.frame_obj.get().is_null() {
            return Ok(f.frame_obj.get());
        }
        let ty = self.rt.types.frame;
        let line = f.line();
        let fo = self.alloc(
            ty,
            FrameObj {
                live: AtomicPtr::new(f as *const Frame as *mut Frame),
                owner: self.thread_key(),
                code: f.code,
                globals: f.globals,
                builtins: f.builtins,
                locals: AtomicValue::new(Value::NULL),
                lineno: AtomicU32::new(line),
                lasti: AtomicU32::new(f.pc().saturating_sub(1) as u32),
                back: AtomicValue::new(Value::NULL),
                ns: namespace_of(f),
                extra: AtomicValue::new(Value::NULL),
                suspended: AtomicValue::new(Value::NULL),
            },
        )?;
        f.frame_obj.set(fo);
        Ok(fo)
    }

    /// Frame `f` is finishing (this thread, before its slots are reused): its frame
    /// object records the locals, the line and the caller (module doc). On a failed
    /// allocation the object answers with an empty `f_locals`.
    pub fn detach_frame_object(&mut self, f: &Frame) {
        let fo_val = f.frame_obj.replace(Value::NULL);
        let Some(fo) = fo_val.downcast::<FrameObj>() else {
            return;
        };
        fo.lineno.store(f.line(), Relaxed);
        fo.lasti.store(f.pc().saturating_sub(1) as u32, Relaxed);
        let mut s = self.scope();
        s.root(fo_val);
        let snap = if fo.ns.is_null() {
            locals_proxy::snapshot(&mut s, fo)
        } else {
            Ok(fo.ns)
        };
        if let Ok(d) = snap {
            fo.locals.store(d);
        }
        let back = match caller_of(&s, f) {
            Some(c) => s.frame_object(c).unwrap_or(Value::NONE),
            None => Value::NONE,
        };
        fo.back.store(back);
        fo.live.store(std::ptr::null_mut(), Release);
    }

    /// `sys._getframe(depth)`: the frame object `depth` calls up from the caller.
    pub fn frame_at_depth(&mut self, depth: usize) -> PyResult<Option<Value>> {
        let n = self.roots.frames.len();
        if depth >= n {
            return Ok(None);
        }
        let p = self.roots.frames[n - 1 - depth];
        // SAFETY: frames on this thread's list are running below us.
        let f = unsafe { &*p };
        self.frame_object(f).map(Some)
    }
}

/// The frame object `fo` (just detached from its frame) shows the suspended frame of
/// generator `generator` (`GenData::frame_snapshot`).
pub fn follow_suspended(fo: Value, generator: Value) {
    if let Some(fo) = fo.downcast::<FrameObj>() {
        fo.suspended.store(generator);
    }
}

/// The kept `gi_frame` object `fo` of suspended frame `f` is handed out again: it
/// takes the line the frame is at now.
pub fn refresh_suspended(fo: Value, f: &Frame) {
    if let Some(fo) = fo.downcast::<FrameObj>() {
        fo.lineno.store(f.line(), Relaxed);
        fo.lasti.store(f.pc().saturating_sub(1) as u32, Relaxed);
    }
}

/// The generator of the kept `gi_frame` object `fo` is finishing with frame `f`: the
/// object keeps the frame's last locals (and the keys written through `f_locals`)
/// and no longer follows the generator. On a failed allocation it keeps what it had.
pub fn finish_suspended(vm: &mut Vm, fo_val: Value, f: &Frame) {
    let Some(fo) = fo_val.downcast::<FrameObj>() else {
        return;
    };
    refresh_suspended(fo_val, f);
    let mut s = vm.scope();
    s.root(fo_val);
    let Ok(d) = crate::builtins_exec::frame_locals(&mut s, f) else {
        return;
    };
    s.root(d);
    let extra = fo.extra.load();
    if !extra.is_null() {
        for (k, v) in s.dict_items(extra) {
            if s.dict_set(d, k, v).is_err() {
                return;
            }
        }
    }
    fo.locals.store(d);
    fo.suspended.store(Value::NULL);
}

/// The namespace dict of a module or class body's frame, else NULL.
fn namespace_of(f: &Frame) -> Value {
    use crate::bytecode::code_flags;
    let flags = f.code_obj().code.flags;
    if !f.locals_dict.is_null() && flags & (code_flags::MODULE | code_flags::CLASS_BODY) != 0 {
        f.locals_dict
    } else {
        Value::NULL
    }
}

/// The frame that called `f`, if `f` runs on this thread and has a caller.
fn caller_of(vm: &Vm, f: &Frame) -> Option<&'static Frame> {
    let frames = &vm.roots.frames;
    let i = frames.iter().rposition(|&p| std::ptr::eq(p, f))?;
    // SAFETY: frames below a running frame on this thread's list are running too.
    i.checked_sub(1).map(|j| unsafe { &*frames[j] })
}

#[native]
fn f_code(_vm: &mut Vm, this: &FrameObj) -> Value {
    this.code
}

#[native]
fn f_globals(_vm: &mut Vm, this: &FrameObj) -> Value {
    this.globals
}

#[native]
fn f_builtins(_vm: &mut Vm, this: &FrameObj) -> Value {
    this.builtins
}

#[native]
fn f_lineno(vm: &mut Vm, this: &FrameObj) -> i64 {
    match this.live(vm) {
        Some(f) => f.line() as i64,
        None => this.lineno.load(Relaxed) as i64,
    }
}

#[native]
fn f_lasti(vm: &mut Vm, this: &FrameObj) -> i64 {
    match this.live(vm) {
        Some(f) => f.pc().saturating_sub(1) as i64 * 2,
        None => this.lasti.load(Relaxed) as i64 * 2,
    }
}

/// The namespace of a module or class body; a function's variables through a proxy.
#[native]
fn f_locals(vm: &mut Vm, this: Value) -> PyResult {
    let fo = this.downcast::<FrameObj>().expect("frame");
    if !fo.ns.is_null() {
        return Ok(fo.ns);
    }
    locals_proxy::new_proxy(vm, this)
}

#[native]
fn f_back(vm: &mut Vm, this: &FrameObj) -> PyResult {
    if let Some(f) = this.live(vm) {
        return match caller_of(vm, f) {
            Some(c) => vm.frame_object(c),
            None => Ok(Value::NONE),
        };
    }
    Ok(match this.back.load() {
        v if v.is_null() => Value::NONE,
        v => v,
    })
}

#[native]
fn f_trace(_vm: &mut Vm, this: &FrameObj) -> Value {
    let _ = this;
    Value::NONE
}

#[native]
fn clear(vm: &mut Vm, this: &FrameObj) -> PyResult<()> {
    if this.live(vm).is_some() {
        return Err(vm.runtime_error("cannot clear an executing frame"));
    }
    this.locals.store(Value::NULL);
    this.extra.store(Value::NULL);
    Ok(())
}

#[native]
fn __repr__(vm: &mut Vm, this: Value) -> PyResult {
    let fo = this.downcast::<FrameObj>().expect("frame");
    let (file, name) = match fo.code.downcast::<crate::objects::code::CodeObj>() {
        Some(c) => (c.code.filename.clone(), c.code.name.clone()),
        None => ("?".into(), "?".into()),
    };
    let line = match fo.live(vm) {
        Some(f) => f.line(),
        None => fo.lineno.load(Relaxed),
    };
    vm.new_str(&format!(
        "<frame at {:#x}, file '{file}', line {line}, code {name}>",
        this.id()
    ))
}

/// Read-only attributes of frame objects.
const GETTERS: &[NativeDef] = &[
    f_code, f_globals, f_builtins, f_lineno, f_lasti, f_locals, f_back, f_trace,
];

pub fn init(vm: &mut Vm) {
    let t = vm.rt.types.frame;
    vm.add_getters(t, "frame", GETTERS);
    vm.add_methods(t, &[clear, __repr__]);
    locals_proxy::init(vm);
}
