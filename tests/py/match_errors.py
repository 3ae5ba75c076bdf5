# match statements: CPython's errors, at compile time and at run time.


class P:
    __match_args__ = ("a", "b")

    def __init__(self):
        self.a, self.b = 1, 2


class NoArgs:
    pass


class BadArgs:
    __match_args__ = ["a"]


class BadNames:
    __match_args__ = (1,)


class Prop:
    @property
    def boom(self):
        raise AttributeError("no boom")

    @property
    def other(self):
        raise KeyError("other")


def run(subject, pattern, **names):
    src = f"match subject:\n    case {pattern}:\n        print('matched')\n    case _:\n        print('no match')\n"
    ns = dict(names, subject=subject, P=P, NoArgs=NoArgs, BadArgs=BadArgs,
              BadNames=BadNames, Prop=Prop)
    try:
        exec(src, ns)
    except Exception as e:
        print(type(e).__name__ + ":", e)


run(P(), "P(1, 2, 3)")
run(P(), "P(1, a=1)")
run(NoArgs(), "NoArgs(1)")
run(NoArgs(), "NoArgs()")
run(BadArgs(), "BadArgs(1)")
run(BadNames(), "BadNames(1)")
run(5, "int(5, 6)")
run(5, "str(5)")
run(Prop(), "Prop(boom=1)")
run(Prop(), "Prop(other=1)")
run({"a": 1}, "{k.x: 1, k.y: 2}", k=type("K", (), {"x": "a", "y": "a"}))
run(5, "x.real(1)", x=3)
run(P(), "P(b=2, a=1)")

sources = [
    "match x:\n case y: pass\n case 1: pass",
    "match x:\n case _: pass\n case 1: pass",
    "match x:\n case (z as w): pass\n case 1: pass",
    "match x:\n case 1 | y: pass\n case 2: pass",
    "match x:\n case y | 1: pass",
    "match x:\n case _ | 1: pass",
    "match x:\n case [a, a]: pass",
    "match x:\n case {'k': a, **a}: pass",
    "match x:\n case [a] | b: pass",
    "match x:\n case [a] | [b]: pass",
    "match x:\n case {'a': 1, 'a': 2}: pass",
    "match x:\n case {1: 1, 1: 2}: pass",
    "match x:\n case C(a=1, a=2): pass",
    "match x:\n case [*a, *b]: pass",
    "match x:\n case y if y: pass\n case 1: pass",
]
for src in sources:
    try:
        compile(src, "<case>", "exec")
        print("compiled")
    except SyntaxError as e:
        print("SyntaxError:", e.msg)
