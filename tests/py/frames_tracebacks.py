import sys
def inner():
    x = 42
    raise ValueError("boom")
def outer():
    y = "hello"
    inner()
try:
    outer()
except ValueError as e:
    tb = e.__traceback__
    while tb is not None:
        f = tb.tb_frame
        print(f.f_code.co_name, tb.tb_lineno, f.f_lineno, sorted(f.f_locals.items()) if f.f_code.co_name != '<module>' else '-')
        tb = tb.tb_next
    t, v, tb2 = sys.exc_info()
    print(t.__name__, v, tb2 is e.__traceback__)
def who():
    f = sys._getframe()
    return f.f_code.co_name, f.f_back.f_code.co_name, sys._getframe(1).f_code.co_name
def caller():
    return who()
print(caller())
e2 = ValueError("x")
print(e2.__traceback__)
try:
    raise e2
except ValueError:
    pass
print(type(e2.__traceback__).__name__, e2.__traceback__.tb_next)
e3 = e2.with_traceback(None)
print(e3.__traceback__, e3 is e2)
try:
    sys._getframe(500)
except ValueError as e:
    print(e)
def gen():
    yield sys._getframe().f_code.co_name
print(next(gen()))
def deep(n):
    if n == 0: return sys._getframe()
    return deep(n - 1)
fr = deep(3)
print(fr.f_lineno, fr.f_back.f_code.co_name, fr.f_back.f_locals)
