//! Attribute lookup, assignment and deletion (the descriptor protocol, simplified to
//! the descriptors weft has: functions, built-in methods, static/class methods and
//! properties, plus user classes defining `__get__`).
use crate::helpers::as_str;
use crate::objects::builtin_fn::BuiltinFn;
use crate::objects::exception::ExcData;
use crate::objects::function::{BoundMethod, ClassMethod, FunctionData, Property, StaticMethod};
use crate::objects::instance::{self, Inline, instance_parts};
use crate::objects::module::ModuleData;
use crate::objects::str::StrData;
use crate::objects::typeobj::TypeData;
use crate::types::{lookup_in_mro, type_data};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// The `__dict__` of a built-in kind that keeps one (modules, exceptions, weak
/// references with attributes). Instances: see [`Vm::dict_of`].
fn builtin_dict(v: Value) -> Option<Value> {
    if let Some(m) = v.downcast::<ModuleData>() {
        return Some(m.dict);
    }
    if let Some(e) = v.downcast::<ExcData>() {
        return Some(e.dict);
    }
    if let Some(w) = v.downcast::<crate::objects::weakref::WeakRefData>()
        && !w.dict.is_null()
    {
        return Some(w.dict);
    }
    None
}

/// Does `v` show its namespace as `__dict__`? (Not for classes whose `__slots__` leave
/// `__dict__` out: their slot values live in a hidden dict.)
fn exposes_dict(v: Value) -> bool {
    match v.heap_type() {
        Some(t) => {
            let td = type_data(&t);
            !td.is_user || td.has_dict
        }
        None => false,
    }
}

/// What [`Vm::instance_setattr_fast`] did.
enum FastSet {
    Done,
    /// Store into this instance dict.
    Dict(Value),
    Generic,
    Full,
}

/// An exact str other than `__dict__` and `__class__` (whose stores `setattr` treats
/// specially).
fn plain_name(name: Value) -> bool {
    name.downcast::<StrData>()
        .is_some_and(|s| !matches!(s.as_str(), "__dict__" | "__class__"))
}

impl Vm {
    /// The `__dict__` of an object that has one; an instance gets its dict made from
    /// its inline attributes here (see `objects::instance`).
    pub fn dict_of(&mut self, v: Value) -> PyResult<Option<Value>> {
        if self.has_slots(v) {
            return self.instance_dict(v).map(Some);
        }
        Ok(builtin_dict(v))
    }

    /// Is `v` an instance with attribute slots? (Instances of `object` itself have no
    /// namespace, as in CPython.)
    fn has_slots(&self, v: Value) -> bool {
        instance_parts(&v).is_some() && v.heap_type() != Some(self.rt.types.object)
    }

    /// The object's own attribute `name` (instance slots or `__dict__`), without
    /// making an instance's dict.
    pub fn own_attr(&mut self, obj: Value, name: Value) -> PyResult<Option<Value>> {
        match instance::get(obj, name) {
            Inline::Done(v) => return Ok(Some(v)),
            Inline::Absent => return Ok(None),
            _ => {}
        }
        match self.dict_of(obj)? {
            Some(d) => self.dict_get_str_key(d, name),
            None => Ok(None),
        }
    }

    /// Store the object's own attribute; false if the object has no namespace.
    pub fn own_set(&mut self, obj: Value, name: Value, v: Value) -> PyResult<bool> {
        if let Inline::Done(_) = instance::set(obj, name, v) {
            return Ok(true);
        }
        match self.dict_of(obj)? {
            Some(d) => self.dict_set(d, name, v).map(|_| true),
            None => Ok(false),
        }
    }

    /// Delete the object's own attribute; false if it had none by that name.
    pub fn own_del(&mut self, obj: Value, name: Value) -> PyResult<bool> {
        match instance::delete(obj, name) {
            Inline::Done(_) => return Ok(true),
            Inline::Absent => return Ok(false),
            _ => {}
        }
        match self.dict_of(obj)? {
            Some(d) => Ok(self.dict_del(d, name)?.is_some()),
            None => Ok(false),
        }
    }

    pub fn getattr_str(&mut self, obj: Value, name: &str) -> PyResult {
        let n = self.intern(name);
        self.getattr(obj, n)
    }

    /// `obj.name`.
    pub fn getattr(&mut self, obj: Value, name: Value) -> PyResult {
        if let Some(v) = self.instance_getattr_fast(obj, name) {
            return Ok(v);
        }
        if let Some(r) = self.unproxy(obj)? {
            // The error names the referent's type, as CPython's.
            return self.with_root(r, |vm| vm.getattr(r, name));
        }
        match self.getattr_opt(obj, name)? {
            Some(v) => Ok(v),
            None => Err(self.no_attribute(obj, name)),
        }
    }

