//! Class creation (`__build_class__`, `type(name, bases, ns)`), `object`'s own methods,
//! `super`, and the `property` / `staticmethod` / `classmethod` constructors.
use crate::helpers::{as_str, kwarg};
use crate::native;
use crate::native::This;
use crate::objects::builtin_fn::BuiltinFn;
use crate::objects::cell::CellData;
use crate::objects::function::{
    BoundMethod, ClassMethod, FunctionData, Property, StaticMethod, SuperData,
};
use crate::objects::tuple::TupleData;
use crate::objects::typeobj::{Layout, TypeData};
use crate::types::{c3_mro, type_data};
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use parking_lot::RwLock;
use std::sync::atomic::Ordering;

/// `__build_class__(func, name, *bases, metaclass=None, **kw)`.
pub fn build_class(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    if args.len() < 2 {
        return Err(vm.type_error("__build_class__: not enough arguments"));
    }
    let (func, name) = (args[0], args[1]);
    if as_str(&name).is_none() {
        return Err(vm.type_error("__build_class__: name is not a string"));
    }
    crate::root_scope!(vm);
    let (bases, orig_bases) = resolve_bases(vm, &args[2..])?;
    let meta = match kwarg(kw, "metaclass") {
        Some(m) => m,
        None => vm.rt.types.type_,
    };
    let meta = if meta.is::<TypeData>() {
        most_derived_metaclass(vm, meta, &bases)?
    } else {
        meta
    };
    let class_kw: Vec<(Value, Value)> = kw
        .iter()
        .copied()
        .filter(|(k, _)| as_str(k) != Some("metaclass"))
        .collect();
    let prepare_name = vm.intern("__prepare__");
    let ns = match vm.getattr_opt(meta, prepare_name)? {
        Some(prepare) => {
            let bt = vm.new_tuple(bases.clone())?;
            vm.root(bt);
            vm.call(prepare, &[name, bt], &class_kw)?
        }
        None => vm.new_dict()?,
    };
    vm.root(ns);
    if let Some(orig) = orig_bases {
        let k = vm.intern("__orig_bases__");
        vm.setitem(ns, k, orig)?;
    }
    let Some(fd) = func.downcast::<FunctionData>() else {
        return Err(vm.type_error("__build_class__: func must be a function"));
    };
    let frame = crate::frame::Frame::new_with_namespace(vm, fd.code.load(), fd.globals, ns);
    if let Some(cl) = fd.closure.downcast::<TupleData>() {
        let ncell = frame.code_obj().code.cellvars.len();
        for (j, &c) in cl.0.iter().enumerate() {
            frame.cells()[ncell + j] = c;
        }
    }
    let ncell = frame.code_obj().code.cellvars.len();
    for i in 0..ncell {
        let t = vm.rt.types.cell;
        frame.cells()[i] = vm.alloc(t, CellData::new(Value::NULL))?;
    }
    // The namespace cell of the body's annotation and type-parameter scopes.
    let classdict_cell = match frame
        .code_obj()
        .code
        .cellvars
        .iter()
        .position(|n| n == "__classdict__")
    {
        Some(i) => vm.root(frame.cells()[i]),
        None => Value::NULL,
    };
    let cell = vm.run_frame(frame)?;
    vm.root(cell);
    let annotate = crate::objects::class_annotations::take_annotate(vm, ns)?;
    if !annotate.is_null() {
        vm.root(annotate);
    }
    let bases_t = vm.new_tuple(bases)?;
    vm.root(bases_t);
    let cls = vm.call(meta, &[name, bases_t, ns], &class_kw)?;
    vm.root(cls);
    crate::objects::class_annotations::attach(cls, annotate);
    // Once the class exists, those scopes read its dict (as CPython's
    // `__classdictcell__`): names bound on the class later are seen.
    if let Some(c) = classdict_cell.downcast::<CellData>()
        && let Some(td) = cls.downcast::<TypeData>()
        && td.is_user
    {
        c.set(td.dict);
    }
    if let Some(c) = cell.downcast::<CellData>() {
        c.set(cls);
    }
    Ok(cls)
}

/// PEP 560: a base that is not a class but has `__mro_entries__` is replaced by the
/// classes that method returns; then the original bases are also returned (to become
/// `__orig_bases__`). The result's values are rooted in the caller's scope.
fn resolve_bases(vm: &mut Vm, bases: &[Value]) -> PyResult<(Vec<Value>, Option<Value>)> {
    let mut out = Vec::with_capacity(bases.len());
    let mut orig = None;
    for &b in bases {
        if !b.is::<TypeData>()
            && let Some(f) = {
                let n = vm.intern("__mro_entries__");
                vm.getattr_opt(b, n)?
            }
        {
            let ot = match orig {
                Some(t) => t,
                None => {
                    let t = vm.new_tuple(bases.to_vec())?;
                    orig = Some(vm.root(t));
                    t
                }
            };
            let r = vm.call(f, &[ot], &[])?;
            let Some(t) = r.downcast::<TupleData>() else {
                return Err(vm.type_error("__mro_entries__ must return a tuple"));
            };
            for &x in t.0.iter() {
                out.push(vm.root(x));
            }
            continue;
        }
        out.push(b);
    }
    Ok((out, orig))
}

/// The metaclass of a new class: the most derived of `meta` and the bases' metaclasses.
fn most_derived_metaclass(vm: &mut Vm, meta: Value, bases: &[Value]) -> PyResult<Value> {
    let mut winner = meta;
    for &b in bases {
        let bt = vm.type_of(b);
        if crate::types::is_subclass(vm, winner, bt) {
            continue;
        }
        if crate::types::is_subclass(vm, bt, winner) {
            winner = bt;
            continue;
        }
        return Err(vm.type_error(
            "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
        ));
    }
    Ok(winner)
}

