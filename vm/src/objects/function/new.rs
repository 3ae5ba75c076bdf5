//! `types.FunctionType(code, globals, name=None, argdefs=None, closure=None)`: a
//! function made from a code object, as CPython's `function.__new__` checks it.
use crate::objects::code::CodeObj;
use crate::objects::function::FunctionData;
use crate::objects::tuple::TupleData;
use crate::value::{AtomicValue, Value};
use crate::vm::{PyResult, Vm};
use weft_macros::native;

/// function(code, globals, name=None, argdefs=None, closure=None)
#[native(new, name = "function")]
fn function_new(
    vm: &mut Vm,
    cls: Value,
    #[kw] code: Value,
    #[kw] globals: Value,
    #[kw]
    #[default(Value::NONE)]
    name: Value,
    #[kw]
    #[default(Value::NONE)]
    argdefs: Value,
    #[kw]
    #[default(Value::NONE)]
    closure: Value,
) -> PyResult {
    let _ = cls;
    let Some(c) = code.downcast::<CodeObj>() else {
        let tn = vm.type_name(code);
        return Err(vm.type_error(format!("function() argument 'code' must be code, not {tn}")));
    };
    if !globals.is::<crate::objects::dict::DictData>() {
        let tn = vm.type_name(globals);
        return Err(vm.type_error(format!(
            "function() argument 'globals' must be dict, not {tn}"
        )));
    }
    if !name.is_none() && !crate::helpers::is_str(name) {
        return Err(vm.type_error("arg 3 (name) must be None or string"));
    }
    if !argdefs.is_none() && !argdefs.is::<TupleData>() {
        return Err(vm.type_error("arg 4 (defaults) must be None or tuple"));
    }
    let nfree = c.code.freevars.len();
    let given = match closure.downcast::<TupleData>() {
        Some(t) => t.0.len(),
        None if closure.is_none() && nfree == 0 => 0,
        None => return Err(vm.type_error("arg 5 (closure) must be tuple")),
    };
    if given != nfree {
        return Err(vm.value_error(format!(
            "{} requires closure of length {nfree}, not {given}",
            c.code.name
        )));
    }
    let mut s = vm.scope();
    let name = if name.is_none() {
        s.intern(&c.code.name)
    } else {
        name
    };
    let qualname = s.new_str(&c.code.qualname)?;
    s.root(qualname);
    let doc = match &c.code.doc {
        Some(d) => s.new_str(d)?,
        None => Value::NONE,
    };
    s.root(doc);
    let module = s.dict_get_str(globals, "__name__").unwrap_or(Value::NONE);
    let ty = s.rt.types.function;
    let or_null = |v: Value| if v.is_none() { Value::NULL } else { v };
    s.alloc(
        ty,
        FunctionData {
            code: AtomicValue::new(code),
            globals,
            defaults: AtomicValue::new(or_null(argdefs)),
            kwdefaults: AtomicValue::new(Value::NULL),
            closure: or_null(closure),
            name: AtomicValue::new(name),
            qualname: AtomicValue::new(qualname),
            doc: AtomicValue::new(doc),
            module,
            dict: AtomicValue::new(Value::NULL),
        },
    )
}

pub fn init(vm: &mut Vm) {
    let t = vm.rt.types.function;
    vm.set_new(t, function_new.f);
}
