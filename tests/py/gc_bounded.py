# build and drop a million small objects; only a summary is printed
import gc
class Cell:
    def __init__(self, v):
        self.v = v
        self.link = None
total = 0
kept = []
cycles = 0
for i in range(1000000):
    c = Cell(i)
    if i % 4 == 0:
        c.link = c
        cycles += 1
    elif i % 4 == 1:
        c.link = [i, (i, 'x')]
    elif i % 4 == 2:
        c.link = {'k': i}
    total += c.v
    if i % 100000 == 0:
        kept.append(c)
        if len(kept) > 5:
            kept.pop(0)
c = None
gc.collect()
print(total, cycles, len(kept), [k.v for k in kept])
print(kept[0].link is kept[0], gc.isenabled())
s = ''
for i in range(200000):
    s = str(i)
print(s)
acc = 0
for i in range(200000):
    t = (i, i + 1)
    acc += t[1] - t[0]
print(acc)
