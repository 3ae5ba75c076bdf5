"""Extracting, formatting and printing tracebacks and stacks; written for weft.

Everything is built from two steps:

* *extract*: walk a traceback (`tb_next`) or a stack (`f_back`) into a `StackSummary`,
  a list of `FrameSummary` records (file, line number, function name, source line);
* *render*: turn summaries and exceptions into the lines CPython prints, each ending in
  a newline, which the `print_*` functions write and the `format_*` functions return.

`TracebackException` captures an exception with its whole chain (`__cause__`,
`__context__`, exception-group members) as plain data, so it can be rendered later
without keeping frames alive.
"""

import builtins
import collections.abc
import itertools
import linecache
import sys

__all__ = ["extract_stack", "extract_tb", "format_exception",
           "format_exception_only", "format_list", "format_stack",
           "format_tb", "print_exc", "format_exc", "print_exception",
           "print_last", "print_stack", "print_tb", "clear_frames",
           "FrameSummary", "StackSummary", "TracebackException",
           "walk_stack", "walk_tb"]

_CAUSE_LINE = ("\nThe above exception was the direct cause "
               "of the following exception:\n\n")
_CONTEXT_LINE = ("\nDuring handling of the above exception, "
                 "another exception occurred:\n\n")
_RECURSION_CUTOFF = 3   # identical frames shown before "[Previous line repeated ...]"

_unset = object()   # "argument not given", where None means something


# ---------------------------------------------------------------- walking

def walk_tb(tb):
    """(frame, line number) for each entry of traceback `tb`, outermost first."""
    while tb is not None:
        yield tb.tb_frame, tb.tb_lineno
        tb = tb.tb_next


def _walk_tb_positions(tb):
    """(frame, (line, end line, column, end column)) for each entry of traceback `tb`:
    where in the source its failing instruction is."""
    while tb is not None:
        where = _instruction_position(tb.tb_frame.f_code, tb.tb_lasti)
        if where[0] is None:
            where = (tb.tb_lineno,) + tuple(where[1:])
        yield tb.tb_frame, where
        tb = tb.tb_next


