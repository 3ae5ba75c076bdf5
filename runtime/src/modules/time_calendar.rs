//! The `time` module's calendar half: `localtime`, `gmtime`, `mktime`, `strftime`,
//! `asctime`, `ctime`, `strptime` and the time-zone constants, on the C library's
//! `localtime_r`/`gmtime_r`/`mktime`/`strftime` (so the TZ rules are the system's, as
//! in CPython). `struct_time` is the frozen Python class in `py/_struct_time.py`.
use weft_vm::helpers::{as_f64, as_int, as_str};
use weft_vm::native;
use weft_vm::native::NativeDef;
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

unsafe extern "C" {
    /// POSIX tzset(3) (not in the libc crate's Linux list).
    #[link_name = "tzset"]
    fn c_tzset();
}

pub const FUNCS: &[NativeDef] = &[
    NativeDef::raw("localtime", localtime),
    NativeDef::raw("gmtime", gmtime),
    mktime,
    NativeDef::raw("strftime", strftime),
    NativeDef::raw("asctime", asctime),
    NativeDef::raw("ctime", ctime),
    NativeDef::raw("strptime", strptime),
    tzset,
];

/// Add `struct_time` and the time-zone constants to the module dict `d`.
pub fn init(vm: &mut Vm, d: Value) -> PyResult<()> {
    let m = vm.import_module("_struct_time")?;
    let st = vm.getattr_str(m, "struct_time")?;
    set(vm, d, "struct_time", st)?;
    // How many items a struct_time takes (Lib's _strptime builds them with it).
    set(
        vm,
        d,
        "_STRUCT_TM_ITEMS",
        Value::small_int(11).expect("small"),
    )?;
    zone_constants(vm, d)
}

fn set(vm: &mut Vm, d: Value, name: &str, v: Value) -> PyResult<()> {
    let k = vm.intern(name);
    vm.dict_set(d, k, v)
}

/// `timezone`, `altzone`, `daylight`, `tzname` from the zone's January and July offsets.
fn zone_constants(vm: &mut Vm, d: Value) -> PyResult<()> {
    // SAFETY: tzset only reads TZ and sets the C library's zone globals.
    unsafe { c_tzset() };
    let now = unsafe { libc::time(std::ptr::null_mut()) };
    let year = 365 * 24 * 3600;
    let jan = broken_down(now - now % year, true);
    let jul = broken_down(now - now % year + year / 2, true);
    let (jan, jul) = (jan.unwrap_or_else(zeroed_tm), jul.unwrap_or_else(zeroed_tm));
    let (std_tm, dst_tm) = if jan.tm_gmtoff <= jul.tm_gmtoff {
        (jan, jul)
    } else {
        (jul, jan)
    };
    let timezone = vm.new_int(-std_tm.tm_gmtoff)?;
    set(vm, d, "timezone", timezone)?;
    let altzone = vm.new_int(-dst_tm.tm_gmtoff)?;
    set(vm, d, "altzone", altzone)?;
    let daylight = vm.new_int((jan.tm_gmtoff != jul.tm_gmtoff) as i64)?;
    set(vm, d, "daylight", daylight)?;
    let names = [zone_name(&std_tm), zone_name(&dst_tm)];
    let a = vm.new_str(&names[0])?;
    weft_vm::root_scope!(vm);
    vm.root(a);
    let b = vm.new_str(&names[1]);
    let t = b.and_then(|b| vm.new_tuple(vec![a, b]));
    set(vm, d, "tzname", t?)
}

fn zeroed_tm() -> libc::tm {
    // SAFETY: an all-zero `struct tm` is a valid value (tm_zone NULL).
    unsafe { std::mem::zeroed() }
}

fn zone_name(tm: &libc::tm) -> String {
    if tm.tm_zone.is_null() {
        return String::new();
    }
    // SAFETY: the C library points tm_zone at a NUL-terminated static string.
    unsafe { std::ffi::CStr::from_ptr(tm.tm_zone) }
        .to_string_lossy()
        .into_owned()
}

/// `t` broken down in local time or UTC; None if the C library cannot.
fn broken_down(t: libc::time_t, local: bool) -> Option<libc::tm> {
    let mut tm = zeroed_tm();
    // SAFETY: the reentrant forms write only into `tm`.
    let ok = unsafe {
        if local {
            !libc::localtime_r(&t, &mut tm).is_null()
        } else {
            !libc::gmtime_r(&t, &mut tm).is_null()
        }
    };
    ok.then_some(tm)
}

