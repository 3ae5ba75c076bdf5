//! `_imp`: the hooks CPython's import machinery exposes to `importlib` and `test.support`.
//! weft's import system is native (vm/src/import.rs); this module answers questions about
//! it (is `name` a native or frozen module?) and exposes its one import lock. weft loads
//! no C extensions, so `extension_suffixes()` is empty and `create_dynamic` fails.
use super::new_native_module;
use std::hash::{Hash, Hasher};
use weft_vm::native;
use weft_vm::native::NativeDef;
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

/// _imp.lock_held(): whether some thread holds the import lock.
#[native(owner = "_imp")]
fn lock_held(vm: &mut Vm) -> PyResult<bool> {
    Ok(vm.rt.import_lock.is_locked())
}

/// _imp.acquire_lock(): take the (reentrant) import lock until `release_lock()`.
#[native(owner = "_imp")]
fn acquire_lock(vm: &mut Vm) -> PyResult<()> {
    let rt = vm.rt.clone();
    // The guard is forgotten: the lock stays held by this thread until release_lock
    // unlocks it by hand. Waiting detaches, as every blocking call does.
    vm.detached(|| std::mem::forget(rt.import_lock.lock()));
    Ok(())
}

/// _imp.release_lock(): undo one `acquire_lock()`.
#[native(owner = "_imp")]
fn release_lock(vm: &mut Vm) -> PyResult<()> {
    if !vm.rt.import_lock.is_owned_by_current_thread() {
        return Err(vm.runtime_error("not holding the import lock"));
    }
    // SAFETY: this thread owns the lock (checked above), and every level it holds from
    // Python was taken by `acquire_lock`, whose guard was forgotten; native imports
    // drop their guards before returning to Python, so this undoes one such level.
    unsafe { vm.rt.import_lock.force_unlock() };
    Ok(())
}

/// _imp.is_builtin(name): 1 for a module written in Rust (-1 for `sys` and `builtins`,
/// which cannot be initialised again), 0 otherwise.
#[native(owner = "_imp")]
fn is_builtin(vm: &mut Vm, name: &str) -> PyResult<i64> {
    if name == "sys" || name == "builtins" {
        return Ok(-1);
    }
    Ok(vm.rt.native_modules.lock().contains_key(name) as i64)
}

/// _imp.is_frozen(name): whether `name` is one of weft's frozen Python modules.
#[native(owner = "_imp")]
fn is_frozen(vm: &mut Vm, name: &str) -> PyResult<bool> {
    Ok(vm.rt.frozen_modules.lock().contains_key(name))
}

/// _imp.is_frozen_package(name): weft freezes no packages.
#[native(owner = "_imp")]
fn is_frozen_package(vm: &mut Vm, name: &str) -> PyResult<bool> {
    if !vm.rt.frozen_modules.lock().contains_key(name) {
        return Err(not_frozen(vm, name));
    }
    Ok(false)
}

fn not_frozen(vm: &mut Vm, name: &str) -> weft_vm::vm::PyErr {
    let t = vm.rt.types.exc.import_error;
    vm.new_exception(t, &format!("No such frozen object named '{name}'"))
}

/// _imp.find_frozen(name): None when `name` is not frozen, else (None, ispkg, origname);
/// weft's frozen modules are source, not marshalled code, so there is no data to give.
#[native(owner = "_imp")]
fn find_frozen(vm: &mut Vm, name: &str, #[kwonly] withdata: Option<Value>) -> PyResult {
    let _ = withdata;
    if !vm.rt.frozen_modules.lock().contains_key(name) {
        return Ok(Value::NONE);
    }
    let orig = vm.new_str(name)?;
    vm.with_root(orig, |vm| {
        vm.new_tuple(vec![Value::NONE, Value::FALSE, orig])
    })
}

/// _imp.init_frozen(name) / get_frozen_object: the frozen module, imported.
#[native(owner = "_imp")]
fn init_frozen(vm: &mut Vm, name: &str) -> PyResult {
    if !vm.rt.frozen_modules.lock().contains_key(name) {
        return Ok(Value::NONE);
    }
    vm.import_module(name)
}

