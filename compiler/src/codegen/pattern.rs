//! `match` statements (PEP 634): every pattern compiles to tests and jumps.
//!
//! The contract of [`Compiler::pattern`]: it is entered with the subject on top of the
//! stack; on success the subject has been consumed and control falls through; on failure
//! the subject has been consumed too and control jumps to the `fail` label. So every label
//! a pattern jumps to is entered at one stack depth (what `flow.rs` checks).
//!
//! A pattern that takes the subject apart (sequence, mapping, class) leaves its parts on
//! the stack and matches them one by one, first part on top. The failure exit of part `i`
//! must drop the parts still below it: a "pop chain" of labels, `chain[k]` popping `k`
//! values before jumping to the pattern's own `fail`.
//!
//! Names are stored as soon as their sub-pattern matches, so a case that fails after a
//! capture may leave the name bound (PEP 634 leaves this to the implementation).
//!
//! The compile-time errors are CPython's: irrefutable patterns that make later cases or
//! alternatives unreachable, a name captured twice, alternatives binding different names,
//! two starred names, duplicate literal mapping keys, a class-pattern attribute repeated.

use ruff_python_ast::{self as ast, Expr, Pattern};
use ruff_text_size::{Ranged, TextRange};

use super::{CResult, Compiler, Label};
use crate::bytecode::{CmpOp, Const, Instr};

impl<'a> Compiler<'a> {
    pub(crate) fn compile_match(&mut self, m: &'a ast::StmtMatch) -> CResult<()> {
        self.compile_expr(&m.subject)?;
        let end = self.new_label();
        let n = m.cases.len();
        for (i, case) in m.cases.iter().enumerate() {
            if i + 1 < n
                && case.guard.is_none()
                && let Some((msg, range)) = irrefutable(&case.pattern)
            {
                return self.error(msg, range);
            }
            let mut names = Vec::new();
            self.check_pattern(&case.pattern, &mut names)?;
            self.set_line(case.pattern.range());
            let next = self.new_label();
            self.emit(Instr::DupTop);
            self.pattern(&case.pattern, next)?;
            if let Some(g) = &case.guard {
                self.compile_jump_if(g, false, next)?;
            }
            self.emit(Instr::PopTop);
            self.compile_body(&case.body)?;
            self.jump(Instr::Jump, end);
            self.bind(next);
        }
        self.emit(Instr::PopTop);
        self.bind(end);
        Ok(())
    }

    /// Match the subject on top of the stack (see the module doc).
    fn pattern(&mut self, p: &'a Pattern, fail: Label) -> CResult<()> {
        match p {
            Pattern::MatchValue(v) => {
                self.compile_expr(&v.value)?;
                self.emit(Instr::CompareOp(CmpOp::Eq));
                self.jump(Instr::PopJumpIfFalse, fail);
            }
            Pattern::MatchSingleton(s) => {
                self.load_const(match s.value {
                    ast::Singleton::None => Const::None,
                    ast::Singleton::True => Const::True,
                    ast::Singleton::False => Const::False,
                });
                self.emit(Instr::IsOp(false));
                self.jump(Instr::PopJumpIfFalse, fail);
            }
            Pattern::MatchAs(a) => match (&a.pattern, &a.name) {
                (None, None) => self.emit(Instr::PopTop),
                (None, Some(n)) => self.store_name(n.as_str()),
                (Some(sub), None) => self.pattern(sub, fail)?,
                (Some(sub), Some(n)) => {
                    let chain = self.pop_chain(1);
                    self.emit(Instr::DupTop);
                    self.pattern(sub, chain[1])?;
                    self.store_name(n.as_str());
                    self.finish_chain(&chain, fail);
                }
            },
            Pattern::MatchStar(s) => match &s.name {
                Some(n) => self.store_name(n.as_str()),
                None => self.emit(Instr::PopTop),
            },
            Pattern::MatchOr(o) => {
                let ok = self.new_label();
                for alt in &o.patterns {
                    let next = self.new_label();
                    self.emit(Instr::DupTop);
                    self.pattern(alt, next)?;
                    self.emit(Instr::PopTop);
                    self.jump(Instr::Jump, ok);
                    self.bind(next);
                }
                self.emit(Instr::PopTop);
                self.jump(Instr::Jump, fail);
                self.bind(ok);
            }
            Pattern::MatchSequence(s) => self.sequence_pattern(&s.patterns, fail)?,
            Pattern::MatchMapping(m) => self.mapping_pattern(m, fail)?,
            Pattern::MatchClass(c) => self.class_pattern(c, fail)?,
        }
        Ok(())
    }

