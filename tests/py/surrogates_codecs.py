# Encoding and decoding text with lone surrogates: strict errors, the surrogatepass
# and surrogateescape handlers, os.fsencode/fsdecode, json, and writing to stdout.
import io
import json
import os
import sys

hi = '\ud800'
text = 'a' + hi + 'é' + '\udcff' + 'z'


def show(label, f):
    try:
        r = f()
    except Exception as e:
        r = (type(e).__name__, str(e))
    print(label, ascii(r))


def details(f):
    try:
        f()
    except UnicodeError as e:
        print(type(e).__name__, '|', e, '|', e.encoding, e.start, e.end, ascii(e.object), e.reason)


details(lambda: hi.encode('utf-8'))
details(lambda: hi.encode())
details(lambda: ('xy' + hi + '\udc00z').encode())
details(lambda: text.encode('ascii'))
details(lambda: text.encode('latin-1'))
details(lambda: (hi + 'q').encode('utf-8', 'surrogateescape'))
details(lambda: b'\xed\xa0\x80\xff'.decode('utf-8', 'surrogatepass'))
details(lambda: b'ab\xc3'.decode('utf-8', 'surrogatepass'))
details(lambda: bytes(hi, 'utf-8'))
for errors in ['surrogatepass', 'ignore', 'replace', 'backslashreplace', 'xmlcharrefreplace']:
    show(errors, lambda: text.encode('utf-8', errors))
for errors in ['ignore', 'replace', 'backslashreplace', 'xmlcharrefreplace']:
    show('ascii ' + errors, lambda: text.encode('ascii', errors))
show('latin-1', lambda: text.encode('latin-1', 'backslashreplace'))
show('escape out', lambda: ('a\udc80\udcff' + 'b').encode('utf-8', 'surrogateescape'))
show('escape ascii', lambda: '\udcff'.encode('ascii', 'surrogateescape'))
show('pass roundtrip', lambda: text.encode('utf-8', 'surrogatepass').decode('utf-8', 'surrogatepass') == text)
show('pass pair', lambda: b'\xed\xa0\x80\xed\xb0\x80'.decode('utf-8', 'surrogatepass'))
show('escape in', lambda: b'a\x80\xffz'.decode('utf-8', 'surrogateescape'))
show('escape cut', lambda: b'\xe2\x82a\xed\xa0\x80'.decode('utf-8', 'surrogateescape'))
show('escape ascii in', lambda: b'a\x80\xff'.decode('ascii', 'surrogateescape'))
show('bytes ctor', lambda: bytes(hi, 'utf-8', 'surrogatepass'))
show('str ctor', lambda: str(b'\xff\xfe', 'utf-8', 'surrogateescape'))
show('valid escape', lambda: b'plain'.decode('utf-8', 'surrogateescape'))

name = os.fsdecode(b'data\xff.bin')
print(ascii(name), len(name), os.fsencode(name), os.fsencode(name) == b'data\xff.bin')
print(ascii(os.fsdecode(b'\xff')), os.fsencode('\udcff'))
details(lambda: os.fsencode('bad' + hi))

show('json loads', lambda: json.loads('"\\ud800"'))
show('json pair', lambda: json.loads('["\\udc00x", "\\ud83d\\ude00", "\\ud83dq"]'))
show('json dumps', lambda: json.dumps([hi, {'k' + hi: 1}]))
show('json round', lambda: json.loads(json.dumps(text)) == text)
show('json unicode', lambda: json.dumps([hi, {'k' + hi: '\t' + hi}], ensure_ascii=False))
show('json unicode top', lambda: json.dumps(hi + '"', ensure_ascii=False))
show('json literal', lambda: json.loads('["a' + hi + '", {"' + hi + '": 1}]'))
show('json unicode round', lambda: json.loads(json.dumps(text, ensure_ascii=False)) == text)

buf = io.StringIO()
print(hi, 'x', file=buf)
buf.write('\udfff')
print(ascii(buf.getvalue()))

sys.stdout.flush()
try:
    sys.stdout.write(hi + '\n')
except UnicodeEncodeError as e:
    print('write:', e)
try:
    print('before', hi, 'after')
except UnicodeEncodeError as e:
    print('|print:', e)
print('still alive')
