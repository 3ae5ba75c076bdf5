# SyntaxErrors in `case` patterns: the parser's (bad literals, stray tokens, misplaced
# stars) and the compiler's (unreachable cases, repeated or mismatched names, repeated
# keys). Each bad source prints class, message and span.
# Expected output from CPython 3.13, not 3.11: 3.12 moved the span of "alternative
# patterns bind different names" and of a repeated capture to the whole pattern, as
# CPython 3.14, weft's reference, does.

def report(src):
    try:
        compile(src, "<match>", "exec")
        print(repr(src), "compiles")
    except SyntaxError as e:
        print(repr(src), type(e).__name__, repr(e.msg),
              (e.lineno, e.offset, e.end_lineno, e.end_offset))


def case(*patterns):
    # One match statement with a case per pattern.
    return "match v:\n" + "".join(f"    case {p}: pass\n" for p in patterns)


print("-- names")
for pats in [
    ["[p, *p]"], ["p as p"], ["{'k': p, **p}"], ["[p, (p | p)]"], ["[p, q, p]"],
    ["P(p, q=p)"], ["[*p, *q]"], ["[_, *_, *_]"], ["[p] | [q]"], ["[p] | (q)"],
    ["[p] | [p, q]"], ["1 | p"], ["p | 1"], ["(p | q)"], ["[p] | [p]"],
]:
    report(case(*pats))

print("-- unreachable")
for pats in [
    ["p", "1"], ["(p)", "1"], ["_", "1"], ["p | q"], ["_ | q"], ["(_ as y) | q"],
    ["P()", "_", "1"], ["p if p", "1"], ["p as q", "1"],
]:
    report(case(*pats))

print("-- keys and keywords")
for pats in [
    ["{'k': 1, 'k': 2}"], ["{-1: 1, -1: 2}"], ["{1: 1, 1: 2}"],
    ["{o.k: 1, o.k: 2}"], ["P(k=1, k=2)"], ["P(k=1, 2)"], ["P(p, k=1, q)"],
    ["{**p, 'k': 1}"], ["{**p, **q}"], ["{'a': 1, **rest, 'b': 2}"],
    ["{f(): 1}"], ["{p: 1}"], ["{**_}"], ["f'{p}'"], ["{f'{p}': 1}"],
    ["{'k': 1, f'{p}': 2}"],
]:
    report(case(*pats))

print("-- literals and targets")
for pats in [
    ["1 + 1j + 1"], ["1 + 2"], ["1j + 2"], ["-p"], ["-1 - 1j"],
    ["1 as _"], ["o.k as _"], ["1 as o.k"], ["o.k(p)(q)"], ["p as q | r"],
    ["*p"], ["[**p]"], ["p.q()"],
]:
    report(case(*pats))
