"""Threads and synchronisation primitives for weft, built on `_thread`.

weft has no GIL: threads started here run Python in parallel. Every primitive below is
made of `_thread` locks, whose blocking waits detach the thread so that a garbage
collection never waits for it.

Map of the module: `_Countdown` turns a timeout into the successive waits of a retry
loop; Condition parks each waiter on a private lock; Semaphore, Event and Barrier are
built on a Condition; Thread keeps a "running" lock that its thread holds until it
ends, which join() and the interpreter's exit (`_shutdown`) wait on.
"""

import _thread
from time import monotonic as _time
from _weakrefset import WeakSet as _WeakSet

__all__ = [
    "get_ident", "get_native_id", "active_count", "Condition", "current_thread",
    "enumerate", "main_thread", "TIMEOUT_MAX", "Event", "Lock", "RLock", "Semaphore",
    "BoundedSemaphore", "Thread", "Barrier", "BrokenBarrierError", "Timer",
    "ThreadError", "ExceptHookArgs", "setprofile", "settrace", "local", "stack_size",
    "excepthook", "gettrace", "getprofile",
]

_start_new_thread = _thread.start_new_thread
_allocate_lock = _thread.allocate_lock
get_ident = _thread.get_ident
get_native_id = _thread.get_native_id
ThreadError = _thread.error
TIMEOUT_MAX = _thread.TIMEOUT_MAX
stack_size = _thread.stack_size
Lock = _thread.allocate_lock
RLock = _thread.RLock
# CPython has a C and a Python RLock; weft has one, native.
_CRLock = _PyRLock = RLock


def _deprecated(message):
    import warnings
    warnings.warn(message, DeprecationWarning, stacklevel=3)


# ---- trace and profile hooks (stored for threads to come; weft does not call them) ----

_hooks = {"trace": None, "profile": None}


def _hook_accessors(kind):
    def setter(func):
        _hooks[kind] = func

    def getter():
        return _hooks[kind]
    setter.__name__, getter.__name__ = "set" + kind, "get" + kind
    return setter, getter


settrace, gettrace = _hook_accessors("trace")
setprofile, getprofile = _hook_accessors("profile")


# ---- helpers ----------------------------------------------------------------------------

_EXPIRED = object()


class _Countdown:
    """The waits of a loop that may block several times under one timeout.

    next_wait() gives None when there is no limit, the whole timeout the first time
    (which starts the clock), then the time left, and _EXPIRED once none is left."""

    __slots__ = ("_seconds", "_deadline")

    def __init__(self, seconds):
        self._seconds = seconds
        self._deadline = None

    def next_wait(self):
        if self._seconds is None:
            return None
        if self._deadline is None:
            self._deadline = _time() + self._seconds
            return self._seconds
        left = self._deadline - _time()
        return left if left > 0 else _EXPIRED


def _described(obj, detail):
    """The repr of the synchronisation objects: <module.Class at 0x...: detail>."""
    cls = type(obj)
    return "<%s.%s at %s: %s>" % (cls.__module__, cls.__qualname__, hex(id(obj)), detail)


def _block_on(lock, timeout):
    """Acquire `lock` waiting at most `timeout` seconds (None: forever; 0 or less:
    not at all); True when it was acquired."""
    if timeout is None:
        return lock.acquire()
    if timeout > 0:
        return lock.acquire(True, timeout)
    return lock.acquire(False)


# ---- Condition ---------------------------------------------------------------------------

