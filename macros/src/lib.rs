//! weft-macros: the two macros that keep the vm's safety rules out of human memory.
//!
//! - `#[derive(Trace)]` (`trace.rs`): a payload's `Trace` impl, tracing every field, so a
//!   `Value` added to a payload later cannot be forgotten by the collector.
//! - `#[native]` (`native.rs`): a Rust function with a typed Python signature becomes a
//!   `NativeDef` whose entry point checks and converts the arguments (see
//!   `weft_vm::native`).
//!
//! Both expand to paths under `::weft_vm`, which the vm crate itself names with
//! `extern crate self as weft_vm`.
use proc_macro::TokenStream;

mod native;
mod trace;

/// Implements `weft_vm::trace::Trace` by tracing every field in order. A field that must
/// not be traced carries `#[unsafe_untraced = "reason"]`.
#[proc_macro_derive(Trace, attributes(unsafe_untraced))]
pub fn derive_trace(input: TokenStream) -> TokenStream {
    let input = syn::parse_macro_input!(input as syn::DeriveInput);
    trace::expand(input)
        .unwrap_or_else(|e| e.to_compile_error())
        .into()
}

/// Declares a native function: see the module doc of `weft_vm::native` and
/// `macros/src/native.rs` for the grammar.
#[proc_macro_attribute]
pub fn native(attr: TokenStream, item: TokenStream) -> TokenStream {
    let item = syn::parse_macro_input!(item as syn::ItemFn);
    native::expand(attr.into(), item)
        .unwrap_or_else(|e| e.to_compile_error())
        .into()
}
