//! Random but valid Python programs. Each program is the body of a function that the
//! batch calls under `_run` (prelude.py); every expression is evaluated under `_t`, so one
//! exception does not hide the rest. Sizes that Python input controls come only from
//! `count()`: small or far too large (so both interpreters refuse quickly), never the
//! middle ground where CPython would spend seconds and gigabytes.

/// splitmix64: small, seedable, good enough for choosing grammar productions.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9e37_79b9_7f4a_7c15)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const INTS: &[&str] = &[
    "0", "1", "2", "3", "-1", "-2", "7", "10", "100", "255", "-128", "2**63", "-2**63", "2**64",
    "2**63-1", "10**20", "-10**30", "True", "False",
];
const FLOATS: &[&str] = &[
    "0.0",
    "-0.0",
    "1.5",
    "-2.25",
    "1e308",
    "1e-320",
    "float('inf')",
    "float('-inf')",
    "float('nan')",
    "0.1",
    "3.0",
    "2.5",
    "1e16",
    "-7.5",
];
const STRS: &[&str] = &[
    "''",
    "'a'",
    "'abc'",
    "'Hello World'",
    "'ß'",
    "'ǅx'",
    "'ΣΑΣ'",
    "' x y '",
    "'a,b,,c'",
    "'12'",
    "'-3'",
    "'1_000'",
    "'0x1f'",
    "'3.5'",
    "'\\t\\n'",
    "'é€😀'",
    "'AbC'",
    "'{}'",
    "'{0}-{1}'",
    "'%s'",
    "'%d%%'",
    "'İ'",
    "'ﬁ'",
    "'\\x00'",
    "'ab' * 3",
];
const BYTES: &[&str] = &[
    "b''",
    "b'abc'",
    "b'\\xff\\x00'",
    "bytearray(b'xy')",
    "b'a b'",
];
/// Repetition counts, widths, shifts: small, or too large for any machine.
const COUNTS: &[&str] = &[
    "0", "1", "2", "3", "-1", "5", "2**62", "2**63", "2**64", "-2**63", "10**30", "True",
];
const UNARY: &[&str] = &["-", "+", "~", "not "];
const BINOPS: &[&str] = &[
    "+", "-", "*", "/", "//", "%", "&", "|", "^", "==", "!=", "<", "<=", ">", ">=", "in", "not in",
    "and", "or",
];
const BUILTINS1: &[&str] = &[
    "len",
    "abs",
    "bool",
    "int",
    "float",
    "str",
    "repr",
    "list",
    "tuple",
    "set",
    "frozenset",
    "sorted",
    "min",
    "max",
    "sum",
    "any",
    "all",
    "ascii",
    "bin",
    "oct",
    "hex",
    "chr",
    "ord",
    "round",
    "dict",
    "reversed",
    "enumerate",
    "iter",
    "type",
    "callable",
    "bytes",
    "bytearray",
    "complex",
    "divmod",
    "isinstance",
    "format",
];
const STR_METHODS: &[&str] = &[
    "upper()",
    "lower()",
    "title()",
    "capitalize()",
    "swapcase()",
    "casefold()",
    "strip()",
    "split()",
    "split(',')",
    "rsplit(None, 1)",
    "splitlines()",
    "isdigit()",
    "isalpha()",
    "isspace()",
    "isidentifier()",
    "isnumeric()",
    "isdecimal()",
    "istitle()",
    "encode()",
    "encode('ascii')",
    "encode('latin-1', 'replace')",
    "partition('b')",
    "rpartition(' ')",
    "expandtabs(4)",
];
const STR_METHODS_ARG: &[&str] = &[
    "find",
    "rfind",
    "index",
    "count",
    "startswith",
    "endswith",
    "join",
    "strip",
    "lstrip",
    "split",
    "replace",
    "center",
    "ljust",
    "rjust",
    "zfill",
    "removeprefix",
    "removesuffix",
    "format",
    "__mod__",
    "__getitem__",
    "__contains__",
    "__mul__",
    "__add__",
];
const LIST_MUT: &[&str] = &[
    "append",
    "extend",
    "insert",
    "pop",
    "remove",
    "index",
    "count",
    "sort",
    "reverse",
    "clear",
    "copy",
    "__iadd__",
    "__imul__",
    "__setitem__",
    "__delitem__",
];
const DICT_METHODS: &[&str] = &[
    "get",
    "pop",
    "setdefault",
    "update",
    "keys",
    "values",
    "items",
    "popitem",
    "copy",
    "fromkeys",
    "__getitem__",
    "__contains__",
    "__or__",
];
const SET_METHODS: &[&str] = &[
    "union",
    "intersection",
    "difference",
    "symmetric_difference",
    "issubset",
    "issuperset",
    "isdisjoint",
    "add",
    "discard",
    "remove",
    "update",
    "__or__",
    "__and__",
    "__sub__",
    "__xor__",
];

