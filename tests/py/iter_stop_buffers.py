# Gaps found by MicroPython's tests/basics: next() on enumerate/map/zip passes on the
# StopIteration a user iterator raised (with its value); eval/exec/int take a
# memoryview; memoryview.hex takes a separator; memoryview != compares contents;
# sys.implementation is a namespace; code objects have co_code, co_lnotab and
# co_lines(). (.exp from CPython 3.11.)
import sys


class Stops:
    def __iter__(self):
        return self

    def __next__(self):
        raise StopIteration("why")


for make in (enumerate, lambda it: map(str, it), zip):
    try:
        next(make(Stops()))
    except StopIteration as e:
        print(e.args)
print(list(enumerate(Stops())), list(zip(Stops(), [1])))
try:
    next(zip([1], Stops(), strict=True))
except StopIteration as e:
    print("strict zip:", e.args)
except ValueError as e:
    print("ValueError:", e)

print(eval(memoryview(b"6 * 7")), int(memoryview(b" 12 ")))
exec(memoryview(b"print('exec from a memoryview')"))
try:
    int(memoryview(b"12"), 10)
except TypeError as e:
    print("TypeError:", e)

m = memoryview(b"\x01\x02\x03\xff")
print(m.hex(), m.hex(":"), m.hex("-", 2), m.hex(sep="_", bytes_per_sep=-3))
print(m == b"\x01\x02\x03\xff", m != b"\x01\x02\x03\xff", m != b"x", b"x" != m)
print(m[1:3] != b"\x02\x03", bytearray(b"\x02\x03") != m[1:3])

imp = sys.implementation
print(type(imp).__name__, str(imp).startswith("namespace(name="), "version=" in repr(imp))
print(isinstance(imp.name, str), imp.version[:2] >= (3, 11))


def f(a, b):
    c = a + b
    return c * 2


code = f.__code__
print(type(code.co_code).__name__, type(code.co_lnotab).__name__)
lines = list(code.co_lines())
print(lines[0][0], lines[-1][1] == len(code.co_code))
print(all(l[1] == r[0] for l, r in zip(lines, lines[1:])))
body = {code.co_firstlineno + 1, code.co_firstlineno + 2}
print(body <= {line for _, _, line in lines})
