# CPython's Lib base64 on weft's binascii (and _struct). Lib base64 imports re, so this
# test runs once re (and enum) import on weft.
import base64

samples = [b"", b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar", bytes(range(256)),
           b"\xff\xfe\xfd" * 30]
for raw in samples:
    enc = base64.b64encode(raw)
    print(len(raw), enc[:40], base64.b64decode(enc) == raw,
          base64.urlsafe_b64encode(raw)[-8:], base64.b32encode(raw)[:16],
          base64.b16encode(raw)[:12], base64.a85encode(raw)[:10], base64.b85encode(raw)[:10])
    assert base64.b32decode(base64.b32encode(raw)) == raw
    assert base64.b16decode(base64.b16encode(raw)) == raw
    assert base64.a85decode(base64.a85encode(raw)) == raw
    assert base64.b85decode(base64.b85encode(raw)) == raw
print(base64.b64decode("c3RyIGlucHV0"), base64.b64decode(b"YWJj ZGVm\n"),
      base64.b64decode(b"-_8=", altchars=b"-_"))
print(base64.standard_b64decode(b"AAEC"), base64.urlsafe_b64decode("__8="))
for bad in (b"abc", b"a", b"ab!cd", "é"):
    try:
        print(base64.b64decode(bad, validate=True))
    except Exception as e:
        print(type(e).__name__, e)
