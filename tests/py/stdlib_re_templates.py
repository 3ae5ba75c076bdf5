# re.sub with a template string: groups by number and name, unmatched groups, escapes,
# bytes, counts and a bad group reference (weft fills CPython 3.11's parsed template in
# natively for each match).
import re

p = re.compile(r"(?P<first>a)(b)?(c)")
for template in (r"\3/\2/\1", r"x\g<1>y", r"\g<first>\g<first>", r"[\2]", "lit\\\\n",
                 r"\n\t", r"\g<0>!", "plain"):
    print(repr(p.sub(template, "acabc zz ac")), p.subn(template, "ac ac ac", count=2))
print(re.sub(rb"(\w)(\d)", rb"\2\1", b"a1 b2 c3"))
print(re.sub(r"(\d{4})-(\d\d)-(\d\d)", r"\3.\2.\1", "from 2024-01-31 to 2024-12-01"))
print(re.sub(r"(?m)^(\s*)#", r"\1//", "# one\n   # two\nthree"))
try:
    re.sub(r"(a)", r"\2", "a")
except re.error as e:
    print("error:", e)
try:
    re.sub(r"(a)", r"\g<nope>", "a")
except (re.error, IndexError) as e:
    print(type(e).__name__, e)
