//! Statements, and the nodes only statements hold (arguments, handlers, aliases,
//! `with` items, match cases and patterns, type parameters).

use ruff_python_ast::{self as ast, AtomicNodeIndex as Ix, Pattern, Stmt};
use ruff_text_size::TextSize;

use super::{Conv, Ctx, R, TreeError, invalid, item, nonempty, required};
use crate::ast_export::{AstNode, AstValue};
use crate::bytecode::Const;

impl Conv {
    pub(crate) fn stmts(&mut self, v: &AstValue) -> R<Vec<Stmt>> {
        let AstValue::List(items) = v else {
            return Ok(Vec::new());
        };
        items
            .iter()
            .map(|v| match item(v) {
                Some(s) => self.stmt(s),
                None => invalid("None disallowed in statement list"),
            })
            .collect()
    }

    fn body(&mut self, n: &AstNode, field: &str) -> R<ast::Suite> {
        Ok(self.stmts(n.get(field))?.into())
    }

    fn stmt(&mut self, n: &AstNode) -> R<Stmt> {
        let s = self.start(n);
        let load = Ctx::Load;
        Ok(match n.kind {
            "FunctionDef" | "AsyncFunctionDef" => self.function(n, s)?,
            "ClassDef" => self.class(n, s)?,
            "Return" => {
                let value = self.opt(n, "value")?;
                Stmt::Return(ast::StmtReturn {
                    value,
                    range: self.finish(n, s),
                    node_index: Ix::NONE,
                })
            }
            "Delete" => {
                nonempty(n, "targets", "targets")?;
                let targets = self.exprs(n, "targets", Ctx::Del)?;
                Stmt::Delete(ast::StmtDelete {
                    targets,
                    range: self.finish(n, s),
                    node_index: Ix::NONE,
                })
            }
            "Assign" => {
                nonempty(n, "targets", "targets")?;
                let targets = self.exprs(n, "targets", Ctx::Store)?;
                let value = self.boxed(n, "value", load)?;
                Stmt::Assign(ast::StmtAssign {
                    targets,
                    value,
                    range: self.finish(n, s),
                    node_index: Ix::NONE,
                })
            }
            "TypeAlias" => {
                let name = self.boxed(n, "name", Ctx::Store)?;
                let type_params = self.type_params(n)?;
                let value = self.boxed(n, "value", load)?;
                Stmt::TypeAlias(ast::StmtTypeAlias {
                    name,
                    type_params,
                    value,
                    range: self.finish(n, s),
                    node_index: Ix::NONE,
                })
            }
            "AugAssign" => {
                let target = self.boxed(n, "target", Ctx::Store)?;
                let op = super::expr::operator(n.kind_of("op"));
                let value = self.boxed(n, "value", load)?;
                Stmt::AugAssign(ast::StmtAugAssign {
                    target,
                    op,
                    value,
                    range: self.finish(n, s),
                    node_index: Ix::NONE,
                })
            }
            "AnnAssign" => {
                let target = self.boxed(n, "target", Ctx::Store)?;
                let annotation = self.boxed(n, "annotation", load)?;
                let value = self.opt(n, "value")?;
                Stmt::AnnAssign(ast::StmtAnnAssign {
                    target,
                    annotation,
                    value,
                    simple: n.int("simple") != 0,
                    range: self.finish(n, s),
                    node_index: Ix::NONE,
                })
            }
            "For" | "AsyncFor" => {
                nonempty(n, "body", "body")?;
                let target = self.boxed(n, "target", Ctx::Store)?;
                let iter = self.boxed(n, "iter", load)?;
                let body = self.body(n, "body")?;
                let orelse = self.body(n, "orelse")?;
                Stmt::For(ast::StmtFor {
                    is_async: n.kind == "AsyncFor",
                    target,
                    iter,
                    body,
                    orelse,
                    range: self.finish(n, s),
                    node_index: Ix::NONE,
                })
            }
            "While" => {
                nonempty(n, "body", "body")?;
                let test = self.boxed(n, "test", load)?;
                let body = self.body(n, "body")?;
                let orelse = self.body(n, "orelse")?;
                Stmt::While(ast::StmtWhile {
                    test,
                    body,
                    orelse,
                    range: self.finish(n, s),
                    node_index: Ix::NONE,
                })
            }
            "If" => {
                nonempty(n, "body", "body")?;
                let test = self.boxed(n, "test", load)?;
                let body = self.body(n, "body")?;
                let mut elif_else_clauses = Vec::new();
                if !n.list("orelse").is_empty() {
                    let es = self.start(n);
                    let body = self.body(n, "orelse")?;
                    elif_else_clauses.push(ast::ElifElseClause {
                        test: None,
                        body,
                        range: self.finish(n, es),
                        node_index: Ix::NONE,
                    });
                }
                Stmt::If(ast::StmtIf {
                    test,
                    body,
                    elif_else_clauses,
                    range: self.finish(n, s),
                    node_index: Ix::NONE,
                })
            }
            "With" | "AsyncWith" => self.with(n, s)?,
            "Match" => self.match_(n, s)?,
            "Raise" => {
                if n.node("exc").is_none() && n.node("cause").is_some() {
                    return invalid("Raise with cause but no exception");
                }
                let exc = self.opt(n, "exc")?;
                let cause = self.opt(n, "cause")?;
                Stmt::Raise(ast::StmtRaise {
                    exc,
                    cause,
                    range: self.finish(n, s),
                    node_index: Ix::NONE,
                })
            }
            "Try" | "TryStar" => self.try_(n, s)?,
            "Assert" => {
                let test = self.boxed(n, "test", load)?;
                let msg = self.opt(n, "msg")?;
                Stmt::Assert(ast::StmtAssert {
                    test,
                    msg,
                    range: self.finish(n, s),
                    node_index: Ix::NONE,
                })
            }
            "Import" => {
                nonempty(n, "names", "names")?;
                let names = self.aliases(n)?;
                Stmt::Import(ast::StmtImport {
                    names,
                    is_lazy: false,
                    range: self.finish(n, s),
                    node_index: Ix::NONE,
                })
            }
            "ImportFrom" => {
                let level = n.int("level");
                if level < 0 {
                    return invalid("Negative ImportFrom level");
                }
                nonempty(n, "names", "names")?;
                let module = self.opt_ident(n.get("module"), n);
                let names = self.aliases(n)?;
                Stmt::ImportFrom(ast::StmtImportFrom {
                    module,
                    names,
                    level: level.min(u32::MAX as i64) as u32,
                    is_lazy: false,
                    range: self.finish(n, s),
                    node_index: Ix::NONE,
                })
            }
            "Global" | "Nonlocal" => {
                nonempty(n, "names", "names")?;
                let names = n.list("names").iter().map(|v| self.ident(v, n)).collect();
                let range = self.finish(n, s);
                if n.kind == "Global" {
                    Stmt::Global(ast::StmtGlobal {
                        names,
                        range,
                        node_index: Ix::NONE,
                    })
                } else {
                    Stmt::Nonlocal(ast::StmtNonlocal {
                        names,
                        range,
                        node_index: Ix::NONE,
                    })
                }
            }
            "Expr" => {
                let value = self.boxed(n, "value", load)?;
                Stmt::Expr(ast::StmtExpr {
                    value,
                    range: self.finish(n, s),
                    node_index: Ix::NONE,
                })
            }
            "Pass" => Stmt::Pass(ast::StmtPass {
                range: self.finish(n, s),
                node_index: Ix::NONE,
            }),
            "Break" => Stmt::Break(ast::StmtBreak {
                range: self.finish(n, s),
                node_index: Ix::NONE,
            }),
            "Continue" => Stmt::Continue(ast::StmtContinue {
                range: self.finish(n, s),
                node_index: Ix::NONE,
            }),
            k => {
                return Err(TreeError::Type(format!(
                    "expected some sort of stmt, but got {k}"
                )));
            }
        })
    }

