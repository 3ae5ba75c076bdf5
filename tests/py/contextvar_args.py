# ContextVar(): the name is positional only and `default` keyword only, with CPython's
# argument messages; function.__get__(None) without an owner is refused
# (python3.13 made the .exp).
import contextvars

attempts = [
    ((), {}),
    ((), {"name": "x"}),
    (("a", "b"), {}),
    (("a",), {"default": 1, "x": 2}),
    (("a",), {"x": 2}),
    ((1,), {}),
]
for args, kwargs in attempts:
    try:
        contextvars.ContextVar(*args, **kwargs)
        print("made", args, kwargs)
    except TypeError as e:
        print("TypeError", e)
var = contextvars.ContextVar("var", default=4)
print(var.name, var.get())


def plain(self=None):
    return self


try:
    plain.__get__(None)
except TypeError as e:
    print("TypeError", e)
print(plain.__get__(None, int) is plain, plain.__get__(3)())
