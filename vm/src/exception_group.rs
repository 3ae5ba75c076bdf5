//! `BaseExceptionGroup` and `ExceptionGroup` (PEP 654): construction, `message` and
//! `exceptions`, `derive`, `split`, `subgroup`, and the two steps `except*` needs
//! (`eg_match`: what one clause catches; `prep_reraise`: what the whole statement
//! raises once its clauses have run).
//!
//! A group keeps its message and its exceptions (a tuple) in `ExcData::group`, set once
//! by `__new__`; `args` stays what the caller passed, as CPython's repr shows it.
use crate::objects::exception::ExcData;
use crate::objects::tuple::TupleData;
use crate::objects::typeobj::TypeData;
use crate::types::{is_subclass, type_data};
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// Is `v` an exception group (an instance of `BaseExceptionGroup`)?
pub fn is_group(vm: &Vm, v: Value) -> bool {
    v.is::<ExcData>() && is_subclass(vm, vm.type_of(v), vm.rt.types.exc.base_exception_group)
}

/// `(message, exceptions)` of a group made by `__new__`.
fn parts(v: Value) -> Option<(Value, Vec<Value>)> {
    let g = *v.downcast::<ExcData>()?.group.lock();
    let t = g.downcast::<TupleData>()?;
    let excs = t.0.get(1)?.downcast::<TupleData>()?.0.to_vec();
    Some((t.0[0], excs))
}

/// The sub-exceptions of a group (empty for anything else).
pub fn members(v: Value) -> Vec<Value> {
    parts(v).map(|(_, e)| e).unwrap_or_default()
}

/// `BaseExceptionGroup.__new__(cls, message, exceptions)` with CPython's checks; a
/// `BaseExceptionGroup` of `Exception`s only is made an `ExceptionGroup`.
fn eg_new(vm: &mut Vm, cls: Value, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let t = vm.rt.types.exc;
    if !kw.is_empty() && args.len() == 2 {
        let n = type_data(&cls).qualname.read().clone();
        return Err(vm.type_error(format!("{n}() takes no keyword arguments")));
    }
    let [message, seq] = match args {
        [m, s] => [*m, *s],
        _ => {
            return Err(vm.type_error(format!(
                "BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)",
                args.len()
            )));
        }
    };
    if !crate::helpers::is_str(message) {
        let tn = vm.type_name(message);
        return Err(vm.type_error(format!(
            "BaseExceptionGroup.__new__() argument 1 must be str, not {tn}"
        )));
    }
    if !is_sequence(vm, seq) {
        return Err(vm.type_error("second argument (exceptions) must be a sequence"));
    }
    let excs = match seq.downcast::<TupleData>() {
        Some(tup) => tup.0.to_vec(),
        None => vm.collect_iter(seq)?,
    };
    if excs.is_empty() {
        return Err(vm.value_error("second argument (exceptions) must be a non-empty sequence"));
    }
    let mut all_exception = true;
    for (i, &e) in excs.iter().enumerate() {
        if !e.is::<ExcData>() {
            return Err(vm.value_error(format!(
                "Item {i} of second argument (exceptions) is not an exception"
            )));
        }
        all_exception &= is_subclass(vm, vm.type_of(e), t.exception);
    }
    let mut cls = cls;
    if cls == t.base_exception_group {
        if all_exception {
            cls = t.exception_group;
        }
    } else if cls == t.exception_group {
        if !all_exception {
            return Err(vm.type_error("Cannot nest BaseExceptions in an ExceptionGroup"));
        }
    } else if !all_exception && is_subclass(vm, cls, t.exception) {
        let n = type_data(&cls).qualname.read().clone();
        return Err(vm.type_error(format!("Cannot nest BaseExceptions in '{n}'")));
    }
    let mut s = vm.scope();
    let tup = s.new_tuple(excs)?;
    s.root(tup);
    let group = s.new_tuple(vec![message, tup])?;
    s.root(group);
    let e = crate::exceptions::make_exception(&mut s, cls, args)?;
    if let Some(x) = e.downcast::<ExcData>() {
        *x.group.lock() = group;
    }
    Ok(e)
}

