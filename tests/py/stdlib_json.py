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
circular = []
circular.append(circular)
try:
    json.dumps(circular)
except ValueError as e:
    print("ValueError", e)
print(json.loads(b'{"bytes": "in"}'), json.loads('\ufeff[1]'.encode("utf-8")))
