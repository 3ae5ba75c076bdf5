"""The os module (POSIX), written for weft on top of the native `posix` module."""

import abc as _abc
import sys
import posix as _posix
import posixpath as path
from posix import (
    open, read, write, close, lseek, isatty, ftruncate, fsync, dup, getcwd, getcwdb,
    chdir, listdir, remove, unlink, rename, replace, rmdir, access, getpid, strerror,
    getppid, getuid, geteuid, getgid, getegid,
    urandom, fspath,
    O_RDONLY, O_WRONLY, O_RDWR, O_APPEND, O_CREAT, O_EXCL, O_TRUNC, O_NONBLOCK,
    O_CLOEXEC, O_DIRECTORY, O_NOFOLLOW, O_SYNC, O_NOCTTY, SEEK_SET, SEEK_CUR, SEEK_END,
    F_OK, R_OK, W_OK, X_OK,
)
from posix import (
    pipe, pipe2, dup2, get_inheritable, set_inheritable, get_blocking, set_blocking,
    waitpid, kill, killpg, getpgid, getpgrp, getsid, setsid, umask,
    waitstatus_to_exitcode, WIFEXITED, WEXITSTATUS, WIFSIGNALED, WTERMSIG, WIFSTOPPED,
    WSTOPSIG, WNOHANG, WUNTRACED, WCONTINUED,
)

sys.modules["os.path"] = path

name = "posix"
sep = "/"
altsep = None
extsep = "."
pathsep = ":"
linesep = "\n"
curdir = "."
pardir = ".."
defpath = "/bin:/usr/bin"
devnull = "/dev/null"

error = OSError


class PathLike(_abc.ABC):
    """Abstract base class for objects with `__fspath__` (an ABC: classes may also
    `register` with it)."""

    @_abc.abstractmethod
    def __fspath__(self):
        raise NotImplementedError

    @classmethod
    def __subclasshook__(cls, subclass):
        if cls is PathLike:
            return hasattr(subclass, "__fspath__")
        return NotImplemented

    def __class_getitem__(cls, item):
        from types import GenericAlias
        return GenericAlias(cls, item)


class statvfs_result(tuple):
    """The result of statvfs(): ten named fields (and f_fsid by name only)."""

    n_sequence_fields = 10
    n_fields = 11

    def __new__(cls, values):
        self = tuple.__new__(cls, tuple(values)[:10])
        self._fsid = tuple(values)[10] if len(values) > 10 else 0
        return self

    f_bsize = property(lambda self: self[0])
    f_frsize = property(lambda self: self[1])
    f_blocks = property(lambda self: self[2])
    f_bfree = property(lambda self: self[3])
    f_bavail = property(lambda self: self[4])
    f_files = property(lambda self: self[5])
    f_ffree = property(lambda self: self[6])
    f_favail = property(lambda self: self[7])
    f_flag = property(lambda self: self[8])
    f_namemax = property(lambda self: self[9])
    f_fsid = property(lambda self: self._fsid)

    def __repr__(self):
        names = ("f_bsize", "f_frsize", "f_blocks", "f_bfree", "f_bavail", "f_files",
                 "f_ffree", "f_favail", "f_flag", "f_namemax")
        return "os.statvfs_result(%s)" % ", ".join(
            "%s=%r" % pair for pair in zip(names, self))


def statvfs(path):
    return statvfs_result(_posix.statvfs(path))


def fstatvfs(fd):
    return statvfs_result(_posix.statvfs(fd))


class stat_result(tuple):
    """The result of stat(): a 10-tuple with named fields (times as floats)."""

    n_sequence_fields = 10
    n_fields = 10

    st_mode = property(lambda self: self[0])
    st_ino = property(lambda self: self[1])
    st_dev = property(lambda self: self[2])
    st_nlink = property(lambda self: self[3])
    st_uid = property(lambda self: self[4])
    st_gid = property(lambda self: self[5])
    st_size = property(lambda self: self[6])
    st_atime = property(lambda self: self[7])
    st_mtime = property(lambda self: self[8])
    st_ctime = property(lambda self: self[9])
    st_atime_ns = property(lambda self: int(self[7] * 1e9))
    st_mtime_ns = property(lambda self: int(self[8] * 1e9))
    st_ctime_ns = property(lambda self: int(self[9] * 1e9))

    def __repr__(self):
        names = ("st_mode", "st_ino", "st_dev", "st_nlink", "st_uid", "st_gid",
                 "st_size", "st_atime", "st_mtime", "st_ctime")
        parts = []
        for i, n in enumerate(names):
            v = self[i]
            parts.append("%s=%r" % (n, int(v) if i >= 7 else v))
        return "os.stat_result(" + ", ".join(parts) + ")"


