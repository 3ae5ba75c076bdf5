# CPython's Lib hashlib on weft's _md5, _sha1, _sha256, _sha512, _sha3 and _blake2.
import hashlib

message = b"The parallel interpreter hashes this line. " * 9
for name in ("md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha3_224", "sha3_256",
             "sha3_384", "sha3_512", "blake2b", "blake2s"):
    h = getattr(hashlib, name)(message[:50])
    h.update(message[50:])
    twin = h.copy()
    twin.update(b"more")
    print(name, h.name, h.digest_size, h.block_size, h.hexdigest()[:48],
          twin.hexdigest()[:16], hashlib.new(name, message).digest() == h.digest())
for name in ("shake_128", "shake_256"):
    h = hashlib.new(name, message)
    print(name, h.digest_size, h.block_size, h.hexdigest(10), len(h.digest(100)))
print(hashlib.sha256().hexdigest(), hashlib.md5(b"").hexdigest())
print(hashlib.sha256(string=b"keyword").hexdigest()[:16],
      hashlib.md5(b"x", usedforsecurity=False).hexdigest()[:16])

# BLAKE2 parameters.
print(hashlib.blake2b(b"data", digest_size=20).hexdigest())
print(hashlib.blake2b(b"data", key=b"secret key").hexdigest()[:32])
print(hashlib.blake2s(b"data", key=b"k" * 32, salt=b"salt", person=b"me",
                      digest_size=16).hexdigest())
print(hashlib.blake2b(key=b"only a key").hexdigest()[:32],
      hashlib.blake2b(b"x" * 128, key=b"k").hexdigest()[:32])
print(hashlib.blake2s(b"abc").hexdigest()[:32])
print(sorted(hashlib.algorithms_guaranteed))
for bad in (lambda: hashlib.sha1("text"), lambda: hashlib.md5(5),
            lambda: hashlib.blake2b(digest_size=65), lambda: hashlib.blake2s(key=b"k" * 33),
            lambda: hashlib.blake2b(salt=b"s" * 17), lambda: hashlib.shake_128(b"").digest(),
            lambda: hashlib.new("nonesuch")):
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
