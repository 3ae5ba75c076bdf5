//! Well-known attribute names, interned once at start-up (`Runtime::names`), so hot
//! paths compare and look up `__getattr__` and the like without hashing a Rust string.
//!
//! Each value is also in the runtime's interned-string table, which is a root: the
//! fields need no tracing of their own.
use crate::value::Value;

macro_rules! names {
    ($($field:ident = $s:expr,)*) => {
        /// The interned str object of each well-known name.
        #[derive(Default, Clone, Copy)]
        pub struct Names { $(pub $field: Value,)* }
        impl Names {
            /// Intern every name (start-up, on the main thread).
            pub fn make(vm: &mut crate::vm::Vm) -> Names {
                Names { $($field: vm.intern($s),)* }
            }
        }
    };
}

names! {
    getattr = "__getattr__",
    getattribute = "__getattribute__",
    setattr = "__setattr__",
    delattr = "__delattr__",
    get = "__get__",
    set = "__set__",
    delete = "__delete__",
    call = "__call__",
    new = "__new__",
    init = "__init__",
    del = "__del__",
    hash = "__hash__",
    eq = "__eq__",
    len = "__len__",
    bool_ = "__bool__",
    iter = "__iter__",
    next = "__next__",
    repr = "__repr__",
    str = "__str__",
    name = "__name__",
    getitem = "__getitem__",
    setitem = "__setitem__",
    delitem = "__delitem__",
    contains = "__contains__",
}
