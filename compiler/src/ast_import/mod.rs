//! `compile(tree, filename, mode)` for a tree of `_ast` objects: the VM reads the
//! objects into the neutral [`AstNode`] form (checking node types and required fields
//! against [`schema`]), this module checks what CPython's AST validator checks and
//! rebuilds the parser's own tree, and the usual code generator compiles it.
//!
//! There is no source text. Each node's start and end get fresh offsets, in tree order
//! (start, children, end), and the [`SourceMap`] built from `points` maps offset `i` back
//! to the (line, column) the node gave. So every range is well formed and unique (the
//! symbol table keys scopes by range) whatever positions the user wrote.

mod expr;
pub mod schema;
mod stmt;

use std::sync::Arc;

use ruff_python_ast::{self as ast, AtomicNodeIndex};
use ruff_text_size::{TextRange, TextSize};

use crate::ast_export::{AstNode, AstValue};
use crate::bytecode::CodeData;
use crate::parse::Parsed;
use crate::{CompileError, Mode, SourceMap};

/// Why a tree did not compile.
#[derive(Debug)]
pub enum TreeError {
    /// CPython's validator's ValueError (`empty body on If`).
    Value(String),
    /// A TypeError (`expected Module node, got Expression`).
    Type(String),
    /// A SystemError (`Unrecognized conversion character 7`).
    System(String),
    /// The code generator's SyntaxError (`'return' outside function`).
    Compile(CompileError),
}

type R<T> = Result<T, TreeError>;

fn invalid<T>(msg: impl Into<String>) -> R<T> {
    Err(TreeError::Value(msg.into()))
}

/// Compile a tree: `Module` for `Mode::Module`, `Expression` for `Mode::Eval`,
/// `Interactive` for `Mode::Single`. `level` is the optimization level (None: the
/// process's).
pub fn compile_tree(
    root: &AstNode,
    filename: &str,
    mode: Mode,
    level: Option<u8>,
) -> R<Arc<CodeData>> {
    let want = match mode {
        Mode::Module => "Module",
        Mode::Eval => "Expression",
        Mode::Single => "Interactive",
    };
    if root.kind != want {
        return Err(TreeError::Type(format!(
            "expected {want} node, got {}",
            root.kind
        )));
    }
    let mut c = Conv {
        points: vec![[1, 0]],
        surrogate_strs: Vec::new(),
        frozensets: Vec::new(),
    };
    let whole = TextRange::empty(TextSize::new(0));
    let parsed = match mode {
        Mode::Eval => Parsed::Expression(ast::ModExpression {
            body: Box::new(c.expr(root.get("body"), Ctx::Load)?),
            range: whole,
            node_index: AtomicNodeIndex::NONE,
        }),
        _ => Parsed::Module(ast::ModModule {
            body: c.stmts(root.get("body"))?.into(),
            range: whole,
            node_index: AtomicNodeIndex::NONE,
        }),
    };
    let map = SourceMap::from_points(c.points, c.surrogate_strs, c.frozensets);
    let prev = crate::OPTIMIZE_HERE.with(|l| l.replace(level.or(l.get())));
    let r = crate::codegen::compile_parsed(&parsed, &map, filename, mode);
    crate::OPTIMIZE_HERE.with(|l| l.set(prev));
    r.map_err(|e| TreeError::Compile(map.error(filename, e.kind, e.msg, e.start, e.end)))
}

/// Expression contexts, as the validator checks them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ctx {
    Load,
    Store,
    Del,
}

impl Ctx {
    fn name(self) -> &'static str {
        match self {
            Ctx::Load => "Load",
            Ctx::Store => "Store",
            Ctx::Del => "Del",
        }
    }

    fn ruff(self) -> ast::ExprContext {
        match self {
            Ctx::Load => ast::ExprContext::Load,
            Ctx::Store => ast::ExprContext::Store,
            Ctx::Del => ast::ExprContext::Del,
        }
    }
}

