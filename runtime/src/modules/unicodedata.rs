//! `unicodedata`: character properties from well-kept crates — `icu_properties` (general
//! category, bidirectional class, combining class, East Asian width, mirroring, numeric
//! type), `unicode_names2` (names, both ways) and `unicode-normalization` (NFC, NFD,
//! NFKC, NFKD). Their data is newer than CPython 3.11's Unicode 14.0.0, so characters
//! assigned since then have properties here where CPython has none.
//!
//! Numeric values: decimal digits (category Nd) take their value from their place in
//! their run of ten; other digits and numbers are read from their Unicode name (DIGIT
//! TWO, VULGAR FRACTION ONE HALF, ROMAN NUMERAL TEN), which covers the common ones.
use super::{new_native_module, set_item};
use icu_properties::props::{
    BidiClass, BidiMirrored, CanonicalCombiningClass, EastAsianWidth, GeneralCategory, NumericType,
};
use icu_properties::{CodePointMapData, CodePointSetData, PropertyNamesShort};
use unicode_normalization::UnicodeNormalization;
use weft_vm::helpers::as_str;
use weft_vm::native;
use weft_vm::native::NativeDef;
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

/// The one character of a `chr` argument, or CPython's TypeError.
fn one_char(vm: &mut Vm, func: &str, v: Value) -> PyResult<char> {
    let s = as_str(&v);
    let mut it = s.map(|s| s.chars());
    match it.as_mut().map(|c| (c.next(), c.next())) {
        Some((Some(c), None)) => Ok(c),
        Some(_) => Err(vm.type_error(format!(
            "{func}() argument must be a unicode character, not str"
        ))),
        None => {
            let tn = vm.type_name(v);
            Err(vm.type_error(format!(
                "{func}() argument must be a unicode character, not {tn}"
            )))
        }
    }
}

fn category_of(c: char) -> GeneralCategory {
    CodePointMapData::<GeneralCategory>::new().get(c)
}

/// category(chr): the two-letter general category ('Lu', 'Nd', 'Cn', ...).
#[native(owner = "unicodedata")]
fn category(vm: &mut Vm, chr: Value) -> PyResult {
    let c = one_char(vm, "category", chr)?;
    let short = PropertyNamesShort::<GeneralCategory>::new()
        .get(category_of(c))
        .unwrap_or("Cn");
    vm.new_str(short)
}

/// bidirectional(chr): the bidirectional class ('L', 'R', 'EN', ...); '' if unassigned.
#[native(owner = "unicodedata")]
fn bidirectional(vm: &mut Vm, chr: Value) -> PyResult {
    let c = one_char(vm, "bidirectional", chr)?;
    if category_of(c) == GeneralCategory::Unassigned {
        return vm.new_str("");
    }
    let b = CodePointMapData::<BidiClass>::new().get(c);
    let short = PropertyNamesShort::<BidiClass>::new().get(b).unwrap_or("");
    vm.new_str(short)
}

/// combining(chr): the canonical combining class (0 for most characters).
#[native(owner = "unicodedata")]
fn combining(vm: &mut Vm, chr: Value) -> PyResult<i64> {
    let c = one_char(vm, "combining", chr)?;
    Ok(CodePointMapData::<CanonicalCombiningClass>::new().get(c).0 as i64)
}

/// east_asian_width(chr): 'F', 'H', 'W', 'Na', 'A' or 'N'.
#[native(owner = "unicodedata")]
fn east_asian_width(vm: &mut Vm, chr: Value) -> PyResult {
    let c = one_char(vm, "east_asian_width", chr)?;
    let w = CodePointMapData::<EastAsianWidth>::new().get(c);
    let short = PropertyNamesShort::<EastAsianWidth>::new()
        .get(w)
        .unwrap_or("N");
    vm.new_str(short)
}

/// mirrored(chr): 1 when the character mirrors in right-to-left text.
#[native(owner = "unicodedata")]
fn mirrored(vm: &mut Vm, chr: Value) -> PyResult<i64> {
    let c = one_char(vm, "mirrored", chr)?;
    Ok(CodePointSetData::new::<BidiMirrored>().contains(c) as i64)
}

