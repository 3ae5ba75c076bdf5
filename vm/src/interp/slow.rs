//! The instructions the loop in `interp/mod.rs` does not run inline: each runs on the
//! frame's written-back state (`Frame::push`/`pop`, `pc()`), and reports how the frame
//! goes on (`Flow`).
use super::Flow;
use crate::bytecode::{Instr, UnaryOp};
use crate::frame::{Block, BlockKind, Frame};
use crate::helpers::as_str;
use crate::objects::cell::CellData;
use crate::objects::code::CodeObj;
use crate::objects::dict::DictData;
use crate::objects::exception::ExcData;
use crate::objects::function::FunctionData;
use crate::objects::list::ListData;
use crate::objects::slice::SliceData;
use crate::objects::tuple::TupleData;
use crate::value::{AtomicValue, Value};
use crate::vm::{PyErr, PyResult, Vm};

impl Vm {
    /// `LOAD_GLOBAL` the slow way: the globals, then the builtins, any key.
    pub(super) fn load_global(
        &mut self,
        globals: Value,
        builtins: Value,
        name: Value,
    ) -> PyResult<Value> {
        if let Some(v) = self.dict_get_str_key(globals, name)? {
            return Ok(v);
        }
        match self.dict_get_str_key(builtins, name)? {
            Some(v) => Ok(v),
            None => Err(self.name_not_defined(name)),
        }
    }

    fn name(&self, code: &CodeObj, i: u32) -> Value {
        code.names[i as usize]
    }

