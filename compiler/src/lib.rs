//! weft-compiler: Python source → `CodeData` (see [`bytecode`] for the contract).
//!
//! Depends on nothing else in weft: the parser crate in, plain data (instructions,
//! constants, names, line table) out. `weft-vm` turns `CodeData` into code objects.
//!
//! - `bytecode`: the instruction set, its stack effects and `CodeData`;
//!
//! - `parse`: the only module that talks to `ruff_python_parser`;
//! - `symtable`: scope analysis (local / global / nonlocal / free / cell);
//! - `codegen`: emits the bytecode;
//! - `flow`: stack-depth analysis (computes `max_stack`, checks stack discipline);
//! - `dis`: a human-readable listing.

pub mod ast_export;
pub mod ast_import;
pub mod bytecode;
mod codegen;
mod dis;
pub(crate) mod flow;
#[cfg(test)]
mod input_status_tests;
mod parse;
mod segment;
mod surrogates;
mod symtable;
#[cfg(test)]
mod tests;

use std::sync::Arc;

use crate::bytecode::CodeData;

pub use dis::disassemble;
pub use flow::verify;
pub use segment::{SegmentShape, segment_shape};

/// What the source is compiled as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A module (or `exec`).
    Module,
    /// A single expression (`eval`); the code returns its value.
    Eval,
    /// An interactive statement (REPL): expression statements emit `PrintExpr`.
    Single,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompileErrorKind {
    SyntaxError,
    IndentationError,
    TabError,
    /// Nesting too deep to compile (raised as RecursionError, without a location).
    RecursionError,
    /// The compiler made code that fails its own flow check (a compiler bug; raised as
    /// SystemError rather than run, since the interpreter trusts that check).
    SystemError,
}

#[derive(Debug, Clone)]
pub struct CompileError {
    pub kind: CompileErrorKind,
    pub msg: String,
    pub filename: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (in characters) of the start of the error.
    pub col: u32,
    /// 1-based line of the end of the error (CPython's `end_lineno`).
    pub end_line: u32,
    /// CPython's `end_offset`: 1-based column just past the error on `end_line`, or 0 /
    /// -1 where CPython's tokenizer reports no end (an unclosed bracket, a bad dedent).
    pub end_col: i32,
    /// The source line (without its newline).
    pub text: String,
    /// The `text` attribute CPython gives the SyntaxError: for parser errors the line
    /// with its newline (the tokenizer adds one after a module's last line); for errors
    /// found later (scopes, code generation) the line as read back from the file named
    /// `filename`, or None when there is no such file (`<string>`).
    pub py_text: Option<String>,
}

impl std::fmt::Display for CompileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self.kind {
            CompileErrorKind::SyntaxError => "SyntaxError",
            CompileErrorKind::IndentationError => "IndentationError",
            CompileErrorKind::TabError => "TabError",
            CompileErrorKind::RecursionError => "RecursionError",
            CompileErrorKind::SystemError => "SystemError",
        };
        write!(
            f,
            "{kind}: {} ({}, line {})",
            self.msg, self.filename, self.line
        )
    }
}

impl std::error::Error for CompileError {}

/// The optimization level (`-O`: 1, `-OO`: 2), process-wide as CPython's
/// `optimization_level`: above 0, `assert` statements compile to nothing and
/// `__debug__` to the constant False (it is the constant True otherwise).
static OPTIMIZE: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(0);

/// Set the optimization level for every later compilation (the `weft` command does
/// this once, from `-O`, before running anything).
pub fn set_optimize(level: u8) {
    OPTIMIZE.store(level, std::sync::atomic::Ordering::Relaxed);
}

/// `-X no_debug_ranges` / `PYTHONNODEBUGRANGES`: code objects get no columns (their
/// `co_positions()` has None for them, and tracebacks draw no markers).
static NO_DEBUG_RANGES: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Leave columns out of every later compilation (or put them back).
pub fn set_no_debug_ranges(off: bool) {
    NO_DEBUG_RANGES.store(off, std::sync::atomic::Ordering::Relaxed);
}

/// Whether compilations leave columns out.
pub fn no_debug_ranges() -> bool {
    NO_DEBUG_RANGES.load(std::sync::atomic::Ordering::Relaxed)
}

thread_local! {
    /// The level of the compilation running on this thread when it was given one
    /// (`compile(..., optimize=N)`).
    static OPTIMIZE_HERE: std::cell::Cell<Option<u8>> = const { std::cell::Cell::new(None) };
}

/// The optimization level in force: that of the compilation running on this thread,
/// else the process-wide one.
pub fn optimize() -> u8 {
    OPTIMIZE_HERE
        .with(|l| l.get())
        .unwrap_or_else(|| OPTIMIZE.load(std::sync::atomic::Ordering::Relaxed))
}

/// What the interactive prompt does with the lines typed so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputStatus {
    /// Run it.
    Complete,
    /// Read another line (the `sys.ps2` prompt).
    Incomplete,
    /// Compile it now to report the SyntaxError.
    Invalid,
}