/// `type(name, bases, ns)`: make a new class.
pub fn type_new(vm: &mut Vm, meta: Value, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    crate::root_scope!(vm);
    if args.len() != 3 {
        return Err(vm.type_error("type() takes 1 or 3 arguments"));
    }
    let Some(name) = as_str(&args[0]).map(|s| s.to_string()) else {
        let tn = vm.type_name(args[0]);
        return Err(vm.type_error(format!("type.__new__() argument 1 must be str, not {tn}")));
    };
    if crate::objects::dict::ops::dict_payload(args[2]).is_none() {
        let tn = vm.type_name(args[2]);
        return Err(vm.type_error(format!("type.__new__() argument 3 must be dict, not {tn}")));
    }
    let mut bases: Vec<Value> = match args[1].downcast::<TupleData>() {
        Some(t) => t.0.to_vec(),
        None => return Err(vm.type_error("type.__new__() argument 2 must be tuple")),
    };
    // The most derived metaclass makes the class: one with its own `__new__` is handed
    // the call (`type('E', (SomeEnum,), ns)` builds through the enum metaclass).
    let winner = most_derived_metaclass(vm, meta, &bases)?;
    let meta = if winner != meta {
        let nn = vm.rt.names.new;
        if let Some(f) = crate::types::lookup_in_mro(vm, winner, nn)
            && !f.is::<BuiltinFn>()
        {
            let f = f.downcast::<StaticMethod>().map_or(f, |s| s.0);
            let full = [winner, args[0], args[1], args[2]];
            return vm.call(f, &full, kw);
        }
        winner
    } else {
        meta
    };
    for &b in &bases {
        if let Some(bt) = b.downcast::<TypeData>() {
            let n = bt.name.read().clone();
            if !bt.is_user
                && matches!(
                    n.as_str(),
                    "bool"
                        | "NoneType"
                        | "range"
                        | "slice"
                        | "function"
                        | "builtin_function_or_method"
                        | "generator"
                        | "weakref.ProxyType"
                        | "weakref.CallableProxyType"
                )
            {
                return Err(vm.type_error(format!("type '{n}' is not an acceptable base type")));
            }
        } else {
            return Err(vm.type_error("bases must be types"));
        }
    }
    check_layouts(vm, &bases)?;
    if bases.is_empty() {
        bases.push(vm.rt.types.object);
    }
    let mro_tail = c3_mro(vm, &bases)?;
    let mut layout = Layout::Instance;
    let mut builtin_base = Value::NULL;
    let mut new = None;
    for &t in &mro_tail {
        let td = type_data(&t);
        if td.layout == Layout::Exception {
            layout = Layout::Exception;
            new = td.new;
            break;
        }
        if !td.is_user && t != vm.rt.types.object {
            builtin_base = t;
            new = td.new;
            break;
        }
    }
    if new.is_none() && layout == Layout::Instance {
        new = Some(object_new);
    }
    // Copy the namespace into the class dict.
    let dict = vm.new_dict()?;
    vm.root(dict);
    let ns = crate::objects::dict::ops::dict_payload(args[2]).expect("checked above");
    for (k, v) in vm.dict_items(ns) {
        vm.dict_set(dict, k, v)?;
    }
    // __eq__ without __hash__ makes instances unhashable.
    if vm.dict_get_str(dict, "__eq__").is_some() && vm.dict_get_str(dict, "__hash__").is_none() {
        let k = vm.rt.names.hash;
        vm.dict_set(dict, k, Value::NONE)?;
    }
    // __init_subclass__ / __class_getitem__ are implicit classmethods.
    for special in ["__init_subclass__", "__class_getitem__"] {
        if let Some(f) = vm.dict_get_str(dict, special)
            && f.is::<FunctionData>()
        {
            let t = vm.rt.types.classmethod;
            let cm = vm.alloc(t, ClassMethod(f))?;
            let k = vm.intern(special);
            vm.dict_set(dict, k, cm)?;
        }
    }
    if let Some(f) = vm.dict_get_str(dict, "__new__")
        && f.is::<FunctionData>()
    {
        let t = vm.rt.types.staticmethod;
        let sm = vm.alloc(t, StaticMethod(f))?;
        let k = vm.rt.names.new;
        vm.dict_set(dict, k, sm)?;
    }
    let (has_dict, weakrefable, slots) = slots_layout(vm, &bases, builtin_base, dict)?;
    if weakrefable && !bases_weakrefable(&bases) && vm.dict_get_str(dict, "__weakref__").is_none() {
        // The class that adds weak reference support shows `__weakref__` (CPython's
        // getset descriptor; here a read-only property).
        let g = vm.new_native(
            "__weakref__",
            "property",
            crate::objects::weakref::weakref_attr_get,
        )?;
        // Allocation never collects: `g` needs no root until `p` holds it.
        let pty = vm.rt.types.property;
        let p = vm.alloc(
            pty,
            Property {
                fget: g,
                fset: Value::NONE,
                fdel: Value::NONE,
                doc: crate::value::AtomicValue::new(Value::NONE),
            },
        )?;
        let k = vm.intern("__weakref__");
        vm.dict_set(dict, k, p)?;
    }
    // `__qualname__` from the body becomes the class's qualified name and leaves the
    // namespace (as in CPython, where `'__qualname__' in C.__dict__` is false).
    let qualname = match vm.dict_get_str(dict, "__qualname__") {
        Some(q) => match as_str(&q) {
            Some(s) => {
                let s = s.to_string();
                let k = vm.intern("__qualname__");
                vm.dict_del(dict, k)?;
                s
            }
            None => {
                let tn = vm.type_name(q);
                return Err(vm.type_error(format!("type __qualname__ must be a str, not {tn}")));
            }
        },
        None => name.clone(),
    };
    let cls = vm.alloc(
        meta,
        TypeData {
            name: RwLock::new(name),
            qualname: RwLock::new(qualname),
            bases: bases.into_boxed_slice(),
            mro_tail: mro_tail.into_boxed_slice(),
            dict,
            layout,
            new,
            builtin_base,
            is_user: true,
            has_del: Default::default(),
            custom_getattribute: Default::default(),
            has_dict,
            weakrefable,
            slots: slots.into_boxed_slice(),
            attr_keys: Default::default(),
            version: Default::default(),
            subclasses: Default::default(),
            annotate: Default::default(),
        },
    )?;
    // Before anything looks the class up (`crate::type_version`).
    vm.with_root(cls, |vm| vm.register_new_type(cls))?;
    vm.with_root(cls, |vm| add_member_descriptors(vm, cls))?;
    let td = type_data(&cls);
    if !td.has_dict {
        // Instances take only the slot names along the MRO: share exactly those, so
        // a store to a slot stays on the attribute fast path (`objects::dict::shared_keys`).
        let names: Vec<Value> = std::iter::once(&cls)
            .chain(td.mro_tail.iter())
            .flat_map(|t| type_data(t).slots.iter().copied())
            .collect();
        td.attr_keys.freeze_with(&names);
    }
    let del = vm.rt.names.del;
    if crate::types::lookup_in_mro(vm, cls, del).is_some() {
        type_data(&cls).has_del.store(true, Ordering::Relaxed);
    }
    let ga = vm.rt.names.getattribute;
    if crate::types::lookup_in_mro(vm, cls, ga).is_some_and(|f| !f.is::<BuiltinFn>()) {
        type_data(&cls)
            .custom_getattribute
            .store(true, Ordering::Relaxed);
    }
    // __init_subclass__ of the parent.
    vm.root(cls);
    let n = vm.intern("__init_subclass__");
    let td = type_data(&cls);
    let parent_hook = td.mro_tail.iter().find_map(|&b| {
        let d = type_data(&b).dict;
        vm.dict_get_str_key(d, n).ok().flatten()
    });
    let r = (|| {
        // `__set_name__` of the descriptors in the namespace (user classes define it).
        // The items stay rooted: a hook may change the class namespace.
        let items = vm.dict_items(type_data(&cls).dict);
        {
            crate::root_scope!(vm);
            for &(k, v) in &items {
                vm.root(k);
                vm.root(v);
            }
            for &(k, v) in &items {
                if !type_data(&vm.type_of(v)).is_user {
                    continue;
                }
                if let Some(f) = vm.lookup_special(v, "__set_name__")
                    && let Err(e) = vm.call(f, &[v, cls, k], &[])
                {
                    vm.root(e.0);
                    set_name_note(vm, e.0, v, cls, k);
                    return Err(e);
                }
            }
        }
        match parent_hook
            .as_ref()
            .and_then(|h| h.downcast::<ClassMethod>())
        {
            Some(cm) => {
                let f = cm.0;
                vm.call(f, &[cls], kw)?;
            }
            None if !kw.is_empty() => {
                let n = type_data(&cls).name.read().clone();
                return Err(vm.type_error(format!(
                    "{n}.__init_subclass__() takes no keyword arguments"
                )));
            }
            None => {}
        }
        Ok(())
    })();
    r.map(|_| cls)
}

