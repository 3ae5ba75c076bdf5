# Expressions of literals the compiler folds into one constant must give what the
# operators give at run time, edges included; what must not fold still raises.
import math
print(-1, +2, ~5, -0.0, -(-3), --4, -2.5e3, -(1j))
print(2 ** 10, 2 ** 62, 2 ** 63, -2 ** 63, (-2) ** 63, 3 ** 40, 2 ** -1)
print(1 << 62, 1 << 63, 1 << 64, -1 << 63, 5 >> 1, -5 >> 1, 1 >> 70)
print(7 // 2, -7 // 2, 7 // -2, -7 // -2, 7 % 3, -7 % 3, 7 % -3, -7 % -3)
print((-9223372036854775807 - 1) // -1, (-9223372036854775807 - 1) % -1)
print(9223372036854775807 + 1, -9223372036854775807 - 2, 3037000500 * 3037000500)
print(0.1 + 0.2, 1 / 3, 2 / 4, 1.5 * 2, 3 - 0.5, 1e308 * 10, -1e308 * 10, 2.0 ** 0.5)
print(9007199254740993 + 0.0, 9007199254740993 * 1.0, 5.0 // 2, 5.5 % 2)
print(6 & 3, 6 | 3, 6 ^ 3, -1 & 0xFF)
print('ab' + 'c', 'ab' * 3, 3 * 'ab', 'x' * 0, 'x' * -2, len('yz' * 3000), b'a' + b'b')
print(('a', -1, (2 * 3, 'b' + 'c')), (1,) * 2, () + ())
print('é' * 3 + 'ß', len('é' * 2048 + 'é'))
for expr in ('1 // 0', '1 % 0', '1 / 0', '2 ** -1 ** 0.5', '1 << -1', "'a' + 1", '1.0 / 0'):
    try:
        print(expr, '->', eval(expr))
    except Exception as e:
        print(expr, '->', type(e).__name__, e)
def f():
    return 1 // 0
try:
    f()
except ZeroDivisionError as e:
    print('raised at run time:', e)

# Parallel assignment compiled without a tuple: every value before any store.
a, b = 1, 2
a, b = b, a
print(a, b)
x, y, z = 1, 2, 3
x, y, z = z, x, y
print(x, y, z)
[p, q] = 'p', 'q'
print(p, q)
log = []
def v(n):
    log.append('v%d' % n)
    return n
class Box:
    def __setattr__(self, k, val):
        log.append('set ' + k)
        object.__setattr__(self, k, val)
o = Box()
o.a, o.b = v(1), v(2)
print(log, o.a, o.b)
l = [0, 1, 2, 3]
i = 1
l[i], l[-i] = l[-i], l[i]
print(l)
i, l[i] = 2, 99
print(i, l)
try:
    a, b = 1, 2, 3
except ValueError as e:
    print('ValueError', e)
