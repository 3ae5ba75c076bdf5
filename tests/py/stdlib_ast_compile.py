# compile() of ast trees: every statement and expression kind goes through
# ast.parse -> NodeTransformer -> compile -> exec, and the results are printed;
# then hand-built trees, fix_missing_locations, modes, and the errors that bad
# trees raise (TypeError / ValueError / SyntaxError with CPython's messages).
import ast
import asyncio
import re

PROGRAM = '''
import math as m
from os import path as p, sep
log = []
def gen(n):
    total = yield n
    yield from range(n, n + 2)
async def agen():
    yield 5
async def co(k):
    await asyncio.sleep(0)
    out = []
    async for v in agen():
        out.append(v + k)
    async with Mgr("a") as got:
        out.append(got)
    return out + [u async for u in agen()]
class Mgr:
    def __init__(self, tag): self.tag = tag
    def __enter__(self): log.append("enter " + self.tag); return self.tag
    def __exit__(self, *exc): log.append("exit " + self.tag); return False
    async def __aenter__(self): return self.tag * 2
    async def __aexit__(self, *exc): return False
class Point:
    __match_args__ = ("x", "y")
    def __init__(self, x, y): self.x, self.y = x, y
def classify(v):
    match v:
        case 0 | 1:
            return "small"
        case None:
            return "none"
        case [a, *rest]:
            return f"seq {a} {rest}"
        case {"k": kv, **others}:
            return f"map {kv} {others}"
        case Point(x=0, y=yy) as pt:
            return f"point on axis {yy} {type(pt).__name__}"
        case Point(xx, 2):
            return f"point {xx}"
        case str() if len(v) > 3:
            return "long str"
        case m.pi:
            return "pi"
        case _:
            return "other"
counter = 0
def bump():
    global counter
    counter += 3
def outer():
    x = 1
    def inner():
        nonlocal x
        x = x * 7
    inner()
    return x
def f(a, b=2, /, c=3, *args, d, e=4, **kw) -> int:
    return a + b + c + d + e + len(args) + len(kw)
x = 10
y: int = 20
z: list
x += 1
x -= 2; x *= 3; x //= 2; x %= 100; x **= 2; x <<= 1; x >>= 1; x |= 8; x &= 255; x ^= 3
q = [1, 2, 3, 4, 5]
q[1:4:2] = [20, 40]
del q[0]
s = {1, 2, 2}
d = {"a": 1, **{"b": 2}}
while x > 100:
    x = x // 3
    if x == 0:
        break
    elif x % 2:
        continue
else:
    log.append("while done")
for i in range(3):
    if i == 1:
        continue
    log.append(i)
else:
    log.append("for done")
try:
    raise ValueError("bad") from None
except (ValueError, TypeError) as err:
    log.append(str(err))
else:
    log.append("no")
finally:
    log.append("finally")
try:
    raise ExceptionGroup("g", [KeyError(1), OSError(2)])
except* KeyError as eg:
    log.append(len(eg.exceptions))
except* OSError:
    log.append("os")
with Mgr("w") as tag, Mgr("v"):
    log.append(tag)
assert x > 0, "positive"
bump()
log.append((x, y, q, s, d, counter, outer()))
log.append(f(1, c=5, d=6) if True else None)
log.append(f(1, 2, 3, 4, 5, d=1, extra=2))
log.append([classify(v) for v in (0, None, [1, 2, 3], {"k": 1, "j": 2}, Point(0, 9), Point(7, 2), "hello", m.pi, 2.5)])
g = gen(4)
log.append([next(g), g.send(9), next(g)])
log.append(asyncio.run(co(1)))
log.append({k: v for k, v in zip("ab", range(2)) if v >= 0})
log.append({n % 3 for n in range(10)})
log.append(sum(n * n for n in range(5) if n % 2 for _ in range(2)))
log.append((lambda a, *, b=1: a - b)(5, b=2))
log.append(not x or (x and -x) or ~x or +x)
log.append(1 < x <= 1000 != 5 and x is not None and 3 in q and 7 not in q)
log.append((w := 42, w + 1))
log.append(f"{x!r:>8}|{y!s}|{'q'!a}|{3.14159:.{2}f}|{x=}")
log.append(b"bytes" + bytes([5]))
log.append((1, 2.5, 3j, -4, ..., True, "s")[::-1])
log.append(q[-1] @ 1 if hasattr(q[-1], "__matmul__") else 7 / 2)
log.append((*q, *"ab"))
log.append(p.join("a", "b") == "a" + sep + "b")
'''


