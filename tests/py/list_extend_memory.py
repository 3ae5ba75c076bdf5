# list.extend and list() from a range too large to hold raise MemoryError before the
# range is walked (a range's length is known up front); the list is left as it was.
def attempt(label, f):
    try:
        f()
        print(label, "done")
    except MemoryError:
        print(label, "MemoryError")


base = [1, 2]
attempt("extend 2**62", lambda: base.extend(range(2**62)))
attempt("extend 2**50 step 3", lambda: base.extend(range(0, 3 * 2**50, 3)))
attempt("list 2**40", lambda: list(range(2**40)))
attempt("tuple 2**45", lambda: tuple(range(2**45)))
print(base)

# Ordinary sizes still work, whatever the list held before.
base.extend(range(5))
base.extend(range(10, 0, -3))
print(base)
big = []
big.extend(range(200000))
print(len(big), big[0], big[-1], sum(big))
print(list(range(3, -3, -1)))
