"""The `_socket` module for weft: the `socket` type CPython's `socket.py` subclasses,
written in Python over the system calls of the native `_socket_calls`.

A socket owns one descriptor. Its timeout decides how calls wait: None blocks (the
descriptor is blocking), 0 never waits (non-blocking, BlockingIOError when not ready),
a positive number makes the descriptor non-blocking and each call wait with poll() at
most that long before raising TimeoutError('timed out').
"""

import _socket_calls as _calls
from posix import set_blocking as _set_blocking, strerror as _strerror

globals().update(_calls.constants())
CMSG_LEN = _calls.CMSG_LEN
CMSG_SPACE = _calls.CMSG_SPACE

error = OSError
timeout = TimeoutError
has_ipv6 = True
_GLOBAL_DEFAULT_TIMEOUT = object()
_default_timeout = [None]


class herror(OSError):
    __module__ = "socket"


class gaierror(OSError):
    __module__ = "socket"


def _index(value, what):
    try:
        return value.__index__()
    except AttributeError:
        raise TypeError("'%s' object cannot be interpreted as an integer"
                        % type(value).__name__) from None


def _timeout_value(value):
    if value is None:
        return None
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        raise TypeError("Timeout value must be int, float or None") from None
    if seconds != seconds:
        raise ValueError("Invalid value NaN (not a number)")
    if seconds < 0:
        raise ValueError("Timeout value out of range")
    return seconds


class socket:
    """socket(family=AF_INET, type=SOCK_STREAM, proto=0, fileno=None)"""

    __slots__ = ("_fd", "_family", "_type", "_proto", "_timeout")

    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        if fileno is None:
            family = AF_INET if family == -1 else _index(family, "family")
            type = SOCK_STREAM if type == -1 else _index(type, "type")
            proto = 0 if proto == -1 else _index(proto, "proto")
            fd = _calls.socket(family, type, proto)
        else:
            if isinstance(fileno, float):
                raise TypeError("'float' object cannot be interpreted as an integer")
            fd = _index(fileno, "fileno")
            if fd < 0:
                raise ValueError("negative file descriptor")
            real = _calls.info(fd)
            family = real[0] if family == -1 else _index(family, "family")
            type = real[1] if type == -1 else _index(type, "type")
            proto = real[2] if proto == -1 else _index(proto, "proto")
        self._fd = fd
        self._family = family
        self._type = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)
        self._proto = proto
        if type & SOCK_NONBLOCK:
            self._timeout = 0.0
        else:
            self._timeout = None
            default = _default_timeout[0]
            if default is not None:
                self.settimeout(default)

    family = property(lambda self: self._family, doc="the socket family")
    type = property(lambda self: self._type, doc="the socket type")
    proto = property(lambda self: self._proto, doc="the socket protocol")
    timeout = property(lambda self: self._timeout, doc="the timeout in seconds, or None")

    def __repr__(self):
        return "<socket object, fd=%d, family=%d, type=%d, proto=%d>" % (
            self._fd, self._family, self._type, self._proto)

    def __getstate__(self):
        raise TypeError("cannot pickle '%s' object" % type(self).__name__)

    def _check(self):
        if self._fd < 0:
            raise OSError(9, _strerror(9))
        return self._fd

    def fileno(self):
        return self._fd

    def close(self):
        fd, self._fd = self._fd, -1
        if fd >= 0:
            _calls.close(fd)

    def detach(self):
        fd, self._fd = self._fd, -1
        return fd

    # -- timeouts and blocking
    def settimeout(self, value):
        value = _timeout_value(value)
        self._timeout = value
        if self._fd >= 0:
            _set_blocking(self._fd, value is None)

    def gettimeout(self):
        return self._timeout

    def setblocking(self, flag):
        self.settimeout(None if flag else 0.0)

    def getblocking(self):
        return self._timeout != 0.0

    # -- connections
    def bind(self, address):
        _calls.bind(self._check(), self._family, address)

    def listen(self, backlog=min(SOMAXCONN, 128)):
        _calls.listen(self._check(), max(backlog, 0))

    def _accept(self):
        return _calls.accept(self._check(), self._timeout)

    def connect_ex(self, address):
        err = _calls.connect(self._check(), self._family, address, self._timeout)
        if err == -1:
            raise TimeoutError("timed out")
        return err

    def connect(self, address):
        err = self.connect_ex(address)
        if err:
            raise OSError(err, _strerror(err))

    def shutdown(self, how):
        _calls.shutdown(self._check(), how)

    def getsockname(self):
        return _calls.getsockname(self._check())

    def getpeername(self):
        return _calls.getpeername(self._check())

    # -- data
    def recv(self, bufsize, flags=0):
        return _calls.recv(self._check(), bufsize, flags, self._timeout)

    def recvfrom(self, bufsize, flags=0):
        return _calls.recvfrom(self._check(), bufsize, flags, self._timeout)

    def recv_into(self, buffer, nbytes=0, flags=0):
        view = memoryview(buffer).cast("B")
        if nbytes < 0:
            raise ValueError("negative buffersize in recv_into")
        if nbytes == 0:
            nbytes = len(view)
        elif nbytes > len(view):
            raise ValueError("buffer too small for requested bytes")
        data = _calls.recv(self._check(), nbytes, flags, self._timeout)
        view[:len(data)] = data
        return len(data)

    def recvfrom_into(self, buffer, nbytes=0, flags=0):
        view = memoryview(buffer).cast("B")
        if nbytes == 0:
            nbytes = len(view)
        elif nbytes > len(view):
            raise ValueError("nbytes is greater than the length of the buffer")
        data, address = _calls.recvfrom(self._check(), nbytes, flags, self._timeout)
        view[:len(data)] = data
        return len(data), address

    def send(self, data, flags=0):
        return _calls.send(self._check(), data, flags, self._timeout)

    def sendall(self, data, flags=0):
        view = memoryview(data).cast("B")
        sent, total = 0, len(view)
        while sent < total:
            sent += _calls.send(self._check(), view[sent:], flags, self._timeout)

    def sendto(self, data, flags_or_address, address=None):
        if address is None:
            flags, address = 0, flags_or_address
        else:
            flags = flags_or_address
        return _calls.sendto(self._check(), data, flags, self._family, address,
                             self._timeout)

    def sendmsg(self, buffers, ancdata=(), flags=0, address=None, /):
        return _calls.sendmsg(self._check(), list(buffers), list(ancdata), flags,
                              self._family, address, self._timeout)

    def recvmsg(self, bufsize, ancbufsize=0, flags=0, /):
        return _calls.recvmsg(self._check(), bufsize, ancbufsize, flags, self._timeout)

    def recvmsg_into(self, buffers, ancbufsize=0, flags=0, /):
        views = [memoryview(b).cast("B") for b in buffers]
        total = sum(len(v) for v in views)
        data, ancdata, msg_flags, address = _calls.recvmsg(
            self._check(), total, ancbufsize, flags, self._timeout)
        at = 0
        for view in views:
            if at >= len(data):
                break
            part = data[at:at + len(view)]
            view[:len(part)] = part
            at += len(part)
        return len(data), ancdata, msg_flags, address

    # -- options
    def setsockopt(self, level, option, value, optlen=None):
        if value is None:
            value = bytes(optlen or 0)
        _calls.setsockopt(self._check(), level, option, value)

    def getsockopt(self, level, option, buflen=0):
        return _calls.getsockopt(self._check(), level, option, buflen)