/// name(chr, default=<none>): the character's Unicode name.
#[native(owner = "unicodedata")]
fn name(vm: &mut Vm, chr: Value, default: Option<Value>) -> PyResult {
    let c = one_char(vm, "name", chr)?;
    match unicode_names2::name(c) {
        Some(n) => vm.new_str(&n.to_string()),
        None => match default {
            Some(d) => Ok(d),
            None => Err(vm.value_error("no such name")),
        },
    }
}

/// lookup(name): the character with that name (or name alias).
#[native(owner = "unicodedata")]
fn lookup(vm: &mut Vm, #[name = "name"] wanted: &str) -> PyResult {
    match unicode_names2::character(wanted) {
        Some(c) => vm.new_str(c.encode_utf8(&mut [0u8; 4])),
        None => {
            let key = vm.new_str(&format!("undefined character name '{wanted}'"))?;
            Err(vm.key_error(key))
        }
    }
}

/// The value of a decimal digit: its place in its run of ten Nd characters.
fn decimal_value(c: char) -> Option<i64> {
    if category_of(c) != GeneralCategory::DecimalNumber {
        return None;
    }
    let mut before = 0;
    let mut cp = c as u32;
    while before < 200 && cp > 0 {
        match char::from_u32(cp - 1) {
            Some(p) if category_of(p) == GeneralCategory::DecimalNumber => {
                before += 1;
                cp -= 1;
            }
            _ => break,
        }
    }
    Some(before % 10)
}

const WORDS: &[(&str, i64)] = &[
    ("ZERO", 0),
    ("ONE", 1),
    ("TWO", 2),
    ("THREE", 3),
    ("FOUR", 4),
    ("FIVE", 5),
    ("SIX", 6),
    ("SEVEN", 7),
    ("EIGHT", 8),
    ("NINE", 9),
    ("TEN", 10),
    ("ELEVEN", 11),
    ("TWELVE", 12),
    ("FIFTY", 50),
    ("HUNDRED", 100),
    ("THOUSAND", 1000),
];

fn word_value(w: &str) -> Option<i64> {
    WORDS.iter().find(|&&(n, _)| n == w).map(|&(_, v)| v)
}

const DENOMINATORS: &[(&str, i64)] = &[
    ("HALF", 2),
    ("THIRD", 3),
    ("THIRDS", 3),
    ("QUARTER", 4),
    ("QUARTERS", 4),
    ("FIFTH", 5),
    ("FIFTHS", 5),
    ("SIXTH", 6),
    ("SIXTHS", 6),
    ("SEVENTH", 7),
    ("EIGHTH", 8),
    ("EIGHTHS", 8),
    ("NINTH", 9),
    ("TENTH", 10),
];

/// A digit's value read from its name ("SUPERSCRIPT TWO", "CIRCLED DIGIT ONE").
fn digit_value(c: char) -> Option<i64> {
    if let Some(d) = decimal_value(c) {
        return Some(d);
    }
    if CodePointMapData::<NumericType>::new().get(c) != NumericType::Digit {
        return None;
    }
    let n = unicode_names2::name(c)?.to_string();
    n.split(' ').rev().find_map(word_value)
}

/// Any number's value: digits, vulgar fractions and Roman numerals from their names.
fn numeric_value(c: char) -> Option<f64> {
    if let Some(d) = digit_value(c) {
        return Some(d as f64);
    }
    if CodePointMapData::<NumericType>::new().get(c) != NumericType::Numeric {
        return None;
    }
    let n = unicode_names2::name(c)?.to_string();
    let words: Vec<&str> = n.split(' ').collect();
    if let Some(i) = words.iter().position(|&w| w == "FRACTION") {
        let num = word_value(words.get(i + 1)?)?;
        let den = DENOMINATORS
            .iter()
            .find(|&&(d, _)| Some(&d) == words.get(i + 2))?
            .1;
        return Some(num as f64 / den as f64);
    }
    words
        .iter()
        .rev()
        .find_map(|w| word_value(w))
        .map(|v| v as f64)
}

fn no_value(vm: &mut Vm, default: Option<Value>, msg: &str) -> PyResult {
    match default {
        Some(d) => Ok(d),
        None => Err(vm.value_error(msg)),
    }
}

