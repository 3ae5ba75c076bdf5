//! The `gc` module: CPython's interface over weft's tracing collector, plus
//! MicroPython's `mem_alloc()`, `mem_free()` and `threshold()` (DESIGN.md invariant 9).
use super::{new_native_module, set_item};
use std::sync::atomic::Ordering;
use weft_gc::Heap;
use weft_vm::helpers::{arg_count, as_int, kwarg, no_kwargs};
use weft_vm::native;
use weft_vm::native::NativeDef;
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

const FUNCS: &[NativeDef] = &[
    NativeDef::raw("collect", collect),
    enable,
    disable,
    isenabled,
    mem_alloc,
    mem_free,
    NativeDef::raw("threshold", threshold),
    get_stats,
    NativeDef::raw("get_threshold", get_threshold),
    set_threshold,
    NativeDef::raw("get_count", get_count),
    is_tracked,
    is_finalized,
    NativeDef::raw("get_objects", super::gc_heap::get_objects),
    NativeDef::raw("get_referents", super::gc_heap::get_referents),
    NativeDef::raw("get_referrers", super::gc_heap::get_referrers),
];

/// The debugging flags (recorded and returned; weft's collector prints no statistics and
/// keeps no unreachable objects in `garbage`), and the no-op permanent generation.
const DEBUG: &str = r#"
DEBUG_STATS, DEBUG_COLLECTABLE, DEBUG_UNCOLLECTABLE, DEBUG_SAVEALL = 1, 2, 4, 32
DEBUG_LEAK = DEBUG_COLLECTABLE | DEBUG_UNCOLLECTABLE | DEBUG_SAVEALL
_debug_flags = [0]

def set_debug(flags):
    if type(flags) is not int:
        raise TypeError("'%s' object cannot be interpreted as an integer"
                        % type(flags).__name__)
    _debug_flags[0] = flags

def get_debug():
    return _debug_flags[0]

def freeze():
    pass

def unfreeze():
    pass

def get_freeze_count():
    return 0
"#;

pub fn init(vm: &mut Vm) -> PyResult {
    let (m, d) = new_native_module(vm, "gc", FUNCS)?;
    weft_vm::root_scope!(vm);
    vm.root(m);
    let r = (|| {
        let garbage = vm.new_list(Vec::new())?;
        set_item(vm, d, "garbage", garbage)?;
        let callbacks = vm.new_list(Vec::new())?;
        set_item(vm, d, "callbacks", callbacks)?;
        vm.exec_in_module(DEBUG, "<gc>", m).map(|_| ())
    })();
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
    let freed = vm.collect_explicit();
    int(vm, freed)
}

#[native(name = "enable")]
fn enable(vm: &mut Vm) -> PyResult {
    vm.rt.gc_enabled.store(true, Ordering::Relaxed);
    Ok(Value::NONE)
}

#[native(name = "disable")]
fn disable(vm: &mut Vm) -> PyResult {
    vm.rt.gc_enabled.store(false, Ordering::Relaxed);
    Ok(Value::NONE)
}

#[native(name = "isenabled")]
fn isenabled(vm: &mut Vm) -> PyResult {
    Ok(Value::bool(vm.rt.gc_enabled.load(Ordering::Relaxed)))
}

#[native(name = "mem_alloc")]
fn mem_alloc(vm: &mut Vm) -> PyResult {
    let rt = vm.rt.clone();
    vm.alloc.flush(&rt.heap);
    let n = rt.heap.mem_alloc();
    int(vm, n)
}

