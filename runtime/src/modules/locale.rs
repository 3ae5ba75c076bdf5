//! `_locale`: the C library's locale (setlocale, localeconv, nl_langinfo, strcoll), which
//! CPython's `locale` module builds on. As CPython does at start-up, the first import sets
//! LC_CTYPE from the environment, so `getencoding()` names the user's encoding.
use super::{module_exception, new_native_module, set_item};
use std::ffi::{CStr, CString};
use weft_vm::native;
use weft_vm::native::NativeDef;
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

const ERROR_CLASS: &str = "class Error(ValueError):\n    __module__ = 'locale'\n";

fn c_text(p: *const libc::c_char) -> String {
    if p.is_null() {
        return String::new();
    }
    // SAFETY: the C library returned a NUL-terminated string that stays valid until the
    // next locale call on this thread; it is copied at once.
    unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
}

fn c_string(vm: &mut Vm, s: &str) -> PyResult<CString> {
    CString::new(s).map_err(|_| vm.value_error("embedded null character"))
}

/// setlocale(category, locale=None): query (None) or set the locale of a category.
#[native(owner = "_locale")]
fn setlocale(vm: &mut Vm, category: i64, locale: Option<Value>) -> PyResult {
    let wanted = match locale {
        None => None,
        Some(v) if v.is_none() => None,
        Some(v) => match weft_vm::helpers::as_str(&v) {
            Some(s) => Some(c_string(vm, s)?),
            None => {
                let tn = vm.type_name(v);
                return Err(vm.type_error(format!(
                    "setlocale() argument 2 must be str or None, not {tn}"
                )));
            }
        },
    };
    let ptr = wanted.as_ref().map_or(std::ptr::null(), |c| c.as_ptr());
    // SAFETY: ptr is null (query) or a NUL-terminated string that outlives the call.
    let r = unsafe { libc::setlocale(category as i32, ptr) };
    if r.is_null() {
        let msg = if wanted.is_some() {
            "unsupported locale setting"
        } else {
            "locale query failed"
        };
        return Err(module_exception(vm, "_locale", "Error", msg));
    }
    let s = c_text(r);
    vm.new_str(&s)
}

/// getencoding(): the encoding of the current LC_CTYPE locale.
#[native(owner = "_locale")]
fn getencoding(vm: &mut Vm) -> PyResult {
    // SAFETY: nl_langinfo returns a NUL-terminated string, copied at once.
    let s = c_text(unsafe { libc::nl_langinfo(libc::CODESET) });
    let s = if s.is_empty() || s == "ANSI_X3.4-1968" {
        "utf-8".to_string()
    } else {
        s
    };
    vm.new_str(&s)
}

/// nl_langinfo(key)
#[native(owner = "_locale")]
fn nl_langinfo(vm: &mut Vm, key: i64) -> PyResult {
    if !LANGINFO.iter().any(|&(_, k)| k as i64 == key) {
        return Err(vm.value_error("unsupported langinfo constant"));
    }
    // SAFETY: as above, with a key the C library knows (checked).
    let s = c_text(unsafe { libc::nl_langinfo(key as libc::nl_item) });
    vm.new_str(&s)
}

/// strcoll(a, b): compare two strings by the LC_COLLATE locale.
#[native(owner = "_locale")]
fn strcoll(vm: &mut Vm, a: &str, b: &str) -> PyResult<i64> {
    let (a, b) = (c_string(vm, a)?, c_string(vm, b)?);
    // SAFETY: two NUL-terminated strings that outlive the call.
    Ok(unsafe { libc::strcoll(a.as_ptr(), b.as_ptr()) }.signum() as i64)
}

/// strxfrm(s): weft's str compares by code point, which is what C and C.UTF-8 collate
/// by; the string is its own key there.
#[native(owner = "_locale")]
fn strxfrm(vm: &mut Vm, s: &str) -> PyResult {
    vm.new_str(s)
}

/// localeconv(): the numeric and monetary conventions of the current locale.
#[native(owner = "_locale")]
fn localeconv(vm: &mut Vm) -> PyResult {
    // SAFETY: localeconv returns a pointer to a static struct, read at once.
    let lc = unsafe { &*libc::localeconv() };
    let texts = [
        ("decimal_point", lc.decimal_point),
        ("thousands_sep", lc.thousands_sep),
        ("int_curr_symbol", lc.int_curr_symbol),
        ("currency_symbol", lc.currency_symbol),
        ("mon_decimal_point", lc.mon_decimal_point),
        ("mon_thousands_sep", lc.mon_thousands_sep),
        ("positive_sign", lc.positive_sign),
        ("negative_sign", lc.negative_sign),
    ];
    let chars = [
        ("int_frac_digits", lc.int_frac_digits),
        ("frac_digits", lc.frac_digits),
        ("p_cs_precedes", lc.p_cs_precedes),
        ("p_sep_by_space", lc.p_sep_by_space),
        ("n_cs_precedes", lc.n_cs_precedes),
        ("n_sep_by_space", lc.n_sep_by_space),
        ("p_sign_posn", lc.p_sign_posn),
        ("n_sign_posn", lc.n_sign_posn),
    ];
    let groupings = [
        ("grouping", grouping(lc.grouping)),
        ("mon_grouping", grouping(lc.mon_grouping)),
    ];
    let d = vm.new_dict()?;
    vm.with_root(d, |vm| {
        for (k, p) in texts {
            let v = vm.new_str(&c_text(p))?;
            vm.with_root(v, |vm| set_item(vm, d, k, v))?;
        }
        for (k, c) in chars {
            let v = vm.new_int(c as u8 as i64)?;
            set_item(vm, d, k, v)?;
        }
        for (k, g) in groupings {
            weft_vm::root_scope!(vm);
            let mut items = Vec::with_capacity(g.len());
            for n in g {
                let v = vm.new_int(n)?;
                vm.root(v);
                items.push(v);
            }
            let l = vm.new_list(items)?;
            vm.root(l);
            set_item(vm, d, k, l)?;
        }
        Ok(d)
    })
}

