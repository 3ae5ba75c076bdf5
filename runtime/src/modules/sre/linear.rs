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
use rustpython_sre_engine::{Request, SreAtCode, SreCatCode, SreOpcode as Op, State};

/// Longest program turned into a fast one (longer ones gain little).
const MAX_OPS: usize = 64;

/// A set of byte values.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Class([u64; 4]);

impl Class {
    #[inline]
    fn has(&self, b: u8) -> bool {
        self.0[(b >> 6) as usize] & (1u64 << (b & 63)) != 0
    }

    /// The bytes `b` for which the engine matches `item` (one character's code, without
    /// the final SUCCESS) on the one-byte subject `[b]`.
    fn of(item: &[u32]) -> Class {
        let mut code = item.to_vec();
        code.push(Op::SUCCESS as u32);
        let mut c = Class([0; 4]);
        for b in 0..=255u8 {
            let s = [b];
            let req = Request {
                string: &s[..],
                start: 0,
                end: 1,
                pattern_codes: &code,
                match_all: false,
                must_advance: false,
            };
            let mut st = State::default();
            if st.py_match(&req) && st.cursor.position == 1 {
                c.0[(b >> 6) as usize] |= 1u64 << (b & 63);
            }
        }
        c
    }
}

#[derive(Clone, Copy)]
enum At {
    Beginning,
    BeginningLine,
    End,
    EndLine,
    EndString,
    /// A word boundary (or not, when `negated`), "word" being the class.
    Boundary {
        word: Class,
        negated: bool,
    },
}

#[derive(Clone, Copy)]
enum LOp {
    One(Class),
    Mark(usize),
    At(At),
    Repeat {
        class: Class,
        min: usize,
        max: usize,
        lazy: bool,
    },
    Success,
}

/// A straight-line pattern ready to run over bytes.
pub struct Prog {
    ops: Box<[LOp]>,
    /// Mark slots (the highest mark number + 1).
    marks: usize,
    /// `lastindex` of every match: the group of the last closing mark, or -1.
    last_index: isize,
    /// A class every match's first character is in (a search skips other places).
    first: Option<Class>,
    /// Every match starts at position 0 (`\A`, `^` without MULTILINE come first).
    anchored: bool,
}

/// A match found by a [`Prog`]: its span, its marks (`usize::MAX` for unset) and its
/// `lastindex`.
#[derive(Clone, Default)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
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

fn at_of(code: u32) -> Option<At> {
    use SreAtCode as A;
    let word = |cat: SreCatCode| Class::of(&[Op::CATEGORY as u32, cat as u32]);
    Some(match code {
        x if x == A::BEGINNING as u32 || x == A::BEGINNING_STRING as u32 => At::Beginning,
        x if x == A::BEGINNING_LINE as u32 => At::BeginningLine,
        x if x == A::END as u32 => At::End,
        x if x == A::END_LINE as u32 => At::EndLine,
        x if x == A::END_STRING as u32 => At::EndString,
        x if x == A::BOUNDARY as u32 || x == A::NON_BOUNDARY as u32 => At::Boundary {
            word: word(SreCatCode::WORD),
            negated: x == A::NON_BOUNDARY as u32,
        },
        x if x == A::UNI_BOUNDARY as u32 || x == A::UNI_NON_BOUNDARY as u32 => At::Boundary {
            word: word(SreCatCode::UNI_WORD),
            negated: x == A::UNI_NON_BOUNDARY as u32,
        },
        _ => return None,
    })
}