    /// Execute one instruction.
    #[inline(always)]
    pub(super) fn step_slow(&mut self, f: &Frame, code: &CodeObj, instr: Instr) -> PyResult<Flow> {
        match instr {
            Instr::RotFour => {
                let s = &mut f.stack();
                let n = s.len();
                s[n - 4..].rotate_right(1);
            }
            Instr::DupTopTwo => {
                let (a, b) = (f.peek(1), f.peek(0));
                f.push(a);
                f.push(b);
            }
            Instr::DeleteFast(i) => {
                if f.locals()[i as usize].is_null() {
                    let n = as_str(&code.varnames[i as usize])
                        .unwrap_or("?")
                        .to_string();
                    let t = self.rt.types.exc.unbound_local_error;
                    return Err(self.new_exception(t, &format!("cannot access local variable '{n}' where it is not associated with a value")));
                }
                f.locals()[i as usize] = Value::NULL;
            }
            Instr::LoadName(i) => {
                let name = self.name(code, i);
                let v = self.load_name(f, name)?;
                f.push(v);
            }
            Instr::StoreName(i) => {
                let name = self.name(code, i);
                let v = f.top();
                let ns = if f.locals_dict.is_null() {
                    f.globals
                } else {
                    f.locals_dict
                };
                self.store_in_namespace(ns, name, v)?;
                f.pop();
            }
            Instr::DeleteName(i) => {
                let name = self.name(code, i);
                let ns = if f.locals_dict.is_null() {
                    f.globals
                } else {
                    f.locals_dict
                };
                if !self.delete_from_namespace(ns, name)? {
                    return Err(self.name_not_defined(name));
                }
            }
            Instr::StoreGlobal(i) => {
                let name = self.name(code, i);
                let v = f.top();
                self.dict_set(f.globals, name, v)?;
                f.pop();
            }
            Instr::DeleteGlobal(i) => {
                let name = self.name(code, i);
                if self.dict_del(f.globals, name)?.is_none() {
                    return Err(self.name_not_defined(name));
                }
            }
            Instr::DeleteDeref(i) => {
                self.load_deref(f, code, i)?;
                let cell = f.cells()[i as usize];
                cell.downcast::<CellData>().expect("cell").set(Value::NULL);
            }
            Instr::LoadDeref(i) => {
                let v = self.load_deref(f, code, i)?;
                f.push(v);
            }
            Instr::StoreDeref(i) => {
                let v = f.pop();
                let cell = f.cells()[i as usize];
                cell.downcast::<CellData>().expect("cell").set(v);
            }
            Instr::LoadClosure(i) => f.push(f.cells()[i as usize]),
            Instr::LoadClassDeref(i) => {
                let c = &code.code;
                let ncell = c.cellvars.len();
                let n = if (i as usize) < ncell {
                    &c.cellvars[i as usize]
                } else {
                    &c.freevars[i as usize - ncell]
                };
                let key = self.intern(n);
                let v = match self.namespace_get(f.locals_dict, key)? {
                    Some(v) => v,
                    None => self.load_deref(f, code, i)?,
                };
                f.push(v);
            }
            Instr::LoadLocals => {
                let ns = if f.locals_dict.is_null() {
                    f.globals
                } else {
                    f.locals_dict
                };
                f.push(ns);
            }
            Instr::LoadFromDictOrGlobals(i) => {
                let name = self.name(code, i);
                let v = match self.namespace_get(f.top(), name)? {
                    Some(v) => v,
                    None => self.load_global(f.globals, f.builtins, name)?,
                };
                f.pop();
                f.push(v);
            }
            Instr::DeleteAttr(i) => {
                let name = self.name(code, i);
                self.delattr(f.top(), name)?;
                f.pop();
            }
            Instr::DeleteSubscr => {
                let (o, k) = (f.peek(1), f.peek(0));
                self.delitem(o, k)?;
                f.truncate(f.stack_len() - 2);
            }
            Instr::UnaryOp(op) => {
                let a = f.top();
                let r = if op == UnaryOp::Not {
                    Value::bool(!self.truthy(a)?)
                } else {
                    self.unary_op(a, op)?
                };
                f.set_top(r);
            }
            Instr::ContainsOp(neg) => {
                let (a, b) = (f.peek(1), f.peek(0));
                let r = self.contains(b, a)?;
                f.pop();
                f.set_top(Value::bool(r != neg));
            }
            Instr::BuildTuple(n) => {
                let items = self.take_top(f, n as usize);
                let t = self.new_tuple(items)?;
                f.truncate(f.stack_len() - n as usize);
                f.push(t);
            }
            Instr::BuildList(n) => {
                let items = self.take_top(f, n as usize);
                let t = self.new_list(items)?;
                f.truncate(f.stack_len() - n as usize);
                f.push(t);
            }
            Instr::BuildSet(n) => {
                let items = self.take_top(f, n as usize);
                let t = self.new_set(items)?;
                f.truncate(f.stack_len() - n as usize);
                f.push(t);
            }
            Instr::BuildMap(n) => {
                let d = self.new_dict()?;
                f.push(d);
                let n = n as usize;
                let len = f.stack_len();
                for i in 0..n {
                    let k = f.stack()[len - 1 - 2 * n + 2 * i];
                    let v = f.stack()[len - 1 - 2 * n + 2 * i + 1];
                    self.dict_set(d, k, v)?;
                }
                f.truncate(len - 1 - 2 * n);
                f.push(d);
            }
            Instr::BuildConstKeyMap(n) => {
                let d = self.new_dict()?;
                f.push(d);
                let n = n as usize;
                let len = f.stack_len();
                let keys = f.stack()[len - 2];
                let keys = keys.downcast::<TupleData>().expect("const keys").0.to_vec();
                for (i, k) in keys.into_iter().enumerate() {
                    let v = f.stack()[len - 2 - n + i];
                    self.dict_set(d, k, v)?;
                }
                f.truncate(len - 2 - n);
                f.push(d);
            }
            Instr::BuildString(n) => {
                // Exact text (a part may hold lone surrogates: objects/str.rs).
                let mut s = Vec::new();
                for v in self.take_top(f, n as usize) {
                    s.extend_from_slice(crate::helpers::as_wtf8(&v).unwrap_or(b""));
                }
                let v = self.new_str_wtf8(&s)?;
                f.truncate(f.stack_len() - n as usize);
                f.push(v);
            }
            Instr::BuildSlice(n) => {
                let step = if n == 3 { f.pop() } else { Value::NONE };
                let stop = f.pop();
                let start = f.pop();
                let ty = self.rt.types.slice;
                f.push(start);
                f.push(stop);
                f.push(step);
                let s = self.alloc(ty, SliceData { start, stop, step })?;
                f.truncate(f.stack_len() - 3);
                f.push(s);
            }
            Instr::ListAppend(n) => {
                let v = f.top();
                let l = f.peek(n as usize);
                l.downcast::<ListData>().expect("list").push(v);
                f.pop();
            }
            Instr::SetAdd(n) => {
                let v = f.top();
                let s = f.peek(n as usize);
                self.set_add(s, v)?;
                f.pop();
            }
            Instr::MapAdd(n) => {
                let (k, v) = (f.peek(1), f.peek(0));
                let d = f.peek(n as usize + 1);
                self.dict_set(d, k, v)?;
                f.pop();
                f.pop();
            }
            Instr::ListExtend(n) => {
                let it = f.top();
                let l = f.peek(n as usize);
                let items = match self.collect_iter(it) {
                    Ok(items) => items,
                    Err(e) => return Err(self.star_error(e, it, None)),
                };
                l.downcast::<ListData>().expect("list").extend(&items);
                f.pop();
            }
            Instr::CallStarExtend => {
                let (it, l, callee) = (f.top(), f.peek(1), f.peek(2));
                let items = match self.collect_iter(it) {
                    Ok(items) => items,
                    Err(e) => return Err(self.star_error(e, it, Some(callee))),
                };
                l.downcast::<ListData>().expect("list").extend(&items);
                f.pop();
            }
            Instr::SetUpdate(n) => {
                let it = f.top();
                let s = f.peek(n as usize);
                let items = self.collect_iter(it)?;
                self.with_roots(&items, |vm| {
                    items.iter().try_for_each(|&x| vm.set_add(s, x).map(|_| ()))
                })?;
                f.pop();
            }
            Instr::DictUpdate(n) => {
                let m = f.top();
                let d = f.peek(n as usize);
                self.dict_update_from(d, m, None)?;
                f.pop();
            }
            Instr::DictMerge(n) => {
                // `[callee, args, dict, ..., mapping]`: errors name the callee.
                let (m, d, callee) = (f.top(), f.peek(n as usize), f.peek(n as usize + 2));
                self.dict_update_from(d, m, Some(callee))?;
                f.pop();
            }
            Instr::ListToTuple => {
                let l = f.top();
                let items = l.downcast::<ListData>().expect("list").snapshot();
                let t = self.new_tuple(items)?;
                f.set_top(t);
            }
            Instr::UnpackSequence(n) => {
                let seq = f.top();
                let items = self.unpack(seq, n as usize)?;
                f.pop();
                for v in items.into_iter().rev() {
                    f.push(v);
                }
            }
            Instr::UnpackEx(arg) => {
                let (before, after) = ((arg & 0xff) as usize, (arg >> 8) as usize);
                let seq = f.top();
                let items = self.collect_iter(seq)?;
                if items.len() < before + after {
                    return Err(self.value_error(format!(
                        "not enough values to unpack (expected at least {}, got {})",
                        before + after,
                        items.len()
                    )));
                }
                let mid = items[before..items.len() - after].to_vec();
                // Allocation never collects, so `items` stay valid without rooting.
                let l = self.new_list(mid)?;
                f.pop();
                for &v in items[items.len() - after..].iter().rev() {
                    f.push(v);
                }
                f.push(l);
                for &v in items[..before].iter().rev() {
                    f.push(v);
                }
            }
            Instr::FormatValue(flags) => {
                let spec = if flags & 4 != 0 { Some(f.pop()) } else { None };
                let v = f.top();
                let empty_spec = spec.is_none_or(|s| as_str(&s).is_some_and(str::is_empty));
                if flags & 3 <= 1 && v.is::<crate::objects::str::StrData>() {
                    if empty_spec {
                        // An exact str formats as itself (surrogates kept, no copy).
                        return Ok(Flow::Next);
                    }
                    if let Some(sv) = spec
                        && v.downcast::<crate::objects::str::StrData>()
                            .is_some_and(|d| d.has_surrogates())
                    {
                        let r = self.with_root(sv, |vm| {
                            crate::objects::str::methods::format_exact(vm, v, sv)
                        })?;
                        f.set_top(r);
                        return Ok(Flow::Next);
                    }
                }
                if flags & 3 == 0
                    && empty_spec
                    && let Some(i) = v.as_small_int()
                {
                    // `f'{n}'` of an int: its digits, with no format machinery.
                    let r = self.new_str(crate::helpers::i64_text(i, &mut [0; 20]))?;
                    f.set_top(r);
                    return Ok(Flow::Next);
                }
                if let Some(s) = spec {
                    f.push(s);
                }
                let conv = match flags & 3 {
                    1 => Some(self.str_of(v)?),
                    2 => Some(self.repr(v)?),
                    3 => Some(crate::exceptions::ascii_of(&self.repr(v)?)),
                    _ => None,
                };
                let spec_s = spec
                    .and_then(|s| as_str(&s).map(|x| x.to_string()))
                    .unwrap_or_default();
                let out = match conv {
                    Some(c) if spec_s.is_empty() => c,
                    Some(c) => {
                        let cv = self.new_str(&c)?;
                        f.push(cv);
                        let r = self.format(cv, &spec_s);
                        f.pop();
                        r?
                    }
                    None => {
                        if spec_s.is_empty() && v.is::<crate::objects::str::StrData>() {
                            as_str(&v).unwrap().to_string()
                        } else {
                            self.format(v, &spec_s)?
                        }
                    }
                };
                let r = self.new_str(&out)?;
                if spec.is_some() {
                    f.pop();
                }
                f.set_top(r);
            }
            Instr::JumpIfFalseOrPop(t) => {
                if !self.truthy(f.top())? {
                    f.set_pc(t as usize);
                } else {
                    f.pop();
                }
            }
            Instr::JumpIfTrueOrPop(t) => {
                if self.truthy(f.top())? {
                    f.set_pc(t as usize);
                } else {
                    f.pop();
                }
            }
            Instr::JumpIfNotExcMatch(t) => {
                let (exc, cls) = (f.peek(1), f.peek(0));
                let m = self.exception_matches(exc, cls)?;
                f.pop();
                if !m {
                    f.set_pc(t as usize);
                }
            }
            Instr::CheckEgMatch(t) => {
                let (rest, ty) = (f.peek(1), f.peek(0));
                let (caught, rest) = crate::exception_group::eg_match(self, rest, ty)?;
                f.pop();
                f.set_top(rest);
                if caught.is_null() {
                    f.set_pc(t as usize);
                } else {
                    f.push(caught);
                    self.roots.handled = caught;
                }
            }
            Instr::PrepReraiseStar => {
                let (orig, list) = (f.peek(1), f.peek(0));
                let raised = list
                    .downcast::<crate::objects::list::ListData>()
                    .map(|l| l.snapshot())
                    .unwrap_or_default();
                let r = crate::exception_group::prep_reraise(self, orig, &raised)?;
                f.pop();
                f.set_top(r);
            }
            Instr::GetIter => {
                let it = self.iter(f.top())?;
                f.set_top(it);
            }
            Instr::CallFunctionEx(flags) => {
                let kwargs = if flags & 1 != 0 { f.pop() } else { Value::NULL };
                let args = f.pop();
                let callee = f.top();
                f.push(args);
                f.push(kwargs);
                let pos = match args.downcast::<TupleData>() {
                    Some(t) => t.0.to_vec(),
                    None => self.collect_iter(args)?,
                };
                let mut kw = Vec::new();
                if !kwargs.is_null() {
                    for (k, v) in self.dict_items(kwargs) {
                        if !k.is::<crate::objects::str::StrData>() {
                            return Err(self.type_error("keywords must be strings"));
                        }
                        kw.push((k, v));
                    }
                }
                let r = self.call(callee, &pos, &kw)?;
                f.truncate(f.stack_len() - 3);
                f.push(r);
            }
            Instr::MakeFunction(flags) => {
                let func = self.make_function(f, flags)?;
                f.push(func);
            }
            Instr::LoadBuildClass => {
                let v = self
                    .dict_get_str(f.builtins, "__build_class__")
                    .expect("__build_class__");
                f.push(v);
            }
            Instr::SetupFinally(h) => {
                let level = f.stack_len() as u32;
                f.blocks().push(Block {
                    kind: BlockKind::Finally,
                    handler: h,
                    level,
                    prev_handled: Value::NULL,
                });
            }
            Instr::PopBlock => {
                f.blocks().pop();
            }
            Instr::PopExcept => {
                if let Some(b) = f.blocks().pop() {
                    debug_assert_eq!(b.kind, BlockKind::ExceptHandler);
                    self.roots.handled = b.prev_handled;
                }
            }
            Instr::Reraise => {
                let e = f.pop();
                return Err(PyErr(e));
            }
            Instr::RaiseVarargs(n) => return Err(self.do_raise(f, n)),
            Instr::LoadAssertionError => f.push(self.rt.types.exc.assertion_error),
            Instr::BeforeWith => {
                let mgr = f.top();
                let exit = self.getattr_str(mgr, "__exit__").map_err(|_| {
                    let tn = self.type_name(mgr);
                    self.type_error(format!(
                        "'{tn}' object does not support the context manager protocol"
                    ))
                })?;
                f.push(exit);
                let enter = self.getattr_str(mgr, "__enter__")?;
                let r = self.call(enter, &[], &[])?;
                f.pop();
                f.set_top(exit);
                f.push(r);
            }
            Instr::WithExceptStart => {
                let (exit, exc) = (f.peek(1), f.peek(0));
                let ty = self.type_of(exc);
                let r = self.call(exit, &[ty, exc, Value::NONE], &[])?;
                let b = self.truthy(r)?;
                f.push(Value::bool(b));
            }
            Instr::ImportName(i) => {
                let name = self.name(code, i);
                let (level, fromlist) = (f.peek(1), f.peek(0));
                let m = match self.replaced_import(f) {
                    // A program's own `builtins.__import__` gets every import statement.
                    Some(imp) => {
                        let locals = if f.locals_dict.is_null() {
                            Value::NONE
                        } else {
                            f.locals_dict
                        };
                        self.call(imp, &[name, f.globals, locals, fromlist, level], &[])?
                    }
                    None => crate::import::import_name(self, f.globals, name, fromlist, level)?,
                };
                f.pop();
                f.set_top(m);
            }
            Instr::ImportFrom(i) => {
                let name = self.name(code, i);
                let v = crate::import::import_from(self, f.top(), name)?;
                f.push(v);
            }
            Instr::ImportStar => {
                let m = f.top();
                let ns = if f.locals_dict.is_null() {
                    f.globals
                } else {
                    f.locals_dict
                };
                crate::import::import_star(self, m, ns)?;
                f.pop();
            }
            Instr::YieldValue => return Ok(Flow::Yield(f.pop())),
            Instr::GetYieldFromIter => {
                let v = f.top();
                if crate::objects::generator::gen_like(&v)
                    .is_some_and(|g| g.kind == crate::objects::generator::GenKind::Coroutine)
                {
                    // Only a generator-based coroutine (types.coroutine) may delegate
                    // to a coroutine.
                    let flags = code.code.flags;
                    if flags & crate::bytecode::code_flags::ITERABLE_COROUTINE == 0 {
                        return Err(self.type_error(
                            "cannot 'yield from' a coroutine object in a non-coroutine generator",
                        ));
                    }
                } else if !crate::objects::generator::is_generator(v) {
                    let it = self.iter(v)?;
                    f.set_top(it);
                }
            }
            Instr::YieldFrom => {
                let (it, sent) = (f.peek(1), f.peek(0));
                match crate::objects::generator::delegate(self, it, sent)? {
                    Ok(done) => {
                        f.pop();
                        f.set_top(done);
                    }
                    Err(yielded) => {
                        f.pop();
                        f.set_pc(f.pc() - 1);
                        return Ok(Flow::Yield(yielded));
                    }
                }
            }
            Instr::GetAwaitable(place) => {
                let it = crate::objects::coroutine::get_awaitable(self, f.top(), place)?;
                f.set_top(it);
            }
            Instr::GetAiter => {
                let it = self.get_aiter(f.top())?;
                f.set_top(it);
            }
            Instr::GetAnext => {
                let aw = self.get_anext(f.top())?;
                f.push(aw);
            }
            Instr::EndAsyncFor => {
                let exc = f.top();
                let stop = self.rt.types.exc.stop_async_iteration;
                if !crate::types::is_subclass(self, self.type_of(exc), stop) {
                    f.pop();
                    return Err(PyErr(exc));
                }
                // The loop is over: leave the handler as PopTop; PopExcept would, then
                // drop the async iterator.
                f.pop();
                if let Some(b) = f.blocks().pop() {
                    debug_assert_eq!(b.kind, BlockKind::ExceptHandler);
                    self.roots.handled = b.prev_handled;
                }
                f.pop();
            }
            Instr::BeforeAsyncWith => {
                let (exit, enter) = self.before_async_with(f.top())?;
                f.set_top(exit);
                f.push(enter);
            }
            Instr::AsyncWithExceptStart => {
                let (exit, exc) = (f.peek(1), f.peek(0));
                let ty = self.type_of(exc);
                let tb = self
                    .getattr_str(exc, "__traceback__")
                    .unwrap_or(Value::NONE);
                let r = self.call(exit, &[ty, exc, tb], &[])?;
                f.push(r);
            }
            Instr::AsyncGenWrap => {
                let w = crate::objects::async_gen::wrap(self, f.top())?;
                f.set_top(w);
            }
            Instr::GetLen => {
                let n = self.len(f.top())?;
                let v = self.new_int(n as i64)?;
                f.push(v);
            }
            Instr::MatchSequence => {
                let b = self.match_sequence(f.top())?;
                f.push(Value::bool(b));
            }
            Instr::MatchMapping => {
                let b = self.match_mapping(f.top())?;
                f.push(Value::bool(b));
            }
            Instr::MatchKeys => {
                let v = self.match_keys(f.peek(1), f.peek(0))?;
                f.push(v);
            }
            Instr::CopyDictWithoutKeys => {
                let d = self.copy_dict_without_keys(f.peek(1), f.peek(0))?;
                f.set_top(d);
            }
            Instr::MatchClass(n) => {
                let (subj, cls, names) = (f.peek(2), f.peek(1), f.peek(0));
                let r = self.match_class(subj, cls, names, n as usize)?;
                f.truncate(f.stack_len() - 3);
                f.push(r);
            }
            Instr::BuildInterpolation => {
                let parts = self.take_top(f, 4);
                let v = self.build_interpolation(&parts)?;
                f.truncate(f.stack_len() - 4);
                f.push(v);
            }
            Instr::BuildTemplate(n) => {
                let items = self.take_top(f, n as usize);
                let v = self.build_template(&items)?;
                f.truncate(f.stack_len() - n as usize);
                f.push(v);
            }
            Instr::PrintExpr => {
                // sys.displayhook(v), as CPython (doctest and code.InteractiveConsole
                // replace it); without a sys module, the built-in behaviour.
                let v = f.top();
                let modules = self.rt.modules;
                let sys = self.dict_get_str(modules, "sys");
                let sys_dict = sys
                    .as_ref()
                    .and_then(|m| m.downcast::<crate::objects::module::ModuleData>())
                    .map(|m| m.dict);
                let hook = sys_dict.and_then(|d| self.dict_get_str(d, "displayhook"));
                match hook {
                    Some(h) => {
                        self.call(h, &[v], &[])?;
                    }
                    None if !v.is_none() => {
                        let s = self.repr(v)?;
                        println!("{s}");
                        let key = self.intern("_");
                        let b = f.builtins;
                        self.dict_set(b, key, v)?;
                    }
                    None => {}
                }
                f.pop();
            }
            // The loop runs these itself (`super::Vm::run`) and never passes them here.
            Instr::LoadFast(_)
            | Instr::StoreFast(_)
            | Instr::LoadConst(_)
            | Instr::PopTop
            | Instr::RotTwo
            | Instr::RotThree
            | Instr::DupTop
            | Instr::Nop
            | Instr::BinaryOp(_)
            | Instr::InplaceOp(_)
            | Instr::CompareOp(_)
            | Instr::IsOp(_)
            | Instr::Jump(_)
            | Instr::PopJumpIfFalse(_)
            | Instr::PopJumpIfTrue(_)
            | Instr::LoadGlobal(_)
            | Instr::LoadAttr(_)
            | Instr::LoadMethod(_)
            | Instr::StoreAttr(_)
            | Instr::BinarySubscr
            | Instr::StoreSubscr
            | Instr::ForIter(_)
            | Instr::ReturnValue
            | Instr::CallFunction(_)
            | Instr::CallMethod(_)
            | Instr::CallFunctionKw(_) => {
                debug_assert!(false, "{instr:?} reached the slow path");
                return Err(self.runtime_error("internal error: instruction on the slow path"));
            }
        }
        Ok(Flow::Next)
    }

