# Helpers every fuzz batch starts with. Output must not depend on the interpreter's
# choices that Python leaves open: addresses, str hashing (set order), identity.


def _clean(s):
    # Drop " at 0x..." addresses from reprs and messages.
    out = []
    i = 0
    while i < len(s):
        if s.startswith(" at 0x", i):
            j = i + 6
            while j < len(s) and s[j] in "0123456789abcdef":
                j += 1
            i = j
            continue
        out.append(s[i])
        i += 1
    return "".join(out)


def _show(x, depth=0):
    if depth > 6:
        return "..."
    t = type(x)
    if t is list:
        return "[" + ", ".join(_show(v, depth + 1) for v in x) + "]"
    if t is tuple:
        return "(" + ", ".join(_show(v, depth + 1) for v in x) + ",)"
    if t is dict:
        return "{" + ", ".join(_show(k, depth + 1) + ": " + _show(v, depth + 1) for k, v in x.items()) + "}"
    if t is set or t is frozenset:
        return t.__name__ + "{" + ", ".join(sorted(_show(v, depth + 1) for v in x)) + "}"
    if t in (int, float, str, bytes, bool, complex, range, bytearray, type(None), slice):
        return _clean(repr(x))
    if t.__module__ == "builtins":
        return "<" + t.__name__ + ">"
    try:
        return _clean(repr(x))
    except Exception as e:
        return "<repr raised " + type(e).__name__ + ">"


def _exc(e):
    try:
        m = str(e)
    except Exception:
        m = "?"
    return type(e).__name__ + ": " + _clean(m)[:300]


def _t(f):
    try:
        r = f()
    except Exception as e:
        print("E", _exc(e))
        return
    print(_show(r))


def _run(i, f):
    print("#", i)
    try:
        f()
    except Exception as e:
        print("X", _exc(e))
