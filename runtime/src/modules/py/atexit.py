"""weft's atexit: functions to call when the interpreter exits.

The weft command calls _run_exitfuncs() once the main program has finished and the
non-daemon threads have been joined, before weakref.finalize's exit-time calls.
"""
import _thread

_lock = _thread.allocate_lock()
_entries = []


def register(func, *args, **kwargs):
    """Call func(*args, **kwargs) at exit; the last registered runs first."""
    if not callable(func):
        raise TypeError("the first argument must be callable")
    with _lock:
        _entries.append((func, args, kwargs))
    return func


def unregister(func):
    """Forget every registration of func (compared with ==)."""
    with _lock:
        _entries[:] = [entry for entry in _entries if not entry[0] == func]


def _clear():
    with _lock:
        del _entries[:]


def _ncallbacks():
    return len(_entries)


def _run_exitfuncs():
    """Run the registered functions, newest first; a failing one is reported on
    stderr and the others still run."""
    while True:
        with _lock:
            if not _entries:
                return
            func, args, kwargs = _entries.pop()
        try:
            func(*args, **kwargs)
        except BaseException as exc:  # SystemExit too: exit has begun already
            import sys
            import traceback
            print("Exception ignored in atexit callback:", repr(func), file=sys.stderr)
            # The traceback starts at the callback, not at this loop.
            tb = exc.__traceback__
            tb = getattr(tb, "tb_next", None) or tb
            traceback.print_exception(type(exc), exc, tb, file=sys.stderr)
