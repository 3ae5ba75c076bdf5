# global statement and scoping
counter = 0
def bump():
    global counter
    counter += 1
    return counter
bump(); bump()
print(counter, bump())
def make_new_global():
    global fresh
    fresh = 'created'
make_new_global()
print(fresh)
value = 'module'
def shadow():
    value = 'function'
    return value
print(shadow(), value)
def read_only():
    return value.upper()
print(read_only())
def local_err():
    try:
        value2 = value2_missing
    except NameError as e:
        print(type(e).__name__, e)
local_err()
def unbound():
    try:
        counter += 1
    except UnboundLocalError as e:
        print(type(e).__name__, e)
unbound()
class K:
    attr = 'class attr'
    copy = value
    def m(self):
        return value
print(K.attr, K.copy, K().m())
x = 1
def outer():
    x = 2
    def inner():
        global x
        x = 3
        return x
    r = inner()
    return r, x
print(outer(), x)
items = []
def add(v):
    items.append(v)
add(1); add(2)
print(items)
for loopvar in range(3):
    pass
print(loopvar)
lst = [n * 2 for n in range(3)]
try:
    print(n)
except NameError as e:
    print(type(e).__name__, e)
del fresh
try:
    fresh
except NameError as e:
    print(type(e).__name__, e)
try:
    undefined_function()
except NameError as e:
    print(type(e).__name__, e)
def deflt(a=value):
    return a
value = 'changed'
print(deflt(), value)
g1 = 10
def two_globals():
    global g1, g2
    g1 = g1 * 2
    g2 = g1 + 1
two_globals()
print(g1, g2)
def lc():
    k = 5
    return [k + i for i in range(3)]
print(lc())
class Scope:
    y = 10
    vals = [1, 2]
    total = sum(vals)
print(Scope.total)
