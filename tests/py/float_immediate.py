# Floats are immediate values when their exponent allows (value.rs) and heap objects
# otherwise (0.0, -0.0, huge, tiny, inf, nan): both kinds behave the same everywhere.
import weakref, sys, math, json, struct, array
x = 1.5
print(x, repr(x*3), type(x), x.is_integer(), hash(x)==hash(1.5), 0.0, -0.0, 1e300, float('nan'), float('inf'))
print(math.sqrt(2.0), json.dumps([1.5, 0.1]), struct.pack('d', 2.5), array.array('d',[1.5,2.5]))
class F(float): pass
f = F(2.5); print(f, f+1, type(f), isinstance(x, float), f'{x:.3f}', '%5.1f' % x, round(2.675, 2), int(3.7))
try: weakref.ref(x)
except TypeError as e: print(e)
print({1.5: 'a'}[1.5], 1.5 in [1.5], [1.5].index(1.5), sorted([3.5, 1.5, 2.5]), sum([0.5, 0.25]), abs(-2.5), divmod(7.5, 2))
print(1.5 == 1.5, 1.5 < 2, 3 * 0.5, 1/3, 2**0.5, (0.1+0.2), 1e-39, 1e38*10, x.real, x.conjugate(), complex(x, 1))
print(sys.getsizeof(1.5) > 0, float.fromhex('0x1.8p1') if hasattr(float, 'fromhex') else 3.0, (1.5).as_integer_ratio(), max(1.5, 2.5), min(0.5, -0.5))
print(x - x, -(x - x), 5e-324, 2.0 ** 200, -2.5 // 1, 7.5 % 2, float('1.25'), str(-1e-5), 1.5 .__add__(1), x.__class__)
import copy, pickle; print(copy.copy(x), copy.deepcopy([x]), pickle.loads(pickle.dumps(x)))
print(id(x) == id(x), x is x, [0.5] * 3, (1.5, 2.5) == (1.5, 2.5), {0.5, 0.5, 1.5})
vals = [0.0, -0.0, 1e-39, 1e-300, 3e38, 4e38, 1e300, float('inf'), -float('inf'), 2.5, -7.25]
for a in vals:
    for b in (1.5, 0.0, -2.0):
        try:
            r = a / b
        except ZeroDivisionError as e:
            r = str(e)
        print(repr(a), repr(b), repr(a + b), repr(a * b), r, a < b, a == b, hash(a) == hash(float(repr(a))))
print([x for x in vals if x], sorted(vals), max(vals), min(vals))