def _instruction_position(code, lasti):
    """The co_positions() entry of the instruction at offset `lasti`."""
    if lasti < 0:
        return (None, None, None, None)
    return next(itertools.islice(code.co_positions(), lasti // 2, None),
                (None, None, None, None))


def walk_stack(f):
    """(frame, line number) from frame `f` (default: the caller's) outwards."""
    if f is None:
        f = sys._getframe().f_back.f_back
    while f is not None:
        yield f, f.f_lineno
        f = f.f_back


def clear_frames(tb):
    """Drop the locals of every frame in traceback `tb` (finished frames only)."""
    for frame, _ in walk_tb(tb):
        try:
            frame.clear()
        except RuntimeError:
            pass


# ---------------------------------------------------------------- summaries

class FrameSummary:
    """One frame of a traceback or stack: where it was, and its source line."""

    __slots__ = ("filename", "lineno", "end_lineno", "colno", "end_colno",
                 "name", "_line", "locals")

    def __init__(self, filename, lineno, name, *, lookup_line=True,
                 locals=None, line=None, end_lineno=None, colno=None,
                 end_colno=None):
        self.filename = filename
        self.lineno = lineno
        self.name = name
        self.end_lineno = end_lineno
        self.colno = colno
        self.end_colno = end_colno
        self._line = line
        self.locals = None if locals is None else {
            k: repr(v) for k, v in locals.items()}
        if lookup_line:
            self.line

    @property
    def _original_line(self):
        # the source line as the file has it, with its indentation and line end
        self.line
        return self._line

    @property
    def line(self):
        if self._line is None:
            if self.lineno is None:
                return None
            self._line = linecache.getline(self.filename, self.lineno)
        return self._line.strip()

    def _key(self):
        return (self.filename, self.lineno, self.name, self.line, self.locals)

    def __eq__(self, other):
        if isinstance(other, FrameSummary):
            return self._key() == other._key()
        if isinstance(other, tuple):
            return (self.filename, self.lineno, self.name, self.line) == other
        return NotImplemented

    def __getitem__(self, index):
        return (self.filename, self.lineno, self.name, self.line)[index]

    def __iter__(self):
        return iter((self.filename, self.lineno, self.name, self.line))

    def __len__(self):
        return 4

    def __repr__(self):
        return "<FrameSummary file {}, line {} in {}>".format(
            self.filename, self.lineno, self.name)


def _limited(pairs, limit):
    """Apply a traceback `limit`: n >= 0 keeps the first n, n < 0 the last -n."""
    if limit is None:
        limit = getattr(sys, "tracebacklimit", None)
        if limit is not None and limit < 0:
            limit = 0
    if limit is None:
        return pairs
    if limit >= 0:
        return itertools.islice(pairs, limit)
    return collections.deque(pairs, maxlen=-limit)


class StackSummary(list):
    """A list of `FrameSummary`, with the rendering CPython uses."""

    @classmethod
    def extract(klass, frame_gen, *, limit=None, lookup_lines=True,
                capture_locals=False):
        """Summaries of (frame, lineno) pairs, such as `walk_tb`/`walk_stack` yield."""
        return klass._extract_positioned(
            ((frame, (lineno, None, None, None)) for frame, lineno in frame_gen),
            limit=limit, lookup_lines=lookup_lines, capture_locals=capture_locals)

    @classmethod
    def _extract_positioned(klass, frame_gen, *, limit=None, lookup_lines=True,
                            capture_locals=False):
        # frame_gen yields (frame, (line, end line, column, end column))
        result = klass()
        filenames = set()
        for frame, (lineno, end_lineno, colno, end_colno) in _limited(frame_gen, limit):
            code = frame.f_code
            filenames.add(code.co_filename)
            linecache.lazycache(code.co_filename, frame.f_globals)
            result.append(FrameSummary(
                code.co_filename, lineno, code.co_name, lookup_line=False,
                locals=frame.f_locals if capture_locals else None,
                end_lineno=end_lineno, colno=colno, end_colno=end_colno))
        for name in filenames:
            linecache.checkcache(name)
        if lookup_lines:
            for summary in result:
                summary.line
        return result

    @classmethod
    def from_list(klass, a_list):
        """A StackSummary from FrameSummary objects or 4-tuples."""
        result = klass()
        for item in a_list:
            if isinstance(item, FrameSummary):
                result.append(item)
            else:
                filename, lineno, name, line = item
                result.append(FrameSummary(filename, lineno, name, line=line))
        return result

    def format_frame_summary(self, frame_summary):
        """The text for one frame: its "File ..." line, source line and locals."""
        parts = ['  File "{}", line {}, in {}\n'.format(
            frame_summary.filename, frame_summary.lineno, frame_summary.name)]
        if frame_summary.line:
            parts.append("    {}\n".format(frame_summary.line))
            markers = _marker_line(frame_summary)
            if markers is not None:
                parts.append(markers)
        if frame_summary.locals:
            for name in sorted(frame_summary.locals):
                parts.append("    {} = {}\n".format(name, frame_summary.locals[name]))
        return "".join(parts)

    def format(self):
        """One string per frame; runs of the same frame are cut short as CPython does."""
        out = []
        run_of = None   # the frame the current run repeats
        run = 0         # frames in the current run so far
        for summary in self:
            here = (summary.filename, summary.lineno, summary.name)
            if here != run_of:
                out.extend(_repeated_line(run))
                run_of, run = here, 0
            run += 1
            if run > _RECURSION_CUTOFF:
                continue
            text = self.format_frame_summary(summary)
            if text is not None:
                out.append(text)
        out.extend(_repeated_line(run))
        return out


def _char_offset(text, byte_offset):
    """How many characters the first `byte_offset` UTF-8 bytes of `text` make."""
    return len(text.encode("utf-8")[:byte_offset].decode("utf-8", errors="replace"))


def _width(text, upto):
    """Columns the first `upto` characters of `text` take on a terminal (East Asian
    wide and full-width characters take two)."""
    if text.isascii():
        return upto
    import unicodedata
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in text[:upto])


