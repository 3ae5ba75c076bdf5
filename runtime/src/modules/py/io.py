"""The io module, written for weft on top of the native `posix` module.

Layers as in CPython: FileIO (raw fd calls) under BufferedReader/BufferedWriter/
BufferedRandom (a read-ahead buffer and a write buffer) under TextIOWrapper (decoding,
newline translation). Text encodings are the ASCII-compatible ones (utf-8, latin-1,
ascii), so newlines can be found in the undecoded bytes and `tell()` is an exact byte
position. Each buffered or text object keeps its buffers under its own lock, so two
threads sharing a file never see them half-updated (weft has no GIL).
"""

import posix as _posix
import _thread
import _weakref

__all__ = [
    "open", "open_code", "IOBase", "RawIOBase", "FileIO", "BytesIO", "StringIO",
    "BufferedIOBase", "BufferedReader", "BufferedWriter", "BufferedRWPair",
    "BufferedRandom", "TextIOBase", "TextIOWrapper", "UnsupportedOperation",
    "SEEK_SET", "SEEK_CUR", "SEEK_END", "DEFAULT_BUFFER_SIZE", "text_encoding",
    "IncrementalNewlineDecoder",
]

SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2
DEFAULT_BUFFER_SIZE = 8192


class UnsupportedOperation(OSError, ValueError):
    pass


UnsupportedOperation.__module__ = "io"


def _closed_error():
    return ValueError("I/O operation on closed file.")


def _unsupported(what):
    return UnsupportedOperation(what)


def text_encoding(encoding, stacklevel=2):
    if encoding is None:
        return "utf-8"
    return encoding


_ENCODINGS = {
    "utf-8": "utf-8", "utf8": "utf-8", "u8": "utf-8", "utf": "utf-8",
    "latin-1": "latin-1", "latin1": "latin-1", "iso-8859-1": "latin-1",
    "iso8859-1": "latin-1", "l1": "latin-1", "8859": "latin-1", "cp819": "latin-1",
    "ascii": "ascii", "us-ascii": "ascii", "646": "ascii",
}


def _norm_encoding(encoding):
    if not isinstance(encoding, str):
        raise TypeError("TextIOWrapper() argument 'encoding' must be str or None, not "
                        + type(encoding).__name__)
    e = _ENCODINGS.get(encoding.lower().replace("_", "-"))
    if e is None:
        raise LookupError("unknown encoding: " + encoding)
    return e


def _close_fd(box):
    # box is the FileIO's one-element fd list: whoever empties it closes the fd, once.
    fd = box[0]
    box[0] = -1
    if fd >= 0:
        try:
            _posix.close(fd)
        except OSError:
            pass


def _finish_buffered(raw, wbuf):
    """Run when a buffered object is collected without close(), or at exit: write what
    is still buffered and close the raw file (weft has no __del__; CPython would do this
    when the last reference goes)."""
    try:
        while wbuf:
            n = raw.write(bytes(wbuf))
            if not n:
                break
            del wbuf[:n]
    except Exception:
        pass
    try:
        raw.close()
    except Exception:
        pass


def _passed_on(holder, attribute):
    """A read-only property giving self.<holder>.<attribute> (the wrapped stream's), or
    self.<attribute> when holder is None."""
    if holder is None:
        return property(lambda self: getattr(self, attribute))
    return property(lambda self: getattr(getattr(self, holder), attribute))


class IOBase:
    """Common behaviour: closed checks, context manager, iteration, lines."""

    _closed = False

    @property
    def closed(self):
        return self._closed

    def _check_closed(self):
        if self.closed:
            raise _closed_error()

    def close(self):
        if not self._closed:
            try:
                self.flush()
            finally:
                self._closed = True

    def flush(self):
        self._check_closed()

    def readable(self):
        return False

    def writable(self):
        return False

    def seekable(self):
        return False

    def isatty(self):
        self._check_closed()
        return False

    def fileno(self):
        raise _unsupported("fileno")

    def seek(self, pos, whence=0):
        raise _unsupported("seek")

    def tell(self):
        return self.seek(0, 1)

    def truncate(self, size=None):
        raise _unsupported("truncate")

    def _check_readable(self):
        if not self.readable():
            raise _unsupported("not readable")

    def _check_writable(self):
        if not self.writable():
            raise _unsupported("not writable")

    def _check_seekable(self):
        if not self.seekable():
            raise _unsupported("underlying stream is not seekable")

    def __enter__(self):
        self._check_closed()
        return self

    def __exit__(self, *args):
        self.close()

    def __iter__(self):
        self._check_closed()
        return self

    def __next__(self):
        line = self.readline()
        if len(line) == 0:
            raise StopIteration     # an empty read: end of file
        return line

    def readlines(self, hint=-1):
        if hint is None:
            hint = -1
        lines = []
        total = 0
        for line in self:
            lines.append(line)
            total += len(line)
            if 0 < hint <= total:
                break
        return lines

    def writelines(self, lines):
        self._check_closed()
        for line in lines:
            self.write(line)

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass


