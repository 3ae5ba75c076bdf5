# importing modules from the script's folder
import mod_helper
print(mod_helper.GREETING)
print(mod_helper.greet('test'))
print(mod_helper.bump(), mod_helper.bump(), mod_helper.counter)
from mod_helper import greet, Square, Shape
print(greet('direct'))
sq = Square('box')
print(sq.describe(), isinstance(sq, Shape), isinstance(sq, mod_helper.Shape), Shape is mod_helper.Shape)
import mod_helper as mh
print(mh is mod_helper, mh.counter)
from mod_helper import bump as b2, counter as snapshot
print(b2(), snapshot, mod_helper.counter)
import mod_other
print(mod_other.VALUE, mod_other.twice(21), mod_other.mod_helper is mod_helper)
print(mod_helper.__name__, type(mod_helper).__name__)
mod_helper.new_attr = 'set from outside'
print(mh.new_attr)
print(mod_helper._private, hasattr(mod_helper, 'nope'))
try:
    from mod_helper import does_not_exist
except ImportError as e:
    print(type(e).__name__)
try:
    import mod_missing_module
except ImportError as e:
    print(type(e).__name__, e)
def inside_function():
    import mod_helper as again
    return again.bump()
print(inside_function(), mod_helper.counter)
print(__name__)
