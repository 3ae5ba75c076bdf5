"""weft's _codecs: the codec registry and the built-in codecs under CPython's codecs.py.

The byte work of UTF-8, ASCII and Latin-1 is done by str.encode and bytes.decode (native);
this module adds the registry (search functions, error handlers) and the codecs the
encodings package calls by name. str.encode / bytes.decode come here (vm's
codec_route) for any other codec or error handler. The surrogate error handlers produce
lone surrogates only where weft's str can hold them; elsewhere they raise the error.
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


def _namereplace(exc):
    if isinstance(exc, UnicodeEncodeError):
        import unicodedata
        parts = []
        for ch in exc.object[exc.start:exc.end]:
            try:
                parts.append("\\N{%s}" % unicodedata.name(ch))
            except ValueError:
                parts.append(_escape_one(ch))
        return ("".join(parts), exc.end)
    _bad_argument("namereplace", exc)


def _lone(code):
    """chr(code) for a lone surrogate, or None where weft's str cannot hold one."""
    try:
        ch = chr(code)
    except ValueError:
        return None
    return ch if ord(ch) == code else None


def _surrogateescape(exc):
    # Bytes 0x80..0xFF that do not decode travel as U+DC80..U+DCFF and back.
    if isinstance(exc, UnicodeDecodeError):
        out = []
        for b in exc.object[exc.start:exc.end]:
            ch = _lone(0xDC00 + b) if b >= 0x80 else None
            if ch is None:
                raise exc
            out.append(ch)
        return ("".join(out), exc.end)
    if isinstance(exc, UnicodeEncodeError):
        out = bytearray()
        for ch in exc.object[exc.start:exc.end]:
            code = ord(ch)
            if not 0xDC80 <= code <= 0xDCFF:
                raise exc
            out.append(code - 0xDC00)
        return (bytes(out), exc.end)
    _bad_argument("surrogateescape", exc)


def _utf_shape(encoding):
    """(unit width, byte order) of a UTF codec name, or None."""
    name = encoding.lower().replace("_", "-")
    shapes = {"utf-8": (1, None), "utf8": (1, None),
              "utf-16": (2, "little"), "utf-16-le": (2, "little"), "utf-16le": (2, "little"),
              "utf-16-be": (2, "big"), "utf-16be": (2, "big"),
              "utf-32": (4, "little"), "utf-32-le": (4, "little"), "utf-32le": (4, "little"),
              "utf-32-be": (4, "big"), "utf-32be": (4, "big")}
    return shapes.get(name)


def _surrogatepass(exc):
    # Surrogate code points written / read as if they were ordinary characters.
    shape = _utf_shape(exc.encoding) if isinstance(exc, UnicodeError) else None
    if isinstance(exc, UnicodeEncodeError):
        if shape is None:
            raise exc
        width, order = shape
        out = bytearray()
        for ch in exc.object[exc.start:exc.end]:
            code = ord(ch)
            if not 0xD800 <= code <= 0xDFFF:
                raise exc
            if width == 1:
                out += bytes((0xE0 | code >> 12, 0x80 | (code >> 6) & 0x3F, 0x80 | code & 0x3F))
            else:
                out += code.to_bytes(width, order)
        return (bytes(out), exc.end)
    if isinstance(exc, UnicodeDecodeError):
        if shape is None:
            raise exc
        width, order = shape
        data = exc.object
        at = exc.start
        if width == 1:
            unit = data[at:at + 3]
            if (len(unit) == 3 and unit[0] & 0xF0 == 0xE0 and unit[1] & 0xC0 == 0x80
                    and unit[2] & 0xC0 == 0x80):
                code = (unit[0] & 0x0F) << 12 | (unit[1] & 0x3F) << 6 | unit[2] & 0x3F
            else:
                code = 0
            size = 3
        else:
            unit = data[at:at + width]
            code = int.from_bytes(unit, order) if len(unit) == width else 0
            size = width
        ch = _lone(code) if 0xD800 <= code <= 0xDFFF else None
        if ch is None:
            raise exc
        return (ch, at + size)
    _bad_argument("surrogatepass", exc)


for _name, _fn in (("strict", _strict), ("ignore", _ignore), ("replace", _replace),
                   ("backslashreplace", _backslashreplace),
                   ("xmlcharrefreplace", _xmlcharrefreplace),
                   ("namereplace", _namereplace),
                   ("surrogateescape", _surrogateescape), ("surrogatepass", _surrogatepass)):
    _handlers[_name] = _fn
del _name, _fn


# ---------------------------------------------------------------- str.encode / bytes.decode

def _text_codec(encoding, verb):
    info = lookup(encoding)
    if not getattr(info, "_is_text_encoding", True):
        raise LookupError("'%s' is not a text encoding; use codecs.%s() to handle arbitrary "
                          "codecs" % (encoding, verb))
    return info


def _str_encode(text, encoding, errors):
    """str.encode for a codec or error handler the native code does not know."""
    result = _text_codec(encoding, "encode").encode(text, errors)
    if not isinstance(result, tuple) or len(result) != 2:
        raise TypeError("encoder must return a tuple (object, integer)")
    out = result[0]
    if isinstance(out, bytearray):
        out = bytes(out)
    if not isinstance(out, bytes):
        raise TypeError("'%.400s' encoder returned '%.400s' instead of 'bytes'; use "
                        "codecs.encode() to encode to arbitrary types"
                        % (encoding, type(out).__name__))
    return out


