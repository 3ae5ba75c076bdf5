//! Scope analysis: which names are local, global, free or cells in each scope.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use ruff_python_ast::visitor::{Visitor, walk_expr, walk_pattern, walk_stmt};
use ruff_python_ast::{self as ast, Expr, ExprContext, Parameters, Pattern, Stmt};
use ruff_text_size::{Ranged, TextRange};

use super::RawError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ScopeKind {
    Module,
    Class,
    Function,
    Comprehension,
}

/// Where a name lives, as seen from one scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SymScope {
    Local,
    GlobalExplicit,
    GlobalImplicit,
    Free,
    Cell,
}

const DEF_LOCAL: u32 = 1;
const DEF_PARAM: u32 = 2;
const DEF_GLOBAL: u32 = 4;
const DEF_NONLOCAL: u32 = 8;
const USE: u32 = 16;
/// A walrus target inside a comprehension: bound in the enclosing function.
const DEF_COMP_FREE: u32 = 32;
/// A name annotated in this scope (`x: int`).
const DEF_ANNOT: u32 = 64;

#[derive(Debug)]
pub(crate) struct Scope {
    pub kind: ScopeKind,
    pub name: String,
    order: Vec<String>,
    flags: HashMap<String, u32>,
    pub children: Vec<usize>,
    pub resolved: HashMap<String, SymScope>,
    pub cellvars: Vec<String>,
    pub freevars: Vec<String>,
    pub is_generator: bool,
    /// An `async def`, or an asynchronous comprehension (its code is a coroutine, or an
    /// async generator when `is_generator` too).
    pub is_coroutine: bool,
    /// A comprehension that awaits (directly, or in a nested asynchronous
    /// comprehension that is not a generator expression): it must be a coroutine.
    comp_awaits: bool,
    /// A class body whose methods need the `__class__` cell.
    pub needs_class_cell: bool,
    /// A class body whose annotation or type-parameter scopes read its namespace
    /// through the `__classdict__` cell.
    pub needs_classdict_cell: bool,
    /// An annotation, type-parameter or lazy-value scope directly in a class body (or in
    /// such a scope): its global names are looked up in the class namespace first.
    pub can_see_class: bool,
    /// The type parameters a generic scope binds.
    type_params: Vec<String>,
    parent: Option<usize>,
    nonlocal_ranges: HashMap<String, TextRange>,
    /// The first `global` or `nonlocal` statement naming each name (CPython reports a
    /// name both global and nonlocal there).
    directives: HashMap<String, TextRange>,
}

impl Scope {
    fn new(kind: ScopeKind, name: &str, parent: Option<usize>) -> Self {
        Scope {
            kind,
            name: name.to_string(),
            order: Vec::new(),
            flags: HashMap::default(),
            children: Vec::new(),
            resolved: HashMap::default(),
            cellvars: Vec::new(),
            freevars: Vec::new(),
            is_generator: false,
            is_coroutine: false,
            comp_awaits: false,
            needs_class_cell: false,
            needs_classdict_cell: false,
            can_see_class: false,
            type_params: Vec::new(),
            parent,
            nonlocal_ranges: HashMap::default(),
            directives: HashMap::default(),
        }
    }

    pub(crate) fn lookup(&self, name: &str) -> SymScope {
        self.resolved
            .get(name)
            .copied()
            .unwrap_or(SymScope::GlobalImplicit)
    }

    fn is_bound(&self, f: u32) -> bool {
        f & (DEF_LOCAL | DEF_PARAM) != 0 && f & (DEF_GLOBAL | DEF_NONLOCAL | DEF_COMP_FREE) == 0
    }
}

#[derive(Debug)]
pub(crate) struct SymbolTable {
    pub scopes: Vec<Scope>,
    by_range: HashMap<(u32, u32), usize>,
}

impl SymbolTable {
    /// The scope created by the node (function, class, lambda, comprehension) at `range`.
    pub(crate) fn scope_of(&self, range: TextRange) -> usize {
        self.by_range[&(range.start().to_u32(), range.end().to_u32())]
    }
}

struct Builder {
    table: SymbolTable,
    cur: usize,
    error: Option<RawError>,
    /// Inside a type-parameter, annotation or alias-value scope: what to call it in the
    /// error for a `yield`, `await` or `:=` there.
    ctx: Option<&'static str>,
    /// Expressions being visited, nested (see [`MAX_EXPR_DEPTH`]).
    depth: usize,
    /// Inside the iterable of a comprehension's `for` (any depth, lambdas and inner
    /// comprehensions included): no `:=` allowed there.
    comp_iter: u32,
    /// Binding the targets of a comprehension's `for`: they may not be names a `:=`
    /// in the same comprehension bound.
    comp_target: bool,
    /// A module's annotations of plain names are evaluated lazily, by one
    /// `__annotate__` function (PEP 649): its scope once made ([`MODULE_ANNOTATE_KEY`]).
    lazy_module_annotations: bool,
    module_annotate: Option<usize>,
    /// Class bodies' annotations of plain names are evaluated by one `__annotate__`
    /// function per class (PEP 649, see `codegen/annotations.rs`; not under
    /// `from __future__ import annotations`).
    lazy_class_annotations: bool,
    /// In a class body: the key of its `__annotate__` scope, and that scope once made.
    class_annotate: Option<(TextRange, Option<usize>)>,
}

