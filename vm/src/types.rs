//! The built-in types: created at start-up (`bootstrap`), given their methods
//! (`init_types`), and the type-system helpers (`type_of`, `is_subclass`, MRO, lookup).
use crate::object::{Obj, Payload, init_obj, trace_value};
use crate::objects::dict::DictData;
use crate::objects::typeobj::{Layout, NewFn, TypeData};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use parking_lot::RwLock;
use weft_gc::{Heap, LocalAlloc, Tracer};

/// One row of a type table: the registration of one built-in type.
#[derive(Clone, Copy)]
pub struct TypeRow {
    /// The `Types` field that holds it (`vm.rt.types.list`).
    pub field: &'static str,
    /// CPython's `tp_name` (dotted when the type lives in a module).
    pub name: &'static str,
    /// The field of its base type (`none` for `object`).
    pub base: &'static str,
    /// Bound in `builtins` under its name (`+ builtins`).
    pub builtins: bool,
    /// Its instances accept weak references (`+ weakref`; CPython's nonzero
    /// `tp_weaklistoffset`); user subclasses inherit it (`class::slots_layout`).
    pub weakref: bool,
}

macro_rules! type_table {
    ($struct:ident { $($field:ident : $name:expr => $base:ident $(+ $flag:ident)*,)* }) => {
        #[derive(Default, Clone, Copy)]
        pub struct $struct { $(pub $field: Value,)* }
        impl $struct {
            /// The registration of every type of this table, in creation order.
            pub fn table() -> Vec<TypeRow> {
                vec![$({
                    let flags: &[&str] = &[$(stringify!($flag)),*];
                    TypeRow {
                        field: stringify!($field),
                        name: $name,
                        base: stringify!($base),
                        builtins: flags.contains(&"builtins"),
                        weakref: flags.contains(&"weakref"),
                    }
                },)*]
            }
            fn set(&mut self, field: &str, v: Value) {
                match field { $(stringify!($field) => self.$field = v,)* _ => unreachable!() }
            }
            pub fn get(&self, field: &str) -> Value {
                match field { $(stringify!($field) => self.$field,)* _ => Value::NULL }
            }
            fn all(&self) -> Vec<Value> { vec![$(self.$field,)*] }
        }
    };
}

// The built-in non-exception types, one row each: `field: "python name" => base field`,
// then `+ builtins` (bound in the builtins module) and `+ weakref` (weakly referable).
// Adding a type: docs/where.md.
type_table!(BaseTypes {
    object: "object" => none + builtins,
    type_: "type" => object + builtins + weakref,
    int: "int" => object + builtins,
    bool_: "bool" => int + builtins,
    float: "float" => object + builtins,
    complex: "complex" => object + builtins,
    str: "str" => object + builtins,
    bytes: "bytes" => object + builtins,
    bytearray: "bytearray" => object + builtins,
    list: "list" => object + builtins,
    tuple: "tuple" => object + builtins,
    dict: "dict" => object + builtins,
    set: "set" => object + builtins + weakref,
    frozenset: "frozenset" => object + builtins + weakref,
    range: "range" => object + builtins,
    slice: "slice" => object + builtins,
    none: "NoneType" => object,
    ellipsis: "ellipsis" => object,
    not_implemented: "NotImplementedType" => object,
    function: "function" => object + weakref,
    builtin_function: "builtin_function_or_method" => object + weakref,
    method: "method" => object + weakref,
    code: "code" => object + weakref,
    cell: "cell" => object,
    module: "module" => object + weakref,
    staticmethod: "staticmethod" => object + builtins,
    classmethod: "classmethod" => object + builtins,
    property: "property" => object + builtins,
    super_: "super" => object + builtins,
    seq_iter: "iterator" => object,
    list_iter: "list_iterator" => object,
    tuple_iter: "tuple_iterator" => object,
    str_iter: "str_ascii_iterator" => object,
    range_iter: "range_iterator" => object,
    dict_keyiter: "dict_keyiterator" => object,
    dict_valueiter: "dict_valueiterator" => object,
    dict_itemiter: "dict_itemiterator" => object,
    set_iter: "set_iterator" => object,
    dict_keys: "dict_keys" => object,
    dict_values: "dict_values" => object,
    dict_items: "dict_items" => object,
    reversed: "reversed" => object + builtins,
    enumerate: "enumerate" => object + builtins,
    zip: "zip" => object + builtins,
    map: "map" => object + builtins,
    filter: "filter" => object + builtins,
    callable_iter: "callable_iterator" => object,
    weakref: "weakref.ReferenceType" => object,
    weakproxy: "weakref.ProxyType" => object,
    weakcallableproxy: "weakref.CallableProxyType" => object,
    finalize: "finalize" => object,
    generator: "generator" => object + weakref,
    coroutine: "coroutine" => object + weakref,
    coroutine_wrapper: "coroutine_wrapper" => object,
    async_generator: "async_generator" => object + weakref,
    async_gen_asend: "async_generator_asend" => object,
    async_gen_athrow: "async_generator_athrow" => object,
    async_gen_wrapped: "async_generator_wrapped_value" => object,
    anext_awaitable: "anext_awaitable" => object,
    frame: "frame" => object,
    frame_locals_proxy: "FrameLocalsProxy" => object,
    traceback: "traceback" => object,
    mappingproxy: "mappingproxy" => object,
    member_descriptor: "member_descriptor" => object,
});

