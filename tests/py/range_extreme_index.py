# range.index, count and `in` at the ends of the 64-bit range: positions and differences
# that overflow 64-bit arithmetic (the fuzzer found range(2**63-1, -2, -1).index(-1)
# aborting the interpreter).
M = 2**63
cases = [
    (range(M - 1, -2, -1), [-1, 0, M - 1, M - 2, -2, 5]),
    (range(-M, M - 1), [M - 2, -M, 0, M - 1]),
    (range(-M, M - 1, 3), [M - 2, -M, -M + 3, 1, 2]),
    (range(M - 1, -M, -2), [-M + 1, M - 1, 1, 0]),
    (range(0, 10), [9, 0, 10, -1]),
]
for r, xs in cases:
    for x in xs:
        try:
            at = r.index(x)
        except ValueError as e:
            at = "ValueError: " + str(e)
        print(x in r, r.count(x), at)
