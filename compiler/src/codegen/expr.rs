//! Expressions.

use ruff_python_ast::{self as ast, Expr};
use ruff_text_size::{Ranged, TextRange};

use super::stmt::binop;
use super::{CResult, Compiler, FnBody};
use crate::bytecode::{CmpOp, Const, Instr, UnaryOp, code_flags};
use crate::symtable::ScopeKind;

fn int_const(i: &ast::Int) -> Const {
    if let Some(v) = i.as_i64() {
        return Const::Int(v);
    }
    let text: String = i.to_string().chars().filter(|c| *c != '_').collect();
    let lower = text.to_ascii_lowercase();
    let (digits, radix) = if let Some(d) = lower.strip_prefix("0x") {
        (d.to_string(), 16)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (d.to_string(), 8)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (d.to_string(), 2)
    } else {
        (lower.clone(), 10)
    };
    match num_bigint::BigInt::parse_bytes(digits.as_bytes(), radix) {
        Some(b) => Const::BigInt(b.to_string()),
        None => Const::BigInt(lower),
    }
}

/// A constant for a literal expression, if it is one.
pub(crate) fn literal_const(e: &Expr) -> Option<Const> {
    Some(match e {
        Expr::NoneLiteral(_) => Const::None,
        Expr::BooleanLiteral(b) => {
            if b.value {
                Const::True
            } else {
                Const::False
            }
        }
        Expr::EllipsisLiteral(_) => Const::Ellipsis,
        Expr::StringLiteral(s) => Const::Str(s.value.to_str().to_string()),
        Expr::BytesLiteral(b) => Const::Bytes(b.value.bytes().collect()),
        Expr::NumberLiteral(n) => match &n.value {
            ast::Number::Int(i) => int_const(i),
            ast::Number::Float(f) => Const::Float(*f),
            ast::Number::Complex { real, imag } => Const::Complex {
                real: *real,
                imag: *imag,
            },
        },
        _ => return None,
    })
}

impl<'a> Compiler<'a> {
    pub(crate) fn compile_expr(&mut self, e: &'a Expr) -> CResult<()> {
        let saved = self.loc();
        self.set_line(e.range());
        let r = self.compile_expr_inner(e);
        self.set_loc(saved);
        r
    }