/// decimal(chr, default=<none>)
#[native(owner = "unicodedata")]
fn decimal(vm: &mut Vm, chr: Value, default: Option<Value>) -> PyResult {
    let c = one_char(vm, "decimal", chr)?;
    match decimal_value(c) {
        Some(v) => vm.new_int(v),
        None => no_value(vm, default, "not a decimal"),
    }
}

/// digit(chr, default=<none>)
#[native(owner = "unicodedata")]
fn digit(vm: &mut Vm, chr: Value, default: Option<Value>) -> PyResult {
    let c = one_char(vm, "digit", chr)?;
    match digit_value(c) {
        Some(v) => vm.new_int(v),
        None => no_value(vm, default, "not a digit"),
    }
}

/// numeric(chr, default=<none>)
#[native(owner = "unicodedata")]
fn numeric(vm: &mut Vm, chr: Value, default: Option<Value>) -> PyResult {
    let c = one_char(vm, "numeric", chr)?;
    match numeric_value(c) {
        Some(v) => vm.new_float(v),
        None => no_value(vm, default, "not a numeric character"),
    }
}

fn form_of(vm: &mut Vm, form: &str) -> PyResult<u8> {
    match form {
        "NFC" => Ok(0),
        "NFD" => Ok(1),
        "NFKC" => Ok(2),
        "NFKD" => Ok(3),
        _ => Err(vm.value_error("invalid normalization form")),
    }
}

/// normalize(form, unistr)
#[native(owner = "unicodedata")]
fn normalize(vm: &mut Vm, form: &str, unistr: &str) -> PyResult {
    let out: String = match form_of(vm, form)? {
        0 => unistr.nfc().collect(),
        1 => unistr.nfd().collect(),
        2 => unistr.nfkc().collect(),
        _ => unistr.nfkd().collect(),
    };
    vm.new_str(&out)
}

/// is_normalized(form, unistr)
#[native(owner = "unicodedata")]
fn is_normalized(vm: &mut Vm, form: &str, unistr: &str) -> PyResult<bool> {
    Ok(match form_of(vm, form)? {
        0 => unicode_normalization::is_nfc(unistr),
        1 => unicode_normalization::is_nfd(unistr),
        2 => unicode_normalization::is_nfkc(unistr),
        _ => unicode_normalization::is_nfkd(unistr),
    })
}

/// decomposition(chr): the canonical decomposition as hex code points ('' when none).
/// Compatibility decompositions are not given (their tag is not in our data).
#[native(owner = "unicodedata")]
fn decomposition(vm: &mut Vm, chr: Value) -> PyResult {
    let c = one_char(vm, "decomposition", chr)?;
    let mut parts = Vec::new();
    unicode_normalization::char::decompose_canonical(c, |d| parts.push(d));
    if parts == [c] {
        return vm.new_str("");
    }
    let text: Vec<String> = parts.iter().map(|d| format!("{:04X}", *d as u32)).collect();
    vm.new_str(&text.join(" "))
}

const FUNCS: &[NativeDef] = &[
    category,
    bidirectional,
    combining,
    east_asian_width,
    mirrored,
    name,
    lookup,
    decimal,
    digit,
    numeric,
    normalize,
    is_normalized,
    decomposition,
];

/// `UCD` and `ucd_3_2_0` (what `idna` and `stringprep` ask for): weft has one version of
/// the data, so the old-version object answers with it.
const UCD: &str = r#"
class UCD:
    def __init__(self, version):
        self.unidata_version = version

import sys as _sys
for _name in ("category", "bidirectional", "combining", "east_asian_width", "mirrored",
              "name", "lookup", "decimal", "digit", "numeric", "normalize",
              "is_normalized", "decomposition"):
    setattr(UCD, _name, staticmethod(globals()[_name]))
ucd_3_2_0 = UCD("3.2.0")
del _name, _sys
"#;

pub fn init(vm: &mut Vm) -> PyResult {
    let (m, d) = new_native_module(vm, "unicodedata", FUNCS)?;
    weft_vm::root_scope!(vm);
    vm.root(m);
    let r = (|| {
        let v = vm.new_str("16.0.0")?;
        set_item(vm, d, "unidata_version", v)?;
        vm.exec_in_module(UCD, "<unicodedata>", m).map(|_| ())
    })();
    r.map(|_| m)
}