/// The `by_range` key of a module's `__annotate__` scope (no source range is empty at
/// the largest offset).
pub(crate) const MODULE_ANNOTATE_KEY: u32 = u32::MAX;

/// The `by_range` key of a class's `__annotate__` scope: the empty range at the start
/// of the class's name (no other scope is keyed there: a function's annotation scope
/// starts at its `(`, every other scope at its keyword or bracket).
pub(crate) fn class_annotate_key(c: &ast::StmtClassDef) -> TextRange {
    TextRange::empty(c.name.range.start())
}

/// The deepest expression nesting compiled. Every pass after this one (the symbol
/// table first, then code generation) recurses on the tree, so a deeper tree
/// (`1+1+...+1` with a million terms) gives RecursionError instead of overflowing the
/// compiler thread's stack (`COMPILE_STACK`, 512 MB: 300,000 levels were measured to
/// fit; CPython stops near 3,000).
pub(crate) const MAX_EXPR_DEPTH: usize = 100_000;

/// The symbol table of a module; `lazy_annotations`: its annotations of plain names go
/// to one `__annotate__` scope (see `codegen/annotations.rs`).
/// `lazy_class_annotations`: each class body's go to one `__annotate__` scope.
pub(crate) fn build_module(
    body: &[Stmt],
    lazy_annotations: bool,
    lazy_class_annotations: bool,
) -> Result<SymbolTable, RawError> {
    let mut b = Builder::new();
    b.lazy_module_annotations = lazy_annotations;
    b.lazy_class_annotations = lazy_class_annotations;
    for s in body {
        b.visit_stmt(s);
    }
    b.finish()
}

pub(crate) fn build_expression(expr: &Expr) -> Result<SymbolTable, RawError> {
    let mut b = Builder::new();
    b.visit_expr(expr);
    b.finish()
}

impl Builder {
    fn new() -> Self {
        Builder {
            table: SymbolTable {
                scopes: vec![Scope::new(ScopeKind::Module, "<module>", None)],
                by_range: HashMap::default(),
            },
            cur: 0,
            error: None,
            ctx: None,
            depth: 0,
            comp_iter: 0,
            comp_target: false,
            lazy_module_annotations: false,
            module_annotate: None,
            lazy_class_annotations: false,
            class_annotate: None,
        }
    }

    /// Visit a module-level annotation in the module's `__annotate__` scope, which
    /// every such annotation shares.
    fn visit_module_annotation(&mut self, e: &Expr) {
        let scope = match self.module_annotate {
            Some(s) => s,
            None => {
                let key = TextRange::empty(MODULE_ANNOTATE_KEY.into());
                let prev = self.enter(ScopeKind::Function, "__annotate__", key);
                self.add("format", DEF_PARAM);
                let s = self.cur;
                self.cur = prev;
                self.module_annotate = Some(s);
                s
            }
        };
        let prev = std::mem::replace(&mut self.cur, scope);
        let saved = self.ctx.replace("an annotation");
        self.visit_expr(e);
        self.ctx = saved;
        self.cur = prev;
    }

    /// Visit an annotation of a class body in the class's `__annotate__` scope (made at
    /// the first one), which sees the class namespace through `__classdict__` and reads
    /// the class's `__conditional_annotations__` from it.
    fn visit_class_annotation(&mut self, e: &Expr) {
        let Some((key, made)) = self.class_annotate else {
            self.visit_expr(e);
            return;
        };
        let scope = match made {
            Some(s) => s,
            None => {
                let prev = self.enter(ScopeKind::Function, "__annotate__", key);
                self.mark_sees_class();
                self.add("format", DEF_PARAM);
                self.add("__conditional_annotations__", USE);
                let s = self.cur;
                self.cur = prev;
                self.class_annotate = Some((key, Some(s)));
                s
            }
        };
        let prev = std::mem::replace(&mut self.cur, scope);
        let saved = self.ctx.replace("an annotation");
        self.visit_expr(e);
        self.ctx = saved;
        self.cur = prev;
    }

    fn finish(mut self) -> Result<SymbolTable, RawError> {
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        let mut ctx = Analyze { error: None };
        ctx.analyze(&mut self.table.scopes, 0, &HashSet::default());
        if let Some(e) = ctx.error {
            return Err(e);
        }
        Ok(self.table)
    }

    fn err(&mut self, msg: impl Into<String>, range: TextRange) {
        if self.error.is_none() {
            self.error = Some(RawError::syntax(msg, range));
        }
    }

    fn scope(&mut self) -> &mut Scope {
        &mut self.table.scopes[self.cur]
    }

    fn add(&mut self, name: &str, flag: u32) {
        let s = self.scope();
        match s.flags.get_mut(name) {
            Some(f) => *f |= flag,
            None => {
                s.order.push(name.to_string());
                s.flags.insert(name.to_string(), flag);
            }
        }
    }

    fn flags_of(&self, name: &str) -> u32 {
        self.table.scopes[self.cur]
            .flags
            .get(name)
            .copied()
            .unwrap_or(0)
    }

