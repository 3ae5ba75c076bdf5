//! repr/str, len, item access, membership and iteration: built-in fast paths first,
//! then the user's dunder methods.
use crate::helpers::as_int;
use crate::objects::builtin_fn::BuiltinFn;
use crate::objects::exception::ExcData;
use crate::objects::function::{BoundMethod, FunctionData};
use crate::objects::instance::InstanceData;
use crate::objects::iter::SeqIter;
use crate::objects::module::ModuleData;
use crate::objects::str::StrData;
use crate::objects::typeobj::TypeData;
use crate::ops::containers;
use crate::types::{lookup_in_mro, type_data};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

impl Vm {
    /// Look a dunder up on the type of `v` (user classes only: built-in behaviour is in
    /// the fast paths).
    pub fn lookup_special(&mut self, v: Value, name: &str) -> Option<Value> {
        let ty = self.type_of(v);
        let n = self.intern(name);
        lookup_in_mro(self, ty, n)
    }

    /// A dunder written in Rust on a built-in type (other than `object`'s own). Types that
    /// native modules define (e.g. `array.array`) take part in the protocols this way:
    /// each protocol below tries it after its built-in fast paths.
    pub fn native_special(&mut self, v: Value, name: &str) -> Option<Value> {
        let n = self.intern(name);
        self.native_special_named(v, n)
    }

    /// `native_special` with the name already interned (`Runtime::names`).
    pub fn native_special_named(&mut self, v: Value, n: Value) -> Option<Value> {
        let ty = self.type_of(v);
        lookup_in_mro(self, ty, n).filter(|f| {
            f.downcast::<BuiltinFn>()
                .is_some_and(|b| b.owner != "object")
        })
    }

    /// A native `__str__` of a heap object's type other than `object`'s (numbers, the
    /// common case of `print`, are skipped without a lookup).
    fn native_str(&mut self, v: Value) -> Option<Value> {
        if v.as_gc().is_none()
            || v.is::<crate::objects::int::IntData>()
            || crate::objects::float::is_float(v)
        {
            return None;
        }
        let ty = self.type_of(v);
        let n = self.rt.names.str;
        lookup_in_mro(self, ty, n).filter(|f| {
            f.downcast::<BuiltinFn>()
                .is_some_and(|b| b.owner != "object")
        })
    }

    #[inline]
    fn user_special(&mut self, v: Value, name: &str) -> Option<Value> {
        let ty = self.type_of(v);
        if !type_data(ty).is_user {
            return None;
        }
        self.user_special_in(ty, name)
    }

    #[inline(never)]
    fn user_special_in(&mut self, ty: Value, name: &str) -> Option<Value> {
        let n = self.intern(name);
        lookup_in_mro(self, ty, n).filter(|f| !f.is::<BuiltinFn>())
    }

    /// `repr(v)`.
    pub fn repr(&mut self, v: Value) -> PyResult<String> {
        if let Some(i) = v.as_small_int() {
            return Ok(i.to_string());
        }
        self.nested(" while getting the repr of an object", |vm| {
            vm.repr_nested(v)
        })
    }

    /// `repr(v)` one native level deeper.
    fn repr_nested(&mut self, v: Value) -> PyResult<String> {
        match v {
            Value::NONE => return Ok("None".into()),
            Value::TRUE => return Ok("True".into()),
            Value::FALSE => return Ok("False".into()),
            Value::ELLIPSIS => return Ok("Ellipsis".into()),
            Value::NOT_IMPLEMENTED => return Ok("NotImplemented".into()),
            _ => {}
        }
        if let Some(f) = self.user_special(v, "__repr__") {
            let r = self.call(f, &[v], &[])?;
            return match r.downcast::<StrData>() {
                Some(s) => Ok(s.as_str().to_string()),
                None => Err(self.type_error(format!(
                    "__repr__ returned non-string (type {})",
                    self.type_name(r)
                ))),
            };
        }
        let ty = self.type_of(v);
        let container = v.is::<crate::objects::list::ListData>()
            || v.is::<crate::objects::tuple::TupleData>()
            || v.is::<crate::objects::dict::DictData>();
        if container {
            // Exact built-in containers: straight to the text, with no str object per
            // level (a deep nesting would otherwise fill the heap before a safepoint).
            return self.builtin_repr(v);
        }
        if !type_data(ty).is_user {
            let n = self.rt.names.repr;
            if let Some(f) = lookup_in_mro(self, ty, n)
                && f.downcast::<BuiltinFn>()
                    .is_some_and(|b| b.owner != "object")
            {
                let r = self.call(f, &[v], &[])?;
                if let Some(s) = r.downcast::<StrData>() {
                    return Ok(s.as_str().to_string());
                }
            }
        }
        self.builtin_repr(v)
    }

