# Template strings (PEP 750, Python 3.14): t-string literals and string.templatelib.
# The .exp is CPython 3.14's output (tools/get_cpython314.sh installs it).
from string.templatelib import Template, Interpolation, convert
name = "World"
n = 3.14159
w = 8
t = t"Hello {name}! pi={n:.2f} {n!r:>{w}} {name = } end"
print(type(t).__name__, type(t).__module__)
print(t.strings)
print(t.interpolations)
print(t.values)
print(list(t))
for part in t:
    match part:
        case str() as s:
            print("text", repr(s))
        case Interpolation(value, expr, conv, spec):
            print("interp", repr(value), repr(expr), conv, repr(spec))
print(t"" .strings, t"{name}{name}".strings, t"a" + t"{name}b")
def render(tmpl):
    out = []
    for part in tmpl:
        if isinstance(part, str):
            out.append(part)
        else:
            out.append(format(convert(part.value, part.conversion), part.format_spec))
    return "".join(out)
print(render(t))
try:
    t + "x"
except TypeError as e:
    print(e)
try:
    "x" + t
except TypeError as e:
    print(e)
print(Template("a", Interpolation(1, "one"), "b", "c", Interpolation(2)))
print(repr(Interpolation(5, "x", "r", ">3")))
tt = t"{ name }"
print(repr(tt.interpolations[0].expression))
x = [1, 2]
print(t"{x[0] + x[1]}".interpolations[0].expression, t"{x!s}".interpolations[0].conversion)
