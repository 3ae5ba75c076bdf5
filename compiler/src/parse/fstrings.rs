//! Errors inside f-string and t-string replacement fields (`f'{}'`, `t'{x!z}'`,
//! `f'{x'`): CPython 3.12+'s messages and spans (its parser reads f-strings as tokens,
//! as `ruff_python_parser` does, but words these errors its own way). CPython 3.14 is
//! weft's reference; the f-string tests compare with 3.13, which agrees with it here.
//! A t-string's errors are an f-string's with `t-string:` for `f-string:`.

use ruff_python_ast::token::{Token, TokenKind, Tokens};
use ruff_python_parser::{
    InterpolatedStringErrorType as FErr, LexicalErrorType, ParseError, ParseErrorType,
};
use ruff_text_size::Ranged;

use super::Fail;
use crate::{CompileErrorKind, RawError, SourceMap};

/// The f-string or t-string error in `e` (from the parser or its lexer), with the
/// word CPython's messages begin with.
pub(super) fn interpolated(e: &ParseErrorType) -> Option<(&FErr, &'static str)> {
    match e {
        ParseErrorType::FStringError(x)
        | ParseErrorType::Lexical(LexicalErrorType::FStringError(x)) => Some((x, "f-string")),
        ParseErrorType::TStringError(x)
        | ParseErrorType::Lexical(LexicalErrorType::TStringError(x)) => Some((x, "t-string")),
        _ => None,
    }
}

/// The parser's own (not the lexer's) f-string or t-string error in `e`.
fn parser_interpolated(e: &ParseErrorType) -> Option<&FErr> {
    match e {
        ParseErrorType::FStringError(x) | ParseErrorType::TStringError(x) => Some(x),
        _ => None,
    }
}

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
    let lexical = matches!(err.error, ParseErrorType::Lexical(_));
    if let Some((FErr::SingleRbrace, word)) = interpolated(&err.error)
        && lexical
    {
        let e = syntax(format!("{word}: single '}}' is not allowed"), start, start);
        return Some((e, None));
    }
    let (field, word) = open_field(&toks, at)?;
    // A comment in a field runs to the line's end: the field is never closed.
    if let Some((FErr::UnterminatedString, _)) = interpolated(&err.error)
        && lexical
    {
        let open = toks[field].range().start().to_usize();
        let col = SourceMap::new(source).chars_before(open) + 1;
        let e = syntax("'{' was never closed".into(), open, open + 1);
        return Some((e, Some((col, 0))));
    }
    // `f'{x!'`: the lexer starts a new string at the closing quote; CPython's
    // tokenizer sees the f-string end where a conversion character should be.
    if matches!(
        err.error,
        ParseErrorType::Lexical(LexicalErrorType::UnclosedStringError)
    ) && at > field + 1
        && toks[at - 1].kind() == TokenKind::Exclamation
    {
        let e = syntax(format!("{word}: expecting '}}'"), start, start);
        return Some((e, None));
    }
    refine_field(source, &toks, err, at, field).map(|e| (named(e, word), None))
}

/// `e` with its leading `f-string:` (as `refine_field` words it) replaced by `word`'s.
fn named(mut e: RawError, word: &str) -> RawError {
    if let Some(rest) = e.msg.strip_prefix("f-string:") {
        e.msg = format!("{word}:{rest}");
    }
    e
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
    let closed = |k: TokenKind| {
        matches!(
            k,
            TokenKind::FStringEnd | TokenKind::TStringEnd | TokenKind::EndOfFile
        )
    };
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
        _ if parser_interpolated(&err.error) == Some(&FErr::InvalidConversionFlag) => {
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
        _ if parser_interpolated(&err.error) == Some(&FErr::UnclosedLbrace) => {
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
                // Anything else after a conversion character.
                _ if at >= 2
                    && kind(at - 1) == TokenKind::Name
                    && kind(at - 2) == TokenKind::Exclamation =>
                {
                    Some(syntax(
                        "f-string: expecting ':' or '}'".into(),
                        t_start(at),
                        t_end(at),
                    ))
                }
                TokenKind::Rpar | TokenKind::Rsqb => {
                    let c = &source[start..start + 1];
                    Some(syntax(format!("f-string: unmatched '{c}'"), start, start))
                }
                // Two expressions side by side: CPython's comma hint spans both, when
                // the field is closed; the string's end comes first otherwise.
                TokenKind::Name
                | TokenKind::Int
                | TokenKind::Float
                | TokenKind::Complex
                | TokenKind::String
                | TokenKind::Lbrace => match field_end(source, toks, at) {
                    Ok(_) => Some(syntax(
                        "invalid syntax. Perhaps you forgot a comma?".into(),
                        t_start(field + 1),
                        t_end(operand_end(source, toks, at)),
                    )),
                    Err(end) => {
                        let s = t_start(end);
                        Some(syntax("f-string: expecting '}'".into(), s, s))
                    }
                },
                _ => None,
            }
        }
        _ => None,
    }
}

