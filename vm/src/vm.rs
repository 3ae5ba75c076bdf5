//! `Runtime` (shared by all threads) and `Vm` (one per thread).
//!
//! The runtime owns the heap, the built-in types, the module table and the queue of
//! weakref callbacks. A `Vm` is one thread's interpreter state: its allocation buffer,
//! its frames (roots), its temporary roots and the exception being handled.
use crate::frame::Frame;
use crate::object::{Payload, init_obj, trace_value};
use crate::objects::builtin_fn::{BuiltinFn, NativeFn};
use crate::objects::dict::DictData;
use crate::types::Types;
use crate::value::Value;
use parking_lot::Mutex;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use weft_core::{ThreadSlot, World};
use weft_gc::{Heap, HeapConfig, LocalAlloc, Tracer};

/// A raised Python exception (an exception instance).
#[derive(Clone, Copy, Debug)]
pub struct PyErr(pub Value);
pub type PyResult<T = Value> = Result<T, PyErr>;

/// Settings fixed at start-up.
#[derive(Clone, Debug, Default)]
pub struct Config {
    pub heap: HeapConfig,
    pub argv: Vec<String>,
    pub xoptions: Vec<(String, Option<String>)>,
    /// `-W` options (`sys.warnoptions`).
    pub warnoptions: Vec<String>,
    /// Folder of the main script (first entry of sys.path).
    pub path0: String,
    /// `WEFTPATH` entries, after `path0` in sys.path.
    pub extra_path: Vec<String>,
    /// CPython's pure-Python `Lib` folder: the last entry of sys.path when found.
    pub stdlib: Stdlib,
    /// Collect at every Nth safepoint poll (0: off). A testing mode (`-X gc-zeal`): with
    /// the heap verifier on, a value used across a safepoint without being rooted is
    /// freed and poisoned before its next use, so the verifier reports it.
    pub gc_zeal: u32,
}

/// Where CPython's `Lib` comes from (DESIGN.md, "The standard library").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Stdlib {
    /// Found (or named explicitly) at this folder.
    Dir(String),
    /// Turned off with `-X stdlib=none` or `WEFTSTDLIB=none`.
    Disabled,
    /// Looked for and not found.
    #[default]
    NotFound,
}

impl Stdlib {
    pub fn dir(&self) -> Option<&str> {
        match self {
            Stdlib::Dir(d) => Some(d),
            _ => None,
        }
    }
}

/// Builds a native module on first import.
pub type NativeModuleInit = fn(&mut Vm) -> PyResult;

/// State shared by every thread.
pub struct Runtime {
    pub heap: Heap,
    /// Thread states and the stop-the-world handshake (DESIGN.md invariants 1-2).
    pub world: World,
    pub types: Types,
    /// Well-known names, interned at start-up.
    pub names: crate::names::Names,
    pub config: Config,
    /// The `builtins` module's dict.
    pub builtins: Value,
    /// `sys.modules`.
    pub modules: Value,
    interned: Mutex<rustc_hash::FxHashMap<Box<str>, Value>>,
    /// Values that live for the whole run (built-in types, interned strings, modules).
    perm_roots: Mutex<Vec<Value>>,
    /// Weakref callbacks queued by collections: (callback, weakref). Roots until run.
    pub pending_callbacks: weft_core::CallbackQueue<(Value, Value)>,
    /// Live `weakref.finalize` objects (kept alive until called or detached).
    pub finalizers: Mutex<Vec<Value>>,
    pub gc_enabled: AtomicBool,
    /// Native modules: name -> initialiser.
    pub native_modules: Mutex<HashMap<String, NativeModuleInit>>,
    /// Source of modules frozen into the binary: name -> Python source.
    pub frozen_modules: Mutex<HashMap<String, &'static str>>,
    /// Per-thread roots (one entry per live Vm): address of its `ThreadRoots`.
    threads: Mutex<Vec<usize>>,
    /// Values handed between threads (e.g. a new thread's function and arguments, held
    /// from `start_new_thread` until the thread has rooted them): id -> value. Roots.
    handles: Mutex<HashMap<u64, Value>>,
    next_handle: std::sync::atomic::AtomicU64,
    /// Serialises module initialisation (one module body runs at a time; re-entrant
    /// for nested imports on the same thread). Waited for detached.
    pub import_lock: parking_lot::ReentrantMutex<()>,
    pub preallocated_memory_error: Value,
    /// The float 0.0 (no immediate form; made once, so `0.0` results allocate nothing).
    pub float_zero: Value,
    /// The cached strs: "" then U+0000..U+00FF (`objects::str`); roots.
    pub small_strs: Box<[Value]>,
    /// Runs a signal's Python handler (`crate::signals`; set by the `_signal` module).
    pub signal_dispatch: Mutex<Option<crate::signals::Dispatch>>,
    /// Told about each collection [`Vm::collect`] runs (set by the runtime for
    /// `gc.callbacks`, `-X gclog` and `-X gcstats`).
    pub gc_observer: Mutex<Option<GcObserver>>,
}

