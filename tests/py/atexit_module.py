# atexit: callbacks run after the program, newest first, with their arguments; a failing
# one is reported on stderr and the rest still run; unregister forgets a function.
import atexit


def farewell(name, punctuation="!"):
    print("goodbye", name + punctuation)


def never():
    print("this was unregistered")


def broken():
    raise ValueError("reported on stderr, not stdout")


atexit.register(farewell, "first")
atexit.register(never)
atexit.register(broken)
atexit.register(farewell, "last", punctuation="?")
atexit.unregister(never)
print(atexit.register(farewell, "decorated") is farewell)


@atexit.register
def decorated():
    print("decorator form")


try:
    atexit.register(42)
except TypeError as e:
    print("TypeError:", e)
print("main program done")
