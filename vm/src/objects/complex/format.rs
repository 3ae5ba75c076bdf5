//! `repr(complex)` and `format(complex, spec)`, as CPython writes them.
//!
//! - repr: `(re±imj)`, each part in shortest round-trip form without a trailing `.0`;
//!   a real part that is +0.0 is left out along with the parentheses (`1j`, but `(-0+1j)`).
//! - format with a presentation type (`e f g %`...): both parts formatted with it, the
//!   imaginary one always signed, no parentheses; width, fill and alignment apply to the
//!   whole. Without a type: like repr (with `g` and the precision when one is given).
//!   `=` alignment and zero padding are errors, as in CPython.
use super::ComplexData;
use crate::ops::number_format::{Spec, float_repr, format_float, pad, parse_spec};

/// A part in repr form: shortest digits, no `.0` on integral values.
fn part(f: f64) -> String {
    let s = float_repr(f);
    match s.strip_suffix(".0") {
        Some(t) => t.to_string(),
        None => s,
    }
}

pub fn repr(z: ComplexData) -> String {
    if z.re == 0.0 && z.re.is_sign_positive() {
        return format!("{}j", part(z.im));
    }
    let im = part(z.im);
    let sign = if im.starts_with('-') { "" } else { "+" };
    format!("({}{sign}{im}j)", part(z.re))
}

/// `format(z, spec)`; Err is a ValueError message.
pub fn format(z: ComplexData, spec_text: &str) -> Result<String, String> {
    let spec = parse_spec(spec_text, "complex")?;
    if spec.align == Some('=') {
        let explicit = spec_text.chars().take(2).any(|c| c == '=');
        return Err(if spec.fill == '0' && !explicit {
            "Zero padding is not allowed in complex format specifier".into()
        } else {
            "'=' alignment flag is not allowed in complex format specifier".into()
        });
    }
    if let Some(t) = spec.ty
        && !matches!(t, 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n')
    {
        return Err(format!(
            "Unknown format code '{t}' for object of type 'complex'"
        ));
    }
    let bare = Spec {
        fill: ' ',
        align: None,
        width: 0,
        ..spec.clone()
    };
    let (re_s, im_s, parens) = match spec.ty {
        Some(_) => {
            let re = format_float(z.re, &bare)?;
            let im = format_float(z.im, &Spec { sign: '+', ..bare })?;
            (Some(re), im, false)
        }
        None => {
            let show_re = !(z.re == 0.0 && z.re.is_sign_positive());
            let (re, im) = match spec.precision {
                Some(_) => {
                    let g = Spec {
                        ty: Some('g'),
                        ..bare.clone()
                    };
                    (
                        format_float(z.re, &g)?,
                        format_float(z.im, &Spec { sign: '+', ..g })?,
                    )
                }
                None => {
                    let sign = |neg: bool| match (neg, spec.sign) {
                        (true, _) => "",
                        (false, '+') => "+",
                        (false, ' ') => " ",
                        _ => "",
                    };
                    let re = part(z.re);
                    let im = part(z.im);
                    let re = format!("{}{re}", sign(re.starts_with('-')));
                    let im_sign = if im.starts_with('-') { "" } else { "+" };
                    (re, format!("{im_sign}{im}"))
                }
            };
            if show_re {
                (Some(re), im, true)
            } else {
                let im = match spec.precision {
                    Some(_) => format_float(
                        z.im,
                        &Spec {
                            ty: Some('g'),
                            ..bare.clone()
                        },
                    )?,
                    None => {
                        let s = part(z.im);
                        match (s.starts_with('-'), spec.sign) {
                            (false, '+') => format!("+{s}"),
                            (false, ' ') => format!(" {s}"),
                            _ => s,
                        }
                    }
                };
                (None, im, false)
            }
        }
    };
    let body = match re_s {
        Some(re) if parens => format!("({re}{im_s}j)"),
        Some(re) => format!("{re}{im_s}j"),
        None => format!("{im_s}j"),
    };
    let outer = Spec {
        sign: '-',
        precision: None,
        ty: None,
        ..spec
    };
    Ok(pad(&outer, "", &body, '>'))
}
