# Lone surrogates in str: creation, identity of text, indexing, concatenation,
# hashing and ordering (weft keeps such strs in a flagged exact form).
hi = chr(0xd800)
lo = chr(0xdcff)
print(ascii(hi), ascii(lo), len(hi), ord(hi), ord(lo))
print(hi == '\ud800', lo == '\udcff', hi == '\ufffd', hi != '\ufffd')
print(ascii('\ud800' '\udfff'), len('\ud800\udc00'), '\ud800\udc00' == '\U00010000')
print(ascii("""x\udbffy"""), ascii('\U0000dc80'), ascii(r'\ud800'))
print(ascii('\N{REPLACEMENT CHARACTER}\ud801\ufffd'))

mixed = 'ab' + hi + 'é' + lo + '\ufffd' + 'z'
print(len(mixed), ascii(mixed))
print([ascii(mixed[i]) for i in range(len(mixed))])
print(ascii(mixed[-2]), ascii(mixed[2:5]), ascii(mixed[::-1]), ascii(mixed[1::2]))
print([ascii(c) for c in mixed], [ord(c) for c in mixed])
print(ascii(list(reversed(mixed))))
it = iter(hi + lo)
print(ascii(next(it)), ascii(next(it)), next(it, 'end'))

print(ascii(hi + lo), ascii(hi * 3), len(lo * 4), ascii(2 * (hi + 'x')))
print(ascii(''.join([hi, 'a', lo])), ascii(hi.join(['1', '2', '3'])), ascii('-'.join(hi + lo)))
joined = ''.join(['a', 'b'])
print(joined, type(joined).__name__)
print(ascii(f'<{hi}>'), ascii(f'{hi}{lo}'), ascii(f'{hi!s}'), ascii(f'{hi!r}'), ascii(f'{lo:*^5}'))
print(ascii(format(hi, '>3')), ascii('{}|{}'.format(hi, lo)), ascii('%s-%s' % (hi, lo)))

print(hash(hi) == hash(chr(0xd800)), hash(hi + 'a') == hash('\ud800a'))
d = {hi: 'high', '\ufffd': 'replacement', lo: 'low'}
print(len(d), d['\ud800'], d['\ufffd'], d[chr(0xdcff)])
print(sorted(ascii(k) for k in d))
s = {hi, '\ud800', lo, '\ufffd'}
print(len(s), hi in s, '\ufffd' in s, chr(0xdfff) in s)
print(hi in mixed, '\ufffd' in mixed, lo + '\ufffd' in mixed, hi + lo in mixed, '' in hi)
print('\ud7ff' < hi < lo < '\ue000' < '\ufffd' < '\U00010000')
print(ascii(sorted(['\ue000', lo, 'a', hi, '\U00010000', '\ufffd'])))
print(ascii(max(mixed)), ascii(min(hi, lo)))
print(ascii(str(hi)), str(hi) is hi, ascii(repr(mixed)), repr(hi))
print(ascii(ascii(hi)), ascii(mixed.__repr__()))


class Sub(str):
    pass


u = Sub('q' + hi)
print(len(u), ascii(u), ascii(str(u)), u == 'q' + hi, ascii(u + lo), ascii(u[1]))
print(ascii(chr(0xdbff) + chr(0xdc00)), len(chr(0xdbff) + chr(0xdc00)))
print(ascii(''.join(chr(c) for c in range(0xd7fe, 0xd803))))
try:
    chr(0x110000)
except ValueError as e:
    print('ValueError', e)
try:
    ord(hi + lo)
except TypeError as e:
    print('TypeError', e)


class Shown:
    def __str__(self):
        return 'shown' + lo


class Wrapped:
    def __str__(self):
        return Sub('w' + hi)


print(ascii(str(Shown())), ascii(str(Wrapped())), type(str(Wrapped())).__name__)

# Surrogate literals inside constant tuples, defaults and match patterns.
pair = ('\ud800', 1)
print(ascii(pair), '\ud800' in ('\ud800', 'b'), '\ufffd' in ('\ud800',))


def default(a='\udfff'):
    return a


print(ascii(default()))
for item in ['\ud800', '\ufffd', 'x']:
    match item:
        case '\ud800':
            print('case surrogate')
        case '\ufffd':
            print('case replacement')
        case _:
            print('case other')
