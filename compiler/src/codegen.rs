//! Bytecode generation from the AST and the symbol table.

mod annotations;
mod asyncs;
pub(crate) mod expr;
mod fold;
mod pattern;
mod stmt;
mod try_star;
mod typeparams;
mod unparse;

use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

use super::parse::Parsed;
use super::symtable::{ScopeKind, SymScope, SymbolTable, build_expression, build_module};
use super::{CompileErrorKind, Mode, RawError, SourceMap};
use crate::bytecode::{CodeData, Const, Instr, code_flags};

pub(crate) type CResult<T> = Result<T, RawError>;

/// A jump target: an index into `Unit::labels`, resolved when the unit is finished.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Label(u32);

/// What `return`/`break`/`continue` must unwind (CPython's fblock stack).
#[derive(Clone, Copy)]
pub(crate) enum FBlock<'a> {
    WhileLoop {
        start: Label,
        end: Label,
    },
    ForLoop {
        start: Label,
        end: Label,
    },
    TryExcept,
    FinallyTry {
        body: &'a [Stmt],
    },
    FinallyEnd,
    With,
    /// An `async with` body: leaving it calls and awaits `__aexit__(None, None, None)`.
    AsyncWith,
    HandlerCleanup {
        name: Option<&'a str>,
    },
    /// The body of an `except*` clause, which `break`, `continue` and `return` may not
    /// leave.
    StarHandler,
    /// A `return` value waiting under a `finally` body that the return runs inline: a
    /// `break`, `continue` or another `return` in that body drops it.
    PopValue,
}

pub(crate) struct Unit<'a> {
    pub code: CodeData,
    pub scope: usize,
    pub kind: ScopeKind,
    labels: Vec<Option<u32>>,
    pub fblocks: Vec<FBlock<'a>>,
    pub line: u32,
    /// The source span instructions emitted now get (CPython's "location"); it applies
    /// while its start line is `line` (code that sets only `line` gets no columns).
    pub span: Span,
    /// (end line, start column, end column) of each instruction emitted so far.
    spans: Vec<(u32, Option<u32>, Option<u32>)>,
    names_map: HashMap<String, u32>,
    /// The name of the class whose body we are in (for private-name mangling).
    pub private: Option<String>,
    /// The hidden scope of type parameters (PEP 695): qualified names skip it.
    pub generic: bool,
}

/// A source span: lines and UTF-8 byte columns within them, as CPython's AST has them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Span {
    pub line: u32,
    pub end_line: u32,
    pub col: Option<u32>,
    pub end_col: Option<u32>,
}

/// The line and span instructions get, saved and restored around a nested node.
#[derive(Clone, Copy)]
pub(crate) struct Loc(u32, Span);

pub(crate) struct Compiler<'a> {
    pub table: SymbolTable,
    pub map: &'a SourceMap<'a>,
    pub filename: String,
    pub mode: Mode,
    pub units: Vec<Unit<'a>>,
    /// `from __future__ import annotations`: annotations are stored as their source text.
    pub future_annotations: bool,
    /// A module's annotated statements that may not run (inside `if`, loops, `try`,
    /// ...), by the offset of their annotation: each records that it ran in
    /// `__conditional_annotations__` (see `codegen/annotations.rs`).
    pub conditional_annotations: Vec<u32>,
}

