# weft's native binascii: hex, base64, CRCs and CPython's errors.
import binascii

print(binascii.hexlify(b"\x00\x10\xab\xff"), binascii.b2a_hex(b"xyz", "-"),
      binascii.hexlify(b"abcdef", b":", 2), binascii.hexlify(b"abcde", "-", -2),
      binascii.hexlify(b"abcde", " ", 2))
print(binascii.unhexlify(b"00ff10"), binascii.a2b_hex("DEADbeef"))
print(binascii.b2a_base64(b"hello"), binascii.b2a_base64(b"hello", newline=False))
print(binascii.a2b_base64(b"aGVs\nbG8=junk"), binascii.a2b_base64("aGVsbG8"[:4]))
print(binascii.crc32(b"hello world"), binascii.crc32(b" world", binascii.crc32(b"hello")),
      binascii.crc32(b""), binascii.crc32(b"abc", 0xFFFFFFFF))
print(binascii.crc_hqx(b"123456789", 0), binascii.crc_hqx(b"abc", 0xffff))
checks = [
    lambda: binascii.a2b_base64(5),
    lambda: binascii.a2b_base64("é"),
    lambda: binascii.b2a_base64("x"),
    lambda: binascii.hexlify(b"abc", "xy"),
    lambda: binascii.unhexlify("abc"),
    lambda: binascii.unhexlify("zz"),
    lambda: binascii.a2b_base64(b"ab=c=", strict_mode=True),
    lambda: binascii.a2b_base64(b"=abc", strict_mode=True),
    lambda: binascii.a2b_base64(b"ab!c", strict_mode=True),
    lambda: binascii.a2b_base64(b"abc==a", strict_mode=True),
    lambda: binascii.a2b_base64(b"a"),
    lambda: binascii.a2b_base64(b"abcde"),
    lambda: binascii.a2b_base64(b"ab"),
    lambda: binascii.crc32("x"),
]
for check in checks:
    try:
        print("no error:", check())
    except Exception as e:
        print(type(e).__name__, e, isinstance(e, ValueError))
print(binascii.Error.__mro__[:2], issubclass(binascii.Incomplete, Exception))
