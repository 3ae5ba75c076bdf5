# bytes
b = b'hello'
print(b, len(b), b[0], b[-1], b[1:3], b[::-1], b[::2])
print(type(b[0]).__name__, type(b[0:1]).__name__)
print(b'', b'\x00\x01\xff', b'a\nb\tc\\', b"it's", b'say "hi"', b'\x7f\x80')
print(repr(b'\r'), repr(b"'\""), str(b'ab'))
print(b + b' world', b * 2, b'ab' * 0)
print(b == b'hello', b != b'hellO', b < b'help', b'a' in b'abc', 104 in b, 120 in b)
print(b.decode(), b'caf\xc3\xa9'.decode('utf-8'), 'café'.encode())
print(bytes(3), bytes([65, 66, 67]), bytes('xyz', 'ascii'), bytes(range(5)))
print(list(b'abc'), tuple(b'\x01\x02'), sum(b'\x01\x02\x03'))
print(b.upper(), b.find(b'l'), b.count(b'l'), b.startswith(b'he'), b.endswith(b'lo'))
print(b'a,b,c'.split(b','), b'-'.join([b'x', b'y']), b'  s  '.strip(), b.replace(b'l', b'L'))
print(b.index(b'o'), b.hex(), bytes.fromhex('deadbeef'))
for x in b'hi':
    print(x, chr(x))
print(hash(b'abc') == hash(b'abc'), b'abc' == 'abc')
try:
    b[0] = 1
except TypeError as e:
    print(type(e).__name__, e)
try:
    b'a' + 'b'
except TypeError as e:
    print(type(e).__name__, e)
try:
    bytes([256])
except ValueError as e:
    print(type(e).__name__, e)
try:
    b[10]
except IndexError as e:
    print(type(e).__name__, e)
print(b'abc'.isalpha(), b'123'.isdigit(), b'AbC'.lower())