    fn builtin_repr(&mut self, v: Value) -> PyResult<String> {
        if let Some(b) = v.downcast::<crate::objects::int::IntData>() {
            return crate::objects::int::to_decimal(self, &b.0);
        }
        if let Some(f) = crate::objects::float::float_of(v) {
            return Ok(crate::ops::number_format::float_repr(f));
        }
        if let Some(s) = v.downcast::<StrData>() {
            return Ok(crate::objects::str::methods::str_data_repr(s));
        }
        if let Some(b) = v.downcast::<crate::objects::bytes::BytesData>() {
            return Ok(crate::objects::bytes::methods::bytes_repr(&b.0));
        }
        if let Some(sl) = v.downcast::<crate::objects::slice::SliceData>() {
            let (a, b, c) = (sl.start, sl.stop, sl.step);
            let (a, b, c) = (self.repr(a)?, self.repr(b)?, self.repr(c)?);
            return Ok(format!("slice({a}, {b}, {c})"));
        }
        if let Some(r) = containers::container_repr(self, v)? {
            return Ok(r);
        }
        if let Some(inst) = v.downcast::<InstanceData>()
            && !inst.base.is_null()
        {
            let b = inst.base;
            if names_subclass_in_repr(b)
                && let Some(f) = self.native_special(b, "__repr__")
            {
                // bytearray and array reprs show the subclass's name: give them the instance.
                let r = self.call(f, &[v], &[])?;
                if let Some(s) = r.downcast::<StrData>() {
                    return Ok(s.as_str().to_string());
                }
            }
            return self.repr(b);
        }
        if let Some(t) = v.downcast::<TypeData>() {
            // Built-in types that live in a module (`weakref.ProxyType`) carry
            // `__module__` in their namespace too.
            let module = self
                .dict_get_str(t.dict, "__module__")
                .and_then(|m| crate::helpers::as_str(&m).map(|s| s.to_string()));
            let q = t.qualname.read().clone();
            return Ok(match module {
                Some(m) if m != "builtins" => format!("<class '{m}.{q}'>"),
                _ => format!("<class '{q}'>"),
            });
        }
        if let Some(f) = v.downcast::<FunctionData>() {
            let q = f.qualname.load();
            let q = crate::helpers::as_str(&q).unwrap_or("?").to_string();
            return Ok(format!("<function {q} at {:#x}>", v.id()));
        }
        if let Some(b) = v.downcast::<BuiltinFn>() {
            if b.this.is_null() {
                return Ok(
                    if !b.method || b.owner == "builtins" || b.owner.is_empty() {
                        format!("<built-in function {}>", b.name)
                    } else {
                        format!("<method '{}' of '{}' objects>", b.name, b.owner)
                    },
                );
            }
            let (this, name) = (b.this, b.name);
            let tn = self.type_name(this);
            return Ok(format!(
                "<built-in method {name} of {tn} object at {:#x}>",
                this.id()
            ));
        }
        if let Some(sp) = v.downcast::<crate::objects::function::SuperData>() {
            let (cls, obj) = (sp.cls, sp.obj);
            let c = match cls.downcast::<TypeData>() {
                Some(t) => t.name.read().clone(),
                None => "?".into(),
            };
            if obj.is_null() || obj.is_none() {
                return Ok(format!("<super: <class '{c}'>, NULL>"));
            }
            // The instance's type, or the class itself for `super(C, D)`.
            let ot = if obj.is::<TypeData>() && crate::types::is_subclass(self, obj, cls) {
                obj
            } else {
                self.type_of(obj)
            };
            let n = type_data(ot).name.read().clone();
            return Ok(format!("<super: <class '{c}'>, <{n} object>>"));
        }
        if let Some(m) = v.downcast::<BoundMethod>() {
            let (func, this) = (m.func, m.this);
            let q = match func.downcast::<FunctionData>() {
                Some(f) => crate::helpers::as_str(&f.qualname.load())
                    .unwrap_or("?")
                    .to_string(),
                None => "?".into(),
            };
            let r = self.repr(this)?;
            return Ok(format!("<bound method {q} of {r}>"));
        }
        if let Some(m) = v.downcast::<ModuleData>() {
            let name = self.dict_get_str(m.dict, "__name__");
            let n = name
                .and_then(|n| crate::helpers::as_str(&n).map(|s| s.to_string()))
                .unwrap_or("?".into());
            return Ok(format!("<module '{n}'>"));
        }
        if let Some(e) = v.downcast::<ExcData>() {
            if let Some(s) = crate::exceptions::syntax_error_str(self, v)? {
                return Ok(s);
            }
            let args = *e.args.lock();
            let name = type_data(self.type_of(v)).name.read().clone();
            let items = match args.downcast::<crate::objects::tuple::TupleData>() {
                Some(t) => t.0.to_vec(),
                None => vec![],
            };
            if items.len() == 1 {
                let r = self.repr(items[0])?;
                return Ok(format!("{name}({r})"));
            }
            let r = self.repr(args)?;
            return Ok(format!("{name}{r}"));
        }
        let ty = self.type_of(v);
        let td = type_data(ty);
        let module = self
            .dict_get_str(td.dict, "__module__")
            .and_then(|m| crate::helpers::as_str(&m).map(|s| s.to_string()));
        let q = td.qualname.read().clone();
        Ok(match module {
            Some(m) if m != "builtins" => format!("<{m}.{q} object at {:#x}>", v.id()),
            _ => format!("<{q} object at {:#x}>", v.id()),
        })
    }

