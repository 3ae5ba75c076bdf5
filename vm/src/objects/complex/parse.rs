//! `complex(str)`: the accepted forms are `a`, `bj`, `a±bj`, each number a float literal
//! (digits with `_` between them, `inf`, `nan`, `infinity`), `j` alone meaning `1j`, the
//! whole optionally in parentheses, with whitespace around the text and inside the
//! parentheses.
use crate::objects::float::methods::parse_float;

/// The length of the float literal at the start of `s` (sign included), if any.
fn float_prefix(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    if i < b.len() && (b[i] == b'+' || b[i] == b'-') {
        i += 1;
    }
    let rest = &s[i..];
    let lower = rest.to_ascii_lowercase();
    for word in ["infinity", "inf", "nan"] {
        if lower.starts_with(word) {
            return i + word.len();
        }
    }
    let start = i;
    let mut digits = false;
    while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
        digits |= b[i].is_ascii_digit();
        i += 1;
    }
    if i < b.len() && b[i] == b'.' {
        i += 1;
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
            digits |= b[i].is_ascii_digit();
            i += 1;
        }
    }
    if !digits {
        return if start == 0 { 0 } else { start };
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        let mut j = i + 1;
        if j < b.len() && (b[j] == b'+' || b[j] == b'-') {
            j += 1;
        }
        let ds = j;
        while j < b.len() && (b[j].is_ascii_digit() || b[j] == b'_') {
            j += 1;
        }
        if j > ds {
            i = j;
        }
    }
    i
}

/// Parse `complex(s)`: Some((re, im)) or None for a malformed string.
pub fn parse_complex(s: &str) -> Option<(f64, f64)> {
    let mut t = s.trim();
    if let Some(inner) = t.strip_prefix('(') {
        t = inner.strip_suffix(')')?.trim();
    }
    if t.is_empty() {
        return None;
    }
    let is_j = |c: u8| c == b'j' || c == b'J';
    let n1 = float_prefix(t);
    let (first, rest) = t.split_at(n1);
    let has_digits = |x: &str| {
        let x = x.trim_start_matches(['+', '-']);
        !x.is_empty()
    };
    if rest.is_empty() {
        // A real number alone.
        return Some((parse_float(first)?, 0.0));
    }
    if rest.len() == 1 && is_j(rest.as_bytes()[0]) {
        // `bj`, or `j`/`+j`/`-j`.
        let im = if has_digits(first) {
            parse_float(first)?
        } else if first.starts_with('-') {
            -1.0
        } else {
            1.0
        };
        return Some((0.0, im));
    }
    if !has_digits(first) {
        return None;
    }
    let re = parse_float(first)?;
    // The imaginary part must start with a sign and end with j.
    if !rest.starts_with(['+', '-']) {
        return None;
    }
    let body = rest.strip_suffix(['j', 'J'])?;
    let n2 = float_prefix(body);
    if n2 != body.len() {
        return None;
    }
    let im = if has_digits(body) {
        parse_float(body)?
    } else if body == "-" {
        -1.0
    } else {
        1.0
    };
    Some((re, im))
}

#[cfg(test)]
mod tests {
    use super::parse_complex;
    #[test]
    fn forms() {
        assert_eq!(parse_complex("1"), Some((1.0, 0.0)));
        assert_eq!(parse_complex(" ( 1.5-2.5J ) "), Some((1.5, -2.5)));
        assert_eq!(parse_complex("-j"), Some((0.0, -1.0)));
        assert_eq!(parse_complex("1_000+2_0j"), Some((1000.0, 20.0)));
        assert_eq!(parse_complex("1e3"), Some((1000.0, 0.0)));
        assert_eq!(parse_complex("1+j"), Some((1.0, 1.0)));
        assert_eq!(parse_complex("1+"), None);
        assert_eq!(parse_complex(""), None);
        assert_eq!(parse_complex("1+2"), None);
        assert_eq!(parse_complex("j1"), None);
    }
}