/// Whether `source`, typed at the interactive prompt, is ready to run.
pub fn input_status(source: &str) -> InputStatus {
    parse::input_status(source)
}

/// Compile `source` as [`compile`] does, at optimization level `level` (0: asserts and
/// `__debug__` kept, 1: asserts removed and `__debug__` False, 2: docstrings removed
/// too) whatever the process-wide level is.
pub fn compile_at(
    source: &str,
    filename: &str,
    mode: Mode,
    level: u8,
) -> Result<Arc<CodeData>, CompileError> {
    let prev = OPTIMIZE_HERE.with(|l| l.replace(Some(level)));
    let r = compile(source, filename, mode);
    OPTIMIZE_HERE.with(|l| l.set(prev));
    r
}

/// The SyntaxError for a parse failure `e` (positions through `map`): the span a
/// tokenizer check may have fixed, and the source line as CPython's `SyntaxError.text`.
pub(crate) fn parse_failed(
    map: &SourceMap,
    filename: &str,
    mode: Mode,
    (e, cols): parse::Fail,
) -> CompileError {
    let mut err = map.error(filename, e.kind, e.msg, e.start, e.end);
    if let Some((col, end_col)) = cols {
        err.col = col;
        err.end_line = err.line;
        err.end_col = end_col;
    }
    let li = err.line as usize - 1;
    let has_newline = map.line_starts.get(li + 1).is_some();
    let mut t = err.text.clone();
    if has_newline || mode != Mode::Eval {
        t.push('\n');
    }
    err.py_text = Some(t);
    err
}

/// Compile `source` into a code object.
pub fn compile(source: &str, filename: &str, mode: Mode) -> Result<Arc<CodeData>, CompileError> {
    // Python reads source with universal newlines: "\r\n" and a lone "\r" end lines
    // (and so become "\n" inside string literals), as in CPython's tokenizer.
    let normalized;
    let source = if source.contains('\r') {
        normalized = source.replace("\r\n", "\n").replace('\r', "\n");
        normalized.as_str()
    } else {
        source
    };
    let map = SourceMap::new(source);
    let parsed = parse::parse(source, mode).map_err(|e| parse_failed(&map, filename, mode, e))?;
    if mode == Mode::Single
        && let parse::Parsed::Module(m) = &parsed
    {
        // Only `a; b` on one line is one interactive statement.
        use ruff_python_ast::Stmt;
        use ruff_text_size::Ranged;
        for w in m.body.windows(2) {
            let end = w[0].range().end().to_usize();
            let next = w[1].range().start().to_usize();
            if map.line(next) == map.line(end) {
                continue;
            }
            // After a compound statement CPython's grammar wants a blank line; after a
            // simple one it reports the extra statement.
            let compound = matches!(
                w[0],
                Stmt::If(_)
                    | Stmt::While(_)
                    | Stmt::For(_)
                    | Stmt::With(_)
                    | Stmt::Try(_)
                    | Stmt::FunctionDef(_)
                    | Stmt::ClassDef(_)
                    | Stmt::Match(_)
            );
            let mut err = if compound {
                map.error(
                    filename,
                    CompileErrorKind::SyntaxError,
                    "invalid syntax".into(),
                    next,
                    next + 1,
                )
            } else {
                map.error(
                    filename,
                    CompileErrorKind::SyntaxError,
                    "multiple statements found while compiling a single statement".into(),
                    end,
                    end + 1,
                )
            };
            err.py_text = Some(format!("{}\n", err.text));
            return Err(err);
        }
    }
    codegen::compile_parsed(&parsed, &map, filename, mode).map_err(|e| {
        let mut err = map.error(filename, e.kind, e.msg, e.start, e.end);
        err.py_text = file_line(filename, err.line);
        err
    })
}

/// Line `line` (1-based) of the file `filename`, with its newline, if it can be read.
fn file_line(filename: &str, line: u32) -> Option<String> {
    if filename.starts_with('<') {
        return None;
    }
    let src = std::fs::read_to_string(filename).ok()?;
    let l = src
        .split_inclusive('\n')
        .nth(line.checked_sub(1)? as usize)?;
    Some(l.to_string())
}

/// An error before it gets its line and column: byte offsets into the source.
#[derive(Debug, Clone)]
pub(crate) struct RawError {
    pub kind: CompileErrorKind,
    pub msg: String,
    pub start: usize,
    pub end: usize,
}

impl RawError {
    pub(crate) fn syntax(msg: impl Into<String>, range: ruff_text_size::TextRange) -> Self {
        RawError {
            kind: CompileErrorKind::SyntaxError,
            msg: msg.into(),
            start: range.start().to_usize(),
            end: range.end().to_usize(),
        }
    }
}

/// Byte offset → line / column. A tree compiled from `_ast` objects has no source: its
/// nodes' offsets index `points` instead, each the (line, UTF-8 column) its node gave
/// (`ast_import`).
pub(crate) struct SourceMap<'s> {
    source: &'s str,
    line_starts: Vec<usize>,
    points: Vec<[u32; 2]>,
    /// For a tree without source, the str constants holding lone surrogates (their
    /// literal holds U+FFFD instead), by the literal's start offset.
    surrogate_strs: Vec<(u32, Vec<u8>)>,
    /// For a tree without source, its frozenset constants, by the offset of the `...`
    /// literal standing for each.
    frozensets: Vec<(u32, bytecode::Const)>,
}