    fn decorators(&mut self, n: &AstNode) -> R<Vec<ast::Decorator>> {
        let mut out = Vec::new();
        for e in self.exprs(n, "decorator_list", Ctx::Load)? {
            use ruff_text_size::Ranged;
            out.push(ast::Decorator {
                range: e.range(),
                expression: e,
                node_index: Ix::NONE,
            });
        }
        Ok(out)
    }

    fn function(&mut self, n: &AstNode, s: TextSize) -> R<Stmt> {
        nonempty(n, "body", "body")?;
        let decorator_list = self.decorators(n)?;
        let name = self.ident(n.get("name"), n);
        let type_params = self.type_params(n)?;
        let parameters = Box::new(self.arguments(required(n, "args")?)?);
        let returns = self.opt(n, "returns")?;
        let body = self.body(n, "body")?;
        Ok(Stmt::FunctionDef(ast::StmtFunctionDef {
            is_async: n.kind == "AsyncFunctionDef",
            decorator_list: decorator_list.into(),
            name,
            type_params,
            parameters,
            returns,
            body,
            range: self.finish(n, s),
            node_index: Ix::NONE,
        }))
    }

    fn class(&mut self, n: &AstNode, s: TextSize) -> R<Stmt> {
        nonempty(n, "body", "body")?;
        let decorator_list = self.decorators(n)?;
        let name = self.ident(n.get("name"), n);
        let type_params = self.type_params(n)?;
        let ps = self.start(n);
        let args = self.exprs(n, "bases", Ctx::Load)?;
        let keywords = self.keywords(n, "keywords")?;
        let arguments = Some(Box::new(ast::Arguments {
            args: args.into(),
            keywords: keywords.into(),
            range: self.finish(n, ps),
            node_index: Ix::NONE,
        }));
        let body = self.body(n, "body")?;
        Ok(Stmt::ClassDef(ast::StmtClassDef {
            decorator_list: decorator_list.into(),
            name,
            type_params,
            arguments,
            body,
            range: self.finish(n, s),
            node_index: Ix::NONE,
        }))
    }

