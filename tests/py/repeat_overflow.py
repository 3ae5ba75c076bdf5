# Repetition counts too large for any machine: str and bytes raise OverflowError when the
# length would not fit an index, MemoryError when it would but cannot be had; lists and
# tuples raise MemoryError. (Found by the fuzzer: weft raised MemoryError for all.)


def attempt(label, make):
    try:
        r = make()
    except (OverflowError, MemoryError) as e:
        print(label, type(e).__name__, str(e))
    else:
        print(label, "length", len(r))


attempt("str 3 chars * 2**62", lambda: "abc" * 2**62)
attempt("str 1 char * 2**62", lambda: "x" * 2**62)
attempt("str non-ascii * 2**62", lambda: "éé" * 2**62)
attempt("count * str", lambda: 2**62 * "abc")
attempt("str * 2**63", lambda: "abc" * 2**63)
attempt("bytes * 2**62", lambda: b"ab" * 2**62)
attempt("bytes 1 * 2**62", lambda: b"a" * 2**62)
attempt("bytearray * 2**62", lambda: bytearray(b"ab") * 2**62)
attempt("list * 2**62", lambda: [1, 2] * 2**62)
attempt("tuple * 2**62", lambda: (1, 2) * 2**62)
attempt("empty str * 2**62", lambda: "" * 2**62)
attempt("str * -2**70", lambda: "ab" * -2**70)
attempt("str * 3", lambda: "ab" * 3)
attempt("list * -2**70", lambda: [1] * -2**70)
