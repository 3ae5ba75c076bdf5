//! The text of an annotation under `from __future__ import annotations`, as CPython
//! writes it back from the syntax tree: `dict[str,int]` is kept as `'dict[str, int]'`,
//! `"x"` as `"'x'"`. Kinds of expression this does not rewrite keep their source text.
use ruff_python_ast::{self as ast, Expr};
use ruff_text_size::Ranged;

// Precedence levels, loosest first.
const TUPLE: u8 = 0;
const TEST: u8 = 1;
const OR: u8 = 2;
const AND: u8 = 3;
const NOT: u8 = 4;
const CMP: u8 = 5;
const BOR: u8 = 6;
const BXOR: u8 = 7;
const BAND: u8 = 8;
const SHIFT: u8 = 9;
const ARITH: u8 = 10;
const TERM: u8 = 11;
const FACTOR: u8 = 12;
const POWER: u8 = 13;
const ATOM: u8 = 15;

/// `e` written back as text.
pub(crate) fn unparse(e: &Expr, source: &str) -> String {
    let mut w = Writer {
        out: String::new(),
        source,
    };
    w.expr(e, TEST);
    w.out
}

/// Python's `repr` of a str.
pub(crate) fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

struct Writer<'s> {
    out: String,
    source: &'s str,
}

