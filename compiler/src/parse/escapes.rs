//! Bad escapes in string and bytes literals (`'\x1'`, `'\N{nope}'`, `b'\x'`) and
//! non-ASCII characters in bytes: CPython's messages, which name the escape's position
//! in the literal's body, marked on the whole literal as CPython 3.12+ does.

use ruff_python_ast::token::{TokenKind, Tokens};
use ruff_text_size::Ranged;

use crate::{CompileErrorKind, RawError};

/// The string token holding byte `at` (its start and end).
fn token_at(tokens: &Tokens, at: usize) -> Option<(usize, usize)> {
    tokens
        .iter()
        .find(|t| {
            t.kind() == TokenKind::String
                && t.range().start().to_usize() <= at
                && at <= t.range().end().to_usize()
        })
        .map(|t| (t.range().start().to_usize(), t.range().end().to_usize()))
}

/// The literal part of an f-string holding byte `at` (its start and end), and the span
/// of the f-string's closing quote, which CPython 3.12+ marks.
fn fstring_part_at(tokens: &Tokens, at: usize) -> Option<((usize, usize), (usize, usize))> {
    let toks: Vec<_> = tokens.iter().collect();
    let i = toks.iter().position(|t| {
        matches!(
            t.kind(),
            TokenKind::FStringMiddle | TokenKind::TStringMiddle
        ) && t.range().start().to_usize() <= at
            && at <= t.range().end().to_usize()
    })?;
    let span = |t: &ruff_python_ast::token::Token| {
        (t.range().start().to_usize(), t.range().end().to_usize())
    };
    // The end of this f-string (nested ones open and close before it).
    let mut depth = 0;
    let end = toks[i + 1..].iter().find(|t| match t.kind() {
        TokenKind::FStringStart | TokenKind::TStringStart => {
            depth += 1;
            false
        }
        TokenKind::FStringEnd | TokenKind::TStringEnd if depth > 0 => {
            depth -= 1;
            false
        }
        k => matches!(k, TokenKind::FStringEnd | TokenKind::TStringEnd),
    })?;
    Some((span(toks[i]), span(end)))
}

fn error(msg: String, (start, end): (usize, usize)) -> RawError {
    RawError {
        kind: CompileErrorKind::SyntaxError,
        msg,
        start,
        end,
    }
}

/// A bytes literal with a non-ASCII character at `at`.
pub(super) fn non_ascii_bytes(tokens: &Tokens, at: usize) -> Option<RawError> {
    let span = token_at(tokens, at)?;
    Some(error(
        "bytes can only contain ASCII literal characters".into(),
        span,
    ))
}

/// The lexer found a bad escape near byte `at`: CPython's message for the first bad
/// escape of the literal there.
pub(super) fn bad_escape(source: &str, tokens: &Tokens, at: usize) -> Option<RawError> {
    let Some(span) = token_at(tokens, at) else {
        let ((s, e), mark) = fstring_part_at(tokens, at)?;
        let (pos, last, why) = first_bad_escape(&source[s..e], true)?;
        return Some(error(unicode_message(pos, last, why), mark));
    };
    let text = &source[span.0..span.1];
    let prefix_len = text.find(['\'', '"'])?;
    let prefix = text[..prefix_len].to_ascii_lowercase();
    if prefix.contains('r') {
        return None;
    }
    let quote = if text[prefix_len..].starts_with("'''") || text[prefix_len..].starts_with("\"\"\"")
    {
        3
    } else {
        1
    };
    let body = &text[prefix_len + quote..text.len() - quote];
    let msg = if prefix.contains('b') {
        let pos = first_bad_escape(body, false)?.0;
        format!("(value error) invalid \\x escape at position {pos}")
    } else {
        let (pos, last, why) = first_bad_escape(body, true)?;
        unicode_message(pos, last, why)
    };
    Some(error(msg, span))
}

fn unicode_message(pos: usize, last: usize, why: &str) -> String {
    format!(
        "(unicode error) 'unicodeescape' codec can't decode bytes in position {pos}-{last}: {why}"
    )
}

/// The first bad escape in `body`: its start and last position, as the decoder counts
/// them (a non-ASCII character of a str counts as the ten bytes of the `\UXXXXXXXX` it
/// is turned into first), and what is wrong.
fn first_bad_escape(body: &str, unicode: bool) -> Option<(usize, usize, &'static str)> {
    let chars: Vec<char> = body.chars().collect();
    let width = |c: char| if c.is_ascii() { 1 } else { 10 };
    let mut pos = 0;
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '\\' {
            pos += width(chars[i]);
            i += 1;
            continue;
        }
        let start = pos;
        let kind = chars.get(i + 1).copied();
        let hex = |n: usize| {
            (0..n)
                .take_while(|k| chars.get(i + 2 + k).is_some_and(char::is_ascii_hexdigit))
                .count()
        };
        let digits = match kind {
            Some('x') => 2,
            Some('u') if unicode => 4,
            Some('U') if unicode => 8,
            _ => 0,
        };
        if digits > 0 {
            let k = hex(digits);
            if k < digits {
                let why = match kind {
                    Some('x') => "truncated \\xXX escape",
                    Some('u') => "truncated \\uXXXX escape",
                    _ => "truncated \\UXXXXXXXX escape",
                };
                return Some((start, start + 1 + k, why));
            }
            if digits == 8 {
                let v: String = chars[i + 2..i + 10].iter().collect();
                if u32::from_str_radix(&v, 16).map_or(true, |v| v > 0x10FFFF) {
                    return Some((start, start + 9, "illegal Unicode character"));
                }
            }
            pos += 2 + digits;
            i += 2 + digits;
            continue;
        }
        if kind == Some('N') && unicode {
            if chars.get(i + 2) != Some(&'{') {
                return Some((start, start + 1, "malformed \\N character escape"));
            }
            let Some(close) = (i + 3..chars.len()).find(|&k| chars[k] == '}') else {
                let rest: usize = chars[i..].iter().map(|&c| width(c)).sum();
                return Some((start, start + rest - 1, "malformed \\N character escape"));
            };
            let len: usize = chars[i..=close].iter().map(|&c| width(c)).sum();
            let name: String = chars[i + 3..close].iter().collect();
            if name.is_empty() {
                return Some((start, start + 2, "malformed \\N character escape"));
            }
            if !known_name(&name) {
                return Some((start, start + len - 1, "unknown Unicode character name"));
            }
            pos += len;
            i = close + 1;
            continue;
        }
        // Any other escape is two characters (or a kept backslash, also skipped so).
        pos += 1 + kind.map_or(0, width);
        i += 2;
    }
    None
}

/// Whether `\N{name}` names a character, as the parser decides on the escape alone.
fn known_name(name: &str) -> bool {
    let probe = format!("'\\N{{{name}}}'");
    ruff_python_parser::parse_expression(&probe).is_ok()
}
