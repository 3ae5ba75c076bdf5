# SyntaxErrors inside f-string replacement fields: empty fields, bad conversions,
# fields never closed, stray braces and brackets, two expressions side by side.
# Expected output from CPython 3.13, not 3.11: weft reads f-strings with the 3.12+
# grammar (PEP 701), whose messages and spans differ from 3.11's; 3.14 is weft's
# reference and agrees with 3.13 on these.

def report(src):
    try:
        compile(src, "<fstrings>", "exec")
        print(repr(src), "compiles")
    except SyntaxError as e:
        print(repr(src), type(e).__name__, repr(e.msg),
              (e.lineno, e.offset, e.end_lineno, e.end_offset))


print("-- empty fields")
for src in ["f'{}'", "f'{ }'", "f'{!r}'", "f'{ !s}'", "f'{:>4}'", "f'{=}'",
            "f'''{\n}'''", "f'{v:{}}'"]:
    report(src)

print("-- conversions")
for src in ["f'{v!q}'", "f'{v!}'", "f'{v!:>3}'", "f'{v!rs}'", "f'{v!7}'",
            "f'{v=!q}'", "f'{v!q:>3}'", "f'{v:{w!q}}'", "f'{v!s }'"]:
    report(src)

print("-- fields never closed")
for src in ["f'{'", "f'{v'", "f'{v!r'", "f'{v:'", "f'{v!r:'", "f'{v:{'",
            "f'{v:{w}'", "f'{v}{'", "f'{v} {w'", "f'{v = }' f'{'", "f'{#}'",
            "f'{v # note}'"]:
    report(src)

print("-- braces and brackets")
for src in ["f'}'", "f'a}b'", "f'{v}}'", "f'{v}}}'", "f'{v:}}'", "f'{{}'",
            "f'{v)}'", "f'{v]}'", "f'{(v}'"]:
    report(src)

print("-- expressions")
for src in ["f'{p q}'", "f'{1 2}'", "s = f'{p q}' + 1", "f'{p, q r}'",
            "f'{p + }'", "f'{p * }'"]:
    report(src)
