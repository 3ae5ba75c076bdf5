//! `set` and `frozenset` constructors, methods and operators.
use crate::bytecode::CmpOp;
use crate::helpers::{unwrap_base, wrap_for_subclass};
use crate::native::This;
use crate::objects::dict::DictTable;
use crate::objects::list::methods::{
    dunder_contains, dunder_iter, dunder_len, dunder_repr, user_init,
};
use crate::objects::set::SetData;
use crate::ops::containers::container_compare;
use crate::ops::protocol::base_or_self;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use crate::{native, root_scope};

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
    vm.set_new(f, frozenset_new.f);
    for t in [s, f] {
        vm.add_methods(
            t,
            &[
                dunder_len,
                dunder_repr,
                dunder_contains,
                dunder_iter,
                set_copy,
                set_union,
                set_intersection,
                set_difference,
                set_symmetric_difference,
                set_issubset,
                set_issuperset,
                set_isdisjoint,
                set_or,
                set_and,
                set_sub,
                set_xor,
            ],
        );
    }
    vm.add_methods(
        s,
        &[
            set_init,
            set_add_m,
            set_remove_m,
            set_discard,
            set_pop,
            set_clear,
            set_update,
            set_intersection_update,
            set_difference_update,
            set_symmetric_difference_update,
            set_ior,
            set_iand,
            set_isub,
            set_ixor,
        ],
    );
    vm.add_attr(s, "__hash__", Value::NONE);
    vm.add_methods(f, &[frozenset_hash]);
}

/// The payload of `s`, an exact set, for as long as `s` is held (and rooted).
fn data(s: &Value) -> &SetData {
    s.downcast::<SetData>().expect("set")
}

fn is_frozen(vm: &Vm, s: Value) -> bool {
    crate::types::is_subclass(vm, vm.type_of(s), vm.rt.types.frozenset)
}

/// A set holding the items of `v` (`v` itself if it is a set); the new set is rooted in
/// the caller's innermost root scope.
fn to_set(vm: &mut Vm, v: Value) -> PyResult<Value> {
    if unwrap_base::<SetData>(&v).is_some() {
        return Ok(base_or_self(v));
    }
    let items = vm.collect_iter(v)?;
    let l = vm.new_list(items.clone())?;
    vm.root(l);
    let s = vm.new_set(items)?;
    vm.root(s);
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
    crate::root_scope!(vm);
    vm.root_all(&ia);
    vm.root_all(&ib);
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
}

/// Fold `op` over the set `s` and every one of `others` (iterables).
fn multi_op(vm: &mut Vm, s: Value, others: &[Value], op: SetOp) -> PyResult {
    let frozen = is_frozen(vm, s);
    root_scope!(vm);
    let mut acc = new_like(vm, frozen, vm.set_items(s))?;
    vm.root(acc);
    for &o in others {
        let b = to_set(vm, o)?;
        acc = set_op(vm, acc, b, op, frozen)?;
        vm.root(acc);
    }
    Ok(acc)
}

fn replace_contents(dst: Value, src: Value) {
    let table: DictTable = data(&src).0.lock().clone();
    *data(&dst).0.lock() = table;
}

/// In-place variant: compute `s op others...` and store it into `s`.
fn multi_update(vm: &mut Vm, s: Value, others: &[Value], op: SetOp) -> PyResult<()> {
    let r = multi_op(vm, s, others, op)?;
    replace_contents(s, r);
    Ok(())
}

/// `set(...)`: as `list(...)` (a user `__init__` sees the arguments), else
/// `set(iterable=(), /)`.
fn set_new(vm: &mut Vm, cls: Value, args: &[Value], kwargs: &[(Value, Value)]) -> PyResult {
    if user_init(vm, cls) {
        let s = vm.new_set(Vec::new())?;
        return wrap_for_subclass(vm, cls, s);
    }
    (set_new_bound.f)(vm, cls, args, kwargs)
}

#[native(new, name = "set")]
fn set_new_bound(vm: &mut Vm, cls: Value, iterable: Option<Value>) -> PyResult {
    let s = build(vm, iterable, false)?;
    wrap_for_subclass(vm, cls, s)
}