    fn enter(&mut self, kind: ScopeKind, name: &str, range: TextRange) -> usize {
        let id = self.table.scopes.len();
        self.table
            .scopes
            .push(Scope::new(kind, name, Some(self.cur)));
        self.table.scopes[self.cur].children.push(id);
        self.table
            .by_range
            .insert((range.start().to_u32(), range.end().to_u32()), id);
        let prev = self.cur;
        self.cur = id;
        prev
    }

    fn add_params(&mut self, params: &Parameters) {
        let all = params
            .posonlyargs
            .iter()
            .chain(params.args.iter())
            .chain(params.kwonlyargs.iter())
            .map(|p| &p.parameter)
            .chain(params.vararg.as_deref())
            .chain(params.kwarg.as_deref());
        for p in all {
            let name = p.name.as_str();
            if self.flags_of(name) & DEF_PARAM != 0 {
                self.err(
                    format!("duplicate argument '{name}' in function definition"),
                    p.name.range,
                );
            }
            self.add(name, DEF_PARAM);
        }
    }

    fn visit_defaults(&mut self, params: &Parameters) {
        for p in params
            .posonlyargs
            .iter()
            .chain(params.args.iter())
            .chain(params.kwonlyargs.iter())
        {
            if let Some(d) = &p.default {
                self.visit_expr(d);
            }
        }
    }

    fn comprehension(
        &mut self,
        name: &str,
        range: TextRange,
        generators: &[ast::Comprehension],
        elts: &[&Expr],
        is_genexpr: bool,
    ) {
        // CPython's parser refuses `[*a for a in b]`, which ruff's accepts.
        if let Some(Expr::Starred(st)) = elts.first() {
            self.err(
                "iterable unpacking cannot be used in comprehension",
                st.range,
            );
            return;
        }
        // The first iterator is evaluated in the enclosing scope.
        self.comp_iterable(&generators[0].iter);
        let prev = self.enter(ScopeKind::Comprehension, name, range);
        if is_genexpr {
            self.scope().is_generator = true;
        }
        self.add(".0", DEF_PARAM);
        for (i, g) in generators.iter().enumerate() {
            self.comp_target = true;
            self.visit_expr(&g.target);
            self.comp_target = false;
            if i > 0 {
                self.comp_iterable(&g.iter);
            }
            for cond in &g.ifs {
                self.visit_expr(cond);
            }
        }
        for e in elts {
            self.visit_expr(e);
        }
        let is_async = generators.iter().any(|g| g.is_async) || self.scope().comp_awaits;
        let id = self.cur;
        self.cur = prev;
        if is_async {
            self.async_comprehension(id, is_genexpr, range);
        }
    }

    fn comp_iterable(&mut self, iter: &Expr) {
        self.comp_iter += 1;
        self.visit_expr(iter);
        self.comp_iter -= 1;
    }

    /// `__debug__` cannot be bound anywhere; `range` is where CPython 3.11 reports it
    /// (the statement or expression its compiler was at).
    fn check_debug(&mut self, name: &str, range: TextRange) {
        if name == "__debug__" {
            self.err("cannot assign to __debug__", range);
        }
    }

    /// The parameters of a `def` or `lambda` at `range`, checked for `__debug__`.
    fn check_debug_params(&mut self, params: &Parameters, range: TextRange) {
        for p in params.iter() {
            self.check_debug(p.name().as_str(), range);
        }
    }

    /// Comprehension `id` (just left) awaits: it becomes a coroutine (an async generator
    /// for a generator expression, allowed anywhere). Any other kind is awaited where it
    /// is made, so that place must be able to await: an `async def` or another
    /// comprehension (which then becomes asynchronous too).
    fn async_comprehension(&mut self, id: usize, is_genexpr: bool, range: TextRange) {
        self.table.scopes[id].is_coroutine = true;
        if is_genexpr {
            return;
        }
        let parent = &mut self.table.scopes[self.cur];
        match parent.kind {
            ScopeKind::Function if parent.is_coroutine => {}
            ScopeKind::Comprehension => parent.comp_awaits = true,
            _ => self.err(
                "asynchronous comprehension outside of an asynchronous function",
                range,
            ),
        }
    }

    fn walrus_target(&mut self, name: &str, range: TextRange) {
        if self.table.scopes[self.cur].kind != ScopeKind::Comprehension {
            self.add(name, DEF_LOCAL);
            return;
        }
        // Find the nearest enclosing scope that is not a comprehension.
        let mut chain = vec![self.cur];
        let mut s = self.table.scopes[self.cur].parent;
        while let Some(id) = s {
            if self.table.scopes[id].kind != ScopeKind::Comprehension {
                break;
            }
            chain.push(id);
            s = self.table.scopes[id].parent;
        }
        let Some(target) = s else { return };
        let kind = self.table.scopes[target].kind;
        if kind == ScopeKind::Class {
            self.err(
                "assignment expression within a comprehension cannot be used in a class body",
                range,
            );
            return;
        }
        let saved = self.cur;
        for id in chain {
            self.cur = id;
            let f = self.flags_of(name);
            if f & DEF_LOCAL != 0 && f & DEF_COMP_FREE == 0 {
                self.err(format!("assignment expression cannot rebind comprehension iteration variable '{name}'"), range);
            }
            self.add(
                name,
                if kind == ScopeKind::Module {
                    DEF_GLOBAL
                } else {
                    DEF_COMP_FREE
                },
            );
        }
        self.cur = target;
        self.add(name, DEF_LOCAL);
        self.cur = saved;
    }

