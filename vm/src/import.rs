//! `import`: sys.modules, native modules, modules frozen into the binary, and `.py`
//! files found on sys.path (the script's folder first).
use crate::frame::Frame;
use crate::helpers::{as_int, as_str};
use crate::objects::module::ModuleData;
use crate::value::Value;
use crate::vm::{PyErr, PyResult, Vm};

impl Vm {
    pub fn new_module(&mut self, name: &str) -> PyResult {
        let vm = &mut *self.scope();
        let d = vm.new_dict()?;
        vm.root(d);
        let n = vm.new_str(name)?;
        let k = vm.rt.names.name;
        vm.dict_set(d, k, n)?;
        let k = vm.intern("__builtins__");
        let b = vm.rt.builtins;
        if !b.is_null() {
            vm.dict_set(d, k, b)?;
        }
        for key in ["__doc__", "__package__", "__spec__", "__loader__"] {
            let k = vm.intern(key);
            vm.dict_set(d, k, Value::NONE)?;
        }
        let ty = vm.rt.types.module;
        let m = vm.alloc(ty, ModuleData { dict: d });
        // Global name lookups in this namespace may be cached.
        if let Some(dd) = d.downcast::<crate::objects::dict::DictData>() {
            dd.0.watch_globals();
        }
        m
    }

    pub fn module_dict(&self, m: Value) -> Value {
        m.downcast::<ModuleData>().expect("module").dict
    }

    /// Compile `source` and run it in module `m`'s namespace: an imported module, or
    /// a native module's Python part. Its code comes from the compiled-module cache
    /// when that holds it (`crate::code_cache`).
    pub fn exec_in_module(&mut self, source: &str, filename: &str, m: Value) -> PyResult {
        self.exec_module_code(source, filename, m, true)
    }

    /// [`exec_in_module`](Vm::exec_in_module) for code run in `__main__` (a program, a
    /// start-up file, an embedder's string), which is not cached: CPython writes no
    /// `.pyc` for it either, and every fuzzer program or embedded snippet would add an
    /// entry.
    pub fn exec_main(&mut self, source: &str, filename: &str, m: Value) -> PyResult {
        self.exec_module_code(source, filename, m, false)
    }

    fn exec_module_code(
        &mut self,
        source: &str,
        filename: &str,
        m: Value,
        cached: bool,
    ) -> PyResult {
        let compile =
            |vm: &mut Vm| vm.compile_source(source, filename, crate::compiler::Mode::Module);
        let code = if cached {
            crate::code_cache::compile_module(source, filename, || compile(self))
        } else {
            compile(self)
        };
        let code = match code {
            Ok(c) => c,
            Err(e) => return Err(crate::exceptions::syntax_error(self, &e)),
        };
        let vm = &mut *self.scope();
        let code = crate::load::load_code(vm, &code)?;
        vm.root(code);
        let d = vm.module_dict(m);
        let frame = Frame::new_with_namespace(vm, code, d, d);
        vm.run_frame(frame)
    }

    /// Run a program as `__main__`.
    pub fn run_source(&mut self, source: &str, filename: &str) -> PyResult {
        self.run_source_in(source, filename, None)
    }

    /// `run_source` with `__package__` set (`-m` of a module inside a package).
    pub fn run_source_in(
        &mut self,
        source: &str,
        filename: &str,
        package: Option<&str>,
    ) -> PyResult {
        let vm = &mut *self.scope();
        let m = vm.new_module("__main__")?;
        vm.root(m);
        let d = vm.module_dict(m);
        let f = vm.new_str(filename)?;
        let k = vm.intern("__file__");
        vm.dict_set(d, k, f)?;
        if let Some(p) = package {
            let pv = vm.new_str(p)?;
            let k = vm.intern("__package__");
            vm.dict_set(d, k, pv)?;
        }
        let k = vm.intern("__main__");
        let modules = vm.rt.modules;
        vm.dict_set(modules, k, m)?;
        vm.exec_main(source, filename, m)
    }