def _bytes_decode(data, encoding, errors):
    """bytes.decode for a codec or error handler the native code does not know."""
    result = _text_codec(encoding, "decode").decode(data, errors)
    if not isinstance(result, tuple) or len(result) != 2:
        raise TypeError("decoder must return a tuple (object,integer)")
    out = result[0]
    if not isinstance(out, str):
        raise TypeError("'%.400s' decoder returned '%.400s' instead of 'str'; use "
                        "codecs.decode() to decode to arbitrary types"
                        % (encoding, type(out).__name__))
    return out


# ---------------------------------------------------------------- UTF-8, ASCII, Latin-1

def _errors(errors):
    return "strict" if errors is None else errors


# Error handlers that the native str.encode / bytes.decode apply themselves.
_NATIVE_ENCODE = ("strict", "ignore", "replace", "backslashreplace", "xmlcharrefreplace")
_NATIVE_DECODE = ("strict", "ignore", "replace", "backslashreplace")


def _handler_result(res, length, encoding):
    ok = (isinstance(res, tuple) and len(res) == 2 and isinstance(res[1], int)
          and isinstance(res[0], (str, bytes) if encoding else str))
    if not ok:
        raise TypeError("%s error handler must return (%s, int) tuple"
                        % ("encoding" if encoding else "decoding",
                           "str/bytes" if encoding else "str"))
    pos = res[1]
    if pos < 0:
        pos += length
    if not 0 <= pos <= length:
        raise IndexError("position %d from error handler out of bounds" % res[1])
    return res[0], pos


def _encode_with_handler(text, errors, name, bad, reason):
    """Encode text with codec `name` (whose native encoder handles every character
    for which bad(code) is false), calling the error handler for the others."""
    handler = lookup_error(errors)
    out = []
    n = len(text)
    i = 0
    while i < n:
        j = i
        while j < n and not bad(ord(text[j])):
            j += 1
        if j > i:
            out.append(text[i:j].encode(name))
        if j == n:
            break
        k = j + 1
        while k < n and bad(ord(text[k])):
            k += 1
        exc = UnicodeEncodeError(name, text, j, k, reason)
        rep, i = _handler_result(handler(exc), n, True)
        if isinstance(rep, str):
            for ch in rep:
                if bad(ord(ch)):
                    raise UnicodeEncodeError(name, text, j, k, reason)
            rep = rep.encode(name)
        out.append(rep)
    return b"".join(out)


def _decode_with_handler(data, errors, name, final=True):
    """Decode with the native strict decoder, calling the error handler at each error.
    Returns (text, bytes consumed)."""
    handler = None
    out = []
    n = len(data)
    i = 0
    while i < n:
        try:
            out.append(data[i:].decode(name))
            i = n
            break
        except UnicodeDecodeError as e:
            start, end, reason = i + e.start, i + e.end, e.reason
        out.append(data[i:start].decode(name))
        if not final and reason == "unexpected end of data":
            return ("".join(out), start)
        if handler is None:
            handler = lookup_error(errors)
        exc = UnicodeDecodeError(name, data, start, end, reason)
        rep, i = _handler_result(handler(exc), n, False)
        out.append(rep)
    return ("".join(out), i)


def _encode_limited(text, errors, limit, name):
    """ASCII or Latin-1."""
    errors = _errors(errors)
    if errors in _NATIVE_ENCODE:
        return text.encode(name, errors)
    return _encode_with_handler(text, errors, name, lambda c: c >= limit,
                                "ordinal not in range(%d)" % limit)


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
    errors = _errors(errors)
    try:
        return (text.encode("utf-8", errors if errors in _NATIVE_ENCODE else "strict"),
                len(text))
    except UnicodeEncodeError:
        if errors == "strict":
            raise
    body = _encode_with_handler(text, errors, "utf-8", lambda c: 0xD800 <= c <= 0xDFFF,
                                "surrogates not allowed")
    return (body, len(text))


def utf_8_decode(data, errors=None, final=False):
    data = bytes(data)
    errors = _errors(errors)
    cut = 0 if final else _incomplete_tail(data)
    body = data[:len(data) - cut]
    if errors in _NATIVE_DECODE:
        return (body.decode("utf-8", errors), len(body))
    return _decode_with_handler(body, errors, "utf-8", True)


def ascii_encode(text, errors=None):
    return (_encode_limited(text, errors, 128, "ascii"), len(text))


def ascii_decode(data, errors=None):
    data = bytes(data)
    errors = _errors(errors)
    if errors in _NATIVE_DECODE:
        return (data.decode("ascii", errors), len(data))
    return _decode_with_handler(data, errors, "ascii")


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
# The registry functions stay plain functions (pickle finds them by name, as
# `_codecs.encode` in protocol 2 pickles of bytes).
_PLAIN = ("register", "unregister", "lookup", "encode", "decode", "register_error",
          "lookup_error")
for _name in [n for n, v in globals().items() if callable(v) and not isinstance(v, type)
              and not n.startswith("_") and n not in _PLAIN]:
    globals()[_name] = staticmethod(globals()[_name])
del _name
