//! Template strings (PEP 750): the run-time side of `BuildInterpolation` and
//! `BuildTemplate`. The types are `string.templatelib.Interpolation` and `Template`
//! (frozen Python, runtime/src/modules/py/string_templatelib.py), imported on first use
//! and then found in `sys.modules`.
use crate::value::Value;
use crate::vm::{PyResult, Vm};

fn templatelib_attr(vm: &mut Vm, name: &str) -> PyResult {
    let m = vm.import_module("string.templatelib")?;
    vm.with_root(m, |vm| vm.getattr_str(m, name))
}

impl Vm {
    /// `Interpolation(value, expression, conversion, format_spec)`.
    pub fn build_interpolation(&mut self, parts: &[Value]) -> PyResult {
        let cls = templatelib_attr(self, "Interpolation")?;
        self.with_root(cls, |vm| vm.call(cls, parts, &[]))
    }

    /// `Template(*items)`.
    pub fn build_template(&mut self, items: &[Value]) -> PyResult {
        let cls = templatelib_attr(self, "Template")?;
        self.with_root(cls, |vm| vm.call(cls, items, &[]))
    }
}
