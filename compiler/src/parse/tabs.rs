//! TabError: an indentation whose meaning depends on the width of a tab. CPython's
//! tokenizer measures each logical line's indentation twice, with tabs to the next
//! multiple of 8 and with tabs as one column; the two measures must order the line
//! against the enclosing block's indentation the same way.

use ruff_python_ast::token::{TokenKind, Tokens};
use ruff_text_size::Ranged;

use super::Fail;
use crate::{CompileErrorKind, RawError};

/// The TabError for the line starting at byte `at`: CPython marks no column (offset 1,
/// end offset 0).
pub(super) fn error(at: usize) -> Fail {
    let e = RawError {
        kind: CompileErrorKind::TabError,
        msg: "inconsistent use of tabs and spaces in indentation".into(),
        start: at,
        end: at,
    };
    (e, Some((1, 0)))
}

/// The byte offset of the first line whose indentation is inconsistent, if any. A
/// dedent to a column no block started at is left to the parser's IndentationError.
pub(super) fn inconsistent_line(source: &str, tokens: &Tokens) -> Option<usize> {
    // The indentation stack, in both measures.
    let mut stack: Vec<(usize, usize)> = vec![(0, 0)];
    let mut at_line_start = true;
    for t in tokens.iter() {
        match t.kind() {
            TokenKind::Newline => {
                at_line_start = true;
                continue;
            }
            TokenKind::Indent
            | TokenKind::Dedent
            | TokenKind::Comment
            | TokenKind::NonLogicalNewline => continue,
            TokenKind::EndOfFile => break,
            _ => {}
        }
        if !at_line_start {
            continue;
        }
        at_line_start = false;
        let start = t.range().start().to_usize();
        let line_start = source[..start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        // The lexer may have made the blanks themselves a token: measure the line.
        let (col, alt) = measure(&source[line_start..]);
        let &(top, top_alt) = stack.last()?;
        if col == top {
            if alt != top_alt {
                return Some(line_start);
            }
        } else if col > top {
            if alt <= top_alt {
                return Some(line_start);
            }
            stack.push((col, alt));
        } else {
            while stack.len() > 1 && col < stack.last()?.0 {
                stack.pop();
            }
            let &(top, top_alt) = stack.last()?;
            if col != top {
                return None;
            }
            if alt != top_alt {
                return Some(line_start);
            }
        }
    }
    None
}

/// A line's indentation in columns (its leading blanks, up to the first other
/// character): tabs to the next multiple of 8, and tabs as one column. A form feed
/// starts the count again.
fn measure(indent: &str) -> (usize, usize) {
    let (mut col, mut alt) = (0, 0);
    for c in indent.chars() {
        match c {
            ' ' => {
                col += 1;
                alt += 1;
            }
            '\t' => {
                col = (col / 8 + 1) * 8;
                alt += 1;
            }
            '\x0c' => {
                col = 0;
                alt = 0;
            }
            _ => break,
        }
    }
    (col, alt)
}
