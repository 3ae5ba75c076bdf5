# re over a str holding lone surrogates: the pieces a match cuts out (groups,
# findall, split, sub) keep the surrogates exactly; json's pure-Python string
# scanner, built on re, keeps them too.
import re
from json.decoder import py_scanstring

text = "ab\udd20cd,\ud834x,plain"
m = re.match(r"(\w*)(.)(\w*)", text)
print(ascii(m.groups()), m.span(2))
print(ascii(re.findall(r"[^,]+", text)))
print(ascii(re.split(",", text)))
print(ascii(re.sub("c", "C", text)))
print(ascii(re.sub("plain", "\udfff!", text)))
print(ascii(re.sub(r"(x)", r"[\1\1]", text)))
print(ascii(re.search(r"(.)cd", text).group(1)))
print(ascii([mm.group() for mm in re.finditer(r".,", text)]))
print(ascii(re.subn("a", "\ud800", "banana")))

for raw in ['"z\\ud834\udd20x12345"', '"z\ud834\\udd20x"', '"q\udd20"', '"\\ud834\\udd20"']:
    print(ascii(py_scanstring(raw, 1, True)))