class RawIOBase(IOBase):
    def read(self, size=-1):
        if size is None or size < 0:
            return self.readall()
        b = bytearray(size)
        n = self.readinto(b)
        if n is None:
            return None
        return bytes(b[:n])

    def readall(self):
        chunks = []
        while True:
            data = self.read(DEFAULT_BUFFER_SIZE)
            if not data:
                break
            chunks.append(data)
        return b"".join(chunks)


class BufferedIOBase(IOBase):
    def read1(self, size=-1):
        return self.read(size)

    def readinto(self, b):
        data = self.read(len(b))
        b[:len(data)] = data
        return len(data)

    def detach(self):
        raise _unsupported("detach")


class TextIOBase(IOBase):
    encoding = None
    errors = None
    newlines = None

    def detach(self):
        raise _unsupported("detach")


def _parse_mode(mode):
    if not isinstance(mode, str):
        raise TypeError("open() argument 'mode' must be str, not " + type(mode).__name__)
    # Every letter at most once, and only letters open() knows.
    for i, ch in enumerate(mode):
        if ch not in "axrwb+t" or ch in mode[i + 1:]:
            raise ValueError("invalid mode: %r" % mode)
    binary = "b" in mode
    if binary and "t" in mode:
        raise ValueError("can't have text and binary mode at once")
    kinds = [k for k in "xrwa" if k in mode]
    if len(kinds) > 1:
        raise ValueError("must have exactly one of create/read/write/append mode")
    if not kinds:
        raise ValueError("Must have exactly one of create/read/write/append mode and at most one plus")
    kind = kinds[0]
    creating, reading, writing, appending = (kind == "x", kind == "r", kind == "w", kind == "a")
    updating = "+" in mode
    return creating, reading, writing, appending, updating, binary


class FileIO(RawIOBase):
    """Raw binary I/O on a file descriptor."""

    def __init__(self, file, mode="r", closefd=True, opener=None):
        self._fd = -1
        self._closefd = closefd
        if isinstance(file, float):
            raise TypeError("integer argument expected, got float")
        if isinstance(mode, str):
            modes = set(mode)
        else:
            raise TypeError("FileIO() argument 'mode' must be str, not " + type(mode).__name__)
        if modes - set("xrwab+") or len(mode) > len(modes):
            raise ValueError("invalid mode: %s" % mode)
        n = ("x" in modes) + ("r" in modes) + ("w" in modes) + ("a" in modes)
        if n != 1 or mode.count("+") > 1:
            raise ValueError("Must have exactly one of create/read/write/append mode and at most one plus")
        self._readable = "r" in modes or "+" in modes
        self._writable = "r" not in modes or "+" in modes
        self._appending = "a" in modes
        if "x" in modes:
            flags = _posix.O_CREAT | _posix.O_EXCL
            self.mode = "xb+" if "+" in modes else "xb"
        elif "r" in modes:
            flags = 0
            self.mode = "rb+" if "+" in modes else "rb"
        elif "w" in modes:
            flags = _posix.O_CREAT | _posix.O_TRUNC
            self.mode = "wb+" if "+" in modes else "wb"
        else:
            flags = _posix.O_CREAT | _posix.O_APPEND
            self.mode = "ab+" if "+" in modes else "ab"
        if self._readable and self._writable:
            flags |= _posix.O_RDWR
        elif self._readable:
            flags |= _posix.O_RDONLY
        else:
            flags |= _posix.O_WRONLY
        if isinstance(file, int):
            if file < 0:
                raise ValueError("negative file descriptor")
            fd = file
        else:
            if not closefd:
                raise ValueError("Cannot use closefd=False with file name")
            if opener is None:
                try:
                    fd = _posix.open(file, flags, 0o666)
                except OSError as e:
                    if e.errno not in (23, 24):  # ENFILE, EMFILE
                        raise
                    # Files dropped without close() are closed by their finalizers,
                    # which run when a collection finds them.
                    import gc
                    gc.collect()
                    fd = _posix.open(file, flags, 0o666)
            else:
                fd = opener(file, flags)
                if not isinstance(fd, int):
                    raise TypeError("expected integer from opener")
                if fd < 0:
                    raise ValueError("opener returned %d" % fd)
        self._fd = fd
        try:
            st = _posix.fstat(fd)
            if st[0] & 0o170000 == 0o040000:
                raise IsADirectoryError(21, _posix.strerror(21), file)
        except BaseException:
            if closefd:
                _posix.close(fd)
            self._fd = -1
            raise
        self.name = file
        self._fdbox = [fd]
        self._finalizer = _weakref.finalize(self, _close_fd, self._fdbox) if closefd else None
        if self._appending:
            try:
                _posix.lseek(fd, 0, SEEK_END)
            except OSError:
                pass

    def __repr__(self):
        if self.closed:
            return "<_io.FileIO [closed]>"
        return "<_io.FileIO name=%r mode=%r closefd=%r>" % (self.name, self.mode, self._closefd)

    @property
    def closefd(self):
        return self._closefd

    def fileno(self):
        self._check_closed()
        return self._fd

    def readable(self):
        self._check_closed()
        return self._readable

    def writable(self):
        self._check_closed()
        return self._writable

    def seekable(self):
        self._check_closed()
        try:
            _posix.lseek(self._fd, 0, SEEK_CUR)
        except OSError:
            return False
        return True

    def isatty(self):
        self._check_closed()
        return _posix.isatty(self._fd)

    def read(self, size=-1):
        self._check_closed()
        self._check_readable()
        if size is None or size < 0:
            return self.readall()
        return _posix.read(self._fd, size)

    def readall(self):
        self._check_closed()
        self._check_readable()
        chunks = []
        while True:
            data = _posix.read(self._fd, 65536)
            if not data:
                break
            chunks.append(data)
        return b"".join(chunks)

    def readinto(self, b):
        data = self.read(len(b))
        b[:len(data)] = data
        return len(data)

    def write(self, b):
        self._check_closed()
        self._check_writable()
        return _posix.write(self._fd, b)

    def seek(self, pos, whence=0):
        self._check_closed()
        if isinstance(pos, float):
            raise TypeError("an integer is required")
        return _posix.lseek(self._fd, pos, whence)

    def tell(self):
        self._check_closed()
        return _posix.lseek(self._fd, 0, SEEK_CUR)

    def truncate(self, size=None):
        self._check_closed()
        self._check_writable()
        if size is None:
            size = self.tell()
        _posix.ftruncate(self._fd, size)
        return size

    def close(self):
        if not self._closed:
            self._closed = True
            fin = getattr(self, "_finalizer", None)
            if fin is not None:
                fin.detach()
            box = getattr(self, "_fdbox", None)
            if self._closefd and box is not None:
                fd = box[0]
                box[0] = -1
                self._fd = -1
                if fd >= 0:
                    _posix.close(fd)

    def flush(self):
        self._check_closed()

    def __del__(self):
        if not self._closed and getattr(self, "_fd", -1) >= 0:
            try:
                self.close()
            except Exception:
                pass


