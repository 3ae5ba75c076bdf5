# Module annotations (PEP 649/749). Expected output from CPython 3.13
# (/root/.pyenv/versions/3.13.0/bin/python3), which evaluates them eagerly: the lines
# printed are the behaviour 3.13 and 3.14 share. What only 3.14 does (evaluation on
# first read, forward references, __annotate__, __conditional_annotations__) is
# checked by assertions that run only under 3.14 and print nothing.
import sys
import types

LAZY = sys.version_info >= (3, 14)


def module_from(source, name="annotated"):
    mod = types.ModuleType(name)
    exec(compile(source, name + ".py", "exec"), mod.__dict__)
    return mod


plain = module_from("""
count: int = 3
label: str
if count > 2:
    big: bool = True
else:
    small: bool = False
for _ in range(2):
    looped: float
while False:
    never: complex
try:
    tried: list
except Exception:
    failed: dict
""")
print(plain.__annotations__)
print(plain.__annotations__ is plain.__annotations__)
if LAZY:
    assert "__annotate__" in vars(plain) and "__conditional_annotations__" in vars(plain)
print(plain.count, hasattr(plain, "label"))
if LAZY:
    assert plain.__annotate__(1) == plain.__annotations__
    assert plain.__annotate__(1) is not plain.__annotations__
    try:
        plain.__annotate__(3)
    except NotImplementedError:
        pass
    else:
        raise AssertionError("format 3 is not supported")

# No annotations at all: an empty dict, the same one each time.
empty = module_from("x = 1\n")
print(empty.__annotations__, empty.__annotations__ is empty.__annotations__)

# Assigning and deleting.
plain.__annotations__ = {"replaced": int}
print(plain.__annotations__)
del plain.__annotations__
if LAZY:
    # Deleted annotations are computed again.
    assert sorted(plain.__annotations__) == ["big", "count", "label", "looped", "tried"]

# The standard library's readers of module annotations.
import typing
import inspect

hinted = module_from("""
from typing import List
numbers: List[int] = []
name: "str" = "n"
""")
print(typing.get_type_hints(hinted))
print(inspect.get_annotations(hinted))
print(inspect.get_annotations(hinted, eval_str=True))

# Under the future import the annotations are strings, in __annotations__ at once.
future = module_from("""
from __future__ import annotations
value: Undefined[int] = 1
""")
print(future.__annotations__, "__annotations__" in vars(future))

if LAZY:
    # Nothing is evaluated when the module runs.
    late = module_from("""
first: Later = 1
class Later:
    pass
if first:
    maybe: Later
else:
    not_taken: Missing
""")
    assert "__annotations__" not in vars(late)
    assert callable(late.__annotate__)
    assert late.__annotations__ == {"first": late.Later, "maybe": late.Later}
    assert "__annotations__" in vars(late)
    assert sorted(vars(late)["__conditional_annotations__"]) != []

    # An error in an annotation shows when they are read, and again on the next read.
    broken = module_from("x: undefined_name = 1\n")
    for _ in range(2):
        try:
            broken.__annotations__
        except NameError as e:
            assert "undefined_name" in str(e)
        else:
            raise AssertionError("NameError expected")
    broken.undefined_name = bytes
    assert broken.__annotations__ == {"x": bytes}

    # A module without annotations has no __annotate__.
    no_annotations = module_from("y = 2\n")
    assert no_annotations.__annotate__ is None
print("done")

for args in [(3,), (), ("a", "b", "c")]:
    try:
        types.ModuleType(*args)
    except TypeError as e:
        print(e)
named = types.ModuleType("named", "its doc")
print(named, named.__doc__, sorted(vars(named)))
