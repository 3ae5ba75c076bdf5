//! weft-runtime: the native modules (`sys`, `gc`, `weakref`, ...), the `weft` command
//! and the embedding API.
//!
//! `run_main(argv)` is the whole command: parse the options ([`cli`]), start a runtime on
//! a thread with a big stack (deep recursion must reach RecursionError, not overflow the
//! Rust stack), run the program or the interactive prompt ([`repl`]), run the
//! `weakref.finalize` atexit finalizers, flush, and return the process exit status as
//! CPython computes it. [`embed`] is the entry point for Rust programs that run Python.
pub mod cli;
pub mod embed;
pub mod modules;
pub mod repl;
pub mod repl_complete;
pub mod stdlib_path;

use cli::{Mode, Options, Parsed};
use std::io::{Read, Write};
use weft_vm::value::Value;
use weft_vm::vm::{Config, PyErr, PyResult, Runtime, Vm};

/// Stack of the interpreter thread.
const MAIN_STACK: usize = 512 << 20;

pub fn run_main(args: Vec<String>) -> i32 {
    let prog = cli::prog_name(args.first());
    let opts = match cli::parse(&args) {
        Parsed::Run(o) => o,
        Parsed::Exit(code) => return code,
    };
    let t = std::thread::Builder::new()
        .name("weft-main".into())
        .stack_size(MAIN_STACK)
        .spawn(move || run(&prog, opts));
    // The first thread only waits for the interpreter thread: signals go to Python's.
    weft_core::signals::block_all_in_this_thread();
    let code = match t {
        Ok(h) => h.join().unwrap_or_else(|_| {
            eprintln!(
                "{}: internal error (the interpreter panicked)",
                cli::prog_name(args.first())
            );
            101
        }),
        Err(e) => {
            eprintln!("weft: cannot start the interpreter thread: {e}");
            1
        }
    };
    let _ = std::io::stdout().flush();
    code
}