impl Writer<'_> {
    fn raw(&mut self, e: &Expr) {
        let r = e.range();
        match self.source.get(r.start().to_usize()..r.end().to_usize()) {
            Some(text) => self.out.push_str(text),
            // A tree compiled from `_ast` objects has no source text (`ast_import`).
            None => self.out.push_str(&no_source_text(e)),
        }
    }

    fn list(&mut self, items: &[Expr]) {
        for (i, x) in items.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            self.expr(x, TEST);
        }
    }

    fn open(&mut self, paren: bool) {
        if paren {
            self.out.push('(');
        }
    }

    fn close(&mut self, paren: bool) {
        if paren {
            self.out.push(')');
        }
    }

    fn expr(&mut self, e: &Expr, level: u8) {
        match e {
            Expr::Name(n) => self.out.push_str(n.id.as_str()),
            Expr::NoneLiteral(_) => self.out.push_str("None"),
            Expr::BooleanLiteral(b) => self.out.push_str(if b.value { "True" } else { "False" }),
            Expr::EllipsisLiteral(_) => self.out.push_str("..."),
            Expr::StringLiteral(s) => self.out.push_str(&str_repr(s.value.to_str())),
            Expr::Attribute(a) => {
                self.expr(&a.value, ATOM);
                self.out.push('.');
                self.out.push_str(a.attr.as_str());
            }
            Expr::Subscript(s) => {
                self.expr(&s.value, ATOM);
                self.out.push('[');
                match &*s.slice {
                    Expr::Tuple(t) if !t.elts.is_empty() => {
                        self.list(&t.elts);
                        if t.elts.len() == 1 {
                            self.out.push(',');
                        }
                    }
                    other => self.expr(other, TUPLE),
                }
                self.out.push(']');
            }
            Expr::Tuple(t) => {
                let paren = level > TUPLE || t.elts.is_empty();
                self.open(paren);
                self.list(&t.elts);
                if t.elts.len() == 1 {
                    self.out.push(',');
                }
                self.close(paren);
            }
            Expr::List(l) => {
                self.out.push('[');
                self.list(&l.elts);
                self.out.push(']');
            }
            Expr::Set(s) => {
                self.out.push('{');
                self.list(&s.elts);
                self.out.push('}');
            }
            Expr::Dict(d) => {
                self.out.push('{');
                for (i, item) in d.items.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(", ");
                    }
                    match &item.key {
                        Some(k) => {
                            self.expr(k, TEST);
                            self.out.push_str(": ");
                        }
                        None => self.out.push_str("**"),
                    }
                    self.expr(&item.value, if item.key.is_some() { TEST } else { BOR });
                }
                self.out.push('}');
            }
            Expr::Starred(s) => {
                self.out.push('*');
                self.expr(&s.value, BOR);
            }
            Expr::BinOp(b) => {
                use ast::Operator as O;
                let (pr, op) = match b.op {
                    O::BitOr => (BOR, "|"),
                    O::BitXor => (BXOR, "^"),
                    O::BitAnd => (BAND, "&"),
                    O::LShift => (SHIFT, "<<"),
                    O::RShift => (SHIFT, ">>"),
                    O::Add => (ARITH, "+"),
                    O::Sub => (ARITH, "-"),
                    O::Mult => (TERM, "*"),
                    O::MatMult => (TERM, "@"),
                    O::Div => (TERM, "/"),
                    O::FloorDiv => (TERM, "//"),
                    O::Mod => (TERM, "%"),
                    O::Pow => (POWER, "**"),
                };
                let right_assoc = u8::from(b.op == O::Pow);
                let paren = level > pr;
                self.open(paren);
                self.expr(&b.left, pr + right_assoc);
                self.out.push(' ');
                self.out.push_str(op);
                self.out.push(' ');
                self.expr(&b.right, pr + 1 - right_assoc);
                self.close(paren);
            }
            Expr::UnaryOp(u) => {
                use ast::UnaryOp as U;
                let (pr, op) = match u.op {
                    U::Not => (NOT, "not "),
                    U::Invert => (FACTOR, "~"),
                    U::UAdd => (FACTOR, "+"),
                    U::USub => (FACTOR, "-"),
                };
                let paren = level > pr;
                self.open(paren);
                self.out.push_str(op);
                self.expr(&u.operand, pr);
                self.close(paren);
            }
            Expr::BoolOp(b) => {
                let (pr, op) = match b.op {
                    ast::BoolOp::And => (AND, " and "),
                    ast::BoolOp::Or => (OR, " or "),
                };
                let paren = level > pr;
                self.open(paren);
                for (i, v) in b.values.iter().enumerate() {
                    if i > 0 {
                        self.out.push_str(op);
                    }
                    self.expr(v, pr + 1);
                }
                self.close(paren);
            }
            Expr::Compare(c) => {
                let paren = level > CMP;
                self.open(paren);
                self.expr(&c.left, CMP + 1);
                for (op, right) in c.ops.iter().zip(c.comparators.iter()) {
                    self.out.push(' ');
                    self.out.push_str(op.as_str());
                    self.out.push(' ');
                    self.expr(right, CMP + 1);
                }
                self.close(paren);
            }
            Expr::If(i) => {
                let paren = level > TEST;
                self.open(paren);
                self.expr(&i.body, TEST + 1);
                self.out.push_str(" if ");
                self.expr(&i.test, TEST + 1);
                self.out.push_str(" else ");
                self.expr(&i.orelse, TEST);
                self.close(paren);
            }
            Expr::Call(c) => {
                self.expr(&c.func, ATOM);
                self.out.push('(');
                let mut first = true;
                for a in c.arguments.args.iter() {
                    if !first {
                        self.out.push_str(", ");
                    }
                    first = false;
                    self.expr(a, TEST);
                }
                for k in c.arguments.keywords.iter() {
                    if !first {
                        self.out.push_str(", ");
                    }
                    first = false;
                    match &k.arg {
                        Some(n) => {
                            self.out.push_str(n.as_str());
                            self.out.push('=');
                        }
                        None => self.out.push_str("**"),
                    }
                    self.expr(&k.value, TEST);
                }
                self.out.push(')');
            }
            Expr::Slice(s) => {
                if let Some(l) = &s.lower {
                    self.expr(l, TEST);
                }
                self.out.push(':');
                if let Some(u) = &s.upper {
                    self.expr(u, TEST);
                }
                if let Some(st) = &s.step {
                    self.out.push(':');
                    self.expr(st, TEST);
                }
            }
            Expr::NumberLiteral(_) => {
                // A negative number is a unary minus in the tree: keep its text.
                self.raw(e)
            }
            _ => {
                let paren = level > TEST;
                self.open(paren);
                self.raw(e);
                self.close(paren);
            }
        }
    }
}

/// The text of an expression the writer does not spell itself, for a tree without
/// source: a number's value, `...` for anything else.
fn no_source_text(e: &Expr) -> String {
    match e {
        Expr::NumberLiteral(n) => match &n.value {
            ruff_python_ast::Number::Int(i) => i.to_string(),
            ruff_python_ast::Number::Float(f) => format!("{f:?}"),
            ruff_python_ast::Number::Complex { imag, .. } => {
                format!("{imag:?}j")
            }
        },
        _ => "...".to_string(),
    }
}
