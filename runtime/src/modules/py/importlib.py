"""The `importlib` front door for weft, whose import system is native (vm/src/import.rs):
importing by name, reloading and cache invalidation are done with it rather than with
CPython's `importlib._bootstrap`, which builds the import system in Python.

Submodules weft does not freeze (`importlib.util`, `importlib.resources`, ...) are
looked for in the CPython `Lib` folder's `importlib` package, when there is one.
"""

import sys as _sys

__all__ = ["__import__", "import_module", "invalidate_caches", "reload"]

_lib = getattr(_sys, "_stdlib_dir", None)
__path__ = [_lib + "/importlib"] if _lib else []
del _lib


def _resolve_name(name, package, level):
    parts = package.rsplit(".", level - 1)
    if len(parts) < level:
        raise ImportError("attempted relative import beyond top-level package")
    base = parts[0]
    return "%s.%s" % (base, name) if name else base


def import_module(name, package=None):
    """Import a module by name; `.name` relative to `package`. Returns the module itself
    (not the top-level package as `__import__` does)."""
    level = 0
    if name.startswith("."):
        if not package:
            raise TypeError("the 'package' argument is required to perform a relative "
                            "import for {!r}".format(name))
        while level < len(name) and name[level] == ".":
            level += 1
        name = _resolve_name(name[level:], package, level)
    __import__(name)
    return _sys.modules[name]


def invalidate_caches():
    """weft keeps no finder caches: nothing to forget."""


def reload(module):
    """Run a module's source again in the same module object."""
    name = getattr(module, "__name__", None)
    if name is None or _sys.modules.get(name) is not module:
        raise ImportError("module %s not in sys.modules" % name, name=name)
    namespace = module.__dict__
    del _sys.modules[name]
    try:
        fresh = import_module(name)
    except BaseException:
        _sys.modules[name] = module
        raise
    namespace.update(fresh.__dict__)
    _sys.modules[name] = module
    return module