class _BufferedBase(BufferedIOBase):
    """A read-ahead buffer and a write buffer over a raw stream, under one lock."""

    def __init__(self, raw, buffer_size=DEFAULT_BUFFER_SIZE):
        if buffer_size <= 0:
            raise ValueError("buffer size must be strictly positive")
        self.raw = raw
        self.buffer_size = buffer_size
        self._rbuf = b""
        self._wbuf = bytearray()
        self._lock = _thread.allocate_lock()
        # The buffer (same bytearray object throughout) and raw file, not self, so the
        # finalizer does not keep this object alive.
        self._finalizer = _weakref.finalize(self, _finish_buffered, raw, self._wbuf)
        # That finalizer closes raw after writing the buffer out; raw's own one must not
        # run first.
        fin = getattr(raw, "_finalizer", None)
        if fin is not None:
            fin.detach()
        # Fixed for the object's life; cached because every read/write checks them.
        self._readable_ok = self.readable()
        self._writable_ok = self.writable()

    def _check_readable(self):
        if not self._readable_ok:
            raise _unsupported("not readable")

    def _check_writable(self):
        if not self._writable_ok:
            raise _unsupported("not writable")

    closed = _passed_on("raw", "closed")
    name = _passed_on("raw", "name")
    mode = _passed_on("raw", "mode")

    def __repr__(self):
        cls = type(self).__name__
        try:
            name = self.name
        except Exception:
            return "<_io.%s>" % cls
        return "<_io.%s name=%r>" % (cls, name)

    def fileno(self):
        return self.raw.fileno()

    def isatty(self):
        return self.raw.isatty()

    def readable(self):
        return self.raw.readable()

    def writable(self):
        return self.raw.writable()

    def seekable(self):
        return self.raw.seekable()

    def detach(self):
        self.flush()
        self._finalizer.detach()
        raw = self.raw
        self.raw = None
        return raw

    # Unlocked helpers (the caller holds self._lock).

    def _flush_unlocked(self):
        while self._wbuf:
            n = self.raw.write(bytes(self._wbuf))
            if n is None or n <= 0:
                raise BlockingIOError(11, "write could not complete without blocking", 0)
            del self._wbuf[:n]

    def _drop_rbuf(self):
        # Give back read-ahead so the raw position is the logical one.
        if self._rbuf:
            n = len(self._rbuf)
            self._rbuf = b""
            self.raw.seek(-n, SEEK_CUR)

    def _fill(self):
        """Read one raw chunk into the read buffer; False at EOF."""
        data = self.raw.read(self.buffer_size)
        if not data:
            return False
        self._rbuf += data
        return True

    def _read_unlocked(self, size):
        if self._wbuf:
            self._flush_unlocked()
        if size is None or size < 0:
            readall = getattr(self.raw, "readall", None)
            data = self._rbuf + (readall() if readall is not None else self.raw.read())
            self._rbuf = b""
            return data
        while len(self._rbuf) < size:
            if size - len(self._rbuf) >= self.buffer_size:
                data = self.raw.read(size - len(self._rbuf))
                if not data:
                    break
                self._rbuf += data
            elif not self._fill():
                break
        data = self._rbuf[:size]
        self._rbuf = self._rbuf[size:]
        return data

    def _read1_unlocked(self, size):
        if self._wbuf:
            self._flush_unlocked()
        if not self._rbuf:
            self._fill()
        if size is None or size < 0:
            size = len(self._rbuf)
        data = self._rbuf[:size]
        self._rbuf = self._rbuf[size:]
        return data

    # Public methods.

    def read(self, size=-1):
        self._check_closed()
        self._check_readable()
        with self._lock:
            return self._read_unlocked(size)

    def read1(self, size=-1):
        self._check_closed()
        self._check_readable()
        with self._lock:
            return self._read1_unlocked(size)

    def peek(self, size=0):
        self._check_closed()
        self._check_readable()
        with self._lock:
            if self._wbuf:
                self._flush_unlocked()
            if not self._rbuf:
                self._fill()
            return self._rbuf

    def readline(self, size=-1):
        self._check_closed()
        self._check_readable()
        if size is None:
            size = -1
        with self._lock:
            if self._wbuf:
                self._flush_unlocked()
            start = 0
            while True:
                i = self._rbuf.find(b"\n", start)
                if i >= 0:
                    end = i + 1
                    break
                if 0 <= size <= len(self._rbuf):
                    end = size
                    break
                start = len(self._rbuf)
                if not self._fill():
                    end = len(self._rbuf)
                    break
            if 0 <= size < end:
                end = size
            line = self._rbuf[:end]
            self._rbuf = self._rbuf[end:]
            return line

    def write(self, b):
        raw = self.raw
        if raw is None or raw.closed:
            raise _closed_error()
        if not self._writable_ok:
            raise _unsupported("not writable")
        if isinstance(b, str):
            raise TypeError("a bytes-like object is required, not 'str'")
        with self._lock:
            if self._rbuf:
                self._drop_rbuf()
            wbuf = self._wbuf
            wbuf += b
            if len(wbuf) >= self.buffer_size:
                self._flush_unlocked()
        return len(b)

    def flush(self):
        self._check_closed()
        with self._lock:
            self._flush_unlocked()

    def seek(self, pos, whence=0):
        self._check_closed()
        if whence not in (0, 1, 2):
            raise ValueError("whence value %r unsupported" % whence)
        with self._lock:
            self._flush_unlocked()
            if whence == SEEK_CUR:
                pos -= len(self._rbuf)
            self._rbuf = b""
            return self.raw.seek(pos, whence)

    def tell(self):
        self._check_closed()
        with self._lock:
            return self.raw.tell() - len(self._rbuf) + len(self._wbuf)

    def truncate(self, size=None):
        self._check_closed()
        self._check_writable()
        with self._lock:
            self._flush_unlocked()
            self._drop_rbuf()
            if size is None:
                size = self.raw.tell()
            return self.raw.truncate(size)

    def close(self):
        if self.raw is None or self.raw.closed:
            return
        try:
            self.flush()
        finally:
            self._finalizer.detach()
            self.raw.close()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass


