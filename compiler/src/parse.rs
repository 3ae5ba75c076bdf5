//! The one module that calls `ruff_python_parser`; turns its errors into CPython-like ones.

use ruff_python_ast::token::TokenKind;
use ruff_python_ast::{ModExpression, ModModule};
use ruff_python_parser::{LexicalErrorType, ParseError, ParseErrorType, ParseOptions};
use ruff_text_size::Ranged;

use super::{CompileErrorKind, Mode, RawError, SourceMap};

mod escapes;
mod fstrings;
mod hints;
mod lexical;
mod numbers;
mod patterns;
mod prefixes;
mod tabs;

/// A parse error, with CPython's (offset, end_offset) on its first line where they are
/// not the columns of its span (the tokenizer's errors).
pub(crate) type Fail = (RawError, Option<(u32, i32)>);

pub(crate) enum Parsed {
    Module(ModModule),
    Expression(ModExpression),
}

pub(crate) fn parse(source: &str, mode: Mode) -> Result<Parsed, Fail> {
    parse_keeping(source, mode, false).map(|(p, _)| p)
}

/// `parse`, and the tokens (comments included) when `tokens` is set (`ast.parse` with
/// `type_comments=True` reads the comments; the tree keeps none).
pub(crate) fn parse_keeping(
    source: &str,
    mode: Mode,
    tokens: bool,
) -> Result<(Parsed, Vec<ruff_python_ast::token::Token>), Fail> {
    let pmode = match mode {
        Mode::Eval => ruff_python_parser::Mode::Expression,
        Mode::Module | Mode::Single => ruff_python_parser::Mode::Module,
    };
    let parsed = ruff_python_parser::parse_unchecked(source, ParseOptions::from(pmode));
    if let Some(err) = parsed.errors().iter().min_by_key(|e| e.location.start()) {
        // The tokenizer rejects a bad prefix as it reads it, before the parser fails.
        if let Some((at, e)) = prefixes::incompatible(source, parsed.tokens())
            && at <= err.location.start().to_usize()
        {
            return Err((e, None));
        }
        if let Some(e) = fstrings::refine(source, parsed.tokens(), err) {
            return Err(e);
        }
        if let Some(e) = lexical::first_error(source, parsed.tokens(), parsed.errors()) {
            return Err(e);
        }
        if let Some(e) = unclosed_bracket(source, parsed.tokens(), err) {
            return Err(e);
        }
        if let Some(e) = patterns::refine(source, parsed.tokens(), err) {
            return Err((e, None));
        }
        let base = convert(source, err);
        if base.msg == "invalid syntax" || base.msg == "expected ':'" {
            if let Some(e) = legacy_print(source, parsed.tokens(), err) {
                return Err((e, None));
            }
            if let Some(e) = assign_in_condition(parsed.tokens(), err) {
                return Err((e, None));
            }
        }
        let refined = hints::refine(source, parsed.tokens(), err, base);
        if refined.0.msg == "expected ':'"
            && let Some(e) = colon_after_expression(parsed.tokens(), err)
        {
            return Err((e, None));
        }
        return Err(refined);
    }
    if let Some(at) = tabs::inconsistent_line(source, parsed.tokens()) {
        return Err(tabs::error(at));
    }
    let kept = match tokens {
        true => parsed.tokens().iter().copied().collect(),
        false => Vec::new(),
    };
    let syntax = parsed.into_syntax();
    let tree = match syntax {
        ruff_python_ast::Mod::Module(m) => Parsed::Module(m),
        ruff_python_ast::Mod::Expression(e) => Parsed::Expression(e),
    };
    Ok((tree, kept))
}

/// A bracket left open at the end of the source: CPython reports "'(' was never
/// closed" at the innermost one when the parser failed at the end of the source, or on a
/// line after that bracket's (its tokenizer runs on to the end to look for this). The
/// end offset is 0.
fn unclosed_bracket(
    source: &str,
    tokens: &ruff_python_ast::token::Tokens,
    err: &ParseError,
) -> Option<Fail> {
    let mut stack = Vec::new();
    for t in tokens.iter() {
        match t.kind() {
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => stack.push(*t),
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => {
                stack.pop();
            }
            _ => {}
        }
    }
    let open = stack.last()?;
    let map = SourceMap::new(source);
    let at_end = matches!(
        err.error,
        ParseErrorType::Lexical(LexicalErrorType::Eof)
            | ParseErrorType::ExpectedToken {
                found: TokenKind::EndOfFile,
                ..
            }
    ) || tokens
        .iter()
        .rev()
        .find(|t| {
            !matches!(
                t.kind(),
                TokenKind::EndOfFile
                    | TokenKind::Newline
                    | TokenKind::NonLogicalNewline
                    | TokenKind::Dedent
                    | TokenKind::Comment
            )
        })
        .is_some_and(|t| err.location.start() >= t.range().start());
    let start = open.range().start().to_usize();
    if !at_end && map.line(err.location.start().to_usize()) <= map.line(start) {
        return None;
    }
    let ch = match open.kind() {
        TokenKind::Lpar => '(',
        TokenKind::Lsqb => '[',
        _ => '{',
    };
    Some((
        RawError {
            kind: CompileErrorKind::SyntaxError,
            msg: format!("'{ch}' was never closed"),
            start,
            end: open.range().end().to_usize(),
        },
        Some((map.chars_before(start) + 1, 0)),
    ))
}

