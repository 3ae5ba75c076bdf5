"""weft's _codecs: the codec registry and the built-in codecs under CPython's codecs.py.

The byte work of UTF-8, ASCII and Latin-1 is done by str.encode and bytes.decode (native);
this module adds the registry (search functions, error handlers) and the codecs the
encodings package calls by name. weft's str cannot hold lone surrogates, so the
surrogate error handlers can only raise.
"""

_searchers = []
_found = {}
_handlers = {}


def register(search_function):
    if not callable(search_function):
        raise TypeError("argument must be callable")
    _searchers.append(search_function)


def unregister(search_function):
    if search_function in _searchers:
        _searchers.remove(search_function)
    _found.clear()


def _normal_name(encoding):
    if not isinstance(encoding, str):
        raise TypeError("lookup() argument must be str, not %s" % type(encoding).__name__)
    return encoding.lower().replace(" ", "-")


def lookup(encoding):
    key = _normal_name(encoding)
    hit = _found.get(key)
    if hit is not None:
        return hit
    if not _searchers:
        # CPython imports the encodings package at start-up; weft does on first use.
        import encodings  # noqa: F401
    for search in list(_searchers):
        info = search(key)
        if info is None:
            continue
        if not isinstance(info, tuple) or len(info) != 4:
            raise TypeError("codec search functions must return 4-tuples")
        _found[key] = info
        return info
    raise LookupError("unknown encoding: %s" % encoding)


def _forget_codec(encoding):
    _found.pop(_normal_name(encoding), None)


def encode(obj, encoding="utf-8", errors="strict"):
    result = lookup(encoding)[0](obj, errors)
    if not isinstance(result, tuple) or len(result) != 2:
        raise TypeError("encoder must return a tuple (object, integer)")
    return result[0]


def decode(obj, encoding="utf-8", errors="strict"):
    result = lookup(encoding)[1](obj, errors)
    if not isinstance(result, tuple) or len(result) != 2:
        raise TypeError("decoder must return a tuple (object,integer)")
    return result[0]


# ---------------------------------------------------------------- error handlers

def register_error(name, handler):
    if not callable(handler):
        raise TypeError("handler must be callable")
    _handlers[name] = handler


def lookup_error(name):
    try:
        return _handlers[name]
    except KeyError:
        raise LookupError("unknown error handler name '%s'" % name) from None


try:
    _TRANSLATE = (UnicodeTranslateError,)
except NameError:  # not every weft build has it
    _TRANSLATE = ()
_ANY_UNICODE = (UnicodeEncodeError, UnicodeDecodeError) + _TRANSLATE


def _bad_argument(name, exc):
    raise TypeError("don't know how to handle %s in error callback" % type(exc).__name__)


def _strict(exc):
    raise exc


def _ignore(exc):
    if isinstance(exc, _ANY_UNICODE):
        return ("", exc.end)
    _bad_argument("ignore", exc)


def _replace(exc):
    if isinstance(exc, UnicodeEncodeError):
        return ("?" * (exc.end - exc.start), exc.end)
    if isinstance(exc, UnicodeDecodeError):
        return ("\ufffd", exc.end)
    if isinstance(exc, _TRANSLATE):
        return ("\ufffd" * (exc.end - exc.start), exc.end)
    _bad_argument("replace", exc)


def _escape_one(ch):
    code = ord(ch)
    if code < 0x100:
        return "\\x%02x" % code
    if code < 0x10000:
        return "\\u%04x" % code
    return "\\U%08x" % code


def _backslashreplace(exc):
    if isinstance(exc, UnicodeDecodeError):
        bad = exc.object[exc.start:exc.end]
        return ("".join("\\x%02x" % b for b in bad), exc.end)
    if isinstance(exc, (UnicodeEncodeError,) + _TRANSLATE):
        bad = exc.object[exc.start:exc.end]
        return ("".join(_escape_one(c) for c in bad), exc.end)
    _bad_argument("backslashreplace", exc)