/// A moment of a collection, as [`Runtime::gc_observer`] sees it.
pub enum GcEvent<'a> {
    /// Before the world stops.
    Start,
    /// After the sweep, with the world running again and before the weakref callbacks;
    /// None when another thread's collection satisfied this one.
    Stop(Option<&'a weft_gc::CollectStats>),
}

/// Runs on the collecting thread at a safepoint (every value the caller holds is
/// rooted), so it may run Python code; exceptions are its own to report.
pub type GcObserver = fn(&mut Vm, GcEvent<'_>);

// SAFETY-free note: Runtime holds only Values (plain words) and thread-safe containers.
unsafe impl Send for Runtime {}
unsafe impl Sync for Runtime {}

/// The part of a thread's state the collector scans.
#[derive(Default)]
pub struct ThreadRoots {
    pub frames: Vec<*const Frame>,
    pub temps: Vec<Value>,
    pub handled: Value,
    /// `sys.set_asyncgen_hooks`: (firstiter, finalizer), NULL or None when unset.
    pub asyncgen_hooks: [Value; 2],
}

/// A fresh `Vm::thread_id`. Ids are not reused: a biased position owned by a thread
/// that has ended must never look owned by a new one.
fn next_thread_id() -> u32 {
    static NEXT: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);
    let id = NEXT.fetch_add(1, Ordering::Relaxed);
    // Past 4 billion threads, new threads share the last id's biased positions by
    // starting shared: `SHARED` is never an owner.
    id.min(weft_core::biased::REVOKING - 1)
}

thread_local! {
    /// The id of the `Vm` made last on this OS thread (`NOBODY` before one is): what
    /// list writers pass to their biased lock, which has no `Vm` at hand. A `Vm` runs on
    /// the thread that made it; a thread without one always takes the shared lock.
    static CURRENT_THREAD_ID: std::cell::Cell<u32> =
        const { std::cell::Cell::new(weft_core::biased_lock::NOBODY) };
}

/// This OS thread's id for biased locks (see `CURRENT_THREAD_ID`).
#[inline]
pub fn current_thread_id() -> u32 {
    CURRENT_THREAD_ID.get()
}

/// Bytes a thread must have allocated since its last collection at a poll to be handed
/// the MemoryError that collection found (`Vm::collect_at_poll`).
const GROWN_ENOUGH: usize = 64 << 10;

/// Buckets of `Vm::intern_front`.
const INTERN_FRONT: usize = 128;

/// Nesting levels of recursing natives before RecursionError (`Vm::nested`): CPython
/// 3.13's `Py_C_RECURSION_LIMIT`.
pub const NATIVE_NESTING_LIMIT: u32 = 10_000;

