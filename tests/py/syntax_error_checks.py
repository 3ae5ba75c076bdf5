# SyntaxErrors CPython raises after parsing, from its symbol table and compiler: names
# that may not be bound, global/nonlocal misuse, := where it is not allowed, statements
# outside the block they need. Each bad source prints class, message and span.
# Expected output from CPython 3.11 (the spans of the __debug__ checks are 3.11's:
# the statement or expression its compiler was at).

def report(src):
    try:
        compile(src, "<checks>", "exec")
        print(repr(src), "compiles")
    except SyntaxError as e:
        print(repr(src), type(e).__name__, repr(e.msg),
              (e.lineno, e.offset, e.end_lineno, e.end_offset))


print("-- binding __debug__")
for src in [
    "__debug__ = 1", "__debug__ += 1", "del __debug__", "(__debug__ := 1)",
    "__debug__: int", "for __debug__ in x: pass", "with a as __debug__: pass",
    "def f(__debug__): pass", "def f(a, *, b=1, __debug__=2): pass",
    "def f(*__debug__): pass", "def f(**__debug__): pass",
    "lambda __debug__: 1", "y = lambda a, __debug__=1: 1",
    "def __debug__(): pass", "async def __debug__(): pass",
    "class __debug__: pass", "class K(__debug__=1): pass",
    "import __debug__", "import m as __debug__", "from m import __debug__",
    "from m import n as __debug__", "import m.__debug__",
    "g(__debug__=1)", "g(**k, __debug__=1)", "o.__debug__ = 1",
    "o.__debug__ += 1", "del o.__debug__",
    "try:\n    pass\nexcept E as __debug__:\n    pass",
    "[__debug__ for __debug__ in x]",
    "match v:\n    case __debug__: pass",
    "match v:\n    case [*__debug__]: pass",
    "match v:\n    case {**__debug__}: pass",
    "match v:\n    case 1 as __debug__: pass",
    "match v:\n    case P(__debug__=1): pass",
]:
    report(src)

print("-- global and nonlocal")
for src in [
    "nonlocal n",
    "def f():\n    nonlocal n",
    "def f(n):\n    global n",
    "def f(n):\n    print(n)\n    global n",
    "def f():\n    n = 1\n    global n",
    "def f():\n    print(n)\n    global n",
    "def f():\n    n: int\n    global n",
    "def f():\n    global n\n    n: int",
    "def f():\n    global n\n    global n",
    "def f():\n    global n\n    n = 1\n    global n",
    "def f():\n    global n\n    print(n)\n    global n",
    "def f():\n    global n\n    del n\n    global n",
    "global n\nn = 1\nglobal n",
    "def f():\n    nonlocal n\n    global n",
    "def f():\n    n = 1\n    def g():\n        global n\n        nonlocal n",
    "def f(n):\n    n = 1\n    nonlocal n",
    "def f():\n    n = 1\n    def g():\n        n: int\n        nonlocal n",
    "def f():\n    n = 1\n    def g():\n        print(n)\n        nonlocal n",
    "def f():\n    n = 1\n    def g():\n        n = 2\n        nonlocal n",
    "def f():\n    n = 1\n    def g():\n        nonlocal n\n        n = 1\n        nonlocal n",
    "def f():\n    from m import *",
    "class C:\n    from m import *",
]:
    report(src)

print("-- assignment expressions in comprehensions")
for src in [
    "[x for x in (y := 1)]", "[x for x in y for z in (w := 1)]",
    "[x for x in [(y := 1)]]", "{x: 1 for x in (y := 2)}",
    "[x for x in [y for y in (z := 1)]]", "[x for x in (lambda: (z := 1))()]",
    "[x for x in [(z := 1) for y in w]]", "[x for x in y if (z := 1)]",
    "[x for x in y for z in (w for w in (q := 1))]",
    "[(x := 1) for x in y]", "[(j := 0) for i in range(5) for j in range(3)]",
    "[j for i in range(5) for j in range(3) if (i := 0)]",
    "[i for i in range(5) if (j := 0) for j in range(5)]",
    "[[(j := 0) for i in range(5)] for j in range(3)]",
    "class C:\n    [(y := 1) for x in z]",
]:
    report(src)

print("-- outside their block")
for src in [
    "return 1", "yield", "await x", "break", "continue",
    "class C:\n    yield", "class C:\n    await x",
    "def f():\n    for x in y:\n        def g():\n            break",
    "while 1:\n    class C:\n        continue",
    "for x in y: pass\nelse:\n    break",
    "def f():\n    [(yield) for x in y]", "def f():\n    {(yield) for x in y}",
    "def f():\n    {(yield): 1 for x in y}", "def f():\n    ((yield) for x in y)",
    "def f():\n    [(await x) for x in y]", "async def f():\n    x = yield from y",
    "def f(a, b, a): pass", "def f(a, *, a): pass", "lambda a, *a: 1",
]:
    report(src)
