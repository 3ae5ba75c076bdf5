# repr and str of many values
vals = ['plain', "it's", 'say "hi"', 'both \' and "', 'tab\there', 'new\nline', 'back\\slash',
        '\x00\x01\x1f', '\x7f', 'caf\xe9', '\u20ac', 'λx', '\r', '', ' ', '\U0001f600', '\xa0']
for v in vals:
    print(repr(v), len(v))
print(str('x'), repr(repr('x')), repr(str(5)))
print(repr(1), repr(-1), repr(1.0), repr(0.1), repr(1e-7), repr(True), repr(None), repr(2 ** 65))
print([1, 'a', "b'", None, 1.5, True], (1,), (), (1, 'x'), [], {}, {1: 'a', 'k': [2]})
print(repr([1, [2, [3, []]]]), repr(('a', ('b',))), repr({'a': {'b': {}}}))
print({1, 2, 3}, set(), repr(set()))
print(str([1.0, -0.0, 1e300, float('inf'), float('nan')]))
print(repr(b'bytes'))
print(repr(range(5)), repr(range(1, 10, 2)), range(0))
print(str(type(1)), str(type('')), type(None), type([]), type(print).__name__)
print(repr(int), repr(str), repr(Exception))
class A:
    pass
class B:
    def __repr__(self):
        return 'B!'
class C:
    def __str__(self):
        return 'C-str'
print(repr(B()), str(B()), [B(), B()], str(C()), f'{C()}')
print(A.__name__, B.__name__, str(A).startswith("<class '"), str(A).endswith("A'>"))
print(repr(A()).startswith('<'), repr(C()).startswith('<'))
print(repr(ValueError('bad')), repr(KeyError('k')), repr(Exception()), repr(Exception(1, 'two')))
print(str(ValueError('bad')), str(KeyError('k')), str(Exception()), str(Exception(1, 'two')))
print(repr('\\n'), '\\n', 'a\
b', r'raw\n', repr(r'raw\n'))
print(repr(-0.0), repr(100.0), repr(1e16), repr(123456789012345678.0))
print(repr({'k': (1, 2), 'l': [None]}))
print(repr('\x80'), repr('\xff'), repr('\u0100'))
