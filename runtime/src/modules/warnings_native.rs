//! `_warnings`: what the frozen `warnings` module (py/warnings.py) cannot compute in
//! Python without frame objects: where the code that called `warn()` is.
use super::new_native_module;
use weft_vm::native;
use weft_vm::native::NativeDef;
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

/// _warnings.caller(depth) -> (filename, lineno, globals) of the Python frame `depth`
/// levels above the innermost one (1: the function that called the caller), or None when
/// the stack is not that deep. Natives push no frame, so the innermost frame is the
/// Python function that called this.
#[native(owner = "_warnings")]
fn caller(vm: &mut Vm, depth: i64) -> PyResult {
    let frames = &vm.roots.frames;
    let n = frames.len() as i64;
    let i = n - 1 - depth.max(0);
    if i < 0 {
        return Ok(Value::NONE);
    }
    // SAFETY: every pointer in `roots.frames` is a frame that is running on this thread
    // (pushed by `Vm::exec` and popped when it returns), so it is alive while we read it.
    let f = unsafe { &*frames[i as usize] };
    let (filename, line, globals) = (f.code_obj().code.filename.clone(), f.line(), f.globals);
    weft_vm::root_scope!(vm);
    let fname = vm.new_str(&filename)?;
    vm.root(fname);
    let line = vm.new_int(line as i64)?;
    vm.new_tuple(vec![fname, line, globals])
}

const FUNCS: &[NativeDef] = &[caller];

pub fn init(vm: &mut Vm) -> PyResult {
    let (m, _) = new_native_module(vm, "_warnings", FUNCS)?;
    Ok(m)
}
