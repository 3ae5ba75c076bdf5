"""Template strings (PEP 750): what a t"..." literal evaluates to.

A Template keeps the literal text and the interpolations of a t-string apart, unformatted:
`strings` has one more item than `interpolations` (empty strings where two
interpolations touch or at either end), and each Interpolation keeps the value, the
expression's source text, the conversion ('r', 's', 'a' or None) and the format spec,
none of them applied.
"""

__all__ = ["Interpolation", "Template", "convert"]


def convert(obj, /, conversion):
    """Apply a t-string conversion: None leaves `obj` as it is."""
    if conversion is None:
        return obj
    if conversion == "r":
        return repr(obj)
    if conversion == "s":
        return str(obj)
    if conversion == "a":
        return ascii(obj)
    raise ValueError("Bad conversion specifier %r" % (conversion,))


class Interpolation:
    """One `{...}` of a t-string."""

    __slots__ = ("_fields",)
    __match_args__ = ("value", "expression", "conversion", "format_spec")

    def __new__(cls, value, expression="", conversion=None, format_spec=""):
        if conversion not in (None, "a", "r", "s"):
            raise ValueError("Interpolation() argument 'conversion' must be one of "
                             "'s', 'a' or 'r'")
        if not isinstance(expression, str):
            raise TypeError("Interpolation() argument 'expression' must be str, not %s"
                            % type(expression).__name__)
        if not isinstance(format_spec, str):
            raise TypeError("Interpolation() argument 'format_spec' must be str, not %s"
                            % type(format_spec).__name__)
        self = object.__new__(cls)
        object.__setattr__(self, "_fields", (value, expression, conversion, format_spec))
        return self

    value = property(lambda self: self._fields[0])
    expression = property(lambda self: self._fields[1])
    conversion = property(lambda self: self._fields[2])
    format_spec = property(lambda self: self._fields[3])

    def __setattr__(self, name, value):
        raise AttributeError("readonly attribute")

    def __repr__(self):
        return "Interpolation(%r, %r, %r, %r)" % self._fields

    def __reduce__(self):
        return (type(self), self._fields)


def _concat_error(left, right):
    return TypeError('can only concatenate %s (not "%s") to %s' % (left, right, left))


class Template:
    """The value of a t-string: its literal strings and its interpolations, in order."""

    __slots__ = ("_strings", "_interpolations")

    def __new__(cls, *args, **kwargs):
        if kwargs:
            raise TypeError("Template.__new__ only accepts *args arguments")
        strings = []
        interpolations = []
        after_text = False
        for item in args:
            if isinstance(item, str):
                if after_text:
                    strings[-1] += item
                else:
                    strings.append(item)
                after_text = True
            elif isinstance(item, Interpolation):
                if not after_text:
                    strings.append("")
                interpolations.append(item)
                after_text = False
            else:
                raise TypeError("Template.__new__ *args need to be of type 'str' or "
                                "'Interpolation', got %s" % type(item).__name__)
        if not after_text:
            strings.append("")
        self = object.__new__(cls)
        object.__setattr__(self, "_strings", tuple(strings))
        object.__setattr__(self, "_interpolations", tuple(interpolations))
        return self

    strings = property(lambda self: self._strings)
    interpolations = property(lambda self: self._interpolations)
    values = property(lambda self: tuple(i.value for i in self._interpolations))

    def __setattr__(self, name, value):
        raise AttributeError("readonly attribute")

    def _parts(self):
        """Every string (empty ones too) and interpolation, in order."""
        out = [self._strings[0]]
        for interp, text in zip(self._interpolations, self._strings[1:]):
            out.append(interp)
            out.append(text)
        return out

    def __iter__(self):
        for part in self._parts():
            if part != "":
                yield part

    def __add__(self, other):
        if isinstance(other, Template):
            return Template(*self._parts(), *other._parts())
        raise _concat_error("string.templatelib.Template", type(other).__name__)

    def __radd__(self, other):
        if isinstance(other, str):
            raise _concat_error("str", "string.templatelib.Template")
        return NotImplemented

    def __repr__(self):
        return "Template(strings=%r, interpolations=%r)" % (self._strings,
                                                            self._interpolations)

    def __reduce__(self):
        return (type(self), tuple(self._parts()))


Interpolation.__module__ = Template.__module__ = "string.templatelib"
