# difflib and pprint.
import difflib
import pprint

a = "the quick brown fox\njumps over\nthe lazy dog\n".splitlines(keepends=True)
b = "the quick red fox\njumps over\nthe lazy dog\nand runs\n".splitlines(keepends=True)
print("".join(difflib.unified_diff(a, b, "before", "after")))
print("".join(difflib.ndiff(["one\n", "two\n"], ["one\n", "too\n"])))
sm = difflib.SequenceMatcher(None, "abcdefg", "abxdefyg")
print(round(sm.ratio(), 4), sm.get_matching_blocks(), sm.get_opcodes())
print(difflib.get_close_matches("appel", ["ape", "apple", "peach", "puppy"]))
data = {"name": "weft", "versions": list(range(12)), "nested": {"deep": [{"k": i} for i in range(3)]},
        "text": "a long string " * 5}
pprint.pprint(data)
pprint.pprint(data, width=40, depth=2)
print(pprint.pformat([1, [2, [3, [4, [5]]]]], depth=3), pprint.saferecursive if hasattr(pprint, "saferecursive") else "")
r = [1, 2]
r.append(r)
print(pprint.pformat(r).split(" with id")[0], pprint.isrecursive(r), pprint.isreadable(r))
print(pprint.pformat({"b": 1, "a": 2}, sort_dicts=False), pprint.pformat({"b": 1, "a": 2}))
