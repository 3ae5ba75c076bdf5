# ast.parse on weft's own parser: ast.dump of many statement and expression kinds must
# read as CPython 3.11's, with and without positions.
import ast

SAMPLES = [
    "x = 1",
    "a, *b = c = d",
    "x: list[int] = []\n(y): int",
    "n += 1; m //= 2; k @= j",
    "del a, b[0], c.d",
    "import os.path as p, sys",
    "from .. import a\nfrom .m import (b as c, d)\nfrom x import *",
    "global g\nnonlocal h",
    "assert ok, 'message'",
    "raise\nraise E\nraise E from cause",
    "if a:\n    pass\nelif b:\n    x = 1\nelif c:\n    y = 2\nelse:\n    z = 3",
    "while t:\n    break\nelse:\n    continue",
    "for i, (j, k) in pairs:\n    pass\nelse:\n    stop()",
    "with open(f) as fh, lock:\n    pass",
    "try:\n    a()\nexcept (KeyError, ValueError) as e:\n    pass\nexcept:\n    raise\nelse:\n    b()\nfinally:\n    c()",
    "try:\n    pass\nexcept* OSError as group:\n    pass",
    "@decorator\n@factory(arg, key=1)\ndef f(a, b=2, /, c=3, *rest, d, e=4, **more) -> 'r':\n    '''doc'''\n    return a",
    "async def co():\n    async with s as t:\n        await t\n    async for x in y:\n        yield x\n    return [z async for z in w]",
    "class K(Base, metaclass=Meta, **extra):\n    attr: int = 0\n    def m(self): return super().m()",
    "lambda: 0\nlambda x, /, y=1, *a, k, **kw: (x, y)",
    "[x * 2 for x in xs if x if not x]\n{k: v for k, v in items}\n{s for s in t}\n(g for g in h)",
    "f(a, *b, c=d, **e)\nf(x for x in y)",
    "a if b else c\n(n := 10)\nnot a and b or c",
    "a < b <= c == d != e > f >= g is h is not i in j not in k",
    "-a + +b - ~c * d / e // f % g ** h << i >> j & k | l ^ m @ n",
    "x[1], x[1:2], x[::3], x[1:2, 3], x[...]",
    "'s' 'tr'\nu'uni'\nb'by' b'tes'\nr'raw\\n'\n12_000\n0x1f\n1.5e3\n3j\n10**100\nNone, True, False, ...",
    "f'plain'\nf'{x}'\nf'a{b!r}c{d:>10}e{g!s:{w}.{p}}'\nf'{x=}'\nf'{x=:>4}'\nf'{x!a}' 'tail' f'{y}'",
    "{}\n{'a': 1, **rest}\n[*a, *b]\n{*s}\n()\n(1,)",
    "match command:\n    case [x, y, *rest]:\n        pass\n    case {'k': v, **kw}:\n        pass\n    case Point(1, y=2) | Point(x=0):\n        pass\n    case str() as s if s:\n        pass\n    case None | True | -1 | 1+2j:\n        pass\n    case (a, b) | [a, b]:\n        pass\n    case _:\n        pass",
    "yield\nyield x\nx = yield from y\nawait z",
    "print('héllo', 'ünïcode')  # comment",
]

for src in SAMPLES:
    tree = ast.parse(src)
    print(ast.dump(tree))
    print(ast.dump(tree, include_attributes=True))

print(ast.dump(ast.parse("x * 2", mode="eval"), indent=2))
print(ast.dump(ast.parse("x = 1; print(x)", mode="single")))
print(ast.dump(ast.parse("def f(a):\n    return a\n"), indent="  "))
print(ast.dump(ast.parse("x"), annotate_fields=False))

# Node classes and their shape.
tree = ast.parse("value = f(1)")
assign = tree.body[0]
print(type(tree).__name__, type(assign).__name__, assign._fields, assign._attributes)
print(isinstance(assign, ast.stmt), isinstance(assign.value, ast.expr), isinstance(tree, ast.AST))
print(assign.lineno, assign.col_offset, assign.end_lineno, assign.end_col_offset)
print(type(assign.targets[0].ctx).__name__, type(assign.value.func.ctx).__name__)
print(ast.Constant.__module__, ast.Name._fields, ast.Name.__match_args__)

# Syntax errors carry CPython's location.
for bad in ["x = (1,", "def f(:\n  pass", "a b"]:
    try:
        ast.parse(bad, filename="bad.py")
    except SyntaxError as e:
        print("SyntaxError", e.filename, e.lineno)

# compile() with PyCF_ONLY_AST directly, and on a tree already made.
t = compile("a + b", "<s>", "eval", ast.PyCF_ONLY_AST)
print(type(t).__name__, compile(t, "<s>", "eval", ast.PyCF_ONLY_AST) is t)
