"""Threads and synchronisation primitives, written for weft on top of `_thread`.

weft has no GIL: threads started here run Python in parallel. Every primitive below is
built from `_thread` locks, whose blocking waits detach the thread so that a garbage
collection never waits for it.
"""

import _thread
from time import monotonic as _time

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

_trace_hook = None
_profile_hook = None


def settrace(func):
    global _trace_hook
    _trace_hook = func


def gettrace():
    return _trace_hook


def setprofile(func):
    global _profile_hook
    _profile_hook = func


def getprofile():
    return _profile_hook


# ---------------------------------------------------------------- Condition


class Condition:
    """A condition variable over a lock (an RLock by default).

    Each waiter parks on a private lock of its own; notify releases the oldest waiters'
    locks. The underlying lock is fully released while waiting and restored after.
    """

    def __init__(self, lock=None):
        if lock is None:
            lock = RLock()
        self._lock = lock
        self.acquire = lock.acquire
        self.release = lock.release
        if hasattr(lock, "_release_save"):
            self._release_save = lock._release_save
        if hasattr(lock, "_acquire_restore"):
            self._acquire_restore = lock._acquire_restore
        if hasattr(lock, "_is_owned"):
            self._is_owned = lock._is_owned
        self._waiters = []

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def __repr__(self):
        return "<Condition(%s, %d)>" % (self._lock, len(self._waiters))

    def _release_save(self):
        self._lock.release()

    def _acquire_restore(self, saved):
        self._lock.acquire()

    def _is_owned(self):
        # A plain lock has no owner: "owned" means somebody holds it.
        if self._lock.acquire(False):
            self._lock.release()
            return False
        return True

    def wait(self, timeout=None):
        if not self._is_owned():
            raise RuntimeError("cannot wait on un-acquired lock")
        waiter = _allocate_lock()
        waiter.acquire()
        self._waiters.append(waiter)
        saved = self._release_save()
        woken = False
        try:
            if timeout is None:
                waiter.acquire()
                woken = True
            elif timeout > 0:
                woken = waiter.acquire(True, timeout)
            else:
                woken = waiter.acquire(False)
            return woken
        finally:
            self._acquire_restore(saved)
            if not woken:
                try:
                    self._waiters.remove(waiter)
                except ValueError:
                    pass

    def wait_for(self, predicate, timeout=None):
        end = None
        remaining = timeout
        result = predicate()
        while not result:
            if remaining is not None:
                if end is None:
                    end = _time() + remaining
                else:
                    remaining = end - _time()
                    if remaining <= 0:
                        break
            self.wait(remaining)
            result = predicate()
        return result

    def notify(self, n=1):
        if not self._is_owned():
            raise RuntimeError("cannot notify on un-acquired lock")
        while self._waiters and n > 0:
            waiter = self._waiters.pop(0)
            try:
                waiter.release()
                n -= 1
            except RuntimeError:
                pass

    def notify_all(self):
        self.notify(len(self._waiters))

    def notifyAll(self):
        self.notify_all()


# ---------------------------------------------------------------- Semaphores


class Semaphore:
    """A counter that acquire() decrements (waiting at zero) and release() increments."""

    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._cond = Condition(Lock())
        self._value = value

    def __repr__(self):
        cls = self.__class__
        return "<%s.%s at %s: value=%s>" % (
            cls.__module__, cls.__qualname__, hex(id(self)), self._value)

    def acquire(self, blocking=True, timeout=None):
        if not blocking and timeout is not None:
            raise ValueError("can't specify timeout for non-blocking acquire")
        got = False
        end = None
        with self._cond:
            while self._value == 0:
                if not blocking:
                    break
                if timeout is not None:
                    if end is None:
                        end = _time() + timeout
                    else:
                        timeout = end - _time()
                        if timeout <= 0:
                            break
                self._cond.wait(timeout)
            else:
                self._value -= 1
                got = True
        return got

    __enter__ = acquire

    def release(self, n=1):
        if n < 1:
            raise ValueError("n must be one or more")
        with self._cond:
            self._value += n
            self._cond.notify(n)

    def __exit__(self, t, v, tb):
        self.release()


