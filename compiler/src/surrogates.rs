//! Lone surrogates in str literals. The parser decodes `'\ud800'` (an escape naming a
//! surrogate, which a Rust `str` cannot hold) as U+FFFD; the compiler reads the
//! literal's source again to tell those U+FFFD apart from real ones and makes a
//! `Const::StrSurrogates` constant (generalized UTF-8, see `Const`).
use crate::bytecode::Const;
use ruff_python_ast as ast;
use ruff_text_size::Ranged;

/// The exact constant of a str literal whose parsed value holds U+FFFD; None when it
/// holds no surrogate (or its source does not read as expected).
pub(crate) fn exact_literal(source: &str, lit: &ast::ExprStringLiteral) -> Option<Const> {
    let mut out = Vec::new();
    let mut any = false;
    for part in lit.value.iter() {
        let text = source.get(part.range().start().to_usize()..part.range().end().to_usize())?;
        let value: &str = &part.value;
        if !value.contains('\u{fffd}') {
            out.extend_from_slice(value.as_bytes());
            continue;
        }
        let units = replacement_units(text)?;
        if units.len() != value.chars().filter(|&c| c == '\u{fffd}').count() {
            return None;
        }
        let mut units = units.into_iter();
        for c in value.chars() {
            let cp = match c {
                '\u{fffd}' => units.next()?.unwrap_or(0xFFFD),
                c => c as u32,
            };
            any |= (0xD800..0xE000).contains(&cp);
            push(&mut out, cp);
        }
    }
    any.then_some(Const::StrSurrogates(out))
}

/// Each source unit of a literal that the parser turned into U+FFFD, in order: Some(cp)
/// for an escape naming the surrogate cp, None for a real U+FFFD. None for a raw
/// literal or a malformed one.
fn replacement_units(text: &str) -> Option<Vec<Option<u32>>> {
    let q = text.find(['\'', '"'])?;
    let (prefix, quoted) = text.split_at(q);
    let raw = prefix.contains(['r', 'R']);
    let n = if quoted.starts_with("'''") || quoted.starts_with("\"\"\"") {
        3
    } else {
        1
    };
    let body = quoted.get(n..quoted.len().checked_sub(n)?)?;
    let mut units = Vec::new();
    let mut it = body.chars();
    while let Some(c) = it.next() {
        if c == '\u{fffd}' {
            units.push(None);
            continue;
        }
        if c != '\\' || raw {
            continue;
        }
        let digits = match it.next() {
            Some('u') => 4,
            Some('U') => 8,
            Some('N') => {
                let name: String = it.by_ref().take_while(|&c| c != '}').collect();
                if name
                    .trim_start_matches('{')
                    .eq_ignore_ascii_case("replacement character")
                {
                    units.push(None);
                }
                continue;
            }
            _ => continue,
        };
        let hex: String = it.by_ref().take(digits).collect();
        let cp = u32::from_str_radix(&hex, 16).ok()?;
        if (0xD800..0xE000).contains(&cp) {
            units.push(Some(cp));
        } else if cp == 0xFFFD {
            units.push(None);
        }
    }
    Some(units)
}

/// Append code point `c` the UTF-8 way (a surrogate too).
fn push(out: &mut Vec<u8>, c: u32) {
    let mut buf = [0u8; 4];
    match char::from_u32(c) {
        Some(ch) => out.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes()),
        None => out.extend_from_slice(&[
            0xE0 | (c >> 12) as u8,
            0x80 | ((c >> 6) & 0x3F) as u8,
            0x80 | (c & 0x3F) as u8,
        ]),
    }
}