    /// `arguments`: CPython keeps the positional defaults in one list aligned to the
    /// last parameters, and one keyword-only default (or None) per keyword-only one;
    /// the parser's tree keeps each default with its parameter.
    pub(crate) fn arguments(&mut self, n: &AstNode) -> R<ast::Parameters> {
        let s = self.start(n);
        let npos = n.list("posonlyargs").len() + n.list("args").len();
        let defaults = n.list("defaults");
        if defaults.len() > npos {
            return invalid("more positional defaults than args on arguments");
        }
        let kwonly = n.list("kwonlyargs");
        if kwonly.len() != n.list("kw_defaults").len() {
            return invalid("length of kwonlyargs is not the same as kw_defaults on arguments");
        }
        let first_default = npos - defaults.len();
        let mut index = 0;
        let mut positional = |c: &mut Conv, field: &str| -> R<Vec<ast::ParameterWithDefault>> {
            let mut out = Vec::new();
            for a in n.list(field) {
                let default = match index >= first_default {
                    true => Some(Box::new(
                        c.expr(&defaults[index - first_default], Ctx::Load)?,
                    )),
                    false => None,
                };
                index += 1;
                out.push(c.with_default(a, default)?);
            }
            Ok(out)
        };
        let posonlyargs = positional(self, "posonlyargs")?;
        let args = positional(self, "args")?;
        let vararg = self.opt_arg(n.get("vararg"))?;
        let mut kwonlyargs = Vec::new();
        for (a, d) in kwonly.iter().zip(n.list("kw_defaults")) {
            let default = match item(d) {
                Some(d) => Some(Box::new(self.expr_node(d, Ctx::Load)?)),
                None => None,
            };
            kwonlyargs.push(self.with_default(a, default)?);
        }
        let kwarg = self.opt_arg(n.get("kwarg"))?;
        Ok(ast::Parameters {
            posonlyargs: posonlyargs.into(),
            args: args.into(),
            vararg,
            kwonlyargs: kwonlyargs.into(),
            kwarg,
            range: self.finish(n, s),
            node_index: Ix::NONE,
        })
    }

