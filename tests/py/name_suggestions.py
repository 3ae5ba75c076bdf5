# Tracebacks suggest a close name for a NameError or an AttributeError ("Did you mean"),
# from the frame's variables, its globals and builtins, or dir() of the object; the
# exceptions carry `name` (and `obj`).
import math
import traceback


class Point:
    def __init__(self):
        self.value = 1
        self.Total = 2


def last_line(fn):
    try:
        fn()
    except (NameError, AttributeError) as e:
        line = traceback.format_exception_only(type(e), e)[-1].rstrip()
        print(line, "| name:", repr(getattr(e, "name", None)))


def local_typo():
    counter = 1
    return countr


last_line(lambda: math.sqr)
last_line(lambda: Point().valeu)
last_line(lambda: Point().total)
last_line(local_typo)
last_line(lambda: prnt)
last_line(lambda: math.completely_unrelated_name)
last_line(lambda: undefined_thing_xyz)
try:
    Point().valeu
except AttributeError as e:
    print(type(e.obj).__name__, str(e))