/// Python 2's `print x` / `exec code` at the start of a statement: CPython says
/// "Missing parentheses in call to 'print'. Did you mean print(...)?", marking the
/// statement from the name to the end of its expression.
fn legacy_print(
    source: &str,
    tokens: &ruff_python_ast::token::Tokens,
    err: &ParseError,
) -> Option<RawError> {
    let toks: Vec<_> = tokens.iter().collect();
    let at = toks
        .iter()
        .position(|t| t.range().start() >= err.location.start())?;
    if at == 0 {
        return None;
    }
    let name = toks[at - 1];
    let word = &source[name.range().start().to_usize()..name.range().end().to_usize()];
    if name.kind() != TokenKind::Name || !matches!(word, "print" | "exec") {
        return None;
    }
    // The name starts a statement, and what follows it starts an expression.
    let starts_statement = at < 2
        || matches!(
            toks[at - 2].kind(),
            TokenKind::Newline
                | TokenKind::NonLogicalNewline
                | TokenKind::Indent
                | TokenKind::Dedent
                | TokenKind::Semi
                | TokenKind::Colon
        );
    let next = toks[at].kind();
    let expression_start = matches!(
        next,
        TokenKind::String
            | TokenKind::FStringStart
            | TokenKind::Name
            | TokenKind::Int
            | TokenKind::Float
            | TokenKind::Complex
            | TokenKind::Lsqb
            | TokenKind::Lbrace
            | TokenKind::Minus
            | TokenKind::Tilde
            | TokenKind::Not
            | TokenKind::Lambda
            | TokenKind::None
            | TokenKind::True
            | TokenKind::False
    );
    if !starts_statement || !expression_start {
        return None;
    }
    // The end of the statement: the last token before its newline (or a `;`).
    let mut end = toks[at].range().end();
    for t in &toks[at..] {
        if matches!(
            t.kind(),
            TokenKind::Newline | TokenKind::Semi | TokenKind::EndOfFile | TokenKind::Comment
        ) {
            break;
        }
        end = t.range().end();
    }
    Some(RawError {
        kind: CompileErrorKind::SyntaxError,
        msg: format!("Missing parentheses in call to '{word}'. Did you mean {word}(...)?"),
        start: name.range().start().to_usize(),
        end: end.to_usize(),
    })
}

/// A header whose expression is followed by something other than `:` or the line's
/// end (`if x y:`): CPython's parser could have gone on with the expression, so it
/// says "invalid syntax" where `ruff_python_parser` expects a colon. (`def`, `try`,
/// `else`, `finally` headers end at a fixed token, and CPython expects the colon.)
fn colon_after_expression(
    tokens: &ruff_python_ast::token::Tokens,
    err: &ParseError,
) -> Option<RawError> {
    let ParseErrorType::ExpectedToken {
        expected: TokenKind::Colon,
        found,
    } = err.error
    else {
        return None;
    };
    if matches!(found, TokenKind::Newline | TokenKind::EndOfFile) {
        return None;
    }
    let at = err.location.start();
    let before: Vec<_> = tokens.iter().take_while(|t| t.start() < at).collect();
    let line_start = before
        .iter()
        .rposition(|t| {
            matches!(
                t.kind(),
                TokenKind::Newline | TokenKind::Indent | TokenKind::Dedent
            )
        })
        .map_or(0, |i| i + 1);
    let mut first = before.get(line_start)?.kind();
    if first == TokenKind::Async {
        first = before.get(line_start + 1)?.kind();
    }
    if !matches!(
        first,
        TokenKind::If
            | TokenKind::Elif
            | TokenKind::While
            | TokenKind::For
            | TokenKind::Class
            | TokenKind::Except
            | TokenKind::Match
            | TokenKind::With
    ) {
        return None;
    }
    Some(RawError {
        kind: CompileErrorKind::SyntaxError,
        msg: "invalid syntax".into(),
        start: at.to_usize(),
        end: err.location.end().to_usize(),
    })
}

