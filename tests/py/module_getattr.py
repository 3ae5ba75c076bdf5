# PEP 562: a module-level __getattr__ is asked for names the module lacks, by
# attribute access, getattr/hasattr and from-imports; its AttributeError shows
# as such, and as ImportError in a from-import.
import mod_lazy_attrs as m

print(m.present, m.computed_value, getattr(m, "computed_x"))
print(hasattr(m, "computed_y"), hasattr(m, "other"))
from mod_lazy_attrs import computed_zed
print(computed_zed)
try:
    m.missing
except AttributeError as e:
    print("AttributeError", e)
try:
    from mod_lazy_attrs import absent
except ImportError as e:
    print("ImportError", str(e).split(" (")[0])
print(getattr(m, "nothing", "default"))
print([n for n in m.asked if not n.startswith("__")])
