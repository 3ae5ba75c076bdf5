//! The `weft` command's switches that change how programs run, beside `python3`'s:
//! `-O`, `-W`/PYTHONWARNINGS, `-E`/`-I`/`-P`, PYTHONPATH, `sys.flags`, `-i`, `-m` of a
//! frozen module.
mod common;
use common::Scratch;
use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Run `prog` with `args`, the environment variables `env` set, and `input` on stdin.
fn run(prog: &str, args: &[&str], env: &[(&str, &str)], input: &str) -> Output {
    let mut cmd = Command::new(prog);
    cmd.args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for var in ["PYTHONPATH", "PYTHONWARNINGS", "PYTHONINSPECT", "WEFTPATH"] {
        cmd.env_remove(var);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("spawn");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn weft(args: &[&str], env: &[(&str, &str)]) -> Output {
    run(env!("CARGO_BIN_EXE_weft"), args, env, "")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// weft's stdout, checked against python3's for the same command line.
fn same_as_python(args: &[&str], env: &[(&str, &str)], input: &str) -> String {
    let w = run(env!("CARGO_BIN_EXE_weft"), args, env, input);
    let p = run("python3", args, env, input);
    assert_eq!(
        text(&w.stdout),
        text(&p.stdout),
        "weft stderr: {}",
        text(&w.stderr)
    );
    assert_eq!(w.status.code(), p.status.code(), "{}", text(&w.stderr));
    text(&w.stdout)
}

fn scratch(name: &str) -> Scratch {
    Scratch::new(&format!("weft-flags-{name}"))
}

#[test]
fn optimize_strips_asserts_and_debug() {
    let code = "import sys\nassert False, 'kept'\nprint(__debug__, sys.flags.optimize)\n\
                if __debug__: print('debug block')\n";
    let out = same_as_python(&["-O", "-c", code], &[], "");
    assert_eq!(out, "False 1\n");
    let out = same_as_python(&["-OO", "-c", code], &[], "");
    assert_eq!(out, "False 2\n");
    let o = weft(&["-c", code], &[]);
    assert!(text(&o.stderr).contains("AssertionError: kept"));
    assert_eq!(o.status.code(), Some(1));
    // Modules imported under -O lose their asserts too.
    let d = scratch("opt-import");
    std::fs::write(d.join("checked.py"), "assert 1 == 2\nOK = True\n").unwrap();
    let dir = d.to_string_lossy().into_owned();
    let out = same_as_python(
        &["-O", "-c", "import checked; print(checked.OK)"],
        &[("PYTHONPATH", &dir)],
        "",
    );
    assert_eq!(out, "True\n");
}

#[test]
fn flags_match_python() {
    // The fields CPython 3.11 shares with 3.14 (3.11 lacks the last four).
    let code = "import sys; f = sys.flags; print([getattr(f, n) for n in ('debug', 'inspect', \
                'interactive', 'optimize', 'no_user_site', 'no_site', 'ignore_environment', \
                'verbose', 'bytes_warning', 'quiet', 'isolated', 'dev_mode', 'utf8_mode', \
                'safe_path')])";
    same_as_python(&["-c", code], &[], "");
    same_as_python(&["-s", "-S", "-q", "-O", "-c", code], &[], "");
    same_as_python(&["-E", "-vv", "-b", "-c", code], &[], "");
    same_as_python(&["-I", "-c", code], &[], "");
    same_as_python(&["-P", "-X", "dev", "-c", code], &[], "");
}

#[test]
fn pythonpath_and_isolation() {
    let d = scratch("pythonpath");
    std::fs::write(d.join("onpath.py"), "X = 'found'\n").unwrap();
    let dir = d.to_string_lossy().into_owned();
    let env = [("PYTHONPATH", dir.as_str())];
    let out = same_as_python(
        &[
            "-c",
            "import sys, onpath; print(onpath.X, sys.path[1] == sys.argv[1])",
            &dir,
        ],
        &env,
        "",
    );
    assert_eq!(out, "found True\n");
    // -E and -I ignore it; -I and -P leave the script's folder off sys.path.
    let code = format!("import sys; print({dir:?} in sys.path, sys.path[0] == '')");
    for switch in ["-E", "-I", "-P"] {
        same_as_python(&[switch, "-c", &code], &env, "");
    }
}

#[test]
fn warning_options() {
    let code =
        "import sys, warnings; print(sys.warnoptions); warnings.warn('boom'); print('after')";
    let env = [("PYTHONWARNINGS", "error::UserWarning")];
    // PYTHONWARNINGS makes the warning an error; a later -W wins over it.
    let out = same_as_python(&["-c", code], &env, "");
    assert_eq!(out, "['error::UserWarning']\n");
    let out = same_as_python(&["-W", "ignore", "-c", code], &env, "");
    assert_eq!(out, "['error::UserWarning', 'ignore']\nafter\n");
    let out = same_as_python(&["-E", "-c", code], &env, "");
    assert_eq!(out, "[]\nafter\n");
}

#[test]
fn inspect_after_command() {
    // -i reads the prompt's input from stdin after the command, even after an error.
    let out = same_as_python(&["-i", "-c", "x = 20"], &[], "print(x + 1)\n");
    assert_eq!(out, "21\n");
    let out = same_as_python(
        &["-i", "-c", "y = 1\n1/0"],
        &[],
        "print(y)\nraise SystemExit(3)\n",
    );
    assert_eq!(out, "1\n");
    let o = run(
        env!("CARGO_BIN_EXE_weft"),
        &["-i", "-c", "1/0"],
        &[],
        "def f(a,\n      b):\n    return a * b\n\nprint(f(6, 7))\n",
    );
    assert_eq!(text(&o.stdout), "42\n", "{}", text(&o.stderr));
    assert!(text(&o.stderr).contains("ZeroDivisionError"));
    assert!(
        text(&o.stderr).contains("... "),
        "ps2 shown for the open bracket"
    );
}

#[test]
fn dash_m_frozen_and_library_modules() {
    // heapq is frozen into weft (a file in CPython's Lib): it runs, as python3's does.
    let o = weft(&["-m", "heapq"], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(text(&o.stderr), "");
    // A module from CPython's Lib, found on sys.path, with its arguments.
    let o = weft(&["-m", "timeit", "-n", "10", "-r", "1", "x = 1"], &[]);
    assert!(
        text(&o.stdout).contains("10 loops, best of 1:"),
        "{}{}",
        text(&o.stdout),
        text(&o.stderr)
    );
    // sys.argv[0] is the module's file.
    let d = scratch("argv0");
    std::fs::write(d.join("show_argv.py"), "import sys; print(sys.argv)\n").unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_weft"))
        .args(["-m", "show_argv", "a"])
        .current_dir(&d)
        .output()
        .unwrap();
    let file = d.join("show_argv.py").canonicalize().unwrap();
    assert_eq!(
        text(&o.stdout),
        format!("['{}', 'a']\n", file.to_string_lossy())
    );
}

#[test]
fn gc_log_and_pause_percentiles() {
    let d = scratch("gclog");
    let log = d.join("gc.log");
    let log_arg = format!("gclog={}", log.to_string_lossy());
    let code = "import gc\nkeep = []\nfor i in range(3):\n    keep.append([[j] for j in range(20000)])\n    gc.collect()\n";
    let o = weft(&["-X", "gcstats", "-X", &log_arg, "-c", code], &[]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let report = text(&o.stderr);
    let line = report
        .lines()
        .find(|l| l.trim_start().starts_with("pause percentiles"))
        .unwrap_or_else(|| panic!("no percentiles in {report}"));
    assert!(line.contains("p50 ") && line.contains("p99 "), "{line}");
    let collections: usize = report
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("collections"))
        .and_then(|n| n.trim().parse().ok())
        .expect("collections line");
    let log = std::fs::read_to_string(&log).unwrap();
    let lines: Vec<&str> = log.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(lines.len(), collections, "{log}");
    assert!(lines.len() >= 3);
    for l in &lines {
        let fields: Vec<&str> = l.split(' ').map(|f| f.split('=').next().unwrap()).collect();
        for want in [
            "t_us",
            "pause_us",
            "mark_us",
            "sweep_us",
            "heap_bytes",
            "live_bytes",
            "marked",
            "freed",
            "weakrefs_cleared",
        ] {
            assert!(fields.contains(&want), "{want} missing in {l}");
        }
    }
    // The live heap grows with what the program keeps.
    let live = |l: &str| -> u64 {
        l.split(' ')
            .find_map(|f| f.strip_prefix("live_bytes="))
            .unwrap()
            .parse()
            .unwrap()
    };
    assert!(live(lines[lines.len() - 1]) > live(lines[0]), "{log}");
    let o = weft(&["-X", "gclog=/nonexistent/dir/gc.log", "-c", "pass"], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("can't open the gc log"));
}

#[test]
fn startup_file_before_the_prompt() {
    let d = scratch("startup");
    let f = d.join("startup.py");
    std::fs::write(&f, "greeting = 'hello from startup'\n").unwrap();
    let f = f.to_string_lossy().into_owned();
    let env = [("PYTHONSTARTUP", f.as_str())];
    let out = same_as_python(&["-i"], &env, "print(greeting)\n");
    assert_eq!(out, "hello from startup\n");
    // Not after a command, and not under -E.
    same_as_python(&["-i", "-c", "pass"], &env, "print('greeting' in dir())\n");
    same_as_python(&["-E", "-i"], &env, "print('greeting' in dir())\n");
}

#[test]
fn dash_oo_drops_docstrings() {
    let code = "\"\"\"mod\"\"\"\ndef f():\n    \"\"\"doc\"\"\"\nclass C:\n    \"\"\"cdoc\"\"\"\n\
                print(__doc__, f.__doc__, C.__doc__)\n";
    assert_eq!(same_as_python(&["-c", code], &[], ""), "mod doc cdoc\n");
    assert_eq!(
        same_as_python(&["-O", "-c", code], &[], ""),
        "mod doc cdoc\n"
    );
    assert_eq!(
        same_as_python(&["-OO", "-c", code], &[], ""),
        "None None None\n"
    );
}

/// `weft -m NAME`'s message and status when there is nothing to run, as runpy says it
/// (after the program name).
fn dash_m_refusal(dir: &std::path::Path, name: &str) -> (String, Option<i32>) {
    let o = Command::new(env!("CARGO_BIN_EXE_weft"))
        .args(["-m", name])
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let err = text(&o.stderr);
    let msg = err
        .split_once(": ")
        .map_or(err.clone(), |(_, m)| m.to_string());
    (msg, o.status.code())
}

#[test]
fn dash_m_refuses_as_runpy() {
    let d = scratch("dash-m-refusals");
    std::fs::create_dir_all(d.join("plainpkg")).unwrap();
    std::fs::write(d.join("plainpkg").join("__init__.py"), "").unwrap();
    std::fs::create_dir_all(d.join("nsdir")).unwrap();
    for (name, want) in [
        ("math", "No code object available for math\n"),
        ("sys", "No code object available for sys\n"),
        (
            "plainpkg",
            "No module named plainpkg.__main__; 'plainpkg' is a package and cannot be \
             directly executed\n",
        ),
        (
            "nsdir",
            "No module named nsdir.__main__; 'nsdir' is a package and cannot be directly \
             executed\n",
        ),
        ("nsdir.x", "No module named nsdir.x\n"),
        (
            "nosuchthing.mod",
            "Error while finding module specification for 'nosuchthing.mod' \
             (ModuleNotFoundError: No module named 'nosuchthing')\n",
        ),
        (
            "math.x",
            "Error while finding module specification for 'math.x' (ModuleNotFoundError: \
             __path__ attribute not found on 'math' while trying to find 'math.x')\n",
        ),
    ] {
        assert_eq!(
            dash_m_refusal(&d, name),
            (want.to_string(), Some(1)),
            "-m {name}"
        );
    }
}

#[test]
fn json_tool_reads_stdin() {
    let doc = "{\"b\": [1, 2, {\"c\": null}], \"a\": \"\\u00e9\"}\n";
    same_as_python(&["-m", "json.tool"], &[], doc);
    same_as_python(
        &["-m", "json.tool", "--sort-keys", "--indent", "2"],
        &[],
        doc,
    );
    same_as_python(
        &["-m", "json.tool", "--json-lines"],
        &[],
        "{\"x\": 1}\n[2]\n\"s\"\n",
    );
    // Bad input: CPython's message and status.
    let w = weft(&["-m", "json.tool"], &[]);
    assert_eq!(w.status.code(), Some(1));
    same_as_python(&["-m", "json.tool"], &[], "{bad\n");
}