/// `if x = 1:` (a name, `=`, a value, where an expression was expected): CPython
/// suggests `==` or `:=`, marking the name through the value.
fn assign_in_condition(
    tokens: &ruff_python_ast::token::Tokens,
    err: &ParseError,
) -> Option<RawError> {
    let toks: Vec<_> = tokens.iter().collect();
    let at = toks
        .iter()
        .position(|t| t.range().start() >= err.location.start())?;
    if at < 2 || toks[at].kind() != TokenKind::Equal || toks[at - 1].kind() != TokenKind::Name {
        return None;
    }
    // Only where the name begins an expression of a condition or an argument.
    if !matches!(
        toks[at - 2].kind(),
        TokenKind::If | TokenKind::Elif | TokenKind::While | TokenKind::Lpar
    ) {
        return None;
    }
    // The value: up to the end of a bitwise-or expression (a `:` , `)`, `,`, a
    // comparison, a boolean operator or the line's end stops it).
    let mut end = None;
    let mut depth = 0usize;
    let mut prev: Option<TokenKind> = None;
    for t in &toks[at + 1..] {
        // `if x = 1 y:`: a second operand right after the first is not part of it.
        if depth == 0 && prev.is_some_and(|p| hints::juxtaposed(p, t.kind())) {
            break;
        }
        prev = Some(t.kind());
        match t.kind() {
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => depth += 1,
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace if depth > 0 => depth -= 1,
            _ if depth > 0 => {}
            TokenKind::Colon
            | TokenKind::Rpar
            | TokenKind::Comma
            | TokenKind::Newline
            | TokenKind::EndOfFile
            | TokenKind::And
            | TokenKind::Or
            | TokenKind::If
            | TokenKind::Else
            | TokenKind::EqEqual
            | TokenKind::NotEqual
            | TokenKind::Less
            | TokenKind::LessEqual
            | TokenKind::Greater
            | TokenKind::GreaterEqual
            | TokenKind::In
            | TokenKind::Is
            | TokenKind::Comment => break,
            TokenKind::Equal | TokenKind::ColonEqual => return None,
            _ => {}
        }
        end = Some(t.range().end());
    }
    Some(RawError {
        kind: CompileErrorKind::SyntaxError,
        msg: "invalid syntax. Maybe you meant '==' or ':=' instead of '='?".into(),
        start: toks[at - 1].range().start().to_usize(),
        end: end?.to_usize(),
    })
}

/// The tokens the error refinements walk: without comments and the newlines inside
/// brackets.
fn logical_tokens(tokens: &ruff_python_ast::token::Tokens) -> Vec<ruff_python_ast::token::Token> {
    tokens
        .iter()
        .copied()
        .filter(|t| !matches!(t.kind(), TokenKind::Comment | TokenKind::NonLogicalNewline))
        .collect()
}