    fn with_default(
        &mut self,
        a: &AstValue,
        default: Option<Box<ast::Expr>>,
    ) -> R<ast::ParameterWithDefault> {
        let parameter = self.arg(a)?;
        Ok(ast::ParameterWithDefault {
            range: parameter.range,
            parameter,
            default,
            node_index: Ix::NONE,
        })
    }

    fn arg(&mut self, v: &AstValue) -> R<ast::Parameter> {
        let Some(a) = item(v) else {
            return invalid("None disallowed in argument list");
        };
        let s = self.start(a);
        let name = self.ident(a.get("arg"), a);
        let annotation = self.opt(a, "annotation")?;
        Ok(ast::Parameter {
            name,
            annotation,
            range: self.finish(a, s),
            node_index: Ix::NONE,
        })
    }

    fn opt_arg(&mut self, v: &AstValue) -> R<Option<Box<ast::Parameter>>> {
        match v {
            AstValue::Node(_) => Ok(Some(Box::new(self.arg(v)?))),
            _ => Ok(None),
        }
    }

    fn aliases(&mut self, n: &AstNode) -> R<Vec<ast::Alias>> {
        let mut out = Vec::new();
        for a in n.list("names") {
            let Some(a) = item(a) else {
                return invalid("None disallowed in alias list");
            };
            let s = self.start(a);
            let name = self.ident(a.get("name"), a);
            let asname = self.opt_ident(a.get("asname"), a);
            out.push(ast::Alias {
                name,
                asname,
                range: self.finish(a, s),
                node_index: Ix::NONE,
            });
        }
        Ok(out)
    }

    fn with(&mut self, n: &AstNode, s: TextSize) -> R<Stmt> {
        nonempty(n, "items", "items")?;
        nonempty(n, "body", "body")?;
        let mut items = Vec::new();
        for w in n.list("items") {
            let Some(w) = item(w) else {
                return invalid("None disallowed in withitem list");
            };
            // A `withitem` has no position in `_ast`; the parser's spans its
            // expression and its target.
            let span = |f: &str| w.node(f).and_then(|n| n.pos);
            let first = span("context_expr").unwrap_or([1, 0, 1, 0]);
            let last = span("optional_vars").unwrap_or(first);
            let ws = self.at(first[0], first[1]);
            let context_expr = self.field(w, "context_expr", Ctx::Load)?;
            let optional_vars = match w.node("optional_vars") {
                Some(v) => Some(Box::new(self.expr_node(v, Ctx::Store)?)),
                None => None,
            };
            let we = self.at(last[2], last[3]);
            items.push(ast::WithItem {
                context_expr,
                optional_vars,
                range: ruff_text_size::TextRange::new(ws, we),
                node_index: Ix::NONE,
            });
        }
        let body = self.body(n, "body")?;
        Ok(Stmt::With(ast::StmtWith {
            is_async: n.kind == "AsyncWith",
            items,
            body,
            range: self.finish(n, s),
            node_index: Ix::NONE,
        }))
    }

