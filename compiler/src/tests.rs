use super::*;
use crate::bytecode::{Const, Instr};

fn check_all(code: &CodeData) {
    if let Err(e) = flow::check(code) {
        panic!("stack check failed: {e}\n{}", disassemble(code));
    }
    assert_eq!(code.instrs.len(), code.lines.len());
    assert!(
        code.lines.iter().all(|l| *l >= 1),
        "line 0 in {}",
        code.qualname
    );
    for c in &code.consts {
        if let Const::Code(inner) = c {
            check_all(inner);
        }
    }
}

fn ok(src: &str) -> Arc<CodeData> {
    let code = match compile(src, "<test>", Mode::Module) {
        Ok(c) => c,
        Err(e) => panic!("compile failed for {src:?}: {e:?}"),
    };
    check_all(&code);
    code
}

fn err(src: &str) -> CompileError {
    match compile(src, "<test>", Mode::Module) {
        Ok(c) => panic!("expected an error for {src:?}, got\n{}", disassemble(&c)),
        Err(e) => e,
    }
}

fn find_code<'c>(code: &'c CodeData, qualname: &str) -> Option<&'c CodeData> {
    if code.qualname == qualname {
        return Some(code);
    }
    code.consts.iter().find_map(|c| match c {
        Const::Code(inner) => find_code(inner, qualname),
        _ => None,
    })
}

