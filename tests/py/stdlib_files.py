# pathlib, tempfile, shutil, glob and fnmatch on a scratch folder.
import fnmatch
import glob
import os
import pathlib
import shutil
import tempfile

with tempfile.TemporaryDirectory() as top:
    root = pathlib.Path(top)
    (root / "src" / "pkg").mkdir(parents=True)
    (root / "src" / "a.py").write_text("print('a')\n")
    (root / "src" / "pkg" / "b.py").write_text("x = 1\n")
    (root / "src" / "notes.txt").write_bytes(b"some notes")
    print(sorted(p.relative_to(root).as_posix() for p in root.rglob("*.py")))
    print(sorted(os.path.relpath(p, top) for p in glob.glob(os.path.join(top, "src", "*"))))
    print(sorted(os.path.relpath(p, top) for p in glob.glob(os.path.join(top, "**", "*.py"),
                                                            recursive=True)))
    print((root / "src" / "a.py").read_text(), (root / "src" / "notes.txt").stat().st_size)
    shutil.copytree(root / "src", root / "copy")
    print(sorted(os.listdir(root / "copy")))
    shutil.move(str(root / "copy" / "notes.txt"), str(root / "moved.txt"))
    print((root / "moved.txt").exists(), (root / "copy" / "notes.txt").exists())
    shutil.rmtree(root / "copy")
    print((root / "copy").exists())
    with tempfile.NamedTemporaryFile("w+", dir=top, suffix=".log", delete=False) as f:
        f.write("logged")
        name = f.name
    print(name.endswith(".log"), pathlib.Path(name).read_text())
    fd, path = tempfile.mkstemp(dir=top)
    os.write(fd, b"xyz")
    os.close(fd)
    print(os.path.getsize(path))
    print(shutil.disk_usage(top).total > 0, shutil.which("sh") is not None)

p = pathlib.PurePosixPath("/usr/lib/python3.11/json/__init__.py")
print(p.name, p.stem, p.suffix, p.parent, p.parts[:3], p.with_suffix(".pyc").name)
print(p.match("*.py"), p.is_absolute(), pathlib.PurePosixPath("a/b/../c").as_posix())
names = ["main.py", "Test.PY", "data.csv", "readme", "x1.py", "x22.py"]
print(fnmatch.filter(names, "*.py"), fnmatch.filter(names, "x?.py"))
print(fnmatch.fnmatch("Test.PY", "*.py"), fnmatch.fnmatchcase("Test.PY", "*.py"))
print(fnmatch.translate("[!a-c]*.t?t"))
