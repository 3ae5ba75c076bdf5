# Sizes that cannot be allocated raise MemoryError (the program goes on), never abort.
def attempt(label, f):
    try:
        f()
        print(label, "ok")
    except MemoryError:
        print(label, "MemoryError")
    except OverflowError as e:
        print(label, "OverflowError")


attempt("list repeat", lambda: [0] * (10 ** 12))
attempt("tuple repeat", lambda: (0,) * (10 ** 12))
x = [1, 2]


def inplace():
    global x
    x *= 10 ** 12


attempt("list inplace repeat", inplace)
print(x)
attempt("list(range)", lambda: list(range(10 ** 12)))
attempt("str repeat", lambda: "ab" * (10 ** 12))
attempt("bytes repeat", lambda: b"ab" * (10 ** 12))
print([0] * 3, (1,) * 2, len(list(range(10 ** 5))))
