# complex arithmetic through the interpreter's shortcut (exact complex with complex,
# float or int) and the full path (bools, big ints, subclasses, division by zero);
# a number's dunder returns NotImplemented for a wider number, so a subclass's
# reflected method runs
z = complex(1.5, -2.0); w = 3 - 4j
for a, b in [(z, w), (z, 2), (2, z), (z, 0.5), (-1.25, w), (z, True), (w, 2**70), (1j, 1j)]:
    print(a + b, a - b, a * b, a / b)
for bad in (0, 0.0, 0j, False):
    try:
        z / bad
    except ZeroDivisionError as e:
        print('ZeroDivisionError', e)
print(z ** 2, z // 1 if False else 'no floordiv', abs(w))
class C(complex):
    def __add__(self, o):
        return 'C.__add__'
    def __radd__(self, o):
        return 'C.__radd__'
print(C(1, 1) + z, z + C(1, 1), 1.0 + C(2, 0))
inf = float('inf'); nan = float('nan')
print(complex(inf, 0) * complex(2, 0), complex(1, nan) + 1, (1e308 + 1e308j) * 10)
c = 0j
for i in range(1, 5):
    c = c * c + complex(0.1 * i, -0.2)
print(c)
class F(float):
    def __radd__(self, o):
        return 'F.__radd__'
print(1 + F(2), 1.0 + F(2), F(2) + 1, True + F(1))
print((1).__add__(2.0), (1.0).__add__(1j), (1).__mul__(1j), (True).__add__(1.5), (2.0).__radd__(1))
try:
    z % 2
except TypeError as e:
    print(e)
