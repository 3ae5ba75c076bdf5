# unicodedata on weft (icu_properties, unicode_names2, unicode-normalization): categories,
# names both ways, widths, bidi classes, combining classes, numeric values, normalization.
import unicodedata as ud

for ch in "aZ5 \t!é€中😀\u0301\u00bd\u2163\u0663\u00b2":
    print(repr(ch), ud.category(ch), ud.bidirectional(ch), ud.combining(ch),
          ud.east_asian_width(ch), ud.mirrored(ch), ud.name(ch, "?"))
print(ud.lookup("LATIN SMALL LETTER E WITH ACUTE"), ud.lookup("snowman"))
print(ud.name("\u0000", "no name"), ud.category("\u0378"))
for ch in "7\u0663\u00b2\u00bd\u2163x":
    print(repr(ch), ud.decimal(ch, None), ud.digit(ch, None), ud.numeric(ch, None))
for form in ("NFC", "NFD", "NFKC", "NFKD"):
    out = ud.normalize(form, "e\u0301 \ufb01 \u2460 \u00c5")
    print(form, ascii(out), ud.is_normalized(form, out))
print(ud.decomposition("\u00e9"), repr(ud.decomposition("a")))
print(ud.mirrored("("), ud.mirrored(")"), ud.east_asian_width("\uff21"))
try:
    ud.lookup("NO SUCH THING")
except KeyError as e:
    print("KeyError", e)
for bad in ("ab", 5):
    try:
        ud.category(bad)
    except TypeError as e:
        print("TypeError", e)
try:
    ud.digit("x")
except ValueError as e:
    print("ValueError", e)
try:
    ud.normalize("NFX", "a")
except ValueError as e:
    print("ValueError", e)
print(isinstance(ud.unidata_version, str), ud.ucd_3_2_0.category("A"))
