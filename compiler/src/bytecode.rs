//! weft's bytecode: the contract between the compiler and the interpreter loop.
//!
//! A stack machine close to CPython 3.10's, with a block stack for exception handling.
//! Every instruction is one 8-byte `Instr` (an opcode with at most one `u32` argument),
//! so a code object is a flat `Vec<Instr>` and jumps are instruction indices.
//!
//! Stack effects are written `[before] -> [after]`, top of stack rightmost.
//!
//! ## Exception handling (block stack)
//! - `SetupFinally(h)` pushes a block {handler: h, level: current stack depth}.
//! - `PopBlock` pops it (normal exit from the protected region).
//! - When an exception is raised, the interpreter pops blocks until it finds a
//!   `SetupFinally` block. (An `ExceptHandler` block found on the way is popped and
//!   restores the "currently handled exception" it saved, and the stack is cut to its
//!   level.) It cuts the value stack to the block's level, pushes an `ExceptHandler`
//!   block {level} that remembers the previously handled exception, makes the new
//!   exception the handled one (for `sys.exc_info`, bare `raise`, implicit `__context__`),
//!   pushes the exception object and jumps to the handler. So a handler starts with
//!   `[exc]` on the stack.
//! - `PopExcept` pops the `ExceptHandler` block and restores the previously handled
//!   exception. Handler code pops the exc itself (PopTop) before `PopExcept`.
//! - `Reraise`: `[exc] -> raise exc` (keeps its traceback).
//!
//! `try/except E as e: body` compiles (roughly) to:
//! ```text
//!     SetupFinally(H); <try body>; PopBlock; <else body>; Jump(END)
//! H:  DupTop; <load E>; JumpIfNotExcMatch(NEXT); StoreFast e (or PopTop);
//!     SetupFinally(CLEANUP) <handler body>; PopBlock; PopExcept; <e = None; del e>; Jump(END)
//! CLEANUP: <e = None; del e>; Reraise
//! NEXT: ...more clauses...; Reraise
//! END:
//! ```
//! `try/finally` compiles the finally body twice: once on the normal path after
//! `PopBlock`, once in the handler followed by `Reraise` (`PopExcept` is not needed
//! because `Reraise` unwinds the ExceptHandler block). `return`/`break`/`continue` inside
//! try/finally or with-blocks emit `PopBlock` + a copy of the finally body (or the
//! with-exit call) before jumping, and `PopExcept` when leaving an except handler, like
//! CPython's compiler does with its fblock stack. Leaving a `for` loop by `break`/`return`
//! pops the iterator (`PopTop`) first; a `return` keeps its value above everything
//! it must pop (use `RotTwo` then `PopTop`, or compute the value last).
//!
//! ## with
//! ```text
//!     <mgr>; BeforeWith; (StoreX target | PopTop); SetupFinally(H); <body>; PopBlock;
//!     LoadConst None; DupTop; DupTop; CallFunction(3); PopTop   // calls exit(None,None,None)
//!     Jump(END)
//! H:  WithExceptStart; PopJumpIfTrue(SUPPRESS); Reraise
//! SUPPRESS: PopTop (the exc); PopExcept; PopTop (the exit); Jump(END)
//! END:
//! ```
//! `BeforeWith`: `[mgr] -> [exit, enter_result]` where exit is the bound `__exit__`.
//! Before calling exit on the normal path the stack is `[exit]`, so the sequence
//! `LoadConst None; DupTop; DupTop; CallFunction(3)` calls `exit(None, None, None)`.
//! `WithExceptStart`: `[exit, exc] -> [exit, exc, result_is_true_as_bool]`: calls
//! `exit(type(exc), exc, exc.__traceback__)` and pushes the truth of its result.
//!
//! ## Calls
//! - `CallFunction(n)`: `[f, a1..an] -> [result]`.
//! - `CallFunctionKw(n)`: `[f, a1..an, names]` where `names` is a tuple constant of the
//!   keyword names of the last `len(names)` arguments; n counts all arguments.
//! - `CallFunctionEx(flags)`: `[f, args_tuple, (kwargs_dict if flags & 1)] -> [result]`.
//! - `LoadMethod(name)`: `[obj] -> [meth, obj]` or `[NULL, bound_or_attr]`;
//!   `CallMethod(n)`: `[meth_or_NULL, self_or_callable, a1..an] -> [result]`. Used only
//!   for calls with positional arguments and no starred arguments.
//!
//! ## Functions and classes
//! - `MakeFunction(flags)`: `[defaults_tuple if flags&1, kwdefaults_dict if flags&2,
//!   annotations (ignored) if flags&4, closure_tuple if flags&8, code, qualname] -> [fn]`.
//!   (in that order from bottom to top). The closure tuple holds cells made by
//!   `LoadClosure`.
//! - Classes: `LoadBuildClass; <MakeFunction body>; LoadConst name; <bases...>;
//!   CallFunction(2+nbases)` (or CallFunctionKw for `metaclass=`/keywords), then store.
//!   The class body code runs with a fresh namespace dict as its locals (LoadName/
//!   StoreName), and ends with `LoadClosure(__class__ cell); ReturnValue` if the class
//!   body has a `__class__` cell (because a method uses `super()` or `__class__`), else
//!   `LoadConst None; ReturnValue`. `__build_class__` fills that cell with the new class.
//!
//! ## Scopes
//! - `LoadFast/StoreFast/DeleteFast(i)`: local slot i (function scopes only; `varnames`).
//! - `LoadDeref/StoreDeref/DeleteDeref/LoadClosure(i)`: cell i, where cells are
//!   `cellvars ++ freevars` (indices into that concatenation).
//! - `LoadClassDeref(i)`: in a class body, look the name up in the namespace first, then cell i.
//! - `LoadLocals` / `LoadFromDictOrGlobals(i)`: a class body whose annotation or type
//!   parameter scopes name globals keeps its namespace in a `__classdict__` cell; there
//!   a global name is looked up in that namespace first (`LoadDeref; LoadFromDictOrGlobals`).
//! - `LoadName/StoreName/DeleteName(i)`: module and class bodies (locals dict, then
//!   globals, then builtins); `LoadGlobal/StoreGlobal/DeleteGlobal(i)`: globals then builtins.
//!   The argument is an index into `names`.
//!
//! ## async
//! `await e` is `<e>; GetAwaitable(0); LoadConst None; YieldFrom`. Coroutine and async
//! generator code objects also have the GENERATOR flag (calling them makes the
//! suspended object), with COROUTINE or ASYNC_GENERATOR telling which type.
//! `async with` is `with` where `BeforeAsyncWith`/`AsyncWithExceptStart` replace
//! `BeforeWith`/`WithExceptStart`, each result (and the normal-path `__aexit__` result)
//! being awaited. `async for`:
//! ```text
//!     <iterable>; GetAiter
//! L:  SetupFinally(H); GetAnext; LoadConst None; YieldFrom; PopBlock; <store>; <body>; Jump(L)
//! H:  EndAsyncFor; <else body>
//! ```
//! In an async generator `yield v` is `<v>; AsyncGenWrap; YieldValue`.
//!
//! Comprehensions and generator expressions compile to nested functions (CPython 3.11
//! style): the function takes the outermost iterator as its single argument `.0`.
//! `[x for x in it]` → `MakeFunction; <it>; GetIter; CallFunction(1)`.