pub struct Vm {
    pub rt: Arc<Runtime>,
    pub alloc: LocalAlloc,
    /// Boxed so its address stays fixed for the runtime's thread list.
    pub roots: Box<ThreadRoots>,
    pub depth: u32,
    /// Levels of natives recursing on their arguments (`Vm::nested`) now active.
    pub native_depth: u32,
    pub recursion_limit: u32,
    /// This thread's state word in `rt.world`.
    pub slot: Arc<ThreadSlot>,
    /// This thread's id for biased iterator positions (`weft_core::biased`): unique
    /// for the process's life, never 0.
    pub thread_id: u32,
    /// Lowest native stack address a Python call may start at: below it, calls raise
    /// RecursionError instead of overflowing the stack (0: unchecked).
    pub stack_limit: usize,
    /// Set while this thread drains the callback queue: a collection it triggers
    /// meanwhile only appends to the queue.
    draining: bool,
    /// This thread's cache of the runtime's interned names (each also in the shared,
    /// rooted table), so hot paths interning `__init__` and the like take no lock.
    intern_cache: rustc_hash::FxHashMap<Box<str>, Value>,
    /// In front of `intern_cache`: the last name interned from each (address, length)
    /// bucket. Most callers pass string literals, so the text is usually found at the
    /// same address again; the text is compared before a hit is trusted, so any `&str`
    /// is safe here. Interned strs are immortal, so a cached value never dangles.
    intern_front: Box<[(usize, Value); INTERN_FRONT]>,
    /// Finished frames kept for reuse (`Frame::release`); not roots (empty).
    pub frame_pool: Vec<Box<Frame>>,
    /// The slots of this thread's function frames (`crate::frame::DataStack`).
    pub data_stack: crate::frame::DataStack,
    /// Frames of calls the interpreter loop runs inline (`crate::interp`); each is also
    /// on `roots.frames`.
    pub call_stack: Vec<Box<Frame>>,
    /// This thread's method cache (`crate::type_cache`).
    pub type_cache: crate::type_cache::TypeCache,
    /// Polls left before the next `-X gc-zeal` collection.
    zeal_countdown: u32,
    /// Memory stayed past the heap limit after a collection: raise MemoryError
    /// (`collect_at_poll`).
    pub(crate) memory_error_pending: bool,
    /// `mem_alloc()` past which the next such MemoryError is raised.
    memory_error_mark: usize,
    /// This thread's allocated bytes (blocks and payloads) at its last collection at a
    /// poll: a MemoryError found there goes to threads that have grown the heap since.
    grown_mark: usize,
    /// The runtime's attention word (stop and collection requests), held here so the
    /// safepoint poll is one load through `self`.
    pub(crate) attention: Arc<weft_core::Attention>,
    /// The thread that runs Python signal handlers (`crate::signals`): the first Vm.
    pub is_main_thread: bool,
}

impl Drop for Vm {
    /// Leave the runtime: drop the roots while still attached (no collection can be
    /// reading them), then detach and unregister.
    fn drop(&mut self) {
        let addr = &*self.roots as *const ThreadRoots as usize;
        self.rt.threads.lock().retain(|&a| a != addr);
        self.alloc.retire(&self.rt.heap);
        self.rt.world.detach(&self.slot);
        self.rt.world.unregister(&self.slot);
    }
}

impl Runtime {
    /// Create the runtime and the main thread's Vm.
    pub fn start(config: Config) -> Vm {
        let mut hc = config.heap.clone();
        // Collect well before the limit: allocation itself never collects, so the
        // program must reach a safepoint with headroom left.
        hc.threshold_bytes = hc.threshold_bytes.min(hc.limit_bytes / 4).max(64 * 1024);
        // A heap of a few megabytes is marked faster by one thread than by waking the
        // others (measured: 0.08 ms against 0.45 ms per collection of a small heap).
        if hc.parallel_min_bytes == 0 {
            hc.parallel_min_bytes = 4 << 20;
        }
        let heap = Heap::new(hc);
        let mut alloc = LocalAlloc::new();
        let types = Types::bootstrap(&heap, &mut alloc);
        // One attention word for stop and collection requests: the poll's one load.
        let world = World::with_attention(heap.attention().clone());
        let rt = Runtime {
            heap,
            world,
            types,
            names: Default::default(),
            config,
            builtins: Value::NULL,
            modules: Value::NULL,
            interned: Mutex::new(rustc_hash::FxHashMap::default()),
            perm_roots: Mutex::new(Vec::new()),
            pending_callbacks: weft_core::CallbackQueue::new(),
            finalizers: Mutex::new(Vec::new()),
            gc_enabled: AtomicBool::new(true),
            native_modules: Mutex::new(HashMap::new()),
            frozen_modules: Mutex::new(HashMap::new()),
            threads: Mutex::new(Vec::new()),
            handles: Mutex::new(HashMap::new()),
            next_handle: std::sync::atomic::AtomicU64::new(1),
            import_lock: parking_lot::ReentrantMutex::new(()),
            preallocated_memory_error: Value::NULL,
            float_zero: Value::NULL,
            small_strs: Box::new([]),
            signal_dispatch: Mutex::new(None),
            gc_observer: Mutex::new(None),
        };
        // Lock-free attribute stores pair a compiler fence with membarrier
        // (`weft_core::asym`); without it they pay a full fence.
        weft_core::asym::init();
        let rt = Arc::new(rt);
        let slot = rt.world.register();
        let mut vm = Vm::attach(rt, slot, alloc);
        vm.depth = 0;
        vm.is_main_thread = true;
        crate::signals::set_attention(&vm.attention);
        if vm.rt.config.gc_zeal > 0 {
            // Keeps every poll on the slow path, which counts down (`poll_slow`).
            vm.rt.heap.request_collect();
        }
        vm.make_small_strs();
        let names = crate::names::Names::make(&mut vm);
        vm.rt_init().names = names;
        crate::types::init_types(&mut vm);
        vm
    }