class Renumber(ast.NodeTransformer):
    """Adds 1000 to every int literal above 5 except in match patterns, and renames `counter`."""
    def visit_MatchValue(self, node):
        return node

    def visit_Constant(self, node):
        if type(node.value) is int and node.value > 5:
            return ast.copy_location(ast.Constant(node.value + 1000), node)
        return node

    def visit_Name(self, node):
        if node.id == "counter":
            node.id = "tally"
        return node

    def visit_Global(self, node):
        node.names = ["tally" if n == "counter" else n for n in node.names]
        return node


def run(tree, label):
    ns = {"asyncio": asyncio, "__name__": "prog"}
    exec(compile(tree, "<" + label + ">", "exec"), ns)
    for item in ns["log"]:
        print(label, item)


run(ast.parse(PROGRAM), "plain")
run(Renumber().visit(ast.parse(PROGRAM)), "renumbered")

# Code from a tree matches code from the source.
def same_code(a, b):
    if a.co_names != b.co_names or a.co_varnames != b.co_varnames:
        return False
    ca = [c for c in a.co_consts if not hasattr(c, "co_code")]
    cb = [c for c in b.co_consts if not hasattr(c, "co_code")]
    if ca != cb:
        return False
    subs = zip([c for c in a.co_consts if hasattr(c, "co_code")],
               [c for c in b.co_consts if hasattr(c, "co_code")])
    return all(same_code(p, q) for p, q in subs)

import json.decoder, textwrap, dataclasses, shlex, fnmatch
for mod in (json.decoder, textwrap, dataclasses, shlex, fnmatch):
    with open(mod.__file__) as fh:
        text = fh.read()
    print(mod.__name__, same_code(compile(text, mod.__file__, "exec"),
                                  compile(ast.parse(text), mod.__file__, "exec")))

# A tree built by hand, positions filled in by fix_missing_locations.
call = ast.Call(func=ast.Name("print", ast.Load()),
                args=[ast.BinOp(ast.Constant(6), ast.Mult(), ast.Constant(7))],
                keywords=[ast.keyword("sep", ast.Constant("-"))])
tree = ast.fix_missing_locations(ast.Module([ast.Expr(call)], type_ignores=[]))
exec(compile(tree, "<built>", "exec"))
print(eval(compile(ast.Expression(ast.fix_missing_locations(
    ast.BinOp(ast.Constant(2), ast.Pow(), ast.Constant(10)))), "<e>", "eval")))
print(eval(compile(ast.parse("[i * 2 for i in range(4)]", mode="eval"), "<e>", "eval")))
exec(compile(ast.parse("1 + 1; 'shown'", mode="single"), "<s>", "single"))

# Positions come from the nodes: moved lines show in tracebacks and line numbers.
moved = ast.parse("a = 1\nraise KeyError(a)\n")
ast.increment_lineno(moved, 40)
try:
    exec(compile(moved, "<moved>", "exec"))
except KeyError as e:
    print("raised at line", e.__traceback__.tb_next.tb_lineno)
code = compile(ast.parse("def g():\n    return 1\n"), "<lines>", "exec")
print([c.co_firstlineno for c in code.co_consts if hasattr(c, "co_code")])

# Constants of every kind a tree may hold.
for value in (None, True, ..., -5, 2 ** 70, -2 ** 70, -0.0, 1.5e300, 2j, "text", "\ud800 lone", b"raw", (1, ("a", None))):
    expr = ast.fix_missing_locations(ast.Expression(ast.Constant(value)))
    got = eval(compile(expr, "<c>", "eval"))
    print(repr(got), got == value)

# Bad trees.
L = dict(lineno=1, col_offset=0)
def mod(*body):
    return ast.Module(body=list(body), type_ignores=[])
