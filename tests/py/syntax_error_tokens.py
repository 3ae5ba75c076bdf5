# SyntaxErrors CPython's tokenizer raises (numbers, characters, strings, brackets,
# indentation), with their spans: (lineno, offset, end_lineno, end_offset).
# A tokenizer error later in the source wins over an earlier parser error.

def show(src):
    try:
        compile(src, "<src>", "exec")
        print(repr(src), "compiles")
    except SyntaxError as e:
        print(repr(src), type(e).__name__, repr(e.msg),
              (e.lineno, e.offset, e.end_lineno, e.end_offset))


print("-- numbers")
for src in [
    "x = 1abc", "x = 0x", "x = 1_", "x = 1__0", "x = 0b2", "x = 0o8", "x = 1e",
    "x = 1.real", "x = 012", "x = 00012", "x = 0_7", "0777", "09", "0_0_1",
    "0777.5", "09e1", "1_if", "0b12", "0o", "0b", "0_", "00_", "1.e", "1e+",
    "1.5j_", "5jx", "1.__class__", "x = 1if y else 2", "x = 0x1for",
    "x = 1 2\ny = 0b2", "x = 1_000_000", "x = 0xdead_beef",
]:
    show(src)

print("-- characters")
for src in ["x = $", "x = a ? b", "x = \u20ac", "x = a\u00a0+ b", "x = `a`",
            "x = \\ 1", "x = 1 \\ # c"]:
    show(src)

print("-- strings")
for src in [
    "x = 'abc", "x = \"abc\ny = 1", "x = '''abc", "x = \"\"\"abc\ndef",
    "x = b'abc", "x = rb'abc\ny=1", "x='''abc\n", "x='''abc\ny\n\n",
    "x = f'''abc", "x = 'a\\\n", "x = u'a' b'b'", "x = 'a' b'b'",
]:
    show(src)

print("-- brackets")
for src in [
    "print(1))", "x = (1, 2]", "x = [1, 2)", "x = {1: 2)", "x = (1,\ny = 2",
    "x = [1,", "x = {", "x = [1, (2,\n", "x = [1, (2, 3]\n", "f(\n)]",
    "x = [\n1,\n2\n)", "x = (\n1 +\n", "x = ([1, 2)\n",
]:
    show(src)

print("-- indentation")
for src in [
    " x = 1", "\t1", "if x:\npass", "if x:\n    pass\n  y = 1",
    "if x:\n    pass\n        y", "if x:\n    pass\n y",
    "for x in y:\n# c\nz = 1", "def f():\nreturn", "class A:\nx=1",
    "with a:\nx=1", "try:\nx=1", "while 1:\nx=1", "if 1:\n    x\nelif 2:\nx",
    "if 1:\n    x\nelse:\nx", "try:\n    x\nexcept:\nx", "try:\n    x\nfinally:\nx",
    "def f():\n    '''doc'''\n  x", "async def f():\npass",
]:
    show(src)