    pub fn add_perm_root(&self, v: Value) {
        self.perm_roots.lock().push(v);
    }

    /// Keep `v` alive under a handle until [`take_handle`](Runtime::take_handle).
    pub fn hold(&self, v: Value) -> u64 {
        let id = self.next_handle.fetch_add(1, Ordering::Relaxed);
        self.handles.lock().insert(id, v);
        id
    }

    /// Release a handle, returning its value (NULL if unknown). The caller roots the
    /// value before its next safepoint.
    pub fn take_handle(&self, id: u64) -> Value {
        self.handles.lock().remove(&id).unwrap_or(Value::NULL)
    }

    /// Mark everything the runtime itself keeps alive.
    pub fn trace_roots(&self, t: &mut Tracer) {
        self.types.trace(t);
        trace_value(self.builtins, t);
        trace_value(self.modules, t);
        trace_value(self.preallocated_memory_error, t);
        trace_value(self.float_zero, t);
        for &v in self.perm_roots.lock().iter() {
            trace_value(v, t);
        }
        for &v in self.interned.lock().values() {
            trace_value(v, t);
        }
        self.pending_callbacks.for_each(|&(cb, wr)| {
            trace_value(cb, t);
            trace_value(wr, t);
        });
        for &v in self.finalizers.lock().iter() {
            trace_value(v, t);
        }
        for &v in self.handles.lock().values() {
            trace_value(v, t);
        }
        for &addr in self.threads.lock().iter() {
            // SAFETY: each address is a live Vm's boxed ThreadRoots (removed in Vm::drop);
            // the world is stopped, so its owner is parked and does not mutate it.
            let roots = unsafe { &*(addr as *const ThreadRoots) };
            roots.trace(t);
        }
    }
}

/// An address in the current native stack frame.
/// Native stack the compiler may use (it recurses on deeply nested expressions): as
/// much as the main thread has (reserved address space, committed only as used).
pub const COMPILE_STACK: usize = 512 << 20;

#[inline(always)]
pub fn approx_stack_pointer() -> usize {
    let marker = 0u8;
    std::hint::black_box(&marker) as *const u8 as usize
}

impl ThreadRoots {
    fn trace(&self, t: &mut Tracer) {
        for &f in &self.frames {
            // SAFETY: frames are registered while running and unregistered before they
            // are dropped; the owner thread is parked at a safepoint.
            unsafe { crate::trace::Trace::trace(&*f, t) };
        }
        for &v in &self.temps {
            trace_value(v, t);
        }
        trace_value(self.handled, t);
        for &v in &self.asyncgen_hooks {
            trace_value(v, t);
        }
    }
}

impl Vm {
    /// The interpreter state of a new thread whose `slot` was registered with
    /// `rt.world` (by the thread that starts it). Attaches first (waiting out a stop in
    /// force), then registers the thread's roots.
    pub fn attach(rt: Arc<Runtime>, slot: Arc<ThreadSlot>, alloc: LocalAlloc) -> Vm {
        rt.world.attach(&slot);
        let roots = Box::new(ThreadRoots::default());
        rt.threads
            .lock()
            .push(&*roots as *const ThreadRoots as usize);
        let attention = rt.world.attention().clone();
        let thread_id = next_thread_id();
        CURRENT_THREAD_ID.set(thread_id);
        Vm {
            rt,
            attention,
            alloc,
            roots,
            depth: 0,
            native_depth: 0,
            recursion_limit: 1000,
            slot,
            thread_id,
            draining: false,
            stack_limit: 0,
            intern_cache: Default::default(),
            intern_front: Box::new([(0, Value::NULL); INTERN_FRONT]),
            type_cache: Default::default(),
            frame_pool: Vec::new(),
            data_stack: Default::default(),
            call_stack: Vec::new(),
            zeal_countdown: 0,
            memory_error_pending: false,
            memory_error_mark: 0,
            grown_mark: 0,
            is_main_thread: false,
        }
    }

    /// Record that this thread's native stack is `bytes` long and started about here:
    /// calls deeper than `bytes` minus a safety margin raise RecursionError.
    /// RecursionError ("maximum recursion depth exceeded" + `context`) when the native
    /// stack is nearly used up: natives that recurse on their arguments (comparison,
    /// repr, hash, isinstance) check this at each level, so deep or cyclic data raises
    /// instead of overflowing the stack, as in CPython.
    #[inline]
    pub fn check_native_depth(&mut self, context: &str) -> PyResult<()> {
        if self.stack_limit != 0 && approx_stack_pointer() < self.stack_limit {
            return Err(self.native_depth_error(context));
        }
        Ok(())
    }