    /// `obj.name` when `obj` is an instance holding `name` in its own slots and its class
    /// cannot take precedence (no `__getattribute__` of its own, no property `name`):
    /// the answer `generic_getattr` would give, with fewer checks. None: take the full path.
    #[inline]
    fn instance_getattr_fast(&mut self, obj: Value, name: Value) -> Option<Value> {
        instance_parts(&obj)?;
        let ty = obj.heap_type()?;
        if type_data(&ty)
            .custom_getattribute
            .load(std::sync::atomic::Ordering::Relaxed)
        {
            return None;
        }
        if let Some(d) = lookup_in_mro(self, ty, name)
            && self.is_data_descriptor(d)
        {
            return None;
        }
        match instance::get(obj, name) {
            Inline::Done(v) => Some(v),
            // Attributes kept in the instance's dict: a str key found there answers.
            Inline::Dict => {
                let (inst, _) = instance_parts(&obj)?;
                if !inst.base.is_null() || !name.is::<StrData>() {
                    return None;
                }
                let d = inst.dict()?;
                self.dict_get_str_key(d, name).ok().flatten()
            }
            Inline::Absent => None,
        }
    }

    /// `obj.name = v` for an instance whose class has no property `name` and no
    /// `__setattr__` of its own: stored in its slots (`Done`), or left to
    /// `generic_setattr` (`Generic`: the checks `setattr` makes are done). `Full`:
    /// nothing was checked or stored, take the full path.
    #[inline]
    fn instance_setattr_fast(&mut self, obj: Value, name: Value, v: Value) -> FastSet {
        if instance_parts(&obj).is_none() {
            return FastSet::Full;
        }
        let Some(ty) = obj.heap_type() else {
            return FastSet::Full;
        };
        let td = type_data(&ty);
        // (`__slots__`-only classes too: their shared keys are exactly the slot names,
        // so `instance::set` stores only those.)
        if let Some(d) = lookup_in_mro(self, ty, name)
            && self.is_data_descriptor(d)
        {
            return FastSet::Full;
        }
        if td.is_user {
            let sa = self.rt.names.setattr;
            if lookup_in_mro(self, ty, sa).is_some_and(|f| !f.is::<BuiltinFn>()) {
                return FastSet::Full;
            }
        }
        match instance::set(obj, name, v) {
            Inline::Done(_) => FastSet::Done,
            // An instance that already keeps its attributes in a dict (many names, or
            // `__dict__` was asked for): the checks above are all `object.__setattr__`
            // would make, so the store goes straight there.
            _ => match instance::instance_parts(&obj) {
                Some((inst, _)) if inst.base.is_null() && plain_name(name) => match inst.dict() {
                    Some(d) => FastSet::Dict(d),
                    None => FastSet::Generic,
                },
                _ => FastSet::Generic,
            },
        }
    }

    pub fn no_attribute(&mut self, obj: Value, name: Value) -> crate::vm::PyErr {
        let e = self.no_attribute_message(obj, name);
        // `name` and `obj`, as CPython 3.10+ sets them (tracebacks suggest a close name).
        self.set_exc_fields(e.0, &[("name", name), ("obj", obj)]);
        e
    }

    /// Store `fields` in exception `e`'s attribute dict (best effort: an allocation
    /// failure leaves them out).
    pub fn set_exc_fields(&mut self, e: Value, fields: &[(&str, Value)]) {
        let Some(x) = e.downcast::<ExcData>() else {
            return;
        };
        let d = x.dict;
        self.with_root(e, |vm| {
            for &(k, v) in fields {
                let k = vm.intern(k);
                let _ = vm.dict_set(d, k, v);
            }
        });
    }

    fn no_attribute_message(&mut self, obj: Value, name: Value) -> crate::vm::PyErr {
        let n = as_str(&name).unwrap_or("?").to_string();
        if let Some(t) = obj.downcast::<TypeData>() {
            let tn = t.name.read().clone();
            return self.attribute_error(format!("type object '{tn}' has no attribute '{n}'"));
        }
        if let Some(m) = obj.downcast::<ModuleData>() {
            let mn = self.dict_get_str(m.dict, "__name__");
            let mn = mn
                .and_then(|v| as_str(&v).map(|s| s.to_string()))
                .unwrap_or("?".into());
            return self.attribute_error(format!("module '{mn}' has no attribute '{n}'"));
        }
        let tn = self.type_name(obj);
        self.attribute_error(format!("'{tn}' object has no attribute '{n}'"))
    }