/// `(has_dict, weakrefable, slot names)` of a new class from its bases and `__slots__`.
/// Each name this class declares in `__slots__` shows in its namespace as a
/// `member_descriptor` (`objects::member`).
fn add_member_descriptors(vm: &mut Vm, cls: Value) -> PyResult<()> {
    let td = type_data(&cls);
    let names = td.slots.to_vec();
    let dict = td.dict;
    for name in names {
        let m = crate::objects::member::new_member(vm, name, cls)?;
        vm.with_root(m, |vm| vm.dict_set(dict, name, m))?;
    }
    Ok(())
}

fn slots_layout(
    vm: &mut Vm,
    bases: &[Value],
    builtin_base: Value,
    ns: Value,
) -> PyResult<(bool, bool, Vec<Value>)> {
    // Variable-size built-ins have no room for a weak reference list.
    let t = &vm.rt.types;
    let varsize = [t.int, t.bytes, t.tuple]
        .iter()
        .any(|&v| !builtin_base.is_null() && crate::types::is_subclass(vm, builtin_base, v));
    let Some(sv) = vm.dict_get_str(ns, "__slots__") else {
        return Ok((true, !varsize, Vec::new()));
    };
    let names = if as_str(&sv).is_some() {
        vec![sv]
    } else {
        vm.collect_iter(sv)?
    };
    let mut has_dict = bases.iter().any(|&b| {
        let td = type_data(&b);
        if td.is_user {
            td.has_dict
        } else {
            td.layout == Layout::Exception
        }
    });
    let mut weakrefable = bases_weakrefable(bases);
    let mut slots = Vec::new();
    for n in names {
        let Some(s) = as_str(&n).map(|s| s.to_string()) else {
            let tn = vm.type_name(n);
            return Err(vm.type_error(format!("__slots__ items must be strings, not '{tn}'")));
        };
        match s.as_str() {
            "__dict__" => {
                if has_dict {
                    return Err(vm.type_error("__dict__ slot disallowed: we already got one"));
                }
                has_dict = true;
            }
            "__weakref__" => {
                if weakrefable {
                    return Err(vm.type_error("__weakref__ slot disallowed: we already got one"));
                }
                weakrefable = true;
            }
            _ => {
                let ident = s
                    .chars()
                    .next()
                    .is_some_and(|c| c == '_' || c.is_alphabetic())
                    && s.chars().all(|c| c == '_' || c.is_alphanumeric());
                if !ident {
                    return Err(vm.type_error("__slots__ must be identifiers"));
                }
                if vm.dict_get_str(ns, &s).is_some() {
                    return Err(
                        vm.value_error(format!("'{s}' in __slots__ conflicts with class variable"))
                    );
                }
                if varsize {
                    let bn = type_data(&builtin_base).name.read().clone();
                    return Err(vm.type_error(format!(
                        "nonempty __slots__ not supported for subtype of '{bn}'"
                    )));
                }
                slots.push(vm.intern(&s));
            }
        }
    }
    Ok((has_dict, weakrefable, slots))
}

/// Do instances of any of `bases` accept weak references already?
fn bases_weakrefable(bases: &[Value]) -> bool {
    // A built-in base's flag is its type-table row's `+ weakref` (types.rs).
    bases.iter().any(|&b| type_data(&b).weakrefable)
}

/// `object.__new__`: an instance with an empty `__dict__`.
pub fn object_new(vm: &mut Vm, cls: Value, _args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let td = type_data(&cls);
    if !td.builtin_base.is_null() {
        let f = type_data(&td.builtin_base)
            .new
            .expect("built-in base constructor");
        return f(vm, cls, _args, _kw);
    }
    let r = vm.alloc_instance(cls, Value::NULL)?;
    vm.mark_finalizable(r, cls);
    Ok(r)
}

fn object_new_native(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let Some(&cls) = args.first() else {
        return Err(vm.type_error("object.__new__(): not enough arguments"));
    };
    let cls = crate::helpers::type_arg(vm, cls, "object.__new__(X): X")?;
    let td = type_data(&cls);
    match td.new {
        Some(f) => f(vm, cls, &args[1..], kw),
        None => object_new(vm, cls, &[], &[]),
    }
}

/// `object.__new__(cls)`: as the other built-in `__new__`s, but refusing a class whose
/// instances another built-in type lays out (CPython's "is not safe" TypeError).
fn object_dunder_new(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    if let Some(&cls) = args.first() {
        let Some(td) = cls.downcast::<crate::objects::typeobj::TypeData>() else {
            let tn = vm.type_name(cls);
            return Err(vm.type_error(format!("object.__new__(X): X is not a type object ({tn})")));
        };
        let object = vm.rt.types.object;
        let solid = crate::types::mro(cls)
            .into_iter()
            .find(|&t| !type_data(&t).is_user);
        // (A built-in type without its own `__new__` entry is made by this one.)
        if let Some(b) = solid.filter(|&b| b != object)
            && vm.dict_get_str(type_data(&b).dict, "__new__").is_some()
        {
            let n = td.qualname.read().clone();
            return Err(vm.type_error(format!(
                "object.__new__({n}) is not safe, use {n}.__new__()"
            )));
        }
    }
    object_new_native(vm, args, kw)
}