/// A compiled instruction. `u32` arguments are indices into the code object's tables
/// or instruction indices (jump targets).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Instr {
    Nop,
    // ---- stack manipulation
    /// `[a] -> []`
    PopTop,
    /// `[a, b] -> [b, a]`
    RotTwo,
    /// `[a, b, c] -> [c, a, b]`
    RotThree,
    /// `[a, b, c, d] -> [d, a, b, c]`
    RotFour,
    /// `[a] -> [a, a]`
    DupTop,
    /// `[a, b] -> [a, b, a, b]`
    DupTopTwo,

    // ---- constants and names
    /// `[] -> [consts[i]]`
    LoadConst(u32),
    LoadFast(u32),
    StoreFast(u32),
    DeleteFast(u32),
    LoadName(u32),
    StoreName(u32),
    DeleteName(u32),
    LoadGlobal(u32),
    StoreGlobal(u32),
    DeleteGlobal(u32),
    LoadDeref(u32),
    StoreDeref(u32),
    DeleteDeref(u32),
    /// `[] -> [cell i itself]` (for building closures)
    LoadClosure(u32),
    LoadClassDeref(u32),
    /// `[] -> [the namespace of a module or class body]` (a class's namespace, for the
    /// annotation and type-parameter scopes inside it: its `__classdict__` cell).
    LoadLocals,
    /// `[mapping] -> [mapping[names[i]]]`, else the global or builtin `names[i]`: a
    /// name in an annotation or type-parameter scope inside a class body.
    LoadFromDictOrGlobals(u32),

    // ---- attributes and items
    /// `[obj] -> [obj.names[i]]`
    LoadAttr(u32),
    /// `[value, obj] -> []` does `obj.name = value`
    StoreAttr(u32),
    /// `[obj] -> []`
    DeleteAttr(u32),
    LoadMethod(u32),
    CallMethod(u32),
    /// `[container, key] -> [container[key]]`
    BinarySubscr,
    /// `[value, container, key] -> []`
    StoreSubscr,
    /// `[container, key] -> []`
    DeleteSubscr,

    // ---- operators
    /// `[a, b] -> [a op b]`
    BinaryOp(BinOp),
    /// `[a, b] -> [a op= b]` (tries `__iop__` first)
    InplaceOp(BinOp),
    /// `[a] -> [op a]`
    UnaryOp(UnaryOp),
    /// `[a, b] -> [a cmp b]`
    CompareOp(CmpOp),
    /// `[a, b] -> [a is b]` (`is not` when the flag is true)
    IsOp(bool),
    /// `[a, b] -> [a in b]` (`not in` when the flag is true)
    ContainsOp(bool),

    // ---- building
    /// `[a1..an] -> [(a1..an)]`
    BuildTuple(u32),
    BuildList(u32),
    BuildSet(u32),
    /// `[k1, v1, .. kn, vn] -> [{k1: v1, ..}]`
    BuildMap(u32),
    /// `[v1..vn, keys_tuple] -> [dict]`
    BuildConstKeyMap(u32),
    /// `[s1..sn] -> [s1 + .. + sn]` (all str)
    BuildString(u32),
    /// `[start, stop] -> [slice]` (n = 2) or `[start, stop, step] -> [slice]` (n = 3)
    BuildSlice(u32),
    /// `[list, ...(n-1 items)..., v] -> [list, ...]` appends v to the list n deep
    /// (n = 1: the list is directly under v). Used by comprehensions and literals.
    ListAppend(u32),
    SetAdd(u32),
    /// `[dict, ..., k, v] -> [dict, ...]` dict[k] = v, dict is n deep below (k, v).
    MapAdd(u32),
    /// `[list, ..., iterable] -> [list, ...]` list.extend(iterable)
    ListExtend(u32),
    /// `[callee, list, iterable] -> [callee, list]`: ListExtend(1) for `f(*x)` with no
    /// other positional argument, whose error names the callee as CPython's does.
    CallStarExtend,
    SetUpdate(u32),
    /// `[dict, ..., mapping] -> [dict, ...]` dict.update(mapping)
    DictUpdate(u32),
    /// Like DictUpdate but raises TypeError on duplicate keys (for `f(**a, **b)`).
    DictMerge(u32),
    /// `[list] -> [tuple(list)]`
    ListToTuple,
    /// `[seq] -> [xn .. x1]` (x1 on top) raises ValueError with CPython's messages.
    UnpackSequence(u32),
    /// `a, *b, c = seq`: arg = before | (after << 8); pushes `after` items, the list,
    /// then `before` items so that the first target is on top.
    UnpackEx(u32),
    /// `[value, (spec if flags & 4)] -> [formatted str]`;
    /// flags & 3: 0 = none, 1 = str(), 2 = repr(), 3 = ascii() applied first.
    FormatValue(u32),

    // ---- jumps (arguments are instruction indices)
    Jump(u32),
    /// `[cond] -> []`
    PopJumpIfFalse(u32),
    PopJumpIfTrue(u32),
    /// if TOS is false: jump, keep it; else pop it.
    JumpIfFalseOrPop(u32),
    JumpIfTrueOrPop(u32),
    /// `[exc, cls] -> [exc]` jumps if exc does not match cls (a class or tuple of classes;
    /// TypeError if cls is not an exception class).
    JumpIfNotExcMatch(u32),
    /// One `except* T` clause (see `compiler/src/codegen/try_star.rs`):
    /// `[rest, T] -> [rest', caught]`, the caught part becoming the handled exception;
    /// or `[rest, T] -> [rest]` and jump when nothing matches.
    CheckEgMatch(u32),
    /// `[orig, raised_list] -> [exc or None]`: what a `try`/`except*` raises at its end.
    PrepReraiseStar,

    // ---- iteration
    /// `[obj] -> [iter(obj)]`
    GetIter,
    /// `[it] -> [it, next(it)]`, or on exhaustion `[it] -> []` and jump.
    ForIter(u32),

    // ---- calls and functions
    CallFunction(u32),
    CallFunctionKw(u32),
    CallFunctionEx(u32),
    MakeFunction(u32),
    /// `[v] -> return v`
    ReturnValue,
    /// `[] -> [builtins.__build_class__]`
    LoadBuildClass,

    // ---- exceptions
    SetupFinally(u32),
    PopBlock,
    PopExcept,
    Reraise,
    /// n = 0: re-raise the handled exception (RuntimeError "No active exception to
    /// reraise" if none); n = 1: `[exc] -> raise exc`; n = 2: `[exc, cause] -> raise exc from cause`.
    RaiseVarargs(u32),
    /// `[] -> [AssertionError]`
    LoadAssertionError,
    BeforeWith,
    WithExceptStart,

    // ---- imports
    /// `[level, fromlist] -> [module]`; `names[i]` is the dotted module name.
    ImportName(u32),
    /// `[module] -> [module, module.names[i]]` (ImportError "cannot import name ...")
    ImportFrom(u32),
    /// `[module] -> []` binds all public names in the current namespace.
    ImportStar,

    // ---- generators
    /// `[v] -> [sent]` suspends the generator yielding v.
    YieldValue,
    /// `[iterable] -> [iter]` (generators and coroutines as they are)
    GetYieldFromIter,
    /// `[iter, sent] -> [result]` delegates until the sub-iterator is exhausted.
    YieldFrom,
    /// `[v] -> []` prints repr(v) via sys.displayhook (interactive mode only).
    PrintExpr,

    // ---- coroutines (see the "async" section above)
    /// `[obj] -> [awaitable iterator]` for `await` (0), the result of `__aenter__` (1)
    /// or of `__aexit__` (2); the argument picks CPython's TypeError message.
    GetAwaitable(u32),
    /// `[obj] -> [obj.__aiter__()]`
    GetAiter,
    /// `[aiter] -> [aiter, awaitable of aiter.__anext__()]`
    GetAnext,
    /// `[aiter, exc] -> []` ends an `async for` on StopAsyncIteration (leaving the
    /// handler like `PopExcept`), else re-raises exc.
    EndAsyncFor,
    /// `[mgr] -> [aexit, aenter_result]` (`aenter_result` still to be awaited)
    BeforeAsyncWith,
    /// `[aexit, exc] -> [aexit, exc, aexit(type, exc, tb)]` (the result still to be awaited)
    AsyncWithExceptStart,
    /// `[v] -> [wrapped v]`: a value an async generator yields to its consumer, told
    /// apart from what its awaits yield to the event loop.
    AsyncGenWrap,

    // ---- match statements (see compiler/src/codegen/pattern.rs)
    /// `[obj] -> [obj, len(obj)]`
    GetLen,
    /// `[subj] -> [subj, bool]`: may a sequence pattern match it (list, tuple, range,
    /// array, memoryview, deque, a registered `collections.abc.Sequence`; not str,
    /// bytes, bytearray)?
    MatchSequence,
    /// `[subj] -> [subj, bool]`: may a mapping pattern match it (dict, a registered
    /// `collections.abc.Mapping`)?
    MatchMapping,
    /// `[subj, keys] -> [subj, keys, values]`: the values of the keys (a tuple), or None
    /// if one is missing; ValueError on a repeated key.
    MatchKeys,
    /// `[subj, keys] -> [subj, rest]`: a new dict of the subject's items but `keys`.
    CopyDictWithoutKeys,
    /// `[subj, cls, names] -> [attrs]`: if subj is an instance of cls, the tuple of its
    /// n positional sub-pattern attributes (by `__match_args__`, or the subject itself
    /// for the built-in types that match by self) then the attributes `names`; None if
    /// it is not an instance or an attribute is missing.
    MatchClass(u32),

    // ---- template strings (PEP 750)
    /// `[value, expression, conversion, format_spec] -> [Interpolation]`
    BuildInterpolation,
    /// `[s1|i1 .. sn|in] -> [Template(*items)]` (strs and Interpolations in order)
    BuildTemplate(u32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    MatMul,
    TrueDiv,
    FloorDiv,
    Mod,
    Pow,
    LShift,
    RShift,
    And,
    Or,
    Xor,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum UnaryOp {
    Neg,
    Pos,
    Not,
    Invert,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum CmpOp {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
}

/// A constant as the compiler produces it; the vm turns these into heap values when
/// it loads the code object.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Const {
    None,
    True,
    False,
    Ellipsis,
    /// Fits in i64.
    Int(i64),
    /// Decimal digits (with optional leading '-') of an integer that does not fit in i64.
    BigInt(String),
    Float(f64),
    Complex {
        real: f64,
        imag: f64,
    },
    Str(String),
    /// A str holding lone surrogates (`'\ud800'`), in generalized UTF-8: each code point
    /// encoded the UTF-8 way, a surrogate as 3 bytes ED A0..BF 80..BF.
    StrSurrogates(Vec<u8>),
    Bytes(Vec<u8>),
    Tuple(Vec<Const>),
    Code(std::sync::Arc<CodeData>),
    /// A frozenset of constants: only from an AST given to `compile()` (CPython's
    /// optimizer makes them; weft's compiler does not).
    FrozenSet(Vec<Const>),
}

/// Flags of a code object.
pub mod code_flags {
    pub const VARARGS: u32 = 0x04;
    pub const VARKEYWORDS: u32 = 0x08;
    pub const NESTED: u32 = 0x10;
    pub const GENERATOR: u32 = 0x20;
    /// `async def` without `yield` (GENERATOR is set too).
    pub const COROUTINE: u32 = 0x80;
    /// A generator function made awaitable by `types.coroutine`.
    pub const ITERABLE_COROUTINE: u32 = 0x100;
    /// `async def` with `yield` (GENERATOR is set too).
    pub const ASYNC_GENERATOR: u32 = 0x200;
    /// Code of a class body: locals are a namespace dict.
    pub const CLASS_BODY: u32 = 0x1000;
    /// Module-level code: locals are the globals dict.
    pub const MODULE: u32 = 0x2000;
}

/// A compiled code object, immutable, shareable between threads.
#[derive(Clone, Debug, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct CodeData {
    pub name: String,
    pub qualname: String,
    pub filename: String,
    pub first_line: u32,
    pub instrs: Vec<Instr>,
    /// Source line of each instruction (same length as `instrs`).
    pub lines: Vec<u32>,
    /// The rest of each instruction's source span (end line, columns), compactly; read
    /// only to draw a traceback's markers or for `co_positions()`.
    pub positions: Positions,
    pub consts: Vec<Const>,
    /// Global/attribute/import names (LoadName, LoadGlobal, LoadAttr, ...).
    pub names: Vec<String>,
    /// Local variable names; the first `argcount + kwonlyargcount (+1 if VARARGS)
    /// (+1 if VARKEYWORDS)` are the parameters in that order: positional, keyword-only,
    /// *args, **kwargs.
    pub varnames: Vec<String>,
    /// Locals captured by inner functions (cells created on entry). A parameter that is a
    /// cellvar is copied into its cell on entry (see `cell2arg`).
    pub cellvars: Vec<String>,
    /// Variables this code reads from enclosing scopes (cells passed in the closure).
    pub freevars: Vec<String>,
    /// For each cellvar, the index of the parameter it is initialised from, if any.
    pub cell2arg: Vec<Option<u32>>,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub flags: u32,
    /// Upper bound of the value stack depth (0 = unknown; the vm then grows on demand).
    pub max_stack: u32,
    /// The docstring, if the body starts with a string literal.
    pub doc: Option<String>,
}

