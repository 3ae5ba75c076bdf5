//! Expressions, constants, f-strings, comprehensions and call arguments.

use ruff_python_ast::{self as ast, AtomicNodeIndex as Ix, Expr, Number};
use ruff_text_size::{TextRange, TextSize};

use super::{Conv, Ctx, R, TreeError, invalid, item, required};
use crate::ast_export::{AstNode, AstValue};
use crate::bytecode::Const;

impl Conv {
    /// An expression field that must hold a node, checked for context `ctx`.
    pub(crate) fn expr(&mut self, v: &AstValue, ctx: Ctx) -> R<Expr> {
        match v {
            AstValue::Node(n) => self.expr_node(n, ctx),
            _ => invalid("field 'value' is required"),
        }
    }

    pub(crate) fn field(&mut self, n: &AstNode, name: &str, ctx: Ctx) -> R<Expr> {
        let x = required(n, name)?;
        self.expr_node(x, ctx)
    }

    pub(crate) fn boxed(&mut self, n: &AstNode, name: &str, ctx: Ctx) -> R<Box<Expr>> {
        Ok(Box::new(self.field(n, name, ctx)?))
    }

    pub(crate) fn opt(&mut self, n: &AstNode, name: &str) -> R<Option<Box<Expr>>> {
        match n.node(name) {
            Some(x) => Ok(Some(Box::new(self.expr_node(x, Ctx::Load)?))),
            None => Ok(None),
        }
    }

    pub(crate) fn exprs(&mut self, n: &AstNode, name: &str, ctx: Ctx) -> R<Vec<Expr>> {
        n.list(name)
            .iter()
            .map(|v| match item(v) {
                Some(x) => self.expr_node(x, ctx),
                None => invalid("None disallowed in expression list"),
            })
            .collect()
    }

    /// The context check: names, attributes, subscripts, starred, lists and tuples
    /// carry their own `ctx`, which must be the one their place wants; anything else
    /// only loads.
    fn check_ctx(&self, n: &AstNode, want: Ctx) -> R<()> {
        let has = match n.kind {
            "Name" | "Attribute" | "Subscript" | "Starred" | "List" | "Tuple" => {
                match n.kind_of("ctx") {
                    "Load" => Ctx::Load,
                    "Store" => Ctx::Store,
                    _ => Ctx::Del,
                }
            }
            _ if want != Ctx::Load => {
                return invalid(format!(
                    "expression which can't be assigned to in {} context",
                    want.name()
                ));
            }
            _ => return Ok(()),
        };
        if has != want {
            return invalid(format!(
                "expression must have {} context but has {} instead",
                want.name(),
                has.name()
            ));
        }
        Ok(())
    }

    pub(crate) fn expr_node(&mut self, n: &AstNode, ctx: Ctx) -> R<Expr> {
        self.check_ctx(n, ctx)?;
        let s = self.start(n);
        let e = self.expr_kind(n, ctx, s)?;
        Ok(e)
    }