    /// `obj.name`, or None when there is no such attribute (AttributeError from a
    /// property or `__getattr__` is also turned into None).
    pub fn getattr_opt(&mut self, obj: Value, name: Value) -> PyResult<Option<Value>> {
        if let Some(v) = self.instance_getattr_fast(obj, name) {
            return Ok(Some(v));
        }
        if obj.is::<TypeData>() {
            return self.type_getattr(obj, name);
        }
        if obj.is::<crate::objects::function::SuperData>() {
            let ga = self.rt.types.super_;
            let n = self.rt.names.getattribute;
            let f = lookup_in_mro(self, ga, n).expect("super.__getattribute__");
            return match self.call(f, &[obj, name], &[]) {
                Ok(v) => Ok(Some(v)),
                Err(e) if self.err_is(&e, self.rt.types.exc.attribute_error) => Ok(None),
                Err(e) => Err(e),
            };
        }
        if let Some(r) = self.unproxy(obj)? {
            // A proxy forwards every attribute, `__class__` included (as CPython's).
            let v = self.with_root(r, |vm| vm.getattr_opt(r, name));
            return v;
        }
        let ty = self.type_of(obj);
        let custom = type_data(&ty)
            .custom_getattribute
            .load(std::sync::atomic::Ordering::Relaxed);
        let found = if custom {
            self.custom_getattribute(obj, ty, name)?
        } else {
            self.generic_getattr(obj, name)?
        };
        if found.is_none()
            && let Some(m) = obj.downcast::<ModuleData>()
        {
            // PEP 649: computed on first read; a module without `__annotate__` has None.
            match as_str(&name) {
                Some("__annotations__") => {
                    return crate::objects::module_annotations::module_annotations(self, m, name)
                        .map(Some);
                }
                Some("__annotate__") => return Ok(Some(Value::NONE)),
                _ => {}
            }
        }
        if found.is_none()
            && let Some(m) = obj.downcast::<ModuleData>()
            && let Some(f) = self.dict_get_str(m.dict, "__getattr__")
        {
            // PEP 562: a module's own `__getattr__` answers the names it lacks.
            return self.call(f, &[name], &[]).map(Some);
        }
        if found.is_some() || !type_data(&ty).is_user {
            return Ok(found);
        }
        let ga = self.rt.names.getattr;
        match lookup_in_mro(self, ty, ga) {
            Some(f) => self.call(f, &[obj, name], &[]).map(Some),
            None => Ok(None),
        }
    }

    /// A class's own `__getattribute__`; its AttributeError becomes None (so that
    /// `__getattr__` gets its turn).
    fn custom_getattribute(
        &mut self,
        obj: Value,
        ty: Value,
        name: Value,
    ) -> PyResult<Option<Value>> {
        let n = self.rt.names.getattribute;
        let Some(f) = lookup_in_mro(self, ty, n) else {
            return self.generic_getattr(obj, name);
        };
        match self.call(f, &[obj, name], &[]) {
            Ok(v) => Ok(Some(v)),
            Err(e) if self.err_is(&e, self.rt.types.exc.attribute_error) => {
                let ga = self.rt.names.getattr;
                if lookup_in_mro(self, ty, ga).is_some() {
                    Ok(None)
                } else {
                    Err(e)
                }
            }
            Err(e) => Err(e),
        }
    }

    /// `object.__getattribute__`: data descriptors, the instance dict, then other class
    /// attributes. None when nothing matched (no `__getattr__` fallback here).
    pub fn generic_getattr(&mut self, obj: Value, name: Value) -> PyResult<Option<Value>> {
        let ty = self.type_of(obj);
        let descr = lookup_in_mro(self, ty, name);
        // A plain property calls its getter here; a subclass may override `__get__`,
        // so it goes through the descriptor protocol below.
        if let Some(d) = descr
            && let Some(p) = d.downcast::<Property>()
            && !type_data(&self.type_of(d)).is_user
        {
            let fget = p.fget;
            if fget.is_null() || fget.is_none() {
                let n = as_str(&name).unwrap_or("?").to_string();
                let tn = self.type_name(obj);
                return Err(
                    self.attribute_error(format!("property '{n}' of '{tn}' object has no getter"))
                );
            }
            return self.call(fget, &[obj], &[]).map(Some);
        }
        if let Some(d) = descr
            && self.is_data_descriptor(d)
        {
            // A data descriptor written in Python wins over the instance's own entry.
            let g = self.rt.names.get;
            let dty = self.type_of(d);
            if let Some(get) = lookup_in_mro(self, dty, g) {
                return self.call(get, &[d, obj, ty], &[]).map(Some);
            }
        }
        if let Some(v) = self.own_attr(obj, name)? {
            return Ok(Some(v));
        }
        if let Some(v) = self.special_attr(obj, name)? {
            return Ok(Some(v));
        }
        if let Some(d) = descr {
            if d.is::<crate::objects::member::MemberDescr>() {
                // A `__slots__` entry with no value set (values live inline).
                return Ok(None);
            }
            return self.bind(d, obj, ty).map(Some);
        }
        Ok(None)
    }

    /// Apply a class attribute found for an instance (the descriptor `__get__`).
    fn bind(&mut self, d: Value, obj: Value, ty: Value) -> PyResult {
        if d.is::<FunctionData>() {
            let t = self.rt.types.method;
            return self.alloc(t, BoundMethod { func: d, this: obj });
        }
        if let Some(b) = d.downcast::<BuiltinFn>() {
            if b.this.is_null() && b.method {
                let (name, f, owner) = (b.name, b.f, b.owner);
                let t = self.rt.types.builtin_function;
                return self.alloc(
                    t,
                    BuiltinFn {
                        name,
                        f,
                        this: obj,
                        owner,
                        method: true,
                    },
                );
            }
            return Ok(d);
        }
        if let Some(s) = d.downcast::<StaticMethod>() {
            return Ok(s.0);
        }
        if let Some(c) = d.downcast::<ClassMethod>() {
            let f = c.0;
            let t = self.rt.types.method;
            return self.alloc(t, BoundMethod { func: f, this: ty });
        }
        let dty = self.type_of(d);
        if type_data(&dty).is_user {
            let g = self.rt.names.get;
            if let Some(get) = lookup_in_mro(self, dty, g) {
                return self.call(get, &[d, obj, ty], &[]);
            }
        }
        Ok(d)
    }