    fn compile_expr_inner(&mut self, e: &'a Expr) -> CResult<()> {
        if let Some(c) = self.fold(e) {
            self.load_const(c);
            return Ok(());
        }
        match e {
            Expr::BoolOp(b) => {
                let end = self.new_label();
                let (last, rest) = b.values.split_last().expect("empty BoolOp");
                for v in rest {
                    self.compile_expr(v)?;
                    match b.op {
                        ast::BoolOp::And => self.jump(Instr::JumpIfFalseOrPop, end),
                        ast::BoolOp::Or => self.jump(Instr::JumpIfTrueOrPop, end),
                    }
                }
                self.compile_expr(last)?;
                self.bind(end);
            }
            Expr::Named(n) => {
                self.compile_expr(&n.value)?;
                self.emit(Instr::DupTop);
                self.compile_store(&n.target)?;
            }
            Expr::BinOp(b) => {
                self.compile_expr(&b.left)?;
                self.compile_expr(&b.right)?;
                self.emit(Instr::BinaryOp(binop(b.op)));
            }
            Expr::UnaryOp(u) => {
                self.compile_expr(&u.operand)?;
                let op = match u.op {
                    ast::UnaryOp::Invert => UnaryOp::Invert,
                    ast::UnaryOp::Not => UnaryOp::Not,
                    ast::UnaryOp::UAdd => UnaryOp::Pos,
                    ast::UnaryOp::USub => UnaryOp::Neg,
                };
                self.emit(Instr::UnaryOp(op));
            }
            Expr::Lambda(l) => {
                let flags = self.compile_defaults(l.parameters.as_deref())?;
                let line = self.line_of(l.range);
                let code = self.function_code(
                    "<lambda>",
                    l.range,
                    l.parameters.as_deref(),
                    FnBody::Expr(&l.body),
                    line,
                )?;
                self.make_function(code, flags);
            }
            Expr::If(i) => {
                let orelse = self.new_label();
                let end = self.new_label();
                self.compile_jump_if(&i.test, false, orelse)?;
                self.compile_expr(&i.body)?;
                self.jump(Instr::Jump, end);
                self.bind(orelse);
                self.compile_expr(&i.orelse)?;
                self.bind(end);
            }
            Expr::Dict(d) => self.compile_dict(&d.items)?,
            Expr::Set(s) => self.compile_sequence(&s.elts, Seq::Set)?,
            Expr::List(l) => self.compile_sequence(&l.elts, Seq::List)?,
            Expr::Tuple(t) => self.compile_sequence(&t.elts, Seq::Tuple)?,
            Expr::ListComp(c) => self.compile_comprehension(
                "<listcomp>",
                c.range,
                &c.generators,
                Comp::List(&c.elt),
            )?,
            Expr::SetComp(c) => {
                self.compile_comprehension("<setcomp>", c.range, &c.generators, Comp::Set(&c.elt))?
            }
            Expr::Generator(c) => {
                self.compile_comprehension("<genexpr>", c.range, &c.generators, Comp::Gen(&c.elt))?
            }
            Expr::DictComp(c) => {
                let Some(key) = &c.key else {
                    return self.error(
                        "dict unpacking cannot be used in dict comprehension",
                        c.range,
                    );
                };
                self.compile_comprehension(
                    "<dictcomp>",
                    c.range,
                    &c.generators,
                    Comp::Dict(key, &c.value),
                )?
            }
            Expr::Await(a) => {
                // The symbol table has checked that an await is allowed here.
                self.compile_expr(&a.value)?;
                self.emit_await(0);
            }
            Expr::Yield(y) => {
                self.check_yield(y.range)?;
                match &y.value {
                    Some(v) => self.compile_expr(v)?,
                    None => self.load_const(Const::None),
                }
                if self.in_async_generator() {
                    self.emit(Instr::AsyncGenWrap);
                }
                self.emit(Instr::YieldValue);
            }
            Expr::YieldFrom(y) => {
                self.check_yield(y.range)?;
                self.compile_expr(&y.value)?;
                self.emit(Instr::GetYieldFromIter);
                self.load_const(Const::None);
                self.emit(Instr::YieldFrom);
            }
            Expr::Compare(c) => self.compile_compare(c)?,
            Expr::Call(c) => self.compile_call(c)?,
            Expr::FString(f) => self.compile_fstring(&f.value)?,
            Expr::TString(t) => self.compile_tstring(&t.value)?,
            Expr::Attribute(a) => {
                self.compile_expr(&a.value)?;
                let k = self.attr_name(a.attr.as_str());
                self.start_at_attr_name(a);
                self.emit(Instr::LoadAttr(k));
            }
            Expr::Subscript(s) => {
                self.compile_expr(&s.value)?;
                self.compile_expr(&s.slice)?;
                self.emit(Instr::BinarySubscr);
            }
            Expr::Starred(s) => return self.error("can't use starred expression here", s.range),
            Expr::Name(n) if n.id.as_str() == "__debug__" => {
                self.load_const(if crate::optimize() > 0 {
                    Const::False
                } else {
                    Const::True
                });
            }
            Expr::Name(n) => self.load_name(n.id.as_str()),
            Expr::Slice(s) => {
                for part in [&s.lower, &s.upper] {
                    match part {
                        Some(p) => self.compile_expr(p)?,
                        None => self.load_const(Const::None),
                    }
                }
                match &s.step {
                    Some(st) => {
                        self.compile_expr(st)?;
                        self.emit(Instr::BuildSlice(3));
                    }
                    None => self.emit(Instr::BuildSlice(2)),
                }
            }
            Expr::IpyEscapeCommand(i) => return self.error("invalid syntax", i.range),
            _ => unreachable!("literal handled above"),
        }
        Ok(())
    }

    fn check_yield(&mut self, range: TextRange) -> CResult<()> {
        match self.unit_ref().kind {
            ScopeKind::Module | ScopeKind::Class => self.error("'yield' outside function", range),
            _ => Ok(()),
        }
    }

