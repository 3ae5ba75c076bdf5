//! Calls the loop answers without calling the native: `len(x)`, `isinstance(x, C)`,
//! `list.append(x)` and `dict.get(k[, d])` on the built-in types they are nearly always
//! used with (CPython 3.11 specialises the first three). A native call binds its arguments, checks its
//! receiver and converts its result (about a hundred instructions); these need a type
//! test and one operation.
//!
//! A native is recognised by its entry point: `fn_addr_eq` with the entry of its
//! `NativeDef`. Each answer here is exactly the native's for the cases it takes; every
//! other case (a subclass, a user `__len__`, a tuple of classes, a metaclass hook)
//! returns None and the loop makes the real call.
use crate::objects::builtin_fn::BuiltinFn;
use crate::objects::dict::DictData;
use crate::objects::list::ListData;
use crate::objects::str::StrData;
use crate::objects::typeobj::TypeData;
use crate::value::Value;
use crate::vm::Vm;

impl Vm {
    /// `callee(*args)` for a native function called with positional arguments, when
    /// it is one of the specialised ones and the arguments are of the common kinds.
    #[inline]
    pub(super) fn fast_native_call(&mut self, callee: &BuiltinFn, args: &[Value]) -> Option<Value> {
        if !callee.this.is_null() {
            return None;
        }
        match *args {
            [v] if std::ptr::fn_addr_eq(callee.f, crate::builtins_funcs::b_len.f) => {
                let n = crate::ops::containers::exact_builtin_len(v)?;
                Value::small_int(n as i64)
            }
            [obj, cls] if std::ptr::fn_addr_eq(callee.f, crate::builtins_funcs::b_isinstance.f) => {
                self.fast_isinstance(obj, cls)
            }
            [this, item]
                if std::ptr::fn_addr_eq(callee.f, crate::objects::list::methods::list_append.f) =>
            {
                this.downcast::<ListData>()?.push(item);
                Some(Value::NONE)
            }
            [this, key] | [this, key, _]
                if std::ptr::fn_addr_eq(callee.f, crate::objects::dict::methods::dict_get.f) =>
            {
                // An exact dict and a key whose hash needs no Python code (a str, a
                // small int), found or missed with no `__eq__` call.
                let d = this.downcast::<DictData>()?;
                let hash = if let Some(s) = key.downcast::<StrData>() {
                    s.hash()
                } else {
                    crate::ops::num_hash::hash_i64(key.as_small_int()?)
                };
                let found =
                    d.0.get_lockfree(hash, key, crate::ops::compare::native_eq)?;
                Some(found.unwrap_or(args.get(2).copied().unwrap_or(Value::NONE)))
            }
            _ => None,
        }
    }

    /// `isinstance(obj, cls)` for a class `cls` whose metaclass is built in (so it has
    /// no `__instancecheck__` of its own); None when a weak proxy (which answers for its
    /// referent) might make a negative answer wrong.
    fn fast_isinstance(&mut self, obj: Value, cls: Value) -> Option<Value> {
        cls.downcast::<TypeData>()?;
        if crate::types::type_data(&self.type_of(cls)).is_user {
            return None;
        }
        let t = self.type_of(obj);
        if crate::types::is_subclass(self, t, cls) {
            return Some(Value::TRUE);
        }
        (!crate::objects::weakref::is_proxy(self, obj)).then_some(Value::FALSE)
    }
}
