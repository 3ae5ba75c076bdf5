# Python signal handlers through _signal (CPython's C module): installed, run in the
# main thread with (signum, frame), replaced, restored; errors; KeyboardInterrupt.
import _signal as S

got = []


def handler(signum, frame):
    got.append((signum, type(frame).__name__))


print(S.getsignal(S.SIGUSR1) == S.SIG_DFL, S.getsignal(S.SIGINT) is S.default_int_handler)
old = S.signal(S.SIGUSR1, handler)
print(old == S.SIG_DFL, S.getsignal(S.SIGUSR1) is handler)
S.raise_signal(S.SIGUSR1)
print(got)


def boom(signum, frame):
    raise RuntimeError("from handler %d" % signum)


S.signal(S.SIGUSR2, boom)
try:
    S.raise_signal(S.SIGUSR2)
except RuntimeError as e:
    print("RuntimeError:", e)
print(S.signal(S.SIGUSR2, S.SIG_IGN) is boom)
S.raise_signal(S.SIGUSR2)
print("ignored")
try:
    S.raise_signal(S.SIGINT)
except KeyboardInterrupt as e:
    print("KeyboardInterrupt", repr(e))
for bad in ((0, handler), (S.SIGUSR1, 5), (S.SIGKILL, handler), ("x", handler)):
    try:
        S.signal(*bad)
    except (ValueError, TypeError, OSError) as e:
        print(type(e).__name__, e)
print(S.SIGINT, S.NSIG, S.SIGUSR1 in S.valid_signals(), S.strsignal(S.SIGINT))
S.signal(S.SIGUSR1, S.SIG_DFL)
print(S.getsignal(S.SIGUSR1))
