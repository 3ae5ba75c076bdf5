//! Tab completion for the interactive prompt: keywords and the names of `__main__` and
//! `builtins`; after a dot, the attributes `dir()` gives for the object the dotted
//! names reach (`os.pa<TAB>`). Only names and attribute lookups are evaluated, never
//! calls or subscripts, so completing cannot run arbitrary code beyond properties and
//! `__getattr__`/`__dir__` hooks (as CPython's rlcompleter).
use std::cell::Cell;
use weft_vm::value::Value;
use weft_vm::vm::{PyResult, Vm};

const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];

/// The line editor's helper. `vm` points at the interpreter while the prompt waits for
/// a line (set just before `readline`, null after), and null otherwise.
#[derive(Default)]
pub struct PyHelper {
    pub vm: Cell<*mut Vm>,
}

impl rustyline::completion::Completer for PyHelper {
    type Candidate = String;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &rustyline::Context<'_>,
    ) -> rustyline::Result<(usize, Vec<String>)> {
        let p = self.vm.get();
        if p.is_null() {
            return Ok((pos, Vec::new()));
        }
        // SAFETY: `repl::Input::read` sets the pointer from its `&mut Vm` just before
        // `readline` and clears it after; during `readline` that reference is not used,
        // so this is the only access to the Vm. The thread is detached while it waits,
        // so it attaches (waiting out any collection) before touching the heap.
        let vm = unsafe { &mut *p };
        vm.rt.world.attach(&vm.slot);
        let r = completions(vm, &line[..pos]);
        vm.rt.world.detach(&vm.slot);
        Ok(r)
    }
}

impl rustyline::hint::Hinter for PyHelper {
    type Hint = String;
}
impl rustyline::highlight::Highlighter for PyHelper {}
impl rustyline::validate::Validator for PyHelper {}
impl rustyline::Helper for PyHelper {}

/// (start of the word being completed, candidates replacing it).
pub fn completions(vm: &mut Vm, before: &str) -> (usize, Vec<String>) {
    let start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '_' || c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[start..];
    if word.is_empty() {
        // Tab at the start of a line indents, as with CPython's readline.
        return if before.trim().is_empty() {
            (start, vec!["    ".into()])
        } else {
            (start, Vec::new())
        };
    }
    let mut found: Vec<String> = match word.rsplit_once('.') {
        Some((expr, prefix)) => attribute_names(vm, expr)
            .unwrap_or_default()
            .into_iter()
            .filter(|n| n.starts_with(prefix) && (prefix.starts_with('_') || !n.starts_with('_')))
            .map(|n| format!("{expr}.{n}"))
            .collect(),
        None => {
            let mut names: Vec<String> = KEYWORDS.iter().map(|k| k.to_string()).collect();
            if let Ok(main) = crate::repl::main_module(vm) {
                names.extend(dict_keys(vm, vm.module_dict(main)));
            }
            names.extend(dict_keys(vm, vm.rt.builtins));
            names
                .into_iter()
                .filter(|n| n.starts_with(word) && (word.starts_with('_') || !n.starts_with('_')))
                .collect()
        }
    };
    found.sort();
    found.dedup();
    (start, found)
}

/// The string keys of a dict (runs no Python code).
fn dict_keys(vm: &mut Vm, d: Value) -> Vec<String> {
    vm.dict_items(d)
        .into_iter()
        .filter_map(|(k, _)| weft_vm::helpers::as_str(&k).map(String::from))
        .collect()
}

/// `dir()` of the object `expr` (dotted names only) names in `__main__`.
fn attribute_names(vm: &mut Vm, expr: &str) -> PyResult<Vec<String>> {
    let mut parts = expr.split('.');
    let first = parts.next().unwrap_or("");
    let main = crate::repl::main_module(vm)?;
    let globals = vm.module_dict(main);
    let Some(mut obj) = vm
        .dict_get_str(globals, first)
        .or_else(|| vm.dict_get_str(vm.rt.builtins, first))
    else {
        return Ok(Vec::new());
    };
    weft_vm::root_scope!(vm);
    vm.root(obj);
    (|| {
        weft_vm::root_scope!(vm);
        for part in parts {
            if part.is_empty() {
                return Ok(Vec::new());
            }
            obj = vm.getattr_str(obj, part)?;
            vm.root(obj);
        }
        let dir = vm
            .dict_get_str(vm.rt.builtins, "dir")
            .ok_or_else(|| vm.name_error("dir"))?;
        let names = vm.call(dir, &[obj], &[])?;
        vm.root(names);
        let items = vm.collect_iter(names);
        items.map(|v| {
            v.iter()
                .filter_map(|n| weft_vm::helpers::as_str(n).map(String::from))
                .collect()
        })
    })()
}
