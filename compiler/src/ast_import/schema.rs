//! The shape `compile()` expects of an `_ast` tree: for each node class, its abstract
//! base and the type of each field (Python's ASDL grammar for 3.11, plus 3.12's type
//! parameters). The VM reads Python objects by this table, so a wrong node type or a
//! missing field is reported with CPython's message before any conversion runs.

use std::collections::HashMap;
use std::sync::OnceLock;

/// How many values a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arity {
    One,
    Optional,
    List,
}

/// A field: its name, the type it holds (a node base such as `expr`, a product node
/// such as `arguments`, or one of the leaf types `identifier`, `int`, `string`,
/// `constant`) and its arity.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub ty: &'static str,
    pub arity: Arity,
}

/// A node class: its name, the abstract type it belongs to (itself for the product
/// types `arguments`, `arg`, ...) and its fields in `_fields` order.
#[derive(Debug)]
pub struct Kind {
    pub name: &'static str,
    pub base: &'static str,
    pub fields: Vec<Field>,
}

/// `Name base | field:type ...`; `?` marks an optional field, `*` a list. The types
/// that carry a position (`lineno`, `col_offset` required, the ends optional) are
/// listed in [`POSITIONED`].
const SPEC: &str = "
Module mod | body:stmt* type_ignores:type_ignore*
Interactive mod | body:stmt*
Expression mod | body:expr
FunctionType mod | argtypes:expr* returns:expr
FunctionDef stmt | name:identifier args:arguments body:stmt* decorator_list:expr* returns:expr? type_comment:string? type_params:type_param*
AsyncFunctionDef stmt | name:identifier args:arguments body:stmt* decorator_list:expr* returns:expr? type_comment:string? type_params:type_param*
ClassDef stmt | name:identifier bases:expr* keywords:keyword* body:stmt* decorator_list:expr* type_params:type_param*
Return stmt | value:expr?
Delete stmt | targets:expr*
Assign stmt | targets:expr* value:expr type_comment:string?
TypeAlias stmt | name:expr type_params:type_param* value:expr
AugAssign stmt | target:expr op:operator value:expr
AnnAssign stmt | target:expr annotation:expr value:expr? simple:int
For stmt | target:expr iter:expr body:stmt* orelse:stmt* type_comment:string?
AsyncFor stmt | target:expr iter:expr body:stmt* orelse:stmt* type_comment:string?
While stmt | test:expr body:stmt* orelse:stmt*
If stmt | test:expr body:stmt* orelse:stmt*
With stmt | items:withitem* body:stmt* type_comment:string?
AsyncWith stmt | items:withitem* body:stmt* type_comment:string?
Match stmt | subject:expr cases:match_case*
Raise stmt | exc:expr? cause:expr?
Try stmt | body:stmt* handlers:excepthandler* orelse:stmt* finalbody:stmt*
TryStar stmt | body:stmt* handlers:excepthandler* orelse:stmt* finalbody:stmt*
Assert stmt | test:expr msg:expr?
Import stmt | names:alias*
ImportFrom stmt | module:identifier? names:alias* level:int?
Global stmt | names:identifier*
Nonlocal stmt | names:identifier*
Expr stmt | value:expr
Pass stmt |
Break stmt |
Continue stmt |
BoolOp expr | op:boolop values:expr*
NamedExpr expr | target:expr value:expr
BinOp expr | left:expr op:operator right:expr
UnaryOp expr | op:unaryop operand:expr
Lambda expr | args:arguments body:expr
IfExp expr | test:expr body:expr orelse:expr
Dict expr | keys:expr?* values:expr*
Set expr | elts:expr*
ListComp expr | elt:expr generators:comprehension*
SetComp expr | elt:expr generators:comprehension*
DictComp expr | key:expr value:expr generators:comprehension*
GeneratorExp expr | elt:expr generators:comprehension*
Await expr | value:expr
Yield expr | value:expr?
YieldFrom expr | value:expr
Compare expr | left:expr ops:cmpop* comparators:expr*
Call expr | func:expr args:expr* keywords:keyword*
FormattedValue expr | value:expr conversion:int format_spec:expr?
JoinedStr expr | values:expr*
Constant expr | value:constant kind:string?
Attribute expr | value:expr attr:identifier ctx:expr_context
Subscript expr | value:expr slice:expr ctx:expr_context
Starred expr | value:expr ctx:expr_context
Name expr | id:identifier ctx:expr_context
List expr | elts:expr* ctx:expr_context
Tuple expr | elts:expr* ctx:expr_context
Slice expr | lower:expr? upper:expr? step:expr?
Load expr_context |
Store expr_context |
Del expr_context |
And boolop |
Or boolop |
Add operator |
Sub operator |
Mult operator |
MatMult operator |
Div operator |
Mod operator |
Pow operator |
LShift operator |
RShift operator |
BitOr operator |
BitXor operator |
BitAnd operator |
FloorDiv operator |
Invert unaryop |
Not unaryop |
UAdd unaryop |
USub unaryop |
Eq cmpop |
NotEq cmpop |
Lt cmpop |
LtE cmpop |
Gt cmpop |
GtE cmpop |
Is cmpop |
IsNot cmpop |
In cmpop |
NotIn cmpop |
comprehension comprehension | target:expr iter:expr ifs:expr* is_async:int
ExceptHandler excepthandler | type:expr? name:identifier? body:stmt*
arguments arguments | posonlyargs:arg* args:arg* vararg:arg? kwonlyargs:arg* kw_defaults:expr?* kwarg:arg? defaults:expr*
arg arg | arg:identifier annotation:expr? type_comment:string?
keyword keyword | arg:identifier? value:expr
alias alias | name:identifier asname:identifier?
withitem withitem | context_expr:expr optional_vars:expr?
match_case match_case | pattern:pattern guard:expr? body:stmt*
MatchValue pattern | value:expr
MatchSingleton pattern | value:constant
MatchSequence pattern | patterns:pattern*
MatchMapping pattern | keys:expr* patterns:pattern* rest:identifier?
MatchClass pattern | cls:expr patterns:pattern* kwd_attrs:identifier* kwd_patterns:pattern*
MatchStar pattern | name:identifier?
MatchAs pattern | pattern:pattern? name:identifier?
MatchOr pattern | patterns:pattern*
TypeIgnore type_ignore | lineno:int tag:string
TypeVar type_param | name:identifier bound:expr?
ParamSpec type_param | name:identifier
TypeVarTuple type_param | name:identifier
";

