//! `member_descriptor`: what a class's namespace holds for each name in its `__slots__`
//! (`C.__dict__['a']`, `types.MemberDescriptorType`).
//!
//! The values themselves live inline in the instance like any attribute
//! (`objects::instance`), and attribute reads and writes on instances find them there
//! directly; the descriptor is what the class shows, and its `__get__`/`__set__`/
//! `__delete__` reach the same storage when called explicitly. An unset slot reads as
//! AttributeError (`ops/attr.rs` stops at the descriptor instead of returning it).
use crate::payload;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

#[derive(crate::trace::Trace)]
pub struct MemberDescr {
    /// The slot's name (a str).
    pub name: Value,
    /// The class whose `__slots__` declared it.
    pub owner: Value,
}
payload!(MemberDescr, "member_descriptor");

pub fn init(vm: &mut Vm) {
    let t = vm.rt.types.member_descriptor;
    vm.add_method(t, "__get__", member_get);
    vm.add_method(t, "__set__", member_set);
    vm.add_method(t, "__delete__", member_delete);
    vm.add_method(t, "__repr__", member_repr);
    vm.add_getters(
        t,
        "member_descriptor",
        &[member_name, member_qualname, member_objclass, member_doc],
    );
}

/// `__name__`: the slot's name.
#[crate::native(name = "__name__")]
fn member_name(_vm: &mut Vm, this: &MemberDescr) -> Value {
    this.name
}

/// `__qualname__`: `Owner.slot`.
#[crate::native(name = "__qualname__")]
fn member_qualname(vm: &mut Vm, this: &MemberDescr) -> PyResult {
    let n = crate::helpers::as_str(&this.name)
        .unwrap_or("?")
        .to_string();
    let td = crate::types::type_data(&this.owner);
    let q = td.qualname.read().clone();
    vm.new_str(&format!("{q}.{n}"))
}

/// `__objclass__`: the class whose `__slots__` declared the slot.
#[crate::native(name = "__objclass__")]
fn member_objclass(_vm: &mut Vm, this: &MemberDescr) -> Value {
    this.owner
}

/// `__doc__`: slots have none.
#[crate::native(name = "__doc__")]
fn member_doc(_vm: &mut Vm, _this: &MemberDescr) -> Value {
    Value::NONE
}

/// A new descriptor for slot `name` of class `owner`.
pub fn new_member(vm: &mut Vm, name: Value, owner: Value) -> PyResult {
    let t = vm.rt.types.member_descriptor;
    vm.alloc(t, MemberDescr { name, owner })
}

fn parts(vm: &mut Vm, args: &[Value], n: usize, what: &str) -> PyResult<(Value, Value)> {
    match args.first().and_then(|a| a.downcast::<MemberDescr>()) {
        Some(m) if args.len() >= n => Ok((m.name, m.owner)),
        Some(_) => Err(vm.type_error(format!("{what} expected {} arguments", n - 1))),
        None => Err(vm.type_error(format!(
            "descriptor '{what}' requires a 'member_descriptor' object"
        ))),
    }
}

/// The instance must be of the class that declared the slot.
fn check_instance(vm: &mut Vm, name: Value, owner: Value, obj: Value) -> PyResult<()> {
    let ot = vm.type_of(obj);
    if crate::types::is_subclass(vm, ot, owner) {
        return Ok(());
    }
    let n = crate::helpers::as_str(&name).unwrap_or("?").to_string();
    let on = crate::types::type_data(&owner).name.read().clone();
    let tn = vm.type_name(obj);
    Err(vm.type_error(format!(
        "descriptor '{n}' for '{on}' objects doesn't apply to a '{tn}' object"
    )))
}

fn member_get(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let (name, owner) = parts(vm, args, 2, "__get__")?;
    let obj = args[1];
    if obj.is_none() {
        return Ok(args[0]);
    }
    check_instance(vm, name, owner, obj)?;
    match vm.own_attr(obj, name)? {
        Some(v) => Ok(v),
        None => Err(vm.no_attribute(obj, name)),
    }
}

fn member_set(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let (name, owner) = parts(vm, args, 3, "__set__")?;
    let (obj, v) = (args[1], args[2]);
    check_instance(vm, name, owner, obj)?;
    vm.own_set(obj, name, v)?;
    Ok(Value::NONE)
}

fn member_delete(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let (name, owner) = parts(vm, args, 2, "__delete__")?;
    let obj = args[1];
    check_instance(vm, name, owner, obj)?;
    if vm.own_del(obj, name)? {
        return Ok(Value::NONE);
    }
    // CPython's slot deleter names only the attribute.
    let n = crate::helpers::as_str(&name).unwrap_or("?").to_string();
    Err(vm.attribute_error(n))
}

fn member_repr(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let (name, owner) = parts(vm, args, 1, "__repr__")?;
    let n = crate::helpers::as_str(&name).unwrap_or("?").to_string();
    let on = crate::types::type_data(&owner).name.read().clone();
    vm.new_str(&format!("<member '{n}' of '{on}' objects>"))
}
