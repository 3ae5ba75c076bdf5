# `raise ... from ...` after a failed subscript: both tracebacks, the cause first.
settings = {"colour": "blue"}


def read(name):
    try:
        return settings["options"][name]
    except KeyError as missing:
        raise LookupError(f"no setting {name!r}") from missing


read("size")