    /// Attribute lookup on a class: its MRO first, then the metatype (`type`).
    fn type_getattr(&mut self, cls: Value, name: Value) -> PyResult<Option<Value>> {
        if let Some(v) = self.type_special_attr(cls, name)? {
            return Ok(Some(v));
        }
        let meta = self.type_of(cls);
        if type_data(&meta).is_user
            && let Some(d) = lookup_in_mro(self, meta, name)
            && self.is_data_descriptor(d)
        {
            // A data descriptor of the metaclass (a property on it, say) wins over the
            // class's own attributes, as for instances.
            if let Some(p) = d.downcast::<Property>() {
                let fget = p.fget;
                if fget.is_null() || fget.is_none() {
                    let n = as_str(&name).unwrap_or("?").to_string();
                    let tn = self.type_name(cls);
                    return Err(self.attribute_error(format!(
                        "property '{n}' of '{tn}' object has no getter"
                    )));
                }
                return self.call(fget, &[cls], &[]).map(Some);
            }
            let r = self.with_root(d, |vm| vm.bind(d, cls, meta));
            return r.map(Some);
        }
        if let Some(d) = lookup_in_mro(self, cls, name) {
            if let Some(c) = d.downcast::<ClassMethod>() {
                let f = c.0;
                let t = self.rt.types.method;
                return self.alloc(t, BoundMethod { func: f, this: cls }).map(Some);
            }
            if let Some(s) = d.downcast::<StaticMethod>() {
                return Ok(Some(s.0));
            }
            let dty = self.type_of(d);
            if type_data(&dty).is_user && !d.is::<Property>() {
                let g = self.rt.names.get;
                if let Some(get) = lookup_in_mro(self, dty, g) {
                    return self.call(get, &[d, Value::NONE, cls], &[]).map(Some);
                }
            }
            return Ok(Some(d));
        }
        let meta = self.type_of(cls);
        if let Some(d) = lookup_in_mro(self, meta, name) {
            return self.bind(d, cls, meta).map(Some);
        }
        Ok(None)
    }

    fn type_special_attr(&mut self, cls: Value, name: Value) -> PyResult<Option<Value>> {
        let td = type_data(&cls);
        let v = match as_str(&name).unwrap_or("") {
            "__name__" => {
                let n = td.name.read().clone();
                let n = if td.is_user {
                    n.as_str()
                } else {
                    n.rsplit('.').next().unwrap_or("")
                };
                self.new_str(n)?
            }
            "__qualname__" => {
                let n = td.qualname.read().clone();
                self.new_str(&n)?
            }
            "__mro__" => {
                let m = crate::types::mro(cls);
                self.new_tuple(m)?
            }
            "__bases__" => {
                let b = td.bases.to_vec();
                self.new_tuple(b)?
            }
            "__base__" => td.bases.first().copied().unwrap_or(Value::NONE),
            "__dict__" => {
                let d = td.dict;
                crate::objects::mappingproxy::new_proxy(self, d)?
            }
            "__class__" => self.type_of(cls),
            "__doc__" => self.dict_get_str(td.dict, "__doc__").unwrap_or(Value::NONE),
            // A generic class's own type parameters (PEP 695), else none.
            "__type_params__" => match self.dict_get_str(td.dict, "__type_params__") {
                Some(t) => t,
                None => self.new_tuple(Vec::new())?,
            },
            "__module__" => match self.dict_get_str(td.dict, "__module__") {
                Some(m) => m,
                None => self.new_str("builtins")?,
            },
            // PEP 649/749: a class's own, never a base's (`objects::class_annotations`).
            "__annotations__" if td.is_user => {
                crate::objects::class_annotations::annotations(self, td)?
            }
            "__annotate__" if td.is_user => crate::objects::class_annotations::annotate(self, td),
            _ => return Ok(None),
        };
        Ok(Some(v))
    }