def _segment_anchors(segment):
    """(end of the first marked part, start of the last) in characters of `segment`
    when it is one binary operation (the operator between) or one subscript (the
    brackets and what they hold between); None for anything else."""
    try:
        import _traceback
    except ImportError:
        return None
    found = _traceback.shape(segment)
    if found is None:
        return None
    kind, first, second = found
    size = len(segment)
    if kind == "binop":
        start = _char_offset(segment, first)
        between = segment[start:_char_offset(segment, second)]
        skip = len(between) - len(between.lstrip())
        left = first + skip
        right = left + 1
        if skip + 1 < len(between) and not between[skip + 1].isspace():
            right += 1
        while left < size and (segment[left].isspace() or segment[left] in ")#"):
            left += 1
            right += 1
        return _char_offset(segment, left), _char_offset(segment, right)
    left = _char_offset(segment, first)
    right = _char_offset(segment, second + 1)
    while left < size and segment[left] != "[":
        left += 1
    while right < size and segment[right] != "]":
        right += 1
    if right < size:
        right += 1
    return left, right


def _marker_line(summary):
    """The `^^^` / `~~^^~~` line under a frame's source line, None when it has no
    column information or the markers would underline the whole line."""
    if summary.colno is None or summary.end_colno is None:
        return None
    stripped = summary.line
    line = summary._original_line
    margin = len(line) - len(stripped)
    start = _char_offset(line, summary.colno)
    end = _char_offset(line, summary.end_colno)
    segment = line[start:end]
    anchors = None
    if summary.lineno == summary.end_lineno:
        try:
            anchors = _segment_anchors(segment)
        except Exception:
            anchors = None
    else:
        end = len(line.rstrip())
    split = anchors is not None and anchors[1] - anchors[0] > 0
    if end - start >= len(stripped) and not split:
        return None
    first = _width(line, start) + 1
    last = _width(line, end) + 1
    out = "    " + " " * (first - margin)
    if anchors is not None:
        left = _width(segment, anchors[0])
        right = _width(segment, anchors[1])
        out += "~" * left + "^" * (right - left) + "~" * (last - first - right)
    else:
        out += "^" * (last - first)
    return out + "\n"


def _repeated_line(run):
    """The note that stands for the frames of a run not shown (none if all were)."""
    hidden = run - _RECURSION_CUTOFF
    if hidden <= 0:
        return []
    return ["  [Previous line repeated {} more time{}]\n".format(
        hidden, "s" if hidden > 1 else "")]


# ---------------------------------------------------------------- stacks and tracebacks

def extract_tb(tb, limit=None):
    """A StackSummary of the entries of traceback `tb`."""
    return StackSummary._extract_positioned(_walk_tb_positions(tb), limit=limit)


def extract_stack(f=None, limit=None):
    """A StackSummary of the stack above frame `f` (default: the caller), oldest first."""
    if f is None:
        f = sys._getframe().f_back
    summary = StackSummary.extract(walk_stack(f), limit=limit)
    summary.reverse()
    return summary


def format_list(extracted_list):
    """Render a list of FrameSummary objects or (file, line, name, text) tuples."""
    return StackSummary.from_list(extracted_list).format()


def print_list(extracted_list, file=None):
    _write(format_list(extracted_list), file)


def format_tb(tb, limit=None):
    return extract_tb(tb, limit=limit).format()


def print_tb(tb, limit=None, file=None):
    _write(format_tb(tb, limit), file)


def format_stack(f=None, limit=None):
    if f is None:
        f = sys._getframe().f_back
    return format_list(extract_stack(f, limit=limit))


def print_stack(f=None, limit=None, file=None):
    if f is None:
        f = sys._getframe().f_back
    _write(format_stack(f, limit), file)


def _write(lines, file):
    out = sys.stderr if file is None else file
    for line in lines:
        print(line, file=out, end="")


# ---------------------------------------------------------------- exceptions

def _exception_args(exc, value, tb):
    """Accept both calling styles: (exc) and the old (type, value, tb)."""
    if value is _unset and tb is _unset:
        if exc is None:
            return None, None, None
        return type(exc), exc, exc.__traceback__
    if (value is _unset) != (tb is _unset):
        raise ValueError("Both or neither of value and tb must be given")
    # The old style's first argument is ignored: the type comes from the value.
    return type(value), value, tb


def format_exception(exc, /, value=_unset, tb=_unset, limit=None, chain=True):
    """The lines CPython prints for an uncaught exception (with its chain)."""
    etype, value, tb = _exception_args(exc, value, tb)
    te = TracebackException(etype, value, tb, limit=limit, compact=True)
    return list(te.format(chain=chain))


def format_exception_only(exc, /, value=_unset):
    """The last line(s) of a report: the exception's type and message."""
    if value is _unset:
        value = exc
        exc = None if value is None else type(value)
    te = TracebackException(exc, value, None, compact=True)
    return list(te.format_exception_only())


