# find/index/count/startswith/endswith with start and end positions, over ASCII and
# non-ASCII text, including a scan of a long string one position at a time (each call
# used to copy the whole text: quadratic, found by the fuzzer).
text = "abc at 0x1f, " * 20000
hits = 0
i = 0
while i < len(text):
    if text.startswith(" at 0x", i):
        hits += 1
    i += 1
print("startswith hits", hits)
print("find scan", sum(1 for i in range(0, len(text), 7) if text.find("0x", i, i + 9) >= 0))
print("count window", text.count("a", 1000, 50000), text.count("", 5, 9))
print("endswith", sum(text.endswith(", ", 0, k) for k in range(0, 3000)))

for s in ["hello world", "héllo wörld ßß", "", "aaaa", "日本語のテキスト日本"]:
    for sub in ["", "l", "o w", "ö", "ß", "aa", "日本", "x"]:
        for a, b in [(None, None), (1, None), (-3, None), (2, 5), (5, 2), (0, 100), (20, 30)]:
            r = (s.find(sub, a, b), s.rfind(sub, a, b), s.count(sub, a, b),
                 s.startswith(sub, a, b), s.endswith(sub, a, b),
                 s.startswith((sub, "q"), a, b))
            print(repr(s), repr(sub), a, b, r)
print("abc".startswith("", 3), "abc".startswith("", 4), "abc".endswith("", 3, 2))
try:
    "abc".index("d", 1)
except ValueError as e:
    print("ValueError", e)