fn convert(source: &str, err: &ParseError) -> RawError {
    let start = err.location.start().to_usize();
    let mut end = err.location.end().to_usize();
    // An error at a line's end (an expected `:`) marks no text, as in CPython.
    if source.as_bytes().get(start) == Some(&b'\n') {
        end = start;
    }
    let map = SourceMap::new(source);
    let mut kind = CompileErrorKind::SyntaxError;
    let msg = match &err.error {
        ParseErrorType::UnexpectedIndentation => {
            kind = CompileErrorKind::IndentationError;
            "unexpected indent".to_string()
        }
        ParseErrorType::Lexical(LexicalErrorType::IndentationError) => {
            kind = CompileErrorKind::IndentationError;
            "unindent does not match any outer indentation level".to_string()
        }
        ParseErrorType::OtherError(m) if m.starts_with("Expected an indented block after ") => {
            kind = CompileErrorKind::IndentationError;
            // CPython says "'if' statement", "'else' statement", "class definition".
            let what = m["Expected an indented block after ".len()..]
                .replace('`', "'")
                .replace(" clause", " statement")
                .replace("'class' definition", "class definition")
                .replace("'def' definition", "function definition");
            // The header is the nearest non-blank, non-comment line before the error.
            let mut li = map.line(start) as usize - 1;
            let mut header = None;
            while li > 0 {
                li -= 1;
                let t = map.line_text(li).trim();
                if !t.is_empty() && !t.starts_with('#') {
                    header = Some(li + 1);
                    break;
                }
            }
            match header {
                Some(h) => format!("expected an indented block after {what} on line {h}"),
                None => "expected an indented block".to_string(),
            }
        }
        ParseErrorType::ExpectedToken {
            expected: TokenKind::Colon,
            ..
        } => "expected ':'".to_string(),
        ParseErrorType::ExpectedToken {
            expected: TokenKind::Indent,
            ..
        } => {
            kind = CompileErrorKind::IndentationError;
            "expected an indented block".to_string()
        }
        ParseErrorType::Lexical(LexicalErrorType::UnclosedStringError) => {
            format!(
                "unterminated string literal (detected at line {})",
                map.line(start)
            )
        }
        ParseErrorType::Lexical(LexicalErrorType::Eof) => {
            "unexpected EOF while parsing".to_string()
        }
        ParseErrorType::Lexical(LexicalErrorType::LineContinuationError) => {
            "unexpected character after line continuation character".to_string()
        }
        ParseErrorType::Lexical(LexicalErrorType::InvalidByteLiteral) => {
            "bytes can only contain ASCII literal characters".to_string()
        }
        ParseErrorType::Lexical(LexicalErrorType::UnrecognizedToken { tok }) if tok.is_ascii() => {
            "invalid syntax".to_string()
        }
        ParseErrorType::Lexical(LexicalErrorType::UnrecognizedToken { tok }) => {
            format!("invalid character '{tok}' (U+{:04X})", *tok as u32)
        }
        ParseErrorType::Lexical(LexicalErrorType::OtherError(m)) => {
            if m.contains("tab") || m.contains("Tab") {
                kind = CompileErrorKind::TabError;
                "inconsistent use of tabs and spaces in indentation".to_string()
            } else {
                m.to_string()
            }
        }
        e if let Some((e, word)) = fstrings::interpolated(e) => {
            format!("{word}: {e}").replace('`', "'")
        }
        ParseErrorType::InvalidAssignmentTarget
        | ParseErrorType::InvalidAnnotatedAssignmentTarget
        | ParseErrorType::InvalidNamedAssignmentTarget => {
            let what = describe_target(&source[start.min(source.len())..end.min(source.len())]);
            let rest = source[end.min(source.len())..].trim_start_matches([' ', '\t']);
            let here = if rest.starts_with('=')
                && !rest.starts_with("==")
                && matches!(err.error, ParseErrorType::InvalidAssignmentTarget)
            {
                " here. Maybe you meant '==' instead of '='?"
            } else {
                ""
            };
            match what {
                Some(w) => format!("cannot assign to {w}{here}"),
                None => "invalid syntax".to_string(),
            }
        }
        ParseErrorType::InvalidAugmentedAssignmentTarget => {
            let text = &source[start.min(source.len())..end.min(source.len())];
            match describe_target(text) {
                Some(w) => format!("'{w}' is an illegal expression for augmented assignment"),
                None => "invalid syntax".to_string(),
            }
        }
        ParseErrorType::InvalidDeleteTarget => {
            let text = &source[start.min(source.len())..end.min(source.len())];
            match describe_target(text) {
                Some(w) => format!("cannot delete {w}"),
                None => "invalid syntax".to_string(),
            }
        }
        ParseErrorType::PositionalAfterKeywordArgument => {
            "positional argument follows keyword argument".to_string()
        }
        ParseErrorType::PositionalAfterKeywordUnpacking => {
            "positional argument follows keyword argument unpacking".to_string()
        }
        ParseErrorType::InvalidArgumentUnpackingOrder => {
            "iterable argument unpacking follows keyword argument unpacking".to_string()
        }
        ParseErrorType::NonDefaultParamAfterDefaultParam => {
            "parameter without a default follows parameter with a default".to_string()
        }
        ParseErrorType::ExpectedKeywordParam => "named arguments must follow bare *".to_string(),
        ParseErrorType::VarParameterWithDefault => {
            "var-positional argument cannot have default value".to_string()
        }
        ParseErrorType::IterableUnpackingInComprehension => {
            "iterable unpacking cannot be used in comprehension".to_string()
        }
        ParseErrorType::OtherError(m) if m == "Expected one or more exception types" => {
            "expected one or more exception types".to_string()
        }
        ParseErrorType::OtherError(m)
            if m == "Cannot have both 'except' and 'except*' on the same 'try'" =>
        {
            "cannot have both 'except' and 'except*' on the same 'try'".to_string()
        }
        _ => "invalid syntax".to_string(),
    };
    RawError {
        kind,
        msg,
        start,
        end,
    }
}