    /// Attributes that built-in kinds expose without a dict entry.
    fn special_attr(&mut self, obj: Value, name: Value) -> PyResult<Option<Value>> {
        let n = as_str(&name).unwrap_or("");
        if n == "__class__" {
            return Ok(Some(self.type_of(obj)));
        }
        if n == "__dict__"
            && exposes_dict(obj)
            && let Some(d) = self.dict_of(obj)?
        {
            return Ok(Some(d));
        }
        if let Some(f) = obj.downcast::<FunctionData>() {
            let v = match n {
                "__name__" => f.name.load(),
                "__qualname__" => f.qualname.load(),
                "__doc__" => f.doc.load(),
                "__module__" => f.module,
                "__globals__" => f.globals,
                "__code__" => f.code.load(),
                "__defaults__" => nonnull(f.defaults.load()),
                "__kwdefaults__" => nonnull(f.kwdefaults.load()),
                "__closure__" => nonnull(f.closure),
                "__annotate__" | "__type_params__" => {
                    let d = f.dict.load();
                    let found = if d.is_null() {
                        None
                    } else {
                        self.dict_get_str_key(d, name)?
                    };
                    match found {
                        Some(a) => a,
                        None if n == "__annotate__" => Value::NONE,
                        None => self.new_tuple(Vec::new())?,
                    }
                }
                "__annotations__" => {
                    // Computed by `__annotate__(1)` on first use (PEP 649), else made
                    // empty when the def had none (as CPython's).
                    let mut d = f.dict.load();
                    if d.is_null() {
                        d = self.new_dict()?;
                        f.dict.store(d);
                    }
                    match self.dict_get_str_key(d, name)? {
                        Some(a) => a,
                        None => {
                            let annotate = self.dict_get_str(d, "__annotate__");
                            let a = match annotate {
                                Some(g) if !g.is_none() => {
                                    let one = Value::small_int(1).expect("small");
                                    let a = self.call(g, &[one], &[])?;
                                    if crate::objects::dict::ops::dict_payload(a).is_none() {
                                        let tn = self.type_name(a);
                                        return Err(self.type_error(format!(
                                            "__annotate__ returned non-dict of type '{tn}'"
                                        )));
                                    }
                                    a
                                }
                                _ => self.new_dict()?,
                            };
                            let r = self.with_root(a, |vm| vm.dict_set(d, name, a));
                            r?;
                            a
                        }
                    }
                }
                "__dict__" => {
                    let d = f.dict.load();
                    if d.is_null() {
                        let nd = self.new_dict()?;
                        f.dict.store(nd);
                        nd
                    } else {
                        d
                    }
                }
                _ => {
                    let d = f.dict.load();
                    if d.is_null() {
                        return Ok(None);
                    }
                    return self.dict_get_str_key(d, name);
                }
            };
            return Ok(Some(v));
        }
        if let Some(m) = obj.downcast::<BoundMethod>() {
            return Ok(match n {
                "__self__" => Some(m.this),
                "__func__" => Some(m.func),
                "__name__" | "__qualname__" | "__doc__" | "__module__" => {
                    let f = m.func;
                    self.getattr_opt(f, name)?
                }
                // What the method type does not define is the function's (CPython's
                // method objects forward reads: `__wrapped__`, `__annotations__`, ...).
                _ => {
                    let mt = self.type_of(obj);
                    if lookup_in_mro(self, mt, name).is_some() {
                        None
                    } else {
                        let f = m.func;
                        self.getattr_opt(f, name)?
                    }
                }
            });
        }
        if let Some(b) = obj.downcast::<BuiltinFn>() {
            return Ok(match n {
                "__name__" | "__qualname__" => {
                    let s = b.name;
                    Some(self.new_str(s)?)
                }
                "__self__" => Some(if b.this.is_null() {
                    Value::NONE
                } else {
                    b.this
                }),
                "__doc__" => Some(Value::NONE),
                // The module of a module function or builtin; None for a method of a
                // built-in type (as CPython's `'a'.upper.__module__`).
                "__module__" => Some(if b.method || b.owner.is_empty() {
                    Value::NONE
                } else {
                    let owner = b.owner;
                    self.new_str(owner)?
                }),
                _ => None,
            });
        }
        if let Some(e) = obj.downcast::<ExcData>() {
            return Ok(match n {
                "args" => Some(*e.args.lock()),
                "__cause__" => Some(nonnull(*e.cause.lock())),
                "__context__" => Some(nonnull(*e.context.lock())),
                "__suppress_context__" => Some(Value::bool(
                    e.suppress_context
                        .load(std::sync::atomic::Ordering::Relaxed),
                )),
                "__traceback__" => Some(crate::exceptions::get_traceback(e)),
                "message" | "exceptions" => crate::exception_group::group_field(obj, n),
                "code" | "value" | "msg" | "name" | "errno" | "strerror" | "filename"
                | "lineno" | "offset" | "text" | "path" | "end_lineno" | "end_offset"
                | "encoding" | "object" | "start" | "end" | "reason" => {
                    crate::exceptions::exc_field(self, obj, n)?
                }
                _ => None,
            });
        }
        if let Some(s) = obj.downcast::<crate::objects::slice::SliceData>() {
            return Ok(match n {
                "start" => Some(s.start),
                "stop" => Some(s.stop),
                "step" => Some(s.step),
                _ => None,
            });
        }
        if let Some(r) = obj.downcast::<crate::objects::range::RangeData>() {
            let (a, b, c) = (r.start, r.stop, r.step);
            return Ok(match n {
                "start" => Some(self.new_int(a)?),
                "stop" => Some(self.new_int(b)?),
                "step" => Some(self.new_int(c)?),
                _ => None,
            });
        }
        if let Some(p) = obj.downcast::<Property>() {
            return Ok(match n {
                "fget" => Some(nonnull(p.fget)),
                "fset" => Some(nonnull(p.fset)),
                "fdel" => Some(nonnull(p.fdel)),
                "__doc__" => Some(nonnull(p.doc.load())),
                _ => None,
            });
        }
        if let Some(s) = obj.downcast::<StaticMethod>() {
            return Ok(if n == "__func__" { Some(s.0) } else { None });
        }
        if let Some(c) = obj.downcast::<ClassMethod>() {
            return Ok(if n == "__func__" { Some(c.0) } else { None });
        }
        if let Some(c) = obj.downcast::<crate::objects::cell::CellData>() {
            if n != "cell_contents" {
                return Ok(None);
            }
            let v = c.get();
            if v.is_null() {
                return Err(self.value_error("Cell is empty"));
            }
            return Ok(Some(v));
        }
        // Numbers, also inside instances of their subclasses.
        let obj = crate::ops::protocol::base_or_self(obj);
        if let Some(z) = obj.downcast::<crate::objects::complex::ComplexData>() {
            let z = *z;
            return Ok(match n {
                "real" => Some(self.new_float(z.re)?),
                "imag" => Some(self.new_float(z.im)?),
                _ => None,
            });
        }
        if crate::helpers::is_int(obj) || crate::helpers::is_float(obj) {
            return Ok(match n {
                "real" | "numerator" => Some(if obj.is_bool() {
                    Value::small_int(crate::helpers::as_int(obj).unwrap()).unwrap()
                } else {
                    obj
                }),
                "imag" => Some(if crate::helpers::is_float(obj) {
                    self.new_float(0.0)?
                } else {
                    Value::small_int(0).unwrap()
                }),
                "denominator" if crate::helpers::is_int(obj) => Some(Value::small_int(1).unwrap()),
                _ => None,
            });
        }
        Ok(None)
    }

