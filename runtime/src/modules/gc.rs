//! The `gc` module: CPython's interface over weft's tracing collector, plus
//! MicroPython's `mem_alloc()`, `mem_free()` and `threshold()` (DESIGN.md invariant 9).
use super::{new_native_module, set_item};
use std::sync::atomic::Ordering;
use weft_vm::helpers::{arg_count, as_int, kwarg, no_kwargs};
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

const FUNCS: &[(&str, weft_vm::objects::builtin_fn::NativeFn)] = &[
    ("collect", collect),
    ("enable", enable),
    ("disable", disable),
    ("isenabled", isenabled),
    ("mem_alloc", mem_alloc),
    ("mem_free", mem_free),
    ("threshold", threshold),
    ("get_stats", get_stats),
    ("get_threshold", get_threshold),
    ("set_threshold", set_threshold),
    ("get_count", get_count),
    ("is_tracked", is_tracked),
    ("is_finalized", is_finalized),
];

pub fn init(vm: &mut Vm) -> PyResult {
    let (m, d) = new_native_module(vm, "gc", FUNCS)?;
    vm.push_root(m);
    let r = (|| {
        let garbage = vm.new_list(Vec::new())?;
        set_item(vm, d, "garbage", garbage)?;
        let callbacks = vm.new_list(Vec::new())?;
        set_item(vm, d, "callbacks", callbacks)
    })();
    vm.pop_roots(1);
    r.map(|_| m)
}

fn int(vm: &mut Vm, n: usize) -> PyResult {
    vm.new_int(n.min(i64::MAX as usize) as i64)
}

/// `gc.collect(generation=2)`: a full collection; returns the number of objects freed.
fn collect(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "collect", args, 0, 1)?;
    let generation = args.first().copied().or_else(|| kwarg(kw, "generation"));
    if let Some(g) = generation {
        match as_int(g) {
            Some(0..=2) => {}
            Some(_) => return Err(vm.value_error("invalid generation")),
            None => {
                let t = vm.type_name(g);
                return Err(
                    vm.type_error(format!("'{t}' object cannot be interpreted as an integer"))
                );
            }
        }
    }
    let freed = vm.collect();
    int(vm, freed)
}

fn enable(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "enable", args, 0, 0)?;
    vm.rt.gc_enabled.store(true, Ordering::Relaxed);
    Ok(Value::NONE)
}

fn disable(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "disable", args, 0, 0)?;
    vm.rt.gc_enabled.store(false, Ordering::Relaxed);
    Ok(Value::NONE)
}

fn isenabled(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "isenabled", args, 0, 0)?;
    Ok(Value::bool(vm.rt.gc_enabled.load(Ordering::Relaxed)))
}

fn mem_alloc(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "mem_alloc", args, 0, 0)?;
    let n = vm.rt.heap.mem_alloc();
    int(vm, n)
}

fn mem_free(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "mem_free", args, 0, 0)?;
    let n = vm.rt.heap.mem_free();
    int(vm, n)
}

/// MicroPython's `gc.threshold([bytes])`: query (-1 = never) or set the number of bytes
/// allocated after which a collection is requested.
fn threshold(vm: &mut Vm, args: &[Value], kw: &[(Value, Value)]) -> PyResult {
    no_kwargs(vm, "threshold", kw)?;
    arg_count(vm, "threshold", args, 0, 1)?;
    match args.first() {
        None => {
            let t = vm.rt.heap.threshold();
            if t >= i64::MAX as usize {
                Ok(Value::small_int(-1).unwrap())
            } else {
                int(vm, t)
            }
        }
        Some(&v) => {
            let Some(n) = as_int(v) else {
                let t = vm.type_name(v);
                return Err(
                    vm.type_error(format!("'{t}' object cannot be interpreted as an integer"))
                );
            };
            vm.rt
                .heap
                .set_threshold(if n < 0 { usize::MAX } else { n as usize });
            Ok(Value::NONE)
        }
    }
}

/// One dict per recorded collection (oldest first) with the collector's statistics.
fn get_stats(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "get_stats", args, 0, 0)?;
    let stats = vm.rt.heap.stats();
    let list = vm.new_list(Vec::new())?;
    vm.push_root(list);
    let r = (|| {
        for s in stats {
            let d = vm.new_dict()?;
            vm.call_method(list, "append", &[d])?;
            let fields: [(&str, usize); 9] = [
                ("pause_ns", s.pause_ns as usize),
                ("mark_ns", s.mark_ns as usize),
                ("weak_ns", s.weak_ns as usize),
                ("sweep_ns", s.sweep_ns as usize),
                ("marked", s.marked),
                ("freed", s.freed),
                ("freed_bytes", s.freed_bytes),
                ("weakrefs_cleared", s.weakrefs_cleared),
                ("live_bytes", s.live_bytes),
            ];
            for (k, n) in fields {
                let v = int(vm, n)?;
                set_item(vm, d, k, v)?;
            }
        }
        Ok(list)
    })();
    vm.pop_roots(1);
    r
}

fn get_threshold(vm: &mut Vm, _args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let v = [2000, 10, 0].map(|i| Value::small_int(i).unwrap());
    vm.new_tuple(v.to_vec())
}

/// CPython's generation thresholds mean nothing here: accepted and ignored.
fn set_threshold(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "set_threshold", args, 1, 3)?;
    Ok(Value::NONE)
}

fn get_count(vm: &mut Vm, _args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let z = Value::small_int(0).unwrap();
    vm.new_tuple(vec![z, z, z])
}

fn is_tracked(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "is_tracked", args, 1, 1)?;
    Ok(Value::bool(args[0].is_heap()))
}

fn is_finalized(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    arg_count(vm, "is_finalized", args, 1, 1)?;
    Ok(Value::FALSE)
}
