//! The `weft` command's behaviour: options, exit codes and error messages as `python3`.
mod common;
use common::Scratch;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn weft(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_weft"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("run weft")
}

fn weft_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_weft"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run weft");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}
fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn scratch(name: &str) -> Scratch {
    Scratch::new(&format!("weft-cli-{name}"))
}

#[test]
fn command_runs() {
    let o = weft(&["-c", "print(sum(range(10**6)))"]);
    assert_eq!(stdout(&o), "499999500000\n", "stderr: {}", stderr(&o));
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn syntax_error_exits_1() {
    let d = scratch("syntax");
    let f = d.join("bad.py");
    std::fs::write(&f, "x = 1\nif x\n    pass\n").unwrap();
    let o = weft(&[f.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(e.contains("SyntaxError"), "stderr: {e}");
    assert!(e.contains("line 2"), "stderr: {e}");
}

#[test]
fn uncaught_exception_traceback() {
    let o = weft(&["-c", "x = 1\nundefined_thing"]);
    assert_eq!(o.status.code(), Some(1));
    let e = stderr(&o);
    assert!(
        e.starts_with("Traceback (most recent call last):"),
        "stderr: {e}"
    );
    assert!(
        e.contains("NameError: name 'undefined_thing' is not defined"),
        "stderr: {e}"
    );
}

#[test]
fn missing_script() {
    let o = weft(&["surely_missing_script.py"]);
    assert_eq!(o.status.code(), Some(2));
    let cwd = std::env::current_dir().unwrap();
    let want = format!(
        "weft: can't open file '{}': [Errno 2] No such file or directory",
        cwd.join("surely_missing_script.py").display()
    );
    assert!(stderr(&o).contains(&want), "stderr: {}", stderr(&o));
}

#[test]
fn xoptions() {
    let o = weft(&["-X", "foo=bar", "-c", "import sys; print(sys._xoptions)"]);
    assert_eq!(stdout(&o), "{'foo': 'bar'}\n", "stderr: {}", stderr(&o));
    let o = weft(&[
        "-X",
        "emit=bytecode",
        "-Xflag",
        "-c",
        "import sys; print(sys._xoptions)",
    ]);
    assert_eq!(
        stdout(&o),
        "{'emit': 'bytecode', 'flag': True}\n",
        "stderr: {}",
        stderr(&o)
    );
    let o = weft(&[
        "-X",
        "heapsize=64m",
        "-X",
        "gc-threads=2",
        "-c",
        "print('ok')",
    ]);
    assert_eq!(stdout(&o), "ok\n", "stderr: {}", stderr(&o));
}

#[test]
fn exit_codes() {
    assert_eq!(
        weft(&["-c", "import sys; sys.exit(3)"]).status.code(),
        Some(3)
    );
    assert_eq!(
        weft(&["-c", "import sys; sys.exit()"]).status.code(),
        Some(0)
    );
    assert_eq!(
        weft(&["-c", "raise SystemExit(None)"]).status.code(),
        Some(0)
    );
    let o = weft(&["-c", "import sys; sys.exit('bye')"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), "bye\n");
    let o = weft(&["-q", "-z"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("Unknown option: -z"));
    assert_eq!(weft(&["-c"]).status.code(), Some(2));
}

#[test]
fn version_and_help() {
    let o = weft(&["-V"]);
    assert_eq!(stdout(&o), "Python 3.14.0\n");
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&weft(&["--version"])), "Python 3.14.0\n");
    let o = weft(&["-h"]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).starts_with("usage: weft"));
}

#[test]
fn argv_and_flags() {
    let o = weft(&[
        "-u",
        "-B",
        "-E",
        "-s",
        "-S",
        "-I",
        "-O",
        "-c",
        "import sys; print(sys.argv)",
        "a",
        "-b",
    ]);
    assert_eq!(stdout(&o), "['-c', 'a', '-b']\n", "stderr: {}", stderr(&o));
}

#[test]
fn stdin_and_module() {
    let o = weft_stdin(&["-", "x"], "import sys\nprint(sys.argv, 6 * 7)\n");
    assert_eq!(stdout(&o), "['-', 'x'] 42\n", "stderr: {}", stderr(&o));
    let d = scratch("module");
    std::fs::write(
        d.join("mymod.py"),
        "import sys\nprint(__name__, sys.argv[1:])\n",
    )
    .unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_weft"))
        .args(["-m", "mymod", "q"])
        .current_dir(&d)
        .output()
        .unwrap();
    assert_eq!(stdout(&o), "__main__ ['q']\n", "stderr: {}", stderr(&o));
}

#[test]
fn stderr_stream_and_finalize_at_exit() {
    let src = "import sys, weakref\nclass A: pass\na = A()\nweakref.finalize(a, print, 'at exit')\nprint('x', file=sys.stderr)\nprint('end')\n";
    let o = weft(&["-c", src]);
    assert_eq!(stdout(&o), "end\nat exit\n", "stderr: {}", stderr(&o));
    assert_eq!(stderr(&o), "x\n");
}

/// The value after `name` on the `-X gcstats` report line `  name   value ...`.
fn gcstats_field<'a>(report: &'a str, name: &str) -> &'a str {
    report
        .lines()
        .find_map(|l| l.trim_start().strip_prefix(name))
        .unwrap_or_else(|| panic!("no {name:?} line in {report}"))
        .trim()
}

