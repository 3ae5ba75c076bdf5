# `from __future__ import annotations` keeps every annotation as text, written back
# from the syntax tree as CPython does (the same under CPython 3.11 and 3.14; the .exp
# is CPython 3.11's).
from __future__ import annotations

def f(a: Undefined[int], *b: list[str], c: "quoted" = 1) -> None | Nowhere:
    pass
print(f.__annotations__)

x: Also.Undefined = 5
print(__annotations__)

class C:
    field: dict[str,   int]
    other: C
    def m(self) -> C:
        return self
print(C.__annotations__, C.m.__annotations__)

def spacing(a: (int), b: tuple[int,...], c: Callable[[int,str],  None],
            d: 'it\'s', e: -1, f: (a or b) and not c, g: x if y else z,
            h: a*(b+c)**-d, i: f(x, *y, k=1, **z), j: {1: 2, **m}, k: {a, b},
            l: m[1:2, ::3], n: a < b <= c is not d, o: (a, b), p: ~a | b ^ c & d,
            q: [*a, b], r: Literal["a\nb"]) -> tuple[()]:
    pass
for k, v in spacing.__annotations__.items():
    print(k, v)
