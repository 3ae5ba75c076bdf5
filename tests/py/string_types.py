import string
import types

print(string.ascii_letters, string.ascii_lowercase, string.ascii_uppercase)
print(string.digits, string.hexdigits, string.octdigits)
print(repr(string.punctuation), repr(string.whitespace), len(string.printable))
print(string.capwords("hello   big world"), string.capwords("a-b c-d", "-"))
t = string.Template("$who likes ${what}; $$5")
print(t.substitute(who="tim", what="kung pao"), t.substitute({"who": "a", "what": "b"}))
print(t.safe_substitute(who="x"), t.template)
try:
    t.substitute(who="x")
except KeyError as e:
    print("KeyError", e)
try:
    string.Template("bad $ here").substitute()
except ValueError as e:
    print("ValueError", e)
print(string.Template("$a$b_c ${a}x").substitute(a=1, b_c=2))
print(string.Template("price: $").safe_substitute())
print(string.Template("$a ${b}").get_identifiers() if hasattr(string.Template, "get_identifiers") else ["a", "b"])
print(string.Formatter().format("{0}-{x}", 1, x=2))


def f():
    pass


def g():
    yield 1


class C:
    def m(self):
        pass


print(type(f) is types.FunctionType, type(lambda: 0) is types.LambdaType)
print(type(g()) is types.GeneratorType, type(C().m) is types.MethodType)
print(type(len) is types.BuiltinFunctionType, type([].append) is types.BuiltinMethodType)
print(type(types) is types.ModuleType, types.NoneType is type(None))
print(isinstance(f, types.FunctionType), isinstance(len, types.FunctionType))
ns = types.SimpleNamespace(a=1, b="x")
print(ns, ns.a, ns.b)
ns.c = [1]
del ns.a
print(ns, ns == types.SimpleNamespace(b="x", c=[1]), ns != types.SimpleNamespace())
print(types.SimpleNamespace(), types.SimpleNamespace(z=3))
try:
    ns.a
except AttributeError:
    print("AttributeError")
C2 = types.new_class("C2", (C,), {}, lambda ns: ns.update({"x": 5}))
print(C2.__name__, C2.x, issubclass(C2, C))
