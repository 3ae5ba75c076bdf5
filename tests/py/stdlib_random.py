# CPython's Lib random on weft's _random: a seeded generator must give CPython's numbers.
import random

random.seed(2024)
print("random:", [round(random.random(), 12) for _ in range(4)])
print("randint:", [random.randint(-50, 50) for _ in range(8)])
print("randrange:", [random.randrange(0, 1000, 7) for _ in range(5)], random.randrange(10))
deck = list("abcdefghij")
print("choice:", random.choice(deck), random.choice(range(100, 200)))
random.shuffle(deck)
print("shuffle:", "".join(deck))
print("sample:", random.sample(range(1000), 6), random.sample("xyzw", k=4))
print("choices:", random.choices("abc", weights=[5, 1, 1], k=10))
print("uniform:", round(random.uniform(3.0, 7.5), 12))
print("gauss:", round(random.gauss(0.0, 1.0), 12), round(random.gauss(10, 2), 12))
print("normalvariate:", round(random.normalvariate(1, 0.5), 12))
print("expovariate:", round(random.expovariate(0.25), 12))
print("triangular:", round(random.triangular(0, 10, 3), 12))
print("getrandbits:", random.getrandbits(100), random.getrandbits(1), random.getrandbits(32))
print("big getrandbits:", random.getrandbits(257))
print("randbytes:", random.randbytes(9).hex())

# Seeds of every kind CPython accepts.
for seed in (0, 1, -1, 2**32, 2**64 + 5, -(3**80), "a text seed", b"some bytes",
             bytearray(b"buf"), None):
    random.seed(seed)
    value = random.random()
    print(repr(seed)[:20], value if seed is not None else 0 <= value < 1)

# State round trip: the same numbers after restoring.
gen = random.Random(99)
state = gen.getstate()
first = [gen.random() for _ in range(5)]
gen.setstate(state)
print("round trip:", first == [gen.random() for _ in range(5)])
print("state:", state[0], len(state[1]), state[1][:3], state[1][-1])

# Independent instances, and a subclass overriding random().
a, b = random.Random("same"), random.Random("same")
print("twins:", a.random() == b.random(), a.randint(0, 10**30) == b.randint(0, 10**30))


class Loaded(random.Random):
    def random(self):
        return 0.999


print("subclass:", Loaded(5).choice("abc"), Loaded(5).randrange(10))
import _random

raw = _random.Random(12345)
print("raw:", raw.random(), raw.getrandbits(40))
for bad in (lambda: raw.getrandbits(-1), lambda: raw.setstate((1, 2)),
            lambda: raw.setstate([0] * 625), lambda: raw.setstate((0,) * 624 + (625,)),
            lambda: _random.Random(1, 2), lambda: raw.seed([1])):
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
