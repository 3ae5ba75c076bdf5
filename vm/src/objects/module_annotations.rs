//! A module's `__annotations__`, computed on first read (PEP 649/749, as CPython 3.14).
//!
//! A module body that annotates names binds `__annotate__` (see the compiler's
//! `codegen/annotations.rs`) instead of filling an `__annotations__` dict as it runs.
//! Reading `module.__annotations__` returns the dict's entry when there is one (set by
//! an earlier read, by assignment, or by a module compiled under
//! `from __future__ import annotations`); otherwise it calls `__annotate__(1)`, checks
//! that it returned a dict and keeps that dict in the module's namespace, so later
//! reads (and code that reads the namespace directly) see the same dict. A module
//! without annotations gets a new empty dict, kept the same way.
use super::module::ModuleData;
use crate::value::Value;
use crate::vm::{PyResult, Vm};

/// `module.__annotations__` (the caller has found no such attribute otherwise).
pub fn module_annotations(vm: &mut Vm, m: &ModuleData, name: Value) -> PyResult {
    let d = m.dict;
    if let Some(a) = vm.dict_get_str_key(d, name)? {
        return Ok(a);
    }
    let annotate = vm.dict_get_str(d, "__annotate__");
    let a = match annotate {
        Some(f) if !f.is_none() => {
            if !crate::ops::call::is_callable(vm, f) {
                let tn = vm.type_name(f);
                return Err(vm.type_error(format!("'{tn}' object is not callable")));
            }
            let one = Value::small_int(1).expect("small int");
            let a = vm.call(f, &[one], &[])?;
            if crate::objects::dict::ops::dict_payload(a).is_none() {
                let tn = vm.type_name(a);
                return Err(vm.type_error(format!("__annotate__ returned non-dict of type '{tn}'")));
            }
            a
        }
        _ => vm.new_dict()?,
    };
    let mut s = vm.scope();
    s.root(a);
    s.dict_set(d, name, a)?;
    Ok(a)
}