def print_exception(exc, /, value=_unset, tb=_unset, limit=None, file=None,
                    chain=True):
    _write(format_exception(exc, value, tb, limit=limit, chain=chain), file)


def format_exc(limit=None, chain=True):
    """The report of the exception being handled, as a string."""
    return "".join(format_exception(*sys.exc_info(), limit=limit, chain=chain))


def print_exc(limit=None, file=None, chain=True):
    """Print the exception being handled."""
    print_exception(*sys.exc_info(), limit=limit, file=file, chain=chain)


def print_last(limit=None, file=None, chain=True):
    """Print the last uncaught exception (`sys.last_value`)."""
    if not hasattr(sys, "last_value") and not hasattr(sys, "last_type"):
        raise ValueError("no last exception")
    last = getattr(sys, "last_value", None)
    if last is not None:
        print_exception(last, limit=limit, file=file, chain=chain)
    else:
        print_exception(sys.last_type, sys.last_value, sys.last_traceback,
                        limit=limit, file=file, chain=chain)


def _safe_str(value):
    try:
        return str(value)
    except Exception:
        return "<exception str() failed>"


def _type_name(etype):
    name = getattr(etype, "__qualname__", None) or getattr(etype, "__name__", "?")
    module = getattr(etype, "__module__", None)
    if module not in (None, "__main__", "builtins"):
        name = module + "." + name
    return name


