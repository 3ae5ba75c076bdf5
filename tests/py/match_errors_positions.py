# match statements: where CPython points for pattern errors found at compile time, the
# refusal of f-strings as patterns, and a class whose __match_args__ names an attribute
# twice (python3.13 made the .exp).
sources = [
    "match x:\n case C(a=1, a=[1, 2]): pass",
    "match x:\n case C(b=1, a=3, a=4): pass",
    "match x:\n case [0, 1 | a]: pass",
    "match x:\n case 1 | a: pass",
    "match x:\n case a | 1: pass",
    "match x:\n case f'': pass",
    "match x:\n case f'' | 1: pass",
    "match x:\n case 1: pass\n case f'{t}': pass",
    "match x:\n case 'plain' 'joined': pass",
    "match x:\n case -1j: pass",
]
for src in sources:
    try:
        compile(src, "<case>", "exec")
        print("compiled")
    except SyntaxError as e:
        print("SyntaxError", e.msg, e.lineno, e.offset, e.end_offset)


class Twice:
    __match_args__ = ("a", "a")
    a = 1


class Once:
    __match_args__ = ("a", "b")
    a, b = 1, 2


def classify(v):
    match v:
        case Twice(1, 1):
            return "twice"
        case Once(1, a=1):
            return "clash"
        case _:
            return "other"


for v in [Twice(), Once(), 3]:
    try:
        print(classify(v))
    except TypeError as e:
        print("TypeError", e)
