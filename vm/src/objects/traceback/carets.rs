//! The marker line under a traceback's source line (`~~~^^^~~~` or `^^^^`), drawn as
//! CPython 3.11 draws it for an uncaught exception: from the failing instruction's
//! source span (the code object's position table), with the operator of a binary
//! operation or the brackets of a subscript singled out, and left out when the marked
//! part is the whole line.

use crate::bytecode::Position;
use crate::compiler::{SegmentShape, segment_shape};

/// The source span of instruction `lasti` of `code`, if it is known.
pub fn position_of(code: &crate::bytecode::CodeData, lasti: u32) -> Option<Position> {
    code.positions.get(&code.lines, lasti as usize)
}

/// CPython's whitespace for indentation and the end of a line here: space, tab, form feed.
fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\x0c')
}

/// The number of characters in the first `byte` bytes of `s` (an offset past the end
/// counts one more character, as CPython's conversion does; a cut character is one).
pub fn byte_to_char(s: &str, byte: usize) -> usize {
    let b = s.as_bytes();
    if byte > b.len() {
        return s.chars().count() + 1;
    }
    String::from_utf8_lossy(&b[..byte]).chars().count()
}

/// Where the secondary part of the marker goes in `segment` (UTF-8 byte offsets: from,
/// to) and whether the primary part is drawn with `~` (else everything is `^`).
fn anchors(segment: &str) -> Option<(usize, usize, bool)> {
    let b = segment.as_bytes();
    match segment_shape(segment)? {
        SegmentShape::BinOp {
            left_end,
            right_start,
        } => {
            // The operator: the first character after the left operand that is neither
            // blank nor a closing parenthesis, with the one after it when that is not
            // blank (a two-character operator).
            let mut found = None;
            let mut i = left_end;
            while i < right_start && i < b.len() {
                if is_ws(b[i]) {
                    i += 1;
                    continue;
                }
                let wide = i + 1 < right_start && i + 1 < b.len() && !is_ws(b[i + 1]);
                found = Some((i, i + 1 + usize::from(wide), false));
                if i + 1 < right_start && b[i] == b')' {
                    i += 1;
                    continue;
                }
                found = Some((i, i + 1 + usize::from(wide), true));
                break;
            }
            found
        }
        SegmentShape::Subscript {
            value_end,
            slice_end,
        } => {
            let mut left = value_end;
            let mut right = slice_end + 1;
            while left < b.len() && b[left] != b'[' {
                left += 1;
            }
            while right < b.len() && b[right] != b']' {
                right += 1;
            }
            if right < b.len() {
                right += 1;
            }
            Some((left, right, true))
        }
    }
}

/// The marker line (without its newline) for source line `raw` (as in the file, without
/// its line end) and the span `pos` of the failing instruction, or None when CPython
/// prints none (no columns, or the marker would cover the whole line).
pub fn marker_line(raw: &str, pos: Position) -> Option<String> {
    let (col, end_col) = (pos.col? as usize, pos.end_col? as usize);
    let chars: Vec<char> = raw.chars().collect();
    let indent = chars
        .iter()
        .take_while(|c| matches!(c, ' ' | '\t' | '\x0c'))
        .count();
    let start = byte_to_char(raw, col);
    let mut end = byte_to_char(raw, end_col);
    // (from, to) of the secondary part, in characters of the line.
    let mut secondary = None;
    // The secondary part is always `^`; the rest is `~` when the shape was recognised.
    let mut primary_ch = '^';
    if pos.line == pos.end_line {
        let lo = start.min(chars.len());
        let seg: String = chars[lo..end.min(chars.len()).max(lo)].iter().collect();
        if let Some((l, r, tilde)) = anchors(&seg) {
            secondary = Some((byte_to_char(&seg, l) + start, byte_to_char(&seg, r) + start));
            if tilde {
                primary_ch = '~';
            }
        }
    } else {
        // A span that goes on to later lines is marked to the end of this one (CPython
        // counts that end in bytes).
        let b = raw.as_bytes();
        end = b.iter().rposition(|&c| !is_ws(c)).map_or(0, |i| i + 1);
    }
    let stripped_len = chars.len() - indent;
    if end.wrapping_sub(start) == stripped_len && secondary.is_none() {
        return None;
    }
    let mut out = String::from("    ");
    // Column k of the line (0-based) is drawn at output position k - indent.
    for k in indent..end {
        let c = if k < start {
            ' '
        } else if let Some((l, r)) = secondary
            && l <= k
            && k < r
        {
            '^'
        } else {
            primary_ch
        };
        out.push(c);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(col: u32, end_col: u32) -> Position {
        Position {
            line: 1,
            end_line: 1,
            col: Some(col),
            end_col: Some(end_col),
        }
    }

    #[test]
    fn binop_and_subscript() {
        assert_eq!(
            marker_line("    return a + b", pos(11, 16)).as_deref(),
            Some("           ~~^~~")
        );
        assert_eq!(
            marker_line("    return d[\"k\"][\"x\"]", pos(11, 22)).as_deref(),
            Some("           ~~~~~~^^^^^")
        );
        assert_eq!(
            marker_line("x = (1) // (0)", pos(4, 14)).as_deref(),
            Some("        ~~~~^^~~~~")
        );
    }

    #[test]
    fn whole_line_has_no_marker() {
        assert_eq!(marker_line("    f()", pos(4, 7)), None);
        assert_eq!(
            marker_line("    y = f()", pos(8, 11)).as_deref(),
            Some("        ^^^")
        );
    }
}
