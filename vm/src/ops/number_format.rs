//! `repr(float)` and the format-spec mini-language (`format(v, spec)`, `str.format`,
//! f-strings) for int, float and str, matching CPython's output byte for byte.
//!
//! Digit generation relies on Rust's float formatting: `{:e}` yields the shortest
//! round-tripping digits (what CPython's repr uses) and `{:.N}` / `{:.Ne}` are correctly
//! rounded from the exact binary value (what CPython's dtoa does), so only the layout
//! rules live here.
use crate::value::Value;
use crate::vm::{PyResult, Vm};
use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

/// Split Rust's `{:e}` output ("1.2345e-7") into (digits without the dot, exponent).
fn sci_parts(s: &str) -> (String, i32) {
    let (mant, exp) = s.split_once('e').unwrap_or((s, "0"));
    (mant.replace('.', ""), exp.parse().unwrap_or(0))
}

/// Lay out `digits` (d1 d2 ... with value d1.d2... * 10**exp) in fixed notation.
fn fixed_from_digits(digits: &str, exp: i32) -> String {
    let n = digits.len() as i32;
    if exp < 0 {
        format!("0.{}{}", "0".repeat((-exp - 1) as usize), digits)
    } else if n <= exp + 1 {
        format!("{}{}", digits, "0".repeat((exp + 1 - n) as usize))
    } else {
        format!(
            "{}.{}",
            &digits[..(exp + 1) as usize],
            &digits[(exp + 1) as usize..]
        )
    }
}

/// "e+07" style exponent: sign always, at least two digits.
fn exp_suffix(e: char, exp: i32) -> String {
    format!(
        "{}{}{:02}",
        e,
        if exp < 0 { '-' } else { '+' },
        exp.unsigned_abs()
    )
}

/// Scientific layout of `digits` (keeps all of them).
fn sci_from_digits(digits: &str, exp: i32, e: char) -> String {
    let mut out = digits[..1].to_string();
    if digits.len() > 1 {
        out.push('.');
        out.push_str(&digits[1..]);
    }
    out + &exp_suffix(e, exp)
}

/// `repr(f)`: shortest round-trip digits; scientific when exp < -4 or exp >= 16.
pub fn float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let sign = if f.is_sign_negative() { "-" } else { "" };
    let (digits, exp) = sci_parts(&format!("{:e}", f.abs()));
    let body = if (-4..16).contains(&exp) {
        let s = fixed_from_digits(&digits, exp);
        if s.contains('.') { s } else { s + ".0" }
    } else {
        sci_from_digits(&digits, exp, 'e')
    };
    format!("{sign}{body}")
}

/// A parsed format spec: `[[fill]align][sign][z][#][0][width][grouping][.precision][type]`.
#[derive(Clone, Debug)]
pub struct Spec {
    pub fill: char,
    pub align: Option<char>,
    pub sign: char,
    pub z: bool,
    pub alt: bool,
    pub width: usize,
    pub grouping: Option<char>,
    pub precision: Option<usize>,
    pub ty: Option<char>,
}

