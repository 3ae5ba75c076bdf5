//! Numeric literals checked as CPython's tokenizer reads them, for its messages
//! ("invalid decimal literal", "invalid digit '2' in binary literal", "leading zeros in
//! decimal integer literals are not permitted...") and their positions.
//!
//! Positions are byte offsets into the source. CPython's tokenizer reports an error at
//! its read cursor: `offset` is the number of characters on the line before `at`, and
//! `end_offset` equals it, except for leading zeros (a range from the literal's start).

/// A numeric literal the tokenizer rejects.
pub(super) struct BadNumber {
    pub msg: String,
    /// Where the tokenizer's cursor stood (byte offset).
    pub at: usize,
    /// Leading zeros: the literal's start and the cursor after the first other digit.
    pub range: Option<(usize, usize)>,
}

const LEADING_ZEROS: &str = "leading zeros in decimal integer literals are not permitted; \
                             use an 0o prefix for octal integers";

/// A cursor over the source as CPython's tokenizer moves it: `next` reads a byte
/// (0 at the end), `back` puts the last one back.
struct Cur<'a> {
    s: &'a [u8],
    pos: usize,
}

impl Cur<'_> {
    fn next(&mut self) -> u8 {
        let c = self.s.get(self.pos).copied().unwrap_or(0);
        self.pos += 1;
        c
    }
    fn back(&mut self) {
        self.pos -= 1;
    }
    fn bad(&self, msg: impl Into<String>) -> Result<(), BadNumber> {
        Err(BadNumber {
            msg: msg.into(),
            at: self.pos.min(self.s.len()),
            range: None,
        })
    }
    /// Whether the following bytes spell `word` and no identifier character follows.
    fn lookahead(&self, word: &str) -> bool {
        let rest = &self.s[self.pos.min(self.s.len())..];
        rest.starts_with(word.as_bytes()) && !rest.get(word.len()).copied().is_some_and(ident_char)
    }
}

fn ident_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c >= 128
}

/// After a literal, `c` (just read) must not continue it as a name, unless it begins a
/// keyword that may follow a number (`1if x else y`), which CPython only warns about.
fn end_of_number(cur: &mut Cur, c: u8, kind: &str) -> Result<(), BadNumber> {
    let keyword = match c {
        b'a' => cur.lookahead("nd"),
        b'e' => cur.lookahead("lse"),
        b'f' => cur.lookahead("or"),
        b'i' => matches!(cur.s.get(cur.pos), Some(b'f' | b'n' | b's')),
        b'o' => cur.lookahead("r"),
        b'n' => cur.lookahead("ot"),
        _ => false,
    };
    if !keyword && ident_char(c) {
        cur.back();
        return cur.bad(format!("invalid {kind} literal"));
    }
    Ok(())
}

/// Digits and single underscores between digits; returns the byte after them.
fn decimal_tail(cur: &mut Cur) -> Result<u8, BadNumber> {
    loop {
        let mut c = cur.next();
        while c.is_ascii_digit() {
            c = cur.next();
        }
        if c != b'_' {
            return Ok(c);
        }
        c = cur.next();
        if !c.is_ascii_digit() {
            cur.back();
            cur.bad("invalid decimal literal")?;
        }
    }
}