const SNIPPETS: &[&str] = &[
    "x = 1\ny = x + 2\nprint(y)",
    "a, b = 1, 2\na, *b, c = range(10)\n[x, y] = 1, 2\n(a, b), c = (1, 2), 3",
    "x = y = z = 0\nx += 1\no.a += 2\nd[k] -= 3\nd[1:2] *= 4",
    "x: int = 5\ny: int\no.attr: str = 'a'",
    "del x\ndel o.a, d[1], d[1:2]\ndel (a, b)",
    "if a:\n    pass\nelif b:\n    x = 1\nelse:\n    x = 2",
    "while x < 10:\n    x += 1\n    if x == 5: continue\n    if x == 7: break\nelse:\n    print('done')",
    "for i in range(3):\n    if i: break\n    continue\nelse:\n    pass",
    "for i, (a, b) in enumerate(z):\n    print(i, a, b)",
    "def f(a, b=1, *args, c, d=2, **kw):\n    'doc'\n    return a + b\n",
    "def f(a, /, b, *, c):\n    return a, b, c",
    "@dec\n@dec2(1)\ndef f():\n    pass",
    "lambda: 0\nf = lambda x, y=2, *a, **k: x + y",
    "class A:\n    'doc'\n    x = 1\n    def m(self):\n        return self.x",
    "class B(A, metaclass=M, extra=1):\n    pass",
    "class C(*bases, **kw):\n    pass",
    "@deco\nclass D:\n    pass",
    "class E(A):\n    def __init__(self):\n        super().__init__()\n    def g(self):\n        return __class__",
    "def outer():\n    x = 1\n    def inner():\n        nonlocal x\n        x += 1\n        return x\n    return inner",
    "def outer(p):\n    def inner():\n        return p\n    return inner",
    "g = 0\ndef f():\n    global g\n    g = 1",
    "def f():\n    x = 1\n    class C:\n        y = x\n        def m(self):\n            return x\n    return C",
    "try:\n    a()\nexcept ValueError as e:\n    print(e)\nexcept (TypeError, KeyError):\n    pass\nexcept:\n    raise\nelse:\n    b()\nfinally:\n    c()",
    "try:\n    pass\nfinally:\n    pass",
    "def f():\n    try:\n        return 1\n    finally:\n        print('x')",
    "def f():\n    for i in x:\n        try:\n            if i: break\n            continue\n        finally:\n            g()\n    return 2",
    "def f():\n    for i in x:\n        try:\n            return i\n        except E as e:\n            return e\n        except F:\n            break\n",
    "def f():\n    try:\n        pass\n    finally:\n        return 3",
    "def f():\n    while 1:\n        try:\n            pass\n        finally:\n            break",
    "raise ValueError\nraise ValueError('x') from None",
    "assert x\nassert x, 'msg'",
    "with open(f) as fh:\n    data = fh.read()\nwith a, b as (c, d):\n    pass",
    "def f():\n    with a as b:\n        return b\n    for x in y:\n        with a:\n            break",
    "import os\nimport os.path\nimport a.b.c as d\nfrom x import a, b as c\nfrom . import y\nfrom ..m import z\nfrom q import *",
    "[x for x in range(3)]\n{x for x in y if x}\n{k: v for k, v in d.items()}\n(x for x in y)",
    "[(x, y) for x in a if x for y in b if y if x < y]",
    "def f(n):\n    return [i * n for i in range(n)]",
    "a if b else c",
    "a and b\na or b or c\nnot a\nx = a and (b or c)",
    "a < b < c\na == b\na is b\na is not b\na in b\na not in b\n1 < 2 < 3 < 4",
    "-a\n+a\n~a\na + b - c * d / e // f % g ** h @ i << j >> k & l | m ^ n",
    "f(1, 2, k=3)\nf(*a)\nf(**k)\nf(1, *a, 2, k=1, **kw, j=2)\no.m(1, 2)\no.m(*a)\no.m(k=1)",
    "f'{x}'\nf'a{x!r}b{y:>10}c{z:{w}.{p}}'\nf'{x=}'\nf'{x!s:^5}'\n'a' 'b'\nb'x' b'y'\nf'a' 'b' f'{c}'",
    "x = 0x10 + 0o17 + 0b101 + 1_000_000 + 123456789012345678901234567890 + 1.5 + 2j + 1e10",
    "a[1:2]\na[::2]\na[1:2, 3]\na[...]\na[:]\na[1, 2]",
    "[1, *a, 2]\n(*a, *b)\n{*a, 1}\n{**a, 'b': 1, **c}\n{'a': 1, 'b': 2}\n{}\n[]\n()",
    "if (n := 10) > 5:\n    print(n)\n[y := 1, y ** 2]",
    "def f():\n    [(z := i) for i in range(3)]\n    return z",
    "def gen():\n    x = yield 1\n    yield\n    yield from range(3)\n    return 5",
    "def f():\n    def g():\n        def h():\n            return a\n        return h\n    a = 1\n    return g",
    "class A:\n    def __f(self):\n        return self.__x\n",
    "x = (1, 2, 3)\ny = ((1, 2), 'a', None, True, ...)",
    "def f(*, a=1, b):\n    return a",
    "def f():\n    try:\n        x()\n    except E as e:\n        def g():\n            return e\n        return g",
    "def f(x):\n    def g():\n        return x\n    x = 2\n    return g",
    "print(*[1], sep='')",
    "class A:\n    x = [i for i in range(3)]\n    y = (lambda: x)",
    "for x in y:\n    pass\nelse:\n    for z in w:\n        break",
    "def f():\n    with a() as x, b() as y:\n        try:\n            return x\n        except:\n            return y",
    "def f():\n    try:\n        pass\n    except E:\n        try:\n            pass\n        finally:\n            return 1",
    "def f():\n    for x in y:\n        try:\n            pass\n        except:\n            continue",
    "x = -1\ny = 9223372036854775807\nz = 9223372036854775808\nw = 0xffffffffffffffffff",
    "if not (a and b):\n    pass\nif a or not b:\n    pass\nwhile not a or b and c:\n    break",
    "class A:\n    global g\n    g = 1\n    def m(self):\n        return g",
];

#[test]
fn compile_snippets() {
    for s in SNIPPETS {
        ok(s);
    }
}

#[test]
fn eval_and_single_modes() {
    let c = compile("1 + 2", "<eval>", Mode::Eval).unwrap();
    check_all(&c);
    assert_eq!(c.instrs.last(), Some(&Instr::ReturnValue));
    let c = compile("x = 1; x\n", "<stdin>", Mode::Single).unwrap();
    check_all(&c);
    assert!(c.instrs.contains(&Instr::PrintExpr));
    // One interactive statement only, as in CPython.
    let e = compile("x = 1\nx\n", "<stdin>", Mode::Single).unwrap_err();
    assert_eq!(
        e.msg,
        "multiple statements found while compiling a single statement"
    );
    assert_eq!((e.line, e.col), (1, 6));
}

