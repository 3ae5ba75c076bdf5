"""Context manager utilities for weft.

Layout: `_GeneratorContextManager` drives a generator through one with-block (its exit
path is split into "the block ended normally" and "the block raised"); the small
managers that change global state and put it back (redirect_stdout/stderr, chdir) share
the `_Swap` base; ExitStack keeps a list of exit callables and unwinds them in reverse.
"""

import sys as _sys
from abc import ABC as _ABC, abstractmethod as _abstractmethod
from functools import wraps as _wraps

__all__ = ["contextmanager", "closing", "nullcontext", "AbstractContextManager",
           "AbstractAsyncContextManager",
           "ContextDecorator", "ExitStack", "redirect_stdout", "redirect_stderr",
           "suppress", "chdir"]

try:
    _ExceptionGroup = BaseExceptionGroup
except NameError:       # weft has no exception groups yet
    _ExceptionGroup = None


def _defines(C, *names):
    """Every one of `names` is defined along C's MRO and not set to None."""
    for name in names:
        for klass in C.__mro__:
            if name in klass.__dict__:
                if klass.__dict__[name] is None:
                    return False
                break
        else:
            return False
    return True


class AbstractContextManager(_ABC):
    """An ABC for classes with __enter__ (returning self by default) and __exit__."""

    __slots__ = ()

    def __enter__(self):
        return self

    @_abstractmethod
    def __exit__(self, exc_type, exc_value, traceback):
        return None

    @classmethod
    def __subclasshook__(cls, C):
        if cls is AbstractContextManager and _defines(C, "__enter__", "__exit__"):
            return True
        return NotImplemented


class AbstractAsyncContextManager(_ABC):
    """An ABC for classes with __aenter__ (returning self by default) and __aexit__."""

    __slots__ = ()

    @_abstractmethod
    def __aexit__(self, exc_type, exc_value, traceback):
        return None

    @classmethod
    def __subclasshook__(cls, C):
        if cls is AbstractAsyncContextManager and _defines(C, "__aenter__", "__aexit__"):
            return True
        return NotImplemented


try:
    # The coroutine forms, where the compiler has `async def`.
    _ns = {}
    exec("async def __aenter__(self):\n    return self\n"
         "async def __aexit__(self, exc_type, exc_value, traceback):\n    return None\n", _ns)
    AbstractAsyncContextManager.__aenter__ = _ns["__aenter__"]
    AbstractAsyncContextManager.__aexit__ = _abstractmethod(_ns["__aexit__"])
    AbstractAsyncContextManager.__abstractmethods__ = frozenset({"__aexit__"})
except SyntaxError:
    pass
_ns = None


class ContextDecorator:
    """Mixin: the context manager can also decorate a function, whose every call then
    runs inside a fresh copy of it (see _recreate_cm)."""

    def _recreate_cm(self):
        # a manager that can only be entered once overrides this to build a new one
        return self

    def __call__(self, func):
        @_wraps(func)
        def run_inside(*args, **kwds):
            with self._recreate_cm():
                return func(*args, **kwds)
        return run_inside


def _close_after_error(gen, message):
    """Raise RuntimeError(message), closing the generator on the way out."""
    try:
        raise RuntimeError(message)
    finally:
        gen.close()


def _is_thrown_back(raised, thrown):
    """Did the generator let the exception we threw in escape again? A StopIteration
    comes back wrapped in the RuntimeError of PEP 479, with itself as the cause."""
    if raised is thrown:
        return True
    if not (isinstance(raised, RuntimeError) and isinstance(thrown, StopIteration)):
        return False
    if raised.__cause__ is thrown:
        return True
    # weft does not make the StopIteration the cause of PEP 479's RuntimeError yet:
    # recognise that RuntimeError by its message
    return (raised.__cause__ is None and raised.__context__ in (None, thrown)
            and raised.args == ("generator raised StopIteration",))


