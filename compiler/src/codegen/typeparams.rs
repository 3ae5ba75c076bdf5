//! Type parameters and `type` statements (PEP 695), and the lazily evaluated
//! annotations of functions (PEP 649).
//!
//! `def f[T: B](x: T = d) -> T: ...` runs as a hidden function made and called where
//! the def is: `<generic parameters of f>(.defaults)` binds `T` to a new type variable
//! (whose bound `B` is evaluated by a small function of its own on first use), makes
//! `f` inside (so `T` is a closure variable of `f` and of its annotations), sets
//! `f.__type_params__` and returns `f`. A generic class is made the same way, with
//! `Generic[T, ...]` added to its bases. `type X[T] = V` binds `X` to a
//! `TypeAliasType` whose value is computed by a function of `V` on first use.
//! The runtime parts (type variables, aliases) come from the frozen module
//! `_weft_typeparams`.
//!
//! A function's parameter and return annotations compile to an `__annotate__(format)`
//! function made at the def; the function object calls it the first time its
//! `__annotations__` is read.
use super::{CResult, Compiler, Const, FnBody};
use crate::bytecode::{CmpOp, Instr};
use crate::symtable::ScopeKind;
use ruff_python_ast::{self as ast, Expr};
use ruff_text_size::{Ranged, TextRange};

impl<'a> Compiler<'a> {
    /// Push attribute `what` of the support module `_weft_typeparams`.
    fn load_support(&mut self, what: &str) {
        self.load_const(Const::Int(0));
        self.load_const(Const::None);
        let k = self.add_name("_weft_typeparams");
        self.emit(Instr::ImportName(k));
        let k = self.attr_name(what);
        self.emit(Instr::LoadAttr(k));
    }

    /// Push a function of no arguments that evaluates `e` (its scope is keyed by the
    /// empty range where `e` starts), or None.
    fn lazy_fn(&mut self, e: Option<&'a Expr>, name: &str) -> CResult<()> {
        let Some(e) = e else {
            self.load_const(Const::None);
            return Ok(());
        };
        let line = self.line_of(e.range());
        let code = self.function_code(
            name,
            TextRange::empty(e.start()),
            None,
            FnBody::Expr(e),
            line,
        )?;
        self.make_function(code, 0);
        Ok(())
    }

    /// Push the generic unit for `tp` (its scope was made by the symbol table), with
    /// `args` as its parameters, and bind each type parameter in it.
    fn enter_generic(&mut self, tp: &'a ast::TypeParams, args: &[&str]) -> CResult<()> {
        let scope = self.table.scope_of(TextRange::empty(tp.range.start()));
        let name = self.table.scopes[scope].name.clone();
        let qualname = self.qualname_for(&name);
        let private = self.unit_ref().private.clone();
        let line = self.line_of(tp.range);
        self.push_unit(&name, &qualname, scope, ScopeKind::Function, line, private);
        self.unit().generic = true;
        for a in args {
            self.varname(a);
        }
        self.unit().code.argcount = args.len() as u32;
        for p in &tp.type_params {
            let (id, kind, bound, default) = match p {
                ast::TypeParam::TypeVar(t) => {
                    (&t.name, "typevar", t.bound.as_deref(), t.default.as_deref())
                }
                ast::TypeParam::ParamSpec(t) => (&t.name, "paramspec", None, t.default.as_deref()),
                ast::TypeParam::TypeVarTuple(t) => {
                    (&t.name, "typevartuple", None, t.default.as_deref())
                }
            };
            self.set_line(p.range());
            self.load_support(kind);
            self.load_const(Const::Str(id.to_string()));
            // A parenthesized tuple after the colon gives constraints, not a bound.
            let constrained = matches!(bound, Some(Expr::Tuple(_)));
            self.lazy_fn(bound, id.as_str())?;
            self.load_const(if constrained {
                Const::True
            } else {
                Const::False
            });
            self.lazy_fn(default, id.as_str())?;
            self.emit(Instr::CallFunction(4));
            self.store_name(id.as_str());
        }
        Ok(())
    }

    /// Push the tuple of the type parameters of `tp` (in the generic unit).
    fn load_type_params(&mut self, tp: &'a ast::TypeParams) {
        for p in &tp.type_params {
            self.load_name(p.name().as_str());
        }
        self.emit(Instr::BuildTuple(tp.type_params.len() as u32));
    }

    /// `[obj] -> [obj]` with `obj.__type_params__` set to the tuple of `tp`.
    fn set_type_params(&mut self, tp: &'a ast::TypeParams) {
        self.emit(Instr::DupTop);
        self.load_type_params(tp);
        self.emit(Instr::RotTwo);
        let k = self.attr_name("__type_params__");
        self.emit(Instr::StoreAttr(k));
    }

    /// Start an `__annotate__(format, /)` unit (a function's or a module's): it raises
    /// NotImplementedError for formats past VALUE_WITH_FAKE_GLOBALS (2), which weft does
    /// not support; the caller emits the rest.
    pub(crate) fn enter_annotate(
        &mut self,
        qualname: &str,
        scope: usize,
        line: u32,
        private: Option<String>,
    ) {
        self.push_unit(
            "__annotate__",
            qualname,
            scope,
            ScopeKind::Function,
            line,
            private,
        );
        self.varname("format");
        self.unit().code.argcount = 1;
        self.unit().code.posonlyargcount = 1;
        let ok = self.new_label();
        self.emit(Instr::LoadFast(0));
        self.load_const(Const::Int(2));
        self.emit(Instr::CompareOp(CmpOp::Gt));
        self.jump(Instr::PopJumpIfFalse, ok);
        let k = self.add_name("NotImplementedError");
        self.emit(Instr::LoadGlobal(k));
        self.emit(Instr::RaiseVarargs(1));
        self.bind(ok);
    }