#[native(new, name = "frozenset")]
fn frozenset_new(vm: &mut Vm, cls: Value, iterable: Option<Value>) -> PyResult {
    if let Some(a) = iterable
        && cls == vm.rt.types.frozenset
        && a.is::<SetData>()
        && vm.type_of(a) == cls
    {
        return Ok(a);
    }
    let s = build(vm, iterable, true)?;
    wrap_for_subclass(vm, cls, s)
}

fn build(vm: &mut Vm, it: Option<Value>, frozen: bool) -> PyResult {
    let Some(it) = it else {
        return new_like(vm, frozen, Vec::new());
    };
    let items = vm.collect_iter(it)?;
    let l = vm.new_list(items.clone())?;
    vm.with_root(l, |vm| new_like(vm, frozen, items))
}

/// set.__init__(iterable=(), /)
#[native(name = "__init__", called = "set", owner = builtins)]
fn set_init(vm: &mut Vm, this: This<SetData>, iterable: Option<Value>) -> PyResult<()> {
    let n = build(vm, iterable, false)?;
    replace_contents(this.v, n);
    Ok(())
}

#[native(name = "add")]
fn set_add_m(vm: &mut Vm, this: This<SetData>, object: Value) -> PyResult<()> {
    vm.set_add(this.v, object)
}

#[native(name = "remove")]
fn set_remove_m(vm: &mut Vm, this: This<SetData>, object: Value) -> PyResult<()> {
    if vm.set_remove(this.v, object)? {
        Ok(())
    } else {
        Err(vm.key_error(object))
    }
}

#[native(name = "discard")]
fn set_discard(vm: &mut Vm, this: This<SetData>, object: Value) -> PyResult<()> {
    vm.set_remove(this.v, object)?;
    Ok(())
}

#[native(name = "pop")]
fn set_pop(vm: &mut Vm, this: &SetData) -> PyResult {
    let popped = this.0.lock().pop_first().map(|e| e.key);
    match popped {
        Some(k) => Ok(k),
        None => {
            let msg = vm.new_str("pop from an empty set")?;
            Err(vm.key_error(msg))
        }
    }
}

#[native(name = "clear")]
fn set_clear(_vm: &mut Vm, this: &SetData) {
    this.0.lock().clear();
}

#[native(name = "copy")]
fn set_copy(vm: &mut Vm, this: This<SetData>) -> PyResult {
    let s = this.v;
    if s == this.obj && vm.type_of(s) == vm.rt.types.frozenset {
        return Ok(s);
    }
    let ty = if is_frozen(vm, s) {
        vm.rt.types.frozenset
    } else {
        vm.rt.types.set
    };
    let table = this.0.lock().clone();
    vm.alloc(ty, SetData(crate::objects::dict::DictLock::new(table)))
}

#[native(name = "update")]
fn set_update(vm: &mut Vm, this: This<SetData>, #[varargs] others: &[Value]) -> PyResult<()> {
    for &o in others {
        let items = vm.collect_iter(o)?;
        root_scope!(vm);
        vm.root_all(&items);
        for x in items {
            vm.set_add(this.v, x)?;
        }
    }
    Ok(())
}

#[native(name = "union")]
fn set_union(vm: &mut Vm, this: This<SetData>, #[varargs] others: &[Value]) -> PyResult {
    multi_op(vm, this.v, others, SetOp::Or)
}
#[native(name = "intersection")]
fn set_intersection(vm: &mut Vm, this: This<SetData>, #[varargs] others: &[Value]) -> PyResult {
    multi_op(vm, this.v, others, SetOp::And)
}
#[native(name = "difference")]
fn set_difference(vm: &mut Vm, this: This<SetData>, #[varargs] others: &[Value]) -> PyResult {
    multi_op(vm, this.v, others, SetOp::Sub)
}
#[native(name = "symmetric_difference")]
fn set_symmetric_difference(vm: &mut Vm, this: This<SetData>, other: Value) -> PyResult {
    multi_op(vm, this.v, &[other], SetOp::Xor)
}
#[native(name = "intersection_update")]
fn set_intersection_update(
    vm: &mut Vm,
    this: This<SetData>,
    #[varargs] others: &[Value],
) -> PyResult<()> {
    multi_update(vm, this.v, others, SetOp::And)
}
#[native(name = "difference_update")]
fn set_difference_update(
    vm: &mut Vm,
    this: This<SetData>,
    #[varargs] others: &[Value],
) -> PyResult<()> {
    multi_update(vm, this.v, others, SetOp::Sub)
}
#[native(name = "symmetric_difference_update")]
fn set_symmetric_difference_update(vm: &mut Vm, this: This<SetData>, other: Value) -> PyResult<()> {
    multi_update(vm, this.v, &[other], SetOp::Xor)
}

