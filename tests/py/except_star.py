# try/except* (PEP 654): which clause gets which part, what the statement raises
# afterwards, naked exceptions, re-raising, and the compile-time rules.
import sys
import traceback


def show(exc):
    text = "".join(traceback.format_exception(exc))
    print(text.replace(__file__, "HERE"), end="")


def run(label, body):
    try:
        body()
    except BaseException as exc:
        print(label, "escaped:", repr(exc))
        return exc
    print(label, "done")


def two_clauses():
    try:
        raise ExceptionGroup("mix", [ValueError(1), TypeError(2), KeyError(3),
                                     ExceptionGroup("sub", [ValueError(4)])])
    except* ValueError as vs:
        print("values:", repr(vs), repr(sys.exc_info()[1]) == repr(vs))
    except* (TypeError, KeyError) as others:
        print("others:", repr(others))
    print("after: name bound?", "vs" in locals())


run("two clauses", two_clauses)


def leftover():
    try:
        raise ExceptionGroup("mix", [ValueError(1), OSError(2)])
    except* ValueError:
        print("handled the ValueError")


left = run("leftover", leftover)
print("leftover has traceback:", left.__traceback__ is not None)


def naked_caught():
    try:
        raise ZeroDivisionError("naked")
    except* ArithmeticError as grp:
        print("wrapped:", repr(grp), type(grp).__name__)


run("naked caught", naked_caught)


def naked_missed():
    try:
        raise LookupError("missed")
    except* OSError:
        print("not here")


run("naked missed", naked_missed)


def raises_new():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise RuntimeError("from handler")


new = run("raises new", raises_new)
print("context:", [repr(e.__context__) for e in new.exceptions])
show(new)


def reraises():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2), ValueError(3)])
    except* ValueError:
        raise
    except* TypeError:
        pass


run("reraises", reraises)


def both():
    try:
        raise ExceptionGroup("eg", [ValueError(1), TypeError(2)])
    except* ValueError:
        raise
    except* TypeError:
        raise KeyError("k")


show(run("both", both))


def naked_new():
    try:
        raise ValueError("v")
    except* ValueError:
        raise TypeError("t")


got = run("naked new", naked_new)
print("its context:", repr(got.__context__))


def with_else_finally():
    try:
        pass
    except* ValueError:
        print("no")
    else:
        print("else runs")
    finally:
        print("finally runs")
    try:
        raise ExceptionGroup("g", [ValueError()])
    except* ValueError:
        print("caught")
    finally:
        print("finally after catch")


run("else/finally", with_else_finally)


def in_loop():
    total = 0
    for i in range(3):
        try:
            raise ExceptionGroup("g", [ValueError(i)])
        except* ValueError as g:
            for inner in range(2):
                if inner:
                    break
                total += g.exceptions[0].args[0]
    return total


print("loop inside clause:", in_loop())


def bad_type(kind):
    def body():
        try:
            raise ExceptionGroup("g", [ValueError()])
        except* kind:
            pass
    return body


run("group type", bad_type(ExceptionGroup))
run("not exception", bad_type(int))
run("tuple with group", bad_type((ValueError, BaseExceptionGroup)))

for src in ("try:\n    pass\nexcept* ValueError:\n    break\n",
            "for x in y:\n    try:\n        pass\n    except* ValueError:\n        continue\n",
            "def f():\n    try:\n        pass\n    except* ValueError:\n        return 1\n",
            "try:\n    pass\nexcept* ValueError:\n    pass\nexcept KeyError:\n    pass\n"):
    try:
        compile(src, "<src>", "exec")
    except SyntaxError as err:
        print("SyntaxError:", err.msg, err.lineno)
