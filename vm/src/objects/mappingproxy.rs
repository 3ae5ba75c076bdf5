//! `mappingproxy` (`types.MappingProxyType`): a read-only view of a mapping. A class's
//! `__dict__` is one over the class namespace, so writes to a class go through
//! `setattr` (which keeps the type version tags right) and never through the dict.
//!
//! Every read is passed on to the mapping, as its own protocol or method call; the
//! proxy keeps no state of its own besides the mapping.
use crate::bytecode::{BinOp, CmpOp};
use crate::helpers::{arg_count, no_kwargs};
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
    vm.set_new(t, proxy_new);
    let methods: &[(&'static str, crate::native::NativeFn)] = &[
        ("__getitem__", mp_getitem),
        ("__len__", mp_len),
        ("__contains__", mp_contains),
        ("__iter__", mp_iter),
        ("__reversed__", mp_reversed),
        ("__repr__", mp_repr),
        ("__str__", mp_str),
        ("__eq__", mp_eq),
        ("__ne__", mp_ne),
        ("__or__", mp_or),
        ("__ror__", mp_ror),
        ("__ior__", mp_ior),
        ("get", mp_get),
        ("keys", mp_keys),
        ("values", mp_values),
        ("items", mp_items),
        ("copy", mp_copy),
    ];
    for (name, f) in methods {
        vm.add_method(t, name, *f);
    }
    vm.add_attr(t, "__hash__", Value::NONE);
}

/// A new proxy over `mapping` (which the caller has checked).
pub fn new_proxy(vm: &mut Vm, mapping: Value) -> PyResult {
    let t = vm.rt.types.mappingproxy;
    vm.alloc(t, MappingProxyData { mapping })
}

/// `mappingproxy(mapping)`: anything with item access except lists and tuples.
fn proxy_new(vm: &mut Vm, _cls: Value, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let mapping = match (args, kw) {
        ([m], []) => *m,
        ([], [(k, m)]) if crate::helpers::as_str(k) == Some("mapping") => *m,
        ([], []) => {
            return Err(vm.type_error("mappingproxy() missing required argument 'mapping' (pos 1)"));
        }
        _ => {
            let n = args.len() + kw.len();
            return Err(vm.type_error(format!(
                "mappingproxy() takes exactly one argument ({n} given)"
            )));
        }
    };
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

/// The proxy's mapping, or CPython's descriptor error for another receiver.
fn this(vm: &mut Vm, name: &str, args: &[Value], n: usize) -> PyResult<Value> {
    let Some(p) = args.first().and_then(|a| a.downcast::<MappingProxyData>()) else {
        return Err(vm.type_error(format!(
            "descriptor '{name}' for 'mappingproxy' objects doesn't apply to a '{}' object",
            args.first().map(|a| vm.type_name(*a)).unwrap_or_default()
        )));
    };
    let m = p.mapping;
    if args.len() != n + 1 {
        return Err(vm.type_error(format!(
            "mappingproxy.{name}() takes exactly {} argument{} ({} given)",
            if n == 1 { "one" } else { "no" },
            if n == 1 { "" } else { "s" },
            args.len() - 1
        )));
    }
    Ok(m)
}

fn mp_getitem(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    no_kwargs(vm, "__getitem__", kw)?;
    let m = this(vm, "__getitem__", args, 1)?;
    vm.getitem(m, args[1])
}

fn mp_len(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let m = this(vm, "__len__", args, 0)?;
    let n = vm.len(m)?;
    vm.new_int(n as i64)
}

fn mp_contains(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let m = this(vm, "__contains__", args, 1)?;
    // A dict answers directly; another mapping by its own `in`.
    let r = vm.contains(m, args[1])?;
    Ok(Value::bool(r))
}

fn mp_iter(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let m = this(vm, "__iter__", args, 0)?;
    vm.iter(m)
}

fn mp_reversed(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let m = this(vm, "__reversed__", args, 0)?;
    let r = vm.rt.types.reversed;
    vm.call(r, &[m], &[])
}

fn mp_repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let m = this(vm, "__repr__", args, 0)?;
    let r = vm.repr(m)?;
    vm.new_str(&format!("mappingproxy({r})"))
}

fn mp_str(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let m = this(vm, "__str__", args, 0)?;
    let s = vm.str_of(m)?;
    vm.new_str(&s)
}

fn mp_eq(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let m = this(vm, "__eq__", args, 1)?;
    vm.rich_compare(m, args[1], CmpOp::Eq)
}

fn mp_ne(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let m = this(vm, "__ne__", args, 1)?;
    vm.rich_compare(m, args[1], CmpOp::Ne)
}

/// The mapping behind `v` if it is a proxy, else `v`.
fn unwrap(v: Value) -> Value {
    v.downcast::<MappingProxyData>().map_or(v, |p| p.mapping)
}

fn mp_or(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let m = this(vm, "__or__", args, 1)?;
    let other = unwrap(args[1]);
    vm.binary_op(m, other, BinOp::Or)
}

fn mp_ror(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let m = this(vm, "__ror__", args, 1)?;
    let other = unwrap(args[1]);
    vm.binary_op(other, m, BinOp::Or)
}

fn mp_ior(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    this(vm, "__ior__", args, 1)?;
    Err(vm.type_error("'|=' is not supported by mappingproxy; use '|' instead"))
}

fn mp_get(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    no_kwargs(vm, "get", kw)?;
    if args.len() < 2 || args.len() > 3 {
        arg_count(vm, "get", &args[1.min(args.len())..], 1, 2)?;
    }
    let Some(p) = args.first().and_then(|a| a.downcast::<MappingProxyData>()) else {
        return Err(
            vm.type_error("descriptor 'get' for 'mappingproxy' objects needs a mappingproxy")
        );
    };
    let m = p.mapping;
    if m.is::<DictData>() {
        let d = args.get(2).copied().unwrap_or(Value::NONE);
        return Ok(vm.dict_get(m, args[1])?.unwrap_or(d));
    }
    vm.call_method(m, "get", &args[1..])
}

fn mp_keys(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let m = this(vm, "keys", args, 0)?;
    vm.call_method(m, "keys", &[])
}

fn mp_values(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let m = this(vm, "values", args, 0)?;
    vm.call_method(m, "values", &[])
}

fn mp_items(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let m = this(vm, "items", args, 0)?;
    vm.call_method(m, "items", &[])
}

fn mp_copy(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let m = this(vm, "copy", args, 0)?;
    vm.call_method(m, "copy", &[])
}