/// `[Errno 2] No such file or directory` from an io::Error.
fn errno_text(e: &std::io::Error) -> String {
    let msg = e.to_string();
    let msg = match msg.rfind(" (os error ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    };
    match e.raw_os_error() {
        Some(n) => format!("[Errno {n}] {msg}"),
        None => msg,
    }
}

fn abs_path(p: &str) -> String {
    std::path::absolute(p)
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_else(|_| p.to_string())
}

fn dir_of(file: &str) -> String {
    let abs = std::path::Path::new(file)
        .canonicalize()
        .unwrap_or_else(|_| abs_path(file).into());
    abs.parent()
        .map(|d| d.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Find `a.b` as `<dir>/a/b.py` or `<dir>/a/b/__main__.py` in the search path.
fn find_module(name: &str, dirs: &[String]) -> Option<String> {
    let rel = name.replace('.', "/");
    for d in dirs {
        let base = if d.is_empty() {
            std::env::current_dir().ok()?
        } else {
            d.into()
        };
        for cand in [
            base.join(format!("{rel}.py")),
            base.join(&rel).join("__main__.py"),
        ] {
            if cand.is_file() {
                return Some(cand.to_string_lossy().into_owned());
            }
        }
    }
    None
}

/// Why `-m name` found nothing to run, in runpy's words: a package without `__main__`,
/// a parent that is missing or is not a package, or no such module.
fn module_not_found(name: &str, dirs: &[String]) -> String {
    let in_dirs = |rel: &str, f: &dyn Fn(&std::path::Path) -> bool| {
        dirs.iter()
            .any(|d| f(&std::path::Path::new(if d.is_empty() { "." } else { d }).join(rel)))
    };
    let is_package = |dotted: &str| {
        let rel = dotted.replace('.', "/");
        in_dirs(&rel, &|p| p.is_dir()) || FROZEN_PACKAGES.contains(&dotted)
    };
    let is_module = |dotted: &str| {
        let rel = dotted.replace('.', "/");
        modules::is_native(dotted)
            || modules::frozen_source(dotted).is_some()
            || in_dirs(&format!("{rel}.py"), &|p| p.is_file())
    };
    if is_package(name) {
        return format!(
            "No module named {name}.__main__; '{name}' is a package and cannot be directly \
             executed"
        );
    }
    let parts: Vec<&str> = name.split('.').collect();
    for i in 1..parts.len() {
        let parent = parts[..i].join(".");
        if is_package(&parent) {
            continue;
        }
        let why = if is_module(&parent) {
            format!("__path__ attribute not found on '{parent}' while trying to find '{name}'")
        } else {
            format!("No module named '{parent}'")
        };
        return format!(
            "Error while finding module specification for '{name}' (ModuleNotFoundError: {why})"
        );
    }
    format!("No module named {name}")
}

/// Frozen modules that are packages in CPython (their submodules are frozen too).
const FROZEN_PACKAGES: &[&str] = &["collections", "importlib", "string"];

/// Resolve what to run into (source, filename, argv[0], path0), or an exit code.
/// `search` is where `-m` looks after the current folder (WEFTPATH, then CPython's Lib).
fn load(
    prog: &str,
    opts: &Options,
    search: &[String],
) -> Result<(Option<String>, String, String, String), i32> {
    let cwd = std::env::current_dir()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(match &opts.mode {
        Mode::Script(path) if std::path::Path::new(path).is_dir() => {
            let main = std::path::Path::new(path).join("__main__.py");
            match std::fs::read(&main) {
                Ok(b) => (
                    Some(String::from_utf8_lossy(&b).into_owned()),
                    main.to_string_lossy().into_owned(),
                    path.clone(),
                    abs_path(path),
                ),
                Err(_) => {
                    eprintln!("{prog}: can't find '__main__' module in '{}'", path);
                    return Err(1);
                }
            }
        }
        // The script's code gets the path joined to the current folder (not normalised),
        // as CPython 3.9+ gives `__file__` and tracebacks; `sys.argv[0]` stays as given.
        Mode::Script(path) => match std::fs::read(path) {
            Ok(b) => (
                Some(String::from_utf8_lossy(&b).into_owned()),
                if std::path::Path::new(path).is_absolute() || cwd.is_empty() {
                    path.clone()
                } else {
                    format!("{}/{path}", cwd.trim_end_matches('/'))
                },
                path.clone(),
                dir_of(path),
            ),
            Err(e) => {
                eprintln!(
                    "{prog}: can't open file '{}': {}",
                    abs_path(path),
                    errno_text(&e)
                );
                return Err(2);
            }
        },
        Mode::Command(code) => (
            Some(code.clone()),
            "<string>".into(),
            "-c".into(),
            String::new(),
        ),
        // A native module has no code to run (CPython's built-in and extension modules).
        Mode::Module(name) if modules::is_native(name) => {
            eprintln!("{prog}: No code object available for {name}");
            return Err(1);
        }
        Mode::Module(name) if FROZEN_PACKAGES.contains(&name.as_str()) => {
            eprintln!("{prog}: {}", module_not_found(name, &[]));
            return Err(1);
        }
        // A frozen module wins over the path, as in the import system (runpy gives it
        // "frozen" as sys.argv[0]).
        Mode::Module(name) if modules::frozen_source(name).is_some() => (
            modules::frozen_source(name).map(String::from),
            format!("<frozen {name}>"),
            "frozen".into(),
            cwd,
        ),
        Mode::Module(name) => match find_module(
            name,
            &std::iter::once(cwd.clone())
                .chain(search.iter().cloned())
                .collect::<Vec<_>>(),
        ) {
            Some(file) => match std::fs::read(&file) {
                Ok(b) => (
                    Some(String::from_utf8_lossy(&b).into_owned()),
                    file.clone(),
                    file,
                    cwd,
                ),
                Err(e) => {
                    eprintln!("{prog}: can't open file '{file}': {}", errno_text(&e));
                    return Err(2);
                }
            },
            None => {
                let dirs: Vec<String> = std::iter::once(cwd.clone())
                    .chain(search.iter().cloned())
                    .collect();
                eprintln!("{prog}: {}", module_not_found(name, &dirs));
                return Err(1);
            }
        },
        Mode::Stdin(argv0) => {
            let mut s = String::new();
            let mut b = Vec::new();
            if let Err(e) = std::io::stdin().read_to_end(&mut b) {
                eprintln!("{prog}: can't read stdin: {}", errno_text(&e));
                return Err(2);
            }
            s.push_str(&String::from_utf8_lossy(&b));
            (Some(s), "<stdin>".into(), argv0.clone(), String::new())
        }
        Mode::Repl => (None, "<stdin>".into(), String::new(), String::new()),
    })
}

fn run(prog: &str, opts: Options) -> i32 {
    let xstdlib = opts
        .xoptions
        .iter()
        .rev()
        .find(|(k, _)| k == "stdlib")
        .and_then(|(_, v)| v.as_deref());
    let stdlib = stdlib_path::find(xstdlib);
    // `-O`: asserts compiled out, `__debug__` False, for everything compiled from now on.
    weft_vm::compiler::set_optimize(opts.count('O').min(2));
    // `-X no_debug_ranges` / PYTHONNODEBUGRANGES: no columns, so no traceback markers.
    weft_vm::compiler::set_no_debug_ranges(
        opts.xoptions.iter().any(|(k, _)| k == "no_debug_ranges")
            || opts
                .env("PYTHONNODEBUGRANGES")
                .is_some_and(|v| !v.is_empty()),
    );
    let extra_path = extra_path(&opts);
    let search: Vec<String> = extra_path
        .iter()
        .cloned()
        .chain(stdlib.dir().map(String::from))
        .collect();
    let (source, filename, argv0, path0) = match load(prog, &opts, &search) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let mut config = Config {
        path0,
        xoptions: opts.xoptions.clone(),
        warnoptions: warnoptions(&opts),
        stdlib,
        extra_path,
        ..Config::default()
    };
    let xstdlib = opts
        .xoptions
        .iter()
        .rev()
        .find(|(k, _)| k == "stdlib")
        .and_then(|(_, v)| v.as_deref());
    config.stdlib = stdlib_path::find(xstdlib);
    if let Some(n) = opts.heap_limit {
        config.heap.limit_bytes = n;
    }
    // Marker threads: `-X gc-threads=N`, by default one per core (DESIGN.md invariant 5).
    config.heap.marker_threads = opts
        .marker_threads
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    config.heap.verify = opts.gc_verify || opts.gc_zeal > 0;
    config.gc_zeal = opts.gc_zeal;
    config.argv = std::iter::once(argv0)
        .chain(opts.args.iter().cloned())
        .collect();
    let mut vm = Runtime::start(config);
    vm.set_stack_size(MAIN_STACK);
    modules::thread::set_main_ident();
    modules::register_all(&mut vm);
    modules::signal::install_sigint(&mut vm);
    if let Err(e) = modules::gc_observe::install(&mut vm, opts.gclog.as_deref()) {
        let file = opts.gclog.as_deref().unwrap_or_default();
        eprintln!("{prog}: can't open the gc log '{file}': {}", errno_text(&e));
        return 2;
    }
    if let Err(e) = apply_flags(&mut vm, &opts) {
        vm.print_exception(e);
    }
    // exit, quit, help, copyright, credits, license (CPython's site module adds them).
    if let Err(e) = vm.import_module("_sitebuiltins") {
        vm.print_exception(e);
    }
    let code = match source {
        // `-i`: the prompt follows the program, whatever it raised (SystemExit too,
        // whose traceback is printed, as CPython does).
        Some(src) if opts.inspect => {
            if let Err(e) = run_main_source(&mut vm, &opts, &src, &filename) {
                vm.print_exception(e);
            }
            repl::repl(&mut vm, false, None)
        }
        Some(src) => match run_main_source(&mut vm, &opts, &src, &filename) {
            Ok(_) => 0,
            Err(e) => exit_code_for(&mut vm, e),
        },
        None => {
            if let Err(e) = vm.run_source("", "<stdin>") {
                exit_code_for(&mut vm, e)
            } else {
                let startup = opts.env("PYTHONSTARTUP");
                repl::repl(&mut vm, true, startup.as_deref())
            }
        }
    };
    let code = match wait_for_threads(&mut vm) {
        Ok(()) => code,
        Err(e) => exit_code_for(&mut vm, e),
    };
    run_atexit(&mut vm);
    modules::weakref::run_atexit_finalizers(&mut vm);
    let _ = std::io::stdout().flush();
    modules::gc_observe::flush_log();
    if opts.gcstats {
        modules::gc::print_gcstats(&vm.rt.heap);
    }
    let _ = std::io::stderr().flush();
    // The process exits next: tearing the heap down object by object would only delay
    // that (it costs ~5% of a short program's run), and daemon threads may still run.
    std::mem::forget(vm);
    code
}

/// The folders put on `sys.path` after the script's folder: `WEFTPATH`, then
/// `PYTHONPATH` (both ignored under `-E`/`-I`).
fn extra_path(opts: &Options) -> Vec<String> {
    if opts.ignore_environment() {
        return Vec::new();
    }
    let mut v = stdlib_path::weftpath();
    if let Some(p) = opts.env("PYTHONPATH") {
        v.extend(p.split(':').filter(|s| !s.is_empty()).map(String::from));
    }
    v
}

/// `sys.warnoptions`: the entries of `PYTHONWARNINGS` (comma-separated), then each `-W`,
/// so that a `-W` wins (the warnings module applies them in order).
fn warnoptions(opts: &Options) -> Vec<String> {
    let mut v: Vec<String> = opts
        .env("PYTHONWARNINGS")
        .map(|w| {
            w.split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    v.extend(opts.warnoptions.iter().cloned());
    v
}

/// After start-up, before the program: `sys.flags` from the switches, `__debug__`,
/// no script folder on `sys.path` under `-P`/`-I`, and the `warnings` module imported
/// when there are warning options (it reads `sys.warnoptions` when imported).
fn apply_flags(vm: &mut Vm, opts: &Options) -> PyResult<()> {
    let c = |ch| opts.count(ch) as u32;
    let env_on = |name| opts.env(name).is_some() as u32;
    let xopt = |name: &str| opts.xoptions.iter().any(|(k, _)| k == name) as u32;
    let hash_random = (opts.env("PYTHONHASHSEED").as_deref() != Some("0")) as u32;
    let isolated = c('I') > 0;
    let safe_path = isolated || c('P') > 0 || env_on("PYTHONSAFEPATH") > 0;
    let int_digits = opts
        .xoptions
        .iter()
        .rev()
        .find(|(k, _)| k == "int_max_str_digits")
        .and_then(|(_, v)| v.as_deref()?.parse::<u32>().ok())
        .or_else(|| opts.env("PYTHONINTMAXSTRDIGITS")?.parse().ok())
        .unwrap_or(4300);
    let py_bool = |b: bool| if b { "True" } else { "False" };
    let src = format!(
        "flags = type(flags)(({}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, {}, 0, 0, 0))\n\
         {}",
        c('d').max(env_on("PYTHONDEBUG")),
        opts.inspect as u32,
        opts.inspect as u32,
        c('O').max(env_on("PYTHONOPTIMIZE")),
        (c('B') > 0 || env_on("PYTHONDONTWRITEBYTECODE") > 0) as u32,
        (c('s') > 0 || isolated || env_on("PYTHONNOUSERSITE") > 0) as u32,
        (c('S') > 0) as u32,
        opts.ignore_environment() as u32,
        c('v').max(env_on("PYTHONVERBOSE")),
        c('b'),
        (c('q') > 0) as u32,
        hash_random,
        isolated as u32,
        py_bool(xopt("dev") > 0 || env_on("PYTHONDEVMODE") > 0),
        (xopt("utf8") > 0 || env_on("PYTHONUTF8") > 0) as u32,
        xopt("warn_default_encoding"),
        py_bool(safe_path),
        int_digits,
        if safe_path { "del path[0]" } else { "" },
    );
    let sys = vm.import_module("sys")?;
    let r = vm.with_root(sys, |vm| vm.exec_in_module(&src, "<flags>", sys));
    r?;
    if opts.count('O') > 0 {
        let key = vm.intern("__debug__");
        vm.dict_set(vm.rt.builtins, key, Value::FALSE)?;
    }
    if !vm.rt.config.warnoptions.is_empty() {
        vm.import_module("warnings")?;
    }
    Ok(())
}

/// Run the program's source as `__main__`. For `-m a.b` (runpy's way) the package it
/// belongs to is imported first (its `__init__` runs) and becomes `__package__`, so
/// relative imports work: `a` for `a/b.py`, `a.b` for `a/b/__main__.py`.
fn run_main_source(vm: &mut Vm, opts: &Options, src: &str, filename: &str) -> PyResult<Value> {
    let package = match &opts.mode {
        Mode::Module(name) if filename.ends_with("/__main__.py") && !name.ends_with("__main__") => {
            Some(name.clone())
        }
        Mode::Module(name) => name.rsplit_once('.').map(|(p, _)| p.to_string()),
        _ => None,
    };
    if let Some(p) = &package {
        vm.import_module(p)?;
    }
    vm.run_source_in(src, filename, package.as_deref())
}

/// At exit, wait for the non-daemon threads (`threading._shutdown()`), as CPython
/// does, if the program imported `threading`.
pub(crate) fn wait_for_threads(vm: &mut Vm) -> PyResult<()> {
    let modules = vm.rt.modules;
    let Some(threading) = vm.dict_get_str(modules, "threading") else {
        return Ok(());
    };
    let r = vm.with_root(threading, |vm| vm.call_method(threading, "_shutdown", &[]));
    r.map(|_| ())
}

/// The `atexit` callbacks, if the program imported `atexit` (they report their own
/// errors).
pub(crate) fn run_atexit(vm: &mut Vm) {
    let modules = vm.rt.modules;
    let Some(atexit) = vm.dict_get_str(modules, "atexit") else {
        return;
    };
    weft_vm::root_scope!(vm);
    vm.root(atexit);
    if let Err(e) = vm.call_method(atexit, "_run_exitfuncs", &[]) {
        vm.print_exception(e);
    }
}

/// CPython's handling of an exception that reached the top: SystemExit gives its code,
/// anything else prints the traceback and gives 1.
pub fn exit_code_for(vm: &mut Vm, e: PyErr) -> i32 {
    let system_exit = vm.rt.types.exc.system_exit;
    if !vm.err_is(&e, system_exit) {
        let _ = std::io::stdout().flush();
        // CPython ends by SIGINT itself after an uncaught KeyboardInterrupt: the shell
        // sees status 130 (128 + SIGINT).
        let interrupted = vm.err_is(&e, vm.rt.types.exc.keyboard_interrupt);
        vm.print_exception(e);
        return if interrupted { 130 } else { 1 };
    }
    weft_vm::root_scope!(vm);
    vm.root(e.0);
    let code = vm.getattr_str(e.0, "code").unwrap_or(Value::NONE);
    if code.is_none() {
        0
    } else if let Some(i) = weft_vm::helpers::as_int(code) {
        i as i32
    } else if weft_vm::helpers::is_int(code) {
        -1
    } else {
        let text = vm.with_root(code, |vm| vm.str_of(code).unwrap_or_default());
        let _ = std::io::stdout().flush();
        eprintln!("{text}");
        1
    }
}
