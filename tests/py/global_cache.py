# Global name lookups are cached per thread (weft: vm/src/type_cache.rs, GlobalCache);
# every way of changing a module namespace or the builtins must make them stale.
import builtins
import threading


def f():
    return 1


def call_f():
    return f()


print([call_f() for _ in range(3)])


def f():
    return 2


print(call_f())
globals()["f"] = lambda: 3
print(call_f())
exec("def f():\n    return 4", globals())
print(call_f())


def use_len(x):
    return len(x)


print(use_len("abc"))
len = lambda x: "shadowed"
print(use_len("abc"))
del len
print(use_len("abc"))

builtins.my_builtin = "from builtins"


def use_my_builtin():
    return my_builtin


print(use_my_builtin())
builtins.my_builtin = "changed"
print(use_my_builtin())
my_builtin = "global wins"
print(use_my_builtin())
del my_builtin
print(use_my_builtin())
del builtins.my_builtin
try:
    use_my_builtin()
except NameError as e:
    print("NameError", e)


def counter():
    global COUNT
    COUNT += 1
    return COUNT


COUNT = 0
print([counter() for _ in range(5)], COUNT)

# A module-level loop rebinding a global that functions read.
K = 0


def read_k():
    return K


seen = []
for i in range(5):
    K = i * 10
    seen.append(read_k())
print(seen)

# exec with its own globals: functions defined there read those globals.
g = {"V": 1}
exec("def get():\n    return V", g)
print(g["get"]())
g["V"] = 2
print(g["get"]())
exec("V = 3", g)
print(g["get"]())

# Threads rebinding a global while others read it.
SHARED = 0
bad = []


def reader():
    for _ in range(4000):
        v = SHARED
        if not isinstance(v, int) or v < 0:
            bad.append(v)


def writer():
    global SHARED
    for i in range(2000):
        SHARED = i


ts = [threading.Thread(target=reader) for _ in range(3)] + [threading.Thread(target=writer)]
for t in ts:
    t.start()
for t in ts:
    t.join()
SHARED = "final"
out = []
ts = [threading.Thread(target=lambda: out.append(SHARED)) for _ in range(3)]
for t in ts:
    t.start()
for t in ts:
    t.join()
print(bad, out)
