# The json package from CPython's Lib on weft (its pure-Python scanner and encoder,
# or weft's _json where present): round trips, formatting options, errors.
import json

doc = {
    "name": "weft",
    "tags": ["fast", "threads", "gc"],
    "nested": {"list": [1, 2.5, -3e-7, None, True, False], "empty": {}, "none": []},
    "text": "quote\" backslash\\ tab\t newline\n é 日本 😀 \u0007",
    "big": 12345678901234567890,
}
s = json.dumps(doc)
print(s)
print(json.loads(s) == doc)
print(json.dumps(doc, sort_keys=True, indent=2))
print(json.dumps(doc["text"], ensure_ascii=False))
print(json.dumps([1, {"a": (1, 2)}], separators=(",", ":")))
print(json.dumps({3: "int key", 1.5: "float key", True: "bool", None: "none"}))
print(json.dumps(float("inf")), json.dumps(float("nan")), json.dumps(-0.0), json.dumps(1e100))
print(json.loads('[1, 2.0, -3, 1e3, 1E-2, "x", true, false, null]'))
print(json.loads('"\\u00e9\\ud83d\\ude00\\n\\"\\/"'))
print(json.loads('{"a": {"b": [{"c": []}]}}'))
print(json.loads("  [ ]  "), json.loads("{}"), json.loads('"tab\\tnl"'))
print(json.loads('{"x": 1.1}', parse_float=str), json.loads("[7]", parse_int=float))
print(json.loads('{"b": 1, "a": 2}', object_pairs_hook=list))
print(json.loads('{"a": 1}', object_hook=lambda d: sorted(d.items())))
print(json.loads("[NaN, Infinity, -Infinity]"))
print(json.dumps("x" * 3, default=str), json.dumps({"s": {1, 2}}, default=sorted))


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y


class PointEncoder(json.JSONEncoder):
    def default(self, o):
        if isinstance(o, Point):
            return {"x": o.x, "y": o.y}
        return super().default(o)


print(json.dumps([Point(1, 2)], cls=PointEncoder))
for bad in ['{"a": }', "[1, 2", '{"a" 1}', '"unterminated', "[1,]", "tru", '{"a": 1} x', "", '"\\x"', "[01]"]:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print(repr(bad), "->", e.msg, e.pos, e.lineno, e.colno)
try:
    json.dumps({"a": object()})
except TypeError as e:
    print("TypeError", e)
try:
    json.dumps([float("nan")], allow_nan=False)
except ValueError as e:
    print("ValueError", e)
circular = []
circular.append(circular)
try:
    json.dumps(circular)
except ValueError as e:
    print("ValueError", e)
print(json.loads(b'{"bytes": "in"}'), json.loads('\ufeff[1]'.encode("utf-8")))

# The one-shot encoder (no indent): keys, subclasses, options, errors.
class MyStr(str):
    pass


class MyInt(int):
    def __repr__(self):
        return "MyInt!"


class MyFloat(float):
    pass


class MyDict(dict):
    pass


print(json.dumps({MyStr("k"): [MyInt(7), MyFloat(2.5), True, MyStr("v")]}))
print(json.dumps(MyDict(b=1, a=[()]), sort_keys=True))
print(json.dumps({2.5: 1, float("inf"): 2, False: 3, 10**20: 4, None: 5}))
print(json.dumps({"b": 1, "a": 2, "é": 3, "Z": 4}, sort_keys=True, ensure_ascii=False))
print(json.dumps({(1, 2): "tuple key", "ok": 1}, skipkeys=True))
print(json.dumps([1, [2, [3, {"x": [4]}]]], separators=(";", "=")))
for bad in [
    lambda: json.dumps({(1, 2): 1}),
    lambda: json.dumps({1: 1, "a": 2}, sort_keys=True),
    lambda: json.dumps({"a": float("nan")}, allow_nan=False),
    lambda: json.dumps({float("nan"): 1}, allow_nan=False),
    lambda: json.dumps(b"bytes"),
]:
    try:
        print(bad())
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
d = {}
d["self"] = d
try:
    json.dumps(d)
except ValueError as e:
    print("ValueError", e)
try:
    json.dumps(d, check_circular=False)
except RecursionError:
    print("RecursionError")
print(json.dumps("ascii é\u2028\x7f\U0001f600"), json.dumps("é\u2028\x7f", ensure_ascii=False))
