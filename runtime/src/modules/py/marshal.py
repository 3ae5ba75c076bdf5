"""`marshal` for weft: weft compiles source and keeps no .pyc files, so it has no code
object format to serialise. The module exists so that libraries importing it (importlib's
external loaders) can load; converting values raises ValueError."""

version = 4


def _unsupported(*args, **kwargs):
    raise ValueError("weft has no marshal format")


dump = dumps = load = loads = _unsupported
