# weft demo: a class, a loop, a dict, and a weak reference
import gc
import weakref


class Greeter:
    def __init__(self, name, excitement=1):
        self.name = name
        self.excitement = excitement

    def greet(self):
        return 'Hello, ' + self.name + '!' * self.excitement

    def __repr__(self):
        return 'Greeter(%r)' % self.name


languages = {'Python': 1991, 'Rust': 2015, 'weft': 2024}
greeters = [Greeter(lang, n + 1) for n, lang in enumerate(languages)]

for g in greeters:
    print(f'{g.greet():<16} (born {languages[g.name]})')

squares = {n: n * n for n in range(1, 6)}
print('squares:', squares, 'total =', sum(squares.values()))

# a weak reference does not keep its object alive
guest = Greeter('garbage collector')
ref = weakref.ref(guest, lambda r: print('  ...the guest has left'))
print(ref().greet())
del guest
gc.collect()
print('guest still here?', ref() is not None)
print('Goodbye from', repr(greeters[-1]))
