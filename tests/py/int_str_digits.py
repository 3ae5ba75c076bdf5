# The int/str conversion limit (sys.set_int_max_str_digits): decimal conversions past
# it raise ValueError at once, power-of-two bases are free, 0 lifts the limit.
import sys
def show(label, f):
    try:
        r = f()
        print(label, r if len(str(r)) < 60 else len(str(r)))
    except Exception as e:
        print(label, type(e).__name__, e)
print(sys.get_int_max_str_digits())
show("str big", lambda: str(10**5000))
show("repr big", lambda: repr(-10**5000))
show("str ok", lambda: len(str(10**4299)))
show("str 4300", lambda: len(str(10**4299 * 9)))
show("int parse", lambda: int("1" * 5000))
show("int parse ok", lambda: int("1" * 4300) % 7)
show("hex parse", lambda: int("f" * 5000, 16) % 7)
show("base0 hex", lambda: int("0x" + "f" * 5000, 0) % 7)
show("hex out", lambda: len(hex(1 << 20000)))
show("huge", lambda: str(1 << 2**24))
show("set bad", lambda: sys.set_int_max_str_digits(100))
sys.set_int_max_str_digits(0)
show("unlimited", lambda: len(str(10**5000)))
sys.set_int_max_str_digits(maxdigits=640)
show("640", lambda: str(10**700))
print(sys.get_int_max_str_digits())