fn object_init(_vm: &mut Vm, _args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    Ok(Value::NONE)
}
#[native(name = "__repr__", style = slot)]
fn object_repr(vm: &mut Vm, this: Value) -> PyResult {
    let ty = vm.type_of(this);
    let td = type_data(&ty);
    let q = td.qualname.read().clone();
    let m = vm
        .dict_get_str(td.dict, "__module__")
        .and_then(|m| as_str(&m).map(|s| s.to_string()));
    let s = match m {
        Some(m) if m != "builtins" => format!("<{m}.{q} object at {:#x}>", this.id()),
        _ => format!("<{q} object at {:#x}>", this.id()),
    };
    vm.new_str(&s)
}
#[native(name = "__str__", style = slot)]
fn object_str(vm: &mut Vm, this: Value) -> PyResult {
    let s = vm.repr(this)?;
    vm.new_str(&s)
}
#[native(name = "__eq__", style = slot)]
fn object_eq(_vm: &mut Vm, this: Value, b: Value) -> PyResult {
    let a = this;
    Ok(if a == b {
        Value::TRUE
    } else {
        Value::NOT_IMPLEMENTED
    })
}
#[native(name = "__ne__", style = slot)]
fn object_ne(vm: &mut Vm, this: Value, b: Value) -> PyResult {
    let a = this;
    let r = vm.rich_compare(a, b, crate::bytecode::CmpOp::Eq)?;
    Ok(Value::bool(!vm.truthy(r)?))
}
#[native(name = "__hash__", style = slot)]
fn object_hash(vm: &mut Vm, this: Value) -> PyResult {
    vm.new_int((this.raw() >> 4) as i64)
}
/// The built-in type that lays out instances of `t` (None for plain objects; all
/// exception classes share one layout).
fn solid_base(vm: &Vm, t: Value) -> Option<Value> {
    let object = vm.rt.types.object;
    let b = crate::types::mro(t)
        .into_iter()
        .find(|&m| !type_data(&m).is_user)?;
    if b == object {
        None
    } else if type_data(&b).layout == Layout::Exception {
        Some(vm.rt.types.exc.base_exception)
    } else {
        Some(b)
    }
}

/// Bases whose instances two unrelated built-in types lay out cannot be combined.
fn check_layouts(vm: &mut Vm, bases: &[Value]) -> PyResult<()> {
    let mut winner: Option<Value> = None;
    for &b in bases {
        let Some(s) = solid_base(vm, b) else { continue };
        winner = match winner {
            None => Some(s),
            Some(w) if crate::types::is_subclass(vm, w, s) => Some(w),
            Some(w) if crate::types::is_subclass(vm, s, w) => Some(s),
            Some(_) => {
                return Err(vm.type_error("multiple bases have instance lay-out conflict"));
            }
        };
    }
    Ok(())
}

#[native(name = "__setattr__", style = slot)]
fn object_setattr(vm: &mut Vm, this: Value, name: Value, v: Value) -> PyResult {
    let obj = this;
    let name = str_name(vm, name)?;
    vm.generic_setattr(obj, name, v)?;
    Ok(Value::NONE)
}
/// An attribute name given to `object.__getattribute__` and friends: a str (a subclass
/// instance counts), else CPython's TypeError.
fn str_name(vm: &mut Vm, name: Value) -> PyResult<Value> {
    if crate::helpers::is_str(name) {
        return Ok(name);
    }
    if let Some(s) = crate::helpers::as_str(&name) {
        let s = s.to_string();
        return vm.new_str(&s);
    }
    let tn = vm.type_name(name);
    Err(vm.type_error(format!("attribute name must be string, not '{tn}'")))
}

