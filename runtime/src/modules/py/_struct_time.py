"""time.struct_time: the broken-down time the time module's calendar functions return
(runtime/src/modules/time_calendar.rs builds it from the C library's `struct tm`).

A tuple of nine numbers, with every field also reachable by name, plus tm_zone and
tm_gmtoff by name only, as CPython's struct sequence."""

_NAMES = ("tm_year", "tm_mon", "tm_mday", "tm_hour", "tm_min", "tm_sec",
          "tm_wday", "tm_yday", "tm_isdst")


def _field(i):
    return property(lambda self: tuple.__getitem__(self, i),
                    doc="field %d of the time tuple" % i)


class struct_time(tuple):
    """The time value as returned by gmtime(), localtime() and strptime()."""

    n_sequence_fields = 9
    n_fields = 11
    n_unnamed_fields = 0

    def __new__(cls, sequence, dict=None):
        items = tuple(sequence)
        if not 9 <= len(items) <= 11:
            kind = "at least" if len(items) < 9 else "at most"
            bound = 9 if len(items) < 9 else 11
            raise TypeError("time.struct_time() takes %s %d-sequence (%d-sequence given)"
                            % (kind, bound, len(items)))
        self = tuple.__new__(cls, items[:9])
        extra = items[9:] + (None,) * (11 - len(items))
        self._zone, self._gmtoff = extra
        return self

    tm_zone = property(lambda self: self._zone, doc="abbreviation of timezone name")
    tm_gmtoff = property(lambda self: self._gmtoff, doc="offset from UTC in seconds")

    def __repr__(self):
        shown = ", ".join("%s=%r" % pair for pair in zip(_NAMES, self))
        return "time.struct_time(%s)" % shown

    def __reduce__(self):
        return (struct_time, (tuple(self) + (self._zone, self._gmtoff),))


for _i, _n in enumerate(_NAMES):
    setattr(struct_time, _n, _field(_i))
del _i, _n
struct_time.__module__ = "time"