class _GeneratorContextManager(ContextDecorator, AbstractContextManager):
    """What a @contextmanager function returns: one run of its generator."""

    def __init__(self, func, args, kwds):
        self.func, self.args, self.kwds = func, args, kwds
        self.gen = func(*args, **kwds)
        doc = getattr(func, "__doc__", None)
        self.__doc__ = type(self).__doc__ if doc is None else doc

    def __enter__(self):
        # entered once only: the recipe is no longer needed
        del self.func, self.args, self.kwds
        try:
            return next(self.gen)
        except StopIteration:
            raise RuntimeError("generator didn't yield") from None

    def _recreate_cm(self):
        # each decorated call needs a generator of its own
        return type(self)(self.func, self.args, self.kwds)

    def __exit__(self, typ, value, traceback):
        if typ is None:
            return self._finish()
        return self._throw_in(typ() if value is None else value, traceback)

    def _finish(self):
        # the block ended normally; the generator must end at its next step
        try:
            next(self.gen)
        except StopIteration:
            return False
        _close_after_error(self.gen, "generator didn't stop")

    def _throw_in(self, exc, traceback):
        # the block raised `exc`: the generator may handle it (and end), or not
        try:
            self.gen.throw(exc)
        except StopIteration as stop:
            # the generator ended: exc was handled unless it was this very StopIteration
            return stop is not exc
        except BaseException as raised:
            if not _is_thrown_back(raised, exc):
                raise
            # returning False lets the with statement re-raise exc as it was
            exc.__traceback__ = traceback
            return False
        _close_after_error(self.gen, "generator didn't stop after throw()")


def contextmanager(func):
    """Decorator: a generator function that yields once becomes a context manager
    factory; the code before the yield is __enter__, the code after it __exit__."""
    @_wraps(func)
    def factory(*args, **kwds):
        return _GeneratorContextManager(func, args, kwds)
    return factory


def _enter_returns(attribute):
    """An __enter__ that gives the block the object stored in `attribute`."""
    def __enter__(self):
        return getattr(self, attribute)
    return __enter__


class closing(AbstractContextManager):
    """Give the block `thing` and call thing.close() when it ends."""

    __enter__ = _enter_returns("thing")

    def __init__(self, thing):
        self.thing = thing

    def __exit__(self, *exc_info):
        self.thing.close()


class nullcontext(AbstractContextManager):
    """A context manager that does nothing; the block gets `enter_result`."""

    __enter__ = _enter_returns("enter_result")

    def __init__(self, enter_result=None):
        self.enter_result = enter_result

    def __exit__(self, *exc_info):
        pass


class suppress(AbstractContextManager):
    """Silently end the block when it raises one of the given exception types."""

    def __init__(self, *exceptions):
        self._exceptions = exceptions

    def __exit__(self, exctype, excinst, exctb):
        if exctype is None:
            return None
        if issubclass(exctype, self._exceptions):
            return True
        if _ExceptionGroup is not None and issubclass(exctype, _ExceptionGroup):
            # drop the matching members; what is left (if anything) goes on
            rest = excinst.split(self._exceptions)[1]
            if rest is None:
                return True
            raise rest
        return False

    def __enter__(self):
        pass


class _Swap(AbstractContextManager):
    """Base of the managers that replace some global state for the block and restore
    it after. Each entry pushes what it replaced, so an active instance can be entered
    again (nested) and unwinds correctly."""

    def __init__(self):
        self._replaced = []

    def __enter__(self):
        self._replaced.append(self._install())
        return self._entered()

    def __exit__(self, *exc_info):
        self._restore(self._replaced.pop())

    def _entered(self):
        return None


class _RedirectStream(_Swap):
    _stream = None      # the name of the sys attribute to replace

    def __init__(self, new_target):
        super().__init__()
        self._new_target = new_target

    def _install(self):
        previous = getattr(_sys, self._stream)
        setattr(_sys, self._stream, self._new_target)
        return previous

    def _restore(self, previous):
        setattr(_sys, self._stream, previous)

    def _entered(self):
        return self._new_target


