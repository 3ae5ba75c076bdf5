# dict.get through the interpreter's shortcut and the full call: str and small-int keys,
# keys equal across types, defaults, subclasses and keys whose __eq__ is Python code.
d = {'a': 1, 2: 'two', 3.0: 'three', (1, 2): 'pair'}
print(d.get('a'), d.get('b'), d.get('b', 0), d.get(2), d.get(2.0), d.get(3), d.get(True))
print(d.get((1, 2)), d.get(-1, 'none'), d.get(2**70, 'big'))
g = d.get
print(g('a', 5), g('zz', 5))

class M(dict):
    def __missing__(self, k):
        return 'missing'
m = M(x=1)
print(m.get('x'), m.get('y'), m['y'])

class S(str):
    pass
print(d.get(S('a')), {S('k'): 9}.get('k'))

class Key:
    def __init__(self, n):
        self.n = n
    def __hash__(self):
        return hash('a')
    def __eq__(self, other):
        print('eq called')
        return other == 'a'
print(d.get(Key(1)))
e = {Key(2): 'keyed'}
print(e.get('a'))
try:
    d.get()
except TypeError as ex:
    print(ex)
try:
    d.get([1])
except TypeError as ex:
    print(ex)
counts = {}
for w in 'the cat and the hat and the bat'.split():
    counts[w] = counts.get(w, 0) + 1
print(sorted(counts.items()))
