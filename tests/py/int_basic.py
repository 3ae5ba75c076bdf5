# integer arithmetic with small values
print(7 + 3, 7 - 3, 7 * 3, 7 / 2, 7 // 2, 7 % 3)
for a in (7, -7):
    for b in (3, -3):
        print(a, b, a // b, a % b, divmod(a, b))
print(2 ** 10, 2 ** 0, (-2) ** 3, (-2) ** 4)
print(2 ** -1, 10 ** -2)
print(pow(3, 4), pow(3, 4, 5), pow(-3, 3, 7), pow(2, -1, 7))
print(abs(-5), abs(0), -(-5), +5)
print(6 & 3, 6 | 3, 6 ^ 3, ~6, ~-1, 1 << 10, 1024 >> 3, -1024 >> 3, -1 >> 5)
print(int('42'), int(' -17 '), int('ff', 16), int('0xff', 16), int('0xFF', 0))
print(int('777', 8), int('0o17', 0), int('101', 2), int('0b101', 0), int('z', 36))
print(int('1_000_000'), int(3.9), int(-3.9), int(True), int())
print(hex(255), hex(-255), oct(8), oct(-8), bin(5), bin(-5), bin(0))
print(1_000, 0x1F, 0o17, 0b1010)
print(10 == 10, 10 != 3, 3 < 5, 5 <= 5, 7 > 8, 7 >= 7)
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 == 2)
print(True + True, True * 10, False - 1)
print(isinstance(True, int), type(5).__name__, type(True).__name__)
print(hash(5) == hash(5), hash(0), hash(-7) == -7, hash(True) == hash(1))
print(max(3, 9, 2), min(3, 9, 2), round(7), round(15, -1), round(25, -1))
print((5).bit_length(), (0).bit_length(), (-8).bit_length())
print(5 == 5.0, 1 == True, 0 == False)
x = 10
x += 5; print(x)
x -= 3; print(x)
x *= 2; print(x)
x //= 5; print(x)
x %= 3; print(x)
x **= 3; print(x)
x <<= 2; print(x)
x >>= 1; print(x)
x |= 1; print(x)
x &= 6; print(x)
x ^= 15; print(x)
for s in ('x', '', '12a', '1.5', '0x10'):
    try:
        print(int(s))
    except ValueError as e:
        print(type(e).__name__, str(e))
try:
    int('9', 8)
except ValueError as e:
    print(type(e).__name__, str(e))
for op in ('div', 'floordiv', 'mod'):
    try:
        if op == 'div':
            1 / 0
        elif op == 'floordiv':
            1 // 0
        else:
            1 % 0
    except ZeroDivisionError as e:
        print(op, type(e).__name__, str(e))
try:
    divmod(5, 0)
except ZeroDivisionError as e:
    print(str(e))
try:
    0 ** -1
except ZeroDivisionError as e:
    print(str(e))
print(str(123), repr(-45), str(0))
