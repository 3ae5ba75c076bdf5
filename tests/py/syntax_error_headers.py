# SyntaxErrors in compound statement headers (a stray token where the colon should
# be: CPython expects ':' only after a header that ends at a fixed token) and in
# comprehensions (unpacking in the element). Each bad source prints class, message
# and span. Expected output from CPython 3.11.

def report(src):
    try:
        compile(src, "<headers>", "exec")
        print(repr(src), "compiles")
    except SyntaxError as e:
        print(repr(src), type(e).__name__, repr(e.msg),
              (e.lineno, e.offset, e.end_lineno, e.end_offset))


print("-- a token before the colon")
for src in [
    "for v in w q: pass", "for v in w.u q: pass", "for v in w, u q: pass",
    "if v w: pass", "if v.w u: pass", "if v(1) 2: pass", "while v w: pass",
    "while (v) w: pass", "if v: pass\nelif w u: pass", "class K q: pass",
    "class K(B) q: pass", "match v w:\n    case 1: pass", "with v w: pass",
    "with v as w u: pass", "try:\n    pass\nexcept E q: pass",
    "try:\n    pass\nexcept E as F.G:\n    pass",
    "try:\n    pass\nexcept E as F G:\n    pass",
    "def f() q: pass", "def f() -> int q: pass", "try q: pass",
    "try:\n    pass\nfinally q: pass", "if v: pass\nelse q: pass",
    "lambda v w: 1",
]:
    report(src)

print("-- a header without its colon")
for src in ["for v in w\n    pass", "if v\n    pass", "while v\n    pass",
            "class K\n    pass", "def f()\n    pass",
            "try:\n    pass\nexcept E\n    pass",
            "try:\n    pass\nexcept*:\n    pass"]:
    report(src)

print("-- unpacking in comprehensions")
for src in ["[*v for v in w]", "{*v for v in w}", "f(*v for v in w)",
            "print(*v for v in w)", "{**v for v in w}", "(*v for v in w)",
            "[*v, u for v in w]"]:
    report(src)