    /// Jump to `label` if the truth of `e` is `cond`; fall through otherwise.
    pub(crate) fn compile_jump_if(
        &mut self,
        e: &'a Expr,
        cond: bool,
        label: super::Label,
    ) -> CResult<()> {
        match e {
            Expr::UnaryOp(u) if u.op == ast::UnaryOp::Not => {
                self.compile_jump_if(&u.operand, !cond, label)
            }
            Expr::BoolOp(b) => {
                let is_and = b.op == ast::BoolOp::And;
                let (last, rest) = b.values.split_last().expect("empty BoolOp");
                if is_and != cond {
                    // `a and b` jumping when false / `a or b` jumping when true:
                    // any operand deciding it jumps directly.
                    for v in rest {
                        self.compile_jump_if(v, cond, label)?;
                    }
                    self.compile_jump_if(last, cond, label)
                } else {
                    let skip = self.new_label();
                    for v in rest {
                        self.compile_jump_if(v, !cond, skip)?;
                    }
                    self.compile_jump_if(last, cond, label)?;
                    self.bind(skip);
                    Ok(())
                }
            }
            _ => {
                self.compile_expr(e)?;
                let saved = self.loc();
                self.set_line(e.range());
                if cond {
                    self.jump(Instr::PopJumpIfTrue, label);
                } else {
                    self.jump(Instr::PopJumpIfFalse, label);
                }
                self.set_loc(saved);
                Ok(())
            }
        }
    }

    fn emit_cmp(&mut self, op: ast::CmpOp) {
        use ast::CmpOp as C;
        let i = match op {
            C::Eq => Instr::CompareOp(CmpOp::Eq),
            C::NotEq => Instr::CompareOp(CmpOp::Ne),
            C::Lt => Instr::CompareOp(CmpOp::Lt),
            C::LtE => Instr::CompareOp(CmpOp::Le),
            C::Gt => Instr::CompareOp(CmpOp::Gt),
            C::GtE => Instr::CompareOp(CmpOp::Ge),
            C::Is => Instr::IsOp(false),
            C::IsNot => Instr::IsOp(true),
            C::In => Instr::ContainsOp(false),
            C::NotIn => Instr::ContainsOp(true),
        };
        self.emit(i);
    }

    fn compile_compare(&mut self, c: &'a ast::ExprCompare) -> CResult<()> {
        self.compile_expr(&c.left)?;
        let n = c.ops.len();
        if n == 1 {
            self.compile_expr(&c.comparators[0])?;
            self.emit_cmp(c.ops[0]);
            return Ok(());
        }
        let cleanup = self.new_label();
        let end = self.new_label();
        for i in 0..n - 1 {
            self.compile_expr(&c.comparators[i])?;
            self.emit(Instr::DupTop);
            self.emit(Instr::RotThree);
            self.emit_cmp(c.ops[i]);
            self.jump(Instr::JumpIfFalseOrPop, cleanup);
        }
        self.compile_expr(&c.comparators[n - 1])?;
        self.emit_cmp(c.ops[n - 1]);
        self.jump(Instr::Jump, end);
        self.bind(cleanup);
        self.emit(Instr::RotTwo);
        self.emit(Instr::PopTop);
        self.bind(end);
        Ok(())
    }

    fn compile_call(&mut self, c: &'a ast::ExprCall) -> CResult<()> {
        let args = &c.arguments;
        let simple =
            !args.args.iter().any(|a| matches!(a, Expr::Starred(_))) && args.keywords.is_empty();
        if let Expr::Attribute(at) = &*c.func
            && simple
        {
            self.compile_expr(&at.value)?;
            let k = self.attr_name(at.attr.as_str());
            self.set_line(at.range);
            self.start_at_attr_name(at);
            self.emit(Instr::LoadMethod(k));
            for a in args.args.iter() {
                self.compile_expr(a)?;
            }
            self.set_line(c.range());
            self.start_at_attr_name(at);
            self.emit(Instr::CallMethod(args.args.len() as u32));
            return Ok(());
        }
        self.compile_expr(&c.func)?;
        self.compile_call_args(0, &args.args, &args.keywords)
    }

    /// With the callable and `prefix` positional arguments already on the stack, push the
    /// rest of the arguments and call.
    pub(crate) fn compile_call_args(
        &mut self,
        prefix: u32,
        args: &'a [Expr],
        keywords: &'a [ast::Keyword],
    ) -> CResult<()> {
        self.compile_call_args_with(prefix, args, keywords, None)
    }

