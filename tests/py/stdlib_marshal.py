# marshal: values written by weft load the same in CPython's format and back.
import marshal
import io

samples = [None, True, False, Ellipsis, StopIteration, 0, -7, 2**31 - 1, -2**31,
           2**31, 3**60, -(5**40), 0.25, -1e300, float("inf"), 2 - 3j, "", "plain",
           "with space", "\u00e9t\u00e9 \u2603", "x" * 300, b"", b"\x00\xff",
           (), (1, "a", (2.5,)), [1, [2, [3]]], {"k": [1, 2], 3: None},
           {5, 6}, frozenset({"q", "p"}), tuple(range(260))]
for v in samples:
    for version in range(5):
        data = marshal.dumps(v, version)
        back = marshal.loads(data)
        assert back == v or v != v, (v, version)
        assert type(back) is type(v), (v, version)
print("roundtrips", len(samples) * 5)

# bytes CPython wrote (version 4) read back
print(marshal.loads(b'\xa9\x02\xe9\x01\x00\x00\x00\xda\x01a'))
print(marshal.loads(b'\xec\x03\x00\x00\x00\x00\x00\x00\x00\x00\x04'))
print(marshal.loads(b'{\xe9\x01\x00\x00\x00\xe9\x02\x00\x00\x000'))
print(marshal.dumps(1), marshal.dumps("abc"), marshal.dumps(1.5, 1), marshal.dumps((1, 2), 2))
print(sorted(marshal.loads(marshal.dumps(frozenset({"b", "a", "c"})))))

# shared objects come back shared
shared = [1, 2]
pair = marshal.loads(marshal.dumps((shared, shared)))
print(pair[0] is pair[1], pair)
loop = []
loop.append(loop)
again = marshal.loads(marshal.dumps(loop))
print(again[0] is again)

# a file holds several values one after another
f = io.BytesIO()
marshal.dump("first", f)
marshal.dump([2], f)
f.seek(0)
print(marshal.load(f), marshal.load(f))

for bad in (object(), marshal, [1, object()]):
    try:
        marshal.dumps(bad)
    except ValueError as e:
        print("ValueError", e)
for data in (b"", b"i\x01", b"\x01", b"r\x00\x00\x00\x00", b"[\x05\x00\x00\x00"):
    try:
        marshal.loads(data)
    except (ValueError, EOFError) as e:
        print(type(e).__name__, e)
print(marshal.version)