/// Parse a spec; `tyname` is for error messages.
pub fn parse_spec(spec: &str, tyname: &str) -> Result<Spec, String> {
    let c: Vec<char> = spec.chars().collect();
    let mut i = 0;
    let mut s = Spec {
        fill: ' ',
        align: None,
        sign: '-',
        z: false,
        alt: false,
        width: 0,
        grouping: None,
        precision: None,
        ty: None,
    };
    let is_align = |ch: char| matches!(ch, '<' | '>' | '^' | '=');
    let mut fill_given = false;
    if c.len() >= 2 && is_align(c[1]) {
        s.fill = c[0];
        s.align = Some(c[1]);
        fill_given = true;
        i = 2;
    } else if !c.is_empty() && is_align(c[0]) {
        s.align = Some(c[0]);
        i = 1;
    }
    if i < c.len() && matches!(c[i], '+' | '-' | ' ') {
        s.sign = c[i];
        i += 1;
    }
    if i < c.len() && c[i] == 'z' {
        s.z = true;
        i += 1;
    }
    if i < c.len() && c[i] == '#' {
        s.alt = true;
        i += 1;
    }
    if i < c.len() && c[i] == '0' {
        // A leading '0' means zero padding after the sign (unless fill/align were given).
        if !fill_given {
            s.fill = '0';
            if s.align.is_none() {
                s.align = Some('=');
            }
        }
        i += 1;
    }
    let start = i;
    while i < c.len() && c[i].is_ascii_digit() {
        i += 1;
    }
    if i > start {
        let w: String = c[start..i].iter().collect();
        s.width = w
            .parse()
            .map_err(|_| "Too many decimal digits in format string".to_string())?;
    }
    if i < c.len() && (c[i] == ',' || c[i] == '_') {
        s.grouping = Some(c[i]);
        i += 1;
        if i < c.len() && (c[i] == ',' || c[i] == '_') {
            return Err("Cannot specify both ',' and '_'.".into());
        }
    }
    if i < c.len() && c[i] == '.' {
        i += 1;
        let ps = i;
        while i < c.len() && c[i].is_ascii_digit() {
            i += 1;
        }
        if i == ps {
            return Err("Format specifier missing precision".into());
        }
        let p: String = c[ps..i].iter().collect();
        s.precision = Some(
            p.parse()
                .map_err(|_| "Too many decimal digits in format string".to_string())?,
        );
    }
    if c.len() - i > 1 {
        return Err(format!(
            "Invalid format specifier '{spec}' for object of type '{tyname}'"
        ));
    }
    if i < c.len() {
        s.ty = Some(c[i]);
    }
    if let Some(g) = s.grouping {
        let ok = match s.ty {
            None | Some('d' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => true,
            Some('b' | 'o' | 'x' | 'X') => g == '_',
            _ => false,
        };
        if !ok {
            return Err(format!(
                "Cannot specify '{}' with '{}'.",
                g,
                s.ty.unwrap_or(' ')
            ));
        }
    }
    Ok(s)
}

/// Insert `sep` every `every` digits from the right.
fn group(digits: &str, sep: char, every: usize) -> String {
    let chars: Vec<char> = digits.chars().collect();
    let mut out = String::new();
    for (k, ch) in chars.iter().enumerate() {
        if k > 0 && (chars.len() - k).is_multiple_of(every) {
            out.push(sep);
        }
        out.push(*ch);
    }
    out
}

/// Group the integer digits, zero-padding them first when the spec pads with '0' after
/// the sign (CPython puts separators inside the padding too).
fn group_padded(spec: &Spec, digits: &str, every: usize, other_len: usize) -> String {
    let Some(sep) = spec.grouping else {
        return digits.to_string();
    };
    let mut d = digits.to_string();
    let mut out = group(&d, sep, every);
    if spec.fill == '0' && spec.align == Some('=') {
        while out.chars().count() + other_len < spec.width {
            d.insert(0, '0');
            out = group(&d, sep, every);
        }
    }
    out
}

/// Pad `prefix` (sign, 0x) + `body` to the spec's width.
pub(crate) fn pad(spec: &Spec, prefix: &str, body: &str, default_align: char) -> String {
    let len = prefix.chars().count() + body.chars().count();
    if len >= spec.width {
        return format!("{prefix}{body}");
    }
    let n = spec.width - len;
    let f = |k: usize| spec.fill.to_string().repeat(k);
    match spec.align.unwrap_or(default_align) {
        '<' => format!("{prefix}{body}{}", f(n)),
        '^' => format!("{}{prefix}{body}{}", f(n / 2), f(n - n / 2)),
        '=' => format!("{prefix}{}{body}", f(n)),
        _ => format!("{}{prefix}{body}", f(n)),
    }
}

fn sign_str(spec: &Spec, negative: bool) -> &'static str {
    match (negative, spec.sign) {
        (true, _) => "-",
        (false, '+') => "+",
        (false, ' ') => " ",
        _ => "",
    }
}

/// `format(int, spec)`.
pub fn format_int(n: &BigInt, spec: &Spec) -> Result<String, String> {
    match spec.ty {
        Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%') => {
            let f = n
                .to_f64()
                .filter(|f| f.is_finite())
                .ok_or("int too large to convert to float")?;
            return format_float(f, spec);
        }
        Some('c') => {
            if spec.sign != '-' {
                return Err("Sign not allowed with integer format specifier 'c'".into());
            }
            if n.to_i64().is_none() {
                return Err("Python int too large to convert to C long".into());
            }
            let ch = n
                .to_u32()
                .and_then(char::from_u32)
                .ok_or("%c arg not in range(0x110000)")?;
            return Ok(pad(spec, "", &ch.to_string(), '>'));
        }
        None | Some('d' | 'n' | 'b' | 'o' | 'x' | 'X') => {}
        Some(t) => {
            return Err(format!(
                "Unknown format code '{t}' for object of type 'int'"
            ));
        }
    }
    if spec.precision.is_some() {
        return Err("Precision not allowed in integer format specifier".into());
    }
    let (radix, pfx, every) = match spec.ty {
        Some('b') => (2, "0b", 4),
        Some('o') => (8, "0o", 4),
        Some('x') => (16, "0x", 4),
        Some('X') => (16, "0X", 4),
        _ => (10, "", 3),
    };
    let mut digits = n.magnitude().to_str_radix(radix);
    if spec.ty == Some('X') {
        digits = digits.to_uppercase();
    }
    let mut prefix = sign_str(spec, n.sign() == Sign::Minus).to_string();
    if spec.alt {
        prefix.push_str(pfx);
    }
    let body = group_padded(spec, &digits, every, prefix.len());
    Ok(pad(spec, &prefix, &body, '>'))
}