class Condition:
    """A condition variable over a lock (an RLock by default).

    Each waiter parks on a private lock of its own, which notify() releases (oldest
    waiters first). While waiting, the underlying lock is given up completely (every
    recursion level of an RLock) and taken back afterwards."""

    def __init__(self, lock=None):
        self._lock = RLock() if lock is None else lock
        self.acquire = self._lock.acquire
        self.release = self._lock.release
        # an RLock brings its own way to give up and retake all its levels
        for name in ("_release_save", "_acquire_restore", "_is_owned"):
            if hasattr(self._lock, name):
                setattr(self, name, getattr(self._lock, name))
        self._waiters = []

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *exc_info):
        return self._lock.__exit__(*exc_info)

    def __repr__(self):
        return "<Condition(%s, %d)>" % (self._lock, len(self._waiters))

    # the versions for a plain lock
    def _release_save(self):
        self._lock.release()

    def _acquire_restore(self, saved):
        self._lock.acquire()

    def _is_owned(self):
        # a plain lock has no owner: it counts as ours whenever somebody holds it
        probe = self._lock.acquire(False)
        if probe:
            self._lock.release()
        return not probe

    def _check_owned(self, action):
        if not self._is_owned():
            raise RuntimeError("cannot %s on un-acquired lock" % action)

    def wait(self, timeout=None):
        """Give up the lock until notified (or until timeout seconds passed), then
        take it back. True unless the timeout expired."""
        self._check_owned("wait")
        gate = _allocate_lock()
        gate.acquire()
        self._waiters.append(gate)
        saved = self._release_save()
        notified = False
        try:
            notified = _block_on(gate, timeout)
            return notified
        finally:
            self._acquire_restore(saved)
            if not notified and gate in self._waiters:
                self._waiters.remove(gate)

    def wait_for(self, predicate, timeout=None):
        """Wait until predicate() is true (or the timeout expired); its last value."""
        countdown = _Countdown(timeout)
        result = predicate()
        while not result:
            wait = countdown.next_wait()
            if wait is _EXPIRED:
                break
            self.wait(wait)
            result = predicate()
        return result

    def notify(self, n=1):
        """Wake up to n waiting threads."""
        self._check_owned("notify")
        woken = 0
        while woken < n and self._waiters:
            gate = self._waiters.pop(0)
            try:
                gate.release()
            except RuntimeError:
                # that waiter timed out meanwhile and is not waiting any more
                continue
            woken += 1

    def notify_all(self):
        """Wake up every waiting thread."""
        self.notify(len(self._waiters))

    def notifyAll(self):
        _deprecated("notifyAll() is deprecated, use notify_all() instead")
        self.notify_all()


# ---- Semaphore ---------------------------------------------------------------------------

class Semaphore:
    """A counter: acquire() takes one (waiting while it is 0), release() gives back."""

    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._value = value
        self._cond = Condition(Lock())

    def __repr__(self):
        return _described(self, "value=%s" % self._value)

    def acquire(self, blocking=True, timeout=None):
        """Take one unit; False if none came free in time (or at once, when not
        blocking)."""
        if timeout is not None and not blocking:
            raise ValueError("can't specify timeout for non-blocking acquire")
        countdown = _Countdown(timeout)
        with self._cond:
            while self._value == 0:
                wait = countdown.next_wait() if blocking else _EXPIRED
                if wait is _EXPIRED:
                    return False
                self._cond.wait(wait)
            self._value -= 1
            return True

    __enter__ = acquire

    def _check_release(self, n):
        pass

    def release(self, n=1):
        """Give back n units, waking as many waiters."""
        if n < 1:
            raise ValueError("n must be one or more")
        with self._cond:
            self._check_release(n)
            self._value += n
            self._cond.notify(n)

    def __exit__(self, exc_type, exc_value, traceback):
        self.release()


class BoundedSemaphore(Semaphore):
    """A Semaphore that may not be released above its initial value."""

    def __init__(self, value=1):
        super().__init__(value)
        self._initial_value = value

    def __repr__(self):
        return _described(self, "value=%s/%s" % (self._value, self._initial_value))

    def _check_release(self, n):
        if self._value + n > self._initial_value:
            raise ValueError("Semaphore released too many times")


# ---- Event -------------------------------------------------------------------------------

class Event:
    """A flag that threads can wait for."""

    def __init__(self):
        self._cond = Condition(Lock())
        self._flag = False

    def __repr__(self):
        return _described(self, "set" if self._flag else "unset")

    def is_set(self):
        return self._flag

    def isSet(self):
        _deprecated("isSet() is deprecated, use is_set() instead")
        return self.is_set()

    def _put(self, flag):
        with self._cond:
            self._flag = flag
            if flag:
                self._cond.notify_all()

    def set(self):
        """Raise the flag and wake every waiter."""
        self._put(True)

    def clear(self):
        """Lower the flag."""
        self._put(False)

    def wait(self, timeout=None):
        """Wait until the flag is raised; False if the timeout expired first."""
        with self._cond:
            return self._flag or self._cond.wait(timeout)


