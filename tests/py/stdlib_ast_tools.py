# The helpers of Lib/ast.py over trees from weft's parser: literal_eval (and its
# errors), walk, NodeVisitor, NodeTransformer, unparse round trips, get_docstring,
# increment_lineno, fix_missing_locations, get_source_segment, copy_location.
import ast

for text in ["42", "-3.5", "1+2j", "'s'", "b'b'", "(1, [2, {3: 'x'}], {4, 5})",
             "{'k': (None, True, False)}", "set()", "  7  ", "-(1)", "..."]:
    print(repr(ast.literal_eval(text)))

for text in ["f(1)", "x", "1 + y", "[i for i in a]", "{**a}", "a.b", "2 ** 8"]:
    try:
        ast.literal_eval(text)
    except ValueError as e:
        print("ValueError:", str(e).split(" at 0x")[0])
try:
    ast.literal_eval("1 +")
except SyntaxError as e:
    print("SyntaxError:", e.msg)
print(ast.literal_eval(ast.parse("[1, 2]", mode="eval").body))

SOURCE = '''
"""Module docstring."""
import math

def area(r, *, scale=1):
    """Area of a circle."""
    return math.pi * r ** 2 * scale

class Shape:
    """A shape."""
    sides = 0
    def describe(self):
        return f"{type(self).__name__} with {self.sides} sides"

total = sum(area(r) for r in range(3) if r)
'''

tree = ast.parse(SOURCE)
print(ast.get_docstring(tree))
funcs = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)]
print([f.name for f in funcs], [ast.get_docstring(f) for f in funcs])
print(ast.get_docstring(tree.body[3]), ast.get_docstring(tree.body[3], clean=False))
print(sorted({type(n).__name__ for n in ast.walk(tree)}))


class NameCounter(ast.NodeVisitor):
    def __init__(self):
        self.loads = []
        self.stores = []

    def visit_Name(self, node):
        (self.stores if isinstance(node.ctx, ast.Store) else self.loads).append(node.id)
        self.generic_visit(node)


c = NameCounter()
c.visit(tree)
print(c.loads, c.stores)


class Doubler(ast.NodeTransformer):
    """Doubles integer constants and drops `pass` statements."""

    def visit_Constant(self, node):
        if type(node.value) is int:
            return ast.copy_location(ast.Constant(node.value * 2), node)
        return node

    def visit_Pass(self, node):
        return None


new = Doubler().visit(ast.parse("x = 1 + 2\nif x:\n    pass\n    y = [3, 'a']\n"))
new = ast.fix_missing_locations(new)
print(ast.unparse(new))
ns = {}
exec(ast.unparse(new), ns)
print(ns["x"], ns["y"])

# unparse, and the parse of what it gives dumps the same.
for src in [SOURCE,
            "a = [x for x in y if x > 0]\nb = {k: v for k, v in d.items()}",
            "async def f():\n    async with a as b:\n        await b\n",
            "match p:\n    case [1, *r] if r:\n        pass\n    case {'a': 1, **kw}:\n        pass\n",
            "x = f'{a!r:>{w}} and {b=}'\n",
            "try:\n    pass\nexcept* E:\n    pass\n",
            "lambda a, /, b=1, *c, d, **e: a if b else c",
            "del a[1:2], b.c\nglobal q\nraise X from None"]:
    t = ast.parse(src)
    back = ast.unparse(t)
    print(back)
    print(ast.dump(ast.parse(back)) == ast.dump(t))

# Positions: increment_lineno, get_source_segment, iter_fields / iter_child_nodes.
t = ast.parse("a = 1\nb = a + 2\n")
ast.increment_lineno(t, 10)
print([(n.lineno, n.end_lineno) for n in t.body])
t = ast.parse("value = compute(alpha, beta) * 2")
call = t.body[0].value.left
print(ast.get_source_segment("value = compute(alpha, beta) * 2", call))
print([name for name, _ in ast.iter_fields(call)], [type(n).__name__ for n in ast.iter_child_nodes(call)])

# Building a tree by hand and completing its positions.
mod = ast.Module(body=[ast.Expr(ast.BinOp(ast.Constant(6), ast.Mult(), ast.Constant(7)))], type_ignores=[])
ast.fix_missing_locations(mod)
print(mod.body[0].lineno, mod.body[0].value.col_offset, ast.unparse(mod))
try:
    ast.BinOp(1, 2, 3, 4)
except TypeError as e:
    print("TypeError:", e)