    fn expr_kind(&mut self, n: &AstNode, ctx: Ctx, s: TextSize) -> R<Expr> {
        let c = ctx.ruff();
        let load = Ctx::Load;
        Ok(match n.kind {
            "BoolOp" => {
                if n.list("values").len() < 2 {
                    return invalid("BoolOp with less than 2 values");
                }
                let op = match n.kind_of("op") {
                    "And" => ast::BoolOp::And,
                    _ => ast::BoolOp::Or,
                };
                let values = self.exprs(n, "values", load)?;
                let range = self.finish(n, s);
                Expr::BoolOp(ast::ExprBoolOp {
                    op,
                    values,
                    range,
                    node_index: Ix::NONE,
                })
            }
            "NamedExpr" => {
                let target = self.boxed(n, "target", Ctx::Store)?;
                let value = self.boxed(n, "value", load)?;
                let range = self.finish(n, s);
                Expr::Named(ast::ExprNamed {
                    target,
                    value,
                    range,
                    node_index: Ix::NONE,
                })
            }
            "BinOp" => {
                let left = self.boxed(n, "left", load)?;
                let op = operator(n.kind_of("op"));
                let right = self.boxed(n, "right", load)?;
                let range = self.finish(n, s);
                Expr::BinOp(ast::ExprBinOp {
                    left,
                    op,
                    right,
                    range,
                    node_index: Ix::NONE,
                })
            }
            "UnaryOp" => {
                let op = match n.kind_of("op") {
                    "Invert" => ast::UnaryOp::Invert,
                    "Not" => ast::UnaryOp::Not,
                    "UAdd" => ast::UnaryOp::UAdd,
                    _ => ast::UnaryOp::USub,
                };
                let operand = self.boxed(n, "operand", load)?;
                let range = self.finish(n, s);
                Expr::UnaryOp(ast::ExprUnaryOp {
                    op,
                    operand,
                    range,
                    node_index: Ix::NONE,
                })
            }
            "Lambda" => {
                let parameters = Some(Box::new(self.arguments(required(n, "args")?)?));
                let body = self.boxed(n, "body", load)?;
                let range = self.finish(n, s);
                Expr::Lambda(ast::ExprLambda {
                    parameters,
                    body,
                    range,
                    node_index: Ix::NONE,
                })
            }
            "IfExp" => {
                let test = self.boxed(n, "test", load)?;
                let body = self.boxed(n, "body", load)?;
                let orelse = self.boxed(n, "orelse", load)?;
                let range = self.finish(n, s);
                Expr::If(ast::ExprIf {
                    test,
                    body,
                    orelse,
                    range,
                    node_index: Ix::NONE,
                })
            }
            "Dict" => self.dict(n, s)?,
            "Set" => {
                let elts = self.exprs(n, "elts", load)?;
                let range = self.finish(n, s);
                Expr::Set(ast::ExprSet {
                    elts,
                    range,
                    node_index: Ix::NONE,
                })
            }
            "ListComp" | "SetComp" | "GeneratorExp" | "DictComp" => self.comp(n, s)?,
            "Await" => {
                let value = self.boxed(n, "value", load)?;
                let range = self.finish(n, s);
                Expr::Await(ast::ExprAwait {
                    value,
                    range,
                    node_index: Ix::NONE,
                })
            }
            "Yield" => {
                let value = self.opt(n, "value")?;
                let range = self.finish(n, s);
                Expr::Yield(ast::ExprYield {
                    value,
                    range,
                    node_index: Ix::NONE,
                })
            }
            "YieldFrom" => {
                let value = self.boxed(n, "value", load)?;
                let range = self.finish(n, s);
                Expr::YieldFrom(ast::ExprYieldFrom {
                    value,
                    range,
                    node_index: Ix::NONE,
                })
            }
            "Compare" => self.compare(n, s)?,
            "Call" => {
                let func = self.boxed(n, "func", load)?;
                let args = self.exprs(n, "args", load)?;
                let keywords = self.keywords(n, "keywords")?;
                let range = self.finish(n, s);
                Expr::Call(ast::ExprCall {
                    func,
                    arguments: ast::Arguments {
                        args: args.into(),
                        keywords: keywords.into(),
                        range,
                        node_index: Ix::NONE,
                    },
                    range_start: s,
                    node_index: Ix::NONE,
                })
            }
            "FormattedValue" => {
                // Alone (outside a JoinedStr) it is an f-string of one replacement.
                let el = self.interpolation(n, s)?;
                let range = self.finish(n, s);
                fstring(vec![el], range)
            }
            "JoinedStr" => {
                let els = self.fstring_elements(n)?;
                let range = self.finish(n, s);
                fstring(els, range)
            }
            "Constant" => {
                let AstValue::Const(k) = n.get("value") else {
                    return invalid("field 'value' is required for Constant");
                };
                let k = k.clone();
                self.constant(&k, n, s)?
            }
            "Attribute" => {
                let value = self.boxed(n, "value", load)?;
                let attr = self.ident(n.get("attr"), n);
                let range = self.finish(n, s);
                Expr::Attribute(ast::ExprAttribute {
                    value,
                    attr,
                    ctx: c,
                    range,
                    node_index: Ix::NONE,
                })
            }
            "Subscript" => {
                let value = self.boxed(n, "value", load)?;
                let slice = self.boxed(n, "slice", load)?;
                let range = self.finish(n, s);
                Expr::Subscript(ast::ExprSubscript {
                    value,
                    slice,
                    ctx: c,
                    range,
                    node_index: Ix::NONE,
                })
            }
            "Starred" => {
                let value = self.boxed(n, "value", ctx)?;
                let range = self.finish(n, s);
                Expr::Starred(ast::ExprStarred {
                    value,
                    ctx: c,
                    range,
                    node_index: Ix::NONE,
                })
            }
            "Name" => {
                let AstValue::Ident(id) = n.get("id") else {
                    return invalid("field 'id' is required for Name");
                };
                if matches!(id.as_str(), "None" | "True" | "False") {
                    return invalid(format!("identifier field can't represent '{id}' constant"));
                }
                let id = id.as_str().into();
                let range = self.finish(n, s);
                Expr::Name(ast::ExprName {
                    id,
                    ctx: c,
                    range,
                    node_index: Ix::NONE,
                })
            }
            "List" => {
                let elts = self.exprs(n, "elts", ctx)?;
                let range = self.finish(n, s);
                Expr::List(ast::ExprList {
                    elts,
                    ctx: c,
                    range,
                    node_index: Ix::NONE,
                })
            }
            "Tuple" => {
                let elts = self.exprs(n, "elts", ctx)?;
                let range = self.finish(n, s);
                tuple(elts, c, range)
            }
            "Slice" => {
                let lower = self.opt(n, "lower")?;
                let upper = self.opt(n, "upper")?;
                let step = self.opt(n, "step")?;
                let range = self.finish(n, s);
                Expr::Slice(ast::ExprSlice {
                    lower,
                    upper,
                    step,
                    range,
                    node_index: Ix::NONE,
                })
            }
            k => {
                return Err(TreeError::Type(format!(
                    "expected some sort of expr, but got {k}"
                )));
            }
        })
    }

