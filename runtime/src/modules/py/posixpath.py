"""os.path for POSIX systems (CPython's posixpath, trimmed), for weft."""

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


def join(a, *p):
    a = _fspath(a)
    sep = _get_sep(a)
    path = a
    for b in p:
        b = _fspath(b)
        if type(b) is not type(a):
            raise TypeError("Can't mix strings and bytes in path components")
        if b.startswith(sep):
            path = b
        elif not path or path.endswith(sep):
            path += b
        else:
            path += sep + b
    return path


def split(p):
    p = _fspath(p)
    sep = _get_sep(p)
    i = p.rfind(sep) + 1
    head, tail = p[:i], p[i:]
    if head and head != sep * len(head):
        head = head.rstrip(sep)
    return head, tail


def splitext(p):
    p = _fspath(p)
    if isinstance(p, bytes):
        sep, dot = b"/", b"."
    else:
        sep, dot = "/", "."
    sep_i = p.rfind(sep)
    dot_i = p.rfind(dot)
    if dot_i > sep_i:
        filename_i = sep_i + 1
        while filename_i < dot_i:
            if p[filename_i:filename_i + 1] != dot:
                return p[:dot_i], p[dot_i:]
            filename_i += 1
    return p, p[:0]


def splitdrive(p):
    p = _fspath(p)
    return p[:0], p


def splitroot(p):
    p = _fspath(p)
    sep = _get_sep(p)
    empty = p[:0]
    if p[:1] != sep:
        return empty, empty, p
    elif p[1:2] != sep or p[2:3] == sep:
        return empty, sep, p[1:]
    return empty, p[:2], p[2:]


def basename(p):
    p = _fspath(p)
    i = p.rfind(_get_sep(p)) + 1
    return p[i:]


def dirname(p):
    p = _fspath(p)
    sep = _get_sep(p)
    i = p.rfind(sep) + 1
    head = p[:i]
    if head and head != sep * len(head):
        head = head.rstrip(sep)
    return head


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
    s1 = min(m)
    s2 = max(m)
    for i, c in enumerate(s1):
        if c != s2[i]:
            return s1[:i]
    return s1


def normpath(path):
    path = _fspath(path)
    if isinstance(path, bytes):
        sep, empty, dot, dotdot = b"/", b"", b".", b".."
    else:
        sep, empty, dot, dotdot = "/", "", ".", ".."
    if path == empty:
        return dot
    _, initial_slashes, path = splitroot(path)
    comps = path.split(sep)
    new_comps = []
    for comp in comps:
        if comp in (empty, dot):
            continue
        if (comp != dotdot or (not initial_slashes and not new_comps) or
                (new_comps and new_comps[-1] == dotdot)):
            new_comps.append(comp)
        elif new_comps:
            new_comps.pop()
    path = initial_slashes + sep.join(new_comps)
    return path or dot


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


def relpath(path, start=None):
    path = _fspath(path)
    if not path:
        raise ValueError("no path specified")
    if isinstance(path, bytes):
        curdir_, sep, pardir_ = b".", b"/", b".."
    else:
        curdir_, sep, pardir_ = ".", "/", ".."
    if start is None:
        start = curdir_
    else:
        start = _fspath(start)
    start_list = [x for x in abspath(start).split(sep) if x]
    path_list = [x for x in abspath(path).split(sep) if x]
    i = len(commonprefix([start_list, path_list]))
    rel_list = [pardir_] * (len(start_list) - i) + path_list[i:]
    if not rel_list:
        return curdir_
    return join(*rel_list)


def commonpath(paths):
    if not paths:
        raise ValueError("commonpath() arg is an empty sequence")
    paths = tuple(map(_fspath, paths))
    if isinstance(paths[0], bytes):
        sep, curdir_ = b"/", b"."
    else:
        sep, curdir_ = "/", "."
    split_paths = [path.split(sep) for path in paths]
    try:
        isabs_, = set(p[:1] == sep for p in paths)
    except ValueError:
        raise ValueError("Can't mix absolute and relative paths") from None
    split_paths = [[c for c in s if c and c != curdir_] for s in split_paths]
    s1 = min(split_paths)
    s2 = max(split_paths)
    common = s1
    for i, c in enumerate(s1):
        if c != s2[i]:
            common = s1[:i]
            break
    prefix = sep if isabs_ else sep[:0]
    return prefix + sep.join(common)


def expanduser(path):
    path = _fspath(path)
    tilde = b"~" if isinstance(path, bytes) else "~"
    if not path.startswith(tilde):
        return path
    sep = _get_sep(path)
    i = path.find(sep, 1)
    if i < 0:
        i = len(path)
    if i != 1:
        return path
    home = _posix.environ.get("HOME")
    if home is None:
        return path
    if isinstance(path, bytes):
        home = home.encode()
    home = home.rstrip(sep)
    return (home + path[i:]) or sep


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
