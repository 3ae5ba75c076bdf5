# UnicodeDecodeError / UnicodeEncodeError raised by the native codecs carry CPython's
# fields (encoding, object, start, end, reason), and str() is built from them.
for data in (b'\xff', b'ab\xe2\x82', b'a\xe2\x28\xa1', b'\xe2', b'x\x80'):
    try:
        data.decode()
    except UnicodeDecodeError as e:
        print(e, "|", e.start, e.end, e.reason, e.encoding, e.object)
try:
    b'a\xc3'.decode('ascii')
except UnicodeDecodeError as e:
    print(e, e.start, e.end)
for text, enc in (("h\xe9", "ascii"), ("x\u20ac", "latin-1"), ("ab\U0001F600", "ascii")):
    try:
        text.encode(enc)
    except UnicodeEncodeError as e:
        print(e, "|", e.start, e.end, e.object, e.reason)
made = UnicodeDecodeError("utf-8", b"abc", 1, 3, "made by hand")
print(made, made.args[2:4])
print(UnicodeEncodeError("ascii", "abc", 0, 1, "one"), UnicodeEncodeError("ascii", "a\U0001F600", 1, 2, "wide"))
