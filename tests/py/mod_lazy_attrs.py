# Helper for module_getattr.py: a module answering some missing names itself.
present = "here"
asked = []


def __getattr__(name):
    asked.append(name)
    if name.startswith("computed_"):
        return name[len("computed_"):].upper()
    raise AttributeError(f"no lazy attribute {name!r}")
