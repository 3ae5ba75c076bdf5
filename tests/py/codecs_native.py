# weft's native _codecs used directly (no CPython Lib needed): the utf-8, ascii and
# latin-1 functions, the error handlers, and the search-function registry.
import _codecs

print(_codecs.utf_8_encode("héllo"), _codecs.utf_8_decode(b"h\xc3\xa9"))
print(_codecs.utf_8_decode(b"ab\xc3", "strict", False), _codecs.utf_8_decode(b"ab\xe2\x82", "strict", False))
print(_codecs.latin_1_encode("é"), _codecs.latin_1_decode(b"\xe9"), _codecs.ascii_decode(b"abc"))
print(_codecs.encode("é", "latin-1"), _codecs.decode(b"\xc3\xa9"), _codecs.encode("x"))
for args in [("é", "ascii"), (b"\xff", "utf-8")]:
    try:
        (_codecs.encode if isinstance(args[0], str) else _codecs.decode)(*args)
    except UnicodeError as e:
        print(type(e).__name__, e)

enc_err = UnicodeEncodeError("ascii", "a\xe9\u20ac\U0001f600b", 1, 4, "nope")
dec_err = UnicodeDecodeError("utf-8", b"a\xff\xfeb", 1, 3, "nope")
for name in ["ignore", "replace", "backslashreplace", "xmlcharrefreplace"]:
    h = _codecs.lookup_error(name)
    print(name, h(enc_err), end=" ")
    try:
        print(h(dec_err))
    except TypeError as e:
        print("TypeError", e)
try:
    _codecs.lookup_error("strict")(enc_err)
except UnicodeEncodeError as e:
    print("strict raised", type(e).__name__)
try:
    _codecs.lookup_error("no-such-handler")
except LookupError as e:
    print("LookupError", e)

seen = []
def search(name):
    seen.append(name)
    if name == "my_codec":
        return (lambda s, errors="strict": (s.upper().encode(), len(s)),
                lambda b, errors="strict": (bytes(b).decode().lower(), len(b)), None, None)
    return None
_codecs.register(search)
print(_codecs.encode("abc", "My Codec"), _codecs.decode(b"XYZ", "my codec"))
print(_codecs.lookup("MY-CODEC") is _codecs.lookup("my-codec"), seen)
_codecs.register_error("dots", lambda exc: ("...", 4))
print(_codecs.lookup_error("dots")(enc_err))
try:
    _codecs.register(42)
except TypeError as e:
    print("TypeError", e)
print("héllo wörld".encode("ascii", "backslashreplace"), "héllo".encode("latin-1", "xmlcharrefreplace"), "€".encode("latin-1", "xmlcharrefreplace"))

# __import__, as the encodings package calls it.
os_path = __import__("os.path")
print(os_path.__name__, __import__("os.path", fromlist=["join"]).__name__)
try:
    __import__("no_such_module_anywhere")
except ImportError as e:
    print(type(e).__name__, e)
