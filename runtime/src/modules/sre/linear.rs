//! A fast path for straight-line patterns over one-byte subjects (bytes, ASCII text).
//!
//! Most patterns met in practice (`\w+`, `\s+`, `(\d{4})-(\d\d)`, `On (\d+) from (\S+)`)
//! are a sequence of single characters, sets, group marks, anchors and repeats of one
//! character (`REPEAT_ONE` / `MIN_REPEAT_ONE`), with no branch, nested repeat,
//! back-reference or assertion. For those the engine's generic machinery (an opcode
//! dispatch and a set interpretation per character, a copy of the group marks per
//! repeat) costs several times what the match needs. This module turns such a code
//! list into a [`Prog`] whose every character test is a 256-bit table lookup, and runs
//! it with the engine's backtracking order, so it finds the very match the engine
//! finds, with the same group spans and `lastindex`.
//!
//! Exactness: each one-character item's table is computed by running the engine itself
//! on each of the 256 one-byte subjects, so the tables hold the engine's own answers
//! (categories, case folding, negated sets) for every byte a one-byte subject can hold.
//! The anchors are the engine's (`at`): "beginning" is position 0 of the subject, "end"
//! the end of the window, a boundary looks at the characters on both sides.
use rustpython_sre_engine::{Request, SreAtCode, SreCatCode, SreOpcode as Op, State, StrDrive};
use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

/// Longest program turned into a fast one (longer ones gain little).
const MAX_OPS: usize = 64;

/// A set of characters: a table for the first 256, and for the others the engine's
/// answer, asked once per character and kept in a [`Cache`] (`item` is the code asked).
#[derive(Clone)]
struct Class {
    table: [u64; 4],
    item: Box<[u32]>,
    /// Index of the class's bit in a cache entry.
    id: u32,
}

impl Class {
    /// The class of `item` (one character's code, without the final SUCCESS): the
    /// engine's answer for each character below 256, asked on one-byte subjects (the
    /// engine's character tests look at the character's value only, not at the drive).
    fn of(item: &[u32], id: u32) -> Class {
        let mut code = item.to_vec();
        code.push(Op::SUCCESS as u32);
        Class {
            table: table_of(&code),
            item: code.into_boxed_slice(),
            id,
        }
    }
}

/// The tables made so far, by item code: the sets patterns use (`\d`, `\w`, `[a-z]`)
/// recur, and asking the engine 256 times costs more than the rest of a compile.
static TABLES: LazyLock<Mutex<Tables>> = LazyLock::new(Default::default);

/// Item code (with SUCCESS) -> its table.
type Tables = HashMap<Box<[u32]>, [u64; 4]>;

/// The table of `code` (an item and SUCCESS). A plain or negated literal is read off
/// directly (the engine compares the code word with the character).
fn table_of(code: &[u32]) -> [u64; 4] {
    let bit = |t: &mut [u64; 4], b: u32| t[(b >> 6) as usize] |= 1u64 << (b & 63);
    let mut table = [0u64; 4];
    match code {
        [op, c, _] if *op == Op::LITERAL as u32 => {
            if *c < 256 {
                bit(&mut table, *c);
            }
            return table;
        }
        [op, c, _] if *op == Op::NOT_LITERAL as u32 => {
            table = [u64::MAX; 4];
            if *c < 256 {
                table[(*c >> 6) as usize] &= !(1u64 << (*c & 63));
            }
            return table;
        }
        _ => {}
    }
    let known = TABLES
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .get(code)
        .copied();
    if let Some(t) = known {
        return t;
    }
    for b in 0..=255u8 {
        if engine_says(code, &[b][..]) {
            bit(&mut table, b as u32);
        }
    }
    let mut all = TABLES.lock().unwrap_or_else(|e| e.into_inner());
    if all.len() < 4096 {
        all.insert(code.into(), table);
    }
    table
}

/// Whether the engine matches `code` (an item and SUCCESS) on exactly the one-character
/// subject `s`.
fn engine_says<S: StrDrive>(code: &[u32], s: S) -> bool {
    let req = Request {
        string: s,
        start: 0,
        end: 1,
        pattern_codes: code,
        match_all: false,
        must_advance: false,
    };
    let mut st = State::default();
    st.py_match(&req) && st.cursor.position == 1
}

/// The answers for characters past 255 found so far in one call: a bit per class id.
pub type Cache = HashMap<u32, u64>;

