//! Parsing `struct` format strings into a layout: where each field sits, how big it is,
//! and how many Python values the whole format packs. Pure Rust (no interpreter), as
//! CPython lays formats out on x86-64 Linux.

/// Byte order and size/alignment rules, from the format's first character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// `@` (or no prefix): native sizes, native alignment, native order.
    Native,
    /// `=`, `<`, `>`, `!`: standard sizes, no alignment.
    Standard { big_endian: bool },
}

impl Mode {
    pub fn big_endian(self) -> bool {
        match self {
            Mode::Native => cfg!(target_endian = "big"),
            Mode::Standard { big_endian } => big_endian,
        }
    }
}

/// A run of fields of one code: `count` fields of `size` bytes from `offset`, except for
/// `s` and `p`, where the run is one field of `size` bytes (count 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run {
    pub code: u8,
    pub offset: usize,
    pub size: usize,
    pub count: usize,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    pub mode: Mode,
    /// The runs, pad bytes (`x`) left out.
    pub runs: Vec<Run>,
    /// Total size in bytes (`calcsize`).
    pub size: usize,
    /// Number of values packed or unpacked.
    pub items: usize,
}

/// Why a format is rejected (the text of CPython's `struct.error`).
pub type FormatError = &'static str;

/// Size of one field of `code` in `mode`, or None for a code the mode lacks.
fn item_size(code: u8, mode: Mode) -> Option<usize> {
    let native = mode == Mode::Native;
    Some(match code {
        b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p' => 1,
        b'h' | b'H' | b'e' => 2,
        b'i' | b'I' | b'f' => 4,
        b'l' | b'L' if native => 8,
        b'l' | b'L' => 4,
        b'q' | b'Q' | b'd' => 8,
        b'n' | b'N' | b'P' if native => 8,
        _ => return None,
    })
}

/// Python's whitespace, which a format may contain between fields.
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

pub fn parse(fmt: &[u8]) -> Result<Layout, FormatError> {
    if fmt.contains(&0) {
        return Err("embedded null character");
    }
    let (mode, body) = match fmt.first() {
        Some(b'<') => (Mode::Standard { big_endian: false }, &fmt[1..]),
        Some(b'>' | b'!') => (Mode::Standard { big_endian: true }, &fmt[1..]),
        Some(b'=') => (
            Mode::Standard {
                big_endian: cfg!(target_endian = "big"),
            },
            &fmt[1..],
        ),
        Some(b'@') => (Mode::Native, &fmt[1..]),
        _ => (Mode::Native, fmt),
    };
    const TOO_LONG: FormatError = "total struct size too long";
    let mut layout = Layout {
        mode,
        runs: Vec::new(),
        size: 0,
        items: 0,
    };
    let mut i = 0;
    while i < body.len() {
        let mut c = body[i];
        i += 1;
        if is_space(c) {
            continue;
        }
        let mut num = 1usize;
        if c.is_ascii_digit() {
            num = (c - b'0') as usize;
            while i < body.len() && body[i].is_ascii_digit() {
                num = num
                    .checked_mul(10)
                    .and_then(|n| n.checked_add((body[i] - b'0') as usize))
                    .ok_or(TOO_LONG)?;
                i += 1;
            }
            if i >= body.len() {
                return Err("repeat count given without format specifier");
            }
            c = body[i];
            i += 1;
        }
        let size = item_size(c, mode).ok_or("bad char in struct format")?;
        // Native alignment: a field starts at a multiple of its size.
        if mode == Mode::Native && size > 1 {
            layout.size = layout
                .size
                .div_ceil(size)
                .checked_mul(size)
                .ok_or(TOO_LONG)?;
        }
        let offset = layout.size;
        let bytes = match c {
            b's' | b'p' => {
                layout.runs.push(Run {
                    code: c,
                    offset,
                    size: num,
                    count: 1,
                });
                layout.items += 1;
                num
            }
            b'x' => num,
            _ => {
                if num > 0 {
                    layout.runs.push(Run {
                        code: c,
                        offset,
                        size,
                        count: num,
                    });
                }
                layout.items = layout.items.checked_add(num).ok_or(TOO_LONG)?;
                num.checked_mul(size).ok_or(TOO_LONG)?
            }
        };
        layout.size = layout.size.checked_add(bytes).ok_or(TOO_LONG)?;
        if layout.size > isize::MAX as usize {
            return Err(TOO_LONG);
        }
    }
    Ok(layout)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn size(f: &str) -> Result<usize, FormatError> {
        parse(f.as_bytes()).map(|l| l.size)
    }

    #[test]
    fn sizes_and_alignment() {
        assert_eq!(size("@bq"), Ok(16));
        assert_eq!(size("<bq"), Ok(9));
        assert_eq!(size("llh0l"), Ok(24));
        assert_eq!(size("ci 3s 2p"), Ok(13));
        assert_eq!(size("=l"), Ok(4));
        assert_eq!(size("<n"), Err("bad char in struct format"));
        assert_eq!(
            size("3"),
            Err("repeat count given without format specifier")
        );
        assert_eq!(
            size("99999999999999999999i"),
            Err("total struct size too long")
        );
        let l = parse(b"2h3x4s").unwrap();
        assert_eq!(l.items, 3);
        assert_eq!(l.runs[1].offset, 7);
    }
}
