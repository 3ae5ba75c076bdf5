# decimal, fractions and statistics.
import decimal
import fractions
import statistics
from decimal import Decimal as D
from fractions import Fraction as F

print(D("1.10") + D("2.205"), D(1) / D(7), D("2").sqrt(), D("1.5").quantize(D("1")))
ctx = decimal.getcontext()
print(ctx.prec, ctx.rounding)
with decimal.localcontext() as c:
    c.prec = 5
    print(D(1) / D(3), D("123456789") * 1)
print(D("3.14159").quantize(D("0.01"), rounding=decimal.ROUND_DOWN), D("-0"), D("1e3").normalize())
print(D("NaN").is_nan(), D("Infinity") > 10**100, D(0.1), D("7.5") % 2, divmod(D(7), D(2)))
try:
    D(1) / D(0)
except decimal.DivisionByZero as e:
    print("DivisionByZero")
print(F(3, 4) + F(1, 6), F("0.125"), F(2.5), F(1, 3) ** 2, F(7, 2).limit_denominator(1))
print(F(22, 7).numerator, F(-6, 8), round(F(5, 2)), float(F(1, 8)), F(1, 3) < F(1, 2))
print(F.from_decimal(D("0.75")), F(10, 4).as_integer_ratio())
data = [2, 4, 4, 4, 5, 5, 7, 9]
print(statistics.mean(data), statistics.median(data), statistics.mode(data))
print(statistics.pstdev(data), round(statistics.stdev(data), 6), statistics.variance(data))
print(statistics.median_low([1, 3, 5, 7]), statistics.median_high([1, 3, 5, 7]))
print(statistics.fmean([1.5, 2.5]), statistics.harmonic_mean([40, 60]), statistics.quantiles(data, n=4))
print(statistics.mean([F(1, 2), F(1, 3)]), statistics.mean([D("1.1"), D("2.2")]))
nd = statistics.NormalDist(100, 15)
print(round(nd.cdf(115), 6), round(nd.inv_cdf(0.5), 6), statistics.multimode("aabbc"))
try:
    statistics.mean([])
except statistics.StatisticsError as e:
    print("StatisticsError:", e)
