//! weft-vm: the object model and the interpreter loop (the compiler is `weft-compiler`).
//!
//! Layout: `value` (tagged words), `object` (heap layout), `objects/` (one home per
//! object kind: `<type>.rs` or `<type>/`), `types` (the built-in types' table), `ops/`
//! (protocols: attributes, calls, arithmetic, comparison, containers), `frame` + `interp`
//! (the loop), `class`, `exceptions`, `import`, `vm` (runtime and thread state). Where each
//! thing is, and the checklists for adding a type or a module: docs/where.md.
//!
//! The crate's invariants (DESIGN.md has the whole list):
//! - **Rooting**: the collector is precise and runs only at safepoints (polls, calls into
//!   Python, blocking waits); allocation never collects. A `Value` kept in a Rust local
//!   across a call that may reach a safepoint must be rooted, through a root scope
//!   (`root_scope!`, `roots.rs`), which restores the root stack on every exit. Arguments
//!   are rooted by the caller for the whole call, so payload borrows taken from them live
//!   as long as the argument slice (`native.rs`), never `'static`.
//! - **Tracing**: every payload implements the unsafe trait `Trace`, derived
//!   (`#[derive(Trace)]` traces every field); a field left out says why
//!   (`#[unsafe_untraced = ".."]`), a hand-written impl has a `// SAFETY:` comment.
//!   `-X gc-zeal -X gc-verify` checks both in the differential suite.
//! - **Locks**: no object lock is held across a safepoint; payloads read by the
//!   collector while the world is stopped are read without their locks.
//! - **Natives** state their signature once (`#[native]`, docs/natives.md).
pub mod ast_tree;
pub mod ast_tree_import;
pub mod biased_mutex;
pub mod builtins_exec;
pub mod builtins_funcs;
pub mod builtins_init;
pub mod class;
pub mod code_cache;
pub mod codec_route;
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
pub mod suggestions;
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
