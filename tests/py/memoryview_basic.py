# memoryview over bytes, bytearray and array.array: items, casts, slices, writes
# through to the exporter, comparison, hashing, release, and the errors.
import array
m = memoryview(b"abcdefgh")
print(len(m), m[0], m[-1], m[1:3].tobytes(), m.tolist()[:3], m.readonly, m.format, m.itemsize, m.nbytes, m.shape)
c = m.cast('I')
print(len(c), c.format, c.itemsize, c.tolist(), c[1], bytes(c[1:]))
ba = bytearray(b"xyz")
w = memoryview(ba)
w[0] = 65; w[1:3] = b"BC"
print(ba, w.readonly, w.tobytes(), w.hex())
ba[0] = 97
print(w.tobytes(), m == b"abcdefgh", m[:2] == memoryview(b"ab"), hash(m) == hash(b"abcdefgh"))
a = array.array('h', [1, -2, 3])
ma = memoryview(a)
print(ma.format, ma.itemsize, ma.tolist(), list(ma), ma.cast('B').tolist())
with memoryview(b"q") as r:
    print(r.tobytes())
print(repr(r).startswith("<released memory at 0x"))
try: r.tobytes()
except ValueError as e: print(e)
for bad in [lambda: memoryview(1), lambda: m.cast('Z'), lambda: c.cast('H'), lambda: m[0:3].cast('I'), lambda: m.__setitem__(0, 1), lambda: hash(w), lambda: m[10]]:
    try: print(bad())
    except Exception as e: print(type(e).__name__, e)
print(b"".join([memoryview(b"ab"), b"c"]), bytearray(memoryview(b"zz")))
