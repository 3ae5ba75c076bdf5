# ints and floats compare exactly at any magnitude; hashes agree for equal values.
big = 2**53 + 1
print(big == float(big), big > float(big), big < float(big), float(big) < big, float(big) == big)
print(2**1000 == float(2**1000), 2**1000 + 1 > float(2**1000), 2**1000 < float("inf"), -2**1000 > float("-inf"))
print(10**400 > 1e308, -10**400 < -1e308, 3 < 3.5, 3 > 2.5, -3 < -2.5, -3 > -3.5, (2**63) == 2.0**63, 2**63 - 1 == 2.0**63)
print(hash(float(2**70)) == hash(2**70), hash(2.0**-30), hash(-1.5), hash(1e300), hash(-0.0), hash(float("inf")))
for x in (0.1, 3.14159, -2.5e-10, 123456789.987, 2.0**62, -(2.0**64)+1):
    print(x, hash(x))
print({2**53+1: 'a'}.get(float(2**53+1)), {2.0**60: 'b'}.get(2**60))
print(sorted([2**53+1, float(2**53), 2**53-1, 9007199254740992.0]))
print(max(2**64, 1.8446744073709552e19), min(2**64+1, float(2**64)))
print(float('nan') == 5, float('nan') < 2**100, 5 != float('nan'))
