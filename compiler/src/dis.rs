//! A human-readable listing of a code object (nested code objects included).

use std::fmt::Write;

use crate::bytecode::{CodeData, Const, Instr};

/// Disassemble `code` and every code object in its constants.
pub fn disassemble(code: &CodeData) -> String {
    let mut out = String::new();
    dis_into(code, &mut out);
    out
}

fn dis_into(code: &CodeData, out: &mut String) {
    let _ = writeln!(
        out,
        "Disassembly of <code {} (qualname {}) at {}:{}>  argcount={} posonly={} kwonly={} flags={:#x} max_stack={}",
        code.name,
        code.qualname,
        code.filename,
        code.first_line,
        code.argcount,
        code.posonlyargcount,
        code.kwonlyargcount,
        code.flags,
        code.max_stack
    );
    if !code.varnames.is_empty() {
        let _ = writeln!(out, "  varnames: {:?}", code.varnames);
    }
    if !code.cellvars.is_empty() {
        let _ = writeln!(
            out,
            "  cellvars: {:?} cell2arg: {:?}",
            code.cellvars, code.cell2arg
        );
    }
    if !code.freevars.is_empty() {
        let _ = writeln!(out, "  freevars: {:?}", code.freevars);
    }
    if let Some(doc) = &code.doc {
        let _ = writeln!(out, "  doc: {doc:?}");
    }
    let targets: std::collections::HashSet<u32> =
        code.instrs.iter().filter_map(jump_target).collect();
    let mut last_line = 0;
    for (pc, ins) in code.instrs.iter().enumerate() {
        let line = code.lines.get(pc).copied().unwrap_or(0);
        let line_col = if line != last_line {
            format!("{line:>4}")
        } else {
            "    ".to_string()
        };
        last_line = line;
        let mark = if targets.contains(&(pc as u32)) {
            ">>"
        } else {
            "  "
        };
        let _ = writeln!(out, "{line_col} {mark} {pc:>4} {}", describe(code, ins));
    }
    for c in &code.consts {
        if let Const::Code(inner) = c {
            out.push('\n');
            dis_into(inner, out);
        }
    }
}

fn jump_target(i: &Instr) -> Option<u32> {
    let mut i = *i;
    crate::codegen_jump_arg(&mut i).copied()
}

fn const_repr(c: &Const) -> String {
    match c {
        Const::None => "None".into(),
        Const::True => "True".into(),
        Const::False => "False".into(),
        Const::Ellipsis => "Ellipsis".into(),
        Const::Int(i) => i.to_string(),
        Const::BigInt(s) => s.clone(),
        Const::Float(f) => format!("{f:?}"),
        Const::Complex { real, imag } => format!("({real:?}+{imag:?}j)"),
        Const::Str(s) => format!("{s:?}"),
        Const::StrSurrogates(b) => format!("{:?}", String::from_utf8_lossy(b)),
        Const::Bytes(b) => format!("b{:?}", String::from_utf8_lossy(b)),
        Const::Tuple(t) => {
            let parts: Vec<String> = t.iter().map(const_repr).collect();
            if parts.len() == 1 {
                format!("({},)", parts[0])
            } else {
                format!("({})", parts.join(", "))
            }
        }
        Const::Code(c) => format!("<code {}>", c.qualname),
        Const::FrozenSet(t) => {
            let parts: Vec<String> = t.iter().map(const_repr).collect();
            format!("frozenset({{{}}})", parts.join(", "))
        }
    }
}

fn describe(code: &CodeData, ins: &Instr) -> String {
    use Instr::*;
    let name = |i: u32| {
        code.names
            .get(i as usize)
            .cloned()
            .unwrap_or_else(|| "?".into())
    };
    let var = |i: u32| {
        code.varnames
            .get(i as usize)
            .cloned()
            .unwrap_or_else(|| "?".into())
    };
    let cell = |i: u32| {
        let i = i as usize;
        code.cellvars
            .get(i)
            .or_else(|| code.freevars.get(i.wrapping_sub(code.cellvars.len())))
            .cloned()
            .unwrap_or_else(|| "?".into())
    };
    let base = format!("{ins:?}");
    let extra = match *ins {
        LoadConst(i) => code.consts.get(i as usize).map(const_repr),
        LoadFast(i) | StoreFast(i) | DeleteFast(i) => Some(var(i)),
        LoadName(i)
        | StoreName(i)
        | DeleteName(i)
        | LoadGlobal(i)
        | StoreGlobal(i)
        | DeleteGlobal(i)
        | LoadAttr(i)
        | StoreAttr(i)
        | DeleteAttr(i)
        | LoadMethod(i)
        | ImportName(i)
        | ImportFrom(i)
        | LoadFromDictOrGlobals(i) => Some(name(i)),
        LoadDeref(i) | StoreDeref(i) | DeleteDeref(i) | LoadClosure(i) | LoadClassDeref(i) => {
            Some(cell(i))
        }
        _ => None,
    };
    match extra {
        Some(e) => format!("{base:<24} ({e})"),
        None => base,
    }
}
