# cmath: the functions on a grid of points on and off the branch cuts, errors, constants.
import cmath, math
vals = [0j, 1+0j, -1+0j, 2+3j, -2-3j, 0.5-0.25j, complex(-4, 0.0), complex(-4, -0.0), 1e-5j, 100+100j, complex(0.0, -2), 3]
names = ["sqrt", "exp", "log", "log10", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh", "asinh", "acosh", "atanh"]
def show(z):
    return "(%.12g, %.12g)" % (z.real, z.imag)
for n in names:
    f = getattr(cmath, n)
    out = []
    for v in vals:
        try:
            out.append(show(f(v)))
        except (ValueError, OverflowError) as e:
            out.append(type(e).__name__ + ":" + str(e))
    print(n, " ".join(out))
print(cmath.phase(-1+0j), cmath.phase(complex(-1, -0.0)), cmath.polar(3+4j), cmath.rect(2, math.pi / 2).real < 1e-15)
print(cmath.log(8, 2), cmath.log(1j, 1j), cmath.isclose(1+1j, 1+1.0000000001j), cmath.isclose(1j, 1.1j, rel_tol=0.2))
print(cmath.isfinite(1+2j), cmath.isinf(complex(1, math.inf)), cmath.isnan(cmath.nanj), cmath.infj, cmath.pi, cmath.tau)
for bad in ["x", None]:
    try: cmath.sqrt(bad)
    except TypeError as e: print("TypeError", e)
try: cmath.exp(1000)
except OverflowError as e: print("OverflowError", e)
class Z:
    def __complex__(self): return 4j
print(cmath.sqrt(Z()))
