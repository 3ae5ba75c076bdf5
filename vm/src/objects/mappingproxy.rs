//! `mappingproxy` (`types.MappingProxyType`): a read-only view of a mapping. A class's
//! `__dict__` is one over the class namespace, so writes to a class go through
//! `setattr` (which keeps the type version tags right) and never through the dict.
//!
//! Every read is passed on to the mapping, as its own protocol or method call; the
//! proxy keeps no state of its own besides the mapping.
use crate::bytecode::{BinOp, CmpOp};
use crate::native;
use crate::objects::dict::DictData;
use crate::objects::list::ListData;
use crate::objects::tuple::TupleData;
use crate::payload;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// The proxy: the mapping it shows (never NULL).
#[derive(crate::trace::Trace)]
pub struct MappingProxyData {
    pub mapping: Value,
}
payload!(MappingProxyData, "mappingproxy");

pub fn init(vm: &mut Vm) {
    let t = vm.rt.types.mappingproxy;
    vm.set_new(t, proxy_new.f);
    vm.add_methods(
        t,
        &[
            mp_getitem,
            mp_len,
            mp_contains,
            mp_iter,
            mp_reversed,
            mp_repr,
            mp_str,
            mp_eq,
            mp_ne,
            mp_or,
            mp_ror,
            mp_ior,
            mp_get,
            mp_keys,
            mp_values,
            mp_items,
            mp_copy,
        ],
    );
    vm.add_attr(t, "__hash__", Value::NONE);
}

/// A new proxy over `mapping` (which the caller has checked).
pub fn new_proxy(vm: &mut Vm, mapping: Value) -> PyResult {
    let t = vm.rt.types.mappingproxy;
    vm.alloc(t, MappingProxyData { mapping })
}

/// `mappingproxy(mapping)`: anything with item access except lists and tuples.
#[native(new, name = "mappingproxy")]
fn proxy_new(vm: &mut Vm, cls: Value, #[kw] mapping: Value) -> PyResult {
    let _ = cls;
    if !is_mapping(vm, mapping) {
        let tn = vm.type_name(mapping);
        return Err(vm.type_error(format!(
            "mappingproxy() argument must be a mapping, not {tn}"
        )));
    }
    new_proxy(vm, mapping)
}

/// CPython's test: the type supports subscription and is not a list or tuple.
fn is_mapping(vm: &mut Vm, v: Value) -> bool {
    let b = crate::helpers::unwrap_base::<DictData>(&v).is_some();
    if b || v.is::<MappingProxyData>() {
        return true;
    }
    let base = match v.downcast::<crate::objects::instance::InstanceData>() {
        Some(i) if !i.base.is_null() => i.base,
        _ => v,
    };
    if base.is::<ListData>() || base.is::<TupleData>() {
        return false;
    }
    if base.is::<crate::objects::str::StrData>()
        || base.is::<crate::objects::bytes::BytesData>()
        || base.is::<crate::objects::bytes::ByteArrayData>()
        || base.is::<crate::objects::range::RangeData>()
    {
        return true;
    }
    vm.lookup_special(v, "__getitem__").is_some()
}

#[native(name = "__getitem__", style = slot)]
fn mp_getitem(vm: &mut Vm, this: &MappingProxyData, other: Value) -> PyResult {
    let m = this.mapping;
    vm.getitem(m, other)
}

#[native(name = "__len__", style = slot)]
fn mp_len(vm: &mut Vm, this: &MappingProxyData) -> PyResult {
    let m = this.mapping;
    let n = vm.len(m)?;
    vm.new_int(n as i64)
}

#[native(name = "__contains__", style = slot)]
fn mp_contains(vm: &mut Vm, this: &MappingProxyData, other: Value) -> PyResult {
    let m = this.mapping;
    // A dict answers directly; another mapping by its own `in`.
    let r = vm.contains(m, other)?;
    Ok(Value::bool(r))
}

#[native(name = "__iter__", style = slot)]
fn mp_iter(vm: &mut Vm, this: &MappingProxyData) -> PyResult {
    let m = this.mapping;
    vm.iter(m)
}

#[native(name = "__reversed__")]
fn mp_reversed(vm: &mut Vm, this: &MappingProxyData) -> PyResult {
    let m = this.mapping;
    let r = vm.rt.types.reversed;
    vm.call(r, &[m], &[])
}

#[native(name = "__repr__", style = slot)]
fn mp_repr(vm: &mut Vm, this: &MappingProxyData) -> PyResult {
    let m = this.mapping;
    let r = vm.repr(m)?;
    vm.new_str(&format!("mappingproxy({r})"))
}

#[native(name = "__str__", style = slot)]
fn mp_str(vm: &mut Vm, this: &MappingProxyData) -> PyResult {
    let m = this.mapping;
    let s = vm.str_of(m)?;
    vm.new_str(&s)
}

#[native(name = "__eq__", style = slot)]
fn mp_eq(vm: &mut Vm, this: &MappingProxyData, other: Value) -> PyResult {
    let m = this.mapping;
    vm.rich_compare(m, other, CmpOp::Eq)
}

#[native(name = "__ne__", style = slot)]
fn mp_ne(vm: &mut Vm, this: &MappingProxyData, other: Value) -> PyResult {
    let m = this.mapping;
    vm.rich_compare(m, other, CmpOp::Ne)
}

/// The mapping behind `v` if it is a proxy, else `v`.
fn unwrap(v: Value) -> Value {
    v.downcast::<MappingProxyData>().map_or(v, |p| p.mapping)
}

#[native(name = "__or__", style = slot)]
fn mp_or(vm: &mut Vm, this: &MappingProxyData, other: Value) -> PyResult {
    let m = this.mapping;
    vm.binary_op(m, unwrap(other), BinOp::Or)
}

#[native(name = "__ror__", style = slot)]
fn mp_ror(vm: &mut Vm, this: &MappingProxyData, other: Value) -> PyResult {
    let m = this.mapping;
    vm.binary_op(unwrap(other), m, BinOp::Or)
}

#[native(name = "__ior__", style = slot)]
fn mp_ior(vm: &mut Vm, _this: &MappingProxyData, _other: Value) -> PyResult {
    Err(vm.type_error("'|=' is not supported by mappingproxy; use '|' instead"))
}

#[native(name = "get")]
fn mp_get(vm: &mut Vm, this: &MappingProxyData, key: Value, default: Option<Value>) -> PyResult {
    let m = this.mapping;
    if m.is::<DictData>() {
        let d = default.unwrap_or(Value::NONE);
        return Ok(vm.dict_get(m, key)?.unwrap_or(d));
    }
    match default {
        Some(d) => vm.call_method(m, "get", &[key, d]),
        None => vm.call_method(m, "get", &[key]),
    }
}

#[native(name = "keys")]
fn mp_keys(vm: &mut Vm, this: &MappingProxyData) -> PyResult {
    let m = this.mapping;
    vm.call_method(m, "keys", &[])
}

#[native(name = "values")]
fn mp_values(vm: &mut Vm, this: &MappingProxyData) -> PyResult {
    let m = this.mapping;
    vm.call_method(m, "values", &[])
}

#[native(name = "items")]
fn mp_items(vm: &mut Vm, this: &MappingProxyData) -> PyResult {
    let m = this.mapping;
    vm.call_method(m, "items", &[])
}

#[native(name = "copy")]
fn mp_copy(vm: &mut Vm, this: &MappingProxyData) -> PyResult {
    let m = this.mapping;
    vm.call_method(m, "copy", &[])
}
