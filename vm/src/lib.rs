//! weft-vm: the object model and the interpreter loop (the compiler is `weft-compiler`).
//!
//! Layout: `value` (tagged words), `object` (heap layout), `objects/` (one file per
//! object kind), `types` (built-in types), `ops/` (protocols: attributes, calls,
//! arithmetic, comparison, containers), `frame` + `interp` (the loop), `class`,
//! `exceptions`, `import`, `vm` (runtime and thread state).
pub mod builtins_exec;
pub mod builtins_funcs;
pub mod builtins_init;
pub mod class;
pub mod exception_group;
pub mod exceptions;
pub mod frame;
pub mod helpers;
pub mod import;
pub mod interp;
pub mod load;
pub mod names;
pub mod native;
pub mod object;
pub mod objects;
pub mod ops;
pub mod retired;
pub mod roots;
pub mod signals;
pub mod stdlib_names;
pub mod trace;
pub mod type_cache;
pub mod type_version;
pub mod types;
pub mod value;
pub mod vm;

pub use value::Value;
/// The macros' expansions name `::weft_vm::...`, also inside this crate.
extern crate self as weft_vm;
pub use vm::{Config, PyErr, PyResult, Runtime, Vm};
/// The compiler is its own crate (`weft-compiler`); these keep `crate::compiler` and
/// `crate::bytecode` paths short inside the vm.
pub use weft_compiler as compiler;
pub use weft_compiler::bytecode;
pub use weft_gc;
pub use weft_macros::native;
