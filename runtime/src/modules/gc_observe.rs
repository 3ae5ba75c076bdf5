//! What a person can see of the collector while a program runs: the `gc.callbacks`
//! (CPython's `"start"`/`"stop"` calls with their info dict), the `-X gclog=FILE` log
//! (one line per collection) and the pause times behind `-X gcstats`' percentiles.
//!
//! [`install`] hands [`observe`] to the vm ([`weft_vm::vm::Runtime::gc_observer`]);
//! it runs on the collecting thread, before the world stops and after it restarts.
use parking_lot::Mutex;
use std::cell::Cell;
use std::io::Write;
use std::time::Instant;
use weft_gc::CollectStats;
use weft_vm::value::Value;
use weft_vm::vm::{GcEvent, PyResult, Vm};

/// The open `-X gclog` file and the moment times in it count from.
struct Log {
    out: std::io::BufWriter<std::fs::File>,
    start: Instant,
}

static LOG: Mutex<Option<Log>> = Mutex::new(None);
/// Every collection's pause in nanoseconds, in order (for the percentiles).
static PAUSES: Mutex<Vec<u64>> = Mutex::new(Vec::new());

thread_local! {
    /// Set while this thread runs the `gc.callbacks`: a collection they trigger is
    /// done, but does not call them again.
    static IN_CALLBACKS: Cell<bool> = const { Cell::new(false) };
}

/// Observe every collection from now on; with `log`, write one line per collection
/// to that file (created or truncated). Returns the error opening the file.
pub fn install(vm: &mut Vm, log: Option<&str>) -> std::io::Result<()> {
    if let Some(path) = log {
        let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
        writeln!(
            out,
            "# weft gc log: one line per collection; times in microseconds, sizes in bytes"
        )?;
        *LOG.lock() = Some(Log {
            out,
            start: Instant::now(),
        });
    }
    *vm.rt.gc_observer.lock() = Some(observe);
    Ok(())
}

/// Flush the log (at exit).
pub fn flush_log() {
    if let Some(log) = LOG.lock().as_mut() {
        let _ = log.out.flush();
    }
}

/// The pause below which `q` (0..=1) of the collections so far stayed, in ns.
pub fn pause_percentile(q: f64) -> Option<u64> {
    let mut v = PAUSES.lock().clone();
    if v.is_empty() {
        return None;
    }
    v.sort_unstable();
    let i = ((v.len() as f64 * q).ceil() as usize).clamp(1, v.len()) - 1;
    Some(v[i])
}

fn observe(vm: &mut Vm, event: GcEvent<'_>) {
    let stats = match event {
        GcEvent::Start => None,
        GcEvent::Stop(Some(s)) => {
            record(vm, s);
            Some(s.clone())
        }
        GcEvent::Stop(None) => Some(CollectStats::default()),
    };
    if IN_CALLBACKS.with(|c| c.replace(true)) {
        return;
    }
    if let Err(e) = run_callbacks(vm, stats.as_ref()) {
        vm.print_exception(e);
    }
    IN_CALLBACKS.with(|c| c.set(false));
}

/// Keep the pause for the percentiles; write the log line.
fn record(vm: &Vm, s: &CollectStats) {
    PAUSES.lock().push(s.pause_ns);
    if let Some(log) = LOG.lock().as_mut() {
        let threads = vm.rt.world.thread_count();
        let _ = writeln!(log.out, "{}", log_line(log.start, s, threads));
    }
}

/// One log line: `key=value` fields, so a reader can pick what it needs.
fn log_line(start: Instant, s: &CollectStats, threads: usize) -> String {
    let us = |ns: u64| format!("{:.1}", ns as f64 / 1e3);
    format!(
        "t_us={} pause_us={} stop_us={} mark_us={} weak_us={} finalize_us={} sweep_us={} \
         heap_bytes={} live_bytes={} marked={} freed={} freed_bytes={} weakrefs_cleared={} \
         markers={} threads={}",
        us(start.elapsed().as_nanos() as u64),
        us(s.pause_ns),
        us(s.stop_ns),
        us(s.mark_ns),
        us(s.weak_ns),
        us(s.finalize_ns),
        us(s.sweep_ns),
        s.live_bytes + s.freed_bytes,
        s.live_bytes,
        s.marked,
        s.freed,
        s.freed_bytes,
        s.weakrefs_cleared,
        s.marker_threads,
        threads,
    )
}

/// Call each of `gc.callbacks` (if the program imported `gc`) with `"start"` or
/// `"stop"` and CPython's info dict. An exception in one is reported as unraisable
/// and the rest still run.
fn run_callbacks(vm: &mut Vm, stats: Option<&CollectStats>) -> PyResult<()> {
    let Some(gc) = vm.dict_get_str(vm.rt.modules, "gc") else {
        return Ok(());
    };
    let Some(list) = vm.dict_get_str(vm.module_dict(gc), "callbacks") else {
        return Ok(());
    };
    weft_vm::root_scope!(vm);
    vm.root(list);
    (|| {
        // A copy: a callback may change the list.
        let cbs = vm.collect_iter(list)?;
        if cbs.is_empty() {
            return Ok(());
        }
        let cbs = vm.new_tuple(cbs)?;
        vm.with_root(cbs, |vm| call_each(vm, cbs, stats))
    })()
}

fn call_each(vm: &mut Vm, cbs: Value, stats: Option<&CollectStats>) -> PyResult<()> {
    let phase = vm.new_str(if stats.is_some() { "stop" } else { "start" })?;
    weft_vm::root_scope!(vm);
    vm.root(phase);
    let info = vm.new_dict()?;
    vm.root(info);
    let collected = stats.map_or(0, |s| s.freed.min(i64::MAX as usize) as i64);
    for (k, n) in [
        ("generation", 2),
        ("collected", collected),
        ("uncollectable", 0),
    ] {
        let key = vm.intern(k);
        let v = vm.new_int(n)?;
        vm.dict_set(info, key, v)?;
    }
    let n = vm.len(cbs)?;
    for i in 0..n {
        let idx = vm.new_int(i as i64)?;
        let cb = vm.getitem(cbs, idx)?;
        weft_vm::root_scope!(vm);
        vm.root(cb);
        if let Err(e) = vm.call(cb, &[phase, info], &[]) {
            weft_vm::exceptions::report_unraisable(vm, e, cb);
        }
    }
    Ok(())
}