    /// As `compile_call_args`, with `Generic[*generic]` as one more positional argument
    /// after `args` (a generic class's bases).
    pub(crate) fn compile_call_args_with(
        &mut self,
        prefix: u32,
        args: &'a [Expr],
        keywords: &'a [ast::Keyword],
        generic: Option<&'a ast::TypeParams>,
    ) -> CResult<()> {
        for (i, k) in keywords.iter().enumerate() {
            if let Some(name) = &k.arg
                && keywords[..i]
                    .iter()
                    .any(|p| p.arg.as_ref().is_some_and(|n| n.as_str() == name.as_str()))
            {
                return self.error(
                    format!("keyword argument repeated: {}", name.as_str()),
                    k.range,
                );
            }
        }
        let starred = args.iter().any(|a| matches!(a, Expr::Starred(_)));
        let dstar = keywords.iter().any(|k| k.arg.is_none());
        if !starred && !dstar {
            for a in args {
                self.compile_expr(a)?;
            }
            if let Some(tp) = generic {
                self.generic_base(tp);
            }
            let n =
                prefix + args.len() as u32 + u32::from(generic.is_some()) + keywords.len() as u32;
            if keywords.is_empty() {
                self.emit(Instr::CallFunction(n));
            } else {
                for k in keywords {
                    self.compile_expr(&k.value)?;
                }
                let names = keywords
                    .iter()
                    .map(|k| Const::Str(k.arg.as_ref().unwrap().to_string()))
                    .collect();
                self.load_const(Const::Tuple(names));
                self.emit(Instr::CallFunctionKw(n));
            }
            return Ok(());
        }
        // General case: build the positional tuple and the keyword dict.
        self.emit(Instr::BuildList(prefix));
        // `f(*x)` alone: CPython passes x straight to the call, so a bad x is reported
        // as the callee's argument; otherwise as a "Value after *".
        let sole_star = prefix == 0 && args.len() == 1 && generic.is_none();
        for a in args {
            match a {
                Expr::Starred(s) => {
                    self.compile_expr(&s.value)?;
                    self.emit(if sole_star {
                        Instr::CallStarExtend
                    } else {
                        Instr::ListExtend(1)
                    });
                }
                _ => {
                    self.compile_expr(a)?;
                    self.emit(Instr::ListAppend(1));
                }
            }
        }
        if let Some(tp) = generic {
            self.generic_base(tp);
            self.emit(Instr::ListAppend(1));
        }
        self.emit(Instr::ListToTuple);
        let mut flags = 0;
        if !keywords.is_empty() {
            flags = 1;
            self.emit(Instr::BuildMap(0));
            let mut i = 0;
            while i < keywords.len() {
                let k = &keywords[i];
                match &k.arg {
                    None => {
                        self.compile_expr(&k.value)?;
                        self.emit(Instr::DictMerge(1));
                        i += 1;
                    }
                    Some(_) => {
                        let mut j = i;
                        while j < keywords.len() && keywords[j].arg.is_some() {
                            let kw = &keywords[j];
                            self.load_const(Const::Str(kw.arg.as_ref().unwrap().to_string()));
                            self.compile_expr(&kw.value)?;
                            j += 1;
                        }
                        self.emit(Instr::BuildMap((j - i) as u32));
                        self.emit(Instr::DictMerge(1));
                        i = j;
                    }
                }
            }
        }
        self.emit(Instr::CallFunctionEx(flags));
        Ok(())
    }

    /// `literal_const`, with the lone surrogates of a str literal: the parser reads a
    /// surrogate escape ('\ud800') as U+FFFD, the source tells them apart.
    pub(crate) fn exact_literal_const(&self, e: &Expr) -> Option<Const> {
        Some(match (e, literal_const(e)?) {
            (Expr::StringLiteral(s), Const::Str(v)) if v.contains('\u{fffd}') => {
                if let Some(b) = self.map.surrogate_str(s.range.start().to_usize()) {
                    return Some(Const::StrSurrogates(b.to_vec()));
                }
                crate::surrogates::exact_literal(self.map.source(), s).unwrap_or(Const::Str(v))
            }
            (Expr::EllipsisLiteral(x), Const::Ellipsis) => {
                match self.map.frozenset(x.range.start().to_usize()) {
                    Some(c) => c.clone(),
                    None => Const::Ellipsis,
                }
            }
            (_, c) => c,
        })
    }

