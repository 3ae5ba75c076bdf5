//! Turning the compiler's `CodeData` into a heap code object (constants become values).
use crate::bytecode::{CodeData, Const};
use crate::objects::code::CodeObj;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::sync::Arc;

pub fn load_code(vm: &mut Vm, code: &Arc<CodeData>) -> PyResult {
    crate::root_scope!(vm);
    let mut consts = Vec::with_capacity(code.consts.len());
    for c in &code.consts {
        let v = load_const(vm, c)?;
        vm.root(v);
        consts.push(v);
    }
    let names: Vec<Value> = code.names.iter().map(|n| vm.intern(n)).collect();
    let varnames: Vec<Value> = code.varnames.iter().map(|n| vm.intern(n)).collect();
    let name = vm.intern(&code.name);
    let ty = vm.rt.types.code;
    let obj = CodeObj::new(
        code.clone(),
        consts.into_boxed_slice(),
        names.into_boxed_slice(),
        varnames.into_boxed_slice(),
        name,
    );
    vm.alloc(ty, obj)
}

pub(crate) fn load_const(vm: &mut Vm, c: &Const) -> PyResult {
    Ok(match c {
        Const::None => Value::NONE,
        Const::True => Value::TRUE,
        Const::False => Value::FALSE,
        Const::Ellipsis => Value::ELLIPSIS,
        Const::Int(i) => vm.new_int(*i)?,
        Const::BigInt(s) => {
            let b: num_bigint::BigInt =
                s.parse().map_err(|_| vm.value_error("bad int constant"))?;
            vm.new_bigint(b)?
        }
        Const::Float(f) => vm.new_float(*f)?,
        Const::Complex { real, imag } => vm.new_complex(*real, *imag)?,
        Const::Str(s) => vm.intern(s),
        Const::StrSurrogates(b) => vm.new_str_wtf8(b)?,
        Const::Bytes(b) => vm.new_bytes(b.clone())?,
        Const::Tuple(items) => load_items(vm, items, Vm::new_tuple)?,
        Const::Code(cd) => load_code(vm, cd)?,
        Const::FrozenSet(items) => load_items(vm, items, Vm::new_frozenset)?,
    })
}

/// A tuple or frozenset constant: its items loaded (and rooted while the next ones
/// are), then `make` of them.
fn load_items(vm: &mut Vm, items: &[Const], make: fn(&mut Vm, Vec<Value>) -> PyResult) -> PyResult {
    crate::root_scope!(vm);
    let mut vals = Vec::with_capacity(items.len());
    for i in items {
        let v = load_const(vm, i)?;
        vm.root(v);
        vals.push(v);
    }
    make(vm, vals)
}
