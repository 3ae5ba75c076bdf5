# What PEP 695 syntax does not allow, with CPython's messages.
# The .exp was produced by CPython 3.13 (~/.pyenv/versions/3.13.0/bin/python3).
sources = [
    "def f[T: (yield)](): pass",
    "def f[T: (int, (yield))](): pass",
    "def f[T = (yield)](): pass",
    "def f[**P = (yield)](): pass",
    "def f[*Ts = (yield)](): pass",
    "type X = (yield)",
    "type X = (y := 1)",
    "type X[T: (x := 1)] = T",
    "async def g():\n    def f[T: (await x)](): pass",
    "class C[T]((yield)): pass",
    "class C[T](x=(yield)): pass",
    "def f[T, T](): pass",
    "class C[T]: nonlocal T",
    "def f():\n    def g[T](): nonlocal T",
    "def f[T]():\n    def g():\n        nonlocal T",
    "type X = lambda: (yield)",
    "def f[T](): yield T",
    "class A:\n    type X[T] = [T for _ in range(3)]",
]
for src in sources:
    try:
        compile(src, "<test>", "exec")
        print("ok:", src.splitlines()[-1].strip())
    except SyntaxError as e:
        print("SyntaxError:", e.msg)
