"""`_io` for weft: the classes of weft's frozen `io` module under the name CPython's
library imports them by (`importlib._bootstrap_external`, `_pyio`, tests)."""

from io import (
    DEFAULT_BUFFER_SIZE, BufferedRandom, BufferedReader,
    BufferedRWPair, BufferedWriter, BytesIO, FileIO, IncrementalNewlineDecoder,
    StringIO, TextIOWrapper, UnsupportedOperation, open, open_code, text_encoding,
)
from io import IOBase as _IOBase, RawIOBase as _RawIOBase
from io import BufferedIOBase as _BufferedIOBase, TextIOBase as _TextIOBase
BlockingIOError = BlockingIOError