    fn try_(&mut self, n: &AstNode, s: TextSize) -> R<Stmt> {
        nonempty(n, "body", "body")?;
        let (handlers, finalbody) = (n.list("handlers"), n.list("finalbody"));
        if handlers.is_empty() && finalbody.is_empty() {
            return invalid(format!(
                "{} has neither except handlers nor finalbody",
                n.kind
            ));
        }
        if handlers.is_empty() && !n.list("orelse").is_empty() {
            return invalid(format!("{} has orelse but no except handlers", n.kind));
        }
        let body = self.body(n, "body")?;
        let mut hs = Vec::new();
        for h in handlers {
            let Some(h) = item(h) else {
                return invalid("None disallowed in excepthandler list");
            };
            nonempty(h, "body", "body")?;
            let hstart = self.start(h);
            let type_ = self.opt(h, "type")?;
            let name = self.opt_ident(h.get("name"), h);
            let body = self.body(h, "body")?;
            hs.push(ast::ExceptHandler::ExceptHandler(
                ast::ExceptHandlerExceptHandler {
                    type_,
                    name,
                    body,
                    range: self.finish(h, hstart),
                    node_index: Ix::NONE,
                },
            ));
        }
        let orelse = self.body(n, "orelse")?;
        let finalbody = self.body(n, "finalbody")?;
        Ok(Stmt::Try(ast::StmtTry {
            body,
            handlers: hs,
            orelse,
            finalbody,
            is_star: n.kind == "TryStar",
            range: self.finish(n, s),
            node_index: Ix::NONE,
        }))
    }

    fn type_params(&mut self, n: &AstNode) -> R<Option<Box<ast::TypeParams>>> {
        let list = n.list("type_params");
        if list.is_empty() {
            return Ok(None);
        }
        let s = self.start(n);
        let mut out = Vec::new();
        for p in list {
            let Some(p) = item(p) else {
                return invalid("None disallowed in type_param list");
            };
            let ps = self.start(p);
            let name = self.ident(p.get("name"), p);
            out.push(match p.kind {
                "TypeVar" => {
                    let bound = self.opt(p, "bound")?;
                    ast::TypeParam::TypeVar(ast::TypeParamTypeVar {
                        name,
                        bound,
                        default: None,
                        range: self.finish(p, ps),
                        node_index: Ix::NONE,
                    })
                }
                "ParamSpec" => ast::TypeParam::ParamSpec(ast::TypeParamParamSpec {
                    name,
                    default: None,
                    range: self.finish(p, ps),
                    node_index: Ix::NONE,
                }),
                _ => ast::TypeParam::TypeVarTuple(ast::TypeParamTypeVarTuple {
                    name,
                    default: None,
                    range: self.finish(p, ps),
                    node_index: Ix::NONE,
                }),
            });
        }
        Ok(Some(Box::new(ast::TypeParams {
            type_params: out,
            range: self.finish(n, s),
            node_index: Ix::NONE,
        })))
    }

    fn match_(&mut self, n: &AstNode, s: TextSize) -> R<Stmt> {
        nonempty(n, "cases", "cases")?;
        let subject = self.boxed(n, "subject", Ctx::Load)?;
        let mut cases = Vec::new();
        for c in n.list("cases") {
            let Some(c) = item(c) else {
                return invalid("None disallowed in match_case list");
            };
            nonempty(c, "body", "body")?;
            let cs = self.start(c);
            let pattern = self.pattern(required(c, "pattern")?)?;
            let guard = self.opt(c, "guard")?;
            let body = self.body(c, "body")?;
            cases.push(ast::MatchCase {
                pattern,
                guard,
                body,
                range: self.finish(c, cs),
                node_index: Ix::NONE,
            });
        }
        Ok(Stmt::Match(ast::StmtMatch {
            subject,
            cases,
            range: self.finish(n, s),
            node_index: Ix::NONE,
        }))
    }

    fn patterns(&mut self, n: &AstNode, field: &str) -> R<Vec<Pattern>> {
        n.list(field)
            .iter()
            .map(|p| match item(p) {
                Some(p) => self.pattern(p),
                None => invalid("None disallowed in pattern list"),
            })
            .collect()
    }

