# os.path string functions on edge cases.
from os import path as P
cases = ["", "/", "//", "///", "a", "/a", "a/", "a//b", "/a/b/", "//a", "///a/../b", "a/./b/..", "../..", "/..", "a/../..", ".bashrc", "a/.b.c", "a.b.c", "x/y.", "..", "./.", "/a/b/../../..", "foo/bar.tar.gz", "a/..b", "...", "a/...x"]
for c in cases:
    print(repr(c), P.split(c), P.splitext(c), P.dirname(c), P.basename(c), P.normpath(c), P.isabs(c))
print(P.join("a", "b"), P.join("a/", "b"), P.join("a", "/b", "c"), P.join("", "x"), P.join("a", ""), P.join(b"a", b"b"))
print(P.relpath("/a/b/c", "/a/x"), P.relpath("/a", "/a"), P.relpath("/", "/a/b"))
print(P.commonpath(["/a/b/c", "/a/b/d", "/a/bc"]), P.commonpath(["a/./b", "a/b/c"]), P.commonpath(["/x"]))
print(P.commonprefix(["abc", "abd", "ab"]), P.commonprefix([]), P.commonprefix(["x"]))
for bad in ([], ["/a", "b"]):
    try:
        P.commonpath(bad)
    except ValueError as e:
        print("ValueError", e)
print(P.normpath(b"/a/../b//c"), P.splitext(b"a.b"))