class uname_result(tuple):
    """The result of uname(): (sysname, nodename, release, version, machine)."""

    n_sequence_fields = 5
    n_fields = 5
    sysname = property(lambda self: self[0])
    nodename = property(lambda self: self[1])
    release = property(lambda self: self[2])
    version = property(lambda self: self[3])
    machine = property(lambda self: self[4])

    def __repr__(self):
        names = ("sysname", "nodename", "release", "version", "machine")
        return "posix.uname_result(" + ", ".join(
            "%s=%r" % (n, self[i]) for i, n in enumerate(names)) + ")"

    __str__ = __repr__


def uname():
    return uname_result(_posix.uname())


def stat(path, *, dir_fd=None, follow_symlinks=True):
    if follow_symlinks:
        return stat_result(_posix.stat(path))
    return stat_result(_posix.lstat(path))


def lstat(path, *, dir_fd=None):
    return stat_result(_posix.lstat(path))


def fstat(fd):
    return stat_result(_posix.fstat(fd))


def mkdir(path, mode=0o777, *, dir_fd=None):
    _posix.mkdir(path, mode)


def _parents(name):
    """The directories above `name`, nearest first, as far as the path spells them
    ("a/b/c" -> "a/b", "a"; a trailing separator does not count as a level)."""
    out = []
    head = path.dirname(name.rstrip(sep) or name)
    while head and head not in out and path.basename(head.rstrip(sep)):
        out.append(head)
        head = path.dirname(head.rstrip(sep))
    return out


def makedirs(name, mode=0o777, exist_ok=False):
    # Create the missing ancestors top-down (with the default mode, as CPython does),
    # then `name` itself with `mode`.
    name = fspath(name)
    text = fsdecode(name) if isinstance(name, bytes) else name
    missing = [d for d in _parents(text) if not path.exists(d)]
    for d in reversed(missing):
        if path.basename(d.rstrip(sep)) == curdir:
            continue
        try:
            mkdir(d)
        except FileExistsError:
            pass
    try:
        mkdir(name, mode)
    except OSError:
        if exist_ok and path.isdir(name):
            return
        raise


def removedirs(name):
    rmdir(name)
    for d in _parents(name):
        try:
            rmdir(d)
        except OSError:
            return


def renames(old, new):
    target_dir = path.dirname(new)
    if target_dir and path.basename(new) and not path.exists(target_dir):
        makedirs(target_dir)
    rename(old, new)
    source_dir = path.dirname(old)
    if source_dir and path.basename(old):
        try:
            removedirs(source_dir)
        except OSError:
            pass


class _Environ(dict):
    """os.environ: a dict whose changes reach the process environment."""

    def __setitem__(self, key, value):
        if not isinstance(key, str):
            raise TypeError("str expected, not " + type(key).__name__)
        if not isinstance(value, str):
            raise TypeError("str expected, not " + type(value).__name__)
        _posix.putenv(key, value)
        dict.__setitem__(self, key, value)

    def __delitem__(self, key):
        dict.__delitem__(self, key)
        _posix.unsetenv(key)

    def pop(self, key, *default):
        if key in self:
            v = self[key]
            del self[key]
            return v
        if default:
            return default[0]
        raise KeyError(key)

    def setdefault(self, key, value):
        if key not in self:
            self[key] = value
        return self[key]

    def update(self, *args, **kw):
        for k, v in dict(*args, **kw).items():
            self[k] = v

    def clear(self):
        for k in list(self):
            del self[k]

    def copy(self):
        return dict(self)

    def __repr__(self):
        return "environ(" + dict.__repr__(self) + ")"


environ = _Environ(_posix.environ)


def getenv(key, default=None):
    return environ.get(key, default)


def putenv(key, value):
    _posix.putenv(key, value)


def unsetenv(key):
    _posix.unsetenv(key)


