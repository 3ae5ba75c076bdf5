# printf-style integer conversions: width, precision (minimum digits), flags, prefixes.
for v in (0, 7, -7, 255, -255, 10**20, True):
    print(repr("%d|%5d|%-5d|%05d|%+d|% d|%.3d|%6.3d|%-6.3d|%06.3d|%+06.3d" % ((v,) * 11)))
    print(repr("%x|%X|%#x|%#X|%#8x|%#08x|%-#8x|%.4x|%#.4x|%o|%#o|%#8.4o" % ((abs(v),) * 12)))
print("%*d|%-*d|%*.*d|%.*d" % (6, 42, 6, 42, 8, 5, 42, 3, 4))
print("%(a)05d %(b)-4d|" % {"a": -3, "b": 9})
print("%u %i" % (-5, 5))
