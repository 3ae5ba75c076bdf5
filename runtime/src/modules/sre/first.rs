//! A first-character filter for searches: when every match of a pattern must begin
//! with one of a few literals (`(?i)error|warning`, `(x)y`, ...), a search tries the
//! engine only where the subject's character can begin one. The engine's own search
//! does this for literal prefixes and charsets, but not for a branch of case-folded
//! literals, where it would otherwise run a full match attempt at every position.
//!
//! The filter is read off the code list (unless its INFO block gives the engine a
//! literal prefix or a charset to search by): after the INFO block, through group marks,
//! the first op must be a literal (plain, ASCII-folded or Unicode-folded) or a branch
//! whose every alternative starts so. Anything else (sets, anchors, assertions,
//! repeats, an alternative that can be empty) gives no filter, and the engine searches
//! alone.
use rustpython_sre_engine::SreInfo;
use rustpython_sre_engine::SreOpcode as Op;
use rustpython_sre_engine::string::{lower_ascii, lower_unicode};

/// How a literal head compares a character.
pub const EXACT: u8 = 0;
pub const ASCII_FOLD: u8 = 1;
pub const UNICODE_FOLD: u8 = 2;

/// The heads every match starts with, or empty for none known.
pub fn first_chars(code: &[u32]) -> Box<[(u8, u32)]> {
    let start = if code.first() == Some(&(Op::INFO as u32)) {
        // The engine's own search is better with a literal prefix or a charset.
        let flags = SreInfo::from_bits_truncate(code.get(2).copied().unwrap_or(0));
        if flags.intersects(SreInfo::PREFIX | SreInfo::CHARSET) {
            return Box::new([]);
        }
        code.get(1).map_or(usize::MAX, |&s| s as usize + 1)
    } else {
        0
    };
    let mut out = Vec::new();
    if heads(code, start, &mut out, 0) {
        out.into_boxed_slice()
    } else {
        Box::new([])
    }
}

/// Add the heads of the code at `i`; false if some match might start otherwise.
fn heads(code: &[u32], mut i: usize, out: &mut Vec<(u8, u32)>, depth: u32) -> bool {
    if depth > 4 || out.len() > 16 {
        return false;
    }
    loop {
        let (Some(&op), Some(&arg)) = (code.get(i), code.get(i + 1)) else {
            return false;
        };
        let kind = match op {
            x if x == Op::MARK as u32 => {
                i += 2;
                continue;
            }
            x if x == Op::LITERAL as u32 => EXACT,
            x if x == Op::LITERAL_IGNORE as u32 => ASCII_FOLD,
            x if x == Op::LITERAL_UNI_IGNORE as u32 => UNICODE_FOLD,
            x if x == Op::BRANCH as u32 => return branch(code, i + 1, out, depth),
            _ => return false,
        };
        out.push((kind, arg));
        return true;
    }
}

/// `BRANCH <skip> alternative JUMP <j> <skip> alternative ... FAILURE`, from the
/// first skip word at `s`.
fn branch(code: &[u32], mut s: usize, out: &mut Vec<(u8, u32)>, depth: u32) -> bool {
    loop {
        match code.get(s) {
            Some(0) => return true,
            Some(&skip) => {
                if !heads(code, s + 1, out, depth + 1) {
                    return false;
                }
                s += skip as usize;
            }
            None => return false,
        }
    }
}

/// May a match begin with `ch`?
#[inline]
pub fn admits(heads: &[(u8, u32)], ch: u32) -> bool {
    heads.iter().any(|&(kind, lit)| match kind {
        EXACT => ch == lit,
        ASCII_FOLD => lower_ascii(ch) == lit,
        _ => lower_unicode(ch) == lit,
    })
}

/// The literal prefix every match starts with, as bytes, from an INFO block whose
/// prefix is exact (case-sensitive); empty when there is none or one of its characters
/// is not a byte.
pub fn byte_prefix(code: &[u32]) -> Box<[u8]> {
    if code.first() != Some(&(Op::INFO as u32)) {
        return Box::default();
    }
    let flags = SreInfo::from_bits_truncate(code.get(2).copied().unwrap_or(0));
    if !flags.contains(SreInfo::PREFIX) {
        return Box::default();
    }
    let chars = code
        .get(5)
        .and_then(|&len| code.get(7..7 + len as usize))
        .unwrap_or_default();
    chars
        .iter()
        .map(|&c| u8::try_from(c))
        .collect::<Result<Vec<u8>, _>>()
        .map(Vec::into_boxed_slice)
        .unwrap_or_default()
}

/// The exact literal prefix as UTF-8 and its length in characters (for text subjects);
/// empty when there is none.
pub fn text_prefix(code: &[u32]) -> (Box<[u8]>, usize) {
    let flags = SreInfo::from_bits_truncate(code.get(2).copied().unwrap_or(0));
    if code.first() != Some(&(Op::INFO as u32)) || !flags.contains(SreInfo::PREFIX) {
        return (Box::default(), 0);
    }
    let chars = code
        .get(5)
        .and_then(|&len| code.get(7..7 + len as usize))
        .unwrap_or_default();
    let mut out = String::new();
    for &c in chars {
        match char::from_u32(c) {
            Some(ch) => out.push(ch),
            None => return (Box::default(), 0),
        }
    }
    (out.into_bytes().into_boxed_slice(), chars.len())
}