    fn compile_sequence(&mut self, elts: &'a [Expr], kind: Seq) -> CResult<()> {
        let starred = elts.iter().any(|e| matches!(e, Expr::Starred(_)));
        if !starred {
            if kind == Seq::Tuple
                && !elts.is_empty()
                && let Some(consts) = elts
                    .iter()
                    .map(|e| self.fold(e))
                    .collect::<Option<Vec<_>>>()
            {
                self.load_const(Const::Tuple(consts));
                return Ok(());
            }
            for e in elts {
                self.compile_expr(e)?;
            }
            let n = elts.len() as u32;
            self.emit(match kind {
                Seq::Tuple => Instr::BuildTuple(n),
                Seq::List => Instr::BuildList(n),
                Seq::Set => Instr::BuildSet(n),
            });
            return Ok(());
        }
        let first_star = elts
            .iter()
            .position(|e| matches!(e, Expr::Starred(_)))
            .unwrap();
        for e in &elts[..first_star] {
            self.compile_expr(e)?;
        }
        let n = first_star as u32;
        self.emit(if kind == Seq::Set {
            Instr::BuildSet(n)
        } else {
            Instr::BuildList(n)
        });
        for e in &elts[first_star..] {
            match e {
                Expr::Starred(s) => {
                    self.compile_expr(&s.value)?;
                    self.emit(if kind == Seq::Set {
                        Instr::SetUpdate(1)
                    } else {
                        Instr::ListExtend(1)
                    });
                }
                _ => {
                    self.compile_expr(e)?;
                    self.emit(if kind == Seq::Set {
                        Instr::SetAdd(1)
                    } else {
                        Instr::ListAppend(1)
                    });
                }
            }
        }
        if kind == Seq::Tuple {
            self.emit(Instr::ListToTuple);
        }
        Ok(())
    }

    fn compile_dict(&mut self, items: &'a [ast::DictItem]) -> CResult<()> {
        let mut i = 0;
        let mut built = false;
        while i < items.len() {
            match &items[i].key {
                None => {
                    if !built {
                        self.emit(Instr::BuildMap(0));
                        built = true;
                    }
                    self.compile_expr(&items[i].value)?;
                    self.emit(Instr::DictUpdate(1));
                    i += 1;
                }
                Some(_) => {
                    let mut j = i;
                    while j < items.len() {
                        let Some(k) = &items[j].key else { break };
                        self.compile_expr(k)?;
                        self.compile_expr(&items[j].value)?;
                        j += 1;
                    }
                    self.emit(Instr::BuildMap((j - i) as u32));
                    if built {
                        self.emit(Instr::DictUpdate(1));
                    }
                    built = true;
                    i = j;
                }
            }
        }
        if !built {
            self.emit(Instr::BuildMap(0));
        }
        Ok(())
    }

    fn compile_comprehension(
        &mut self,
        name: &str,
        range: TextRange,
        gens: &'a [ast::Comprehension],
        comp: Comp<'a>,
    ) -> CResult<()> {
        let scope = self.table.scope_of(range);
        let qualname = self.qualname_for(name);
        let line = self.line_of(range);
        let private = self.unit_ref().private.clone();
        // The outermost iterator is evaluated here.
        let first_iter = &gens[0].iter;
        self.push_unit(
            name,
            &qualname,
            scope,
            ScopeKind::Comprehension,
            line,
            private,
        );
        {
            let u = self.unit();
            u.code.varnames.push(".0".to_string());
            u.code.argcount = 1;
            u.code.flags |= code_flags::NESTED;
        }
        let flags = self.generator_flags(scope);
        self.unit().code.flags |= flags;
        let r = self.comprehension_body(gens, comp);
        if let Err(e) = r {
            self.units.pop();
            return Err(e);
        }
        let code = self.pop_unit()?;
        self.make_function(code, 0);
        self.compile_expr(first_iter)?;
        self.emit(if gens[0].is_async {
            Instr::GetAiter
        } else {
            Instr::GetIter
        });
        self.emit(Instr::CallFunction(1));
        // An asynchronous list, set or dict comprehension is a coroutine to await here.
        if flags & code_flags::COROUTINE != 0 {
            self.emit_await(0);
        }
        Ok(())
    }

