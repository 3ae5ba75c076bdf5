//! The parser's syntax tree as CPython 3.11's `ast` sees it (`compile(..., PyCF_ONLY_AST)`).
//!
//! The result is plain data (node kind names, field names, values and positions) so this
//! crate stays free of the VM: `weft-vm` turns an [`AstNode`] into instances of the `_ast`
//! classes. Node and field names are CPython 3.11's; where ruff's tree differs (async
//! flags instead of separate node kinds, `elif` clauses, implicit string concatenation,
//! parameters with their defaults) the export rebuilds CPython's shape.

mod expr;
mod func_type;
mod stmt;
mod type_comments;

pub use func_type::parse_func_type;

use ruff_text_size::TextRange;

use crate::bytecode::Const;
use crate::parse::Parsed;
use crate::{CompileError, CompileErrorKind, Mode, RawError, SourceMap};

/// The deepest nesting exported. The VM converts the tree recursively on its own
/// thread's stack, so the limit is far below the compiler's (`MAX_EXPR_DEPTH`).
const MAX_DEPTH: usize = 3_000;

/// One field's value.
#[derive(Debug, Clone)]
pub enum AstValue {
    Node(Box<AstNode>),
    List(Vec<AstValue>),
    /// A `Constant`'s value (and `MatchSingleton`'s).
    Const(Const),
    /// An identifier, or a string field such as `alias.name`.
    Ident(String),
    /// An int field (`level`, `simple`, `is_async`, `conversion`).
    Int(i64),
    None,
}

/// A node: its class name in `_ast`, its fields in `_fields` order, and its position
/// (lineno, col_offset, end_lineno, end_col_offset; columns in UTF-8 bytes) when its
/// class has `_attributes`.
#[derive(Debug, Clone)]
pub struct AstNode {
    pub kind: &'static str,
    pub fields: Vec<(&'static str, AstValue)>,
    pub pos: Option<[u32; 4]>,
}

/// Parse `source` and export its tree: `Module`, `Expression` or `Interactive` by mode.
pub fn parse_ast(source: &str, filename: &str, mode: Mode) -> Result<AstNode, CompileError> {
    parse_ast_with(source, filename, mode, false)
}

/// `parse_ast`, with the type comments and type ignores of the source when
/// `type_comments` is set (`PyCF_TYPE_COMMENTS`; see `type_comments.rs`).
pub fn parse_ast_with(
    source: &str,
    filename: &str,
    mode: Mode,
    type_comments: bool,
) -> Result<AstNode, CompileError> {
    let normalized;
    let source = if source.contains('\r') {
        normalized = source.replace("\r\n", "\n").replace('\r', "\n");
        normalized.as_str()
    } else {
        source
    };
    let map = SourceMap::new(source);
    let (parsed, tokens) = crate::parse::parse_keeping(source, mode, type_comments)
        .map_err(|e| crate::parse_failed(&map, filename, mode, e))?;
    let comments = match type_comments {
        true => {
            let body = match &parsed {
                Parsed::Module(m) => Some(&m.body[..]),
                Parsed::Expression(_) => None,
            };
            type_comments::collect(&map, &tokens, body)
                .map_err(|e| map.error(filename, e.kind, e.msg, e.start, e.end))?
        }
        false => type_comments::TypeComments::default(),
    };
    let mut x = Export {
        map: &map,
        depth: 0,
        error: None,
        comments: &comments,
    };
    let root = match (&parsed, mode) {
        (Parsed::Expression(e), _) => {
            let body = x.expr(&e.body);
            AstNode {
                kind: "Expression",
                fields: vec![("body", body)],
                pos: None,
            }
        }
        (Parsed::Module(m), Mode::Single) => AstNode {
            kind: "Interactive",
            fields: vec![("body", x.stmts(&m.body))],
            pos: None,
        },
        (Parsed::Module(m), _) => AstNode {
            kind: "Module",
            fields: vec![
                ("body", x.stmts(&m.body)),
                ("type_ignores", type_ignores(&comments)),
            ],
            pos: None,
        },
    };
    match x.error {
        Some(e) => Err(map.error(filename, e.kind, e.msg, e.start, e.end)),
        None => Ok(root),
    }
}

/// `Module.type_ignores`: a `TypeIgnore(lineno, tag)` for each `# type: ignore`.
fn type_ignores(c: &type_comments::TypeComments) -> AstValue {
    let one = |(line, tag): &(u32, String)| {
        bare(
            "TypeIgnore",
            vec![
                ("lineno", AstValue::Int(*line as i64)),
                ("tag", AstValue::Ident(tag.clone())),
            ],
        )
    };
    AstValue::List(c.ignores.iter().map(one).collect())
}

/// The walk's state: positions come from `map`; `depth` guards the recursion;
/// `comments` are the type comments to give the nodes (none unless asked for).
pub(crate) struct Export<'m, 's> {
    map: &'m SourceMap<'s>,
    depth: usize,
    error: Option<RawError>,
    comments: &'m type_comments::TypeComments,
}

impl Export<'_, '_> {
    /// lineno, col_offset, end_lineno, end_col_offset of a byte range.
    fn pos(&self, r: TextRange) -> [u32; 4] {
        let (s, e) = (r.start().to_usize(), r.end().to_usize());
        [
            self.map.line(s),
            self.map.byte_col(s),
            self.map.line(e),
            self.map.byte_col(e),
        ]
    }

    /// A node with a position.
    fn node(
        &self,
        kind: &'static str,
        r: TextRange,
        fields: Vec<(&'static str, AstValue)>,
    ) -> AstValue {
        AstValue::Node(Box::new(AstNode {
            kind,
            fields,
            pos: Some(self.pos(r)),
        }))
    }

    /// Count one level of nesting; false (and the error recorded) when too deep.
    fn enter(&mut self, r: TextRange) -> bool {
        if self.error.is_some() {
            return false;
        }
        if self.depth >= MAX_DEPTH {
            self.error = Some(RawError {
                kind: CompileErrorKind::RecursionError,
                msg: "maximum recursion depth exceeded during ast construction".into(),
                start: r.start().to_usize(),
                end: r.end().to_usize(),
            });
            return false;
        }
        self.depth += 1;
        true
    }

    fn source(&self) -> &str {
        self.map.source()
    }

    /// The `type_comment` field of the node starting at `at`.
    fn type_comment(&self, at: ruff_text_size::TextSize) -> (&'static str, AstValue) {
        let v = match self.comments.at(at) {
            Some(t) => AstValue::Ident(t.to_string()),
            None => AstValue::None,
        };
        ("type_comment", v)
    }
}

/// A node without position (`withitem`, `comprehension`, operators, contexts).
fn bare(kind: &'static str, fields: Vec<(&'static str, AstValue)>) -> AstValue {
    AstValue::Node(Box::new(AstNode {
        kind,
        fields,
        pos: None,
    }))
}

/// A node without fields or position (`Load()`, `Add()`).
fn unit(kind: &'static str) -> AstValue {
    bare(kind, Vec::new())
}

fn ident(s: &str) -> AstValue {
    AstValue::Ident(s.to_string())
}

fn opt_ident(s: Option<&ruff_python_ast::Identifier>) -> AstValue {
    match s {
        Some(i) => ident(i.as_str()),
        None => AstValue::None,
    }
}
