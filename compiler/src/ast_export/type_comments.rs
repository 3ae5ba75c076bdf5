//! `ast.parse(..., type_comments=True)`: type comments read off the source's comments.
//!
//! The parser keeps no comments in its tree, so they are taken from its tokens and given
//! to the nodes whose grammar has a place for one, as CPython 3.11's does:
//!
//! - `# type: ignore[...]` anywhere is a `TypeIgnore(lineno, tag)` of the module (the tag
//!   is the rest of the comment after `ignore`, which must not go on with a letter,
//!   digit or non-ASCII character);
//! - any other `# type: X` is a type comment `X`, which must stand right after an
//!   assignment `a = b = v`, after the colon of a `for`, `with` (not the form with
//!   parenthesized items that use `as`) or `def` header, on its own line between a `def`
//!   header and its indented body, or after a parameter of a `def` (before its comma, or
//!   before the closing parenthesis). Anywhere else it is a SyntaxError, as CPython's
//!   tokenizer makes it a token its grammar does not expect there.
//!
//! A comment is one when it reads `#`, blanks, `type`, `:`, blanks, then the text
//! (CPython's tokenizer test). The text keeps its trailing blanks, as CPython's does.
use std::collections::HashMap;

use ruff_python_ast::statement_visitor::{StatementVisitor, walk_stmt};
use ruff_python_ast::token::{Token, TokenKind};
use ruff_python_ast::{self as ast, Stmt};
use ruff_text_size::{Ranged, TextRange, TextSize};

use crate::{CompileErrorKind, RawError, SourceMap};

/// The type comments of a tree: by the start of the node holding one (a statement, or a
/// parameter's name), and the module's type ignores.
#[derive(Default)]
pub(crate) struct TypeComments {
    /// By owner's start: the text, and the end of the comment.
    taken: HashMap<u32, (String, TextSize)>,
    pub(crate) ignores: Vec<(u32, String)>,
    /// `with (a, b):  # type: T` statements, by start: CPython's grammar reads their
    /// parentheses as one tuple (the form with parenthesized items has no type comment);
    /// the range is the parentheses'.
    tuple_items: HashMap<u32, TextRange>,
}

impl TypeComments {
    /// The type comment of the node starting at `at`.
    pub(crate) fn at(&self, at: TextSize) -> Option<&str> {
        self.taken.get(&at.to_u32()).map(|(t, _)| t.as_str())
    }

    /// Where the type comment of the node starting at `at` ends (CPython's `Assign`
    /// ends there: the comment is the last token of its rule).
    pub(crate) fn end(&self, at: TextSize) -> Option<TextSize> {
        self.taken.get(&at.to_u32()).map(|&(_, e)| e)
    }

    /// For a `with` statement starting at `at` whose parenthesized items are one tuple
    /// expression: the parentheses' range.
    pub(crate) fn tuple_items(&self, at: TextSize) -> Option<TextRange> {
        self.tuple_items.get(&at.to_u32()).copied()
    }
}

/// What a comment is to the type-comment reader.
enum Kind {
    Plain,
    /// `# type: ignore<tag>`.
    Ignore(String),
    /// `# type: <text>`, the text starting `skip` bytes into the comment.
    Type {
        text: String,
        skip: usize,
    },
}

fn classify(comment: &str) -> Kind {
    let b = comment.as_bytes();
    let blanks = |mut i: usize| {
        while matches!(b.get(i), Some(b' ' | b'\t')) {
            i += 1;
        }
        i
    };
    let i = blanks(1);
    if b.first() != Some(&b'#') || !comment[i..].starts_with("type:") {
        return Kind::Plain;
    }
    let i = blanks(i + 5);
    let text = &comment[i..];
    if let Some(tag) = text.strip_prefix("ignore")
        && tag
            .bytes()
            .next()
            .is_none_or(|c| c.is_ascii() && !c.is_ascii_alphanumeric())
    {
        return Kind::Ignore(tag.to_string());
    }
    Kind::Type {
        text: text.to_string(),
        skip: i,
    }
}