    fn dict(&mut self, n: &AstNode, s: TextSize) -> R<Expr> {
        let (keys, values) = (n.list("keys"), n.list("values"));
        if keys.len() != values.len() {
            return invalid("Dict doesn't have the same number of keys as values");
        }
        let mut items = Vec::with_capacity(keys.len());
        for (k, v) in keys.iter().zip(values) {
            let key = match item(k) {
                Some(k) => Some(self.expr_node(k, Ctx::Load)?),
                None => None,
            };
            let value = self.expr(v, Ctx::Load)?;
            items.push(ast::DictItem { key, value });
        }
        let range = self.finish(n, s);
        Ok(Expr::Dict(ast::ExprDict {
            items,
            range,
            node_index: Ix::NONE,
        }))
    }

    fn compare(&mut self, n: &AstNode, s: TextSize) -> R<Expr> {
        let (ops, comps) = (n.list("ops"), n.list("comparators"));
        if comps.is_empty() {
            return invalid("Compare with no comparators");
        }
        if comps.len() != ops.len() {
            return invalid("Compare has a different number of comparators and operands");
        }
        let left = self.boxed(n, "left", Ctx::Load)?;
        let ops: Box<[ast::CmpOp]> = ops
            .iter()
            .map(|o| cmpop(item(o).map_or("", |o| o.kind)))
            .collect();
        let comparators = self.exprs(n, "comparators", Ctx::Load)?.into();
        let range = self.finish(n, s);
        Ok(Expr::Compare(ast::ExprCompare {
            left,
            ops,
            comparators,
            range,
            node_index: Ix::NONE,
        }))
    }