# ---- Barrier -----------------------------------------------------------------------------

class BrokenBarrierError(RuntimeError):
    pass


class _Round:
    """One filling of a Barrier: how many threads arrived, and how it ended (None
    while filling, then "passed" or "broken")."""

    __slots__ = ("arrived", "outcome")

    def __init__(self):
        self.arrived = 0
        self.outcome = None


class Barrier:
    """`parties` threads call wait(); none returns before all have arrived.

    Every filling is a `_Round`. When the last party arrives, the action runs and the
    round passes (a fresh round starts at once). A timeout, an error in the action or
    abort() breaks the current round: its waiters and every later caller get
    BrokenBarrierError until reset() starts a fresh round."""

    def __init__(self, parties, action=None, timeout=None):
        if parties < 1:
            raise ValueError("parties must be > 0")
        self._cond = Condition(Lock())
        self._parties = parties
        self._action = action
        self._timeout = timeout
        self._round = _Round()

    def __repr__(self):
        if self.broken:
            return _described(self, "broken")
        return _described(self, "waiters=%s/%s" % (self.n_waiting, self.parties))

    def wait(self, timeout=None):
        """Wait for the others; returns this thread's arrival index (0 to parties-1)."""
        if timeout is None:
            timeout = self._timeout
        with self._cond:
            current = self._round
            if current.outcome == "broken":
                raise BrokenBarrierError
            index = current.arrived
            current.arrived += 1
            if current.arrived == self._parties:
                self._pass(current)
            elif not self._cond.wait_for(lambda: current.outcome is not None, timeout):
                self._break(current)
                raise BrokenBarrierError
            if current.outcome == "broken":
                raise BrokenBarrierError
            return index

    def _pass(self, current):
        # the last party: run the action for everybody, then let them all go
        try:
            if self._action:
                self._action()
        except BaseException:
            self._break(current)
            raise
        current.outcome = "passed"
        self._round = _Round()
        self._cond.notify_all()

    def _break(self, current):
        current.outcome = "broken"
        self._cond.notify_all()

    def reset(self):
        """Start over: threads waiting now get BrokenBarrierError."""
        with self._cond:
            if self._round.arrived and self._round.outcome is None:
                self._break(self._round)
            self._round = _Round()

    def abort(self):
        """Break the barrier: waiters now and later get BrokenBarrierError."""
        with self._cond:
            self._break(self._round)

    parties = property(lambda self: self._parties, doc="How many threads must arrive.")

    @property
    def n_waiting(self):
        current = self._round
        return current.arrived if current.outcome is None else 0

    @property
    def broken(self):
        return self._round.outcome == "broken"


# ---- Thread ------------------------------------------------------------------------------

_registry_lock = _allocate_lock()
_active = {}        # ident -> Thread, for running threads
_limbo = {}         # Thread -> Thread, started but not yet running
_names_made = [0]
# every Thread object not yet collected (CPython's test helpers count them)
_dangling = _WeakSet()


def _next_number():
    with _registry_lock:
        _names_made[0] += 1
        return _names_made[0]


class ExceptHookArgs:
    """What `excepthook` receives: exc_type, exc_value, exc_traceback, thread."""

    _fields = ("exc_type", "exc_value", "exc_traceback", "thread")

    def __init__(self, exc_type, exc_value, exc_traceback, thread):
        self.exc_type = exc_type
        self.exc_value = exc_value
        self.exc_traceback = exc_traceback
        self.thread = thread

    def _values(self):
        return tuple(getattr(self, field) for field in self._fields)

    def __iter__(self):
        return iter(self._values())

    def __getitem__(self, i):
        return self._values()[i]

    def __len__(self):
        return len(self._fields)

    def __repr__(self):
        shown = ", ".join("%s=%r" % pair for pair in zip(self._fields, self._values()))
        return "_thread._ExceptHookArgs(%s)" % shown