// Built-in exception classes.
type_table!(ExcTypes {
    base_exception: "BaseException" => object,
    system_exit: "SystemExit" => base_exception,
    keyboard_interrupt: "KeyboardInterrupt" => base_exception,
    generator_exit: "GeneratorExit" => base_exception,
    exception: "Exception" => base_exception,
    stop_iteration: "StopIteration" => exception,
    stop_async_iteration: "StopAsyncIteration" => exception,
    arithmetic_error: "ArithmeticError" => exception,
    floating_point_error: "FloatingPointError" => arithmetic_error,
    overflow_error: "OverflowError" => arithmetic_error,
    zero_division_error: "ZeroDivisionError" => arithmetic_error,
    assertion_error: "AssertionError" => exception,
    attribute_error: "AttributeError" => exception,
    buffer_error: "BufferError" => exception,
    eof_error: "EOFError" => exception,
    import_error: "ImportError" => exception,
    module_not_found_error: "ModuleNotFoundError" => import_error,
    lookup_error: "LookupError" => exception,
    index_error: "IndexError" => lookup_error,
    key_error: "KeyError" => lookup_error,
    memory_error: "MemoryError" => exception,
    name_error: "NameError" => exception,
    unbound_local_error: "UnboundLocalError" => name_error,
    os_error: "OSError" => exception,
    file_not_found_error: "FileNotFoundError" => os_error,
    file_exists_error: "FileExistsError" => os_error,
    permission_error: "PermissionError" => os_error,
    is_a_directory_error: "IsADirectoryError" => os_error,
    timeout_error: "TimeoutError" => os_error,
    not_a_directory_error: "NotADirectoryError" => os_error,
    interrupted_error: "InterruptedError" => os_error,
    blocking_io_error: "BlockingIOError" => os_error,
    child_process_error: "ChildProcessError" => os_error,
    process_lookup_error: "ProcessLookupError" => os_error,
    connection_error: "ConnectionError" => os_error,
    broken_pipe_error: "BrokenPipeError" => connection_error,
    connection_aborted_error: "ConnectionAbortedError" => connection_error,
    connection_refused_error: "ConnectionRefusedError" => connection_error,
    connection_reset_error: "ConnectionResetError" => connection_error,
    reference_error: "ReferenceError" => exception,
    runtime_error: "RuntimeError" => exception,
    not_implemented_error: "NotImplementedError" => runtime_error,
    recursion_error: "RecursionError" => runtime_error,
    syntax_error: "SyntaxError" => exception,
    indentation_error: "IndentationError" => syntax_error,
    tab_error: "TabError" => indentation_error,
    system_error: "SystemError" => exception,
    type_error: "TypeError" => exception,
    value_error: "ValueError" => exception,
    unicode_error: "UnicodeError" => value_error,
    unicode_decode_error: "UnicodeDecodeError" => unicode_error,
    unicode_encode_error: "UnicodeEncodeError" => unicode_error,
    unicode_translate_error: "UnicodeTranslateError" => unicode_error,
    warning: "Warning" => exception,
    user_warning: "UserWarning" => warning,
    deprecation_warning: "DeprecationWarning" => warning,
    runtime_warning: "RuntimeWarning" => warning,
    syntax_warning: "SyntaxWarning" => warning,
    future_warning: "FutureWarning" => warning,
    pending_deprecation_warning: "PendingDeprecationWarning" => warning,
    import_warning: "ImportWarning" => warning,
    unicode_warning: "UnicodeWarning" => warning,
    bytes_warning: "BytesWarning" => warning,
    resource_warning: "ResourceWarning" => warning,
    encoding_warning: "EncodingWarning" => warning,
    base_exception_group: "BaseExceptionGroup" => base_exception,
    // Also derives from Exception: see `Types::bootstrap`.
    exception_group: "ExceptionGroup" => base_exception_group,
});

