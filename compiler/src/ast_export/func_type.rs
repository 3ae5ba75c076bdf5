//! `ast.parse(text, mode="func_type")`: a PEP 484 function type comment such as
//! `(int, str) -> bool`, as a `FunctionType` node. The parser has no such mode, so the
//! text is cut at its top-level `->`: the part before is parsed as an expression (a
//! parenthesized tuple of the argument types, or one parenthesized type), the part
//! after as the right side of an assignment whose target overwrites the part before
//! (so its offsets, and so its positions, are those of the original text).

use ruff_python_ast::token::TokenKind;
use ruff_python_ast::{Expr, Stmt};
use ruff_text_size::Ranged;

use super::{AstNode, Export};
use crate::parse::Parsed;
use crate::{CompileError, CompileErrorKind, Mode, SourceMap};

/// Parse a function type comment into a `FunctionType` node.
pub fn parse_func_type(source: &str, filename: &str) -> Result<AstNode, CompileError> {
    let map = SourceMap::new(source);
    let invalid = |at: usize| {
        let mut e = map.error(
            filename,
            CompileErrorKind::SyntaxError,
            "invalid syntax".into(),
            at,
            at + 1,
        );
        e.py_text = Some(format!("{}\n", e.text));
        e
    };
    let Some((arrow, after)) = top_level_arrow(source) else {
        return Err(invalid(source.trim_end().len()));
    };
    let left = match crate::parse::parse(&source[..arrow], Mode::Eval) {
        Ok(Parsed::Expression(e)) => e.body,
        Ok(_) => return Err(invalid(0)),
        Err(e) => return Err(crate::parse_failed(&map, filename, Mode::Eval, e)),
    };
    let args: Vec<&Expr> = match &*left {
        Expr::Tuple(t) if t.parenthesized => t.elts.iter().collect(),
        // One type in parentheses: the expression starts after the `(`.
        e if source.starts_with('(') && e.range().start().to_usize() > 0 => vec![e],
        _ => return Err(invalid(0)),
    };
    // `*Args` stands for the type of each extra argument: the tree holds the type.
    let args: Vec<&Expr> = args
        .into_iter()
        .map(|e| match e {
            Expr::Starred(s) => &*s.value,
            e => e,
        })
        .collect();
    let padded = pad(source, after);
    let returns = match crate::parse::parse(&padded, Mode::Module) {
        Ok(Parsed::Module(m)) => match m.body.as_slice() {
            [Stmt::Assign(a)] => a.value.clone(),
            _ => return Err(invalid(after)),
        },
        Ok(_) => return Err(invalid(after)),
        Err(e) => return Err(crate::parse_failed(&map, filename, Mode::Module, e)),
    };
    let none = super::type_comments::TypeComments::default();
    let mut x = Export {
        map: &map,
        depth: 0,
        error: None,
        comments: &none,
    };
    let argtypes = x.exprs(args);
    let returns = x.expr(&returns);
    if let Some(e) = x.error {
        return Err(map.error(filename, e.kind, e.msg, e.start, e.end));
    }
    Ok(AstNode {
        kind: "FunctionType",
        fields: vec![("argtypes", argtypes), ("returns", returns)],
        pos: None,
    })
}

/// The byte offsets of the first `->` outside brackets and of its end.
fn top_level_arrow(source: &str) -> Option<(usize, usize)> {
    let parsed = ruff_python_parser::parse_unchecked(
        source,
        ruff_python_parser::ParseOptions::from(ruff_python_parser::Mode::Module),
    );
    let mut depth = 0i32;
    for t in parsed.tokens().iter() {
        match t.kind() {
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => depth += 1,
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => depth -= 1,
            TokenKind::Rarrow if depth == 0 => {
                return Some((t.start().to_usize(), t.end().to_usize()));
            }
            _ => {}
        }
    }
    None
}

/// `source` with its first `upto` bytes turned into `_=` and blanks (a backslash before
/// each newline joins the lines), so what follows parses as an assignment's value at
/// its own offsets.
fn pad(source: &str, upto: usize) -> String {
    let mut b: Vec<u8> = source.as_bytes().to_vec();
    for i in 0..upto {
        b[i] = match b[i] {
            b'\n' => b'\n',
            _ if b.get(i + 1) == Some(&b'\n') && i + 1 < upto => b'\\',
            _ => b' ',
        };
    }
    if upto >= 2 {
        b[0] = b'_';
        b[1] = b'=';
    }
    String::from_utf8(b).unwrap_or_default()
}