#[native(name = "__getattribute__", style = slot)]
fn object_getattribute(vm: &mut Vm, this: Value, name: Value) -> PyResult {
    let name = str_name(vm, name)?;
    match vm.generic_getattr(this, name)? {
        Some(v) => Ok(v),
        None => Err(vm.no_attribute(this, name)),
    }
}
#[native(name = "__delattr__", style = slot)]
fn object_delattr(vm: &mut Vm, this: Value, name: Value) -> PyResult {
    let name = str_name(vm, name)?;
    let obj = this;
    vm.generic_delattr(obj, name)?;
    Ok(Value::NONE)
}
/// `type.__setattr__(cls, name, value)`: a class attribute (as `cls.name = value`).
#[native(name = "__setattr__", style = slot)]
fn type_setattr(vm: &mut Vm, this: Value, name: Value, v: Value) -> PyResult {
    let cls = this;
    if !cls.is::<TypeData>() {
        let tn = vm.type_name(cls);
        return Err(vm.type_error(format!(
            "descriptor '__setattr__' requires a 'type' object but received a '{tn}'"
        )));
    }
    let name = str_name(vm, name)?;
    vm.type_setattr(cls, name, v)?;
    Ok(Value::NONE)
}
/// `type.__delattr__(cls, name)`.
#[native(name = "__delattr__", style = slot)]
fn type_delattr(vm: &mut Vm, this: Value, name: Value) -> PyResult {
    let cls = this;
    if !cls.is::<TypeData>() {
        let tn = vm.type_name(cls);
        return Err(vm.type_error(format!(
            "descriptor '__delattr__' requires a 'type' object but received a '{tn}'"
        )));
    }
    let name = str_name(vm, name)?;
    vm.generic_delattr(cls, name)?;
    Ok(Value::NONE)
}
/// `object.__reduce_ex__(protocol)`: the class's own `__reduce__` when it has one, else
/// the default reduction (`copy._natural_reduction`: `(__newobj__, (cls, *args), state,
/// list items, dict items)`, what CPython gives for protocol 2 and up).
#[native(name = "__reduce_ex__", style = slot)]
fn object_reduce_ex(vm: &mut Vm, this: Value, _protocol: Value) -> PyResult {
    let ty = vm.type_of(this);
    let n = vm.intern("__reduce__");
    if let Some(f) = crate::types::lookup_in_mro(vm, ty, n)
        && f.downcast::<BuiltinFn>()
            .is_none_or(|b| b.owner != "object")
    {
        let bound = vm.getattr(this, n)?;
        return vm.with_root(bound, |vm| vm.call(bound, &[], &[]));
    }
    default_reduction(vm, this)
}
/// `object.__reduce__()`: the default reduction.
#[native(name = "__reduce__", style = slot)]
fn object_reduce(vm: &mut Vm, this: Value) -> PyResult {
    default_reduction(vm, this)
}
/// `object.__getstate__()`: the instance dict, `(dict, slots)` when slots hold values,
/// or None (`copy._default_state`, which the default reduction uses too).
#[native(name = "__getstate__", style = slot)]
fn object_getstate(vm: &mut Vm, this: Value) -> PyResult {
    let copy = vm.import_module("copy")?;
    let f = vm.with_root(copy, |vm| vm.getattr_str(copy, "_default_state"))?;
    let ty = vm.type_of(this);
    vm.with_root(f, |vm| vm.call(f, &[this, ty], &[]))
}
fn default_reduction(vm: &mut Vm, this: Value) -> PyResult {
    let copy = vm.import_module("copy")?;
    let f = vm.with_root(copy, |vm| vm.getattr_str(copy, "_natural_reduction"))?;
    let ty = vm.type_of(this);
    vm.with_root(f, |vm| vm.call(f, &[this, ty], &[]))
}
#[native(name = "__mro__", style = slot)]
fn type_mro_get(vm: &mut Vm, this: Value) -> PyResult {
    let cls = this;
    let cls = crate::helpers::type_arg(vm, cls, "descriptor '__mro__' for 'type' objects")?;
    vm.getattr_str(cls, "__mro__")
}
#[native(name = "__dict__", style = slot)]
fn type_dict_get(vm: &mut Vm, this: Value) -> PyResult {
    let cls = this;
    let cls = crate::helpers::type_arg(vm, cls, "descriptor '__dict__' for 'type' objects")?;
    vm.getattr_str(cls, "__dict__")
}
/// `type.__or__` / `type.__ror__`: `int | str` is a `types.UnionType` (made in the
/// frozen `types` module, which also decides what may take part).
#[native(name = "__or__", style = slot)]
fn type_or(vm: &mut Vm, this: Value, b: Value) -> PyResult {
    let a = this;
    union_or(vm, a, b)
}
#[native(name = "__ror__", style = slot)]
fn type_ror(vm: &mut Vm, this: Value, b: Value) -> PyResult {
    let a = this;
    union_or(vm, b, a)
}
fn union_or(vm: &mut Vm, left: Value, right: Value) -> PyResult {
    let types = vm.import_module("types")?;
    let f = vm.with_root(types, |vm| vm.getattr_str(types, "_union_or"))?;
    vm.with_root(f, |vm| vm.call(f, &[left, right], &[]))
}
#[native(name = "__format__", style = slot)]
fn object_format(vm: &mut Vm, this: Value, spec: Value) -> PyResult {
    let spec = as_str(&spec).map(|x| x.to_string()).unwrap_or_default();
    if !spec.is_empty() {
        let tn = vm.type_name(this);
        return Err(vm.type_error(format!(
            "unsupported format string passed to {tn}.__format__"
        )));
    }
    let s = vm.str_of(this)?;
    vm.new_str(&s)
}
fn object_init_subclass(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    if !kw.is_empty() {
        let n = match args.first().and_then(|c| c.downcast::<TypeData>()) {
            Some(t) => t.name.read().clone(),
            None => "object".to_string(),
        };
        return Err(vm.type_error(format!(
            "{n}.__init_subclass__() takes no keyword arguments"
        )));
    }
    // Called bound to the new class (class creation, `super().__init_subclass__()`)
    // or unbound on `object`: anything more is an argument it does not take.
    let given = match args.first() {
        Some(c) if c.is::<TypeData>() => args.len() - 1,
        _ => args.len(),
    };
    if given > 0 {
        return Err(vm.type_error(format!(
            "object.__init_subclass__() takes no arguments ({given} given)"
        )));
    }
    Ok(Value::NONE)
}
#[native(name = "__dir__", style = slot)]
fn object_dir(vm: &mut Vm, this: Value) -> PyResult {
    let mut names = Vec::new();
    if let Some(d) = vm.dict_of(this)? {
        names.extend(vm.dict_items(d).into_iter().map(|(k, _)| k));
    }
    let ty = if this.is::<TypeData>() {
        this
    } else {
        vm.type_of(this)
    };
    for t in crate::types::mro(ty) {
        names.extend(
            vm.dict_items(type_data(&t).dict)
                .into_iter()
                .map(|(k, _)| k),
        );
    }
    let mut strs: Vec<String> = names
        .iter()
        .filter_map(|n| as_str(n).map(|s| s.to_string()))
        .collect();
    strs.sort();
    strs.dedup();
    let mut vals = Vec::new();
    for s in strs {
        vals.push(vm.intern(&s));
    }
    vm.new_list(vals)
}

#[native(name = "mro")]
fn type_mro(vm: &mut Vm, this: This<TypeData>) -> PyResult {
    let m = crate::types::mro(this.obj);
    vm.new_list(m)
}
#[native(name = "__subclasscheck__", style = slot)]
fn type_subclasscheck(vm: &mut Vm, this: This<TypeData>, sub: Value) -> PyResult {
    let cls = this.obj;
    let sub = crate::helpers::type_arg(vm, sub, "issubclass() arg 1")?;
    Ok(Value::bool(crate::types::is_subclass(vm, sub, cls)))
}

/// `super()` / `super(type)` (unbound: no instance, `obj` NULL) / `super(type, obj)`
/// (CPython's `super(type=<unrepresentable>, obj=NULL, /)`).
#[native(new, name = "super", called = "super()")]
fn super_new(vm: &mut Vm, cls: Value, ty: Option<Value>, obj: Option<Value>) -> PyResult {
    let _ = cls;
    let (cls, obj) = match (ty, obj) {
        (Some(c), Some(o)) => (c, o),
        (None, _) => zero_arg_super(vm)?,
        (Some(c), None) => (c, Value::NULL),
    };
    if !cls.is::<TypeData>() {
        let tn = vm.type_name(cls);
        return Err(vm.type_error(format!("super() argument 1 must be a type, not {tn}")));
    }
    if !obj.is_null() {
        super_check(vm, cls, obj)?;
    }
    let t = vm.rt.types.super_;
    vm.alloc(t, SuperData { cls, obj })
}

