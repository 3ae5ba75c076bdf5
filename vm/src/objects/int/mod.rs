//! `int` beyond 63 bits. Small ints are tagged `Value`s; an `IntData` always holds a
//! value outside the small range (constructors normalise).
pub mod methods;
use crate::payload;
use num_bigint::BigInt;

#[derive(crate::trace::Trace)]
pub struct IntData(pub BigInt);
payload!(IntData, "int");

/// The int/str conversion limit (`sys.set_int_max_str_digits`): decimal (and other
/// non-power-of-two base) conversions of ints with more digits raise ValueError, so a
/// huge int cannot stall a program in a quadratic conversion. 0 = no limit.
pub static MAX_STR_DIGITS: std::sync::atomic::AtomicUsize =
    std::sync::atomic::AtomicUsize::new(4300);

/// CPython's default limit, and the smallest nonzero one it accepts.
pub const DEFAULT_MAX_STR_DIGITS: usize = 4300;
pub const MIN_MAX_STR_DIGITS: usize = 640;

fn limit() -> usize {
    MAX_STR_DIGITS.load(std::sync::atomic::Ordering::Relaxed)
}

/// `b` in decimal, or ValueError past the limit (checked from the size before any work
/// when the int is clearly too big).
pub fn to_decimal(vm: &mut crate::vm::Vm, b: &BigInt) -> crate::vm::PyResult<String> {
    let max = limit();
    // bits * log10(2) is at most one below the digit count.
    if max > 0 && (b.bits() as f64 * std::f64::consts::LOG10_2) as usize > max {
        return Err(too_many_digits(vm));
    }
    let s = b.to_string();
    if max > 0 && s.trim_start_matches('-').len() > max {
        return Err(too_many_digits(vm));
    }
    Ok(s)
}

fn too_many_digits(vm: &mut crate::vm::Vm) -> crate::vm::PyErr {
    vm.value_error(format!(
        "Exceeds the limit ({}) for integer string conversion; use \
         sys.set_int_max_str_digits() to increase the limit",
        digits_phrase(limit())
    ))
}

fn digits_phrase(n: usize) -> String {
    format!("{n} digits")
}

/// Before parsing `count` digits in `base`: ValueError past the limit (power-of-two
/// bases are linear and unlimited, as in CPython).
pub fn check_parse_digits(
    vm: &mut crate::vm::Vm,
    count: usize,
    base: u32,
) -> crate::vm::PyResult<()> {
    let max = limit();
    if max == 0 || base.is_power_of_two() || count <= max {
        return Ok(());
    }
    Err(vm.value_error(format!(
        "Exceeds the limit ({}) for integer string conversion: value has {count} digits; \
         use sys.set_int_max_str_digits() to increase the limit",
        digits_phrase(max)
    )))
}