    /// Import a module by absolute dotted name; returns the leaf module.
    pub fn import_module(&mut self, name: &str) -> PyResult {
        let modules = self.rt.modules;
        let key = self.new_str(name)?;
        self.with_root(key, |vm| vm.import_module_inner(name, key, modules))
    }

    fn import_module_inner(&mut self, name: &str, key: Value, modules: Value) -> PyResult {
        if let Some(m) = self.dict_get(modules, key)? {
            return Ok(m);
        }
        // One module initialises at a time; another thread may have finished this one
        // while we waited for the lock.
        let rt = self.rt.clone();
        let _import = self.detached(|| rt.import_lock.lock());
        if let Some(m) = self.dict_get(modules, key)? {
            return Ok(m);
        }
        // Parent package first.
        let mut search: Option<Vec<String>> = None;
        if let Some((parent, _)) = name.rsplit_once('.') {
            let p = self.import_module(parent)?;
            // Running the parent may have registered this name (`os` sets `os.path`).
            if let Some(m) = self.dict_get(modules, key)? {
                return Ok(m);
            }
            let path = self.getattr_str(p, "__path__").ok();
            if let Some(path) = path {
                let items = self.collect_iter(path)?;
                search = Some(
                    items
                        .iter()
                        .filter_map(|v| as_str(v).map(|s| s.to_string()))
                        .collect(),
                );
            }
        }
        let native = self.rt.native_modules.lock().get(name).copied();
        if let Some(init) = native {
            let m = init(self)?;
            self.with_root(m, |vm| vm.dict_set(modules, key, m))?;
            return Ok(m);
        }
        let frozen = self.rt.frozen_modules.lock().get(name).copied();
        if let Some(src) = frozen {
            return self.load_source_module(name, key, src, &format!("<frozen {name}>"), None);
        }
        let leaf = name.rsplit('.').next().unwrap_or(name);
        let dirs = match search {
            Some(d) => d,
            None => self.sys_path(),
        };
        for dir in dirs {
            let base = if dir.is_empty() { ".".to_string() } else { dir };
            let pkg_init = format!("{base}/{leaf}/__init__.py");
            if let Ok(src) = std::fs::read_to_string(&pkg_init) {
                let pkg_dir = format!("{base}/{leaf}");
                return self.load_source_module(name, key, &src, &pkg_init, Some(pkg_dir));
            }
            let file = format!("{base}/{leaf}.py");
            if let Ok(src) = std::fs::read_to_string(&file) {
                return self.load_source_module(name, key, &src, &file, None);
            }
        }
        Err(self.module_not_found(name))
    }

    /// `ModuleNotFoundError` with CPython's `No module named 'x'`; for a name from
    /// CPython's standard library it adds why: weft lacks the module, or weft runs
    /// without a CPython `Lib` folder. `.name` is the module's name, as in CPython.
    pub fn module_not_found(&mut self, name: &str) -> PyErr {
        let mut msg = format!("No module named '{name}'");
        if crate::stdlib_names::is_stdlib_module(name) {
            msg += match &self.rt.config.stdlib {
                crate::vm::Stdlib::Dir(_) => {
                    " (a CPython standard module that weft does not provide yet)"
                }
                crate::vm::Stdlib::Disabled => {
                    " (weft runs without CPython's Lib folder: -X stdlib=none)"
                }
                crate::vm::Stdlib::NotFound => {
                    " (no CPython Lib folder was found: install python3, or pass \
                     -X stdlib=DIR or set WEFTSTDLIB)"
                }
            };
        }
        let t = self.rt.types.exc.module_not_found_error;
        let e = self.new_exception(t, &msg);
        self.with_root(e.0, |vm| {
            if let Ok(n) = vm.new_str(name) {
                let _ = vm.setattr_str(e.0, "name", n);
            }
        });
        e
    }

