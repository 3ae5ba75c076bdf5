# Python 2's print and exec statements: the SyntaxError says which call lacks its
# parentheses and marks the statement, as CPython does; other uses of the names parse.
sources = [
    'print "hello"',
    'print "a", 1  # comment',
    'x = 1; print x',
    'if True:\n    print x + 1\n',
    'exec "code"',
    'print',
    'print = 3\nprint(print)',
    'def f():\n    print f(1), [2]\n',
]
for src in sources:
    try:
        compile(src, "<src>", "exec")
        print(repr(src), "compiles")
    except SyntaxError as e:
        print(repr(src), "->", e.msg, (e.lineno, e.offset, e.end_lineno, e.end_offset))