class BoundedSemaphore(Semaphore):
    """A semaphore that refuses to be released above its initial value."""

    def __init__(self, value=1):
        Semaphore.__init__(self, value)
        self._initial_value = value

    def __repr__(self):
        cls = self.__class__
        return "<%s.%s at %s: value=%s/%s>" % (
            cls.__module__, cls.__qualname__, hex(id(self)),
            self._value, self._initial_value)

    def release(self, n=1):
        if n < 1:
            raise ValueError("n must be one or more")
        with self._cond:
            if self._value + n > self._initial_value:
                raise ValueError("Semaphore released too many times")
            self._value += n
            self._cond.notify(n)


# ---------------------------------------------------------------- Event


class Event:
    """A flag threads can wait for."""

    def __init__(self):
        self._cond = Condition(Lock())
        self._flag = False

    def __repr__(self):
        cls = self.__class__
        status = "set" if self._flag else "unset"
        return "<%s.%s at %s: %s>" % (
            cls.__module__, cls.__qualname__, hex(id(self)), status)

    def is_set(self):
        return self._flag

    def isSet(self):
        return self._flag

    def set(self):
        with self._cond:
            self._flag = True
            self._cond.notify_all()

    def clear(self):
        with self._cond:
            self._flag = False

    def wait(self, timeout=None):
        with self._cond:
            signaled = self._flag
            if not signaled:
                signaled = self._cond.wait(timeout)
            return signaled


# ---------------------------------------------------------------- Barrier


class BrokenBarrierError(RuntimeError):
    pass


class Barrier:
    """`parties` threads wait() until all have arrived, then all go on together.

    States: 0 filling, 1 draining (releasing a full batch), -1 resetting, -2 broken.
    """

    def __init__(self, parties, action=None, timeout=None):
        if parties < 1:
            raise ValueError("parties must be >= 1")
        self._cond = Condition(Lock())
        self._action = action
        self._timeout = timeout
        self._parties = parties
        self._state = 0
        self._count = 0

    def __repr__(self):
        cls = self.__class__
        if self.broken:
            return "<%s.%s at %s: broken>" % (cls.__module__, cls.__qualname__, hex(id(self)))
        return "<%s.%s at %s: waiters=%s/%s>" % (
            cls.__module__, cls.__qualname__, hex(id(self)), self.n_waiting, self.parties)

    def wait(self, timeout=None):
        if timeout is None:
            timeout = self._timeout
        with self._cond:
            self._enter()
            index = self._count
            self._count += 1
            try:
                if index + 1 == self._parties:
                    self._release()
                else:
                    self._wait(timeout)
                return index
            finally:
                self._count -= 1
                self._exit()

    def _enter(self):
        while self._state in (-1, 1):
            self._cond.wait()
        if self._state < 0:
            raise BrokenBarrierError

    def _release(self):
        try:
            if self._action:
                self._action()
            self._state = 1
            self._cond.notify_all()
        except BaseException:
            self._break()
            raise

    def _wait(self, timeout):
        if not self._cond.wait_for(lambda: self._state != 0, timeout):
            self._break()
            raise BrokenBarrierError
        if self._state < 0:
            raise BrokenBarrierError

    def _exit(self):
        if self._count == 0 and self._state in (-1, 1):
            self._state = 0
            self._cond.notify_all()

    def reset(self):
        with self._cond:
            if self._count > 0:
                if self._state == 0:
                    self._state = -1
                elif self._state == -2:
                    self._state = -1
            else:
                self._state = 0
            self._cond.notify_all()

    def abort(self):
        with self._cond:
            self._break()

    def _break(self):
        self._state = -2
        self._cond.notify_all()

    @property
    def parties(self):
        return self._parties

    @property
    def n_waiting(self):
        if self._state == 0:
            return self._count
        return 0

    @property
    def broken(self):
        return self._state == -2


# ---------------------------------------------------------------- Thread

_active_lock = _allocate_lock()
_active = {}    # ident -> running Thread
_limbo = {}     # Thread -> Thread, started but not yet running
_counter = 0


def _newname(template="Thread-%d"):
    global _counter
    with _active_lock:
        _counter += 1
        n = _counter
    return template % n


