# Bad escapes in str and bytes literals and non-ASCII characters in bytes: the
# decoder's message (which names the escape's position in the literal's body) and
# the span. Expected output from CPython 3.13, not 3.11: since 3.12 the span is the
# literal itself (3.11 marked the token after it), as in CPython 3.14.

def report(src):
    try:
        compile(src, "<escapes>", "exec")
        print(repr(src), "compiles")
    except SyntaxError as e:
        print(repr(src), type(e).__name__, repr(e.msg),
              (e.lineno, e.offset, e.end_lineno, e.end_offset))


B = "\\"
print("-- str")
for body in [
    B + "N{nope}", "ab" + B + "x1g", B + "xg", B + "x", B + "N", B + "N{",
    B + "N{DIGIT ZERO", B + "N{}", B + "u12", B + "U1234", B + "U00110000",
    "\u00e9" + B + "x1", B + "N{DIGIT ZERO}" + B + "N{nope}", "ok" + B + "n" + B + "x5",
    B + "U0001F600" + B + "u0",
]:
    report("s = '" + body + "'")
report("s = '" + B + "N{nope}' + 1")
report("g('" + B + "x1', 2)")
report("s = '''a\nb" + B + "x1'''")
report("s = 'a' '" + B + "x1'")
report("s = u'" + B + "x1'")
report("s = r'" + B + "x1'")

print("-- f-strings")
report("s = f'" + B + "x1'")
report("s = f'{a}" + B + "N{nope}'")
report("s = f'" + B + "u1{a}'")

print("-- bytes")
for src in [
    "s = b'" + B + "x1'", "s = b'ab" + B + "xg'", "s = b'" + B + "x'",
    "s = b'" + B + "u12'", "s = rb'" + B + "x1'",
    "s = b'\u00e9'", "s = b'a\u00e9'", "s = br'\u00e9'",
]:
    report(src)
