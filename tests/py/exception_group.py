# ExceptionGroup / BaseExceptionGroup: construction rules, fields, derive, split,
# subgroup, and how traceback draws nested groups.
import traceback


def attempt(label, make):
    try:
        got = make()
    except Exception as exc:
        print(label, "->", type(exc).__name__, exc)
    else:
        print(label, "=>", type(got).__name__, repr(got))


attempt("one arg", lambda: ExceptionGroup("only"))
attempt("three args", lambda: ExceptionGroup("m", [ValueError()], None))
attempt("int message", lambda: ExceptionGroup(7, [ValueError()]))
attempt("not a sequence", lambda: ExceptionGroup("m", 3))
attempt("a set", lambda: ExceptionGroup("m", {KeyError()}))
attempt("empty", lambda: ExceptionGroup("m", ()))
attempt("non exception", lambda: ExceptionGroup("m", [ValueError(), "no"]))
attempt("base in EG", lambda: ExceptionGroup("m", [SystemExit()]))
attempt("BEG picks EG", lambda: BaseExceptionGroup("m", (ValueError(),)))
attempt("BEG stays", lambda: BaseExceptionGroup("m", [GeneratorExit()]))
attempt("keywords", lambda: ExceptionGroup("m", [ValueError()], extra=1))


class Batch(ExceptionGroup):
    pass


class LooseBatch(BaseExceptionGroup):
    pass


attempt("subclass base", lambda: Batch("m", [KeyboardInterrupt()]))
attempt("loose subclass", lambda: LooseBatch("m", [ValueError(3)]))

print(ExceptionGroup.__mro__)
print(Batch.__mro__)
print(issubclass(ExceptionGroup, Exception), issubclass(BaseExceptionGroup, Exception))

leaf_a, leaf_b, leaf_c = ValueError("a"), TypeError("b"), KeyError("c")
inner = ExceptionGroup("inner", [leaf_c, leaf_a])
group = ExceptionGroup("outer", [leaf_a, leaf_b, inner])
print(str(group), "|", repr(group))
print(group.message, group.exceptions, group.exceptions is group.exceptions)
print(group.args[0], type(group.args[1]).__name__)

match, rest = group.split(ValueError)
print("split type:", repr(match), "|", repr(rest))
print("leaves kept:", match.exceptions[0] is leaf_a)
print("subgroup tuple:", repr(group.subgroup((KeyError, TypeError))))
print("subgroup none:", group.subgroup(OSError))
print("whole by predicate:", group.subgroup(lambda e: True) is group)
print("split by predicate:", group.split(lambda e: "b" in str(e) or e is inner))
for bad in (1, int, (ValueError, str)):
    attempt("bad condition", lambda: group.split(bad))

try:
    raise group
except ExceptionGroup as caught:
    caught.add_note("remember this")
    piece, _ = caught.split(TypeError)
    print("metadata kept:", piece.__traceback__ is caught.__traceback__,
          piece.__notes__, piece.__notes__ is caught.__notes__)


class Tagged(ExceptionGroup):
    def derive(self, excs):
        return Tagged(self.message + "!", excs)


tagged = Tagged("t", [ValueError(1), TypeError(2)])
print("custom derive:", repr(tagged.split(ValueError)))
print("plain derive:", repr(Batch("b", [ValueError()]).derive([OSError()])))
print(ExceptionGroup[int])


def fail(kind, text):
    raise kind(text)


def collect():
    found = []
    for kind in (ValueError, OSError):
        try:
            fail(kind, "bad " + kind.__name__)
        except Exception as exc:
            found.append(exc)
    nested = ExceptionGroup("nested", [KeyError("k")])
    nested.add_note("a note on the nested group")
    found.append(nested)
    try:
        raise ExceptionGroup("several", found)
    except ExceptionGroup as eg:
        return eg


def show(exc):
    text = "".join(traceback.format_exception(exc))
    print(text.replace(__file__, "HERE"), end="")


show(collect())
show(ExceptionGroup("wide", [IndexError(n) for n in range(18)]))
deep = ZeroDivisionError("bottom")
for level in range(12):
    deep = ExceptionGroup("level %d" % level, [deep])
show(deep)


class Coded(ExceptionGroup):
    # a subclass that takes one more argument: its own __new__, BaseException's __init__
    def __new__(cls, message, excs, code):
        made = super().__new__(cls, message, excs)
        made.code = code
        return made

    def derive(self, excs):
        return Coded(self.message, excs, self.code)


coded = Coded("c", [ValueError(1), OSError(2)], 7)
print(repr(coded), coded.args, coded.code)
try:
    raise coded
except* ValueError as part:
    print("part:", repr(part), part.code)
except* OSError as part:
    print("other part:", type(part).__name__, part.code)


class PlainNew(Exception):
    def __new__(cls, first, second):
        return super().__new__(cls, first)


print(PlainNew(1, 2).args)
