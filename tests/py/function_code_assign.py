# Assigning a function's __code__ (expected output from python3 3.11).

def base(a, b=10):
    return a + b

def other(a, b=10):
    return a * b

print(base(2), base(2, 3))
base.__code__ = other.__code__
# The function keeps its own name, defaults and globals; only the code changes.
print(base(2), base(2, 3), base.__name__, base.__code__ is other.__code__)
print(base.__code__.co_name)

# A function replacing its own code while it runs: this call finishes with the old code.
def changer():
    changer.__code__ = (lambda: "new").__code__
    return "old"

print(changer(), changer(), changer())

# Closures: the free-variable counts must match.
def make(k):
    def add(x):
        return x + k
    def mul(x):
        return x * k
    return add, mul

add, mul = make(7)
print(add(3), mul(3))
add.__code__ = mul.__code__
print(add(3))

def no_free():
    return 0

for target, code in [(add, no_free.__code__), (no_free, mul.__code__)]:
    try:
        target.__code__ = code
    except ValueError as e:
        print("ValueError:", e)

for bad in [None, 1, "code", base]:
    try:
        no_free.__code__ = bad
    except TypeError as e:
        print("TypeError:", e)
print(no_free())

# Generator code put into a plain function makes it a generator function.
def gen():
    yield 1
    yield 2

def plain():
    return None

plain.__code__ = gen.__code__
print(list(plain()))

# Code from co.replace() (a renamed copy).
def answer():
    return 42

answer.__code__ = answer.__code__.replace(co_name="renamed")
print(answer(), answer.__code__.co_name, answer.__name__)

# Argument binding follows the new code's signature.
def one(a):
    return a

def two(a, b):
    return (a, b)

one.__code__ = two.__code__
try:
    one(1)
except TypeError as e:
    print("TypeError:", e)
print(one(1, 2))
print("__code__" in one.__dict__)

# A function cannot lose its code.
try:
    del one.__code__
except TypeError as e:
    print("TypeError:", e)
print(one(3, 4))

# types.coroutine marks the generator function's own code (the same function back).
import types


def legacy():
    yield "step"


marked = types.coroutine(legacy)
print(marked is legacy, legacy.__code__.co_flags & 0x100 != 0)


async def awaiter():
    return await legacy()


c = awaiter()
print(c.send(None))
c.close()
