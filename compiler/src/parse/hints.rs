//! CPython's specialised parser messages (its grammar's `invalid_*` rules) for errors
//! `ruff_python_parser` reports more plainly: a generator argument without parentheses,
//! a target that cannot be assigned, a missing comma, a `try` without handlers...
//! Each hint looks at the tokens around the parser's error and, when the pattern is
//! CPython's, gives its message and span.

use ruff_python_ast::token::{Token, TokenKind, Tokens};
use ruff_python_ast::{self as ast, Expr};
use ruff_python_parser::{ParseError, ParseErrorType};
use ruff_text_size::Ranged;

use super::Fail;
use crate::{CompileErrorKind, RawError, SourceMap};

/// The parser's error `err`, already converted to `base`, with CPython's message where
/// one of its hints applies.
pub(super) fn refine(source: &str, tokens: &Tokens, err: &ParseError, base: RawError) -> Fail {
    let toks = super::logical_tokens(tokens);
    let cx = Cx {
        source,
        toks: &toks,
        err,
        at: toks
            .iter()
            .position(|t| t.range().start() >= err.location.start())
            .unwrap_or(toks.len().saturating_sub(1)),
    };
    let hints: [fn(&Cx, &RawError) -> Option<Fail>; 17] = [
        await_operand,
        stray_token,
        parser_message,
        dict_value_missing,
        unexpected_indent,
        missing_else,
        generator_argument,
        assignment_target,
        keyword_argument,
        comprehension_target,
        forgot_comma,
        augmented_target,
        yield_target,
        condition_target,
        argument_order,
        parameter_messages,
        annotation_target,
    ];
    for h in hints {
        if let Some(f) = h(&cx, &base) {
            return f;
        }
    }
    (base, None)
}

struct Cx<'a> {
    source: &'a str,
    /// The tokens, without comments and the newlines inside brackets.
    toks: &'a [Token],
    err: &'a ParseError,
    /// The first token at or after the error.
    at: usize,
}

impl Cx<'_> {
    fn kind(&self, i: usize) -> TokenKind {
        self.toks.get(i).map_or(TokenKind::EndOfFile, |t| t.kind())
    }
    fn start(&self, i: usize) -> usize {
        self.toks
            .get(i)
            .map_or(self.source.len(), |t| t.range().start().to_usize())
    }
    fn end(&self, i: usize) -> usize {
        self.toks
            .get(i)
            .map_or(self.source.len(), |t| t.range().end().to_usize())
    }
    /// The index of the token starting at byte `b`.
    fn index_at(&self, b: usize) -> Option<usize> {
        self.toks
            .iter()
            .position(|t| t.range().start().to_usize() == b)
    }
    fn err_start(&self) -> usize {
        self.err.location.start().to_usize()
    }
    fn err_end(&self) -> usize {
        self.err.location.end().to_usize()
    }
}

fn fail(msg: impl Into<String>, start: usize, end: usize) -> Option<Fail> {
    Some((
        RawError {
            kind: CompileErrorKind::SyntaxError,
            msg: msg.into(),
            start,
            end,
        },
        None,
    ))
}

fn generic(base: &RawError) -> bool {
    base.msg == "invalid syntax"
}

fn opens(k: TokenKind) -> bool {
    matches!(k, TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace)
}

fn closes(k: TokenKind) -> bool {
    matches!(k, TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace)
}

/// Tokens that end a statement or begin one.
fn statement_edge(k: TokenKind) -> bool {
    matches!(
        k,
        TokenKind::Newline
            | TokenKind::Indent
            | TokenKind::Dedent
            | TokenKind::Semi
            | TokenKind::EndOfFile
    )
}

/// Tokens that can begin an expression.
fn starts_expression(k: TokenKind) -> bool {
    use TokenKind::*;
    matches!(
        k,
        Name | Int
            | Float
            | Complex
            | String
            | FStringStart
            | TStringStart
            | Lpar
            | Lsqb
            | Lbrace
            | Minus
            | Plus
            | Tilde
            | Not
            | Lambda
            | Await
            | None
            | True
            | False
            | Ellipsis
    ) || k.is_soft_keyword()
}

/// Tokens that can end an expression.
fn ends_expression(k: TokenKind) -> bool {
    use TokenKind::*;
    matches!(
        k,
        Name | Int
            | Float
            | Complex
            | String
            | FStringEnd
            | TStringEnd
            | Rpar
            | Rsqb
            | Rbrace
            | None
            | True
            | False
            | Ellipsis
    ) || k.is_soft_keyword()
}

/// A token that begins an operand on its own (a name, a literal).
fn starts_atom(k: TokenKind) -> bool {
    use TokenKind::*;
    matches!(
        k,
        Name | Int
            | Float
            | Complex
            | String
            | FStringStart
            | TStringStart
            | None
            | True
            | False
            | Ellipsis
    ) || k.is_soft_keyword()
}

/// Two operands side by side (`1 y`, `f() x`): `prev` ends one and `k` begins another.
/// Adjacent string literals are one operand, not two.
pub(super) fn juxtaposed(prev: TokenKind, k: TokenKind) -> bool {
    use TokenKind::*;
    let strings = matches!(k, String | FStringStart | TStringStart)
        && matches!(prev, String | FStringEnd | TStringEnd);
    ends_expression(prev) && starts_atom(k) && !strings
}