    fn comp(&mut self, n: &AstNode, s: TextSize) -> R<Expr> {
        if n.list("generators").is_empty() {
            return invalid("comprehension with no generators");
        }
        let (key, elt) = if n.kind == "DictComp" {
            let k = self.boxed(n, "key", Ctx::Load)?;
            (Some(k), self.boxed(n, "value", Ctx::Load)?)
        } else {
            (None, self.boxed(n, "elt", Ctx::Load)?)
        };
        let mut generators = Vec::new();
        for g in n.list("generators") {
            let Some(g) = item(g) else {
                return invalid("field 'target' is required for comprehension");
            };
            let (first, last) = comprehension_span(g);
            let gs = self.at(first[0], first[1]);
            let target = self.field(g, "target", Ctx::Store)?;
            let iter = self.field(g, "iter", Ctx::Load)?;
            let ifs = self.exprs(g, "ifs", Ctx::Load)?;
            let range = TextRange::new(gs, self.at(last[0], last[1]));
            generators.push(ast::Comprehension {
                target,
                iter,
                ifs,
                is_async: g.int("is_async") != 0,
                range,
                node_index: Ix::NONE,
            });
        }
        let range = self.finish(n, s);
        Ok(match n.kind {
            "ListComp" => Expr::ListComp(ast::ExprListComp {
                elt,
                generators,
                range,
                node_index: Ix::NONE,
            }),
            "SetComp" => Expr::SetComp(ast::ExprSetComp {
                elt,
                generators,
                range,
                node_index: Ix::NONE,
            }),
            "DictComp" => Expr::DictComp(ast::ExprDictComp {
                key,
                value: elt,
                generators,
                range,
                node_index: Ix::NONE,
            }),
            _ => Expr::Generator(ast::ExprGenerator {
                elt,
                generators,
                parenthesized: true,
                range,
                node_index: Ix::NONE,
            }),
        })
    }

    pub(crate) fn keywords(&mut self, n: &AstNode, name: &str) -> R<Vec<ast::Keyword>> {
        let mut out = Vec::new();
        for k in n.list(name) {
            let Some(k) = item(k) else {
                return invalid("field 'value' is required for keyword");
            };
            let ks = self.start(k);
            let arg = self.opt_ident(k.get("arg"), k);
            let value = self.field(k, "value", Ctx::Load)?;
            let range = self.finish(k, ks);
            out.push(ast::Keyword {
                arg,
                value,
                range,
                node_index: Ix::NONE,
            });
        }
        Ok(out)
    }

    /// The pieces of a JoinedStr: str constants are literal text, FormattedValues are
    /// replacements; any other expression is formatted as a replacement would be.
    fn fstring_elements(&mut self, n: &AstNode) -> R<Vec<ast::InterpolatedStringElement>> {
        let mut out = Vec::new();
        for v in n.list("values") {
            let Some(x) = item(v) else {
                return invalid("None disallowed in expression list");
            };
            let s = self.start(x);
            if x.kind == "Constant"
                && let AstValue::Const(Const::Str(text)) = x.get("value")
            {
                let range = self.finish(x, s);
                out.push(ast::InterpolatedStringElement::Literal(
                    ast::InterpolatedStringLiteralElement {
                        value: text.as_str().into(),
                        range,
                        node_index: Ix::NONE,
                    },
                ));
                continue;
            }
            if x.kind == "FormattedValue" {
                out.push(self.interpolation(x, s)?);
                continue;
            }
            let expression = Box::new(self.expr_node(x, Ctx::Load)?);
            let range = self.finish(x, s);
            out.push(ast::InterpolatedStringElement::Interpolation(
                ast::InterpolatedElement {
                    expression,
                    debug_text: None,
                    conversion: ast::ConversionFlag::None,
                    format_spec: None,
                    range,
                    node_index: Ix::NONE,
                },
            ));
        }
        Ok(out)
    }

