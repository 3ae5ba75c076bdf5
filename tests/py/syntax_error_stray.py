# SyntaxErrors CPython's parser reports at a single token where a whole construct is
# wrong: a misplaced star or `not`, names after `import *`, a keyword after an
# import's comma, a generator as a class base, a dict display item with no `:`, a
# second `*`, a `try` with no handler, a `:=` statement with a target not a name.
# Each bad source prints class, message and span. Expected output from CPython 3.11.

def report(src):
    try:
        compile(src, "<stray>", "exec")
        print(repr(src), "compiles")
    except SyntaxError as e:
        print(repr(src), type(e).__name__, repr(e.msg),
              (e.lineno, e.offset, e.end_lineno, e.end_offset))


for src in [
    "v = {**w: 1}", "v = {1: 2, **w: 3}", "v = 1 +* 2", "v = 1 -* w", "v = w ** *u",
    "v = 1 not w", "v = p not q", "v = p in not q", "v = p is not not q",
    "from m import *, n", "from .. import *n", "from m import *n",
    "import m, from n", "import m, n, def", "import m,",
    "class K(v for v in w): pass", "class K(B, v for v in w): pass",
    "v = {p: 1, q}", "v = {p: 1, q, r: 2}", "v = {p: 1, q.r}",
    "v = {p: 1, (q)}", "v = {p}", "v = {p, q: 1}",
    "def f(*, p, *, q): pass", "def f(*p, *q): pass", "lambda *, p, *, q: 1",
    "try:\n    pass\nelse:\n    pass",
    "if v:\n    try:\n        pass\n    else:\n        pass",
    "try:\n    pass\nv = 1",
    "p := 1", "(p) := 1", "(p, q) := 1", "[p] := 1", "p.q := 1", "g() := 1", "v = ((p, q) := 1)",
    "v = (p[0] := 1)", "v = (True := 1)",
]:
    report(src)
