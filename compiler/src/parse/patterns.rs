//! CPython's messages and spans for malformed `case` patterns, which
//! `ruff_python_parser` reports in its own words: a `_` after `as`, positional after
//! keyword sub-patterns, complex literals, `**rest` not last, bad mapping keys, a
//! top-level star, and stray tokens after a pattern.

use ruff_python_ast::token::{Token, TokenKind, Tokens};
use ruff_python_parser::{ParseError, ParseErrorType};
use ruff_text_size::Ranged;

use crate::{CompileErrorKind, RawError};

fn syntax_at(msg: &str, start: usize, end: usize) -> RawError {
    RawError {
        kind: CompileErrorKind::SyntaxError,
        msg: msg.to_string(),
        start,
        end,
    }
}

/// CPython's error for the parser's error `err` inside a `case` pattern, if it has one
/// of its own there.
pub(super) fn refine(source: &str, tokens: &Tokens, err: &ParseError) -> Option<RawError> {
    let toks = super::logical_tokens(tokens);
    let start = err.location.start().to_usize();
    let end = err.location.end().to_usize();
    // The first token at or after the error, and the token span `i`.
    let at = toks
        .iter()
        .position(|t| t.range().start().to_usize() >= start)?;
    let span = |i: usize| -> Option<(usize, usize)> {
        let t = toks.get(i)?;
        Some((t.range().start().to_usize(), t.range().end().to_usize()))
    };
    let invalid = |(s, e): (usize, usize)| syntax_at("invalid syntax", s, e);
    if !in_case_header(&toks, at) {
        return None;
    }
    match &err.error {
        ParseErrorType::InvalidMatchPatternTarget
            if &source[start..end] == "_" && at > 0 && toks[at - 1].kind() == TokenKind::As =>
        {
            Some(syntax_at("cannot use '_' as a target", start, end))
        }
        ParseErrorType::OtherError(m)
            if m == "Positional patterns cannot follow keyword patterns" =>
        {
            Some(syntax_at(
                "positional patterns follow keyword patterns",
                start,
                end,
            ))
        }
        ParseErrorType::ExpectedImaginaryNumber => Some(syntax_at(
            "imaginary number required in complex literal",
            start,
            end,
        )),
        // `-a`: CPython stops at what follows the minus.
        ParseErrorType::ExpectedRealNumber if start == end => {
            let minus = (at..toks.len()).find(|&i| toks[i].kind() == TokenKind::Minus)?;
            Some(invalid(span(minus + 1)?))
        }
        // `1 + 1j + 1`: a second `+` or `-` is where CPython stops.
        ParseErrorType::ExpectedRealNumber
            if at > 0 && matches!(toks[at - 1].kind(), TokenKind::Plus | TokenKind::Minus) =>
        {
            let next = (at..toks.len()).find(|&i| toks[i].range().start().to_usize() >= end)?;
            Some(invalid(span(next)?))
        }
        ParseErrorType::ExpectedRealNumber => Some(syntax_at(
            "real number required in complex literal",
            start,
            end,
        )),
        ParseErrorType::OtherError(m)
            if m == "Pattern cannot follow a double star pattern"
                || m == "Only one double star pattern is allowed" =>
        {
            Some(invalid(span(at)?))
        }
        // A key that is neither a literal nor a dotted name: CPython stops at the token
        // after its first.
        ParseErrorType::OtherError(m) if m == "Invalid mapping pattern key" => {
            Some(invalid(span(at + 1)?))
        }
        // `case *a:`: a star pattern alone, stopped at what follows it.
        ParseErrorType::InvalidStarPatternUsage => {
            let next = (at..toks.len()).find(|&i| toks[i].range().start().to_usize() >= end)?;
            Some(invalid(span(next)?))
        }
        // `{f'{x}': 1}`: an f-string as a mapping key, marked on the whole mapping.
        ParseErrorType::ExpectedToken {
            found: TokenKind::FStringStart,
            ..
        } => {
            let mut depth = 0usize;
            let open = (0..at).rev().find(|&i| {
                match toks[i].kind() {
                    TokenKind::Rbrace => depth += 1,
                    TokenKind::Lbrace if depth == 0 => return true,
                    TokenKind::Lbrace => depth -= 1,
                    _ => {}
                }
                false
            })?;
            // The lexer's recovery inside the f-string may leave its braces unpaired:
            // the mapping ends at the header's last `}`.
            let line_end = (open..toks.len())
                .find(|&i| toks[i].kind() == TokenKind::Newline)
                .unwrap_or(toks.len());
            let close = (open..line_end)
                .rev()
                .find(|&i| toks[i].kind() == TokenKind::Rbrace)?;
            Some(syntax_at(
                "mapping pattern keys may only match literals and attribute lookups",
                span(open)?.0,
                span(close)?.1,
            ))
        }
        // Something after a whole pattern other than the line's end: no `':' expected`
        // (CPython says that only when the line ends there).
        ParseErrorType::ExpectedToken {
            expected: TokenKind::Colon,
            found,
        } if !matches!(found, TokenKind::Newline | TokenKind::EndOfFile) => {
            Some(invalid((start, end)))
        }
        _ => None,
    }
}

/// Token `at` is in the header of a `case` block: its logical line starts with `case`.
fn in_case_header(toks: &[Token], at: usize) -> bool {
    let mut i = at.min(toks.len());
    while i > 0 {
        match toks[i - 1].kind() {
            TokenKind::Newline | TokenKind::Indent | TokenKind::Dedent => break,
            _ => i -= 1,
        }
    }
    toks.get(i).is_some_and(|t| t.kind() == TokenKind::Case)
}
