"""The interactive helpers CPython's site module puts in builtins: exit, quit, help,
copyright, credits, license. Imported once at start-up (runtime/src/lib.rs)."""

import builtins
import sys


class Quitter:
    """exit / quit: shows how to leave when printed, raises SystemExit when called."""

    def __init__(self, name, eof):
        self.name = name
        self.eof = eof

    def __repr__(self):
        return "Use %s() or %s to exit" % (self.name, self.eof)

    def __call__(self, code=None):
        # CPython closes stdin first, so a shell reading after us sees the end.
        try:
            sys.stdin.close()
        except Exception:
            pass
        raise SystemExit(code)


class _Text:
    """copyright / credits / license: a text shown when printed or called."""

    def __init__(self, name, text):
        self._name = name
        self._text = text

    def __repr__(self):
        return self._text

    def __call__(self):
        print(self._text)


class _Helper:
    """help: the interactive help of CPython's pydoc, when a CPython Lib is at hand."""

    def __repr__(self):
        return (
            "Type help() for interactive help, or help(object) for help about object."
        )

    def __call__(self, *args, **kwds):
        import pydoc

        return pydoc.help(*args, **kwds)


def _breakpointhook(*args, **kws):
    """sys.breakpointhook: call what $PYTHONBREAKPOINT names ("0" turns breakpoints
    off; unset or empty means pdb.set_trace)."""
    import sys
    spec = None
    if not sys.flags.ignore_environment:
        import os
        spec = os.environ.get("PYTHONBREAKPOINT")
    if not spec:
        spec = "pdb.set_trace"
    elif spec == "0":
        return None
    modname, dot, funcname = spec.rpartition(".")
    try:
        import importlib
        hook = getattr(importlib.import_module(modname if dot else "builtins"), funcname)
    except Exception:
        import warnings
        warnings.warn(
            'Ignoring unimportable $PYTHONBREAKPOINT: "{}"'.format(spec), RuntimeWarning,
            stacklevel=3)
        return None
    return hook(*args, **kws)


def breakpoint(*args, **kws):
    """Call sys.breakpointhook(*args, **kws): by default, enter the debugger."""
    import sys
    try:
        hook = sys.breakpointhook
    except AttributeError:
        raise RuntimeError("lost sys.breakpointhook") from None
    return hook(*args, **kws)


def install():
    import sys
    sys.breakpointhook = sys.__breakpointhook__ = _breakpointhook
    builtins.breakpoint = breakpoint
    eof = "Ctrl-D (i.e. EOF)"
    builtins.exit = Quitter("exit", eof)
    builtins.quit = Quitter("quit", eof)
    builtins.help = _Helper()
    builtins.copyright = _Text(
        "copyright", "Copyright (c) the weft authors.\nAll Rights Reserved."
    )
    builtins.credits = _Text(
        "credits",
        "weft is a Python 3 interpreter written in Rust; it runs CPython's standard"
        "\nlibrary, whose authors we thank.",
    )
    builtins.license = _Text(
        "license", "weft is released under the MIT license (see its Cargo.toml)."
    )


install()