def _xmlcharrefreplace(exc):
    if isinstance(exc, UnicodeEncodeError):
        bad = exc.object[exc.start:exc.end]
        return ("".join("&#%d;" % ord(c) for c in bad), exc.end)
    _bad_argument("xmlcharrefreplace", exc)


for _name, _fn in (("strict", _strict), ("ignore", _ignore), ("replace", _replace),
                   ("backslashreplace", _backslashreplace),
                   ("xmlcharrefreplace", _xmlcharrefreplace),
                   ("namereplace", _backslashreplace),
                   ("surrogateescape", _strict), ("surrogatepass", _strict)):
    _handlers[_name] = _fn
del _name, _fn


# ---------------------------------------------------------------- UTF-8, ASCII, Latin-1

def _errors(errors):
    return "strict" if errors is None else errors


def _encode_limited(text, errors, limit, name):
    """ASCII or Latin-1; error handlers beyond the native ones run here."""
    errors = _errors(errors)
    if errors in ("strict", "ignore", "replace"):
        return text.encode(name, errors)
    out = []
    for ch in text:
        if ord(ch) < limit:
            out.append(ch)
        elif errors == "backslashreplace" or errors == "namereplace":
            out.append(_escape_one(ch))
        elif errors == "xmlcharrefreplace":
            out.append("&#%d;" % ord(ch))
        else:
            return text.encode(name, "strict")
    return "".join(out).encode(name)


def _incomplete_tail(data):
    """How many bytes at the end of data start a UTF-8 sequence that is cut short."""
    for back in range(1, min(3, len(data)) + 1):
        lead = data[-back]
        if lead & 0xC0 == 0x80:
            continue
        need = 2 if lead & 0xE0 == 0xC0 else 3 if lead & 0xF0 == 0xE0 else 4 if lead & 0xF8 == 0xF0 else 1
        return back if need > back else 0
    return 0


def utf_8_encode(text, errors=None):
    return (text.encode("utf-8", _errors(errors)), len(text))


def utf_8_decode(data, errors=None, final=False):
    data = bytes(data)
    cut = 0 if final else _incomplete_tail(data)
    body = data[:len(data) - cut]
    return (body.decode("utf-8", _errors(errors)), len(body))


def ascii_encode(text, errors=None):
    return (_encode_limited(text, errors, 128, "ascii"), len(text))


def ascii_decode(data, errors=None):
    data = bytes(data)
    return (data.decode("ascii", _errors(errors)), len(data))


def latin_1_encode(text, errors=None):
    return (_encode_limited(text, errors, 256, "latin-1"), len(text))


def latin_1_decode(data, errors=None):
    data = bytes(data)
    return (data.decode("latin-1"), len(data))


# ---------------------------------------------------------------- UTF-16 and UTF-32

def _units(text, width):
    """Code units of text: UTF-16 pairs for astral characters when width is 2."""
    for ch in text:
        code = ord(ch)
        if width == 2 and code > 0xFFFF:
            code -= 0x10000
            yield 0xD800 | (code >> 10)
            yield 0xDC00 | (code & 0x3FF)
        else:
            yield code


def _wide_encode(text, width, order, bom):
    body = b"".join(u.to_bytes(width, order) for u in _units(text, width))
    if bom:
        body = (0xFEFF).to_bytes(width, order) + body
    return (body, len(text))


def _wide_decode(data, errors, final, width, order):
    data = bytes(data)
    usable = len(data) - len(data) % width
    chars = []
    i = 0
    while i < usable:
        unit = int.from_bytes(data[i:i + width], order)
        if width == 2 and 0xD800 <= unit < 0xDC00:
            if i + 4 > usable:
                if final:
                    break
                return ("".join(chars), i)
            low = int.from_bytes(data[i + 2:i + 4], order)
            unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            i += 2
        chars.append(chr(unit))
        i += width
    if final and i < len(data):
        if _errors(errors) == "strict":
            name = "utf-16-" if width == 2 else "utf-32-"
            name += "le" if order == "little" else "be"
            raise UnicodeDecodeError(name, data, i, len(data), "truncated data")
        if _errors(errors) == "replace":
            chars.append("\ufffd")
        i = len(data)
    return ("".join(chars), i)