class BufferedReader(_BufferedBase):
    def writable(self):
        return False


class BufferedWriter(_BufferedBase):
    def readable(self):
        return False


class BufferedRandom(_BufferedBase):
    pass


class BufferedRWPair(BufferedIOBase):
    def __init__(self, reader, writer, buffer_size=DEFAULT_BUFFER_SIZE):
        self.reader = BufferedReader(reader, buffer_size)
        self.writer = BufferedWriter(writer, buffer_size)

    def read(self, size=-1):
        return self.reader.read(size)

    def readline(self, size=-1):
        return self.reader.readline(size)

    def write(self, b):
        return self.writer.write(b)

    def flush(self):
        return self.writer.flush()

    def readable(self):
        return True

    def writable(self):
        return True

    @property
    def closed(self):
        return self.writer.closed

    def close(self):
        try:
            self.writer.close()
        finally:
            self.reader.close()


def _lead_bytes_utf8(buf, start, end):
    """Number of characters whose lead byte is in buf[start:end] (utf-8)."""
    n = 0
    for i in range(start, end):
        if buf[i] & 0xC0 != 0x80:
            n += 1
    return n


class TextIOWrapper(TextIOBase):
    """Text over a buffered binary stream: decoding and newline handling."""

    _CHUNK = 8192

    def __init__(self, buffer, encoding=None, errors=None, newline=None,
                 line_buffering=False, write_through=False):
        if newline is not None and not isinstance(newline, str):
            raise TypeError("TextIOWrapper() argument 'newline' must be str or None, not "
                            + type(newline).__name__)
        if newline not in (None, "", "\n", "\r", "\r\n"):
            raise ValueError("illegal newline value: %r" % (newline,))
        if encoding is None or encoding == "locale":
            encoding = "utf-8"
        self._codec = _norm_encoding(encoding)
        self._encoding = encoding
        if errors is None:
            errors = "strict"
        elif not isinstance(errors, str):
            raise TypeError("TextIOWrapper() argument 'errors' must be str or None, not "
                            + type(errors).__name__)
        self._errors = errors
        self.buffer = buffer
        self._newline = newline
        self._line_buffering = line_buffering
        self._write_through = write_through
        self._universal = newline is None or newline == ""
        self._translate = newline is None
        self._writenl = newline if newline else None
        self._rbuf = b""
        self._seen_nl = 0  # bit 1: '\r', 2: '\n', 4: '\r\n'
        self._lock = _thread.allocate_lock()
        self._readable_ok = buffer.readable()
        self._writable_ok = buffer.writable()

    def _check_readable(self):
        if not self._readable_ok:
            raise _unsupported("not readable")

    def _check_writable(self):
        if not self._writable_ok:
            raise _unsupported("not writable")

    encoding = _passed_on(None, "_encoding")
    errors = _passed_on(None, "_errors")
    line_buffering = _passed_on(None, "_line_buffering")
    write_through = _passed_on(None, "_write_through")

    @property
    def newlines(self):
        kinds = [k for bit, k in ((1, "\r"), (2, "\n"), (4, "\r\n")) if self._seen_nl & bit]
        if not kinds:
            return None
        if len(kinds) == 1:
            return kinds[0]
        return tuple(kinds)

    closed = _passed_on("buffer", "closed")
    name = _passed_on("buffer", "name")

    @property
    def mode(self):
        return self._mode

    _mode = "r"

    def __repr__(self):
        s = "<_io.TextIOWrapper"
        try:
            s += " name=%r" % (self.name,)
        except Exception:
            pass
        if "_mode" in self.__dict__:
            s += " mode=%r" % (self._mode,)
        return s + " encoding=%r>" % (self._encoding,)

    def fileno(self):
        return self.buffer.fileno()

    def isatty(self):
        return self.buffer.isatty()

    def readable(self):
        return self.buffer.readable()

    def writable(self):
        return self.buffer.writable()

    def seekable(self):
        return self.buffer.seekable()

    def detach(self):
        self.flush()
        b = self.buffer
        self.buffer = None
        return b

    def _decode(self, data):
        s = data.decode(self._codec, self._errors)
        if self._universal:
            if "\r" in s:
                crlf = s.count("\r\n")
                cr = s.count("\r") - crlf
                lf = s.count("\n") - crlf
                if crlf:
                    self._seen_nl |= 4
                if cr:
                    self._seen_nl |= 1
                if lf:
                    self._seen_nl |= 2
                if self._translate:
                    s = s.replace("\r\n", "\n").replace("\r", "\n")
            elif "\n" in s:
                self._seen_nl |= 2
        return s

    def _fill(self):
        data = self.buffer.read1(self._CHUNK)
        if not data:
            return False
        self._rbuf += data
        return True

    def _drop_rbuf(self):
        if self._rbuf:
            n = len(self._rbuf)
            self._rbuf = b""
            self.buffer.seek(-n, SEEK_CUR)

    def _line_end(self, start):
        """Index just past the first line ending at or after start, or -1 if more data
        is needed to know."""
        buf = self._rbuf
        if self._universal:
            i = buf.find(b"\n", start)
            j = buf.find(b"\r", start, i if i >= 0 else len(buf))
            if j >= 0:
                if j + 1 < len(buf):
                    return j + 2 if buf[j + 1] == 10 else j + 1
                return -2  # a '\r' at the end: need one more byte
            return i + 1 if i >= 0 else -1
        nl = self._newline.encode("ascii")
        i = buf.find(nl, start)
        return i + len(nl) if i >= 0 else -1

    def readline(self, size=-1):
        buf = self.buffer
        if buf is None or buf.closed:
            raise _closed_error()
        if not self._readable_ok:
            raise _unsupported("not readable")
        if size is None:
            size = -1
        with self._lock:
            if size < 0 and self._newline is None:
                # Fast path: a whole '\n'-terminated line with no '\r' is buffered.
                rb = self._rbuf
                i = rb.find(b"\n")
                if i >= 0 and rb.find(b"\r", 0, i) < 0:
                    self._rbuf = rb[i + 1:]
                    self._seen_nl |= 2
                    return rb[:i + 1].decode(self._codec, self._errors)
            start = 0
            while True:
                end = self._line_end(start)
                if end >= 0:
                    break
                if end == -1:
                    start = len(self._rbuf)
                else:
                    start = len(self._rbuf) - 1
                if 0 <= size and self._nchars(len(self._rbuf)) >= size + 1:
                    end = len(self._rbuf)
                    break
                if not self._fill():
                    end = len(self._rbuf)
                    break
            if size >= 0:
                cut = self._char_index(size, end)
                if cut < end:
                    end = cut
            line = self._rbuf[:end]
            self._rbuf = self._rbuf[end:]
            return self._decode(line)

    def _nchars(self, end):
        if self._codec == "utf-8":
            return _lead_bytes_utf8(self._rbuf, 0, end)
        return end

    def _char_index(self, n, limit):
        """Byte index in the read buffer (at most limit) after n characters, counting a
        translated '\\r\\n' as one."""
        buf = self._rbuf
        utf8 = self._codec == "utf-8"
        count = 0
        i = 0
        while i < limit:
            b = buf[i]
            if utf8 and b & 0xC0 == 0x80:
                i += 1
                continue
            if count == n:
                return i
            count += 1
            if b == 13 and self._translate and i + 1 < limit and buf[i + 1] == 10:
                i += 1
            i += 1
        return limit

    def read(self, size=-1):
        self._check_closed()
        self._check_readable()
        if size is None:
            size = -1
        with self._lock:
            if size < 0:
                data = self._rbuf + self.buffer.read()
                self._rbuf = b""
                return self._decode(data)
            # n characters need at most 4n bytes (and one more to see a '\r\n').
            while len(self._rbuf) < 4 * size + 1:
                if not self._fill():
                    break
            end = self._char_index(size, len(self._rbuf))
            data = self._rbuf[:end]
            self._rbuf = self._rbuf[end:]
            return self._decode(data)

    def write(self, s):
        buf = self.buffer
        if buf is None or buf.closed:
            raise _closed_error()
        if not isinstance(s, str):
            raise TypeError("write() argument must be str, not " + type(s).__name__)
        if not self._writable_ok:
            raise _unsupported("not writable")
        n = len(s)
        nl = self._writenl
        if nl is not None and nl != "\n":
            s = s.replace("\n", nl)
        data = s.encode(self._codec, self._errors)
        if self._rbuf:
            with self._lock:
                self._drop_rbuf()
        buf.write(data)
        if self._write_through or (self._line_buffering and ("\n" in s or "\r" in s)):
            buf.flush()
        return n

    def flush(self):
        self._check_closed()
        self.buffer.flush()

    def seek(self, cookie, whence=0):
        self._check_closed()
        if not self.seekable():
            raise _unsupported("underlying stream is not seekable")
        if whence == SEEK_CUR:
            if cookie != 0:
                raise _unsupported("can't do nonzero cur-relative seeks")
            return self.tell()
        if whence == SEEK_END:
            if cookie != 0:
                raise _unsupported("can't do nonzero end-relative seeks")
            with self._lock:
                self.buffer.flush()
                self._rbuf = b""
                return self.buffer.seek(0, SEEK_END)
        if whence != SEEK_SET:
            raise ValueError("invalid whence (%r, should be 0, 1 or 2)" % (whence,))
        if cookie < 0:
            raise ValueError("negative seek position %r" % (cookie,))
        with self._lock:
            self.buffer.flush()
            self._rbuf = b""
            return self.buffer.seek(cookie, SEEK_SET)

    def tell(self):
        self._check_closed()
        if not self.seekable():
            raise _unsupported("underlying stream is not seekable")
        with self._lock:
            self.buffer.flush()
            return self.buffer.tell() - len(self._rbuf)

    def truncate(self, size=None):
        self._check_closed()
        with self._lock:
            self.buffer.flush()
            self._drop_rbuf()
            return self.buffer.truncate(size)

    def close(self):
        if self.buffer is None or self.buffer.closed:
            return
        try:
            self.flush()
        finally:
            self.buffer.close()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass


