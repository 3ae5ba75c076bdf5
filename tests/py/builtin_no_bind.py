# Built-in functions (len, math.sqrt, codecs' decoders) stored in a class do not bind the
# instance, as CPython's builtin_function_or_method; methods of built-in types do.
import math, codecs
class A:
    f = len
    g = math.sqrt
    h = [].append.__class__
print(A().f([1, 2]), A().g(16.0), A.f("abc"))
print(repr(math.sqrt), repr(len), repr(list.append), repr([].append)[:32])
dec = codecs.getincrementaldecoder("utf-8")()
print(dec.decode(b"h\xc3"), dec.decode(b"\xa9llo", final=True))
print(" ".join(["a", "b"]), "x".upper(), {1: 2}.get(1))