/// The seconds argument of localtime/gmtime/ctime: now when absent or None.
fn seconds_arg(vm: &mut Vm, args: &[Value], name: &str) -> PyResult<libc::time_t> {
    weft_vm::helpers::arg_count(vm, name, args, 0, 1)?;
    match args.first() {
        None => Ok(unsafe { libc::time(std::ptr::null_mut()) }),
        Some(v) if v.is_none() => Ok(unsafe { libc::time(std::ptr::null_mut()) }),
        Some(&v) => {
            let Some(f) = as_f64(v) else {
                let tn = vm.type_name(v);
                return Err(
                    vm.type_error(format!("'{tn}' object cannot be interpreted as an integer"))
                );
            };
            if !f.is_finite() {
                return Err(vm.value_error("Invalid value NaN (not a number)"));
            }
            if f.abs() > 1e17 {
                return Err(vm.overflow_error("timestamp out of range for platform time_t"));
            }
            Ok(f.floor() as libc::time_t)
        }
    }
}

/// A `struct_time` for `tm`.
fn make_struct_time(vm: &mut Vm, tm: &libc::tm) -> PyResult {
    let wday = (tm.tm_wday + 6) % 7; // Monday is 0
    let nums = [
        tm.tm_year as i64 + 1900,
        tm.tm_mon as i64 + 1,
        tm.tm_mday as i64,
        tm.tm_hour as i64,
        tm.tm_min as i64,
        tm.tm_sec as i64,
        wday as i64,
        tm.tm_yday as i64 + 1,
        tm.tm_isdst as i64,
    ];
    let mut items: Vec<Value> = nums
        .iter()
        .map(|&n| Value::small_int(n).expect("small"))
        .collect();
    let zone = vm.new_str(&zone_name(tm))?;
    weft_vm::root_scope!(vm);
    vm.root(zone);
    items.push(zone);
    items.push(Value::small_int(tm.tm_gmtoff).expect("small"));
    (|| {
        let t = vm.new_tuple(items)?;
        weft_vm::root_scope!(vm);
        vm.root(t);
        let m = vm.import_module("_struct_time");
        m.and_then(|m| vm.getattr_str(m, "struct_time"))
            .and_then(|cls| vm.call(cls, &[t], &[]))
    })()
}

fn localtime(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let t = seconds_arg(vm, args, "localtime")?;
    match broken_down(t, true) {
        Some(tm) => make_struct_time(vm, &tm),
        None => Err(vm.overflow_error("timestamp out of range for platform time_t")),
    }
}

fn gmtime(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let t = seconds_arg(vm, args, "gmtime")?;
    match broken_down(t, false) {
        Some(tm) => make_struct_time(vm, &tm),
        None => Err(vm.overflow_error("timestamp out of range for platform time_t")),
    }
}

/// A `struct tm` from a 9-item time tuple (or struct_time), checked as CPython does.
fn tm_from_tuple(vm: &mut Vm, v: Value, name: &str) -> PyResult<libc::tm> {
    let items = vm
        .collect_iter(v)
        .map_err(|_| vm.type_error("Tuple or struct_time argument required"))?;
    if items.len() != 9 {
        return Err(vm.type_error(format!("{name}(): illegal time tuple argument")));
    }
    let mut n = [0i64; 9];
    for (slot, &x) in n.iter_mut().zip(&items) {
        *slot = match as_int(x) {
            Some(i) => i,
            None => {
                let tn = vm.type_name(x);
                return Err(
                    vm.type_error(format!("'{tn}' object cannot be interpreted as an integer"))
                );
            }
        };
    }
    let mut tm = zeroed_tm();
    tm.tm_year = (n[0] - 1900) as i32;
    tm.tm_mon = (n[1] - 1) as i32;
    tm.tm_mday = n[2] as i32;
    tm.tm_hour = n[3] as i32;
    tm.tm_min = n[4] as i32;
    tm.tm_sec = n[5] as i32;
    tm.tm_wday = ((n[6] + 1) % 7) as i32;
    tm.tm_yday = (n[7] - 1) as i32;
    tm.tm_isdst = n[8] as i32;
    // The zone of a struct_time, when it has one.
    if let Ok(z) = vm.getattr_str(v, "tm_gmtoff")
        && let Some(off) = as_int(z)
    {
        tm.tm_gmtoff = off;
    }
    Ok(tm)
}

/// CPython's range checks before strftime/asctime (a zero month or day is accepted
/// and taken as 1).
fn check_tm(vm: &mut Vm, tm: &mut libc::tm) -> PyResult<()> {
    if tm.tm_mon == -1 {
        tm.tm_mon = 0;
    } else if !(0..=11).contains(&tm.tm_mon) {
        return Err(vm.value_error("month out of range"));
    }
    if tm.tm_mday == 0 {
        tm.tm_mday = 1;
    } else if !(0..=31).contains(&tm.tm_mday) {
        return Err(vm.value_error("day of month out of range"));
    }
    if !(0..=23).contains(&tm.tm_hour) {
        return Err(vm.value_error("hour out of range"));
    }
    if !(0..=59).contains(&tm.tm_min) {
        return Err(vm.value_error("minute out of range"));
    }
    if !(0..=61).contains(&tm.tm_sec) {
        return Err(vm.value_error("seconds out of range"));
    }
    if tm.tm_wday < 0 {
        return Err(vm.value_error("day of week out of range"));
    }
    if tm.tm_yday == -1 {
        tm.tm_yday = 0;
    } else if !(0..=365).contains(&tm.tm_yday) {
        return Err(vm.value_error("day of year out of range"));
    }
    Ok(())
}