fn compare_with(vm: &mut Vm, s: Value, other: Value, op: CmpOp) -> PyResult {
    root_scope!(vm);
    let o = to_set(vm, other)?;
    Ok(container_compare(vm, s, o, op)?.unwrap_or(Value::FALSE))
}

#[native(name = "issubset")]
fn set_issubset(vm: &mut Vm, this: This<SetData>, other: Value) -> PyResult {
    compare_with(vm, this.v, other, CmpOp::Le)
}
#[native(name = "issuperset")]
fn set_issuperset(vm: &mut Vm, this: This<SetData>, other: Value) -> PyResult {
    compare_with(vm, this.v, other, CmpOp::Ge)
}
#[native(name = "isdisjoint")]
fn set_isdisjoint(vm: &mut Vm, this: This<SetData>, other: Value) -> PyResult<bool> {
    root_scope!(vm);
    let o = to_set(vm, other)?;
    let i = set_op(vm, this.v, o, SetOp::And, false)?;
    Ok(vm.set_items(i).is_empty())
}

/// Binary operator: NotImplemented unless both operands are sets.
fn binop(vm: &mut Vm, a: Value, b: Value, op: SetOp) -> PyResult {
    if unwrap_base::<SetData>(&a).is_none() || unwrap_base::<SetData>(&b).is_none() {
        return Ok(Value::NOT_IMPLEMENTED);
    }
    let (a, b) = (base_or_self(a), base_or_self(b));
    let frozen = is_frozen(vm, a);
    set_op(vm, a, b, op, frozen)
}

#[native(name = "__or__", style = slot)]
fn set_or(vm: &mut Vm, this: Value, other: Value) -> PyResult {
    binop(vm, this, other, SetOp::Or)
}
#[native(name = "__and__", style = slot)]
fn set_and(vm: &mut Vm, this: Value, other: Value) -> PyResult {
    binop(vm, this, other, SetOp::And)
}
#[native(name = "__sub__", style = slot)]
fn set_sub(vm: &mut Vm, this: Value, other: Value) -> PyResult {
    binop(vm, this, other, SetOp::Sub)
}
#[native(name = "__xor__", style = slot)]
fn set_xor(vm: &mut Vm, this: Value, other: Value) -> PyResult {
    binop(vm, this, other, SetOp::Xor)
}

fn inplace(vm: &mut Vm, this: Value, other: Value, op: SetOp) -> PyResult {
    let r = binop(vm, this, other, op)?;
    if r == Value::NOT_IMPLEMENTED {
        return Ok(r);
    }
    replace_contents(base_or_self(this), r);
    Ok(this)
}

#[native(name = "__ior__", style = slot)]
fn set_ior(vm: &mut Vm, this: Value, other: Value) -> PyResult {
    inplace(vm, this, other, SetOp::Or)
}
#[native(name = "__iand__", style = slot)]
fn set_iand(vm: &mut Vm, this: Value, other: Value) -> PyResult {
    inplace(vm, this, other, SetOp::And)
}
#[native(name = "__isub__", style = slot)]
fn set_isub(vm: &mut Vm, this: Value, other: Value) -> PyResult {
    inplace(vm, this, other, SetOp::Sub)
}
#[native(name = "__ixor__", style = slot)]
fn set_ixor(vm: &mut Vm, this: Value, other: Value) -> PyResult {
    inplace(vm, this, other, SetOp::Xor)
}

/// CPython's frozenset hash (order-independent, from the stored entry hashes).
#[native(name = "__hash__", style = slot)]
fn frozenset_hash(vm: &mut Vm, this: &SetData) -> PyResult {
    let (hashes, n): (Vec<i64>, usize) = {
        let t = this.0.lock();
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
