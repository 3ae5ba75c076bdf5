# Straight-line patterns (one-character items, sets, groups, anchors, one-character
# repeats), which weft runs on a fast path, over ASCII and non-ASCII text and bytes:
# every entry point with pos/endpos, lazy and greedy repeats, anchors, boundaries, case
# folding; plus a seeded batch of generated patterns checked against the same subjects.
import random
import re

ITEMS = [r"a", r"b", r"\d", r"\w", r"\s", r"\S", r"\W", r"\D", r".", r"[a-c]", r"[^ab]",
         r"[\d.]", r"x", r"-", r" ", r"[A-Z]", r"\n"]
REPEATS = ["", "", "*", "+", "?", "{2}", "{1,3}", "*?", "+?", "??", "{0,2}?", "{2,}"]
ANCHORS = [r"^", r"$", r"\b", r"\A", r"\Z"]

SUBJECTS = [
    "", "a", "ab", "aab-12", "x 1a2b3c xx", "On 2024-05-06 the agent7@mail.example.com said",
    "line one\nline two\n", "  lead and trail  ", "ABC abc 123", "a\nb\n\nc", "b-a-b-a",
    "caf\u00e9 na\u00efve \u2603 x1", "\u00e9\u00e9-12 \u0394\u03b1\n\U0001f600z b",
]


def describe(m):
    if m is None:
        return None
    return (m.span(), m.groups(), m.lastindex, [m.span(g) for g in range(1, len(m.groups()) + 1)])


def check(pattern, flags=0, subjects=SUBJECTS):
    try:
        p = re.compile(pattern, flags)
    except re.error as e:
        print(repr(pattern), "error", e)
        return
    out = []
    for s in subjects:
        if isinstance(pattern, bytes):
            s = s.encode("utf-8")
        n = len(s)
        out.append((
            describe(p.match(s)), describe(p.fullmatch(s)), describe(p.search(s)),
            describe(p.search(s, 2)), describe(p.match(s, 1, max(n - 1, 1))),
            describe(p.fullmatch(s, 1, n)), p.findall(s), p.findall(s, 1, n - 1),
            [m.span() for m in p.finditer(s)], p.split(s), p.split(s, 1),
            p.subn(b"<>" if isinstance(s, bytes) else "<>", s),
        ))
    print(repr(pattern), flags, out)


FIXED = [
    r"\w+", r"\s+", r"\d+", r"(\d{4})-(\d\d)-(\d\d)", r"On (\d+)-(\d+)-(\d+) the (\S+)",
    r"\b\w+\b", r"^\w*", r"\w*$", r"(a*)(b*)", r"(a*?)(b)", r"a??b", r"((a)b)",
    r"(a)|b", r"x*", r"\A\s*", r"\s*\Z", r"(?m)^\w+$", r"(?s).+", r".+", r"(\w)(\w)?",
    r"[^\n]*\n", r"(?i)AB", r"(?i)[a-c]+", r"(?a)\w+", r"a{2,3}?", r"(a{0,2})(a{2})",
    r"\d*?-", r"(\d+)(\d)", r"(?:a)(b)", r"()",
]
for pat in FIXED:
    check(pat)
check(rb"\w+")
check(rb"(\d+)-(\w+)")
check(rb"\s*")
check(r"(?i)k", subjects=["K", "k", "\u212a"])
check(r"\w+", subjects=["caf\u00e9 au lait", "na\u00efve \u2603 x"])

rng = random.Random(20261208)
for _ in range(120):
    parts = []
    for _ in range(rng.randint(1, 4)):
        r = rng.random()
        if r < 0.15:
            parts.append(rng.choice(ANCHORS))
        else:
            item = rng.choice(ITEMS) + rng.choice(REPEATS)
            parts.append("(" + item + ")" if rng.random() < 0.4 else item)
    check("".join(parts))