    fn comprehension_body(
        &mut self,
        gens: &'a [ast::Comprehension],
        comp: Comp<'a>,
    ) -> CResult<()> {
        match comp {
            Comp::List(_) => self.emit(Instr::BuildList(0)),
            Comp::Set(_) => self.emit(Instr::BuildSet(0)),
            Comp::Dict(..) => self.emit(Instr::BuildMap(0)),
            Comp::Gen(_) => {}
        }
        let mut loops = Vec::new();
        for (i, g) in gens.iter().enumerate() {
            self.set_line(g.range);
            if i == 0 {
                self.emit(Instr::LoadFast(0));
            } else {
                self.compile_expr(&g.iter)?;
            }
            if i > 0 && g.is_async {
                self.emit(Instr::GetAiter);
            } else if i > 0 {
                self.emit(Instr::GetIter);
            }
            let start = self.new_label();
            let end = self.new_label();
            self.bind(start);
            if g.is_async {
                self.async_for_next(end);
            } else {
                self.jump(Instr::ForIter, end);
            }
            self.compile_store(&g.target)?;
            for cond in &g.ifs {
                self.compile_jump_if(cond, false, start)?;
            }
            loops.push((start, end, g.is_async));
        }
        let depth = gens.len() as u32 + 1;
        match comp {
            Comp::List(e) => {
                self.compile_expr(e)?;
                self.emit(Instr::ListAppend(depth));
            }
            Comp::Set(e) => {
                self.compile_expr(e)?;
                self.emit(Instr::SetAdd(depth));
            }
            Comp::Dict(k, v) => {
                self.compile_expr(k)?;
                self.compile_expr(v)?;
                self.emit(Instr::MapAdd(depth));
            }
            Comp::Gen(e) => {
                self.compile_expr(e)?;
                if self.in_async_generator() {
                    self.emit(Instr::AsyncGenWrap);
                }
                self.emit(Instr::YieldValue);
                self.emit(Instr::PopTop);
            }
        }
        for (start, end, is_async) in loops.into_iter().rev() {
            self.jump(Instr::Jump, start);
            self.bind(end);
            if is_async {
                self.emit(Instr::EndAsyncFor);
            }
        }
        if matches!(comp, Comp::Gen(_)) {
            self.load_const(Const::None);
        }
        self.emit(Instr::ReturnValue);
        Ok(())
    }

    fn compile_fstring(&mut self, value: &'a ast::FStringValue) -> CResult<()> {
        let mut count = 0u32;
        let mut pending = String::new();
        for part in value.iter() {
            match part {
                ast::FStringPart::Literal(s) => pending.push_str(&s.value),
                ast::FStringPart::FString(f) => {
                    self.fstring_elements(&f.elements, &mut pending, &mut count)?
                }
            }
        }
        if !pending.is_empty() || count == 0 {
            self.load_const(Const::Str(std::mem::take(&mut pending)));
            count += 1;
        }
        if count > 1 {
            self.emit(Instr::BuildString(count));
        }
        Ok(())
    }