    /// The scope just entered is an annotation, type-parameter or lazy-value scope:
    /// directly in a class body (or in another such scope that is), it sees the class
    /// namespace through the `__classdict__` cell.
    fn mark_sees_class(&mut self) {
        let Some(parent) = self.table.scopes[self.cur].parent else {
            return;
        };
        let p = &self.table.scopes[parent];
        if p.kind == ScopeKind::Class || p.can_see_class {
            self.scope().can_see_class = true;
            self.add("__classdict__", USE);
        }
    }

    /// Enter the scope of a list of type parameters (PEP 695), keyed by the empty range
    /// at the `[`; `params` are hidden parameters of that scope. Each type parameter is
    /// a local there; a bound, constraints or default is evaluated lazily, in a scope
    /// of its own. Returns the scope to go back to.
    fn enter_type_params(&mut self, tp: &ast::TypeParams, name: &str, params: &[&str]) -> usize {
        let prev = self.enter(
            ScopeKind::Function,
            name,
            TextRange::empty(tp.range.start()),
        );
        self.mark_sees_class();
        for p in params {
            self.add(p, DEF_PARAM);
        }
        for p in &tp.type_params {
            let (id, bound, default, kind) = match p {
                ast::TypeParam::TypeVar(t) => (
                    &t.name,
                    t.bound.as_deref(),
                    t.default.as_deref(),
                    "a TypeVar default",
                ),
                ast::TypeParam::ParamSpec(t) => {
                    (&t.name, None, t.default.as_deref(), "a ParamSpec default")
                }
                ast::TypeParam::TypeVarTuple(t) => (
                    &t.name,
                    None,
                    t.default.as_deref(),
                    "a TypeVarTuple default",
                ),
            };
            if self.flags_of(id.as_str()) & DEF_LOCAL != 0 {
                self.err(
                    format!("duplicate type parameter '{}'", id.as_str()),
                    id.range,
                );
            }
            self.add(id.as_str(), DEF_LOCAL);
            self.scope().type_params.push(id.to_string());
            if let Some(b) = bound {
                let what = if matches!(b, Expr::Tuple(_)) {
                    "a TypeVar constraint"
                } else {
                    "a TypeVar bound"
                };
                self.lazy_scope(b, id.as_str(), what);
            }
            if let Some(d) = default {
                self.lazy_scope(d, id.as_str(), kind);
            }
        }
        prev
    }

    /// `name` as a free variable here would be a type parameter (of the nearest
    /// enclosing scope that binds it).
    fn is_type_param(&self, name: &str) -> bool {
        let mut s = Some(self.cur);
        while let Some(id) = s {
            let sc = &self.table.scopes[id];
            if sc.type_params.iter().any(|t| t == name) {
                return true;
            }
            if id != self.cur
                && sc.kind != ScopeKind::Class
                && sc.flags.get(name).is_some_and(|&f| sc.is_bound(f))
            {
                return false;
            }
            s = sc.parent;
        }
        false
    }

    /// A function scope that evaluates `e` when called (a type parameter's bound, a type
    /// alias's value), keyed by the empty range where `e` starts.
    fn lazy_scope(&mut self, e: &Expr, name: &str, ctx: &'static str) {
        let prev = self.enter(ScopeKind::Function, name, TextRange::empty(e.start()));
        self.mark_sees_class();
        let saved = self.ctx.replace(ctx);
        self.visit_expr(e);
        self.ctx = saved;
        self.cur = prev;
    }

    /// Directly in an `async def` (`async for`/`async with` are allowed there only).
    fn in_async_function(&self) -> bool {
        let s = &self.table.scopes[self.cur];
        s.kind == ScopeKind::Function && s.is_coroutine
    }

    fn in_function(&self) -> bool {
        matches!(
            self.table.scopes[self.cur].kind,
            ScopeKind::Function | ScopeKind::Comprehension
        )
    }
}