#[test]
fn scopes() {
    let c = ok(
        "def outer(p):\n    q = 1\n    def inner():\n        return p + q + r\n    return inner",
    );
    let outer = find_code(&c, "outer").unwrap();
    assert_eq!(outer.cellvars, vec!["p", "q"]);
    assert_eq!(outer.cell2arg, vec![Some(0), None]);
    let inner = find_code(&c, "outer.<locals>.inner").unwrap();
    assert_eq!(inner.freevars, vec!["p", "q"]);
    assert!(
        inner
            .instrs
            .iter()
            .any(|i| matches!(i, Instr::LoadGlobal(_)))
    );
    assert!(
        inner
            .instrs
            .iter()
            .any(|i| matches!(i, Instr::LoadDeref(_)))
    );
}

#[test]
fn super_gets_class_cell() {
    let c = ok("class E(A):\n    def m(self):\n        super().m()\n");
    let body = find_code(&c, "E").unwrap();
    assert_eq!(body.cellvars, vec!["__class__"]);
    assert!(body.instrs.contains(&Instr::LoadClosure(0)));
    let m = find_code(&c, "E.m").unwrap();
    assert_eq!(m.freevars, vec!["__class__"]);
    let plain = ok("class F:\n    def m(self):\n        pass\n");
    assert!(find_code(&plain, "F").unwrap().cellvars.is_empty());
}

#[test]
fn class_body_shape() {
    let c = ok("class A:\n    'the doc'\n    x = 1\n");
    let body = find_code(&c, "A").unwrap();
    let d = disassemble(body);
    assert!(d.contains("LoadName(0)") && d.contains("(__name__)"), "{d}");
    assert!(
        d.contains("(__module__)") && d.contains("(__qualname__)") && d.contains("(__doc__)"),
        "{d}"
    );
    assert_eq!(body.doc.as_deref(), Some("the doc"));
}

#[test]
fn comprehension_does_not_leak() {
    let c = ok("def f():\n    return [x for x in y]\n");
    let f = find_code(&c, "f").unwrap();
    assert!(!f.varnames.contains(&"x".to_string()));
    let lc = find_code(&c, "f.<locals>.<listcomp>").unwrap();
    assert_eq!(lc.varnames[0], ".0");
    assert_eq!(lc.argcount, 1);
}

#[test]
fn generator_flag_and_doc() {
    let c = ok("def g():\n    'd'\n    yield 1\n");
    let g = find_code(&c, "g").unwrap();
    assert!(g.flags & crate::bytecode::code_flags::GENERATOR != 0);
    assert_eq!(g.doc.as_deref(), Some("d"));
    let c = ok("(x for x in y)");
    let ge = find_code(&c, "<genexpr>").unwrap();
    assert!(ge.flags & crate::bytecode::code_flags::GENERATOR != 0);
}

#[test]
fn lines_and_first_line() {
    let c = ok("x = 1\n\n@d\ndef f():\n    return (1 +\n        2)\n");
    let f = find_code(&c, "f").unwrap();
    assert_eq!(f.first_line, 4);
    assert!(f.lines.iter().all(|l| *l == 5 || *l == 6), "{:?}", f.lines);
    assert_eq!(c.lines[0], 1);
    let c = ok("f(1,\n  2)\n");
    let call = c
        .instrs
        .iter()
        .position(|i| matches!(i, Instr::CallFunction(2)))
        .unwrap();
    assert_eq!(c.lines[call], 1);
}

#[test]
fn big_ints() {
    let c = ok(
        "x = 123456789012345678901234567890\ny = 0xffffffffffffffffff\nz = 18446744073709551615",
    );
    assert!(
        c.consts
            .contains(&Const::BigInt("123456789012345678901234567890".into()))
    );
    assert!(
        c.consts
            .contains(&Const::BigInt("4722366482869645213695".into()))
    );
    assert!(
        c.consts
            .contains(&Const::BigInt("18446744073709551615".into()))
    );
    let c = ok("x = 2j");
    assert!(c.consts.contains(&Const::Complex {
        real: 0.0,
        imag: 2.0
    }));
}