def open(file, mode="r", buffering=-1, encoding=None, errors=None, newline=None,
         closefd=True, opener=None):
    if not isinstance(file, (str, bytes, int)):
        file = _posix.fspath(file)
    if not isinstance(buffering, int):
        raise TypeError("'%s' object cannot be interpreted as an integer"
                        % type(buffering).__name__)
    if encoding is not None and not isinstance(encoding, str):
        raise TypeError("open() argument 'encoding' must be str or None, not "
                        + type(encoding).__name__)
    if errors is not None and not isinstance(errors, str):
        raise TypeError("open() argument 'errors' must be str or None, not "
                        + type(errors).__name__)
    creating, reading, writing, appending, updating, binary = _parse_mode(mode)
    if binary:
        for what, given in (("an encoding", encoding), ("an errors", errors),
                            ("a newline", newline)):
            if given is not None:
                raise ValueError("binary mode doesn't take %s argument" % what)
        if buffering == 1:
            buffering = -1      # line buffering means nothing for bytes
    if not binary:
        if encoding is not None:
            _norm_encoding(encoding)
        if newline is not None and newline not in ("", "\n", "\r", "\r\n"):
            raise ValueError("illegal newline value: %s" % (newline,))
    raw_mode = ("x" if creating else "r" if reading else "w" if writing else "a")
    if updating:
        raw_mode += "+"
    raw = FileIO(file, raw_mode, closefd, opener=opener)
    try:
        line_buffering = False
        if buffering == 1 or (buffering < 0 and raw.isatty()):
            buffering = -1
            line_buffering = True
        if buffering < 0:
            buffering = DEFAULT_BUFFER_SIZE
        if buffering == 0:
            if binary:
                return raw
            raise ValueError("can't have unbuffered text I/O")
        if updating:
            buf = BufferedRandom(raw, buffering)
        elif creating or writing or appending:
            buf = BufferedWriter(raw, buffering)
        else:
            buf = BufferedReader(raw, buffering)
        if binary:
            return buf
        text = TextIOWrapper(buf, encoding, errors, newline, line_buffering)
        text._mode = mode
        return text
    except BaseException:
        raw.close()
        raise