def excepthook(args):
    """Report an exception that escaped a thread's run() on stderr, as CPython does."""
    if args.exc_type is SystemExit:
        return
    import sys
    stderr = sys.stderr
    if stderr is None:
        stderr = getattr(args.thread, "_stderr", None)
        if stderr is None:
            return
    who = get_ident() if args.thread is None else args.thread.name
    print("Exception in thread %s:" % who, file=stderr, flush=True)
    import traceback
    traceback.print_exception(args.exc_type, args.exc_value, args.exc_traceback,
                              file=stderr)
    stderr.flush()


__excepthook__ = excepthook


def _not_initialized(thread):
    return not thread.__dict__.get("_initialized", False)


class Thread:
    """A thread of control running `run()` (by default: target(*args, **kwargs))."""

    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *,
                 daemon=None):
        if group is not None:
            raise AssertionError("group argument must be None for now")
        if name:
            name = str(name)
        else:
            name = "Thread-%d" % _next_number()
            target_name = getattr(target, "__name__", None)
            if target is not None and target_name is not None:
                name += " (%s)" % target_name
        self._name = name
        self._target, self._args = target, args
        self._kwargs = {} if kwargs is None else kwargs
        self._daemonic = current_thread().daemon if daemon is None else daemon
        self._ident = self._native_id = None
        self._started = Event()
        self._is_stopped = False
        # held by the running thread until it ends; join() waits for it
        self._tstate_lock = None
        self._initialized = True
        import sys
        # where excepthook reports if sys.stderr is None by then
        self._stderr = sys.stderr
        _dangling.add(self)

    def __repr__(self):
        if _not_initialized(self):
            raise AssertionError("Thread.__init__() was not called")
        self.is_alive()     # notices a thread that has ended
        if self._is_stopped:
            words = ["stopped"]
        else:
            words = ["started" if self._started.is_set() else "initial"]
        if self._daemonic:
            words.append("daemon")
        if self._ident is not None:
            words.append(str(self._ident))
        return "<%s(%s, %s)>" % (type(self).__name__, self._name, " ".join(words))

    def start(self):
        """Run this thread's run() in a new thread; at most once per Thread."""
        if _not_initialized(self):
            raise RuntimeError("thread.__init__() not called")
        if self._started.is_set():
            raise RuntimeError("threads can only be started once")
        # Taken here, by the starting thread, so that join() waits even for a thread
        # that dies before it gets going; released by _bootstrap when it ends.
        running = _allocate_lock()
        running.acquire()
        self._tstate_lock = running
        with _registry_lock:
            _limbo[self] = self
        try:
            _start_new_thread(self._bootstrap, ())
        except BaseException:
            with _registry_lock:
                _limbo.pop(self, None)
            self._tstate_lock = None
            running.release()
            raise
        # _started comes at once, unless the new thread failed first (then its
        # running lock is free again)
        while not self._started.wait(0.05) and running.locked():
            pass

    def run(self):
        """What the thread does; by default, call the target given to __init__."""
        try:
            target = self._target
            if target is not None:
                target(*self._args, **self._kwargs)
        finally:
            # the Thread object keeps no reference to them once the run is over
            del self._target, self._args, self._kwargs

    def _bootstrap(self):
        running = self._tstate_lock
        try:
            self._ident = get_ident()
            self._native_id = get_native_id()
            with _registry_lock:
                _active[self._ident] = self
                _limbo.pop(self, None)
            self._started.set()
            try:
                self.run()
            except BaseException as exc:
                self._report(exc)
        finally:
            # whatever happened (even a MemoryError above), join() and start() go on
            try:
                with _registry_lock:
                    if _active.get(self._ident) is self:
                        del _active[self._ident]
                    _limbo.pop(self, None)
            finally:
                running.release()
                self._started.set()

    def _report(self, exc):
        try:
            # the module global, looked up now: `threading.excepthook = f` counts
            excepthook(ExceptHookArgs(type(exc), exc, getattr(exc, "__traceback__", None),
                                      self))
        except BaseException as hook_error:
            import sys
            stderr = sys.stderr if sys.stderr is not None else self._stderr
            if stderr is not None:
                print("Exception in threading.excepthook:", file=stderr, flush=True)
            hook_error.__suppress_context__ = True
            sys.excepthook(type(hook_error), hook_error, hook_error.__traceback__)

    def _reap(self, block=True, timeout=-1):
        """Wait (or just look, with block=False) for the thread to end; once it has,
        mark it stopped."""
        running = self._tstate_lock
        if running is not None and running.acquire(block, timeout):
            running.release()
            self._tstate_lock = None
            self._is_stopped = True

    def join(self, timeout=None):
        """Wait until the thread ends, or at most timeout seconds."""
        if _not_initialized(self):
            raise RuntimeError("Thread.__init__() not called")
        if self._tstate_lock is None and not self._started.is_set():
            raise RuntimeError("cannot join thread before it is started")
        if current_thread() is self:
            raise RuntimeError("cannot join current thread")
        self._reap(timeout=-1 if timeout is None else max(timeout, 0))
        _thread._check_signals()

    def is_alive(self):
        """True from start() until the thread's run() ends."""
        if self._started.is_set() and not self._is_stopped:
            self._reap(block=False)
            return not self._is_stopped
        return False

    def _set_name(self, name):
        self._name = str(name)

    def _set_daemon(self, daemonic):
        if _not_initialized(self):
            raise RuntimeError("Thread.__init__() not called")
        if self._started.is_set():
            raise RuntimeError("cannot set daemon status of active thread")
        self._daemonic = daemonic

    name = property(lambda self: self._name, _set_name)
    ident = property(lambda self: self._ident)
    native_id = property(lambda self: self._native_id)
    daemon = property(lambda self: self._daemonic, _set_daemon)

    # the old camelCase spellings
    def isDaemon(self):
        _deprecated("isDaemon() is deprecated, get the daemon attribute instead")
        return self.daemon

    def setDaemon(self, daemonic):
        _deprecated("setDaemon() is deprecated, set the daemon attribute instead")
        self.daemon = daemonic

    def getName(self):
        _deprecated("getName() is deprecated, get the name attribute instead")
        return self.name

    def setName(self, name):
        _deprecated("setName() is deprecated, set the name attribute instead")
        self.name = name


