# exec and eval with strings, bytes and code objects; default and explicit namespaces
print(eval("1 + 2 * 3"))
print(eval("  (4, 5)"))
print(eval("\t[n * n for n in range(4)]"))
print(eval(b"'from bytes'"))
print(eval("'caf\u00e9'.upper()"))
print(eval("7\n"), eval("8\n\n# trailing comment\n"))
print(exec("y = 10"), y)
exec(b"z = y + 1")
print(z)

# a function made by exec lands in this module's globals and sees them
exec("def twice(v):\n    return 2 * v\n")
print(twice(21))
k = 3
add_k = eval("lambda a: a + k")
print(add_k(4))
k = 30
print(add_k(4))

# explicit globals: __builtins__ is added when missing
g = {"a": 1}
exec("b = a + 1", g)
print(sorted(n for n in g if n != "__builtins__"), g["b"], "__builtins__" in g)
print(eval("a * 100", g))
exec("def get_a():\n    return a\n", g)
g["a"] = 5
print(g["get_a"]())

# custom builtins in the globals
only_print = {"__builtins__": {"print": print}}
exec("print('custom builtins')", only_print)
try:
    exec("print(len('abc'))", only_print)
except NameError as e:
    print("NameError:", e)

# separate globals and locals: LOAD_NAME looks in locals, globals, then builtins
gl = {"x": "global x", "shared": "from globals"}
lo = {"x": "local x"}
exec("print(x, shared, len('four'))", gl, lo)
exec("y = 5", gl, lo)
print("y" in gl, lo["y"])
exec("def h():\n    return x\nprint(h())", gl, lo)
print("h" in lo, "h" in gl)
exec("global q\nq = 1", gl, lo)
print(gl["q"], "q" in lo)
print(eval("x", gl, lo), eval("x", gl))
exec("del y", gl, lo)
print("y" in lo)
try:
    exec("print(nowhere)", gl, lo)
except NameError as e:
    print("NameError:", e)
try:
    exec("del nowhere", gl, lo)
except NameError as e:
    print("NameError:", e)

# None means "not given"
foo = "module foo"
exec("print(foo)", None)
exec("print(foo)", {"foo": 3}, None)
exec("print(foo)", None, {"foo": 4})
exec("print(foo)", None, {"bar": 5})

# return values
print(exec("1 + 1"), eval(compile("x = 1", "<c>", "exec"), {}))
print(eval("[1, 2][-1]"), eval("{'k': 'v'}['k']"), eval("None"))

# exceptions inside exec'd code propagate
try:
    exec("1 / 0")
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    eval("undefined_name_here")
except NameError as e:
    print("NameError:", e)

# exec'd code can import and define classes
ns = {}
exec("class P:\n    def __init__(self, v):\n        self.v = v\n    def __repr__(self):\n        return 'P(%r)' % self.v\np = P(3)\n", ns)
print(ns["p"], ns["P"].__name__, ns["P"].__module__ if "__name__" in ns else "no module name")
exec("import sys\nver = sys.version_info[0]", ns)
print(ns["ver"])

# nested exec and eval
print(eval("eval('1 + 1') + 1"))
exec("exec('inner = 9')")
print(inner)
