# Where CPython's SyntaxError points when an operand is missing or doubled: after
# `await`, in a condition written with `=`, and an `if` without `else` before a `:`.
snippets = [
    "await = 1\n",
    "await + 1\n",
    "await -x\n",
    "x = await\n",
    "await x y\n",
    "if x = 1 y:\n    pass\n",
    "while n = 2 m:\n    pass\n",
    "if x = 'a' 'b':\n    pass\n",
    "for x in range(3) if x:\n    pass\n",
    "while a if b:\n    pass\n",
    "x = 1 if 2\n",
    "f(a if b)\n",
]
for src in snippets:
    try:
        compile(src, "<snippet>", "exec")
        print("compiled", repr(src))
    except SyntaxError as e:
        print(repr(src), "|", e.msg, (e.lineno, e.offset, e.end_lineno, e.end_offset))
