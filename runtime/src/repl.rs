//! The interactive prompt: `weft` on a terminal, `weft -i script.py`, `weft -i -c CODE`.
//!
//! Lines are read with the `sys.ps1` prompt, then `sys.ps2` while the input is
//! incomplete (the compiler's [`input_status`]: open brackets, triple-quoted strings,
//! decorators, compound statements until a blank line). Each complete input is compiled
//! in `Single` mode (expression statements print their value) and run in `__main__`.
//!
//! On a terminal the line editor (`rustyline`) gives history (kept in
//! `~/.weft_history`), arrow keys and tab completion ([`crate::repl_complete`]); without
//! one, lines come from plain stdin and the prompts go to stderr, as in CPython.
//! Ctrl-C at the prompt drops the line; while code runs it raises KeyboardInterrupt
//! (the SIGINT handler), whose traceback is printed, and the session goes on.
use crate::repl_complete::PyHelper;
use std::io::{BufRead, IsTerminal, Write};
use weft_vm::compiler::{InputStatus, input_status};
use weft_vm::value::Value;
use weft_vm::vm::{PyErr, PyResult, Vm};

/// One read from the input.
enum Line {
    Text(String),
    /// Ctrl-C at the prompt.
    Interrupted,
    Eof,
}

/// Where lines come from.
enum Input {
    Editor(Box<rustyline::Editor<PyHelper, rustyline::history::DefaultHistory>>),
    Plain(std::io::StdinLock<'static>),
}

impl Input {
    fn open() -> Input {
        if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
            let config = rustyline::Config::builder()
                .auto_add_history(false)
                .completion_type(rustyline::CompletionType::List)
                .build();
            if let Ok(mut ed) = rustyline::Editor::with_config(config) {
                ed.set_helper(Some(PyHelper::default()));
                if let Some(h) = history_file() {
                    let _ = ed.load_history(&h);
                }
                return Input::Editor(Box::new(ed));
            }
        }
        Input::Plain(std::io::stdin().lock())
    }

    /// Read one line (without its newline), detached from the heap while it waits
    /// (DESIGN.md invariant 2): other threads may collect meanwhile.
    fn read(&mut self, vm: &mut Vm, prompt: &str) -> Line {
        let _ = std::io::stdout().flush();
        match self {
            Input::Plain(stdin) => {
                eprint!("{prompt}");
                let _ = std::io::stderr().flush();
                let mut s = String::new();
                match vm.detached(|| stdin.read_line(&mut s)) {
                    Ok(0) | Err(_) => Line::Eof,
                    Ok(_) => {
                        if s.ends_with('\n') {
                            s.pop();
                        }
                        Line::Text(s)
                    }
                }
            }
            Input::Editor(ed) => {
                let helper = ed.helper_mut().expect("set in open");
                helper.vm.set(vm as *mut Vm);
                vm.rt.world.detach(&vm.slot);
                let r = ed.readline(prompt);
                vm.rt.world.attach(&vm.slot);
                if let Some(h) = ed.helper_mut() {
                    h.vm.set(std::ptr::null_mut());
                }
                match r {
                    Ok(s) => Line::Text(s),
                    Err(rustyline::error::ReadlineError::Interrupted) => Line::Interrupted,
                    Err(_) => Line::Eof,
                }
            }
        }
    }

    /// Remember an input line (the editor's history, appended to the history file).
    fn remember(&mut self, line: &str) {
        if let Input::Editor(ed) = self
            && !line.trim().is_empty()
        {
            let _ = ed.add_history_entry(line);
            if let Some(h) = history_file() {
                let _ = ed.append_history(&h);
            }
        }
    }
}

/// `~/.weft_history` (or `$WEFT_HISTFILE`).
fn history_file() -> Option<std::path::PathBuf> {
    if let Some(f) = std::env::var_os("WEFT_HISTFILE") {
        return Some(f.into());
    }
    let home = std::env::var_os("HOME")?;
    Some(std::path::Path::new(&home).join(".weft_history"))
}

/// `sys.ps1` / `sys.ps2` as text (`str()` of whatever the program put there).
fn prompt(vm: &mut Vm, which: &str, default: &str) -> String {
    let Some(sys) = vm.dict_get_str(vm.rt.modules, "sys") else {
        return default.into();
    };
    weft_vm::root_scope!(vm);
    vm.root(sys);
    match vm.getattr_str(sys, which) {
        Ok(v) => vm.with_root(v, |vm| vm.str_of(v).unwrap_or_else(|_| default.into())),
        Err(_) => default.into(),
    }
}