/// Where an instruction's source is: its start and end line and its start and end
/// column, as CPython's `co_positions()` gives them (columns are UTF-8 byte offsets in
/// their line; `None` when unknown).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Position {
    pub line: u32,
    pub end_line: u32,
    pub col: Option<u32>,
    pub end_col: Option<u32>,
}

/// The end lines and columns of a code object's instructions, run-length encoded:
/// each run is four LEB128 numbers, (instructions in the run, end line minus start
/// line, start column + 1, end column + 1), a column of 0 meaning unknown. The start
/// lines are `CodeData::lines`. Nothing reads it while code runs: a traceback decodes
/// it when it is printed.
#[derive(Clone, Debug, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Positions(Vec<u8>);

fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn get_varint(bytes: &[u8], at: &mut usize) -> Option<u32> {
    let mut v: u32 = 0;
    let mut shift = 0;
    loop {
        let b = *bytes.get(*at)?;
        *at += 1;
        v |= u32::from(b & 0x7f).checked_shl(shift)?;
        if b & 0x80 == 0 {
            return Some(v);
        }
        shift += 7;
    }
}

impl Positions {
    /// Encode one span per instruction: (end line, start column, end column), given
    /// the instructions' start lines.
    pub fn encode(lines: &[u32], spans: &[(u32, Option<u32>, Option<u32>)]) -> Positions {
        let key = |i: usize| {
            let (end_line, col, end_col) = spans[i];
            (
                end_line.saturating_sub(lines[i]),
                col.map_or(0, |c| c.saturating_add(1)),
                end_col.map_or(0, |c| c.saturating_add(1)),
            )
        };
        let mut out = Vec::new();
        let n = spans.len().min(lines.len());
        let mut i = 0;
        while i < n {
            let k = key(i);
            let mut j = i + 1;
            while j < n && key(j) == k {
                j += 1;
            }
            put_varint(&mut out, (j - i) as u32);
            put_varint(&mut out, k.0);
            put_varint(&mut out, k.1);
            put_varint(&mut out, k.2);
            i = j;
        }
        Positions(out)
    }