    /// A t-string: its literal strings and `Interpolation`s, then `BuildTemplate`.
    fn compile_tstring(&mut self, value: &'a ast::TStringValue) -> CResult<()> {
        let mut count = 0u32;
        let mut pending = String::new();
        for part in value.iter() {
            for el in part.elements.iter() {
                match el {
                    ast::InterpolatedStringElement::Literal(l) => pending.push_str(&l.value),
                    ast::InterpolatedStringElement::Interpolation(i) => {
                        let mut conv = match i.conversion {
                            ast::ConversionFlag::None => None,
                            ast::ConversionFlag::Str => Some("s"),
                            ast::ConversionFlag::Repr => Some("r"),
                            ast::ConversionFlag::Ascii => Some("a"),
                        };
                        if let Some(d) = &i.debug_text {
                            pending.push_str(d.leading());
                            pending.push_str(d.expression());
                            pending.push_str(d.trailing());
                            if conv.is_none() && i.format_spec.is_none() {
                                conv = Some("r");
                            }
                        }
                        let text = self.interpolation_source(i);
                        self.load_const(Const::Str(std::mem::take(&mut pending)));
                        self.compile_expr(&i.expression)?;
                        self.load_const(Const::Str(text));
                        self.load_const(match conv {
                            Some(c) => Const::Str(c.to_string()),
                            None => Const::None,
                        });
                        match &i.format_spec {
                            Some(spec) => {
                                let mut sp = String::new();
                                let mut n = 0;
                                self.fstring_elements(&spec.elements, &mut sp, &mut n)?;
                                if !sp.is_empty() || n == 0 {
                                    self.load_const(Const::Str(sp));
                                    n += 1;
                                }
                                if n > 1 {
                                    self.emit(Instr::BuildString(n));
                                }
                            }
                            None => self.load_const(Const::Str(String::new())),
                        }
                        self.emit(Instr::BuildInterpolation);
                        count += 2;
                    }
                }
            }
        }
        self.load_const(Const::Str(pending));
        count += 1;
        self.emit(Instr::BuildTemplate(count));
        Ok(())
    }

    /// The source text of an interpolation's expression, as CPython 3.14 keeps it: from
    /// after `{` to the `=` of a debug field, the conversion, the format spec or `}`,
    /// whitespace included and a comment after the expression left out.
    fn interpolation_source(&self, i: &ast::InterpolatedElement) -> String {
        let src = self.map.source;
        let start = i.range.start().to_usize() + 1;
        let end = i.expression.range().end().to_usize();
        let mut text = src.get(start..end).unwrap_or("").to_string();
        let mut rest = src.get(end..).unwrap_or("").chars().peekable();
        while let Some(&c) = rest.peek() {
            match c {
                ' ' | '\t' | '\n' | '\r' | '\x0c' => text.push(c),
                '#' => {
                    while rest.next_if(|&c| c != '\n').is_some() {}
                    continue;
                }
                _ => break,
            }
            rest.next();
        }
        text
    }

    /// Push the pieces of an f-string body; literal text accumulates in `pending`.
    fn fstring_elements(
        &mut self,
        elements: &'a ast::InterpolatedStringElements,
        pending: &mut String,
        count: &mut u32,
    ) -> CResult<()> {
        for el in elements.iter() {
            match el {
                ast::InterpolatedStringElement::Literal(l) => pending.push_str(&l.value),
                ast::InterpolatedStringElement::Interpolation(i) => {
                    let mut conv = match i.conversion {
                        ast::ConversionFlag::None => 0,
                        ast::ConversionFlag::Str => 1,
                        ast::ConversionFlag::Repr => 2,
                        ast::ConversionFlag::Ascii => 3,
                    };
                    if let Some(d) = &i.debug_text {
                        pending.push_str(d.leading());
                        pending.push_str(d.expression());
                        pending.push_str(d.trailing());
                        if conv == 0 && i.format_spec.is_none() {
                            conv = 2;
                        }
                    }
                    if !pending.is_empty() {
                        self.load_const(Const::Str(std::mem::take(pending)));
                        *count += 1;
                    }
                    self.compile_expr(&i.expression)?;
                    if let Some(spec) = &i.format_spec {
                        let mut spec_pending = String::new();
                        let mut spec_count = 0;
                        self.fstring_elements(&spec.elements, &mut spec_pending, &mut spec_count)?;
                        if !spec_pending.is_empty() || spec_count == 0 {
                            self.load_const(Const::Str(spec_pending));
                            spec_count += 1;
                        }
                        if spec_count > 1 {
                            self.emit(Instr::BuildString(spec_count));
                        }
                        conv |= 4;
                    }
                    self.emit(Instr::FormatValue(conv));
                    *count += 1;
                }
            }
        }
        Ok(())
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Seq {
    Tuple,
    List,
    Set,
}

#[derive(Clone, Copy)]
enum Comp<'a> {
    List(&'a Expr),
    Set(&'a Expr),
    Gen(&'a Expr),
    Dict(&'a Expr, &'a Expr),
}
