//! Python functions, bound methods, and the `staticmethod`/`classmethod`/`property`
//! wrappers.
pub mod new;
use crate::payload;
use crate::value::{AtomicValue, Value};

#[derive(crate::trace::Trace)]
pub struct FunctionData {
    /// The code object; replaced by `f.__code__ = c` (so read it once per call: the
    /// frame keeps the value it loaded, whose payload gives the frame its layout).
    pub code: AtomicValue,
    pub globals: Value,
    /// Tuple of positional defaults, or NULL.
    pub defaults: AtomicValue,
    /// Dict of keyword-only defaults, or NULL.
    pub kwdefaults: AtomicValue,
    /// Tuple of cells, or NULL.
    pub closure: Value,
    pub name: AtomicValue,
    pub qualname: AtomicValue,
    pub doc: AtomicValue,
    pub module: Value,
    /// The function's `__dict__`, created on first use (NULL before).
    pub dict: AtomicValue,
}
payload!(FunctionData, "function");

/// A function bound to an instance.
#[derive(crate::trace::Trace)]
pub struct BoundMethod {
    pub func: Value,
    pub this: Value,
}
payload!(BoundMethod, "method");

#[derive(crate::trace::Trace)]
pub struct StaticMethod(pub Value);
payload!(StaticMethod, "staticmethod");

#[derive(crate::trace::Trace)]
pub struct ClassMethod(pub Value);
payload!(ClassMethod, "classmethod");

#[derive(crate::trace::Trace)]
pub struct Property {
    pub fget: Value,
    pub fset: Value,
    pub fdel: Value,
    /// `__doc__`: writable (namedtuple and dis document their fields through it).
    pub doc: AtomicValue,
}
payload!(Property, "property");

/// `super(cls, obj)`.
#[derive(crate::trace::Trace)]
pub struct SuperData {
    pub cls: Value,
    pub obj: Value,
}
payload!(SuperData, "super");

/// `f.__code__ = c`: later calls run `c` (frames already running keep their code).
/// The closure is fixed at creation, so `c` must need exactly as many free variables
/// as it holds: every frame indexes the closure by its code's free variables.
pub fn set_code(vm: &mut crate::vm::Vm, f: &FunctionData, v: Value) -> crate::vm::PyResult<()> {
    use crate::objects::tuple::TupleData;
    let Some(c) = v.downcast::<crate::objects::code::CodeObj>() else {
        return Err(vm.type_error("__code__ must be set to a code object"));
    };
    let nfree = c.code.freevars.len();
    let nclosure = f.closure.downcast::<TupleData>().map_or(0, |t| t.0.len());
    if nfree != nclosure {
        let name = crate::helpers::as_str(&f.name.load())
            .unwrap_or("?")
            .to_string();
        return Err(vm.value_error(format!(
            "{name}() requires a code object with {nclosure} free vars, not {nfree}"
        )));
    }
    f.code.store(v);
    Ok(())
}
