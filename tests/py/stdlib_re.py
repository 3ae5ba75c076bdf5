# The `re` package from CPython's Lib, running on weft's native `_sre`.
# Each section prints what it finds; the expected output is CPython's.
import re


def show(label, value):
    print(label, "->", value)


def spans(it):
    return [m.span() for m in it]


def attempt(label, fn):
    try:
        show(label, fn())
    except Exception as exc:
        show(label, "%s: %s" % (type(exc).__name__, exc))


# --- the three ways to match -------------------------------------------------
digits = re.compile(r"\d+")
show("match at start", digits.match("123abc"))
show("match not at start", digits.match("abc123"))
show("search", digits.search("abc123def"))
show("fullmatch whole", digits.fullmatch("4567"))
show("fullmatch partial", digits.fullmatch("4567x"))
show("alternation prefers first", re.match("a|ab", "ab").group())
show("fullmatch backtracks", re.fullmatch("a|ab", "ab").group())
show("pos and endpos", digits.search("12345", 1, 3))
show("negative pos", digits.match("987", -4).span())
show("pos past end", digits.search("987", 10))
show("empty pattern pos>endpos", re.compile("").match("abcdef", 5, 2))

# --- groups ------------------------------------------------------------------
date = re.compile(r"(?P<year>\d{4})-(?P<month>\d\d)(?:-(?P<day>\d\d))?")
m = date.search("due 2024-03 and 2025-12-31")
show("groups", m.groups())
show("groups default", m.groups("none"))
show("groupdict", m.groupdict())
show("groupdict default", m.groupdict(default=0))
show("group by name and number", m.group("year", 2, "day"))
show("getitem", (m[0], m["month"], m[1]))
show("start/end/span", (m.start(), m.end(2), m.span("day"), m.span(0)))
show("lastindex/lastgroup", (m.lastindex, m.lastgroup))
show("regs", m.regs)
show("pos/endpos", (m.pos, m.endpos))
show("re is the pattern", m.re is date)
show("string is the subject", m.string)
m2 = date.search("2025-12-31")
show("second date", (m2.groupdict(), m2.lastgroup))
show("pattern attrs", (date.groups, sorted(dict(date.groupindex).items())))
show("pattern source", date.pattern)
show("unnamed lastgroup", re.match(r"(a)(b)", "ab").lastgroup)
show("no groups lastindex", re.match("x", "x").lastindex)
attempt("bad group number", lambda: m.group(7))
attempt("bad group name", lambda: m.group("week"))
attempt("bad group type", lambda: m.group(1.0))
attempt("negative group", lambda: m.start(-1))
show("bool group index", m.group(True))
show("expand", m2.expand(r"\g<day>/\g<month>/\1"))
show("expand bytes", re.match(rb"(\w+)", b"hi").expand(rb"[\1]"))
show("nested groups", re.match(r"((a)(b(c)))", "abc").groups())
show("repeated group keeps last", re.match(r"(\w)+", "xyz").group(1))
show("optional group unmatched", re.match(r"(a)?b", "b").span(1))

# --- backreferences and conditionals ----------------------------------------
show("backref", re.search(r"(\w+) \1", "say hello hello there").group())
show("named backref", re.search(r"(?P<q>['\"]).*?(?P=q)", "x 'quoted' y").group())
show("conditional yes", re.match(r"(<)?\w+(?(1)>)", "<tag>").group())
show("conditional no", re.match(r"(<)?\w+(?(1)>)", "tag>").group())
show("ignorecase backref", re.match(r"(?i)(ab)\1", "abAB").group())

# --- lookaround ----------------------------------------------------------------
show("lookahead", re.findall(r"\w+(?=:)", "a: b c: d"))
show("negative lookahead", re.findall(r"\b\w+\b(?!:)", "a: b c: d"))
show("lookbehind", re.findall(r"(?<=\$)\d+", "cost $12 or $345 or 7"))
show("negative lookbehind", re.findall(r"(?<!\$)\b\d+", "cost $12 or $345 or 7"))
show("lookbehind with group", re.search(r"(?<=(a))b", "ab").span(1))

# --- repetition ---------------------------------------------------------------
show("greedy", re.match(r"<.*>", "<a><b>").group())
show("lazy", re.match(r"<.*?>", "<a><b>").group())
show("counted", re.findall(r"x{2,3}", "x xx xxx xxxx"))
show("possessive", re.match(r"a*+a", "aaa"))
show("atomic group", re.match(r"(?>a+)b", "aaab").group())
show("lazy counted", re.match(r"a{2,4}?", "aaaa").group())