/// Most fraction digits a double's exact decimal expansion can have (2**-1074 has 1074):
/// past them every digit is 0.
const EXACT_FRACTION_DIGITS: usize = 1100;

/// `f` with `p` digits after the point (Rust's formatter refuses precisions above
/// 65535; the digits past the exact expansion are zeros anyway).
fn fixed_digits(f: f64, p: usize) -> String {
    if p <= EXACT_FRACTION_DIGITS {
        return format!("{:.*}", p, f);
    }
    let mut s = format!("{:.*}", EXACT_FRACTION_DIGITS, f);
    s.extend(std::iter::repeat_n('0', p - EXACT_FRACTION_DIGITS));
    s
}

/// `f` in Rust's `{:e}` form with `p` digits after the point (zeros past the exact ones).
fn sci_digits(f: f64, p: usize) -> String {
    if p <= EXACT_FRACTION_DIGITS {
        return format!("{:.*e}", p, f);
    }
    let s = format!("{:.*e}", EXACT_FRACTION_DIGITS, f);
    let at = s.find('e').unwrap_or(s.len());
    let zeros: String = std::iter::repeat_n('0', p - EXACT_FRACTION_DIGITS).collect();
    format!("{}{zeros}{}", &s[..at], &s[at..])
}

/// Digits of `f` (finite, >= 0) in the layout `ty` asks for, before sign and padding.
fn float_body(f: f64, ty: Option<char>, prec: Option<usize>, alt: bool) -> String {
    let upper = matches!(ty, Some('E' | 'F' | 'G'));
    let e = if upper { 'E' } else { 'e' };
    let mut out = match ty {
        None if prec.is_none() => return float_repr(f),
        Some('f' | 'F' | '%') => {
            let p = prec.unwrap_or(6);
            let mut s = fixed_digits(f, p);
            if alt && p == 0 {
                s.push('.');
            }
            s
        }
        Some('e' | 'E') => {
            let p = prec.unwrap_or(6);
            let (digits, exp) = sci_parts(&sci_digits(f, p));
            let mut s = sci_from_digits(&digits, exp, e);
            if alt && p == 0 {
                s.insert(1, '.');
            }
            s
        }
        _ => {
            // 'g', 'G', 'n', or no type with a precision.
            let p = prec.unwrap_or(6).max(1);
            let (digits, exp) = sci_parts(&sci_digits(f, p - 1));
            // No type: like 'g' but the result keeps a ".0", so one less digit fits.
            let limit = if ty.is_none() { p as i32 - 1 } else { p as i32 };
            let mut s = if (-4..limit).contains(&exp) {
                fixed_from_digits(&digits, exp)
            } else {
                let mut d = digits.clone();
                if !alt {
                    d = d.trim_end_matches('0').to_string();
                    if d.is_empty() {
                        d.push('0');
                    }
                }
                return sci_from_digits(&d, exp, e);
            };
            if !alt && s.contains('.') {
                s = s.trim_end_matches('0').trim_end_matches('.').to_string();
            }
            if ty.is_none() && !s.contains('.') {
                s.push_str(".0");
            }
            if alt && !s.contains('.') {
                s.push('.');
            }
            s
        }
    };
    if upper {
        out = out.to_uppercase();
    }
    out
}

