# Functions, built-in functions and bound methods have `__call__`, which calls them;
# calling it with a receiver of another type is a TypeError.
def add_one(x):
    return x + 1


class Box:
    def get(self, k=0):
        return 10 + k


for obj in [add_one, len, Box().get, print, [].append, lambda: 0]:
    call = obj.__call__
    print(type(obj).__name__, call.__name__, callable(call))

print(add_one.__call__(1))
print(add_one.__call__(x=41))
print(len.__call__([1, 2, 3]))
print(Box().get.__call__(k=5))
print(sorted.__call__([3, 1, 2], reverse=True))
print(type(add_one).__call__(add_one, 2))
try:
    type(add_one).__call__(len, [])
except TypeError as e:
    print("TypeError", e)
try:
    type(add_one).__call__()
except TypeError as e:
    print("TypeError", e)
print(hasattr(add_one, "__call__"), "__call__" in dir(add_one))
