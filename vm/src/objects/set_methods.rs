//! `set` and `frozenset` constructors, methods and operators.
use crate::bytecode::CmpOp;
use crate::helpers::{arg_count, no_kwargs, unwrap_base, wrap_for_subclass};
use crate::objects::dict::DictTable;
use crate::objects::list_methods::{
    dunder_contains, dunder_iter, dunder_len, dunder_repr, user_init,
};
use crate::objects::set::SetData;
use crate::ops::containers::{container_compare, root_all};
use crate::ops::protocol::base_or_self;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SetOp {
    Or,
    And,
    Sub,
    Xor,
}

pub fn init(vm: &mut Vm) {
    let s = vm.rt.types.set;
    let f = vm.rt.types.frozenset;
    vm.set_new(s, set_new);
    vm.set_new(f, frozenset_new);
    for t in [s, f] {
        vm.add_method(t, "__len__", dunder_len);
        vm.add_method(t, "__repr__", dunder_repr);
        vm.add_method(t, "__contains__", dunder_contains);
        vm.add_method(t, "__iter__", dunder_iter);
        vm.add_method(t, "copy", set_copy);
        vm.add_method(t, "union", set_union);
        vm.add_method(t, "intersection", set_intersection);
        vm.add_method(t, "difference", set_difference);
        vm.add_method(t, "symmetric_difference", set_symmetric_difference);
        vm.add_method(t, "issubset", set_issubset);
        vm.add_method(t, "issuperset", set_issuperset);
        vm.add_method(t, "isdisjoint", set_isdisjoint);
        vm.add_method(t, "__or__", set_or);
        vm.add_method(t, "__and__", set_and);
        vm.add_method(t, "__sub__", set_sub);
        vm.add_method(t, "__xor__", set_xor);
    }
    vm.add_method(s, "__init__", set_init);
    vm.add_method(s, "add", set_add_m);
    vm.add_method(s, "remove", set_remove_m);
    vm.add_method(s, "discard", set_discard);
    vm.add_method(s, "pop", set_pop);
    vm.add_method(s, "clear", set_clear);
    vm.add_method(s, "update", set_update);
    vm.add_method(s, "intersection_update", set_intersection_update);
    vm.add_method(s, "difference_update", set_difference_update);
    vm.add_method(
        s,
        "symmetric_difference_update",
        set_symmetric_difference_update,
    );
    vm.add_method(s, "__ior__", set_ior);
    vm.add_method(s, "__iand__", set_iand);
    vm.add_method(s, "__isub__", set_isub);
    vm.add_method(s, "__ixor__", set_ixor);
    vm.add_attr(s, "__hash__", Value::NONE);
    vm.add_method(f, "__hash__", frozenset_hash);
}

fn data(s: Value) -> &'static SetData {
    let d = s.downcast::<SetData>().expect("set");
    // SAFETY-free: lifetime extension under the rooting contract (s is rooted by the caller).
    unsafe { &*(d as *const SetData) }
}

fn is_frozen(vm: &Vm, s: Value) -> bool {
    crate::types::is_subclass(vm, vm.type_of(s), vm.rt.types.frozenset)
}

/// The exact set behind `args[0]`.
fn set_self(vm: &mut Vm, name: &str, args: &[Value]) -> PyResult<Value> {
    let Some(&s) = args.first() else {
        return Err(vm.type_error(format!("unbound method set.{name}() needs an argument")));
    };
    if unwrap_base::<SetData>(&s).is_some() {
        return Ok(base_or_self(s));
    }
    let tn = vm.type_name(s);
    Err(vm.type_error(format!(
        "descriptor '{name}' for 'set' objects doesn't apply to a '{tn}' object"
    )))
}