/// `format(float, spec)`.
pub fn format_float(f: f64, spec: &Spec) -> Result<String, String> {
    match spec.ty {
        None | Some('e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%') => {}
        Some(t) => {
            return Err(format!(
                "Unknown format code '{t}' for object of type 'float'"
            ));
        }
    }
    let ty = if spec.ty == Some('n') {
        Some('g')
    } else {
        spec.ty
    };
    let v = if ty == Some('%') { f * 100.0 } else { f };
    let mut negative = v.is_sign_negative() && !v.is_nan();
    let mut body = if v.is_nan() || v.is_infinite() {
        let s = if v.is_nan() { "nan" } else { "inf" };
        if matches!(ty, Some('E' | 'F' | 'G')) {
            s.to_uppercase()
        } else {
            s.to_string()
        }
    } else {
        float_body(v.abs(), ty, spec.precision, spec.alt)
    };
    if ty == Some('%') {
        body.push('%');
    }
    // 'z' turns a negative zero (after rounding) into a positive one.
    if spec.z && negative && v.is_finite() && !body.chars().any(|c| c.is_ascii_digit() && c != '0')
    {
        negative = false;
    }
    let prefix = sign_str(spec, negative);
    if spec.grouping.is_some() && v.is_finite() {
        let split = body
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(body.len());
        let (int_part, rest) = body.split_at(split);
        let other = prefix.len() + rest.chars().count();
        body = group_padded(spec, int_part, 3, other) + rest;
    }
    Ok(pad(spec, prefix, &body, '>'))
}

/// `format(str, spec)`.
pub fn format_str(s: &str, spec: &Spec) -> Result<String, String> {
    match spec.ty {
        None | Some('s') => {}
        Some(t) => {
            return Err(format!(
                "Unknown format code '{t}' for object of type 'str'"
            ));
        }
    }
    if spec.sign != '-' {
        return Err("Sign not allowed in string format specifier".into());
    }
    if spec.alt {
        return Err("Alternate form (#) not allowed in string format specifier".into());
    }
    if spec.align == Some('=') && spec.fill != '0' {
        return Err("'=' alignment not allowed in string format specifier".into());
    }
    let mut spec = spec.clone();
    if spec.align == Some('=') {
        // A bare '0' flag on a str pads on the right, as CPython does.
        spec.align = Some('<');
    }
    let body: String = match spec.precision {
        Some(p) => s.chars().take(p).collect(),
        None => s.to_string(),
    };
    Ok(pad(&spec, "", &body, '<'))
}

/// The Python exception for a formatting error message (most are ValueError; the
/// character-range ones are OverflowError, as in CPython).
pub fn format_error(vm: &mut Vm, msg: String) -> crate::vm::PyErr {
    if msg.starts_with("%c arg not in range") || msg.starts_with("Python int too large") {
        vm.overflow_error(msg)
    } else {
        vm.value_error(msg)
    }
}

/// The number inside a value, if it is an int/bool/float (or a subclass instance).
enum Numeric {
    Int(BigInt),
    Float(f64),
}

fn numeric_of(v: Value) -> Option<Numeric> {
    use crate::objects::int::IntData;
    if let Some(i) = v.as_small_int() {
        return Some(Numeric::Int(BigInt::from(i)));
    }
    if v.is_bool() {
        return Some(Numeric::Int(BigInt::from((v == Value::TRUE) as i64)));
    }
    if let Some(b) = crate::helpers::unwrap_base::<IntData>(&v) {
        return Some(Numeric::Int(b.0.clone()));
    }
    if let Some(f) = crate::objects::float::float_base_of(v) {
        return Some(Numeric::Float(f));
    }
    // Subclass instances of int hold small ints / bools in `base`.
    if let Some(inst) = v.downcast::<crate::objects::instance::InstanceData>()
        && (inst.base.is_small_int() || inst.base.is_bool())
    {
        return numeric_of(inst.base);
    }
    None
}

