# globals(), locals(), vars(), dir() and exec/eval inside functions and class bodies
print(type(globals()).__name__, globals() is globals(), locals() is globals())
print(vars() is globals(), globals()["__name__"])
module_level = "m"


def fn(a, b=2):
    c = a + b
    snap = locals()
    print(sorted(snap.items()))
    snap["c"] = 100
    print(c)
    print(eval("a + b + c"))
    print(eval("c", {"c": "given"}))
    exec("print('exec sees', a, b, c, module_level)")
    return sorted(vars())


print(fn(1))


def writes_in_exec():
    x = 1
    exec("x = 2")
    print("fast local unchanged:", x)
    exec("brand_new = 3")
    ns = {}
    exec("r = x * 10", {"x": x}, ns)
    print(ns)
    g = globals()
    exec("made_by_exec = 'yes'", g)
    return made_by_exec


print(writes_in_exec(), made_by_exec)


def outer():
    v = 1

    def inner():
        w = v + 1
        return sorted(locals().items())

    print(sorted(locals()))
    return inner()


print(outer())


def no_locals():
    return locals()


print(no_locals())


def dir_in_function(p):
    q = p * 2
    return dir()


print(dir_in_function(1))


class C:
    p = 1
    exec("q = p + 1")
    r = eval("q * 2")
    names = sorted(n for n in locals() if not n.startswith("__"))
    print("in class body:", names, "p" in vars())


print(C.q, C.r, C.names)


# a function's globals are the dict it was defined in
def defined_here():
    return globals()


print(defined_here() is globals())
ns = {}
exec("def f():\n    return globals()\n", ns)
print(ns["f"]() is ns)
print(ns["f"].__globals__ is ns)


# mapping locals
class Logging:
    def __init__(self):
        self.d = {}

    def __getitem__(self, k):
        print("get", k)
        return self.d[k]

    def __setitem__(self, k, v):
        print("set", k, v)
        self.d[k] = v

    def __delitem__(self, k):
        print("del", k)
        del self.d[k]


m = Logging()
exec("a = 1\nb = a + 1\ndel a", {}, m)
print(m.d)
try:
    exec("del missing", {}, m)
except NameError as e:
    print("NameError:", e)
print(eval("len(d)", {}, m) if False else eval("b * 7", {}, m))


class Upper:
    def __getitem__(self, k):
        return k.upper()


print(eval("foo + bar", {}, Upper()))


class Broken:
    def __getitem__(self, k):
        raise ValueError("cannot look up " + k)


try:
    eval("anything", {}, Broken())
except ValueError as e:
    print("ValueError:", e)


class Missing(dict):
    def __missing__(self, k):
        return "missing " + k


print(eval("zzz", {}, Missing()))

# sequences count as mappings for locals
print(eval("1 + 1", {}, []))

# code objects carry their own scope rules: function code run by exec


def make():
    n = 7

    def use():
        print("n is", n)

    return use


use = make()
exec(use.__code__, {}, closure=use.__closure__)
try:
    exec(use.__code__)
except TypeError as e:
    print("TypeError:", e)
try:
    eval(use.__code__)
except TypeError as e:
    print("TypeError:", e)


def gen():
    yield 1
    yield 2


print(exec(gen.__code__), list(eval(gen.__code__)))


def plain():
    return "plain result"


print(eval(plain.__code__))