class _MainThread(Thread):
    def __init__(self):
        super().__init__(name="MainThread", daemon=False)
        self._started.set()
        self._ident = _thread._main_ident()
        # held until the interpreter's exit (`_shutdown`), so that another thread can
        # join the main thread
        self._tstate_lock = _allocate_lock()
        self._tstate_lock.acquire()

    def is_alive(self):
        return not self._is_stopped


class _DummyThread(Thread):
    """Stands for a thread started with `_thread` directly."""

    def __init__(self):
        super().__init__(name="Dummy-%d" % _next_number(), daemon=True)
        self._started.set()
        self._ident = get_ident()
        self._native_id = get_native_id()
        with _registry_lock:
            _active[self._ident] = self

    def is_alive(self):
        return True

    def join(self, timeout=None):
        raise AssertionError("cannot join a dummy thread")


class Timer(Thread):
    """Call function(*args, **kwargs) after `interval` seconds, unless cancel() came
    first."""

    def __init__(self, interval, function, args=None, kwargs=None):
        super().__init__()
        self.finished = Event()
        self.interval, self.function = interval, function
        self.args = [] if args is None else args
        self.kwargs = {} if kwargs is None else kwargs

    def cancel(self):
        """Stop the timer, if it has not fired yet."""
        self.finished.set()

    def run(self):
        cancelled = self.finished.wait(self.interval)
        if not cancelled:
            self.function(*self.args, **self.kwargs)
        self.finished.set()


# ---- the registry of threads -------------------------------------------------------------

def current_thread():
    """The Thread object of the calling thread (a dummy one for a thread not started
    through this module)."""
    found = _active.get(get_ident())
    return _DummyThread() if found is None else found


def main_thread():
    return _main_thread


def _all_threads():
    with _registry_lock:
        return list(_active.values()) + list(_limbo.values())


def active_count():
    """How many threads are alive (started, not yet ended), the main thread included."""
    return len(_all_threads())


def enumerate():
    """The Thread objects of every thread that is alive."""
    return _all_threads()


