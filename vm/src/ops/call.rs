//! Calling: functions (argument binding to a new frame), built-ins, bound methods,
//! classes (instantiation) and objects with `__call__`.
use crate::bytecode::code_flags;
use crate::helpers::as_str;
use crate::objects::builtin_fn::BuiltinFn;
use crate::objects::cell::CellData;
use crate::objects::code::CodeObj;
use crate::objects::dict::DictData;
use crate::objects::function::{BoundMethod, FunctionData};
use crate::objects::tuple::TupleData;
use crate::objects::typeobj::{Layout, TypeData};
use crate::types::{lookup_in_mro, type_data};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

impl Vm {
    /// `f(*args, **kwargs)`. The caller keeps `f`, `args` and the kwarg values rooted.
    pub fn call(&mut self, f: Value, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult {
        if f.is::<FunctionData>() {
            return self.call_function(f, args, kwargs);
        }
        if let Some(b) = f.downcast::<BuiltinFn>() {
            let (func, this) = (b.f, b.this);
            if this.is_null() {
                return func(self, args, kwargs);
            }
            return func(self, &prepend(this, args), kwargs);
        }
        if let Some(m) = f.downcast::<BoundMethod>() {
            let (func, this) = (m.func, m.this);
            return self.call(func, &prepend(this, args), kwargs);
        }
        if f.is::<TypeData>() {
            // A metaclass written in Python may define __call__ (e.g. abc.ABCMeta).
            let meta = self.type_of(f);
            if meta != self.rt.types.type_ && type_data(meta).is_user {
                let n = self.intern("__call__");
                if let Some(c) = lookup_in_mro(self, meta, n).filter(|c| !c.is::<BuiltinFn>()) {
                    return self.call_dunder_call(c, f, args, kwargs);
                }
            }
            return self.call_type(f, args, kwargs);
        }
        // A staticmethod object is callable itself (CPython 3.10+).
        if let Some(sm) = f.downcast::<crate::objects::function::StaticMethod>() {
            let inner = sm.0;
            return self.call(inner, args, kwargs);
        }
        let ty = self.type_of(f);
        let n = self.rt.names.call;
        if let Some(c) = lookup_in_mro(self, ty, n) {
            return self.call_dunder_call(c, f, args, kwargs);
        }
        Err(self.type_error(format!("'{}' object is not callable", self.type_name(f))))
    }

    /// Call a special method as found on the type of `this`: a function gets `this`
    /// first; a class or a static method stored there is called as it is (no binding,
    /// as CPython's descriptor rules give: `__call__ = dict` calls `dict(...)`); a
    /// class method gets the type of `this`.
    pub(crate) fn call_dunder_call(
        &mut self,
        c: Value,
        this: Value,
        args: &[Value],
        kwargs: &[(Value, Value)],
    ) -> PyResult {
        if c.is::<TypeData>() {
            return self.call(c, args, kwargs);
        }
        if let Some(s) = c.downcast::<crate::objects::function::StaticMethod>() {
            let inner = s.0;
            return self.call(inner, args, kwargs);
        }
        let (c, this) = match c.downcast::<crate::objects::function::ClassMethod>() {
            Some(cm) => (cm.0, self.type_of(this)),
            None => (c, this),
        };
        let mut full = Vec::with_capacity(args.len() + 1);
        full.push(this);
        full.extend_from_slice(args);
        self.call(c, &full, kwargs)
    }

    /// `type.__call__(cls, *args, **kwargs)`: instantiate `cls` without consulting its
    /// metaclass's `__call__` (which is usually the caller, via `super().__call__`).
    pub fn type_call(&mut self, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult {
        match args.first() {
            Some(&cls) if cls.is::<TypeData>() => self.call_type(cls, &args[1..], kwargs),
            _ => Err(self.type_error("descriptor '__call__' requires a 'type' object")),
        }
    }

    /// Instantiate a class: `__new__` then `__init__`.
    fn call_type(&mut self, cls: Value, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult {
        let types = &self.rt.types;
        if cls == types.type_ {
            if args.len() == 1 && kwargs.is_empty() {
                return Ok(self.type_of(args[0]));
            }
            return crate::class::type_new(self, cls, args, kwargs);
        }
        let td = type_data(cls);
        // A user-defined __new__ anywhere before the built-in base.
        let new_name = self.rt.names.new;
        let user_new = lookup_in_mro(self, cls, new_name).filter(|f| !f.is::<BuiltinFn>());
        let obj = if let Some(newf) = user_new {
            let newf = match newf.downcast::<crate::objects::function::StaticMethod>() {
                Some(s) => s.0,
                None => newf,
            };
            let mut full = Vec::with_capacity(args.len() + 1);
            full.push(cls);
            full.extend_from_slice(args);
            self.call(newf, &full, kwargs)?
        } else if let Some(newfn) = td.new {
            newfn(self, cls, args, kwargs)?
        } else if td.layout == Layout::Builtin {
            let tn = td.name.read().clone();
            return Err(self.type_error(format!("cannot create '{tn}' instances")));
        } else {
            return Err(self.type_error("object has no constructor"));
        };
        // __init__ runs only when __new__ returned an instance of cls.
        if !crate::types::is_subclass(self, self.type_of(obj), cls) {
            return Ok(obj);
        }
        if !td.is_user && td.layout != Layout::Exception {
            return Ok(obj);
        }
        let init_name = self.rt.names.init;
        let init = lookup_in_mro(self, cls, init_name);
        // An exception whose `__new__` is the user's still gets the built-in `__init__`
        // (which sets `args` to the call's arguments, as CPython's does).
        let builtin_exc_init = td.layout == Layout::Exception && user_new.is_some();
        if let Some(init) = init
            && (!init.is::<BuiltinFn>() || builtin_exc_init)
        {
            let mut full = Vec::with_capacity(args.len() + 1);
            full.push(obj);
            full.extend_from_slice(args);
            let r = self.with_root(obj, |vm| vm.call(init, &full, kwargs))?;
            if !r.is_none() {
                let tn = self.type_name(r);
                return Err(self.type_error(format!("__init__() should return None, not '{tn}'")));
            }
        } else if td.layout == Layout::Instance
            && td.builtin_base.is_null()
            && user_new.is_none()
            && (!args.is_empty() || !kwargs.is_empty())
        {
            let tn = td.name.read().clone();
            return Err(self.type_error(format!("{tn}() takes no arguments")));
        }
        Ok(obj)
    }

    /// Call a Python function: bind arguments into a new frame and run it.
    pub fn call_function(
        &mut self,
        func: Value,
        args: &[Value],
        kwargs: &[(Value, Value)],
    ) -> PyResult {
        let fd = func.downcast::<FunctionData>().expect("function");
        let code_val = fd.code.load();
        let code = code_val.downcast::<CodeObj>().expect("code");
        use crate::frame::Frame;
        let generator = code.code.flags & code_flags::GENERATOR != 0;
        let frame = if generator {
            Frame::new_owned(self, func, fd, code_val, code)
        } else {
            Frame::new(self, func, fd, code_val, code)
        };
        if let Err(e) = self.bind_args(&frame, fd, code, args, kwargs) {
            Frame::release(self, frame);
            return Err(e);
        }
        if generator {
            return crate::objects::generator::new_generator(self, frame);
        }
        self.run_frame(frame)
    }

    /// Put the call's arguments in the frame's local slots, with CPython's errors.
    pub(crate) fn bind_args(
        &mut self,
        frame: &crate::frame::Frame,
        fd: &FunctionData,
        code: &CodeObj,
        args: &[Value],
        kwargs: &[(Value, Value)],
    ) -> PyResult<()> {
        let c = &code.code;
        let argc = c.argcount as usize;
        let kwonly = c.kwonlyargcount as usize;
        let posonly = c.posonlyargcount as usize;
        let has_varargs = c.flags & code_flags::VARARGS != 0;
        let has_varkw = c.flags & code_flags::VARKEYWORDS != 0;
        // The common call: exactly the positional parameters, nothing else to set up.
        if kwargs.is_empty()
            && args.len() == argc
            && kwonly == 0
            && !has_varargs
            && !has_varkw
            && c.cellvars.is_empty()
            && c.freevars.is_empty()
        {
            frame.locals()[..argc].copy_from_slice(args);
            return Ok(());
        }
        // Only error messages need the name: no String per call.
        let qual = || as_str(&fd.qualname.load()).unwrap_or("?").to_string();
        let locals = frame.locals();

        let npos = args.len().min(argc);
        locals[..npos].copy_from_slice(&args[..npos]);
        let mut slot = argc + kwonly;
        if has_varargs {
            let extra = if args.len() > argc {
                args[argc..].to_vec()
            } else {
                Vec::new()
            };
            locals[slot] = self.new_tuple(extra)?;
            slot += 1;
        } else if args.len() > argc {
            let ndef = fd
                .defaults
                .load()
                .downcast::<TupleData>()
                .map_or(0, |t| t.0.len());
            return Err(self.too_many_positional(&qual(), c, args.len(), ndef));
        }
        let varkw = if has_varkw {
            let d = self.new_dict()?;
            locals[slot] = d;
            Some(d)
        } else {
            None
        };
        for &(k, v) in kwargs {
            let kname = as_str(&k).unwrap_or("");
            let pos = code.varnames[..argc + kwonly]
                .iter()
                .position(|&n| n == k || as_str(&n) == Some(kname));
            match pos {
                Some(i) if i >= posonly => {
                    if !locals[i].is_null() {
                        let qual = qual();
                        return Err(self.type_error(format!(
                            "{qual}() got multiple values for argument '{kname}'"
                        )));
                    }
                    locals[i] = v;
                }
                _ => match varkw {
                    Some(d) => self.dict_set(d, k, v)?,
                    None => {
                        if pos.is_some() {
                            let names: Vec<&str> = kwargs
                                .iter()
                                .filter_map(|(k, _)| as_str(k))
                                .filter(|k| {
                                    code.varnames[..posonly]
                                        .iter()
                                        .any(|n| as_str(n) == Some(*k))
                                })
                                .collect();
                            let qual = qual();
                            return Err(self.type_error(format!(
                                "{qual}() got some positional-only arguments passed as keyword arguments: '{}'",
                                names.join(", ")
                            )));
                        }
                        let qual = qual();
                        return Err(self.type_error(format!(
                            "{qual}() got an unexpected keyword argument '{kname}'"
                        )));
                    }
                },
            }
        }
        // Defaults for missing positionals.
        let defaults = fd.defaults.load();
        let defs: &[Value] = match defaults.downcast::<TupleData>() {
            Some(t) => &t.0,
            None => &[],
        };
        let first_default = argc - defs.len().min(argc);
        let mut missing = Vec::new();
        for (i, local) in locals.iter_mut().enumerate().take(argc) {
            if local.is_null() {
                if i >= first_default {
                    *local = defs[i - first_default];
                } else {
                    missing.push(as_str(&code.varnames[i]).unwrap_or("?").to_string());
                }
            }
        }
        if !missing.is_empty() {
            return Err(self.missing_args(&qual(), "positional", &missing));
        }
        if kwonly > 0 {
            let kwd = fd.kwdefaults.load();
            let mut missing = Vec::new();
            for (i, local) in locals.iter_mut().enumerate().take(argc + kwonly).skip(argc) {
                if local.is_null() {
                    let name = code.varnames[i];
                    let dv = if kwd.is::<DictData>() {
                        self.dict_get_str_key(kwd, name)?
                    } else {
                        None
                    };
                    match dv {
                        Some(v) => *local = v,
                        None => missing.push(as_str(&name).unwrap_or("?").to_string()),
                    }
                }
            }
            if !missing.is_empty() {
                return Err(self.missing_args(&qual(), "keyword-only", &missing));
            }
        }
        // Cells: fresh ones for cellvars (initialised from parameters), then the closure.
        let ncell = c.cellvars.len();
        let cells = frame.cells();
        for (i, cell) in cells.iter_mut().enumerate().take(ncell) {
            let init = match c.cell2arg.get(i).copied().flatten() {
                Some(a) => locals[a as usize],
                None => Value::NULL,
            };
            let ty = self.rt.types.cell;
            *cell = self.alloc(ty, CellData::new(init))?;
        }
        if let Some(cl) = fd.closure.downcast::<TupleData>() {
            for (j, &cell) in cl.0.iter().enumerate() {
                cells[ncell + j] = cell;
            }
        }
        Ok(())
    }

    fn too_many_positional(
        &mut self,
        qual: &str,
        c: &crate::bytecode::CodeData,
        given: usize,
        ndefaults: usize,
    ) -> crate::vm::PyErr {
        let argc = c.argcount as usize;
        let fewest = argc.saturating_sub(ndefaults);
        let takes = if fewest < argc {
            format!("from {fewest} to {argc} positional arguments")
        } else {
            format!(
                "{argc} positional argument{}",
                if argc == 1 { "" } else { "s" }
            )
        };
        let was = if given == 1 { "was" } else { "were" };
        self.type_error(format!("{qual}() takes {takes} but {given} {was} given"))
    }

    fn missing_args(&mut self, qual: &str, kind: &str, names: &[String]) -> crate::vm::PyErr {
        let quoted: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
        let list = match quoted.len() {
            1 => quoted[0].clone(),
            2 => format!("{} and {}", quoted[0], quoted[1]),
            n => format!("{}, and {}", quoted[..n - 1].join(", "), quoted[n - 1]),
        };
        let n = names.len();
        self.type_error(format!(
            "{qual}() missing {n} required {kind} argument{}: {list}",
            if n == 1 { "" } else { "s" }
        ))
    }
}

/// `callable(v)`.
pub fn is_callable(vm: &mut Vm, v: Value) -> bool {
    if v.is::<FunctionData>() || v.is::<BuiltinFn>() || v.is::<BoundMethod>() || v.is::<TypeData>()
    {
        return true;
    }
    // A staticmethod is callable (since 3.10) when what it wraps is.
    if let Some(sm) = v.downcast::<crate::objects::function::StaticMethod>() {
        let inner = sm.0;
        return is_callable(vm, inner);
    }
    let ty = vm.type_of(v);
    let n = vm.rt.names.call;
    lookup_in_mro(vm, ty, n).is_some()
}

/// `[this, *args]` on the Rust stack for the usual few arguments. The values need no
/// rooting of their own: `this` is held by the bound method the caller roots, and `args`
/// by the caller.
pub(crate) fn prepend(this: Value, args: &[Value]) -> smallvec::SmallVec<[Value; 8]> {
    let mut full = smallvec::SmallVec::with_capacity(args.len() + 1);
    full.push(this);
    full.extend_from_slice(args);
    full
}
