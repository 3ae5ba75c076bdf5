# OSError's fields, args, str and the subclass chosen by errno.
import errno

for args in [(), ("msg",), (2, "No such file or directory"),
             (2, "No such file or directory", "x"), (13, "Permission denied", "p", None, "q"),
             (1, 2, 3, 4, 5, 6)]:
    e = OSError(*args)
    print(type(e).__name__, e.args, e.errno, e.strerror, e.filename, str(e), repr(e))
for n in [1, 2, 3, 4, 10, 11, 13, 17, 20, 21, 32, 104, 110, 111, 999]:
    print(n, type(OSError(n, "m")).__name__, errno.errorcode.get(n))
print(type(OSError(2)).__name__, type(FileNotFoundError(13, "x")).__name__)
print(IOError is OSError, EnvironmentError is OSError)
print(issubclass(BrokenPipeError, ConnectionError), issubclass(ConnectionError, OSError))
print(issubclass(NotADirectoryError, OSError), issubclass(BlockingIOError, OSError))


class MyErr(OSError):
    pass


e = MyErr(2, "gone", "f")
print(type(e).__name__, e.errno, e.filename, str(e), e.args)
e.errno = 5
e.filename = "g"
print(e.errno, str(e))
try:
    raise FileExistsError(errno.EEXIST, "File exists", "d")
except OSError as e:
    print(e, e.errno == errno.EEXIST)