    /// Run `f` one level deeper in a native that recurses on its arguments (compare,
    /// repr, hash, isinstance): RecursionError past [`NATIVE_NESTING_LIMIT`] levels or
    /// when the native stack runs low. The count is CPython's C recursion limit: since
    /// 3.12 its Python calls do not use the C stack, so deep Python recursion and deep
    /// native recursion are limited apart, and `[[[...]]] == [[[...]]]` 20,000 levels
    /// deep raises there, whatever the stack size (weft's main stack is far larger).
    #[inline]
    pub fn nested<R>(
        &mut self,
        context: &str,
        f: impl FnOnce(&mut Vm) -> PyResult<R>,
    ) -> PyResult<R> {
        self.check_native_depth(context)?;
        if self.native_depth >= NATIVE_NESTING_LIMIT {
            return Err(self.native_depth_error(context));
        }
        self.native_depth += 1;
        let r = f(self);
        self.native_depth -= 1;
        r
    }

    #[cold]
    fn native_depth_error(&mut self, context: &str) -> PyErr {
        let t = self.rt.types.exc.recursion_error;
        self.new_exception(t, &format!("maximum recursion depth exceeded{context}"))
    }

    /// Compile `source` where the native stack cannot run out: the compiler recurses
    /// on the syntax tree, so when this thread has less than half [`COMPILE_STACK`] left
    /// (threads started with a small `threading.stack_size`) it compiles on a helper
    /// thread with that much, detached meanwhile (the compiler touches no heap object).
    pub fn compile_source(
        &mut self,
        source: &str,
        filename: &str,
        mode: crate::compiler::Mode,
    ) -> Result<Arc<crate::bytecode::CodeData>, crate::compiler::CompileError> {
        self.compile_source_at(source, filename, mode, None)
    }

    /// [`Vm::compile_source`] at optimization level `level` (None: the process-wide one).
    pub fn compile_source_at(
        &mut self,
        source: &str,
        filename: &str,
        mode: crate::compiler::Mode,
        level: Option<u8>,
    ) -> Result<Arc<crate::bytecode::CodeData>, crate::compiler::CompileError> {
        self.with_compile_stack(|| match level {
            Some(l) => crate::compiler::compile_at(source, filename, mode, l),
            None => crate::compiler::compile(source, filename, mode),
        })
    }

    /// Run `run` (work that recurses on a syntax tree and touches no heap object: the
    /// parser, the compiler, the AST export and import) where the native stack cannot
    /// run out: here when this thread has at least half [`COMPILE_STACK`] left, else
    /// on a helper thread with that much, detached meanwhile. Should the helper thread
    /// fail to start, `run` runs here.
    pub fn with_compile_stack<T: Send>(&mut self, run: impl Fn() -> T + Sync) -> T {
        let room = approx_stack_pointer().saturating_sub(self.stack_limit);
        if self.stack_limit != 0 && room >= COMPILE_STACK / 2 {
            return run();
        }
        self.detached(|| {
            std::thread::scope(|s| {
                std::thread::Builder::new()
                    .stack_size(COMPILE_STACK)
                    .spawn_scoped(s, &run)
                    .ok()
                    .and_then(|h| h.join().ok())
            })
        })
        .unwrap_or_else(run)
    }

    pub fn set_stack_size(&mut self, bytes: usize) {
        const MARGIN: usize = 256 << 10;
        let here = approx_stack_pointer();
        self.stack_limit = here.saturating_sub(bytes.saturating_sub(MARGIN));
    }

    /// Run a blocking operation detached (DESIGN.md invariant 2): a collection may run
    /// meanwhile, so `f` must not touch the heap (it cannot reach this Vm) and every
    /// value the caller keeps must be rooted. Re-attaches (waiting out a stop) after.
    pub fn detached<R>(&mut self, f: impl FnOnce() -> R) -> R {
        self.rt.world.detach(&self.slot);
        let r = f();
        self.rt.world.attach(&self.slot);
        r
    }

    /// Mutable access to runtime fields during start-up (only one thread exists then).
    pub fn rt_init(&mut self) -> &mut Runtime {
        Arc::get_mut(&mut self.rt).expect("runtime initialised with one thread")
    }

    // ---------------------------------------------------------------- allocation

    /// Allocate a heap object of payload `T` and Python type `ty`.
    #[inline]
    pub fn alloc<T: Payload>(&mut self, ty: Value, data: T) -> PyResult {
        self.alloc_sized(ty, data, 0)
    }

