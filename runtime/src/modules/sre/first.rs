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