def fsencode(filename):
    filename = fspath(filename)
    if isinstance(filename, str):
        return filename.encode("utf-8", "surrogateescape")
    return filename


def fsdecode(filename):
    filename = fspath(filename)
    if isinstance(filename, bytes):
        return filename.decode("utf-8", "surrogateescape")
    return filename


def get_exec_path(env=None):
    if env is None:
        env = environ
    return env.get("PATH", defpath).split(pathsep)


class DirEntry:
    def __init__(self, dirpath, name):
        self.name = name
        self.path = path.join(dirpath, name)

    def is_dir(self, *, follow_symlinks=True):
        if follow_symlinks:
            return path.isdir(self.path)
        return path.isdir(self.path) and not path.islink(self.path)

    def is_file(self, *, follow_symlinks=True):
        if follow_symlinks:
            return path.isfile(self.path)
        return path.isfile(self.path) and not path.islink(self.path)

    def is_symlink(self):
        return path.islink(self.path)

    def stat(self, *, follow_symlinks=True):
        return stat(self.path, follow_symlinks=follow_symlinks)

    def inode(self):
        return lstat(self.path).st_ino

    def __fspath__(self):
        return self.path

    def __repr__(self):
        return "<DirEntry %r>" % (self.name,)


class _ScandirIterator:
    def __init__(self, p):
        self._entries = [DirEntry(p, n) for n in listdir(p)]
        self._i = 0

    def __iter__(self):
        return self

    def __next__(self):
        if self._i >= len(self._entries):
            raise StopIteration
        e = self._entries[self._i]
        self._i += 1
        return e

    def close(self):
        self._i = len(self._entries)

    def __enter__(self):
        return self

    def __exit__(self, *a):
        self.close()


def scandir(p="."):
    return _ScandirIterator(fspath(p))


def walk(top, topdown=True, onerror=None, followlinks=False):
    top = fspath(top)
    try:
        names = listdir(top)
    except OSError as err:
        if onerror is not None:
            onerror(err)
        return
    dirs = []
    nondirs = []
    for n in names:
        if path.isdir(path.join(top, n)):
            dirs.append(n)
        else:
            nondirs.append(n)
    if topdown:
        yield top, dirs, nondirs
        for d in dirs:
            new = path.join(top, d)
            if followlinks or not path.islink(new):
                yield from walk(new, topdown, onerror, followlinks)
    else:
        for d in dirs:
            new = path.join(top, d)
            if followlinks or not path.islink(new):
                yield from walk(new, topdown, onerror, followlinks)
        yield top, dirs, nondirs


def fdopen(fd, *args, **kwargs):
    """A file object on the open descriptor `fd` (`open`'s other arguments)."""
    import io

    return io.open(fd, *args, **kwargs)


def cpu_count():
    return None


# Which functions take the optional dir_fd / fd / follow_symlinks arguments for real
# (shutil and tempfile choose their strategies from these).
supports_dir_fd = set()
supports_fd = set()
supports_effective_ids = set()
supports_follow_symlinks = {stat}


class terminal_size(tuple):
    """(columns, lines) of a terminal window."""

    __slots__ = ()
    n_fields = n_sequence_fields = 2
    n_unnamed_fields = 0

    def __new__(cls, sequence, dict=None):
        items = tuple(sequence)
        if len(items) != 2:
            raise TypeError("os.terminal_size() takes a 2-sequence (%d-sequence given)"
                            % len(items))
        return tuple.__new__(cls, items)

    columns = property(lambda self: self[0], doc="width of the terminal window in characters")
    lines = property(lambda self: self[1], doc="height of the terminal window in characters")

    def __repr__(self):
        return "os.terminal_size(columns=%r, lines=%r)" % (self[0], self[1])

    def __reduce__(self):
        return terminal_size, (tuple(self),)


def get_terminal_size(fd=1, /):
    # weft has no ioctl yet: every descriptor answers as a non-terminal does, so
    # callers (shutil.get_terminal_size) take $COLUMNS/$LINES or their fallback.
    raise OSError(25, "Inappropriate ioctl for device")


def _get_exports_list(module):
    """A module's public names: its __all__, else the names not starting with '_'."""
    names = getattr(module, "__all__", None)
    if names is None:
        names = [n for n in dir(module) if not n.startswith("_")]
    return list(names)