/// Give `sys` its prompts if the program did not (CPython sets them in interactive mode).
fn set_default_prompts(vm: &mut Vm) {
    let Some(sys) = vm.dict_get_str(vm.rt.modules, "sys") else {
        return;
    };
    weft_vm::root_scope!(vm);
    vm.root(sys);
    for (name, text) in [("ps1", ">>> "), ("ps2", "... ")] {
        if vm.getattr_str(sys, name).is_err()
            && let Ok(s) = vm.new_str(text)
        {
            let key = vm.intern(name);
            let _ = vm.setattr(sys, key, s);
        }
    }
}

/// Run the prompt until EOF or SystemExit; returns the exit status. `banner` is false
/// after `-i` (CPython prints none then); `startup` is a file run in `__main__` before
/// the first prompt (PYTHONSTARTUP).
pub fn repl(vm: &mut Vm, banner: bool, startup: Option<&str>) -> i32 {
    if banner {
        eprintln!(
            "{} (weft {}) on {}",
            crate::cli::VERSION,
            env!("CARGO_PKG_VERSION"),
            std::env::consts::OS
        );
        eprintln!("Type \"help\", \"copyright\", \"credits\" or \"license\" for more information.");
    }
    set_default_prompts(vm);
    if let Some(file) = startup
        && let Err(e) = run_startup(vm, file)
        && let Some(code) = repl_exit(vm, e)
    {
        return code;
    }
    let mut input = Input::open();
    loop {
        let Some(chunk) = read_input(vm, &mut input) else {
            eprintln!();
            return 0;
        };
        if chunk.trim().is_empty() {
            continue;
        }
        if let Err(e) = repl_eval(vm, &chunk)
            && let Some(code) = repl_exit(vm, e)
        {
            return code;
        }
        let _ = std::io::stdout().flush();
    }
}

/// Run the PYTHONSTARTUP file in `__main__` (an unreadable one is reported, as CPython).
fn run_startup(vm: &mut Vm, file: &str) -> PyResult<()> {
    let src = match std::fs::read(file) {
        Ok(b) => String::from_utf8_lossy(&b).into_owned(),
        Err(e) => {
            eprintln!("Could not open PYTHONSTARTUP");
            let errno = e.raw_os_error().unwrap_or(libc::EIO);
            let name = vm.new_str(file)?;
            return Err(crate::modules::posix::os_err(vm, errno, Some(name)));
        }
    };
    let main = main_module(vm)?;
    let r = vm.with_root(main, |vm| vm.exec_main(&src, file, main));
    r.map(|_| ())
}

/// Read lines until they make a complete input (or one to report as a SyntaxError).
/// None at end of input; an empty string after Ctrl-C.
fn read_input(vm: &mut Vm, input: &mut Input) -> Option<String> {
    let mut chunk = String::new();
    loop {
        let p = if chunk.is_empty() {
            prompt(vm, "ps1", ">>> ")
        } else {
            prompt(vm, "ps2", "... ")
        };
        match input.read(vm, &p) {
            Line::Text(line) => {
                input.remember(&line);
                chunk.push_str(&line);
                chunk.push('\n');
                if input_status(&chunk) != InputStatus::Incomplete {
                    return Some(chunk);
                }
            }
            Line::Interrupted => {
                // A pending SIGINT from before the prompt must not hit the next input.
                let _ = vm.handle_signals();
                eprintln!("KeyboardInterrupt");
                return Some(String::new());
            }
            Line::Eof => return None,
        }
    }
}

/// Some(code) if the error ends the session (SystemExit), else print it.
fn repl_exit(vm: &mut Vm, e: PyErr) -> Option<i32> {
    let system_exit = vm.rt.types.exc.system_exit;
    if vm.err_is(&e, system_exit) {
        return Some(crate::exit_code_for(vm, e));
    }
    vm.print_exception(e);
    None
}

fn repl_eval(vm: &mut Vm, chunk: &str) -> PyResult<()> {
    use weft_vm::compiler::{Mode as CompileMode, compile};
    let code = match compile(chunk, "<stdin>", CompileMode::Single) {
        Ok(c) => c,
        Err(e) => return Err(weft_vm::exceptions::syntax_error(vm, &e)),
    };
    let main = main_module(vm)?;
    weft_vm::root_scope!(vm);
    vm.root(main);
    (|| {
        let code = weft_vm::load::load_code(vm, &code)?;
        weft_vm::root_scope!(vm);
        vm.root(code);
        let d = vm.module_dict(main);
        let frame = weft_vm::frame::Frame::new_with_namespace(vm, code, d, d);
        let r = vm.run_frame(frame);
        r.map(|_| ())
    })()
}

/// `sys.modules['__main__']`.
pub(crate) fn main_module(vm: &mut Vm) -> PyResult<Value> {
    let main_name = vm.intern("__main__");
    let modules = vm.rt.modules;
    vm.getitem(modules, main_name)
}
