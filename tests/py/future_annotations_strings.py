# `from __future__ import annotations` keeps every annotation as its source text
# (the same under CPython 3.11 and 3.14; the .exp is CPython 3.11's).
from __future__ import annotations

def f(a: Undefined[int], *b: list[str], c: 'quoted' = 1) -> None | Nowhere:
    pass
print(f.__annotations__)

x: Also.Undefined = 5
print(__annotations__)

class C:
    field: dict[str, int]
    other: C
    def m(self) -> C:
        return self
print(C.__annotations__, C.m.__annotations__)
