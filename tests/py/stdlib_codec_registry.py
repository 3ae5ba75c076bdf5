# str.encode / bytes.decode through the codec registry and the error handlers.
import codecs

print("h\u00e9llo".encode("utf-16"), "h\u00e9llo".encode("utf-16-be"), "x".encode("utf-32-le"))
print(b"\xff\xfeh\x00i\x00".decode("utf-16"), b"\x00h\x00i".decode("UTF_16_BE"))
print("caf\u00e9 \u20ac".encode("cp1252"), b"\x80\xe9".decode("cp1252"))
print("\u00e9".encode("iso8859-15"), "abc".encode("utf-8-sig"), b"\xef\xbb\xbfabc".decode("utf-8-sig"))
print(b"a\\u00e9\\n".decode("unicode_escape"), "a\u00e9\n".encode("raw_unicode_escape"))
print(str(b"\xe9t\xe9", "latin-1"), bytes("\u00e9t\u00e9", "utf-16-le"))

text = "a\u00e9\u20ac\U0001f600z"
for errors in ("ignore", "replace", "backslashreplace", "xmlcharrefreplace", "namereplace"):
    print(errors, text.encode("ascii", errors), text.encode("latin-1", errors))
data = b"a\xff\xe2\x82z\x80"
for errors in ("ignore", "replace", "backslashreplace"):
    print(errors, data.decode("utf-8", errors), data.decode("ascii", errors))


def spans(exc):
    return ("<%s %d-%d>" % (type(exc).__name__, exc.start, exc.end), exc.end)


codecs.register_error("spans", spans)
print(text.encode("ascii", "spans"), data.decode("utf-8", "spans"), data.decode("ascii", "spans"))


def shout(name):
    if name == "shout":
        return codecs.CodecInfo(lambda s, errors="strict": (s.upper().encode(), len(s)),
                                lambda b, errors="strict": (bytes(b).decode().upper(), len(b)),
                                name="shout")
    if name == "wrong":
        return codecs.CodecInfo(lambda s, errors="strict": (s, len(s)),
                                lambda b, errors="strict": (bytes(b), len(b)), name="wrong")
    return None


codecs.register(shout)
print("quiet".encode("shout"), b"quiet".decode("shout"))
for call in (lambda: "x".encode("wrong"), lambda: b"x".decode("wrong"),
             lambda: "x".encode("no-such-codec"), lambda: b"x".decode("no-such-codec"),
             lambda: "x".encode("rot13"), lambda: "x".encode("hex"),
             lambda: "\u00e9".encode("ascii", "no-such-handler"),
             lambda: "\u00e9".encode("ascii"), lambda: b"a\xe2\x82b".decode("utf-8"),
             lambda: b"\x80".decode("ascii", "strict")):
    try:
        print(call())
    except (LookupError, TypeError, UnicodeError) as e:
        print(type(e).__name__, e)
codecs.unregister(shout)
print(codecs.lookup("UTF8").name, codecs.lookup("latin_1").name)
