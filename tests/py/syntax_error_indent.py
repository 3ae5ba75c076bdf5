# Indentation errors from CPython's tokenizer: a line whose indentation means one thing
# with tabs 8 columns wide and another with tabs 1 column wide (TabError), dedents to a
# column no block used, unexpected indents. Each bad source prints class, message and
# span. Expected output from CPython 3.11.

def report(src):
    try:
        compile(src, "<indent>", "exec")
        print(repr(src), "compiles")
    except SyntaxError as e:
        print(repr(src), type(e).__name__, repr(e.msg),
              (e.lineno, e.offset, e.end_lineno, e.end_offset))


T = "\t"
print("-- tabs against spaces")
for src in [
    "if a:\n" + T + "if b:\n        c = 1",
    "if a:\n" + T + "b = 1\n        c = 1",
    "if a:\n        b = 1\n" + T + "c = 1",
    "if a:\n    " + T + "b = 1\n" + T + "    c = 1",
    "if a:\n  b = 1\n" + T + "c = 1",
    "if a:\n" + T + "b = 1\n  c = 1",
    "def f(a):\n  " + T + "pass\n        b",
    "def f():\n" + T + "if a:\n" + T + T + "pass\n" + T + "        pass",
    "if a:\n" + T + "b = 1\n" + T + "c = 1",
    "if a:\n        b = 1\n        c = 1",
    "if a:\n" + T + "b = (1,\n        2)\n" + T + "c = 1",
    "if a:\n" + T + "b = 1\n        # a comment\n" + T + "c = 1",
    "if a:\n" + T + "s = '''\n        text'''\n" + T + "c = 1",
    "if a:\n" + T + "if b:\n" + T + T + "c = 1\n" + T + "d = 1\n        e = 1",
    "if a:\n" + T + "b = 1\n\x0c        c = 1",
]:
    report(src)

print("-- other indentation errors")
for src in [
    " a = 1", "if a:\nb = 1", "if a:\n    b = 1\n  c = 1",
    "if a:\n        b\n    c", "if a:\n    b\n        c",
    "if a:\n" + T + "b\n" + T + " c",
    "for a in b:\n    pass\n  else:\n    pass",
]:
    report(src)
