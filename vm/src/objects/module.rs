//! Modules: a name and a globals dict.
use crate::payload;
use crate::value::Value;

#[derive(crate::trace::Trace)]
pub struct ModuleData {
    pub dict: Value,
}
payload!(ModuleData, "module");

/// `types.ModuleType.__new__`. weft calls no built-in `__init__` after a built-in
/// `__new__`, so `module(name, doc=None)` names the module here; a subclass's own
/// `__init__` (calling `super().__init__(name)`) may take other arguments, so for a
/// subclass the arguments are used only when they fit.
#[crate::native(new, name = "module")]
fn module_new(
    vm: &mut crate::vm::Vm,
    cls: Value,
    #[varargs] args: &[Value],
    #[kwargs] kw: &[(Value, Value)],
) -> crate::vm::PyResult {
    let d = vm.new_dict()?;
    let m = vm.alloc(cls, ModuleData { dict: d })?;
    if cls == vm.rt.types.module {
        let mut s = vm.scope();
        s.root(m);
        let mut full = Vec::with_capacity(args.len() + 1);
        full.push(m);
        full.extend_from_slice(args);
        (module_init.f)(&mut s, &full, kw)?;
    } else if let [name, rest @ ..] = args
        && crate::helpers::is_str(*name)
        && rest.len() <= 1
    {
        let m_data = m.downcast::<ModuleData>().expect("module");
        fill(
            vm,
            m_data,
            *name,
            rest.first().copied().unwrap_or(Value::NONE),
        )?;
    }
    Ok(m)
}

fn fill(
    vm: &mut crate::vm::Vm,
    m: &ModuleData,
    name: Value,
    doc: Value,
) -> crate::vm::PyResult<()> {
    let d = m.dict;
    let entries = [
        ("__name__", name),
        ("__doc__", doc),
        ("__package__", Value::NONE),
        ("__loader__", Value::NONE),
        ("__spec__", Value::NONE),
    ];
    for (k, v) in entries {
        let k = vm.intern(k);
        vm.dict_set(d, k, v)?;
    }
    Ok(())
}

/// `types.ModuleType(name, doc=None)`: the namespace gets `__name__` and `__doc__`,
/// and None for `__package__`, `__loader__` and `__spec__` (as CPython's).
#[crate::native(name = "__init__", called = "module")]
fn module_init(
    vm: &mut crate::vm::Vm,
    this: &ModuleData,
    #[kw] name: Value,
    #[kw] doc: Option<Value>,
) -> crate::vm::PyResult<()> {
    if !crate::helpers::is_str(name) {
        let tn = vm.type_name(name);
        return Err(vm.type_error(format!("module() argument 'name' must be str, not {tn}")));
    }
    fill(vm, this, name, doc.unwrap_or(Value::NONE))
}

pub fn init(vm: &mut crate::vm::Vm) {
    let t = vm.rt.types.module;
    vm.set_new(t, module_new.f);
    vm.add_methods(t, &[module_init]);
}
