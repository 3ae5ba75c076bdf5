# makedirs / removedirs / renames on a temporary tree.
import os
base = "/tmp/weft_mk_%d" % os.getpid()
os.makedirs(base + "/a/b/c")
print(sorted(os.listdir(base)), os.path.isdir(base + "/a/b/c"))
os.makedirs(base + "/a/b/c", exist_ok=True)
try:
    os.makedirs(base + "/a/b/c")
except FileExistsError as e:
    print("FileExistsError", e.errno)
os.makedirs(base + "/x/./y/")
print(os.path.isdir(base + "/x/y"))
os.renames(base + "/a/b/c", base + "/n/m/c")
print(os.path.isdir(base + "/n/m/c"), os.path.exists(base + "/a"))
os.removedirs(base + "/n/m/c")
print(os.path.exists(base + "/n"), sorted(os.listdir(base)))
os.removedirs(base + "/x/y")
print(os.path.exists(base))