#[derive(Clone)]
enum At {
    Beginning,
    BeginningLine,
    End,
    EndLine,
    EndString,
    /// A word boundary (or not, when `negated`), "word" being the class.
    Boundary {
        word: usize,
        negated: bool,
    },
}

#[derive(Clone)]
enum LOp {
    /// One character of class `classes[k]`.
    One(usize),
    Mark(usize),
    At(At),
    Repeat {
        class: usize,
        min: usize,
        max: usize,
        lazy: bool,
    },
    Success,
}

/// A straight-line pattern ready to run over bytes or UTF-8 text.
pub struct Prog {
    ops: Box<[LOp]>,
    classes: Box<[Class]>,
    /// Mark slots (the highest mark number + 1).
    marks: usize,
    /// `lastindex` of every match: the group of the last closing mark, or -1.
    last_index: isize,
    /// A class every match's first character is in (a search skips other places).
    first: Option<usize>,
    /// Every match starts at position 0 (`\A`, `^` without MULTILINE come first).
    anchored: bool,
}

/// A match found by a [`Prog`]: its span (in positions, and the byte offset of its end),
/// its marks (`usize::MAX` for unset) and its `lastindex`.
#[derive(Clone, Default)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub end_byte: usize,
    pub marks: Vec<usize>,
    pub last_index: isize,
}

impl Hit {
    /// The span of group `g` (1-based), if both its marks are set.
    pub fn group(&self, g: usize) -> Option<(usize, usize)> {
        let a = *self.marks.get(2 * (g - 1))?;
        let b = *self.marks.get(2 * (g - 1) + 1)?;
        (a != usize::MAX && b != usize::MAX).then_some((a, b))
    }
}

/// The length of the one-character item at `code[i..]`, if it is one.
fn item_len(code: &[u32], i: usize) -> Option<usize> {
    let op = *code.get(i)?;
    let is = |o: Op| op == o as u32;
    if is(Op::ANY) || is(Op::ANY_ALL) {
        return Some(1);
    }
    let two = [
        Op::LITERAL,
        Op::NOT_LITERAL,
        Op::LITERAL_IGNORE,
        Op::NOT_LITERAL_IGNORE,
        Op::LITERAL_UNI_IGNORE,
        Op::NOT_LITERAL_UNI_IGNORE,
        Op::CATEGORY,
    ];
    if two.iter().any(|&o| is(o)) {
        if is(Op::CATEGORY) && is_locale_category(*code.get(i + 1)?) {
            return None;
        }
        return Some(2);
    }
    if is(Op::IN) || is(Op::IN_IGNORE) || is(Op::IN_UNI_IGNORE) {
        let skip = *code.get(i + 1)? as usize;
        let len = skip.checked_add(1)?;
        let set = code.get(i + 2..i + len)?;
        if set_uses_locale(set) {
            return None;
        }
        return Some(len);
    }
    None
}

fn is_locale_category(c: u32) -> bool {
    c == SreCatCode::LOC_WORD as u32 || c == SreCatCode::LOC_NOT_WORD as u32
}

/// Whether a set's words name a locale category (whose answer depends on the locale,
/// which a table made once cannot follow). Conservative: any CATEGORY word followed by
/// a locale code counts, even inside a bitmap.
fn set_uses_locale(set: &[u32]) -> bool {
    set.windows(2)
        .any(|w| w[0] == Op::CATEGORY as u32 && is_locale_category(w[1]))
}

/// Reads a code list into ops, making a class per character test.
struct Builder {
    ops: Vec<LOp>,
    classes: Vec<Class>,
}

impl Builder {
    fn class(&mut self, item: &[u32]) -> Option<usize> {
        let id = self.classes.len();
        if id >= 64 {
            return None;
        }
        self.classes.push(Class::of(item, id as u32));
        Some(id)
    }

    fn at(&mut self, code: u32) -> Option<At> {
        use SreAtCode as A;
        let mut word = |cat: SreCatCode| self.class(&[Op::CATEGORY as u32, cat as u32]);
        Some(match code {
            x if x == A::BEGINNING as u32 || x == A::BEGINNING_STRING as u32 => At::Beginning,
            x if x == A::BEGINNING_LINE as u32 => At::BeginningLine,
            x if x == A::END as u32 => At::End,
            x if x == A::END_LINE as u32 => At::EndLine,
            x if x == A::END_STRING as u32 => At::EndString,
            x if x == A::BOUNDARY as u32 || x == A::NON_BOUNDARY as u32 => At::Boundary {
                word: word(SreCatCode::WORD)?,
                negated: x == A::NON_BOUNDARY as u32,
            },
            x if x == A::UNI_BOUNDARY as u32 || x == A::UNI_NON_BOUNDARY as u32 => At::Boundary {
                word: word(SreCatCode::UNI_WORD)?,
                negated: x == A::UNI_NON_BOUNDARY as u32,
            },
            _ => return None,
        })
    }
}