/// Every built-in type, by field.
pub struct Types {
    pub base: BaseTypes,
    pub exc: ExcTypes,
}

impl std::ops::Deref for Types {
    type Target = BaseTypes;
    fn deref(&self) -> &BaseTypes {
        &self.base
    }
}

fn raw_alloc<T: Payload>(heap: &Heap, alloc: &mut LocalAlloc, ty: Value, data: T) -> Value {
    let size = std::mem::size_of::<Obj<T>>();
    let p = heap
        .alloc(alloc, size, T::vtable())
        .expect("heap too small to start");
    // SAFETY: fresh allocation of the right size and vtable.
    unsafe { init_obj(p, ty, data) };
    Value::from_gc(p)
}

/// Set the `ty` field of an object made during bootstrap, before anything else can see it.
///
/// # Safety
/// `v` is a heap object no other thread can reach yet.
unsafe fn patch_type(v: Value, ty: Value) {
    let p = v.as_gc().expect("heap object");
    // SAFETY: single-threaded start-up; every heap object starts with the Obj layout.
    unsafe { (*(p.as_ptr() as *mut Obj<()>)).ty = ty };
}

impl Types {
    /// Allocate every built-in type object (with empty namespaces).
    pub fn bootstrap(heap: &Heap, alloc: &mut LocalAlloc) -> Types {
        let mut base = BaseTypes::default();
        let mut exc = ExcTypes::default();
        let mut made: Vec<Value> = Vec::new();
        let mut dicts: Vec<Value> = Vec::new();
        // `extra_base` is a second base whose MRO follows the first one's (only
        // ExceptionGroup has one: BaseExceptionGroup then Exception; their MROs share
        // BaseException and object, which stay at the end).
        let mut make = |name: &str,
                        base_ty: Value,
                        extra_base: Option<Value>,
                        layout: Layout,
                        weakrefable: bool,
                        made: &mut Vec<Value>| {
            let dict = raw_alloc(heap, alloc, Value::NULL, DictData::new());
            dicts.push(dict);
            let mut mro_tail = if base_ty.is_null() {
                Vec::new()
            } else {
                let bt = base_ty.downcast::<TypeData>().unwrap();
                let mut m = vec![base_ty];
                m.extend(bt.mro_tail.iter().copied());
                m
            };
            if let Some(x) = extra_base {
                let shared = mro_tail.len() - 2;
                mro_tail.insert(shared, x);
            }
            // `name` is CPython's tp_name (dotted for types that live in a module, as
            // in messages); `__name__` and `__qualname__` are the last part.
            let short = name.rsplit('.').next().unwrap().to_string();
            let t = raw_alloc(
                heap,
                alloc,
                Value::NULL,
                TypeData {
                    name: RwLock::new(name.to_string()),
                    qualname: RwLock::new(short),
                    bases: match (base_ty.is_null(), extra_base) {
                        (true, _) => Box::new([]),
                        (false, None) => Box::new([base_ty]),
                        (false, Some(x)) => Box::new([base_ty, x]),
                    },
                    mro_tail: mro_tail.into(),
                    dict,
                    layout,
                    new: None,
                    builtin_base: Value::NULL,
                    is_user: false,
                    has_del: Default::default(),
                    custom_getattribute: Default::default(),
                    has_dict: false,
                    weakrefable,
                    slots: Box::new([]),
                    attr_keys: Default::default(),
                    version: Default::default(),
                    subclasses: Default::default(),
                    annotate: Default::default(),
                },
            );
            made.push(t);
            t
        };
        for row in BaseTypes::table() {
            let b = base.get(row.base);
            let layout = if row.field == "object" {
                Layout::Instance
            } else {
                Layout::Builtin
            };
            let t = make(row.name, b, None, layout, row.weakref, &mut made);
            base.set(row.field, t);
        }
        for row in ExcTypes::table() {
            let b = if row.base == "object" {
                base.object
            } else {
                exc.get(row.base)
            };
            let extra = (row.field == "exception_group").then_some(exc.exception);
            let t = make(
                row.name,
                b,
                extra,
                Layout::Exception,
                row.weakref,
                &mut made,
            );
            exc.set(row.field, t);
        }
        // SAFETY: nothing else can see these objects yet.
        unsafe {
            for &t in &made {
                patch_type(t, base.type_);
            }
            for &d in &dicts {
                patch_type(d, base.dict);
            }
        }
        // Namespaces watched, subclass lists filled, before any lookup
        // (`crate::type_version`); built-in types are listed as themselves.
        for (&t, &d) in made.iter().zip(&dicts) {
            d.downcast::<DictData>().unwrap().0.watch(t);
            for &b in type_data(&t).bases.iter() {
                crate::type_version::add_subclass(type_data(&b), t);
            }
        }
        Types { base, exc }
    }

