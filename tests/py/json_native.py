# weft's native _json used directly (no CPython Lib needed): scanstring and the
# string encoders. (make_scanner needs json.decoder for its errors: see stdlib_json.py.)
import _json

doc = 'x "plain" "esc\\"\\\\\\/\\b\\f\\n\\r\\t" "\\u00e9\\u20ac\\ud83d\\ude00" "é日本"'
i = 0
while True:
    i = doc.find('"', i)
    if i < 0:
        break
    text, end = _json.scanstring(doc, i + 1)
    print(repr(text), end, repr(doc[end:end + 2]))
    i = end
print(_json.scanstring('"tab\tin"', 1, False))
for s in ['hello', 'quote" back\\ nl\n ctl\x01', 'é日本😀', '']:
    print(_json.encode_basestring(s), _json.encode_basestring_ascii(s))
for bad in [lambda: _json.encode_basestring(1), lambda: _json.scanstring(b"x", 0), lambda: _json.scanstring("x", 5)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