/// `obj` must be an instance of `cls` or a subclass of it (CPython's `supercheck`).
fn super_check(vm: &mut Vm, cls: Value, obj: Value) -> PyResult<()> {
    let ot = vm.type_of(obj);
    let is_type = obj.is::<TypeData>();
    if crate::types::is_subclass(vm, ot, cls)
        || (is_type && crate::types::is_subclass(vm, obj, cls))
    {
        return Ok(());
    }
    let (kind, of) = if is_type {
        ("type", obj)
    } else {
        ("instance of", ot)
    };
    let of = type_data(&of).name.read().clone();
    let want = type_data(&cls).name.read().clone();
    Err(vm.type_error(format!(
        "super(type, obj): obj ({kind} {of}) is not an instance or subtype of type ({want})."
    )))
}

/// The note CPython adds to an exception raised by a `__set_name__` hook, naming the
/// descriptor's type, its name and the class. A failure to add it is ignored (the
/// hook's exception is the one to report).
fn set_name_note(vm: &mut Vm, exc: Value, v: Value, cls: Value, k: Value) {
    let Ok(kr) = vm.repr(k) else { return };
    let vt = vm.type_name(v);
    let cn = type_data(&cls).name.read().clone();
    let text = format!("Error calling __set_name__ on '{vt}' instance {kr} in '{cn}'");
    if let Ok(note) = vm.new_str(&text) {
        let _ = vm.with_root(note, |vm| vm.call_method(exc, "add_note", &[note]));
    }
}

/// `super.__get__(obj, type=None)`: an unbound super object bound to `obj`; a bound
/// one (or no instance) is returned as it is.
#[native(name = "__get__", style = slot)]
fn super_get(
    vm: &mut Vm,
    this: This<SuperData>,
    instance: Value,
    owner: Option<Value>,
) -> PyResult {
    let (cls, obj) = (this.data.cls, this.data.obj);
    if instance.is_none() && owner.is_none_or(|o| o.is_none()) {
        return Err(vm.type_error("__get__(None, None) is invalid"));
    }
    if !obj.is_null() || instance.is_none() {
        return Ok(this.obj);
    }
    super_check(vm, cls, instance)?;
    let t = vm.type_of(this.obj);
    vm.alloc(t, SuperData { cls, obj: instance })
}

/// Find `__class__` and the first argument in the calling Python frame.
fn zero_arg_super(vm: &mut Vm) -> PyResult<(Value, Value)> {
    let Some(&fp) = vm.roots.frames.last() else {
        return Err(vm.runtime_error("super(): no arguments"));
    };
    // SAFETY: frames on this thread's list are alive (they are running below us).
    let f = unsafe { &*fp };
    let c = &f.code_obj().code;
    if c.argcount == 0 {
        return Err(vm.runtime_error("super(): no arguments"));
    }
    let first = f.locals().first().copied().unwrap_or(Value::NULL);
    let ncell = c.cellvars.len();
    let Some(ix) = c.freevars.iter().position(|n| n == "__class__") else {
        return Err(vm.runtime_error("super(): __class__ cell not found"));
    };
    let cell = f.cells()[ncell + ix];
    let cls = cell
        .downcast::<CellData>()
        .map(|c| c.get())
        .unwrap_or(Value::NULL);
    if cls.is_null() {
        return Err(vm.runtime_error("super(): empty __class__ cell"));
    }
    // The first argument may itself live in a cell.
    let first = match c.cell2arg.iter().position(|a| *a == Some(0)) {
        Some(ci) => f.cells()[ci]
            .downcast::<CellData>()
            .map(|c| c.get())
            .unwrap_or(first),
        None => first,
    };
    if first.is_null() {
        return Err(vm.runtime_error("super(): arg[0] deleted"));
    }
    Ok((cls, first))
}

#[native(name = "__getattribute__", style = slot)]
fn super_getattribute(vm: &mut Vm, this: This<SuperData>, name: Value) -> PyResult {
    let sd = this.data;
    let (cls, obj) = (sd.cls, sd.obj);
    if obj.is_null() {
        // Unbound: only the super object's own attributes.
        return match as_str(&name) {
            Some("__class__") => Ok(vm.rt.types.super_),
            Some("__self__" | "__self_class__") => Ok(Value::NONE),
            Some("__thisclass__") => Ok(cls),
            _ => {
                let name = str_name(vm, name)?;
                match vm.generic_getattr(this.obj, name)? {
                    Some(v) => Ok(v),
                    None => Err(vm.no_attribute(this.obj, name)),
                }
            }
        };
    }
    let start_ty = if obj.is::<TypeData>() && crate::types::is_subclass(vm, obj, cls) {
        obj
    } else {
        vm.type_of(obj)
    };
    if as_str(&name) == Some("__class__") {
        // The super object's own class, not one found along the MRO.
        return Ok(vm.rt.types.super_);
    }
    let mro = crate::types::mro(start_ty);
    let pos = mro
        .iter()
        .position(|&t| t == cls)
        .map(|p| p + 1)
        .unwrap_or(mro.len());
    for &t in &mro[pos..] {
        let d = type_data(&t).dict;
        if let Some(v) = vm.dict_get_str_key(d, name)? {
            if v.is::<FunctionData>() {
                if obj.is::<TypeData>() && start_ty == obj {
                    return Ok(v);
                }
                let mt = vm.rt.types.method;
                return vm.alloc(
                    mt,
                    crate::objects::function::BoundMethod { func: v, this: obj },
                );
            }
            if let Some(b) = v.downcast::<crate::objects::builtin_fn::BuiltinFn>()
                && b.method
            {
                let (n, f, owner) = (b.name, b.f, b.owner);
                let bt = vm.rt.types.builtin_function;
                let this = if n == "__new__" { Value::NULL } else { obj };
                return vm.alloc(
                    bt,
                    crate::objects::builtin_fn::BuiltinFn {
                        name: n,
                        f,
                        this,
                        owner,
                        method: true,
                    },
                );
            }
            if let Some(cm) = v.downcast::<ClassMethod>() {
                let f = cm.0;
                let mt = vm.rt.types.method;
                return vm.alloc(
                    mt,
                    crate::objects::function::BoundMethod {
                        func: f,
                        this: start_ty,
                    },
                );
            }
            if let Some(sm) = v.downcast::<StaticMethod>() {
                return Ok(sm.0);
            }
            if let Some(p) = v.downcast::<Property>() {
                let g = p.fget;
                return vm.call(g, &[obj], &[]);
            }
            if type_data(&vm.type_of(v)).is_user {
                // A descriptor written in Python: bound as a lookup from `obj` would.
                let gn = vm.rt.names.get;
                let vt = vm.type_of(v);
                if let Some(get) = crate::types::lookup_in_mro(vm, vt, gn) {
                    let inst = if start_ty == obj { Value::NONE } else { obj };
                    return vm.with_root(v, |vm| vm.call(get, &[v, inst, start_ty], &[]));
                }
            }
            return Ok(v);
        }
    }
    // The super object's own attributes.
    match as_str(&name) {
        Some("__self__") => return Ok(obj),
        Some("__thisclass__") => return Ok(cls),
        Some("__self_class__") => return Ok(start_ty),
        _ => {}
    }
    let name = str_name(vm, name)?;
    match vm.generic_getattr(this.obj, name)? {
        Some(v) => Ok(v),
        None => Err(vm.no_attribute(this.obj, name)),
    }
}

