# arbitrary precision integers
a = 2 ** 100
print(a)
print(a + 1, a - 1, -a)
print(a * a)
print(a // 3, a % 3, divmod(a, 7))
print(-a // 3, -a % 3, divmod(-a, 7), divmod(a, -7))
print(a // (2 ** 50), a % (2 ** 50 + 1))
f = 1
for i in range(1, 31):
    f *= i
print(f)
print(f // (2 ** 20), f % 1000000007)
print(pow(2, 200, 10 ** 9 + 7), pow(3, 1000, 1000))
print(hex(a), oct(a), bin(2 ** 70))
print(hex(-a))
print(int('123456789012345678901234567890'), int('-ffffffffffffffffffff', 16))
print(int('1' * 40, 2))
b = 10 ** 30
print(b, len(str(b)), str(b)[:5])
print(a & (b - 1), a | 12345, a ^ b, ~a)
print(a >> 90, a << 10, -a >> 95, 1 << 127)
print(a > b, a < b, a == 2 ** 100, a != a + 1)
print(a == 1267650600228229401496703205376)
print(2 ** 64 - 1, 2 ** 63, -(2 ** 63))
print(9223372036854775807 + 1, -9223372036854775808 - 1)
print(9223372036854775807 * 2, 4611686018427387904 * 4)
print(abs(-a), a.bit_length(), (a - 1).bit_length())
print(float(a), int(1e20), int(-1.5e19))
print(sum([2 ** 60] * 10), max(2 ** 80, 3 ** 50), min(-(2 ** 80), 5))
print(a / 2 ** 98)
print(isinstance(a, int), type(a).__name__, bool(a), bool(a - a))
print((10 ** 20) // (10 ** 10), (10 ** 20) % (10 ** 10 + 7))
n = 1
for i in range(100):
    n = n * 3 + 1
print(n)
print(n % 97, n // 10 ** 40)
print(round(12345678901234567890, -5), round(-a, -28))
print(hash(2 ** 100) == hash(2 ** 100))
try:
    print(a // 0)
except ZeroDivisionError as e:
    print(type(e).__name__, e)
print(-(2 ** 64) // 3, (2 ** 64) // -3, -(2 ** 64) % 3)
print(str(-(10 ** 25)), repr(10 ** 25))
print(2 ** 1000 % 1000007)