#[native(name = "mem_free")]
fn mem_free(vm: &mut Vm) -> PyResult {
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

fn int64(vm: &mut Vm, n: u64) -> PyResult {
    vm.new_int(n.min(i64::MAX as u64) as i64)
}

/// `gc.get_stats()`, in CPython's shape: a list of three dicts, one per generation, with
/// the keys `'collections'`, `'collected'` and `'uncollectable'`.
///
/// weft's collector has a single generation and every collection is full, which CPython
/// calls a generation-2 collection: so generations 0 and 1 report zeros and generation
/// 2 counts every collection since start (`'collected'`: objects freed; `'uncollectable'`:
/// always 0, weft has no `gc.garbage`). Generation 2's dict also carries weft's own
/// figures, totals since start unless named otherwise (times in nanoseconds):
/// `pause_ns_total`, `pause_ns_max`, `pause_ns_mean` (pauses include the time to stop
/// the world), `stop_ns_total`, `stop_ns_max`, `mark_ns_total`, `weak_ns_total`,
/// `finalize_ns_total`, `sweep_ns_total`, `verify_ns_total`, `marked_total`,
/// `resurrected_total`, `freed_bytes_total`, `weakrefs_cleared_total`,
/// `callbacks_queued_total`, `finalizers_queued_total`, and, for the last collection,
/// `live_bytes` and `marker_threads`.
#[native(name = "get_stats")]
fn get_stats(vm: &mut Vm) -> PyResult {
    let s = vm.rt.heap.stats_summary();
    let last = s.last.clone().unwrap_or_default();
    let list = vm.new_list(Vec::new())?;
    weft_vm::root_scope!(vm);
    vm.root(list);
    (|| {
        for generation in 0..3 {
            let d = vm.new_dict()?;
            vm.call_method(list, "append", &[d])?;
            let full = generation == 2;
            let base: [(&str, u64); 3] = [
                ("collections", if full { s.collections } else { 0 }),
                ("collected", if full { s.freed_total } else { 0 }),
                ("uncollectable", 0),
            ];
            for (k, n) in base {
                let v = int64(vm, n)?;
                set_item(vm, d, k, v)?;
            }
            if !full {
                continue;
            }
            let extra: [(&str, u64); 19] = [
                ("pause_ns_total", s.pause_ns_total),
                ("pause_ns_max", s.pause_ns_max),
                ("pause_ns_mean", s.pause_ns_mean()),
                ("stop_ns_total", s.stop_ns_total),
                ("stop_ns_max", s.stop_ns_max),
                ("mark_ns_total", s.mark_ns_total),
                ("weak_ns_total", s.weak_ns_total),
                ("finalize_ns_total", s.finalize_ns_total),
                ("sweep_ns_total", s.sweep_ns_total),
                ("verify_ns_total", s.verify_ns_total),
                ("marked_total", s.marked_total),
                ("resurrected_total", s.resurrected_total),
                ("freed_bytes_total", s.freed_bytes_total),
                ("weakrefs_cleared_total", s.weakrefs_cleared_total),
                ("callbacks_queued_total", s.callbacks_queued_total),
                ("finalizers_queued_total", s.finalizers_queued_total),
                ("live_bytes", last.live_bytes as u64),
                ("marker_threads", last.marker_threads as u64),
                ("verify", vm.rt.heap.verify_enabled() as u64),
            ];
            for (k, n) in extra {
                let v = int64(vm, n)?;
                set_item(vm, d, k, v)?;
            }
        }
        Ok(list)
    })()
}

/// The `-X gcstats` report: the collector's totals since start, human-readable.
pub fn format_gcstats(heap: &Heap) -> String {
    let s = heap.stats_summary();
    let ms = |ns: u64| format!("{:.3} ms", ns as f64 / 1e6);
    let last = s.last.clone().unwrap_or_default();
    let mut out = String::from("weft gc statistics\n");
    let mut line = |k: &str, v: String| out.push_str(&format!("  {k:<20} {v}\n"));
    line("collections", s.collections.to_string());
    line(
        "pause",
        format!(
            "total {}, max {}, mean {} (stopping the world included)",
            ms(s.pause_ns_total),
            ms(s.pause_ns_max),
            ms(s.pause_ns_mean())
        ),
    );
    line(
        "stop the world",
        format!("total {}, max {}", ms(s.stop_ns_total), ms(s.stop_ns_max)),
    );
    line("mark", format!("total {}", ms(s.mark_ns_total)));
    line("weak processing", format!("total {}", ms(s.weak_ns_total)));
    line("finalisation", format!("total {}", ms(s.finalize_ns_total)));
    line("sweep", format!("total {}", ms(s.sweep_ns_total)));
    line(
        "verifier",
        format!(
            "{}, total {}",
            if heap.verify_enabled() { "on" } else { "off" },
            ms(s.verify_ns_total)
        ),
    );
    line(
        "objects marked",
        format!("{} (resurrected {})", s.marked_total, s.resurrected_total),
    );
    line(
        "objects freed",
        format!("{} ({} bytes)", s.freed_total, s.freed_bytes_total),
    );
    line(
        "weakrefs cleared",
        format!(
            "{} (callbacks queued {})",
            s.weakrefs_cleared_total, s.callbacks_queued_total
        ),
    );
    line("finalizers queued", s.finalizers_queued_total.to_string());
    line("live after last gc", format!("{} bytes", last.live_bytes));
    line(
        "heap now",
        format!(
            "{} bytes allocated, {} chunks ({} bytes)",
            heap.mem_alloc(),
            heap.chunk_count(),
            heap.heap_bytes()
        ),
    );
    line("marker threads", heap.marker_threads().to_string());
    if let (Some(p50), Some(p99)) = (
        super::gc_observe::pause_percentile(0.50),
        super::gc_observe::pause_percentile(0.99),
    ) {
        line(
            "pause percentiles",
            format!("p50 {}, p99 {}", ms(p50), ms(p99)),
        );
    }
    out
}

/// Print the `-X gcstats` report to stderr (at interpreter exit).
pub fn print_gcstats(heap: &Heap) {
    use std::io::Write;
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(format_gcstats(heap).as_bytes());
    let _ = err.flush();
}

fn get_threshold(vm: &mut Vm, _args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let v = [2000, 10, 0].map(|i| Value::small_int(i).unwrap());
    vm.new_tuple(v.to_vec())
}

/// CPython's generation thresholds mean nothing here: accepted and ignored.
#[native(name = "set_threshold")]
fn set_threshold(
    _vm: &mut Vm,
    _threshold0: Value,
    _threshold1: Option<Value>,
    _threshold2: Option<Value>,
) -> PyResult {
    Ok(Value::NONE)
}

fn get_count(vm: &mut Vm, _args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let z = Value::small_int(0).unwrap();
    vm.new_tuple(vec![z, z, z])
}

/// Heap objects other than atoms (str, bytes, numbers), as `get_objects` lists them.
/// CPython also leaves some dicts and tuples of atoms untracked; weft tracks them.
#[native(name = "is_tracked")]
fn is_tracked(vm: &mut Vm, obj: Value) -> PyResult {
    Ok(Value::bool(
        obj.is_heap() && super::gc_heap::tracked(vm, obj),
    ))
}

#[native(name = "is_finalized")]
fn is_finalized(_vm: &mut Vm, _obj: Value) -> PyResult {
    Ok(Value::FALSE)
}
