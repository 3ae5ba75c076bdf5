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
//! before 3.11). `MAGIC` is the one of the `re` package importing us: 3.11's, the `Lib`
//! this machine has, unless that package says otherwise (see [`magic`]).
mod case;
mod engine;
mod match_obj;
mod pattern;
mod pattern_ops;
mod scanner;
mod sub;
mod subject;

use super::{new_native_module, new_native_type, set_item};
use weft_vm::native::NativeDef;
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

pub const SRE_FLAG_LOCALE: u32 = 4;
pub const SRE_FLAG_UNICODE: u32 = 32;
pub const SRE_FLAG_ASCII: u32 = 256;

/// CPython 3.11's `re._constants.MAGIC`.
const MAGIC_3_11: i64 = 20220615;
/// The `re` versions whose code lists this module runs (same opcode numbering).
const KNOWN_MAGIC: &[i64] = &[MAGIC_3_11];

/// Bytes per code word.
const CODESIZE: i64 = 4;
/// CPython's limits on a 64-bit build (the parser checks against them).
const MAXREPEAT: i64 = u32::MAX as i64;
const MAXGROUPS: i64 = i32::MAX as i64 / 2;

const FUNCS: &[NativeDef] = &[pattern::compile, NativeDef::raw("getcodesize", getcodesize)];

pub fn init(vm: &mut Vm) -> PyResult {
    let (m, d) = new_native_module(vm, "_sre", FUNCS)?;
    weft_vm::root_scope!(vm);
    vm.root(m);
    for f in case::FUNCS {
        let func = vm.new_native(f.name, "_sre", f.f)?;
        set_item(vm, d, f.name, func)?;
    }
    let magic = magic(vm);
    for (name, v) in [
        ("MAGIC", magic),
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

/// The `re` package imports `_sre` from `re._constants` right after setting its MAGIC:
/// answer with that number when its code lists are ones this module runs, so that the
/// compiler's `_sre.MAGIC == MAGIC` check holds; otherwise 3.11's.
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

fn getcodesize(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    weft_vm::helpers::arg_count(vm, "getcodesize", args, 0, 0)?;
    weft_vm::helpers::no_kwargs(vm, "getcodesize", kw)?;
    vm.new_int(CODESIZE)
}

/// Make the Pattern, Match and scanner types; the module keeps them (privately) for
/// `compile`.
fn types(vm: &mut Vm, d: Value) -> PyResult<()> {
    let pt = new_native_type(vm, "Pattern", "re")?;
    vm.add_methods(pt, pattern::METHODS);
    vm.add_methods(pt, pattern_ops::METHODS);
    vm.add_methods(pt, sub::METHODS);
    vm.add_getters(pt, "re.Pattern", pattern::GETTERS);
    let mt = new_native_type(vm, "Match", "re")?;
    vm.add_methods(mt, match_obj::METHODS);
    vm.add_getters(mt, "re.Match", match_obj::GETTERS);
    let st = new_native_type(vm, "SRE_Scanner", "_sre")?;
    vm.add_methods(st, scanner::METHODS);
    vm.add_getters(st, "_sre.SRE_Scanner", scanner::GETTERS);
    set_item(vm, d, "_pattern_type", pt)?;
    set_item(vm, d, "_match_type", mt)?;
    set_item(vm, d, "_scanner_type", st)
}

/// (Match type, scanner type, Pattern type).
fn types_of(vm: &mut Vm) -> PyResult<(Value, Value, Value)> {
    let m = vm.import_module("_sre")?;
    let mt = vm.getattr_str(m, "_match_type")?;
    let st = vm.getattr_str(m, "_scanner_type")?;
    let pt = vm.getattr_str(m, "_pattern_type")?;
    Ok((mt, st, pt))
}
