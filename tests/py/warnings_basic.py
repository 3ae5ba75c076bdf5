# warnings: filters and actions, catch_warnings, record, showwarning, formatwarning, deprecated.
import sys
import warnings

def old_api():
    warnings.warn("old_api is deprecated", DeprecationWarning, stacklevel=2)

def noisy(n):
    warnings.warn("noisy %d" % n)

import os

class Out:
    """stderr that shows warnings with the file's base name (paths differ per machine)."""
    def write(self, text):
        head, sep, rest = text.partition(":")
        sys.stdout.write(os.path.basename(head) + sep + rest if sep else text)

sys.stderr = Out()
for i in range(2):
    noisy(1)          # shown once (default action, same line)
old_api()             # DeprecationWarning from __main__: shown
warnings.warn("plain")
warnings.warn(RuntimeWarning("as instance"))
with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    noisy(2)
    noisy(2)
    warnings.warn("bytes!", BytesWarning)
print(len(log), [str(w.message) for w in log], [w.category.__name__ for w in log], log[0].lineno)
with warnings.catch_warnings():
    warnings.simplefilter("error")
    try:
        noisy(3)
    except UserWarning as e:
        print("raised:", e)
with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message="noisy")
    noisy(4)
    warnings.filterwarnings("error", category=RuntimeWarning)
    try:
        warnings.warn("rt", RuntimeWarning)
    except RuntimeWarning as e:
        print("raised:", e)
with warnings.catch_warnings():
    warnings.simplefilter("once")
    for i in range(3):
        warnings.warn("once only")
def show(message, category, filename, lineno, file=None, line=None):
    print("custom:", message, category.__name__, filename.endswith("warn_t.py"), lineno)
warnings.showwarning = show
warnings.warn("via custom")
warnings.showwarning = warnings._showwarning_orig
print(warnings.formatwarning("msg", UserWarning, "f.py", 3, "x = 1"), end="")
try:
    warnings.simplefilter("bogus")
except ValueError as e:
    print(e)
try:
    warnings.warn("x", int)
except TypeError as e:
    print(e)
@warnings.deprecated("use new()")
def legacy():
    return 1
with warnings.catch_warnings(record=True) as log:
    warnings.simplefilter("always")
    legacy()
print(log[0].message, log[0].category.__name__, legacy.__deprecated__)