fn one_arg(vm: &mut Vm, name: &str, args: &[Value], kw: &[(Value, Value)]) -> PyResult<Value> {
    let s = set_self(vm, name, args)?;
    if kw.is_empty() && args.len() == 2 {
        return Ok(s);
    }
    // The messages name the method: formatted only when one is needed.
    no_kwargs(vm, &format!("set.{name}"), kw)?;
    arg_count(vm, &format!("set.{name}"), &args[1..], 1, 1)?;
    Ok(s)
}

/// A set holding the items of `v` (`v` itself if it is a set); the new set is rooted
/// (release with the caller's mark).
fn to_set(vm: &mut Vm, v: Value) -> PyResult<Value> {
    if unwrap_base::<SetData>(&v).is_some() {
        return Ok(base_or_self(v));
    }
    let items = vm.collect_iter(v)?;
    let l = vm.new_list(items.clone())?;
    vm.push_root(l);
    let s = vm.new_set(items)?;
    vm.push_root(s);
    Ok(s)
}

fn new_like(vm: &mut Vm, frozen: bool, items: Vec<Value>) -> PyResult {
    if frozen {
        vm.new_frozenset(items)
    } else {
        vm.new_set(items)
    }
}

/// `a op b` for two exact sets: a new set (a frozenset when `frozen`).
pub fn set_op(vm: &mut Vm, a: Value, b: Value, op: SetOp, frozen: bool) -> PyResult {
    let (ia, ib) = (vm.set_items(a), vm.set_items(b));
    let mark = vm.roots_len();
    root_all(vm, &ia);
    root_all(vm, &ib);
    let r = (|| {
        let out = match op {
            SetOp::Or => {
                let mut v = ia.clone();
                v.extend_from_slice(&ib);
                v
            }
            SetOp::And | SetOp::Sub => {
                let mut v = Vec::new();
                for &x in &ia {
                    if vm.set_contains(b, x)? == (op == SetOp::And) {
                        v.push(x);
                    }
                }
                v
            }
            SetOp::Xor => {
                let mut v = Vec::new();
                for &x in &ia {
                    if !vm.set_contains(b, x)? {
                        v.push(x);
                    }
                }
                for &x in &ib {
                    if !vm.set_contains(a, x)? {
                        v.push(x);
                    }
                }
                v
            }
        };
        new_like(vm, frozen, out)
    })();
    vm.truncate_roots(mark);
    r
}

/// Fold `op` over `self` and every other argument (iterables).
fn multi_op(vm: &mut Vm, name: &str, args: &[Value], kw: &[(Value, Value)], op: SetOp) -> PyResult {
    let s = set_self(vm, name, args)?;
    if !kw.is_empty() {
        no_kwargs(vm, &format!("set.{name}"), kw)?;
    }
    let frozen = is_frozen(vm, s);
    let mark = vm.roots_len();
    let r = (|| {
        let mut acc = new_like(vm, frozen, vm.set_items(s))?;
        vm.push_root(acc);
        for &o in &args[1..] {
            let b = to_set(vm, o)?;
            acc = set_op(vm, acc, b, op, frozen)?;
            vm.push_root(acc);
        }
        Ok(acc)
    })();
    vm.truncate_roots(mark);
    r
}

fn replace_contents(dst: Value, src: Value) {
    let table: DictTable = data(src).0.lock().clone();
    *data(dst).0.lock() = table;
}

/// In-place variant: compute `self op others...` and store it into self.
fn multi_update(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: &[(Value, Value)],
    op: SetOp,
) -> PyResult {
    let s = set_self(vm, name, args)?;
    let r = multi_op(vm, name, args, kw, op)?;
    replace_contents(s, r);
    Ok(Value::NONE)
}

