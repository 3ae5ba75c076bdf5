//! String prefixes that cannot go together (`ft''`, `bt''`, `ub''`): CPython 3.14's
//! tokenizer reads the letters before a quote as a prefix and names the first clashing
//! pair; `ruff_python_parser` lexes them as a name followed by a string.

use ruff_python_ast::token::{TokenKind, Tokens};
use ruff_text_size::Ranged;

use crate::{CompileErrorKind, RawError};

/// The pairs CPython rejects, in the order it checks them (`rb`, `rf`, `rt` are fine).
const CLASHES: [(char, char); 7] = [
    ('u', 'b'),
    ('u', 'r'),
    ('u', 'f'),
    ('u', 't'),
    ('b', 'f'),
    ('b', 't'),
    ('f', 't'),
];

/// The first name glued to a following string whose letters make a prefix with a
/// clashing pair: where it starts, and CPython's error marking the prefix.
pub(super) fn incompatible(source: &str, tokens: &Tokens) -> Option<(usize, RawError)> {
    let toks: Vec<_> = tokens.iter().collect();
    toks.windows(2).find_map(|pair| {
        let (name, string) = (pair[0], pair[1]);
        let glued = name.kind() == TokenKind::Name
            && name.range().end() == string.range().start()
            && matches!(
                string.kind(),
                TokenKind::String | TokenKind::FStringStart | TokenKind::TStringStart
            )
            && source[string.range().start().to_usize()..].starts_with(['\'', '"']);
        if !glued {
            return None;
        }
        let (start, end) = (
            name.range().start().to_usize(),
            name.range().end().to_usize(),
        );
        let (a, b) = clash(&source[start..end])?;
        let e = RawError {
            kind: CompileErrorKind::SyntaxError,
            msg: format!("'{a}' and '{b}' prefixes are incompatible"),
            start,
            end,
        };
        Some((start, e))
    })
}

/// The first clashing pair among `letters`, when they are all prefix letters, each
/// at most once (a repeated letter ends the prefix: `tt''` is a name and a string).
fn clash(letters: &str) -> Option<(char, char)> {
    let lower = letters.to_ascii_lowercase();
    let mut seen = Vec::new();
    for c in lower.chars() {
        if !"burft".contains(c) || seen.contains(&c) {
            return None;
        }
        seen.push(c);
    }
    CLASHES
        .iter()
        .find(|(a, b)| seen.contains(a) && seen.contains(b))
        .copied()
}
