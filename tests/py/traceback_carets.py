# Column markers under traceback source lines (`~~~^^^~~~`, `^^^^`) as CPython 3.11
# prints them through the traceback module, and the positions behind them.
import sys
import traceback

HERE = __file__


def show(fn, *args):
    try:
        fn(*args)
    except BaseException:
        print(traceback.format_exc().replace(HERE, "HERE"), end="")
    print("-" * 20)


def add(left, right):
    return left + right


def floor_twice(values):
    return values[0] // 0 + values[1]


def nested_lookup(table):
    return table["outer"]["inner"]


def spaced_index():
    return [10, 20][  7  ]


def paren_division():
    return (1) / (0)


class Box:
    pass


def attribute_chain(obj):
    return obj.first.second


def wrapped_call(x):
    total = (add(1, 2) +
             add(x, None))
    return total


def method_on_several_lines():
    box = Box()
    return (box
            .missing_method(1, 2))


def call_spanning_lines():
    return add(
        "text",
        3)


def augmented():
    count = 1
    count += "one"


def unpacking():
    first, second = [1, 2, 3]


def store_attribute():
    object().colour = 5


def deleting():
    del never_bound


def decorated():
    def deco(fn):
        raise ValueError("no decoration today")

    @deco
    def victim():
        pass


def chain_cause():
    try:
        {}["key"]
    except KeyError as err:
        raise RuntimeError("lookup failed") from err


def chain_context():
    try:
        [1][4]
    except IndexError:
        len(42)


def countdown(n):
    if n == 0:
        return 1 / n
    return countdown(n - 1)


def whole_line():
    raise OSError("the whole line")


def assert_compare(x):
    assert x == 1, "not one"


def assert_plain(x):
    assert x, "falsy"


def import_missing():
    import no_such_module_here


def with_non_manager():
    with 5:
        pass


def unicode_line():
    café = {"é": 1}; return café["ü"]


show(add, 1, "a")
show(floor_twice, [1, 2])
show(nested_lookup, {"outer": {}})
show(spaced_index)
show(paren_division)
show(attribute_chain, Box())
show(wrapped_call, 3)
show(method_on_several_lines)
show(call_spanning_lines)
show(augmented)
show(unpacking)
show(store_attribute)
show(deleting)
show(decorated)
show(chain_cause)
show(chain_context)
show(countdown, 8)
show(whole_line)
show(unicode_line)
show(assert_compare, 2)
show(assert_plain, 0)
show(import_missing)
show(with_non_manager)

# The summaries carry the columns too.
try:
    add(None, None)
except TypeError as err:
    last = traceback.extract_tb(err.__traceback__)[-1]
    print(last.name, last.lineno, last.end_lineno, last.colno, last.end_colno)

# co_positions() has the span of each instruction; the addition's is among them.
spans = list(add.__code__.co_positions())
print((18, 18, 11, 23) in spans, all(len(s) == 4 for s in spans))
lines = list(add.__code__.co_lines())
print(all(start < end for start, end, _ in lines), 18 in {line for _, _, line in lines})

# tb_lasti points at the failing instruction in co_positions().
try:
    paren_division()
except ZeroDivisionError as err:
    tb = err.__traceback__.tb_next
    where = list(tb.tb_frame.f_code.co_positions())[tb.tb_lasti // 2]
    print(tb.tb_lineno, where)

# print_exc writes the same text to a file.
try:
    spaced_index()
except IndexError:
    import io
    buf = io.StringIO()
    traceback.print_exc(file=buf)
    print(buf.getvalue().replace(HERE, "HERE"), end="")