/// CPython's `PySequence_Check`: a list, a tuple, or an object whose class defines
/// `__getitem__` and is not a mapping type.
fn is_sequence(vm: &mut Vm, v: Value) -> bool {
    if v.is::<TupleData>() || v.is::<crate::objects::list::ListData>() {
        return true;
    }
    if v.is::<crate::objects::dict::DictData>() || v.is::<crate::objects::set::SetData>() {
        return false;
    }
    let ty = vm.type_of(v);
    let n = vm.intern("__getitem__");
    crate::types::lookup_in_mro(vm, ty, n).is_some()
}

/// `str(group)`: `"message (n sub-exceptions)"`; None for other exceptions.
pub fn group_str(vm: &mut Vm, v: Value) -> PyResult<Option<String>> {
    let Some((msg, excs)) = parts(v) else {
        return Ok(None);
    };
    let m = vm.str_of(msg)?;
    let n = excs.len();
    let s = if n == 1 { "" } else { "s" };
    Ok(Some(format!("{m} ({n} sub-exception{s})")))
}

/// `group.message` / `group.exceptions`; None for other names or exceptions.
pub fn group_field(v: Value, name: &str) -> Option<Value> {
    let g = *v.downcast::<ExcData>()?.group.lock();
    let t = g.downcast::<TupleData>()?;
    match name {
        "message" => Some(t.0[0]),
        "exceptions" => Some(t.0[1]),
        _ => None,
    }
}

fn group_self(vm: &mut Vm, args: &[Value], method: &str) -> PyResult<Value> {
    match args.first() {
        Some(&g) if parts(g).is_some() => Ok(g),
        _ => {
            let got = args
                .first()
                .map(|&s| vm.type_name(s))
                .unwrap_or_else(|| "nothing".into());
            Err(vm.type_error(format!(
                "descriptor '{method}' for 'BaseExceptionGroup' objects doesn't apply to a '{got}' object"
            )))
        }
    }
}

/// `group.derive(excs)`: a `BaseExceptionGroup` with this message (not this class).
fn eg_derive(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let g = group_self(vm, args, "derive")?;
    let [_, excs] = crate::helpers::slot_args(vm, args)?;
    let (msg, _) = parts(g).unwrap();
    let beg = vm.rt.types.exc.base_exception_group;
    eg_new(vm, beg, &[msg, excs], &[])
}

/// What `split` / `subgroup` select by.
enum Matcher {
    /// An exception class or a tuple of them.
    Type(Value),
    /// A predicate called with each exception (groups included).
    Predicate(Value),
    /// The leaves whose addresses are listed (for `prep_reraise`).
    Leaves(Vec<Value>),
}

impl Matcher {
    fn parse(vm: &mut Vm, cond: Value) -> PyResult<Matcher> {
        let base = vm.rt.types.exc.base_exception;
        let is_exc_class = |vm: &Vm, c: Value| c.is::<TypeData>() && is_subclass(vm, c, base);
        if is_exc_class(vm, cond) {
            return Ok(Matcher::Type(cond));
        }
        if let Some(t) = cond.downcast::<TupleData>()
            && t.0.iter().all(|&c| is_exc_class(vm, c))
        {
            return Ok(Matcher::Type(cond));
        }
        if !cond.is::<TypeData>()
            && !cond.is::<TupleData>()
            && crate::ops::call::is_callable(vm, cond)
        {
            return Ok(Matcher::Predicate(cond));
        }
        Err(vm.type_error("expected a function, exception type or tuple of exception types"))
    }

    fn matches(&self, vm: &mut Vm, e: Value) -> PyResult<bool> {
        match self {
            Matcher::Type(t) => {
                let ty = vm.type_of(e);
                Ok(match t.downcast::<TupleData>() {
                    Some(tup) => tup.0.iter().any(|&c| is_subclass(vm, ty, c)),
                    None => is_subclass(vm, ty, *t),
                })
            }
            Matcher::Predicate(f) => {
                let r = vm.call(*f, &[e], &[])?;
                vm.truthy(r)
            }
            Matcher::Leaves(ids) => Ok(!is_group(vm, e) && ids.contains(&e)),
        }
    }
}