def currentThread():
    _deprecated("currentThread() is deprecated, use current_thread() instead")
    return current_thread()


def activeCount():
    _deprecated("activeCount() is deprecated, use active_count() instead")
    return active_count()


_atexit_calls = []
_shutting_down = [False]


def _register_atexit(func, *args, **kwargs):
    """Call func(*args, **kwargs) at exit, before the non-daemon threads are waited for
    (newest first)."""
    if _shutting_down[0]:
        raise RuntimeError("can't register atexit after shutdown")
    _atexit_calls.append((func, args, kwargs))


def _shutdown():
    """Called by the interpreter at exit: end the main thread (a thread joining it goes
    on), run the `_register_atexit` calls, then wait for every non-daemon thread."""
    if not _shutting_down[0]:
        _shutting_down[0] = True
        _main_thread._is_stopped = True
        running = _main_thread._tstate_lock
        if running is not None and running.locked():
            running.release()
        for func, args, kwargs in reversed(_atexit_calls):
            try:
                func(*args, **kwargs)
            except Exception as exc:
                import sys
                import traceback
                print("Exception ignored in: %r" % sys.modules[__name__], file=sys.stderr)
                traceback.print_exception(type(exc), exc, exc.__traceback__,
                                          file=sys.stderr)
    while True:
        pending = [t for t in _all_threads() if not t.daemon and t is not _main_thread]
        locks = [t._tstate_lock for t in pending if t._tstate_lock is not None]
        if not locks:
            return
        for running in locks:
            # held until its thread ends, whether or not it got as far as running
            running.acquire()
            running.release()
        with _registry_lock:
            for t in pending:
                _limbo.pop(t, None)
                if _active.get(t._ident) is t:
                    del _active[t._ident]
                t._tstate_lock = None
                t._is_stopped = True


# ---- local -------------------------------------------------------------------------------

class local:
    """Attributes that each thread sees separately.

    Each thread gets its own attribute dict the first time it touches the object (the
    subclass's __init__ runs again there with the constructor's arguments). Dicts are
    keyed by a per-thread serial that is never reused, unlike thread idents.
    """

    def __new__(cls, *args, **kw):
        if (args or kw) and (cls.__init__ is object.__init__):
            raise TypeError("Initialization arguments are not supported")
        self = object.__new__(cls)
        object.__setattr__(self, "_local__args", (args, kw))
        object.__setattr__(self, "_local__dicts", {_thread._serial(): {}})
        return self

    def _local__dict(self):
        dicts = object.__getattribute__(self, "_local__dicts")
        key = _thread._serial()
        d = dicts.get(key)
        if d is None:
            d = {}
            dicts[key] = d
            args, kw = object.__getattribute__(self, "_local__args")
            init = type(self).__init__
            if init is not object.__init__:
                init(self, *args, **kw)
        return d

    def __getattribute__(self, name):
        if name.startswith("_local__"):
            return object.__getattribute__(self, name)
        d = local._local__dict(self)
        if name == "__dict__":
            return d
        if name in d and not _is_data_descriptor(type(self), name):
            return d[name]
        return object.__getattribute__(self, name)

    def __setattr__(self, name, value):
        if name == "__dict__":
            raise AttributeError(
                "%r object attribute '__dict__' is read-only" % self.__class__.__name__)
        if _is_data_descriptor(type(self), name):
            return object.__setattr__(self, name, value)
        local._local__dict(self)[name] = value

    def __delattr__(self, name):
        if name == "__dict__":
            raise AttributeError(
                "%r object attribute '__dict__' is read-only" % self.__class__.__name__)
        if _is_data_descriptor(type(self), name):
            return object.__delattr__(self, name)
        d = local._local__dict(self)
        if name not in d:
            raise AttributeError(name)
        del d[name]


def _is_data_descriptor(cls, name):
    for klass in cls.__mro__:
        if name in klass.__dict__:
            attr = klass.__dict__[name]
            return hasattr(type(attr), "__set__") or hasattr(type(attr), "__delete__")
    return False


_main_thread = _MainThread()
with _registry_lock:
    _active[_main_thread._ident] = _main_thread