def expr_stmt(e):
    return ast.Expr(e, **L)
def name(n, ctx=None):
    return ast.Name(n, ctx or ast.Load(), **L)
def one(n):
    return ast.Constant(n, **L)
bad = [
    (mod(expr_stmt(ast.Pass(**L))), "exec"),
    (mod(ast.Expr(value=name("x"))), "exec"),
    (mod(ast.Expr(**L)), "exec"),
    (mod(ast.Expr(value=None, **L)), "exec"),
    (ast.Module(body=ast.Pass(), type_ignores=[]), "exec"),
    (mod(expr_stmt(ast.Name(5, ast.Load(), **L))), "exec"),
    (mod(expr_stmt(name("x", ast.Store()))), "exec"),
    (mod(expr_stmt(ast.Constant([1], **L))), "exec"),
    (mod(expr_stmt(ast.Name("x", **L))), "exec"),
    (mod(expr_stmt(name("None"))), "exec"),
    (mod(ast.ImportFrom("x", [ast.alias("y", **L)], "a", **L)), "exec"),
    (mod(ast.ImportFrom("x", [ast.alias("y", **L)], -1, **L)), "exec"),
    (mod(ast.FunctionDef("f", ast.arguments([], [], None, [], [], None, []), [], [], **L)), "exec"),
    (mod(), "eval"),
    (ast.Expression(body=one(1)), "exec"),
    (mod(expr_stmt(ast.Compare(one(1), [], [], **L))), "exec"),
    (mod(expr_stmt(ast.Compare(one(1), [ast.Lt()], [], **L))), "exec"),
    (mod(expr_stmt(ast.BoolOp(ast.And(), [one(1)], **L))), "exec"),
    (mod(expr_stmt(ast.Constant(1, lineno=1))), "exec"),
    (mod(ast.Delete([], **L)), "exec"),
    (mod(expr_stmt(ast.BinOp(one(1), ast.Load(), one(1), **L))), "exec"),
    (mod(ast.Assign([name("x")], one(1), **L)), "exec"),
    (mod(ast.Assign([ast.Call(name("f"), [], [], **L)], one(1), **L)), "exec"),
    (mod(expr_stmt(ast.Starred(name("x"), ast.Load(), **L))), "exec"),
    (mod(ast.Return(one(1), **L)), "exec"),
    (mod(ast.Break(**L)), "exec"),
    (mod(ast.Nonlocal(["x"], **L)), "exec"),
    (mod(ast.If(one(1), [], [], **L)), "exec"),
    (mod(ast.Try([ast.Pass(**L)], [], [], [], **L)), "exec"),
    (mod(ast.Raise(None, one(1), **L)), "exec"),
    (mod(expr_stmt(ast.Dict([one(1)], [], **L))), "exec"),
    (mod(expr_stmt(ast.ListComp(one(1), [], **L))), "exec"),
    (mod(expr_stmt(ast.Lambda(ast.arguments([], [], None, [], [], None, [one(1)]), one(1), **L))), "exec"),
    (mod(expr_stmt(ast.Lambda(ast.arguments([], [], None, [ast.arg("k", **L)], [], None, []), one(1), **L))), "exec"),
    (mod(expr_stmt(ast.Call(name("f"), [], [ast.keyword("k", one(1))], **L))), "exec"),
    (mod(expr_stmt(ast.Attribute(name("x"), 3, ast.Load(), **L))), "exec"),
    (mod(ast.With([], [ast.Pass(**L)], **L)), "exec"),
    (mod(ast.Import([], **L)), "exec"),
    (mod(expr_stmt(ast.FormattedValue(one(1), 7, None, **L))), "exec"),
    (ast.Interactive([expr_stmt(one(1))]), "exec"),
    ("not a tree", "exec"),
]
for tree, mode in bad:
    try:
        compile(tree, "<bad>", mode)
        print("compiled")
    except (TypeError, ValueError, SyntaxError, SystemError) as e:
        print(type(e).__name__, re.sub(" at 0x[0-9a-f]+", "", str(e)))
