//! What a pattern runs over: the text of a str or the bytes of a bytes-like object, and
//! the engine's view of it (a `StrDrive`).
//!
//! Positions are code-point indices for text and byte indices for bytes, as in CPython.
//! weft keeps str text as UTF-8, so a text position is turned into a byte offset by
//! walking; [`Offsets`] walks from the last offset it found (or from the start), so the
//! loops that run through a subject left to right pay O(length) in all, not per match.
//! An ASCII str is handed to the engine as bytes (its positions are its byte offsets).
use rustpython_sre_engine::{StrDrive, StringCursor};
use std::borrow::Cow;
use weft_vm::helpers::unwrap_base;
use weft_vm::objects::bytes::{BytesData, buffer_bytes};
use weft_vm::objects::str::StrData;
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

/// A subject's contents, borrowed from its (rooted, immutable) str or bytes object, or
/// copied from a mutable buffer (bytearray, array) so the engine sees one snapshot.
///
/// A str holding lone surrogates is matched through its lossy text (each surrogate read
/// as U+FFFD, the same UTF-8 length), and `exact` keeps its exact text (generalized
/// UTF-8, at the same byte offsets) for the pieces cut out of it.
pub enum Subject<'a> {
    Text {
        s: &'a str,
        chars: usize,
        exact: Option<&'a [u8]>,
    },
    Bytes(Cow<'a, [u8]>),
}

/// The subject `v` (a str, bytes or other buffer, or a subclass instance of one); CPython's
/// TypeError otherwise.
pub fn subject<'a>(vm: &mut Vm, v: &'a Value) -> PyResult<Subject<'a>> {
    if let Some(s) = unwrap_base::<StrData>(v) {
        return Ok(Subject::Text {
            s: s.as_str(),
            chars: s.chars(),
            exact: s.has_surrogates().then(|| s.wtf8()),
        });
    }
    if let Some(b) = unwrap_base::<BytesData>(v) {
        return Ok(Subject::Bytes(Cow::Borrowed(&b.0)));
    }
    if let Some(b) = buffer_bytes(v) {
        return Ok(Subject::Bytes(Cow::Owned(b)));
    }
    let tn = vm.type_name(*v);
    Err(vm.type_error(format!("expected string or bytes-like object, got '{tn}'")))
}

impl Subject<'_> {
    /// Length in positions (code points or bytes).
    pub fn len(&self) -> usize {
        match self {
            Subject::Text { chars, .. } => *chars,
            Subject::Bytes(b) => b.len(),
        }
    }

    pub fn is_bytes(&self) -> bool {
        matches!(self, Subject::Bytes(_))
    }

    /// The engine's view, with cursors made quickly at or after position `hint.0`
    /// (whose byte offset is `hint.1`).
    pub fn drive(&self, hint: (usize, usize)) -> Drive<'_> {
        match self {
            Subject::Bytes(b) => Drive::Bytes(b),
            Subject::Text { s, chars, .. } if s.len() == *chars => Drive::Bytes(s.as_bytes()),
            Subject::Text { s, chars, .. } => Drive::Text(TextDrive {
                s,
                chars: *chars,
                hint,
            }),
        }
    }

    /// A byte-offset finder for this subject's positions.
    pub fn offsets(&self) -> Offsets<'_> {
        match self {
            Subject::Text { s, chars, .. } if s.len() != *chars => Offsets::new(s),
            _ => Offsets::identity(),
        }
    }

    /// A new str or bytes holding positions `start..end` (clamped to the subject).
    pub fn slice(&self, vm: &mut Vm, offs: &mut Offsets<'_>, start: usize, end: usize) -> PyResult {
        let end = end.min(self.len());
        let start = start.min(end);
        match self {
            Subject::Text { s, exact, .. } => {
                let (b0, b1) = (offs.byte(start), offs.byte(end));
                match exact {
                    Some(e) => vm.new_str_wtf8(&e[b0..b1]),
                    None => vm.new_str_counted(&s[b0..b1], end - start),
                }
            }
            Subject::Bytes(b) => vm.new_bytes(b[start..end].to_vec()),
        }
    }
}

