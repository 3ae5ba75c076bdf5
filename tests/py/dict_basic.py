# dicts
d = {'b': 2, 'a': 1}
d['c'] = 3
print(d, len(d), d['a'], list(d), list(d.keys()), list(d.values()), list(d.items()))
d['b'] = 20
print(d)
del d['b']
d['b'] = 5
print(d)
print(d.get('a'), d.get('zz'), d.get('zz', 'dflt'), 'a' in d, 'zz' not in d, 1 in d)
print(d.pop('a'), d.pop('zz', None), d)
print(d.setdefault('c', 99), d.setdefault('n', []), d)
d['n'].append(1)
print(d)
d.update({'x': 1, 'c': 0})
d.update([('y', 2)])
d.update(z=3)
print(d)
print(d.popitem(), d)
e = d.copy()
e.clear()
print(e, d == e, {} == {}, {'a': 1, 'b': 2} == {'b': 2, 'a': 1})
print(dict(), dict(a=1, b=2), dict([(1, 'one'), (2, 'two')]), dict({'k': 'v'}, extra=1))
print(dict.fromkeys(['p', 'q']), dict.fromkeys('ab', 0))
print({i: i * i for i in range(5)}, {k: v for k, v in zip('abc', range(3)) if v != 1})
for k in {'one': 1, 'two': 2}:
    print(k)
for k, v in {'x': 10, 'y': 20}.items():
    print(k, v)
mixed = {1: 'int', 1.5: 'float', 'k': 'str', (1, 2): 'tuple', None: 'none', True: 'bool?'}
print(mixed, mixed[1], len(mixed))
print({1: 'a', 1.0: 'b'}, {0: 'x', False: 'y'})
try:
    d['missing']
except KeyError as ex:
    print(type(ex).__name__, ex, repr(ex), ex.args)
try:
    {}[(1, 2)]
except KeyError as ex:
    print(type(ex).__name__, ex)
try:
    {}.pop('q')
except KeyError as ex:
    print(type(ex).__name__, ex)
try:
    {}.popitem()
except KeyError as ex:
    print(type(ex).__name__, ex)
try:
    {[1]: 2}
except TypeError as ex:
    print(type(ex).__name__, ex)
try:
    for k in d:
        d['new' + str(k)] = 1
except RuntimeError as ex:
    print(type(ex).__name__, ex)
print(d | {'w': 0}, {'a': 1} | {'a': 2})
big = {}
for i in range(1000):
    big[i] = str(i)
for i in range(0, 1000, 2):
    del big[i]
print(len(big), big[999], list(big)[:5], sum(big))
big[0] = 'back'
print(list(big)[-1], list(big.values())[-2:])
order = {}
for ch in 'hello world':
    order[ch] = order.get(ch, 0) + 1
print(order)
print(sorted(order.items(), key=lambda kv: (-kv[1], kv[0])))
print(list(reversed({'a': 1, 'b': 2})), bool({}), bool({0: 0}))
kv = {'a': 1}
ks = kv.keys()
kv['b'] = 2
print(list(ks), len(ks), 'b' in ks)