    fn pattern(&mut self, n: &AstNode) -> R<Pattern> {
        let s = self.start(n);
        Ok(match n.kind {
            "MatchValue" => {
                let value = self.boxed(n, "value", Ctx::Load)?;
                Pattern::MatchValue(ast::PatternMatchValue {
                    value,
                    range: self.finish(n, s),
                    node_index: Ix::NONE,
                })
            }
            "MatchSingleton" => {
                let value = match n.get("value") {
                    AstValue::Const(Const::True) => ast::Singleton::True,
                    AstValue::Const(Const::False) => ast::Singleton::False,
                    AstValue::Const(Const::None) => ast::Singleton::None,
                    _ => return invalid("MatchSingleton can only contain True, False and None"),
                };
                Pattern::MatchSingleton(ast::PatternMatchSingleton {
                    value,
                    range: self.finish(n, s),
                    node_index: Ix::NONE,
                })
            }
            "MatchSequence" => {
                let patterns = self.patterns(n, "patterns")?;
                Pattern::MatchSequence(ast::PatternMatchSequence {
                    patterns,
                    range: self.finish(n, s),
                    node_index: Ix::NONE,
                })
            }
            "MatchMapping" => {
                if n.list("keys").len() != n.list("patterns").len() {
                    return invalid(
                        "MatchMapping doesn't have the same number of keys as patterns",
                    );
                }
                let keys = self.exprs(n, "keys", Ctx::Load)?;
                let patterns = self.patterns(n, "patterns")?;
                let rest = self.opt_ident(n.get("rest"), n);
                Pattern::MatchMapping(ast::PatternMatchMapping {
                    keys: keys.into(),
                    patterns: patterns.into(),
                    rest,
                    range: self.finish(n, s),
                    node_index: Ix::NONE,
                })
            }
            "MatchClass" => self.match_class(n, s)?,
            "MatchStar" => {
                let name = self.opt_ident(n.get("name"), n);
                Pattern::MatchStar(ast::PatternMatchStar {
                    name,
                    range: self.finish(n, s),
                    node_index: Ix::NONE,
                })
            }
            "MatchAs" => {
                let name = self.opt_ident(n.get("name"), n);
                let pattern = match n.node("pattern") {
                    Some(_) if name.is_none() => {
                        return invalid("MatchAs must specify a target name if a pattern is given");
                    }
                    Some(p) => Some(Box::new(self.pattern(p)?)),
                    None => None,
                };
                Pattern::MatchAs(ast::PatternMatchAs {
                    pattern,
                    name,
                    range: self.finish(n, s),
                    node_index: Ix::NONE,
                })
            }
            "MatchOr" => {
                if n.list("patterns").len() < 2 {
                    return invalid("MatchOr requires at least 2 patterns");
                }
                let patterns = self.patterns(n, "patterns")?;
                Pattern::MatchOr(ast::PatternMatchOr {
                    patterns,
                    range: self.finish(n, s),
                    node_index: Ix::NONE,
                })
            }
            k => {
                return Err(TreeError::Type(format!(
                    "expected some sort of pattern, but got {k}"
                )));
            }
        })
    }

    fn match_class(&mut self, n: &AstNode, s: TextSize) -> R<Pattern> {
        let (attrs, kwd) = (n.list("kwd_attrs"), n.list("kwd_patterns"));
        if attrs.len() != kwd.len() {
            return invalid(
                "MatchClass doesn't have the same number of keyword attributes as patterns",
            );
        }
        let cls = self.boxed(n, "cls", Ctx::Load)?;
        let patterns = self.patterns(n, "patterns")?;
        let mut keywords = Vec::new();
        for (a, p) in attrs.iter().zip(kwd) {
            let ks = self.start(n);
            let attr = self.ident(a, n);
            let Some(p) = item(p) else {
                return invalid("None disallowed in pattern list");
            };
            let pattern = self.pattern(p)?;
            keywords.push(ast::PatternKeyword {
                attr,
                pattern,
                range: self.finish(n, ks),
                node_index: Ix::NONE,
            });
        }
        let ps = self.start(n);
        let arguments = ast::PatternArguments {
            patterns: patterns.into(),
            keywords,
            range: self.finish(n, ps),
            node_index: Ix::NONE,
        };
        Ok(Pattern::MatchClass(ast::PatternMatchClass {
            cls,
            arguments,
            range: self.finish(n, s),
            node_index: Ix::NONE,
        }))
    }
}