impl<'s> SourceMap<'s> {
    /// The whole source text.
    pub(crate) fn source(&self) -> &'s str {
        self.source
    }

    pub(crate) fn new(source: &'s str) -> Self {
        let mut line_starts = vec![0];
        let bytes = source.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(i + 1),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    line_starts.push(i + 1);
                }
                _ => {}
            }
            i += 1;
        }
        SourceMap {
            source,
            line_starts,
            points: Vec::new(),
            surrogate_strs: Vec::new(),
            frozensets: Vec::new(),
        }
    }

    /// The map of a tree without source: offset `i` stands for `points[i]`.
    pub(crate) fn from_points(
        points: Vec<[u32; 2]>,
        surrogate_strs: Vec<(u32, Vec<u8>)>,
        frozensets: Vec<(u32, bytecode::Const)>,
    ) -> SourceMap<'static> {
        SourceMap {
            source: "",
            line_starts: vec![0],
            points,
            surrogate_strs,
            frozensets,
        }
    }

    /// The frozenset constant an imported `...` literal at `offset` stands for.
    pub(crate) fn frozenset(&self, offset: usize) -> Option<&bytecode::Const> {
        self.frozensets
            .iter()
            .find(|(o, _)| *o as usize == offset)
            .map(|(_, c)| c)
    }

    /// The exact text (generalized UTF-8) of an imported str constant starting at
    /// `offset` that holds lone surrogates.
    pub(crate) fn surrogate_str(&self, offset: usize) -> Option<&[u8]> {
        self.surrogate_strs
            .iter()
            .find(|(o, _)| *o as usize == offset)
            .map(|(_, b)| b.as_slice())
    }

    /// The imported position an offset stands for (None for a map over source text).
    fn point(&self, offset: usize) -> Option<[u32; 2]> {
        if self.points.is_empty() {
            return None;
        }
        Some(self.points[offset.min(self.points.len() - 1)])
    }

    /// 0-based line index of a byte offset.
    fn line_index(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// 1-based line of a byte offset.
    pub(crate) fn line(&self, offset: usize) -> u32 {
        if let Some([line, _]) = self.point(offset) {
            return line;
        }
        self.line_index(offset) as u32 + 1
    }

    pub(crate) fn line_text(&self, line_index: usize) -> &'s str {
        let start = self
            .line_starts
            .get(line_index)
            .copied()
            .unwrap_or(self.source.len());
        let end = self
            .line_starts
            .get(line_index + 1)
            .copied()
            .unwrap_or(self.source.len());
        self.source[start..end].trim_end_matches(['\n', '\r'])
    }

    /// 0-based column of a byte offset, in UTF-8 bytes from the start of its line.
    pub(crate) fn byte_col(&self, offset: usize) -> u32 {
        if let Some([_, col]) = self.point(offset) {
            return col;
        }
        let offset = offset.min(self.source.len());
        (offset - self.line_starts[self.line_index(offset)]) as u32
    }

    /// How many characters precede a byte offset on its line (CPython's tokenizer
    /// reports its errors with this count as the offset).
    pub(crate) fn chars_before(&self, offset: usize) -> u32 {
        self.col(offset) - 1
    }

    /// 1-based column (characters) of a byte offset.
    fn col(&self, offset: usize) -> u32 {
        let li = self.line_index(offset);
        let start = self.line_starts[li];
        let offset = offset.min(self.source.len());
        let mut o = offset;
        while o > start && !self.source.is_char_boundary(o) {
            o -= 1;
        }
        self.source[start..o].chars().count() as u32 + 1
    }

    pub(crate) fn error(
        &self,
        filename: &str,
        kind: CompileErrorKind,
        msg: String,
        start: usize,
        end: usize,
    ) -> CompileError {
        if let (Some([line, col]), Some([end_line, end_col])) = (self.point(start), self.point(end))
        {
            return CompileError {
                kind,
                msg,
                filename: filename.to_string(),
                line,
                col: col + 1,
                end_line,
                end_col: end_col as i32 + 1,
                text: String::new(),
                py_text: None,
            };
        }
        let start = start.min(self.source.len());
        let end = end.clamp(start, self.source.len());
        let li = self.line_index(start);
        let col = self.col(start);
        let end_li = self.line_index(end);
        let end_col = if end_li == li {
            self.col(end).max(col)
        } else {
            self.col(end)
        };
        CompileError {
            kind,
            msg,
            filename: filename.to_string(),
            line: li as u32 + 1,
            col,
            end_line: end_li as u32 + 1,
            end_col: end_col as i32,
            text: self.line_text(li).to_string(),
            py_text: None,
        }
    }
}

pub(crate) fn codegen_jump_arg(i: &mut crate::bytecode::Instr) -> Option<&mut u32> {
    codegen::jump_arg_mut(i)
}
