# The math module: values, special cases and errors.
import math

print(math.pi, math.e, math.tau, math.inf, -math.inf, math.isnan(math.nan))
print(math.sqrt(2), math.sqrt(16), math.sqrt(0.25), math.exp(1), math.exp(-1000))
print(math.log(math.e), math.log(8, 2), math.log(100, 10), math.log2(1024), math.log10(1000))
print(math.log(10**400) > 920, math.log2(2**1000), math.log10(10**300))
print(math.log1p(1e-20), math.expm1(1e-20), math.pow(2, 10), math.pow(2.5, -1))
print(math.sin(0), math.cos(0), math.tan(0), math.atan2(1, 1) * 4 == math.pi)
print(math.asin(1) * 2 == math.pi, math.acos(1), math.atan(1) * 4 == math.pi)
print(math.sinh(0), math.cosh(0), math.tanh(0), math.asinh(0), math.acosh(1), math.atanh(0))
print(math.degrees(math.pi), math.radians(180) == math.pi)
print(math.fabs(-3), math.fmod(7, 3), math.fmod(-7, 3), math.remainder(7, 4), math.remainder(5, 2))
print(math.modf(3.5), math.modf(-3.5), math.modf(math.inf), math.frexp(8.0), math.frexp(0.0))
print(math.ldexp(0.5, 4), math.copysign(3, -0.0), math.copysign(-2, 1))
print(math.isfinite(1.0), math.isfinite(math.inf), math.isinf(-math.inf), math.isnan(1))
print(math.isclose(1.0, 1.0 + 1e-10), math.isclose(1.0, 1.1), math.isclose(0, 1e-10, abs_tol=1e-9))
print(math.hypot(3, 4), math.hypot(1, 2, 2), math.hypot(), math.dist((0, 0), (3, 4)))
print(round(math.erf(1), 12), round(math.erfc(1), 12), math.gamma(5), math.gamma(0.5) ** 2 - math.pi < 1e-12)
print(round(math.lgamma(10), 10), round(math.cbrt(27), 12) if hasattr(math, "cbrt") else 3.0)

# To int.
print(math.floor(2.7), math.floor(-2.7), math.ceil(2.1), math.ceil(-2.1), math.trunc(-2.9))
print(math.floor(5), math.ceil(10**30), math.floor(1e20), math.ceil(-1e300) == -10**300 or True)
print(type(math.floor(2.5)).__name__, math.floor(1e16), math.trunc(123456789012345678.0))


class F:
    def __floor__(self):
        return "floored"

    def __ceil__(self):
        return "ceiled"

    def __float__(self):
        return 2.25


print(math.floor(F()), math.ceil(F()), math.sqrt(F()))

# Integer functions.
print(math.factorial(0), math.factorial(20), math.factorial(30))
print(len(str(math.factorial(1000))))
print(math.gcd(12, 18), math.gcd(0, 5), math.gcd(), math.gcd(-12, 18, 30), math.gcd(2**100, 6**50))
print(math.lcm(4, 6), math.lcm(), math.lcm(3, 0), math.lcm(-4, 6))
print(math.isqrt(0), math.isqrt(15), math.isqrt(16), math.isqrt(10**40))
print(math.comb(5, 2), math.comb(10, 0), math.comb(3, 5), math.comb(100, 50))
print(math.perm(5, 2), math.perm(5), math.perm(3, 5), math.perm(20, 10))
print(math.prod([1, 2, 3, 4]), math.prod([]), math.prod([2, 3], start=10), math.prod([1.5, 2]))
print(math.prod(["ab", 3]))
print(math.fsum([0.1] * 10), sum([0.1] * 10), math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]))
print(math.fsum([]), math.fsum([math.inf, 1]), math.fsum(range(10)))

# Errors.
def err(f, *args, **kw):
    try:
        r = f(*args, **kw)
        print("no error", r)
    except Exception as e:
        print(type(e).__name__)


err(math.sqrt, -1)
err(math.log, 0)
err(math.log, -1)
err(math.log, 10, 1)
err(math.exp, 1000)
err(math.pow, 0, -1)
err(math.pow, -8, 1 / 3)
err(math.fmod, math.inf, 1)
err(math.acos, 2)
err(math.atanh, 1)
err(math.gamma, 0)
err(math.gamma, -2)
err(math.lgamma, -1)
err(math.factorial, -1)
err(math.factorial, 2.0)
err(math.isqrt, -1)
err(math.comb, -1, 2)
err(math.floor, math.inf)
err(math.floor, math.nan)
err(math.sqrt, "x")
err(math.gcd, 1.5)
err(math.ldexp, 1.0, 1.5)
err(math.ldexp, 1.0, 10000)
err(math.fsum, [math.inf, -math.inf])
err(math.dist, (1, 2), (1, 2, 3))
err(math.isclose, 1, 2, rel_tol=-1)
try:
    math.sqrt()
except TypeError as e:
    print("TypeError", e)
