//! Errors inside f-string replacement fields (`f'{}'`, `f'{x!z}'`, `f'{x'`): CPython
//! 3.12+'s messages and spans (its parser reads f-strings as tokens, as
//! `ruff_python_parser` does, but words these errors its own way). CPython 3.14 is
//! weft's reference; the tests compare with 3.13, which agrees with it here.

use ruff_python_ast::token::{Token, TokenKind, Tokens};
use ruff_python_parser::{
    InterpolatedStringErrorType as FErr, LexicalErrorType, ParseError, ParseErrorType,
};
use ruff_text_size::Ranged;

use super::Fail;
use crate::{CompileErrorKind, RawError, SourceMap};

fn syntax(msg: String, start: usize, end: usize) -> RawError {
    RawError {
        kind: CompileErrorKind::SyntaxError,
        msg,
        start,
        end,
    }
}

/// CPython's error for the parser's error `err` when it lies in an f-string.
pub(super) fn refine(source: &str, tokens: &Tokens, err: &ParseError) -> Option<Fail> {
    let toks = super::logical_tokens(tokens);
    let start = err.location.start().to_usize();
    let at = toks
        .iter()
        .position(|t| t.range().start().to_usize() >= start)
        .unwrap_or(toks.len());
    if let ParseErrorType::Lexical(LexicalErrorType::FStringError(FErr::SingleRbrace)) = &err.error
    {
        let e = syntax("f-string: single '}' is not allowed".into(), start, start);
        return Some((e, None));
    }
    let field = open_field(&toks, at)?;
    // A comment in a field runs to the line's end: the field is never closed.
    if let ParseErrorType::Lexical(LexicalErrorType::FStringError(FErr::UnterminatedString)) =
        &err.error
    {
        let open = toks[field].range().start().to_usize();
        let col = SourceMap::new(source).chars_before(open) + 1;
        let e = syntax("'{' was never closed".into(), open, open + 1);
        return Some((e, Some((col, 0))));
    }
    refine_field(source, &toks, err, at, field).map(|e| (e, None))
}

/// The error `err` at token `at`, in the replacement field opened at token `field`.
fn refine_field(
    source: &str,
    toks: &[Token],
    err: &ParseError,
    at: usize,
    field: usize,
) -> Option<RawError> {
    let start = err.location.start().to_usize();
    let end = err.location.end().to_usize();
    let kind = |i: usize| toks.get(i).map_or(TokenKind::EndOfFile, |t| t.kind());
    let t_start = |i: usize| {
        toks.get(i)
            .map_or(source.len(), |t| t.range().start().to_usize())
    };
    let t_end = |i: usize| {
        toks.get(i)
            .map_or(source.len(), |t| t.range().end().to_usize())
    };
    let closed = |k: TokenKind| matches!(k, TokenKind::FStringEnd | TokenKind::EndOfFile);
    match &err.error {
        ParseErrorType::ExpectedExpression if at == field + 1 => {
            let what = match kind(at) {
                TokenKind::Rbrace => "}",
                TokenKind::Exclamation => "!",
                TokenKind::Colon => ":",
                TokenKind::Equal => "=",
                k if closed(k) => {
                    return Some(syntax("f-string: expecting '}'".into(), start, start));
                }
                _ => return None,
            };
            Some(syntax(
                format!("f-string: valid expression required before '{what}'"),
                t_start(at),
                t_end(at),
            ))
        }
        // An operator with no right operand before the field's end.
        ParseErrorType::ExpectedExpression if kind(at) == TokenKind::Rbrace && at > 0 => {
            Some(syntax(
                "f-string: expecting '=', or '!', or ':', or '}'".into(),
                t_start(at - 1),
                t_end(at - 1),
            ))
        }
        ParseErrorType::ExpectedExpression if closed(kind(at)) => {
            Some(syntax("f-string: expecting '}'".into(), start, start))
        }
        ParseErrorType::FStringError(FErr::InvalidConversionFlag) => {
            let text = &source[start..end];
            let msg = match kind(at) {
                TokenKind::Rbrace | TokenKind::Colon => {
                    "f-string: missing conversion character".to_string()
                }
                TokenKind::Name => format!(
                    "f-string: invalid conversion character '{text}': expected 's', 'r', or 'a'"
                ),
                _ => "f-string: invalid conversion character".to_string(),
            };
            Some(syntax(msg, start, end))
        }
        ParseErrorType::FStringError(FErr::UnclosedLbrace) => {
            match kind(at) {
                _ if in_format_spec(toks, field, at) => Some(syntax(
                    "f-string: expecting '}', or format specs".into(),
                    start,
                    end,
                )),
                // After a conversion character CPython stands on it.
                k if closed(k)
                    && at >= 2
                    && kind(at - 1) == TokenKind::Name
                    && kind(at - 2) == TokenKind::Exclamation =>
                {
                    let s = t_start(at - 1);
                    Some(syntax("f-string: expecting '}'".into(), s, s))
                }
                k if closed(k) => Some(syntax("f-string: expecting '}'".into(), start, start)),
                TokenKind::Rpar | TokenKind::Rsqb => {
                    let c = &source[start..start + 1];
                    Some(syntax(format!("f-string: unmatched '{c}'"), start, start))
                }
                // Two expressions side by side.
                TokenKind::Name
                | TokenKind::Int
                | TokenKind::Float
                | TokenKind::Complex
                | TokenKind::String => Some(syntax(
                    "invalid syntax. Perhaps you forgot a comma?".into(),
                    t_start(field + 1),
                    t_end(at),
                )),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The index of the `{` of the innermost replacement field still open at token `at`,
/// if `at` lies in one (or at the f-string's end right after one).
fn open_field(toks: &[Token], at: usize) -> Option<usize> {
    // Open f-strings, each with its open fields' `{` and other brackets.
    let mut fstrings: Vec<Vec<(usize, TokenKind)>> = Vec::new();
    for (i, t) in toks.iter().enumerate().take(at.min(toks.len())) {
        match t.kind() {
            TokenKind::FStringStart => fstrings.push(Vec::new()),
            TokenKind::FStringEnd => {
                fstrings.pop();
            }
            k @ (TokenKind::Lbrace | TokenKind::Lpar | TokenKind::Lsqb) => {
                if let Some(f) = fstrings.last_mut() {
                    f.push((i, k));
                }
            }
            TokenKind::Rbrace | TokenKind::Rpar | TokenKind::Rsqb => {
                if let Some(f) = fstrings.last_mut() {
                    f.pop();
                }
            }
            _ => {}
        }
    }
    // The innermost `{` (a field nested in a format spec is its own field).
    fstrings
        .last()?
        .iter()
        .rev()
        .find(|(_, k)| *k == TokenKind::Lbrace)
        .map(|(i, _)| *i)
}

/// Whether the field opened at `field` has a format spec (a `:` at its own level)
/// before token `at`.
fn in_format_spec(toks: &[Token], field: usize, at: usize) -> bool {
    let mut depth = 0usize;
    for t in &toks[field + 1..at.min(toks.len())] {
        match t.kind() {
            TokenKind::Lbrace | TokenKind::Lpar | TokenKind::Lsqb => depth += 1,
            TokenKind::Rbrace | TokenKind::Rpar | TokenKind::Rsqb => {
                depth = depth.saturating_sub(1)
            }
            TokenKind::Colon if depth == 0 => return true,
            _ => {}
        }
    }
    false
}