/// The index of the bracket that opens the one closing at `close`.
fn matching_open(toks: &[Token], close: usize) -> Option<usize> {
    let mut depth = 0usize;
    for i in (0..=close).rev() {
        let k = toks[i].kind();
        if closes(k) {
            depth += 1;
        } else if opens(k) {
            depth -= 1;
            if depth == 0 {
                return Some(i);
            }
        }
    }
    None
}

/// The index of the innermost bracket open at token `i` (not counting `i` itself).
fn enclosing_open(toks: &[Token], i: usize) -> Option<usize> {
    let mut depth = 0usize;
    for j in (0..i.min(toks.len())).rev() {
        let k = toks[j].kind();
        if closes(k) {
            depth += 1;
        } else if opens(k) {
            if depth == 0 {
                return Some(j);
            }
            depth -= 1;
        }
    }
    None
}

/// The first token of the expression that ends with token `last`, going back over
/// operands, operators and bracketed parts, stopping after any of `stop`.
fn expression_start(cx: &Cx, last: usize, stop: &dyn Fn(TokenKind) -> bool) -> usize {
    let mut i = last as isize;
    while i >= 0 {
        let k = cx.toks[i as usize].kind();
        if closes(k) {
            match matching_open(cx.toks, i as usize) {
                Some(o) => i = o as isize - 1,
                None => break,
            }
            continue;
        }
        if opens(k) || stop(k) || statement_edge(k) {
            break;
        }
        i -= 1;
    }
    (i + 1) as usize
}

/// Parse the source text `start..end` as one expression.
fn parse_expr(source: &str, start: usize, end: usize) -> Option<Expr> {
    let text = source.get(start..end)?;
    let parsed = ruff_python_parser::parse_expression(text)
        .or_else(|_| ruff_python_parser::parse_expression(&format!("({text}\n)")))
        .ok()?;
    Some(*parsed.into_syntax().body)
}

/// CPython's name for an expression in its messages (`_PyPegen_get_expr_name`).
pub(super) fn expr_name(e: &Expr) -> &'static str {
    match e {
        Expr::Attribute(_) => "attribute",
        Expr::Subscript(_) => "subscript",
        Expr::Starred(_) => "starred",
        Expr::Name(_) => "name",
        Expr::List(_) => "list",
        Expr::Tuple(_) => "tuple",
        Expr::Lambda(_) => "lambda",
        Expr::Call(_) => "function call",
        Expr::BoolOp(_) | Expr::BinOp(_) | Expr::UnaryOp(_) => "expression",
        Expr::Generator(_) => "generator expression",
        Expr::Yield(_) | Expr::YieldFrom(_) => "yield expression",
        Expr::Await(_) => "await expression",
        Expr::ListComp(_) => "list comprehension",
        Expr::SetComp(_) => "set comprehension",
        Expr::DictComp(_) => "dict comprehension",
        Expr::Dict(_) => "dict literal",
        Expr::Set(_) => "set display",
        Expr::FString(_) | Expr::TString(_) => "f-string expression",
        Expr::NoneLiteral(_) => "None",
        Expr::BooleanLiteral(b) if b.value => "True",
        Expr::BooleanLiteral(_) => "False",
        Expr::EllipsisLiteral(_) => "ellipsis",
        Expr::Compare(_) => "comparison",
        Expr::If(_) => "conditional expression",
        Expr::Named(_) => "named expression",
        _ => "literal",
    }
}

/// Whether CPython's `bitwise_or` rule covers the expression (no comparison, `not`,
/// boolean operator, conditional, lambda, star, yield or walrus at its top).
fn is_bitwise_or(e: &Expr) -> bool {
    !matches!(
        e,
        Expr::Compare(_)
            | Expr::BoolOp(_)
            | Expr::If(_)
            | Expr::Lambda(_)
            | Expr::Starred(_)
            | Expr::Yield(_)
            | Expr::YieldFrom(_)
            | Expr::Named(_)
    ) && !matches!(e, Expr::UnaryOp(u) if u.op == ast::UnaryOp::Not)
}

