//! The `time` module: clocks, `sleep` (detached: a sleeping thread never delays a
//! collection), and MicroPython's `ticks_*` / `sleep_ms` / `sleep_us`, which its thread
//! tests use.
use super::new_native_module;
use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use weft_vm::helpers::{arg_count, as_f64, as_int};
use weft_vm::native;
use weft_vm::native::NativeDef;
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

const FUNCS: &[NativeDef] = &[
    time,
    time_ns,
    sleep,
    monotonic,
    monotonic_ns,
    NativeDef::raw("perf_counter", monotonic.f),
    NativeDef::raw("perf_counter_ns", monotonic_ns.f),
    process_time,
    thread_time,
    NativeDef::raw("ticks_ms", ticks_ms),
    NativeDef::raw("ticks_us", ticks_us),
    NativeDef::raw("ticks_ns", ticks_ns),
    NativeDef::raw("ticks_diff", ticks_diff),
    NativeDef::raw("ticks_add", ticks_add),
    NativeDef::raw("sleep_ms", sleep_ms),
    NativeDef::raw("sleep_us", sleep_us),
];

/// MicroPython's ticks wrap at 2**30 (its small-int range); we keep that period so
/// `ticks_diff` arithmetic behaves as MicroPython programs expect.
const TICKS_PERIOD: i64 = 1 << 30;

/// `time.get_clock_info(name)`: how each clock is read (all from `clock_gettime`).
const CLOCK_INFO: &str = r#"
def get_clock_info(name):
    clocks = {"time": ("CLOCK_REALTIME", True, False),
              "monotonic": ("CLOCK_MONOTONIC", False, True),
              "perf_counter": ("CLOCK_MONOTONIC", False, True),
              "process_time": ("CLOCK_PROCESS_CPUTIME_ID", False, True),
              "thread_time": ("CLOCK_THREAD_CPUTIME_ID", False, True)}
    if name not in clocks:
        raise ValueError("unknown clock")
    from types import SimpleNamespace
    clock, adjustable, monotonic = clocks[name]
    return SimpleNamespace(implementation="clock_gettime(%s)" % clock, monotonic=monotonic,
                           adjustable=adjustable, resolution=1e-09)
"#;

pub fn init(vm: &mut Vm) -> PyResult {
    let (m, d) = new_native_module(vm, "time", FUNCS)?;
    weft_vm::root_scope!(vm);
    vm.root(m);
    let r = (|| {
        for def in super::time_calendar::FUNCS {
            let f = vm.new_native(def.name, "time", def.f)?;
            super::set_item(vm, d, def.name, f)?;
        }
        super::time_calendar::init(vm, d)?;
        vm.exec_in_module(CLOCK_INFO, "<time>", m).map(|_| ())
    })();
    r.map(|_| m)
}

/// The process's monotonic origin.
fn origin() -> Instant {
    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    *ORIGIN.get_or_init(Instant::now)
}

fn since_epoch() -> Duration {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default()
}

#[native(name = "time")]
fn time(vm: &mut Vm) -> PyResult {
    vm.new_float(since_epoch().as_secs_f64())
}

#[native(name = "time_ns")]
fn time_ns(vm: &mut Vm) -> PyResult {
    vm.new_int(since_epoch().as_nanos() as i64)
}

#[native(name = "monotonic")]
fn monotonic(vm: &mut Vm) -> PyResult {
    vm.new_float(origin().elapsed().as_secs_f64())
}

#[native(name = "monotonic_ns")]
fn monotonic_ns(vm: &mut Vm) -> PyResult {
    vm.new_int(origin().elapsed().as_nanos() as i64)
}

/// CPU time of a clock id (process or thread), in seconds.
fn cpu_clock(id: libc::clockid_t) -> f64 {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: ts is a valid, writable timespec; the clock ids are standard.
    unsafe { libc::clock_gettime(id, &mut ts) };
    ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
}

#[native(name = "process_time")]
fn process_time(vm: &mut Vm) -> PyResult {
    vm.new_float(cpu_clock(libc::CLOCK_PROCESS_CPUTIME_ID))
}

#[native(name = "thread_time")]
fn thread_time(vm: &mut Vm) -> PyResult {
    vm.new_float(cpu_clock(libc::CLOCK_THREAD_CPUTIME_ID))
}

/// Sleep detached, so a collection can run meanwhile (DESIGN.md invariant 2); a signal
/// handler's exception (KeyboardInterrupt) ends it (`weft_vm::signals`).
fn sleep_detached(vm: &mut Vm, d: Duration) -> PyResult<()> {
    vm.sleep_interruptibly(d)
}

#[native(name = "sleep")]
fn sleep(vm: &mut Vm, secs_arg: Value) -> PyResult {
    let Some(secs) = as_f64(secs_arg) else {
        let tn = vm.type_name(secs_arg);
        return Err(vm.type_error(format!(
            "'{tn}' object cannot be interpreted as an integer or float"
        )));
    };
    if secs.is_nan() {
        return Err(vm.value_error("Invalid value NaN (not a number)"));
    }
    if secs < 0.0 {
        return Err(vm.value_error("sleep length must be non-negative"));
    }
    if secs > 9.2e9 {
        return Err(vm.overflow_error("timestamp too large to convert to C _PyTime_t"));
    }
    sleep_detached(vm, Duration::from_secs_f64(secs))?;
    Ok(Value::NONE)
}

/// An int argument for the MicroPython functions.
fn int_arg(vm: &mut Vm, name: &str, args: &[Value], n: usize) -> PyResult<Vec<i64>> {
    arg_count(vm, name, args, n, n)?;
    args.iter()
        .map(|&a| {
            as_int(a).ok_or_else(|| {
                let tn = vm.type_name(a);
                vm.type_error(format!("can't convert {tn} to int"))
            })
        })
        .collect()
}

fn sleep_ms(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let ms = int_arg(vm, "sleep_ms", args, 1)?[0];
    sleep_detached(vm, Duration::from_millis(ms.max(0) as u64))?;
    Ok(Value::NONE)
}

fn sleep_us(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let us = int_arg(vm, "sleep_us", args, 1)?[0];
    sleep_detached(vm, Duration::from_micros(us.max(0) as u64))?;
    Ok(Value::NONE)
}

fn ticks(vm: &mut Vm, unit_ns: u128) -> PyResult {
    let t = (origin().elapsed().as_nanos() / unit_ns) as i64;
    vm.new_int(t.rem_euclid(TICKS_PERIOD))
}

fn ticks_ms(vm: &mut Vm, _args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    ticks(vm, 1_000_000)
}

fn ticks_us(vm: &mut Vm, _args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    ticks(vm, 1_000)
}

fn ticks_ns(vm: &mut Vm, _args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    ticks(vm, 1)
}

/// `ticks_diff(new, old)`: the signed difference in the wrapped ticks period.
fn ticks_diff(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let a = int_arg(vm, "ticks_diff", args, 2)?;
    let half = TICKS_PERIOD / 2;
    let d = (a[0] - a[1] + half).rem_euclid(TICKS_PERIOD) - half;
    vm.new_int(d)
}

fn ticks_add(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let a = int_arg(vm, "ticks_add", args, 2)?;
    vm.new_int((a[0] + a[1]).rem_euclid(TICKS_PERIOD))
}
