"""The classes of Python's abstract syntax tree (what the `ast` module builds on),
written for weft: each node class is made from one line of `_SPEC` below:

    Name Base | fields | attributes

A field written `f?` is optional and reads as None until set; attribute `@` stands for
the source position (lineno, col_offset, end_lineno, end_col_offset), whose end parts
are optional. `compile(..., PyCF_ONLY_AST)` (so `ast.parse`) fills these classes
from weft's own parser (vm/src/ast_tree.rs), without running `AST.__init__`.
The last lines add Python 3.12's nodes for the `type` statement and type
parameters, which weft parses.
"""

PyCF_ONLY_AST = 1024
PyCF_TYPE_COMMENTS = 4096
PyCF_ALLOW_TOP_LEVEL_AWAIT = 8192


class AST:
    _fields = ()
    _attributes = ()
    __match_args__ = ()

    def __init__(self, *args, **kwargs):
        fields = type(self)._fields
        if len(args) > len(fields):
            raise TypeError("%s constructor takes at most %d positional argument%s" % (
                type(self).__name__, len(fields), "" if len(fields) == 1 else "s"))
        for name, value in zip(fields, args):
            setattr(self, name, value)
        for name, value in kwargs.items():
            setattr(self, name, value)

    def __reduce__(self):
        return type(self), (), dict(self.__dict__) or None


AST.__module__ = "ast"

_POSITION = ("lineno", "col_offset", "end_lineno", "end_col_offset")

_SPEC = """
operator AST
Add operator
boolop AST
And boolop
stmt AST |  | @
AnnAssign stmt | target annotation value? simple | @
Assert stmt | test msg? | @
Assign stmt | targets value type_comment? | @
AsyncFor stmt | target iter body orelse type_comment? | @
AsyncFunctionDef stmt | name args body decorator_list returns? type_comment? | @
AsyncWith stmt | items body type_comment? | @
expr AST |  | @
Attribute expr | value attr ctx | @
AugAssign stmt | target op value | @
Await expr | value | @
BinOp expr | left op right | @
BitAnd operator
BitOr operator
BitXor operator
BoolOp expr | op values | @
Break stmt |  | @
Call expr | func args keywords | @
ClassDef stmt | name bases keywords body decorator_list | @
Compare expr | left ops comparators | @
Constant expr | value kind? | @
Continue stmt |  | @
expr_context AST
Del expr_context
Delete stmt | targets | @
Dict expr | keys values | @
DictComp expr | key value generators | @
Div operator
cmpop AST
Eq cmpop
excepthandler AST |  | @
ExceptHandler excepthandler | type? name? body | @
Expr stmt | value | @
mod AST
Expression mod | body
FloorDiv operator
For stmt | target iter body orelse type_comment? | @
FormattedValue expr | value conversion format_spec? | @
FunctionDef stmt | name args body decorator_list returns? type_comment? | @
FunctionType mod | argtypes returns
GeneratorExp expr | elt generators | @
Global stmt | names | @
Gt cmpop
GtE cmpop
If stmt | test body orelse | @
IfExp expr | test body orelse | @
Import stmt | names | @
ImportFrom stmt | module? names level? | @
In cmpop
Interactive mod | body
unaryop AST
Invert unaryop
Is cmpop
IsNot cmpop
JoinedStr expr | values | @
LShift operator
Lambda expr | args body | @
List expr | elts ctx | @
ListComp expr | elt generators | @
Load expr_context
Lt cmpop
LtE cmpop
MatMult operator
Match stmt | subject cases | @
pattern AST |  | @
MatchAs pattern | pattern? name? | @
MatchClass pattern | cls patterns kwd_attrs kwd_patterns | @
MatchMapping pattern | keys patterns rest? | @
MatchOr pattern | patterns | @
MatchSequence pattern | patterns | @
MatchSingleton pattern | value | @
MatchStar pattern | name? | @
MatchValue pattern | value | @
Mod operator
Module mod | body type_ignores
Mult operator
Name expr | id ctx | @
NamedExpr expr | target value | @
Nonlocal stmt | names | @
Not unaryop
NotEq cmpop
NotIn cmpop
Or boolop
Pass stmt |  | @
Pow operator
RShift operator
Raise stmt | exc? cause? | @
Return stmt | value? | @
Set expr | elts | @
SetComp expr | elt generators | @
Slice expr | lower? upper? step? | @
Starred expr | value ctx | @
Store expr_context
Sub operator
Subscript expr | value slice ctx | @
Try stmt | body handlers orelse finalbody | @
TryStar stmt | body handlers orelse finalbody | @
Tuple expr | elts ctx | @
type_ignore AST
TypeIgnore type_ignore | lineno tag
UAdd unaryop
USub unaryop
UnaryOp expr | op operand | @
While stmt | test body orelse | @
With stmt | items body type_comment? | @
Yield expr | value? | @
YieldFrom expr | value | @
alias AST | name asname? | @
arg AST | arg annotation? type_comment? | @
arguments AST | posonlyargs args vararg? kwonlyargs kw_defaults kwarg? defaults
comprehension AST | target iter ifs is_async
keyword AST | arg? value | @
match_case AST | pattern guard? body
withitem AST | context_expr optional_vars?
type_param AST |  | @
TypeVar type_param | name bound? | @
ParamSpec type_param | name | @
TypeVarTuple type_param | name | @
TypeAlias stmt | name type_params value | @
"""


def _make(line):
    parts = [p.strip() for p in line.split("|")] + ["", ""]
    name, base = parts[0].split()
    fields = parts[1].split()
    attrs = []
    for a in parts[2].split():
        attrs.extend(_POSITION if a == "@" else (a,))
    ns = {"__module__": "ast"}
    names = []
    for f in fields:
        if f.endswith("?"):
            f = f[:-1]
            ns[f] = None
        names.append(f)
    ns["_fields"] = tuple(names)
    ns["__match_args__"] = tuple(names)
    if attrs:
        ns["_attributes"] = tuple(attrs)
        ns["end_lineno"] = None
        ns["end_col_offset"] = None
    globals()[name] = type(name, (globals()[base],), ns)


for _line in _SPEC.strip().splitlines():
    _make(_line)
del _line, _make
