"""The `_csv` module for weft, in Python: dialects, the record parser behind
`csv.reader` and the record formatter behind `csv.writer`, with CPython's rules for
quoting and escaping and its error messages."""

__version__ = "1.0"

QUOTE_MINIMAL, QUOTE_ALL, QUOTE_NONNUMERIC, QUOTE_NONE = range(4)

_registry = {}
_limit = [128 * 1024]


class Error(Exception):
    __module__ = "_csv"


def _one_char(name, value, allow_none):
    if value is None and allow_none:
        return None
    if not isinstance(value, str):
        kind = "string or None" if allow_none else "string"
        raise TypeError('"%s" must be %s, not %s' % (name, kind, type(value).__name__))
    if len(value) != 1:
        raise TypeError('"%s" must be a 1-character string' % name)
    return value


_FIELDS = ("delimiter", "doublequote", "escapechar", "lineterminator", "quotechar",
           "quoting", "skipinitialspace", "strict")


class Dialect:
    """A CSV dialect: how fields are separated, quoted and escaped."""

    __slots__ = tuple("_" + f for f in _FIELDS)

    def __init__(self, dialect=None, **kwargs):
        unknown = set(kwargs) - set(_FIELDS)
        if unknown:
            raise TypeError("'%s' is an invalid keyword argument for Dialect()"
                            % sorted(unknown)[0])
        if isinstance(dialect, str):
            dialect = get_dialect(dialect)

        def given(name):
            return name in kwargs or (dialect is not None and hasattr(dialect, name))

        def pick(name, default):
            if name in kwargs:
                return kwargs[name]
            if dialect is not None and hasattr(dialect, name):
                return getattr(dialect, name)
            return default

        quoting = pick("quoting", QUOTE_MINIMAL)
        quotechar = pick("quotechar", '"')
        if quotechar is None and not given("quoting"):
            # no quote character and no quoting asked for in this call: none
            quoting = QUOTE_NONE
        if type(quoting) is not int:
            raise TypeError('"quoting" must be an integer')
        if quoting not in (QUOTE_MINIMAL, QUOTE_ALL, QUOTE_NONNUMERIC, QUOTE_NONE):
            raise TypeError("bad \"quoting\" value")
        if quotechar is None:
            if quoting != QUOTE_NONE:
                raise TypeError("quotechar must be set if quoting enabled")
        else:
            quotechar = _one_char("quotechar", quotechar, True)
        lineterminator = pick("lineterminator", "\r\n")
        if not isinstance(lineterminator, str):
            raise TypeError('"lineterminator" must be a string')
        values = {
            "delimiter": _one_char("delimiter", pick("delimiter", ","), False),
            "doublequote": bool(pick("doublequote", True)),
            "escapechar": _one_char("escapechar", pick("escapechar", None), True),
            "lineterminator": lineterminator,
            "quotechar": quotechar,
            "quoting": quoting,
            "skipinitialspace": bool(pick("skipinitialspace", False)),
            "strict": bool(pick("strict", False)),
        }
        for name, value in values.items():
            object.__setattr__(self, "_" + name, value)

    def __setattr__(self, name, value):
        raise AttributeError("attribute '%s' of '_csv.Dialect' objects is not writable"
                             % name)

    def __reduce_ex__(self, protocol):
        raise TypeError("cannot pickle '_csv.Dialect' object")

    __reduce__ = __reduce_ex__


for _name in _FIELDS:
    setattr(Dialect, _name, property(lambda self, _n="_" + _name: getattr(self, _n)))
del _name


def _dialect_of(dialect, kwargs):
    if isinstance(dialect, Dialect) and not kwargs:
        return dialect
    return Dialect(dialect, **kwargs)


def register_dialect(name, dialect=None, **kwargs):
    if not isinstance(name, str):
        raise TypeError("dialect name must be a string")
    _registry[name] = _dialect_of(dialect, kwargs)


def unregister_dialect(name):
    if name not in _registry:
        raise Error("unknown dialect")
    del _registry[name]


def get_dialect(name):
    try:
        return _registry[name]
    except (KeyError, TypeError):
        raise Error("unknown dialect") from None


def list_dialects():
    return list(_registry)


def field_size_limit(*args):
    if len(args) > 1:
        raise TypeError("field_size_limit expected at most 1 argument, got %d" % len(args))
    old = _limit[0]
    if args:
        if type(args[0]) is not int:
            raise TypeError('"limit" must be an integer')
        _limit[0] = args[0]
    return old