    /// A FormattedValue (whose start offset is `s`) as an f-string replacement.
    fn interpolation(&mut self, n: &AstNode, s: TextSize) -> R<ast::InterpolatedStringElement> {
        let expression = self.boxed(n, "value", Ctx::Load)?;
        let conversion = match n.int("conversion") {
            -1 => ast::ConversionFlag::None,
            115 => ast::ConversionFlag::Str,
            114 => ast::ConversionFlag::Repr,
            97 => ast::ConversionFlag::Ascii,
            c => {
                return Err(TreeError::System(format!(
                    "Unrecognized conversion character {c}"
                )));
            }
        };
        let format_spec = match n.node("format_spec") {
            Some(spec) => {
                let ss = self.start(spec);
                let elements = if spec.kind == "JoinedStr" {
                    self.fstring_elements(spec)?
                } else {
                    // Any other expression formats its value as the spec.
                    let expression = Box::new(self.expr_node(spec, Ctx::Load)?);
                    let r = self.finish(spec, ss);
                    vec![ast::InterpolatedStringElement::Interpolation(
                        ast::InterpolatedElement {
                            expression,
                            debug_text: None,
                            conversion: ast::ConversionFlag::None,
                            format_spec: None,
                            range: r,
                            node_index: Ix::NONE,
                        },
                    )]
                };
                let range = self.finish(spec, ss);
                Some(Box::new(ast::InterpolatedStringFormatSpec {
                    elements: elements.into(),
                    range,
                    node_index: Ix::NONE,
                }))
            }
            None => None,
        };
        let range = self.finish(n, s);
        Ok(ast::InterpolatedStringElement::Interpolation(
            ast::InterpolatedElement {
                expression,
                debug_text: None,
                conversion,
                format_spec,
                range,
                node_index: Ix::NONE,
            },
        ))
    }

    /// A constant as the literal that compiles to it: a negative number is a unary
    /// minus on its magnitude (which the compiler folds back), a tuple a tuple display
    /// of constants.
    fn constant(&mut self, k: &Const, n: &AstNode, s: TextSize) -> R<Expr> {
        let range = self.finish(n, s);
        let number = |value| {
            Expr::NumberLiteral(ast::ExprNumberLiteral {
                value,
                range,
                node_index: Ix::NONE,
            })
        };
        let negate = |e: Expr| {
            Expr::UnaryOp(ast::ExprUnaryOp {
                op: ast::UnaryOp::USub,
                operand: Box::new(e),
                range,
                node_index: Ix::NONE,
            })
        };
        Ok(match k {
            Const::None => Expr::NoneLiteral(ast::ExprNoneLiteral {
                range,
                node_index: Ix::NONE,
            }),
            Const::True | Const::False => Expr::BooleanLiteral(ast::ExprBooleanLiteral {
                value: matches!(k, Const::True),
                range,
                node_index: Ix::NONE,
            }),
            Const::Ellipsis => Expr::EllipsisLiteral(ast::ExprEllipsisLiteral {
                range,
                node_index: Ix::NONE,
            }),
            Const::Int(i) => {
                let e = number(Number::Int(ast::Int::from(i.unsigned_abs())));
                if *i < 0 { negate(e) } else { e }
            }
            Const::BigInt(digits) => {
                let (neg, mag) = match digits.strip_prefix('-') {
                    Some(m) => (true, m),
                    None => (false, digits.as_str()),
                };
                let Ok(i) = mag.parse::<ast::Int>() else {
                    return invalid("got an invalid type in Constant: int");
                };
                let e = number(Number::Int(i));
                if neg { negate(e) } else { e }
            }
            Const::Float(f) => {
                let e = number(Number::Float(f.abs()));
                if f.is_sign_negative() { negate(e) } else { e }
            }
            Const::Complex { real, imag } => number(Number::Complex {
                real: *real,
                imag: *imag,
            }),
            Const::Str(text) => string(text, range),
            Const::StrSurrogates(bytes) => {
                self.surrogate_strs
                    .push((range.start().to_u32(), bytes.clone()));
                string(&String::from_utf8_lossy(bytes), range)
            }
            Const::Bytes(b) => Expr::BytesLiteral(ast::ExprBytesLiteral {
                value: ast::BytesLiteralValue::single(ast::BytesLiteral {
                    value: b.clone().into(),
                    flags: ast::BytesLiteralFlags::empty(),
                    range,
                    node_index: Ix::NONE,
                }),
                range,
                node_index: Ix::NONE,
            }),
            Const::Tuple(items) => {
                let mut elts = Vec::with_capacity(items.len());
                for x in items {
                    let xs = self.start(n);
                    elts.push(self.constant(x, n, xs)?);
                }
                tuple(elts, ast::ExprContext::Load, range)
            }
            Const::Code(_) => return invalid("got an invalid type in Constant: code"),
            Const::FrozenSet(_) => {
                self.frozensets.push((range.start().to_u32(), k.clone()));
                Expr::EllipsisLiteral(ast::ExprEllipsisLiteral {
                    range,
                    node_index: Ix::NONE,
                })
            }
        })
    }
}