    /// `alloc` with `tail` zeroed bytes after the payload (a variable-sized part the
    /// payload's own code reaches through the object's pointer, as instance slots).
    #[inline]
    pub fn alloc_sized<T: Payload>(&mut self, ty: Value, data: T, tail: usize) -> PyResult {
        let size = std::mem::size_of::<crate::object::Obj<T>>() + tail;
        match self.rt.heap.alloc(&mut self.alloc, size, T::vtable()) {
            Some(p) => {
                // SAFETY: fresh allocation of at least Obj<T>'s size with T's vtable
                // (the heap zeroes everything after the header, the tail included).
                unsafe { init_obj(p, ty, data) };
                Ok(Value::from_gc(p))
            }
            None => Err(self.memory_error()),
        }
    }

    /// The preallocated MemoryError, raised afresh: its traceback and chained
    /// exceptions from an earlier raise (on any thread) are dropped. Allocates nothing.
    pub fn memory_error(&self) -> PyErr {
        let e = self.rt.preallocated_memory_error;
        if let Some(x) = e.downcast::<crate::objects::exception::ExcData>() {
            x.traceback.store(Value::NULL);
            *x.context.lock() = Value::NONE;
            *x.cause.lock() = Value::NONE;
        }
        PyErr(e)
    }

    // ---------------------------------------------------------------- constructors

    /// The one str object for `s` (names, attribute keys).
    ///
    /// Not inlined: inlined into the interpreter loop, the front cache's slot for each
    /// literal name was computed in the loop's prologue, which every generator resume
    /// and every call from a native runs (hot names come from `Runtime::names` instead).
    #[inline(never)]
    pub fn intern(&mut self, s: &str) -> Value {
        let addr = s.as_ptr() as usize;
        let slot = ((addr >> 3) ^ s.len()) % INTERN_FRONT;
        let (a, v) = self.intern_front[slot];
        if a == addr
            && let Some(t) = v.downcast::<crate::objects::str::StrData>()
            && t.as_str() == s
        {
            return v;
        }
        let v = self.intern_slow(s);
        self.intern_front[slot] = (addr, v);
        v
    }

    #[inline(never)]
    fn intern_slow(&mut self, s: &str) -> Value {
        if let Some(&v) = self.intern_cache.get(s) {
            return v;
        }
        let v = self.intern_shared(s);
        if self.intern_cache.len() < 4096 {
            self.intern_cache.insert(s.into(), v);
        }
        v
    }

    fn intern_shared(&mut self, s: &str) -> Value {
        if let Some(&v) = self.rt.interned.lock().get(s) {
            return v;
        }
        // Immortal: the interned table is a root and never drops an entry.
        let v = match self.new_immortal_str(s) {
            Ok(v) => v,
            // A full heap: names are needed to report the MemoryError itself, so they
            // may use the heap's small reserve. The runtime cannot go on without them.
            Err(_) => match self.new_immortal_str_reserve(s) {
                Some(v) => v,
                None => {
                    eprintln!("weft: fatal: heap exhausted, even its reserve, interning {s:?}");
                    std::process::exit(1)
                }
            },
        };
        *self.rt.interned.lock().entry(s.into()).or_insert(v)
    }

    pub fn new_dict(&mut self) -> PyResult {
        let ty = self.rt.types.dict;
        self.alloc(ty, DictData::new())
    }

    pub fn new_native(&mut self, name: &'static str, owner: &'static str, f: NativeFn) -> PyResult {
        self.alloc_native(name, owner, f, false)
    }

    /// A method of a built-in type (binds its receiver; `BuiltinFn::method`).
    pub fn new_native_method(
        &mut self,
        name: &'static str,
        owner: &'static str,
        f: NativeFn,
    ) -> PyResult {
        self.alloc_native(name, owner, f, true)
    }

    fn alloc_native(
        &mut self,
        name: &'static str,
        owner: &'static str,
        f: NativeFn,
        method: bool,
    ) -> PyResult {
        let ty = self.rt.types.builtin_function;
        self.alloc(
            ty,
            BuiltinFn {
                name,
                f,
                this: Value::NULL,
                owner,
                method,
            },
        )
    }

    // ---------------------------------------------------------------- exceptions