/// A C grouping string as CPython's list: the sizes up to CHAR_MAX (kept) or 0 (dropped).
fn grouping(p: *const libc::c_char) -> Vec<i64> {
    let mut out = Vec::new();
    if p.is_null() {
        return out;
    }
    // SAFETY: the grouping string is NUL-terminated, like every lconv string.
    let bytes = unsafe { CStr::from_ptr(p) }.to_bytes();
    for &b in bytes {
        out.push(b as i64);
        if b == 127 {
            break;
        }
    }
    out
}

const LANGINFO: &[(&str, libc::nl_item)] = &[
    ("CODESET", libc::CODESET),
    ("D_T_FMT", libc::D_T_FMT),
    ("D_FMT", libc::D_FMT),
    ("T_FMT", libc::T_FMT),
    ("T_FMT_AMPM", libc::T_FMT_AMPM),
    ("AM_STR", libc::AM_STR),
    ("PM_STR", libc::PM_STR),
    ("RADIXCHAR", libc::RADIXCHAR),
    ("THOUSEP", libc::THOUSEP),
    ("YESEXPR", libc::YESEXPR),
    ("NOEXPR", libc::NOEXPR),
    ("CRNCYSTR", libc::CRNCYSTR),
    ("ERA", libc::ERA),
    ("ERA_D_FMT", libc::ERA_D_FMT),
    ("ERA_D_T_FMT", libc::ERA_D_T_FMT),
    ("ERA_T_FMT", libc::ERA_T_FMT),
    ("ALT_DIGITS", libc::ALT_DIGITS),
    ("DAY_1", libc::DAY_1),
    ("DAY_2", libc::DAY_2),
    ("DAY_3", libc::DAY_3),
    ("DAY_4", libc::DAY_4),
    ("DAY_5", libc::DAY_5),
    ("DAY_6", libc::DAY_6),
    ("DAY_7", libc::DAY_7),
    ("ABDAY_1", libc::ABDAY_1),
    ("ABDAY_2", libc::ABDAY_2),
    ("ABDAY_3", libc::ABDAY_3),
    ("ABDAY_4", libc::ABDAY_4),
    ("ABDAY_5", libc::ABDAY_5),
    ("ABDAY_6", libc::ABDAY_6),
    ("ABDAY_7", libc::ABDAY_7),
    ("MON_1", libc::MON_1),
    ("MON_2", libc::MON_2),
    ("MON_3", libc::MON_3),
    ("MON_4", libc::MON_4),
    ("MON_5", libc::MON_5),
    ("MON_6", libc::MON_6),
    ("MON_7", libc::MON_7),
    ("MON_8", libc::MON_8),
    ("MON_9", libc::MON_9),
    ("MON_10", libc::MON_10),
    ("MON_11", libc::MON_11),
    ("MON_12", libc::MON_12),
    ("ABMON_1", libc::ABMON_1),
    ("ABMON_2", libc::ABMON_2),
    ("ABMON_3", libc::ABMON_3),
    ("ABMON_4", libc::ABMON_4),
    ("ABMON_5", libc::ABMON_5),
    ("ABMON_6", libc::ABMON_6),
    ("ABMON_7", libc::ABMON_7),
    ("ABMON_8", libc::ABMON_8),
    ("ABMON_9", libc::ABMON_9),
    ("ABMON_10", libc::ABMON_10),
    ("ABMON_11", libc::ABMON_11),
    ("ABMON_12", libc::ABMON_12),
];

const FUNCS: &[NativeDef] = &[
    setlocale,
    getencoding,
    nl_langinfo,
    strcoll,
    strxfrm,
    localeconv,
];

pub fn init(vm: &mut Vm) -> PyResult {
    let (m, d) = new_native_module(vm, "_locale", FUNCS)?;
    let r = vm.with_root(m, |vm| fill(vm, m, d));
    r.map(|_| m)
}

fn fill(vm: &mut Vm, m: Value, d: Value) -> PyResult<()> {
    // SAFETY: an empty locale name asks for the environment's; a static C string.
    unsafe { libc::setlocale(libc::LC_CTYPE, c"".as_ptr()) };
    let ints = [
        ("LC_CTYPE", libc::LC_CTYPE),
        ("LC_COLLATE", libc::LC_COLLATE),
        ("LC_TIME", libc::LC_TIME),
        ("LC_MONETARY", libc::LC_MONETARY),
        ("LC_NUMERIC", libc::LC_NUMERIC),
        ("LC_ALL", libc::LC_ALL),
        ("LC_MESSAGES", libc::LC_MESSAGES),
        ("CHAR_MAX", 127),
    ];
    for (name, v) in ints.into_iter().chain(LANGINFO.iter().copied()) {
        let n = vm.new_int(v as i64)?;
        set_item(vm, d, name, n)?;
    }
    vm.exec_in_module(ERROR_CLASS, "<_locale>", m)?;
    Ok(())
}
