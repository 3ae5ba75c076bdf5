"""The codec registry and the built-in codecs that CPython's `codecs` and `encodings`
modules build on, written for weft.

The registry keeps the search functions in the order they were registered and caches
each answer under the normalised encoding name. The codec functions return CPython's
pair (converted object, how much of the input was used); the conversion itself is
str.encode / bytes.decode, which weft implements natively.
"""

_searchers = []
_found = {}
_handlers = {}


def register(search_function, /):
    if not callable(search_function):
        raise TypeError("argument must be callable")
    _searchers.append(search_function)


def unregister(search_function, /):
    if search_function in _searchers:
        _searchers.remove(search_function)
    _found.clear()


def _normalised(name):
    return name.lower().replace(" ", "_")


def lookup(encoding, /):
    if not isinstance(encoding, str):
        raise TypeError("lookup() argument must be str, not %s" % type(encoding).__name__)
    key = _normalised(encoding)
    info = _found.get(key)
    if info is not None:
        return info
    for search in _searchers:
        info = search(key)
        if info is None:
            continue
        if not isinstance(info, tuple) or len(info) != 4:
            raise TypeError("codec search functions must return 4-tuples")
        _found[key] = info
        return info
    raise LookupError("unknown encoding: %s" % encoding)


def _run(kind, index, obj, encoding, errors):
    coder = lookup(encoding)[index]
    result = coder(obj, errors)
    if not isinstance(result, tuple) or len(result) != 2:
        raise TypeError("%s must return a tuple (object, integer)" % kind)
    return result[0]


def encode(obj, encoding="utf-8", errors="strict"):
    return _run("encoder", 0, obj, encoding, errors)


def decode(obj, encoding="utf-8", errors="strict"):
    return _run("decoder", 1, obj, encoding, errors)


def _forget(name):
    _found.pop(_normalised(name), None)


# ---- error handlers -------------------------------------------------------------------

def register_error(errors, handler, /):
    if not callable(handler):
        raise TypeError("handler must be callable")
    _handlers[errors] = handler


def lookup_error(name, /):
    handler = _handlers.get(name)
    if handler is None:
        raise LookupError("unknown error handler name '%s'" % name)
    return handler


def strict_errors(exc, /):
    if isinstance(exc, BaseException):
        raise exc
    raise TypeError("codec must pass exception instance")


def _span(exc):
    if not isinstance(exc, (UnicodeEncodeError, UnicodeDecodeError, UnicodeTranslateError)):
        raise TypeError("don't know how to handle %s in error callback" % type(exc).__name__)
    return exc.start, exc.end


def ignore_errors(exc, /):
    return "", _span(exc)[1]


def replace_errors(exc, /):
    start, end = _span(exc)
    if isinstance(exc, UnicodeDecodeError):
        return "\ufffd", end
    mark = "?" if isinstance(exc, UnicodeEncodeError) else "\ufffd"
    return mark * (end - start), end


def backslashreplace_errors(exc, /):
    start, end = _span(exc)
    if isinstance(exc, UnicodeDecodeError):
        return "".join("\\x%02x" % b for b in exc.object[start:end]), end
    pieces = []
    for ch in exc.object[start:end]:
        n = ord(ch)
        if n < 0x100:
            pieces.append("\\x%02x" % n)
        elif n < 0x10000:
            pieces.append("\\u%04x" % n)
        else:
            pieces.append("\\U%08x" % n)
    return "".join(pieces), end


def xmlcharrefreplace_errors(exc, /):
    if not isinstance(exc, UnicodeEncodeError):
        raise TypeError("don't know how to handle %s in error callback" % type(exc).__name__)
    start, end = exc.start, exc.end
    return "".join("&#%d;" % ord(ch) for ch in exc.object[start:end]), end


for _name, _fn in (("strict", strict_errors), ("ignore", ignore_errors),
                   ("replace", replace_errors), ("backslashreplace", backslashreplace_errors),
                   ("xmlcharrefreplace", xmlcharrefreplace_errors)):
    _handlers[_name] = _fn
del _name, _fn


# ---- the codecs -----------------------------------------------------------------------

def _text_out(name, s, errors):
    if not isinstance(s, str):
        raise TypeError("%s_encode() argument 1 must be str, not %s" % (
            name.replace("-", "_"), type(s).__name__))
    return s.encode(name, errors or "strict"), len(s)


def _utf8_complete(data):
    """How many leading bytes of `data` end on a whole UTF-8 sequence (a sequence cut
    off at the end waits for more input)."""
    n = len(data)
    back = 0
    while back < 3 and back < n and 0x80 <= data[n - 1 - back] < 0xC0:
        back += 1
    if back < n:
        lead = data[n - 1 - back]
        need = 2 if 0xC0 <= lead < 0xE0 else 3 if 0xE0 <= lead < 0xF0 else 4 if 0xF0 <= lead < 0xF8 else 1
        if need > back + 1:
            return n - back - 1
    return n


def _bytes_in(data):
    if isinstance(data, str):
        raise TypeError("a bytes-like object is required, not 'str'")
    return bytes(data)


def utf_8_encode(str, errors=None, /):
    return _text_out("utf-8", str, errors)


def utf_8_decode(data, errors=None, final=False, /):
    data = _bytes_in(data)
    used = len(data) if final else _utf8_complete(data)
    return data[:used].decode("utf-8", errors or "strict"), used


def latin_1_encode(str, errors=None, /):
    return _text_out("latin-1", str, errors)


def latin_1_decode(data, errors=None, /):
    data = _bytes_in(data)
    return data.decode("latin-1", errors or "strict"), len(data)


def ascii_encode(str, errors=None, /):
    return _text_out("ascii", str, errors)


def ascii_decode(data, errors=None, /):
    data = _bytes_in(data)
    return data.decode("ascii", errors or "strict"), len(data)


def charmap_build(map, /):
    return {ch: i for i, ch in enumerate(map)}


def charmap_decode(data, errors=None, mapping=None, /):
    data = _bytes_in(data)
    if mapping is None:
        return data.decode("latin-1"), len(data)
    out = []
    for i, b in enumerate(data):
        try:
            ch = mapping[b]
        except (IndexError, KeyError, LookupError):
            ch = None
        if ch is None or ch == "\ufffe":
            if (errors or "strict") == "strict":
                raise UnicodeDecodeError("charmap", data, i, i + 1,
                                         "character maps to <undefined>")
            ch = "" if errors == "ignore" else "\ufffd"
        elif isinstance(ch, int):
            ch = chr(ch)
        out.append(ch)
    return "".join(out), len(data)


def charmap_encode(str, errors=None, mapping=None, /):
    if mapping is None:
        return latin_1_encode(str, errors)
    out = bytearray()
    for i, ch in enumerate(str):
        b = mapping.get(ord(ch)) if isinstance(mapping, dict) else None
        if b is None:
            if (errors or "strict") == "strict":
                raise UnicodeEncodeError("charmap", str, i, i + 1,
                                         "character maps to <undefined>")
            if errors == "ignore":
                continue
            b = ord("?")
        out.extend(b if isinstance(b, bytes) else bytes([b]))
    return bytes(out), len(str)