class ExceptHookArgs:
    """What `excepthook` receives: exc_type, exc_value, exc_traceback, thread."""

    def __init__(self, exc_type, exc_value, exc_traceback, thread):
        self.exc_type = exc_type
        self.exc_value = exc_value
        self.exc_traceback = exc_traceback
        self.thread = thread

    def __iter__(self):
        return iter((self.exc_type, self.exc_value, self.exc_traceback, self.thread))

    def __getitem__(self, i):
        return (self.exc_type, self.exc_value, self.exc_traceback, self.thread)[i]

    def __len__(self):
        return 4

    def __repr__(self):
        return ("_thread._ExceptHookArgs(exc_type=%r, exc_value=%r, exc_traceback=%r, "
                "thread=%r)" % tuple(self))


def excepthook(args):
    """Print an exception that escaped a thread's run() on stderr, as CPython does."""
    if args.exc_type is SystemExit:
        return
    import sys
    if args.thread is not None:
        name = args.thread.name
    else:
        name = get_ident()
    stderr = sys.stderr
    if stderr is None:
        return
    print("Exception in thread %s:" % name, file=stderr, flush=True)
    _thread._print_exception(args.exc_value)


__excepthook__ = excepthook


class Thread:
    """A thread of control running `run()` (by default: target(*args, **kwargs))."""

    _initialized = False

    def __init__(self, group=None, target=None, name=None, args=(), kwargs=None, *,
                 daemon=None):
        if group is not None:
            raise AssertionError("group argument must be None for now")
        if kwargs is None:
            kwargs = {}
        if name:
            name = str(name)
        else:
            name = _newname("Thread-%d")
            if target is not None:
                try:
                    name += " (%s)" % target.__name__
                except AttributeError:
                    pass
        self._target = target
        self._name = name
        self._args = args
        self._kwargs = kwargs
        if daemon is not None:
            self._daemonic = daemon
        else:
            self._daemonic = current_thread().daemon
        self._ident = None
        self._native_id = None
        self._started = Event()
        self._is_stopped = False
        # Held by the running thread; released when it ends. join() waits on it.
        self._tstate_lock = None
        self._initialized = True

    def __repr__(self):
        if not self._initialized:
            raise AssertionError("Thread.__init__() was not called")
        status = "initial"
        if self._started.is_set():
            status = "started"
        self.is_alive()
        if self._is_stopped:
            status = "stopped"
        if self._daemonic:
            status += " daemon"
        if self._ident is not None:
            status += " %s" % self._ident
        return "<%s(%s, %s)>" % (self.__class__.__name__, self._name, status)

    def start(self):
        if not self._initialized:
            raise RuntimeError("thread.__init__() not called")
        if self._started.is_set():
            raise RuntimeError("threads can only be started once")
        # Held from here until the thread ends (join waits for it). Taken by the
        # starting thread, so that a thread dying early cannot leave join() waiting.
        lock = _allocate_lock()
        lock.acquire()
        self._tstate_lock = lock
        with _active_lock:
            _limbo[self] = self
        try:
            _start_new_thread(self._bootstrap, ())
        except BaseException:
            with _active_lock:
                _limbo.pop(self, None)
            self._tstate_lock = None
            lock.release()
            raise
        # Normally _started is set at once; if the new thread failed before it could
        # set it, its lock is free again and waiting stops.
        while not self._started.wait(0.05):
            if not lock.locked():
                break

    def run(self):
        try:
            if self._target is not None:
                self._target(*self._args, **self._kwargs)
        finally:
            del self._target, self._args, self._kwargs

    def _bootstrap(self):
        lock = self._tstate_lock
        try:
            self._ident = get_ident()
            self._native_id = get_native_id()
            with _active_lock:
                _active[self._ident] = self
                _limbo.pop(self, None)
            self._started.set()
            try:
                self.run()
            except BaseException as e:
                self._report(e)
        finally:
            # Whatever happened (even MemoryError above), join() and start() go on:
            # the lock is released even if the bookkeeping fails.
            try:
                with _active_lock:
                    if _active.get(self._ident) is self:
                        del _active[self._ident]
                    _limbo.pop(self, None)
            finally:
                lock.release()
                self._started.set()

    def _report(self, e):
        try:
            # The module global, read now: `threading.excepthook = f` takes effect.
            excepthook(ExceptHookArgs(type(e), e, getattr(e, "__traceback__", None), self))
        except BaseException as e2:
            import sys
            print("Exception in threading.excepthook:", file=sys.stderr, flush=True)
            _thread._print_exception(e2)

    def _wait_for_tstate_lock(self, block=True, timeout=-1):
        lock = self._tstate_lock
        if lock is None:
            return
        if lock.acquire(block, timeout):
            lock.release()
            self._is_stopped = True
            self._tstate_lock = None

    def join(self, timeout=None):
        if not self._initialized:
            raise RuntimeError("Thread.__init__() not called")
        if not self._started.is_set() and self._tstate_lock is None:
            raise RuntimeError("cannot join thread before it is started")
        if self is current_thread():
            raise RuntimeError("cannot join current thread")
        if timeout is None:
            self._wait_for_tstate_lock()
        else:
            self._wait_for_tstate_lock(timeout=max(timeout, 0))

    def is_alive(self):
        if self._is_stopped or not self._started.is_set():
            return False
        self._wait_for_tstate_lock(False)
        return not self._is_stopped

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, name):
        self._name = str(name)

    @property
    def ident(self):
        return self._ident

    @property
    def native_id(self):
        return self._native_id

    @property
    def daemon(self):
        return self._daemonic

    @daemon.setter
    def daemon(self, daemonic):
        if not self._initialized:
            raise RuntimeError("Thread.__init__() not called")
        if self._started.is_set():
            raise RuntimeError("cannot set daemon status of active thread")
        self._daemonic = daemonic

    def isDaemon(self):
        return self.daemon

    def setDaemon(self, daemonic):
        self.daemon = daemonic

    def getName(self):
        return self.name

    def setName(self, name):
        self.name = name