/// CPython's name for an expression that cannot be a target, from its source text.
fn describe_target(text: &str) -> Option<&'static str> {
    let t = text.trim();
    let first = t.chars().next()?;
    if t == "None" || t == "True" || t == "False" || t == "..." {
        return Some(if t == "..." { "ellipsis" } else { t_static(t) });
    }
    if first.is_ascii_digit()
        || first == '"'
        || first == '\''
        || (first == '.' && t.len() > 1 && t.as_bytes()[1].is_ascii_digit())
    {
        return Some("literal");
    }
    let lower = t.to_ascii_lowercase();
    if (lower.starts_with("b'")
        || lower.starts_with("b\"")
        || lower.starts_with("r'")
        || lower.starts_with("r\""))
        && t.len() > 1
    {
        return Some("literal");
    }
    if lower.starts_with("f'") || lower.starts_with("f\"") {
        return Some("f-string expression");
    }
    if t.starts_with("lambda") {
        return Some("lambda");
    }
    if t.ends_with(')') && !t.starts_with('(') {
        return Some("function call");
    }
    if t.contains(" if ") && t.contains(" else ") {
        return Some("conditional expression");
    }
    if t.contains(" and ") || t.contains(" or ") {
        return Some("expression");
    }
    if t.contains(['+', '-', '*', '/', '%', '|', '&', '^', '<', '>', '@']) {
        return Some("expression");
    }
    None
}

fn t_static(t: &str) -> &'static str {
    match t {
        "None" => "None",
        "True" => "True",
        _ => "False",
    }
}

/// What the interactive prompt should do with the lines typed so far (see
/// [`crate::InputStatus`]). The input is incomplete when the parser ran out of text
/// inside a bracket, a triple-quoted string, a backslash continuation, a decorator or a
/// block header waiting for its body, or when it holds a compound statement not yet
/// closed by a blank line (CPython's interactive rule).
pub(crate) fn input_status(source: &str) -> crate::InputStatus {
    use crate::InputStatus::*;
    let parsed = ruff_python_parser::parse_unchecked(
        source,
        ParseOptions::from(ruff_python_parser::Mode::Module),
    );
    let ends_blank = source.ends_with("\n\n") || source.trim().is_empty();
    let Some(err) = parsed.errors().iter().min_by_key(|e| e.location.start()) else {
        let compound = match parsed.syntax() {
            ruff_python_ast::Mod::Module(m) => m.body.last().is_some_and(|s| {
                use ruff_python_ast::Stmt::*;
                matches!(
                    s,
                    FunctionDef(_)
                        | ClassDef(_)
                        | For(_)
                        | While(_)
                        | If(_)
                        | With(_)
                        | Match(_)
                        | Try(_)
                )
            }),
            ruff_python_ast::Mod::Expression(_) => false,
        };
        return if compound && !ends_blank {
            Incomplete
        } else {
            Complete
        };
    };
    if ends_blank {
        return Invalid;
    }
    let trimmed = source.trim_end();
    if trimmed.ends_with('\\') {
        return Incomplete;
    }
    let open_brackets = parsed.tokens().iter().fold(0i32, |d, t| match t.kind() {
        TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => d + 1,
        TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => d - 1,
        _ => d,
    });
    let start = err.location.start().to_usize().min(source.len());
    let triple_quoted = |at: usize| {
        let rest = source[at..].trim_start_matches(|c: char| c.is_ascii_alphabetic());
        rest.starts_with("\"\"\"") || rest.starts_with("'''")
    };
    let incomplete = match &err.error {
        ParseErrorType::Lexical(LexicalErrorType::UnclosedStringError) => triple_quoted(start),
        e if let Some((e, _)) = fstrings::interpolated(e) => format!("{e}").contains("triple"),
        _ => {
            let at_end = start >= trimmed.len();
            let last_line = trimmed.rsplit('\n').next().unwrap_or("").trim_start();
            // Inside an indented block whose last line is a whole statement (a `try:`
            // body before its `except`), or after a header or a decorator, more lines
            // may complete it; a broken statement in a block is an error at once.
            let in_block = trimmed
                .rsplit('\n')
                .next()
                .is_some_and(|l| l.starts_with([' ', '\t']))
                && ruff_python_parser::parse_unchecked(
                    last_line,
                    ParseOptions::from(ruff_python_parser::Mode::Module),
                )
                .errors()
                .is_empty();
            open_brackets > 0
                || (at_end && (trimmed.ends_with(':') || last_line.starts_with('@') || in_block))
                || parsed.errors().iter().any(|e| {
                    matches!(
                        &e.error,
                        ParseErrorType::Lexical(LexicalErrorType::UnclosedStringError)
                    ) && triple_quoted(e.location.start().to_usize().min(source.len()))
                })
        }
    };
    if incomplete { Incomplete } else { Invalid }
}