    pub fn trace(&self, t: &mut Tracer) {
        for v in self.base.all().into_iter().chain(self.exc.all()) {
            trace_value(v, t);
        }
    }

    pub fn all_exceptions(&self) -> Vec<Value> {
        self.exc.all()
    }
    pub fn all_base(&self) -> Vec<Value> {
        self.base.all()
    }
}

/// Give the built-in types their methods and create the builtins module.
pub fn init_types(vm: &mut Vm) {
    crate::builtins_init::init(vm);
}

// ---------------------------------------------------------------- helpers

impl Vm {
    /// `type(v)`.
    #[inline]
    pub fn type_of(&self, v: Value) -> Value {
        if v.is_small_int() {
            return self.rt.types.int;
        }
        if v.is_immediate_float() {
            return self.rt.types.float;
        }
        if let Some(t) = v.heap_type() {
            return t;
        }
        let t = &self.rt.types;
        match v {
            Value::NONE => t.none,
            Value::TRUE | Value::FALSE => t.bool_,
            Value::ELLIPSIS => t.ellipsis,
            Value::NOT_IMPLEMENTED => t.not_implemented,
            _ => t.object,
        }
    }

    pub fn type_name(&self, v: Value) -> String {
        type_data(&self.type_of(v)).name.read().clone()
    }

    /// Set a native constructor on a built-in type.
    pub fn set_new(&mut self, ty: Value, f: NewFn) {
        let p = ty.as_gc().unwrap();
        // SAFETY: start-up only (one thread); `new` is written before any use.
        unsafe { (*(p.as_ptr() as *mut Obj<TypeData>)).data.new = Some(f) };
    }

    /// Add a native method to a type's namespace.
    pub fn add_method(
        &mut self,
        ty: Value,
        name: &'static str,
        f: crate::objects::builtin_fn::NativeFn,
    ) {
        let owner: &'static str = Box::leak(type_data(&ty).name.read().clone().into_boxed_str());
        let func = self
            .new_native_method(name, owner, f)
            .expect("out of memory at start-up");
        let key = self.intern(name);
        self.dict_set(type_data(&ty).dict, key, func)
            .expect("start-up");
    }