impl<'a> Visitor<'a> for Builder {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if self.error.is_some() {
            return;
        }
        match stmt {
            Stmt::FunctionDef(f) => {
                for d in &f.decorator_list {
                    self.visit_expr(&d.expression);
                }
                self.visit_defaults(&f.parameters);
                self.check_debug_params(&f.parameters, f.range);
                self.check_debug(f.name.as_str(), f.range);
                self.add(f.name.as_str(), DEF_LOCAL);
                // `def f[T](...)`: the type parameters live in a scope of their own
                // around the function (its defaults come in as arguments).
                let outer = f.type_params.as_deref().map(|tp| {
                    let name = format!("<generic parameters of {}>", f.name);
                    self.enter_type_params(tp, &name, &[".defaults", ".kwdefaults"])
                });
                let saved_ctx = self.ctx;
                if outer.is_some() {
                    self.ctx = Some("the definition of a generic");
                }
                // Parameter and return annotations are evaluated lazily, by an
                // `__annotate__` function made where the def runs (PEP 649).
                let p = &f.parameters;
                let anns: Vec<&Expr> = (p.posonlyargs.iter().chain(p.args.iter()))
                    .map(|a| &a.parameter)
                    .chain(p.vararg.as_deref())
                    .chain(p.kwonlyargs.iter().map(|a| &a.parameter))
                    .chain(p.kwarg.as_deref())
                    .filter_map(|a| a.annotation.as_deref())
                    .chain(f.returns.as_deref())
                    .collect();
                if !anns.is_empty() {
                    let prev = self.enter(
                        ScopeKind::Function,
                        "__annotate__",
                        TextRange::empty(p.range.start()),
                    );
                    self.mark_sees_class();
                    self.add("format", DEF_PARAM);
                    let saved = self.ctx.replace("an annotation");
                    for a in anns {
                        self.visit_expr(a);
                    }
                    self.ctx = saved;
                    self.cur = prev;
                }
                let prev = self.enter(ScopeKind::Function, f.name.as_str(), f.range);
                self.scope().is_coroutine = f.is_async;
                self.add_params(&f.parameters);
                let saved = self.ctx.take();
                for s in &f.body {
                    self.visit_stmt(s);
                }
                self.ctx = saved;
                self.cur = prev;
                if let Some(prev) = outer {
                    self.cur = prev;
                }
                self.ctx = saved_ctx;
            }
            Stmt::ClassDef(c) => {
                for d in &c.decorator_list {
                    self.visit_expr(&d.expression);
                }
                self.check_debug(c.name.as_str(), c.range);
                for k in c.keywords() {
                    if let Some(arg) = &k.arg {
                        self.check_debug(arg.as_str(), c.range);
                    }
                }
                self.add(c.name.as_str(), DEF_LOCAL);
                // `class C[T](...)`: the bases are evaluated in the type parameters' scope.
                let outer = c.type_params.as_deref().map(|tp| {
                    let name = format!("<generic parameters of {}>", c.name);
                    self.enter_type_params(tp, &name, &[])
                });
                let saved_ctx = self.ctx;
                if outer.is_some() {
                    self.ctx = Some("the definition of a generic");
                }
                if let Some(args) = &c.arguments {
                    for a in args.args.iter() {
                        self.visit_expr(a);
                    }
                    for k in args.keywords.iter() {
                        self.visit_expr(&k.value);
                    }
                }
                let prev = self.enter(ScopeKind::Class, c.name.as_str(), c.range);
                let in_body = self.ctx.take();
                // A generic class body stores its type parameters as `__type_params__`.
                if let Some(tp) = c.type_params.as_deref() {
                    for p in &tp.type_params {
                        self.add(p.name().as_str(), USE);
                    }
                }
                let outer_annotate = self.class_annotate.take();
                if self.lazy_class_annotations {
                    self.class_annotate = Some((class_annotate_key(c), None));
                }
                for s in &c.body {
                    self.visit_stmt(s);
                }
                self.class_annotate = outer_annotate;
                self.ctx = in_body;
                self.cur = prev;
                if let Some(prev) = outer {
                    self.cur = prev;
                }
                self.ctx = saved_ctx;
            }
            Stmt::TypeAlias(t) => {
                if let Expr::Name(n) = &*t.name {
                    self.add(n.id.as_str(), DEF_LOCAL);
                }
                let name = match &*t.name {
                    Expr::Name(n) => n.id.to_string(),
                    _ => String::new(),
                };
                let outer = t
                    .type_params
                    .as_deref()
                    .map(|tp| self.enter_type_params(tp, &name, &[]));
                self.lazy_scope(&t.value, &name, "a type alias");
                if let Some(prev) = outer {
                    self.cur = prev;
                }
            }
            Stmt::Global(g) => {
                for n in &g.names {
                    let name = n.as_str();
                    self.directive(name, "global", DEF_NONLOCAL, g.range);
                    self.add(name, DEF_GLOBAL);
                }
            }
            Stmt::Nonlocal(nl) => {
                if self.table.scopes[self.cur].kind == ScopeKind::Module {
                    self.err("nonlocal declaration not allowed at module level", nl.range);
                    return;
                }
                for n in &nl.names {
                    let name = n.as_str();
                    if self.is_type_param(name) {
                        self.err(
                            format!("nonlocal binding not allowed for type parameter '{name}'"),
                            nl.range,
                        );
                        return;
                    }
                    self.directive(name, "nonlocal", DEF_GLOBAL, nl.range);
                    self.add(name, DEF_NONLOCAL);
                    self.scope()
                        .nonlocal_ranges
                        .insert(name.to_string(), nl.range);
                }
            }
            Stmt::Import(i) => {
                for a in &i.names {
                    let bound = match &a.asname {
                        Some(n) => n.as_str().to_string(),
                        None => a.name.as_str().split('.').next().unwrap_or("").to_string(),
                    };
                    self.check_debug(&bound, i.range);
                    self.add(&bound, DEF_LOCAL);
                }
            }
            Stmt::ImportFrom(i) => {
                for a in &i.names {
                    if a.name.as_str() == "*" {
                        if self.table.scopes[self.cur].kind != ScopeKind::Module {
                            self.err("import * only allowed at module level", a.range);
                        }
                        continue;
                    }
                    let bound = a.asname.as_ref().unwrap_or(&a.name);
                    self.check_debug(bound.as_str(), i.range);
                    self.add(bound.as_str(), DEF_LOCAL);
                }
            }
            Stmt::Try(t) => {
                for s in &t.body {
                    self.visit_stmt(s);
                }
                for h in &t.handlers {
                    let ast::ExceptHandler::ExceptHandler(h) = h;
                    if let Some(ty) = &h.type_ {
                        self.visit_expr(ty);
                    }
                    if let Some(n) = &h.name {
                        self.check_debug(n.as_str(), h.range);
                        self.add(n.as_str(), DEF_LOCAL);
                    }
                    for s in &h.body {
                        self.visit_stmt(s);
                    }
                }
                for s in t.orelse.iter().chain(t.finalbody.iter()) {
                    self.visit_stmt(s);
                }
            }
            Stmt::AnnAssign(a) => {
                if let Expr::Name(n) = &*a.target {
                    self.check_debug(n.id.as_str(), a.range);
                    let f = self.flags_of(n.id.as_str());
                    if f & (DEF_GLOBAL | DEF_NONLOCAL) != 0 && a.simple {
                        let what = if f & DEF_GLOBAL != 0 {
                            "global"
                        } else {
                            "nonlocal"
                        };
                        self.err(
                            format!("annotated name '{}' can't be {what}", n.id),
                            a.range,
                        );
                    }
                    if a.simple {
                        self.add(n.id.as_str(), DEF_ANNOT);
                    }
                }
                self.visit_expr(&a.target);
                if let Some(v) = &a.value {
                    self.visit_expr(v);
                }
                // A module or class body evaluates the annotation of a plain name.
                if a.simple && matches!(&*a.target, Expr::Name(_)) && !self.in_function() {
                    if self.lazy_module_annotations
                        && self.table.scopes[self.cur].kind == ScopeKind::Module
                    {
                        self.visit_module_annotation(&a.annotation);
                    } else if self.table.scopes[self.cur].kind == ScopeKind::Class {
                        self.visit_class_annotation(&a.annotation);
                    } else {
                        self.visit_expr(&a.annotation);
                    }
                }
            }
            Stmt::For(f) if f.is_async && !self.in_async_function() => {
                self.err("'async for' outside async function", f.range)
            }
            Stmt::With(w) if w.is_async && !self.in_async_function() => {
                self.err("'async with' outside async function", w.range)
            }
            // CPython checks an attribute's name only where it is assigned plainly.
            Stmt::AugAssign(a) if matches!(&*a.target, Expr::Attribute(_)) => {
                if let Expr::Attribute(t) = &*a.target {
                    self.visit_expr(&t.value);
                }
                self.visit_expr(&a.value);
            }
            Stmt::Return(r) if !self.in_function() => {
                self.err("'return' outside function", r.range);
            }
            _ => walk_stmt(self, stmt),
        }
    }

    fn visit_annotation(&mut self, _expr: &'a Expr) {}

    fn visit_pattern(&mut self, pattern: &'a Pattern) {
        match pattern {
            Pattern::MatchAs(p) => {
                if let Some(n) = &p.name {
                    let at = p.pattern.as_deref().map_or(p.range, Ranged::range);
                    self.check_debug(n.as_str(), at);
                    self.add(n.as_str(), DEF_LOCAL);
                }
            }
            Pattern::MatchStar(p) => {
                if let Some(n) = &p.name {
                    self.check_debug(n.as_str(), p.range);
                    self.add(n.as_str(), DEF_LOCAL);
                }
            }
            Pattern::MatchMapping(p) => {
                if let Some(n) = &p.rest {
                    self.check_debug(n.as_str(), p.range);
                    self.add(n.as_str(), DEF_LOCAL);
                }
            }
            Pattern::MatchClass(p) => {
                for k in &p.arguments.keywords {
                    self.check_debug(k.attr.as_str(), k.pattern.range());
                }
            }
            _ => {}
        }
        walk_pattern(self, pattern);
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        if self.error.is_some() {
            return;
        }
        if self.depth >= MAX_EXPR_DEPTH {
            self.error = Some(RawError {
                kind: crate::CompileErrorKind::RecursionError,
                msg: "maximum recursion depth exceeded during compilation".into(),
                start: expr.range().start().to_usize(),
                end: expr.range().end().to_usize(),
            });
            return;
        }
        self.depth += 1;
        self.visit_expr_nested(expr);
        self.depth -= 1;
    }
}