    fn load_source_module(
        &mut self,
        name: &str,
        key: Value,
        src: &str,
        file: &str,
        pkg_dir: Option<String>,
    ) -> PyResult {
        let vm = &mut *self.scope();
        let m = vm.new_module(name)?;
        vm.root(m);
        let d = vm.module_dict(m);
        let r: PyResult<()> = (|| {
            let f = vm.new_str(file)?;
            let k = vm.intern("__file__");
            vm.dict_set(d, k, f)?;
            if let Some(dir) = &pkg_dir {
                // Allocation never collects: `p` needs no root before the list holds it.
                let p = vm.new_str(dir)?;
                let l = vm.new_list(vec![p])?;
                let k = vm.intern("__path__");
                vm.dict_set(d, k, l)?;
            }
            let pkg = if pkg_dir.is_some() {
                name
            } else {
                name.rsplit_once('.').map(|p| p.0).unwrap_or("")
            };
            let pv = vm.new_str(pkg)?;
            let k = vm.intern("__package__");
            vm.dict_set(d, k, pv)?;
            let modules = vm.rt.modules;
            vm.dict_set(modules, key, m)?;
            Ok(())
        })();
        r?;
        let r = vm.exec_in_module(src, file, m);
        if let Err(e) = r {
            let modules = vm.rt.modules;
            let _ = vm.dict_del(modules, key);
            return Err(e);
        }
        // Bind the submodule on its parent.
        if let Some((parent, leafname)) = name.rsplit_once('.') {
            let pk = vm.new_str(parent)?;
            let modules = vm.rt.modules;
            if let Some(p) = vm.dict_get(modules, pk)? {
                vm.setattr_str(p, leafname, m)?;
            }
        }
        // A module may replace itself in sys.modules.
        let modules = vm.rt.modules;
        Ok(vm.dict_get(modules, key)?.unwrap_or(m))
    }

    fn sys_path(&mut self) -> Vec<String> {
        let modules = self.rt.modules;
        let sys = self.dict_get_str(modules, "sys");
        if let Some(sys) = sys
            && let Ok(p) = self.getattr_str(sys, "path")
            && let Ok(items) = self.collect_iter(p)
        {
            return items
                .iter()
                .filter_map(|v| as_str(v).map(|s| s.to_string()))
                .collect();
        }
        let config = &self.rt.config;
        let mut path = vec![config.path0.clone()];
        path.extend(config.extra_path.iter().cloned());
        path.extend(config.stdlib.dir().map(String::from));
        path
    }
}

/// `ImportName`: `import a.b.c` binds `a` (empty fromlist), `from a.b import c` gets `a.b`.
/// `import name` / `from name import fromlist` with `level` leading dots, run from code
/// whose module namespace is `globals` (the package relative imports start from).
pub fn import_name(
    vm: &mut Vm,
    globals: Value,
    name: Value,
    fromlist: Value,
    level: Value,
) -> PyResult {
    let mut full = as_str(&name).unwrap_or("").to_string();
    let level = as_int(level).unwrap_or(0);
    if level > 0 {
        let pkg = crate::objects::dict::ops::dict_payload(globals)
            .and_then(|g| vm.dict_get_str(g, "__package__"))
            .and_then(|p| as_str(&p).map(|s| s.to_string()));
        let mut pkg = pkg.unwrap_or_default();
        if pkg.is_empty() {
            let t = vm.rt.types.exc.import_error;
            return Err(
                vm.new_exception(t, "attempted relative import with no known parent package")
            );
        }
        for _ in 1..level {
            pkg = pkg
                .rsplit_once('.')
                .map(|p| p.0.to_string())
                .unwrap_or_default();
        }
        full = if full.is_empty() {
            pkg
        } else {
            format!("{pkg}.{full}")
        };
    }
    let leaf = vm.import_module(&full)?;
    let has_from = !fromlist.is_none() && !fromlist.is_null() && vm.truthy(fromlist)?;
    if has_from {
        return Ok(leaf);
    }
    let top = full.split('.').next().unwrap_or("").to_string();
    vm.import_module(&top)
}

