# min() and max() with odd arguments: which error each call raises, in CPython 3.11's
# words (positional count first, then how many keywords, then their names).

def attempt(label, thunk):
    try:
        print(label, "=", repr(thunk()))
    except Exception as exc:
        print(label, "!", type(exc).__name__, "-", exc)


for fn in (min, max):
    n = fn.__name__
    attempt(n + " no arguments", lambda: fn())
    attempt(n + " only keywords", lambda: fn(key=abs))
    attempt(n + " unknown keyword alone", lambda: fn(bogus=1))
    attempt(n + " one int", lambda: fn(7))
    attempt(n + " one None", lambda: fn(None))
    attempt(n + " three keywords", lambda: fn([], key=1, default=2, foo=3))
    attempt(n + " four keywords", lambda: fn([5], a=1, b=2, c=3, d=4))
    attempt(n + " unknown keyword", lambda: fn([4, 9], foo=3))
    attempt(n + " unknown beside key", lambda: fn([4, 9], key=abs, zzz=0))
    attempt(n + " two args and unknown", lambda: fn(4, 9, foo=3))
    attempt(n + " default with many", lambda: fn(4, 9, default=0))
    attempt(n + " empty list", lambda: fn([]))
    attempt(n + " empty with default", lambda: fn([], default="none"))
    attempt(n + " empty iterator and key", lambda: fn(iter(()), key=len))
    attempt(n + " key is None", lambda: fn([3, -8, 5], key=None))
    attempt(n + " key abs", lambda: fn([3, -8, 5], key=abs))
    attempt(n + " key not callable", lambda: fn([3, 4], key=5))
    attempt(n + " mixed types", lambda: fn(2, "b"))
    attempt(n + " string", lambda: fn("weft"))
    attempt(n + " default None", lambda: fn((), key=None, default=None))
    kw = {"default": 0, "key": abs}
    attempt(n + " keywords from a dict", lambda: fn([-2, 1], **kw))