class TracebackException:
    """An exception, its traceback and its chain, captured as data for rendering."""

    def __init__(self, exc_type, exc_value, exc_traceback, *, limit=None,
                 lookup_lines=True, capture_locals=False, compact=False,
                 max_group_width=15, max_group_depth=10, _seen=None):
        seen = set() if _seen is None else _seen
        if exc_value is not None:
            seen.add(id(exc_value))
        self.max_group_width = max_group_width
        self.max_group_depth = max_group_depth
        self.stack = StackSummary._extract_positioned(
            _walk_tb_positions(exc_traceback), limit=limit, lookup_lines=lookup_lines,
            capture_locals=capture_locals)
        self.exc_type = exc_type
        self._str = _safe_str(exc_value)
        notes = getattr(exc_value, "__notes__", None)
        self.__notes__ = list(notes) if isinstance(notes, collections.abc.Sequence) else None
        self.__suppress_context__ = (
            exc_value.__suppress_context__ if exc_value is not None else False)
        if exc_type is not None and issubclass(exc_type, SyntaxError):
            self.filename = exc_value.filename
            lineno = exc_value.lineno
            self.lineno = str(lineno) if lineno is not None else None
            self.text = exc_value.text
            self.offset = exc_value.offset
            self.end_offset = getattr(exc_value, "end_offset", None)
            self.msg = exc_value.msg
        options = dict(limit=limit, lookup_lines=lookup_lines,
                       capture_locals=capture_locals, max_group_width=max_group_width,
                       max_group_depth=max_group_depth, _seen=seen)
        self.__cause__ = self.__context__ = None
        self.exceptions = None
        if exc_value is None:
            return
        cause = exc_value.__cause__
        if cause is not None and id(cause) not in seen:
            self.__cause__ = TracebackException(
                type(cause), cause, cause.__traceback__, **options)
        context = exc_value.__context__
        show_context = not (compact and (self.__cause__ is not None
                                         or self.__suppress_context__))
        if show_context and context is not None and id(context) not in seen:
            self.__context__ = TracebackException(
                type(context), context, context.__traceback__, **options)
        members = getattr(exc_value, "exceptions", None)
        group = getattr(builtins, "BaseExceptionGroup", None)
        if group is not None and isinstance(exc_value, group) and members is not None:
            self.exceptions = [
                TracebackException(type(m), m, m.__traceback__, **options)
                for m in members]

    @classmethod
    def from_exception(cls, exc, *args, **kwargs):
        return cls(type(exc), exc, exc.__traceback__, *args, **kwargs)

    @property
    def exc_type_str(self):
        return _type_name(self.exc_type) if self.exc_type is not None else None

    def __eq__(self, other):
        if isinstance(other, TracebackException):
            return self.__dict__ == other.__dict__
        return NotImplemented

    def __str__(self):
        return self._str

    def format_exception_only(self):
        """The "Type: message" line(s), with a SyntaxError's location and the notes."""
        if self.exc_type is None:
            yield "NoneType: None\n"
            return
        name = _type_name(self.exc_type)
        if issubclass(self.exc_type, SyntaxError):
            yield from self._syntax_error_lines(name)
        elif self._str:
            yield "{}: {}\n".format(name, self._str)
        else:
            yield "{}\n".format(name)
        for note in self.__notes__ or ():
            yield (note if isinstance(note, str) else _safe_str(note)) + "\n"

    def _syntax_error_lines(self, name):
        if self.lineno is not None:
            yield '  File "{}", line {}\n'.format(
                self.filename or "<string>", self.lineno)
        text = self.text
        if text is not None:
            stripped = text.rstrip("\n")
            body = stripped.lstrip()
            indent = len(stripped) - len(body)
            yield "    {}\n".format(body)
            if self.offset is not None and self.offset >= 1:
                start = self.offset - 1 - indent
                end = self.end_offset if self.end_offset else self.offset
                width = max(end - self.offset, 1)
                yield "    {}{}\n".format(" " * max(start, 0), "^" * width)
        msg = self.msg if self.msg is not None else "<no detail available>"
        yield "{}: {}\n".format(name, msg)

    def _own_lines(self):
        if self.stack:
            yield "Traceback (most recent call last):\n"
            yield from self.stack.format()
        yield from self.format_exception_only()

    def format(self, *, chain=True, _ctx=None):
        """The whole report, oldest exception of the chain first; groups are drawn
        as nested boxes, one numbered box per member."""
        box = _Boxes() if _ctx is None else _ctx
        links = []   # (exception, the line that leads from it to the next one)
        current = self
        while current is not None:
            if not chain:
                links.append((current, None))
                break
            if current.__cause__ is not None:
                links.append((current, _CAUSE_LINE))
                current = current.__cause__
            elif (current.__context__ is not None
                  and not current.__suppress_context__):
                links.append((current, _CONTEXT_LINE))
                current = current.__context__
            else:
                links.append((current, None))
                current = None
        for index in range(len(links) - 1, -1, -1):
            te, _ = links[index]
            if te.exceptions is None:
                yield from box.framed(te._own_lines())
            elif box.depth > self.max_group_depth:
                yield from box.framed(
                    ["... (max_group_depth is {})\n".format(self.max_group_depth)])
            else:
                yield from te._group_lines(box, chain)
            if index > 0:
                # links[index - 1] names how it came from the one just printed
                yield from box.framed([links[index - 1][1]])

    def _group_lines(self, box, chain):
        outermost = box.depth == 0
        if outermost:
            box.depth += 1
        if self.stack:
            yield from box.framed(
                ["Exception Group Traceback (most recent call last):\n"],
                "+" if outermost else "|")
            yield from box.framed(self.stack.format())
        yield from box.framed(self.format_exception_only())
        count = len(self.exceptions)
        shown = min(count, self.max_group_width + 1)
        box.need_close = False
        for index in range(shown):
            last = index == shown - 1
            if last:
                # a member that is a group itself may draw the closing line instead
                box.need_close = True
            cut = index >= self.max_group_width
            title = "..." if cut else str(index + 1)
            yield "{}{}+{} {} {}\n".format(
                box.margin(), "+-" if index == 0 else "  ", "-" * 16, title, "-" * 16)
            box.depth += 1
            if cut:
                extra = count - self.max_group_width
                yield from box.framed(["and {} more exception{}\n".format(
                    extra, "s" if extra > 1 else "")])
            else:
                yield from self.exceptions[index].format(chain=chain, _ctx=box)
            if last and box.need_close:
                yield "{}+{}\n".format(box.margin(), "-" * 36)
                box.need_close = False
            box.depth -= 1
        if outermost:
            box.depth = 0

    def print(self, *, file=None, chain=True):
        _write(self.format(chain=chain), file)


class _Boxes:
    """Where the text of a report goes: inside how many group boxes, and whether the
    innermost one still waits for its closing line."""

    def __init__(self):
        self.depth = 0
        self.need_close = False

    def margin(self):
        return "  " * self.depth

    def framed(self, chunks, edge="|"):
        lead = self.margin() + (edge + " " if self.depth else "")
        for chunk in chunks:
            yield "".join(lead + line for line in chunk.splitlines(True))