    pub fn setattr_str(&mut self, obj: Value, name: &str, v: Value) -> PyResult<()> {
        let n = self.intern(name);
        self.setattr(obj, n, v)
    }

    /// `obj.name = v`.
    pub fn setattr(&mut self, obj: Value, name: Value, v: Value) -> PyResult<()> {
        match self.instance_setattr_fast(obj, name, v) {
            FastSet::Done => return Ok(()),
            FastSet::Generic => return self.generic_setattr(obj, name, v),
            FastSet::Dict(d) => return self.dict_set(d, name, v),
            FastSet::Full => {}
        }
        if obj.is::<TypeData>() {
            let meta = self.type_of(obj);
            if type_data(&meta).is_user {
                let sa = self.rt.names.setattr;
                if let Some(f) = lookup_in_mro(self, meta, sa)
                    && !f.is::<BuiltinFn>()
                {
                    self.call(f, &[obj, name, v], &[])?;
                    return Ok(());
                }
            }
            return self.type_setattr(obj, name, v);
        }
        if let Some(r) = self.unproxy(obj)? {
            let res = self.with_root(r, |vm| vm.setattr(r, name, v));
            return res;
        }
        if crate::objects::cell::set_contents(obj, name, v) {
            return Ok(());
        }
        let ty = self.type_of(obj);
        let td = type_data(&ty);
        // Properties are data descriptors on any class (built-in ones use them too).
        if let Some(d) = lookup_in_mro(self, ty, name)
            && let Some(p) = d.downcast::<Property>()
        {
            let fset = p.fset;
            if fset.is_null() || fset.is_none() {
                let n = as_str(&name).unwrap_or("?").to_string();
                let tn = self.type_name(obj);
                return Err(
                    self.attribute_error(format!("property '{n}' of '{tn}' object has no setter"))
                );
            }
            self.call(fset, &[obj, v], &[])?;
            return Ok(());
        }
        if td.is_user
            && let Some(d) = lookup_in_mro(self, ty, name)
            && self.is_data_descriptor(d)
        {
            // `__setattr__` of the class still goes first (below); without one, the
            // descriptor's `__set__` stores.
            let sa = self.rt.names.setattr;
            let own_setattr = lookup_in_mro(self, ty, sa).is_some_and(|f| !f.is::<BuiltinFn>());
            if !own_setattr {
                return self.descriptor_set(d, obj, name, v);
            }
        }
        if td.is_user {
            let sa = self.rt.names.setattr;
            if let Some(f) = lookup_in_mro(self, ty, sa)
                && !f.is::<BuiltinFn>()
            {
                self.call(f, &[obj, name, v], &[])?;
                return Ok(());
            }
        }
        self.generic_setattr(obj, name, v)
    }

    /// `type.__setattr__`: store a class attribute (a watched dict write, which makes
    /// cached lookups stale: `crate::type_cache`).
    pub fn type_setattr(&mut self, obj: Value, name: Value, v: Value) -> PyResult<()> {
        if let Some(t) = obj.downcast::<TypeData>() {
            if !t.is_user {
                let tn = t.name.read().clone();
                return Err(self.type_error(format!(
                    "cannot set '{}' attribute of immutable type '{tn}'",
                    as_str(&name).unwrap_or("?")
                )));
            }
            match as_str(&name) {
                Some("__del__") => t.has_del.store(true, std::sync::atomic::Ordering::Relaxed),
                Some("__getattribute__") => t
                    .custom_getattribute
                    .store(true, std::sync::atomic::Ordering::Relaxed),
                Some("__name__") => {
                    let s = as_str(&v).unwrap_or("").to_string();
                    *t.name.write() = s;
                    return Ok(());
                }
                Some("__qualname__") => {
                    let s = as_str(&v).unwrap_or("").to_string();
                    *t.qualname.write() = s;
                    return Ok(());
                }
                Some("__annotations__") => {
                    return crate::objects::class_annotations::set_annotations(self, t, v);
                }
                Some("__annotate__") => {
                    return crate::objects::class_annotations::set_annotate(self, t, v);
                }
                _ => {}
            }
            return self.dict_set(t.dict, name, v);
        }
        let tn = self.type_name(obj);
        Err(self.type_error(format!(
            "descriptor '__setattr__' requires a 'type' object but received a '{tn}'"
        )))
    }