/// Skip a `bitwise_or` expression starting at token `i`; the index after it, if one
/// starts there.
fn skip_bitwise_or(cx: &Cx, mut i: usize) -> Option<usize> {
    use TokenKind::*;
    if !starts_expression(cx.kind(i)) || matches!(cx.kind(i), Not | Lambda) {
        return Option::None;
    }
    let first = i;
    while i < cx.toks.len() {
        let k = cx.kind(i);
        // `1 y`: the expression ends at the first operand.
        if i > first && juxtaposed(cx.kind(i - 1), k) {
            break;
        }
        if opens(k) {
            let mut depth = 0;
            while i < cx.toks.len() {
                if opens(cx.kind(i)) {
                    depth += 1;
                } else if closes(cx.kind(i)) {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                i += 1;
            }
            i += 1;
            continue;
        }
        let operand_part = matches!(
            k,
            Name | Int
                | Float
                | Complex
                | String
                | FStringStart
                | FStringMiddle
                | FStringEnd
                | None
                | True
                | False
                | Ellipsis
                | Dot
                | Plus
                | Minus
                | Star
                | Slash
                | DoubleSlash
                | Percent
                | At
                | DoubleStar
                | Vbar
                | Amper
                | CircumFlex
                | LeftShift
                | RightShift
                | Tilde
                | Await
        ) || k.is_soft_keyword();
        if !operand_part {
            break;
        }
        i += 1;
    }
    Some(i)
}

/// `f(x for x in y, 1)`: a generator argument next to others needs its parentheses.
fn generator_argument(cx: &Cx, _: &RawError) -> Option<Fail> {
    if !matches!(
        cx.err.error,
        ParseErrorType::UnparenthesizedGeneratorExpression
    ) {
        return None;
    }
    fail(
        "Generator expression must be parenthesized",
        cx.err_start(),
        cx.err_end(),
    )
}

/// A target that cannot be assigned, annotated or deleted: named as CPython names it,
/// with "here. Maybe you meant '==' instead of '='?" where CPython's named-expression
/// rule sees `target = value` (the target a `bitwise_or` starting an element of the
/// statement's expression list, the value one not followed by another `=`).
fn assignment_target(cx: &Cx, _: &RawError) -> Option<Fail> {
    let (start, end) = (cx.err_start(), cx.err_end());
    if let ParseErrorType::InvalidAssignmentTarget = cx.err.error
        && let Some(f) = name_then_value(cx, start)
    {
        return Some(f);
    }
    let e = parse_expr(cx.source, start, end);
    let name = match &e {
        Some(e) => expr_name(e),
        None if cx.source[start..].starts_with('*') => "starred",
        None => return None,
    };
    let e = e.unwrap_or(Expr::EllipsisLiteral(ast::ExprEllipsisLiteral {
        range: Default::default(),
        node_index: Default::default(),
    }));
    let msg = match cx.err.error {
        ParseErrorType::InvalidAssignmentTarget | ParseErrorType::InvalidNamedAssignmentTarget => {
            if matches!(cx.err.error, ParseErrorType::InvalidNamedAssignmentTarget) {
                format!("cannot use assignment expressions with {name}")
            } else if let Expr::Yield(_) | Expr::YieldFrom(_) = e
                && !cx.source[..start].trim_end().ends_with('(')
            {
                "assignment to yield expression not possible".to_string()
            } else if here_hint(cx, &e, start, end) {
                format!("cannot assign to {name} here. Maybe you meant '==' instead of '='?")
            } else {
                format!("cannot assign to {name}")
            }
        }
        ParseErrorType::InvalidAugmentedAssignmentTarget => {
            format!("'{name}' is an illegal expression for augmented assignment")
        }
        ParseErrorType::InvalidDeleteTarget => format!("cannot delete {name}"),
        _ => return None,
    };
    fail(msg, start, end)
}

/// `await = 1`, `await + 1`: `await` takes a primary (a name, a literal, a bracket);
/// CPython marks the token after it.
fn await_operand(cx: &Cx, base: &RawError) -> Option<Fail> {
    use TokenKind::*;
    if !generic(base) {
        return Option::None;
    }
    let a = if cx.kind(cx.at) == Await {
        cx.at
    } else if cx.at > 0 && cx.kind(cx.at - 1) == Await {
        cx.at - 1
    } else {
        return Option::None;
    };
    let next = cx.kind(a + 1);
    if starts_atom(next) || opens(next) || statement_edge(next) {
        return Option::None;
    }
    fail("invalid syntax", cx.start(a + 1), cx.end(a + 1))
}

/// `x = 1 if c else 2 = 3`: a statement that starts `NAME = value` with the value not
/// followed by `=`: CPython's named-expression rule suggests `==` or `:=` for its start.
fn name_then_value(cx: &Cx, target: usize) -> Option<Fail> {
    let t = cx
        .toks
        .iter()
        .position(|t| t.range().start().to_usize() >= target)?;
    let mut s = t;
    while s > 0 && !statement_edge(cx.kind(s - 1)) {
        s -= 1;
    }
    if s == t || cx.kind(s) != TokenKind::Name || cx.kind(s + 1) != TokenKind::Equal {
        return None;
    }
    let j = skip_bitwise_or(cx, s + 2)?;
    if matches!(cx.kind(j), TokenKind::Equal | TokenKind::ColonEqual) || j <= s + 2 {
        return None;
    }
    fail(
        "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
        cx.start(s),
        cx.end(j - 1),
    )
}

fn here_hint(cx: &Cx, e: &Expr, start: usize, end: usize) -> bool {
    let excluded = matches!(
        e,
        Expr::List(_)
            | Expr::Tuple(_)
            | Expr::Generator(_)
            | Expr::NoneLiteral(_)
            | Expr::BooleanLiteral(_)
    );
    if excluded || !is_bitwise_or(e) {
        return false;
    }
    let (Some(first), Some(last)) = (
        cx.index_at(start),
        cx.toks
            .iter()
            .rposition(|t| t.range().end().to_usize() <= end),
    ) else {
        return false;
    };
    let before = if first == 0 {
        TokenKind::Newline
    } else {
        cx.kind(first - 1)
    };
    if !(statement_edge(before) || before == TokenKind::Comma || before == TokenKind::Colon) {
        return false;
    }
    if before == TokenKind::Comma && enclosing_open(cx.toks, first).is_some() {
        return false;
    }
    if cx.kind(last + 1) != TokenKind::Equal {
        return false;
    }
    match skip_bitwise_or(cx, last + 2) {
        Some(j) => !matches!(cx.kind(j), TokenKind::Equal | TokenKind::ColonEqual),
        None => false,
    }
}

/// `f(a.b=1)`, `f(True=1)`: an expression before `=` in a call's arguments.
fn keyword_argument(cx: &Cx, base: &RawError) -> Option<Fail> {
    if !generic(base) {
        return None;
    }
    // The `=` at or just after the error.
    let eq = (cx.at..cx.toks.len().min(cx.at + 40)).find(|&i| {
        cx.kind(i) == TokenKind::Equal
            || statement_edge(cx.kind(i))
            || cx.kind(i) == TokenKind::Comma
    })?;
    if cx.kind(eq) != TokenKind::Equal {
        return None;
    }
    let open = enclosing_open(cx.toks, eq)?;
    if cx.kind(open) != TokenKind::Lpar || open == 0 || !ends_expression(cx.kind(open - 1)) {
        return None;
    }
    let first = expression_start(cx, eq - 1, &|k| {
        matches!(k, TokenKind::Comma | TokenKind::Equal)
    });
    if first >= eq || !matches!(cx.kind(first - 1), TokenKind::Comma | TokenKind::Lpar) {
        return None;
    }
    let (start, end) = (cx.start(first), cx.end(eq));
    let word = &cx.source[start..cx.end(eq - 1)];
    if first + 1 == eq && matches!(word, "True" | "False" | "None") {
        return fail(format!("cannot assign to {word}"), start, end);
    }
    if first + 1 == eq && cx.kind(first) == TokenKind::Name {
        return None;
    }
    fail(
        "expression cannot contain assignment, perhaps you meant \"==\"?",
        start,
        end,
    )
}

/// `[x, y for x, y in z]`: a tuple before `for` in a list or set display.
fn comprehension_target(cx: &Cx, base: &RawError) -> Option<Fail> {
    if !generic(base) || !matches!(cx.kind(cx.at), TokenKind::For | TokenKind::Async) {
        return None;
    }
    let open = enclosing_open(cx.toks, cx.at)?;
    if !matches!(cx.kind(open), TokenKind::Lsqb | TokenKind::Lbrace) {
        return None;
    }
    let mut depth = 0;
    let mut comma = false;
    for i in open + 1..cx.at {
        match cx.kind(i) {
            k if opens(k) => depth += 1,
            k if closes(k) => depth -= 1,
            TokenKind::Comma if depth == 0 => comma = true,
            TokenKind::Colon if depth == 0 => return None,
            _ => {}
        }
    }
    if !comma {
        return None;
    }
    let mut last = cx.at - 1;
    if cx.kind(last) == TokenKind::Comma {
        last -= 1;
    }
    fail(
        "did you forget parentheses around the comprehension target?",
        cx.start(open + 1),
        cx.end(last),
    )
}

/// `[1 2]`, `f(a b)`: two expressions side by side inside brackets.
fn forgot_comma(cx: &Cx, base: &RawError) -> Option<Fail> {
    use TokenKind::*;
    if !generic(base) || cx.at == 0 {
        return Option::None;
    }
    let b0 = cx.at;
    if !starts_expression(cx.kind(b0)) || !ends_expression(cx.kind(b0 - 1)) {
        return Option::None;
    }
    let open = enclosing_open(cx.toks, b0)?;
    // Not in a parameter list.
    if open >= 2 && cx.kind(open - 2) == TokenKind::Def {
        return Option::None;
    }
    let a0 = expression_start(cx, b0 - 1, &|k| {
        matches!(
            k,
            Comma | Colon | Equal | If | Else | For | Lambda | Yield | ColonEqual | Return | Async
        )
    });
    // `print "x"`-like pairs and a name before a string are other errors.
    let a_word = &cx.source[cx.start(a0)..cx.end(b0 - 1)];
    if a0 + 1 == b0
        && (matches!(a_word, "print" | "exec")
            || (cx.kind(a0) == Name && matches!(cx.kind(b0), String | FStringStart))
            || cx.kind(a0).is_soft_keyword())
    {
        return Option::None;
    }
    // The second expression: up to a comma, a closing bracket, or another juxtaposition.
    let mut i = b0;
    let mut last = b0;
    let mut depth = 0usize;
    while i < cx.toks.len() {
        let k = cx.kind(i);
        if depth == 0 {
            if matches!(k, Comma | Colon | Equal | For | Async | ColonEqual)
                || statement_edge(k)
                || closes(k)
            {
                break;
            }
            if i > b0
                && starts_expression(k)
                && ends_expression(cx.kind(i - 1))
                && !matches!(k, Not)
            {
                break;
            }
        }
        if opens(k) {
            depth += 1;
        } else if closes(k) {
            depth -= 1;
        }
        last = i;
        i += 1;
    }
    fail(
        "invalid syntax. Perhaps you forgot a comma?",
        cx.start(a0),
        cx.end(last),
    )
}

fn augmented_op(k: TokenKind) -> bool {
    use TokenKind::*;
    matches!(
        k,
        PlusEqual
            | MinusEqual
            | StarEqual
            | SlashEqual
            | DoubleSlashEqual
            | PercentEqual
            | AtEqual
            | AmperEqual
            | VbarEqual
            | CircumflexEqual
            | LeftShiftEqual
            | RightShiftEqual
            | DoubleStarEqual
    )
}

/// `a, b += 1`, `[a] += 1`: a tuple or list before an augmented assignment.
fn augmented_target(cx: &Cx, base: &RawError) -> Option<Fail> {
    if !generic(base) {
        return None;
    }
    let op =
        (cx.at..cx.toks.len()).find(|&i| augmented_op(cx.kind(i)) || statement_edge(cx.kind(i)))?;
    if !augmented_op(cx.kind(op)) || op == 0 {
        return None;
    }
    let mut first = op - 1;
    while first > 0 && !statement_edge(cx.kind(first - 1)) {
        first -= 1;
    }
    let (start, end) = (cx.start(first), cx.end(op - 1));
    let e = parse_expr(cx.source, start, end)?;
    fail(
        format!(
            "'{}' is an illegal expression for augmented assignment",
            expr_name(&e)
        ),
        start,
        end,
    )
}

/// `yield = 1`, `x = yield = 1`.
fn yield_target(cx: &Cx, base: &RawError) -> Option<Fail> {
    if !generic(base) {
        return None;
    }
    let y = (0..=cx.at.min(cx.toks.len().saturating_sub(1)))
        .rev()
        .find(|&i| cx.kind(i) == TokenKind::Yield || statement_edge(cx.kind(i)))?;
    if cx.kind(y) != TokenKind::Yield
        || !(y == 0 || matches!(cx.kind(y - 1), TokenKind::Equal) || statement_edge(cx.kind(y - 1)))
    {
        return None;
    }
    let eq = (y..cx.toks.len())
        .find(|&i| cx.kind(i) == TokenKind::Equal || statement_edge(cx.kind(i)))?;
    if cx.kind(eq) != TokenKind::Equal {
        return None;
    }
    fail(
        "assignment to yield expression not possible",
        cx.start(y),
        cx.end(eq - 1),
    )
}

/// `if x.y = 1:`: a non-name target before `=` in a condition.
fn condition_target(cx: &Cx, base: &RawError) -> Option<Fail> {
    if cx.kind(cx.at) != TokenKind::Equal || !(generic(base) || base.msg == "expected ':'") {
        return None;
    }
    let first = expression_start(cx, cx.at - 1, &|k| {
        matches!(k, TokenKind::If | TokenKind::Elif | TokenKind::While)
    });
    if first == 0
        || !matches!(
            cx.kind(first - 1),
            TokenKind::If | TokenKind::Elif | TokenKind::While
        )
    {
        return None;
    }
    let (start, end) = (cx.start(first), cx.end(cx.at - 1));
    let e = parse_expr(cx.source, start, end)?;
    if matches!(e, Expr::Name(_)) || !is_bitwise_or(&e) {
        return None;
    }
    fail(
        format!(
            "cannot assign to {} here. Maybe you meant '==' instead of '='?",
            expr_name(&e)
        ),
        start,
        end,
    )
}

/// Argument-order errors point where CPython's parser stood: after the argument.
fn argument_order(cx: &Cx, base: &RawError) -> Option<Fail> {
    match cx.err.error {
        ParseErrorType::PositionalAfterKeywordArgument
        | ParseErrorType::PositionalAfterKeywordUnpacking => {
            // CPython's parser has read the call's closing parenthesis.
            let mut i = cx
                .toks
                .iter()
                .position(|t| t.range().start().to_usize() >= cx.err_end())?;
            let mut depth = 0usize;
            while i + 1 < cx.toks.len() && !(depth == 0 && closes(cx.kind(i))) {
                if opens(cx.kind(i)) {
                    depth += 1;
                } else if closes(cx.kind(i)) {
                    depth -= 1;
                }
                i += 1;
            }
            fail(base.msg.clone(), cx.start(i), cx.end(i))
        }
        ParseErrorType::InvalidArgumentUnpackingOrder => {
            let star = cx.index_at(cx.err_start())?;
            fail(base.msg.clone(), cx.start(star), cx.end(star))
        }
        _ => None,
    }
}

/// Parameter-list messages as CPython 3.11 words and places them.
fn parameter_messages(cx: &Cx, base: &RawError) -> Option<Fail> {
    let (start, end) = (cx.err_start(), cx.err_end());
    match &cx.err.error {
        ParseErrorType::NonDefaultParamAfterDefaultParam => {
            fail("non-default argument follows default argument", start, end)
        }
        ParseErrorType::VarParameterWithDefault => {
            // The error is at the default's `=`: look at the parameter's stars.
            let before = cx.source[..start].trim_end();
            let name = before.trim_end_matches(|c: char| c.is_alphanumeric() || c == '_');
            let msg = if name.trim_end().ends_with("**") {
                "var-keyword argument cannot have default value"
            } else {
                "var-positional argument cannot have default value"
            };
            fail(msg, start, end)
        }
        ParseErrorType::ParamAfterVarKeywordParam => {
            fail("arguments cannot follow var-keyword argument", start, end)
        }
        ParseErrorType::ExpectedKeywordParam => {
            // `def f(*, **k)` marks the star; `lambda *: 1` the token after it.
            let star = (0..=cx.at.min(cx.toks.len().saturating_sub(1)))
                .rev()
                .find(|&i| cx.kind(i) == TokenKind::Star)?;
            let in_lambda = (0..star)
                .rev()
                .take_while(|&i| !statement_edge(cx.kind(i)) && cx.kind(i) != TokenKind::Def)
                .any(|i| cx.kind(i) == TokenKind::Lambda);
            if in_lambda {
                let next = if cx.kind(star + 1) == TokenKind::Comma {
                    star + 2
                } else {
                    star + 1
                };
                fail(base.msg.clone(), cx.start(next), cx.end(next))
            } else {
                fail(base.msg.clone(), cx.start(star), cx.end(star))
            }
        }
        _ => None,
    }
}

/// `x, y: int`, `[x]: int`, `f(): int`: what an annotation may not follow.
fn annotation_target(cx: &Cx, base: &RawError) -> Option<Fail> {
    let colon = match cx.err.error {
        ParseErrorType::InvalidAnnotatedAssignmentTarget => {
            let e = parse_expr(cx.source, cx.err_start(), cx.err_end())?;
            let msg = match e {
                Expr::Tuple(_) => "only single target (not tuple) can be annotated",
                Expr::List(_) => "only single target (not list) can be annotated",
                _ => "illegal target for annotation",
            };
            return fail(msg, cx.err_start(), cx.err_end());
        }
        _ if generic(base) => (cx.at..cx.toks.len())
            .find(|&i| cx.kind(i) == TokenKind::Colon || statement_edge(cx.kind(i)))?,
        _ => return None,
    };
    if cx.kind(colon) != TokenKind::Colon {
        return None;
    }
    let mut first = colon;
    while first > 0 && !statement_edge(cx.kind(first - 1)) {
        first -= 1;
    }
    if first >= colon
        || !cx.toks[first..colon]
            .iter()
            .any(|t| t.kind() == TokenKind::Comma)
    {
        return None;
    }
    let e = parse_expr(cx.source, cx.start(first), cx.end(colon - 1))?;
    let Expr::Tuple(t) = e else { return None };
    if t.parenthesized {
        return None;
    }
    // CPython marks the first element.
    let first_elt = t.elts.first()?;
    let s = cx.start(first);
    fail(
        "only single target (not tuple) can be annotated",
        s + first_elt.range().start().to_usize(),
        s + first_elt.range().end().to_usize(),
    )
}

/// Messages `ruff_python_parser` words in its own way, as CPython words and places them.
fn parser_message(cx: &Cx, _: &RawError) -> Option<Fail> {
    let (start, end) = (cx.err_start(), cx.err_end());
    let map = SourceMap::new(cx.source);
    let m = match &cx.err.error {
        ParseErrorType::OtherError(m) => m.as_str(),
        ParseErrorType::InvalidStarredExpressionUsage => {
            let i = cx.index_at(start)?;
            if cx.kind(i) != TokenKind::Star || i == 0 {
                return None;
            }
            return match cx.kind(i - 1) {
                TokenKind::Colon
                    if enclosing_open(cx.toks, i)
                        .is_some_and(|o| cx.kind(o) == TokenKind::Lbrace) =>
                {
                    fail(
                        "cannot use a starred expression in a dictionary value",
                        start,
                        end,
                    )
                }
                TokenKind::Lpar
                    if cx
                        .toks
                        .get(i + 2)
                        .is_some_and(|t| t.kind() == TokenKind::Rpar) =>
                {
                    fail("cannot use starred expression here", start, end)
                }
                _ => None,
            };
        }
        _ => return None,
    };
    match m {
        "Expected `except` or `finally` after `try` block" => {
            let msg = "expected 'except' or 'finally' block";
            // `try:` then `else:`: CPython stops at the `else`, in the try's column.
            if let Some(t) = (0..cx.at.min(cx.toks.len()))
                .rev()
                .find(|&j| cx.kind(j) == TokenKind::Try)
            {
                let col = map.byte_col(cx.start(t));
                if let Some(e) = (t + 1..cx.toks.len()).find(|&j| {
                    cx.kind(j) == TokenKind::Else
                        && map.byte_col(cx.start(j)) == col
                        && statement_edge(cx.kind(j - 1))
                }) {
                    return fail(msg, cx.start(e), cx.end(e));
                }
            }
            if start < cx.source.trim_end().len() {
                return fail(msg, start, end.max(start + 1));
            }
            // At the end: CPython points past the end of the last line, end -1.
            let last = cx.source.trim_end();
            let ls = last.rfind('\n').map_or(0, |i| i + 1);
            let col = map.chars_before(last.len()) + 1;
            Some((
                RawError {
                    kind: CompileErrorKind::SyntaxError,
                    msg: msg.into(),
                    start: ls,
                    end: ls,
                },
                Some((col, -1)),
            ))
        }
        "Trailing comma not allowed" if statement_edge(cx.kind(cx.at + 1)) => {
            let col = map.chars_before(end) + 1;
            let msg = "trailing comma not allowed without surrounding parentheses";
            Some((
                RawError {
                    kind: CompileErrorKind::SyntaxError,
                    msg: msg.into(),
                    start: end,
                    end,
                },
                Some((col, col as i32)),
            ))
        }
        "Bytes literal cannot be mixed with non-bytes literals" => {
            let col = map.chars_before(end) + 1;
            Some((
                RawError {
                    kind: CompileErrorKind::SyntaxError,
                    msg: "cannot mix bytes and nonbytes literals".into(),
                    start: end,
                    end,
                },
                Some((col, col as i32)),
            ))
        }
        "Only one '*' parameter allowed" | "Only one '*' separator allowed" => {
            fail("* argument may appear only once", start, start + 1)
        }
        "Only one '/' separator allowed" => fail("/ may appear only once", start, end),
        "Position-only parameter separator not allowed as first parameter" => {
            fail("at least one argument must precede /", start, end)
        }
        "Cannot have both 'except' and 'except*' on the same 'try'" => fail(
            "cannot have both 'except' and 'except*' on the same 'try'",
            start,
            start + "except".len(),
        ),
        "Only single target (not tuple) can be annotated" => {
            // Without parentheses CPython marks the first element.
            let e = parse_expr(cx.source, start, end)?;
            match &e {
                Expr::Tuple(t) if !t.parenthesized => {
                    let r = t.elts.first()?.range();
                    fail(
                        "only single target (not tuple) can be annotated",
                        start + r.start().to_usize(),
                        start + r.end().to_usize(),
                    )
                }
                _ => fail(
                    "only single target (not tuple) can be annotated",
                    start,
                    end,
                ),
            }
        }
        _ if m.starts_with("Only single target") => fail(format!("o{}", &m[1..]), start, end),
        _ => None,
    }
}

/// A line indented deeper than its block: CPython's offset counts the indentation, and
/// the end is -1.
fn unexpected_indent(cx: &Cx, _: &RawError) -> Option<Fail> {
    if !matches!(cx.err.error, ParseErrorType::UnexpectedIndentation) {
        return None;
    }
    let start = cx.err_start();
    let map = SourceMap::new(cx.source);
    let ls = start - map.byte_col(start) as usize;
    let line = &cx.source[ls..];
    let indent = line.len() - line.trim_start_matches([' ', '\t', '\x0c']).len();
    Some((
        RawError {
            kind: CompileErrorKind::IndentationError,
            msg: "unexpected indent".into(),
            start: ls,
            end: ls,
        },
        Some((map.chars_before(ls + indent), -1)),
    ))
}

/// `a = 1 if b` without its `else`: CPython marks the body through the condition.
fn missing_else(cx: &Cx, _: &RawError) -> Option<Fail> {
    if !matches!(
        cx.err.error,
        ParseErrorType::ExpectedToken {
            expected: TokenKind::Else,
            ..
        }
    ) || cx.at == 0
    {
        return None;
    }
    let mut depth = 0i32;
    let mut if_at = None;
    for i in (0..cx.at).rev() {
        let k = cx.kind(i);
        if closes(k) {
            depth += 1;
        } else if opens(k) {
            depth -= 1;
        } else if k == TokenKind::If && depth == 0 {
            if_at = Some(i);
            break;
        }
    }
    let if_at = if_at?;
    // `for x in xs if c:`: CPython's rule does not apply before a ':' (its lookahead
    // excludes it), so the ':' is plain invalid syntax.
    if cx.at < cx.toks.len() && cx.kind(cx.at) == TokenKind::Colon {
        return None;
    }
    let first = expression_start(cx, if_at.checked_sub(1)?, &|k| {
        matches!(
            k,
            TokenKind::Comma | TokenKind::Equal | TokenKind::Colon | TokenKind::Return
        )
    });
    let mut last = cx.at - 1;
    while last > if_at && statement_edge(cx.kind(last)) {
        last -= 1;
    }
    fail(
        "expected 'else' after 'if' expression",
        cx.start(first),
        cx.end(last),
    )
}

/// `{a:}`: a dictionary key and `:` with no value after them.
fn dict_value_missing(cx: &Cx, base: &RawError) -> Option<Fail> {
    if !generic(base)
        || cx.at == 0
        || !matches!(cx.kind(cx.at), TokenKind::Rbrace | TokenKind::Comma)
        || cx.kind(cx.at - 1) != TokenKind::Colon
    {
        return None;
    }
    let open = enclosing_open(cx.toks, cx.at - 1)?;
    if cx.kind(open) != TokenKind::Lbrace {
        return None;
    }
    fail(
        "expression expected after dictionary key and ':'",
        cx.start(cx.at - 1),
        cx.end(cx.at - 1),
    )
}

/// Errors `ruff_python_parser` marks on a construct where CPython's parser stops at one
/// token: a misplaced star or `not`, a name after `import *`, a keyword after an
/// import's trailing comma, a set item in a dict display.
fn stray_token(cx: &Cx, _: &RawError) -> Option<Fail> {
    use TokenKind::*;
    let (start, end) = (cx.err_start(), cx.err_end());
    let i = cx.index_at(start);
    // The first token at or after the error's end.
    let after = |e: usize| (0..cx.toks.len()).find(|&j| cx.start(j) >= e);
    let token = |j: usize| fail("invalid syntax", cx.start(j), cx.end(j));
    match &cx.err.error {
        // `{**a: 1}`: the parser stops after the unpacked value.
        ParseErrorType::InvalidStarredExpressionUsage if cx.kind(i?) == DoubleStar => {
            token(after(end)?)
        }
        // `1 +* 2`: at the star itself.
        ParseErrorType::InvalidStarredExpressionUsage if i? > 0 && is_operator(cx.kind(i? - 1)) => {
            token(i?)
        }
        ParseErrorType::OtherError(m) if m == "Star import must be the only import" => {
            token(i? + 1)
        }
        ParseErrorType::OtherError(m) if m == "Boolean 'not' expression cannot be used here" => {
            token(i?)
        }
        // `x = a not b`: `not` cannot follow an operand except in `not in`.
        ParseErrorType::SimpleStatementsOnSameLine
            if cx.kind(i?) == Not && cx.kind(i? + 1) != In =>
        {
            token(i? + 1)
        }
        // `import a,`: no message of its own, at the line's end.
        ParseErrorType::OtherError(m)
            if m == "Trailing comma not allowed"
                && matches!(cx.kind(i? + 1), Newline | EndOfFile)
                && cx.kind(statement_start(cx, i?)) == Import =>
        {
            fail("invalid syntax", cx.start(i? + 1), cx.start(i? + 1))
        }
        // `(a, b) := 1` as a statement: CPython names the target.
        ParseErrorType::OtherError(m)
            if m == "Expected a statement" && cx.kind(i?) == ColonEqual && i? > 0 =>
        {
            let first = statement_start(cx, i?);
            let (s, e) = (cx.start(first), cx.end(i? - 1));
            let target = parse_expr(cx.source, s, e)?;
            // A bare name is only missing its parentheses: "invalid syntax". A name in
            // parentheses is marked alone.
            if let Expr::Name(_) = target {
                let n = (first..i?).find(|&j| cx.kind(j) == Name)?;
                if n == first {
                    return Option::None;
                }
                return fail(
                    "cannot use assignment expressions with name",
                    cx.start(n),
                    cx.end(n),
                );
            }
            let name = expr_name(&target);
            fail(
                format!("cannot use assignment expressions with {name}"),
                s,
                e,
            )
        }
        // `import a, from b`: the parser stops at what follows the comma.
        ParseErrorType::OtherError(m)
            if m == "Trailing comma not allowed"
                && !matches!(cx.kind(i? + 1), Newline | EndOfFile)
                && cx.kind(statement_start(cx, i?)) == Import =>
        {
            token(i? + 1)
        }
        // `class C(x for x in y)`: no generator hint in a class's bases.
        ParseErrorType::UnparenthesizedGeneratorExpression => {
            let open = (0..i?).rev().find(|&j| cx.kind(j) == Lpar)?;
            if open < 2 || open + 1 != i? || cx.kind(open - 2) != Class {
                return Option::None;
            }
            let mut depth = 0usize;
            let at_for = (open + 1..cx.toks.len()).find(|&j| {
                match cx.kind(j) {
                    k if opens(k) => depth += 1,
                    k if closes(k) => depth = depth.saturating_sub(1),
                    For if depth == 0 => return true,
                    _ => {}
                }
                false
            })?;
            token(at_for)
        }
        // `{a: 1, b}`: a key with no `:` in a dict display; CPython marks where the key
        // starts, with no end.
        ParseErrorType::ExpectedToken {
            expected: Colon,
            found: Rbrace | Comma,
        } => {
            let j = i?;
            let open = enclosing_open(cx.toks, j)?;
            if cx.kind(open) != Lbrace {
                return Option::None;
            }
            // Only after an item with a `:` (a dict display, not a set).
            if !(open + 1..j)
                .any(|m| cx.kind(m) == Colon && enclosing_open(cx.toks, m) == Some(open))
            {
                return Option::None;
            }
            // CPython stands on the key's last token that is not a closing bracket.
            let key = (open + 1..j).rev().find(|&m| !closes(cx.kind(m)))?;
            let col = SourceMap::new(cx.source).chars_before(cx.start(key)) + 1;
            Some((
                RawError {
                    kind: CompileErrorKind::SyntaxError,
                    msg: "':' expected after dictionary key".into(),
                    start: cx.start(key),
                    end: cx.start(key),
                },
                Some((col, 0)),
            ))
        }
        _ => Option::None,
    }
}

fn is_operator(k: TokenKind) -> bool {
    use TokenKind::*;
    matches!(
        k,
        Plus | Minus
            | Star
            | Slash
            | DoubleSlash
            | Percent
            | At
            | DoubleStar
            | Vbar
            | Amper
            | CircumFlex
            | LeftShift
            | RightShift
            | Less
            | Greater
            | LessEqual
            | GreaterEqual
            | EqEqual
            | NotEqual
    )
}

/// The first token of the simple statement holding token `i`.
fn statement_start(cx: &Cx, i: usize) -> usize {
    (0..i)
        .rev()
        .find(|&j| statement_edge(cx.kind(j)))
        .map_or(0, |j| j + 1)
}