/// Where the replacement field holding token `at` ends: `Ok` with its closing `}`, or
/// `Err` with the end of its f-string (or of the source) when it is never closed.
/// After an error the lexer may take a `}` for an unknown token: it still closes.
fn field_end(source: &str, toks: &[Token], at: usize) -> Result<usize, usize> {
    let mut depth = 0usize;
    for (i, t) in toks.iter().enumerate().skip(at) {
        let brace =
            t.kind() == TokenKind::Unknown && source.get(t.range().to_std_range()) == Some("}");
        match t.kind() {
            _ if brace && depth == 0 => return Ok(i),
            _ if brace => depth -= 1,
            TokenKind::Lbrace
            | TokenKind::Lpar
            | TokenKind::Lsqb
            | TokenKind::FStringStart
            | TokenKind::TStringStart => depth += 1,
            TokenKind::Rbrace if depth == 0 => return Ok(i),
            TokenKind::FStringEnd | TokenKind::TStringEnd if depth == 0 => return Err(i),
            TokenKind::Rbrace
            | TokenKind::Rpar
            | TokenKind::Rsqb
            | TokenKind::FStringEnd
            | TokenKind::TStringEnd => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Err(toks.len())
}

/// The last token of the operand starting at token `at`: its closing bracket when it
/// is a display (`{x}`), else the token itself.
fn operand_end(source: &str, toks: &[Token], at: usize) -> usize {
    if toks.get(at).map(Token::kind) != Some(TokenKind::Lbrace) {
        return at;
    }
    field_end(source, toks, at + 1).unwrap_or(at)
}

/// The index of the `{` of the innermost replacement field still open at token `at`,
/// if `at` lies in one (or at the f-string's end right after one), and the word for
/// the string holding it (`f-string` or `t-string`).
fn open_field(toks: &[Token], at: usize) -> Option<(usize, &'static str)> {
    // Open f-strings and t-strings, each with its open fields' `{` and other brackets.
    let mut fstrings: Vec<(&'static str, Vec<(usize, TokenKind)>)> = Vec::new();
    for (i, t) in toks.iter().enumerate().take(at.min(toks.len())) {
        match t.kind() {
            TokenKind::FStringStart => fstrings.push(("f-string", Vec::new())),
            TokenKind::TStringStart => fstrings.push(("t-string", Vec::new())),
            TokenKind::FStringEnd | TokenKind::TStringEnd => {
                fstrings.pop();
            }
            k @ (TokenKind::Lbrace | TokenKind::Lpar | TokenKind::Lsqb) => {
                if let Some((_, f)) = fstrings.last_mut() {
                    f.push((i, k));
                }
            }
            TokenKind::Rbrace | TokenKind::Rpar | TokenKind::Rsqb => {
                if let Some((_, f)) = fstrings.last_mut() {
                    f.pop();
                }
            }
            _ => {}
        }
    }
    // The innermost `{` (a field nested in a format spec is its own field).
    let (word, fields) = fstrings.last()?;
    fields
        .iter()
        .rev()
        .find(|(_, k)| *k == TokenKind::Lbrace)
        .map(|(i, _)| (*i, *word))
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