#[test]
fn disassembly_is_nested() {
    let c = ok("def f():\n    return 1\n");
    let d = disassemble(&c);
    assert!(d.contains("<code f"), "{d}");
    assert!(d.contains("ReturnValue"));
}

fn assert_err(src: &str, kind: CompileErrorKind, msg: &str, line: u32) -> CompileError {
    let e = err(src);
    assert_eq!(e.kind, kind, "{src:?}: {e:?}");
    assert!(
        e.msg.contains(msg),
        "{src:?}: expected {msg:?}, got {:?}",
        e.msg
    );
    assert_eq!(e.line, line, "{src:?}: {e:?}");
    e
}

#[test]
fn errors() {
    use CompileErrorKind::*;
    let e = assert_err(
        "x = 1\nreturn 2\n",
        SyntaxError,
        "'return' outside function",
        2,
    );
    assert_eq!(e.col, 1);
    assert_eq!(e.text, "return 2");
    assert_err("break\n", SyntaxError, "'break' outside loop", 1);
    assert_err(
        "if x:\n    continue\n",
        SyntaxError,
        "'continue' not properly in loop",
        2,
    );
    assert_err("yield 1\n", SyntaxError, "'yield' outside function", 1);
    assert_err(
        "class A:\n    return 1\n",
        SyntaxError,
        "'return' outside function",
        2,
    );
    assert_err(
        "def f():\n    x = 1\n    global x\n",
        SyntaxError,
        "name 'x' is assigned to before global declaration",
        3,
    );
    assert_err(
        "nonlocal x\n",
        SyntaxError,
        "nonlocal declaration not allowed at module level",
        1,
    );
    assert_err(
        "def f():\n    nonlocal x\n",
        SyntaxError,
        "no binding for nonlocal 'x' found",
        2,
    );
    assert_err("1 = x\n", SyntaxError, "cannot assign to literal", 1);
    let e = assert_err("x = (1 +\n", SyntaxError, "'(' was never closed", 1);
    assert_eq!(e.col, 5);
    assert_err("if x\n    pass\n", SyntaxError, "expected ':'", 1);
    assert_err(
        "x = 1\n    y = 2\n",
        IndentationError,
        "unexpected indent",
        2,
    );
    assert_err(
        "if x:\npass\n",
        IndentationError,
        "expected an indented block after 'if' statement on line 1",
        2,
    );
    assert_err(
        "def f():\n    return [(yield x) for x in y]\n",
        SyntaxError,
        "'yield' inside list comprehension",
        2,
    );
    let e = assert_err("x = 1 +* 2\n", SyntaxError, "invalid syntax", 1);
    assert!(e.col >= 1);
    assert_err("x = )\n", SyntaxError, "unmatched ')'", 1);
    assert_err(
        "f() = 1\n",
        SyntaxError,
        "cannot assign to function call here",
        1,
    );
    assert_err("def f(:\n    pass\n", SyntaxError, "invalid syntax", 1);
    assert_err(
        "for x in y:\n    pass\nbreak\n",
        SyntaxError,
        "'break' outside loop",
        3,
    );
    assert_err(
        "def f():\n    def g():\n        for x in y:\n            pass\n        continue\n",
        SyntaxError,
        "'continue' not properly in loop",
        5,
    );
}

#[test]
#[ignore]
fn show() {
    let src = std::env::var("WEFT_SRC").unwrap_or_else(|_| "x = 1".into());
    println!("{}", disassemble(&ok(&src)));
}