impl<'a> Builder {
    fn visit_expr_nested(&mut self, expr: &'a Expr) {
        if let Some(ctx) = self.ctx {
            let what = match expr {
                Expr::Yield(_) | Expr::YieldFrom(_) => Some("yield expression"),
                Expr::Await(_) => Some("await expression"),
                Expr::Named(_) => Some("named expression"),
                _ => None,
            };
            if let Some(what) = what {
                self.err(format!("{what} cannot be used within {ctx}"), expr.range());
                return;
            }
        }
        match expr {
            Expr::Name(n) => {
                let name = n.id.as_str();
                match n.ctx {
                    ExprContext::Load => {
                        self.add(name, USE);
                        if name == "super"
                            && self.table.scopes[self.cur].kind == ScopeKind::Function
                        {
                            self.add("__class__", USE);
                        }
                    }
                    ExprContext::Store | ExprContext::Del => {
                        if name == "__debug__" {
                            let what = if n.ctx == ExprContext::Del {
                                "delete"
                            } else {
                                "assign to"
                            };
                            self.err(format!("cannot {what} __debug__"), n.range);
                        }
                        self.comp_target_conflict(name, n.range);
                        self.add(name, DEF_LOCAL)
                    }
                    ExprContext::Invalid => {}
                }
            }
            Expr::Lambda(l) => {
                if let Some(p) = &l.parameters {
                    self.visit_defaults(p);
                    self.check_debug_params(p, l.range);
                }
                let prev = self.enter(ScopeKind::Function, "<lambda>", l.range);
                if let Some(p) = &l.parameters {
                    self.add_params(p);
                }
                let saved = self.ctx.take();
                self.visit_expr(&l.body);
                self.ctx = saved;
                self.cur = prev;
            }
            Expr::ListComp(c) => {
                self.comprehension("<listcomp>", c.range, &c.generators, &[&c.elt], false)
            }
            Expr::SetComp(c) => {
                self.comprehension("<setcomp>", c.range, &c.generators, &[&c.elt], false)
            }
            Expr::Generator(c) => {
                self.comprehension("<genexpr>", c.range, &c.generators, &[&c.elt], true)
            }
            Expr::DictComp(c) if c.key.is_none() => {
                // `{**a for a in b}`: CPython's parser marks the `**` after the `{`.
                let at = c.range.start() + ruff_text_size::TextSize::from(1);
                self.err(
                    "dict unpacking cannot be used in dict comprehension",
                    TextRange::at(at, ruff_text_size::TextSize::from(2)),
                );
            }
            Expr::DictComp(c) => {
                let mut elts: Vec<&Expr> = Vec::new();
                if let Some(k) = &c.key {
                    elts.push(k);
                }
                elts.push(&c.value);
                self.comprehension("<dictcomp>", c.range, &c.generators, &elts, false)
            }
            Expr::Named(n) => {
                if self.comp_iter > 0 {
                    self.err(
                        "assignment expression cannot be used in a comprehension iterable expression",
                        n.range,
                    );
                    return;
                }
                self.visit_expr(&n.value);
                if let Expr::Name(t) = &*n.target {
                    self.check_debug(t.id.as_str(), t.range);
                    self.walrus_target(t.id.as_str(), t.range);
                }
            }
            Expr::Yield(_) | Expr::YieldFrom(_) => {
                let s = &self.table.scopes[self.cur];
                match s.kind {
                    ScopeKind::Module | ScopeKind::Class => {
                        self.err("'yield' outside function", expr.range())
                    }
                    ScopeKind::Comprehension if !s.is_generator => {
                        let what = match s.name.as_str() {
                            "<listcomp>" => "list comprehension",
                            "<setcomp>" => "set comprehension",
                            _ => "dict comprehension",
                        };
                        self.err(format!("'yield' inside {what}"), expr.range())
                    }
                    ScopeKind::Comprehension => {
                        self.err("'yield' inside generator expression", expr.range())
                    }
                    ScopeKind::Function if s.is_coroutine && matches!(expr, Expr::YieldFrom(_)) => {
                        self.err("'yield from' inside async function", expr.range())
                    }
                    ScopeKind::Function => self.scope().is_generator = true,
                }
                walk_expr(self, expr);
            }
            Expr::Await(a) => {
                let s = &self.table.scopes[self.cur];
                match s.kind {
                    ScopeKind::Module | ScopeKind::Class => {
                        self.err("'await' outside function", a.range)
                    }
                    ScopeKind::Function if !s.is_coroutine => {
                        self.err("'await' outside async function", a.range)
                    }
                    ScopeKind::Function => {}
                    ScopeKind::Comprehension => self.scope().comp_awaits = true,
                }
                walk_expr(self, expr);
            }
            Expr::Call(c) => {
                for k in c.arguments.keywords.iter() {
                    if let Some(arg) = &k.arg {
                        self.check_debug(arg.as_str(), c.range());
                    }
                }
                walk_expr(self, expr);
            }
            Expr::Attribute(a) if a.ctx == ExprContext::Store => {
                self.check_debug(a.attr.as_str(), a.range);
                walk_expr(self, expr);
            }
            _ => walk_expr(self, expr),
        }
    }

    /// A `global` or `nonlocal` (`what`) statement at `range` naming `name`; `other`
    /// is the other kind's flag. CPython's checks, in its order.
    fn directive(&mut self, name: &str, what: &str, other: u32, range: TextRange) {
        let f = self.flags_of(name);
        let msg = if f & DEF_PARAM != 0 {
            format!("name '{name}' is parameter and {what}")
        } else if f & USE != 0 {
            format!("name '{name}' is used prior to {what} declaration")
        } else if f & DEF_ANNOT != 0 {
            format!("annotated name '{name}' can't be {what}")
        } else if f & DEF_LOCAL != 0 {
            format!("name '{name}' is assigned to before {what} declaration")
        } else if f & other != 0 {
            // Reported at the first of the two statements.
            let first = self.scope().directives.get(name).copied().unwrap_or(range);
            self.err(format!("name '{name}' is nonlocal and global"), first);
            return;
        } else {
            self.scope()
                .directives
                .entry(name.to_string())
                .or_insert(range);
            return;
        };
        self.err(msg, range);
    }

    /// A comprehension's `for` target `name` that a `:=` in the same comprehension
    /// already bound (it is then global or free in the comprehension's scope).
    fn comp_target_conflict(&mut self, name: &str, range: TextRange) {
        if self.comp_target && self.flags_of(name) & (DEF_COMP_FREE | DEF_GLOBAL) != 0 {
            self.err(
                format!(
                    "comprehension inner loop cannot rebind assignment expression target '{name}'"
                ),
                range,
            );
        }
    }
}