pub(crate) fn compile_parsed(
    parsed: &Parsed,
    map: &SourceMap,
    filename: &str,
    mode: Mode,
) -> CResult<Arc<CodeData>> {
    match parsed {
        Parsed::Module(m) => {
            let future = crate::codegen::annotations::future_annotations(&m.body);
            let table = build_module(&m.body, mode == Mode::Module && !future, !future)?;
            let mut c = Compiler {
                table,
                map,
                filename: filename.to_string(),
                mode,
                units: Vec::new(),
                future_annotations: future,
                conditional_annotations: Vec::new(),
            };
            c.push_unit("<module>", "<module>", 0, ScopeKind::Module, 1, None);
            c.unit().code.flags |= code_flags::MODULE;
            let body: &[Stmt] = &m.body;
            let mut body = body;
            if mode == Mode::Module
                && let Some(doc) = docstring(body)
            {
                c.set_line(body[0].range());
                let k = c.add_const(Const::Str(doc.clone()));
                c.emit(Instr::LoadConst(k));
                c.store_name("__doc__");
                c.unit().code.doc = Some(doc);
                body = &body[1..];
            }
            c.setup_annotations(body)?;
            for s in body {
                c.compile_stmt(s)?;
            }
            let k = c.add_const(Const::None);
            c.emit(Instr::LoadConst(k));
            c.emit(Instr::ReturnValue);
            Ok(Arc::new(c.pop_unit()?))
        }
        Parsed::Expression(e) => {
            let table = build_expression(&e.body)?;
            let mut c = Compiler {
                table,
                map,
                filename: filename.to_string(),
                mode,
                units: Vec::new(),
                future_annotations: false,
                conditional_annotations: Vec::new(),
            };
            let line = map.line(e.body.range().start().to_usize());
            c.push_unit("<module>", "<module>", 0, ScopeKind::Module, line, None);
            c.unit().code.flags |= code_flags::MODULE;
            c.compile_expr(&e.body)?;
            c.emit(Instr::ReturnValue);
            Ok(Arc::new(c.pop_unit()?))
        }
    }
}

/// The docstring of a body, if its first statement is a plain string literal (none at
/// optimization level 2, `-OO`: the literal is then an expression statement like any).
pub(crate) fn docstring(body: &[Stmt]) -> Option<String> {
    if crate::optimize() >= 2 {
        return None;
    }
    if let Some(Stmt::Expr(e)) = body.first()
        && let Expr::StringLiteral(s) = &*e.value
    {
        return Some(s.value.to_str().to_string());
    }
    None
}

fn const_eq(a: &Const, b: &Const) -> bool {
    match (a, b) {
        (Const::Float(x), Const::Float(y)) => x.to_bits() == y.to_bits(),
        (Const::Complex { real: a, imag: b }, Const::Complex { real: c, imag: d }) => {
            a.to_bits() == c.to_bits() && b.to_bits() == d.to_bits()
        }
        (Const::Tuple(x), Const::Tuple(y)) | (Const::FrozenSet(x), Const::FrozenSet(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| const_eq(a, b))
        }
        (Const::Code(_), _) | (_, Const::Code(_)) => false,
        _ => a == b,
    }
}

