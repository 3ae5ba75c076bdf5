# subclasses of built-in types
class MyList(list):
    def total(self):
        return sum(self)
ml = MyList([1, 2, 3])
ml.append(4)
print(ml, ml.total(), len(ml), isinstance(ml, list))
class MyDict(dict):
    def __missing__(self, k):
        return 'missing:' + str(k)
md = MyDict(a=1)
print(md['a'], md['zz'])
class MyInt(int):
    pass
print(MyInt(5) + 1, type(MyInt(5)).__name__)
class Stack(list):
    def push(self, v):
        self.append(v)
        return self
    def peek(self):
        return self[-1]
st = Stack().push(1).push(2)
print(st, st.peek(), st.pop(), st, type(st).__name__)
class Upper(str):
    def shout(self):
        return self.upper() + '!'
u = Upper('hi')
print(u, u.shout(), u + 'x', len(u), isinstance(u, str))
class Pair(tuple):
    def swap(self):
        return Pair((self[1], self[0]))
print(Pair((1, 2)).swap(), type(Pair((1, 2)).swap()).__name__)
class Err(ValueError):
    pass
try:
    raise Err('custom')
except ValueError as e:
    print(type(e).__name__, e, isinstance(e, Exception))