/// A pattern that starts with a repeat of one character set followed by a literal
/// outside the set (`[\w.+-]+@...`, `\d+px`): every match starts inside a run of set
/// characters and that run must end at the literal. A search then skips each whole run
/// that ends otherwise, instead of a failing attempt at every position in it (which
/// makes such a scan quadratic in the run length, in CPython as well).
///
/// `set` holds an approximation of the repeated set that may admit more characters
/// than the engine's (never fewer): every character outside ASCII is admitted when the
/// set names a category. Skipping stays exact: a run ended by a character the
/// approximation admits wrongly is only longer, and the literal is not in it.
pub struct RunStop {
    set: Box<[u32]>,
    pub stop: u32,
}

impl RunStop {
    /// The filter for `code`, if its first op after the INFO block (and group marks)
    /// is such a repeat.
    pub fn of(code: &[u32]) -> Option<RunStop> {
        let mut i = if code.first() == Some(&(Op::INFO as u32)) {
            *code.get(1)? as usize + 1
        } else {
            0
        };
        while code.get(i) == Some(&(Op::MARK as u32)) {
            i += 2;
        }
        let op = *code.get(i)?;
        if op != Op::REPEAT_ONE as u32 && op != Op::MIN_REPEAT_ONE as u32 {
            return None;
        }
        let skip = *code.get(i + 1)? as usize;
        let min = *code.get(i + 2)?;
        if min < 1 || *code.get(i + 4)? != Op::IN as u32 {
            return None;
        }
        let in_skip = *code.get(i + 5)? as usize;
        // IN <skip> ops... FAILURE, then SUCCESS closing the repeat body.
        let set = code.get(i + 6..i + 5 + in_skip)?;
        if code.get(i + 5 + in_skip) != Some(&(Op::SUCCESS as u32)) {
            return None;
        }
        let mut next = i + 1 + skip;
        while code.get(next) == Some(&(Op::MARK as u32)) {
            next += 2;
        }
        if code.get(next) != Some(&(Op::LITERAL as u32)) {
            return None;
        }
        let stop = *code.get(next + 1)?;
        let rs = RunStop {
            set: set.into(),
            stop,
        };
        // Only sets made of ops understood below, and a literal the set refuses.
        match rs.admits_checked(stop) {
            Some(false) => Some(rs),
            _ => None,
        }
    }

    /// May `ch` belong to the repeated set?
    #[inline]
    pub fn admits(&self, ch: u32) -> bool {
        self.admits_checked(ch).unwrap_or(true)
    }

    /// None when the set uses an op this approximation does not read.
    fn admits_checked(&self, ch: u32) -> Option<bool> {
        let s = &self.set;
        let mut i = 0;
        while i < s.len() {
            let op = s[i];
            if op == Op::FAILURE as u32 {
                return Some(false);
            } else if op == Op::LITERAL as u32 {
                if ch == *s.get(i + 1)? {
                    return Some(true);
                }
                i += 2;
            } else if op == Op::RANGE as u32 {
                if (*s.get(i + 1)?..=*s.get(i + 2)?).contains(&ch) {
                    return Some(true);
                }
                i += 3;
            } else if op == Op::CHARSET as u32 {
                // 256 bits in eight 32-bit words.
                let words = s.get(i + 1..i + 9)?;
                if ch < 256 && words[(ch >> 5) as usize] & (1 << (ch & 31)) != 0 {
                    return Some(true);
                }
                i += 9;
            } else if op == Op::CATEGORY as u32 {
                if ch >= 0x80 || ascii_category(*s.get(i + 1)?, ch as u8)? {
                    return Some(true);
                }
                i += 2;
            } else {
                return None;
            }
        }
        None
    }
}

/// Whether the ASCII character `c` is in the category `cat` (SRE's CHCODES), for both
/// the ASCII and the Unicode form of the category; None for the locale ones.
fn ascii_category(cat: u32, c: u8) -> Option<bool> {
    let digit = c.is_ascii_digit();
    let space = matches!(c, 0x09..=0x0D | 0x1C..=0x20);
    let word = c.is_ascii_alphanumeric() || c == b'_';
    let linebreak = matches!(c, 0x0A..=0x0D | 0x1C..=0x1E);
    Some(match cat {
        0 | 10 => digit,
        1 | 11 => !digit,
        2 | 12 => space,
        3 | 13 => !matches!(c, 0x09..=0x0D | 0x20),
        4 | 14 => word,
        5 | 15 => !word,
        6 | 16 => linebreak,
        7 | 17 => c != b'\n',
        _ => return None,
    })
}