class Reader:
    """Iterates over the records of an iterable of lines."""

    def __init__(self, lines, dialect):
        self._lines = iter(lines)
        self.dialect = dialect
        self.line_num = 0

    def __iter__(self):
        return self

    def __next__(self):
        d = self.dialect
        delim, quote, esc = d.delimiter, d.quotechar, d.escapechar
        record, field = [], []
        quoted_field = False
        state = "start_record"
        limit = _limit[0]

        def end_field():
            text = "".join(field)
            if len(text) > limit:
                raise Error("field larger than field limit (%d)" % limit)
            if not quoted_field and d.quoting == QUOTE_NONNUMERIC and text:
                text = float(text)
            record.append(text)
            field.clear()

        while True:
            try:
                line = next(self._lines)
            except StopIteration:
                if state == "start_record" and not record:
                    raise
                if (field or state in ("in_quoted", "escape_in_quoted")) and d.strict:
                    raise Error("unexpected end of data")
                end_field()
                break
            if not isinstance(line, str):
                raise Error("iterator should return strings, not %s (the file should be "
                            "opened in text mode)" % type(line).__name__)
            self.line_num += 1
            for i, c in enumerate(line):
                if state == "eat_crnl":
                    if c in "\r\n":
                        continue
                    raise Error("new-line character seen in unquoted field - do you need "
                                "to open the file with newline=''?")
                if state == "start_record":
                    if c in "\r\n":
                        state = "eat_crnl"
                        continue
                    state = "start_field"
                if state == "start_field":
                    quoted_field = False
                    if c in "\r\n":
                        end_field()
                        state = "eat_crnl"
                    elif c == quote and d.quoting != QUOTE_NONE:
                        quoted_field = True
                        state = "in_quoted"
                    elif c == esc:
                        state = "escaped"
                    elif c == " " and d.skipinitialspace:
                        pass
                    elif c == delim:
                        end_field()
                    else:
                        field.append(c)
                        state = "in_field"
                elif state == "escaped":
                    field.append(c)
                    # an escaped line end continues the field on the next line
                    state = "after_escaped_crnl" if c in "\r\n" else "in_field"
                elif state in ("in_field", "after_escaped_crnl"):
                    state = "in_field"
                    if c in "\r\n":
                        end_field()
                        state = "eat_crnl"
                    elif c == esc:
                        state = "escaped"
                    elif c == delim:
                        end_field()
                        state = "start_field"
                    else:
                        field.append(c)
                elif state == "in_quoted":
                    if c == esc:
                        state = "escape_in_quoted"
                    elif c == quote:
                        state = "quote_in_quoted" if d.doublequote else "in_field"
                    else:
                        field.append(c)
                elif state == "escape_in_quoted":
                    field.append(c)
                    state = "in_quoted"
                elif state == "quote_in_quoted":
                    if c == quote:
                        field.append(c)
                        state = "in_quoted"
                    elif c == delim:
                        end_field()
                        state = "start_field"
                    elif c in "\r\n":
                        end_field()
                        state = "eat_crnl"
                    elif not d.strict:
                        field.append(c)
                        state = "in_field"
                    else:
                        raise Error("'%s' expected after '%s'" % (delim, quote))
            # the end of the line
            if state == "escaped":
                field.append("\n")
                state = "in_field"
            elif state == "after_escaped_crnl":
                pass
            elif state == "escape_in_quoted":
                field.append("\n")
                state = "in_quoted"
            elif state in ("start_field", "in_field", "quote_in_quoted"):
                end_field()
                break
            elif state in ("start_record", "eat_crnl"):
                break
        return record


class Writer:
    """Formats records as lines of a dialect and writes them to a file."""

    def __init__(self, f, dialect):
        try:
            self._write = f.write
        except AttributeError:
            raise TypeError('argument 1 must have a "write" method') from None
        self.dialect = dialect

    def _field(self, value, only):
        d = self.dialect
        if value is None:
            text, number = "", False
        elif isinstance(value, float):
            text, number = repr(value), True
        else:
            text, number = str(value), isinstance(value, (int, complex))
        # characters that make a field quoted (or, with QUOTE_NONE, escaped)
        specials = {d.delimiter, "\r", "\n"} | set(d.lineterminator)
        if d.quotechar is not None and (d.doublequote or d.quoting == QUOTE_NONE):
            specials.add(d.quotechar)
        if d.escapechar is not None and d.quoting == QUOTE_NONE:
            specials.add(d.escapechar)
        if d.quoting == QUOTE_ALL:
            quote = True
        elif d.quoting == QUOTE_NONNUMERIC:
            quote = not number
        elif d.quoting == QUOTE_NONE:
            quote = False
        else:
            quote = (only and text == "") or any(c in specials for c in text)
        out = []
        for c in text:
            if d.quoting == QUOTE_NONE and c in specials:
                if d.escapechar is None:
                    raise Error("need to escape, but no escapechar set")
                out.append(d.escapechar)
            elif c == d.quotechar:
                if d.doublequote:
                    out.append(c)
                elif d.escapechar is not None:
                    out.append(d.escapechar)
                else:
                    raise Error("need to escape, but no escapechar set")
            elif c == d.escapechar:
                out.append(c)
            out.append(c)
        body = "".join(out)
        return d.quotechar + body + d.quotechar if quote else body

    def writerow(self, row):
        try:
            fields = list(row)
        except TypeError:
            raise Error("iterable expected, not %s" % type(row).__name__) from None
        if (len(fields) == 1 and (fields[0] == "" or fields[0] is None)
                and self.dialect.quoting == QUOTE_NONE):
            raise Error("single empty field record must be quoted")
        only = len(fields) == 1
        line = self.dialect.delimiter.join(self._field(v, only) for v in fields)
        return self._write(line + self.dialect.lineterminator)

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def reader(csvfile, dialect=None, **fmtparams):
    # no dialect: the defaults (those of "excel"), with fmtparams read alone
    return Reader(csvfile, _dialect_of(dialect, fmtparams))


def writer(fileobj, dialect=None, **fmtparams):
    return Writer(fileobj, _dialect_of(dialect, fmtparams))
