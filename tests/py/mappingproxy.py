# types.MappingProxyType: a read-only view that follows its mapping; class __dict__.
import types

backing = {"red": 1, "green": 2}
view = types.MappingProxyType(backing)
print(view, repr(view), str(view))
print(len(view), view["red"], view.get("blue"), view.get("blue", -1), view.get("green"))
print(list(view), list(view.keys()), list(view.values()), list(view.items()))
print(list(reversed(view)), "red" in view, "blue" in view)

# The proxy shows later changes to its mapping.
backing["blue"] = 3
print(len(view), view["blue"], sorted(view))

print(view == backing, backing == view, view != {}, view == types.MappingProxyType(backing))
merged = view | {"cyan": 4}
print(type(merged).__name__, merged)
print({"cyan": 4} | view, view | view)
dup = view.copy()
dup["x"] = 0
print(type(dup).__name__, "x" in view)

for src in [
    "view['red'] = 9",
    "del view['red']",
    "view.attr = 1",
    "hash(view)",
    "view['nope']",
    "types.MappingProxyType([1, 2])",
    "types.MappingProxyType((1,))",
    "types.MappingProxyType(42)",
    "types.MappingProxyType()",
    "view |= {}",
    "view.pop('red')",
]:
    try:
        exec(src)
        print("no error:", src)
    except Exception as e:
        print(src, "->", type(e).__name__, e)

print(types.MappingProxyType(mapping={"k": "v"}))
print(types.MappingProxyType(types.MappingProxyType({1: 2})))


class Custom:
    """A mapping that is not a dict: the proxy asks it through its own methods."""

    def __getitem__(self, k):
        if k == "only":
            return 7
        raise KeyError(k)

    def __len__(self):
        return 1

    def __iter__(self):
        return iter(["only"])

    def __contains__(self, k):
        return k == "only"

    def keys(self):
        return ["only"]

    def get(self, k, d=None):
        return 7 if k == "only" else d


cv = types.MappingProxyType(Custom())
print(cv["only"], len(cv), list(cv), "only" in cv, cv.get("x", "dflt"), cv.keys())


class Shape:
    sides = 4

    def area(self):
        return 0


d = Shape.__dict__
print(type(d).__name__, type(d) is types.MappingProxyType, d["sides"], "area" in d)
print(type(vars(Shape)).__name__, type(type.__dict__).__name__, type(int.__dict__).__name__)
Shape.colour = "blue"
print(d["colour"], Shape.__dict__["colour"])
try:
    Shape.__dict__["sides"] = 5
except TypeError as e:
    print("TypeError", e)
print(sorted(k for k in Shape.__dict__ if not k.startswith("__")))
print("sides" in Shape.__dict__.keys(), Shape.__dict__.get("missing", "none"))
