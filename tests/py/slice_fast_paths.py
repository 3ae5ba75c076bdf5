# slices read and assigned through the interpreter's shortcut and the full path
l = list(range(10)); t = tuple(l)
print(l[2:5], l[::-1], l[5::-2], l[-3:], l[:-3], l[100:], l[3:1], l[::3], l[8:2:-2])
print(t[2:5], t[::-1], t[:], t[1::4], t[-100:100])
m = l[:]; print(m is l, m == l)
for v in ([1, 2], (7, 8, 9), [], 'ab', range(3), iter([5, 6])):
    x = list(range(6)); x[1:3] = v; print(x)
x = list(range(6)); x[::2] = [10, 20, 30]; print(x)
try:
    x[::2] = [1]
except ValueError as e:
    print(e)
try:
    x[1:2:0]
except ValueError as e:
    print(e)
try:
    x[1:2] = 5
except TypeError as e:
    print(e)
x[:] = x; print(x)
x[2:2] = x; print(x)
print(l[True:3], l[1.0 if False else 1:2], l[None:None:None])
class L(list):
    def __getitem__(self, k): return ('sub', k)
print(L([1, 2])[0:1])
big = 2**80
print(l[:big], l[-big:2])
p = [3, 1, 2, 0]; k = p[0]
while k:
    p[: k + 1] = p[k::-1]; k = p[0]
print(p)