impl Vm {
    /// `format(v, spec)`: int, float and str natively; other types through a
    /// Python-level `__format__`, else `str(v)` for an empty spec.
    pub fn format_value(&mut self, v: Value, spec: &str) -> PyResult<String> {
        use crate::objects::builtin_fn::BuiltinFn;
        use crate::objects::str::StrData;
        // A user-defined __format__ (a Python function) wins, even on subclasses.
        let user_fmt = match self.lookup_special(v, "__format__") {
            Some(f) if !f.is::<BuiltinFn>() => Some(f),
            _ => None,
        };
        if let Some(f) = user_fmt {
            let s = self.new_str(spec)?;
            let r = self.with_root(s, |vm| vm.call(f, &[v, s], &[]));
            let r = r?;
            return match crate::helpers::as_str(&r) {
                Some(s) => Ok(s.to_string()),
                None => Err(self.type_error(format!(
                    "__format__ must return a str, not {}",
                    self.type_name(r)
                ))),
            };
        }
        // A width no machine could hold: MemoryError before building anything.
        if !spec.is_empty()
            && let Ok(sp) = parse_spec(spec, "object")
        {
            crate::helpers::check_size(self, sp.width)?;
        }
        let res = if let Some(n) = numeric_of(v) {
            if spec.is_empty() {
                // format(True, '') is 'True'; format(x, '') is str(x) in general.
                return self.str_of(v);
            }
            match n {
                Numeric::Int(i) => parse_spec(spec, "int").and_then(|s| format_int(&i, &s)),
                Numeric::Float(f) => parse_spec(spec, "float").and_then(|s| format_float(f, &s)),
            }
        } else if let Some(z) = crate::objects::complex::as_complex(&v) {
            if spec.is_empty() {
                return self.str_of(v);
            }
            crate::objects::complex::format::format(z, spec)
        } else if let Some(s) = crate::helpers::unwrap_base::<StrData>(&v) {
            if spec.is_empty() {
                return Ok(s.as_str().to_string());
            }
            parse_spec(spec, "str").and_then(|sp| format_str(s.as_str(), &sp))
        } else if spec.is_empty() {
            return self.str_of(v);
        } else {
            let tn = self.type_name(v);
            return Err(self.type_error(format!(
                "unsupported format string passed to {tn}.__format__"
            )));
        };
        res.map_err(|m| format_error(self, m))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    fn fmt_f(f: f64, s: &str) -> String {
        format_float(f, &parse_spec(s, "float").unwrap()).unwrap()
    }
    fn fmt_i(i: i64, s: &str) -> String {
        format_int(&BigInt::from(i), &parse_spec(s, "int").unwrap()).unwrap()
    }
    #[test]
    fn reprs() {
        for (f, s) in [
            (0.1, "0.1"),
            (1e100, "1e+100"),
            (1.5e-7, "1.5e-07"),
            (100.0, "100.0"),
            (1e16, "1e+16"),
            (1e15, "1000000000000000.0"),
            (-0.0, "-0.0"),
            (5e-324, "5e-324"),
            (1.7976931348623157e308, "1.7976931348623157e+308"),
            (0.0001, "0.0001"),
            (1e-5, "1e-05"),
            (123456789012345678.0, "1.2345678901234568e+17"),
            (0.30000000000000004, "0.30000000000000004"),
        ] {
            assert_eq!(float_repr(f), s);
        }
    }
    #[test]
    fn specs() {
        assert_eq!(fmt_f(123.0, ".3"), "1.23e+02");
        assert_eq!(fmt_f(12.0, ".3"), "12.0");
        assert_eq!(fmt_f(1.5, ".0"), "2e+00");
        assert_eq!(fmt_i(1234, "08,"), "0,001,234");
        assert_eq!(fmt_f(-1234.5, "012,.1f"), "-0,001,234.5");
        assert_eq!(fmt_f(3.0, "#.0f"), "3.");
        assert_eq!(fmt_f(3.0, "#g"), "3.00000");
        assert_eq!(fmt_f(1e16, "10"), "     1e+16");
        assert_eq!(fmt_f(-0.0, "z.1f"), "0.0");
        assert_eq!(fmt_i(12345678, "_o"), "5706_0516");
        assert_eq!(fmt_f(12345.678, ",g"), "12,345.7");
        assert_eq!(fmt_f(f64::INFINITY, "010"), "0000000inf");
        assert_eq!(fmt_f(12345.678, "e"), "1.234568e+04");
        assert_eq!(fmt_f(0.000123, ".3e"), "1.230e-04");
        assert_eq!(fmt_f(0.25, "%"), "25.000000%");
        assert_eq!(fmt_f(0.3333, ".1%"), "33.3%");
        assert_eq!(fmt_f(0.00001234, "g"), "1.234e-05");
        assert_eq!(fmt_f(123456789.0, "g"), "1.23457e+08");
        assert_eq!(fmt_f(-1.23456, "08.3f"), "-001.235");
        assert_eq!(fmt_i(42, "=+8"), "+     42");
        assert_eq!(fmt_f(2.5, ".0f"), "2");
        assert_eq!(fmt_f(3.0, "g"), "3");
        assert_eq!(fmt_f(1e-7, "g"), "1e-07");
        assert_eq!(fmt_f(1234567.891, ",.2f"), "1,234,567.89");
        assert_eq!(fmt_i(-7, "o"), "-7");
        assert_eq!(fmt_i(42, "#b"), "0b101010");
        assert_eq!(fmt_i(42, "^5"), " 42  ");
        assert_eq!(
            format_str("ab", &parse_spec("05", "str").unwrap()).unwrap(),
            "ab000"
        );
    }
}
