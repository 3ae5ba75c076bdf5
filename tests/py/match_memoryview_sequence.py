# A memoryview is a collections.abc.Sequence, so sequence patterns match it (bytes and
# bytearray, which are not matched as sequences, stay unmatched).
import collections.abc


def shape(subject):
    match subject:
        case [first, *rest]:
            return ("sequence", first, len(rest))
        case _:
            return ("other",)


print(isinstance(memoryview(b""), collections.abc.Sequence))
print(issubclass(memoryview, collections.abc.Sequence))
print(shape(memoryview(b"abc")))
print(shape(memoryview(b"xy")[1:]))
print(shape(b"abc"), shape(bytearray(b"abc")), shape("abc"))
print(shape([7, 8]), shape((9,)), shape(range(4)))
