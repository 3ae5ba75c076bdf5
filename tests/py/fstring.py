# f-strings
name = 'world'
n = 42
pi = 3.14159265
print(f'hello {name}', f'{n}', f'{n + 1}', f'{name!r}', f'{name!s}', f'{"quoted"}')
print(f'{n:5}|', f'{n:<5}|', f'{n:^5}|', f'{n:05}', f'{n:x}', f'{n:#b}', f'{n:,}')
print(f'{pi:.2f}', f'{pi:10.4f}|', f'{pi:e}', f'{-pi:+.1f}', f'{0.5:%}')
print(f'{{}}', f'{{{n}}}', f'a{n}b{n}c')
w = 8
p = 3
print(f'{pi:{w}.{p}f}|', f'{name:>{w}}|', f'{name:*^{w}}')
items = [1, 2, 3]
d = {'k': 'v'}
print(f'{items}', f'{items[1]}', f"{d['k']}", f'{len(items)}', f'{items!r}')
print(f'{"yes" if n > 10 else "no"}', f'{[x * 2 for x in items]}')
class P:
    def __init__(self, x):
        self.x = x
    def __repr__(self):
        return 'P(' + str(self.x) + ')'
    def __str__(self):
        return 'point ' + str(self.x)
    def __format__(self, spec):
        return 'fmt[' + spec + ']'
o = P(3)
print(f'{o!r}', f'{o!s}', f'{o}', f'{o:abc}', f'{o.x}')
print(f'{n=}', f'{pi=:.2f}', f'{name = }')
print(f'{"x":>3}{"y":<3}|')
print(f'{None}', f'{True}', f'{1e100}', f'{2**70}', f'{-0.0}')
print(f'{"a" "b"}', f'multi' f'{n}' 'plain')
s = f'''triple {n}
line2 {name}'''
print(s)
print(f'{n!r:>6}|', f'{name!r:^12}|')
x = 5
print(f'{x * 2 + 1}', f'{(lambda y: y * 3)(x)}', f'{x:{"0>4"}}')
print(f'{3.0:g}', f'{1234.5:g}', f'{1e-7:g}', f'{255:X}', f'{-7:o}')
print(f"{'nested ' + f'{x}'}")
