"""os.path for weft on POSIX: path strings handled in Python, file queries through the native `posix` module."""

import posix as _posix

__all__ = [
    "normcase", "isabs", "join", "splitdrive", "split", "splitext", "basename",
    "dirname", "commonprefix", "getsize", "getmtime", "getatime", "getctime",
    "islink", "exists", "lexists", "isdir", "isfile", "expanduser", "expandvars",
    "normpath", "abspath", "realpath", "relpath", "commonpath", "samefile", "sep",
    "curdir", "pardir", "extsep", "altsep", "pathsep", "defpath", "devnull",
]

curdir = "."
pardir = ".."
extsep = "."
sep = "/"
pathsep = ":"
defpath = "/bin:/usr/bin"
altsep = None
devnull = "/dev/null"

_S_IFMT = 0o170000
_S_IFDIR = 0o040000
_S_IFREG = 0o100000
_S_IFLNK = 0o120000


def _fspath(p):
    if isinstance(p, (str, bytes)):
        return p
    return _posix.fspath(p)


def _get_sep(p):
    return b"/" if isinstance(p, bytes) else "/"


def normcase(s):
    return _fspath(s)


def isabs(s):
    s = _fspath(s)
    return s.startswith(_get_sep(s))


def _kind(p):
    """The separator and the empty value of p's type (str or bytes)."""
    return (b"/", b"") if isinstance(p, bytes) else ("/", "")


def join(a, *p):
    first = _fspath(a)
    sep, _ = _kind(first)
    parts = [first]
    for piece in map(_fspath, p):
        if type(piece) is not type(first):
            raise TypeError("Can't mix strings and bytes in path components")
        if piece[:1] == sep:
            parts = [piece]  # an absolute piece starts over
        else:
            parts.append(piece)
    out = parts[0]
    for piece in parts[1:]:
        out = out + piece if (out == out[:0] or out[-1:] == sep) else out + sep + piece
    return out


def _head_tail(p):
    """p cut after its last separator: (head with trailing separators dropped unless
    it is nothing but separators, tail)."""
    sep, _ = _kind(p)
    cut = p.rfind(sep) + 1
    head, tail = p[:cut], p[cut:]
    stripped = head.rstrip(sep)
    return (stripped if stripped else head), tail


def split(p):
    return _head_tail(_fspath(p))


def splitext(p):
    p = _fspath(p)
    sep, _ = _kind(p)
    dot = sep[:0] + (b"." if isinstance(p, bytes) else ".")
    name_start = p.rfind(sep) + 1
    name = p[name_start:]
    # Leading dots belong to the name (".bashrc" has no extension).
    body = name.lstrip(dot)
    ext_at = body.rfind(dot)
    if ext_at < 0:
        return p, p[:0]
    cut = name_start + (len(name) - len(body)) + ext_at
    return p[:cut], p[cut:]


def splitdrive(p):
    p = _fspath(p)
    return p[:0], p


def splitroot(p):
    p = _fspath(p)
    sep, empty = _kind(p)
    if p[:1] != sep:
        return empty, empty, p
    # Exactly two leading separators are kept (POSIX leaves their meaning open);
    # one, or three and more, become one.
    if p[:2] == sep * 2 and p[2:3] != sep:
        return empty, p[:2], p[2:]
    return empty, sep, p[1:]


def basename(p):
    p = _fspath(p)
    i = p.rfind(_get_sep(p)) + 1
    return p[i:]


def dirname(p):
    return _head_tail(_fspath(p))[0]


def _stat(path):
    try:
        return _posix.stat(path)
    except (OSError, ValueError):
        return None


def exists(path):
    return _stat(path) is not None


def lexists(path):
    try:
        _posix.lstat(path)
    except (OSError, ValueError):
        return False
    return True


def isdir(s):
    st = _stat(s)
    return st is not None and st[0] & _S_IFMT == _S_IFDIR


def isfile(path):
    st = _stat(path)
    return st is not None and st[0] & _S_IFMT == _S_IFREG


def islink(path):
    try:
        st = _posix.lstat(path)
    except (OSError, ValueError):
        return False
    return st[0] & _S_IFMT == _S_IFLNK


