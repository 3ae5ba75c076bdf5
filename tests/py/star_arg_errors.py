# The TypeErrors of bad * and ** arguments name the callee as CPython does, or say
# "Value after *" where the value is gathered into a list first.
def f(*a, **k):
    return a, k


class Box:
    def meth(self, *a):
        return a

    def __call__(self, *a):
        return a


class BadIter:
    def __iter__(self):
        raise TypeError("my own iter error")


cases = [
    "f(*5)", "f(**5)", "print(*5)", "Box().meth(*5)", "int(*5)", "len(**5)",
    "f(*[], **[1])", "(lambda: 0)(*5)", "f(1, *5)", "f(*5, 1)", "f(*[1], *5)",
    "f(**{'a': 1}, **5)", "f(a=1, **{'a': 2})", "f(**{'a': 1}, **{'a': 2})",
    "[*5]", "(*5,)", "{*5}", "{**5}", "f(*BadIter())", "f(*None)",
    "f(**{1: 2})",
]
for expr in cases:
    try:
        print(expr, "->", eval(expr))
    except TypeError as e:
        print(expr, "-> TypeError:", e)
try:
    Box()(*5)
except TypeError as e:
    print("Box()(*5) -> TypeError:", str(e).split(" at ")[0], "...", str(e).split(">")[1])
print(f(*(1, 2), **{"x": 3}))
print(f(*"ab", *[3], **{"y": 4}, z=5))
