//! Errors CPython's tokenizer raises: bad numbers, characters, strings, brackets,
//! dedents. When the parser fails, CPython tokenizes the rest of the source and a
//! tokenizer error anywhere in it replaces the parser's error; so the first of these
//! in the source wins over whatever `ruff_python_parser` reported.

use ruff_python_ast::token::{TokenKind, Tokens};
use ruff_python_parser::{
    InterpolatedStringErrorType, LexicalErrorType, ParseError, ParseErrorType,
};
use ruff_text_size::Ranged;

use super::{Fail, escapes, fstrings, numbers, tabs};
use crate::{CompileErrorKind, RawError, SourceMap};

/// An error at the tokenizer's cursor `at`: `offset` and `end_offset` both count the
/// characters before it on its line (`end_offset` is `end` when given: 0 or -1 where
/// CPython's tokenizer marks no end).
fn at_cursor(
    map: &SourceMap,
    kind: CompileErrorKind,
    msg: String,
    at: usize,
    end: Option<i32>,
) -> Fail {
    let col = map.chars_before(at);
    (
        RawError {
            kind,
            msg,
            start: at,
            end: at,
        },
        Some((col, end.unwrap_or(col as i32))),
    )
}

/// The first tokenizer error in the source, if any.
pub(super) fn first_error(source: &str, tokens: &Tokens, errors: &[ParseError]) -> Option<Fail> {
    let map = SourceMap::new(source);
    let mut found: Vec<(usize, Fail)> = Vec::new();
    if let Some(f) = token_error(source, &map, tokens) {
        found.push(f);
    }
    if let Some(at) = tabs::inconsistent_line(source, tokens) {
        found.push((at, tabs::error(at)));
    }
    for e in errors {
        if let Some(f) = lexer_error(source, &map, tokens, e) {
            found.push((e.location.start().to_usize(), f));
            break;
        }
    }
    found.into_iter().min_by_key(|(at, _)| *at).map(|(_, f)| f)
}

/// Numbers, stray non-ASCII characters and closing brackets, in token order.
fn token_error(source: &str, map: &SourceMap, tokens: &Tokens) -> Option<(usize, Fail)> {
    // Open brackets: (character, byte offset).
    let mut open: Vec<(char, usize)> = Vec::new();
    for t in tokens.iter() {
        let start = t.range().start().to_usize();
        let text = &source[start..t.range().end().to_usize()];
        match t.kind() {
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => {
                open.push((text.chars().next().unwrap_or('('), start));
            }
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                let close = text.chars().next().unwrap_or(')');
                let msg = match open.pop() {
                    None => format!("unmatched '{close}'"),
                    Some((o, _)) if matches!((o, close), ('(', ')') | ('[', ']') | ('{', '}')) => {
                        continue;
                    }
                    Some((o, at)) if map.line(at) != map.line(start) => format!(
                        "closing parenthesis '{close}' does not match opening parenthesis '{o}' on line {}",
                        map.line(at)
                    ),
                    Some((o, _)) => format!(
                        "closing parenthesis '{close}' does not match opening parenthesis '{o}'"
                    ),
                };
                let f = at_cursor(map, CompileErrorKind::SyntaxError, msg, start + 1, None);
                return Some((start, f));
            }
            TokenKind::String
            | TokenKind::FStringMiddle
            | TokenKind::TStringMiddle
            | TokenKind::Comment => {}
            _ if number_start(text) || glued_number(source, start).is_some() => {
                let start = glued_number(source, start).unwrap_or(start);
                if let Err(b) = numbers::check(source, start) {
                    let f = match b.range {
                        Some((s, e)) => (
                            RawError {
                                kind: CompileErrorKind::SyntaxError,
                                msg: b.msg,
                                start: s,
                                end: s,
                            },
                            Some((map.chars_before(s) + 1, map.chars_before(e) as i32)),
                        ),
                        None => at_cursor(map, CompileErrorKind::SyntaxError, b.msg, b.at, None),
                    };
                    return Some((start, f));
                }
            }
            TokenKind::Unknown => {
                let c = text.chars().next()?;
                // A stray printable ASCII character (`$`, `?`) is plain invalid syntax
                // and a misplaced tab is the indentation check's; any other control
                // character is the tokenizer's error, as any non-ASCII one.
                if c.is_ascii() && (printable(c) || c.is_ascii_whitespace()) {
                    continue;
                }
                let msg = if printable(c) {
                    format!("invalid character '{c}' (U+{:04X})", c as u32)
                } else {
                    format!("invalid non-printable character U+{:04X}", c as u32)
                };
                let at = start + c.len_utf8();
                return Some((
                    start,
                    at_cursor(map, CompileErrorKind::SyntaxError, msg, at, None),
                ));
            }
            _ => {}
        }
    }
    None
}

/// Whether a token's text begins a numeric literal (the lexer makes a bad one an
/// unknown token).
fn number_start(text: &str) -> bool {
    let b = text.as_bytes();
    b.first().is_some_and(u8::is_ascii_digit)
        || (b.first() == Some(&b'.') && b.get(1).is_some_and(u8::is_ascii_digit))
}