/// One generated program: the statements of `def _pN():`, indented by 4.
pub struct Gen<'r> {
    rng: &'r mut Rng,
    out: String,
    /// Local names bound so far (usable in expressions).
    vars: Vec<String>,
    classes: Vec<String>,
    gens: Vec<String>,
}

impl<'r> Gen<'r> {
    pub fn new(rng: &'r mut Rng) -> Gen<'r> {
        Gen {
            rng,
            out: String::new(),
            vars: Vec::new(),
            classes: Vec::new(),
            gens: Vec::new(),
        }
    }

    /// The body of one program.
    pub fn program(mut self) -> String {
        let n = 3 + self.rng.below(8);
        for _ in 0..n {
            self.stmt(1);
        }
        self.out
    }

    fn line(&mut self, indent: usize, s: &str) {
        for _ in 0..indent {
            self.out.push_str("    ");
        }
        self.out.push_str(s);
        self.out.push('\n');
    }

    fn stmt(&mut self, ind: usize) {
        match self.rng.below(14) {
            0..=4 => {
                let e = self.expr(3);
                self.line(ind, &format!("_t(lambda: {e})"));
            }
            5 | 6 => {
                let name = format!("v{}", self.vars.len());
                let e = self.expr(2);
                self.line(ind, "try:");
                self.line(ind + 1, &format!("{name} = {e}"));
                self.line(ind, "except Exception as e:");
                self.line(ind + 1, &format!("{name} = None; print('E', _exc(e))"));
                self.vars.push(name);
            }
            7 => self.mutate(ind),
            8 if ind < 3 => self.class_def(ind),
            9 if ind < 3 => self.gen_def(ind),
            10 if ind < 3 => {
                let it = self.iterable(2);
                self.line(ind, "try:");
                self.line(ind + 1, &format!("for w in {it}:"));
                let e = self.expr_with(2, "w");
                self.line(ind + 2, &format!("print(_show({e}))"));
                self.line(ind, "except Exception as e:");
                self.line(ind + 1, "print('E', _exc(e))");
            }
            11 => {
                let e = self.expr(2);
                let exc = self.rng.pick(&[
                    "ValueError('bad')",
                    "KeyError(3)",
                    "TypeError",
                    "ZeroDivisionError()",
                    "StopIteration(5)",
                    "IndexError('a', 'b')",
                    "RuntimeError()",
                    "ArithmeticError('x')",
                    "LookupError",
                ]);
                let catch = self.rng.pick(&[
                    "Exception",
                    "ValueError",
                    "LookupError",
                    "(TypeError, KeyError)",
                    "ArithmeticError",
                    "BaseException",
                ]);
                self.line(ind, "try:");
                self.line(ind + 1, &format!("print(_show({e}))"));
                self.line(ind + 1, &format!("raise {exc}"));
                self.line(ind, &format!("except {catch} as e:"));
                self.line(ind + 1, "print('caught', _exc(e), _show(e.args))");
                self.line(ind, "finally:");
                self.line(ind + 1, "print('finally')");
            }
            12 => {
                let e = self.comprehension(2);
                self.line(ind, &format!("_t(lambda: {e})"));
            }
            _ => {
                let e = self.expr(2);
                let x = self.expr(1);
                self.line(ind, &format!("_t(lambda: {x} if {e} else {e})"));
            }
        }
    }

    /// Mutating method calls on a fresh container.
    fn mutate(&mut self, ind: usize) {
        let name = format!("v{}", self.vars.len());
        match self.rng.below(3) {
            0 => {
                let l = self.list_lit(2);
                let m = self.rng.pick(LIST_MUT);
                let args = self.args(m);
                self.line(ind, &format!("{name} = {l}"));
                self.line(ind, &format!("_t(lambda: {name}.{m}({args}))"));
            }
            1 => {
                let d = self.dict_lit(2);
                let m = self.rng.pick(DICT_METHODS);
                let args = self.args(m);
                self.line(ind, &format!("{name} = {d}"));
                self.line(ind, &format!("_t(lambda: {name}.{m}({args}))"));
            }
            _ => {
                let s = self.set_lit(2);
                let m = self.rng.pick(SET_METHODS);
                let args = self.args(m);
                self.line(ind, &format!("{name} = {s}"));
                self.line(ind, &format!("_t(lambda: {name}.{m}({args}))"));
            }
        }
        self.line(ind, &format!("print(_show({name}))"));
        self.vars.push(name);
    }

    /// Arguments for a method: mostly one or two values, sometimes none or a count.
    fn args(&mut self, method: &str) -> String {
        match self.rng.below(6) {
            0 => String::new(),
            1 => self.count(),
            2 | 3 => self.expr(1),
            4 if method == "sort" => self
                .rng
                .pick(&["key=str", "reverse=True", "key=len", "key=lambda x: -x"])
                .into(),
            _ => format!("{}, {}", self.expr(1), self.count()),
        }
    }

    fn class_def(&mut self, ind: usize) {
        let name = format!("C{}", self.classes.len());
        let base = self.rng.pick(&[
            "",
            "(int)",
            "(str)",
            "(list)",
            "(dict)",
            "(Exception)",
            "(tuple)",
        ]);
        self.line(ind, &format!("class {name}{base}:"));
        let n = 1 + self.rng.below(4);
        for _ in 0..n {
            let (dunder, params) = match self.rng.below(14) {
                0 => ("__eq__", "self, o"),
                1 => ("__lt__", "self, o"),
                2 => ("__hash__", "self"),
                3 => ("__repr__", "self"),
                4 => ("__len__", "self"),
                5 => ("__iter__", "self"),
                6 => ("__getitem__", "self, i"),
                7 => ("__add__", "self, o"),
                8 => ("__radd__", "self, o"),
                9 => ("__bool__", "self"),
                10 => ("__index__", "self"),
                11 => ("__contains__", "self, o"),
                12 => ("__str__", "self"),
                _ => ("__int__", "self"),
            };
            let body = match dunder {
                "__iter__" => self
                    .rng
                    .pick(&["iter([1, 2])", "iter(())", "5", "(x for x in 'ab')"])
                    .to_string(),
                "__repr__" | "__str__" => self
                    .rng
                    .pick(&["'R'", "5", "'<%d>' % 3", "str(type(self).__name__)"])
                    .to_string(),
                "__getitem__" => format!(
                    "{}[i]",
                    self.rng.pick(&["'abc'", "[1, 2]", "range(3)", "{0: 'z'}"])
                ),
                _ => self.expr(1),
            };
            self.line(ind + 1, &format!("def {dunder}({params}):"));
            self.line(ind + 2, &format!("return {body}"));
        }
        self.classes.push(name);
    }

    fn gen_def(&mut self, ind: usize) {
        let name = format!("g{}", self.gens.len());
        self.line(ind, &format!("def {name}(n):"));
        match self.rng.below(3) {
            0 => {
                let it = self.iterable(1);
                self.line(ind + 1, &format!("for x in {it}:"));
                let e = self.expr_with(1, "x");
                self.line(ind + 2, &format!("y = yield {e}"));
                self.line(ind + 2, "if y is not None: yield ('sent', y)");
                self.line(ind + 1, "return n");
            }
            1 => {
                let it = self.iterable(1);
                self.line(ind + 1, &format!("yield from {it}"));
                self.line(ind + 1, "try:");
                self.line(ind + 2, "yield n");
                self.line(ind + 1, "except ValueError as e:");
                self.line(ind + 2, "yield 'got ' + str(e)");
            }
            _ => {
                let e = self.expr(1);
                self.line(ind + 1, "while n > 0:");
                self.line(ind + 2, &format!("yield n, {e}"));
                self.line(ind + 2, "n -= 1");
            }
        }
        let use_ = match self.rng.below(5) {
            0 => format!("list({name}(3))"),
            1 => format!("[x for x in {name}(2)]"),
            2 => format!("(lambda g: (next(g), g.send(7), list(g)))({name}(2))"),
            3 => format!("(lambda g: (next(g), g.throw(ValueError('v'))))({name}(1))"),
            _ => format!("sum(1 for _ in {name}({}))", self.count_small()),
        };
        self.line(ind, &format!("_t(lambda: {use_})"));
        self.gens.push(name);
    }

    fn count(&mut self) -> String {
        self.rng.pick(COUNTS).to_string()
    }

    fn count_small(&mut self) -> String {
        self.rng.pick(&["0", "1", "2", "3", "-1"]).to_string()
    }

    fn list_lit(&mut self, d: usize) -> String {
        let n = self.rng.below(4);
        let items: Vec<String> = (0..n).map(|_| self.expr(d.saturating_sub(1))).collect();
        format!("[{}]", items.join(", "))
    }

    fn dict_lit(&mut self, d: usize) -> String {
        let n = self.rng.below(4);
        let items: Vec<String> = (0..n)
            .map(|_| format!("{}: {}", self.key(), self.expr(d.saturating_sub(1))))
            .collect();
        format!("{{{}}}", items.join(", "))
    }

    fn set_lit(&mut self, _d: usize) -> String {
        let n = self.rng.below(4);
        if n == 0 {
            return "set()".into();
        }
        let items: Vec<String> = (0..n).map(|_| self.key()).collect();
        format!("{{{}}}", items.join(", "))
    }

    /// A hashable value.
    fn key(&mut self) -> String {
        match self.rng.below(5) {
            0 | 1 => self.rng.pick(INTS).into(),
            2 => self.rng.pick(STRS).into(),
            3 => self.rng.pick(FLOATS).into(),
            _ => format!("({}, {})", self.rng.pick(INTS), self.rng.pick(STRS)),
        }
    }

    /// Something to iterate over, of bounded length.
    fn iterable(&mut self, d: usize) -> String {
        match self.rng.below(7) {
            0 => self.list_lit(d),
            1 => self.rng.pick(STRS).into(),
            2 => format!(
                "range({}, {}, {})",
                self.count_small(),
                self.rng.pick(&["4", "-3", "7"]),
                self.rng.pick(&["1", "2", "-1", "3"])
            ),
            3 => self.dict_lit(d),
            4 => self.set_lit(d),
            5 => format!("({},)", self.expr(d.saturating_sub(1))),
            _ => self.rng.pick(BYTES).into(),
        }
    }

    fn comprehension(&mut self, d: usize) -> String {
        let it = self.iterable(d);
        let e = self.expr_with(d, "z");
        let cond = if self.rng.chance(40) {
            format!(" if {}", self.expr_with(1, "z"))
        } else {
            String::new()
        };
        match self.rng.below(5) {
            0 => format!("[{e} for z in {it}{cond}]"),
            1 => format!("{{{e} for z in {it}{cond}}}"),
            2 => format!("{{z: {e} for z in {it}{cond}}}"),
            3 => format!("sum({e} for z in {it}{cond})"),
            _ => format!("[(z, q) for z in {it} for q in {}]", self.iterable(1)),
        }
    }

    /// An expression that may use the name `v` (a loop variable).
    fn expr_with(&mut self, d: usize, v: &str) -> String {
        self.vars.push(v.to_string());
        let e = self.expr(d);
        self.vars.pop();
        e
    }

    fn atom(&mut self) -> String {
        match self.rng.below(12) {
            0 | 1 => self.rng.pick(INTS).into(),
            2 => self.rng.pick(FLOATS).into(),
            3 | 4 => self.rng.pick(STRS).into(),
            5 => self.rng.pick(BYTES).into(),
            6 => self
                .rng
                .pick(&[
                    "None", "True", "()", "[]", "{}", "set()", "...", "1j", "(2+3j)",
                ])
                .into(),
            7 if !self.vars.is_empty() => {
                let i = self.rng.below(self.vars.len());
                self.vars[i].clone()
            }
            8 if !self.classes.is_empty() => {
                let i = self.rng.below(self.classes.len());
                let c = self.classes[i].clone();
                let arg = self.rng.pick(&["", "3", "'s'", "[1, 2]"]);
                format!("{c}({arg})")
            }
            9 => format!(
                "range({}, {})",
                self.count_small(),
                self.rng.pick(&["5", "-2", "0", "12"])
            ),
            10 => format!("slice({}, {})", self.count_small(), self.rng.pick(INTS)),
            _ => self.rng.pick(INTS).into(),
        }
    }

    fn expr(&mut self, d: usize) -> String {
        if d == 0 {
            return self.atom();
        }
        match self.rng.below(20) {
            0..=3 => self.atom(),
            4..=6 => {
                let op = self.rng.pick(BINOPS);
                let (a, b) = (self.expr(d - 1), self.expr(d - 1));
                format!("({a} {op} {b})")
            }
            7 => {
                // Repetition and shifts only by a count.
                let op = self.rng.pick(&["*", "<<", ">>", "**"]);
                let a = self.expr(d - 1);
                let b = if op == "**" {
                    self.rng.pick(&["0", "2", "3", "-1", "0.5"]).to_string()
                } else {
                    self.count()
                };
                format!("({a} {op} {b})")
            }
            8 => {
                let op = self.rng.pick(UNARY);
                format!("({op}{})", self.expr(d - 1))
            }
            9 | 10 => {
                let f = self.rng.pick(BUILTINS1);
                let a = self.call_args(f, d - 1);
                format!("{f}({a})")
            }
            11 | 12 => {
                let s = if self.rng.chance(70) {
                    self.rng.pick(STRS).to_string()
                } else {
                    self.expr(d - 1)
                };
                if self.rng.chance(40) {
                    let m = self.rng.pick(STR_METHODS);
                    format!("({s}).{m}")
                } else {
                    let m = self.rng.pick(STR_METHODS_ARG);
                    let a = if matches!(m, "center" | "ljust" | "rjust" | "zfill" | "__mul__") {
                        self.count()
                    } else {
                        self.expr(d - 1)
                    };
                    format!("({s}).{m}({a})")
                }
            }
            13 => {
                let x = self.expr(d - 1);
                match self.rng.below(4) {
                    0 => format!("({x})[{}]", self.rng.pick(INTS)),
                    1 => format!("({x})[{}:{}]", self.count_small(), self.rng.pick(INTS)),
                    2 => format!("({x})[::{}]", self.rng.pick(&["-1", "2", "0", "-2", "3"])),
                    _ => format!(
                        "({x})[{}:{}:{}]",
                        self.rng.pick(INTS),
                        self.rng.pick(INTS),
                        self.rng.pick(&["1", "-1", "2", "2**63", "-2**64"])
                    ),
                }
            }
            14 if self.rng.chance(30) => {
                let r = format!(
                    "range({}, {}, {})",
                    self.rng.pick(INTS),
                    self.rng.pick(INTS),
                    self.rng.pick(&["1", "-1", "3", "2**64", "-7"])
                );
                match self.rng.below(5) {
                    0 => format!("len({r})"),
                    1 => format!("{r}[{}]", self.rng.pick(INTS)),
                    2 => format!(
                        "repr({r}[{}:{}:{}])",
                        self.rng.pick(INTS),
                        self.rng.pick(INTS),
                        self.rng.pick(&["2", "-1", "2**63"])
                    ),
                    3 => format!("({} in {r})", self.rng.pick(INTS)),
                    _ => format!("{r}.index({})", self.rng.pick(INTS)),
                }
            }
            14 => self.comprehension(d - 1),
            15 => self.list_lit(d),
            16 => self.dict_lit(d),
            17 => format!("({},)", self.expr(d - 1)),
            18 => {
                let x = self.expr(d - 1);
                let f = self.rng.pick(&[
                    "sorted({x}, key=repr)",
                    "min({x}, default=0)",
                    "max({x}, key=str)",
                    "list(zip({x}, 'ab'))",
                    "list(zip({x}, [1], strict=True))",
                    "list(map(str, {x}))",
                    "list(filter(None, {x}))",
                    "list(enumerate({x}, 2**63-1))",
                    "dict.fromkeys({x})",
                    "sum({x}, [])",
                    "sum({x}, 0.5)",
                    "divmod({x}, 3)",
                    "pow({x}, 2, 7)",
                    "round({x}, 2)",
                    "round({x}, -1)",
                    "int({x}, 16)",
                    "format({x}, '>8')",
                    "format({x}, '.3f')",
                    "format({x}, 'x')",
                    "'%r|%s' % ({x}, 1)",
                    "({x}).__class__.__name__",
                    "isinstance({x}, (int, (str, list)))",
                    "len(str({x}))",
                    "list(reversed({x}))",
                    "bytes({x})",
                    "str({x}, 'utf-8')",
                    "({x}).to_bytes(4, 'little')",
                    "({x}).bit_length()",
                    "({x}).as_integer_ratio()",
                    "({x}).is_integer()",
                    "({x}).hex()",
                    "float.fromhex({x})",
                    "int.from_bytes({x}, 'big')",
                    "({x}).conjugate()",
                    "complex({x}, 1)",
                    "hash({x}) == hash({x})",
                ]);
                f.replace("{x}", &x)
            }
            _ => {
                let c = self.expr(d - 1);
                let (a, b) = (self.expr(d - 1), self.expr(d - 1));
                format!("({a} if {c} else {b})")
            }
        }
    }

    fn call_args(&mut self, f: &str, d: usize) -> String {
        match f {
            "chr" if self.rng.chance(50) => self
                .rng
                .pick(&["0xd800", "0x10ffff", "0x110000", "-1", "65", "0xdfff"])
                .into(),
            // round(1, -2**63) would compute 10**(2**63) in CPython.
            "round" => format!("{}, {}", self.expr(d), self.count_small()),
            "divmod" | "isinstance" | "format" => {
                format!("{}, {}", self.expr(d), self.atom_or_type())
            }
            "int" if self.rng.chance(30) => format!(
                "{}, {}",
                self.rng.pick(STRS),
                self.rng.pick(&["0", "2", "16", "36", "37", "1"])
            ),
            _ => match self.rng.below(8) {
                0 => String::new(),
                1 => format!("{}, {}", self.expr(d), self.expr(d)),
                _ => self.expr(d),
            },
        }
    }

    fn atom_or_type(&mut self) -> String {
        if self.rng.chance(50) {
            self.rng
                .pick(&[
                    "int",
                    "str",
                    "(int, float)",
                    "list",
                    "object",
                    "2",
                    "'x'",
                    "''",
                    "'>5'",
                    "-1",
                ])
                .into()
        } else {
            self.atom()
        }
    }
}