    /// `str(v)` as a str object: a str itself, the str a user `__str__` returns (exact:
    /// lone surrogates kept, objects/str.rs), otherwise `str_of`'s text.
    pub fn str_value(&mut self, v: Value) -> PyResult {
        if v.is::<StrData>() {
            return Ok(v);
        }
        if let Some(f) = self.user_special(v, "__str__") {
            let r = self.call(f, &[v], &[])?;
            // A str subclass instance comes back as it is (as in CPython).
            if crate::helpers::unwrap_base::<StrData>(&r).is_some() {
                return Ok(r);
            }
            return Err(self.type_error(format!(
                "__str__ returned non-string (type {})",
                self.type_name(r)
            )));
        }
        let s = self.str_of(v)?;
        self.new_str(&s)
    }

    /// `str(v)`.
    pub fn str_of(&mut self, v: Value) -> PyResult<String> {
        if let Some(s) = v.downcast::<StrData>() {
            return Ok(s.as_str().to_string());
        }
        if let Some(f) = self.user_special(v, "__str__") {
            let r = self.call(f, &[v], &[])?;
            return match r.downcast::<StrData>() {
                Some(s) => Ok(s.as_str().to_string()),
                None => Err(self.type_error(format!(
                    "__str__ returned non-string (type {})",
                    self.type_name(r)
                ))),
            };
        }
        if let Some(r) = self.unproxy(v)? {
            return self.with_root(r, |vm| vm.str_of(r));
        }
        if let Some(e) = v.downcast::<ExcData>() {
            if let Some(s) = crate::exceptions::syntax_error_str(self, v)? {
                return Ok(s);
            }
            if let Some(s) = crate::exception_group::group_str(self, v)? {
                return Ok(s);
            }
            if let Some(s) = crate::exceptions::os_error_str(self, v)? {
                return Ok(s);
            }
            if let Some(s) = crate::exceptions::unicode_error_str(self, v)? {
                return Ok(s);
            }
            let args = *e.args.lock();
            let items = match args.downcast::<crate::objects::tuple::TupleData>() {
                Some(t) => t.0.to_vec(),
                None => vec![],
            };
            let is_key_error =
                crate::types::is_subclass(self, self.type_of(v), self.rt.types.exc.key_error);
            return match items.len() {
                0 => Ok(String::new()),
                1 if is_key_error => self.repr(items[0]),
                1 => self.str_of(items[0]),
                _ => self.repr(args),
            };
        }
        if let Some(f) = self.native_str(v) {
            // A type written in Rust with its own str (e.g. `mappingproxy`).
            let r = self.call(f, &[v], &[])?;
            if let Some(s) = r.downcast::<StrData>() {
                return Ok(s.as_str().to_string());
            }
        }
        if self.user_special(v, "__repr__").is_none()
            && let Some(inst) = v.downcast::<InstanceData>()
            && !inst.base.is_null()
            && !names_subclass_in_repr(inst.base)
        {
            let b = inst.base;
            return self.str_of(b);
        }
        self.repr(v)
    }

