# float.hex and float.fromhex: exact hexadecimal forms, rounding, errors.
values = [0.0, -0.0, 1.0, -1.5, 0.1, 1 / 3, 3.141592653589793, 1e300, 1e-300,
          5e-324, 2.2250738585072014e-308, 2.225073858507201e-308, 1.7976931348623157e308,
          float("inf"), float("-inf"), float("nan"), 2.0 ** 52, 123456789.0]
for x in values:
    h = x.hex()
    back = float.fromhex(h)
    print(h, back == x or (x != x and back != back))

texts = ["0x1p0", "0X1P+0", "  -0x1.8p1\n", "0x.8", "0x8.", "1", "abc", "0x1.fffffffffffff8p1023",
         "0x1p-1074", "0x1p-1075", "0x3p-1076", "0x1.00000000000008p0",
         "0x1.00000000000018p0", "0x1.000000000000080001p0", "0x0p12345678901234",
         "inf", "-Infinity", "nan", "+0x0.0p-5", "0x1_0p0", "", "0x", "0x1p", "0x1.2.3",
         "0x1p1024", "0x2p1023", "1e5", "0x1 p0", "infinit"]
for t in texts:
    try:
        print(repr(t), float.fromhex(t))
    except (ValueError, OverflowError) as e:
        print(repr(t), type(e).__name__, e)


class Sub(float):
    pass


s = Sub.fromhex("0x1.4p3")
print(type(s).__name__, s)
try:
    float.fromhex(5)
except TypeError as e:
    print("TypeError")
