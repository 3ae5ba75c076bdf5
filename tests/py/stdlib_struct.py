# CPython's Lib struct on weft's _struct: layouts, every format code, byte orders,
# native alignment, the buffer functions and CPython's error messages.
import struct

for fmt in ("", "@bq", "=bq", "<bq", ">bq", "!bq", "llh0l", "ci 3s 2p", "cbB?hHiIlLqQnNefdP",
            "<cbB?hHiIlLqQefd", "3x", "0s", "10p", "hxi", "b" * 5 + "d"):
    print(repr(fmt), struct.calcsize(fmt))

ints = {"b": (-128, 127), "B": (0, 255), "h": (-32768, 32767), "H": (0, 65535),
        "i": (-2**31, 2**31 - 1), "I": (0, 2**32 - 1), "l": (-2**63, 2**63 - 1),
        "L": (0, 2**64 - 1), "q": (-2**63, 2**63 - 1), "Q": (0, 2**64 - 1),
        "n": (-2**63, 2**63 - 1), "N": (0, 2**64 - 1)}
for order in "@=<>!":
    for code, (lo, hi) in ints.items():
        if order != "@" and code in "nN":
            continue
        if order != "@" and code in "lL":
            lo, hi = (0, 2**32 - 1) if code == "L" else (-2**31, 2**31 - 1)
        fmt = order + "3" + code
        data = struct.pack(fmt, lo, hi, (lo + hi) // 3)
        print(fmt, data.hex(), struct.unpack(fmt, data))

# The edges of each integer code, and values that do not fit.
for fmt in ("@b", "@B", "@h", "@H", "@i", "@I", "@l", "@L", "@q", "@Q", "@n", "@N", "@P",
            "<b", "<B", "<h", "<H", "<i", "<I", "<l", "<L", "<q", "<Q"):
    size = struct.calcsize(fmt)
    for value in (2**70, -2**70, 2**(size * 8), -1, 2**(size * 8 - 1), -2**(size * 8 - 1) - 1,
                  1.5, "7", True):
        try:
            print(fmt, value if not isinstance(value, int) or abs(value) < 2**80 else "big",
                  struct.pack(fmt, value).hex())
        except struct.error as e:
            print(fmt, "error:", e)


class Sized:
    def __index__(self):
        return 300


print(struct.pack("<H", Sized()), struct.pack("P", 0xdeadbeef).hex())

# Floats: half, single and double precision, both byte orders.
for value in (0.0, -0.0, 1.0, -2.5, 0.1, 1 / 3, 65504.0, 65519.99, 6.1e-5, 5.96e-8, 2.9e-8,
              1e-10, 3.4e38, 1e300, float("inf"), float("-inf"), 7, 2**60):
    row = []
    for fmt in ("<e", ">e", "<f", ">f", "@f", "<d", ">d"):
        try:
            data = struct.pack(fmt, value)
            row.append(data.hex() + "=" + repr(struct.unpack(fmt, data)[0]))
        except (OverflowError, struct.error) as e:
            row.append(type(e).__name__ + ": " + str(e))
    print(value, row)
nan = struct.unpack("<e", struct.pack("<e", float("nan")))[0]
print("nan:", nan != nan, struct.pack("<e", float("nan")).hex(), struct.pack("<d", float("nan")).hex())
# Every half-precision bit pattern that is a number survives a round trip.
bad = 0
for bits in range(0x10000):
    data = bits.to_bytes(2, "little")
    (x,) = struct.unpack("<e", data)
    if x == x and struct.pack("<e", x) != data:
        bad += 1
print("half round trips failing:", bad)
print("half rounding:", [struct.pack("<e", 1 + k / 4096).hex() for k in range(8)])

# Characters, bools, strings and Pascal strings.
print(struct.pack("c?c?", b"x", 0, b"\xff", [1]), struct.unpack("??", b"\x00\x07"))
print(struct.pack("4s", b"ab"), struct.pack("2s", b"abcd"), struct.pack("4s", bytearray(b"xy")))
print(struct.pack("5p", b"abcdefg"), struct.pack("0p", b"ab"), struct.pack("1p", b"ab"))
print(struct.pack("300p", b"z" * 280)[:2], struct.unpack("5p", b"\x09abcd"), struct.unpack("3s", b"abc"))

# The Struct class.
rec = struct.Struct("<4sHhd")
print(rec.format, rec.size, type(rec).__name__, struct.Struct(b">i").format)
packed = rec.pack(b"head", 65535, -5, 2.75)
print(packed.hex(), rec.unpack(packed), rec.unpack_from(b"...." + packed, 4))
print(list(rec.iter_unpack(packed * 3))[2])

# Buffers: pack_into a bytearray, unpack_from with negative offsets, iter_unpack.
buf = bytearray(12)
struct.pack_into(">hh", buf, 2, 258, -1)
rec2 = struct.Struct("<i")
rec2.pack_into(buf, -4, 99)
print(buf.hex(), struct.unpack_from(">h", buf, -10), struct.unpack_from("<i", buf, offset=8))
import array
print(struct.unpack("<2h", array.array("b", [1, 0, 2, 0])), struct.unpack("<h", bytearray(b"\x05\x01")))
print([t for t in struct.iter_unpack("<bH", b"\x01\x02\x00\x03\x04\x00")])

# Errors, with CPython's types and messages.
checks = [
    lambda: struct.pack("i", 1, 2),
    lambda: struct.pack("ii", 1),
    lambda: struct.pack("x", 1),
    lambda: struct.pack("c", "x"),
    lambda: struct.pack("c", b"ab"),
    lambda: struct.pack("s", "text"),
    lambda: struct.pack("p", 5),
    lambda: struct.pack("f", "1.0"),
    lambda: struct.pack("d", None),
    lambda: struct.pack_into("i", bytearray(2), 0, 1),
    lambda: struct.pack_into("i", bytearray(8), -9, 1),
    lambda: struct.pack_into("i", bytearray(8), 6, 1),
    lambda: struct.pack_into("i", bytearray(8), -2, 1),
    lambda: struct.pack_into("i", bytes(8), 0, 1),
    lambda: struct.pack_into("i", bytearray(8)),
    lambda: struct.pack_into("i"),
    lambda: struct.pack_into("i", bytearray(8), 0),
    lambda: struct.unpack("i", b"abc"),
    lambda: struct.unpack("i", "abcd"),
    lambda: struct.unpack_from("i", b"abc"),
    lambda: struct.unpack_from("i", b"abcdefg", 5),
    lambda: struct.unpack_from("i", b"abcdefg", -9),
    lambda: struct.unpack_from("i", b"abcdefg", -2),
    lambda: struct.iter_unpack("i", b"abcdefg"),
    lambda: struct.iter_unpack("", b"abcdefg"),
    lambda: struct.calcsize(5),
    lambda: struct.calcsize("iz"),
    lambda: struct.calcsize("3"),
    lambda: struct.calcsize("<n"),
    lambda: struct.calcsize("=P"),
    lambda: struct.calcsize("99999999999999999999i"),
    lambda: struct.calcsize("9999999999999999999i"),
    lambda: struct.calcsize("i\0"),
    lambda: struct.Struct(),
    lambda: struct.Struct("i").unpack(b"ab"),
    lambda: struct.pack(),
]
for check in checks:
    try:
        print("no error:", check())
    except Exception as e:
        print(type(e).__name__, e)
print(issubclass(struct.error, Exception), struct.error.__module__, struct.Struct.__module__)
for fmt, value in (("e", 2**20), ("<f", 2**200), ("d", 2**2000), ("e", 1e9), ("<f", 1e300)):
    try:
        print(struct.pack(fmt, value))
    except Exception as e:
        print(fmt, type(e).__name__, e)
