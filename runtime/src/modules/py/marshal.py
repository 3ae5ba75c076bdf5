"""marshal for weft: CPython's value serialisation format (version 0 to 4).

Values: None, True, False, Ellipsis, StopIteration, int, float, complex, str, bytes (and
other buffers, read back as bytes), tuple, list, dict, set, frozenset. From version 3 on,
an object met again is written as a back-reference. weft cannot know, as CPython does
from reference counts, which objects are shared, so it marks every object it writes as
one that may be referred to again; the output loads the same on CPython. Strings made only
of letters, digits and underscores count as interned (as CPython's compiler interns such
constants). Sets and frozensets are written in the order of their elements' own bytes.

weft's code objects hold weft bytecode, which CPython cannot read, so they (and any other
type) are refused with CPython's ValueError('unmarshallable object'); reading a CPython
code object fails the same way as an unknown type code.
"""

version = 4

_REF = 0x80
_DEPTH = 2000


class _Writer:
    def __init__(self, version):
        self.version = version
        self.out = bytearray()
        self.refs = {} if version >= 3 else None
        self.keep = []  # keeps written objects alive, so their ids stay theirs
        self.depth = 0

    def byte(self, b):
        self.out.append(b)

    def int32(self, n):
        self.out += (n & 0xFFFFFFFF).to_bytes(4, "little")

    def sized(self, data):
        self.int32(len(data))
        self.out += data

    def tag(self, code, obj):
        """Write the type code, or a back-reference; True when the body follows."""
        refs = self.refs
        if refs is None:
            self.byte(ord(code))
            return True
        key = id(obj)
        hit = refs.get(key)
        if hit is not None:
            self.byte(ord("r"))
            self.int32(hit)
            return False
        refs[key] = len(refs)
        self.keep.append(obj)
        self.byte(ord(code) | _REF)
        return True

    def value(self, obj):
        self.depth += 1
        if self.depth > _DEPTH:
            raise ValueError("object too deeply nested to marshal")
        try:
            self._value(obj)
        finally:
            self.depth -= 1

    def _value(self, obj):
        if obj is None:
            self.byte(ord("N"))
        elif obj is True:
            self.byte(ord("T"))
        elif obj is False:
            self.byte(ord("F"))
        elif obj is Ellipsis:
            self.byte(ord("."))
        elif obj is StopIteration:
            self.byte(ord("S"))
        else:
            kind = type(obj)
            if kind is int:
                self._int(obj)
            elif kind is float:
                if self.version > 1:
                    if self.tag("g", obj):
                        self.out += _float_bytes(obj)
                elif self.tag("f", obj):
                    self._short_text(_float_text(obj))
            elif kind is complex:
                if self.version > 1:
                    if self.tag("y", obj):
                        self.out += _float_bytes(obj.real) + _float_bytes(obj.imag)
                elif self.tag("x", obj):
                    self._short_text(_float_text(obj.real))
                    self._short_text(_float_text(obj.imag))
            elif kind is str:
                self._str(obj)
            elif kind is tuple:
                if self.version >= 4 and len(obj) < 256:
                    if self.tag(")", obj):
                        self.byte(len(obj))
                        self._items(obj)
                elif self.tag("(", obj):
                    self.int32(len(obj))
                    self._items(obj)
            elif kind is list:
                if self.tag("[", obj):
                    self.int32(len(obj))
                    self._items(list(obj))
            elif kind is dict:
                if self.tag("{", obj):
                    for k, v in list(obj.items()):
                        self.value(k)
                        self.value(v)
                    self.byte(ord("0"))
            elif kind is set or kind is frozenset:
                if self.tag("<" if kind is set else ">", obj):
                    items = list(obj)
                    self.int32(len(items))
                    items.sort(key=lambda item: dumps(item, self.version))
                    self._items(items)
            else:
                try:
                    data = memoryview(obj).tobytes()
                except TypeError:
                    raise ValueError("unmarshallable object") from None
                if self.tag("s", obj):
                    self.sized(data)

    def _items(self, items):
        for item in items:
            self.value(item)

    def _short_text(self, text):
        data = text.encode("ascii")
        self.byte(len(data))
        self.out += data

    def _int(self, n):
        if -0x80000000 <= n <= 0x7FFFFFFF:
            if self.tag("i", n):
                self.int32(n)
            return
        if not self.tag("l", n):
            return
        digits = []
        rest = -n if n < 0 else n
        while rest:
            digits.append(rest & 0x7FFF)
            rest >>= 15
        self.int32(-len(digits) if n < 0 else len(digits))
        for d in digits:
            self.out += d.to_bytes(2, "little")

    def _str(self, s):
        interned = s.isascii() and (s.replace("_", "").isalnum() or s == "")
        if self.version >= 4 and s.isascii():
            data = s.encode("ascii")
            if len(data) < 256:
                if self.tag("Z" if interned else "z", s):
                    self.byte(len(data))
                    self.out += data
            elif self.tag("A" if interned else "a", s):
                self.sized(data)
            return
        code = "t" if interned and self.version >= 3 else "u"
        if self.tag(code, s):
            self.sized(s.encode("utf-8", "surrogatepass"))


def _float_text(x):
    """The shortest digits that read back as x, without a '.0' for whole numbers."""
    text = repr(x)
    return text[:-2] if text.endswith(".0") else text


def _float_bytes(x):
    import _struct
    return _struct.pack("<d", x)


def _float_from(data):
    import _struct
    return _struct.unpack("<d", data)[0]