/// Every instruction has a span; an expression's instructions carry its columns, and an
/// attribute that ends on a later line starts at its name.
#[test]
fn positions_per_instruction() {
    let src = "def f(a, b):\n    return a + b\nx = (f(1,\n      2)\n     .real)\n";
    let code = ok(src);
    let f = find_code(&code, "f").expect("f");
    let spans = f.positions.decode(&f.lines);
    assert_eq!(spans.len(), f.instrs.len());
    let add = f
        .instrs
        .iter()
        .position(|i| matches!(i, Instr::BinaryOp(_)))
        .expect("the addition");
    let p = spans[add];
    assert_eq!(
        (p.line, p.end_line, p.col, p.end_col),
        (2, 2, Some(11), Some(16))
    );
    assert_eq!(f.positions.get(&f.lines, add), Some(p));
    let spans = code.positions.decode(&code.lines);
    let attr = code
        .instrs
        .iter()
        .position(|i| matches!(i, Instr::LoadAttr(_)))
        .expect("the attribute");
    let p = spans[attr];
    assert_eq!(
        (p.line, p.end_line, p.col, p.end_col),
        (5, 5, Some(6), Some(10))
    );
    assert_eq!(code.lines[attr], 5);
}

/// The table is small beside the instructions: a run of equal spans costs a few bytes.
#[test]
fn positions_are_compact() {
    let mut src = String::new();
    for i in 0..200 {
        src.push_str(&format!(
            "def f{i}(a, b):\n    c = a[b] + b.x * (a - {i})\n    return g(c, a, b)\n"
        ));
    }
    let code = ok(&src);
    let (mut instrs, mut bytes) = (0, 0);
    for c in &code.consts {
        if let Const::Code(inner) = c {
            instrs += inner.instrs.len();
            bytes += inner.positions.len();
        }
    }
    assert!(
        bytes * 2 < instrs * 8,
        "{bytes} bytes of positions for {instrs} instructions"
    );
}

#[test]
fn segment_shapes() {
    assert_eq!(
        segment_shape("a  +  b"),
        Some(SegmentShape::BinOp {
            left_end: 1,
            right_start: 6
        })
    );
    assert_eq!(
        segment_shape("d[\"k\"][i]"),
        Some(SegmentShape::Subscript {
            value_end: 6,
            slice_end: 8
        })
    );
    assert_eq!(segment_shape("f(x)"), None);
    assert_eq!(segment_shape("a +"), None);
    assert_eq!(segment_shape("a; b + c"), None);
}

/// How big the position table of a real file is:
/// `POS_FILE=path.py cargo test --release -p weft-compiler positions_size_report -- --ignored --nocapture`
#[test]
#[ignore]
fn positions_size_report() {
    let path = std::env::var("POS_FILE").unwrap();
    let src = std::fs::read_to_string(&path).unwrap();
    let code = compile(&src, &path, Mode::Module).unwrap();
    fn walk(c: &CodeData, acc: &mut (usize, usize)) {
        acc.0 += c.instrs.len();
        acc.1 += c.positions.len();
        for k in &c.consts {
            if let Const::Code(i) = k {
                walk(i, acc);
            }
        }
    }
    let mut acc = (0, 0);
    walk(&code, &mut acc);
    println!(
        "{path}: {} instructions, {} bytes of positions",
        acc.0, acc.1
    );
}

/// `flow::verify` (what a module loaded from the on-disk cache must pass before the
/// interpreter runs it) accepts compiled code and refuses code whose control could leave
/// it: a jump past the end, or a last instruction that falls through.
#[test]
fn verify_refuses_code_that_runs_off_its_end() {
    let good = ok("def f(x):\n    while x:\n        x -= 1\n    return x\n");
    assert!(flow::verify(&good).is_ok());
    let mut bad = (*good).clone();
    let last = bad.instrs.len();
    bad.instrs[0] = Instr::Jump(last as u32);
    assert!(flow::verify(&bad).is_err());
    let mut open_end = (*good).clone();
    *open_end.instrs.last_mut().unwrap() = Instr::Nop;
    assert!(flow::verify(&open_end).is_err());
    // A nested code object is checked too.
    let mut outer = (*good).clone();
    outer.consts.push(Const::Code(Arc::new(open_end)));
    assert!(flow::verify(&outer).is_err());
}