#[test]
fn gcstats_at_exit() {
    let o = weft(&[
        "-X",
        "gcstats",
        "-c",
        "import gc\ngc.collect()\ngc.collect()\nprint('done')",
    ]);
    assert_eq!(stdout(&o), "done\n", "stderr: {}", stderr(&o));
    assert_eq!(o.status.code(), Some(0));
    let e = stderr(&o);
    assert!(e.starts_with("weft gc statistics\n"), "stderr: {e}");
    let n: u64 = gcstats_field(&e, "collections").parse().unwrap();
    assert!(n >= 2, "stderr: {e}");
    for name in [
        "pause",
        "stop the world",
        "mark",
        "weak processing",
        "finalisation",
        "sweep",
        "objects marked",
        "objects freed",
        "weakrefs cleared",
        "finalizers queued",
        "live after last gc",
        "heap now",
        "marker threads",
    ] {
        gcstats_field(&e, name);
    }
    assert!(gcstats_field(&e, "pause").starts_with("total "), "{e}");
    assert!(gcstats_field(&e, "verifier").starts_with("off"), "{e}");

    // Printed on every way out, here an exit status; with the verifier on.
    let o = weft(&[
        "-X",
        "gc-verify",
        "-X",
        "gcstats",
        "-X",
        "gc-threads=2",
        "-c",
        "import gc\nx = [[i] for i in range(10000)]\ngc.collect()\nraise SystemExit(3)",
    ]);
    assert_eq!(o.status.code(), Some(3), "stderr: {}", stderr(&o));
    let e = stderr(&o);
    assert!(
        gcstats_field(&e, "verifier").starts_with("on, total "),
        "{e}"
    );
    assert_eq!(gcstats_field(&e, "marker threads"), "2", "{e}");

    // Not asked for: nothing printed.
    let o = weft(&["-c", "import gc; gc.collect()"]);
    assert_eq!(stderr(&o), "");
    let o = weft(&["-X", "gcstats=sometimes", "-c", "pass"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn gc_get_stats_shape() {
    let src = "import gc
gc.collect()
s = gc.get_stats()
print(len(s), s[0], s[1])
g = s[2]
print(list(g)[:3], g['collections'] >= 1, g['uncollectable'])
print(g['pause_ns_total'] >= g['pause_ns_max'] > 0, g['pause_ns_total'] >= g['mark_ns_total'])
print(g['collected'] >= 0, g['live_bytes'] > 0, g['marker_threads'], g['verify'])
";
    // One marker thread, so the figure printed is fixed (the default is one per core).
    let o = weft(&["-X", "gc-threads=1", "-c", src]);
    assert_eq!(
        stdout(&o),
        "3 {'collections': 0, 'collected': 0, 'uncollectable': 0} \
         {'collections': 0, 'collected': 0, 'uncollectable': 0}\n\
         ['collections', 'collected', 'uncollectable'] True 0\n\
         True True\n\
         True True 1 0\n",
        "stderr: {}",
        stderr(&o)
    );
    let o = weft(&[
        "-X",
        "gc-verify",
        "-c",
        "import gc; gc.collect(); print(gc.get_stats()[2]['verify'])",
    ]);
    assert_eq!(stdout(&o), "1\n", "stderr: {}", stderr(&o));
}

/// A thread that fills a small heap gets MemoryError; once it is gone the rest of the
/// program runs (the full heap is collected at the next safepoint instead of failing
/// every later allocation), and a handler of MemoryError can allocate again.
#[test]
fn memory_error_in_a_thread_then_recovery() {
    let script = "\
import threading, time
def fill():
    x = []
    while True:
        x.append([0] * 100)
def fill_later():
    # Let the main thread reach join(), which waits without allocating: a thread that
    # allocates while another holds the whole heap may get the MemoryError itself.
    time.sleep(0.05)
    fill()
t = threading.Thread(target=fill_later)
t.start()
t.join()
print('joined')
for round in range(2):
    try:
        fill()
    except MemoryError as e:
        print('MemoryError', round, [str(i) for i in range(3)])
print('done')
";
    for _ in 0..3 {
        let o = weft(&["-X", "heapsize=2m", "-c", script]);
        assert_eq!(o.status.code(), Some(0), "stderr: {}", stderr(&o));
        assert_eq!(
            stdout(&o),
            "joined\nMemoryError 0 ['0', '1', '2']\nMemoryError 1 ['0', '1', '2']\ndone\n",
            "stderr: {}",
            stderr(&o)
        );
        assert!(stderr(&o).contains("MemoryError"), "stderr: {}", stderr(&o));
    }
}

/// Start `code` under weft, wait until it prints its first line ("ready"), send SIGINT,
/// and return its output.
fn interrupt_after_ready(code: &str) -> Output {
    use std::io::BufRead;
    let mut child = Command::new(env!("CARGO_BIN_EXE_weft"))
        .args(["-c", code])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run weft");
    let mut out = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    out.read_line(&mut first).unwrap();
    assert_eq!(first, "ready\n");
    // SAFETY: kill(2) on our own child's pid.
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut out, &mut rest).unwrap();
    let mut o = child.wait_with_output().unwrap();
    o.stdout = rest.into_bytes();
    o
}

#[test]
fn sigint_raises_keyboard_interrupt() {
    // A busy loop: `finally` runs, the traceback names KeyboardInterrupt, status 130.
    let o = interrupt_after_ready(
        "print('ready', flush=True)\ntry:\n    while True: pass\nfinally:\n    print('finally')",
    );
    assert_eq!(stdout(&o), "finally\n");
    assert!(
        stderr(&o).ends_with("KeyboardInterrupt\n"),
        "{}",
        stderr(&o)
    );
    assert_eq!(o.status.code(), Some(130));
    // Blocked in time.sleep and in a lock's acquire: interrupted promptly, caught.
    for wait in [
        "import time; time.sleep(60)",
        "import _thread; l = _thread.allocate_lock(); l.acquire(); l.acquire()",
    ] {
        let code = format!(
            "print('ready', flush=True)\ntry:\n    {wait}\nexcept KeyboardInterrupt:\n    print('caught')"
        );
        let t = std::time::Instant::now();
        let o = interrupt_after_ready(&code);
        assert_eq!(stdout(&o), "caught\n", "{wait}: {}", stderr(&o));
        assert_eq!(o.status.code(), Some(0));
        assert!(t.elapsed() < std::time::Duration::from_secs(20), "{wait}");
    }
}

#[test]
fn stdlib_none_leaves_lib_off_the_path() {
    let code = "import sys; print(sys._stdlib_dir, sys.path[-1])";
    let o = weft(&["-X", "stdlib=none", "-c", code]);
    assert_eq!(stdout(&o), "None \n", "stderr: {}", stderr(&o));
    // A standard module that cannot be found says why; any other name keeps CPython's text.
    let o = weft(&["-X", "stdlib=none", "-c", "import json"]);
    let e = stderr(&o);
    assert!(
        e.contains("ModuleNotFoundError: No module named 'json' (weft runs without"),
        "stderr: {e}"
    );
    let o = weft(&["-X", "stdlib=none", "-c", "import no_such_mod_x"]);
    let e = stderr(&o);
    assert!(
        e.ends_with("ModuleNotFoundError: No module named 'no_such_mod_x'\n"),
        "stderr: {e}"
    );
}

#[test]
fn stdlib_dir_is_the_last_path_entry() {
    let d = scratch("stdlib");
    std::fs::write(
        d.join("only_in_fake_lib.py"),
        "print('from the fake Lib')\n",
    )
    .unwrap();
    let dir = d.to_str().unwrap();
    let code = "import sys; print(sys.path[-1] == sys._stdlib_dir); import only_in_fake_lib";
    let o = Command::new(env!("CARGO_BIN_EXE_weft"))
        .args(["-X", &format!("stdlib={dir}"), "-c", code])
        .env("WEFTPATH", "/weft/a:/weft/b")
        .output()
        .unwrap();
    assert_eq!(
        stdout(&o),
        "True\nfrom the fake Lib\n",
        "stderr: {}",
        stderr(&o)
    );
    let o = Command::new(env!("CARGO_BIN_EXE_weft"))
        .args(["-c", "import sys; print(sys.path)"])
        .env("WEFTPATH", "/weft/a:/weft/b")
        .env("WEFTSTDLIB", dir)
        .output()
        .unwrap();
    assert_eq!(stdout(&o), format!("['', '/weft/a', '/weft/b', '{dir}']\n"));
    // `-m` finds modules in the Lib too.
    let o = weft(&["-X", &format!("stdlib={dir}"), "-m", "only_in_fake_lib"]);
    assert_eq!(stdout(&o), "from the fake Lib\n", "stderr: {}", stderr(&o));
    // A frozen module wins over the Lib one.
    std::fs::write(d.join("heapq.py"), "raise SystemExit('Lib heapq used')\n").unwrap();
    let o = weft(&[
        "-X",
        &format!("stdlib={dir}"),
        "-c",
        "import heapq; print(heapq.__file__)",
    ]);
    assert_eq!(stdout(&o), "<frozen heapq>\n", "stderr: {}", stderr(&o));
    let o = weft(&["-X", "stdlib", "-c", "pass"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn atexit_callbacks_run_at_exit() {
    let code = "import atexit, sys\n\
                atexit.register(print, 'at exit')\n\
                atexit.register(lambda: 1 / 0)\n\
                sys.exit(3)\n";
    let o = weft(&["-c", code]);
    assert_eq!(stdout(&o), "at exit\n", "stderr: {}", stderr(&o));
    let e = stderr(&o);
    assert!(
        e.contains("Exception ignored in atexit callback"),
        "stderr: {e}"
    );
    assert!(e.contains("ZeroDivisionError"), "stderr: {e}");
    assert_eq!(o.status.code(), Some(3));
}

#[test]
fn dash_m_runs_inside_its_package() {
    // runpy's way: the package's __init__ runs first and relative imports work, for a
    // package's __main__ and for a module inside a subpackage.
    let d = scratch("dash-m-pkg");
    let pkg = d.join("pkg");
    std::fs::create_dir_all(pkg.join("sub")).unwrap();
    std::fs::write(pkg.join("__init__.py"), "print('pkg init')\nVALUE = 42\n").unwrap();
    std::fs::write(
        pkg.join("__main__.py"),
        "from . import VALUE\nprint('main', __name__, __package__, VALUE)\n",
    )
    .unwrap();
    std::fs::write(pkg.join("sub").join("__init__.py"), "").unwrap();
    std::fs::write(pkg.join("sub").join("helper.py"), "X = 7\n").unwrap();
    std::fs::write(
        pkg.join("sub").join("tool.py"),
        "from .. import VALUE\nfrom . import helper\nprint('tool', __name__, __package__, VALUE, helper.X)\n",
    )
    .unwrap();
    let run = |m: &str| {
        Command::new(env!("CARGO_BIN_EXE_weft"))
            .args(["-m", m])
            .current_dir(&d)
            .output()
            .expect("run weft")
    };
    let o = run("pkg");
    assert_eq!(
        stdout(&o),
        "pkg init\nmain __main__ pkg 42\n",
        "{}",
        stderr(&o)
    );
    let o = run("pkg.sub.tool");
    assert_eq!(
        stdout(&o),
        "pkg init\ntool __main__ pkg.sub 42 7\n",
        "{}",
        stderr(&o)
    );
}

#[test]
fn small_thread_stack_compiles_deep_code() {
    // The compiler recurses on the tree: a thread with a 256 KiB stack compiles on a
    // helper thread with room (Vm::compile_source) instead of overflowing its stack.
    let code = "import threading\n\
                def w():\n    compile('+'.join(['1'] * 100000), 'x', 'eval'); print('compiled')\n\
                threading.stack_size(256 * 1024)\n\
                t = threading.Thread(target=w); t.start(); t.join()\n";
    let o = weft(&["-c", code]);
    assert_eq!(stdout(&o), "compiled\n", "{}", stderr(&o));
}

/// The compiled-module cache (`vm/src/code_cache.rs`): a second run loads what the first
/// compiled and behaves the same (tracebacks included); an edited module is compiled
/// afresh; `WEFT_CACHE_DIR=` turns the cache off.
#[test]
fn compiled_module_cache() {
    let d = scratch("code_cache");
    let cache = d.join("cache");
    let module = d.join("cached_mod.py");
    let main = d.join("main.py");
    std::fs::write(&module, "def f(x):\n    return 10 // x\nVALUE = 'first'\n").unwrap();
    std::fs::write(
        &main,
        "import cached_mod\nprint(cached_mod.VALUE)\ncached_mod.f(0)\n",
    )
    .unwrap();
    let run = |cache_dir: &std::path::Path| {
        Command::new(env!("CARGO_BIN_EXE_weft"))
            .arg(&main)
            .env("WEFT_CACHE_DIR", cache_dir)
            .output()
            .expect("run weft")
    };
    // Entries live in one folder per weft build inside the cache folder.
    let build_dir = || {
        std::fs::read_dir(&cache)
            .unwrap()
            .next()
            .expect("a build folder")
            .unwrap()
            .path()
    };
    let entries = || std::fs::read_dir(build_dir()).map_or(0, |r| r.count());
    // Each entry's name and modification time: a module compiled again rewrites its entry.
    let stamps = || {
        let mut v: Vec<_> = std::fs::read_dir(build_dir())
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (e.file_name(), e.metadata().unwrap().modified().unwrap())
            })
            .collect();
        v.sort();
        v
    };
    let first = run(&cache);
    assert_eq!(stdout(&first), "first\n");
    let n = entries();
    assert!(n > 0, "nothing cached");
    let before = stamps();
    let second = run(&cache);
    assert_eq!(stdout(&second), stdout(&first));
    assert_eq!(stderr(&second), stderr(&first));
    assert!(
        stderr(&second).contains("return 10 // x\n"),
        "{}",
        stderr(&second)
    );
    assert_eq!(stamps(), before, "a cached module was compiled again");
    std::fs::write(&module, "def f(x):\n    return 10 // x\nVALUE = 'second'\n").unwrap();
    assert_eq!(stdout(&run(&cache)), "second\n");
    assert_eq!(entries(), n + 1);
    let off = Command::new(env!("CARGO_BIN_EXE_weft"))
        .arg(&main)
        .env("WEFT_CACHE_DIR", "")
        .output()
        .expect("run weft");
    assert_eq!(stdout(&off), "second\n");
}
