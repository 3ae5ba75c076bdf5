# slice objects: attributes and indices().
s = slice(1, 10, 2)
print(s.start, s.stop, s.step, s)
for sl in (slice(None), slice(2, None), slice(-3, None), slice(None, -1), slice(None, None, -1),
           slice(-100, 100), slice(5, 2, -1), slice(0, 10, 3), slice(10**30, None)):
    for n in (0, 1, 5, 10):
        print(sl, n, sl.indices(n), list(range(n))[sl] == list(range(*sl.indices(n))))
for bad in ((-1,), ("x",)):
    try:
        slice(1).indices(*bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    slice(0, 1, 0).indices(5)
except ValueError as e:
    print("ValueError", e)