/// The conversion's state: the positions handed out so far (offset `i` is
/// `points[i]`; offset 0 is the module's start).
pub(crate) struct Conv {
    points: Vec<[u32; 2]>,
    /// Str constants with lone surrogates, which the parser's str cannot hold: the
    /// literal gets U+FFFD, the code generator takes the exact text from here.
    surrogate_strs: Vec<(u32, Vec<u8>)>,
    /// frozenset constants, which have no literal: each stands as an `...` literal at
    /// its offset, which the code generator replaces with the constant from here.
    frozensets: Vec<(u32, crate::bytecode::Const)>,
}

impl Conv {
    /// A fresh offset standing for `(line, col)`.
    fn at(&mut self, line: u32, col: u32) -> TextSize {
        self.points.push([line, col]);
        TextSize::new((self.points.len() - 1) as u32)
    }

    /// The start offset of a node: its own position, or (for the position-less
    /// `comprehension`, `withitem`, ...) the last one handed out.
    fn start(&mut self, n: &AstNode) -> TextSize {
        let [line, col] = match n.pos {
            Some([l, c, _, _]) => [l, c],
            None => *self.points.last().unwrap_or(&[1, 0]),
        };
        self.at(line, col)
    }

    /// The range from `start` to the node's end (after its children were converted).
    fn finish(&mut self, n: &AstNode, start: TextSize) -> TextRange {
        let [line, col] = match n.pos {
            Some([_, _, l, c]) => [l, c],
            None => *self.points.last().unwrap_or(&[1, 0]),
        };
        TextRange::new(start, self.at(line, col))
    }

    fn ident(&mut self, v: &AstValue, n: &AstNode) -> ast::Identifier {
        let s = match v {
            AstValue::Ident(s) => s.as_str(),
            _ => "",
        };
        let p = self.start(n);
        ast::Identifier::new(s, TextRange::empty(p))
    }

    fn opt_ident(&mut self, v: &AstValue, n: &AstNode) -> Option<ast::Identifier> {
        match v {
            AstValue::Ident(_) => Some(self.ident(v, n)),
            _ => None,
        }
    }
}

impl AstNode {
    /// A field's value (the VM fills every field of the schema, None when unset).
    pub(crate) fn get(&self, name: &str) -> &AstValue {
        self.fields
            .iter()
            .find(|(n, _)| *n == name)
            .map_or(&AstValue::None, |(_, v)| v)
    }

    /// The node in field `name` (None when the field holds none).
    pub(crate) fn node(&self, name: &str) -> Option<&AstNode> {
        match self.get(name) {
            AstValue::Node(n) => Some(n),
            _ => None,
        }
    }

    /// The items of a list field (empty when it is not a list).
    pub(crate) fn list(&self, name: &str) -> &[AstValue] {
        match self.get(name) {
            AstValue::List(v) => v,
            _ => &[],
        }
    }

    /// The kind of the node in field `name` (`"Load"` for `ctx`), "" if none.
    pub(crate) fn kind_of(&self, name: &str) -> &'static str {
        self.node(name).map_or("", |n| n.kind)
    }

    pub(crate) fn int(&self, name: &str) -> i64 {
        match self.get(name) {
            AstValue::Int(i) => *i,
            _ => 0,
        }
    }
}

/// A required node field: the VM reports a missing one, a None one is this
/// ValueError (`field 'value' is required for Expr`).
fn required<'n>(n: &'n AstNode, field: &str) -> R<&'n AstNode> {
    match n.node(field) {
        Some(x) => Ok(x),
        None => invalid(format!("field '{field}' is required for {}", n.kind)),
    }
}

/// The node inside a list item (None items are only allowed where the schema says).
fn item(v: &AstValue) -> Option<&AstNode> {
    match v {
        AstValue::Node(n) => Some(n),
        _ => None,
    }
}

/// CPython's check that a list field is not empty (`empty body on If`).
fn nonempty(n: &AstNode, field: &str, what: &str) -> R<()> {
    if n.list(field).is_empty() {
        return invalid(format!("empty {what} on {}", n.kind));
    }
    Ok(())
}
