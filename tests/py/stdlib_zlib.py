# weft's native zlib: checksums, one-shot and streaming (de)compression, window sizes,
# raw and gzip containers, and CPython's errors.
import zlib

text = b"weft runs python threads in parallel. " * 40 + bytes(range(256))
print(zlib.crc32(text), zlib.crc32(b""), zlib.crc32(b"tail", zlib.crc32(b"head")))
print(zlib.adler32(text), zlib.adler32(b""), zlib.adler32(b"tail", zlib.adler32(b"head")),
      zlib.adler32(b"\xff" * 100000))
for level in (-1, 0, 1, 6, 9):
    packed = zlib.compress(text, level)
    # The exact bytes may differ between deflate engines; the container may not.
    print("level", level, len(packed) < len(text) or level == 0, packed[:2].hex(),
          zlib.decompress(packed) == text)
for wbits in (9, 12, 15, -9, -15, 25, 31):
    packed = zlib.compress(text, wbits=wbits)
    back = zlib.decompress(packed, wbits)
    auto = zlib.decompress(packed, 47) if wbits > 0 else back
    print("wbits", wbits, back == text, auto == text)
print(zlib.decompress(zlib.compress(text), wbits=0) == text)

# Data compressed by CPython's zlib.
made_by_cpython = bytes.fromhex("789ccb48cdc9c957c84090003a2e067d")
print(zlib.decompress(made_by_cpython), zlib.decompress(made_by_cpython + b"junk"))

# Streaming compression in pieces, with sync flushes in between.
comp = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
pieces = [comp.compress(text[i:i + 100]) for i in range(0, len(text), 100)]
pieces.append(comp.flush(zlib.Z_SYNC_FLUSH))
pieces.append(comp.compress(b"more"))
pieces.append(comp.flush())
stream = b"".join(pieces)
print("raw stream:", zlib.decompress(stream, -15) == text + b"more")
try:
    comp.flush()
except zlib.error as e:
    print("flush after the end:", e)

# Streaming decompression: byte at a time, with max_length, unused data.
dec = zlib.decompressobj()
packed = zlib.compress(text)
out = b"".join(dec.decompress(packed[i:i + 1]) for i in range(len(packed)))
print("bytewise:", out == text, dec.eof, dec.unused_data, dec.unconsumed_tail)
dec = zlib.decompressobj()
first = dec.decompress(packed + b"after", 50)
print("limited:", len(first), len(dec.unconsumed_tail) > 0, dec.eof)
rest = b""
while not dec.eof:
    rest += dec.decompress(dec.unconsumed_tail, 300)
print("rest:", first + rest == text, dec.eof, dec.unused_data, dec.unconsumed_tail)
dec.decompress(b"more")
print("after the end:", dec.unused_data, dec.unconsumed_tail)
for limit in (0, 10000, 10):
    dec = zlib.decompressobj()
    dec.decompress(packed + b"xy", limit)
    print(limit, dec.unused_data, len(dec.unconsumed_tail) > 0, len(dec.flush()), dec.eof,
          dec.unused_data, dec.unconsumed_tail)
dec = zlib.decompressobj(wbits=-15)
print("flush:", dec.decompress(stream, 10), dec.flush()[-4:], dec.eof)
try:
    dec.decompress(b"too late")
except zlib.error as e:
    print("after flush:", e)

# A preset dictionary.
zdict = b"parallel threads python weft"
comp = zlib.compressobj(zdict=zdict)
packed = comp.compress(text) + comp.flush()
dec = zlib.decompressobj(zdict=zdict)
print("zdict:", dec.decompress(packed) == text)

checks = [
    lambda: zlib.compress(b"x", 10),
    lambda: zlib.compress(b"x", wbits=7),
    lambda: zlib.decompress(b"xyz"),
    lambda: zlib.decompress(zlib.compress(b"hello")[:-3]),
    lambda: zlib.decompress(b"x\x9c\xff\xff"),
    lambda: zlib.decompress("abc"),
    lambda: zlib.compress("abc"),
    lambda: zlib.decompressobj(wbits=99),
    lambda: zlib.decompressobj().decompress(b"x", -1),
    lambda: zlib.crc32("text"),
]
for check in checks:
    try:
        print("no error:", check())
    except Exception as e:
        print(type(e).__name__, e)
print(zlib.MAX_WBITS, zlib.DEFLATED, zlib.Z_BEST_COMPRESSION, zlib.Z_FINISH, zlib.DEF_BUF_SIZE,
      zlib.error.__module__, issubclass(zlib.error, Exception))

# CPython's Lib gzip runs on this zlib (raw streams and its own header handling).
import gzip

wrapped = gzip.compress(text, mtime=0)
print("gzip:", wrapped[:4].hex(), gzip.decompress(wrapped) == text,
      zlib.decompress(wrapped, 31) == text)
