# sys and _thread hooks CPython's test helpers use: switch interval, display hook,
# unraisable hook, trace/profile accessors, audit hooks, _thread.interrupt_main.
import _thread
import sys
import time

old = sys.getswitchinterval()
sys.setswitchinterval(0.001)
print(sys.getswitchinterval(), isinstance(old, float))
try:
    sys.setswitchinterval(0)
except ValueError as e:
    print("ValueError:", e)
sys.setswitchinterval(old)

sys.displayhook(None)
sys.displayhook([1, "two"])
import builtins
print(builtins._)
print(sys.__displayhook__ is sys.displayhook, sys.__unraisablehook__ is sys.unraisablehook)

print(sys.gettrace(), sys.getprofile())
seen = []
sys.addaudithook(lambda event, args: seen.append((event, args)) if event == "my.event" else None)
sys.audit("my.event", 1, "x")
print(seen)

try:
    _thread.interrupt_main()
    for _ in range(1000):
        time.sleep(0.001)
    print("not interrupted")
except KeyboardInterrupt:
    print("KeyboardInterrupt from interrupt_main")
try:
    _thread.interrupt_main(-1)
except ValueError as e:
    print("ValueError:", e)
