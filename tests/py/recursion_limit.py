# unbounded recursion raises RecursionError and the interpreter recovers
def runaway(n):
    return runaway(n + 1)
try:
    runaway(0)
except RecursionError as e:
    print(type(e).__name__, isinstance(e, RuntimeError))
def deep(n):
    return 0 if n == 0 else 1 + deep(n - 1)
print('after', deep(200))
def mutual_a(n):
    return mutual_b(n + 1)
def mutual_b(n):
    return mutual_a(n + 1)
try:
    mutual_a(0)
except RecursionError as e:
    print(type(e).__name__)
class R:
    def __repr__(self):
        return repr(self)
try:
    repr(R())
except RecursionError as e:
    print(type(e).__name__)
def build(n):
    return [] if n == 0 else [build(n - 1)]
try:
    nested = build(100000)
except RecursionError as e:
    print(type(e).__name__, 'while building')
print('still alive', deep(100), len(build(50)))
