//! `_sre`: the native half of CPython's `re` package. The pure-Python `re` from CPython's
//! `Lib` parses a pattern and compiles it to a list of engine words (`re._compiler`);
//! `_sre.compile` wraps that list in a `re.Pattern`, whose methods run it with the
//! `rustpython-sre_engine` crate (CPython's matching engine, opcode for opcode).
//!
//! Files: `subject.rs` (str/bytes subjects and the engine's view of them), `engine.rs`
//! (running the engine), `pattern.rs` (the Pattern type), `pattern_ops.rs` (match,
//! search, findall, finditer, split, scanner), `sub.rs` (sub, subn), `match_obj.rs` (the
//! Match type), `scanner.rs` (the scanner type), `case.rs` (case helpers for the compiler).
//!
//! Versions: the crate's opcode numbering is that of CPython 3.11 to 3.13 (it differs
//! before 3.11). `MAGIC` is the one of the `re` package using us, if it is one of those
//! (see [`module_getattr`]); 3.12's and later `re` fill replacement templates natively
//! (`template.rs`), 3.11's in Python.
mod case;
mod engine;
mod first;
mod linear;
mod match_obj;
mod pattern;
mod pattern_ops;
mod regs;
mod scanner;
mod sub;
mod subject;
mod template;

use super::{new_native_module, new_native_type, set_item};
use weft_vm::native;
use weft_vm::native::NativeDef;
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

pub const SRE_FLAG_LOCALE: u32 = 4;
pub const SRE_FLAG_UNICODE: u32 = 32;
pub const SRE_FLAG_ASCII: u32 = 256;

/// CPython 3.11's `re._constants.MAGIC`.
const MAGIC_3_11: i64 = 20220615;
/// The `re` versions whose code lists this module runs (3.11, 3.12, 3.13: the same opcode
/// numbering; 3.12 added `_sre.template` and fills templates natively).
const KNOWN_MAGIC: &[i64] = &[MAGIC_3_11, 20221023, 20230612];

/// Bytes per code word.
const CODESIZE: i64 = 4;
/// CPython's limits on a 64-bit build (the parser checks against them).
const MAXREPEAT: i64 = u32::MAX as i64;
const MAXGROUPS: i64 = i32::MAX as i64 / 2;

const FUNCS: &[NativeDef] = &[pattern::compile, template::t_template, getcodesize];

pub fn init(vm: &mut Vm) -> PyResult {
    let (m, d) = new_native_module(vm, "_sre", FUNCS)?;
    weft_vm::root_scope!(vm);
    vm.root(m);
    for f in case::FUNCS {
        let func = vm.new_native(f.name, "_sre", f.f)?;
        set_item(vm, d, f.name, func)?;
    }
    let ga = vm.new_native("__getattr__", "_sre", module_getattr)?;
    set_item(vm, d, "__getattr__", ga)?;
    for (name, v) in [
        ("CODESIZE", CODESIZE),
        ("MAXREPEAT", MAXREPEAT),
        ("MAXGROUPS", MAXGROUPS),
    ] {
        let v = vm.new_int(v)?;
        set_item(vm, d, name, v)?;
    }
    let c = vm.new_str(" SRE 2.2.2 Copyright (c) 1997-2002 by Secret Labs AB ")?;
    set_item(vm, d, "copyright", c)?;
    types(vm, d)?;
    Ok(m)
}

/// `_sre.MAGIC` is computed when read (a module `__getattr__`): `re._compiler` checks
/// `_sre.MAGIC == MAGIC` once `re._constants` has set its MAGIC, and the answer is that
/// number when its code lists are ones this module runs (3.11 to 3.13), 3.11's otherwise.
fn module_getattr(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    weft_vm::helpers::arg_count(vm, "__getattr__", args, 1, 1)?;
    weft_vm::helpers::no_kwargs(vm, "__getattr__", kw)?;
    if weft_vm::helpers::as_str(&args[0]) == Some("MAGIC") {
        let m = magic(vm);
        return vm.new_int(m);
    }
    let n = vm.repr(args[0])?;
    let n = n.trim_matches('\'');
    Err(vm.attribute_error(format!("module '_sre' has no attribute '{n}'")))
}