    /// `len(v)`.
    pub fn len(&mut self, v: Value) -> PyResult<usize> {
        if let Some(f) = self.user_special(v, "__len__") {
            let r = self.call(f, &[v], &[])?;
            return match as_int(r) {
                Some(n) if n >= 0 => Ok(n as usize),
                Some(_) => Err(self.value_error("__len__() should return >= 0")),
                None => Err(self.type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    self.type_name(r)
                ))),
            };
        }
        let b = base_or_self(v);
        if let Some(r) = b.downcast::<crate::objects::range::RangeData>()
            && crate::objects::range::range_len(r) > i64::MAX as u128
        {
            return Err(self.overflow_error("Python int too large to convert to C ssize_t"));
        }
        if let Some(n) = containers::builtin_len(self, b) {
            return Ok(n);
        }
        if let Some(f) = self.native_special(b, "__len__") {
            let r = self.call(f, &[v], &[])?;
            return match as_int(r) {
                Some(n) if n >= 0 => Ok(n as usize),
                _ => Err(self.value_error("__len__() should return >= 0")),
            };
        }
        if let Some(r) = self.unproxy(v)? {
            return self.with_root(r, |vm| vm.len(r));
        }
        Err(self.type_error(format!(
            "object of type '{}' has no len()",
            self.type_name(v)
        )))
    }

    pub fn getitem(&mut self, o: Value, k: Value) -> PyResult {
        if let Some(f) = self.user_special(o, "__getitem__") {
            return self.call_dunder_call(f, o, &[k], &[]);
        }
        let b = base_or_self(o);
        if b != o && b.is::<crate::objects::dict::DictData>() {
            // dict subclass: a missing key goes to __missing__.
            if let Some(v) = self.dict_get(b, k)? {
                return Ok(v);
            }
            if let Some(m) = self.user_special(o, "__missing__") {
                return self.call(m, &[o, k], &[]);
            }
            return Err(self.key_error(k));
        }
        if let Some(r) = containers::seq_getitem(self, b, k)? {
            return Ok(r);
        }
        if let Some(f) = self.native_special(b, "__getitem__") {
            return self.call(f, &[o, k], &[]);
        }
        if let Some(r) = self.unproxy(o)? {
            return self.with_root(r, |vm| vm.getitem(r, k));
        }
        if let Some(t) = o.downcast::<TypeData>() {
            // `C[k]`: `C.__class_getitem__` (implicitly a class method, PEP 560); the
            // built-in generic types give a `types.GenericAlias` (PEP 585).
            if let Some(f) = self.lookup_type_attr(o, "__class_getitem__") {
                if let Some(cm) = f.downcast::<crate::objects::function::ClassMethod>() {
                    let f = cm.0;
                    return self.call(f, &[o, k], &[]);
                }
                if f.is::<crate::objects::function::FunctionData>() {
                    return self.call(f, &[o, k], &[]);
                }
                return self.call(f, &[k], &[]);
            }
            const GENERIC: &[&str] = &[
                "list",
                "dict",
                "tuple",
                "set",
                "frozenset",
                "type",
                "enumerate",
            ];
            let name = t.name.read().clone();
            if !t.is_user && GENERIC.contains(&name.as_str()) {
                let types = self.import_module("types")?;
                let ga = self.with_root(types, |vm| vm.getattr_str(types, "GenericAlias"))?;
                return self.call(ga, &[o, k], &[]);
            }
            return Err(self.type_error(format!("type '{name}' is not subscriptable")));
        }
        Err(self.type_error(format!(
            "'{}' object is not subscriptable",
            self.type_name(o)
        )))
    }

    pub fn setitem(&mut self, o: Value, k: Value, v: Value) -> PyResult<()> {
        if let Some(f) = self.user_special(o, "__setitem__") {
            self.call_dunder_call(f, o, &[k, v], &[])?;
            return Ok(());
        }
        let b = base_or_self(o);
        if containers::seq_setitem(self, b, k, v)?.is_some() {
            return Ok(());
        }
        if let Some(f) = self.native_special(b, "__setitem__") {
            self.call(f, &[o, k, v], &[])?;
            return Ok(());
        }
        if let Some(r) = self.unproxy(o)? {
            return self.with_root(r, |vm| vm.setitem(r, k, v));
        }
        Err(self.type_error(format!(
            "'{}' object does not support item assignment",
            self.type_name(o)
        )))
    }

    pub fn delitem(&mut self, o: Value, k: Value) -> PyResult<()> {
        if let Some(f) = self.user_special(o, "__delitem__") {
            self.call_dunder_call(f, o, &[k], &[])?;
            return Ok(());
        }
        let b = base_or_self(o);
        if containers::seq_delitem(self, b, k)?.is_some() {
            return Ok(());
        }
        if let Some(f) = self.native_special(b, "__delitem__") {
            self.call(f, &[o, k], &[])?;
            return Ok(());
        }
        if let Some(r) = self.unproxy(o)? {
            return self.with_root(r, |vm| vm.delitem(r, k));
        }
        // CPython words it two ways: an index deleted from a type with sequence
        // methods (every class, and built-ins with a length or `in`) goes through
        // PySequence_DelItem, "doesn't"; anything else "does not".
        let ty = self.type_of(o);
        let index = k.as_small_int().is_some()
            || k.is::<crate::objects::int::IntData>()
            || self.lookup_special(k, "__index__").is_some();
        let sequence_like = type_data(ty).is_user
            || containers::builtin_len(self, o).is_some()
            || self.lookup_special(o, "__len__").is_some()
            || self.lookup_special(o, "__contains__").is_some();
        let verb = if index && sequence_like {
            "doesn't"
        } else {
            "does not"
        };
        Err(self.type_error(format!(
            "'{}' object {verb} support item deletion",
            self.type_name(o)
        )))
    }

    /// `item in container`.
    pub fn contains(&mut self, container: Value, item: Value) -> PyResult<bool> {
        if let Some(f) = self.user_special(container, "__contains__") {
            let r = self.call(f, &[container, item], &[])?;
            return self.truthy(r);
        }
        let b = base_or_self(container);
        if let Some(r) = containers::builtin_contains(self, b, item)? {
            return Ok(r);
        }
        if let Some(f) = self.native_special(b, "__contains__") {
            let r = self.call(f, &[container, item], &[])?;
            return self.truthy(r);
        }
        if let Some(r) = self.unproxy(container)? {
            return self.with_root(r, |vm| vm.contains(r, item));
        }
        // Fall back to iteration.
        let it = self.iter(container).map_err(|e| {
            if self.err_is(&e, self.rt.types.exc.type_error) {
                let tn = self.type_name(container);
                self.type_error(format!("argument of type '{tn}' is not iterable"))
            } else {
                e
            }
        })?;
        self.with_root(it, |vm| {
            loop {
                match vm.next(it) {
                    Ok(Some(x)) => match vm.eq(x, item) {
                        Ok(true) => break Ok(true),
                        Ok(false) => {}
                        Err(e) => break Err(e),
                    },
                    Ok(None) => break Ok(false),
                    Err(e) => break Err(e),
                }
            }
        })
    }

    /// `iter(v)`.
    pub fn iter(&mut self, v: Value) -> PyResult {
        // `for x in gen(...)`: a generator is its own iterator (no lookup, no call).
        if crate::objects::generator::is_generator(v) {
            return Ok(v);
        }
        if let Some(f) = self.user_special(v, "__iter__") {
            let it = self.call(f, &[v], &[])?;
            if !self.is_iterator(it) {
                let tn = self.type_name(it);
                return Err(self.type_error(format!("iter() returned non-iterator of type '{tn}'")));
            }
            return Ok(it);
        }
        let b = base_or_self(v);
        if let Some(it) = containers::builtin_iter(self, b)? {
            return Ok(it);
        }
        if let Some(f) = self.native_special_named(b, self.rt.names.iter) {
            // The built-in iterators (enumerate, zip, map, dict views' iterators, ...)
            // answer themselves: skip the call.
            if crate::builtins_funcs::is_iter_self(f) {
                return Ok(v);
            }
            return self.call(f, &[v], &[]);
        }
        if let Some(r) = self.unproxy(v)? {
            return self.with_root(r, |vm| vm.iter(r));
        }
        if self.user_special(v, "__getitem__").is_some() {
            let ty = self.rt.types.seq_iter;
            return self.alloc(
                ty,
                SeqIter {
                    seq: v,
                    index: weft_core::BiasedIndex::new(self.thread_id, 0),
                },
            );
        }
        Err(self.type_error(format!("'{}' object is not iterable", self.type_name(v))))
    }

    fn is_iterator(&mut self, v: Value) -> bool {
        if crate::objects::generator::is_generator(v) {
            return true;
        }
        let n = self.rt.names.next;
        let ty = self.type_of(v);
        lookup_in_mro(self, ty, n).is_some() || !type_data(ty).is_user
    }

    /// Advance an iterator: `Ok(None)` when exhausted.
    pub fn next(&mut self, it: Value) -> PyResult<Option<Value>> {
        // Generators first: `builtin_next` tries a row of other kinds before giving up.
        if crate::objects::generator::is_generator(it) {
            return crate::objects::generator::gen_next(self, it);
        }
        if let Some(r) = containers::builtin_next(self, it)? {
            return Ok(r);
        }
        if let Some(s) = it.downcast::<SeqIter>() {
            let seq = s.seq;
            containers::ready_to_step(self, &s.index);
            let i = loop {
                let at = s.index.load();
                if s.index.advance(self.thread_id, at, at + 1) {
                    break at;
                }
            };
            let idx = self.new_int(i as i64)?;
            return match self.getitem(seq, idx) {
                Ok(v) => Ok(Some(v)),
                Err(e)
                    if self.err_is(&e, self.rt.types.exc.index_error)
                        || self.err_is(&e, self.rt.types.exc.stop_iteration) =>
                {
                    Ok(None)
                }
                Err(e) => Err(e),
            };
        }
        if let Some(f) = self.user_special(it, "__next__") {
            return match self.call(f, &[it], &[]) {
                Ok(v) => Ok(Some(v)),
                Err(e) if self.err_is(&e, self.rt.types.exc.stop_iteration) => Ok(None),
                Err(e) => Err(e),
            };
        }
        if let Some(r) = crate::objects::async_gen::next_opt(self, it) {
            return r;
        }
        if let Some(r) = self.unproxy(it)? {
            return self.with_root(r, |vm| match vm.next(r) {
                Err(e) if vm.err_is(&e, vm.rt.types.exc.type_error) => {
                    let ty = vm.type_of(r);
                    let name = vm.intern("__next__");
                    if crate::types::lookup_in_mro(vm, ty, name).is_some() {
                        return Err(e);
                    }
                    Err(vm.type_error(format!(
                        "Weakref proxy referenced a non-iterator '{}' object",
                        vm.type_name(r)
                    )))
                }
                other => other,
            });
        }
        // A native type of a module that gives itself a `__next__` (sys.stdin).
        if let Some(f) = self.native_special(it, "__next__") {
            return match self.call(f, &[it], &[]) {
                Ok(v) => Ok(Some(v)),
                Err(e) if self.err_is(&e, self.rt.types.exc.stop_iteration) => Ok(None),
                Err(e) => Err(e),
            };
        }
        Err(self.type_error(format!(
            "'{}' object is not an iterator",
            self.type_name(it)
        )))
    }

    /// All items of an iterable. The returned values are NOT rooted: store them in a
    /// rooted object before the next safepoint. (They are rooted while iterating.)
    pub fn collect_iter(&mut self, v: Value) -> PyResult<Vec<Value>> {
        if let Some(l) = v.downcast::<crate::objects::list::ListData>() {
            return Ok(l.snapshot());
        }
        if let Some(t) = v.downcast::<crate::objects::tuple::TupleData>() {
            return Ok(t.0.to_vec());
        }
        let mut out = Vec::new();
        if let Some(r) = v.downcast::<crate::objects::range::RangeData>() {
            // Sized up front, as CPython does from the length: a huge range raises
            // MemoryError at once instead of exhausting memory item by item.
            let n = crate::objects::range::range_len(r);
            let n = usize::try_from(n).unwrap_or(usize::MAX);
            crate::helpers::check_room(self, n.saturating_mul(8))?;
            let fits = out.try_reserve_exact(n).is_ok();
            if !fits {
                return Err(self.memory_error());
            }
        } else if v.is::<crate::objects::instance::InstanceData>()
            && let Some(f) = self.lookup_special(v, "__length_hint__")
        {
            // An object of a Python class announcing its length (`itertools.repeat(x,
            // 2**40)`): room for that many items first, as CPython's list() does, so an
            // impossible size is a MemoryError at once, not memory exhausted item by
            // item. A hint that raises TypeError or is no int is ignored.
            let hint = match self.call(f, &[v], &[]) {
                Ok(h) => crate::helpers::as_bigint(h),
                Err(e) if self.err_is(&e, self.rt.types.exc.type_error) => None,
                Err(e) => return Err(e),
            };
            if let Some(n) = hint.filter(|n| n.sign() == num_bigint::Sign::Plus) {
                use num_traits::ToPrimitive;
                let fits = n
                    .to_usize()
                    .is_some_and(|n| out.try_reserve_exact(n).is_ok());
                if !fits {
                    return Err(self.memory_error());
                }
            }
        }
        if crate::objects::generator::is_generator(v) {
            return self.collect_generator(v, out);
        }
        let it = self.iter(v)?;
        let r = self.with_root(it, |vm| {
            loop {
                match vm.next(it) {
                    Ok(Some(x)) => {
                        vm.root(x);
                        out.push(x);
                    }
                    Ok(None) => break Ok(()),
                    Err(e) => break Err(e),
                }
            }
        });
        r.map(|_| out)
    }

    /// `collect_iter` of a generator: its items are taken inside the interpreter loop
    /// (`generator::gen_drain`), each rooted as it comes.
    fn collect_generator(&mut self, g: Value, mut out: Vec<Value>) -> PyResult<Vec<Value>> {
        let vm = &mut *self.scope();
        vm.root(g);
        loop {
            let mut take = |vm: &mut Vm, x: Value| {
                vm.root(x);
                out.push(x);
                true
            };
            match crate::objects::generator::gen_drain(vm, g, &mut take)? {
                Some(x) => {
                    vm.root(x);
                    out.push(x);
                }
                None => return Ok(out),
            }
        }
    }

    /// `obj.name(*args)`.
    pub fn call_method(&mut self, obj: Value, name: &str, args: &[Value]) -> PyResult {
        let f = self.getattr_str(obj, name)?;
        self.with_root(f, |vm| vm.call(f, args, &[]))
    }

    /// `format(v, spec)`.
    pub fn format(&mut self, v: Value, spec: &str) -> PyResult<String> {
        if let Some(f) = self.user_special(v, "__format__") {
            let s = self.new_str(spec)?;
            let r = self.with_root(s, |vm| vm.call(f, &[v, s], &[]));
            let r = r?;
            return match r.downcast::<StrData>() {
                Some(s) => Ok(s.as_str().to_string()),
                None => Err(self.type_error("__format__ must return a str")),
            };
        }
        if let Some(r) = self.unproxy(v)? {
            // `object.__format__` on the proxy: str() of the referent, no spec allowed.
            if !spec.is_empty() {
                let tn = self.type_name(v);
                return Err(self.type_error(format!(
                    "unsupported format string passed to {tn}.__format__"
                )));
            }
            return self.with_root(r, |vm| vm.str_of(r));
        }
        self.format_value(base_or_self(v), spec)
    }

    /// Attribute of a type object found on its metatype or MRO (no binding).
    fn lookup_type_attr(&mut self, t: Value, name: &str) -> Option<Value> {
        let n = self.intern(name);
        lookup_in_mro(self, t, n)
    }
}

/// Built-in values whose repr names the (sub)class: `bytearray(b'')`, `array('i')`.
fn names_subclass_in_repr(b: Value) -> bool {
    b.is::<crate::objects::bytes::ByteArrayData>() || b.is::<crate::objects::array::ArrayData>()
}

/// The built-in value inside a subclass instance, or the value itself.
pub fn base_or_self(v: Value) -> Value {
    match v.downcast::<InstanceData>() {
        Some(i) if !i.base.is_null() => i.base,
        _ => v,
    }
}
