"""`importlib.machinery` for weft: the file-name suffixes its native importer knows and
a `ModuleSpec` record. weft loads only Python source (no bytecode caches, no
extension modules)."""

import sys as _sys

SOURCE_SUFFIXES = [".py"]
DEBUG_BYTECODE_SUFFIXES = [".pyc"]
OPTIMIZED_BYTECODE_SUFFIXES = [".pyc"]
BYTECODE_SUFFIXES = [".pyc"]
EXTENSION_SUFFIXES = []


def all_suffixes():
    """Every suffix of a file the importer could load as a module."""
    return SOURCE_SUFFIXES + BYTECODE_SUFFIXES + EXTENSION_SUFFIXES


class ModuleSpec:
    """What is known about a module before it is loaded."""

    def __init__(self, name, loader, *, origin=None, loader_state=None, is_package=None):
        # A package's spec lists where its submodules are looked for (filled in later).
        where = [] if is_package else None
        for attr, value in (("name", name), ("origin", origin), ("loader", loader),
                            ("cached", None), ("loader_state", loader_state),
                            ("submodule_search_locations", where),
                            ("_set_fileattr", False)):
            setattr(self, attr, value)

    @property
    def parent(self):
        if self.submodule_search_locations is None:
            return self.name.rpartition(".")[0]
        return self.name

    @property
    def has_location(self):
        return self._set_fileattr

    def __repr__(self):
        parts = ["name=%r" % self.name, "loader=%r" % self.loader]
        if self.origin is not None:
            parts.append("origin=%r" % self.origin)
        if self.submodule_search_locations is not None:
            parts.append("submodule_search_locations=%s" % self.submodule_search_locations)
        return "%s(%s)" % (type(self).__name__, ", ".join(parts))

    def __eq__(self, other):
        if not isinstance(other, ModuleSpec):
            return NotImplemented
        return (self.name, self.loader, self.origin, self.submodule_search_locations,
                self.cached, self.has_location) == (
            other.name, other.loader, other.origin, other.submodule_search_locations,
            other.cached, other.has_location)