/// Read the type comments of `body` (the whole module; None for an expression, which
/// has no place for one) from `tokens`.
pub(crate) fn collect(
    map: &SourceMap<'_>,
    tokens: &[Token],
    body: Option<&[Stmt]>,
) -> Result<TypeComments, RawError> {
    let source = map.source();
    let kinds: Vec<Option<Kind>> = tokens
        .iter()
        .map(|t| (t.kind() == TokenKind::Comment).then(|| classify(&source[t.range()])))
        .collect();
    let mut c = Collector {
        tokens,
        kinds: &kinds,
        claims: HashMap::new(),
        tuple_items: HashMap::new(),
        error: None,
    };
    if let Some(body) = body {
        c.visit_body(body);
    }
    if let Some(e) = c.error {
        return Err(e);
    }
    let mut out = TypeComments {
        tuple_items: std::mem::take(&mut c.tuple_items),
        ..TypeComments::default()
    };
    for (i, k) in kinds.iter().enumerate() {
        match k {
            Some(Kind::Ignore(tag)) => {
                let line = map.line(tokens[i].start().to_usize());
                out.ignores.push((line, tag.clone()));
            }
            Some(Kind::Type { text, skip }) => match c.claims.get(&i) {
                Some(&owner) => {
                    out.taken.insert(owner, (text.clone(), tokens[i].end()));
                }
                None => {
                    let r = tokens[i].range();
                    let (start, end) = (r.start().to_usize() + skip, r.end().to_usize());
                    return Err(match c.block_expected(i, map) {
                        Some(msg) => RawError {
                            kind: CompileErrorKind::IndentationError,
                            msg,
                            start,
                            end,
                        },
                        None => invalid(start, end),
                    });
                }
            },
            _ => {}
        }
    }
    Ok(out)
}

fn invalid(start: usize, end: usize) -> RawError {
    RawError {
        kind: CompileErrorKind::SyntaxError,
        msg: "invalid syntax".into(),
        start,
        end,
    }
}

/// How a `with` header's items are parenthesized.
enum Parens {
    /// Not as a whole (`with a, b:`, `with (a) as b:`, `with (a):`).
    None,
    /// Parenthesized items using `as`: the form with no type comment.
    Items,
    /// `with (a, b):`: read as one tuple when a type comment follows (its range).
    Tuple(TextRange),
}

/// Walks the statements, claiming for each place a type comment may stand the comment
/// token found there (token index -> the owner's start offset).
struct Collector<'t> {
    tokens: &'t [Token],
    kinds: &'t [Option<Kind>],
    claims: HashMap<usize, u32>,
    tuple_items: HashMap<u32, TextRange>,
    error: Option<RawError>,
}

impl<'a> StatementVisitor<'a> for Collector<'_> {
    fn visit_stmt(&mut self, s: &'a Stmt) {
        let owner = s.start().to_u32();
        match s {
            Stmt::Assign(_) => {
                let i = self.first_at(s.end());
                self.claim_type(i, owner);
            }
            Stmt::For(f) => {
                if let Some(colon) = self.header_colon(&f.body) {
                    self.claim_type(colon + 1, owner);
                }
            }
            Stmt::With(w) => {
                if let Some(colon) = self.header_colon(&w.body) {
                    let parens = self.parenthesized(s.start(), colon);
                    match parens {
                        Parens::Items => {}
                        Parens::None => {
                            self.claim_type(colon + 1, owner);
                        }
                        Parens::Tuple(r) => {
                            if self.claim_type(colon + 1, owner) {
                                self.tuple_items.insert(owner, r);
                            }
                        }
                    }
                }
            }
            Stmt::FunctionDef(f) => {
                self.parameters(&f.parameters);
                if let Some(colon) = self.header_colon(&f.body) {
                    self.def_comment(colon, owner);
                }
            }
            _ => {}
        }
        walk_stmt(self, s);
    }
}

