# SyntaxError hints as CPython gives them: Python 2's print and exec statements (which
# call lacks its parentheses, the statement marked), and `=` where a condition wants
# `==` or `:=` (the name through the value marked). Other uses of the names parse.
sources = [
    'print "hello"',
    'print "a", 1  # comment',
    'x = 1; print x',
    'if True:\n    print x + 1\n',
    'exec "code"',
    'print',
    'print = 3\nprint(print)',
    'def f():\n    print f(1), [2]\n',
    'if x = 1: pass',
    'while y = f(2):\n    pass\n',
    'if x = 1 and y: pass',
    'if a: pass\nelif b = [1, 2][0]: pass',
    'if (x = 1): pass',
    'assert x = 1',
    'if x == 1: pass',
]
for src in sources:
    try:
        compile(src, "<src>", "exec")
        print(repr(src), "compiles")
    except SyntaxError as e:
        print(repr(src), "->", e.msg, (e.lineno, e.offset, e.end_lineno, e.end_offset))