struct Analyze {
    error: Option<RawError>,
}

impl Analyze {
    /// `bound`: names bound in enclosing function scopes (visible as free variables).
    fn analyze(&mut self, scopes: &mut [Scope], id: usize, bound: &HashSet<String>) {
        let kind = scopes[id].kind;
        let names = scopes[id].order.clone();
        for name in &names {
            let f = scopes[id].flags[name];
            let r = if f & DEF_GLOBAL != 0 {
                SymScope::GlobalExplicit
            } else if f & (DEF_NONLOCAL | DEF_COMP_FREE) != 0 {
                if !bound.contains(name) {
                    if f & DEF_NONLOCAL != 0 && self.error.is_none() {
                        let range = scopes[id]
                            .nonlocal_ranges
                            .get(name)
                            .copied()
                            .unwrap_or_default();
                        self.error = Some(RawError::syntax(
                            format!("no binding for nonlocal '{name}' found"),
                            range,
                        ));
                    }
                    SymScope::GlobalImplicit
                } else {
                    SymScope::Free
                }
            } else if scopes[id].is_bound(f) {
                SymScope::Local
            } else if kind != ScopeKind::Module && bound.contains(name) {
                SymScope::Free
            } else {
                SymScope::GlobalImplicit
            };
            scopes[id].resolved.insert(name.clone(), r);
        }
        // What children can see.
        let mut child_bound = bound.clone();
        match kind {
            ScopeKind::Module => child_bound.clear(),
            ScopeKind::Class => {
                child_bound.insert("__class__".to_string());
                child_bound.insert("__classdict__".to_string());
            }
            ScopeKind::Function | ScopeKind::Comprehension => {
                for name in &names {
                    match scopes[id].resolved[name] {
                        SymScope::Local => {
                            child_bound.insert(name.clone());
                        }
                        SymScope::GlobalExplicit => {
                            child_bound.remove(name);
                        }
                        _ => {}
                    }
                }
            }
        }
        let children = scopes[id].children.clone();
        let mut child_free: Vec<String> = Vec::new();
        for c in children {
            self.analyze(scopes, c, &child_bound);
            for f in scopes[c].freevars.clone() {
                if !child_free.contains(&f) {
                    child_free.push(f);
                }
            }
        }
        // Own free variables first (in symbol order), then pass-through ones.
        let mut freevars: Vec<String> = names
            .iter()
            .filter(|n| scopes[id].resolved[*n] == SymScope::Free)
            .cloned()
            .collect();
        let mut cellvars: Vec<String> = Vec::new();
        for name in child_free {
            if kind == ScopeKind::Class && name == "__classdict__" {
                scopes[id].needs_classdict_cell = true;
                if !cellvars.contains(&name) {
                    cellvars.push(name);
                }
                continue;
            }
            if kind == ScopeKind::Class && name == "__class__" {
                scopes[id].needs_class_cell = true;
                if !cellvars.contains(&name) {
                    cellvars.push(name);
                }
                continue;
            }
            let r = scopes[id].resolved.get(&name).copied();
            match r {
                Some(SymScope::Local) if kind != ScopeKind::Class => {
                    scopes[id].resolved.insert(name.clone(), SymScope::Cell);
                    if !cellvars.contains(&name) {
                        cellvars.push(name);
                    }
                }
                Some(SymScope::Cell) => {}
                Some(SymScope::Free) => {
                    if !freevars.contains(&name) {
                        freevars.push(name);
                    }
                }
                _ => {
                    // Not used here (or a class-level binding): pass it through.
                    if kind != ScopeKind::Class
                        || r.is_none()
                        || r == Some(SymScope::GlobalImplicit)
                    {
                        scopes[id].resolved.insert(name.clone(), SymScope::Free);
                    }
                    if !freevars.contains(&name) {
                        freevars.push(name);
                    }
                }
            }
        }
        scopes[id].cellvars = cellvars;
        scopes[id].freevars = freevars;
    }
}