class redirect_stdout(_RedirectStream):
    """Point sys.stdout at another file-like object for the block."""
    _stream = "stdout"


class redirect_stderr(_RedirectStream):
    """Point sys.stderr at another file-like object for the block."""
    _stream = "stderr"


class chdir(_Swap):
    """Change the working directory for the block (not thread-safe: the working
    directory belongs to the whole process)."""

    def __init__(self, path):
        super().__init__()
        self.path = path

    def _install(self):
        import os
        previous = os.getcwd()
        os.chdir(self.path)
        return previous

    def _restore(self, previous):
        import os
        os.chdir(previous)


# ---- ExitStack ------------------------------------------------------------------------

def _exit_of(cm, exit_method):
    """The callable an ExitStack keeps for a context manager: its __exit__, bound."""
    def call_exit(exc_type, exc, tb):
        return exit_method(cm, exc_type, exc, tb)
    call_exit.__self__ = cm
    return call_exit


def _attach_context(new_exc, old_exc, frame_exc):
    """An exit callback raised new_exc while the stack unwound old_exc. Python linked
    new_exc's context chain to frame_exc (what the with statement was handling when
    __exit__ began); relink the end of that chain to old_exc instead."""
    link = new_exc
    context = link.__context__
    while context is not None and context is not old_exc:
        if context is frame_exc:
            link.__context__ = old_exc
            return
        link, context = context, context.__context__


class ExitStack(AbstractContextManager):
    """Collect context managers and cleanup callbacks, and exit them all in reverse
    order when the stack closes (an exit can suppress or replace the exception the
    ones after it see, as in nested with statements)."""

    def __init__(self):
        self._exit_callbacks = []

    def pop_all(self):
        """Move every registered exit to a new stack and return it."""
        moved = type(self)()
        moved._exit_callbacks, self._exit_callbacks = self._exit_callbacks, []
        return moved

    def push(self, exit):
        """Register an exit: a context manager (its __exit__ is used, it is not
        entered) or a callable taking the exception triple. Returns `exit`."""
        method = getattr(type(exit), "__exit__", None)
        self._exit_callbacks.append(exit if method is None else _exit_of(exit, method))
        return exit

    def enter_context(self, cm):
        """Enter `cm`, register its __exit__, and return what __enter__ returned."""
        kind = type(cm)
        enter = getattr(kind, "__enter__", None)
        exit_method = getattr(kind, "__exit__", None)
        if enter is None or exit_method is None:
            raise TypeError("'%s.%s' object does not support the context manager protocol"
                            % (kind.__module__, kind.__qualname__))
        result = enter(cm)
        self._exit_callbacks.append(_exit_of(cm, exit_method))
        return result

    def callback(self, callback, /, *args, **kwds):
        """Register callback(*args, **kwds) to run at exit; returns `callback`."""
        def call_back(exc_type, exc, tb):
            callback(*args, **kwds)
        call_back.__wrapped__ = callback
        self._exit_callbacks.append(call_back)
        return callback

    def close(self):
        """Unwind the stack now, as a with statement without an exception would."""
        self.__exit__(None, None, None)

    def __enter__(self):
        return self

    def __exit__(self, *exc_details):
        had_exception = exc_details[0] is not None
        frame_exc = _sys.exc_info()[1]
        current = exc_details
        suppressed = False
        pending = None          # an exception raised by one of the callbacks
        while self._exit_callbacks:
            call_exit = self._exit_callbacks.pop()
            try:
                swallowed = call_exit(*current)
            except BaseException as raised:
                _attach_context(raised, current[1], frame_exc)
                pending = raised
                current = (type(raised), raised, raised.__traceback__)
                continue
            if swallowed:
                suppressed = True
                pending = None
                current = (None, None, None)
        if pending is not None:
            # raising here would make frame_exc its context again: keep the fixed one
            context = pending.__context__
            try:
                raise pending
            finally:
                pending.__context__ = context
        return had_exception and suppressed