def _bom_order(data, width):
    if width == 2:
        marks = {b"\xff\xfe": "little", b"\xfe\xff": "big"}
    else:
        marks = {b"\xff\xfe\x00\x00": "little", b"\x00\x00\xfe\xff": "big"}
    return marks.get(bytes(data[:width]))


def utf_16_encode(text, errors=None, byteorder=0):
    order = {0: "little", -1: "little", 1: "big"}[byteorder]
    return _wide_encode(text, 2, order, byteorder == 0)


def utf_16_le_encode(text, errors=None):
    return _wide_encode(text, 2, "little", False)


def utf_16_be_encode(text, errors=None):
    return _wide_encode(text, 2, "big", False)


def utf_16_le_decode(data, errors=None, final=False):
    return _wide_decode(data, errors, final, 2, "little")


def utf_16_be_decode(data, errors=None, final=False):
    return _wide_decode(data, errors, final, 2, "big")


def utf_16_ex_decode(data, errors=None, byteorder=0, final=False):
    order = _bom_order(data, 2)
    if order is None:
        text, used = _wide_decode(data, errors, final, 2, "big" if byteorder == 1 else "little")
        return (text, used, byteorder)
    text, used = _wide_decode(bytes(data)[2:], errors, final, 2, order)
    return (text, used + 2, 1 if order == "big" else -1)


def utf_16_decode(data, errors=None, final=False):
    text, used, _ = utf_16_ex_decode(data, errors, 0, final)
    return (text, used)


def utf_32_encode(text, errors=None, byteorder=0):
    order = {0: "little", -1: "little", 1: "big"}[byteorder]
    return _wide_encode(text, 4, order, byteorder == 0)


def utf_32_le_encode(text, errors=None):
    return _wide_encode(text, 4, "little", False)


def utf_32_be_encode(text, errors=None):
    return _wide_encode(text, 4, "big", False)


def utf_32_le_decode(data, errors=None, final=False):
    return _wide_decode(data, errors, final, 4, "little")


def utf_32_be_decode(data, errors=None, final=False):
    return _wide_decode(data, errors, final, 4, "big")


def utf_32_ex_decode(data, errors=None, byteorder=0, final=False):
    order = _bom_order(data, 4)
    if order is None:
        text, used = _wide_decode(data, errors, final, 4, "big" if byteorder == 1 else "little")
        return (text, used, byteorder)
    text, used = _wide_decode(bytes(data)[4:], errors, final, 4, order)
    return (text, used + 4, 1 if order == "big" else -1)


def utf_32_decode(data, errors=None, final=False):
    text, used, _ = utf_32_ex_decode(data, errors, 0, final)
    return (text, used)


# ---------------------------------------------------------------- charmap codecs

class EncodingMap(dict):
    """What charmap_build returns: character code -> byte."""

    def size(self):
        return len(self)


def charmap_build(decoding_table):
    table = EncodingMap()
    for byte, ch in enumerate(decoding_table):
        if ch != "\ufffe":
            table.setdefault(ord(ch), byte)
    return table


def charmap_decode(data, errors=None, mapping=None):
    data = bytes(data)
    if mapping is None:
        return latin_1_decode(data, errors)
    out = []
    for pos, byte in enumerate(data):
        try:
            ch = mapping[byte]
        except (IndexError, KeyError, LookupError):
            ch = None
        if isinstance(ch, int):
            ch = chr(ch)
        if ch is None or ch == "\ufffe":
            handler = lookup_error(_errors(errors))
            exc = UnicodeDecodeError("charmap", data, pos, pos + 1,
                                     "character maps to <undefined>")
            replacement, _ = handler(exc)
            out.append(replacement)
            continue
        out.append(ch)
    return ("".join(out), len(data))