    /// The span of every instruction in order (as many as `lines` has).
    pub fn decode(&self, lines: &[u32]) -> Vec<Position> {
        let mut out = Vec::with_capacity(lines.len());
        let b = &self.0;
        let mut at = 0;
        while out.len() < lines.len() {
            let run = (|| {
                Some((
                    get_varint(b, &mut at)?,
                    get_varint(b, &mut at)?,
                    get_varint(b, &mut at)?,
                    get_varint(b, &mut at)?,
                ))
            })();
            let Some((count, dl, col, end_col)) = run else {
                break;
            };
            for _ in 0..count {
                let Some(&line) = lines.get(out.len()) else {
                    break;
                };
                out.push(Position {
                    line,
                    end_line: line + dl,
                    col: col.checked_sub(1),
                    end_col: end_col.checked_sub(1),
                });
            }
        }
        // Instructions the table does not cover (code not made by the compiler).
        while let Some(&line) = lines.get(out.len()) {
            out.push(Position {
                line,
                end_line: line,
                col: None,
                end_col: None,
            });
        }
        out
    }

    /// The span of instruction `index`, if the code has it.
    pub fn get(&self, lines: &[u32], index: usize) -> Option<Position> {
        if index >= lines.len() {
            return None;
        }
        self.decode(&lines[..=index]).pop()
    }

    /// Bytes used.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
