# complex numbers: construction (numbers, strings, __complex__), operators, repr/format, hash.
def t(f):
    try: print(repr(f()))
    except Exception as e: print(type(e).__name__, e)
t(lambda: complex([]))
t(lambda: complex(1, []))
t(lambda: complex("1", 2))
t(lambda: complex(1, "2"))
t(lambda: complex("1+"))
t(lambda: 0j ** -1)
t(lambda: 0j ** 1j)
t(lambda: 1j / 0)
t(lambda: 1j // 2)
t(lambda: 1j % 2)
t(lambda: pow(1j, 2, 3))
t(lambda: 1j < 2j)
t(lambda: int(1j))
t(lambda: float(1j))
t(lambda: (1e200+1e200j) ** 2)
t(lambda: complex(real=1, imag=2))
t(lambda: complex(imag=2))
t(lambda: format(1+2j, '=10'))
t(lambda: format(1+2j, '010'))
t(lambda: format(1+2j, '.2f'))
t(lambda: format(1+2j, '>12'))
t(lambda: format(1+2j, ''))
t(lambda: format(1.5j, '.3'))
t(lambda: format(1+2j, 'd'))
t(lambda: format(1+2j, '+.1e'))
t(lambda: (complex(-0.0, 1), complex(0.0, -0.0), complex(float('inf'), float('nan')), 1e20j, 1.5e-7+3j, complex(1e16, 2)))
t(lambda: (hash(1+2j), hash(3+0j) == hash(3), hash(complex(1.5, -2.25))))
t(lambda: complex(" ( 1.5-2.5J ) "))
t(lambda: complex("-j"))
t(lambda: complex("1_000+2_0j"))
t(lambda: complex("infj"))
t(lambda: complex("nan-infj"))
t(lambda: complex("1e3"))
t(lambda: complex(""))
t(lambda: abs(3+4j))
t(lambda: abs(complex(1e308, 1e308)))
t(lambda: complex.__new__(complex, 1, 2))
t(lambda: (1+2j).__getnewargs__())
t(lambda: (2+3j) ** 0.5)
t(lambda: (1+2j) ** 3)
t(lambda: (1+2j) ** -2)
t(lambda: 2 ** (1+1j))
t(lambda: (1+1j) / (2-3j))
t(lambda: 1j == 1j and 1 == 1+0j and 1.0 != 1+1j)
t(lambda: divmod(1j, 1))
z = 3 - 4j
print(z.real, z.imag, z.conjugate(), abs(z), -z, +z, z == 3 - 4j, z != 3, bool(0j), bool(1e-300j))
print(z + 1, 1 + z, z - 1, 1 - z, z * 2, 2 * z, z / 2, 2 / z, z * z, z / z, z + 1.5, 0.5 * z)
print(type(z.real).__name__, type(1j).__name__, isinstance(1j, complex), 2j.imag, (1+0j) == 1.0)
print(pow(2j, 2), (1j) ** 2, (-1) ** 0.5 == complex(-1) ** 0.5, 1j ** 0, 0j ** 0, 0j ** 2)
print({1+0j: "one"}[1], {2: "two"}[2+0j], hash(-1+0j), hash(complex(0, -1)))
class MyComplex(complex):
    def describe(self):
        return f"<{self.real}|{self.imag}>"
m = MyComplex(1, 2)
print(m, repr(m), m.describe(), type(m + 1).__name__, m * 1j, m == 1 + 2j, abs(m))
class HasComplex:
    def __complex__(self):
        return 2 + 5j
class HasFloat:
    def __float__(self):
        return 1.25
class HasIndex:
    def __index__(self):
        return 7
print(complex(HasComplex()), complex(HasFloat()), complex(HasIndex()), complex(HasFloat(), HasIndex()))
print(complex(1j, 1j), complex(2, 3j), complex(True, False), complex(2**60))
print(format(3-4j, "^20.3f") + "|", format(1+2j, "<12") + "|", f"{2.5j:g}", f"{1e100+1j:.3e}", f"{-1j}")
print(str(1+1j), repr(-2.5+0j), [1j, 2+0j], (complex(1, 2),))
for s in ["1+2j", "  3.5  ", "-1.5e-3-2.5e2j", "J", "+1J", "(2)", "inf", "-infj", "1 + 2j", "1+2jj", "()", "(1+2j", "1e+j"]:
    try:
        print(repr(s), complex(s))
    except ValueError as e:
        print(repr(s), "ValueError", e)
