# weft's native _sre, used directly (no CPython Lib needed): constants, the case
# helpers, and a few hand-assembled code lists run through _sre.compile.
import _sre

print("codesize", _sre.CODESIZE, _sre.getcodesize())
print("maxrepeat", _sre.MAXREPEAT, "maxgroups", _sre.MAXGROUPS)
print("magic is an int", type(_sre.MAGIC) is int)

for ch in "aZ9_éÉßΣς\u0130":
    c = ord(ch)
    print(
        repr(ch),
        _sre.ascii_iscased(c),
        _sre.unicode_iscased(c),
        _sre.ascii_tolower(c),
        _sre.unicode_tolower(c),
    )

# Opcode numbers of CPython 3.11's re/_constants.py.
FAILURE, SUCCESS, ANY, AT, IN, LITERAL, MARK, RANGE, REPEAT_ONE = 0, 1, 2, 6, 13, 16, 17, 22, 24
MAX_REPEAT = _sre.MAXREPEAT
AT_END = 5

# "ab": LITERAL a, LITERAL b, SUCCESS
ab = _sre.compile("ab", 32, [LITERAL, 97, LITERAL, 98, SUCCESS], 0, {}, (None,))
print(ab, ab.pattern, ab.flags, ab.groups)
print(ab.match("abc"), ab.match("xab"), ab.search("xxab"))
print(ab.findall("ab-ab-a"), ab.split("1ab2ab3"), ab.sub("-", "xaby"))

# "(x)y?": MARK 0, LITERAL x, MARK 1, then y repeated 0..1 times.
code = [MARK, 0, LITERAL, 120, MARK, 1, REPEAT_ONE, 6, 0, 1, LITERAL, 121, SUCCESS, SUCCESS]
xy = _sre.compile("(x)y?", 32, code, 1, {"first": 1}, (None, "first"))
m = xy.search("..xy..x")
print(m, m.groups(), m.span(1), m.lastindex, m.lastgroup, m.group("first"), m["first"])
print([mm.span() for mm in xy.finditer("xyxxy")])

# "[a-c]+$": REPEAT_ONE over IN(RANGE a..c), then AT_END.
code = [REPEAT_ONE, 10, 1, MAX_REPEAT, IN, 5, RANGE, 97, 99, FAILURE, SUCCESS, AT, AT_END, SUCCESS]
tail = _sre.compile("[a-c]+$", 32, code, 0, {}, (None,))
print(tail.search("xxabcab"), tail.search("abcx"), tail.fullmatch("cab"))

# The same code on bytes.
btail = _sre.compile(b"[a-c]+$", 0, code, 0, {}, (None,))
print(btail.search(b"zzcab"), btail.search(bytearray(b"zzba")))

for bad in [
    lambda: ab.match(b"ab"),
    lambda: btail.match("ab"),
    lambda: ab.match(3),
    lambda: m.group(5),
    lambda: m.group("second"),
    lambda: _sre.compile("x", 0, [LITERAL, 2 ** 40, SUCCESS], 0, {}, (None,)),
    lambda: _sre.compile("x", 0, [LITERAL, "a", SUCCESS], 0, {}, (None,)),
]:
    try:
        print("no error", bad())
    except Exception as e:
        print(type(e).__name__, e)

# Scanners step through a subject; two threads cannot step one at the same time.
sc = ab.scanner("abab-ab")
print(sc.pattern is ab, sc.match(), sc.match(), sc.match(), sc.search(), sc.search())