    /// `object.__setattr__`: store in the instance dict.
    pub fn generic_setattr(&mut self, obj: Value, name: Value, v: Value) -> PyResult<()> {
        if let Some(p) = obj.downcast::<Property>()
            && as_str(&name) == Some("__doc__")
        {
            p.doc.store(v);
            return Ok(());
        }
        let ty = self.type_of(obj);
        if type_data(&ty).is_user
            && let Some(d) = lookup_in_mro(self, ty, name)
            && self.is_data_descriptor(d)
        {
            return self.descriptor_set(d, obj, name, v);
        }
        if let Some(e) = obj.downcast::<ExcData>() {
            match as_str(&name).unwrap_or("") {
                "args" => {
                    let items = self.collect_iter(v)?;
                    let t = self.new_tuple(items)?;
                    *e.args.lock() = t;
                    return Ok(());
                }
                "__cause__" => {
                    *e.cause.lock() = v;
                    e.suppress_context
                        .store(true, std::sync::atomic::Ordering::Relaxed);
                    return Ok(());
                }
                "__context__" => {
                    *e.context.lock() = v;
                    return Ok(());
                }
                "__traceback__" => {
                    return crate::exceptions::set_traceback(self, obj, v);
                }
                "__suppress_context__" => {
                    let b = self.truthy(v)?;
                    e.suppress_context
                        .store(b, std::sync::atomic::Ordering::Relaxed);
                    return Ok(());
                }
                _ => {}
            }
        }
        if let Some(f) = obj.downcast::<FunctionData>() {
            match as_str(&name).unwrap_or("") {
                "__name__" => f.name.store(v),
                "__qualname__" => f.qualname.store(v),
                "__doc__" => f.doc.store(v),
                "__defaults__" => f.defaults.store(if v.is_none() { Value::NULL } else { v }),
                "__kwdefaults__" => f
                    .kwdefaults
                    .store(if v.is_none() { Value::NULL } else { v }),
                "__globals__" | "__closure__" | "__builtins__" => {
                    return Err(self.attribute_error("readonly attribute"));
                }
                "__code__" => return crate::objects::function::set_code(self, f, v),
                n @ ("__annotate__" | "__annotations__") => {
                    // One replaces the other (PEP 649): new annotations drop the
                    // function computing them; a new `__annotate__` drops the cache.
                    let annotate = n == "__annotate__";
                    if annotate && !v.is_none() && !crate::ops::call::is_callable(self, v) {
                        return Err(self.type_error("__annotate__ must be callable or None"));
                    }
                    if !annotate
                        && !v.is_none()
                        && crate::objects::dict::ops::dict_payload(v).is_none()
                    {
                        return Err(self.type_error("__annotations__ must be set to a dict object"));
                    }
                    let mut d = f.dict.load();
                    if d.is_null() {
                        d = self.new_dict()?;
                        f.dict.store(d);
                    }
                    let other = self.intern(if annotate {
                        "__annotations__"
                    } else {
                        "__annotate__"
                    });
                    if annotate && v.is_none() {
                        return self.dict_set(d, name, v);
                    }
                    self.dict_del(d, other)?;
                    if !annotate && v.is_none() {
                        self.dict_del(d, name)?;
                        return Ok(());
                    }
                    return self.dict_set(d, name, v);
                }
                _ => {
                    let mut d = f.dict.load();
                    if d.is_null() {
                        d = self.new_dict()?;
                        f.dict.store(d);
                    }
                    return self.dict_set(d, name, v);
                }
            }
            return Ok(());
        }
        let has_namespace = self.has_slots(obj) || builtin_dict(obj).is_some();
        if has_namespace {
            if !exposes_dict(obj) && !self.is_slot(obj, name) {
                let n = as_str(&name).unwrap_or("?").to_string();
                let tn = self.type_name(obj);
                return Err(self.attribute_error(format!(
                    "'{tn}' object has no attribute '{n}' and no __dict__ for setting new attributes"
                )));
            }
            if as_str(&name) == Some("__dict__") && self.has_slots(obj) {
                return self.set_instance_dict(obj, v);
            }
            self.own_set(obj, name, v)?;
            return Ok(());
        }
        let n = as_str(&name).unwrap_or("?").to_string();
        let tn = self.type_name(obj);
        Err(self.attribute_error(format!("'{tn}' object has no attribute '{n}'")))
    }

    /// `obj.__dict__ = v` on an instance.
    fn set_instance_dict(&mut self, obj: Value, v: Value) -> PyResult<()> {
        let Some(d) = crate::objects::dict::ops::dict_payload(v) else {
            let tn = self.type_name(v);
            return Err(self.type_error(format!(
                "__dict__ must be set to a dictionary, not a '{tn}'"
            )));
        };
        instance::replace_dict(obj, d);
        Ok(())
    }

    /// Is `name` declared in the `__slots__` of a class along `obj`'s MRO?
    fn is_slot(&mut self, obj: Value, name: Value) -> bool {
        let n = as_str(&name);
        let ty = self.type_of(obj);
        std::iter::once(ty)
            .chain(type_data(&ty).mro_tail.iter().copied())
            .any(|t| {
                type_data(&t)
                    .slots
                    .iter()
                    .any(|&s| s == name || as_str(&s) == n)
            })
    }