/// Check the literal starting at `start` (a digit, or `.` then a digit).
pub(super) fn check(source: &str, start: usize) -> Result<(), BadNumber> {
    let mut cur = Cur {
        s: source.as_bytes(),
        pos: start,
    };
    let first = cur.next();
    if first == b'.' {
        let c = cur.next();
        return fraction(&mut cur, c);
    }
    if first != b'0' {
        let c = decimal_tail(&mut cur)?;
        return after_integer(&mut cur, c);
    }
    let mut c = cur.next();
    match c {
        b'.' => {
            let c = cur.next();
            fraction(&mut cur, c)
        }
        b'j' | b'J' => imaginary(&mut cur),
        b'x' | b'X' => radix(&mut cur, 16, "hexadecimal"),
        b'o' | b'O' => radix(&mut cur, 8, "octal"),
        b'b' | b'B' => radix(&mut cur, 2, "binary"),
        _ => {
            // Zeros, maybe with underscores; a nonzero digit after them is only
            // allowed in a float or imaginary literal.
            loop {
                if c == b'_' {
                    c = cur.next();
                    if !c.is_ascii_digit() {
                        cur.back();
                        return cur.bad("invalid decimal literal");
                    }
                }
                if c != b'0' {
                    break;
                }
                c = cur.next();
            }
            let zeros_end = cur.pos;
            let nonzero = c.is_ascii_digit();
            if nonzero {
                c = decimal_tail(&mut cur)?;
            }
            match c {
                b'.' => {
                    let c = cur.next();
                    fraction(&mut cur, c)
                }
                b'e' | b'E' => exponent(&mut cur, c),
                b'j' | b'J' => imaginary(&mut cur),
                _ if nonzero => Err(BadNumber {
                    msg: LEADING_ZEROS.into(),
                    at: start,
                    range: Some((start, zeros_end.min(source.len()))),
                }),
                _ => end_of_number(&mut cur, c, "decimal"),
            }
        }
    }
}

fn after_integer(cur: &mut Cur, c: u8) -> Result<(), BadNumber> {
    match c {
        b'.' => {
            let c = cur.next();
            fraction(cur, c)
        }
        b'e' | b'E' => exponent(cur, c),
        b'j' | b'J' => imaginary(cur),
        _ => end_of_number(cur, c, "decimal"),
    }
}

/// `c` is the byte after the `.`.
fn fraction(cur: &mut Cur, mut c: u8) -> Result<(), BadNumber> {
    if c.is_ascii_digit() {
        c = decimal_tail(cur)?;
    }
    match c {
        b'e' | b'E' => exponent(cur, c),
        b'j' | b'J' => imaginary(cur),
        _ => end_of_number(cur, c, "decimal"),
    }
}

/// `e` is the `e` or `E` just read.
fn exponent(cur: &mut Cur, e: u8) -> Result<(), BadNumber> {
    let mut c = cur.next();
    if c == b'+' || c == b'-' {
        c = cur.next();
        if !c.is_ascii_digit() {
            cur.back();
            return cur.bad("invalid decimal literal");
        }
    } else if !c.is_ascii_digit() {
        // `1else`: the number ends before the `e`.
        cur.back();
        cur.back();
        let e_at = cur.pos;
        cur.pos += 1;
        end_of_number(cur, e, "decimal")?;
        cur.pos = e_at;
        return Ok(());
    }
    let c = decimal_tail(cur)?;
    match c {
        b'j' | b'J' => imaginary(cur),
        _ => end_of_number(cur, c, "decimal"),
    }
}

fn imaginary(cur: &mut Cur) -> Result<(), BadNumber> {
    let c = cur.next();
    end_of_number(cur, c, "imaginary")
}

/// `0x`, `0o`, `0b` literals: groups of digits joined by single underscores.
fn radix(cur: &mut Cur, base: u32, kind: &str) -> Result<(), BadNumber> {
    let digit = |c: u8| (c as char).is_digit(base);
    let mut c = cur.next();
    loop {
        if c == b'_' {
            c = cur.next();
        }
        if !digit(c) {
            if base < 16 && c.is_ascii_digit() {
                return cur.bad(format!("invalid digit '{}' in {kind} literal", c as char));
            }
            cur.back();
            return cur.bad(format!("invalid {kind} literal"));
        }
        while digit(c) {
            c = cur.next();
        }
        if c != b'_' {
            break;
        }
    }
    if base < 16 && c.is_ascii_digit() {
        return cur.bad(format!("invalid digit '{}' in {kind} literal", c as char));
    }
    end_of_number(cur, c, kind)
}
