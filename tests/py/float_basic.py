# floats
print(0.1, 0.2, 0.1 + 0.2, 1.0, -0.0, 1e100, 1.5e-7, 1e16, 1e15, 123456789.123)
print(1 / 3, 2 / 3, 10 / 4, 3.0 * 2, 2.5 - 0.5)
print(7.5 // 2, 7.5 % 2, -7.5 // 2, -7.5 % 2, 7.5 % -2)
print(divmod(7.5, 2), divmod(-7.5, 2))
print(2.0 ** 10, 2 ** 0.5, 4 ** -0.5, (-8.0) ** 2)
print(float('inf'), float('-inf'), float('nan'), -float('inf'))
inf = float('inf')
nan = float('nan')
print(inf + 1, inf * -1, inf - inf, nan == nan, nan != nan, inf == inf)
print(inf > 1e308, -inf < -1e308, 1e308 * 10)
print(float('1.5'), float(' 2.25 '), float('1e3'), float('-0'), float(3), float('Infinity'))
print(int(2.9), int(-2.9), int(1e10), float(True))
print(round(2.5), round(3.5), round(-2.5), round(0.5), round(1.5))
print(round(3.14159, 2), round(2.675, 2), round(1234.5, -2), round(-1.005, 1))
print(type(round(2.5)).__name__, type(round(2.5, 1)).__name__)
print(abs(-1.5), abs(-0.0), max(1.5, 2), min(1.5, 2))
print(1.0 == 1, 0.5 < 1, 2.0 > 3, 1.1 + 2.2 == 3.3)
print(repr(1.1 + 2.2), str(1e-5), str(0.0001), repr(1e22), repr(1.0e21))
print(3.0.is_integer(), 3.5.is_integer())
print(5e-324, 1.7976931348623157e308, 2.0 ** -1074)
print(float(10 ** 20), 1e-10, 100.0, 12345678901234567890.0)
print(hash(1.0) == hash(1), hash(0.0) == hash(-0.0))
for s in ('abc', '', '1.2.3'):
    try:
        float(s)
    except ValueError as e:
        print(type(e).__name__, e)
try:
    1.0 / 0
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    1.0 // 0.0
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    5.0 % 0
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    int(inf)
except OverflowError as e:
    print(type(e).__name__, e)
try:
    int(nan)
except ValueError as e:
    print(type(e).__name__, e)
try:
    2.0 ** 10000
except OverflowError as e:
    print(type(e).__name__)
x = 1.5
x += 1; print(x)
x *= 3; print(x)
x /= 2; print(x)
x -= 0.25; print(x)
print(sum([0.1] * 10), 0.1 * 3, 1 - 0.9)
print(str(-1.0), repr(-2.5e-8), 1e+16 + 1, 2 ** 53 + 1.0)
print(float(-7) / 2, 7 / -2, -7 / -2, 0.0 * -1)
