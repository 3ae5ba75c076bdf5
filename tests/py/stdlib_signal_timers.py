# Interval timers, pause, pthread_kill and signal masks of the signal module.
import signal
import threading

fired = []


def on_alarm(signum, frame):
    fired.append(signum)


signal.signal(signal.SIGALRM, on_alarm)
print(signal.getitimer(signal.ITIMER_REAL))
print(signal.setitimer(signal.ITIMER_REAL, 0.05))
delay, interval = signal.getitimer(signal.ITIMER_REAL)
print(0 < delay <= 0.05, interval)
signal.pause()
print(fired == [signal.SIGALRM])
print(signal.setitimer(signal.ITIMER_REAL, 0))

try:
    signal.setitimer(12345, 1)
except signal.ItimerError as err:
    print(type(err).__name__, err.errno, isinstance(err, OSError))
print(signal.ItimerError)

# A signal sent to this thread runs its handler before pthread_kill returns.
got = []
signal.signal(signal.SIGUSR1, lambda num, frame: got.append(num))
signal.pthread_kill(threading.get_ident(), signal.SIGUSR1)
print(got == [signal.SIGUSR1])

# A blocked signal waits in sigpending until it is unblocked.
signal.signal(signal.SIGUSR2, lambda num, frame: got.append(num))
before = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR2})
print(signal.SIGUSR2 in before)
signal.pthread_kill(threading.get_ident(), signal.SIGUSR2)
print(signal.SIGUSR2 in signal.sigpending(), len(got))
signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGUSR2})
print(got == [signal.SIGUSR1, signal.SIGUSR2])
print(signal.SIGUSR2 in signal.sigpending())