fn magic(vm: &mut Vm) -> i64 {
    let modules = vm.rt.modules;
    let lib = vm
        .dict_get_str(modules, "re._constants")
        .and_then(|c| vm.getattr_str(c, "MAGIC").ok())
        .and_then(weft_vm::helpers::as_int);
    match lib {
        Some(m) if KNOWN_MAGIC.contains(&m) => m,
        _ => MAGIC_3_11,
    }
}

#[native(name = "getcodesize")]
fn getcodesize(vm: &mut Vm) -> PyResult {
    vm.new_int(CODESIZE)
}

/// Make the Pattern, Match and scanner types; the module keeps them (privately) for
/// `compile`.
fn types(vm: &mut Vm, d: Value) -> PyResult<()> {
    let pt = crate::modules::new_native_type_with(vm, "Pattern", "re", true)?;
    vm.add_methods(pt, pattern::METHODS);
    vm.add_methods(pt, pattern_ops::METHODS);
    vm.add_methods(pt, sub::METHODS);
    vm.add_getters(pt, "re.Pattern", pattern::GETTERS);
    let mt = new_native_type(vm, "Match", "re")?;
    vm.add_methods(mt, match_obj::METHODS);
    vm.add_getters(mt, "re.Match", match_obj::GETTERS);
    for t in [pt, mt] {
        class_getitem(vm, t)?;
    }
    let st = new_native_type(vm, "SRE_Scanner", "_sre")?;
    vm.add_methods(st, scanner::METHODS);
    vm.add_getters(st, "_sre.SRE_Scanner", scanner::GETTERS);
    let tt = new_native_type(vm, "SRE_Template", "_sre")?;
    set_item(vm, d, "_template_type", tt)?;
    set_item(vm, d, "_pattern_type", pt)?;
    set_item(vm, d, "_match_type", mt)?;
    set_item(vm, d, "_scanner_type", st)
}

/// `re.Pattern[str]`, `re.Match[bytes]`: generic aliases (`__class_getitem__` is a
/// class method, as in Python classes).
fn class_getitem(vm: &mut Vm, t: Value) -> PyResult<()> {
    let f = vm.new_native("__class_getitem__", "re", generic_alias)?;
    weft_vm::root_scope!(vm);
    vm.root(f);
    let cmt = vm.rt.types.classmethod;
    let cm = vm.alloc(cmt, weft_vm::objects::function::ClassMethod(f))?;
    vm.add_attr(t, "__class_getitem__", cm);
    Ok(())
}

fn generic_alias(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    weft_vm::helpers::arg_count(vm, "__class_getitem__", args, 2, 2)?;
    let types = vm.import_module("types")?;
    let ga = vm.with_root(types, |vm| vm.getattr_str(types, "GenericAlias"))?;
    vm.with_root(ga, |vm| vm.call(ga, args, &[]))
}

/// (Match type, scanner type, Pattern type).
fn types_of(vm: &mut Vm) -> PyResult<(Value, Value, Value)> {
    let mt = module_attr(vm, "_match_type")?;
    let st = module_attr(vm, "_scanner_type")?;
    let pt = module_attr(vm, "_pattern_type")?;
    Ok((mt, st, pt))
}

/// An attribute of the `_sre` module.
fn module_attr(vm: &mut Vm, name: &str) -> PyResult {
    let m = vm.import_module("_sre")?;
    vm.getattr_str(m, name)
}

/// `re.NAME` if the `re` package has it (which hooks it offers depends on its version).
fn re_hook(vm: &mut Vm, name: &str) -> PyResult<Option<Value>> {
    let re = vm.import_module("re")?;
    Ok(vm.getattr_str(re, name).ok())
}