impl<'a> Compiler<'a> {
    pub(crate) fn unit(&mut self) -> &mut Unit<'a> {
        self.units.last_mut().expect("no unit")
    }

    pub(crate) fn unit_ref(&self) -> &Unit<'a> {
        self.units.last().expect("no unit")
    }

    pub(crate) fn push_unit(
        &mut self,
        name: &str,
        qualname: &str,
        scope: usize,
        kind: ScopeKind,
        first_line: u32,
        private: Option<String>,
    ) {
        let sc = &self.table.scopes[scope];
        let code = CodeData {
            name: name.to_string(),
            qualname: qualname.to_string(),
            filename: self.filename.clone(),
            first_line,
            cellvars: sc.cellvars.clone(),
            freevars: sc.freevars.clone(),
            ..Default::default()
        };
        self.units.push(Unit {
            code,
            scope,
            kind,
            labels: Vec::new(),
            fblocks: Vec::new(),
            line: first_line,
            span: Span::default(),
            spans: Vec::new(),
            names_map: HashMap::default(),
            private,
            generic: false,
        });
    }

    /// Finish the current unit: resolve labels, fill `cell2arg`, compute `max_stack`.
    pub(crate) fn pop_unit(&mut self) -> CResult<CodeData> {
        let unit = self.units.pop().expect("no unit");
        let mut code = unit.code;
        code.positions = if crate::no_debug_ranges() {
            let lines: Vec<_> = code.lines.iter().map(|&l| (l, None, None)).collect();
            crate::bytecode::Positions::encode(&code.lines, &lines)
        } else {
            crate::bytecode::Positions::encode(&code.lines, &unit.spans)
        };
        let labels = unit.labels;
        for ins in code.instrs.iter_mut() {
            if let Some(arg) = jump_arg_mut(ins) {
                *arg = labels[*arg as usize].expect("unbound label");
            }
        }
        let nparams = code.argcount
            + code.kwonlyargcount
            + u32::from(code.flags & code_flags::VARARGS != 0)
            + u32::from(code.flags & code_flags::VARKEYWORDS != 0);
        code.cell2arg = code
            .cellvars
            .iter()
            .map(|c| {
                code.varnames[..nparams as usize]
                    .iter()
                    .position(|v| v == c)
                    .map(|i| i as u32)
            })
            .collect();
        // The interpreter relies on this check (it reads instructions and stack slots
        // without bounds checks): every reachable instruction is inside the code and
        // the stack stays within `max_stack`; what a cached copy must pass
        // (`flow::verify`) holds of every fresh one. Failing is a compiler bug, raised
        // as SystemError instead of run.
        let checked =
            super::flow::check(&code).and_then(|d| super::flow::verify(&code).map(|()| d));
        match checked {
            Ok(d) => code.max_stack = d,
            Err(e) => {
                return Err(RawError {
                    kind: CompileErrorKind::SystemError,
                    msg: format!("weft's compiler made invalid code: {e}"),
                    start: 0,
                    end: 0,
                });
            }
        }
        Ok(code)
    }

    pub(crate) fn new_label(&mut self) -> Label {
        let u = self.unit();
        u.labels.push(None);
        Label(u.labels.len() as u32 - 1)
    }

    pub(crate) fn bind(&mut self, l: Label) {
        let u = self.unit();
        u.labels[l.0 as usize] = Some(u.code.instrs.len() as u32);
    }

    pub(crate) fn emit(&mut self, i: Instr) {
        let u = self.unit();
        u.code.instrs.push(i);
        u.code.lines.push(u.line);
        let sp = if u.span.line == u.line {
            (u.span.end_line, u.span.col, u.span.end_col)
        } else {
            (u.line, None, None)
        };
        u.spans.push(sp);
    }

    /// Emit a jump-like instruction to a label.
    pub(crate) fn jump(&mut self, f: fn(u32) -> Instr, l: Label) {
        self.emit(f(l.0));
    }

    pub(crate) fn line_of(&self, range: TextRange) -> u32 {
        self.map.line(range.start().to_usize())
    }

    pub(crate) fn set_line(&mut self, range: TextRange) {
        let span = self.span_of(range);
        let u = self.unit();
        u.line = span.line;
        u.span = span;
    }

    /// The lines and columns of a source range.
    pub(crate) fn span_of(&self, range: TextRange) -> Span {
        let (start, end) = (range.start().to_usize(), range.end().to_usize());
        Span {
            line: self.map.line(start),
            end_line: self.map.line(end),
            col: Some(self.map.byte_col(start)),
            end_col: Some(self.map.byte_col(end)),
        }
    }

    /// The current line and span, to put back with `set_loc`.
    pub(crate) fn loc(&self) -> Loc {
        let u = self.unit_ref();
        Loc(u.line, u.span)
    }

    pub(crate) fn set_loc(&mut self, l: Loc) {
        let u = self.unit();
        u.line = l.0;
        u.span = l.1;
    }

    /// CPython's rule for an attribute that ends on a later line than the span starts
    /// (`obj\n    .name`): the span starts at the attribute's name, so a traceback
    /// shows the line with the name.
    pub(crate) fn start_at_attr_name(&mut self, a: &ast::ExprAttribute) {
        let attr = self.span_of(a.range);
        let name_len = a.attr.as_str().chars().count() as u32;
        let u = self.unit();
        if u.line == attr.end_line {
            return;
        }
        u.line = attr.end_line;
        u.span.line = attr.end_line;
        u.span.col = attr.end_col.and_then(|c| c.checked_sub(name_len));
        if u.span.col.is_none() {
            u.span.end_col = None;
        }
        u.span.end_line = u.span.end_line.max(u.span.line);
        if u.span.line == u.span.end_line
            && let (Some(c), Some(e)) = (u.span.col, u.span.end_col)
        {
            u.span.end_col = Some(e.max(c));
        }
    }

    pub(crate) fn add_const(&mut self, c: Const) -> u32 {
        let consts = &mut self.unit().code.consts;
        if let Some(i) = consts.iter().position(|x| const_eq(x, &c)) {
            return i as u32;
        }
        consts.push(c);
        consts.len() as u32 - 1
    }

    pub(crate) fn load_const(&mut self, c: Const) {
        let k = self.add_const(c);
        self.emit(Instr::LoadConst(k));
    }

    pub(crate) fn add_name(&mut self, name: &str) -> u32 {
        let u = self.unit();
        if let Some(i) = u.names_map.get(name) {
            return *i;
        }
        let i = u.code.names.len() as u32;
        u.code.names.push(name.to_string());
        u.names_map.insert(name.to_string(), i);
        i
    }

    pub(crate) fn mangle(&self, name: &str) -> String {
        if let Some(class) = &self.unit_ref().private
            && name.starts_with("__")
            && !name.ends_with("__")
            && !name.contains('.')
        {
            let stripped = class.trim_start_matches('_');
            if !stripped.is_empty() {
                return format!("_{stripped}{name}");
            }
        }
        name.to_string()
    }

    pub(crate) fn attr_name(&mut self, name: &str) -> u32 {
        let m = self.mangle(name);
        self.add_name(&m)
    }

    pub(crate) fn varname(&mut self, name: &str) -> u32 {
        let v = &mut self.unit().code.varnames;
        if let Some(i) = v.iter().position(|x| x == name) {
            return i as u32;
        }
        v.push(name.to_string());
        v.len() as u32 - 1
    }

    pub(crate) fn deref_index(&self, name: &str) -> u32 {
        let code = &self.unit_ref().code;
        if let Some(i) = code.cellvars.iter().position(|x| x == name) {
            return i as u32;
        }
        if let Some(i) = code.freevars.iter().position(|x| x == name) {
            return (code.cellvars.len() + i) as u32;
        }
        panic!("compiler bug: no cell for {name:?} in {}", code.qualname)
    }

    fn sym(&self, name: &str) -> SymScope {
        self.table.scopes[self.unit_ref().scope].lookup(name)
    }

    pub(crate) fn load_name(&mut self, name: &str) {
        let kind = self.unit_ref().kind;
        let sym = self.sym(name);
        if sym == SymScope::GlobalImplicit
            && kind == ScopeKind::Function
            && self.table.scopes[self.unit_ref().scope].can_see_class
        {
            // An annotation or type-parameter scope in a class: the class namespace first.
            let cd = self.deref_index("__classdict__");
            self.emit(Instr::LoadDeref(cd));
            let m = self.mangle(name);
            let k = self.add_name(&m);
            self.emit(Instr::LoadFromDictOrGlobals(k));
            return;
        }
        let ins = match (kind, sym) {
            (ScopeKind::Class, SymScope::Free) => Instr::LoadClassDeref(self.deref_index(name)),
            (_, SymScope::Free | SymScope::Cell) => Instr::LoadDeref(self.deref_index(name)),
            (ScopeKind::Function | ScopeKind::Comprehension, SymScope::Local) => {
                Instr::LoadFast(self.varname(name))
            }
            (ScopeKind::Function | ScopeKind::Comprehension, _)
            | (ScopeKind::Class | ScopeKind::Module, SymScope::GlobalExplicit) => {
                let m = self.mangle(name);
                Instr::LoadGlobal(self.add_name(&m))
            }
            _ => {
                let m = self.mangle(name);
                Instr::LoadName(self.add_name(&m))
            }
        };
        self.emit(ins);
    }

    pub(crate) fn store_name(&mut self, name: &str) {
        let kind = self.unit_ref().kind;
        let sym = self.sym(name);
        let ins = match (kind, sym) {
            (_, SymScope::Free | SymScope::Cell) => Instr::StoreDeref(self.deref_index(name)),
            (ScopeKind::Function | ScopeKind::Comprehension, SymScope::Local) => {
                Instr::StoreFast(self.varname(name))
            }
            (ScopeKind::Function | ScopeKind::Comprehension, _)
            | (ScopeKind::Class | ScopeKind::Module, SymScope::GlobalExplicit) => {
                let m = self.mangle(name);
                Instr::StoreGlobal(self.add_name(&m))
            }
            _ => {
                let m = self.mangle(name);
                Instr::StoreName(self.add_name(&m))
            }
        };
        self.emit(ins);
    }

    pub(crate) fn delete_name(&mut self, name: &str) {
        let kind = self.unit_ref().kind;
        let sym = self.sym(name);
        let ins = match (kind, sym) {
            (_, SymScope::Free | SymScope::Cell) => Instr::DeleteDeref(self.deref_index(name)),
            (ScopeKind::Function | ScopeKind::Comprehension, SymScope::Local) => {
                Instr::DeleteFast(self.varname(name))
            }
            (ScopeKind::Function | ScopeKind::Comprehension, _)
            | (ScopeKind::Class | ScopeKind::Module, SymScope::GlobalExplicit) => {
                let m = self.mangle(name);
                Instr::DeleteGlobal(self.add_name(&m))
            }
            _ => {
                let m = self.mangle(name);
                Instr::DeleteName(self.add_name(&m))
            }
        };
        self.emit(ins);
    }

    /// The qualified name of a function or class called `name` defined in the current unit.
    pub(crate) fn qualname_for(&self, name: &str) -> String {
        // Names made in a type-parameter scope are qualified as in the scope around it.
        let mut at = self.units.len() - 1;
        while at > 0 && self.units[at].generic {
            at -= 1;
        }
        let u = &self.units[at];
        if at != self.units.len() - 1 {
            return match u.kind {
                ScopeKind::Module => name.to_string(),
                ScopeKind::Class => format!("{}.{name}", u.code.qualname),
                _ => format!("{}.<locals>.{name}", u.code.qualname),
            };
        }
        match u.kind {
            ScopeKind::Module => name.to_string(),
            _ if self.sym(name) == SymScope::GlobalExplicit => name.to_string(),
            ScopeKind::Class => format!("{}.{name}", u.code.qualname),
            _ => format!("{}.<locals>.{name}", u.code.qualname),
        }
    }

    /// Push the closure tuple for `code` (if it has free variables) and
    /// `code, qualname`, then `MakeFunction(flags | closure)`.
    pub(crate) fn make_function(&mut self, code: CodeData, mut flags: u32) {
        if !code.freevars.is_empty() {
            for f in &code.freevars {
                let i = self.deref_index(f);
                self.emit(Instr::LoadClosure(i));
            }
            self.emit(Instr::BuildTuple(code.freevars.len() as u32));
            flags |= 8;
        }
        let qualname = code.qualname.clone();
        self.load_const(Const::Code(Arc::new(code)));
        self.load_const(Const::Str(qualname));
        self.emit(Instr::MakeFunction(flags));
    }

    /// Compile a function (def or lambda) body into a code object, leaving the current unit
    /// as it was. Defaults are the caller's business.
    pub(crate) fn function_code(
        &mut self,
        name: &str,
        range: TextRange,
        params: Option<&'a ast::Parameters>,
        body: FnBody<'a>,
        first_line: u32,
    ) -> CResult<CodeData> {
        let scope = self.table.scope_of(range);
        let qualname = self.qualname_for(name);
        let private = self.unit_ref().private.clone();
        self.push_unit(
            name,
            &qualname,
            scope,
            ScopeKind::Function,
            first_line,
            private,
        );
        if let Some(p) = params {
            let u = self.unit();
            for a in p
                .posonlyargs
                .iter()
                .chain(p.args.iter())
                .chain(p.kwonlyargs.iter())
            {
                u.code.varnames.push(a.parameter.name.to_string());
            }
            u.code.posonlyargcount = p.posonlyargs.len() as u32;
            u.code.argcount = (p.posonlyargs.len() + p.args.len()) as u32;
            u.code.kwonlyargcount = p.kwonlyargs.len() as u32;
            if let Some(v) = &p.vararg {
                u.code.varnames.push(v.name.to_string());
                u.code.flags |= code_flags::VARARGS;
            }
            if let Some(k) = &p.kwarg {
                u.code.varnames.push(k.name.to_string());
                u.code.flags |= code_flags::VARKEYWORDS;
            }
        }
        let flags = self.generator_flags(scope);
        self.unit().code.flags |= flags;
        if self.units.len() > 2 {
            self.unit().code.flags |= code_flags::NESTED;
        }
        match body {
            FnBody::Stmts(stmts) => {
                let mut stmts = stmts;
                if let Some(doc) = docstring(stmts) {
                    self.unit().code.doc = Some(doc);
                    stmts = &stmts[1..];
                }
                for s in stmts {
                    if let Err(e) = self.compile_stmt(s) {
                        self.units.pop();
                        return Err(e);
                    }
                }
                self.load_const(Const::None);
                self.emit(Instr::ReturnValue);
            }
            FnBody::Expr(e) => {
                if let Err(err) = self.compile_expr(e) {
                    self.units.pop();
                    return Err(err);
                }
                if self.table.scopes[scope].is_generator {
                    self.emit(Instr::PopTop);
                    self.load_const(Const::None);
                }
                self.emit(Instr::ReturnValue);
            }
        }
        self.pop_unit()
    }

    /// The code flags saying what calling scope `scope`'s code makes: a generator, a
    /// coroutine or an async generator (the latter two carry GENERATOR too, so calls
    /// make the suspended object the same way).
    pub(crate) fn generator_flags(&self, scope: usize) -> u32 {
        let s = &self.table.scopes[scope];
        match (s.is_generator, s.is_coroutine) {
            (false, false) => 0,
            (true, false) => code_flags::GENERATOR,
            (false, true) => code_flags::GENERATOR | code_flags::COROUTINE,
            (true, true) => code_flags::GENERATOR | code_flags::ASYNC_GENERATOR,
        }
    }

    /// Is the current unit an async generator (its yields are wrapped)?
    pub(crate) fn in_async_generator(&self) -> bool {
        let s = &self.table.scopes[self.unit_ref().scope];
        s.is_generator && s.is_coroutine
    }

    /// `[obj] -> [result of awaiting obj]`; `kind` as `GetAwaitable` takes it.
    pub(crate) fn emit_await(&mut self, kind: u32) {
        self.emit(Instr::GetAwaitable(kind));
        self.load_const(Const::None);
        self.emit(Instr::YieldFrom);
    }

    /// Emit the defaults / kw-defaults of a parameter list; returns the MakeFunction flags.
    pub(crate) fn compile_defaults(&mut self, p: Option<&'a ast::Parameters>) -> CResult<u32> {
        let Some(p) = p else { return Ok(0) };
        let mut flags = 0;
        let defaults: Vec<&Expr> = p
            .posonlyargs
            .iter()
            .chain(p.args.iter())
            .filter_map(|a| a.default.as_deref())
            .collect();
        if !defaults.is_empty() {
            for d in &defaults {
                self.compile_expr(d)?;
            }
            self.emit(Instr::BuildTuple(defaults.len() as u32));
            flags |= 1;
        }
        let kw: Vec<_> = p
            .kwonlyargs
            .iter()
            .filter(|a| a.default.is_some())
            .collect();
        if !kw.is_empty() {
            for a in &kw {
                self.load_const(Const::Str(a.parameter.name.to_string()));
                self.compile_expr(a.default.as_deref().unwrap())?;
            }
            self.emit(Instr::BuildMap(kw.len() as u32));
            flags |= 2;
        }
        Ok(flags)
    }

    pub(crate) fn error<T>(&self, msg: impl Into<String>, range: TextRange) -> CResult<T> {
        Err(RawError::syntax(msg, range))
    }
}

pub(crate) enum FnBody<'a> {
    Stmts(&'a [Stmt]),
    Expr(&'a Expr),
}

/// The argument of a jump instruction (an instruction index once resolved).
pub(crate) fn jump_arg_mut(i: &mut Instr) -> Option<&mut u32> {
    match i {
        Instr::Jump(a)
        | Instr::PopJumpIfFalse(a)
        | Instr::PopJumpIfTrue(a)
        | Instr::JumpIfFalseOrPop(a)
        | Instr::JumpIfTrueOrPop(a)
        | Instr::JumpIfNotExcMatch(a)
        | Instr::CheckEgMatch(a)
        | Instr::ForIter(a)
        | Instr::SetupFinally(a) => Some(a),
        _ => None,
    }
}