impl Prog {
    /// The fast form of `code`, if it is a straight line of supported ops.
    pub fn of(code: &[u32]) -> Option<Prog> {
        let mut i = if code.first() == Some(&(Op::INFO as u32)) {
            *code.get(1)? as usize + 1
        } else {
            0
        };
        let mut b = Builder {
            ops: Vec::new(),
            classes: Vec::new(),
        };
        let mut marks = 0;
        let mut last_index = -1;
        loop {
            if b.ops.len() > MAX_OPS {
                return None;
            }
            let op = *code.get(i)?;
            if op == Op::SUCCESS as u32 {
                // The code must end here (nothing may follow the final SUCCESS).
                if i + 1 != code.len() {
                    return None;
                }
                b.ops.push(LOp::Success);
                break;
            }
            if op == Op::MARK as u32 {
                let m = *code.get(i + 1)? as usize;
                if m > 2 * MAX_OPS {
                    return None;
                }
                marks = marks.max(m + 1);
                if m & 1 == 1 {
                    last_index = (m / 2 + 1) as isize;
                }
                b.ops.push(LOp::Mark(m));
                i += 2;
            } else if op == Op::AT as u32 {
                let at = b.at(*code.get(i + 1)?)?;
                b.ops.push(LOp::At(at));
                i += 2;
            } else if op == Op::REPEAT_ONE as u32 || op == Op::MIN_REPEAT_ONE as u32 {
                // <op> <skip> <min> <max> item SUCCESS tail
                let skip = *code.get(i + 1)? as usize;
                let (min, max) = (*code.get(i + 2)? as usize, *code.get(i + 3)? as usize);
                let len = item_len(code, i + 4)?;
                if i + 4 + len + 1 != i + 1 + skip || *code.get(i + 4 + len)? != Op::SUCCESS as u32
                {
                    return None;
                }
                let max = if max == rustpython_sre_engine::MAXREPEAT {
                    usize::MAX
                } else {
                    max
                };
                if min > max {
                    return None;
                }
                let class = b.class(&code[i + 4..i + 4 + len])?;
                b.ops.push(LOp::Repeat {
                    class,
                    min,
                    max,
                    lazy: op == Op::MIN_REPEAT_ONE as u32,
                });
                i += 1 + skip;
            } else {
                let len = item_len(code, i)?;
                let class = b.class(&code[i..i + len])?;
                b.ops.push(LOp::One(class));
                i += len;
            }
        }
        let lead = b.ops.iter().find(|o| !matches!(o, LOp::Mark(_)));
        let first = match lead {
            Some(LOp::One(c)) => Some(*c),
            Some(LOp::Repeat { class, min, .. }) if *min > 0 => Some(*class),
            _ => None,
        };
        let anchored = matches!(lead, Some(LOp::At(At::Beginning)));
        Some(Prog {
            ops: b.ops.into_boxed_slice(),
            classes: b.classes.into_boxed_slice(),
            marks,
            last_index,
            first,
            anchored,
        })
    }

    /// A fresh hit with this program's mark slots.
    pub fn hit(&self) -> Hit {
        Hit {
            marks: vec![usize::MAX; self.marks],
            last_index: self.last_index,
            ..Hit::default()
        }
    }

    /// Whether `ch` is in class `k`.
    #[inline]
    fn has(&self, k: usize, ch: u32, cache: &mut Cache) -> bool {
        if ch < 256 {
            let t = &self.classes[k].table;
            return t[(ch >> 6) as usize] & (1u64 << (ch & 63)) != 0;
        }
        let bits = match cache.get(&ch) {
            Some(&bits) => bits,
            None => self.ask_engine(ch, cache),
        };
        bits & (1u64 << k) != 0
    }

