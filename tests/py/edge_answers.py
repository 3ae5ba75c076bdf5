# Answers at the edges, as CPython gives them: 64-bit boundaries, identity in container
# comparisons, zip(strict=True), sort's key on one item and a list changed during sort.
def show(label, f):
    try:
        print(label, repr(f()))
    except Exception as e:
        print(label, type(e).__name__, e)


show("abs", lambda: abs(-2**63))
show("abs small", lambda: abs(-5))
show("len range", lambda: len(range(-2**63, 2**63 - 1)))
show("len range ok", lambda: len(range(0, 2**62, 3)))
show("enumerate wrap", lambda: list(enumerate("ab", 2**63 - 1)))
show("enumerate big", lambda: list(enumerate("ab", 10**20)))
show("enumerate neg", lambda: list(enumerate("abc", -2)))
nan = float("nan")
show("nan list", lambda: [nan] == [nan])
show("nan tuple", lambda: (nan,) == (nan,))
show("nan in", lambda: nan in [nan])
show("nan count", lambda: [nan, 1.0].count(nan))
show("nan eq", lambda: nan == nan)
for args in (([1, 2], [1]), ([1], [1, 2]), ([1, 2], [1, 2], [1]), ([1], [1], [1, 2]), ([1], [1])):
    show("zip strict", lambda: list(zip(*args, strict=True)))
show("zip loose", lambda: list(zip([1, 2], [3], strict=False)))
keyed = []
show("sorted one", lambda: sorted([1], key=lambda x: keyed.append(x) or x))
print("key calls", keyed)
lst = [3, 1, 2]


def growing(x):
    lst.append(0)
    return x


show("sort modified", lambda: lst.sort(key=growing))
show("sort ok", lambda: sorted([3, 1, 2], key=lambda x: -x))
d = {"a": 1, "b": 2}
show("keys eq set", lambda: (d.keys() == {"a", "b"}, {"a"} == d.keys(), d.keys() != {"a"}))
show("items eq set", lambda: (d.items() == {("a", 1), ("b", 2)}, d.items() == {("a", 1)}))
show("values eq", lambda: d.values() == d.values())
show("slice eq", lambda: (slice(1, 3) == slice(1, 3), slice(1, 3) == slice(1, 4), slice(1, 2, None) == slice(1, 2)))
show("reversed views", lambda: (list(reversed(d.values())), list(reversed(d.keys())), list(reversed(d.items()))))
show("view ror", lambda: (sorted([3] | d.keys(), key=str), sorted(["a", "z"] - d.keys()), sorted({"a"} & d.keys())))
for w in ["ß", "straße nach", "ﬁne ﬂow", "ǆemal ǉubav", "ŉa", "they're bill's", "ΣΑΣ σας", "ǳ"]:
    show("case", lambda: (ascii(w.title()), ascii(w.capitalize())))
show("dup keyword", lambda: compile("f(a=1, a=2)", "x", "eval"))
show("dup keyword dstar", lambda: compile("f(b=1, **{}, b=2)", "y", "eval"))