/// property(fget=None, fset=None, fdel=None, doc=None)
#[native(new, name = "property")]
fn property_new(
    vm: &mut Vm,
    cls: Value,
    #[kw]
    #[default(Value::NONE)]
    fget: Value,
    #[kw]
    #[default(Value::NONE)]
    fset: Value,
    #[kw]
    #[default(Value::NONE)]
    fdel: Value,
    #[kw]
    #[default(Value::NONE)]
    doc: Value,
) -> PyResult {
    let mut doc = doc;
    if doc.is_none()
        && let Some(f) = fget.downcast::<FunctionData>()
    {
        doc = f.doc.load();
    }
    vm.alloc(
        cls,
        Property {
            fget,
            fset,
            fdel,
            doc: crate::value::AtomicValue::new(doc),
        },
    )
}
fn property_with(vm: &mut Vm, this: This<Property>, f: Value, which: usize) -> PyResult {
    let p = this.data;
    let mut parts = [p.fget, p.fset, p.fdel, p.doc.load()];
    parts[which] = f;
    let t = vm.type_of(this.obj);
    vm.alloc(
        t,
        Property {
            fget: parts[0],
            fset: parts[1],
            fdel: parts[2],
            doc: crate::value::AtomicValue::new(parts[3]),
        },
    )
}
#[native(name = "getter")]
fn property_getter(vm: &mut Vm, this: This<Property>, fget: Value) -> PyResult {
    property_with(vm, this, fget, 0)
}
#[native(name = "setter")]
fn property_setter(vm: &mut Vm, this: This<Property>, fset: Value) -> PyResult {
    property_with(vm, this, fset, 1)
}
#[native(name = "deleter")]
fn property_deleter(vm: &mut Vm, this: This<Property>, fdel: Value) -> PyResult {
    property_with(vm, this, fdel, 2)
}
#[native(name = "__get__", style = slot)]
fn property_get(
    vm: &mut Vm,
    this: This<Property>,
    instance: Value,
    _owner: Option<Value>,
) -> PyResult {
    if instance.is_none() {
        return Ok(this.obj);
    }
    vm.call(this.fget, &[instance], &[])
}
/// `property.__set__(obj, value)`: the setter, called explicitly (attribute stores on
/// instances reach it directly, `ops/attr.rs`).
#[native(name = "__set__", style = slot)]
fn property_set(vm: &mut Vm, this: This<Property>, instance: Value, value: Value) -> PyResult {
    let fset = this.data.fset;
    if fset.is_null() || fset.is_none() {
        return Err(property_missing(vm, this.data, instance, "setter"));
    }
    vm.call(fset, &[instance, value], &[])?;
    Ok(Value::NONE)
}
/// `property.__delete__(obj)`: the deleter, called explicitly.
#[native(name = "__delete__", style = slot)]
fn property_delete(vm: &mut Vm, this: This<Property>, instance: Value) -> PyResult {
    let fdel = this.data.fdel;
    if fdel.is_null() || fdel.is_none() {
        return Err(property_missing(vm, this.data, instance, "deleter"));
    }
    vm.call(fdel, &[instance], &[])?;
    Ok(Value::NONE)
}
/// AttributeError for a property without a setter or deleter, named (as CPython does
/// without an attribute name at hand) by its getter's `__name__`.
fn property_missing(vm: &mut Vm, p: &Property, instance: Value, what: &str) -> crate::vm::PyErr {
    let fget = p.fget;
    let tn = vm.type_name(instance);
    let name = if fget.is_null() || fget.is_none() {
        None
    } else {
        vm.getattr_str(fget, "__name__")
            .ok()
            .and_then(|n| as_str(&n).map(str::to_string))
    };
    match name {
        Some(n) => vm.attribute_error(format!("property '{n}' of '{tn}' object has no {what}")),
        None => vm.attribute_error(format!("property of '{tn}' object has no {what}")),
    }
}
/// `function.__get__(obj, type=None)`: the function itself for no instance, else a
/// method bound to `obj`.
#[native(name = "__get__", style = slot)]
fn function_get(vm: &mut Vm, this: Value, instance: Value, owner: Option<Value>) -> PyResult {
    if instance.is_none() && owner.is_none_or(|o| o.is_none()) {
        return Err(vm.type_error("__get__(None, None) is invalid"));
    }
    if instance.is_none() {
        return Ok(this);
    }
    let t = vm.rt.types.method;
    vm.alloc(
        t,
        BoundMethod {
            func: this,
            this: instance,
        },
    )
}
/// `__call__` of a callable built-in type (`f.__call__(x)` is `f(x)`): calls its
/// receiver, which must be of type `ty` (none of these types can be subclassed).
fn call_self(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)], ty: Value) -> PyResult {
    let name = crate::types::type_data(&ty).name.read().clone();
    match args.split_first() {
        Some((&f, rest)) if vm.type_of(f) == ty => vm.call(f, rest, kw),
        Some((&f, _)) => {
            let tn = vm.type_name(f);
            Err(vm.type_error(format!(
                "descriptor '__call__' requires a '{name}' object but received a '{tn}'"
            )))
        }
        None => Err(vm.type_error(format!(
            "descriptor '__call__' of '{name}' object needs an argument"
        ))),
    }
}
/// `staticmethod.__get__(obj, type=None)`: the wrapped callable.
#[native(name = "__get__", style = slot)]
fn staticmethod_get(
    _vm: &mut Vm,
    this: &StaticMethod,
    _instance: Value,
    _owner: Option<Value>,
) -> Value {
    this.0
}
/// `classmethod.__get__(obj, type=None)`: the callable bound to `type` (or `obj`'s type).
#[native(name = "__get__", style = slot)]
fn classmethod_get(
    vm: &mut Vm,
    this: &ClassMethod,
    instance: Value,
    owner: Option<Value>,
) -> PyResult {
    let f = this.0;
    let owner = match owner {
        Some(t) if !t.is_none() => t,
        _ => vm.type_of(instance),
    };
    let t = vm.rt.types.method;
    vm.alloc(
        t,
        BoundMethod {
            func: f,
            this: owner,
        },
    )
}
#[native(new, name = "staticmethod", style = positional)]
fn staticmethod_new(vm: &mut Vm, cls: Value, function: Value) -> PyResult {
    vm.alloc(cls, StaticMethod(function))
}
#[native(new, name = "classmethod", style = positional)]
fn classmethod_new(vm: &mut Vm, cls: Value, function: Value) -> PyResult {
    vm.alloc(cls, ClassMethod(function))
}
/// `types.MethodType(function, instance)`: a bound method.
#[native(new, name = "method")]
fn method_new(vm: &mut Vm, cls: Value, function: Value, instance: Value) -> PyResult {
    let args = [function, instance];
    if !crate::ops::call::is_callable(vm, args[0]) {
        return Err(vm.type_error("first argument must be callable"));
    }
    if args[1].is_none() {
        return Err(vm.type_error("instance must not be None"));
    }
    vm.alloc(
        cls,
        crate::objects::function::BoundMethod {
            func: args[0],
            this: args[1],
        },
    )
}
fn object_new_ctor(vm: &mut Vm, cls: Value, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    if cls == vm.rt.types.object && (!args.is_empty() || !kw.is_empty()) {
        return Err(vm.type_error("object() takes no arguments"));
    }
    object_new(vm, cls, args, kw)
}

