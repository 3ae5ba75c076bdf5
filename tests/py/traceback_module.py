# The traceback module over weft's frame and traceback objects. Every failing line is a
# whole statement by itself, so CPython 3.11 prints no column markers for it.
import io
import sys
import traceback

FILE = __file__


def clean(text):
    return text.replace(FILE, "THIS_FILE")


def level_two():
    raise KeyError("nope")


def level_one():
    level_two()


try:
    level_one()
except KeyError:
    print(clean(traceback.format_exc()))
    kind, value, tb = sys.exc_info()
    for summary in traceback.extract_tb(tb):
        print(summary.name, summary.lineno, repr(summary.line), len(summary))
    print(traceback.format_exception_only(value))
    print(traceback.format_exception(value)[-1], end="")
    print([clean(line) for line in traceback.format_tb(tb)])
    print(list(f.f_code.co_name for f, _ in traceback.walk_tb(tb)))


def convert(text):
    try:
        int(text)
    except ValueError as err:
        raise RuntimeError("cannot convert") from err


try:
    convert("seven")
except RuntimeError as err:
    out = io.StringIO()
    traceback.print_exception(err, file=out)
    print(clean(out.getvalue()))
    te = traceback.TracebackException.from_exception(err)
    print(te.exc_type.__name__, str(te), te.__cause__.exc_type.__name__)
    print(clean("".join(te.format(chain=False))))


def handler_fails():
    try:
        {}.pop("missing")
    except KeyError:
        undefined_name


try:
    handler_fails()
except NameError:
    print(clean(traceback.format_exc()))


def spiral(n):
    if n == 0:
        raise RecursionError("bottom")
    spiral(n - 1)


try:
    spiral(12)
except RecursionError:
    print(clean(traceback.format_exc()))


def where():
    return traceback.extract_stack()


stack = where()
print(stack[-1].name, stack[-2].name, len(traceback.format_stack()) >= 1)
print(traceback.format_exception(None, None, None))
print(traceback.format_list([("f.py", 3, "fn", "x = 1")]))
summary = traceback.FrameSummary("g.py", 9, "gn", line="y = 2")
print(summary, summary.line, list(summary))