def charmap_encode(text, errors=None, mapping=None):
    if mapping is None:
        return latin_1_encode(text, errors)
    out = bytearray()
    for pos, ch in enumerate(text):
        value = mapping.get(ord(ch))
        if value is None:
            handler = lookup_error(_errors(errors))
            exc = UnicodeEncodeError("charmap", text, pos, pos + 1,
                                     "character maps to <undefined>")
            replacement, _ = handler(exc)
            for sub in replacement:
                value = mapping.get(ord(sub))
                if value is None:
                    raise exc
                out += value if isinstance(value, bytes) else bytes([value])
            continue
        out += value if isinstance(value, bytes) else bytes([value])
    return (bytes(out), len(text))


# ---------------------------------------------------------------- escape codecs

_SIMPLE = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}


def unicode_escape_encode(text, errors=None):
    out = []
    for ch in text:
        if ch in _SIMPLE:
            out.append(_SIMPLE[ch])
        elif " " <= ch < "\x7f":
            out.append(ch)
        else:
            out.append(_escape_one(ch))
    return ("".join(out).encode("ascii"), len(text))


def raw_unicode_escape_encode(text, errors=None):
    out = []
    for ch in text:
        code = ord(ch)
        out.append(ch if code < 0x100 else _escape_one(ch))
    return ("".join(out).encode("latin-1"), len(text))


_LETTERS = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t",
            "v": "\v", "\\": "\\", "'": "'", '"': '"', "\n": ""}


def _unescape(text, raw):
    """Python string-literal escapes in text (only \\u and \\U when raw)."""
    out = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch != "\\" or i + 1 >= n:
            out.append(ch)
            i += 1
            continue
        kind = text[i + 1]
        if kind in "uU" or (not raw and kind == "x"):
            width = {"x": 2, "u": 4, "U": 8}[kind]
            digits = text[i + 2:i + 2 + width]
            if len(digits) != width or any(c not in "0123456789abcdefABCDEF" for c in digits):
                name = "rawunicodeescape" if raw else "unicodeescape"
                raise UnicodeDecodeError(name, text.encode("latin-1"), i, i + 2 + len(digits),
                                         "truncated \\%sXXXX escape" % kind if kind != "x"
                                         else "truncated \\xXX escape")
            out.append(chr(int(digits, 16)))
            i += 2 + width
        elif raw:
            out.append(ch)
            i += 1
        elif kind in _LETTERS:
            out.append(_LETTERS[kind])
            i += 2
        elif kind in "01234567":
            j = i + 1
            while j < n and j < i + 4 and text[j] in "01234567":
                j += 1
            out.append(chr(int(text[i + 1:j], 8)))
            i = j
        else:
            out.append("\\" + kind)
            i += 2
    return "".join(out)


def unicode_escape_decode(data, errors=None, final=True):
    if isinstance(data, str):
        data = data.encode("latin-1")
    data = bytes(data)
    return (_unescape(data.decode("latin-1"), False), len(data))


def raw_unicode_escape_decode(data, errors=None, final=True):
    if isinstance(data, str):
        data = data.encode("latin-1")
    data = bytes(data)
    return (_unescape(data.decode("latin-1"), True), len(data))


def escape_encode(data, errors=None):
    body = repr(bytes(data))[2:-1]
    if repr(bytes(data))[1] == '"':
        body = body.replace("'", "\\'")
    return (body.encode("latin-1"), len(data))


def escape_decode(data, errors=None):
    if isinstance(data, str):
        data = data.encode("latin-1")
    data = bytes(data)
    text = _unescape(data.decode("latin-1"), False)
    return (text.encode("latin-1"), len(data))


def readbuffer_encode(data, errors=None):
    if isinstance(data, str):
        data = data.encode("utf-8")
    data = bytes(data)
    return (data, len(data))


# CPython's codecs are built-in functions, which do not bind as methods: the encodings
# package stores some as class attributes (`_buffer_decode = codecs.utf_8_decode`).
# staticmethod objects are callable and do not bind either.
for _name in [n for n, v in globals().items() if callable(v) and not isinstance(v, type)
              and not n.startswith("_")]:
    globals()[_name] = staticmethod(globals()[_name])
del _name