/// The types whose nodes carry a source position.
pub const POSITIONED: &[&str] = &[
    "stmt",
    "expr",
    "excepthandler",
    "pattern",
    "type_param",
    "arg",
    "keyword",
    "alias",
];

/// Fields that are lists of optional items (`Dict.keys`, `arguments.kw_defaults`) are
/// written `type?*`; for them `arity` is `List` and this says the items may be None.
pub fn items_optional(f: &Field) -> bool {
    f.ty.ends_with('?')
}

/// The node type a field's items are checked against (`expr` for `expr?*`).
pub fn item_type(f: &Field) -> &'static str {
    f.ty.trim_end_matches('?')
}

/// Fields added after 3.11 (`type_params`): a tree made for 3.11 lacks them, and
/// their absence reads as an empty list.
pub fn newer_field(f: &Field) -> bool {
    f.name == "type_params"
}

struct Table {
    kinds: Vec<Kind>,
    by_name: HashMap<&'static str, usize>,
}

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        let kinds: Vec<Kind> = SPEC
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(parse_line)
            .collect();
        let by_name = kinds.iter().enumerate().map(|(i, k)| (k.name, i)).collect();
        Table { kinds, by_name }
    })
}

fn parse_line(line: &'static str) -> Kind {
    let (head, fields) = line.split_once('|').unwrap_or((line, ""));
    let mut head = head.split_whitespace();
    let name = head.next().unwrap_or("");
    let base = head.next().unwrap_or(name);
    let fields = fields
        .split_whitespace()
        .map(|f| {
            let (name, ty) = f.split_once(':').unwrap_or((f, "expr"));
            let (ty, arity) = if let Some(t) = ty.strip_suffix('*') {
                (t, Arity::List)
            } else if let Some(t) = ty.strip_suffix('?') {
                (t, Arity::Optional)
            } else {
                (ty, Arity::One)
            };
            Field { name, ty, arity }
        })
        .collect();
    Kind { name, base, fields }
}

/// The node class named `name`.
pub fn kind(name: &str) -> Option<&'static Kind> {
    let t = table();
    t.by_name.get(name).map(|&i| &t.kinds[i])
}

/// The concrete classes of an abstract type (`expr` → `BoolOp`, `NamedExpr`, ...), or
/// the product type itself.
pub fn kinds_of(base: &str) -> impl Iterator<Item = &'static Kind> {
    table().kinds.iter().filter(move |k| k.base == base)
}

/// Whether the type `ty` is a node type (as opposed to a leaf such as `identifier`).
pub fn is_node_type(ty: &str) -> bool {
    !matches!(ty, "identifier" | "int" | "string" | "constant")
}