/// Split `e` by `m` into (matching part, rest), either possibly NULL; the rest is only
/// built when `want_rest`. Groups are rebuilt with `derive` and keep the original's
/// traceback, cause, context and notes.
fn split_rec(vm: &mut Vm, e: Value, m: &Matcher, want_rest: bool) -> PyResult<(Value, Value)> {
    if m.matches(vm, e)? {
        return Ok((e, Value::NULL));
    }
    if !is_group(vm, e) {
        return Ok((Value::NULL, if want_rest { e } else { Value::NULL }));
    }
    let mut s = vm.scope();
    let mut matched = Vec::new();
    let mut rest = Vec::new();
    for sub in members(e) {
        let (a, b) = split_rec(&mut s, sub, m, want_rest)?;
        if !a.is_null() {
            s.root(a);
            matched.push(a);
        }
        if !b.is_null() {
            s.root(b);
            rest.push(b);
        }
    }
    let a = subset(&mut s, e, matched)?;
    s.root(a);
    let b = if want_rest {
        subset(&mut s, e, rest)?
    } else {
        Value::NULL
    };
    Ok((a, b))
}

/// `orig.derive(excs)` with orig's metadata copied, or NULL when `excs` is empty.
fn subset(vm: &mut Vm, orig: Value, excs: Vec<Value>) -> PyResult<Value> {
    if excs.is_empty() {
        return Ok(Value::NULL);
    }
    let mut s = vm.scope();
    let l = s.new_list(excs)?;
    s.root(l);
    let g = s.call_method(orig, "derive", &[l])?;
    s.root(g);
    if !is_group(&s, g) {
        return Err(s.type_error("derive must return an instance of BaseExceptionGroup"));
    }
    let (Some(o), Some(x)) = (orig.downcast::<ExcData>(), g.downcast::<ExcData>()) else {
        return Ok(g);
    };
    x.traceback.store(o.traceback.load());
    *x.cause.lock() = *o.cause.lock();
    *x.context.lock() = *o.context.lock();
    x.suppress_context.store(
        o.suppress_context
            .load(std::sync::atomic::Ordering::Relaxed),
        std::sync::atomic::Ordering::Relaxed,
    );
    if let Some(notes) = s.dict_get_str(o.dict, "__notes__")
        && is_sequence(&mut s, notes)
    {
        let items = s.collect_iter(notes)?;
        let copy = s.new_list(items)?;
        s.setattr_str(g, "__notes__", copy)?;
    }
    Ok(g)
}

fn or_none(v: Value) -> Value {
    if v.is_null() { Value::NONE } else { v }
}

/// `group.split(condition)`: `(match, rest)`, each a group or None.
fn eg_split(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let g = group_self(vm, args, "split")?;
    let [_, cond] = crate::helpers::slot_args(vm, args)?;
    let m = Matcher::parse(vm, cond)?;
    let (a, b) = split_rec(vm, g, &m, true)?;
    vm.new_tuple(vec![or_none(a), or_none(b)])
}

/// `group.subgroup(condition)`: the matching part, or None.
fn eg_subgroup(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let g = group_self(vm, args, "subgroup")?;
    let [_, cond] = crate::helpers::slot_args(vm, args)?;
    let m = Matcher::parse(vm, cond)?;
    let (a, _) = split_rec(vm, g, &m, false)?;
    Ok(or_none(a))
}

/// `BaseExceptionGroup[...]`: a `types.GenericAlias`.
fn eg_class_getitem(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let [cls, item] = crate::helpers::slot_args(vm, args)?;
    let types = vm.import_module("types")?;
    let ga = vm.with_root(types, |vm| vm.getattr_str(types, "GenericAlias"))?;
    vm.call(ga, &[cls, item], &[])
}

pub fn init(vm: &mut Vm) {
    let t = vm.rt.types.exc;
    for ty in [t.base_exception_group, t.exception_group] {
        vm.set_new(ty, eg_new);
    }
    let beg = t.base_exception_group;
    vm.add_method(beg, "derive", eg_derive);
    vm.add_method(beg, "split", eg_split);
    vm.add_method(beg, "subgroup", eg_subgroup);
    let f = vm
        .new_native_method("__class_getitem__", "BaseExceptionGroup", eg_class_getitem)
        .expect("start-up");
    let cm = vm
        .alloc(
            vm.rt.types.classmethod,
            crate::objects::function::ClassMethod(f),
        )
        .expect("start-up");
    vm.add_attr(beg, "__class_getitem__", cm);
}

