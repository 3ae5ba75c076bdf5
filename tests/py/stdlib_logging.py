# logging: loggers, levels, handlers, formatters, filters.
import io
import logging

stream = io.StringIO()
handler = logging.StreamHandler(stream)
handler.setFormatter(logging.Formatter("%(levelname)s:%(name)s:%(message)s"))
log = logging.getLogger("app")
log.addHandler(handler)
log.setLevel(logging.INFO)
log.debug("hidden")
log.info("started %d workers", 3)
log.warning("disk at %s", "91%")
child = logging.getLogger("app.db")
child.error("connection lost")
print(child.parent is log, child.getEffectiveLevel(), logging.getLevelName(40))


class OnlyOdd(logging.Filter):
    def filter(self, record):
        return record.args and record.args[0] % 2 == 1


handler.addFilter(OnlyOdd())
for i in range(4):
    log.info("item %d", i)
try:
    1 / 0
except ZeroDivisionError:
    log.removeFilter
    handler.filters.clear()
    log.exception("failed")
text = stream.getvalue()
print(text.split("Traceback")[0])
print("ZeroDivisionError: division by zero" in text)
records = []


class Keep(logging.Handler):
    def emit(self, record):
        records.append((record.levelname, record.getMessage(), record.name))


logging.getLogger("other").addHandler(Keep())
logging.getLogger("other").warning("%s and %s", "x", "y")
logging.getLogger("other").info("below the root's WARNING level")
print(records)
adapter = logging.LoggerAdapter(log, {"user": "ann"})
adapter.warning("adapted")
print(stream.getvalue().splitlines()[-1])
print(logging.getLogger() is logging.root, logging.WARNING, logging.getLevelName("INFO"))
