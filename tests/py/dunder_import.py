# The builtin __import__: plain and dotted names, fromlist, relative levels, errors;
# and a submodule that its parent binds itself (os binds os.path).
import sys

m = __import__("os.path")
print(m.__name__, __import__("os.path", fromlist=["join"]).__name__)
print(__import__("os.path", globals(), locals(), ["sep"], 0).sep)
import os.path
print(os.path is sys.modules["os.path"])
try:
    __import__("no_such_module_anywhere")
except ImportError as e:
    print(type(e).__name__, e)
for bad in [lambda: __import__(""), lambda: __import__(5), lambda: __import__("x", level=-1),
            lambda: __import__("x", {"__package__": "", "__name__": "top"}, None, [], 1)]:
    try:
        bad()
    except (ValueError, TypeError, ImportError) as e:
        print(type(e).__name__, e)
print(callable(__import__), __import__.__name__)