/// The time tuple argument at `args[i]`, or the local time now.
fn tm_arg(vm: &mut Vm, args: &[Value], i: usize, name: &str) -> PyResult<libc::tm> {
    match args.get(i) {
        Some(&v) => {
            let mut tm = tm_from_tuple(vm, v, name)?;
            check_tm(vm, &mut tm)?;
            Ok(tm)
        }
        None => {
            let now = unsafe { libc::time(std::ptr::null_mut()) };
            Ok(broken_down(now, true).unwrap_or_else(zeroed_tm))
        }
    }
}

#[native(name = "mktime")]
fn mktime(vm: &mut Vm, t_arg: Value) -> PyResult {
    let mut tm = tm_from_tuple(vm, t_arg, "mktime")?;
    tm.tm_wday = -1;
    // SAFETY: mktime normalises the struct it is given; tm_wday == -1 after it means
    // the time cannot be represented (its documented error signal).
    let t = unsafe { libc::mktime(&mut tm) };
    if t == -1 && tm.tm_wday == -1 {
        return Err(vm.overflow_error("mktime argument out of range"));
    }
    vm.new_float(t as f64)
}

fn strftime(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    weft_vm::helpers::arg_count(vm, "strftime", args, 1, 2)?;
    let Some(fmt) = as_str(&args[0]).map(str::to_string) else {
        let tn = vm.type_name(args[0]);
        return Err(vm.type_error(format!("strftime() argument 1 must be str, not {tn}")));
    };
    let tm = tm_arg(vm, args, 1, "strftime")?;
    let Ok(cfmt) = std::ffi::CString::new(fmt.clone()) else {
        return Err(vm.value_error("embedded null character"));
    };
    if fmt.is_empty() {
        return vm.new_str("");
    }
    // Grow the buffer until the result fits (strftime returns 0 when it does not).
    let mut cap = 256usize;
    loop {
        let mut buf = vec![0u8; cap];
        // SAFETY: buf has `cap` writable bytes; cfmt is NUL-terminated; tm is valid.
        let n = unsafe {
            libc::strftime(
                buf.as_mut_ptr() as *mut libc::c_char,
                cap,
                cfmt.as_ptr(),
                &tm,
            )
        };
        if n > 0 || cap > 256 * fmt.len() + 4096 {
            buf.truncate(n);
            return vm.new_str(&String::from_utf8_lossy(&buf));
        }
        cap *= 4;
    }
}

const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// CPython's asctime text: "Mon Dec  7 13:48:31 2026".
fn asctime_text(tm: &libc::tm) -> String {
    format!(
        "{} {} {:2} {:02}:{:02}:{:02} {}",
        DAYS[tm.tm_wday.rem_euclid(7) as usize],
        MONTHS[tm.tm_mon.rem_euclid(12) as usize],
        tm.tm_mday,
        tm.tm_hour,
        tm.tm_min,
        tm.tm_sec,
        tm.tm_year as i64 + 1900
    )
}

fn asctime(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    weft_vm::helpers::arg_count(vm, "asctime", args, 0, 1)?;
    let tm = tm_arg(vm, args, 0, "asctime")?;
    vm.new_str(&asctime_text(&tm))
}

fn ctime(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    let t = seconds_arg(vm, args, "ctime")?;
    match broken_down(t, true) {
        Some(tm) => vm.new_str(&asctime_text(&tm)),
        None => Err(vm.overflow_error("timestamp out of range for platform time_t")),
    }
}

/// `strptime(string, format)`: CPython's pure-Python `_strptime` from the Lib.
fn strptime(vm: &mut Vm, args: &[Value], _kw: &[(Value, Value)]) -> PyResult {
    weft_vm::helpers::arg_count(vm, "strptime", args, 1, 2)?;
    let m = vm.import_module("_strptime")?;
    let f = vm.getattr_str(m, "_strptime_time")?;
    vm.call(f, args, &[])
}

#[native(name = "tzset")]
fn tzset(vm: &mut Vm) -> PyResult {
    let m = vm.import_module("time")?;
    let d = vm.module_dict(m);
    zone_constants(vm, d)?;
    Ok(Value::NONE)
}