    /// Make an exception of class `ty` with one str argument.
    pub fn new_exception(&mut self, ty: Value, msg: &str) -> PyErr {
        let r = self
            .new_str(msg)
            .and_then(|s| self.with_root(s, |vm| crate::exceptions::make_exception(vm, ty, &[s])));
        match r {
            Ok(e) => PyErr(e),
            Err(e) => e,
        }
    }
    pub fn type_error(&mut self, msg: impl AsRef<str>) -> PyErr {
        let t = self.rt.types.exc.type_error;
        self.new_exception(t, msg.as_ref())
    }
    pub fn value_error(&mut self, msg: impl AsRef<str>) -> PyErr {
        let t = self.rt.types.exc.value_error;
        self.new_exception(t, msg.as_ref())
    }
    pub fn index_error(&mut self, msg: impl AsRef<str>) -> PyErr {
        let t = self.rt.types.exc.index_error;
        self.new_exception(t, msg.as_ref())
    }
    pub fn attribute_error(&mut self, msg: impl AsRef<str>) -> PyErr {
        let t = self.rt.types.exc.attribute_error;
        self.new_exception(t, msg.as_ref())
    }
    pub fn runtime_error(&mut self, msg: impl AsRef<str>) -> PyErr {
        let t = self.rt.types.exc.runtime_error;
        self.new_exception(t, msg.as_ref())
    }
    pub fn overflow_error(&mut self, msg: impl AsRef<str>) -> PyErr {
        let t = self.rt.types.exc.overflow_error;
        self.new_exception(t, msg.as_ref())
    }
    pub fn zero_division_error(&mut self, msg: impl AsRef<str>) -> PyErr {
        let t = self.rt.types.exc.zero_division_error;
        self.new_exception(t, msg.as_ref())
    }
    pub fn name_error(&mut self, msg: impl AsRef<str>) -> PyErr {
        let t = self.rt.types.exc.name_error;
        self.new_exception(t, msg.as_ref())
    }
    pub fn stop_iteration(&mut self) -> PyErr {
        let t = self.rt.types.exc.stop_iteration;
        match crate::exceptions::make_exception(self, t, &[]) {
            Ok(e) => PyErr(e),
            Err(e) => e,
        }
    }
    /// KeyError(key): its str is the key's repr.
    pub fn key_error(&mut self, key: Value) -> PyErr {
        let t = self.rt.types.exc.key_error;
        match crate::exceptions::make_exception(self, t, &[key]) {
            Ok(e) => PyErr(e),
            Err(e) => e,
        }
    }
    /// Is `err` an instance of exception class `cls`?
    pub fn err_is(&self, err: &PyErr, cls: Value) -> bool {
        crate::types::is_subclass(self, self.type_of(err.0), cls)
    }

    // ---------------------------------------------------------------- gc

    /// The safepoint poll (DESIGN.md invariant 1): one relaxed load of the attention
    /// word (`weft_core::attention`: a stop or a collection requested), which changes
    /// only around collections.
    #[inline]
    pub fn poll(&mut self) {
        if self.poll_needed() {
            self.poll_slow();
        }
    }

    /// Would `poll` do anything? (Lets the interpreter write its registers back only
    /// when it will.)
    #[inline]
    pub fn poll_needed(&self) -> bool {
        self.attention.pending()
    }

    #[cold]
    fn poll_slow(&mut self) {
        if self.rt.world.stop_requested() {
            self.rt.world.park(&self.slot);
        }
        let zeal = self.rt.config.gc_zeal;
        if zeal > 0 {
            self.zeal_countdown = self.zeal_countdown.saturating_sub(1);
            if self.zeal_countdown == 0 && self.rt.gc_enabled.load(Ordering::Relaxed) {
                self.zeal_countdown = zeal;
                self.collect_at_poll();
            }
            self.rt.heap.request_collect();
            return;
        }
        if self.rt.heap.collect_requested() && self.rt.gc_enabled.load(Ordering::Relaxed) {
            self.collect_at_poll();
        }
    }

    /// A collection asked for by allocation volume. When block and payload memory are
    /// still past the heap limit after it, this thread raises MemoryError at its next
    /// check (`handle_signals`): payload growth (a list's storage) has no allocation
    /// call of its own that could fail.
    ///
    /// Raised once per `limit / 8` of further growth: the memory of the operation that
    /// failed is freed only when its frames are, after the exception is handled.
    fn collect_at_poll(&mut self) {
        self.collect();
        let heap = &self.rt.heap;
        let grown_now = self.alloc.allocated() + weft_gc::external::thread_bytes();
        // A thread that only waits (polling in a lock or a join) while another fills
        // the heap has grown it by little since its last collection here: it is not
        // the one to raise. The one that grows it runs this again soon enough.
        let grew = grown_now.wrapping_sub(self.grown_mark) > GROWN_ENOUGH;
        self.grown_mark = grown_now;
        if !heap.over_limit() {
            self.memory_error_mark = 0;
        } else if grew && heap.mem_alloc() > self.memory_error_mark {
            self.memory_error_mark = heap.mem_alloc().saturating_add(heap.limit() / 8);
            self.memory_error_pending = true;
        }
    }