def open_code(path):
    return open(path, "rb")


class StringIO(TextIOBase):
    """An in-memory text stream."""

    def __init__(self, initial_value="", newline="\n"):
        if newline is not None and not isinstance(newline, str):
            raise TypeError("newline must be str or None, not " + type(newline).__name__)
        if newline not in (None, "", "\n", "\r", "\r\n"):
            raise ValueError("illegal newline value: %r" % (newline,))
        if initial_value is not None and not isinstance(initial_value, str):
            raise TypeError("initial_value must be str or None, not "
                            + type(initial_value).__name__)
        self._newline = newline
        self._chunks = []
        self._value = ""
        self._len = 0  # len(self._value) + the chunks' lengths
        self._pos = 0
        self._lock = _thread.allocate_lock()
        if initial_value:
            self.write(initial_value)
            self._pos = 0

    def _check_closed(self):
        if self._closed:
            raise ValueError("I/O operation on closed file")

    def _val(self):
        if self._chunks:
            self._value += "".join(self._chunks)
            self._chunks = []
        return self._value

    def readable(self):
        self._check_closed()
        return True

    def writable(self):
        self._check_closed()
        return True

    def seekable(self):
        self._check_closed()
        return True

    def close(self):
        self._closed = True

    def flush(self):
        self._check_closed()

    def getvalue(self):
        self._check_closed()
        with self._lock:
            return self._val()

    @property
    def line_buffering(self):
        return False

    @property
    def newlines(self):
        return None

    def write(self, s):
        self._check_closed()
        if not isinstance(s, str):
            raise TypeError("string argument expected, got '%s'" % type(s).__name__)
        n = len(s)
        if self._newline is None:
            s = s.replace("\r\n", "\n").replace("\r", "\n")
        elif self._newline not in ("", "\n"):
            s = s.replace("\n", self._newline)
        with self._lock:
            if self._pos == self._len:
                self._chunks.append(s)
                self._len += len(s)
            else:
                v = self._val()
                if self._pos > len(v):
                    v += "\0" * (self._pos - len(v))
                v = v[:self._pos] + s + v[self._pos + len(s):]
                self._value = v
                self._len = len(v)
            self._pos += len(s)
        return n

    def read(self, size=-1):
        self._check_closed()
        with self._lock:
            v = self._val()
            if size is None or size < 0:
                end = len(v)
            else:
                end = min(len(v), self._pos + size)
            r = v[self._pos:end]
            self._pos = max(self._pos, end)
            return r

    def _line_end(self, v, start):
        nl = self._newline
        if nl is None or nl == "\n":
            i = v.find("\n", start)
            return i + 1 if i >= 0 else len(v)
        if nl == "":
            i = v.find("\n", start)
            j = v.find("\r", start, i if i >= 0 else len(v))
            if j >= 0:
                return j + 2 if v[j + 1:j + 2] == "\n" else j + 1
            return i + 1 if i >= 0 else len(v)
        i = v.find(nl, start)
        return i + len(nl) if i >= 0 else len(v)

    def readline(self, size=-1):
        self._check_closed()
        if size is None:
            size = -1
        with self._lock:
            v = self._val()
            if self._pos >= len(v):
                return ""
            end = self._line_end(v, self._pos)
            if size >= 0:
                end = min(end, self._pos + size)
            r = v[self._pos:end]
            self._pos = end
            return r

    def seek(self, pos, whence=0):
        self._check_closed()
        with self._lock:
            if whence == 0:
                if pos < 0:
                    raise ValueError("Negative seek position %d" % pos)
                self._pos = pos
            elif whence == 1:
                if pos != 0:
                    raise OSError("Can't do nonzero cur-relative seeks")
            elif whence == 2:
                if pos != 0:
                    raise OSError("Can't do nonzero end-relative seeks")
                self._pos = len(self._val())
            else:
                raise ValueError("Invalid whence (%d, should be 0, 1 or 2)" % whence)
            return self._pos

    def tell(self):
        self._check_closed()
        return self._pos

    def truncate(self, size=None):
        self._check_closed()
        with self._lock:
            if size is None:
                size = self._pos
            if size < 0:
                raise ValueError("Negative size value %d" % size)
            v = self._val()
            if size < len(v):
                self._value = v[:size]
                self._len = size
            return size

    def __getstate__(self):
        return (self.getvalue(), self._newline, self._pos, None)

    def __repr__(self):
        return "<_io.StringIO object at 0x%x>" % id(self)


