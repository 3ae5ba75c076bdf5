# compile(), code objects, syntax errors and argument errors of exec/eval/compile
c = compile("a + 1", "<calc>", "eval")
print(type(c).__name__, c.co_name, c.co_filename, c.co_firstlineno)
print(eval(c, {"a": 41}), eval(c, {}, {"a": 1}))
loop = compile("for i in range(3):\n    total = total + i\n", "loop.py", "exec")
ns = {"total": 0}
exec(loop, ns)
exec(loop, ns)
print(ns["total"], exec(loop, ns), ns["total"])
print(repr(compile("", "empty.py", "exec")).startswith("<code object <module> at 0x"))
print(compile(b"1", b"bytes-name", "eval").co_filename)
print(type(hash(c)).__name__, c == c)

# 'single' prints the values of expression statements
exec(compile("1 + 1", "<s>", "single"))
exec(compile("None", "<s>", "single"))
exec(compile("w = 5; w * 2", "<s>", "single"))
exec(compile("if True:\n    'inside if'\n", "<s>", "single"))
exec(compile("for v in (1, 2): v\n", "<s>", "single"))

# keyword arguments
print(eval(compile(source="3 * 3", filename="<kw>", mode="eval")))
print(eval(compile("4", "<f>", "eval", 0, False, -1)))
print(eval(compile("5", "<f>", "eval", dont_inherit=True, optimize=2)))


# code object attributes
def sample(p, q=1, *rest, kw, **extra):
    local_var = p

    def inner():
        return local_var

    return inner


co = sample.__code__
print(co.co_name, co.co_argcount, co.co_kwonlyargcount, co.co_posonlyargcount)
print(co.co_varnames, co.co_cellvars, co.co_nlocals)
print(sample(1, kw=2).__code__.co_freevars, co.co_flags & 0x0F)


def posonly(a, b, /, c):
    pass


print(posonly.__code__.co_posonlyargcount, posonly.__code__.co_argcount)


def gen():
    yield


print(bool(gen.__code__.co_flags & 0x20), bool(co.co_flags & 0x20))
mod = compile("x = 1\ndef f():\n    pass\n", "m.py", "exec")
print(mod.co_name, mod.co_flags & 0x3, mod.co_firstlineno, "x" in mod.co_names)
print(type(mod.co_consts).__name__, any(type(k).__name__ == "code" for k in mod.co_consts))
fcode = [k for k in mod.co_consts if type(k).__name__ == "code"][0]
print(fcode.co_name, fcode.co_firstlineno, fcode.co_filename)
print(repr(fcode).startswith("<code object f at 0x") and repr(fcode).endswith('file "m.py", line 2>'))


# syntax errors: message, line, column, text, file name
def show(src, mode="exec", text=True):
    try:
        compile(src, "<string>", mode)
        print(repr(src), "compiled")
    except SyntaxError as e:
        extra = (repr(e.text),) if text else ()
        print(type(e).__name__, e.msg, e.lineno, e.offset, e.filename, *extra)


show("[1,,]", "eval")
show("x = 1", "eval")
show("def f(:\n    pass")
show("a b")
show("return 5")
show("yield 5")
show("\n\nfor x in:\n  pass\n")
show("x.1")
show("1 = x")
show("del f()")
show("break")
show("nonlocal x")
show("if 1:\npass")
show("def f(a, b, a): pass")
show("x = (1,", text=False)
show("x = 'abc", text=False)
show("x=1\ny=2", "single")
show("x = 1\n\n", "single")

for src, mode in [("a b", exec), ("1 +* 2", eval)]:
    try:
        mode(src)
    except SyntaxError as e:
        print(e.msg, e.lineno, e.offset, e.filename, repr(e.text))
        print(str(e))

try:
    exec("def f():\n    return 1\n  x = 2\n")
except IndentationError as e:
    print(type(e).__name__, e.msg, e.lineno)
try:
    exec("\0")
except (SyntaxError, ValueError):
    print("null byte rejected")
e = SyntaxError("plain message")
print(str(e), e.lineno, e.filename)
e = SyntaxError("with details", ("some/dir/file.py", 3, 4, "bad line\n"))
print(str(e), e.lineno, e.offset, repr(e.text), e.filename)


# argument errors
def err(f):
    try:
        f()
    except (TypeError, ValueError) as e:
        print(type(e).__name__ + ":", e)


err(lambda: exec(42))
err(lambda: eval(42))
err(lambda: compile(42, "f", "exec"))
err(lambda: exec("1", "not a dict"))
err(lambda: exec("1", {}, 5))
err(lambda: eval("1", 5))
err(lambda: eval("1", {}, 5))
err(lambda: eval("1", [1]))
err(lambda: compile("1", "f", "nope"))
err(lambda: compile("1", "f", 3))
err(lambda: compile("1", 3, "exec"))
err(lambda: compile("1", "f", "exec", optimize=7))
err(lambda: compile("1", "f", "exec", flags=1 << 30))
err(lambda: exec("x", {}, closure=()))
err(lambda: exec(compile("1", "f", "exec"), closure=(1,)))
err(lambda: globals(1))
err(lambda: locals(1))
err(lambda: compile("1", "f"))
err(lambda: exec("1", {}, {}, {}))
try:
    exec("print(foo)", {"bar": 3}, None)
except NameError as e:
    print("NameError:", e)
