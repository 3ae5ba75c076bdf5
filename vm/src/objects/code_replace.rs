//! `code.replace(**changes)`: a copy of a code object with some fields replaced.
//!
//! Names and the first line (`co_name`, `co_qualname`, `co_filename`,
//! `co_firstlineno`) can be replaced freely: instructions never read them, and every
//! instruction's line moves with the first line, as CPython's line table is relative
//! to it. Any other field is accepted only with its current value (so a caller may
//! pass back what it read): weft's instructions are not CPython's, so new bytecode,
//! constants or variable tables could not be given their meaning, and such a change
//! is a ValueError instead of being ignored.
use crate::helpers::as_str;
use crate::objects::code::CodeObj;
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use std::sync::Arc;

/// The fields CPython's `replace` takes besides the four above.
const FIXED: &[&str] = &[
    "co_argcount",
    "co_posonlyargcount",
    "co_kwonlyargcount",
    "co_nlocals",
    "co_stacksize",
    "co_flags",
    "co_code",
    "co_consts",
    "co_names",
    "co_varnames",
    "co_freevars",
    "co_cellvars",
    "co_linetable",
    "co_exceptiontable",
];

pub fn code_replace(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let Some(co) = args.first().and_then(|v| v.downcast::<CodeObj>()) else {
        return Err(vm.type_error("descriptor 'replace' requires a 'code' object"));
    };
    if args.len() > 1 {
        return Err(vm.type_error("replace() takes no positional arguments"));
    }
    let mut data = (*co.code).clone();
    for &(k, v) in kw {
        let key = as_str(&k).unwrap_or("").to_string();
        match key.as_str() {
            "co_name" => data.name = str_field(vm, &key, v)?,
            "co_qualname" => data.qualname = str_field(vm, &key, v)?,
            "co_filename" => data.filename = str_field(vm, &key, v)?,
            "co_firstlineno" => move_lines(vm, &mut data, v)?,
            k if FIXED.contains(&k) => {
                let now = vm.getattr_str(args[0], k)?;
                if !vm.eq(now, v)? {
                    return Err(vm.value_error(format!(
                        "weft cannot replace {k} of a code object (its instructions are not CPython's)"
                    )));
                }
            }
            _ => {
                return Err(vm.type_error(format!(
                    "replace() got an unexpected keyword argument '{key}'"
                )));
            }
        }
    }
    // The constants and names stay the original's values (rooted through `args`); an
    // interned name needs no root.
    let name = vm.intern(&data.name);
    let obj = CodeObj::new(
        Arc::new(data),
        co.consts.clone(),
        co.names.clone(),
        co.varnames.clone(),
        name,
    );
    let t = vm.rt.types.code;
    vm.alloc(t, obj)
}

fn str_field(vm: &mut Vm, key: &str, v: Value) -> PyResult<String> {
    match as_str(&v) {
        Some(s) => Ok(s.to_string()),
        None => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!("replace() argument '{key}' must be str, not {tn}")))
        }
    }
}

/// A new first line; every instruction's line moves by as much (unknown lines, 0,
/// stay unknown).
fn move_lines(vm: &mut Vm, data: &mut crate::bytecode::CodeData, v: Value) -> PyResult<()> {
    let n = match crate::ops::containers::as_index(vm, v)? {
        Some(n) => n,
        None => {
            let tn = vm.type_name(v);
            return Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")));
        }
    };
    let first = u32::try_from(n)
        .ok()
        .filter(|&n| n > 0)
        .ok_or_else(|| vm.value_error("co_firstlineno must be a positive integer"))?;
    let delta = i64::from(first) - i64::from(data.first_line);
    for l in data.lines.iter_mut().filter(|l| **l != 0) {
        *l = (i64::from(*l) + delta).clamp(1, i64::from(u32::MAX)) as u32;
    }
    data.first_line = first;
    Ok(())
}
