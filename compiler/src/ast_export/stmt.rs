//! Statements, and the nodes only statements hold (arguments, handlers, match cases).

use ruff_python_ast::{self as ast, Pattern, Stmt};
use ruff_text_size::{Ranged, TextRange, TextSize};

use super::{AstValue, Export, bare, ident, opt_ident, unit};
use crate::bytecode::Const;

impl Export<'_, '_> {
    pub(super) fn stmts(&mut self, body: &[Stmt]) -> AstValue {
        AstValue::List(body.iter().map(|s| self.stmt(s)).collect())
    }

    pub(super) fn stmt(&mut self, s: &Stmt) -> AstValue {
        if !self.enter(s.range()) {
            return AstValue::None;
        }
        let v = self.stmt_nested(s);
        self.depth -= 1;
        v
    }

    fn opt_expr(&mut self, e: Option<&ast::Expr>) -> AstValue {
        match e {
            Some(e) => self.expr(e),
            None => AstValue::None,
        }
    }

    pub(super) fn exprs<'e>(&mut self, es: impl IntoIterator<Item = &'e ast::Expr>) -> AstValue {
        AstValue::List(es.into_iter().map(|e| self.expr(e)).collect())
    }

    fn stmt_nested(&mut self, s: &Stmt) -> AstValue {
        let r = s.range();
        match s {
            Stmt::FunctionDef(f) => {
                let kind = if f.is_async {
                    "AsyncFunctionDef"
                } else {
                    "FunctionDef"
                };
                let fields = vec![
                    ("name", ident(f.name.as_str())),
                    ("args", self.arguments(Some(&f.parameters))),
                    ("body", self.stmts(&f.body)),
                    ("decorator_list", self.decorators(&f.decorator_list)),
                    ("returns", self.opt_expr(f.returns.as_deref())),
                    self.type_comment(r.start()),
                ];
                self.node(
                    kind,
                    self.after_decorators(r, f.name.range(), f.is_async),
                    fields,
                )
            }
            Stmt::ClassDef(c) => {
                let (bases, keywords) = match &c.arguments {
                    Some(a) => (self.exprs(a.args.iter()), self.keywords(&a.keywords)),
                    None => (AstValue::List(vec![]), AstValue::List(vec![])),
                };
                let fields = vec![
                    ("name", ident(c.name.as_str())),
                    ("bases", bases),
                    ("keywords", keywords),
                    ("body", self.stmts(&c.body)),
                    ("decorator_list", self.decorators(&c.decorator_list)),
                ];
                self.node(
                    "ClassDef",
                    self.after_decorators(r, c.name.range(), false),
                    fields,
                )
            }
            Stmt::Return(x) => {
                let f = vec![("value", self.opt_expr(x.value.as_deref()))];
                self.node("Return", r, f)
            }
            Stmt::Delete(x) => {
                let f = vec![("targets", self.exprs(&x.targets))];
                self.node("Delete", r, f)
            }
            Stmt::Assign(x) => {
                let f = vec![
                    ("targets", self.exprs(&x.targets)),
                    ("value", self.expr(&x.value)),
                    self.type_comment(r.start()),
                ];
                let end = self.comments.end(r.start()).unwrap_or(r.end());
                self.node("Assign", TextRange::new(r.start(), end), f)
            }
            Stmt::AugAssign(x) => {
                let f = vec![
                    ("target", self.expr(&x.target)),
                    ("op", super::expr::operator(x.op)),
                    ("value", self.expr(&x.value)),
                ];
                self.node("AugAssign", r, f)
            }
            Stmt::AnnAssign(x) => {
                let f = vec![
                    ("target", self.expr(&x.target)),
                    ("annotation", self.expr(&x.annotation)),
                    ("value", self.opt_expr(x.value.as_deref())),
                    ("simple", AstValue::Int(x.simple as i64)),
                ];
                self.node("AnnAssign", r, f)
            }
            Stmt::For(x) => {
                let f = vec![
                    ("target", self.expr(&x.target)),
                    ("iter", self.expr(&x.iter)),
                    ("body", self.stmts(&x.body)),
                    ("orelse", self.stmts(&x.orelse)),
                    self.type_comment(r.start()),
                ];
                self.node(if x.is_async { "AsyncFor" } else { "For" }, r, f)
            }
            Stmt::While(x) => {
                let f = vec![
                    ("test", self.expr(&x.test)),
                    ("body", self.stmts(&x.body)),
                    ("orelse", self.stmts(&x.orelse)),
                ];
                self.node("While", r, f)
            }
            Stmt::If(x) => {
                self.if_chain(r.start(), &x.test, &x.body, &x.elif_else_clauses, r.end())
            }
            Stmt::With(x) if let Some(parens) = self.comments.tuple_items(r.start()) => {
                // `with (a, b):  # type: T`: CPython's grammar reads one tuple.
                let elts = self.exprs(x.items.iter().map(|i| &i.context_expr));
                let tuple = self.node("Tuple", parens, vec![("elts", elts), ("ctx", unit("Load"))]);
                let item = bare(
                    "withitem",
                    vec![("context_expr", tuple), ("optional_vars", AstValue::None)],
                );
                let f = vec![
                    ("items", AstValue::List(vec![item])),
                    ("body", self.stmts(&x.body)),
                    self.type_comment(r.start()),
                ];
                self.node(if x.is_async { "AsyncWith" } else { "With" }, r, f)
            }
            Stmt::With(x) => {
                let items = x
                    .items
                    .iter()
                    .map(|i| {
                        bare(
                            "withitem",
                            vec![
                                ("context_expr", self.expr(&i.context_expr)),
                                ("optional_vars", self.opt_expr(i.optional_vars.as_deref())),
                            ],
                        )
                    })
                    .collect();
                let f = vec![
                    ("items", AstValue::List(items)),
                    ("body", self.stmts(&x.body)),
                    self.type_comment(r.start()),
                ];
                self.node(if x.is_async { "AsyncWith" } else { "With" }, r, f)
            }
            Stmt::Match(x) => {
                let cases = x.cases.iter().map(|c| self.match_case(c)).collect();
                let f = vec![
                    ("subject", self.expr(&x.subject)),
                    ("cases", AstValue::List(cases)),
                ];
                self.node("Match", r, f)
            }
            Stmt::Raise(x) => {
                let f = vec![
                    ("exc", self.opt_expr(x.exc.as_deref())),
                    ("cause", self.opt_expr(x.cause.as_deref())),
                ];
                self.node("Raise", r, f)
            }
            Stmt::Try(x) => {
                let handlers = x.handlers.iter().map(|h| self.handler(h)).collect();
                let f = vec![
                    ("body", self.stmts(&x.body)),
                    ("handlers", AstValue::List(handlers)),
                    ("orelse", self.stmts(&x.orelse)),
                    ("finalbody", self.stmts(&x.finalbody)),
                ];
                self.node(if x.is_star { "TryStar" } else { "Try" }, r, f)
            }
            Stmt::Assert(x) => {
                let f = vec![
                    ("test", self.expr(&x.test)),
                    ("msg", self.opt_expr(x.msg.as_deref())),
                ];
                self.node("Assert", r, f)
            }
            Stmt::Import(x) => {
                let f = vec![("names", self.aliases(&x.names))];
                self.node("Import", r, f)
            }
            Stmt::ImportFrom(x) => {
                let f = vec![
                    ("module", opt_ident(x.module.as_ref())),
                    ("names", self.aliases(&x.names)),
                    ("level", AstValue::Int(x.level as i64)),
                ];
                self.node("ImportFrom", r, f)
            }
            Stmt::Global(x) => {
                let names = x.names.iter().map(|n| ident(n.as_str())).collect();
                self.node("Global", r, vec![("names", AstValue::List(names))])
            }
            Stmt::Nonlocal(x) => {
                let names = x.names.iter().map(|n| ident(n.as_str())).collect();
                self.node("Nonlocal", r, vec![("names", AstValue::List(names))])
            }
            Stmt::Expr(x) => {
                let f = vec![("value", self.expr(&x.value))];
                self.node("Expr", r, f)
            }
            Stmt::Break(_) => self.node("Break", r, vec![]),
            Stmt::Continue(_) => self.node("Continue", r, vec![]),
            Stmt::TypeAlias(x) => {
                // 3.12's node; the 3.11 `ast` module does not know it, but dump() and
                // the visitors handle it through `_fields`.
                let f = vec![
                    ("name", self.expr(&x.name)),
                    ("type_params", self.type_params(x.type_params.as_deref())),
                    ("value", self.expr(&x.value)),
                ];
                self.node("TypeAlias", r, f)
            }
            Stmt::Pass(_) | Stmt::IpyEscapeCommand(_) => self.node("Pass", r, vec![]),
        }
    }

    /// `if`/`elif`/`else` as CPython nests it: each `elif` is an `If` alone in the
    /// previous one's `orelse`, from its keyword to the end of the whole chain.
    fn if_chain(
        &mut self,
        start: TextSize,
        test: &ast::Expr,
        body: &[Stmt],
        rest: &[ast::ElifElseClause],
        end: TextSize,
    ) -> AstValue {
        let test = self.expr(test);
        let body = self.stmts(body);
        let orelse = match rest.split_first() {
            None => AstValue::List(vec![]),
            Some((c, _)) if c.test.is_none() => self.stmts(&c.body),
            Some((c, more)) => {
                let t = c.test.as_ref().expect("elif has a test");
                AstValue::List(vec![self.if_chain(c.range.start(), t, &c.body, more, end)])
            }
        };
        let f = vec![("test", test), ("body", body), ("orelse", orelse)];
        self.node("If", TextRange::new(start, end), f)
    }

    /// A decorated definition starts at its `def`/`async`/`class` keyword, which
    /// precedes the name by the keyword and blanks.
    fn after_decorators(&self, r: TextRange, name: TextRange, is_async: bool) -> TextRange {
        let src = self.source().as_bytes();
        let mut i = name.start().to_usize();
        let skip_blank = |mut i: usize| {
            while i > 0 && matches!(src[i - 1], b' ' | b'\t' | b'\\' | b'\n' | b'\x0c') {
                i -= 1;
            }
            i
        };
        i = skip_blank(i);
        while i > 0 && src[i - 1].is_ascii_alphabetic() {
            i -= 1;
        }
        if is_async {
            i = skip_blank(i);
            while i > 0 && src[i - 1].is_ascii_alphabetic() {
                i -= 1;
            }
        }
        let start = TextSize::try_from(i).unwrap_or(r.start()).max(r.start());
        TextRange::new(start, r.end())
    }

    fn decorators(&mut self, ds: &[ast::Decorator]) -> AstValue {
        AstValue::List(ds.iter().map(|d| self.expr(&d.expression)).collect())
    }

    pub(super) fn keywords(&mut self, ks: &[ast::Keyword]) -> AstValue {
        let v = ks
            .iter()
            .map(|k| {
                let f = vec![
                    ("arg", opt_ident(k.arg.as_ref())),
                    ("value", self.expr(&k.value)),
                ];
                self.node("keyword", k.range, f)
            })
            .collect();
        AstValue::List(v)
    }

    fn aliases(&mut self, names: &[ast::Alias]) -> AstValue {
        let v = names
            .iter()
            .map(|a| {
                let f = vec![
                    ("name", ident(a.name.as_str())),
                    ("asname", opt_ident(a.asname.as_ref())),
                ];
                self.node("alias", a.range, f)
            })
            .collect();
        AstValue::List(v)
    }

    fn handler(&mut self, h: &ast::ExceptHandler) -> AstValue {
        let ast::ExceptHandler::ExceptHandler(h) = h;
        let f = vec![
            ("type", self.opt_expr(h.type_.as_deref())),
            ("name", opt_ident(h.name.as_ref())),
            ("body", self.stmts(&h.body)),
        ];
        self.node("ExceptHandler", h.range, f)
    }

    /// `arguments`: CPython keeps the defaults apart from the parameters, the
    /// positional ones right-aligned, the keyword-only ones with None for "none".
    pub(super) fn arguments(&mut self, p: Option<&ast::Parameters>) -> AstValue {
        let empty = ast::Parameters::default();
        let p = p.unwrap_or(&empty);
        let posonly = p
            .posonlyargs
            .iter()
            .map(|a| self.arg(&a.parameter))
            .collect();
        let args = p.args.iter().map(|a| self.arg(&a.parameter)).collect();
        let vararg = p
            .vararg
            .as_deref()
            .map_or(AstValue::None, |a| self.star_arg(a));
        let kwonly = p
            .kwonlyargs
            .iter()
            .map(|a| self.arg(&a.parameter))
            .collect();
        let kw_defaults = p
            .kwonlyargs
            .iter()
            .map(|a| self.opt_expr(a.default.as_deref()))
            .collect();
        let kwarg = p
            .kwarg
            .as_deref()
            .map_or(AstValue::None, |a| self.star_arg(a));
        let defaults = p
            .posonlyargs
            .iter()
            .chain(p.args.iter())
            .filter_map(|a| a.default.as_deref())
            .map(|d| self.expr(d))
            .collect();
        bare(
            "arguments",
            vec![
                ("posonlyargs", AstValue::List(posonly)),
                ("args", AstValue::List(args)),
                ("vararg", vararg),
                ("kwonlyargs", AstValue::List(kwonly)),
                ("kw_defaults", AstValue::List(kw_defaults)),
                ("kwarg", kwarg),
                ("defaults", AstValue::List(defaults)),
            ],
        )
    }

    /// `*args` / `**kw`: the node starts at the name, after the stars.
    fn star_arg(&mut self, a: &ast::Parameter) -> AstValue {
        let f = vec![
            ("arg", ident(a.name.as_str())),
            ("annotation", self.opt_expr(a.annotation.as_deref())),
            self.type_comment(a.name.range.start()),
        ];
        self.node(
            "arg",
            TextRange::new(a.name.range.start(), a.range.end()),
            f,
        )
    }

    fn arg(&mut self, a: &ast::Parameter) -> AstValue {
        let f = vec![
            ("arg", ident(a.name.as_str())),
            ("annotation", self.opt_expr(a.annotation.as_deref())),
            self.type_comment(a.name.range.start()),
        ];
        self.node("arg", a.range, f)
    }

    fn type_params(&mut self, tp: Option<&ast::TypeParams>) -> AstValue {
        let Some(tp) = tp else {
            return AstValue::List(vec![]);
        };
        let v = tp
            .type_params
            .iter()
            .map(|t| match t {
                ast::TypeParam::TypeVar(t) => {
                    let f = vec![
                        ("name", ident(t.name.as_str())),
                        ("bound", self.opt_expr(t.bound.as_deref())),
                    ];
                    self.node("TypeVar", t.range, f)
                }
                ast::TypeParam::ParamSpec(t) => {
                    self.node("ParamSpec", t.range, vec![("name", ident(t.name.as_str()))])
                }
                ast::TypeParam::TypeVarTuple(t) => self.node(
                    "TypeVarTuple",
                    t.range,
                    vec![("name", ident(t.name.as_str()))],
                ),
            })
            .collect();
        AstValue::List(v)
    }

    fn match_case(&mut self, c: &ast::MatchCase) -> AstValue {
        bare(
            "match_case",
            vec![
                ("pattern", self.pattern(&c.pattern)),
                ("guard", self.opt_expr(c.guard.as_deref())),
                ("body", self.stmts(&c.body)),
            ],
        )
    }

    fn patterns(&mut self, ps: &[Pattern]) -> AstValue {
        AstValue::List(ps.iter().map(|p| self.pattern(p)).collect())
    }

    fn pattern(&mut self, p: &Pattern) -> AstValue {
        let r = p.range();
        if !self.enter(r) {
            return AstValue::None;
        }
        let v = match p {
            Pattern::MatchValue(x) => {
                let f = vec![("value", self.expr(&x.value))];
                self.node("MatchValue", r, f)
            }
            Pattern::MatchSingleton(x) => {
                let c = match x.value {
                    ast::Singleton::None => Const::None,
                    ast::Singleton::True => Const::True,
                    ast::Singleton::False => Const::False,
                };
                self.node("MatchSingleton", r, vec![("value", AstValue::Const(c))])
            }
            Pattern::MatchSequence(x) => {
                let f = vec![("patterns", self.patterns(&x.patterns))];
                self.node("MatchSequence", r, f)
            }
            Pattern::MatchMapping(x) => {
                let f = vec![
                    ("keys", self.exprs(x.keys.iter())),
                    ("patterns", self.patterns(&x.patterns)),
                    ("rest", opt_ident(x.rest.as_ref())),
                ];
                self.node("MatchMapping", r, f)
            }
            Pattern::MatchClass(x) => {
                let a = &x.arguments;
                let attrs = a.keywords.iter().map(|k| ident(k.attr.as_str())).collect();
                let kps = a
                    .keywords
                    .iter()
                    .map(|k| self.pattern(&k.pattern))
                    .collect();
                let f = vec![
                    ("cls", self.expr(&x.cls)),
                    ("patterns", self.patterns(&a.patterns)),
                    ("kwd_attrs", AstValue::List(attrs)),
                    ("kwd_patterns", AstValue::List(kps)),
                ];
                self.node("MatchClass", r, f)
            }
            Pattern::MatchStar(x) => {
                self.node("MatchStar", r, vec![("name", opt_ident(x.name.as_ref()))])
            }
            Pattern::MatchAs(x) => {
                let pat = match &x.pattern {
                    Some(p) => self.pattern(p),
                    None => AstValue::None,
                };
                let f = vec![("pattern", pat), ("name", opt_ident(x.name.as_ref()))];
                self.node("MatchAs", r, f)
            }
            Pattern::MatchOr(x) => {
                let f = vec![("patterns", self.patterns(&x.patterns))];
                self.node("MatchOr", r, f)
            }
        };
        self.depth -= 1;
        v
    }
}

/// `Load()`, `Store()` or `Del()`.
pub(super) fn ctx(c: ast::ExprContext) -> AstValue {
    unit(match c {
        ast::ExprContext::Store => "Store",
        ast::ExprContext::Del => "Del",
        ast::ExprContext::Load | ast::ExprContext::Invalid => "Load",
    })
}
