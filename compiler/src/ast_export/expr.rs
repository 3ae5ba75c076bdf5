//! Expressions, comprehensions and f-strings.

use ruff_python_ast::{self as ast, Expr};
use ruff_text_size::{Ranged, TextRange};

use super::stmt::ctx;
use super::{AstValue, Export, bare, ident, unit};
use crate::bytecode::Const;
use crate::codegen::expr::literal_const;

impl Export<'_, '_> {
    pub(super) fn expr(&mut self, e: &Expr) -> AstValue {
        if !self.enter(e.range()) {
            return AstValue::None;
        }
        let v = self.expr_nested(e);
        self.depth -= 1;
        v
    }

    fn opt(&mut self, e: Option<&Expr>) -> AstValue {
        e.map_or(AstValue::None, |e| self.expr(e))
    }

    fn expr_nested(&mut self, e: &Expr) -> AstValue {
        let r = e.range();
        match e {
            Expr::BoolOp(x) => {
                let op = unit(match x.op {
                    ast::BoolOp::And => "And",
                    ast::BoolOp::Or => "Or",
                });
                let f = vec![("op", op), ("values", self.exprs(&x.values))];
                self.node("BoolOp", r, f)
            }
            Expr::Named(x) => {
                let f = vec![
                    ("target", self.expr(&x.target)),
                    ("value", self.expr(&x.value)),
                ];
                self.node("NamedExpr", r, f)
            }
            Expr::BinOp(x) => {
                let f = vec![
                    ("left", self.expr(&x.left)),
                    ("op", operator(x.op)),
                    ("right", self.expr(&x.right)),
                ];
                self.node("BinOp", r, f)
            }
            Expr::UnaryOp(x) => {
                let op = unit(match x.op {
                    ast::UnaryOp::Invert => "Invert",
                    ast::UnaryOp::Not => "Not",
                    ast::UnaryOp::UAdd => "UAdd",
                    ast::UnaryOp::USub => "USub",
                });
                let f = vec![("op", op), ("operand", self.expr(&x.operand))];
                self.node("UnaryOp", r, f)
            }
            Expr::Lambda(x) => {
                let f = vec![
                    ("args", self.arguments(x.parameters.as_deref())),
                    ("body", self.expr(&x.body)),
                ];
                self.node("Lambda", r, f)
            }
            Expr::If(x) => {
                let f = vec![
                    ("test", self.expr(&x.test)),
                    ("body", self.expr(&x.body)),
                    ("orelse", self.expr(&x.orelse)),
                ];
                self.node("IfExp", r, f)
            }
            Expr::Dict(x) => {
                let keys = x.items.iter().map(|i| self.opt(i.key.as_ref())).collect();
                let values = x.items.iter().map(|i| self.expr(&i.value)).collect();
                let f = vec![
                    ("keys", AstValue::List(keys)),
                    ("values", AstValue::List(values)),
                ];
                self.node("Dict", r, f)
            }
            Expr::Set(x) => {
                let f = vec![("elts", self.exprs(&x.elts))];
                self.node("Set", r, f)
            }
            Expr::ListComp(x) => self.comp("ListComp", r, &x.elt, &x.generators),
            Expr::SetComp(x) => self.comp("SetComp", r, &x.elt, &x.generators),
            Expr::Generator(x) => self.comp("GeneratorExp", r, &x.elt, &x.generators),
            Expr::DictComp(x) => {
                let f = vec![
                    ("key", self.opt(x.key.as_deref())),
                    ("value", self.expr(&x.value)),
                    ("generators", self.generators(&x.generators)),
                ];
                self.node("DictComp", r, f)
            }
            Expr::Await(x) => {
                let f = vec![("value", self.expr(&x.value))];
                self.node("Await", r, f)
            }
            Expr::Yield(x) => {
                let f = vec![("value", self.opt(x.value.as_deref()))];
                self.node("Yield", r, f)
            }
            Expr::YieldFrom(x) => {
                let f = vec![("value", self.expr(&x.value))];
                self.node("YieldFrom", r, f)
            }
            Expr::Compare(x) => {
                let ops = x.ops.iter().map(|&o| cmpop(o)).collect();
                let f = vec![
                    ("left", self.expr(&x.left)),
                    ("ops", AstValue::List(ops)),
                    ("comparators", self.exprs(x.comparators.iter())),
                ];
                self.node("Compare", r, f)
            }
            Expr::Call(x) => {
                let f = vec![
                    ("func", self.expr(&x.func)),
                    ("args", self.call_args(&x.arguments)),
                    ("keywords", self.keywords(&x.arguments.keywords)),
                ];
                self.node("Call", r, f)
            }
            Expr::FString(x) => self.fstring(r, x.value.iter()),
            Expr::TString(x) => {
                // No 3.11 node: a t-string reads as the f-string of its parts.
                let parts: Vec<&ast::InterpolatedStringElements> =
                    x.value.iter().map(|t| &t.elements).collect();
                let values = self.joined(r, parts.into_iter().map(|p| Piece::Elements(r, p)));
                self.node("JoinedStr", r, vec![("values", values)])
            }
            Expr::StringLiteral(s) => {
                let c = match literal_const(e) {
                    Some(Const::Str(v)) if v.contains('\u{fffd}') => {
                        crate::surrogates::exact_literal(self.source(), s).unwrap_or(Const::Str(v))
                    }
                    Some(c) => c,
                    None => Const::Str(String::new()),
                };
                let u = s.value.iter().next().is_some_and(|p| {
                    matches!(
                        p.flags.prefix(),
                        ast::str_prefix::StringLiteralPrefix::Unicode
                    )
                });
                let kind = if u { ident("u") } else { AstValue::None };
                self.node(
                    "Constant",
                    r,
                    vec![("value", AstValue::Const(c)), ("kind", kind)],
                )
            }
            Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_) => {
                let c = literal_const(e).unwrap_or(Const::None);
                self.node(
                    "Constant",
                    r,
                    vec![("value", AstValue::Const(c)), ("kind", AstValue::None)],
                )
            }
            Expr::Attribute(x) => {
                let f = vec![
                    ("value", self.expr(&x.value)),
                    ("attr", ident(x.attr.as_str())),
                    ("ctx", ctx(x.ctx)),
                ];
                self.node("Attribute", r, f)
            }
            Expr::Subscript(x) => {
                let f = vec![
                    ("value", self.expr(&x.value)),
                    ("slice", self.expr(&x.slice)),
                    ("ctx", ctx(x.ctx)),
                ];
                self.node("Subscript", r, f)
            }
            Expr::Starred(x) => {
                let f = vec![("value", self.expr(&x.value)), ("ctx", ctx(x.ctx))];
                self.node("Starred", r, f)
            }
            Expr::Name(x) => self.node(
                "Name",
                r,
                vec![("id", ident(x.id.as_str())), ("ctx", ctx(x.ctx))],
            ),
            Expr::List(x) => {
                let f = vec![("elts", self.exprs(&x.elts)), ("ctx", ctx(x.ctx))];
                self.node("List", r, f)
            }
            Expr::Tuple(x) => {
                let f = vec![("elts", self.exprs(&x.elts)), ("ctx", ctx(x.ctx))];
                self.node("Tuple", r, f)
            }
            Expr::Slice(x) => {
                let f = vec![
                    ("lower", self.opt(x.lower.as_deref())),
                    ("upper", self.opt(x.upper.as_deref())),
                    ("step", self.opt(x.step.as_deref())),
                ];
                self.node("Slice", r, f)
            }
            Expr::IpyEscapeCommand(_) => self.node(
                "Constant",
                r,
                vec![
                    ("value", AstValue::Const(Const::None)),
                    ("kind", AstValue::None),
                ],
            ),
        }
    }

    /// A call's positional arguments; a generator expression that is the only
    /// argument shares the call's parentheses, and CPython places it at them.
    fn call_args(&mut self, a: &ast::Arguments) -> AstValue {
        if let [Expr::Generator(g)] = &a.args[..]
            && a.keywords.is_empty()
            && !g.parenthesized
            && self.enter(g.range)
        {
            let v = self.comp("GeneratorExp", a.range, &g.elt, &g.generators);
            self.depth -= 1;
            return AstValue::List(vec![v]);
        }
        self.exprs(a.args.iter())
    }

    fn comp(
        &mut self,
        kind: &'static str,
        r: TextRange,
        elt: &Expr,
        gens: &[ast::Comprehension],
    ) -> AstValue {
        let f = vec![
            ("elt", self.expr(elt)),
            ("generators", self.generators(gens)),
        ];
        self.node(kind, r, f)
    }

    fn generators(&mut self, gens: &[ast::Comprehension]) -> AstValue {
        let v = gens
            .iter()
            .map(|g| {
                bare(
                    "comprehension",
                    vec![
                        ("target", self.expr(&g.target)),
                        ("iter", self.expr(&g.iter)),
                        ("ifs", self.exprs(&g.ifs)),
                        ("is_async", AstValue::Int(g.is_async as i64)),
                    ],
                )
            })
            .collect();
        AstValue::List(v)
    }

    /// `JoinedStr`: literal text merged across parts into `Constant`s between the
    /// `FormattedValue`s, all placed at the whole string (as CPython 3.11 places them).
    fn fstring<'p>(
        &mut self,
        r: TextRange,
        parts: impl Iterator<Item = &'p ast::FStringPart>,
    ) -> AstValue {
        let pieces: Vec<Piece<'p>> = parts
            .map(|p| match p {
                ast::FStringPart::Literal(s) => Piece::Text(&s.value),
                ast::FStringPart::FString(f) => Piece::Elements(f.range, &f.elements),
            })
            .collect();
        let values = self.joined(r, pieces.into_iter());
        self.node("JoinedStr", r, vec![("values", values)])
    }

    fn joined<'p>(&mut self, r: TextRange, pieces: impl Iterator<Item = Piece<'p>>) -> AstValue {
        let mut out = Vec::new();
        let mut pending = String::new();
        for p in pieces {
            match p {
                Piece::Text(t) => pending.push_str(t),
                Piece::Elements(part, els) => {
                    self.elements(r, part, false, els, &mut pending, &mut out)
                }
            }
        }
        self.flush(r, &mut pending, &mut out);
        AstValue::List(out)
    }

    fn flush(&self, r: TextRange, pending: &mut String, out: &mut Vec<AstValue>) {
        if !pending.is_empty() {
            let c = AstValue::Const(Const::Str(std::mem::take(pending)));
            out.push(self.node("Constant", r, vec![("value", c), ("kind", AstValue::None)]));
        }
    }

    fn elements(
        &mut self,
        r: TextRange,
        part: TextRange,
        in_spec: bool,
        els: &ast::InterpolatedStringElements,
        pending: &mut String,
        out: &mut Vec<AstValue>,
    ) {
        for el in els.iter() {
            match el {
                ast::InterpolatedStringElement::Literal(l) => pending.push_str(&l.value),
                ast::InterpolatedStringElement::Interpolation(i) => {
                    let mut conv = match i.conversion {
                        ast::ConversionFlag::None => -1,
                        c => c as i8 as i64,
                    };
                    if let Some(d) = &i.debug_text {
                        pending.push_str(d.leading());
                        pending.push_str(d.expression());
                        pending.push_str(d.trailing());
                        if conv == -1 && i.format_spec.is_none() {
                            conv = b'r' as i64;
                        }
                    }
                    // CPython 3.11 places a format spec's text at its f-string part.
                    self.flush(if in_spec { part } else { r }, pending, out);
                    let spec = match &i.format_spec {
                        Some(s) => {
                            let mut sp = String::new();
                            let mut parts = Vec::new();
                            self.elements(r, part, true, &s.elements, &mut sp, &mut parts);
                            self.flush(part, &mut sp, &mut parts);
                            // CPython 3.11 places a format spec at its f-string part.
                            self.node("JoinedStr", part, vec![("values", AstValue::List(parts))])
                        }
                        None => AstValue::None,
                    };
                    let f = vec![
                        ("value", self.expr(&i.expression)),
                        ("conversion", AstValue::Int(conv)),
                        ("format_spec", spec),
                    ];
                    out.push(self.node("FormattedValue", r, f));
                }
            }
        }
    }
}

/// A piece of an f-string: a plain literal part, or an f-string part (its range and
/// elements).
enum Piece<'p> {
    Text(&'p str),
    Elements(TextRange, &'p ast::InterpolatedStringElements),
}

pub(super) fn operator(op: ast::Operator) -> AstValue {
    use ast::Operator as O;
    unit(match op {
        O::Add => "Add",
        O::Sub => "Sub",
        O::Mult => "Mult",
        O::MatMult => "MatMult",
        O::Div => "Div",
        O::Mod => "Mod",
        O::Pow => "Pow",
        O::LShift => "LShift",
        O::RShift => "RShift",
        O::BitOr => "BitOr",
        O::BitXor => "BitXor",
        O::BitAnd => "BitAnd",
        O::FloorDiv => "FloorDiv",
    })
}

fn cmpop(op: ast::CmpOp) -> AstValue {
    use ast::CmpOp as C;
    unit(match op {
        C::Eq => "Eq",
        C::NotEq => "NotEq",
        C::Lt => "Lt",
        C::LtE => "LtE",
        C::Gt => "Gt",
        C::GtE => "GtE",
        C::Is => "Is",
        C::IsNot => "IsNot",
        C::In => "In",
        C::NotIn => "NotIn",
    })
}