    /// `del obj.name`.
    pub fn delattr(&mut self, obj: Value, name: Value) -> PyResult<()> {
        if let Some(r) = self.unproxy(obj)? {
            let res = self.with_root(r, |vm| vm.delattr(r, name));
            return res;
        }
        if crate::objects::cell::set_contents(obj, name, Value::NULL) {
            return Ok(());
        }
        let ty = self.type_of(obj);
        // A `__delattr__` written in Python (on the class, or the metaclass for a class).
        if type_data(&ty).is_user {
            let da = self.rt.names.delattr;
            if let Some(f) = lookup_in_mro(self, ty, da)
                && !f.is::<BuiltinFn>()
            {
                self.call(f, &[obj, name], &[])?;
                return Ok(());
            }
        }
        self.generic_delattr(obj, name)
    }

    /// `object.__delattr__` / `type.__delattr__`: a data descriptor's deleter, else the
    /// entry in the object's own namespace (never the user's `__delattr__` again).
    pub fn generic_delattr(&mut self, obj: Value, name: Value) -> PyResult<()> {
        let ty = self.type_of(obj);
        if type_data(&ty).is_user
            && let Some(d) = lookup_in_mro(self, ty, name)
            && !d.is::<Property>()
            && type_data(&self.type_of(d)).is_user
        {
            let dn = self.rt.names.delete;
            let dty = self.type_of(d);
            if let Some(del) = lookup_in_mro(self, dty, dn) {
                let r = self.with_root(d, |vm| vm.call(del, &[d, obj], &[]));
                return r.map(|_| ());
            }
        }
        if type_data(&ty).is_user
            && let Some(d) = lookup_in_mro(self, ty, name)
            && let Some(p) = d.downcast::<Property>()
        {
            let fdel = p.fdel;
            if fdel.is_null() || fdel.is_none() {
                let n = as_str(&name).unwrap_or("?").to_string();
                let tn = self.type_name(obj);
                return Err(
                    self.attribute_error(format!("property '{n}' of '{tn}' object has no deleter"))
                );
            }
            self.call(fdel, &[obj], &[])?;
            return Ok(());
        }
        if let Some(f) = obj.downcast::<FunctionData>()
            && as_str(&name) == Some("__code__")
        {
            // A function always has code: CPython's setter message.
            return crate::objects::function::set_code(self, f, Value::NULL);
        }
        let deleted = if let Some(t) = obj.downcast::<TypeData>() {
            if !t.is_user {
                let tn = t.name.read().clone();
                return Err(self.type_error(format!(
                    "cannot set '{}' attribute of immutable type '{tn}'",
                    as_str(&name).unwrap_or("?")
                )));
            }
            if as_str(&name) == Some("__annotations__") {
                return crate::objects::class_annotations::set_annotations(self, t, Value::NULL);
            }
            self.dict_del(t.dict, name)?.is_some()
        } else {
            self.own_del(obj, name)?
        };
        if deleted {
            return Ok(());
        }
        let ty = self.type_of(obj);
        if lookup_in_mro(self, ty, name)
            .is_some_and(|d| d.is::<crate::objects::member::MemberDescr>())
        {
            // An unset `__slots__` entry: CPython's message is the bare name.
            let n = as_str(&name).unwrap_or("?").to_string();
            return Err(self.attribute_error(n));
        }
        Err(self.no_attribute(obj, name))
    }
}

impl Vm {
    /// A data descriptor: a property, or an object whose class (written in Python)
    /// defines `__set__` or `__delete__`. It takes precedence over an instance's own
    /// attribute of the same name.
    pub fn is_data_descriptor(&mut self, d: Value) -> bool {
        if d.is::<Property>() {
            return true;
        }
        let dty = self.type_of(d);
        if !type_data(&dty).is_user {
            return false;
        }
        let (set, del) = (self.rt.names.set, self.rt.names.delete);
        lookup_in_mro(self, dty, set).is_some() || lookup_in_mro(self, dty, del).is_some()
    }

    /// Store through a data descriptor: a property's setter or `__set__`.
    fn descriptor_set(&mut self, d: Value, obj: Value, name: Value, v: Value) -> PyResult<()> {
        if let Some(p) = d.downcast::<Property>() {
            let fset = p.fset;
            if fset.is_null() || fset.is_none() {
                let n = as_str(&name).unwrap_or("?").to_string();
                let tn = self.type_name(obj);
                return Err(
                    self.attribute_error(format!("property '{n}' of '{tn}' object has no setter"))
                );
            }
            return self.call(fset, &[obj, v], &[]).map(|_| ());
        }
        let s = self.rt.names.set;
        let dty = self.type_of(d);
        match lookup_in_mro(self, dty, s) {
            Some(f) => {
                let r = self.with_root(d, |vm| vm.call(f, &[d, obj, v], &[]));
                r.map(|_| ())
            }
            None => Err(self.attribute_error("__set__")),
        }
    }
}

fn nonnull(v: Value) -> Value {
    if v.is_null() { Value::NONE } else { v }
}