class BytesIO(BufferedIOBase):
    """An in-memory binary stream."""

    def __init__(self, initial_bytes=b""):
        self._buf = bytearray(initial_bytes) if initial_bytes is not None else bytearray()
        self._pos = 0
        self._lock = _thread.allocate_lock()

    def _check_closed(self):
        if self._closed:
            raise _closed_error()

    def readable(self):
        self._check_closed()
        return True

    def writable(self):
        self._check_closed()
        return True

    def seekable(self):
        self._check_closed()
        return True

    def close(self):
        self._closed = True

    def flush(self):
        self._check_closed()

    def getvalue(self):
        self._check_closed()
        return bytes(self._buf)

    def getbuffer(self):
        self._check_closed()
        return self._buf

    def write(self, b):
        self._check_closed()
        if isinstance(b, str):
            raise TypeError("a bytes-like object is required, not 'str'")
        b = bytes(b)
        n = len(b)
        with self._lock:
            pos = self._pos
            if pos > len(self._buf):
                self._buf += b"\0" * (pos - len(self._buf))
            self._buf[pos:pos + n] = b
            self._pos = pos + n
        return n

    def read(self, size=-1):
        self._check_closed()
        with self._lock:
            if size is None or size < 0:
                end = len(self._buf)
            else:
                end = min(len(self._buf), self._pos + size)
            r = bytes(self._buf[self._pos:end])
            self._pos = max(self._pos, end)
            return r

    def read1(self, size=-1):
        return self.read(size)

    def readall(self):
        return self.read()

    def readinto(self, b):
        data = self.read(len(b))
        b[:len(data)] = data
        return len(data)

    def readline(self, size=-1):
        self._check_closed()
        if size is None:
            size = -1
        with self._lock:
            if self._pos >= len(self._buf):
                return b""
            i = self._buf.find(b"\n", self._pos)
            end = i + 1 if i >= 0 else len(self._buf)
            if size >= 0:
                end = min(end, self._pos + size)
            r = bytes(self._buf[self._pos:end])
            self._pos = end
            return r

    def seek(self, pos, whence=0):
        self._check_closed()
        if not isinstance(pos, int):
            raise TypeError("'%s' object cannot be interpreted as an integer"
                            % type(pos).__name__)
        with self._lock:
            if whence == 0:
                if pos < 0:
                    raise ValueError("negative seek value %d" % pos)
                self._pos = pos
            elif whence == 1:
                self._pos = max(0, self._pos + pos)
            elif whence == 2:
                self._pos = max(0, len(self._buf) + pos)
            else:
                raise ValueError("invalid whence (%d, should be 0, 1 or 2)" % whence)
            return self._pos

    def tell(self):
        self._check_closed()
        return self._pos

    def truncate(self, size=None):
        self._check_closed()
        with self._lock:
            if size is None:
                size = self._pos
            if size < 0:
                raise ValueError("negative size value %d" % size)
            del self._buf[size:]
            return size

    def __repr__(self):
        return "<_io.BytesIO object at 0x%x>" % id(self)


class IncrementalNewlineDecoder:
    def __init__(self, decoder, translate, errors="strict"):
        self.decoder = decoder
        self.translate = translate
        self._pendingcr = False

    def decode(self, input, final=False):
        if self.decoder is not None:
            output = self.decoder.decode(input, final=final)
        else:
            output = input
        if self._pendingcr and (output or final):
            output = "\r" + output
            self._pendingcr = False
        if output.endswith("\r") and not final:
            output = output[:-1]
            self._pendingcr = True
        if self.translate:
            output = output.replace("\r\n", "\n").replace("\r", "\n")
        return output

    def reset(self):
        self._pendingcr = False