class _Reader:
    def __init__(self, data=None, file=None):
        self.data = data
        self.pos = 0
        self.file = file
        self.refs = []
        self.depth = 0

    def take(self, n):
        if self.file is not None:
            chunk = self.file.read(n)
            if chunk is None or len(chunk) < n:
                raise EOFError("marshal data too short")
            return bytes(chunk)
        end = self.pos + n
        if end > len(self.data):
            raise EOFError("marshal data too short")
        chunk = self.data[self.pos:end]
        self.pos = end
        return chunk

    def byte(self):
        return self.take(1)[0]

    def int32(self):
        return int.from_bytes(self.take(4), "little", signed=True)

    def size(self):
        n = self.int32()
        if n < 0:
            raise ValueError("bad marshal data (bytes object size out of range)")
        return n

    def value(self):
        self.depth += 1
        if self.depth > _DEPTH:
            raise ValueError("recursion limit exceeded")
        try:
            return self._value()
        finally:
            self.depth -= 1

    def _keep(self, flag, obj):
        if flag:
            self.refs.append(obj)
        return obj

    def _slot(self, flag):
        """Reserve a reference index before reading a container's items."""
        if not flag:
            return None
        self.refs.append(None)
        return len(self.refs) - 1

    def _fill(self, slot, obj):
        if slot is not None:
            self.refs[slot] = obj
        return obj

    def _value(self):
        if self.file is not None:
            head = self.file.read(1)
            if not head:
                raise EOFError("EOF read where object expected")
            code = head[0]
        else:
            if self.pos >= len(self.data):
                raise EOFError("EOF read where object expected")
            code = self.data[self.pos]
            self.pos += 1
        flag = code & _REF
        kind = chr(code & ~_REF)
        if kind == "N":
            return None
        if kind == "T":
            return True
        if kind == "F":
            return False
        if kind == ".":
            return Ellipsis
        if kind == "S":
            return StopIteration
        if kind == "0":
            raise ValueError("bad marshal data (NULL object)")
        if kind == "i":
            return self._keep(flag, self.int32())
        if kind == "I":
            return self._keep(flag, int.from_bytes(self.take(8), "little", signed=True))
        if kind == "l":
            count = self.int32()
            n = 0
            for shift in range(abs(count)):
                d = int.from_bytes(self.take(2), "little")
                if d > 0x7FFF:
                    raise ValueError("bad marshal data (digit out of range in long)")
                n |= d << (15 * shift)
            return self._keep(flag, -n if count < 0 else n)
        if kind == "g":
            return self._keep(flag, _float_from(self.take(8)))
        if kind == "f":
            return self._keep(flag, float(self._short_ascii()))
        if kind == "y":
            re_part = _float_from(self.take(8))
            return self._keep(flag, complex(re_part, _float_from(self.take(8))))
        if kind == "x":
            re_part = float(self._short_ascii())
            return self._keep(flag, complex(re_part, float(self._short_ascii())))
        if kind == "s":
            return self._keep(flag, self.take(self.size()))
        if kind in "tu":
            data = self.take(self.size())
            return self._keep(flag, data.decode("utf-8", "surrogatepass"))
        if kind in "aA":
            return self._keep(flag, self.take(self.size()).decode("latin-1"))
        if kind in "zZ":
            return self._keep(flag, self._short_ascii())
        if kind == ")":
            return self._tuple(flag, self.byte())
        if kind == "(":
            return self._tuple(flag, self.size())
        if kind == "[":
            n = self.size()
            out = self._keep(flag, [])
            for _ in range(n):
                out.append(self.value())
            return out
        if kind == "{":
            out = self._keep(flag, {})
            while True:
                if self.file is None and self.pos < len(self.data) and self.data[self.pos] == 0x30:
                    self.pos += 1
                    return out
                key = self._maybe_end()
                if key is _END:
                    return out
                out[key] = self.value()
        if kind in "<>":
            n = self.size()
            if kind == "<":
                out = self._keep(flag, set())
                for _ in range(n):
                    out.add(self.value())
                return out
            slot = self._slot(flag)
            items = [self.value() for _ in range(n)]
            return self._fill(slot, frozenset(items))
        if kind == "r":
            index = self.int32()
            if not 0 <= index < len(self.refs) or self.refs[index] is None:
                raise ValueError("bad marshal data (invalid reference)")
            return self.refs[index]
        raise ValueError("bad marshal data (unknown type code)")

    def _maybe_end(self):
        """A dict key, or _END at the '0' that closes the dict."""
        if self.file is not None:
            head = self.file.read(1)
            if not head:
                raise EOFError("EOF read where object expected")
            if head[0] == 0x30:
                return _END
            # put the byte back in front of the next read
            self.file = _Prefixed(head, self.file)
            try:
                return self.value()
            finally:
                self.file = self.file.rest
        return self.value()

    def _short_ascii(self):
        return self.take(self.byte()).decode("latin-1")

    def _tuple(self, flag, n):
        slot = self._slot(flag)
        items = [self.value() for _ in range(n)]
        return self._fill(slot, tuple(items))


_END = object()


class _Prefixed:
    """A file whose next read starts with bytes already taken from it."""

    def __init__(self, head, rest):
        self.head = head
        self.rest = rest

    def read(self, n):
        if self.head:
            got, self.head = self.head[:n], self.head[n:]
            if len(got) < n:
                more = self.rest.read(n - len(got))
                got += more or b""
            return got
        return self.rest.read(n)


def dumps(value, version=version, /):
    w = _Writer(version)
    w.value(value)
    return bytes(w.out)


def dump(value, file, version=version, /):
    file.write(dumps(value, version))


def loads(data, /):
    return _Reader(data=bytes(memoryview(data))).value()


def load(file, /):
    return _Reader(file=file).value()