    /// Every class's answer for `ch` (past 255), from the engine, kept in `cache`.
    #[cold]
    fn ask_engine(&self, ch: u32, cache: &mut Cache) -> u64 {
        let mut buf = [0u8; 4];
        let text: &str = match char::from_u32(ch) {
            Some(c) => c.encode_utf8(&mut buf),
            None => return 0,
        };
        let mut bits = 0u64;
        for c in self.classes.iter() {
            if engine_says(&c.item, text) {
                bits |= 1u64 << c.id;
            }
        }
        cache.insert(ch, bits);
        bits
    }
}

/// A position: its index (code point or byte) and its byte offset.
#[derive(Clone, Copy)]
struct Pos {
    c: usize,
    b: usize,
}

/// One run of a program: the window's end, what a successful end needs, and the cache
/// of answers past 255.
struct Run<'a, T> {
    p: &'a Prog,
    t: T,
    end: usize,
    /// The attempt's start, where an empty match is refused when `must_advance`.
    start: usize,
    must_advance: bool,
    match_all: bool,
    cache: &'a mut Cache,
}

impl<T: ByteText> Run<'_, T> {
    #[inline]
    fn test(&mut self, k: usize, pos: Pos) -> Option<usize> {
        if pos.c >= self.end {
            return None;
        }
        let (ch, len) = self.t.char_at(pos.b);
        self.p.has(k, ch, self.cache).then_some(len)
    }

    fn at(&mut self, a: &At, pos: Pos) -> bool {
        let prev = |s: &Self| s.t.char_at(s.t.before(pos.b)).0;
        let here = |s: &Self| s.t.char_at(pos.b).0;
        match a {
            At::Beginning => pos.c == 0,
            At::BeginningLine => pos.c == 0 || prev(self) == '\n' as u32,
            At::End => pos.c == self.end || (pos.c + 1 == self.end && here(self) == '\n' as u32),
            At::EndLine => pos.c == self.end || here(self) == '\n' as u32,
            At::EndString => pos.c == self.end,
            At::Boundary { word, negated } => {
                if pos.c == 0 && pos.c == self.end {
                    return *negated;
                }
                let that = pos.c > 0 && {
                    let ch = prev(self);
                    self.p.has(*word, ch, self.cache)
                };
                let this = pos.c < self.end && {
                    let ch = here(self);
                    self.p.has(*word, ch, self.cache)
                };
                (this != that) != *negated
            }
        }
    }

    /// Match ops `i..` at `pos`; the end of the match, marks set in `marks`.
    fn run(&mut self, mut i: usize, mut pos: Pos, marks: &mut [usize]) -> Option<Pos> {
        let p = self.p;
        loop {
            match &p.ops[i] {
                LOp::Success => {
                    let refused = (self.match_all && pos.c != self.end)
                        || (self.must_advance && pos.c == self.start);
                    return (!refused).then_some(pos);
                }
                LOp::One(k) => {
                    let len = self.test(*k, pos)?;
                    pos = Pos {
                        c: pos.c + 1,
                        b: pos.b + len,
                    };
                }
                LOp::Mark(m) => marks[*m] = pos.c,
                LOp::At(a) => {
                    if !self.at(a, pos) {
                        return None;
                    }
                }
                LOp::Repeat {
                    class,
                    min,
                    max,
                    lazy,
                } => return self.repeat(i, pos, *class, (*min, *max), *lazy, marks),
            }
            i += 1;
        }
    }

    /// A repeat of one class at op `i`, then the rest: the engine's order (greedy: the
    /// longest run first, giving back one character at a time; lazy: the shortest).
    fn repeat(
        &mut self,
        i: usize,
        pos: Pos,
        class: usize,
        (min, max): (usize, usize),
        lazy: bool,
        marks: &mut [usize],
    ) -> Option<Pos> {
        let limit = max.min(self.end - pos.c);
        // A next op that tests one character lets the loop skip counts it would refuse.
        let next = match self.p.ops[i + 1] {
            LOp::One(k) => Some(k),
            _ => None,
        };
        let mut at = pos;
        if lazy {
            while at.c - pos.c < min {
                let len = self.test(class, at)?;
                at = Pos {
                    c: at.c + 1,
                    b: at.b + len,
                };
            }
            loop {
                let fits = next.is_none_or(|k| self.test(k, at).is_some());
                if fits && let Some(e) = self.run(i + 1, at, marks) {
                    return Some(e);
                }
                if at.c - pos.c >= limit {
                    return None;
                }
                let len = self.test(class, at)?;
                at = Pos {
                    c: at.c + 1,
                    b: at.b + len,
                };
            }
        }
        while at.c - pos.c < limit
            && let Some(len) = self.test(class, at)
        {
            at = Pos {
                c: at.c + 1,
                b: at.b + len,
            };
        }
        if at.c - pos.c < min {
            return None;
        }
        loop {
            let fits = next.is_none_or(|k| self.test(k, at).is_some());
            if fits && let Some(e) = self.run(i + 1, at, marks) {
                return Some(e);
            }
            if at.c - pos.c == min {
                return None;
            }
            at = Pos {
                c: at.c - 1,
                b: self.t.before(at.b),
            };
        }
    }
}

