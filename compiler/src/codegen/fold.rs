//! Constant folding: an expression made only of literals and operators whose result
//! the compiler can compute exactly as the runtime would becomes one constant
//! (`-1`, `2 ** 10`, `1 << 20`, `'ab' + 'c'`, `(1, -2)`), as CPython's AST optimiser does.
//!
//! Only operations that cannot fail and whose result is cheap to keep are folded:
//! anything that would raise (division by zero, overflow past `i64`, a negative shift)
//! or make a large object (strings and bytes past [`MAX_FOLDED_LEN`]) is left to run, so
//! the error and its traceback come at run time as before.
use crate::bytecode::Const;
use ruff_python_ast::{self as ast, Expr};

use super::Compiler;

/// Longest str or bytes a fold may produce (CPython's limit is 4096 too).
const MAX_FOLDED_LEN: usize = 4096;

/// Deepest expression folded. Every level of a long chain (`x + 1 + 1 + ...`) asks
/// again, so an unbounded fold would be quadratic in the chain's length.
const MAX_FOLD_DEPTH: u32 = 12;

impl Compiler<'_> {
    /// The constant `e` evaluates to, when it can be computed now.
    pub(crate) fn fold(&self, e: &Expr) -> Option<Const> {
        self.fold_within(e, MAX_FOLD_DEPTH)
    }

    fn fold_within(&self, e: &Expr, depth: u32) -> Option<Const> {
        let sub = |x: &Expr| match depth {
            0 => None,
            _ => self.fold_within(x, depth - 1),
        };
        match e {
            Expr::UnaryOp(u) => unary(u.op, sub(&u.operand)?),
            Expr::BinOp(b) => binary(b.op, sub(&b.left)?, sub(&b.right)?),
            Expr::Tuple(t) if !t.elts.is_empty() => {
                Some(Const::Tuple(t.elts.iter().map(sub).collect::<Option<_>>()?))
            }
            _ => self.exact_literal_const(e),
        }
    }
}

fn unary(op: ast::UnaryOp, v: Const) -> Option<Const> {
    use ast::UnaryOp as U;
    Some(match (op, v) {
        (U::USub, Const::Int(i)) => Const::Int(i.checked_neg()?),
        (U::USub, Const::Float(f)) => Const::Float(-f),
        (U::USub, Const::Complex { real, imag }) => Const::Complex {
            real: -real,
            imag: -imag,
        },
        (U::UAdd, c @ (Const::Int(_) | Const::Float(_))) => c,
        (U::Invert, Const::Int(i)) => Const::Int(!i),
        _ => return None,
    })
}

fn binary(op: ast::Operator, a: Const, b: Const) -> Option<Const> {
    match (a, b) {
        (Const::Int(x), Const::Int(y)) => int_op(op, x, y).map(Const::Int),
        (Const::Float(x), Const::Float(y)) => float_op(op, x, y).map(Const::Float),
        (Const::Float(x), Const::Int(y)) => float_op(op, x, exact_f64(y)?).map(Const::Float),
        (Const::Int(x), Const::Float(y)) => float_op(op, exact_f64(x)?, y).map(Const::Float),
        (Const::Str(x), Const::Str(y)) if op == ast::Operator::Add => {
            (x.chars().count() + y.chars().count() <= MAX_FOLDED_LEN).then(|| Const::Str(x + &y))
        }
        (Const::Str(s), Const::Int(n)) | (Const::Int(n), Const::Str(s))
            if op == ast::Operator::Mult =>
        {
            let n = usize::try_from(n.max(0)).ok()?;
            (s.chars().count().checked_mul(n)? <= MAX_FOLDED_LEN).then(|| Const::Str(s.repeat(n)))
        }
        (Const::Bytes(x), Const::Bytes(y)) if op == ast::Operator::Add => {
            (x.len() + y.len() <= MAX_FOLDED_LEN).then(|| Const::Bytes([x, y].concat()))
        }
        _ => None,
    }
}

/// `x` as a float when the conversion is exact (as Python's mixed arithmetic needs).
fn exact_f64(x: i64) -> Option<f64> {
    (x.unsigned_abs() <= 1 << 53).then_some(x as f64)
}

fn int_op(op: ast::Operator, x: i64, y: i64) -> Option<i64> {
    use ast::Operator as O;
    match op {
        O::Add => x.checked_add(y),
        O::Sub => x.checked_sub(y),
        O::Mult => x.checked_mul(y),
        O::FloorDiv if y != 0 => {
            let q = x.checked_div(y)?;
            Some(if (x % y != 0) && ((x < 0) != (y < 0)) {
                q - 1
            } else {
                q
            })
        }
        O::Mod if y != 0 => {
            let r = x.checked_rem(y)?;
            Some(if r != 0 && ((r < 0) != (y < 0)) {
                r + y
            } else {
                r
            })
        }
        O::Pow if y >= 0 => x.checked_pow(u32::try_from(y).ok()?),
        O::LShift if (0..64).contains(&y) => {
            let r = x.checked_shl(y as u32)?;
            (r >> y == x).then_some(r)
        }
        O::RShift if (0..64).contains(&y) => Some(x >> y),
        O::BitAnd => Some(x & y),
        O::BitOr => Some(x | y),
        O::BitXor => Some(x ^ y),
        _ => None,
    }
}

/// The float operations whose IEEE result is Python's (no `%`, `//` or `**`, which
/// have their own rules for signs and special values; no division by zero).
fn float_op(op: ast::Operator, x: f64, y: f64) -> Option<f64> {
    use ast::Operator as O;
    match op {
        O::Add => Some(x + y),
        O::Sub => Some(x - y),
        O::Mult => Some(x * y),
        O::Div if y != 0.0 => Some(x / y),
        _ => None,
    }
}