class _MainThread(Thread):
    def __init__(self):
        Thread.__init__(self, name="MainThread", daemon=False)
        self._started.set()
        self._ident = _thread._main_ident()
        self._native_id = None
        self._tstate_lock = None

    def is_alive(self):
        return not self._is_stopped


class _DummyThread(Thread):
    """Stands for a thread started with `_thread` directly."""

    def __init__(self):
        Thread.__init__(self, name=_newname("Dummy-%d"), daemon=True)
        self._started.set()
        self._ident = get_ident()
        self._native_id = get_native_id()
        with _active_lock:
            _active[self._ident] = self

    def is_alive(self):
        return True

    def join(self, timeout=None):
        raise AssertionError("cannot join a dummy thread")


class Timer(Thread):
    """Call `function(*args, **kwargs)` after `interval` seconds unless cancelled."""

    def __init__(self, interval, function, args=None, kwargs=None):
        Thread.__init__(self)
        self.interval = interval
        self.function = function
        self.args = args if args is not None else []
        self.kwargs = kwargs if kwargs is not None else {}
        self.finished = Event()

    def cancel(self):
        self.finished.set()

    def run(self):
        self.finished.wait(self.interval)
        if not self.finished.is_set():
            self.function(*self.args, **self.kwargs)
        self.finished.set()


def current_thread():
    try:
        return _active[get_ident()]
    except KeyError:
        return _DummyThread()


def currentThread():
    return current_thread()


def main_thread():
    return _main_thread


def active_count():
    with _active_lock:
        return len(_active) + len(_limbo)


def activeCount():
    return active_count()


def enumerate():
    with _active_lock:
        return list(_active.values()) + list(_limbo.values())


def _shutdown():
    """Called by the interpreter at exit: wait for every non-daemon thread."""
    _main_thread._is_stopped = True
    while True:
        with _active_lock:
            pending = [t for t in list(_active.values()) + list(_limbo.values())
                       if not t.daemon and t is not _main_thread]
        locks = [t._tstate_lock for t in pending if t._tstate_lock is not None]
        if not locks:
            return
        for lock in locks:
            # Held until the thread ends, whether or not it got as far as running.
            lock.acquire()
            lock.release()
        with _active_lock:
            for t in pending:
                _limbo.pop(t, None)
                if _active.get(t._ident) is t:
                    del _active[t._ident]
                t._tstate_lock = None
                t._is_stopped = True


# ---------------------------------------------------------------- local


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
with _active_lock:
    _active[_main_thread._ident] = _main_thread
