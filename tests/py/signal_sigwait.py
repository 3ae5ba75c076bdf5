# signal.sigwait / sigwaitinfo / sigtimedwait: a blocked signal sent to this process
# or thread stays pending until one of them takes it (no handler runs).
import os
import signal
import threading

ran = []
signal.signal(signal.SIGUSR1, lambda *a: ran.append("handler"))
old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR1, signal.SIGUSR2})

os.kill(os.getpid(), signal.SIGUSR1)
print("pending:", sorted(signal.sigpending()))
got = signal.sigwait({signal.SIGUSR1})
print("sigwait:", got, got == signal.SIGUSR1, ran)
print("pending after:", sorted(signal.sigpending()))

signal.pthread_kill(threading.get_ident(), signal.SIGUSR2)
info = signal.sigwaitinfo([signal.SIGUSR1, signal.SIGUSR2])
print("sigwaitinfo:", type(info).__name__, info.si_signo == signal.SIGUSR2,
      info.si_signo == info[0], len(info), info.si_errno)

os.kill(os.getpid(), signal.SIGUSR1)
info = signal.sigtimedwait({signal.SIGUSR1}, 5)
print("sigtimedwait:", info.si_signo == signal.SIGUSR1, info.si_pid == os.getpid(),
      info.si_uid == os.getuid(), info.si_code)
print("timed out:", signal.sigtimedwait({signal.SIGUSR1}, 0.01))

# A signal sent from another thread wakes a waiting sigwait.
def later():
    os.kill(os.getpid(), signal.SIGUSR2)
t = threading.Timer(0.05, later)
t.start()
print("from a thread:", signal.sigwait({signal.SIGUSR2}) == signal.SIGUSR2)
t.join()

for bad in [(set(), -1), ({signal.SIGUSR1}, "x")]:
    try:
        signal.sigtimedwait(*bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    signal.sigwait({0})
except ValueError as e:
    print("ValueError", e)

signal.pthread_sigmask(signal.SIG_SETMASK, old)
print("handler ran:", ran)