fn set_new(vm: &mut Vm, cls: Value, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult {
    if user_init(vm, cls) {
        let s = vm.new_set(Vec::new())?;
        return wrap_for_subclass(vm, cls, s);
    }
    no_kwargs(vm, "set", kwargs)?;
    arg_count(vm, "set", args, 0, 1)?;
    let s = build(vm, args.first().copied(), false)?;
    wrap_for_subclass(vm, cls, s)
}

fn frozenset_new(vm: &mut Vm, cls: Value, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult {
    no_kwargs(vm, "frozenset", kwargs)?;
    arg_count(vm, "frozenset", args, 0, 1)?;
    if let Some(&a) = args.first()
        && cls == vm.rt.types.frozenset
        && a.is::<SetData>()
        && vm.type_of(a) == cls
    {
        return Ok(a);
    }
    let s = build(vm, args.first().copied(), true)?;
    wrap_for_subclass(vm, cls, s)
}

fn build(vm: &mut Vm, it: Option<Value>, frozen: bool) -> PyResult {
    let Some(it) = it else {
        return new_like(vm, frozen, Vec::new());
    };
    let items = vm.collect_iter(it)?;
    let l = vm.new_list(items.clone())?;
    vm.push_root(l);
    let r = new_like(vm, frozen, items);
    vm.pop_roots(1);
    r
}

fn set_init(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let s = set_self(vm, "__init__", args)?;
    no_kwargs(vm, "set", kw)?;
    arg_count(vm, "set", &args[1..], 0, 1)?;
    let n = build(vm, args.get(1).copied(), false)?;
    replace_contents(s, n);
    Ok(Value::NONE)
}

fn set_add_m(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let s = one_arg(vm, "add", args, kw)?;
    vm.set_add(s, args[1])?;
    Ok(Value::NONE)
}

fn set_remove_m(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let s = one_arg(vm, "remove", args, kw)?;
    if vm.set_remove(s, args[1])? {
        Ok(Value::NONE)
    } else {
        Err(vm.key_error(args[1]))
    }
}

fn set_discard(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let s = one_arg(vm, "discard", args, kw)?;
    vm.set_remove(s, args[1])?;
    Ok(Value::NONE)
}

fn set_pop(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let s = set_self(vm, "pop", args)?;
    no_kwargs(vm, "set.pop", kw)?;
    arg_count(vm, "set.pop", &args[1..], 0, 0)?;
    let popped = {
        let mut t = data(s).0.lock();
        t.pop_first().map(|e| e.key)
    };
    match popped {
        Some(k) => Ok(k),
        None => {
            let msg = vm.new_str("pop from an empty set")?;
            Err(vm.key_error(msg))
        }
    }
}

fn set_clear(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let s = set_self(vm, "clear", args)?;
    no_kwargs(vm, "set.clear", kw)?;
    data(s).0.lock().clear();
    Ok(Value::NONE)
}

fn set_copy(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let s = set_self(vm, "copy", args)?;
    no_kwargs(vm, "set.copy", kw)?;
    if s == args[0] && vm.type_of(s) == vm.rt.types.frozenset {
        return Ok(s);
    }
    let frozen = is_frozen(vm, s);
    let ty = if frozen {
        vm.rt.types.frozenset
    } else {
        vm.rt.types.set
    };
    let table = data(s).0.lock().clone();
    vm.alloc(ty, SetData(crate::objects::dict::DictLock::new(table)))
}

fn set_update(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let s = set_self(vm, "update", args)?;
    no_kwargs(vm, "set.update", kw)?;
    for &o in &args[1..] {
        let items = vm.collect_iter(o)?;
        let mark = vm.roots_len();
        root_all(vm, &items);
        let mut r = Ok(());
        for x in items {
            if let Err(e) = vm.set_add(s, x) {
                r = Err(e);
                break;
            }
        }
        vm.truncate_roots(mark);
        r?;
    }
    Ok(Value::NONE)
}

fn set_union(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    multi_op(vm, "union", args, kw, SetOp::Or)
}
fn set_intersection(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    multi_op(vm, "intersection", args, kw, SetOp::And)
}
fn set_difference(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    multi_op(vm, "difference", args, kw, SetOp::Sub)
}
fn set_symmetric_difference(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    one_arg(vm, "symmetric_difference", args, kw)?;
    multi_op(vm, "symmetric_difference", args, kw, SetOp::Xor)
}
fn set_intersection_update(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    multi_update(vm, "intersection_update", args, kw, SetOp::And)
}
fn set_difference_update(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    multi_update(vm, "difference_update", args, kw, SetOp::Sub)
}
fn set_symmetric_difference_update(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    one_arg(vm, "symmetric_difference_update", args, kw)?;
    multi_update(vm, "symmetric_difference_update", args, kw, SetOp::Xor)
}

fn compare_with(
    vm: &mut Vm,
    name: &str,
    args: &[Value],
    kw: &[(Value, Value)],
    op: CmpOp,
) -> PyResult {
    let s = one_arg(vm, name, args, kw)?;
    let mark = vm.roots_len();
    let r = (|| {
        let o = to_set(vm, args[1])?;
        Ok(container_compare(vm, s, o, op)?.unwrap_or(Value::FALSE))
    })();
    vm.truncate_roots(mark);
    r
}

fn set_issubset(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    compare_with(vm, "issubset", args, kw, CmpOp::Le)
}
fn set_issuperset(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    compare_with(vm, "issuperset", args, kw, CmpOp::Ge)
}
fn set_isdisjoint(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let s = one_arg(vm, "isdisjoint", args, kw)?;
    let mark = vm.roots_len();
    let r = (|| {
        let o = to_set(vm, args[1])?;
        let i = set_op(vm, s, o, SetOp::And, false)?;
        Ok(Value::bool(vm.set_items(i).is_empty()))
    })();
    vm.truncate_roots(mark);
    r
}

/// Binary operator: NotImplemented unless both operands are sets.
fn binop(vm: &mut Vm, args: &[Value], op: SetOp) -> PyResult {
    if args.len() != 2 {
        return Err(vm.type_error("expected 1 argument"));
    }
    if unwrap_base::<SetData>(&args[0]).is_none() || unwrap_base::<SetData>(&args[1]).is_none() {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let (a, b) = (base_or_self(args[0]), base_or_self(args[1]));
    let frozen = is_frozen(vm, a);
    set_op(vm, a, b, op, frozen)
}

fn set_or(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    binop(vm, args, SetOp::Or)
}
fn set_and(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    binop(vm, args, SetOp::And)
}
fn set_sub(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    binop(vm, args, SetOp::Sub)
}
fn set_xor(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    binop(vm, args, SetOp::Xor)
}

fn inplace(vm: &mut Vm, args: &[Value], op: SetOp) -> PyResult {
    let r = binop(vm, args, op)?;
    if r == Value::NOT_IMPLEMENTED {
        return Ok(r);
    }
    replace_contents(base_or_self(args[0]), r);
    Ok(args[0])
}

fn set_ior(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    inplace(vm, args, SetOp::Or)
}
fn set_iand(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    inplace(vm, args, SetOp::And)
}
fn set_isub(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    inplace(vm, args, SetOp::Sub)
}
fn set_ixor(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    inplace(vm, args, SetOp::Xor)
}

/// CPython's frozenset hash (order-independent, from the stored entry hashes).
fn frozenset_hash(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let s = set_self(vm, "__hash__", args)?;
    let (hashes, n): (Vec<i64>, usize) = {
        let t = data(s).0.lock();
        (t.iter().map(|e| e.hash).collect(), t.len())
    };
    let shuffle = |h: u64| ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167);
    let mut h: u64 = 0;
    for x in hashes {
        h ^= shuffle(x as u64);
    }
    h ^= (n as u64 + 1).wrapping_mul(1927868237);
    h ^= (h >> 11) ^ (h >> 25);
    h = h.wrapping_mul(69069).wrapping_add(907133923);
    let mut r = h as i64;
    if r == -1 {
        r = 590923713;
    }
    vm.new_int(r)
}