/// What an attempt asks (as in the engine's request), positions with the byte offset of
/// `start`.
#[derive(Clone, Copy)]
pub struct Ask {
    pub start: usize,
    pub start_byte: usize,
    pub end: usize,
    pub must_advance: bool,
    pub match_all: bool,
    /// Try every place from `start` on (a search), or only `start`.
    pub search: bool,
}

/// A subject the program can read.
pub trait ByteText: Copy {
    /// The character at byte offset `b` and its length in bytes (`b` inside the subject).
    fn char_at(self, b: usize) -> (u32, usize);
    /// The byte offset of the character before byte offset `b` (`b` > 0).
    fn before(self, b: usize) -> usize;
}

/// Bytes, or ASCII text: one byte per position.
#[derive(Clone, Copy)]
pub struct OneByte<'a>(pub &'a [u8]);

impl ByteText for OneByte<'_> {
    #[inline]
    fn char_at(self, b: usize) -> (u32, usize) {
        (self.0[b] as u32, 1)
    }

    #[inline]
    fn before(self, b: usize) -> usize {
        b - 1
    }
}

/// UTF-8 text (a str's text): one code point per position.
#[derive(Clone, Copy)]
pub struct Utf8<'a>(pub &'a [u8]);

impl ByteText for Utf8<'_> {
    #[inline]
    fn char_at(self, b: usize) -> (u32, usize) {
        let s = self.0;
        let x = s[b] as u32;
        if x < 0x80 {
            return (x, 1);
        }
        let cont = |k: usize| (s[b + k] & 0x3F) as u32;
        if x < 0xE0 {
            (((x & 0x1F) << 6) | cont(1), 2)
        } else if x < 0xF0 {
            (((x & 0x0F) << 12) | (cont(1) << 6) | cont(2), 3)
        } else {
            (
                ((x & 0x07) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3),
                4,
            )
        }
    }

    #[inline]
    fn before(self, mut b: usize) -> usize {
        b -= 1;
        while self.0[b] & 0xC0 == 0x80 {
            b -= 1;
        }
        b
    }
}

/// Run `p` over `t` as `ask` says; on success `hit` holds the match. `cache` keeps the
/// classes' answers for characters past 255 (one cache per subject and call is enough).
pub fn find<T: ByteText>(p: &Prog, t: T, ask: Ask, hit: &mut Hit, cache: &mut Cache) -> bool {
    let end = ask.end;
    if ask.start > end {
        return false;
    }
    let mut ask = ask;
    if p.anchored && ask.search {
        // Only position 0 can match: one attempt there, or none past it.
        if ask.start != 0 {
            return false;
        }
        ask.search = false;
    }
    let mut run = Run {
        p,
        t,
        end,
        start: ask.start,
        must_advance: ask.must_advance,
        match_all: ask.match_all,
        cache,
    };
    if hit.marks.len() != p.marks {
        hit.marks = vec![usize::MAX; p.marks];
    }
    hit.last_index = p.last_index;
    let mut at = Pos {
        c: ask.start,
        b: ask.start_byte,
    };
    loop {
        if let Some(k) = p.first
            && ask.search
        {
            // Skip to the next place whose character can start a match.
            loop {
                if at.c >= end {
                    return false;
                }
                match run.test(k, at) {
                    Some(_) => break,
                    None => {
                        at = Pos {
                            c: at.c + 1,
                            b: at.b + t.char_at(at.b).1,
                        }
                    }
                }
            }
        }
        run.start = at.c;
        run.must_advance = ask.must_advance && at.c == ask.start;
        hit.marks.fill(usize::MAX);
        if let Some(e) = run.run(0, at, &mut hit.marks) {
            hit.start = at.c;
            hit.end = e.c;
            hit.end_byte = e.b;
            return true;
        }
        if !ask.search || at.c >= end {
            return false;
        }
        at = Pos {
            c: at.c + 1,
            b: at.b + t.char_at(at.b).1,
        };
    }
}