impl Collector<'_> {
    /// For a type comment (token `i`) alone on the line after a compound statement's
    /// header, where CPython's grammar wants the indented block: its message.
    fn block_expected(&self, i: usize, map: &SourceMap<'_>) -> Option<String> {
        let mut j = i.checked_sub(1)?;
        while matches!(
            self.kind(j)?,
            TokenKind::NonLogicalNewline | TokenKind::Comment
        ) {
            j = j.checked_sub(1)?;
        }
        if self.kind(j)? != TokenKind::Newline || self.kind(j.checked_sub(1)?)? != TokenKind::Colon
        {
            return None;
        }
        // The first token of the header's logical line.
        let mut k = j - 1;
        while k > 0
            && !matches!(
                self.kind(k - 1)?,
                TokenKind::Newline | TokenKind::Indent | TokenKind::Dedent
            )
        {
            k -= 1;
        }
        if self.kind(k)? == TokenKind::Async {
            k += 1;
        }
        let what = match self.kind(k)? {
            TokenKind::For => "'for' statement",
            TokenKind::While => "'while' statement",
            TokenKind::If => "'if' statement",
            TokenKind::Elif => "'elif' statement",
            TokenKind::Else => "'else' statement",
            TokenKind::With => "'with' statement",
            TokenKind::Try => "'try' statement",
            TokenKind::Except => "'except' statement",
            TokenKind::Finally => "'finally' statement",
            TokenKind::Match => "'match' statement",
            TokenKind::Case => "'case' statement",
            TokenKind::Class => "class definition",
            TokenKind::Def => "function definition",
            _ => return None,
        };
        let line = map.line(self.tokens[k].start().to_usize());
        Some(format!(
            "expected an indented block after {what} on line {line}"
        ))
    }

    /// Index of the first token starting at or after `at`.
    fn first_at(&self, at: TextSize) -> usize {
        self.tokens.partition_point(|t| t.start() < at)
    }

    fn kind(&self, i: usize) -> Option<TokenKind> {
        self.tokens.get(i).map(|t| t.kind())
    }

    fn is_type_comment(&self, i: usize) -> bool {
        matches!(self.kinds.get(i), Some(Some(Kind::Type { .. })))
    }

    /// Claim token `i` for `owner` if it is a type comment.
    fn claim_type(&mut self, i: usize, owner: u32) -> bool {
        if self.is_type_comment(i) {
            self.claims.insert(i, owner);
            return true;
        }
        false
    }

    /// The next token from `i` that is neither a line break inside brackets nor a comment
    /// the parser would skip (plain or a type ignore).
    fn skip_trivia(&self, mut i: usize) -> usize {
        while let Some(k) = self.kind(i) {
            let skippable = k == TokenKind::NonLogicalNewline
                || (k == TokenKind::Comment && !self.is_type_comment(i));
            if !skippable {
                break;
            }
            i += 1;
        }
        i
    }

    /// The colon ending a compound statement's header: the last token before the body
    /// that is not a comment, a line break or an indent.
    fn header_colon(&self, body: &[Stmt]) -> Option<usize> {
        let first = body.first()?;
        let mut i = self.first_at(first.start());
        while i > 0 {
            i -= 1;
            match self.kind(i)? {
                TokenKind::Comment
                | TokenKind::Newline
                | TokenKind::NonLogicalNewline
                | TokenKind::Indent => continue,
                TokenKind::Colon => return Some(i),
                _ => return None,
            }
        }
        None
    }

    /// Whether a `with` header (from `start` to its colon) is the form with parenthesized
    /// items, which CPython's grammar gives no type comment: `with (a as b, c):`. A
    /// parenthesized expression (`with (a, b):`) is the other form.
    fn parenthesized(&self, start: TextSize, colon: usize) -> Parens {
        let mut i = self.first_at(start);
        if self.kind(i) == Some(TokenKind::Async) {
            i += 1;
        }
        if self.kind(i + 1) != Some(TokenKind::Lpar) {
            return Parens::None;
        }
        let mut depth = 0;
        let (mut has_as, mut has_comma) = (false, false);
        for j in i + 1..colon {
            match self.kind(j) {
                Some(TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace) => depth += 1,
                Some(TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace) => {
                    depth -= 1;
                    if depth == 0 {
                        if j + 1 != colon {
                            return Parens::None;
                        }
                        if has_as {
                            return Parens::Items;
                        }
                        if !has_comma {
                            return Parens::None;
                        }
                        let r = TextRange::new(self.tokens[i + 1].start(), self.tokens[j].end());
                        return Parens::Tuple(r);
                    }
                }
                Some(TokenKind::As) if depth == 1 => has_as = true,
                Some(TokenKind::Comma) if depth == 1 => has_comma = true,
                _ => {}
            }
        }
        Parens::None
    }

    /// A `def`'s type comment: after the header's colon on its line, or alone on a line
    /// between the header and the indented body (not both).
    fn def_comment(&mut self, colon: usize, owner: u32) {
        let same_line = self.claim_type(colon + 1, owner);
        let mut i = colon + 1 + usize::from(same_line);
        if self.kind(i) != Some(TokenKind::Newline) {
            return;
        }
        i = self.skip_trivia(i + 1);
        if !self.is_type_comment(i) {
            return;
        }
        if self.kind(self.skip_trivia(i + 1)) != Some(TokenKind::Indent) {
            return;
        }
        if same_line {
            let r = self.tokens[i].range();
            self.error = Some(RawError {
                kind: CompileErrorKind::SyntaxError,
                msg: "Cannot have two type comments on def".into(),
                start: r.start().to_usize(),
                end: r.end().to_usize(),
            });
            return;
        }
        self.claims.insert(i, owner);
    }

    /// Each parameter's type comment: after its comma, or before the closing parenthesis.
    fn parameters(&mut self, p: &ast::Parameters) {
        let with_default = p.posonlyargs.iter().chain(&p.args).chain(&p.kwonlyargs);
        let mut all: Vec<(&ast::Parameter, TextSize)> =
            with_default.map(|a| (&a.parameter, a.end())).collect();
        for star in [&p.vararg, &p.kwarg].into_iter().flatten() {
            all.push((star, star.end()));
        }
        for (param, end) in all {
            let owner = param.name.start().to_u32();
            let i = self.first_at(end);
            if self.kind(i) == Some(TokenKind::Comma) {
                self.claim_type(i + 1, owner);
            } else if self.is_type_comment(i)
                && self.kind(self.skip_trivia(i + 1)) == Some(TokenKind::Rpar)
            {
                self.claims.insert(i, owner);
            }
        }
    }
}