/// `e` is the ModuleNotFoundError for module `full` itself (not for something it imports).
fn missing_module(vm: &mut Vm, e: &crate::vm::PyErr, full: &str) -> bool {
    if !vm.err_is(e, vm.rt.types.exc.module_not_found_error) {
        return false;
    }
    let ev = e.0;
    match vm.with_root(ev, |vm| vm.getattr_str(ev, "name")) {
        Ok(n) => as_str(&n).is_none_or(|s| s == full),
        Err(_) => true,
    }
}

pub fn import_from(vm: &mut Vm, m: Value, name: Value) -> PyResult {
    match vm.getattr_opt(m, name) {
        Ok(Some(v)) => return Ok(v),
        Ok(None) => {}
        // A module `__getattr__` that does not know the name: an ImportError below.
        Err(e) if vm.err_is(&e, vm.rt.types.exc.attribute_error) => {}
        Err(e) => return Err(e),
    }
    // A submodule not yet imported.
    let mname = vm
        .getattr_str(m, "__name__")
        .ok()
        .and_then(|n| as_str(&n).map(|s| s.to_string()));
    let n = as_str(&name).unwrap_or("?").to_string();
    if let Some(mn) = &mname {
        let full = format!("{mn}.{n}");
        match vm.import_module(&full) {
            Ok(sub) => return Ok(sub),
            // A submodule that exists but fails to run shows its own error (CPython's
            // `_handle_fromlist` hides only "no module named <that submodule>").
            Err(e) if !missing_module(vm, &e, &full) => return Err(e),
            Err(_) => {}
        }
    }
    let t = vm.rt.types.exc.import_error;
    let mn = mname.unwrap_or("?".into());
    let file = vm
        .getattr_str(m, "__file__")
        .ok()
        .and_then(|f| as_str(&f).map(|s| s.to_string()));
    let msg = match file {
        Some(f) => format!("cannot import name '{n}' from '{mn}' ({f})"),
        None => format!("cannot import name '{n}' from '{mn}' (unknown location)"),
    };
    Err(vm.new_exception(t, &msg))
}

/// The names `from m import *` binds: `m.__all__`, else the public names of
/// `m.__dict__` (any object, as in CPython, not only modules).
fn star_names(vm: &mut Vm, m: Value) -> PyResult<Vec<Value>> {
    let public = |k: &Value| as_str(k).is_some_and(|s| !s.starts_with('_'));
    if m.is::<ModuleData>() {
        let d = vm.module_dict(m);
        return match vm.dict_get_str(d, "__all__") {
            Some(a) => vm.collect_iter(a),
            None => Ok(vm
                .dict_items(d)
                .into_iter()
                .map(|(k, _)| k)
                .filter(public)
                .collect()),
        };
    }
    let all = vm.intern("__all__");
    if let Some(a) = vm.getattr_opt(m, all)? {
        return vm.with_root(a, |vm| vm.collect_iter(a));
    }
    let dict = vm.intern("__dict__");
    match vm.getattr_opt(m, dict)? {
        Some(d) => {
            let keys = vm.with_root(d, |vm| vm.collect_iter(d))?;
            Ok(keys.into_iter().filter(public).collect())
        }
        None => {
            let t = vm.rt.types.exc.import_error;
            Err(vm.new_exception(t, "from-import-* object has no __dict__ and no __all__"))
        }
    }
}

pub fn import_star(vm: &mut Vm, m: Value, ns: Value) -> PyResult<()> {
    let names = star_names(vm, m)?;
    crate::root_scope!(vm);
    vm.root_all(&names);
    bind_star(vm, m, ns, &names)
}

fn bind_star(vm: &mut Vm, m: Value, ns: Value, names: &[Value]) -> PyResult<()> {
    let names = names.to_vec();
    for n in names {
        let v = vm.getattr(m, n)?;
        if ns.is::<crate::objects::dict::DictData>() {
            vm.dict_set(ns, n, v)?;
        } else {
            vm.with_root(v, |vm| vm.setitem(ns, n, v))?;
        }
    }
    Ok(())
}
