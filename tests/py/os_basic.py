import os, os.path, errno
from os.path import join
print(os.name, os.sep, repr(os.linesep), errno.ENOENT, errno.errorcode[2])
d = join('/tmp', 'weft_t6_%d' % os.getpid())
os.mkdir(d)
for n in ['b.txt', 'a.py', 'c']:
    with open(join(d, n), 'w') as f: f.write(n * 3)
os.mkdir(join(d, 'sub'))
print(sorted(os.listdir(d)))
print(os.path.exists(join(d, 'a.py')), os.path.isfile(join(d, 'sub')), os.path.isdir(join(d, 'sub')), os.path.getsize(join(d, 'b.txt')))
st = os.stat(join(d, 'a.py')); print(st.st_size, st[6], type(st.st_mtime).__name__, oct(st.st_mode & 0o170000))
os.rename(join(d, 'c'), join(d, 'sub', 'c2'))
print([(p.replace(d, 'D'), sorted(ds), sorted(fs)) for p, ds, fs in os.walk(d)])
print(os.path.split('/a/b/c.txt'), os.path.splitext('x/y.tar.gz'), os.path.basename('/a/b'), os.path.dirname('/a/b'))
print(os.path.normpath('/a//b/../c/./d'), os.path.join('a', 'b', '/c', 'd'), os.path.abspath('x') == join(os.getcwd(), 'x'))
print(os.path.splitext('.bashrc'), os.path.normpath(''), os.path.normpath('../a/..'), os.path.isabs('/x'))
print(os.getenv('NO_SUCH_VAR_X'), os.getenv('NO_SUCH_VAR_X', 'dflt'), 'PATH' in os.environ)
os.environ['WEFT_T6'] = 'v'; print(os.environ['WEFT_T6'], os.getenv('WEFT_T6'))
try:
    os.remove(join(d, 'nope'))
except FileNotFoundError as e:
    print(e.errno, e.filename == join(d, 'nope'))
try:
    os.rmdir(d)
except OSError as e:
    print(e.errno == errno.ENOTEMPTY)
os.remove(join(d, 'sub', 'c2')); os.rmdir(join(d, 'sub'))
for n in os.listdir(d): os.remove(join(d, n))
os.rmdir(d); print(os.path.exists(d))
class P:
    def __fspath__(self): return 'pp'
print(os.fspath(P()), os.path.join(P(), 'q'))
# more os.path
p = os.path
for a in ["", "/", "//", "a", "a/", "/a/b/", "a/b.c/d", "../x.y", "a.b.c", "/..."]:
    print(repr(a), p.split(a), p.splitext(a), p.basename(a), p.dirname(a), p.normpath(a) if a else p.normpath("."))
print(p.join("a"), p.join("", "b"), p.join("a/", "b"), p.join(b"a", b"b"))
print(p.commonprefix(["abc", "abd"]), p.relpath("/a/b/c", "/a/x"), p.commonpath(["/a/b/c", "/a/b/d"]))
print(p.expanduser("x~"), p.isabs("a/b"), p.exists("/definitely/not/here"), p.isdir("/"))
print(p.sep, p.curdir, p.pardir, p.extsep, os.curdir, os.pardir, os.pathsep)
try:
    p.getsize("/definitely/not/here")
except FileNotFoundError as e:
    print(e)
try:
    os.listdir("/definitely/not/here")
except FileNotFoundError as e:
    print(e)
try:
    os.mkdir("/definitely/not/here")
except FileNotFoundError as e:
    print(e)
try:
    os.stat("/definitely/not/here")
except OSError as e:
    print(type(e).__name__, e)
print(os.strerror(2), os.strerror(13))
d = join('/tmp', 'weft_t7_%d' % os.getpid())
os.makedirs(join(d, 'x', 'y'))
os.makedirs(join(d, 'x', 'y'), exist_ok=True)
try:
    os.makedirs(join(d, 'x'))
except FileExistsError as e:
    print('FileExistsError', e.errno)
fd = os.open(join(d, 'f'), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
print(os.write(fd, b'abc'), os.lseek(fd, 0, os.SEEK_CUR), os.fstat(fd).st_size)
os.close(fd)
fd = os.open(join(d, 'f'), os.O_RDONLY)
print(os.read(fd, 2), os.read(fd, 10), os.read(fd, 10))
os.close(fd)
try:
    os.read(fd, 1)
except OSError as e:
    print(type(e).__name__, e.errno, e)
print(sorted(e.name for e in os.scandir(d)), [e.is_dir() for e in os.scandir(join(d, 'x'))])
print([(q.replace(d, 'D'), ds, fs) for q, ds, fs in os.walk(d, topdown=False) if 'x' in q])
os.remove(join(d, 'f'))
os.removedirs(join(d, 'x', 'y'))
print(os.path.exists(d))