    pub fn add_attr(&mut self, ty: Value, name: &str, v: Value) {
        let key = self.intern(name);
        self.dict_set(type_data(&ty).dict, key, v)
            .expect("start-up");
    }
}

/// The payload of the type `t`, borrowed for as long as the value `t` is held: the same
/// rule as `Value::downcast` (a user class is an ordinary heap object, valid while it
/// is reachable: the caller holds it rooted, or it is the type of a rooted object).
pub fn type_data(t: &Value) -> &TypeData {
    t.downcast::<TypeData>().expect("not a type")
}

/// Is `sub` the same as or a subclass of `sup`?
pub fn is_subclass(_vm: &Vm, sub: Value, sup: Value) -> bool {
    if sub == sup {
        return true;
    }
    match sub.downcast::<TypeData>() {
        Some(t) => t.mro_tail.contains(&sup),
        None => false,
    }
}

/// The MRO of a type, starting with the type itself.
pub fn mro(t: Value) -> Vec<Value> {
    let td = type_data(&t);
    let mut m = Vec::with_capacity(td.mro_tail.len() + 1);
    m.push(t);
    m.extend(td.mro_tail.iter().copied());
    m
}

/// C3 linearisation of `bases` (the MRO of a new class without the class itself).
pub fn c3_mro(vm: &mut Vm, bases: &[Value]) -> PyResult<Vec<Value>> {
    let mut seqs: Vec<Vec<Value>> = bases.iter().map(|&b| mro(b)).collect();
    seqs.push(bases.to_vec());
    let mut out = Vec::new();
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(out);
        }
        let mut found = None;
        for s in &seqs {
            let cand = s[0];
            if !seqs.iter().any(|o| o[1..].contains(&cand)) {
                found = Some(cand);
                break;
            }
        }
        let Some(c) = found else {
            let names: Vec<String> = bases
                .iter()
                .map(|&b| type_data(&b).name.read().clone())
                .collect();
            return Err(vm.type_error(format!(
                "Cannot create a consistent method resolution order (MRO) for bases {}",
                names.join(", ")
            )));
        };
        out.push(c);
        for s in seqs.iter_mut() {
            if s[0] == c {
                s.remove(0);
            }
        }
    }
}

/// Find `name` along the MRO of type `t` (no descriptors applied). Answers come from
/// the thread's method cache when still valid (`crate::type_cache`).
#[inline]
pub fn lookup_in_mro(vm: &mut Vm, t: Value, name: Value) -> Option<Value> {
    let version = crate::type_version::type_version(t);
    if version != 0
        && let Some(v) = vm.type_cache.get(t, name, version)
    {
        return (!v.is_null()).then_some(v);
    }
    lookup_in_mro_slow(vm, t, name)
}

/// Walk the MRO's dicts and cache the answer under the type's version (taken before
/// the walk, `crate::type_version`). Only immortal names are cached: a cache entry
/// outlives collections, so its name's address must keep naming the same text.
#[inline(never)]
fn lookup_in_mro_slow(vm: &mut Vm, t: Value, name: Value) -> Option<Value> {
    let version = crate::type_version::assign_version(t);
    let td = type_data(&t);
    let mut cacheable = version != 0
        && name
            .downcast::<crate::objects::str::StrData>()
            .is_some_and(|s| s.is_immortal())
        && dict_watched(td.dict);
    let mut found = vm.dict_get_str_key(td.dict, name).ok().flatten();
    if found.is_none() {
        for &b in td.mro_tail.iter() {
            let d = type_data(&b).dict;
            cacheable &= dict_watched(d);
            if let Ok(Some(v)) = vm.dict_get_str_key(d, name) {
                found = Some(v);
                break;
            }
        }
    }
    if cacheable {
        vm.type_cache
            .put(t, name, version, found.unwrap_or(Value::NULL));
    }
    found
}

fn dict_watched(d: Value) -> bool {
    d.downcast::<DictData>().is_some_and(|d| d.0.is_watched())
}
