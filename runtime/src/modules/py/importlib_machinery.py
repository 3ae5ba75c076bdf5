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


class SourceFileLoader:
    """Loads a module from a Python source file (weft's importer does the same natively;
    this object answers the questions tools ask a loader)."""

    def __init__(self, fullname, path):
        self.name, self.path = fullname, path

    def get_filename(self, fullname=None):
        return self.path

    def get_data(self, path):
        with open(path, "rb") as f:
            return f.read()

    def get_source(self, fullname=None):
        return self.get_data(self.path).decode("utf-8")

    def is_package(self, fullname=None):
        return self.path.rpartition("/")[2] == "__init__.py"

    def create_module(self, spec):
        return None

    def exec_module(self, module):
        code = compile(self.get_source(), self.path, "exec")
        exec(code, module.__dict__)


SourcelessFileLoader = ExtensionFileLoader = SourceFileLoader


class BuiltinImporter:
    """Finds the modules weft writes in Rust."""

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        import _imp
        if path is not None or not _imp.is_builtin(fullname):
            return None
        return ModuleSpec(fullname, cls, origin="built-in")


class FrozenImporter:
    """Finds the Python modules frozen into weft."""

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        import _imp
        if not _imp.is_frozen(fullname):
            return None
        return ModuleSpec(fullname, cls, origin="frozen")


class FileFinder:
    """Finds source modules and packages in one folder."""

    def __init__(self, path, *loader_details):
        self.path = path or "."
        self._loader_details = loader_details

    def invalidate_caches(self):
        pass

    def find_spec(self, fullname, target=None):
        from os import path as _path
        leaf = fullname.rpartition(".")[2]
        package = _path.join(self.path, leaf, "__init__.py")
        if _path.isfile(package):
            spec = ModuleSpec(fullname, SourceFileLoader(fullname, package),
                              origin=package, is_package=True)
            spec.submodule_search_locations.append(_path.join(self.path, leaf))
            spec._set_fileattr = True
            return spec
        module = _path.join(self.path, leaf + ".py")
        if _path.isfile(module):
            spec = ModuleSpec(fullname, SourceFileLoader(fullname, module), origin=module)
            spec._set_fileattr = True
            return spec
        return None

    @classmethod
    def path_hook(cls, *loader_details):
        return lambda path: cls(path, *loader_details)

    def __repr__(self):
        return "FileFinder(%r)" % self.path


class PathFinder:
    """Finds modules along sys.path (or a package's __path__)."""

    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        for entry in (_sys.path if path is None else path):
            spec = FileFinder(entry).find_spec(fullname)
            if spec is not None:
                return spec
        return None

    @classmethod
    def invalidate_caches(cls):
        pass
