# io.StringIO and io.BytesIO.
import io

s = io.StringIO()
print(s.write("ab\ncd\n"), s.write("é"), repr(s.getvalue()), s.tell())
s.seek(0)
print(repr(s.readline()), repr(s.read(2)), s.tell(), repr(s.read()), repr(s.read()))
s.seek(0)
print(list(s))
s.seek(0)
print(s.readlines())
s.seek(1)
s.write("XY")
print(repr(s.getvalue()), s.tell())
print(s.truncate(3), repr(s.getvalue()), s.tell())
s.seek(6)
s.write("!")
print(repr(s.getvalue()))
print(s.seek(0, 2), s.readable(), s.writable(), s.seekable())
s = io.StringIO("init\nvalue")
print(s.tell(), repr(s.read()), repr(s.getvalue()))
s.write("+")
print(repr(s.getvalue()))
s = io.StringIO("a\nb\n")
s.seek(0, 2)
s.writelines(["c\n", "d"])
print(repr(s.getvalue()), repr(s.readline()))
with io.StringIO("x") as s:
    pass
print(s.closed)
for op in (s.getvalue, s.read, lambda: s.write("x"), s.tell):
    try:
        op()
    except ValueError as e:
        print(e)
s = io.StringIO()
try:
    s.write(b"x")
except TypeError as e:
    print("TypeError")
print(repr(io.StringIO("a\r\nb", newline=None).getvalue()))
print(io.StringIO("l1\nl2\nl3").readlines())
s = io.StringIO()
print("hello", "there", sep=",", file=s)
print(1, 2, file=s)
print(repr(s.getvalue()))

b = io.BytesIO()
print(b.write(b"ab\ncd\n"), b.write(bytearray(b"ef")), b.getvalue(), b.tell())
b.seek(0)
print(b.readline(), b.read(2), b.tell(), b.read(), b.read())
b.seek(0)
print(list(b))
b.seek(-2, 2)
print(b.read(), b.seek(1), b.seek(2, 1))
b.write(b"ZZ")
print(b.getvalue(), b.tell())
print(b.truncate(4), b.getvalue(), b.tell())
b.seek(7)
b.write(b"!")
print(b.getvalue())
b = io.BytesIO(b"init")
print(b.read(2), b.read(10), b.read())
buf = bytearray(3)
b.seek(1)
print(b.readinto(buf), buf)
b = io.BytesIO(b"l1\nl2\nl3")
print(b.readlines(), b.read1(5))
with io.BytesIO() as b:
    b.write(b"x")
print(b.closed)
try:
    b.getvalue()
except ValueError as e:
    print(e)
try:
    io.BytesIO().write("s")
except TypeError as e:
    print(e)
try:
    io.BytesIO().seek(-1)
except ValueError as e:
    print("ValueError")

print(io.SEEK_SET, io.SEEK_CUR, io.SEEK_END, io.DEFAULT_BUFFER_SIZE)
print(issubclass(io.UnsupportedOperation, OSError), issubclass(io.UnsupportedOperation, ValueError))
print(isinstance(io.StringIO(), io.TextIOBase), isinstance(io.BytesIO(), io.BufferedIOBase))
print(isinstance(io.StringIO(), io.IOBase), isinstance(io.BytesIO(), io.IOBase))

import sys
print("text", flush=True)
print(sys.stdout.buffer.write(b"binary\n"), flush=False)
sys.stdout.flush()
sys.stdout.buffer.write(bytearray(b"more\n"))
sys.stdout.buffer.flush()
print(sys.stdout.buffer.fileno(), sys.stderr.buffer.fileno(), sys.stdin.buffer.fileno())

# wrappers over in-memory streams
t = io.TextIOWrapper(io.BytesIO(b"ab\r\ncd\n"), encoding="utf-8")
print(t.readline().encode(), t.read().encode(), t.tell())
b = io.BytesIO()
t = io.TextIOWrapper(b, encoding="utf-8", newline="\r\n")
t.write("x\ny\n")
t.flush()
print(b.getvalue())
r = io.BufferedReader(io.BytesIO(b"hello\nworld"))
print(r.readline(), r.peek()[:3], r.read())
