# frame.f_locals as PEP 667's write-through FrameLocalsProxy (expected output from
# CPython 3.14, tools/get_cpython314.sh: 3.14 refuses to delete a variable with
# ValueError and deletes other keys, where 3.13 refused both with TypeError).
import sys


def show(label, value):
    print(label, value)


def writes():
    count = 1
    word = "a"
    proxy = sys._getframe().f_locals
    show("type", type(proxy).__name__)
    proxy["count"] = 40
    proxy["word"] += "bc"
    count += 2
    show("locals changed", (count, word))
    show("same proxy each read", sys._getframe().f_locals is sys._getframe().f_locals)
    show("keys", list(proxy))
    show("len", len(proxy))


writes()


def cells(arg):
    captured = 3

    def inner():
        return arg, captured

    proxy = sys._getframe().f_locals
    proxy["arg"] = "new arg"
    proxy["captured"] = 30
    show("closure sees writes", inner())
    show("items", [(k, v) for k, v in proxy.items() if k != "inner" and k != "proxy"])


cells("old")


def free_vars():
    outer_value = 1

    def inner():
        nonlocal outer_value
        proxy = sys._getframe().f_locals
        proxy["outer_value"] = proxy["outer_value"] + 100
        return list(proxy)

    show("inner keys", inner())
    return outer_value


show("free variable written", free_vars())


def extras():
    here = 0
    proxy = sys._getframe().f_locals
    proxy["elsewhere"] = 5
    proxy[7] = "seven"
    show("extras kept", (proxy["elsewhere"], proxy[7], "elsewhere" in proxy, 7 in proxy))
    again = sys._getframe().f_locals
    show("another proxy sees them", (again["elsewhere"], list(again)[-2:]))
    show("get", (proxy.get("here"), proxy.get("nothing"), proxy.get("nothing", "dflt")))
    show("setdefault", (proxy.setdefault("here", 9), proxy.setdefault("fresh", 9),
                        proxy["fresh"]))
    try:
        proxy["missing"]
    except KeyError as e:
        show("KeyError", e)
    for key in ("here", "elsewhere"):
        try:
            del proxy[key]
            show("del " + key, "done")
        except (TypeError, ValueError) as e:
            show("del " + key, e)
    return sys._getframe()


frame = extras()
# A finished frame keeps its final variables, extras included, and stays writable.
finished = frame.f_locals
show("finished", dict(finished))
finished["here"] = 123
show("finished write", frame.f_locals["here"])


def unbound():
    later = 1
    del later
    proxy = sys._getframe().f_locals
    show("unbound absent", ("later" in proxy, "later" in list(proxy)))
    proxy["later"] = "bound again"
    return later


show("rebound", unbound())


def mapping_methods():
    a, b = 1, 2
    proxy = sys._getframe().f_locals
    show("keys/values types", (type(proxy.keys()).__name__, type(proxy.values()).__name__))
    show("values", proxy.values()[:2])
    show("copy", (type(proxy.copy()).__name__, proxy.copy() == proxy))
    show("eq", (proxy == {"a": 1, "b": 2, "proxy": proxy}, proxy != {}, proxy == 3))
    show("reversed", list(reversed(proxy)))
    show("or", sorted((proxy | {"c": 3}).keys()))
    show("ror", list(({"z": 0, "a": -1} | proxy).items())[:3])
    proxy.update({"a": 10, "extra": 1})
    proxy |= {"b": 20}
    show("updated", (a, b, proxy["extra"]))
    for bad in (3, [("a", 1)]):
        try:
            proxy.update(bad)
        except TypeError as e:
            show("update TypeError", e)
    try:
        proxy |= 3
    except TypeError as e:
        show("|= TypeError", e)
    show("repr", repr(proxy).replace(repr(proxy["proxy"]), "..."))
    show("hash", type(proxy).__hash__)


mapping_methods()


def self_repr():
    proxy = sys._getframe().f_locals
    return repr(proxy)


show("recursive repr", self_repr())


def generator():
    step = 1
    yield step
    yield step


gen = generator()
next(gen)
show("suspended generator", dict(gen.gi_frame.f_locals))

# Module and class bodies: f_locals is the namespace itself.
show("module", sys._getframe().f_locals is globals())


class Body:
    attr = 1
    show("class body", sys._getframe().f_locals is locals())
    sys._getframe().f_locals["added"] = 2


show("class attribute", Body.added)

import collections.abc
proxy_type = type(writes.__code__ and sys._getframe().f_locals)
show("module proxy type", proxy_type.__name__)


def abc_check():
    proxy = sys._getframe().f_locals
    return (isinstance(proxy, collections.abc.Mapping),
            isinstance(proxy, collections.abc.MutableMapping))


show("abc", abc_check())


def via_traceback():
    secret = "s"
    raise ValueError


try:
    via_traceback()
except ValueError as e:
    tb = e.__traceback__.tb_next
    show("traceback frame locals", dict(tb.tb_frame.f_locals))


def exec_into_proxy():
    x = 1
    sys._getframe().f_locals["extra"] = 2
    show("locals() has extras", locals())
    exec("x = 5; y = 6", globals(), sys._getframe().f_locals)
    show("exec wrote", (x, sys._getframe().f_locals.get("y")))
    show("eval read", eval("x + extra", globals(), sys._getframe().f_locals))


exec_into_proxy()