    fn take_top(&self, f: &Frame, n: usize) -> Vec<Value> {
        let s = &f.stack();
        s[s.len() - n..].to_vec()
    }

    fn name_not_defined(&mut self, name: Value) -> PyErr {
        let n = as_str(&name).unwrap_or("?").to_string();
        let e = self.name_error(format!("name '{n}' is not defined"));
        self.set_exc_fields(e.0, &[("name", name)]);
        e
    }

    fn load_name(&mut self, f: &Frame, name: Value) -> PyResult {
        if !f.locals_dict.is_null()
            && f.locals_dict != f.globals
            && let Some(v) = self.namespace_get(f.locals_dict, name)?
        {
            return Ok(v);
        }
        if let Some(v) = self.dict_get_str_key(f.globals, name)? {
            return Ok(v);
        }
        if let Some(v) = self.dict_get_str_key(f.builtins, name)? {
            return Ok(v);
        }
        Err(self.name_not_defined(name))
    }

    /// `ns[name]` for a namespace that may be any mapping (exec's locals): None if
    /// missing (KeyError), other errors propagate.
    fn namespace_get(&mut self, ns: Value, name: Value) -> PyResult<Option<Value>> {
        if ns.is::<DictData>() {
            return self.dict_get_str_key(ns, name);
        }
        match self.getitem(ns, name) {
            Ok(v) => Ok(Some(v)),
            Err(e) if self.err_is(&e, self.rt.types.exc.key_error) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// `del ns[name]`; false if it was missing.
    fn delete_from_namespace(&mut self, ns: Value, name: Value) -> PyResult<bool> {
        if ns.is::<DictData>() {
            return Ok(self.dict_del(ns, name)?.is_some());
        }
        match self.delitem(ns, name) {
            Ok(_) => Ok(true),
            Err(e) if self.err_is(&e, self.rt.types.exc.key_error) => Ok(false),
            Err(e) => Err(e),
        }
    }

    fn store_in_namespace(&mut self, ns: Value, name: Value, v: Value) -> PyResult<()> {
        if ns.is::<DictData>() {
            self.dict_set(ns, name, v)
        } else {
            self.setitem(ns, name, v)
        }
    }

    pub(super) fn load_deref(&mut self, f: &Frame, code: &CodeObj, i: u32) -> PyResult {
        let cell = f.cells()[i as usize];
        let v = cell.downcast::<CellData>().expect("cell").get();
        if v.is_null() {
            let c = &code.code;
            let ncell = c.cellvars.len();
            return Err(if (i as usize) < ncell {
                let n = c.cellvars[i as usize].clone();
                let t = self.rt.types.exc.unbound_local_error;
                self.new_exception(
                    t,
                    &format!(
                        "cannot access local variable '{n}' where it is not associated with a value"
                    ),
                )
            } else {
                let n = c.freevars[i as usize - ncell].clone();
                self.name_error(format!("cannot access free variable '{n}' where it is not associated with a value in enclosing scope"))
            });
        }
        Ok(v)
    }

    /// Method lookup without creating a bound method: Some(func) when `obj.name` is a
    /// plain function (or built-in method) found on the type and not shadowed.
    /// `LOAD_METHOD`'s answer the full way: `(function, obj)` when `obj.name` is a
    /// function of its class to call with `obj` first, else `(NULL, obj.name)`.
    pub(super) fn load_method(&mut self, obj: Value, name: Value) -> PyResult<(Value, Value)> {
        match self.lookup_method(obj, name)? {
            Some(m) => Ok((m, obj)),
            None => Ok((Value::NULL, self.getattr(obj, name)?)),
        }
    }

    fn lookup_method(&mut self, obj: Value, name: Value) -> PyResult<Option<Value>> {
        if obj.is::<crate::objects::typeobj::TypeData>()
            || obj.is::<crate::objects::module::ModuleData>()
            || obj.is::<crate::objects::function::SuperData>()
        {
            return Ok(None);
        }
        let ty = self.type_of(obj);
        if crate::types::type_data(&ty)
            .custom_getattribute
            .load(std::sync::atomic::Ordering::Relaxed)
        {
            return Ok(None);
        }
        let Some(d) = crate::types::lookup_in_mro(self, ty, name) else {
            return Ok(None);
        };
        let plain = d.is::<FunctionData>()
            || d.downcast::<crate::objects::builtin_fn::BuiltinFn>()
                .is_some_and(|b| b.this.is_null() && b.method);
        if !plain {
            return Ok(None);
        }
        if self.own_attr(obj, name)?.is_some() {
            return Ok(None);
        }
        Ok(Some(d))
    }

    fn unpack(&mut self, seq: Value, n: usize) -> PyResult<Vec<Value>> {
        let items = if let Some(t) = seq.downcast::<TupleData>() {
            t.0.to_vec()
        } else if let Some(l) = seq.downcast::<ListData>() {
            l.snapshot()
        } else {
            let it = self.iter(seq).map_err(|e| {
                if self.err_is(&e, self.rt.types.exc.type_error) {
                    let tn = self.type_name(seq);
                    self.type_error(format!("cannot unpack non-iterable {tn} object"))
                } else {
                    e
                }
            })?;
            let vm = &mut *self.scope();
            vm.root(it);
            let mut out = Vec::new();
            while let Some(v) = vm.next(it)? {
                if out.len() == n {
                    return Err(vm.value_error(format!("too many values to unpack (expected {n})")));
                }
                vm.root(v);
                out.push(v);
            }
            out
        };
        if items.len() > n {
            return Err(self.value_error(format!("too many values to unpack (expected {n})")));
        }
        if items.len() < n {
            return Err(self.value_error(format!(
                "not enough values to unpack (expected {n}, got {})",
                items.len()
            )));
        }
        Ok(items)
    }

    /// How CPython names a callee in argument errors: `module.qualname()` (no module
    /// for built-ins), or `str(callee)` for an object without a `__qualname__`.
    fn function_str(&mut self, callee: Value) -> String {
        let qualname = self.intern("__qualname__");
        let qual = match self.getattr_opt(callee, qualname) {
            Ok(Some(q)) => as_str(&q).map(str::to_string),
            _ => None,
        };
        let Some(qual) = qual else {
            return self.str_of(callee).unwrap_or_else(|_| "?".into());
        };
        let module = self.intern("__module__");
        match self.getattr_opt(callee, module) {
            Ok(Some(m)) => match as_str(&m) {
                Some(m) if m != "builtins" => format!("{m}.{qual}()"),
                _ => format!("{qual}()"),
            },
            _ => format!("{qual}()"),
        }
    }

    /// The error of `*x` when x cannot be iterated: CPython's wording (naming `callee`
    /// for `f(*x)`); other errors (an `__iter__` that raised) pass through.
    fn star_error(&mut self, e: PyErr, it: Value, callee: Option<Value>) -> PyErr {
        let iterable = self.lookup_special(it, "__iter__").is_some()
            || self.lookup_special(it, "__getitem__").is_some();
        if iterable || !self.err_is(&e, self.rt.types.exc.type_error) {
            return e;
        }
        let tn = self.type_name(it);
        let msg = match callee {
            Some(c) => format!(
                "{} argument after * must be an iterable, not {tn}",
                self.function_str(c)
            ),
            None => format!("Value after * must be an iterable, not {tn}"),
        };
        self.type_error(msg)
    }

    /// `dict.update(m)` for `{**m}`, or for `f(**m)` (`call` is the callee then:
    /// duplicate keys are an error, and the messages name it as CPython's do).
    fn dict_update_from(&mut self, d: Value, m: Value, call: Option<Value>) -> PyResult<()> {
        let merge = call.is_some();
        let pairs = if let Some(src) = crate::objects::dict::ops::dict_payload(m) {
            self.dict_items(src)
        } else {
            let keys = match self.call_method(m, "keys", &[]) {
                Ok(k) => k,
                Err(_) => {
                    let tn = self.type_name(m);
                    let msg = match call {
                        Some(c) => format!(
                            "{} argument after ** must be a mapping, not {tn}",
                            self.function_str(c)
                        ),
                        None => format!("'{tn}' object is not a mapping"),
                    };
                    return Err(self.type_error(msg));
                }
            };
            let keys = self.collect_iter(keys)?;
            let mut out = Vec::new();
            for k in keys {
                let v = self.getitem(m, k)?;
                out.push((k, v));
            }
            out
        };
        for (k, v) in pairs {
            if merge && self.dict_get(d, k)?.is_some() {
                let kr = self.repr(k)?;
                let fs = call.map(|c| self.function_str(c)).unwrap_or_default();
                return Err(self.type_error(format!(
                    "{fs} got multiple values for keyword argument {kr}"
                )));
            }
            self.dict_set(d, k, v)?;
        }
        Ok(())
    }

    fn make_function(&mut self, f: &Frame, flags: u32) -> PyResult {
        let qualname = f.pop();
        let code = f.pop();
        let closure = if flags & 8 != 0 { f.pop() } else { Value::NULL };
        let annotations = if flags & 4 != 0 { f.pop() } else { Value::NULL };
        let kwdefaults = if flags & 2 != 0 { f.pop() } else { Value::NULL };
        let defaults = if flags & 1 != 0 { f.pop() } else { Value::NULL };
        // Keep the parts rooted on the stack while allocating (no deeper than before).
        for v in [qualname, code, closure, kwdefaults, defaults] {
            f.push(v);
        }
        // The function's namespace holds its `__annotations__` (when it has any).
        let vm = &mut *self.scope();
        let fdict = if annotations.is_null() {
            Value::NULL
        } else {
            vm.root(annotations);
            let d = vm.new_dict()?;
            vm.root(d);
            // A dict (annotations kept as strings) or an `__annotate__` function
            // that computes them on first use (PEP 649).
            let key = if crate::objects::dict::ops::dict_payload(annotations).is_some() {
                "__annotations__"
            } else {
                "__annotate__"
            };
            let k = vm.intern(key);
            vm.dict_set(d, k, annotations)?;
            d
        };
        vm.root(fdict);
        let c = code.downcast::<CodeObj>().expect("code");
        let name = c.name;
        let doc = match &c.code.doc {
            Some(d) => vm.new_str(d)?,
            None => Value::NONE,
        };
        let key = vm.rt.names.name;
        let module = vm
            .dict_get_str_key(f.globals, key)
            .ok()
            .flatten()
            .unwrap_or(Value::NONE);
        let ty = vm.rt.types.function;
        let func = vm.alloc(
            ty,
            FunctionData {
                code: AtomicValue::new(code),
                globals: f.globals,
                defaults: AtomicValue::new(defaults),
                kwdefaults: AtomicValue::new(kwdefaults),
                closure,
                name: AtomicValue::new(name),
                qualname: AtomicValue::new(qualname),
                doc: AtomicValue::new(doc),
                module,
                dict: AtomicValue::new(fdict),
            },
        );
        f.truncate(f.stack_len() - 5);
        func
    }

    fn do_raise(&mut self, _f: &Frame, n: u32) -> PyErr {
        match n {
            0 => {
                let h = self.roots.handled;
                if h.is_null() {
                    return self.runtime_error("No active exception to reraise");
                }
                PyErr(h)
            }
            _ => {
                let cause = if n == 2 { Some(_f.pop()) } else { None };
                let exc = _f.pop();
                let e = match self.make_raisable(exc) {
                    Ok(e) => e,
                    Err(e) => return e,
                };
                if let Some(c) = cause {
                    let c =
                        if c.is_none() {
                            Ok(Value::NONE)
                        } else {
                            match self.make_raisable(c) {
                                Ok(c) => Ok(c),
                                Err(_) => Err(self
                                    .type_error("exception causes must derive from BaseException")),
                            }
                        };
                    match c {
                        Ok(c) => {
                            if let Some(x) = e.downcast::<ExcData>() {
                                *x.cause.lock() = c;
                                x.suppress_context
                                    .store(true, std::sync::atomic::Ordering::Relaxed);
                            }
                        }
                        Err(err) => return err,
                    }
                }
                PyErr(e)
            }
        }
    }

    /// `builtins.__import__` when a program has replaced it, else None.
    fn replaced_import(&mut self, f: &Frame) -> Option<Value> {
        let imp = self.dict_get_str(f.builtins, "__import__")?;
        match imp.downcast::<crate::objects::builtin_fn::BuiltinFn>() {
            Some(b) if b.name == "__import__" => None,
            _ => Some(imp),
        }
    }

    /// An exception instance from `raise X` (instantiating classes).
    fn make_raisable(&mut self, v: Value) -> PyResult {
        if v.is::<ExcData>() {
            return Ok(v);
        }
        if v.is::<crate::objects::typeobj::TypeData>()
            && crate::types::is_subclass(self, v, self.rt.types.exc.base_exception)
        {
            let e = self.call(v, &[], &[])?;
            if e.is::<ExcData>() {
                return Ok(e);
            }
        }
        Err(self.type_error("exceptions must derive from BaseException"))
    }

    fn exception_matches(&mut self, exc: Value, cls: Value) -> PyResult<bool> {
        let ety = self.type_of(exc);
        let base = self.rt.types.exc.base_exception;
        let check = |vm: &mut Vm, c: Value| -> PyResult<bool> {
            if !c.is::<crate::objects::typeobj::TypeData>()
                || !crate::types::is_subclass(vm, c, base)
            {
                return Err(vm.type_error(
                    "catching classes that do not inherit from BaseException is not allowed",
                ));
            }
            Ok(crate::types::is_subclass(vm, ety, c))
        };
        if let Some(t) = cls.downcast::<TupleData>() {
            for &c in t.0.iter() {
                if check(self, c)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        check(self, cls)
    }
}