/// The start of a number that ends right before `at` when the lexer dropped it on a
/// bad continuation (`1.__class__` yields only an error token at `_`).
fn glued_number(source: &str, at: usize) -> Option<usize> {
    let b = source.as_bytes();
    let mut i = at;
    while i > 0 && (b[i - 1].is_ascii_digit() || b[i - 1] == b'.') {
        i -= 1;
    }
    if i == at || (i > 0 && (b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_')) {
        return None;
    }
    number_start(&source[i..at]).then_some(i)
}

/// Whether CPython counts `c` as printable (`str.isprintable`): not a control, format,
/// separator (other than the space) or unassigned character.
fn printable(c: char) -> bool {
    !(c.is_control()
        || (c.is_whitespace() && c != ' ')
        || matches!(c, '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}' | '\u{feff}' | '\u{e000}'..='\u{f8ff}'))
}

/// The lexer's own errors that CPython's tokenizer also reports.
fn lexer_error(source: &str, map: &SourceMap, tokens: &Tokens, e: &ParseError) -> Option<Fail> {
    let start = e.location.start().to_usize().min(source.len());
    // An f-string's error may point inside it: CPython marks where it starts.
    let fstring_start = tokens
        .iter()
        .rev()
        .find(|t| {
            matches!(t.kind(), TokenKind::FStringStart | TokenKind::TStringStart)
                && t.range().start().to_usize() <= start
        })
        .map(|t| t.range().start().to_usize());
    let line_end = |at: usize| source[at..].find('\n').map_or(source.len(), |i| at + i);
    let lines = || {
        let n = source.split('\n').count() as u32;
        if source.ends_with('\n') { n - 1 } else { n }.max(1)
    };
    let raw = |kind, msg: String, at: usize| RawError {
        kind,
        msg,
        start: at,
        end: at,
    };
    use CompileErrorKind::*;
    Some(match &e.error {
        err if matches!(
            err,
            ParseErrorType::Lexical(LexicalErrorType::UnclosedStringError)
        ) || matches!(
            fstrings::interpolated(err),
            Some((InterpolatedStringErrorType::UnterminatedString, _))
        ) =>
        {
            let at = match &e.error {
                ParseErrorType::Lexical(LexicalErrorType::UnclosedStringError) => {
                    string_start(source, start)
                }
                _ => fstring_start.unwrap_or_else(|| string_start(source, start)),
            };
            if triple_quoted(source, at) {
                let msg = format!(
                    "unterminated triple-quoted string literal (detected at line {})",
                    lines()
                );
                (raw(SyntaxError, msg, at), None)
            } else {
                let msg = format!(
                    "unterminated string literal (detected at line {})",
                    map.line(at)
                );
                (raw(SyntaxError, msg, at), None)
            }
        }
        err if matches!(
            fstrings::interpolated(err),
            Some((
                InterpolatedStringErrorType::UnterminatedTripleQuotedString,
                _
            ))
        ) =>
        {
            let at = fstring_start.unwrap_or_else(|| string_start(source, start));
            let msg = format!(
                "unterminated triple-quoted string literal (detected at line {})",
                lines()
            );
            (raw(SyntaxError, msg, at), None)
        }
        ParseErrorType::Lexical(LexicalErrorType::IndentationError) => {
            // CPython points just past the end of the badly indented line.
            let ls = start - map.byte_col(start) as usize;
            let col = map.chars_before(line_end(ls)) + 1;
            let msg = "unindent does not match any outer indentation level".to_string();
            (raw(IndentationError, msg, start), Some((col, -1)))
        }
        ParseErrorType::Lexical(LexicalErrorType::LineContinuationError) => {
            let bs = source[..line_end(start)].rfind('\\')?;
            let msg = "unexpected character after line continuation character".to_string();
            // The tokenizer stands after the character that follows the backslash.
            let next = source[bs + 1..].chars().next().map_or(0, char::len_utf8);
            at_cursor(map, SyntaxError, msg, bs + 1 + next, Some(0))
        }
        ParseErrorType::Lexical(
            LexicalErrorType::UnicodeError
            | LexicalErrorType::MissingUnicodeLbrace
            | LexicalErrorType::MissingUnicodeRbrace,
        ) => (escapes::bad_escape(source, tokens, start)?, None),
        ParseErrorType::Lexical(LexicalErrorType::InvalidByteLiteral) => {
            (escapes::non_ascii_bytes(tokens, start)?, None)
        }
        ParseErrorType::Lexical(LexicalErrorType::OtherError(m))
            if m.contains("tab") || m.contains("Tab") =>
        {
            let msg = "inconsistent use of tabs and spaces in indentation".to_string();
            (raw(TabError, msg, start), Some((1, 0)))
        }
        _ => return None,
    })
}

/// The start of the string literal (its prefix) that holds or begins at `at`.
fn string_start(source: &str, at: usize) -> usize {
    let b = source.as_bytes();
    let mut i = at.min(b.len());
    // The lexer may point at the quote or the prefix; step back over prefix letters.
    while i > 0 && b[i - 1].is_ascii_alphabetic() && i + 3 > at {
        i -= 1;
    }
    if i < at && !source[i..at].bytes().all(|c| b"rRbBuUfFtT".contains(&c)) {
        return at;
    }
    i
}

fn triple_quoted(source: &str, at: usize) -> bool {
    let rest = source[at..].trim_start_matches(|c: char| c.is_ascii_alphabetic());
    rest.starts_with("\"\"\"") || rest.starts_with("'''")
}