/// Every built-in type with its own constructor shows it as `__new__` in its namespace
/// (as CPython's do: `'__new__' in int.__dict__`); calling it runs the native constructor
/// of the class given, like `object.__new__`. Runs after every type has its `new`.
pub fn expose_new(vm: &mut Vm) {
    // `type.__dict__['__mro__']` and `['__dict__']` are read-only properties (CPython's
    // getset descriptors), which `inspect.getattr_static` calls directly. Reading
    // `C.__mro__` itself is answered before any lookup (`ops/attr.rs`).
    let ty = vm.rt.types.type_;
    for getter in [type_mro_get, type_dict_get] {
        let name = getter.name;
        let g = vm.new_native(name, "type", getter.f).expect("start-up");
        let pty = vm.rt.types.property;
        let p = vm
            .alloc(
                pty,
                Property {
                    fget: g,
                    fset: Value::NONE,
                    fdel: Value::NONE,
                    doc: crate::value::AtomicValue::new(Value::NONE),
                },
            )
            .expect("start-up");
        vm.add_attr(ty, name, p);
    }
    // The mutable containers say they are unhashable the way classes do (`__hash__ is
    // None`), which dataclasses and collections.abc.Hashable test.
    let b = vm.rt.types.base;
    for ty in [b.list, b.dict, b.set, b.bytearray] {
        if vm.dict_get_str(type_data(&ty).dict, "__hash__").is_none() {
            vm.add_attr(ty, "__hash__", Value::NONE);
        }
    }
    let object = vm.rt.types.base.object;
    let all: Vec<Value> = (vm.rt.types.all_base().into_iter())
        .chain(vm.rt.types.all_exceptions())
        .collect();
    for ty in all {
        let td = type_data(&ty);
        if ty == object || td.new.is_none() || vm.dict_get_str(td.dict, "__new__").is_some() {
            continue;
        }
        vm.add_method(ty, "__new__", object_new_native);
    }
}

pub fn init(vm: &mut Vm) {
    let t = vm.rt.types.base;
    vm.set_new(t.object, object_new_ctor);
    vm.add_method(t.object, "__new__", object_dunder_new);
    vm.add_method(t.object, "__init__", object_init);
    vm.add_methods(t.object, &[object_repr]);
    vm.add_methods(t.object, &[object_str]);
    vm.add_methods(t.object, &[object_eq]);
    vm.add_methods(t.object, &[object_ne]);
    vm.add_methods(t.object, &[object_hash]);
    vm.add_methods(t.object, &[object_setattr]);
    vm.add_methods(t.object, &[object_getattribute]);
    vm.add_methods(t.object, &[object_delattr]);
    vm.add_methods(t.object, &[object_format]);
    vm.add_methods(t.object, &[object_getstate]);
    vm.add_method(t.object, "__init_subclass__", object_init_subclass);
    vm.add_methods(t.object, &[object_dir]);
    vm.add_methods(t.object, &[object_reduce_ex]);
    vm.add_methods(t.object, &[object_reduce]);
    vm.set_new(t.type_, type_new);
    vm.add_methods(t.type_, &[type_mro]);
    vm.add_method(
        t.type_,
        "__subclasses__",
        crate::type_version::type_subclasses,
    );
    vm.add_methods(t.type_, &[type_setattr]);
    vm.add_methods(t.type_, &[type_delattr]);
    vm.add_methods(t.type_, &[type_subclasscheck]);
    vm.add_methods(t.type_, &[type_or]);
    vm.add_methods(t.type_, &[type_ror]);
    vm.set_new(t.super_, super_new.f);
    vm.add_methods(t.super_, &[super_getattribute]);
    vm.add_methods(t.super_, &[super_get]);
    vm.set_new(t.property, property_new.f);
    vm.add_methods(t.property, &[property_getter]);
    vm.add_methods(t.property, &[property_setter]);
    vm.add_methods(t.property, &[property_deleter]);
    vm.add_methods(t.property, &[property_get]);
    vm.add_methods(t.property, &[property_set, property_delete]);
    vm.set_new(t.method, method_new.f);
    vm.set_new(t.staticmethod, staticmethod_new.f);
    vm.add_methods(t.staticmethod, &[staticmethod_get]);
    vm.add_methods(t.classmethod, &[classmethod_get]);
    vm.add_methods(t.function, &[function_get]);
    vm.add_method(t.function, "__call__", |vm, args, kw| {
        call_self(vm, args, kw, vm.rt.types.function)
    });
    vm.add_method(t.builtin_function, "__call__", |vm, args, kw| {
        call_self(vm, args, kw, vm.rt.types.builtin_function)
    });
    vm.add_method(t.method, "__call__", |vm, args, kw| {
        call_self(vm, args, kw, vm.rt.types.method)
    });
    vm.set_new(t.classmethod, classmethod_new.f);
}
