# sys.excepthook is the default hook (sys.__excepthook__) and writes the exception, as
# an uncaught one, to whatever sys.stderr is at the time of the call.
import io
import sys

print(sys.excepthook is sys.__excepthook__)
saved = sys.stderr
sys.stderr = buf = io.StringIO()
try:
    {}["missing key"]
except KeyError as e:
    sys.excepthook(type(e), e, e.__traceback__)
sys.excepthook(None, None, None)
sys.excepthook(ValueError, ValueError("no traceback"), None)
sys.stderr = saved
text = buf.getvalue()
for line in text.splitlines():
    print(line.replace(__file__, "FILE"))