/// Where a `comprehension` (which has no position in `_ast`) starts and ends, as the
/// parser places it: from its `for` (just before the target, as written normally) to
/// the end of its last condition or of its iterable.
fn comprehension_span(g: &AstNode) -> ([u32; 2], [u32; 2]) {
    let pos = |n: Option<&AstNode>| n.and_then(|n| n.pos);
    let back = if g.int("is_async") != 0 { 10 } else { 4 };
    let first = match pos(g.node("target")) {
        Some([l, c, _, _]) => [l, c.saturating_sub(back)],
        None => [1, 0],
    };
    let last_if = g.list("ifs").last().and_then(|v| pos(item(v)));
    let last = match last_if.or(pos(g.node("iter"))) {
        Some([_, _, l, c]) => [l, c],
        None => first,
    };
    (first, last)
}

fn string(text: &str, range: TextRange) -> Expr {
    Expr::StringLiteral(ast::ExprStringLiteral {
        value: ast::StringLiteralValue::single(ast::StringLiteral {
            value: text.into(),
            flags: ast::StringLiteralFlags::empty(),
            range,
            node_index: Ix::NONE,
        }),
        range,
        node_index: Ix::NONE,
    })
}

fn tuple(elts: Vec<Expr>, ctx: ast::ExprContext, range: TextRange) -> Expr {
    Expr::Tuple(ast::ExprTuple {
        elts,
        ctx,
        parenthesized: true,
        range,
        node_index: Ix::NONE,
    })
}

fn fstring(elements: Vec<ast::InterpolatedStringElement>, range: TextRange) -> Expr {
    Expr::FString(ast::ExprFString {
        value: ast::FStringValue::single(ast::FString {
            elements: elements.into(),
            flags: ast::FStringFlags::empty(),
            range,
            node_index: Ix::NONE,
        }),
        range,
        node_index: Ix::NONE,
    })
}

pub(crate) fn operator(kind: &str) -> ast::Operator {
    use ast::Operator as O;
    match kind {
        "Add" => O::Add,
        "Sub" => O::Sub,
        "Mult" => O::Mult,
        "MatMult" => O::MatMult,
        "Div" => O::Div,
        "Mod" => O::Mod,
        "Pow" => O::Pow,
        "LShift" => O::LShift,
        "RShift" => O::RShift,
        "BitOr" => O::BitOr,
        "BitXor" => O::BitXor,
        "BitAnd" => O::BitAnd,
        _ => O::FloorDiv,
    }
}

fn cmpop(kind: &str) -> ast::CmpOp {
    use ast::CmpOp as C;
    match kind {
        "Eq" => C::Eq,
        "NotEq" => C::NotEq,
        "Lt" => C::Lt,
        "LtE" => C::LtE,
        "Gt" => C::Gt,
        "GtE" => C::GtE,
        "Is" => C::Is,
        "IsNot" => C::IsNot,
        "In" => C::In,
        _ => C::NotIn,
    }
}
