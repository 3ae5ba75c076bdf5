# User subclasses of bytearray keep their class where CPython keeps it.
class Buf(bytearray):
    def describe(self):
        return "Buf of %d" % len(self)


b = Buf(b"hello")
print(b, repr(b), str(b), b.describe(), type(b).__name__, isinstance(b, bytearray))
b.append(33)
b.extend(b"??")
b[0] = 72
del b[-1]
print(b, len(b), b[1:3], type(b[1:3]).__name__)
b += b" more"
print(b, type(b).__name__)
b *= 2
print(b, type(b).__name__)
print(type(b + b"x").__name__, type(b.upper()).__name__, b == bytearray(b), b"Hello" in b)
print(bytes(b)[:5], bytearray(b)[:5], type(bytearray(b)).__name__)
try:
    hash(b)
except TypeError as e:
    print(e)


class Pre(bytearray):
    def __init__(self, text):
        super().__init__(text.encode("ascii").upper())
        self.text = text


p = Pre("shout")
print(p, p.text, len(p))


class Twice(bytearray):
    def __getitem__(self, i):
        return 2 * super().__getitem__(i)


t = Twice(b"\x01\x02")
print(t[0], t[1], list(t))


class Sub(bytearray):
    pass


print(Sub.fromhex("4142"), type(Sub.fromhex("4142")).__name__)
print(Sub(3), Sub([1, 2]), Sub("x", "ascii"))