/// The two ways the engine reads a subject (one instantiation of it each).
pub enum Drive<'a> {
    /// Bytes, and ASCII text.
    Bytes(&'a [u8]),
    /// Text with characters past ASCII.
    Text(TextDrive<'a>),
}

/// Non-ASCII UTF-8 text whose code-point count is known (the engine would otherwise count
/// it for each request), with a known (position, byte offset) pair to start cursors from.
#[derive(Clone, Copy)]
pub struct TextDrive<'a> {
    s: &'a str,
    chars: usize,
    hint: (usize, usize),
}

impl<'a> TextDrive<'a> {
    /// The text's UTF-8 bytes.
    pub fn bytes(&self) -> &'a [u8] {
        self.s.as_bytes()
    }
}

impl StrDrive for TextDrive<'_> {
    #[inline]
    fn count(&self) -> usize {
        self.chars
    }

    /// A cursor at position `n`: jump to the hint by bytes when `n` is past it, then walk.
    /// The pointer is derived from the whole text (so lookbehind may read before it).
    fn create_cursor(&self, n: usize) -> StringCursor {
        let (c, b) = if n >= self.hint.0 { self.hint } else { (0, 0) };
        let bytes = self.s.as_bytes();
        let mut cur = <&[u8] as StrDrive>::create_cursor(&bytes, 0);
        // `b` is the byte offset of code point `c`: a char boundary inside the text.
        <&[u8] as StrDrive>::skip(&mut cur, b);
        cur.position = c;
        <&str as StrDrive>::skip(&mut cur, n - c);
        cur
    }

    #[inline]
    fn adjust_cursor(&self, cursor: &mut StringCursor, n: usize) {
        // Walks forward from a live cursor, and starts over from the text otherwise.
        <&str as StrDrive>::adjust_cursor(&self.s, cursor, n)
    }

    #[inline]
    fn advance(cursor: &mut StringCursor) -> u32 {
        <&str as StrDrive>::advance(cursor)
    }

    #[inline]
    fn peek(cursor: &StringCursor) -> u32 {
        <&str as StrDrive>::peek(cursor)
    }

    #[inline]
    fn skip(cursor: &mut StringCursor, n: usize) {
        <&str as StrDrive>::skip(cursor, n)
    }

    #[inline]
    fn back_advance(cursor: &mut StringCursor) -> u32 {
        <&str as StrDrive>::back_advance(cursor)
    }

    #[inline]
    fn back_peek(cursor: &StringCursor) -> u32 {
        <&str as StrDrive>::back_peek(cursor)
    }

    #[inline]
    fn back_skip(cursor: &mut StringCursor, n: usize) {
        <&str as StrDrive>::back_skip(cursor, n)
    }
}

/// Turns code-point positions of one text into byte offsets, walking from the last
/// answer (forward or back) or from the start, whichever is nearer. For bytes and ASCII
/// text a position is its own offset.
pub struct Offsets<'a> {
    /// None: positions are offsets.
    s: Option<&'a [u8]>,
    /// The last answer: position `at.0` is at byte `at.1`.
    at: (usize, usize),
}

impl<'a> Offsets<'a> {
    pub fn identity() -> Self {
        Offsets {
            s: None,
            at: (0, 0),
        }
    }

    fn new(s: &'a str) -> Self {
        Offsets {
            s: Some(s.as_bytes()),
            at: (0, 0),
        }
    }

    /// Start walking from a known pair (e.g. a match's start).
    pub fn with_anchor(mut self, pos: usize, byte: usize) -> Self {
        if self.s.is_some() {
            self.at = (pos, byte);
        }
        self
    }

    /// The byte offset of position `n` (`n` at most the text's length).
    pub fn byte(&mut self, n: usize) -> usize {
        let Some(s) = self.s else { return n };
        let (mut c, mut b) = self.at;
        if n < c && n < c - n {
            (c, b) = (0, 0);
        }
        while c < n && b < s.len() {
            b += 1;
            while b < s.len() && s[b] & 0xC0 == 0x80 {
                b += 1;
            }
            c += 1;
        }
        while c > n {
            b -= 1;
            while s[b] & 0xC0 == 0x80 {
                b -= 1;
            }
            c -= 1;
        }
        self.at = (c, b);
        b
    }
}