    /// Finish the generic unit (its result is on its stack), then make and call it with
    /// `nargs` arguments from the enclosing stack.
    fn leave_generic(&mut self, nargs: u32) -> CResult<()> {
        self.emit(Instr::ReturnValue);
        let code = self.pop_unit()?;
        self.make_function(code, 0);
        if nargs > 0 {
            // [args..., fn] -> [fn, args...]
            match nargs {
                1 => self.emit(Instr::RotTwo),
                _ => self.emit(Instr::RotThree),
            }
        }
        self.emit(Instr::CallFunction(nargs));
        Ok(())
    }

    /// `def` with type parameters: the defaults (already pushed per `flags`) become the
    /// generic unit's arguments; the function is made inside it.
    pub(crate) fn generic_funcdef(
        &mut self,
        f: &'a ast::StmtFunctionDef,
        tp: &'a ast::TypeParams,
        flags: u32,
        def_line: u32,
    ) -> CResult<()> {
        let mut args = Vec::new();
        if flags & 1 != 0 {
            args.push(".defaults");
        }
        if flags & 2 != 0 {
            args.push(".kwdefaults");
        }
        self.enter_generic(tp, &args)?;
        for (i, _) in args.iter().enumerate() {
            self.emit(Instr::LoadFast(i as u32));
        }
        self.def_function(f, flags, def_line)?;
        self.set_type_params(tp);
        self.leave_generic(args.len() as u32)?;
        Ok(())
    }

    /// `class` with type parameters: bases, `Generic[...]` and the class are made in the
    /// generic unit.
    pub(crate) fn generic_classdef(
        &mut self,
        c: &'a ast::StmtClassDef,
        tp: &'a ast::TypeParams,
    ) -> CResult<()> {
        self.enter_generic(tp, &[])?;
        self.build_class(c, Some(tp))?;
        self.leave_generic(0)?;
        Ok(())
    }

    /// Push `Generic[*type_params]` (the extra base of a generic class).
    pub(crate) fn generic_base(&mut self, tp: &'a ast::TypeParams) {
        self.load_support("generic_base");
        self.load_type_params(tp);
        self.emit(Instr::CallFunction(1));
    }

    /// `type X[T] = value`.
    pub(crate) fn compile_type_alias(&mut self, t: &'a ast::StmtTypeAlias) -> CResult<()> {
        let Expr::Name(n) = &*t.name else {
            return self.error("invalid type alias target", t.range);
        };
        let name = n.id.as_str();
        if let Some(tp) = t.type_params.as_deref() {
            self.enter_generic(tp, &[])?;
        }
        self.load_support("type_alias");
        self.load_const(Const::Str(name.to_string()));
        self.lazy_fn(Some(&t.value), name)?;
        match t.type_params.as_deref() {
            Some(tp) => self.load_type_params(tp),
            None => self.load_const(Const::Tuple(Vec::new())),
        }
        self.emit(Instr::CallFunction(3));
        if t.type_params.is_some() {
            self.leave_generic(0)?;
        }
        self.store_name(name);
        Ok(())
    }

    /// Push the value of an annotation; `*Ts` (of a `*args`) is the one item `Ts` gives
    /// when iterated.
    pub(crate) fn compile_annotation_value(&mut self, e: &'a Expr) -> CResult<()> {
        if let Expr::Starred(s) = e {
            self.compile_expr(&s.value)?;
            self.emit(Instr::UnpackSequence(1));
            return Ok(());
        }
        self.compile_expr(e)
    }

    /// Push an `__annotate__(format)` function for a def's parameter and return
    /// annotations, if it has any: the `MakeFunction` flag to add (4), else 0.
    pub(crate) fn lazy_fn_annotations(
        &mut self,
        p: &'a ast::Parameters,
        returns: Option<&'a Expr>,
    ) -> CResult<u32> {
        let params = p
            .posonlyargs
            .iter()
            .chain(p.args.iter())
            .map(|a| &a.parameter)
            .chain(p.vararg.as_deref())
            .chain(p.kwonlyargs.iter().map(|a| &a.parameter))
            .chain(p.kwarg.as_deref());
        let mut items: Vec<(String, &'a Expr)> = Vec::new();
        for param in params {
            if let Some(ann) = param.annotation.as_deref() {
                items.push((self.mangle(param.name.as_str()), ann));
            }
        }
        if let Some(r) = returns {
            items.push(("return".into(), r));
        }
        if items.is_empty() {
            return Ok(0);
        }
        let scope = self.table.scope_of(TextRange::empty(p.range.start()));
        let qualname = self.qualname_for("__annotate__");
        let private = self.unit_ref().private.clone();
        let line = self.unit_ref().line;
        self.enter_annotate(&qualname, scope, line, private);
        let n = items.len() as u32;
        for (key, e) in items {
            self.load_const(Const::Str(key));
            self.compile_annotation_value(e)?;
        }
        self.emit(Instr::BuildMap(n));
        self.emit(Instr::ReturnValue);
        let code = self.pop_unit()?;
        self.make_function(code, 0);
        Ok(4)
    }
}