    /// `chain[k]` (k = 0..=n) pops `k` values, then jumps to the pattern's failure label;
    /// bound by `finish_chain`.
    fn pop_chain(&mut self, n: usize) -> Vec<Label> {
        (0..=n).map(|_| self.new_label()).collect()
    }

    /// End a pattern's success path (a jump past the chain) and emit the chain.
    fn finish_chain(&mut self, chain: &[Label], fail: Label) {
        let ok = self.new_label();
        self.jump(Instr::Jump, ok);
        for k in (1..chain.len()).rev() {
            self.bind(chain[k]);
            self.emit(Instr::PopTop);
        }
        self.bind(chain[0]);
        self.jump(Instr::Jump, fail);
        self.bind(ok);
    }

    /// Match the parts on the stack (first on top) against `subs`; `chain` must have
    /// `extra + subs.len() + 1` labels, `extra` values lying under the parts.
    fn match_parts(&mut self, subs: &[&'a Pattern], chain: &[Label], extra: usize) -> CResult<()> {
        let n = subs.len();
        for (i, sub) in subs.iter().enumerate() {
            let below = extra + n - 1 - i;
            if is_wildcard(sub) {
                self.emit(Instr::PopTop);
            } else {
                self.pattern(sub, chain[below])?;
            }
        }
        Ok(())
    }

    fn sequence_pattern(&mut self, pats: &'a [Pattern], fail: Label) -> CResult<()> {
        let star = pats.iter().position(|p| matches!(p, Pattern::MatchStar(_)));
        let n = pats.len();
        let chain = self.pop_chain(n.max(1));
        self.emit(Instr::MatchSequence);
        self.jump(Instr::PopJumpIfFalse, chain[1]);
        let min = n - usize::from(star.is_some());
        if star.is_none() || min > 0 {
            self.emit(Instr::GetLen);
            self.load_const(Const::Int(min as i64));
            self.emit(Instr::CompareOp(if star.is_some() {
                CmpOp::Ge
            } else {
                CmpOp::Eq
            }));
            self.jump(Instr::PopJumpIfFalse, chain[1]);
        }
        match star {
            None => self.emit(Instr::UnpackSequence(n as u32)),
            Some(i) => {
                let (before, after) = (i as u32, (n - i - 1) as u32);
                self.emit(Instr::UnpackEx(before | (after << 8)));
            }
        }
        let subs: Vec<&Pattern> = pats.iter().collect();
        self.match_parts(&subs, &chain, 0)?;
        self.finish_chain(&chain, fail);
        Ok(())
    }

    fn mapping_pattern(&mut self, m: &'a ast::PatternMatchMapping, fail: Label) -> CResult<()> {
        let n = m.keys.len();
        let chain = self.pop_chain(n + 2);
        self.emit(Instr::MatchMapping);
        self.jump(Instr::PopJumpIfFalse, chain[1]);
        if n == 0 && m.rest.is_none() {
            self.emit(Instr::PopTop);
            self.finish_chain(&chain, fail);
            return Ok(());
        }
        if n > 0 {
            self.emit(Instr::GetLen);
            self.load_const(Const::Int(n as i64));
            self.emit(Instr::CompareOp(CmpOp::Ge));
            self.jump(Instr::PopJumpIfFalse, chain[1]);
        }
        for k in &m.keys {
            self.compile_expr(k)?;
        }
        self.emit(Instr::BuildTuple(n as u32));
        if n > 0 {
            // [subj, keys] -> [subj, keys, values or None]
            self.emit(Instr::MatchKeys);
            self.emit(Instr::DupTop);
            self.load_const(Const::None);
            self.emit(Instr::IsOp(false));
            self.jump(Instr::PopJumpIfTrue, chain[3]);
            self.emit(Instr::UnpackSequence(n as u32));
            let subs: Vec<&Pattern> = m.patterns.iter().collect();
            self.match_parts(&subs, &chain, 2)?;
        }
        match &m.rest {
            Some(rest) => {
                // [subj, keys] -> [subj, rest dict]
                self.emit(Instr::CopyDictWithoutKeys);
                self.store_name(rest.as_str());
                self.emit(Instr::PopTop);
            }
            None => {
                self.emit(Instr::PopTop);
                self.emit(Instr::PopTop);
            }
        }
        self.finish_chain(&chain, fail);
        Ok(())
    }

    fn class_pattern(&mut self, c: &'a ast::PatternMatchClass, fail: Label) -> CResult<()> {
        let args = &c.arguments;
        let npos = args.patterns.len();
        let total = npos + args.keywords.len();
        let chain = self.pop_chain(total.max(1));
        self.compile_expr(&c.cls)?;
        let names = args
            .keywords
            .iter()
            .map(|k| Const::Str(k.attr.to_string()))
            .collect();
        self.load_const(Const::Tuple(names));
        // [subj, cls, names] -> [attributes tuple or None]
        self.emit(Instr::MatchClass(npos as u32));
        self.emit(Instr::DupTop);
        self.load_const(Const::None);
        self.emit(Instr::IsOp(false));
        self.jump(Instr::PopJumpIfTrue, chain[1]);
        self.emit(Instr::UnpackSequence(total as u32));
        let subs: Vec<&Pattern> = args
            .patterns
            .iter()
            .chain(args.keywords.iter().map(|k| &k.pattern))
            .collect();
        self.match_parts(&subs, &chain, 0)?;
        self.finish_chain(&chain, fail);
        Ok(())
    }

    /// The compile-time checks of one case's pattern; `names` collects the captures.
    fn check_pattern(&self, p: &'a Pattern, names: &mut Vec<&'a str>) -> CResult<()> {
        // A repeated name is reported at the pattern that binds it (CPython 3.13).
        let capture = |names: &mut Vec<&'a str>, n: &'a ast::Identifier, at: TextRange| {
            let s = n.as_str();
            if names.contains(&s) {
                return self.error(format!("multiple assignments to name '{s}' in pattern"), at);
            }
            names.push(s);
            Ok(())
        };
        match p {
            Pattern::MatchValue(v) => {
                // The parser takes any string literal here; CPython refuses f- and
                // t-strings (their value is not a constant).
                if matches!(*v.value, Expr::FString(_) | Expr::TString(_)) {
                    return self.error(
                        "patterns may only match literals and attribute lookups",
                        v.range,
                    );
                }
            }
            Pattern::MatchSingleton(_) => {}
            Pattern::MatchAs(a) => {
                if let Some(sub) = &a.pattern {
                    self.check_pattern(sub, names)?;
                }
                if let Some(n) = &a.name {
                    capture(names, n, a.range)?;
                }
            }
            Pattern::MatchStar(s) => {
                if let Some(n) = &s.name {
                    capture(names, n, s.range)?;
                }
            }
            Pattern::MatchSequence(s) => {
                let stars = s
                    .patterns
                    .iter()
                    .filter(|p| matches!(p, Pattern::MatchStar(_)))
                    .count();
                if stars > 1 {
                    return self.error("multiple starred names in sequence pattern", s.range);
                }
                for sub in &s.patterns {
                    self.check_pattern(sub, names)?;
                }
            }
            Pattern::MatchMapping(m) => {
                let mut seen: Vec<String> = Vec::new();
                for k in &m.keys {
                    if matches!(k, Expr::FString(_) | Expr::TString(_)) {
                        return self.error(
                            "mapping pattern keys may only match literals and attribute lookups",
                            m.range,
                        );
                    }
                    if let Some(r) = literal_repr(k) {
                        if seen.contains(&r) {
                            return self.error(
                                format!("mapping pattern checks duplicate key ({r})"),
                                m.range,
                            );
                        }
                        seen.push(r);
                    }
                }
                for sub in &m.patterns {
                    self.check_pattern(sub, names)?;
                }
                if let Some(r) = &m.rest {
                    capture(names, r, m.range)?;
                }
            }
            Pattern::MatchClass(c) => {
                let kws = &c.arguments.keywords;
                for (i, k) in kws.iter().enumerate() {
                    if kws[..i].iter().any(|o| o.attr.as_str() == k.attr.as_str()) {
                        return self.error(
                            format!("attribute name repeated in class pattern: {}", k.attr),
                            // CPython points at the repeated keyword's pattern.
                            k.pattern.range(),
                        );
                    }
                }
                for sub in c
                    .arguments
                    .patterns
                    .iter()
                    .chain(kws.iter().map(|k| &k.pattern))
                {
                    self.check_pattern(sub, names)?;
                }
            }
            Pattern::MatchOr(o) => {
                let last = o.patterns.len() - 1;
                let mut first: Option<Vec<&'a str>> = None;
                for (i, alt) in o.patterns.iter().enumerate() {
                    if i < last
                        && let Some((msg, range)) = irrefutable(alt)
                    {
                        return self.error(msg, range);
                    }
                    let mut alt_names = Vec::new();
                    self.check_pattern(alt, &mut alt_names)?;
                    match &first {
                        None => first = Some(alt_names),
                        Some(f) => {
                            let mut a = f.clone();
                            let mut b = alt_names.clone();
                            a.sort_unstable();
                            b.sort_unstable();
                            if a != b {
                                return self.error(
                                    "alternative patterns bind different names",
                                    // CPython points at the whole or-pattern.
                                    o.range,
                                );
                            }
                        }
                    }
                }
                for n in first.unwrap_or_default() {
                    if names.contains(&n) {
                        return self.error(
                            format!("multiple assignments to name '{n}' in pattern"),
                            o.range,
                        );
                    }
                    names.push(n);
                }
            }
        }
        Ok(())
    }
}

fn is_wildcard(p: &Pattern) -> bool {
    matches!(p, Pattern::MatchAs(a) if a.pattern.is_none() && a.name.is_none())
}

/// CPython's complaint about an irrefutable pattern that is not the last one, with the
/// range it points at; None if `p` can fail.
fn irrefutable(p: &Pattern) -> Option<(String, TextRange)> {
    match p {
        Pattern::MatchAs(a) => match (&a.pattern, &a.name) {
            (None, None) => Some((
                "wildcard makes remaining patterns unreachable".into(),
                a.range,
            )),
            (None, Some(n)) => Some((
                format!("name capture '{n}' makes remaining patterns unreachable"),
                a.range,
            )),
            (Some(sub), _) => irrefutable(sub),
        },
        Pattern::MatchOr(o) => o.patterns.last().and_then(irrefutable),
        _ => None,
    }
}

/// The repr CPython shows for a literal mapping key, for the duplicate-key check.
fn literal_repr(e: &Expr) -> Option<String> {
    Some(match e {
        Expr::StringLiteral(s) => py_str_repr(s.value.to_str()),
        Expr::NumberLiteral(n) => match &n.value {
            ast::Number::Int(i) => i.to_string(),
            _ => return None,
        },
        Expr::NoneLiteral(_) => "None".into(),
        Expr::BooleanLiteral(b) => if b.value { "True" } else { "False" }.into(),
        Expr::UnaryOp(u) if u.op == ast::UnaryOp::USub => {
            let inner = literal_repr(&u.operand)?;
            format!("-{inner}")
        }
        _ => return None,
    })
}

/// `repr()` of a str, as Python writes it (quote choice and escapes of common characters).
fn py_str_repr(s: &str) -> String {
    let q = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::new();
    out.push(q);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == q => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push(q);
    out
}