impl Prog {
    /// The fast form of `code`, if it is a straight line of supported ops.
    pub fn of(code: &[u32]) -> Option<Prog> {
        let mut i = if code.first() == Some(&(Op::INFO as u32)) {
            *code.get(1)? as usize + 1
        } else {
            0
        };
        let mut ops = Vec::new();
        let mut marks = 0;
        let mut last_index = -1;
        loop {
            if ops.len() > MAX_OPS {
                return None;
            }
            let op = *code.get(i)?;
            if op == Op::SUCCESS as u32 {
                // The code must end here (nothing may follow the final SUCCESS).
                if i + 1 != code.len() {
                    return None;
                }
                ops.push(LOp::Success);
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
                ops.push(LOp::Mark(m));
                i += 2;
            } else if op == Op::AT as u32 {
                ops.push(LOp::At(at_of(*code.get(i + 1)?)?));
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
                ops.push(LOp::Repeat {
                    class: Class::of(&code[i + 4..i + 4 + len]),
                    min,
                    max,
                    lazy: op == Op::MIN_REPEAT_ONE as u32,
                });
                i += 1 + skip;
            } else {
                let len = item_len(code, i)?;
                ops.push(LOp::One(Class::of(&code[i..i + len])));
                i += len;
            }
        }
        let first = ops.iter().find_map(|o| match o {
            LOp::Mark(_) => None,
            LOp::One(c) => Some(Some(*c)),
            LOp::Repeat { class, min, .. } if *min > 0 => Some(Some(*class)),
            _ => Some(None),
        });
        let anchored = ops
            .iter()
            .find(|o| !matches!(o, LOp::Mark(_)))
            .is_some_and(|o| matches!(o, LOp::At(At::Beginning)));
        Some(Prog {
            ops: ops.into_boxed_slice(),
            marks,
            last_index,
            first: first.flatten(),
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
}

/// One run of a program over `s`: the window's end, and what a successful end needs.
struct Run<'a> {
    p: &'a Prog,
    s: &'a [u8],
    end: usize,
    /// The attempt's start, where an empty match is refused when `must_advance`.
    start: usize,
    must_advance: bool,
    match_all: bool,
}

impl Run<'_> {
    fn at(&self, a: &At, pos: usize) -> bool {
        let s = self.s;
        match a {
            At::Beginning => pos == 0,
            At::BeginningLine => pos == 0 || s[pos - 1] == b'\n',
            At::End => pos == self.end || (pos + 1 == self.end && s[pos] == b'\n'),
            At::EndLine => pos == self.end || s[pos] == b'\n',
            At::EndString => pos == self.end,
            At::Boundary { word, negated } => {
                if pos == 0 && pos == self.end {
                    return *negated;
                }
                let that = pos > 0 && word.has(s[pos - 1]);
                let this = pos < self.end && word.has(s[pos]);
                (this != that) != *negated
            }
        }
    }

    /// Match ops `i..` at `pos`; the end of the match, marks set in `marks`.
    fn run(&self, mut i: usize, mut pos: usize, marks: &mut [usize]) -> Option<usize> {
        loop {
            match &self.p.ops[i] {
                LOp::Success => {
                    let refused = (self.match_all && pos != self.end)
                        || (self.must_advance && pos == self.start);
                    return (!refused).then_some(pos);
                }
                LOp::One(c) => {
                    if pos >= self.end || !c.has(self.s[pos]) {
                        return None;
                    }
                    pos += 1;
                }
                LOp::Mark(m) => marks[*m] = pos,
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
                } => return self.repeat(i, pos, class, *min, *max, *lazy, marks),
            }
            i += 1;
        }
    }

    /// A repeat of one class at op `i`, then the rest: the engine's order (greedy: the
    /// longest run first, giving back one character at a time; lazy: the shortest).
    #[allow(clippy::too_many_arguments)]
    fn repeat(
        &self,
        i: usize,
        pos: usize,
        class: &Class,
        min: usize,
        max: usize,
        lazy: bool,
        marks: &mut [usize],
    ) -> Option<usize> {
        let limit = max.min(self.end - pos);
        let s = &self.s[pos..pos + limit];
        // A next op that tests one character lets the loop skip counts it would refuse.
        let next = match self.p.ops[i + 1] {
            LOp::One(c) => Some(c),
            _ => None,
        };
        let fits = |n: usize| match next {
            Some(c) => pos + n < self.end && c.has(self.s[pos + n]),
            None => true,
        };
        if lazy {
            let mut n = 0;
            while n < min {
                if n >= limit || !class.has(s[n]) {
                    return None;
                }
                n += 1;
            }
            loop {
                if fits(n)
                    && let Some(e) = self.run(i + 1, pos + n, marks)
                {
                    return Some(e);
                }
                if n >= limit || !class.has(s[n]) {
                    return None;
                }
                n += 1;
            }
        }
        let count = s.iter().take_while(|&&b| class.has(b)).count();
        if count < min {
            return None;
        }
        let mut n = count;
        loop {
            if fits(n)
                && let Some(e) = self.run(i + 1, pos + n, marks)
            {
                return Some(e);
            }
            if n == min {
                return None;
            }
            n -= 1;
        }
    }
}

/// What an attempt asks (as in the engine's request).
#[derive(Clone, Copy)]
pub struct Ask {
    pub start: usize,
    pub end: usize,
    pub must_advance: bool,
    pub match_all: bool,
    /// Try every place from `start` on (a search), or only `start`.
    pub search: bool,
}

/// Run `p` over `s` as `ask` says; on success `hit` holds the match.
pub fn find(p: &Prog, s: &[u8], ask: Ask, hit: &mut Hit) -> bool {
    let end = ask.end.min(s.len());
    if ask.start > end {
        return false;
    }
    let mut run = Run {
        p,
        s,
        end,
        start: ask.start,
        must_advance: ask.must_advance,
        match_all: ask.match_all,
    };
    if hit.marks.len() != p.marks {
        hit.marks = vec![usize::MAX; p.marks];
    }
    hit.last_index = p.last_index;
    let mut ask = ask;
    if p.anchored && ask.search {
        // Only position 0 can match: one attempt there, or none past it.
        if ask.start != 0 {
            return false;
        }
        ask.search = false;
    }
    let mut at = ask.start;
    loop {
        if let Some(c) = &p.first
            && ask.search
        {
            // Skip to the next place whose character can start a match.
            match s[at..end].iter().position(|&b| c.has(b)) {
                Some(k) => at += k,
                None => return false,
            }
        }
        run.start = at;
        run.must_advance = ask.must_advance && at == ask.start;
        hit.marks.fill(usize::MAX);
        if let Some(e) = run.run(0, at, &mut hit.marks) {
            hit.start = at;
            hit.end = e;
            return true;
        }
        if !ask.search || at >= end {
            return false;
        }
        at += 1;
    }
}