def ismount(path):
    path = _fspath(path)
    return abspath(path) in ("/", b"/")


def getsize(filename):
    return _posix.stat(filename)[6]


def getatime(filename):
    return _posix.stat(filename)[7]


def getmtime(filename):
    return _posix.stat(filename)[8]


def getctime(filename):
    return _posix.stat(filename)[9]


def samefile(f1, f2):
    s1 = _posix.stat(f1)
    s2 = _posix.stat(f2)
    return s1[1] == s2[1] and s1[2] == s2[2]


def commonprefix(m):
    if not m:
        return ""
    first = m[0]
    n = len(first)
    for other in m[1:]:
        n = min(n, len(other))
        k = 0
        while k < n and first[k] == other[k]:
            k += 1
        n = k
    return first[:n]


def normpath(path):
    path = _fspath(path)
    sep, empty = _kind(path)
    dot = b"." if isinstance(path, bytes) else "."
    if path == empty:
        return dot
    _, root, rest = splitroot(path)
    kept = []
    for name in rest.split(sep):
        if name == empty or name == dot:
            continue
        if name == dot + dot:
            if kept and kept[-1] != dot + dot:
                kept.pop()
                continue
            if root:
                continue  # ".." at the root stays at the root
        kept.append(name)
    return (root + sep.join(kept)) or dot


def abspath(path):
    path = _fspath(path)
    if not isabs(path):
        if isinstance(path, bytes):
            cwd = _posix.getcwdb()
        else:
            cwd = _posix.getcwd()
        path = join(cwd, path)
    return normpath(path)


def realpath(filename, *, strict=False):
    return abspath(filename)


def _names(path):
    sep, empty = _kind(path)
    return [n for n in abspath(path).split(sep) if n != empty]


def relpath(path, start=None):
    path = _fspath(path)
    if not path:
        raise ValueError("no path specified")
    dot = b"." if isinstance(path, bytes) else "."
    start = dot if start is None else _fspath(start)
    here, there = _names(start), _names(path)
    shared = 0
    while shared < min(len(here), len(there)) and here[shared] == there[shared]:
        shared += 1
    steps = [dot + dot] * (len(here) - shared) + there[shared:]
    return join(*steps) if steps else dot


def commonpath(paths):
    paths = [_fspath(p) for p in paths]
    if not paths:
        raise ValueError("commonpath() arg is an empty sequence")
    sep, empty = _kind(paths[0])
    dot = b"." if isinstance(paths[0], bytes) else "."
    rooted = {p[:1] == sep for p in paths}
    if len(rooted) > 1:
        raise ValueError("Can't mix absolute and relative paths")
    names = [[n for n in p.split(sep) if n not in (empty, dot)] for p in paths]
    common = names[0]
    for other in names[1:]:
        k = 0
        while k < min(len(common), len(other)) and common[k] == other[k]:
            k += 1
        common = common[:k]
    return (sep if rooted.pop() else empty) + sep.join(common)


def expanduser(path):
    path = _fspath(path)
    sep, _ = _kind(path)
    tilde = b"~" if isinstance(path, bytes) else "~"
    # Only "~" alone or "~/...": other users' homes are not looked up.
    if path[:1] != tilde or path[1:2] not in (sep, path[:0]):
        return path
    home = _posix.environ.get("HOME")
    if home is None:
        return path
    if isinstance(path, bytes):
        home = home.encode()
    return (home.rstrip(sep) + path[1:]) or sep


def expandvars(path):
    path = _fspath(path)
    if isinstance(path, bytes):
        return path
    if "$" not in path:
        return path
    out = []
    i = 0
    n = len(path)
    while i < n:
        c = path[i]
        if c == "$" and i + 1 < n:
            if path[i + 1] == "{":
                j = path.find("}", i + 2)
                if j < 0:
                    out.append(path[i:])
                    break
                name = path[i + 2:j]
                end = j + 1
            else:
                j = i + 1
                while j < n and (path[j].isalnum() or path[j] == "_"):
                    j += 1
                name = path[i + 1:j]
                end = j
            if name and name in _posix.environ:
                out.append(_posix.environ[name])
            else:
                out.append(path[i:end])
            i = end
        else:
            out.append(c)
            i += 1
    return "".join(out)