SocketType = socket


def socketpair(family=AF_UNIX, type=SOCK_STREAM, proto=0):
    a, b = _calls.socketpair(family, type, proto)
    return socket(family, type, proto, a), socket(family, type, proto, b)


def close(fd):
    _calls.close(_index(fd, "fd"))


def dup(fd):
    from posix import dup as _dup
    return _dup(fd)


def getdefaulttimeout():
    return _default_timeout[0]


def setdefaulttimeout(value):
    _default_timeout[0] = _timeout_value(value)


def getaddrinfo(host, port, family=0, type=0, proto=0, flags=0):
    if isinstance(host, str):
        try:
            host = host.encode("ascii" if host.isascii() else "idna")
        except (UnicodeError, LookupError):
            raise gaierror(EAI_NONAME, "Name or service not known") from None
    return _calls.getaddrinfo(host, port, family, type, proto, flags)


def getnameinfo(sockaddr, flags):
    if not isinstance(sockaddr, tuple) or len(sockaddr) < 2:
        raise TypeError("getnameinfo() argument 1 must be a tuple")
    family = AF_INET6 if ":" in str(sockaddr[0]) else AF_INET
    return _calls.getnameinfo(family, sockaddr, flags)


def gethostname():
    return _calls.gethostname()


def gethostbyname(hostname):
    return getaddrinfo(hostname, None, AF_INET)[0][4][0]


def gethostbyname_ex(hostname):
    found = getaddrinfo(hostname, None, AF_INET, 0, 0, AI_CANONNAME)
    addresses = []
    for entry in found:
        if entry[4][0] not in addresses:
            addresses.append(entry[4][0])
    return (found[0][3] or hostname, [], addresses)


def gethostbyaddr(address):
    family = AF_INET6 if ":" in address else AF_INET
    name = _calls.getnameinfo(family, (address, 0), NI_NAMEREQD)[0]
    return (name, [], [address])


def inet_pton(family, text):
    return _calls.inet_pton(family, text)


def inet_ntop(family, packed):
    return _calls.inet_ntop(family, packed)


def inet_aton(text):
    try:
        return _calls.inet_pton(AF_INET, text)
    except OSError:
        raise OSError("illegal IP address string passed to inet_aton") from None


def inet_ntoa(packed):
    if len(packed) != 4:
        raise OSError("packed IP wrong length for inet_ntoa")
    return _calls.inet_ntop(AF_INET, packed)


def htons(x):
    if not 0 <= x <= 0xFFFF:
        raise OverflowError("htons: Python int too large to convert to C 16-bit unsigned integer")
    return ((x & 0xFF) << 8) | (x >> 8)


ntohs = htons


def htonl(x):
    if not 0 <= x <= 0xFFFFFFFF:
        raise OverflowError("int larger than 32 bits")
    return int.from_bytes(x.to_bytes(4, "big"), "little")


ntohl = htonl


def getservbyname(name, proto=None):
    kind = SOCK_DGRAM if proto == "udp" else SOCK_STREAM
    try:
        return getaddrinfo(None, name, AF_INET, kind)[0][4][1]
    except gaierror:
        raise OSError("service/proto not found") from None


def if_nameindex():
    return []
