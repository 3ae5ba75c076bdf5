# t-strings (PEP 750) are new in CPython 3.14: the .exp is CPython 3.14's output
# (tools/get_cpython314.sh installs it). SyntaxErrors in t-string fields word
# themselves as an f-string's do, with "t-string:"; string prefixes that cannot be
# combined; control characters in source; what Interpolation.expression keeps of the
# field's text; Template() refuses keyword arguments.
from string.templatelib import Template, Interpolation


def report(src):
    try:
        compile(src, "<tstrings>", "exec")
        print(repr(src), "compiles")
    except SyntaxError as e:
        print(repr(src), type(e).__name__, repr(e.msg),
              (e.lineno, e.offset, e.end_lineno, e.end_offset))


print("-- fields")
for src in ['t"{}"', 't"{ }"', 't"{!r}"', 't"{x+}"', 't"{x!}"', 't"{x!z}"',
            't"{x!rz}"', 't"{x"', 't"{"', 't"{x!"', 't"{x=!"', 't"{x=:"',
            't"{x:{y}"', 't"{x)}"', 't"{a b}"', 't"{a {b}}"', 't"text { more text"',
            't"{x!r@:10}"', 't"{x!r y}"', 't"look }"', 't"ab{1}cd }"']:
    report(src)

print("-- the same in f-strings")
for src in ['f"{x!r+}"', 'f"{x!r y}"', 'f"words { more words"', 'f"{p {q}}"',
            'f"{p 1}"', 'f"{x!"']:
    report(src)

print("-- prefixes")
for src in ['ft"{x}"', 'TF""', 'frt""', 'rtf""', 'bt""', 'tb""', 'ut""', 'Tu""',
            'bf""', 'Fb""', 'uf""', 'ub""', 'bU""', 'ur""', 'tbr""', 'y = 2 * ft""',
            'f"{tb""}"', 'tt""', 'ff""', 'bb""', 'rt""', 'Rb""', 'fR""', 'tr""']:
    report(src)

print("-- control characters")
for src in ['a = \x0b2', 'a\x0b= 2', '\x0ba = 2', 'a = 2 \x01 + 1', 'b = [1,\x1f2]',
            't"{x\x0b}"', 'f"{\x7fx}"', 'a = 3 $ 4', 'a ? b']:
    report(src)

print("-- expression text")
v = 7
for t in [t"{v}", t"{ v }", t"{v = }", t"{  v=}", t"{v=!s}", t"{v =:>4}",
          t"{ v !r}", t"{v	= }", t"{v  # note
}", t"{v:{v}}", t"{v + 1 }"]:
    i = t.interpolations[0]
    print(repr(i.expression), t.strings, i.conversion, repr(i.format_spec), i.value)

print("-- Template arguments")
for kw in [{"strings": ("a",)}, {"x": 1}]:
    try:
        Template("a", **kw)
    except TypeError as e:
        print("TypeError:", e)
print(Template("a", Interpolation(1, "b"), "c"))
