# Where CPython's parser and tokenizer put a SyntaxError: for each bad source, the
# exception's class, message and span (lineno, offset, end_lineno, end_offset).
# Expected output from CPython 3.11 (3.12+ reword some: "parameter without a default
# follows parameter with a default", and the f-string errors; 3.11 is followed).

def show(src):
    try:
        compile(src, "<src>", "exec")
        print(repr(src), "compiles")
    except SyntaxError as e:
        print(repr(src), type(e).__name__, repr(e.msg),
              (e.lineno, e.offset, e.end_lineno, e.end_offset))


print("-- assignment targets")
for src in [
    "1 = x", "f() = 1", "a < b = 1", "None = 1", "True = 1", "... = 1",
    "x + 1 = 2", "(a, 1) = 2", "[a, b()] = 2", "lambda: 1 = 1",
    "a if b else c = 1", "a and b = 1", "-a = 1", "{a: 1} = 1", "{a} = 1",
    "[x for x in y] = 1", "(x for x in y) = 1", "await x = 1", "f'{x}' = 1",
    "yield = 1", "x = yield = 1", "x = (yield) = 1", "x = 1 = 2",
    "x = [a, b] = c = 2 = d", "a, 1 = 2", "x.y = 1 = 2", "1 = a < b",
    "x = 1 if 2 else 3 = 4", "x = a < b = 1",
    "for 1 in x: pass", "for f() in x: pass", "with a as 1: pass",
]:
    show(src)

print("-- conditions")
for src in ["if x.y = 1: pass", "if x[0] = 1: pass", "while f(x) = 2: pass",
            "if a: pass\nelif b.c = 3: pass"]:
    show(src)

print("-- augmented assignment, del, annotations, walrus")
for src in [
    "x, y += 1", "(a, b) += 1", "[a] += 1", "f() += 1", "1 += 1",
    "del f()", "del 1", "del a + b", "del (a, 1)", "del *x", "del x, 1",
    "x, y: int", "[x]: int", "(x, y): int", "f(): int", "1: int",
    "(a.b := 1)", "(a[0] := 1)",
]:
    show(src)

print("-- calls and comprehensions")
for src in [
    "f(a for a in b, c)", "f(c, a for a in b)", "f(x for x in y, )",
    "f(a=1, b)", "f(a=1, b, c)", "f(**a, b)", "f(**a, *b)", "print(**a, *b)",
    "class A(metaclass=M, 1): pass", "f(a.b=1)", "f(x[0]=1)", "f(1=1)",
    "f(True=1)", "f(a=1=2)", "[x, y for x, y in z]", "[x, y for x in z]",
    "{x, y for x in z}", "x = (*a)", "x = {a: *b}", "x = {a:}", "x = {a: 1, b:}",
]:
    show(src)

print("-- missing commas")
for src in ["x = [1 2]", "x = (a b)", "f(a b)", "x = {1 2}", "x = {1: 2 3: 4}",
            "x = [1, 2 3]", "f(1, 2 3)", "x=[\n1 2]", "x = f(1, (2 3))",
            "print(a b)", "x = 1 2", "def f(a b): pass"]:
    show(src)

print("-- parameters")
for src in [
    "def f(a=1, b): pass", "def f(a: int = 1, b: int): pass",
    "def f(a, b=1, /, c): pass", "lambda a=1, b: 1", "def f(*, **k): pass",
    "lambda *: 1", "def f(**k, a): pass", "def f(*a, *b): pass",
    "def f(a, /, /): pass", "def f(/, a): pass", "def f(*a=1): pass",
    "def f(**a=1): pass", "def f(a, a): pass", "lambda a, a: 1",
]:
    show(src)

print("-- statements")
for src in [
    "if x\n    pass", "def f()\n    pass", "class A\n    pass",
    "for x in y\n    pass", "try:\n    pass\nx = 1", "try:\n    pass\n",
    "from x import a,", "from x import a, b,", "a = 1 if b",
    "x = [i for i in y if i else 2]",
    "try:\n    pass\nexcept* E:\n    pass\nexcept E:\n    pass",
    "return 1", "break", "continue", "await x", "yield 1",
    "class A:\n    return 1", "def f():\n    class A:\n        break",
    "print 'x'", "exec 'x'",
]:
    show(src)
