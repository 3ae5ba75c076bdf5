//! The builtin `__import__(name, globals=None, locals=None, fromlist=(), level=0)`, over
//! the interpreter's import machinery: the top-level package for a plain import, the
//! named module itself when `fromlist` is non-empty; a relative import (`level` > 0)
//! starts from `globals['__package__']`.
use weft_vm::helpers::{as_int, as_str};
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

const PARAMS: [&str; 5] = ["name", "globals", "locals", "fromlist", "level"];

/// Put `__import__` in builtins.
pub fn register(vm: &mut Vm) -> PyResult<()> {
    let f = vm.new_native("__import__", "builtins", dunder_import)?;
    let b = vm.rt.builtins;
    let key = vm.intern("__import__");
    vm.dict_set(b, key, f)
}

fn dunder_import(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    if args.len() > PARAMS.len() {
        return Err(vm.type_error(format!(
            "__import__() takes at most 5 arguments ({} given)",
            args.len()
        )));
    }
    let mut vals = [Value::NULL; 5];
    vals[..args.len()].copy_from_slice(args);
    for &(k, v) in kw {
        let k = as_str(&k).unwrap_or("");
        match PARAMS.iter().position(|&p| p == k) {
            Some(i) => vals[i] = v,
            None => {
                return Err(vm.type_error(format!(
                    "'{k}' is an invalid keyword argument for __import__()"
                )));
            }
        }
    }
    let [name, globals, _locals, fromlist, level] = vals;
    if name.is_null() {
        return Err(vm.type_error("__import__() missing required argument 'name' (pos 1)"));
    }
    let Some(name) = as_str(&name).map(str::to_string) else {
        return Err(vm.type_error("module name must be a string"));
    };
    let level = if level.is_null() {
        0
    } else {
        as_int(level).unwrap_or(0)
    };
    if level < 0 {
        return Err(vm.value_error("level must be >= 0"));
    }
    let full = if level > 0 {
        relative(vm, &name, globals, level)?
    } else if name.is_empty() {
        return Err(vm.value_error("Empty module name"));
    } else {
        name.clone()
    };
    let leaf = vm.import_module(&full)?;
    let has_from = !fromlist.is_null() && !fromlist.is_none() && vm.truthy(fromlist)?;
    if has_from || level > 0 && name.is_empty() {
        return Ok(leaf);
    }
    match full.split_once('.') {
        Some((top, _)) if level == 0 => vm.import_module(top),
        _ => Ok(leaf),
    }
}

/// `name` relative to the package of `globals`, `level` packages up.
fn relative(vm: &mut Vm, name: &str, globals: Value, level: i64) -> PyResult<String> {
    let pkg = if globals.is_null() || globals.is_none() {
        None
    } else {
        vm.dict_get_str(globals, "__package__")
            .and_then(|p| as_str(&p).map(str::to_string))
    };
    let Some(mut pkg) = pkg.filter(|p| !p.is_empty()) else {
        let t = vm.rt.types.exc.import_error;
        return Err(vm.new_exception(t, "attempted relative import with no known parent package"));
    };
    for _ in 1..level {
        match pkg.rsplit_once('.') {
            Some((up, _)) => pkg = up.to_string(),
            None => {
                let t = vm.rt.types.exc.import_error;
                return Err(
                    vm.new_exception(t, "attempted relative import beyond top-level package")
                );
            }
        }
    }
    Ok(if name.is_empty() {
        pkg
    } else {
        format!("{pkg}.{name}")
    })
}
