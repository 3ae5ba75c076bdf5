# code.replace(): a copy with a new name, qualified name, file name or first line (line
# numbers move with the first line); other fields may be passed back unchanged. Bad
# arguments get CPython's errors (python3.13 made the .exp).
import traceback


def area(w, h):
    return w * h


co = area.__code__
renamed = co.replace(co_name="surface", co_qualname="Shape.surface", co_filename="geo.py")
print(renamed.co_name, renamed.co_qualname, renamed.co_filename, renamed.co_varnames)
print(co.co_name, co.co_filename.endswith("code_replace.py"))

mod = compile("x = 1\ny = 1 / 0\n", "calc.py", "exec")
shifted = mod.replace(co_firstlineno=41)
print(shifted.co_firstlineno, shifted.co_filename)
try:
    exec(shifted, {})
except ZeroDivisionError as e:
    frame = traceback.extract_tb(e.__traceback__)[-1]
    print(frame.filename, frame.lineno)

same = co.replace(co_consts=co.co_consts, co_varnames=co.co_varnames, co_argcount=2)
print(same.co_argcount, same.co_varnames)
for call in [lambda: co.replace(1), lambda: co.replace(co_name=1),
             lambda: co.replace(bogus=1), lambda: co.replace(co_firstlineno="x"),
             lambda: co.replace(co_firstlineno=-1)]:
    try:
        call()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
