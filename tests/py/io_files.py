# open(): text and binary round trips, append, lines, seek/tell, truncate, errors.
import os
import io

D = "/tmp/weft_io_files_%d" % os.getpid()
os.mkdir(D)
P = os.path.join(D, "f.txt")


def show_err(e):
    return type(e).__name__ + ": " + str(e).replace(D, "D")


# write then read text
with open(P, "w") as f:
    print(f.write("hello\n"), f.write("wörld\n"), f.mode, f.closed)
    f.writelines(["a\n", "b"])
print(f.closed)
with open(P) as f:
    print(repr(f.read()))
with open(P, encoding="utf-8") as f:
    print(repr(f.readline()), f.tell(), f.readlines())
with open(P) as f:
    print([line for line in f])
with open(P) as f:
    print(repr(f.read(3)), repr(f.read(5)), f.tell(), repr(f.read()), repr(f.read()))
with open(P) as f:
    print(repr(f.readline(2)), repr(f.readline()), repr(f.readline(100)))

# append
with open(P, "a") as f:
    f.write("\nappended\n")
with open(P) as f:
    print(f.read().splitlines())

# binary
with open(P, "rb") as f:
    data = f.read()
    print(data, f.tell(), type(f).__name__)
    print(f.seek(2), f.read(3), f.tell())
    print(f.seek(-4, 2), f.read())
    print(f.seek(1, 0), f.seek(2, 1), f.read(2))
    f.seek(0)
    print(f.readline(), f.readline(), f.read(0))
with open(P, "wb") as f:
    print(f.write(bytes(range(256))), f.tell())
with open(P, "rb") as f:
    b = f.read()
    print(len(b), b[:4], b[-3:], f.read())
with open(P, "ab") as f:
    f.write(bytearray(b"XYZ"))
with open(P, "rb") as f:
    print(f.read()[-5:])

# latin-1 and errors
with open(P, "w", encoding="latin-1") as f:
    f.write("caf\xe9\n")
with open(P, "rb") as f:
    print(f.read())
with open(P, encoding="latin-1") as f:
    print(repr(f.read()))
with open(P, encoding="utf-8", errors="replace") as f:
    print(repr(f.read()))
with open(P, encoding="ascii", errors="ignore") as f:
    print(repr(f.read()))
try:
    with open(P, encoding="utf-8") as f:
        f.read()
except UnicodeDecodeError as e:
    print("UnicodeDecodeError")

# newlines
with open(P, "wb") as f:
    f.write(b"a\r\nb\rc\nd")
with open(P) as f:
    print([f.readline() for i in range(5)])
with open(P) as f:
    print(repr(f.read()))
with open(P, newline="") as f:
    print(list(f))
with open(P, newline="\r") as f:
    print(list(f))
with open(P, "w", newline="\r\n") as f:
    f.write("x\ny\n")
with open(P, "rb") as f:
    print(f.read())

# read/write/seek/truncate in + modes
with open(P, "w+") as f:
    f.write("0123456789")
    f.seek(0)
    print(repr(f.read(4)), f.tell())
    f.seek(0, 2)
    f.write("AB")
    f.seek(0)
    print(repr(f.read()))
    print(f.truncate(5), f.tell())
    f.seek(0)
    print(repr(f.read()))
with open(P, "r+b") as f:
    f.seek(2)
    f.write(b"zz")
    print(f.read(), f.tell())
    f.seek(0)
    print(f.read())
    f.truncate(0)
print(os.path.getsize(P))

# with closes; closed files
f = open(P, "w")
with f:
    pass
print(f.closed)
for op in (lambda: f.write("x"), lambda: f.read(), f.readline, f.tell, f.flush,
           lambda: f.seek(0), lambda: iter(f)):
    try:
        op()
    except ValueError as e:
        print(show_err(e))
f.close()  # closing twice is fine

# errors
try:
    open(os.path.join(D, "missing.txt"))
except FileNotFoundError as e:
    print(show_err(e), e.errno, e.strerror, e.filename == os.path.join(D, "missing.txt"))
    print(isinstance(e, OSError), e.args)
try:
    open(os.path.join(D, "missing.txt"), "rb")
except OSError as e:
    print(type(e).__name__, e.errno)
with open(P, "w") as f:
    f.write("x")
with open(P) as f:
    try:
        f.write("y")
    except io.UnsupportedOperation as e:
        print("UnsupportedOperation", isinstance(e, OSError), isinstance(e, ValueError))
with open(P, "w") as f:
    try:
        f.read()
    except io.UnsupportedOperation as e:
        print("UnsupportedOperation")
with open(P, "rb") as f:
    try:
        f.write(b"y")
    except io.UnsupportedOperation as e:
        print("UnsupportedOperation")
try:
    open(P, "x")
except FileExistsError as e:
    print(show_err(e))
try:
    open(D)
except IsADirectoryError as e:
    print(show_err(e))
try:
    open(os.path.join(P, "sub"))
except NotADirectoryError as e:
    print(show_err(e))
for mode in ("rw", "z", "rbt", "rr", ""):
    try:
        open(P, mode)
    except ValueError as e:
        print("ValueError", mode)
try:
    open(P, "rb", encoding="utf-8")
except ValueError as e:
    print(e)
with open(P, "w") as f:
    try:
        f.write(b"bytes")
    except TypeError as e:
        print(e)
with open(P, "wb") as f:
    try:
        f.write("str")
    except TypeError as e:
        print(e)

# x mode creates, fileno, name, readable/writable
Q = os.path.join(D, "new.bin")
with open(Q, "xb") as f:
    print(f.readable(), f.writable(), f.seekable(), isinstance(f.fileno(), int))
    print(f.name == Q, f.mode)
with open(Q, "r") as f:
    print(f.readable(), f.writable(), f.mode)

# pathlike
class PL:
    def __fspath__(self):
        return P
with open(PL()) as f:
    print(repr(f.read()))

# fd-based
fd = os.open(P, os.O_RDONLY)
with open(fd, "rb") as f:
    print(f.read(), f.name == fd)
try:
    os.close(fd)
except OSError as e:
    print(type(e).__name__, e.errno)

# many lines
with open(P, "w") as f:
    for i in range(3000):
        f.write("line %d\n" % i)
with open(P) as f:
    lines = f.readlines()
print(len(lines), lines[0], lines[-1], os.path.getsize(P))
with open(P) as f:
    n = 0
    for line in f:
        n += len(line)
    print(n)
with open(P, "rb") as f:
    print(len(list(f)))

os.remove(P)
os.remove(Q)
os.rmdir(D)
print(os.path.exists(D))
