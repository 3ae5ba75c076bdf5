//! `_coroutines`: the native half of `types.coroutine` (frozen `types.py`); and the
//! coroutine settings of `sys`.
use super::{new_native_module, set_item};
use weft_vm::helpers::{arg_count, as_int};
use weft_vm::native;
use weft_vm::native::NativeDef;
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

const FUNCS: &[NativeDef] = &[iterable_coroutine];

/// The type of `sys.get_asyncgen_hooks()`: a pair with named fields.
const HOOKS_TYPE: &str = r#"
class asyncgen_hooks(tuple):
    __slots__ = ()

    def __new__(cls, firstiter, finalizer):
        return tuple.__new__(cls, (firstiter, finalizer))

    firstiter = property(lambda self: self[0])
    finalizer = property(lambda self: self[1])

    def __repr__(self):
        return "asyncgen_hooks(firstiter=%r, finalizer=%r)" % (self[0], self[1])
"#;

pub fn init(vm: &mut Vm) -> PyResult {
    let (m, _) = new_native_module(vm, "_coroutines", FUNCS)?;
    let r = vm.with_root(m, |vm| vm.exec_in_module(HOOKS_TYPE, "<_coroutines>", m));
    r.map(|_| m)
}

/// `iterable_coroutine(genfunc)`: the generator function, its generators awaitable.
#[native(name = "iterable_coroutine")]
fn iterable_coroutine(vm: &mut Vm, func: Value) -> PyResult {
    weft_vm::objects::coroutine::iterable_coroutine(vm, func)
}

/// `sys.set_coroutine_origin_tracking_depth` / `get_coroutine_origin_tracking_depth`.
const SYS_FUNCS: &[NativeDef] = &[
    NativeDef::raw("set_coroutine_origin_tracking_depth", set_depth),
    get_depth,
    NativeDef::raw("set_asyncgen_hooks", set_asyncgen_hooks),
    get_asyncgen_hooks,
];

/// Add the coroutine functions to `sys` (its namespace `d`).
pub fn add_to_sys(vm: &mut Vm, d: Value) -> PyResult<()> {
    for def in SYS_FUNCS {
        let f = vm.new_native(def.name, "sys", def.f)?;
        set_item(vm, d, def.name, f)?;
    }
    Ok(())
}

fn set_depth(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let name = "set_coroutine_origin_tracking_depth";
    let depth = match (args, kw) {
        ([d], []) => *d,
        ([], [(k, d)]) if weft_vm::helpers::as_str(k) == Some("depth") => *d,
        _ if !kw.is_empty() => {
            return Err(vm.type_error(format!("{name}() got an unexpected keyword argument")));
        }
        _ => {
            arg_count(vm, name, args, 1, 1)?;
            unreachable!("one argument is the first arm")
        }
    };
    let Some(n) = as_int(depth) else {
        let tn = vm.type_name(depth);
        return Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")));
    };
    weft_vm::objects::coroutine::set_origin_tracking_depth(vm, n)?;
    Ok(Value::NONE)
}

#[native(name = "get_coroutine_origin_tracking_depth")]
fn get_depth(vm: &mut Vm) -> PyResult {
    vm.new_int(weft_vm::objects::coroutine::origin_tracking_depth() as i64)
}

/// `sys.set_asyncgen_hooks(firstiter=..., finalizer=...)`: this thread's hooks; an
/// argument not given keeps its hook, None clears it.
fn set_asyncgen_hooks(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    let name = "set_asyncgen_hooks";
    arg_count(vm, name, args, 0, 2)?;
    let mut new = vm.roots.asyncgen_hooks;
    for (i, field) in ["firstiter", "finalizer"].into_iter().enumerate() {
        let given = args.get(i).copied();
        let by_kw = weft_vm::helpers::kwarg(kw, field);
        if given.is_some() && by_kw.is_some() {
            return Err(vm.type_error(format!(
                "argument for {name}() given by name ('{field}') and position ({})",
                i + 1
            )));
        }
        let Some(v) = given.or(by_kw) else { continue };
        if !v.is_none() && !weft_vm::ops::call::is_callable(vm, v) {
            let tn = vm.type_name(v);
            return Err(vm.type_error(format!("callable {field} expected, got {tn}")));
        }
        new[i] = v;
    }
    for (k, _) in kw {
        let k = weft_vm::helpers::as_str(k).unwrap_or("?");
        if k != "firstiter" && k != "finalizer" {
            return Err(vm.type_error(format!("{name}() got an unexpected keyword argument '{k}'")));
        }
    }
    vm.roots.asyncgen_hooks = new;
    Ok(Value::NONE)
}

/// `sys.get_asyncgen_hooks()`: `asyncgen_hooks(firstiter, finalizer)`.
#[native(name = "get_asyncgen_hooks")]
fn get_asyncgen_hooks(vm: &mut Vm) -> PyResult {
    let m = vm.import_module("_coroutines")?;
    let ty = vm.with_root(m, |vm| vm.getattr_str(m, "asyncgen_hooks"))?;
    let shown = vm
        .roots
        .asyncgen_hooks
        .map(|v| if v.is_null() { Value::NONE } else { v });
    vm.with_root(ty, |vm| vm.call(ty, &shown, &[]))
}