/// One `except* T` clause: checks T as CPython does, then splits `exc` (the part no
/// earlier clause took) into (caught, rest). A naked exception that matches is caught
/// wrapped in a new group; the caught part is NULL when nothing matches.
pub fn eg_match(vm: &mut Vm, exc: Value, ty: Value) -> PyResult<(Value, Value)> {
    let t = vm.rt.types.exc;
    let check = |vm: &mut Vm, c: Value| -> PyResult<()> {
        if !c.is::<TypeData>() || !is_subclass(vm, c, t.base_exception) {
            return Err(vm.type_error(
                "catching classes that do not inherit from BaseException is not allowed",
            ));
        }
        if is_subclass(vm, c, t.base_exception_group) {
            return Err(vm.type_error(
                "catching ExceptionGroup with except* is not allowed. Use except instead.",
            ));
        }
        Ok(())
    };
    match ty.downcast::<TupleData>() {
        Some(tup) => {
            for &c in tup.0.iter() {
                check(vm, c)?;
            }
        }
        None => check(vm, ty)?,
    }
    if exc.is_none() || exc.is_null() {
        return Ok((Value::NULL, exc));
    }
    let m = Matcher::Type(ty);
    if m.matches(vm, exc)? {
        if is_group(vm, exc) {
            return Ok((exc, Value::NONE));
        }
        let mut s = vm.scope();
        let tup = s.new_tuple(vec![exc])?;
        s.root(tup);
        let empty = s.new_str("")?;
        s.root(empty);
        let beg = t.base_exception_group;
        let g = eg_new(&mut s, beg, &[empty, tup], &[])?;
        if let (Some(o), Some(x)) = (exc.downcast::<ExcData>(), g.downcast::<ExcData>()) {
            x.traceback.store(o.traceback.load());
        }
        return Ok((g, Value::NONE));
    }
    if is_group(vm, exc) {
        let (a, b) = split_rec(vm, exc, &m, true)?;
        return Ok((a, or_none(b)));
    }
    Ok((Value::NULL, exc))
}

/// What a `try`/`except*` raises once its clauses ran: `orig` was caught; `excs`
/// holds what each clause raised and what no clause caught (None entries skipped).
/// Re-raised parts (same traceback/cause/context/notes as `orig`) are put back in
/// `orig`'s shape; new exceptions join them in a new group. NONE if nothing is left.
pub fn prep_reraise(vm: &mut Vm, orig: Value, excs: &[Value]) -> PyResult {
    let live: Vec<Value> = excs.iter().copied().filter(|e| !e.is_none()).collect();
    if live.is_empty() {
        return Ok(Value::NONE);
    }
    if !is_group(vm, orig) {
        // A naked exception: only one clause could run.
        return Ok(live[0]);
    }
    let (mut raised, reraised): (Vec<Value>, Vec<Value>) =
        live.into_iter().partition(|&e| !same_metadata(vm, e, orig));
    let mut leaves = Vec::new();
    for e in reraised {
        collect_leaves(vm, e, &mut leaves);
    }
    let mut s = vm.scope();
    let kept = if leaves.is_empty() {
        Value::NULL
    } else {
        split_rec(&mut s, orig, &Matcher::Leaves(leaves), false)?.0
    };
    if raised.is_empty() {
        return Ok(or_none(kept));
    }
    if !kept.is_null() {
        s.root(kept);
        raised.push(kept);
    }
    if raised.len() == 1 {
        return Ok(raised[0]);
    }
    let l = s.new_list(raised)?;
    s.root(l);
    let empty = s.new_str("")?;
    s.root(empty);
    let beg = s.rt.types.exc.base_exception_group;
    eg_new(&mut s, beg, &[empty, l], &[])
}

fn same_metadata(vm: &mut Vm, a: Value, b: Value) -> bool {
    let (Some(x), Some(y)) = (a.downcast::<ExcData>(), b.downcast::<ExcData>()) else {
        return false;
    };
    let notes_a = vm.dict_get_str(x.dict, "__notes__");
    let notes_b = vm.dict_get_str(y.dict, "__notes__");
    notes_a == notes_b
        && x.traceback.load() == y.traceback.load()
        && *x.cause.lock() == *y.cause.lock()
        && *x.context.lock() == *y.context.lock()
}

fn collect_leaves(vm: &Vm, e: Value, out: &mut Vec<Value>) {
    if is_group(vm, e) {
        for sub in members(e) {
            collect_leaves(vm, sub, out);
        }
    } else {
        out.push(e);
    }
}