/// _imp.create_builtin(spec): the native module named `spec.name` (the one already in
/// `sys.modules` when it was imported before, as CPython does for single-phase modules).
#[native(owner = "_imp")]
fn create_builtin(vm: &mut Vm, spec: Value) -> PyResult {
    let name = vm.getattr_str(spec, "name")?;
    let Some(name) = weft_vm::helpers::as_str(&name).map(str::to_string) else {
        return Err(vm.type_error("spec.name must be a string"));
    };
    if !vm.rt.native_modules.lock().contains_key(name.as_str()) {
        let t = vm.rt.types.exc.import_error;
        return Err(vm.new_exception(t, &format!("no built-in module named {name}")));
    }
    vm.import_module(&name)
}

/// _imp.exec_builtin(module) / exec_dynamic(module): native modules are complete once
/// created; nothing to run.
#[native(owner = "_imp")]
fn exec_builtin(vm: &mut Vm, module: Value) -> PyResult<i64> {
    let _ = (vm, module);
    Ok(0)
}

#[native(owner = "_imp")]
fn exec_dynamic(vm: &mut Vm, module: Value) -> PyResult<i64> {
    let _ = (vm, module);
    Ok(0)
}

/// _imp.create_dynamic(spec, file=None): weft cannot load C extension modules.
#[native(owner = "_imp")]
fn create_dynamic(vm: &mut Vm, spec: Value, file: Option<Value>) -> PyResult {
    let _ = (spec, file);
    let t = vm.rt.types.exc.import_error;
    Err(vm.new_exception(t, "weft cannot load C extension modules"))
}

/// _imp.extension_suffixes(): none, since weft loads no extension modules.
#[native(owner = "_imp")]
fn extension_suffixes(vm: &mut Vm) -> PyResult {
    vm.new_list(Vec::new())
}

/// _imp.source_hash(key, source): an 8-byte keyed hash of a source file, for hash-based
/// .pyc files. weft writes no .pyc files; the value is stable within weft only.
#[native(owner = "_imp")]
fn source_hash(vm: &mut Vm, #[kw] key: i64, #[kw] source: Value) -> PyResult {
    let bytes = super::bytes_like_arg(vm, source)?;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    key.hash(&mut h);
    bytes.hash(&mut h);
    vm.new_bytes(h.finish().to_le_bytes().to_vec())
}

/// _imp._fix_co_filename(code, path): weft's code objects keep the filename they were
/// compiled with; nothing to fix.
#[native(owner = "_imp")]
fn _fix_co_filename(vm: &mut Vm, code: Value, path: Value) -> PyResult<()> {
    let _ = (vm, code, path);
    Ok(())
}

/// _imp._override_frozen_modules_for_tests(override): weft's frozen modules always win.
#[native(owner = "_imp")]
fn _override_frozen_modules_for_tests(vm: &mut Vm, value: Value) -> PyResult<()> {
    let _ = (vm, value);
    Ok(())
}

/// _imp._frozen_module_names(): the names of weft's frozen modules.
#[native(owner = "_imp")]
fn _frozen_module_names(vm: &mut Vm) -> PyResult {
    let mut names: Vec<String> = vm.rt.frozen_modules.lock().keys().cloned().collect();
    names.sort_unstable();
    weft_vm::root_scope!(vm);
    let mut items = Vec::with_capacity(names.len());
    for n in names {
        let s = vm.new_str(&n)?;
        vm.root(s);
        items.push(s);
    }
    vm.new_tuple(items)
}

const FUNCS: &[NativeDef] = &[
    lock_held,
    acquire_lock,
    release_lock,
    is_builtin,
    is_frozen,
    is_frozen_package,
    find_frozen,
    init_frozen,
    create_builtin,
    exec_builtin,
    exec_dynamic,
    create_dynamic,
    extension_suffixes,
    source_hash,
    _fix_co_filename,
    _override_frozen_modules_for_tests,
    _frozen_module_names,
];

pub fn init(vm: &mut Vm) -> PyResult {
    let (m, d) = new_native_module(vm, "_imp", FUNCS)?;
    weft_vm::root_scope!(vm);
    vm.root(m);
    let r = (|| {
        let v = vm.new_str("never")?;
        super::set_item(vm, d, "check_hash_based_pycs", v)?;
        let f = vm.getattr_str(m, "init_frozen")?;
        super::set_item(vm, d, "get_frozen_object", f)
    })();
    r.map(|_| m)
}