# --- flags --------------------------------------------------------------------
show("IGNORECASE", re.findall(r"straße", "STRASSE Straße STRAßE", re.I))
show("IGNORECASE unicode", re.match(r"ΣΊΣΥΦΟΣ", "σίσυφος", re.I) is not None)
show("IGNORECASE ascii only", re.match(r"é", "É", re.I | re.A))
show("MULTILINE", re.findall(r"^\w+$", "one\ntwo\nthree", re.M))
show("no MULTILINE", re.findall(r"^\w+$", "one\ntwo"))
show("DOTALL", re.match(r"a.b", "a\nb", re.S) is not None)
show("no DOTALL", re.match(r"a.b", "a\nb"))
verbose = re.compile(
    r"""
    (?P<key> [a-z_]+ )   # a name
    \s* = \s*            # equals, spaced any way
    (?P<val> \d+ )       # a number
    """,
    re.X,
)
show("VERBOSE", verbose.findall("x = 1, long_name=22"))
show("ASCII \\w", re.findall(r"\w+", "naïve café", re.A))
show("unicode \\w", re.findall(r"\w+", "naïve café"))
show("unicode \\d", re.findall(r"\d", "1٣۴x"))
show("ASCII \\d", re.findall(r"\d", "1٣۴x", re.ASCII))
show("unicode \\s", len(re.findall(r"\s", " \t\u00a0\u2003x")))
show("inline flags", re.findall(r"(?im)^b\w*", "Bat\nbob\nxb"))
show("scoped flags", re.findall(r"a(?i:b)c", "abc aBc aBC"))
show("pattern flags value", re.compile("x", re.I | re.M).flags)
show("bytes flags value", re.compile(b"x").flags)

# --- findall, finditer, split ----------------------------------------------------
show("findall no groups", re.findall(r"[aeiou]", "education"))
show("findall one group", re.findall(r"(\w)=", "a=1 b=2"))
show("findall groups", re.findall(r"(\w)=(\d)?", "a=1 b= c=3"))
show("findall empty matches", re.findall(r"x*", "axxb"))
show("finditer spans", spans(re.finditer(r"\w+", "to be or not")))
show("finditer empty", spans(re.finditer(r"", "abc")))
show("finditer pos/endpos", spans(re.compile(r"\w").finditer("abcdef", 2, 4)))
show("split", re.split(r"[,;]\s*", "a, b;c,  d"))
show("split with groups", re.split(r"([,;])", "a,b;c"))
show("split with optional group", re.split(r"(-)?\+", "a+b-+c"))
show("split maxsplit", re.split(r"\s+", "a b c d", maxsplit=2))
show("split empty matches", re.split(r"\b", "ab cd"))
show("split nothing", re.split(r"x", "abc"))
show("split negative maxsplit", re.split(r"b", "abc", -1))

# --- sub and subn ---------------------------------------------------------------
show("sub template", re.sub(r"(\w+) (\w+)", r"\2 \1", "hello world, big day"))
show("sub named template", re.sub(r"(?P<n>\d+)", r"<\g<n>>", "a1b22"))
show("sub g<0>", re.sub(r"\d", r"[\g<0>]", "a1b2"))
show("sub escapes", re.sub(r"-", r"\n\t\\", "a-b"))
show("sub function", re.sub(r"\d+", lambda m: str(int(m.group()) * 2), "3 apples, 12 pears"))
show("sub function returns None", re.sub(r"\d", lambda m: None, "a1b2"))
show("sub count", re.sub(r"a", "A", "banana", count=2))
show("subn", re.subn(r"\s+", " ", "  many   spaces here "))
show("subn no match", re.subn(r"z", "y", "abc"))
show("sub empty matches", re.sub(r"x*", "-", "abxd"))
show("sub unmatched group", re.sub(r"(a)|b", r"[\1]", "ab"))
show("sub compiled", digits.sub("#", "a1b22c333"))
show("sub negative count", re.sub("a", "b", "aaa", -1))
attempt("sub bad group", lambda: re.sub(r"(a)", r"\2", "a"))
attempt("sub bad escape", lambda: re.sub(r"a", r"\q", "a"))
attempt("sub function returns int", lambda: re.sub(r"a", lambda m: 1, "xa"))
attempt("sub bytes repl on str", lambda: re.sub(r"a", b"b", "a"))

# --- bytes -------------------------------------------------------------------------
bpat = re.compile(rb"(?P<k>\w+)=(?P<v>[^;]*)")
show("bytes findall", bpat.findall(b"a=1;bb=two;c="))
show("bytes match", bpat.match(b"key=val"))
show("bytes groupdict", bpat.match(b"key=val").groupdict())
show("bytes sub", re.sub(rb"\d", b"#", b"a1b2"))
show("bytes sub template", re.sub(rb"(\w)(\d)", rb"\2\1", b"a1b2"))
show("bytes split", re.split(rb",", b"x,y,,z"))
show("bytearray subject", re.search(rb"b+", bytearray(b"abbbc")))
show("bytearray group", re.search(rb"b+", bytearray(b"abbbc")).group())
show("bytes ignorecase", re.findall(rb"(?i)ab", b"AB ab aB"))
show("bytes non-ascii", re.findall(rb"[\x80-\xff]+", b"a\xe9\xffb"))
show("bytes \\w is ascii", re.findall(rb"\w+", "é x".encode()))
attempt("str pattern on bytes", lambda: re.match("a", b"a"))
attempt("bytes pattern on str", lambda: re.match(b"a", "a"))
attempt("not a string", lambda: re.match("a", 12))