    /// A full collection (unless another thread's collection began after this call and
    /// satisfied it), then the weakref callbacks queued so far. Returns objects freed.
    /// Must be called at a safepoint: every value the caller holds is rooted.
    pub fn collect(&mut self) -> usize {
        self.collect_once().unwrap_or(0)
    }

    /// `gc.collect()`: a collection this thread runs itself, so that the callbacks of the
    /// objects found dead have run when it returns. A request another thread's
    /// collection satisfied is tried again: that thread runs the callbacks it queued,
    /// maybe after this call would have returned. (Tried a few times: each retry means
    /// another collection ran meanwhile, which is progress.)
    pub fn collect_explicit(&mut self) -> usize {
        for _ in 0..3 {
            if let Some(freed) = self.collect_once() {
                return freed;
            }
        }
        0
    }

    /// A collection, then the weakref callbacks it queued (DESIGN.md invariant 7: they
    /// run on the collecting thread); None, and no callbacks run here, when another
    /// thread's collection satisfied the request (that thread runs its callbacks).
    fn collect_once(&mut self) -> Option<usize> {
        let observer = *self.rt.gc_observer.lock();
        if let Some(observe) = observer {
            observe(self, GcEvent::Start);
        }
        self.alloc.retire(&self.rt.heap);
        let rt = self.rt.clone();
        let t0 = std::time::Instant::now();
        let stats = match rt.world.stop_the_world(&self.slot) {
            Some(stopped) => {
                use crate::objects::weakref::ops::{on_cleared, on_finalize};
                let stats = rt.heap.collect_with(weft_gc::Collection {
                    roots: &mut |t| rt.trace_roots(t),
                    on_weakref_cleared: &mut |wr| on_cleared(&rt, wr),
                    on_finalize: &mut |obj| on_finalize(&rt, obj),
                    stop_ns: t0.elapsed().as_nanos() as u64,
                });
                // SAFETY: the world is stopped: no lock-free reader of a dict or
                // list is inside a retired storage (`crate::retired`).
                unsafe { crate::retired::free_retired() };
                drop(stopped);
                Some(stats)
            }
            None => None,
        };
        if let Some(observe) = observer {
            observe(self, GcEvent::Stop(stats.as_ref()));
        }
        let freed = stats.as_ref().map(|s| s.freed)?;
        self.run_pending_callbacks();
        Some(freed)
    }

    /// Give `obj` (just allocated, of class `cls`) its FTB bit if the class defines
    /// `__del__`, so the collector reports it once before freeing it.
    pub fn mark_finalizable(&self, obj: Value, cls: Value) {
        let td = crate::types::type_data(&cls);
        if td.has_del.load(Ordering::Relaxed)
            && let Some(p) = obj.as_gc()
        {
            self.rt.heap.set_finaliser(p);
        }
    }

    /// Call `type(obj).__del__(obj)`; an exception is reported, never raised.
    fn run_del(&mut self, obj: Value) {
        let ty = self.type_of(obj);
        let name = self.rt.names.del;
        let Some(f) = crate::types::lookup_in_mro(self, ty, name) else {
            return;
        };
        self.with_root(f, |vm| {
            if let Err(e) = vm.call(f, &[obj], &[]) {
                crate::exceptions::report_unraisable(vm, e, f);
            }
        });
    }

    /// Run queued weakref callbacks on this thread (DESIGN.md invariant 7), after a
    /// collection it ran. A collection triggered by a callback only appends to the
    /// queue, which this loop then drains. Two threads that collected one after the
    /// other may drain at once; each pair is taken by exactly one.
    pub fn run_pending_callbacks(&mut self) {
        if self.draining {
            return;
        }
        self.draining = true;
        loop {
            // Popped and rooted with no safepoint in between: the pair stays a root.
            let next = self.rt.pending_callbacks.pop();
            let Some((cb, arg)) = next else { break };
            let mut vm = self.scope();
            vm.root_all(&[cb, arg]);
            if cb.is_null() {
                vm.run_del(arg);
            } else if let Err(e) = vm.call(cb, &[arg], &[]) {
                crate::exceptions::report_unraisable(&mut vm, e, cb);
            }
        }
        self.draining = false;
    }
}
