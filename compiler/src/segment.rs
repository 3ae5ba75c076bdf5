//! What a traceback needs to know about the source of a failing expression: whether
//! it is a binary operation or a subscript, and where its parts are, so the marker
//! line can single out the operator or the brackets (`~~~^^^~~`).

use ruff_python_ast::{Expr, Stmt};
use ruff_text_size::Ranged;

use crate::Mode;
use crate::parse::{Parsed, parse};

/// The shape of a one-line source segment, offsets in UTF-8 bytes of the segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SegmentShape {
    /// `left op right`: where the left operand ends and the right one starts.
    BinOp { left_end: usize, right_start: usize },
    /// `value[slice]`: where the value ends and where the slice ends.
    Subscript { value_end: usize, slice_end: usize },
}

/// The shape of `segment` if it parses as a module of exactly one expression
/// statement that is a binary operation or a subscript.
pub fn segment_shape(segment: &str) -> Option<SegmentShape> {
    let Ok(Parsed::Module(m)) = parse(segment, Mode::Module) else {
        return None;
    };
    let [Stmt::Expr(e)] = &m.body[..] else {
        return None;
    };
    match &*e.value {
        Expr::BinOp(b) => Some(SegmentShape::BinOp {
            left_end: b.left.range().end().to_usize(),
            right_start: b.right.range().start().to_usize(),
        }),
        Expr::Subscript(s) => Some(SegmentShape::Subscript {
            value_end: s.value.range().end().to_usize(),
            slice_end: s.slice.range().end().to_usize(),
        }),
        _ => None,
    }
}