# --- unicode -------------------------------------------------------------------------
text = "Ünïcödé 日本語 text, emoji 😀 here"
show("unicode search", re.search(r"日本\w", text))
show("unicode spans", spans(re.finditer(r"\w+", text)))
show("unicode sub", re.sub(r"[^\x00-\x7f]", "?", text))
show("unicode lookbehind", re.findall(r"(?<=ö)d|(?<=😀) h", text))
show("astral class", re.findall(r"[\U0001F600-\U0001F64F]", "a😀b😃"))
show("unicode pos", re.compile(r"\w").search("ééé abc", 2).span())
show("unicode split", re.split(r"\s*,\s*", "α , β,γ"))
show("unicode ignorecase", re.findall(r"(?i)é", "ÉéE"))

# --- escapes and classes ---------------------------------------------------------------
show("escape", re.escape("a.b*c?(d)[e] f"))
show("escape bytes", re.escape(b"1+1=2"))
show("escaped pattern", re.findall(re.escape("1+1"), "1+1=2, 1+1"))
show("class ranges", re.findall(r"[a-cx-z0-2]+", "abcdxyz0123"))
show("negated class", re.findall(r"[^\s,]+", "a, b  c"))
show("anchors", (re.findall(r"\Aa", "aa"), re.findall(r"a\Z", "aa\n"), re.findall(r"a$", "aa\n")))
show("word boundary", re.findall(r"\bcat\b", "cat concat cat."))
show("non boundary", re.findall(r"\Bcat", "cat concat"))
show("octal and hex", re.findall(r"\x41\101\u0042\U00000061", "AABa"))
show("dot excludes newline", re.findall(r".", "a\nb"))

# --- scanner ------------------------------------------------------------------------------
sc = re.compile(r"\d+|\s+").scanner("12 34x")
show("scanner match 1", sc.match())
show("scanner match 2", sc.match())
show("scanner match 3", sc.match())
show("scanner match 4", sc.match())
show("scanner stays done", sc.match())
sc = re.compile(r"a*").scanner("baac")
show("scanner search", [sc.search().span() for _ in range(4)], )
show("scanner end", sc.search())
lex = re.Scanner([(r"\d+", lambda s, t: int(t)), (r"[a-z]+", lambda s, t: t.upper()), (r"\s+", None)])
show("re.Scanner", lex.scan("ab 12 cd 3!"))

# --- objects ---------------------------------------------------------------------------------
p = re.compile(r"(x)(?P<y>y)")
show("pattern repr", repr(p))
show("pattern repr flags", repr(re.compile(r"a", re.I | re.S)))
show("pattern repr bytes", repr(re.compile(rb"a\d")))
show("pattern repr ascii", repr(re.compile(r"a", re.A)))
show("pattern repr long", repr(re.compile("x" * 300)))
show("match repr", repr(p.match("xy")))
show("match repr long", repr(re.match(r".*", "y" * 100)))
show("types", (type(p).__name__, type(p).__module__, type(p.match("xy")).__name__))
show("isinstance Pattern", isinstance(p, re.Pattern) and isinstance(p.match("xy"), re.Match))
show("equal patterns", re.compile("a+") == re.compile("a+"))
show("different flags", re.compile("a+") == re.compile("a+", re.I))
show("different kinds", re.compile("a") == re.compile(b"a"))
show("equal hashes", hash(re.compile("q+", re.M)) == hash(re.compile("q+", re.M)))
show("not equal", re.compile("a") != re.compile("b"))
import copy
show("copy is same", copy.copy(p) is p and copy.deepcopy(p) is p)
mm = p.match("xy")
show("match copy is same", copy.copy(mm) is mm)
show("cache returns same", re.compile("cached") is re.compile("cached"))
show("purge", (re.purge(), re.compile("cached").pattern))

# --- errors ---------------------------------------------------------------------------------
for bad in ["(", "a)", "[a", "a{2,1}", "*a", "(?P<1>x)", r"\1", "(?<=a+)b", "(?P<n>a)(?P<n>b)", "a**", r"\p", "(?z)"]:
    try:
        re.compile(bad)
        show("compiled", bad)
    except re.error as e:
        show("error " + repr(bad), (str(e), e.msg, e.pos, e.lineno, e.colno))
try:
    re.compile("(?x)\n  abc\n  (\n")
except re.error as e:
    show("multiline error", (str(e), e.lineno, e.colno))
attempt("flags with compiled", lambda: re.compile(p, re.I))
attempt("template", lambda: re.sub("a", "\\", "a"))
attempt("bad pos type", lambda: p.match("xy", "1"))
attempt("huge pos", lambda: p.search("xy", 2 ** 70))
